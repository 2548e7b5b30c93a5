/**
 * The plan sheet (計画 / Plan): an Excel table of lines — scenario, item, use, 2021 baseline, unit, target years,
 * one column per year — typed by planners, plus computed columns to its right (the line's verdict and a ✔/✖/· mark
 * per year) that the highlights of the forecast cells key on.
 *
 * Reading finds the header row by its labels (either language, any width or case), so rows and columns a planner
 * moved still read; every bad cell becomes an input.invalid finding with its address, and the rest is evaluated.
 */
import type { Finding } from '../../evaluate/types';
import { findingText } from '../../i18n/findings';
import type { Bilingual, Lang } from '../../i18n/format';
import {
  FIELD_NAMES,
  PLAN_COLUMN_KEYS,
  PLAN_COLUMN_SYNONYMS,
  WORKBOOK_TEXTS,
  inputText,
  workbookText,
  type PlanColumnKey,
} from '../../i18n/workbook';
import { BASELINE_MIN } from '../../plan/format';
import { itemId, useId } from '../../plan/normalise';
import type { PlanLine } from '../../plan/schema';
import { BASELINE_YEAR, ITEMS, SECTIONS, USES, type UseId } from '../../policy';
import type { CellInput, ConditionalStyle, SheetSnapshot, WriteOp } from '../port';
import { Grid, address, cellText, foldHeader, isBlank, isError, labelIndex, parseNumberCell, parseTextCell } from './cells';
import { lit, type LiveFormulas } from './formulas';
import {
  ACTIVITY_TEMPLATE,
  COLORS,
  DEFAULT_SCENARIO,
  DEFAULT_YEARS,
  PLAN_TABLE_NAME,
  PLAN_TEMPLATE,
  SPARE_ROWS,
  col,
  ref,
  statusMirrorCol,
  yearRuns,
  type PlanGeometry,
  type PolicyRefs,
} from './geometry';
import { HEADER_FORMAT, MUTED_FORMAT, SheetOps, TITLE_FORMAT } from './ops';

const HEADER_SCAN_ROWS = 100;
const MIN_YEAR = BASELINE_YEAR;
const MAX_YEAR = 2100;

const headerIndex = labelIndex<PlanColumnKey>(
  PLAN_COLUMN_KEYS.flatMap((k) => [
    [k, WORKBOOK_TEXTS.ja.planColumns[k]] as [PlanColumnKey, string],
    [k, WORKBOOK_TEXTS.en.planColumns[k]] as [PlanColumnKey, string],
    ...PLAN_COLUMN_SYNONYMS[k].map((s) => [k, s] as [PlanColumnKey, string]),
  ]),
);
const verdictHeaders = new Set([foldHeader(WORKBOOK_TEXTS.ja.verdictHeader), foldHeader(WORKBOOK_TEXTS.en.verdictHeader)]);
const STATUS_HEADER = new RegExp(
  `^\\d{4}(${[WORKBOOK_TEXTS.ja.statusHeader(2000), WORKBOOK_TEXTS.en.statusHeader(2000)].map((h) => foldHeader(h).slice(4)).join('|')})$`,
);

/** A year header: 2025, "2025", "2025年", "2025年度", "FY2025". */
function headerYear(v: ReturnType<Grid['value']>): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1900 && v <= 9999 ? v : null;
  if (typeof v !== 'string') return null;
  const m = /^(?:fy)?(\d{4})(?:年度|年)?$/.exec(foldHeader(v));
  return m ? Number(m[1]) : null;
}

/** One row of the plan table as read: what the results need besides the line itself. */
export interface PlanRowInfo {
  row: number;
  /** Index into plan.lines, when the row became a line. */
  line?: number;
  findings: Finding[];
  useIndex: number;
  baseline: number | null;
  forecasts: Map<number, number>;
  targetsText: string;
  scenario: string;
  item: string;
  use: string;
  unit: string;
}

export interface PlanRead {
  geometry: PlanGeometry | null;
  lines: PlanLine[];
  rows: PlanRowInfo[];
  /** Findings not tied to a row (the header). */
  findings: Finding[];
}

export function inputFinding(sheet: string, row: number, c: number, what: Bilingual, section: string, line?: number): Finding {
  const where = `${sheet}!${address(row, c)}`;
  const f: Finding = { code: 'input.invalid', severity: 'error', section, path: where, messages: findingText['input.invalid']({ where, what }) };
  if (line !== undefined) f.line = line;
  return f;
}

/** Parse "2025,2027,2030" (also 、, spaces, 年/年度 suffixes, full-width digits). */
export function parseTargetYears(v: ReturnType<Grid['value']>): { years: number[]; bad: string[] } {
  if (isBlank(v)) return { years: [], bad: [] };
  if (isError(v)) return { years: [], bad: [v.error] };
  const tokens = cellText(v).normalize('NFKC').split(/[,、\s]+/).filter(Boolean);
  const years: number[] = [];
  const bad: string[] = [];
  for (const token of tokens) {
    const m = /^(\d{4})(?:年度|年)?$/.exec(token);
    const y = m ? Number(m[1]) : NaN;
    if (Number.isInteger(y) && y > BASELINE_YEAR && y <= MAX_YEAR) {
      if (!years.includes(y)) years.push(y);
    } else bad.push(token);
  }
  return { years, bad };
}

/** The targets text the live formula compares against (",2025,2027,"), for cached values. */
export function normalisedTargets(text: string): string {
  if (text.trim() === '') return '';
  const s = text.replace(/、/g, ',').normalize('NFKC').replace(/[\n ]/g, ',').replace(/年度/g, '').replace(/年/g, '');
  return `,${s},`;
}

export function readPlanSheet(snapshot: SheetSnapshot): PlanRead {
  const grid = new Grid(snapshot);
  const sheet = grid.name;
  const out: PlanRead = { geometry: null, lines: [], rows: [], findings: [] };

  // The header row: the first row naming at least the item, the use and the baseline.
  let headerRow = 0;
  let cols: Partial<Record<PlanColumnKey, number>> = {};
  for (let r = 1; r <= Math.min(grid.rows, HEADER_SCAN_ROWS) && !headerRow; r++) {
    const found: Partial<Record<PlanColumnKey, number>> = {};
    for (let c = 1; c <= grid.cols; c++) {
      const v = grid.value(r, c);
      if (typeof v !== 'string') continue;
      const k = headerIndex.get(foldHeader(v));
      if (k && found[k] === undefined) found[k] = c;
    }
    if (found.item && found.use && found.baseline) {
      headerRow = r;
      cols = found;
    }
  }
  if (!headerRow) {
    out.findings.push(inputFinding(sheet, 1, 1, inputText.noHeader(), SECTIONS.capacityTargets));
    return out;
  }

  const years: { year: number; col: number }[] = [];
  const oldComputed: number[] = [];
  const taken = new Set(Object.values(cols));
  for (let c = 1; c <= grid.cols; c++) {
    const v = grid.value(headerRow, c);
    if (typeof v === 'string') {
      const f = foldHeader(v);
      if (verdictHeaders.has(f) || STATUS_HEADER.test(f)) {
        oldComputed.push(c);
        continue;
      }
    }
    if (taken.has(c)) continue;
    const y = headerYear(v);
    if (y === null) continue;
    if (y < MIN_YEAR || y > MAX_YEAR) {
      out.findings.push(inputFinding(sheet, headerRow, c, inputText.yearOutOfRange(y), SECTIONS.capacityTargets));
    } else if (years.some((x) => x.year === y)) {
      out.findings.push(inputFinding(sheet, headerRow, c, inputText.duplicateYear(y), SECTIONS.capacityTargets));
    } else {
      years.push({ year: y, col: c });
    }
  }

  const inputCols = [...Object.values(cols), ...years.map((y) => y.col)] as number[];
  const inputLeft = Math.min(...inputCols);
  const inputRight = Math.max(...inputCols);

  let lastDataRow = headerRow;
  for (let r = headerRow + 1; r <= grid.rows; r++) {
    if (inputCols.some((c) => !isBlank(grid.raw(r, c)) && !grid.isMergedTail(r, c))) lastDataRow = r;
  }
  for (let r = headerRow + 1; r <= lastDataRow; r++) {
    if (!inputCols.some((c) => !isBlank(grid.raw(r, c)) && !grid.isMergedTail(r, c))) continue;
    readRow(grid, r, cols, years, out);
  }

  const lastRow = lastDataRow + SPARE_ROWS;
  const mergesInTable = snapshot.merges.some((m) => {
    const [a, b = a] = m.split(':');
    const ra = /([A-Z]+)(\d+)/.exec(a.replace(/\$/g, ''));
    const rb = /([A-Z]+)(\d+)/.exec(b.replace(/\$/g, ''));
    if (!ra || !rb) return false;
    const top = Number(ra[2]);
    const bottom = Number(rb[2]);
    const left = colNumber(ra[1]);
    const right = colNumber(rb[1]);
    return top <= lastRow && bottom >= headerRow && left <= inputRight && right >= inputLeft;
  });
  out.geometry = {
    sheet,
    headerRow,
    firstRow: headerRow + 1,
    lastDataRow,
    lastRow,
    cols,
    years,
    inputLeft,
    inputRight,
    computedLeft: inputRight + 2,
    oldComputed,
    mergesInTable,
  };
  return out;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

function readRow(
  grid: Grid,
  r: number,
  cols: Partial<Record<PlanColumnKey, number>>,
  years: { year: number; col: number }[],
  out: PlanRead,
): void {
  const sheet = grid.name;
  const findings: Finding[] = [];
  const section = SECTIONS.capacityTargets;
  const bad = (c: number, what: Bilingual, s: string = section) => findings.push(inputFinding(sheet, r, c, what, s));
  /** A text cell: its text, null when blank, undefined when bad (reported). */
  const text = (k: PlanColumnKey): string | null | undefined => {
    const c = cols[k];
    if (!c) return null;
    const p = parseTextCell(grid.value(r, c));
    if (p.kind === 'bad') {
      bad(c, p.what, k === 'item' ? SECTIONS.items : section);
      return undefined;
    }
    return p.kind === 'ok' ? p.value : null;
  };

  const scenario = text('scenario');
  const item = text('item');
  const useText = text('use');
  const unit = text('unit');
  const site = text('site');
  const activity = text('activity');
  let skip = false;
  if (item === null && cols.item) bad(cols.item, inputText.required(FIELD_NAMES.item), SECTIONS.items);
  if (!item) skip = true;

  let use: UseId | null = null;
  if (useText === null && cols.use) bad(cols.use, inputText.required(FIELD_NAMES.use));
  if (useText) {
    use = useId(useText);
    if (!use) bad(cols.use!, inputText.unknownUse(useText));
  }
  if (!use) skip = true;

  let baseline: number | null = null;
  if (cols.baseline) {
    // 0 is a new entrant's baseline (v2): read, and the engine says its multiples cannot be judged.
    const raw = grid.value(r, cols.baseline);
    let p = parseNumberCell(raw, 'nonNegative');
    // As the plan format: 0, or at least 10^-9 (below it a forecast divided by the baseline overflows).
    if (p.kind === 'ok' && p.value > 0 && p.value < BASELINE_MIN) p = { kind: 'bad', what: inputText.outOfRange(cellText(raw).trim()) };
    if (p.kind === 'ok') baseline = p.value;
    else {
      bad(cols.baseline, p.kind === 'bad' ? p.what : inputText.required(FIELD_NAMES.baseline));
    }
  }
  if (baseline === null) skip = true;

  const lineFindings: Finding[] = [];
  let targetYears: number[] = [];
  let targetsText = '';
  if (cols.targets) {
    const v = grid.value(r, cols.targets);
    targetsText = isBlank(v) || isError(v) ? '' : cellText(v);
    const t = parseTargetYears(v);
    targetYears = t.years;
    if (t.bad.length) {
      const what = isError(v) ? inputText.errorValue(v.error) : inputText.badTargetYear(t.bad.join(', '));
      lineFindings.push(inputFinding(sheet, r, cols.targets, what, section));
    }
  }
  const forecasts = new Map<number, number>();
  for (const y of years) {
    const v = grid.raw(r, y.col);
    const p = parseNumberCell(v, 'nonNegative');
    if (p.kind === 'ok') forecasts.set(y.year, p.value);
    else if (p.kind === 'bad') lineFindings.push(inputFinding(sheet, r, y.col, p.what, section));
  }

  const info: PlanRowInfo = {
    row: r,
    findings,
    useIndex: use ? USES.findIndex((u) => u.id === use) + 1 : 0,
    baseline,
    forecasts,
    targetsText,
    scenario: scenario ?? DEFAULT_SCENARIO,
    item: item ?? '',
    use: useText ?? '',
    unit: unit ?? '',
  };
  if (!skip) {
    const index = out.lines.length;
    const capacity: Record<string, number> = {};
    for (const [y, v] of [...forecasts.entries()].sort((a, b) => a[0] - b[0])) capacity[String(y)] = v;
    const line: PlanLine = {
      scenario: scenario ?? DEFAULT_SCENARIO,
      item: item!,
      use: use!,
      baseline2021: baseline!,
      unit: unit ?? '',
      capacity,
    };
    if (site) line.site = site;
    if (activity) line.activity = activity;
    if (targetYears.length) line.targetYears = targetYears;
    out.lines.push(line);
    info.line = index;
    for (const f of [...findings, ...lineFindings]) f.line = index;
  }
  info.findings = [...findings, ...lineFindings];
  out.rows.push(info);
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

/** The label a line's item is written as: the item's name in the workbook's language, or the text as given. */
export function itemLabel(item: string, lang: Lang): string {
  const id = itemId(item);
  return id ? ITEMS.find((i) => i.id === id)![lang] : item;
}

export function useLabel(use: UseId, lang: Lang): string {
  return USES.find((u) => u.id === use)![lang];
}

/** The year columns a new plan sheet gets: the default 2022–2035 plus any year the plan has. */
export function templateYears(lines: readonly PlanLine[]): number[] {
  const years = new Set<number>(DEFAULT_YEARS);
  for (const l of lines) for (const y of Object.keys(l.capacity)) years.add(Number(y));
  return [...years].sort((a, b) => a - b);
}

/**
 * The geometry of a plan sheet a template creates. The activity-ID column is there when the plan has several
 * activities (or a line names one): with one activity every line is its.
 */
export function templateGeometry(sheet: string, lines: readonly PlanLine[], activities = 1): PlanGeometry {
  const years = templateYears(lines);
  const cols: Partial<Record<PlanColumnKey, number>> = {};
  const before: PlanColumnKey[] = [...PLAN_TEMPLATE.columns];
  const after: PlanColumnKey[] = [...PLAN_TEMPLATE.afterYears];
  if (activities > 1 || lines.some((l) => l.activity)) after.push('activity');
  before.forEach((k, i) => (cols[k] = i + 1));
  const firstYearCol = before.length + 1;
  after.forEach((k, i) => (cols[k] = firstYearCol + years.length + i));
  const headerRow = PLAN_TEMPLATE.headerRow;
  const inputRight = firstYearCol + years.length + after.length - 1;
  const lastDataRow = headerRow + lines.length;
  return {
    sheet,
    headerRow,
    firstRow: headerRow + 1,
    lastDataRow,
    lastRow: lastDataRow + SPARE_ROWS,
    cols,
    years: years.map((year, i) => ({ year, col: firstYearCol + i })),
    inputLeft: 1,
    inputRight,
    computedLeft: inputRight + 2,
    oldComputed: [],
    mergesInTable: false,
  };
}

/** A line as the cells of a plan row (the geometry's column order). */
export function lineCells(line: PlanLine, g: PlanGeometry, lang: Lang): Map<number, CellInput> {
  const cells = new Map<number, CellInput>();
  const put = (k: PlanColumnKey, v: CellInput) => g.cols[k] && cells.set(g.cols[k]!, v);
  put('scenario', line.scenario);
  put('item', itemLabel(line.item, lang));
  put('use', useLabel(line.use, lang));
  put('baseline', line.baseline2021);
  put('unit', line.unit);
  put('targets', line.targetYears?.length ? line.targetYears.join(',') : null);
  put('site', line.site ?? null);
  put('activity', line.activity ?? null);
  for (const y of g.years) {
    const v = line.capacity[String(y.year)];
    cells.set(y.col, v === undefined ? null : v);
  }
  return cells;
}

/** Rows of lines written as one rectangle from the geometry's left input column. */
export function lineRowsOps(sheet: string, g: PlanGeometry, lines: readonly PlanLine[], firstRow: number, lang: Lang): WriteOp[] {
  if (!lines.length) return [];
  const rows: CellInput[][] = lines.map((l) => {
    const cells = lineCells(l, g, lang);
    const row: CellInput[] = [];
    for (let c = g.inputLeft; c <= g.inputRight; c++) row.push(cells.has(c) ? cells.get(c)! : null);
    return row;
  });
  // Columns inside the table that are not ours (a planner's own) are left alone: write column runs around them.
  const ours = new Set(rowsColumns(g));
  const ops: WriteOp[] = [];
  let start = -1;
  for (let c = g.inputLeft; c <= g.inputRight + 1; c++) {
    const inRun = c <= g.inputRight && ours.has(c);
    if (inRun && start < 0) start = c;
    if (!inRun && start >= 0) {
      ops.push({
        kind: 'values',
        sheet,
        at: `${col(start)}${firstRow}`,
        rows: rows.map((r) => r.slice(start - g.inputLeft, c - g.inputLeft)),
      });
      start = -1;
    }
  }
  return ops;
}

/**
 * Clear the tool's input cells of one plan row (a line the planner removed from the pane): the row stays, blank, and
 * the reader passes blank rows by; a planner's own columns inside the table are left alone.
 */
export function clearLineRowOps(sheet: string, g: PlanGeometry, row: number): WriteOp[] {
  return [...new Set(rowsColumns(g))].sort((a, b) => a - b).map((c) => ({ kind: 'values' as const, sheet, at: `${col(c)}${row}`, rows: [[null]] }));
}

function rowsColumns(g: PlanGeometry): number[] {
  return [...(Object.values(g.cols) as number[]), ...g.years.map((y) => y.col)];
}

/** A new plan sheet: title, year basis, legend, header and the lines (inputs only; live parts come separately). */
export function planTemplateOps(
  sheet: string,
  activitySheet: string,
  g: PlanGeometry,
  lines: readonly PlanLine[],
  lang: Lang,
): WriteOp[] {
  const t = workbookText(lang);
  const o = new SheetOps(sheet);
  o.push({ kind: 'addSheet', sheet, tabColor: COLORS.tabInput });
  o.cell(PLAN_TEMPLATE.titleRow, 1, t.planTitle).format(PLAN_TEMPLATE.titleRow, 1, PLAN_TEMPLATE.titleRow, 1, TITLE_FORMAT);
  const yb = ref(activitySheet, `$${col(ACTIVITY_TEMPLATE.valueCol)}$${ACTIVITY_TEMPLATE.yearBasis}`);
  o.cell(PLAN_TEMPLATE.infoRow, 1, { formula: `=${lit(t.yearBasisLabel)}&IF(TRIM(${yb}&"")="",${lit(t.notEntered)},${yb}&"")` });
  o.format(PLAN_TEMPLATE.infoRow, 1, PLAN_TEMPLATE.infoRow, 1, { font: { bold: true } });
  o.values(PLAN_TEMPLATE.infoRow, 4, [[t.legendInput, t.legendComputed, t.legendStatus]]);
  o.format(PLAN_TEMPLATE.infoRow, 4, PLAN_TEMPLATE.infoRow, 4, { fill: { color: COLORS.input }, border: true, horizontal: 'center' });
  o.format(PLAN_TEMPLATE.infoRow, 5, PLAN_TEMPLATE.infoRow, 5, { fill: { color: COLORS.computed }, border: true, horizontal: 'center' });
  o.cell(PLAN_TEMPLATE.hintRow, 1, t.planHint).format(PLAN_TEMPLATE.hintRow, 1, PLAN_TEMPLATE.hintRow, 1, MUTED_FORMAT);

  const header: CellInput[] = [];
  for (let c = g.inputLeft; c <= g.inputRight; c++) {
    const key = (Object.keys(g.cols) as PlanColumnKey[]).find((k) => g.cols[k] === c);
    const y = g.years.find((x) => x.col === c);
    header.push(key ? t.planColumns[key] : y ? y.year : null);
  }
  o.values(g.headerRow, g.inputLeft, [header]);
  o.push(...lineRowsOps(sheet, g, lines, g.firstRow, lang));

  const widthOf: Record<PlanColumnKey, number> = { scenario: 12, item: 16, use: 26, site: 16, baseline: 13, unit: 9, targets: 15, activity: 10 };
  const widths: Record<string, number> = {};
  for (const [k, c] of Object.entries(g.cols) as [PlanColumnKey, number][]) widths[col(c)] = widthOf[k];
  // Room for a mark before a forecast of millions ("✖ 12,345,678").
  for (const y of g.years) widths[col(y.col)] = 12;
  o.widths(widths);
  o.push({ kind: 'freeze', sheet, rows: g.headerRow, columns: 3 });
  return o.ops;
}

/**
 * Our highlight rules on the plan sheet, for the rule's top-left cell. Every version has written these same formulas,
 * so a re-run recognises the rules of an earlier one by them (clearConditionalFormats' ownedBy).
 */
const markIsShort = (cell: string) => `=${cell}=${lit('✖')}`;
const markIsMet = (cell: string) => `=${cell}=${lit('✔')}`;
const verdictIsShort = (cell: string) => `=LEFT(${cell},1)=${lit('✖')}`;
const PLAN_RULES = [markIsShort, markIsMet, verdictIsShort];
/**
 * The forecast rules of the version before the results' pending rows, recognised so a check replaces them: its ✖ and
 * ✔ worked out an inserted row's mark from the row's inputs (owned by how that formula starts — "…": the rest varies
 * with the sheet's columns), its · and ？ keyed on the mark cell alone. test/workbook/previous-rules.ts rebuilds them.
 */
const PREVIOUS_FORECAST_RULES = [
  '=IF(ISBLANK(A1),IFERROR(IF(AND(AND(ISNUMBER(A1),OR(A1=0,A1>=1E-9),EXACT(…',
  '=AND(IF(ISBLANK(A1),IFERROR(IF(AND(AND(ISNUMBER(A1),OR(A1=0,A1>=1E-9),EXACT(…',
  ...['·', '？', '?'].flatMap((m) => [`=A1="${m}"`, `=AND(A1="${m}",IFERROR(ROUND(A1,5)<>ROUND(A1,0),FALSE))`]),
];

/** Thousands separators; decimals as typed, up to the 5 the formulas are exact for. */
export const FORECAST_FORMAT = { whole: '#,##0', fraction: '#,##0.#####' } as const;

/**
 * The rules over a run of forecast cells (formulas for its top-left cell), highest priority first: for each status
 * mark a rule for fractions and one for the rest (whole numbers, a number typed as text, a blank), each showing the
 * mark before the number (`"✖ "#,##0`) so the status is never colour alone, short and met with their fills; last, a
 * whole number without a mark (no trailing point, which `#,##0.#####` would show). Where two apply, the first one's
 * number format is shown: Excel applies the rule of higher precedence where formats conflict, LibreOffice the first
 * rule that holds. A row inserted inside the table has no mark cell: its marks are its pending results row's
 * (formulas.forecastMark).
 */
export function forecastRules(formulas: LiveFormulas, g: PlanGeometry, k: number): { formula: string; format: ConditionalStyle }[] {
  const cell = `${col(g.years[k].col)}${g.firstRow}`;
  const worked = formulas.forecastMark(k);
  const fraction = `IFERROR(ROUND(${cell},5)<>ROUND(${cell},0),FALSE)`;
  const m = formulas.marks;
  const marks: [string, string, ConditionalStyle][] = [
    [m.short, worked, { fill: { color: COLORS.shortFill }, font: { color: COLORS.shortFont } }],
    [m.met, worked, { fill: { color: COLORS.metFill }, font: { color: COLORS.metFont } }],
    [m.info, worked, {}],
    [m.notJudged, worked, {}],
  ];
  const rules: { formula: string; format: ConditionalStyle }[] = marks.flatMap(([symbol, mark, style]) => [
    { formula: `=AND(${mark}=${lit(symbol)},${fraction})`, format: { ...style, numberFormat: `${lit(`${symbol} `)}${FORECAST_FORMAT.fraction}` } },
    { formula: `=${mark}=${lit(symbol)}`, format: { ...style, numberFormat: `${lit(`${symbol} `)}${FORECAST_FORMAT.whole}` } },
  ]);
  rules.push(wholeNumberRule(cell));
  return rules;
}

/** A whole number shown without the trailing point `#,##0.#####` would give it (Excel shows "120,000."). */
function wholeNumberRule(cell: string): { formula: string; format: ConditionalStyle } {
  return { formula: `=NOT(IFERROR(ROUND(${cell},5)<>ROUND(${cell},0),FALSE))`, format: { numberFormat: FORECAST_FORMAT.whole } };
}

/**
 * The plan sheet's formats, lists, table and computed columns for a geometry: written by the template and again
 * by every check (the table may have grown), never touching the planner's values.
 */
export function planLiveOps(
  g: PlanGeometry,
  planLang: Lang,
  formulas: LiveFormulas,
  policy: PolicyRefs,
  clearUntilRow: number,
  cached?: { marks: string[][]; verdicts: string[] },
  /**
   * The first row to paint as input. The template paints every row; a check or an append paints only rows below the
   * planner's lines, so a cell the planner coloured or bordered keeps its look (their style is theirs).
   */
  inputStyleFrom: number = g.firstRow,
): WriteOp[] {
  const t = workbookText(planLang);
  const o = new SheetOps(g.sheet);
  const n = g.years.length;
  const last = g.lastRow;

  // Our computed columns from an earlier run (they may have moved): cleared, then written again.
  const clearCols = [...new Set([...g.oldComputed, g.computedLeft, ...g.years.map((_, k) => statusMirrorCol(g, k))])];
  for (const c of clearCols.sort((a, b) => a - b)) {
    if (c > g.inputRight || !rowsColumns(g).includes(c)) o.clear(g.headerRow, c, Math.max(clearUntilRow, last), c);
  }

  // Inputs: yellow, with lists; header as a header.
  o.format(g.headerRow, g.inputLeft, g.headerRow, g.inputRight, HEADER_FORMAT);
  if (inputStyleFrom <= last) {
    o.format(inputStyleFrom, g.inputLeft, last, g.inputRight, { fill: { color: COLORS.input }, border: true });
    // Thousands separators on forecasts and the baseline, decimals as typed (up to the 5 the formulas are exact for).
    // Whole numbers drop the trailing point by a rule (below).
    for (const run of yearRuns(g)) o.format(inputStyleFrom, g.years[run.from].col, last, g.years[run.to].col, { numberFormat: FORECAST_FORMAT.fraction });
    if (g.cols.baseline) o.format(inputStyleFrom, g.cols.baseline, last, g.cols.baseline, { numberFormat: FORECAST_FORMAT.fraction });
  }
  if (g.cols.targets) o.format(g.firstRow, g.cols.targets, last, g.cols.targets, { numberFormat: '@' });
  if (g.cols.scenario) o.list(g.firstRow, g.cols.scenario, last, g.cols.scenario, `=${policy.scenarios}`);
  if (g.cols.item) o.list(g.firstRow, g.cols.item, last, g.cols.item, `=${policy.items}`);
  if (g.cols.use) o.list(g.firstRow, g.cols.use, last, g.cols.use, `=${policy.uses}`);
  if (!g.mergesInTable) {
    o.push({ kind: 'table', sheet: g.sheet, name: PLAN_TABLE_NAME, range: `${col(g.inputLeft)}${g.headerRow}:${col(g.inputRight)}${last}`, style: 'TableStyleLight1' });
  }

  // Computed: the verdict and one mark per year, grey.
  const vc = g.computedLeft;
  o.values(g.headerRow, vc, [[t.verdictHeader, ...g.years.map((y) => t.statusHeader(y.year))]]);
  o.format(g.headerRow, vc, g.headerRow, vc + n, { ...HEADER_FORMAT, fill: { color: '#7F7F7F' }, horizontal: 'center' });
  o.format(g.firstRow, vc, last, vc + n, { fill: { color: COLORS.computed }, horizontal: 'center' });
  o.fill(g.firstRow, vc, last, vc, formulas.planVerdict, cached ? cached.verdicts.map((v) => [v]) : undefined);
  if (n > 0) o.fill(g.firstRow, vc + 1, last, vc + n, formulas.planMark(0), cached?.marks);
  const widths: Record<string, number> = { [col(vc)]: 22 };
  for (let k = 0; k < n; k++) widths[col(vc + 1 + k)] = 6;
  o.widths(widths);

  // Highlights: a handful of rules over whole ranges. Forecast cells key on the mark in the same row (a row inserted
  // inside the table, which has none, on its own inputs) and show it before the number.
  // Only our rules go: the planner's own rules on this sheet (a colour scale, a formula of theirs) stay. Earlier
  // versions' rules (the mark alone, over the forecasts too) are recognised and go as well.
  const runs = yearRuns(g);
  const ownedBy = [
    ...PLAN_RULES.map((rule) => rule('A1')),
    ...runs.flatMap((run) => forecastRules(formulas, g, run.from).map((r) => r.formula)),
    ...PREVIOUS_FORECAST_RULES,
  ];
  o.push({ kind: 'clearConditionalFormats', sheet: g.sheet, ownedBy: [...new Set(ownedBy)] });
  const short = { fill: { color: COLORS.shortFill }, font: { color: COLORS.shortFont } };
  const met = { fill: { color: COLORS.metFill }, font: { color: COLORS.metFont } };
  for (const run of runs) {
    const c1 = g.years[run.from].col;
    const c2 = g.years[run.to].col;
    for (const rule of forecastRules(formulas, g, run.from)) o.cf(g.firstRow, c1, last, c2, rule.formula, rule.format);
  }
  if (g.cols.baseline) {
    const rule = wholeNumberRule(`${col(g.cols.baseline)}${g.firstRow}`);
    o.cf(g.firstRow, g.cols.baseline, last, g.cols.baseline, rule.formula, rule.format);
  }
  if (n > 0) {
    const first = `${col(vc + 1)}${g.firstRow}`;
    o.cf(g.firstRow, vc + 1, last, vc + n, markIsShort(first), short);
    o.cf(g.firstRow, vc + 1, last, vc + n, markIsMet(first), met);
  }
  o.cf(g.firstRow, vc, last, vc, verdictIsShort(`${col(vc)}${g.firstRow}`), { font: { color: COLORS.shortFont, bold: true } });
  // Printed: A4 landscape, one page wide, the header row on every page.
  o.push({ kind: 'pageSetup', sheet: g.sheet, landscape: true, paper: 'A4', fitToWidth: true, printTitleRows: `${g.headerRow}:${g.headerRow}` });
  return o.ops;
}
