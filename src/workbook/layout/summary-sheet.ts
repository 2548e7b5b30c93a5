/**
 * The summary sheet (サマリー / Summary): what a reviewer reads first, print-ready on A4 landscape — applicant,
 * activity and period, verdict per scenario, required capacity against forecast at every target point (with a bar
 * of █ drawn by REPT, which every spreadsheet shows), every finding with its seed section (capped for huge plans),
 * the checklist, and when and by which version it was evaluated. Values are as of the check; the chart op draws
 * the same data where the host can (Office), and is skipped elsewhere.
 */
import type { Evaluation, Finding, Severity } from '../../evaluate/types';
import { supplierHoldsCore, type EvaluablePlan } from '../../evaluate';
import { itemName, useName } from '../../i18n/findings';
import { formatNumber, sectionIn, type Lang } from '../../i18n/format';
import { workbookText } from '../../i18n/workbook';
import { itemId } from '../../plan/normalise';
import { CHECKLIST, LAST_TARGET_YEAR, MULTIPLIER_YEARS, requiredMultiplier, type UseId } from '../../policy';
import type { CellInput, WriteOp } from '../port';
import { D } from '../../evaluate/decimal';
import { lit } from './formulas';
import { CHART_LINES_CAP, COLORS, SUMMARY, SUMMARY_FINDINGS_CAP, SUMMARY_TARGETS_CAP, col } from './geometry';
import { HEADER_FORMAT, MUTED_FORMAT, SECTION_FORMAT, SheetOps } from './ops';
import { pageStarts, ROW_POINTS, type Block } from './pagination';

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const BAR_FULL = 20;
const BAR_MAX = 26;
/** Display columns a message row may use (full-width characters count two): columns B to K. */
const MESSAGE_WIDTH = 168;

function charWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  return cp >= 0x1100 && !(cp >= 0xff61 && cp <= 0xff9f) ? 2 : 1;
}

/** A message cut into pieces no wider than `width` display columns. */
export function chunks(text: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch);
    if (w + cw > width && cur) {
      out.push(cur);
      cur = '';
      w = 0;
    }
    cur += ch;
    w += cw;
  }
  if (cur || !out.length) out.push(cur);
  return out;
}

export interface SummaryInput {
  sheet: string;
  lang: Lang;
  plan: EvaluablePlan;
  evaluation: Evaluation;
  evaluatedAt: string;
  version: string;
  toolName: string;
  /** The cell a finding points at ("計画!K7"), for the reviewer to find it. */
  where(f: Finding): string;
  /** The plan row of a line (for the "row" column). */
  lineRow(index: number): number | undefined;
  /** Whether the results sheet lists the finding (next to its plan row). */
  onResults(f: Finding): boolean;
  /** The planner's note on a warning they acknowledged (the activity sheet's table), if any. */
  acknowledged?(f: Finding): string | undefined;
}

/** The summary sheet, whole (cleared and written again). */
export function summarySheetOps(s: SummaryInput): WriteOp[] {
  const t = workbookText(s.lang);
  const lang = s.lang;
  const e = s.evaluation;
  const o = new SheetOps(s.sheet);
  o.push({ kind: 'addSheet', sheet: s.sheet, tabColor: COLORS.tabSummary });
  o.clear();
  // Every rule goes (no ownedBy): the sheet is ours and written whole each time, cells and formats alike.
  o.push({ kind: 'clearConditionalFormats', sheet: s.sheet });
  const last = SUMMARY.lastCol;
  // For the page breaks: rows taller than the rest, and the sections (a heading with its table) to keep together.
  const tall = new Map<number, number>([[1, ROW_POINTS.title]]);
  const sections: Block[] = [];
  const section = (top: number) => {
    tall.set(top, ROW_POINTS.section);
    tall.set(top + 1, ROW_POINTS.header2);
    const b: Block = { top, bottom: top, head: 3 };
    sections.push(b);
    return b;
  };
  let r = 1;
  o.cell(r, 1, t.summaryTitle).format(r, 1, r, 1, { font: { bold: true, size: 16 } });
  r++;
  o.cell(r, 1, t.summarySeed).format(r, 1, r, 1, MUTED_FORMAT);
  r += 2;

  const info = t.summaryInfo;
  const rows: [string, CellInput][] = [
    [info.applicant, s.plan.applicant.name || t.notEntered],
    [info.joint, s.plan.applicant.joint ? t.yes : t.no],
    ...activityRows(s, t),
    [info.yearBasis, t.yearBasis[s.plan.yearBasis]],
    [info.evaluatedAt, s.evaluatedAt],
    [info.tool, `${s.toolName} ${s.version}`],
    [info.overall, t.verdict[e.verdict]],
  ];
  const infoTop = r;
  for (const [label, value] of rows) {
    o.values(r, 1, [[label, null, value]]);
    r++;
  }
  o.format(infoTop, 1, r - 1, 1, { font: { bold: true } });
  o.format(r - 1, 3, r - 1, 3, { font: { bold: true, size: 12 } });
  verdictRule(o, r - 1, 3, r - 1, 3, t);
  r++;

  // Verdict per scenario.
  const scenarioSection = section(r);
  o.cell(r, 1, t.summaryScenarios).format(r, 1, r, 1, SECTION_FORMAT);
  r++;
  o.values(r, 2, [t.summaryScenarioColumns]);
  o.format(r, 2, r, 5, HEADER_FORMAT);
  r++;
  const scenarioTop = r;
  // The submission scenario (提出案) first: its verdict is the plan's; the others are alternatives, shown beside it.
  const ordered = [...e.scenarios].sort((a, b) => Number(b.submission) - Number(a.submission));
  for (const sc of ordered) {
    // Short target points of the scenario's groups (a group's status is shared by its lines: counted once).
    const shorts = sc.groups.reduce((n, gi) => n + e.groups[gi].years.filter((y) => y.status === 'short').length, 0);
    o.values(r, 2, [[scenarioLabel(sc.name, sc.submission, t), t.verdict[sc.verdict], sc.lines.length, shorts]]);
    if (sc.submission) o.format(r, 2, r, 2, { font: { bold: true } });
    r++;
  }
  if (r > scenarioTop) {
    o.format(scenarioTop, 2, r - 1, 5, { border: true });
    verdictRule(o, scenarioTop, 3, r - 1, 3, t);
  }
  const global = e.findings.filter((f) => f.line === undefined);
  o.cell(r, 2, t.summaryOther(global.filter((f) => f.severity === 'error').length, global.filter((f) => f.severity === 'warning').length));
  o.format(r, 2, r, 2, MUTED_FORMAT);
  scenarioSection.bottom = r;
  r += 2;

  // Required capacity against forecast at every target point.
  const lineSection = section(r);
  o.cell(r, 1, t.summaryLines).format(r, 1, r, 1, SECTION_FORMAT);
  r++;
  o.values(r, 1, [t.summaryLineColumns(BAR_FULL)]);
  o.format(r, 1, r, last, HEADER_FORMAT);
  r++;
  // One row per target point of each target group (its lines' forecasts summed), submission scenario first; a group
  // of several lines says which rows and sites it adds up.
  const groupOrder = [...e.groups].sort((a, b) => Number(b.scenario === e.submissionScenario) - Number(a.scenario === e.submissionScenario) || a.index - b.index);
  const targets = groupOrder.flatMap((gr) => gr.years.filter((y) => y.target).map((y, i) => ({ gr, y, first: i === 0 })));
  const shown = targets.slice(0, SUMMARY_TARGETS_CAP);
  const lineTop = r;
  const rowsOf = (gr: (typeof e.groups)[number]) => gr.lines.map((i) => s.lineRow(i) ?? i + 1);
  const lineRows: CellInput[][] = shown.map(({ gr, y }) => {
    const id = itemId(gr.item);
    const achieved = achievedRate(y.capacity, y.requiredCapacity);
    return [
      rowsOf(gr).join(', '),
      scenarioLabel(gr.scenario, gr.scenario === e.submissionScenario, t),
      id ? itemName(id, lang) : gr.item,
      useName(gr.use, lang),
      y.year,
      null,
      // Written as text with separators: a report to read (and print), where 4332.9 must not show as 4,333.
      fmt(y.requiredCapacity),
      fmt(y.capacity),
      fmt(y.shortfall),
      t.status[y.status],
      achieved,
    ];
  });
  const groupNotes = new Map<number, string>();
  shown.forEach(({ gr, first }, i) => {
    if (!first || gr.lines.length < 2) return;
    groupNotes.set(i, t.summaryGroupLines(gr.lines.map((li) => ({ row: s.lineRow(li) ?? li + 1, site: e.lines[li].site ?? '', forecast: '' }))));
  });
  if (lineRows.length) {
    o.values(lineTop, 1, lineRows);
    const bottom = lineTop + lineRows.length - 1;
    const rate = `$K${lineTop}`;
    o.fill(
      lineTop,
      6,
      bottom,
      6,
      // Cut, not rounded: a target short by a hair never shows a full bar.
      `=IF(${rate}="","",REPT("█",MIN(${BAR_MAX},INT(${rate}*${BAR_FULL})))&REPT("░",MAX(0,${BAR_FULL}-INT(${rate}*${BAR_FULL}))))`,
      shown.map(({ y }) => {
        const rateV = achievedRate(y.capacity, y.requiredCapacity);
        if (rateV === null) return [''];
        const n = Math.floor(rateV * BAR_FULL);
        return ['█'.repeat(Math.min(BAR_MAX, n)) + '░'.repeat(Math.max(0, BAR_FULL - n))];
      }),
    );
    o.format(lineTop, 1, bottom, last, { border: true });
    o.format(lineTop, 6, bottom, 6, { font: { color: '#2E75B6' } });
    o.format(lineTop, 11, bottom, 11, { numberFormat: '0.0%' });
    o.format(lineTop, 10, bottom, 10, { horizontal: 'center' });
    o.format(lineTop, 7, bottom, 9, { horizontal: 'right' });
    o.format(lineTop, 1, bottom, 1, { horizontal: 'center' });
    o.cf(lineTop, 10, bottom, 10, `=LEFT($J${lineTop},1)=${lit('✖')}`, { fill: { color: COLORS.shortFill }, font: { color: COLORS.shortFont } });
    o.cf(lineTop, 10, bottom, 10, `=LEFT($J${lineTop},1)=${lit('✔')}`, { fill: { color: COLORS.metFill }, font: { color: COLORS.metFont } });
    r = bottom + 1;
    // Which lines (rows, sites) each group of several lines adds up, below the table.
    // One write and one format for all of them: the op count must not grow with the plan.
    const notes = [...new Set(groupNotes.values())];
    if (notes.length) {
      o.column(r, 2, notes).format(r, 2, r + notes.length - 1, 2, MUTED_FORMAT);
      r += notes.length;
    }
  }
  if (targets.length > shown.length) {
    o.cell(r, 1, t.summaryLinesMore(targets.length - shown.length)).format(r, 1, r, 1, MUTED_FORMAT);
    r++;
  }
  lineSection.bottom = r - 1;
  r++;

  // Findings, errors first.
  const findingSection = section(r);
  o.cell(r, 1, t.summaryFindings(s.evaluatedAt)).format(r, 1, r, 1, SECTION_FORMAT);
  r++;
  o.values(r, 1, [t.summaryFindingColumns]);
  o.format(r, 1, r, last, HEADER_FORMAT);
  r++;
  // Findings about the plan as a whole first (few, and listed nowhere else), then those of the lines — the ones a cap
  // may cut, which the results sheet lists next to their rows. Errors first within each.
  const findings = e.findings
    .map((f, i) => ({ f, i, rows: s.onResults(f) ? 1 : 0 }))
    .sort((x, y) => x.rows - y.rows || SEVERITY_ORDER[x.f.severity] - SEVERITY_ORDER[y.f.severity] || x.i - y.i)
    .map((x) => x.f);
  const listed = findings.slice(0, SUMMARY_FINDINGS_CAP);
  if (!listed.length) {
    o.cell(r, 1, t.summaryNoFindings);
    r++;
  } else {
    // Each finding takes a row for its facts and a row (or more) for its message, written from column B so the
    // text runs over the empty cells to its right: no wrapping, which no program sizes rows for reliably.
    const top = r;
    const rowsOut: CellInput[][] = [];
    const heads: number[] = [];
    const findingBlocks: Block[] = [];
    listed.forEach((f, i) => {
      heads.push(r + rowsOut.length);
      rowsOut.push([i + 1, t.severity[f.severity], sectionIn(f.section, lang), f.code, s.where(f)]);
      for (const chunk of chunks(f.messages[lang], MESSAGE_WIDTH)) rowsOut.push([null, chunk]);
      const note = f.severity === 'warning' ? s.acknowledged?.(f) : undefined;
      if (note) for (const chunk of chunks(t.acknowledged(note), MESSAGE_WIDTH)) rowsOut.push([null, chunk]);
      // A finding's facts and its message on one page.
      const top = heads[heads.length - 1];
      findingBlocks.push({ top, bottom: r + rowsOut.length - 1, head: r + rowsOut.length - top });
    });
    // The section's head: its heading, column header and the whole first finding.
    findingSection.head = 2 + (findingBlocks[0] ? findingBlocks[0].bottom - findingBlocks[0].top + 1 : 1);
    sections.push(...findingBlocks);
    o.values(r, 1, rowsOut);
    r += rowsOut.length;
    o.format(top, 1, r - 1, last, { vertical: 'top' });
    for (const h of heads) o.format(h, 1, h, 5, { fill: { color: '#F2F2F2' } });
    o.cf(top, 2, r - 1, 2, `=LEFT($B${top},1)=${lit('✖')}`, { font: { color: COLORS.shortFont, bold: true } });
    o.cf(top, 2, r - 1, 2, `=LEFT($B${top},1)=${lit('!')}`, { font: { color: COLORS.warnFont, bold: true } });
  }
  if (findings.length > listed.length) {
    o.cell(r, 1, t.summaryFindingsMore(findings.length - listed.length)).format(r, 1, r, 1, MUTED_FORMAT);
    r++;
  }
  findingSection.bottom = r - 1;
  r++;

  // Checklist.
  const checklistSection = section(r);
  o.cell(r, 1, t.summaryChecklist).format(r, 1, r, 1, SECTION_FORMAT);
  r++;
  const [hNo, hStatus, hSection, hEvidence, hRequirement] = t.summaryChecklistColumns;
  o.values(r, 1, [[hNo, hStatus, hSection, hRequirement, null, null, hEvidence]]);
  o.format(r, 1, r, last, HEADER_FORMAT);
  r++;
  const checkTop = r;
  const cs = t.checklistStatus;
  o.values(
    r,
    1,
    CHECKLIST.map((c, i) => {
      const entry = s.plan.checklist[c.id];
      const applies = !('jointOnly' in c && c.jointOnly) || s.plan.applicant.joint;
      const status = !applies ? cs.notApplicable : 'supplierHeldOnly' in c && c.supplierHeldOnly && !supplierHoldsCore(s.plan.coreTechnologies) ? cs.notSupplierHeld : !entry?.confirmed ? cs.unconfirmed : entry.evidence.trim() ? cs.confirmed : cs.noEvidence;
      return [i + 1, status, sectionIn(c.section, lang), c[lang], null, null, entry?.evidence || null];
    }),
  );
  r += CHECKLIST.length;
  o.cf(checkTop, 2, r - 1, 2, `=LEFT($B${checkTop},1)=${lit('!')}`, { font: { color: COLORS.warnFont, bold: true } });
  o.cf(checkTop, 2, r - 1, 2, `=LEFT($B${checkTop},1)=${lit('✔')}`, { font: { color: COLORS.metFont } });
  const printBottom = r - 1;
  checklistSection.bottom = printBottom;

  // Chart data, right of the print area: ratio to 2021 of the first lines, and the required multiple per use.
  const chartLines = e.lines.slice(0, CHART_LINES_CAP);
  const chartYears = [...new Set(chartLines.flatMap((l) => l.years.map((y) => y.year)))].sort((x, y) => x - y);
  if (chartLines.length && chartYears.length) {
    const cc = SUMMARY.chartCol;
    let cr = 4;
    o.cell(cr, cc, t.summaryChart).format(cr, cc, cr, cc, SECTION_FORMAT);
    cr++;
    const data: CellInput[][] = [[null, ...chartYears]];
    for (const l of chartLines) {
      const id = itemId(l.item);
      const name = `${l.scenario} / ${id ? itemName(id, lang) : l.item}`;
      data.push([name, ...chartYears.map((y) => l.years.find((x) => x.year === y)?.ratio ?? null)]);
    }
    for (const use of [...new Set(chartLines.map((l) => l.use))] as UseId[]) {
      data.push([
        t.summaryChartRequired(useName(use, lang)),
        ...chartYears.map((y) => (y <= LAST_TARGET_YEAR && y >= MULTIPLIER_YEARS[0] ? Number(requiredMultiplier(use, y)) : null)),
      ]);
    }
    o.values(cr, cc, data);
    o.format(cr, cc, cr, cc + chartYears.length, HEADER_FORMAT);
    const range = `${col(cc)}${cr}:${col(cc + chartYears.length)}${cr + data.length - 1}`;
    o.push({ kind: 'chart', sheet: s.sheet, name: 'SupplyPlanChart', dataRange: range, anchor: `${col(cc)}${cr + data.length + 1}`, title: t.summaryChart });
    const widths: Record<string, number> = { [col(cc)]: 34 };
    for (let k = 1; k <= chartYears.length; k++) widths[col(cc + k)] = 7;
    o.widths(widths);
  }

  o.widths(SUMMARY.widths);
  o.format(infoTop, 3, infoTop + rows.length - 1, 3, { horizontal: 'left' });
  o.push({ kind: 'pageSetup', sheet: s.sheet, landscape: true, paper: 'A4', fitToWidth: true, printArea: `A1:${col(last)}${printBottom}` });
  const widths = Array.from({ length: last }, (_, k) => SUMMARY.widths[col(k + 1)] ?? 8.43);
  o.push({ kind: 'rowBreaks', sheet: s.sheet, rows: pageStarts({ columnWidths: widths }, printBottom, (row) => tall.get(row) ?? ROW_POINTS.normal, sections) });
  return o.ops;
}

/** A scenario as the summary names it: "base" as 基本ケース, the submission scenario marked （提出案）. */
function scenarioLabel(name: string, submission: boolean, t: ReturnType<typeof workbookText>): string {
  const shown = name === 'base' ? t.baseScenario : name;
  return submission ? t.submissionLabel(shown) : shown;
}

/** One row per activity: its kind (and name), its period and full years. */
function activityRows(s: SummaryInput, t: ReturnType<typeof workbookText>): [string, CellInput][] {
  const info = t.summaryInfo;
  const acts = s.evaluation.activities;
  if (!acts.length) return [[info.activity, t.notEntered]];
  return acts.map((a, i) => {
    const name = s.plan.activities?.[i]?.name;
    return [
      acts.length > 1 ? `${info.activity} ${i + 1}` : info.activity,
      `${t.kind[a.kind]}${name ? `「${name}」` : ''}${t.kindPeriodSeparator}${t.summaryPeriod({ start: a.start, end: a.end, years: a.fullYears })}`,
    ];
  });
}

function fmt(n: number | null): string | null {
  return n === null ? null : formatNumber(n);
}

/** Forecast ÷ required capacity, cut (not rounded) to 0.1%: 4332.8 against 4332.9 shows 99.9%, never 100%. */
function achievedRate(forecast: number | null, required: number | null): number | null {
  if (!required) return null;
  return new D(forecast ?? 0).div(required).toDecimalPlaces(3, D.ROUND_DOWN).toNumber();
}

function verdictRule(o: SheetOps, r1: number, c1: number, r2: number, c2: number, t: ReturnType<typeof workbookText>): void {
  const cell = `${col(c1)}${r1}`;
  o.cf(r1, c1, r2, c2, `=LEFT(${cell},1)=${lit(t.verdict.ineligible.slice(0, 1))}`, { fill: { color: COLORS.shortFill }, font: { color: COLORS.shortFont, bold: true } });
  o.cf(r1, c1, r2, c2, `=LEFT(${cell},1)=${lit(t.verdict.eligible.slice(0, 1))}`, { fill: { color: COLORS.metFill }, font: { color: COLORS.metFont, bold: true } });
  o.cf(r1, c1, r2, c2, `=LEFT(${cell},1)=${lit(t.verdict.attention.slice(0, 1))}`, { font: { color: COLORS.warnFont, bold: true } });
}
