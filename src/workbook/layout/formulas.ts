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
 * SUMPRODUCT, LEN, N, LEFT, ROW, REPT (no LET, LAMBDA, XLOOKUP, TEXTJOIN, FILTER, IFS or dynamic arrays).
 */
import type { Lang } from '../../i18n/format';
import { workbookText, type ResultsColumnKey } from '../../i18n/workbook';
import { quoteSheetName } from '../a1';
import { DEFAULT_SCENARIO, RESULTS, ROUND_DIGITS, SIGNIFICANT_DIGITS, col, resultsBlocks, resultsRow, statusMirrorCol, type BlockKey, type PlanGeometry, type PolicyRefs } from './geometry';

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

export interface LiveFormulas extends Record<FormulaColumn, string> {
  /** Results blocks: the formula of block's cell at year index k (written for the results' first row). */
  multiplier(k: number): string;
  required(k: number): string;
  shortfall(k: number): string;
  groupForecast(k: number): string;
  ratio(k: number): string;
  forecast(k: number): string;
  namedYear(k: number): string;
  status(k: number): string;
  /** Plan sheet, for row g.firstRow: the status mark of year k and the line's verdict. */
  planMark(k: number): string;
  planVerdict: string;
  /**
   * Plan sheet, for year k's forecast cell in row g.firstRow (relative references: a rule over the forecasts): the
   * year's mark as an expression — the row's mark cell, or where the row has none (a row inserted inside the table
   * after the last check) the mark worked out from the row's own inputs, when that is what the engine would say.
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
 * The formulas for a plan geometry. `lang` is the language of the statuses the results sheet shows (every formula
 * comparing a status is written here, in the same language).
 *
 * Target groups (v2): lines of one scenario, item and use are judged together. Each results row carries its line's
 * group key; the group's baseline, forecasts, named target years and units are SUMIFS/COUNTIFS over the results
 * rows with that key, so a line's status is its group's. A line is only part of a group when the engine reads it as
 * a line (an item, a known use, a baseline of 0 or more). Where a group has a line outside the exact range, or an
 * item spelt otherwise than the policy sheet's names (the engine knows more spellings than a formula can), or a key
 * a criterion would read as a pattern (* ? ~), its lines show the status of the last evaluation instead.
 */
export function liveFormulas(g: PlanGeometry, resultsSheet: string, policy: PolicyRefs, lang: Lang): LiveFormulas {
  const t = workbookText(lang);
  const P = quoteSheetName(g.sheet);
  const R = quoteSheetName(resultsSheet);
  const pr = g.firstRow;
  const rr = RESULTS.firstRow;
  const bottom = resultsRow(g, g.lastRow);
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
  /** A fixed column over every results row, for SUMIFS and COUNTIFS. */
  const all = (cc: number) => `$${col(cc)}$${rr}:$${col(cc)}$${bottom}`;
  const J = abs(c.useIndex);
  const K = abs(c.targets);
  const L = abs(c.baseline);
  const H = abs(c.errors);
  const I = abs(c.warnings);
  const G = abs(c.group);
  const GB = abs(c.groupBaseline);
  const LIVE = abs(c.live);
  const blocks = resultsBlocks(g);
  const statusRow = n > 0 ? `$${col(blocks.start('status'))}${rr}:$${col(blocks.start('status') + n - 1)}${rr}` : null;
  const colOf = (block: BlockKey, k: number) => {
    const cc = blocks.col(block, k);
    if (cc === null) throw new Error(`no ${block} column for ${g.years[k].year}`);
    return col(cc);
  };
  // Cells of block b at year k, relative (they move with the fill).
  const at = (block: BlockKey, k: number) => `${colOf(block, k)}${rr}`;
  const allOf = (block: BlockKey, k: number) => `${colOf(block, k)}$${rr}:${colOf(block, k)}$${bottom}`;
  const yearOf = (block: BlockKey, k: number) => `${colOf(block, k)}$${RESULTS.headerRow}`;
  // The plan's forecast cell of year k, relative (it moves with the fill, down the rows and along the years).
  const forecastCell = (k: number) => `${P}!${col(g.years[k].col)}${pr}`;
  const forecastRow = n > 0 ? `${col(blocks.start('forecast'))}${rr}:${col(blocks.start('forecast') + n - 1)}${rr}` : null;

  const targetsCell = planCell('targets');
  const targets = targetsCell
    ? `IF(TRIM(${targetsCell}&"")="","",","&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(ASC(SUBSTITUTE(${targetsCell}&"","、",",")),CHAR(10),",")," ",","),"年度",""),"年","")&",")`
    : '""';

  const S = {
    met: lit(t.status.met),
    short: lit(t.status.short),
    info: lit(t.status.info),
    notJudged: lit(t.status['not-judged']),
    metMark: lit(mark(t.status.met)),
    shortMark: lit(mark(t.status.short)),
    infoMark: lit(mark(t.status.info)),
    notJudgedMark: lit(mark(t.status['not-judged'])),
  };
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
    const unitsDiffer = `COUNTIF(${all(c.groupUnit)},$${col(c.groupUnit)}${rr})<COUNTIF(${all(c.group)},${G})`;
    return `IF(${M}="",IF(OR(${F}="",${G}=""),"",${S.info}),IF(OR(${GB}=0,${unitsDiffer}),${S.notJudged},IF(${Sf}=0,${S.met},${S.short})))`;
  };

  return {
    row: `=IF(${blank},"",ROW(${P}!$${col(g.inputLeft)}${pr}))`,
    scenario: `=IF(${blank},"",${scenario})`,
    item: `=${item}`,
    use: `=${text('use')}`,
    unit: `=${text('unit')}`,
    verdict: `=IF(${blank},"",${verdict}&IF(${LIVE}=0,${lit(t.fromLastEvaluation)},""))`,
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
    // (an alias the engine knows) may belong to any group of its scenario and use.
    // The scenario-and-use key as a criterion with its wildcards escaped (~ * ?): a scenario typed with them must
    // still find its own rows, or a group the formulas cannot judge would show as live.
    live: `=IF(${G}="",1,IF(COUNTIFS(${all(c.scenarioUse)},SUBSTITUTE(SUBSTITUTE(SUBSTITUTE($${col(c.scenarioUse)}${rr},"~","~~"),"*","~*"),"?","~?"),${all(c.exact)},0)=0,1,0))`,
    scenarioUse: `=IF(${G}="","","#"&${scenario}&"|"&${J})`,
    groupUnit: `=IF(${G}="","",${G}&"|"&$${col(c.unit)}${rr})`,
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
      const unitsDiffer = `COUNTIF(${all(c.groupUnit)},$${col(c.groupUnit)}${rr})<COUNTIF(${all(c.group)},${G})`;
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
    planMark: (k) => `=LEFT(${R}!${colOf('status', k)}${rr},1)`,
    planVerdict: `=${R}!${col(c.verdict)}${rr}&""`,
    forecastMark: (k) => {
      const markCell = `${col(statusMirrorCol(g, k))}${pr}`;
      return `IF(ISBLANK(${markCell}),${insertedRowMark(k)},${markCell})`;
    },
    marks: { met: mark(t.status.met), short: mark(t.status.short), info: mark(t.status.info), notJudged: mark(t.status['not-judged']) },
  };

  /**
   * The ✖ or ✔ of year k for a row with no mark cell: a row inserted inside the plan table (both programs grow a
   * rule's range and the table over it, but no results row reads the new row until the tool runs). Worked out from
   * the row's own cells as the results formulas would for a line alone in its target group, and given only where
   * that is what the engine says: the row is a line (an item and a use the policy sheet names, a baseline typed as a
   * number, the scenario typed as the engine keys it); no results row has its group key, and it is the only inserted
   * line (so its group is itself); its baseline and the year's forecast are numbers in the range the formulas are exact
   * for; and the column's header reads as the year. Anything else: "" (no mark) — never a mark the engine
   * would not give. Same-sheet references are relative (they move with the row); the results and policy sheets are
   * read through whole fixed ranges only, which an insert on the plan sheet does not move.
   */
  function insertedRowMark(k: number): string {
    const at = (key: keyof PlanGeometry['cols']) => (g.cols[key] ? `$${col(g.cols[key]!)}${pr}` : null);
    const B = at('baseline');
    const itemCell = at('item');
    const useCell = at('use');
    if (!B || !itemCell || !useCell) return '""';
    const F = `${col(g.years[k].col)}${pr}`;
    // The column's year from its header (text in a table's header row: VALUE reads "2025" in both programs).
    const Y = `VALUE(${col(g.years[k].col)}$${g.headerRow}&"")`;
    const item = `TRIM(${itemCell}&"")`;
    const U = `INDEX(${policy.useIndex},MATCH(TRIM(${useCell}&""),${policy.useNames},0))`;
    // An unknown item or use is an error here, and the IFERROR round the whole gives no mark.
    const itemId = `IFERROR(INDEX(${policy.itemIds},MATCH(${item},${policy.items},0)),IFERROR(INDEX(${policy.itemIds},MATCH(${item},${policy.itemOther},0)),INDEX(${policy.itemIds},MATCH(${item},${policy.itemIds},0))))`;
    const scenarioCell = at('scenario');
    const scenarioRaw = scenarioCell ? `(${scenarioCell}&"")` : '""';
    const scenario = scenarioCell ? `IF(TRIM(${scenarioRaw})="",${lit(DEFAULT_SCENARIO)},${scenarioRaw})` : lit(DEFAULT_SCENARIO);
    const key = `"#"&${scenario}&"|"&${itemId}&"|"&${U}`;
    const criterion = `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${key},"~","~~"),"*","~*"),"?","~?")`;
    // The table's rows as whole ranges (absolute: an insert inside them grows them).
    const tableCol = (cc: number) => `$${col(cc)}$${pr}:$${col(cc)}$${g.lastRow}`;
    const insertedLines = `SUMPRODUCT(ISBLANK(${tableCol(statusMirrorCol(g, k))})*(LEN(TRIM(${tableCol(g.cols.item!)}&""))>0))`;
    const exact = (x: string) => `AND(ROUND(${x},5)=${x},${x}<1E+13,OR(${x}<1E+9,${x}=INT(${x})))`;
    const isLine = `AND(ISNUMBER(${B}),OR(${B}=0,${B}>=1E-9),EXACT(${scenarioRaw},TRIM(${scenarioRaw})),EXACT(${scenarioRaw},LOWER(${scenarioRaw})),${U}>0)`;
    const inputs = `AND(${exact(B)},OR(ISBLANK(${F}),AND(ISNUMBER(${F}),${F}>=0,${exact(F)})))`;
    const alone = `AND(COUNTIF(${R}!${all(c.group)},${criterion})=0,${insertedLines}=1)`;
    const targetsCell = at('targets');
    // The target points: the years the line names, or (naming none) each year with a forecast, from the first column on.
    const isTarget = targetsCell
      ? `IF(TRIM(${targetsCell}&"")<>"",AND(${Y}>${policy.baselineYear},${Y}<=${policy.lastYear},ISNUMBER(SEARCH(","&${Y}&",",","&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(ASC(SUBSTITUTE(${targetsCell}&"","、",",")),CHAR(10),",")," ",","),"年度",""),"年","")&","))),AND(${Y}>=${policy.firstYear},${Y}<=${policy.lastYear},ISNUMBER(${F})))`
      : `AND(${Y}>=${policy.firstYear},${Y}<=${policy.lastYear},ISNUMBER(${F}))`;
    const multiple = `INDEX(${policy.multTable},${U},MATCH(MAX(${Y},${policy.firstYear}),${policy.multYears},0))`;
    const required = `ROUND(${multiple}*${B},${digits(`${multiple}*${B}`)})`;
    // As the results sheet: met ⇔ the shortfall MAX(0, ROUND(required − forecast, d)) is 0. A baseline of 0: not judged.
    const status = `IF(AND(${isTarget},${B}>0),IF(ROUND(${required}-N(${F}),${digits(required)})<=0,${S.metMark},${S.shortMark}),"")`;
    return `IFERROR(IF(AND(${isLine},${inputs},${alone}),${status},""),"")`;
  }
}

/** The first character of a status: what the plan sheet's marks and highlights compare. */
export function mark(status: string): string {
  return status.slice(0, 1);
}
