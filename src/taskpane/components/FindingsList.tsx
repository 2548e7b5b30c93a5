import { useMemo, useState } from 'react';
import { Button, Checkbox, Dropdown, Field, Option, Textarea, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Evaluation, Severity } from '../../evaluate';
import { sectionIn, type Lang } from '../../i18n/format';
import { scenarioLabel, uiText } from '../../i18n/ui';
import { ITEMS, USES } from '../../policy';
import type { CellRef, LocatedFinding } from '../actions';
import { PLAN_WIDE, closingValue, filterFindings, gapRatio, isWholeUnit, minimumPath, sortFindings } from '../review';
import { usePaneStyles } from './styles';

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const SYMBOL: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };
/** The list shows this many findings until asked for all: a large plan can have hundreds. */
const FIRST_SHOWN = 50;

const useStyles = makeStyles({
  group: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  item: {
    display: 'flex',
    columnGap: tokens.spacingHorizontalS,
    width: '100%',
    boxSizing: 'border-box',
    textAlign: 'start',
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
    borderLeftWidth: tokens.strokeWidthThickest,
    borderTopColor: tokens.colorNeutralStroke2,
    borderRightColor: tokens.colorNeutralStroke2,
    borderBottomColor: tokens.colorNeutralStroke2,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
  },
  clickable: {
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':active': { backgroundColor: tokens.colorNeutralBackground1Pressed },
    ':focus-visible': {
      outlineStyle: 'solid',
      outlineWidth: tokens.strokeWidthThick,
      outlineColor: tokens.colorStrokeFocus2,
      outlineOffset: '1px',
    },
  },
  error: { borderLeftColor: tokens.colorPaletteRedBorderActive },
  warning: { borderLeftColor: tokens.colorPaletteMarigoldBorderActive },
  info: { borderLeftColor: tokens.colorPaletteBlueBorderActive },
  symbol: { flexShrink: 0 },
  body: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, minWidth: 0 },
  message: { overflowWrap: 'anywhere' },
  meta: {
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground3,
    overflowWrap: 'anywhere',
  },
  link: { color: tokens.colorBrandForegroundLink },
  entry: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXS },
  visuallyHidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

/**
 * A sheet name Excel writes unquoted. Built from a string: a `\p{…}` literal is ES2018 syntax, a parse error for
 * the whole bundle in the webviews the manifest admits (webpack.config.js, ECMA_TARGET); where the webview cannot
 * build it, every name is quoted, which Excel reads just as well.
 */
const PLAIN_SHEET_NAME: RegExp | null = (() => {
  try {
    return new RegExp('^[\\p{L}_][\\p{L}\\p{N}_.]*$', 'u');
  } catch {
    return null;
  }
})();

/** `'計画'!B7` as Excel writes a reference, quoting the sheet name when it needs it. */
export function cellLabel(cell: CellRef): string {
  const sheet = PLAIN_SHEET_NAME?.test(cell.sheet) ? cell.sheet : `'${cell.sheet.replace(/'/g, "''")}'`;
  return `${sheet}!${cell.address}`;
}

export interface FindingsListProps {
  lang: Lang;
  findings: LocatedFinding[];
  evaluation: Evaluation;
  onSelectCell: (cell: CellRef) => void;
  /** Acknowledged warnings by `code|path`; absent when the host cannot keep them. */
  acknowledgements?: Map<string, string>;
  onAcknowledge?: (finding: LocatedFinding, note: string) => void;
  /** "Set to required" for a shortfall: absent when the pane cannot edit lines. */
  onSetRequired?: (finding: LocatedFinding) => void;
  busy: boolean;
}

export const ackKey = (f: { code: string; path: string }) => `${f.code}|${f.path}`;

/**
 * The review list: filter by scenario and severity; sorted by severity, then by the gap relative to what is
 * required; each finding says where it is (scenario, item, site, target group) and, for a shortfall in whole units,
 * what closes it in practice. A selected cell is one click, Enter or Space away.
 */
export function FindingsList({ lang, findings, evaluation, onSelectCell, acknowledgements, onAcknowledge, onSetRequired, busy }: FindingsListProps) {
  const s = usePaneStyles();
  const f = useStyles();
  const t = uiText(lang);
  const e = t.evaluate;
  const [expanded, setExpanded] = useState(false);
  const [scenario, setScenario] = useState('');
  const [severities, setSeverities] = useState<Severity[]>([...SEVERITIES]);
  const [noting, setNoting] = useState<{ key: string; note: string } | null>(null);
  const [pathOpen, setPathOpen] = useState<number | null>(null);

  const sorted = useMemo(() => sortFindings(findings), [findings]);
  if (findings.length === 0) {
    return <p className={s.text}>{e.noFindings}</p>;
  }
  const filtered = filterFindings(sorted, { scenario, severities });
  const shown = expanded ? filtered : filtered.slice(0, FIRST_SHOWN);
  const scenarios = evaluation.scenarios.map((x) => x.name);
  const fmt = (v: number) => v.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-US', { maximumFractionDigits: 3 });
  const itemName = (id: string) => ITEMS.find((i) => i.id === id)?.[lang] ?? id;
  const labelOfUse = (id: string) => USES.find((u) => u.id === id)?.[lang] ?? id;
  const scenarioOption = (v: string) => (v === '' ? e.allScenarios : v === PLAN_WIDE ? e.planWide : scenarioLabel(v, lang));

  const where = (finding: LocatedFinding): string[] => {
    const parts: string[] = [];
    if (finding.scenario !== undefined) parts.push(e.where.scenario(scenarioLabel(finding.scenario, lang)));
    const group = finding.group !== undefined ? evaluation.groups[finding.group] : undefined;
    if (group) parts.push(e.where.group(itemName(group.item), labelOfUse(group.use)));
    else if (finding.item !== undefined) parts.push(e.where.item(itemName(finding.item)));
    if (finding.site) parts.push(e.where.site(finding.site));
    if (finding.year !== undefined) parts.push(e.where.year(finding.year));
    return parts;
  };

  return (
    <div className={s.section}>
      <h3 className={s.subheading}>{e.findingsHeading}</h3>
      <div className={s.twoColumns}>
        <Field label={e.filterScenario}>
          <Dropdown className={s.fullWidth} value={scenarioOption(scenario)} selectedOptions={[scenario]} onOptionSelect={(_, d) => setScenario(d.optionValue ?? '')}>
            {['', ...scenarios, PLAN_WIDE].map((v) => (
              <Option key={v} value={v} text={scenarioOption(v)}>
                {scenarioOption(v)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        <fieldset className={s.fieldset}>
          <legend className={s.legend}>{e.filterSeverity}</legend>
          {SEVERITIES.map((sev) => (
            <Checkbox
              key={sev}
              label={e.severities[sev]}
              checked={severities.includes(sev)}
              onChange={(_, d) => setSeverities(d.checked === true ? [...severities, sev] : severities.filter((x) => x !== sev))}
            />
          ))}
        </fieldset>
      </div>
      <p className={s.hint} aria-live="polite">
        {e.shown(filtered.length, findings.length)} · {e.sortNote}
      </p>
      {filtered.length === 0 && <p className={s.text}>{e.noneShown}</p>}
      <ol className={s.list} aria-label={e.findingsHeading}>
        {shown.map((finding, i) => {
          const severity = finding.severity;
          const key = ackKey(finding);
          const ack = acknowledgements?.get(key);
          const gap = finding.gap;
          const closes = gap && isWholeUnit(gap.unit) ? e.closes(fmt(closingValue(gap.requiredCapacity, gap.unit)), gap.unit) : null;
          const content = (
            <>
              <span className={f.symbol} aria-hidden="true">
                {SYMBOL[severity]}
              </span>
              <span className={f.body}>
                <span className={f.message}>
                  <span className={f.visuallyHidden}>{e.severities[severity]}: </span>
                  <span data-part="message">{finding.messages[lang]}</span>
                </span>
                {where(finding).length > 0 && <span className={f.meta}>{where(finding).join(' · ')}</span>}
                {gap && (
                  <span className={f.meta}>
                    {e.gap(fmt(gap.shortfall), gap.unit, Math.round(gapRatio(finding) * 1000) / 10)}
                    {closes && ` · ${closes}`}
                  </span>
                )}
                <span className={f.meta} data-part="section">
                  {e.section}: {sectionIn(finding.section, lang)}
                  {' · '}
                  {finding.cell ? <span className={f.link}>{e.goToCell(cellLabel(finding.cell))}</span> : e.noCell}
                </span>
              </span>
            </>
          );
          const cell = finding.cell;
          const group = finding.group;
          return (
            <li key={`${finding.code}:${finding.path}:${i}`} className={f.entry} data-finding={severity}>
              {cell ? (
                <button type="button" className={mergeClasses(f.item, f.clickable, f[severity])} onClick={() => onSelectCell(cell)}>
                  {content}
                </button>
              ) : (
                <div className={mergeClasses(f.item, f[severity])}>{content}</div>
              )}
              {ack !== undefined && <p className={s.hint}>{e.acknowledged(ack)}</p>}
              <div className={s.actions}>
                {gap && onSetRequired && finding.line !== undefined && finding.year !== undefined && (
                  <Button size="small" disabled={busy} onClick={() => onSetRequired(finding)}>
                    {e.setRequired}
                  </Button>
                )}
                {gap && group !== undefined && (
                  <Button size="small" aria-expanded={pathOpen === group} onClick={() => setPathOpen(pathOpen === group ? null : group)}>
                    {e.minimumPath}
                  </Button>
                )}
                {severity === 'warning' && onAcknowledge && noting?.key !== key && (
                  <Button size="small" disabled={busy} onClick={() => setNoting({ key, note: ack ?? '' })}>
                    {ack !== undefined ? t.lines.edit : e.acknowledge}
                  </Button>
                )}
              </div>
              {gap && group !== undefined && pathOpen === group && (
                <ul className={s.facts}>
                  {minimumPath(evaluation, group).map((p) => (
                    <li key={p.year}>{e.minimumPathRow(p.year, `${fmt(p.required)}${gap.unit ? ` ${gap.unit}` : ''}`)}</li>
                  ))}
                </ul>
              )}
              {noting?.key === key && onAcknowledge && (
                <form
                  className={s.fieldset}
                  onSubmit={(ev) => {
                    ev.preventDefault();
                    onAcknowledge(finding, noting.note.trim());
                    setNoting(null);
                  }}
                >
                  <Field label={e.acknowledgeNote}>
                    <Textarea className={s.fullWidth} value={noting.note} onChange={(_, d) => setNoting({ key, note: d.value })} />
                  </Field>
                  <div className={s.actions}>
                    <Button type="submit" size="small" appearance="primary" disabled={busy || noting.note.trim() === ''}>
                      {e.saveAcknowledgement}
                    </Button>
                    {ack !== undefined && (
                      <Button
                        size="small"
                        disabled={busy}
                        onClick={() => {
                          onAcknowledge(finding, '');
                          setNoting(null);
                        }}
                      >
                        {e.withdraw}
                      </Button>
                    )}
                    <Button size="small" onClick={() => setNoting(null)}>
                      {t.cancel}
                    </Button>
                  </div>
                </form>
              )}
            </li>
          );
        })}
      </ol>
      {shown.length < filtered.length && (
        <div className={s.actions}>
          <Button size="small" onClick={() => setExpanded(true)}>
            {e.showAll(filtered.length)}
          </Button>
        </div>
      )}
    </div>
  );
}
