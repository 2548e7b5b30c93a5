/**
 * Evaluations and rules as text tables for a terminal, in Japanese or English. Columns are aligned by display
 * width (全角 counts two), and marks are ✔ ✖ and ASCII so nothing shifts in terminals that draw ambiguous-width
 * characters double.
 */
import { ratioDownText } from '../evaluate/exact';
import { countBySeverity } from '../evaluate/report';
import type { Evaluation, Finding, GroupResult, LineResult, Severity, Verdict, YearResult, YearStatus } from '../evaluate/types';
import { cliText } from '../i18n/cli';
import { itemName, useName } from '../i18n/findings';
import { formatNumber, sectionIn, type Lang } from '../i18n/format';
import { BASELINE_YEAR, FIRST_COLUMN_YEAR, LAST_TARGET_YEAR, OVERSEAS_RULES, PERIOD_RULES, SEED, type ItemId } from '../policy';
import { TOOL_VERSION } from '../version';
import { writePieces } from './json-stream';
import { percent, rulesReport } from './rules';
import { displayWidth, layoutColumns, type Align } from './width';

export interface TableOptions {
  /** Wrap the year columns of a line so no row is wider than this many columns. Default 100. */
  width?: number;
}

export const STATUS_MARK: Readonly<Record<YearStatus, string>> = { met: '✔', short: '✖', info: '-', 'not-judged': '?' };
export const VERDICT_MARK: Readonly<Record<Verdict, string>> = { eligible: '✔', attention: '!', ineligible: '✖' };
export const SEVERITY_MARK: Readonly<Record<Severity, string>> = { error: '✖', warning: '!', info: 'i' };
const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];
const DEFAULT_WIDTH = 100;
const INDENT = '  ';
const GAP = 2;

function toolTitle(lang: Lang): string {
  return lang === 'ja' ? '供給確保計画チェッカー' : 'Supply Plan Checker';
}

function verdictText(v: Verdict, lang: Lang): string {
  return `${VERDICT_MARK[v]} ${cliText(lang).verdict[v]}`;
}

function num(v: number | null): string {
  return v === null ? '' : formatNumber(v);
}

/** capacity ÷ baseline cut (not rounded) to 3 places: a short year never shows a ratio that looks met. */
function ratioText(capacity: number | null, baseline: number): string {
  return capacity === null ? '' : ratioDownText(capacity, baseline, 3);
}

function lineTitle(line: LineResult, lang: Lang): string {
  const t = cliText(lang);
  const item = line.eligibleItem ? itemName(line.item as ItemId, lang) : `${line.item} (${t.notEligible})`;
  const base = t.baseline({ year: BASELINE_YEAR, value: formatNumber(line.baseline2021), unit: line.unit });
  const site = line.site ? `${t.site}: ${line.site}` : '';
  return [`lines[${line.index}]`, item, useName(line.use, lang), site, base, verdictText(line.verdict, lang)].filter((p) => p !== '').join('  ');
}

function groupTitle(group: GroupResult, lang: Lang): string {
  const t = cliText(lang);
  const item = group.eligibleItem ? itemName(group.item as ItemId, lang) : `${group.item} (${t.notEligible})`;
  const base = t.baseline({ year: BASELINE_YEAR, value: formatNumber(group.baseline2021), unit: group.unit });
  return [t.group({ lines: group.lines.length }), item, useName(group.use, lang), base, verdictText(group.verdict, lang)].join('  ');
}

/** The rows of a year grid (a line's or a group's): a label column, then one column per year. */
function yearGrid(ys: readonly YearResult[], baseline: number, lang: Lang): string[][] {
  const t = cliText(lang);
  return [
    [t.rowYear, ...ys.map((y) => String(y.year))],
    [t.rowCapacity, ...ys.map((y) => num(y.capacity))],
    [t.rowMultiplier, ...ys.map((y) => (y.required === null ? '' : String(y.required)))],
    [t.rowRequired, ...ys.map((y) => num(y.requiredCapacity))],
    [t.rowRatio(BASELINE_YEAR), ...ys.map((y) => (baseline > 0 ? ratioText(y.capacity, baseline) : ''))],
    [t.rowShortfall, ...ys.map((y) => num(y.shortfall))],
    [t.rowStatus, ...ys.map((y) => STATUS_MARK[y.status])],
  ];
}

/** A line's own figures under its group: its forecasts and their ratio to its own 2021 figure. */
function contributionGrid(line: LineResult, lang: Lang): string[][] {
  const t = cliText(lang);
  return [
    [t.rowYear, ...line.years.map((y) => String(y.year))],
    [t.rowCapacity, ...line.years.map((y) => num(y.capacity))],
    [t.rowRatio(BASELINE_YEAR), ...line.years.map((y) => (line.baseline2021 > 0 ? ratioText(y.capacity, line.baseline2021) : ''))],
  ];
}

/** Split the year columns into blocks that fit `width`, repeating the label column in each block. */
function renderGrid(rows: string[][], width: number): string[] {
  const colWidths = rows[0].map((_, c) => Math.max(...rows.map((r) => displayWidth(r[c]))));
  const labelWidth = colWidths[0];
  const blocks: number[][] = [];
  let current: number[] = [];
  let used = INDENT.length + labelWidth;
  for (let c = 1; c < colWidths.length; c++) {
    const w = GAP + colWidths[c];
    if (current.length > 0 && used + w > width) {
      blocks.push(current);
      current = [];
      used = INDENT.length + labelWidth;
    }
    current.push(c);
    used += w;
  }
  if (current.length > 0 || blocks.length === 0) blocks.push(current);
  const out: string[] = [];
  blocks.forEach((cols, i) => {
    if (i > 0) out.push('');
    const picked = rows.map((r) => [r[0], ...cols.map((c) => r[c])]);
    const align: Align[] = ['left', ...cols.map((): Align => 'right')];
    // Pad every block's label column to the same width so wrapped blocks line up with each other.
    picked.forEach((r) => (r[0] = r[0] + ' '.repeat(labelWidth - displayWidth(r[0]))));
    out.push(...layoutColumns(picked, align, GAP).map((l) => INDENT + l));
  });
  return out;
}

function sortedFindings(findings: readonly Finding[]): Finding[] {
  return SEVERITY_ORDER.flatMap((s) => findings.filter((f) => f.severity === s));
}

function renderFindings(findings: readonly Finding[], lang: Lang): string[] {
  const t = cliText(lang);
  if (findings.length === 0) return [t.noFindings];
  const out = [t.findings(countBySeverity(findings))];
  const sorted = sortedFindings(findings);
  const heads = layoutColumns(
    // The section goes last: some citations hold ambiguous-width characters (ⅴ) that would shift later columns.
    sorted.map((f) => [SEVERITY_MARK[f.severity], t.severity[f.severity], f.code, f.path, sectionIn(f.section, lang)]),
    ['left', 'left', 'left', 'left', 'left'],
  );
  sorted.forEach((f, i) => {
    out.push(INDENT + heads[i]);
    out.push(`${INDENT}    ${f.messages[lang]}`);
  });
  return out;
}

/** The lines of renderEvaluationTable, one by one (a large plan's table is tens of megabytes). */
export function* evaluationTableLines(evaluation: Evaluation, lang: Lang, options: TableOptions = {}): Generator<string> {
  const t = cliText(lang);
  const width = options.width ?? DEFAULT_WIDTH;
  yield `${toolTitle(lang)} ${TOOL_VERSION} — ${lang === 'ja' ? `${SEED.titleJa}（${SEED.revisedJa}）` : `${SEED.titleEn} (revised ${SEED.revised})`}`;
  yield '';
  yield `${t.overall}: ${verdictText(evaluation.verdict, lang)}`;
  if (evaluation.scenarios.length > 0) {
    // The submission scenario first: its verdict is the plan's; the others are alternatives shown beside it.
    const ordered = [...evaluation.scenarios].sort((a, b) => Number(b.submission) - Number(a.submission));
    yield* layoutColumns(ordered.map((s) => [t.scenario(s.name), verdictText(s.verdict, lang), s.submission ? t.submission : '']), ['left', 'left', 'left']).map((l) => INDENT + l.trimEnd());
  }
  if (evaluation.activities.length === 0) yield `${t.activity}: ${t.activityMissing}`;
  for (const a of evaluation.activities) {
    const rule = PERIOD_RULES[a.kind];
    const id = evaluation.activities.length > 1 ? ` [${a.id}]` : '';
    yield `${t.activity}${id}: ${t.activityKind[a.kind]}  ${t.period(a)}  ${t.periodRule({ kind: a.kind, years: rule.years, boundary: a.boundary, ok: a.ok })}`;
  }

  for (const s of evaluation.scenarios) {
    yield '';
    yield `== ${t.scenario(s.name)}: ${verdictText(s.verdict, lang)}${s.submission ? `  ${t.submission}` : ''} ==`;
    for (const gi of s.groups) {
      const group = evaluation.groups[gi];
      yield '';
      if (group.lines.length === 1) {
        // A group of one line is that line, as in format 1.
        const line = evaluation.lines[group.lines[0]];
        yield lineTitle(line, lang);
        if (line.years.length > 0) yield* renderGrid(yearGrid(line.years, line.baseline2021, lang), width);
        continue;
      }
      yield groupTitle(group, lang);
      if (group.years.length > 0) yield* renderGrid(yearGrid(group.years, group.baseline2021, lang), width);
      for (const li of group.lines) {
        const line = evaluation.lines[li];
        yield '';
        yield INDENT + lineTitle(line, lang);
        if (line.years.length > 0) yield* renderGrid(contributionGrid(line, lang), width - INDENT.length).map((l) => INDENT + l);
      }
    }
  }
  if (evaluation.lines.length > 0) {
    yield '';
    yield t.legend;
  }
  yield '';
  yield* renderFindings(evaluation.findings, lang);
}

/** An evaluation as a terminal table: verdicts, the activity, each line's years by scenario, then the findings. */
export function renderEvaluationTable(evaluation: Evaluation, lang: Lang, options: TableOptions = {}): string {
  return [...evaluationTableLines(evaluation, lang, options)].join('\n') + '\n';
}

/** renderEvaluationTable through `write`, a piece at a time (see json-stream.ts). */
export function writeEvaluationTable(evaluation: Evaluation, lang: Lang, options: TableOptions, write: (text: string) => void): void {
  writePieces(
    (function* () {
      for (const line of evaluationTableLines(evaluation, lang, options)) yield `${line}\n`;
    })(),
    write,
  );
}

/** The items, the multiplier table, the periods, the overseas rule and the checklist, as the engine applies them. */
export function renderRulesTable(lang: Lang): string {
  const t = cliText(lang);
  const r = rulesReport(lang);
  const out: string[] = [];
  out.push(`${toolTitle(lang)} ${TOOL_VERSION} — ${t.rulesTitle}`);
  out.push(t.rulesSource({ title: r.policy.title, revised: lang === 'ja' ? SEED.revisedJa : r.policy.revised }));

  out.push('');
  out.push(`${t.rulesItems}  [${sectionIn(r.items[0].section, lang)}]`);
  const itemRows = [
    [t.rulesItemId, t.rulesItemJa, t.rulesItemEn, t.rulesItemNote],
    ...r.items.map((i) => [i.id, i.ja, i.en, i.note]),
  ];
  out.push(...layoutColumns(itemRows, ['left', 'left', 'left', 'left']).map((l) => INDENT + l));

  out.push('');
  out.push(`${t.rulesMultipliers(r.multipliers.baselineYear)}  [${sectionIn(r.multipliers.section, lang)}]`);
  const years = r.multipliers.years;
  const header = [t.rulesUse, ...years.map((y) => (y === FIRST_COLUMN_YEAR ? t.rulesFirstColumn(y) : String(y)))];
  const rows = r.multipliers.uses.map((u) => [u.name, ...years.map((y) => `${u.multipliers[String(y)]}`)]);
  out.push(...layoutColumns([header, ...rows], ['left', ...years.map((): Align => 'right')]).map((l) => INDENT + l));
  out.push(INDENT + t.rulesTargetPoints({ firstColumnYear: FIRST_COLUMN_YEAR, lastTargetYear: LAST_TARGET_YEAR }));

  out.push('');
  out.push(`${t.rulesPeriods}  [${sectionIn(r.periods[0].section, lang)}]`);
  for (const p of r.periods) out.push(INDENT + t.rulesPeriod({ kind: p.kind, years: p.years }));

  out.push('');
  out.push(
    t.rulesOverseas({ growthAbovePercent: percent(OVERSEAS_RULES.growthAbove), localAtLeastPercent: percent(OVERSEAS_RULES.localConsumptionAtLeast) }) +
      `  [${sectionIn(r.overseas.section, lang)}]`,
  );

  out.push('');
  out.push(t.rulesChecklist);
  out.push(
    ...layoutColumns(
      r.checklist.map((c) => [c.id, sectionIn(c.section, lang), c.label + (c.jointOnly ? t.rulesJointOnly : '')]),
      ['left', 'left', 'left'],
    ).map((l) => INDENT + l),
  );
  return out.join('\n') + '\n';
}
