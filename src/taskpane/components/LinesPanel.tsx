/**
 * The Lines tab: the plan's scenarios (create by copying with a ± % change, rename, delete, mark the submission
 * scenario), a side-by-side comparison by target group and year, the list of lines by scenario and group (edit,
 * duplicate, delete) and the line form.
 */
import { useState, type FormEvent } from 'react';
import { Button, Dropdown, Field, Input, MessageBar, MessageBarActions, MessageBarBody, Option, makeStyles, tokens } from '@fluentui/react-components';
import type { EvaluablePlan } from '../../evaluate';
import type { Lang } from '../../i18n/format';
import { scenarioLabel, uiText } from '../../i18n/ui';
import { ITEMS, USES } from '../../policy';
import type { PlanLine } from '../../plan/schema';
import { parseNumberText } from '../../plan/normalise';
import type { Busy } from '../state';
import { compareScenarios, scenarioInfos } from '../scenarios';
import { LineFormView, type LineFormState } from './LineFormView';
import { lineFormFromLine as lineFormOf } from '../form';
import { NeedsPlanBar, SuccessBar } from './PanelCommand';
import { usePaneStyles } from './styles';

export interface LinesPanelProps {
  lang: Lang;
  hasPlan: boolean;
  busy: Busy | null;
  plan: EvaluablePlan | null;
  /** The success note of the last command on this tab, or null. */
  doneText: string | null;
  lineForm: LineFormState;
  onLineFormChange: (update: (state: LineFormState) => LineFormState) => void;
  onSubmitLine: (line: PlanLine, editing: number | null) => Promise<boolean>;
  onDuplicateLine: (index: number) => void;
  onRemoveLine: (index: number) => void;
  onCopyScenario: (from: string, to: string, percent: number) => Promise<boolean>;
  onRenameScenario: (from: string, to: string) => void;
  onRemoveScenario: (name: string) => void;
  onMarkSubmission: (name: string) => void;
}

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    borderTopStyle: 'solid',
    borderRightStyle: 'solid',
    borderBottomStyle: 'solid',
    borderLeftStyle: 'solid',
    borderTopWidth: tokens.strokeWidthThin,
    borderRightWidth: tokens.strokeWidthThin,
    borderBottomWidth: tokens.strokeWidthThin,
    borderLeftWidth: tokens.strokeWidthThin,
    borderTopColor: tokens.colorNeutralStroke2,
    borderRightColor: tokens.colorNeutralStroke2,
    borderBottomColor: tokens.colorNeutralStroke2,
    borderLeftColor: tokens.colorNeutralStroke2,
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    overflowWrap: 'anywhere',
  },
  title: { fontWeight: tokens.fontWeightSemibold },
  badge: {
    marginLeft: tokens.spacingHorizontalXS,
    paddingLeft: tokens.spacingHorizontalXS,
    paddingRight: tokens.spacingHorizontalXS,
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    fontSize: tokens.fontSizeBase200,
    whiteSpace: 'nowrap',
  },
  meta: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    '& th, & td': {
      paddingLeft: tokens.spacingHorizontalXS,
      paddingRight: tokens.spacingHorizontalXS,
      paddingTop: '2px',
      paddingBottom: '2px',
      borderBottomStyle: 'solid',
      borderBottomWidth: tokens.strokeWidthThin,
      borderBottomColor: tokens.colorNeutralStroke2,
      textAlign: 'end',
      // A number and its sign stay together: "+1,200" never breaks.
      whiteSpace: 'nowrap',
    },
    '& th:first-child, & td:first-child': { textAlign: 'start' },
  },
  diff: { display: 'block', color: tokens.colorNeutralForeground3 },
  scroll: { overflowX: 'auto', maxWidth: '100%' },
});

export function LinesPanel(props: LinesPanelProps) {
  const { lang, hasPlan, busy, plan } = props;
  const s = usePaneStyles();
  const c = useStyles();
  const t = uiText(lang);
  const l = t.lines;
  const infos = scenarioInfos(plan);
  const options = infos.map((x) => ({ name: x.name, label: scenarioLabel(x.name, lang) }));
  const activities = (plan?.activities ?? []).filter((a) => a.kind === 'capacity').map((a) => ({ id: a.id, name: a.name }));
  const [confirm, setConfirm] = useState<{ text: string; run: () => void } | null>(null);
  const [renaming, setRenaming] = useState<{ from: string; to: string } | null>(null);
  const [copy, setCopy] = useState({ name: '', from: '', percent: '0' });
  const [copyError, setCopyError] = useState<string | null>(null);
  const idle = hasPlan && busy === null;

  const itemName = (id: string) => ITEMS.find((i) => i.id === id)?.[lang] ?? id;
  const labelOfUse = (id: string) => USES.find((u) => u.id === id)?.[lang] ?? id;
  const fmt = (v: number) => v.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US', { maximumFractionDigits: 3 });

  const create = async (e: FormEvent) => {
    e.preventDefault();
    if (!idle) return;
    const name = copy.name.trim();
    if (name === '') return setCopyError(t.validation.required);
    if (infos.some((x) => x.name === name || scenarioLabel(x.name, lang) === name)) return setCopyError(l.nameTaken);
    const percent = copy.percent.trim() === '' ? 0 : parseNumberText(copy.percent.normalize('NFKC').replace(/^[−－]/, '-').replace(/%$/, ''));
    if (percent === null || percent <= -100) return setCopyError(t.validation.notANumber);
    setCopyError(null);
    if (await props.onCopyScenario(copy.from, name, percent)) setCopy({ name: '', from: copy.from, percent: '0' });
  };

  // Lines by scenario, then by target group (item and use), in plan order.
  const byScenario = infos.map((sc) => {
    const lines = (plan?.lines ?? []).map((line, index) => ({ line, index })).filter((x) => x.line.scenario === sc.name);
    const groups = new Map<string, typeof lines>();
    for (const x of lines) {
      const key = `${x.line.item}\u0000${x.line.use}`;
      groups.set(key, [...(groups.get(key) ?? []), x]);
    }
    return { sc, groups: [...groups.values()] };
  });
  const comparison = plan ? compareScenarios(plan) : null;

  return (
    <div className={s.panel}>
      <NeedsPlanBar lang={lang} hasPlan={hasPlan} busy={busy} />
      <SuccessBar text={props.doneText} />
      {confirm && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>{confirm.text}</MessageBarBody>
          <MessageBarActions>
            <Button
              size="small"
              appearance="primary"
              onClick={() => {
                confirm.run();
                setConfirm(null);
              }}
            >
              {t.confirm}
            </Button>
            <Button size="small" onClick={() => setConfirm(null)}>
              {t.cancel}
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      <section className={s.section} aria-labelledby="scenarios-heading">
        <h2 id="scenarios-heading" className={s.heading}>
          {l.scenariosHeading}
        </h2>
        <p className={s.hint}>{l.scenariosIntro}</p>
        <ul className={s.list}>
          {infos.map((sc) => {
            const label = scenarioLabel(sc.name, lang);
            return (
              <li key={sc.name} className={c.card} aria-label={label}>
                <span>
                  <span className={c.title}>{label}</span>
                  {sc.submission && <span className={c.badge}>✔ {l.submissionMark}</span>}
                  <span className={c.meta}> · {l.lineCount(sc.lines)}</span>
                </span>
                {renaming?.from === sc.name ? (
                  <form
                    className={s.actions}
                    onSubmit={(e) => {
                      e.preventDefault();
                      const to = renaming.to.trim();
                      if (to && to !== sc.name && idle) props.onRenameScenario(sc.name, to);
                      setRenaming(null);
                    }}
                  >
                    <Field label={l.renameTo}>
                      <Input value={renaming.to} onChange={(_, d) => setRenaming({ from: sc.name, to: d.value })} />
                    </Field>
                    <Button type="submit" size="small" appearance="primary">
                      {l.renameSave}
                    </Button>
                    <Button size="small" onClick={() => setRenaming(null)}>
                      {t.cancel}
                    </Button>
                  </form>
                ) : (
                  <div className={s.actions}>
                    {!sc.submission && (
                      <Button size="small" disabled={!idle} onClick={() => props.onMarkSubmission(sc.name)} aria-label={`${l.markSubmission}（${label}）`}>
                        {l.markSubmission}
                      </Button>
                    )}
                    <Button size="small" disabled={!idle} onClick={() => setRenaming({ from: sc.name, to: label })} aria-label={`${l.rename}（${label}）`}>
                      {l.rename}
                    </Button>
                    <Button
                      size="small"
                      disabled={!idle}
                      aria-label={`${l.remove}（${label}）`}
                      onClick={() => setConfirm({ text: l.confirmRemoveScenario(label, sc.lines), run: () => props.onRemoveScenario(sc.name) })}
                    >
                      {l.remove}
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>

        <form className={s.fieldset} onSubmit={create} aria-labelledby="new-scenario-heading" noValidate>
          <h3 id="new-scenario-heading" className={s.subheading}>
            {l.newScenarioHeading}
          </h3>
          <Field label={l.newName} validationState={copyError ? 'error' : 'none'} validationMessage={copyError ?? undefined}>
            <Input className={s.fullWidth} value={copy.name} onChange={(_, d) => setCopy({ ...copy, name: d.value })} />
          </Field>
          <Field label={l.copyFrom}>
            <Dropdown
              className={s.fullWidth}
              value={copy.from ? scenarioLabel(copy.from, lang) : l.copyNone}
              selectedOptions={[copy.from]}
              onOptionSelect={(_, d) => setCopy({ ...copy, from: d.optionValue ?? '' })}
            >
              <Option value="" text={l.copyNone}>
                {l.copyNone}
              </Option>
              {options.map((o) => (
                <Option key={o.name} value={o.name} text={o.label}>
                  {o.label}
                </Option>
              ))}
            </Dropdown>
          </Field>
          {copy.from !== '' && (
            <Field label={l.scale} hint={l.scaleHint}>
              <Input className={s.fullWidth} inputMode="decimal" value={copy.percent} onChange={(_, d) => setCopy({ ...copy, percent: d.value })} />
            </Field>
          )}
          <div className={s.actions}>
            <Button type="submit" disabledFocusable={!idle}>
              {l.create}
            </Button>
          </div>
        </form>
      </section>

      <div className={s.divider} />
      <section className={s.section} aria-labelledby="compare-heading">
        <h2 id="compare-heading" className={s.heading}>
          {l.compareHeading}
        </h2>
        {!comparison || comparison.scenarios.length < 2 ? (
          <p className={s.text}>{l.compareNone}</p>
        ) : (
          <>
            <p className={s.hint}>{l.compareIntro}</p>
            {comparison.groups.map((g) => {
              const caption = t.evaluate.where.group(itemName(g.item), labelOfUse(g.use));
              return (
                <div key={`${g.item}|${g.use}`} className={c.scroll}>
                  <table className={c.table}>
                    <caption className={s.hint} style={{ textAlign: 'start' }}>
                      {caption}
                      {g.unit ? `（${g.unit}）` : ''}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">{l.compareYear}</th>
                        {comparison.scenarios.map((name, i) => (
                          <th key={name} scope="col">
                            {scenarioLabel(name, lang)}
                            {i === 0 ? ` ✔` : ''}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {g.rows.map((row) => (
                        <tr key={row.year}>
                          <th scope="row">{row.year}</th>
                          {row.values.map((v, i) => (
                            <td key={i}>
                              {v === null ? '—' : fmt(v)}
                              {row.diffs[i] !== null && <span className={c.diff}>{l.diff(row.diffs[i]!, lang)}</span>}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              );
            })}
            <p className={s.hint}>{l.compareSheetNote}</p>
          </>
        )}
      </section>

      <div className={s.divider} />
      <section className={s.section} aria-labelledby="lines-heading">
        <h2 id="lines-heading" className={s.heading}>
          {l.listHeading}
        </h2>
        {(plan?.lines.length ?? 0) === 0 && <p className={s.text}>{l.noLines}</p>}
        {byScenario.map(({ sc, groups }) => (
          <section key={sc.name} className={s.section} aria-label={scenarioLabel(sc.name, lang)}>
            <h3 className={s.subheading}>
              {scenarioLabel(sc.name, lang)}
              {sc.submission && <span className={c.badge}>✔ {l.submissionMark}</span>}
            </h3>
            {groups.map((g) => (
              <div key={`${g[0].line.item}|${g[0].line.use}`} className={s.section}>
                <p className={c.meta}>{t.evaluate.where.group(itemName(g[0].line.item), labelOfUse(g[0].line.use))}</p>
                <ul className={s.list}>
                  {g.map(({ line, index }) => {
                    const years = Object.entries(line.capacity).sort(([a], [b]) => Number(a) - Number(b));
                    return (
                      <li key={index} className={c.card} aria-label={`${index + 1}`}>
                        <span>
                          <span className={c.title}>#{index + 1}</span> {line.site ? l.site(line.site) : ''}
                        </span>
                        <span className={c.meta}>
                          {l.baselineOf(`${fmt(line.baseline2021)}${line.unit ? ` ${line.unit}` : ''}`)}
                          {years.length > 0 && ` · ${years.map(([y, v]) => `${y}: ${fmt(v)}`).join(' · ')}`}
                        </span>
                        <div className={s.actions} role="group" aria-label={l.lineActions(index + 1)}>
                          <Button size="small" disabled={!idle} onClick={() => props.onLineFormChange(() => ({ form: lineFormOf(line), errors: {}, failed: false, editing: index }))}>
                            {l.edit}
                          </Button>
                          <Button size="small" disabled={!idle} onClick={() => props.onDuplicateLine(index)}>
                            {l.duplicate}
                          </Button>
                          <Button size="small" disabled={!idle} onClick={() => setConfirm({ text: l.confirmRemoveLine(index + 1), run: () => props.onRemoveLine(index) })}>
                            {l.removeLine}
                          </Button>
                        </div>
                      </li>
                    );
                  })}
                </ul>
              </div>
            ))}
          </section>
        ))}
      </section>

      <div className={s.divider} />
      {/* The default scenario is always offered, so 基本ケース typed or picked on a plan with no lines yet is 'base'. */}
      <LineFormView
        lang={lang}
        disabled={!hasPlan}
        busy={busy}
        doneText={null}
        scenarios={options.some((o) => o.name === 'base') ? options : [...options, { name: 'base', label: scenarioLabel('base', lang) }]}
        activities={activities}
        state={props.lineForm}
        onStateChange={props.onLineFormChange}
        onSubmit={props.onSubmitLine}
      />
    </div>
  );
}
