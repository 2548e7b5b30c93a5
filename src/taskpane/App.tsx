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
import { scenarioLabel, uiText } from '../i18n/ui';
import { supplierHoldsCore } from '../evaluate';
import type { PlanLine } from '../plan/schema';
import type { CellRef, DetectResult, EvaluateStage, LineEdit, LocatedFinding, PaneActions } from './actions';
import { describeError } from './describe-error';
import {
  checklistFormFromPlan,
  checklistFromForm,
  emptyHeaderForm,
  headerFormFromPlan,
  headerFromForm,
  headerPatch,
  scenariosOf,
  type ChecklistForm,
  type HeaderErrors,
  type HeaderFieldKey,
  type HeaderForm,
} from './form';
import { checklistIdOf, flattenChecklist, rebase, resolve, unflattenChecklist, unsavedFields, type FlatChecklist } from './merge';
import { copyScenario, deleteScenario, renameScenario } from './scenarios';
import { closingValue } from './review';
import { LanguageSwitch } from './components/LanguageSwitch';
import { StartPanel } from './components/StartPanel';
import { PlanPanel } from './components/PlanPanel';
import { LinesPanel } from './components/LinesPanel';
import { initialLineFormState, type LineFormState } from './components/LineFormView';
import { EvaluatePanel } from './components/EvaluatePanel';
import { ChecklistPanel } from './components/ChecklistPanel';
import { ExportPanel } from './components/ExportPanel';
import { ackKey, cellLabel } from './components/FindingsList';
import { panelOf, TABS, type Busy, type Notice, type ShownResult, type TabValue } from './state';

interface AppCommonProps {
  actions: PaneActions;
  /** Told when the planner switches language, so the host writes results in the language they read. */
  onLangChange?: (lang: Lang) => void;
  /**
   * What the host has read from the workbook already (the preview's build-time start read): the pane is drawn from
   * it at once and does not read the workbook as it mounts.
   */
  initialRead?: DetectResult;
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
    // One row at 350 px in both languages (test/e2e screenshots check it): the tabs never wrap.
    flexWrap: 'nowrap',
    // Six tabs in 326 px: 12 px labels and 2 px sides (measured at 350 px: en 14 px labels needed 404 px).
    '& button': { paddingLeft: tokens.spacingHorizontalXXS, paddingRight: tokens.spacingHorizontalXXS, minWidth: 0 },
    // Both copies of the label: the visible one and the hidden bold one a Tab keeps to reserve its selected width.
    '& .fui-Tab__content, & .fui-Tab__content--reserved-space': { fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
    marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`,
    borderBottomStyle: 'solid',
    borderBottomWidth: tokens.strokeWidthThin,
    borderBottomColor: tokens.colorNeutralStroke2,
  },
  error: {
    marginTop: tokens.spacingVerticalM,
  },
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

/** The last forecast the pane changed ("set to required"), so "undo last change" can put it back. */
interface Undo {
  index: number;
  before: PlanLine;
  after: PlanLine;
}

export function App({ actions, lang: controlledLang, initialLang, onLangChange, initialRead }: AppProps) {
  const styles = useStyles();
  const [ownLang, setOwnLang] = useState<Lang>(() => controlledLang ?? initialLang ?? 'ja');
  const lang = controlledLang ?? ownLang;
  const t = uiText(lang);
  const [tab, setTab] = useState<TabValue>('start');
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const [workbook, setWorkbook] = useState<DetectResult | null>(initialRead ?? null);
  // Each form keeps the values it was filled from (its base), so a save writes only what the planner changed.
  const [header, setHeader] = useState<HeaderForm>(() => (initialRead ? headerFormFromPlan(initialRead.plan) : emptyHeaderForm()));
  const [headerBase, setHeaderBase] = useState<HeaderForm>(() => (initialRead ? headerFormFromPlan(initialRead.plan) : emptyHeaderForm()));
  const [headerTheirs, setHeaderTheirs] = useState<HeaderForm | null>(null);
  const [headerConflicts, setHeaderConflicts] = useState<HeaderFieldKey[]>([]);
  const [headerErrors, setHeaderErrors] = useState<HeaderErrors>({});
  const [lineForm, setLineForm] = useState<LineFormState>(() => initialLineFormState());
  const [checklist, setChecklist] = useState<ChecklistForm>(() => checklistFormFromPlan(initialRead?.plan ?? null));
  const [checklistBase, setChecklistBase] = useState<ChecklistForm>(() => checklistFormFromPlan(initialRead?.plan ?? null));
  const [checklistTheirs, setChecklistTheirs] = useState<ChecklistForm | null>(null);
  const [checklistConflicts, setChecklistConflicts] = useState<string[]>([]);
  const [stage, setStage] = useState<EvaluateStage | null>(null);
  const [result, setResult] = useState<ShownResult | null>(null);
  const [focusResult, setFocusResult] = useState(false);
  const [undo, setUndo] = useState<Undo | null>(null);
  const [pending, setPending] = useState<{ text: string; run: () => void; cancel: () => void } | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const busyRef = useRef(false);
  /** True while the pane's own Evaluate runs: the evaluation heard then is the one it asked for. */
  const paneEvaluating = useRef(false);
  // The latest forms, for a re-read to merge into without a stale closure.
  const forms = useRef({ header, headerBase, checklist, checklistBase });
  forms.current = { header, headerBase, checklist, checklistBase };

  const changeLang = (next: Lang) => {
    if (controlledLang === undefined) setOwnLang(next);
    onLangChange?.(next);
  };

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

  /**
   * Reads the workbook. `resetForms` refills the forms from it; otherwise every field the planner has not changed
   * takes the workbook's value (an edit in the sheet shows in the pane), and fields being edited are kept.
   */
  const readWorkbook = useCallback(
    async (resetForms: boolean) => {
      const r = await actions.detect();
      setWorkbook(r);
      const theirsHeader = headerFormFromPlan(r.plan);
      const theirsChecklist = checklistFormFromPlan(r.plan);
      if (resetForms) {
        setHeader(theirsHeader);
        setHeaderBase(theirsHeader);
        setHeaderErrors({});
        setHeaderConflicts([]);
        setChecklist(theirsChecklist);
        setChecklistBase(theirsChecklist);
        setChecklistConflicts([]);
      } else {
        const f = forms.current;
        const h = rebase(f.headerBase, f.header, theirsHeader);
        setHeader(h.form);
        setHeaderBase(h.base);
        const c = rebase(flattenChecklist(f.checklistBase), flattenChecklist(f.checklist), flattenChecklist(theirsChecklist));
        setChecklist(unflattenChecklist(c.form));
        setChecklistBase(unflattenChecklist(c.base));
      }
      return r;
    },
    [actions],
  );

  // Every evaluation, whoever asked for it: after an edit in the sheet the host evaluates again, and the findings
  // listed here follow, without taking the focus from where the planner is typing; the forms pick up the edit too.
  useEffect(
    () =>
      actions.onEvaluated((value) => {
        setResult({ value, elsewhere: !paneEvaluating.current });
        if (!paneEvaluating.current && !busyRef.current) void readWorkbook(false).catch(() => undefined);
      }),
    [actions, readWorkbook],
  );

  const reload = useCallback(() => {
    setNotice(null);
    return run('detect', () => readWorkbook(true));
  }, [run, readWorkbook]);

  useEffect(() => {
    if (!initialRead) void reload();
  }, [reload, initialRead]);

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

  /**
   * Saves the Plan tab: reads the workbook again, writes only the fields changed here, and stops to ask where the
   * sheet changed a field the planner changed too.
   */
  const saveHeader = async () => {
    setNotice(null);
    const parsed = headerFromForm(header);
    setHeaderErrors(parsed.errors ?? {});
    if (!parsed.header) return false;
    const r = await run('header', async () => {
      const read = await actions.detect();
      setWorkbook(read);
      const theirs = headerFormFromPlan(read.plan);
      const rb = rebase(headerBase, header, theirs);
      setHeader(rb.form);
      setHeaderBase(rb.base);
      setHeaderTheirs(theirs);
      setHeaderConflicts(rb.conflicts);
      if (rb.conflicts.length > 0) return 'conflicts' as const;
      if (rb.changed.length === 0) return 'nothing' as const;
      const full = headerFromForm(rb.form).header!;
      await actions.saveHeader(headerPatch(full, rb.changed));
      setHeaderBase(rb.form);
      return 'saved' as const;
    });
    if (r.ok && r.value !== 'conflicts') setNotice({ kind: 'headerSaved', nothing: r.value === 'nothing' });
    return r.ok && r.value === 'saved';
  };

  const resolveHeader = (field: HeaderFieldKey, choice: 'mine' | 'theirs') => {
    if (!headerTheirs) return;
    const next = resolve({ form: header, base: headerBase }, field, headerTheirs[field], choice);
    setHeader(next.form);
    setHeaderBase(next.base);
    setHeaderConflicts((c) => c.filter((f) => f !== field));
  };

  const saveChecklist = async () => {
    setNotice(null);
    const r = await run('checklist', async () => {
      const read = await actions.detect();
      setWorkbook(read);
      const theirs = checklistFormFromPlan(read.plan);
      const rb = rebase<FlatChecklist>(flattenChecklist(checklistBase), flattenChecklist(checklist), flattenChecklist(theirs));
      const merged = unflattenChecklist(rb.form);
      setChecklist(merged);
      setChecklistBase(unflattenChecklist(rb.base));
      setChecklistTheirs(theirs);
      const conflicts = [...new Set(rb.conflicts.map((k) => checklistIdOf(String(k))))];
      setChecklistConflicts(conflicts);
      if (conflicts.length > 0) return 'conflicts' as const;
      const ids = [...new Set(rb.changed.map((k) => checklistIdOf(String(k))))];
      if (ids.length === 0) return 'nothing' as const;
      await actions.saveChecklist(checklistFromForm(merged, ids));
      setChecklistBase(merged);
      return 'saved' as const;
    });
    if (r.ok && r.value !== 'conflicts') setNotice({ kind: 'checklistSaved', nothing: r.value === 'nothing' });
  };

  const resolveChecklist = (id: string, choice: 'mine' | 'theirs') => {
    if (!checklistTheirs) return;
    const theirs = checklistTheirs[id];
    const base = { ...checklistBase, [id]: theirs };
    setChecklistBase(base);
    if (choice === 'theirs') setChecklist({ ...checklist, [id]: theirs });
    setChecklistConflicts((c) => c.filter((x) => x !== id));
  };

  /** One line edit, then the workbook read again (the forms keep what the planner is typing). */
  const editLines = async (kind: Busy, edit: LineEdit, done: Notice | null, after?: () => Promise<void>) => {
    setNotice(null);
    const r = await run(kind, async () => {
      await actions.editLines(edit);
      await after?.();
      await readWorkbook(false);
    });
    if (r.ok && done) setNotice(done);
    return r.ok;
  };

  const plan = workbook?.plan ?? null;

  const submitLine = async (line: PlanLine, editing: number | null) => {
    if (editing === null) {
      setNotice(null);
      const r = await run('line', async () => {
        await actions.addLine(line);
        await readWorkbook(false);
      });
      if (r.ok) setNotice({ kind: 'lineAdded', scenario: scenarioLabel(line.scenario, lang) });
      return r.ok;
    }
    const expected = plan?.lines[editing];
    return editLines('line', { update: [{ index: editing, line, ...(expected ? { expected } : {}) }] }, { kind: 'lineUpdated' });
  };

  const duplicateLine = (index: number) => {
    const line = plan?.lines[index];
    if (line) void editLines('line', { add: [structuredCloneLine(line)] }, { kind: 'lineDuplicated' });
  };

  const removeLine = (index: number) => {
    const line = plan?.lines[index];
    if (line) void editLines('line', { remove: [{ index, expected: line }] }, { kind: 'lineRemoved' });
  };

  const copyScenarioTo = async (from: string, to: string, percent: number) => {
    if (!plan) return false;
    if (from === '') {
      // An empty scenario exists once it has a line: the line form starts it.
      setLineForm((st) => ({ ...st, editing: null, form: { ...st.form, scenario: to } }));
      setNotice({ kind: 'scenarioStarted', name: to });
      return true;
    }
    return editLines('scenario', copyScenario(plan, from, to, percent), { kind: 'scenarioCreated', name: scenarioLabel(to, lang) });
  };

  const renameScenarioTo = (from: string, to: string) => {
    if (!plan) return;
    const follow = plan.submissionScenario === from;
    void editLines('scenario', renameScenario(plan, from, to), { kind: 'scenarioRenamed', from: scenarioLabel(from, lang), to }, follow ? () => actions.saveHeader({ submissionScenario: to }) : undefined);
  };

  const removeScenario = (name: string) => {
    if (!plan) return;
    const follow = plan.submissionScenario === name;
    void editLines('scenario', deleteScenario(plan, name), { kind: 'scenarioRemoved', name: scenarioLabel(name, lang) }, follow ? () => actions.saveHeader({ submissionScenario: '' }) : undefined);
  };

  const markSubmission = async (name: string) => {
    setNotice(null);
    const r = await run('scenario', async () => {
      await actions.saveHeader({ submissionScenario: name });
      await readWorkbook(false);
    });
    if (r.ok) setNotice({ kind: 'submissionSet', name: scenarioLabel(name, lang) });
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

  const fmt = (v: number) => v.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US', { maximumFractionDigits: 3 });

  /**
   * "Set to required": the forecast of the finding's line for that year raised by the group's shortfall (rounded
   * up for whole units), after a confirmation; the line as it was is kept for "undo last change".
   */
  const setRequired = (finding: LocatedFinding) => {
    const evaluation = result?.value.evaluation;
    if (!plan || !evaluation || finding.line === undefined || finding.year === undefined || finding.group === undefined || !finding.gap) return;
    const before = plan.lines[finding.line];
    const groupYear = evaluation.groups[finding.group]?.years.find((y) => y.year === finding.year);
    if (!before || !groupYear || groupYear.requiredCapacity === null) return;
    const key = String(finding.year);
    const own = before.capacity[key] ?? 0;
    const others = (groupYear.capacity ?? 0) - own;
    const to = Math.max(own, closingValue(groupYear.requiredCapacity, finding.gap.unit) - others);
    const after: PlanLine = { ...before, capacity: { ...before.capacity, [key]: to } };
    const year = finding.year;
    const index = finding.line;
    setPending({
      text: t.evaluate.confirmSetRequired(year, fmt(own), fmt(to)),
      cancel: () => setPending(null),
      run: () => {
        setPending(null);
        void editLines('whatif', { update: [{ index, line: after, expected: before }] }, { kind: 'forecastSet', year, to: fmt(to) }).then((ok) => {
          if (ok) setUndo({ index, before, after });
        });
      },
    });
  };

  const undoLast = async () => {
    if (!undo) return;
    const ok = await editLines('whatif', { update: [{ index: undo.index, line: undo.before, expected: undo.after }] }, { kind: 'undone' });
    if (ok) setUndo(null);
  };

  const acknowledge = actions.acknowledge
    ? (finding: LocatedFinding, note: string) => {
        void run('acknowledge', async () => {
          await actions.acknowledge!(finding.path, finding.code, note);
          await readWorkbook(false);
        });
      }
    : undefined;

  const prepare = actions.prepareSubmission
    ? async () => {
        setNotice(null);
        const r = await run('prepare', async () => {
          const ref = await actions.prepareSubmission!();
          if (ref) await actions.selectCell(ref);
          return ref;
        });
        if (r.ok) setNotice({ kind: 'prepared', where: r.value ? cellLabel(r.value) : '' });
      }
    : undefined;

  const exportSummary = async () => {
    setNotice(null);
    const r = await run('export', () => actions.exportSummary());
    if (r.ok) setNotice({ kind: 'exported' });
  };

  const selectCell = (cell: CellRef) => {
    void run('select', () => actions.selectCell(cell));
  };

  const scenarios = useMemo(() => scenariosOf(workbook?.plan), [workbook]);
  const scenarioOptions = scenarios.map((name) => ({ name, label: scenarioLabel(name, lang) }));
  const hasPlan = workbook?.hasPlan ?? false;
  const noticeFor = (panel: TabValue) => (notice && panelOf(notice) === panel ? notice : null);
  const headerUnsaved = unsavedFields(headerBase, header);
  const checklistUnsaved = unsavedFields(flattenChecklist(checklistBase), flattenChecklist(checklist)).length;
  const acknowledgements = workbook?.acknowledgements;
  const ackMap = acknowledge ? new Map((acknowledgements ?? []).map((a) => [ackKey(a), a.note])) : undefined;
  const dirty: Partial<Record<TabValue, boolean>> = { plan: headerUnsaved.length > 0, checklist: checklistUnsaved > 0 };

  const linesNotice = noticeFor('lines');
  const l = t.lines;
  const linesText = (() => {
    switch (linesNotice?.kind) {
      case 'lineAdded':
        return l.lineAdded(linesNotice.scenario);
      case 'lineUpdated':
        return l.lineUpdated;
      case 'lineRemoved':
        return l.lineRemoved;
      case 'lineDuplicated':
        return l.lineDuplicated;
      case 'scenarioCreated':
        return l.scenarioCreated(linesNotice.name);
      case 'scenarioStarted':
        return l.scenarioStarted(linesNotice.name);
      case 'scenarioRenamed':
        return l.scenarioRenamed(linesNotice.from, linesNotice.to);
      case 'scenarioRemoved':
        return l.scenarioRemoved(linesNotice.name);
      case 'submissionSet':
        return l.submissionSet(linesNotice.name);
      default:
        return null;
    }
  })();
  const evaluateNotice = noticeFor('evaluate');
  const evaluateText =
    evaluateNotice?.kind === 'forecastSet' ? t.evaluate.setDone(evaluateNotice.year, evaluateNotice.to) : evaluateNotice?.kind === 'undone' ? t.evaluate.undone : null;
  const planNotice = noticeFor('plan');
  const headerSavedText = planNotice?.kind === 'headerSaved' ? (planNotice.nothing ? t.plan.nothingToSave : t.plan.headerSaved) : null;

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
              {dirty[value] && (
                <>
                  <span aria-hidden="true"> ●</span>
                  <span className={styles.visuallyHidden}>{t.unsavedTab}</span>
                </>
              )}
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
            savedText={headerSavedText}
            header={header}
            headerErrors={headerErrors}
            unsaved={headerUnsaved}
            conflicts={headerConflicts.map((field) => ({ field, mine: header[field], theirs: headerTheirs?.[field] ?? header[field] }))}
            scenarios={scenarioOptions}
            onHeaderChange={setHeader}
            onResolve={resolveHeader}
            onSaveHeader={saveHeader}
          />
        </TabPanel>
        <TabPanel value="lines" selected={tab}>
          <LinesPanel
            lang={lang}
            hasPlan={hasPlan}
            busy={busy}
            plan={plan}
            doneText={linesText}
            lineForm={lineForm}
            onLineFormChange={setLineForm}
            onSubmitLine={submitLine}
            onDuplicateLine={duplicateLine}
            onRemoveLine={removeLine}
            onCopyScenario={copyScenarioTo}
            onRenameScenario={renameScenarioTo}
            onRemoveScenario={removeScenario}
            onMarkSubmission={(name) => void markSubmission(name)}
          />
        </TabPanel>
        <TabPanel value="checklist" selected={tab}>
          <ChecklistPanel
            lang={lang}
            hasPlan={hasPlan}
            busy={busy}
            notice={noticeFor('checklist')}
            joint={header.joint}
            supplierHoldsCore={supplierHoldsCore(plan?.coreTechnologies)}
            form={checklist}
            unsaved={checklistUnsaved}
            conflicts={checklistConflicts.map((id) => ({ id, theirs: checklistTheirs?.[id] ?? { confirmed: false, evidence: '' } }))}
            onResolve={resolveChecklist}
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
            acknowledgements={ackMap}
            onAcknowledge={acknowledge}
            onSetRequired={setRequired}
            canUndo={undo !== null}
            onUndo={() => void undoLast()}
            pending={pending}
            doneText={evaluateText}
          />
        </TabPanel>
        <TabPanel value="export" selected={tab}>
          <ExportPanel
            lang={lang}
            hasPlan={hasPlan}
            busy={busy}
            notice={noticeFor('export')}
            onRun={exportSummary}
            acknowledgements={acknowledge ? (acknowledgements ?? []) : undefined}
            onPrepare={prepare}
          />
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

/** A copy of a line (its forecasts and target points are its own). */
function structuredCloneLine(line: PlanLine): PlanLine {
  return { ...line, capacity: { ...line.capacity }, ...(line.targetYears ? { targetYears: [...line.targetYears] } : {}) };
}

export default App;
