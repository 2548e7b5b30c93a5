/**
 * The results sheet (結果 / Results): one row per plan row, in the same order — the line's verdict and findings, and
 * for every year the status, required multiple, required capacity, shortfall and ratio to 2021. Everything but the
 * findings is a live formula over the plan sheet; rewritten whole at every check.
 */
import type { Evaluation, LineResult, YearResult } from '../../evaluate/types';
import type { Lang } from '../../i18n/format';
import { workbookText } from '../../i18n/workbook';
import type { CellInput, WriteOp } from '../port';
import { lit, mark, unitSignature, type LiveFormulas, type ResultsRowFormulas } from './formulas';
import { ACTIVITY_TEMPLATE, COLORS, RESULTS, col, pendingRows, ref, resultsBlocks, resultsRow, type BlockKey, type PlanGeometry } from './geometry';
import { HEADER_FORMAT, MUTED_FORMAT, SheetOps, TITLE_FORMAT } from './ops';
import { itemId } from '../../plan/normalise';
import { ITEMS } from '../../policy';
import { normalisedTargets, type PlanRowInfo } from './plan-sheet';

/** The findings of a results row, written as values (as of the check). */
export interface RowStatic {
  errors: number | null;
  warnings: number | null;
  text: string;
}

/** What each formula evaluates to at check time (from the engine), stored as cached values for viewers. */
type FixedKey = Exclude<keyof typeof RESULTS.cols, 'findings' | 'errors' | 'warnings'>;
const FIXED_KEYS: readonly FixedKey[] = ['row', 'scenario', 'item', 'use', 'unit', 'verdict', 'useIndex', 'targets', 'baseline', 'group', 'groupBaseline', 'named', 'exact', 'live', 'groupUnit', 'scenarioUse'];

export interface RowCache {
  fixed: Record<FixedKey, CellInput>;
  blocks: Record<BlockKey, CellInput[]>;
  /** The row's group is outside what the formulas judge exactly: the sheet shows the `last` block's statuses. */
  needsLast: boolean;
}

const ITEM_NAMES = new Set(ITEMS.flatMap((i) => [i.ja, i.en, i.id].map((n) => n.toLowerCase())));

/** In the range the formulas are exact for (formulas.ts: outsideDomain): 5 decimals, < 10^9 unless whole, < 10^13. */
function inDomain(v: number): boolean {
  return Number(v.toFixed(5)) === v && Math.abs(v) < 1e13 && (Math.abs(v) < 1e9 || Number.isInteger(v));
}

/**
 * Whether the sheet's formulas judge this row exactly (the `exact` column's test, done here to know which rows need
 * the last evaluation's statuses written: writing them for every row of a large plan would double the request).
 */
function exactInSheet(info: PlanRowInfo): boolean {
  if (!ITEM_NAMES.has(info.item.trim().toLowerCase())) return false;
  if (/[*?~]/.test(info.scenario + info.item)) return false;
  if (info.scenario !== info.scenario.trim() || info.scenario !== info.scenario.toLowerCase() || /\s{2}/.test(info.scenario)) return false;
  if (info.baseline !== null && !inDomain(info.baseline)) return false;
  for (const v of info.forecasts.values()) if (!inDomain(v)) return false;
  return true;
}

function blank(): RowCache {
  const fixed = Object.fromEntries(FIXED_KEYS.map((k) => [k, ''])) as Record<FixedKey, CellInput>;
  Object.assign(fixed, { row: 0, useIndex: 0, named: 0, exact: 1, live: 1 });
  return { fixed, blocks: Object.fromEntries(RESULTS.blocks.map((b) => [b, []])) as unknown as Record<BlockKey, CellInput[]>, needsLast: false };
}

function round6(n: number): number {
  return Number(n.toFixed(6));
}

/** The cached values of every results row, derived from the engine's results (they agree with the formulas). */
export function resultsCache(g: PlanGeometry, rows: readonly PlanRowInfo[], evaluation: Evaluation, lang: Lang, rowHasError: (row: number) => boolean): RowCache[] {
  const t = workbookText(lang);
  const byRow = new Map(rows.map((r) => [r.row, r]));
  const blocks = resultsBlocks(g);
  // As the `live` column: a row outside the exact range makes every line of its scenario and use show the last status.
  const inexact = new Set<string>();
  for (const r of rows) if (r.line !== undefined && !exactInSheet(r)) inexact.add(`${evaluation.lines[r.line].scenario}|${evaluation.lines[r.line].use}`);
  const inexactGroups = new Set<number>(evaluation.groups.filter((gr) => inexact.has(`${gr.scenario}|${gr.use}`)).map((gr) => gr.index));
  const out: RowCache[] = [];
  for (let planRow = g.firstRow; planRow <= g.lastRow; planRow++) {
    const c = blank();
    c.fixed.row = planRow;
    const info = byRow.get(planRow);
    const line: LineResult | undefined = info?.line !== undefined ? evaluation.lines[info.line] : undefined;
    if (!info) c.fixed.row = '';
    if (info) {
      c.fixed.scenario = info.scenario;
      c.fixed.item = info.item;
      c.fixed.use = info.use;
      c.fixed.unit = info.unit;
      c.fixed.useIndex = info.useIndex;
      c.fixed.targets = normalisedTargets(info.targetsText);
      c.fixed.baseline = info.baseline ?? '';
      c.fixed.verdict = line ? t.verdict[line.verdict] : rowHasError(planRow) ? t.verdict.ineligible : t.verdict.eligible;
      c.fixed.named = info.targetsText.trim() ? 1 : 0;
    }
    const group = line ? evaluation.groups[line.group] : undefined;
    c.needsLast = line !== undefined && inexactGroups.has(line.group);
    if (c.needsLast) {
      c.fixed.live = 0;
      c.fixed.verdict = `${String(c.fixed.verdict)}${t.fromLastEvaluation}`;
    }
    if (info && line && group) {
      c.fixed.group = `#${info.scenario}|${itemId(info.item) ?? info.item}|${info.useIndex}`;
      c.fixed.groupBaseline = group.baseline2021;
      c.fixed.groupUnit = `${c.fixed.group}|${unitSignature(info.unit)}`;
      c.fixed.scenarioUse = `#${info.scenario}|${info.useIndex}`;
    }
    const groupYears = new Map<number, YearResult>((group?.years ?? []).map((y) => [y.year, y]));
    const named = new Set(normalisedTargets(info?.targetsText ?? '').split(',').filter(Boolean).map(Number));
    const years = new Map<number, YearResult>((line?.years ?? []).map((y) => [y.year, y]));
    const value = (block: BlockKey, k: number): CellInput => {
      const { year } = g.years[k];
      const v = info?.forecasts.get(year);
      const yr = years.get(year);
      switch (block) {
        case 'multiplier':
          return yr?.target ? (yr.required ?? '') : '';
        case 'required':
          return yr?.target ? (yr.requiredCapacity ?? '') : '';
        case 'shortfall':
          return yr?.target ? (yr.shortfall ?? '') : '';
        case 'ratio':
          return line ? (yr?.ratio ?? '') : v !== undefined && info?.baseline ? round6(v / info.baseline) : '';
        case 'forecast':
          return v ?? '';
        case 'groupForecast':
          return group ? (groupYears.get(year)?.capacity ?? 0) : '';
        case 'named':
          return named.has(year) ? 1 : 0;
        case 'status':
        case 'last':
          if (line) return yr ? t.status[yr.status] : '';
          return block === 'status' && info && v !== undefined && info.useIndex > 0 && info.baseline !== null ? t.status.info : '';
      }
    };
    for (const block of RESULTS.blocks) c.blocks[block] = blocks.years(block).map((k) => value(block, k));
    out.push(c);
  }
  return out;
}

/**
 * The fills of the year blocks: one per run of columns whose references move together (normally one per block;
 * more when a planner put year columns out of order, or for the years after 2030, which have a simpler status).
 * `j1`…`j2` index the block's own columns; the formula is the one for the run's first cell, first row.
 */
export function blockFills(g: PlanGeometry, f: ResultsRowFormulas): { block: BlockKey; c1: number; c2: number; j1: number; j2: number; formula: string }[] {
  const blocks = resultsBlocks(g);
  const at = (b: BlockKey, k: number) => blocks.col(b, k)!;
  const planCol = (k: number) => g.years[k].col;
  // The columns each block's formula refers to at year k: a run of years whose columns all move by one shares a fill.
  const refs: Record<Exclude<BlockKey, 'last'>, (k: number) => (number | null)[]> = {
    multiplier: (k) => [at('forecast', k), blocks.col('named', k)],
    required: (k) => [at('multiplier', k)],
    shortfall: (k) => [at('required', k), at('groupForecast', k)],
    groupForecast: (k) => [at('forecast', k)],
    ratio: (k) => [at('forecast', k)],
    forecast: (k) => [planCol(k)],
    named: () => [],
    status: (k) => [at('forecast', k), blocks.col('multiplier', k), blocks.col('shortfall', k), at('last', k)],
  };
  const formula: Record<Exclude<BlockKey, 'last'>, (k: number) => string> = {
    multiplier: f.multiplier,
    required: f.required,
    shortfall: f.shortfall,
    groupForecast: f.groupForecast,
    ratio: f.ratio,
    forecast: f.forecast,
    named: f.namedYear,
    status: f.status,
  };
  const out: { block: BlockKey; c1: number; c2: number; j1: number; j2: number; formula: string }[] = [];
  for (const block of RESULTS.blocks) {
    // The last evaluation's statuses are values, written by the check.
    if (block === 'last') continue;
    const ks = blocks.years(block);
    let j1 = 0;
    for (let j = 1; j <= ks.length; j++) {
      const moves =
        j < ks.length &&
        refs[block](ks[j]).every((c, i) => {
          const prev = refs[block](ks[j - 1])[i];
          return c === null ? prev === null : prev !== null && c === prev + 1;
        });
      if (!moves) {
        const c1 = blocks.start(block) + j1;
        out.push({ block, c1, c2: blocks.start(block) + j - 1, j1, j2: j - 1, formula: formula[block](ks[j1]) });
        j1 = j;
      }
    }
  }
  return out;
}

/** The results sheet, whole: headers, live formulas, findings, formats and rules. */
export function resultsSheetOps(p: {
  sheet: string;
  planSheet: string;
  activitySheet: string;
  yearBasisCell?: { row: number; col: number };
  /** Without an activity sheet there is no cell to show: the year basis as read, written as text. */
  yearBasisText?: string;
  g: PlanGeometry;
  formulas: LiveFormulas;
  lang: Lang;
  asOf?: { when: string; version: string };
  statics?: RowStatic[];
  cache?: RowCache[];
}): WriteOp[] {
  const { sheet, g, formulas: f, lang } = p;
  const t = workbookText(lang);
  const o = new SheetOps(sheet);
  const n = g.years.length;
  const top = RESULTS.firstRow;
  const bottom = resultsRow(g, g.lastRow);
  const c = RESULTS.cols;
  o.push({ kind: 'addSheet', sheet, tabColor: COLORS.tabResults });
  o.clear();
  // Every rule goes (no ownedBy): the sheet is ours and written whole each time, cells and formats alike.
  o.push({ kind: 'clearConditionalFormats', sheet });

  o.cell(RESULTS.titleRow, 1, t.resultsTitle).format(RESULTS.titleRow, 1, RESULTS.titleRow, 1, TITLE_FORMAT);
  const yb = p.yearBasisCell ?? { row: ACTIVITY_TEMPLATE.yearBasis, col: ACTIVITY_TEMPLATE.valueCol };
  const ybRef = ref(p.activitySheet, `$${col(yb.col)}$${yb.row}`);
  o.cell(
    RESULTS.yearBasisRow,
    1,
    p.yearBasisText !== undefined ? t.yearBasisLabel + p.yearBasisText : { formula: `=${lit(t.yearBasisLabel)}&IF(TRIM(${ybRef}&"")="",${lit(t.notEntered)},${ybRef}&"")` },
  );
  o.format(RESULTS.yearBasisRow, 1, RESULTS.yearBasisRow, 1, { font: { bold: true } });
  if (p.asOf) o.cell(RESULTS.asOfRow, 1, t.resultsAsOf(p.asOf.when, p.asOf.version)).format(RESULTS.asOfRow, 1, RESULTS.asOfRow, 1, MUTED_FORMAT);
  o.cell(RESULTS.legendRow, 1, t.resultsLegend).format(RESULTS.legendRow, 1, RESULTS.legendRow, 1, MUTED_FORMAT);

  const rc = t.resultsColumns;
  o.values(RESULTS.headerRow, 1, [[rc.row, rc.scenario, rc.item, rc.use, rc.unit, rc.verdict, rc.findings, rc.errors, rc.warnings, rc.useIndex, rc.targets, rc.baseline, rc.group, rc.groupBaseline, rc.named, rc.exact, rc.live, rc.groupUnit, rc.scenarioUse]]);
  o.format(RESULTS.headerRow, 1, RESULTS.headerRow, c.scenarioUse, HEADER_FORMAT);
  o.format(RESULTS.headerRow, c.errors, RESULTS.headerRow, c.baseline, { fill: { color: '#7F7F7F' } });
  o.format(RESULTS.headerRow, c.named, RESULTS.headerRow, c.scenarioUse, { fill: { color: '#7F7F7F' } });
  const blocks = resultsBlocks(g);
  for (const block of RESULTS.blocks) {
    const ks = blocks.years(block);
    if (!ks.length) continue;
    const first = blocks.start(block);
    o.cell(RESULTS.blockTitleRow, first, t.blocks[block]);
    o.format(RESULTS.blockTitleRow, first, RESULTS.blockTitleRow, first + ks.length - 1, { font: { bold: true }, fill: { color: COLORS.section } });
    o.values(RESULTS.headerRow, first, [ks.map((k) => g.years[k].year)]);
    o.format(RESULTS.headerRow, first, RESULTS.headerRow, first + ks.length - 1, { ...HEADER_FORMAT, horizontal: 'center' });
  }

  const cache = p.cache;
  const fixed = (key: keyof RowCache['fixed']) => (cache ? cache.map((r) => [r.fixed[key]]) : undefined);
  o.fill(top, c.row, bottom, c.row, f.row, fixed('row'));
  o.fill(top, c.scenario, bottom, c.scenario, f.scenario, fixed('scenario'));
  o.fill(top, c.item, bottom, c.item, f.item, fixed('item'));
  o.fill(top, c.use, bottom, c.use, f.use, fixed('use'));
  o.fill(top, c.unit, bottom, c.unit, f.unit, fixed('unit'));
  o.fill(top, c.verdict, bottom, c.verdict, f.verdict, fixed('verdict'));
  o.fill(top, c.useIndex, bottom, c.useIndex, f.useIndex, fixed('useIndex'));
  o.fill(top, c.targets, bottom, c.targets, f.targets, fixed('targets'));
  o.fill(top, c.baseline, bottom, c.baseline, f.baseline, fixed('baseline'));
  for (const k of ['group', 'groupBaseline', 'named', 'exact', 'live', 'groupUnit', 'scenarioUse'] as const) o.fill(top, c[k], bottom, c[k], f[k], fixed(k));
  if (p.statics) {
    o.values(top, c.findings, p.statics.map((s) => [s.text || null, s.errors, s.warnings]));
  }

  for (const fill of blockFills(g, f)) {
    o.fill(top, fill.c1, bottom, fill.c2, fill.formula, cache?.map((r) => r.blocks[fill.block].slice(fill.j1, fill.j2 + 1)));
  }
  o.push(...pendingRowsOps(sheet, g, f, Boolean(cache)));
  // The last evaluation's statuses, only for rows whose group the formulas cannot judge exactly (runs of rows).
  if (cache && n > 0) {
    let i = 0;
    while (i < cache.length) {
      if (!cache[i].needsLast) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < cache.length && cache[j + 1].needsLast) j++;
      o.values(top + i, blocks.start('last'), cache.slice(i, j + 1).map((r) => r.blocks.last.map((v) => (v === '' ? null : v))));
      i = j + 1;
    }
  }
  // Formats and rules reach over the pending rows too.
  const last = pendingRows(g).bottom;
  if (n > 0) {
    const s1 = blocks.start('status');
    const s2 = s1 + n - 1;
    const first = `${col(s1)}${top}`;
    o.format(top, s1, last, s2, { horizontal: 'center' });
    const m = blocks.years('multiplier').length;
    if (m) o.format(top, blocks.start('multiplier'), last, blocks.start('multiplier') + m - 1, { numberFormat: '0.0' });
    o.cf(top, s1, last, s2, `=LEFT(${first},1)=${lit(mark(t.status.short))}`, { fill: { color: COLORS.shortFill }, font: { color: COLORS.shortFont } });
    o.cf(top, s1, last, s2, `=LEFT(${first},1)=${lit(mark(t.status.met))}`, { fill: { color: COLORS.metFill }, font: { color: COLORS.metFont } });
  }
  const vcell = `${col(c.verdict)}${top}`;
  o.cf(top, c.verdict, last, c.verdict, `=LEFT(${vcell},1)=${lit(mark(t.verdict.ineligible))}`, { fill: { color: COLORS.shortFill }, font: { color: COLORS.shortFont, bold: true } });
  o.cf(top, c.verdict, last, c.verdict, `=LEFT(${vcell},1)=${lit(mark(t.verdict.eligible))}`, { fill: { color: COLORS.metFill }, font: { color: COLORS.metFont, bold: true } });
  o.cf(top, c.verdict, last, c.verdict, `=LEFT(${vcell},1)=${lit(mark(t.verdict.attention))}`, { font: { color: COLORS.warnFont, bold: true } });
  o.format(top, c.errors, last, c.baseline, { font: { color: COLORS.muted } });
  o.format(top, c.named, last, c.scenarioUse, { font: { color: COLORS.muted } });
  // The group's baseline is a lookup helper: shown as General, as every program shows it alike.
  // The use number is 0 on empty rows: shown blank.
  o.format(top, c.useIndex, last, c.useIndex, { numberFormat: '0;-0;;@' });

  const widths: Record<string, number> = { A: 8, B: 12, C: 14, D: 20, E: 9, F: 22, G: 60, H: 8, I: 8, J: 7, K: 12, L: 12, M: 24, N: 12, O: 6, P: 6, Q: 6, R: 12 };
  for (const block of RESULTS.blocks) for (const k of blocks.years(block)) widths[col(blocks.col(block, k)!)] = block === 'status' ? 9 : 11;
  o.widths(widths);
  o.push({ kind: 'freeze', sheet, rows: RESULTS.headerRow, columns: c.verdict });
  return o.ops;
}

/**
 * The pending rows (geometry.pendingRows): results rows for lines typed into rows inserted inside the plan table
 * since the last check, empty until there are such lines, and the count of such lines below them. Written by every
 * check and every growth of the table (they sit below the plan's rows, which moved).
 */
export function pendingRowsOps(sheet: string, g: PlanGeometry, f: LiveFormulas, withCache: boolean): WriteOp[] {
  const o = new SheetOps(sheet);
  const { top, bottom, countRow } = pendingRows(g);
  const c = RESULTS.cols;
  const rows = bottom - top + 1;
  const empty = blank();
  empty.fixed.row = '';
  const cached = (v: CellInput): CellInput[][] | undefined => (withCache ? Array.from({ length: rows }, () => [v]) : undefined);
  const p = f.pending;
  for (const k of FIXED_KEYS) o.fill(top, c[k], bottom, c[k], p[k], cached(empty.fixed[k]));
  o.fill(top, c.findings, bottom, c.findings, p.note, cached(''));
  for (const fill of blockFills(g, p)) {
    const v: CellInput = fill.block === 'named' ? 0 : '';
    o.fill(top, fill.c1, bottom, fill.c2, fill.formula, withCache ? Array.from({ length: rows }, () => Array.from({ length: fill.c2 - fill.c1 + 1 }, () => v)) : undefined);
  }
  o.cell(countRow, c.row, { formula: p.count, ...(withCache ? { result: 0 } : {}) });
  o.cell(countRow, c.scenario, { formula: p.countNote, ...(withCache ? { result: '' } : {}) });
  o.format(countRow, c.row, countRow, c.row, { numberFormat: '0;-0;;@', font: { color: COLORS.muted } });
  o.format(top, c.findings, bottom, c.findings, { font: { color: COLORS.muted } });
  return o.ops;
}
