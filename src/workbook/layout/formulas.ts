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
 * ASC, TRIM, SUBSTITUTE, SEARCH, INDEX, MATCH, MIN, MAX, ABS, INT, LOG10, ROUND, COUNTA, COUNTIF, N, LEFT, ROW,
 * REPT (no LET, LAMBDA, XLOOKUP, TEXTJOIN, FILTER, IFS or dynamic arrays).
 */
import type { Lang } from '../../i18n/format';
import { workbookText } from '../../i18n/workbook';
import { quoteSheetName } from '../a1';
import { DEFAULT_SCENARIO, RESULTS, ROUND_DIGITS, SIGNIFICANT_DIGITS, col, resultsBlocks, type BlockKey, type PlanGeometry, type PolicyRefs } from './geometry';

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

/** As numberOf, and "" unless greater than 0 (a baseline: the ratio divides by it). */
function positiveNumberOf(cellRef: string): string {
  const text = `SUBSTITUTE(TRIM(ASC(${cellRef}&"")),",","")`;
  return `IFERROR(IF(ISNUMBER(${cellRef}),IF(${cellRef}>0,${cellRef},""),IF(VALUE(${text})>0,VALUE(${text}),"")),"")`;
}

/**
 * The decimals a value of this size is compared at: ROUND_DIGITS, fewer above 1e8 so the rounding step stays
 * above floating-point noise (14 significant digits; LibreOffice itself treats numbers equal to about 14.4).
 */
function digits(x: string): string {
  return `MIN(${ROUND_DIGITS},${SIGNIFICANT_DIGITS}-INT(LOG10(MAX(1,ABS(${x})))))`;
}

export interface LiveFormulas {
  /** Results sheet, fixed columns, for row RESULTS.firstRow. */
  row: string;
  scenario: string;
  item: string;
  use: string;
  unit: string;
  verdict: string;
  useIndex: string;
  targets: string;
  baseline: string;
  /** Results blocks: the formula of block's cell at year index k (written for the results' first row). */
  multiplier(k: number): string;
  required(k: number): string;
  shortfall(k: number): string;
  ratio(k: number): string;
  status(k: number): string;
  /** Plan sheet, for row g.firstRow: the status mark of year k and the line's verdict. */
  planMark(k: number): string;
  planVerdict: string;
}

/**
 * The formulas for a plan geometry. `lang` is the language of the statuses the results sheet shows (every formula
 * comparing a status is written here, in the same language).
 */
export function liveFormulas(g: PlanGeometry, resultsSheet: string, policy: PolicyRefs, lang: Lang): LiveFormulas {
  const t = workbookText(lang);
  const P = quoteSheetName(g.sheet);
  const R = quoteSheetName(resultsSheet);
  const pr = g.firstRow;
  const rr = RESULTS.firstRow;
  const n = g.years.length;
  const c = RESULTS.cols;
  const planCell = (key: keyof PlanGeometry['cols']) => (g.cols[key] ? `${P}!$${col(g.cols[key]!)}${pr}` : null);
  const span = `${P}!$${col(g.inputLeft)}${pr}:$${col(g.inputRight)}${pr}`;
  const blank = `COUNTA(${span})=0`;
  const text = (key: keyof PlanGeometry['cols'], fallback = '""') => {
    const cell = planCell(key);
    return cell ? `TRIM(${cell}&"")` : fallback;
  };
  const abs = (cc: number) => `$${col(cc)}${rr}`;
  const J = abs(c.useIndex);
  const K = abs(c.targets);
  const L = abs(c.baseline);
  const H = abs(c.errors);
  const I = abs(c.warnings);
  const blocks = resultsBlocks(g);
  const statusRow = n > 0 ? `$${col(blocks.start('status'))}${rr}:$${col(blocks.start('status') + n - 1)}${rr}` : null;
  const colOf = (block: BlockKey, k: number) => {
    const c = blocks.col(block, k);
    if (c === null) throw new Error(`no ${block} column for ${g.years[k].year}`);
    return col(c);
  };
  // Cells of block b at year k, relative (they move with the fill).
  const at = (block: BlockKey, k: number) => `${colOf(block, k)}${rr}`;
  const yearOf = (block: BlockKey, k: number) => `${colOf(block, k)}$${RESULTS.headerRow}`;
  // The plan's forecast cell of year k, relative (it moves with the fill, down the rows and along the years).
  const forecastCell = (k: number) => `${P}!${col(g.years[k].col)}${pr}`;

  const targetsCell = planCell('targets');
  const targets = targetsCell
    ? `IF(TRIM(${targetsCell}&"")="","",","&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(ASC(SUBSTITUTE(${targetsCell}&"","、",",")),CHAR(10),",")," ",","),"年度",""),"年","")&",")`
    : '""';

  const S = { met: lit(t.status.met), short: lit(t.status.short), info: lit(t.status.info) };
  const V = { eligible: lit(t.verdict.eligible), attention: lit(t.verdict.attention), ineligible: lit(t.verdict.ineligible) };
  const shorts = statusRow ? `COUNTIF(${statusRow},${S.short})+` : '';

  return {
    row: `=IF(${blank},"",ROW(${P}!$${col(g.inputLeft)}${pr}))`,
    scenario: `=IF(${blank},"",IF(${text('scenario')}="",${lit(DEFAULT_SCENARIO)},${text('scenario')}))`,
    item: `=${text('item')}`,
    use: `=${text('use')}`,
    unit: `=${text('unit')}`,
    verdict: `=IF(${blank},"",IF(${shorts}N(${H})>0,${V.ineligible},IF(N(${I})>0,${V.attention},IF(ISNUMBER(${H}),${V.eligible},${lit(t.notChecked)}))))`,
    useIndex: planCell('use') ? `=IFERROR(INDEX(${policy.useIndex},MATCH(${text('use')},${policy.useNames},0)),0)` : '=0',
    targets: `=${targets}`,
    baseline: planCell('baseline') ? `=${positiveNumberOf(planCell('baseline')!)}` : '=""',
    multiplier: (k) => {
      const Y = yearOf('multiplier', k);
      // The ratio is blank exactly when there is no forecast (or no baseline, which blanks the multiple anyway).
      const R = at('ratio', k);
      const isDefault = `AND(${Y}>=${policy.firstYear},${Y}<=${policy.lastYear},${R}<>"")`;
      const isNamed = `AND(${Y}>${policy.baselineYear},${Y}<=${policy.lastYear},ISNUMBER(SEARCH(","&${Y}&",",${K})))`;
      const lookup = `INDEX(${policy.multTable},${J},MATCH(MAX(${Y},${policy.firstYear}),${policy.multYears},0))`;
      return `=IF(OR(${J}=0,${L}=""),"",IF(IF(${K}="",${isDefault},${isNamed}),${lookup},""))`;
    },
    required: (k) => {
      const M = at('multiplier', k);
      return `=IF(${M}="","",ROUND(${M}*${L},${digits(`${M}*${L}`)}))`;
    },
    shortfall: (k) => {
      const M = at('multiplier', k);
      const R = at('ratio', k);
      const Rq = at('required', k);
      // Where there is a multiple there is a baseline, so a blank ratio means no forecast, and a ratio a number.
      return `=IF(${M}="","",IF(${R}="",${Rq},MAX(0,ROUND(${Rq}-${numberOrError(forecastCell(k))},${digits(Rq)}))))`;
    },
    // Blank without a forecast or a baseline: the forecast's error (blank, a word) and a blank baseline land in IFERROR.
    ratio: (k) => `=IFERROR(ROUND(${numberOrError(forecastCell(k))}/${L},${ROUND_DIGITS}),"")`,
    status: (k) => {
      const R = at('ratio', k);
      // A year that cannot be a target point (after 2030) is informational whenever it has a forecast.
      if (blocks.col('multiplier', k) === null) return `=IF(OR(${R}="",${J}=0),"",${S.info})`;
      const M = at('multiplier', k);
      const Sf = at('shortfall', k);
      // Met ⇔ ROUND(forecast − required, d) ≥ 0 ⇔ the shortfall MAX(0, ROUND(required − forecast, d)) is 0.
      return `=IF(${M}="",IF(OR(${R}="",${J}=0),"",${S.info}),IF(${R}="",${S.short},IF(${Sf}=0,${S.met},${S.short})))`;
    },
    planMark: (k) => `=LEFT(${R}!${colOf('status', k)}${rr},1)`,
    planVerdict: `=${R}!${col(c.verdict)}${rr}&""`,
  };
}

/** The first character of a status: what the plan sheet's marks and highlights compare. */
export function mark(status: string): string {
  return status.slice(0, 1);
}
