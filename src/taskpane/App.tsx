/**
 * The task pane. It holds what the planner is doing (forms, the last evaluation, which command runs) and gets
 * everything about the workbook through `actions`, so the same component runs in Excel, in the browser preview
 * and in the tests. It must not import office-host.ts.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Tab,
  TabList,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import type { Lang } from '../i18n/format';
import { uiText } from '../i18n/ui';
import type { PlanLine } from '../plan/schema';
import type { CellRef, DetectResult, EvaluateStage, PaneActions } from './actions';
import { describeError } from './describe-error';
import {
  checklistFormFromPlan,
  checklistFromForm,
  emptyHeaderForm,
  headerFormFromPlan,
  headerFromForm,
  scenariosOf,
  type ChecklistForm,
  type HeaderErrors,
  type HeaderForm,
} from './form';
import { LanguageSwitch } from './components/LanguageSwitch';
import { StartPanel } from './components/StartPanel';
import { PlanPanel } from './components/PlanPanel';
import { initialLineFormState, type LineFormState } from './components/LineFormView';
import { EvaluatePanel } from './components/EvaluatePanel';
import { ChecklistPanel } from './components/ChecklistPanel';
import { ExportPanel } from './components/ExportPanel';
import { panelOf, TABS, type Busy, type Notice, type ShownResult, type TabValue } from './state';

interface AppCommonProps {
  actions: PaneActions;
  /** Told when the planner switches language, so the host writes results in the language they read. */
  onLangChange?: (lang: Lang) => void;
}

/**
 * The pane's language is either the host's (`lang`, controlled: the pane's own switch only asks for a change through
 * `onLangChange`, and the host passes the new `lang` back) or the pane's own, starting at `initialLang`. Either way a
 * change of language keeps the forms and the last result: the pane is not mounted again.
 */
export type AppProps = AppCommonProps & ({ lang: Lang; initialLang?: Lang } | { lang?: undefined; initialLang: Lang });

const useStyles = makeStyles({
  root: {
    backgroundColor: tokens.colorNeutralBackground1,
  },
  page: {
    maxWidth: '560px',
    marginLeft: 'auto',
    marginRight: 'auto',
    paddingLeft: tokens.spacingHorizontalL,
    paddingRight: tokens.spacingHorizontalL,
    boxSizing: 'border-box',
  },
  header: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    paddingTop: tokens.spacingVerticalL,
    paddingBottom: tokens.spacingVerticalS,
  },
  titleRow: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXS,
  },
  title: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
  },
  tagline: {
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground3,
  },
  tabs: {
    flexWrap: 'wrap',
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`,
    borderBottomStyle: 'solid',
    borderBottomWidth: tokens.strokeWidthThin,
    borderBottomColor: tokens.colorNeutralStroke2,
  },
  error: {
    marginTop: tokens.spacingVerticalM,
  },
});

export function App({ actions, lang: controlledLang, initialLang, onLangChange }: AppProps) {
  const styles = useStyles();
  const [ownLang, setOwnLang] = useState<Lang>(() => controlledLang ?? initialLang ?? 'ja');
  const lang = controlledLang ?? ownLang;
  const t = uiText(lang);
  const [tab, setTab] = useState<TabValue>('start');
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const [workbook, setWorkbook] = useState<DetectResult | null>(null);
  const [header, setHeader] = useState<HeaderForm>(emptyHeaderForm);
  const [headerErrors, setHeaderErrors] = useState<HeaderErrors>({});
  const [lineForm, setLineForm] = useState<LineFormState>(() => initialLineFormState());
  const [checklist, setChecklist] = useState<ChecklistForm>(() => checklistFormFromPlan(null));
  const [stage, setStage] = useState<EvaluateStage | null>(null);
  const [result, setResult] = useState<ShownResult | null>(null);
  const [focusResult, setFocusResult] = useState(false);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const busyRef = useRef(false);
  /** True while the pane's own Evaluate runs: the evaluation heard then is the one it asked for. */
  const paneEvaluating = useRef(false);

  const changeLang = (next: Lang) => {
    if (controlledLang === undefined) setOwnLang(next);
    onLangChange?.(next);
  };

  // Every evaluation, whoever asked for it: after an edit in the sheet the host evaluates again, and the findings
  // listed here follow, without taking the focus from where the planner is typing.
  useEffect(
    () =>
      actions.onEvaluated((value) => {
        setResult({ value, elsewhere: !paneEvaluating.current });
      }),
    [actions],
  );

  /** Runs one command: busy while it runs, its failure shown as a plain message. */
  const run = useCallback(async <T,>(kind: Busy, fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> => {
    if (busyRef.current) return { ok: false };
    busyRef.current = true;
    setBusy(kind);
    setError(null);
    try {
      return { ok: true, value: await fn() };
    } catch (e) {
      setError(e);
      return { ok: false };
    } finally {
      busyRef.current = false;
      setBusy(null);
    }
  }, []);

  /** Reads the workbook; `resetForms` also refills the header and checklist forms from it. */
  const readWorkbook = useCallback(
    async (resetForms: boolean) => {
      const r = await actions.detect();
      setWorkbook(r);
      if (resetForms) {
        setHeader(headerFormFromPlan(r.plan));
        setHeaderErrors({});
        setChecklist(checklistFormFromPlan(r.plan));
      }
      return r;
    },
    [actions],
  );

  const reload = useCallback(() => {
    setNotice(null);
    return run('detect', () => readWorkbook(true));
  }, [run, readWorkbook]);

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(() => {
    if (focusResult) {
      resultHeading.current?.focus();
      setFocusResult(false);
    }
  }, [focusResult]);

  const createPlan = async () => {
    setNotice(null);
    const r = await run('create', async () => {
      await actions.createPlan(lang);
      return readWorkbook(true);
    });
    if (r.ok) setNotice({ kind: 'created' });
  };

  const saveHeader = async () => {
    setNotice(null);
    const parsed = headerFromForm(header);
    setHeaderErrors(parsed.errors ?? {});
    if (!parsed.header) return false;
    const payload = parsed.header;
    const r = await run('header', () => actions.saveHeader(payload));
    if (r.ok) setNotice({ kind: 'headerSaved' });
    return r.ok;
  };

  const addLine = async (line: PlanLine) => {
    setNotice(null);
    const r = await run('line', async () => {
      await actions.addLine(line);
      await readWorkbook(false);
    });
    if (r.ok) setNotice({ kind: 'lineAdded', scenario: line.scenario });
    return r.ok;
  };

  const saveChecklist = async () => {
    setNotice(null);
    const r = await run('checklist', () => actions.saveChecklist(checklistFromForm(checklist)));
    if (r.ok) setNotice({ kind: 'checklistSaved' });
  };

  const evaluate = async () => {
    setNotice(null);
    setStage('reading');
    const r = await run('evaluate', async () => {
      paneEvaluating.current = true;
      try {
        return await actions.evaluate((s) => setStage(s));
      } finally {
        paneEvaluating.current = false;
      }
    });
    setStage(null);
    if (r.ok) {
      setResult({ value: r.value, elsewhere: false });
      setFocusResult(true);
    }
  };

  const exportSummary = async () => {
    setNotice(null);
    const r = await run('export', () => actions.exportSummary());
    if (r.ok) setNotice({ kind: 'exported' });
  };

  const selectCell = (cell: CellRef) => {
    void run('select', () => actions.selectCell(cell));
  };

  const scenarios = useMemo(() => scenariosOf(workbook?.plan), [workbook]);
  const hasPlan = workbook?.hasPlan ?? false;
  const noticeFor = (panel: TabValue) => (notice && panelOf(notice) === panel ? notice : null);

  return (
    <FluentProvider theme={webLightTheme} className={styles.root} lang={lang}>
      <div className={styles.page}>
        <header className={styles.header}>
          <div className={styles.titleRow}>
            <h1 className={styles.title}>{t.productName}</h1>
            <LanguageSwitch lang={lang} label={t.languageGroup} onChange={changeLang} />
          </div>
          <p className={styles.tagline}>{t.tagline}</p>
        </header>

        <TabList
          className={styles.tabs}
          size="small"
          selectedValue={tab}
          onTabSelect={(_, d) => setTab(d.value as TabValue)}
          aria-label={t.tabsLabel}
        >
          {TABS.map((value) => (
            <Tab key={value} value={value} id={`tab-${value}`} aria-controls={value === tab ? `panel-${value}` : undefined}>
              {t.tabs[value]}
            </Tab>
          ))}
        </TabList>

        {error !== null && (
          <MessageBar intent="error" layout="multiline" className={styles.error}>
            <MessageBarBody>{describeError(error, lang)}</MessageBarBody>
            <MessageBarActions>
              <Button size="small" onClick={() => setError(null)}>
                {t.dismiss}
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}

        <TabPanel value="start" selected={tab}>
          <StartPanel
            lang={lang}
            workbook={workbook}
            busy={busy}
            notice={noticeFor('start')}
            onCreate={createPlan}
            onReload={reload}
            onNext={() => setTab('plan')}
          />
        </TabPanel>
        <TabPanel value="plan" selected={tab}>
          <PlanPanel
            lang={lang}
            hasPlan={hasPlan}
            busy={busy}
            notice={noticeFor('plan')}
            header={header}
            headerErrors={headerErrors}
            onHeaderChange={setHeader}
            onSaveHeader={saveHeader}
            scenarios={scenarios}
            lineForm={lineForm}
            onLineFormChange={setLineForm}
            onAddLine={addLine}
          />
        </TabPanel>
        <TabPanel value="checklist" selected={tab}>
          <ChecklistPanel
            lang={lang}
            hasPlan={hasPlan}
            busy={busy}
            notice={noticeFor('checklist')}
            joint={header.joint}
            form={checklist}
            onChange={setChecklist}
            onSave={saveChecklist}
          />
        </TabPanel>
        <TabPanel value="evaluate" selected={tab}>
          <EvaluatePanel
            lang={lang}
            hasPlan={hasPlan}
            busy={busy}
            stage={stage}
            result={result?.value ?? null}
            updatedElsewhere={result?.elsewhere ?? false}
            headingRef={resultHeading}
            onRun={evaluate}
            onSelectCell={selectCell}
          />
        </TabPanel>
        <TabPanel value="export" selected={tab}>
          <ExportPanel lang={lang} hasPlan={hasPlan} busy={busy} notice={noticeFor('export')} onRun={exportSummary} />
        </TabPanel>
      </div>
    </FluentProvider>
  );
}

/**
 * Only the selected panel is rendered: a long checklist and findings list stay out of the page until asked for.
 * Form state lives in App, so half-typed forms survive a look at another tab.
 */
function TabPanel({ value, selected, children }: { value: TabValue; selected: TabValue; children: ReactNode }) {
  if (value !== selected) return null;
  return (
    <div role="tabpanel" id={`panel-${value}`} aria-labelledby={`tab-${value}`}>
      {children}
    </div>
  );
}

export default App;
