/**
 * The live formulas: what makes statuses and highlights follow a planner's edits in plain Excel, LibreOffice or
 * Google Sheets without running the checker again. Each formula is written once for the top-left cell of a block
 * and filled over the block, so a 20,000-line plan costs a handful of small writes.
 *
 * They must agree with the engine exactly. Binary floating point gets 3333 × 1.3 wrong (4332.900000000001), so the
 * required capacity is rounded first and a comparison rounds the difference: met ⇔ ROUND(forecast − required, d)
 * ≥ 0, with d = 6 decimals (fewer above 1e8, keeping 14 significant digits). Precision domain, where all three
 * programs agree with the engine's exact decimals: inputs with up to 5 decimals and required capacities below
 * 1e8 (3333 × 1.3 = 4332.9 met, 4332.8 short by 0.1; 12345.12345 × 1.6 = 19752.19752), and whole numbers up to 1e12
 * (capacities in yen). Beyond it the comparison is exact to 14 significant digits. Text typed as a number
 * ("1,200", "１２００") is read as the engine reads it, with "." as the decimal point. A cell the engine rejects
 * (a negative forecast, a date typed into a forecast cell) may still count as a number here: that line is ✖ anyway,
 * by its input.invalid finding.
 *
 * Only functions that Excel 2010+, LibreOffice and Google Sheets all have: IF, AND, OR, IFERROR, ISNUMBER, VALUE,
 * ASC, TRIM, SUBSTITUTE, SEARCH, INDEX, MATCH, MIN, MAX, ABS, INT, LOG10, ROUND, COUNTA, COUNTIF, COUNTIFS, SUMIFS,
 * SUMPRODUCT, SMALL, LEN, N, LEFT, ROW, REPT (no LET, LAMBDA, XLOOKUP, TEXTJOIN, FILTER, IFS or dynamic arrays).
 */
import type { Lang } from '../../i18n/format';
import { workbookText, type ResultsColumnKey } from '../../i18n/workbook';
import { quoteSheetName } from '../a1';
import { DEFAULT_SCENARIO, RESULTS, ROUND_DIGITS, SIGNIFICANT_DIGITS, col, pendingRows, resultsBlocks, statusMirrorCol, type BlockKey, type PlanGeometry, type PolicyRefs } from './geometry';

/** A string literal for a formula. */
export function lit(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/**
 * A number cell, or text typed as a number ("1,200", "１２００") → its value, as the engine reads it; an error
 * otherwise (a blank, a word). Callers catch the error (IFERROR) or only use it where the value is known to count.
 */
function numberOrError(cellRef: string): string {
  return `IF(ISNUMBER(${cellRef}),${cellRef},VALUE(SUBSTITUTE(TRIM(ASC(${cellRef}&"")),",","")))`;
}

/**
 * The decimals a value of this size is compared at: ROUND_DIGITS, fewer above 1e8 so the rounding step stays
 * above floating-point noise (14 significant digits; LibreOffice itself treats numbers equal to about 14.4).
 */
function digits(x: string): string {
  return `MIN(${ROUND_DIGITS},${SIGNIFICANT_DIGITS}-INT(LOG10(MAX(1,ABS(${x})))))`;
}

/** The results sheet's fixed columns that hold a formula (the counts of findings are the engine's values). */
type FormulaColumn = Exclude<ResultsColumnKey, 'findings' | 'errors' | 'warnings'>;

/** The formulas of a results row, written for the top-left cell of each column or block and filled down. */
export interface ResultsRowFormulas extends Record<FormulaColumn, string> {
  /** Results blocks: the formula of block's cell at year index k (written for the first row). */
  multiplier(k: number): string;
  required(k: number): string;
  shortfall(k: number): string;
  groupForecast(k: number): string;
  ratio(k: number): string;
  forecast(k: number): string;
  namedYear(k: number): string;
  status(k: number): string;
}

export interface LiveFormulas extends ResultsRowFormulas {
  /**
   * The same formulas for the first of the results' pending rows (geometry.pendingRows): the k-th line typed into a
   * row inserted inside the plan table since the last check, read through INDEX from the row its `row` cell finds.
   * Blank — the values of an empty row — when there is no such line. `note` says so in the findings column; `count`
   * (the cell below the pending rows) counts such lines and `countNote` tells the reader about it.
   */
  pending: ResultsRowFormulas & { note: string; count: string; countNote: string };
  /** Plan sheet, for row g.firstRow: the status mark of year k and the line's verdict. */
  planMark(k: number): string;
  planVerdict: string;
  /**
   * Plan sheet, for year k's forecast cell in row g.firstRow (relative references: a rule over the forecasts): the
   * year's mark as an expression — for a row a pending results row reads (inserted inside the table after the last
   * check: no mark cell of its own, or one left over from the row it pushed down) that row's mark, else the row's
   * mark cell.
   */
  forecastMark(k: number): string;
  /** The first characters of the statuses, as the marks show them (in the formulas' language). */
  marks: { met: string; short: string; info: string; notJudged: string };
}

/**
 * A number as the engine reads it and accepts it in a forecast or baseline cell (0 to 10^15), or "" (blank, a word,
 * a negative: the engine reports those cells and counts them as no forecast).
 */
function acceptedNumber(cellRef: string): string {
  return `IFERROR(IF(AND(${numberOrError(cellRef)}>=0,${numberOrError(cellRef)}<=1E+15),${numberOrError(cellRef)},""),"")`;
}

/**
 * Inputs the formulas are exact for (see the top of this file): at most 5 decimals, below 10^9 unless whole, below
 * 10^13. `x` is a number or "" (no input). `0&x` turns "" into 0 and leaves a number's value, so one SUMPRODUCT can
 * look at a row of cells some of which are blank, in every program, without an array formula.
 */
function outsideDomain(range: string): string {
  const v = `--(0&${range})`;
  return `SUMPRODUCT((ROUND(${v},5)<>${v})+(ABS(${v})>=1E+13)+(ABS(${v})>=1E+9)*(${v}<>INT(${v})))`;
}

/**
 * A unit as the engine compares units within a group (NFKC, spaces removed, case kept), as text that COUNTIF — which
 * ignores case — tells apart exactly where the engine does: full-width letters and digits made half-width (ASC),
 * spaces (and the ideographic space, which LibreOffice's ASC keeps) removed, then "^" doubled and each capital
 * written "^" + its small letter ("T" → "^t", "^t" → "^^t": no two units give one text). unitSignature is the same in
 * TypeScript, for the cached values.
 */
function unitKeyFormula(cellRef: string): string {
  let x = `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(ASC(${cellRef}&"")," ",""),"\u3000",""),"^","^^")`;
  for (let code = 65; code <= 90; code++) x = `SUBSTITUTE(${x},"${String.fromCharCode(code)}","^${String.fromCharCode(code + 32)}")`;
  return x;
}

export function unitSignature(unit: string): string {
  return unit
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[ \u3000]/g, '')
    .replace(/\^/g, '^^')
    .replace(/[A-Z]/g, (ch) => `^${ch.toLowerCase()}`);
}

/** A text as a COUNTIF criterion that matches only itself: its wildcards (~ * ?) escaped. */
function literalCriterion(x: string): string {
  return `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${x},"~","~~"),"*","~*"),"?","~?")`;
}

/** Where a results row reads its plan row from. */
interface RowSource {
  /** The results row the formulas are written for (they fill down from it). */
  rr: number;
  /** A cell of the plan row in column `cc` (`fixedCol`: $-fixed, else relative, moving with a fill across years). */
  planAt(cc: number, fixedCol: boolean): string;
  /** True when the plan row has no input. */
  blank: string;
  /** The `row` column's formula. */
  row: string;
}

/**
 * The formulas for a plan geometry. `lang` is the language of the statuses the results sheet shows (every formula
 * comparing a status is written here, in the same language).
 *
 * Target groups (v2): lines of one scenario, item and use are judged together. Each results row carries its line's
 * group key; the group's baseline, forecasts, named target years and units are SUMIFS/COUNTIFS over the results
 * rows with that key, so a line's status is its group's. A line is only part of a group when the engine reads it as
 * a line (an item, a known use, a baseline of 0 or more). Where a group has a line outside the exact range, or an
 * item spelt otherwise than the policy sheet's names (the engine knows more spellings than a formula can), or a key
 * a criterion would read as a pattern (* ? ~), its lines show the status of the last evaluation instead.
 *
 * Rows inserted inside the plan table after the last check (by a program without table formulas to carry down, such
 * as LibreOffice: the row has no mark cells and no results row of its own) are found as rows no results row reads: the
 * k-th line in such rows is read into the k-th pending results row, below the plan's rows, inside every range the
 * group sums read — so the inserted line is judged with its group and its group's other lines see it. More such lines
 * than pending rows: no status is live (each line shows the last evaluation's, and its verdict says so).
 */
export function liveFormulas(g: PlanGeometry, resultsSheet: string, policy: PolicyRefs, lang: Lang): LiveFormulas {
  const t = workbookText(lang);
  const P = quoteSheetName(g.sheet);
  const R = quoteSheetName(resultsSheet);
  const pr = g.firstRow;
  const n = g.years.length;
  const c = RESULTS.cols;
  const pending = pendingRows(g);
  const blocks = resultsBlocks(g);
  const colOf = (block: BlockKey, k: number) => {
    const cc = blocks.col(block, k);
    if (cc === null) throw new Error(`no ${block} column for ${g.years[k].year}`);
    return col(cc);
  };
  /** A plan column over the table's rows (absolute: an insert inside the table grows it). */
  const tableCol = (cc: number, fixedCol = true) => `${P}!${fixedCol ? '$' : ''}${col(cc)}$${g.firstRow}:${fixedCol ? '$' : ''}${col(cc)}$${g.lastRow}`;
  const overflow = `$${col(c.row)}$${pending.countRow}>${RESULTS.pendingRows}`;

  const planSource: RowSource = {
    rr: RESULTS.firstRow,
    planAt: (cc, fixedCol) => `${P}!${fixedCol ? '$' : ''}${col(cc)}${pr}`,
    blank: `COUNTA(${P}!$${col(g.inputLeft)}${pr}:$${col(g.inputRight)}${pr})=0`,
    row: '',
  };
  planSource.row = `=IF(${planSource.blank},"",ROW(${P}!$${col(g.inputLeft)}${pr}))`;

  // The k-th plan row of the table with an item that no results row reads (a line in a row inserted since the check,
  // which gave every plan row a results row), k counted down the pending rows; 1E+9 and more when there is none.
  // Found from the plan's items and the results' row numbers only, never from a status: no circular reference.
  const rowCell = `$${col(c.row)}${pending.top}`;
  const resultsRows = `$${col(c.row)}$${RESULTS.firstRow}:$${col(c.row)}$${pending.top - 1}`;
  const itemCol = g.cols.item ? tableCol(g.cols.item) : null;
  const inserted = n > 0 && itemCol ? `(LEN(TRIM(${itemCol}&""))>0)*(COUNTIF(${resultsRows},ROW(${itemCol}))=0)` : null;
  const kth = inserted ? `SUMPRODUCT(SMALL(ROW(${itemCol})+(1-${inserted})*1E+9,ROW()-${pending.top - 1}))` : null;
  const pendingSource: RowSource = {
    rr: pending.top,
    planAt: (cc, fixedCol) => `INDEX(${tableCol(cc, fixedCol)},${rowCell}-ROW(${P}!$${col(g.inputLeft)}$${g.firstRow})+1)`,
    blank: `${rowCell}=""`,
    row: kth ? `=IFERROR(IF(${kth}>=1E+9,"",${kth}),"")` : '=""',
  };

  const plan = rowFormulas(planSource);
  const fromPending = rowFormulas(pendingSource);
  /** Each pending formula gives what an empty row's gives while its row cell finds no line. */
  const emptyValue = (key: string) => (['useIndex', 'named', 'namedYear'].includes(key) ? '0' : ['exact', 'live'].includes(key) ? '1' : '""');
  const guard = (key: string, formula: string) => (key === 'row' ? formula : `=IF(${rowCell}="",${emptyValue(key)},${formula.slice(1)})`);
  const pendingFormulas = Object.fromEntries(
    Object.entries(fromPending).map(([key, v]) => [key, typeof v === 'function' ? (k: number) => guard(key, (v as (k: number) => string)(k)) : guard(key, v as string)]),
  ) as unknown as ResultsRowFormulas;
  const countCell = `$${col(c.row)}${pending.countRow}`;

  const statusMarks = { met: mark(t.status.met), short: mark(t.status.short), info: mark(t.status.info), notJudged: mark(t.status['not-judged']) };
  return {
    ...plan,
    pending: {
      ...pendingFormulas,
      note: `=IF(${rowCell}="","",${lit(t.pendingRowNote)})`,
      count: inserted ? `=SUMPRODUCT(${inserted})` : '=0',
      countNote: `=IF(N(${countCell})=0,"",${lit(t.pendingCountNote(RESULTS.pendingRows))})`,
    },
    planMark: (k) => `=LEFT(${R}!${colOf('status', k)}${RESULTS.firstRow},1)`,
    planVerdict: `=${R}!${col(c.verdict)}${RESULTS.firstRow}&""`,
    forecastMark: (k) => {
      const markCell = `${col(statusMirrorCol(g, k))}${pr}`;
      const statuses = `${R}!${colOf('status', k)}$${pending.top}:${colOf('status', k)}$${pending.bottom}`;
      const rows = `${R}!$${col(c.row)}$${pending.top}:$${col(c.row)}$${pending.bottom}`;
      // A row a pending row reads has no mark cell of its own (or a stale one): its pending row's status.
      return `IFERROR(LEFT(INDEX(${statuses},MATCH(ROW(${markCell}),${rows},0)),1),${markCell})`;
    },
    marks: statusMarks,
  };

  /** The results row's formulas, reading the plan row through `src`. */
  function rowFormulas(src: RowSource): ResultsRowFormulas {
    const rr = src.rr;
    const bottom = pending.bottom;
    const planCell = (key: keyof PlanGeometry['cols']) => (g.cols[key] ? src.planAt(g.cols[key]!, true) : null);
    const blank = src.blank;
    const text = (key: keyof PlanGeometry['cols'], fallback = '""') => {
      const cell = planCell(key);
      return cell ? `TRIM(${cell}&"")` : fallback;
    };
    const abs = (cc: number) => `$${col(cc)}${rr}`;
    /** A fixed column over every results row, pending rows included, for SUMIFS and COUNTIFS. */
    const all = (cc: number) => `$${col(cc)}$${RESULTS.firstRow}:$${col(cc)}$${bottom}`;
    const J = abs(c.useIndex);
    const K = abs(c.targets);
    const L = abs(c.baseline);
    const H = abs(c.errors);
    const I = abs(c.warnings);
    const G = abs(c.group);
    const GB = abs(c.groupBaseline);
    const LIVE = abs(c.live);
    const statusRow = n > 0 ? `$${col(blocks.start('status'))}${rr}:$${col(blocks.start('status') + n - 1)}${rr}` : null;
    // Cells of block b at year k, relative (they move with the fill).
    const at = (block: BlockKey, k: number) => `${colOf(block, k)}${rr}`;
    const allOf = (block: BlockKey, k: number) => `${colOf(block, k)}$${RESULTS.firstRow}:${colOf(block, k)}$${bottom}`;
    const yearOf = (block: BlockKey, k: number) => `${colOf(block, k)}$${RESULTS.headerRow}`;
    // The plan's forecast cell of year k, relative (it moves with the fill, down the rows and along the years).
    const forecastCell = (k: number) => src.planAt(g.years[k].col, false);
    const forecastRow = n > 0 ? `${col(blocks.start('forecast'))}${rr}:${col(blocks.start('forecast') + n - 1)}${rr}` : null;

    const targetsCell = planCell('targets');
    const targets = targetsCell
      ? `IF(TRIM(${targetsCell}&"")="","",","&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(ASC(SUBSTITUTE(${targetsCell}&"","、",",")),CHAR(10),",")," ",","),"年度",""),"年","")&",")`
      : '""';

    const S = { met: lit(t.status.met), short: lit(t.status.short), info: lit(t.status.info), notJudged: lit(t.status['not-judged']) };
    const V = { eligible: lit(t.verdict.eligible), attention: lit(t.verdict.attention), ineligible: lit(t.verdict.ineligible) };
    const shorts = statusRow ? `COUNTIF(${statusRow},${S.short})+` : '';
    const item = text('item');
    // The item as the policy sheet names it (its id), from a name in either language or the id; else the text itself.
    const itemKey = `IFERROR(INDEX(${policy.itemIds},MATCH(${item},${policy.items},0)),IFERROR(INDEX(${policy.itemIds},MATCH(${item},${policy.itemOther},0)),IFERROR(INDEX(${policy.itemIds},MATCH(${item},${policy.itemIds},0)),${item})))`;
    const itemKnown = `OR(ISNUMBER(MATCH(${item},${policy.items},0)),ISNUMBER(MATCH(${item},${policy.itemOther},0)),ISNUMBER(MATCH(${item},${policy.itemIds},0)))`;
    const scenario = `IF(${text('scenario')}="",${lit(DEFAULT_SCENARIO)},${text('scenario')})`;
    const scenarioRaw = planCell('scenario') ? `(${planCell('scenario')}&"")` : '""';
    const baselineCell = planCell('baseline');
    const verdict = `IF(${shorts}N(${H})>0,${V.ineligible},IF(N(${I})>0,${V.attention},IF(ISNUMBER(${H}),${V.eligible},${lit(t.notChecked)})))`;
    const groupStatus = (k: number) => {
      const M = at('multiplier', k);
      const Sf = at('shortfall', k);
      const F = at('forecast', k);
      // A unit differing within the group, or a group baseline of 0: the engine judges no target point.
      const unitsDiffer = `COUNTIF(${all(c.groupUnit)},${literalCriterion(`$${col(c.groupUnit)}${rr}`)})<COUNTIF(${all(c.group)},${G})`;
      return `IF(${M}="",IF(OR(${F}="",${G}=""),"",${S.info}),IF(OR(${GB}=0,${unitsDiffer}),${S.notJudged},IF(${Sf}=0,${S.met},${S.short})))`;
    };

    return {
      row: src.row,
      scenario: `=IF(${blank},"",${scenario})`,
      item: `=${item}`,
      use: `=${text('use')}`,
      unit: `=${text('unit')}`,
      // Too many inserted lines to read: the statuses are the last evaluation's, written only where the formulas are
      // not exact — elsewhere none, so a verdict from them would be a guess. It asks for a check instead.
      verdict: `=IF(${blank},"",IF(${overflow},${lit(t.tooManyInserted(RESULTS.pendingRows))},${verdict}&IF(${LIVE}=0,${lit(t.fromLastEvaluation)},"")))`,
      useIndex: planCell('use') ? `=IFERROR(INDEX(${policy.useIndex},MATCH(${text('use')},${policy.useNames},0)),0)` : '=0',
      targets: `=${targets}`,
      // The 2021 baseline as the engine accepts it: 0 (a new entrant) or at least 10^-9; "" when the cell is no such number.
      baseline: baselineCell ? `=IFERROR(IF(OR(${acceptedNumber(baselineCell)}=0,${acceptedNumber(baselineCell)}>=1E-9),${acceptedNumber(baselineCell)},""),"")` : '=""',
      // "#" first: a criterion never starts with = < > however the scenario is named.
      group: `=IF(OR(${blank},${item}="",${J}=0,${L}=""),"","#"&${scenario}&"|"&${itemKey}&"|"&${J})`,
      groupBaseline: `=IF(${G}="","",SUMIFS(${all(c.baseline)},${all(c.group)},${G}))`,
      named: `=IF(${K}="",0,1)`,
      // The scenario as typed must be what the engine keys on: SUMIFS ignores case and TRIM collapses inner spaces.
      exact: `=IFERROR(IF(${G}="",1,IF(AND(${itemKnown},EXACT(${scenarioRaw},TRIM(${scenarioRaw})),EXACT(${scenarioRaw},LOWER(${scenarioRaw})),LEN(${G})=LEN(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${G},"*",""),"?",""),"~","")),${outsideDomain(L)}=0${forecastRow ? `,${outsideDomain(forecastRow)}=0` : ''}),1,0)),0)`,
      // An error on the way (a cell holding #REF! or the like) is not exact: COUNTIFS below would not count it.
      // Live only when every line of the same scenario and use is exact: a line whose item the formulas cannot name
      // (an alias the engine knows) may belong to any group of its scenario and use. Nothing is live when more lines
      // were typed into inserted rows than there are pending rows to read them.
      // The scenario-and-use key as a criterion with its wildcards escaped (~ * ?): a scenario typed with them must
      // still find its own rows, or a group the formulas cannot judge would show as live.
      live: `=IF(${overflow},0,IF(${G}="",1,IF(COUNTIFS(${all(c.scenarioUse)},${literalCriterion(`$${col(c.scenarioUse)}${rr}`)},${all(c.exact)},0)=0,1,0)))`,
      scenarioUse: `=IF(${G}="","","#"&${scenario}&"|"&${J})`,
      // The unit as the engine compares it (a unit differing within a group: not judged).
      groupUnit: `=IF(${G}="","",${G}&"|"&${unitKeyFormula(`$${col(c.unit)}${rr}`)})`,
      multiplier: (k) => {
        const Y = yearOf('multiplier', k);
        // The group's target points: the years any of its lines names; when none names one, every year from the first
        // column to the last target year in which the group has a forecast.
        const groupNames = `SUMIFS(${all(c.named)},${all(c.group)},${G})>0`;
        const isDefault = `AND(${Y}>=${policy.firstYear},${Y}<=${policy.lastYear},COUNTIFS(${all(c.group)},${G},${allOf('forecast', k)},">=0")>0)`;
        const isNamed = `AND(${Y}>${policy.baselineYear},${Y}<=${policy.lastYear},SUMIFS(${allOf('named', k)},${all(c.group)},${G})>0)`;
        const lookup = `INDEX(${policy.multTable},${J},MATCH(MAX(${Y},${policy.firstYear}),${policy.multYears},0))`;
        return `=IF(${G}="","",IF(IF(${groupNames},${isNamed},${isDefault}),${lookup},""))`;
      },
      required: (k) => {
        const M = at('multiplier', k);
        const unitsDiffer = `COUNTIF(${all(c.groupUnit)},${literalCriterion(`$${col(c.groupUnit)}${rr}`)})<COUNTIF(${all(c.group)},${G})`;
        return `=IF(OR(${M}="",N(${GB})=0),"",IF(${unitsDiffer},"",ROUND(${M}*${GB},${digits(`${M}*${GB}`)})))`;
      },
      shortfall: (k) => {
        const Rq = at('required', k);
        return `=IF(${Rq}="","",MAX(0,ROUND(${Rq}-N(${at('groupForecast', k)}),${digits(Rq)})))`;
      },
      groupForecast: (k) => `=IF(${G}="","",SUMIFS(${allOf('forecast', k)},${all(c.group)},${G}))`,
      // Blank without a forecast or a positive baseline: the forecast's "" and a baseline of 0 land in IFERROR.
      ratio: (k) => `=IFERROR(ROUND(${at('forecast', k)}/${L},${ROUND_DIGITS}),"")`,
      forecast: (k) => `=${acceptedNumber(forecastCell(k))}`,
      namedYear: (k) => `=IF(ISNUMBER(SEARCH(","&${yearOf('named', k)}&",",${K})),1,0)`,
      status: (k) => {
        // A year that cannot be a target point (after 2030) is informational whenever the line has a forecast.
        const live = blocks.col('multiplier', k) === null ? `IF(OR(${at('forecast', k)}="",${G}=""),"",${S.info})` : groupStatus(k);
        return `=IF(${LIVE}=1,${live},${at('last', k)}&"")`;
      },
    };
  }
}

/** The first character of a status: what the plan sheet's marks and highlights compare. */
export function mark(status: string): string {
  return status.slice(0, 1);
}
