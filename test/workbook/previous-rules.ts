/**
 * The plan sheet's forecast rules as the version before the results' pending rows wrote them (its own code, kept for
 * tests): a check must recognise them as the tool's own and replace them (plan-sheet.ts PREVIOUS_FORECAST_RULES).
 *
 * That version worked out a mark for a row inserted inside the table from the row's own inputs (only when its group
 * was itself), and keyed the · and ？ rules on the row's mark cell alone.
 */
import type { Lang } from '../../src/i18n/format';
import { workbookText } from '../../src/i18n/workbook';
import { quoteSheetName } from '../../src/workbook/a1';
import { lit, mark } from '../../src/workbook/layout/formulas';
import { DEFAULT_SCENARIO, RESULTS, ROUND_DIGITS, SIGNIFICANT_DIGITS, col, resultsRow, statusMirrorCol, type PlanGeometry, type PolicyRefs } from '../../src/workbook/layout/geometry';

/** As formulas.ts compares: 6 decimals, fewer above 1e8. */
function digits(x: string): string {
  return `MIN(${ROUND_DIGITS},${SIGNIFICANT_DIGITS}-INT(LOG10(MAX(1,ABS(${x})))))`;
}

/** The formulas of that version's rules over year k's forecast cells, for the rule's top-left cell. */
export function previousForecastRuleFormulas(g: PlanGeometry, resultsSheet: string, policy: PolicyRefs, lang: Lang, k: number): string[] {
  const t = workbookText(lang);
  const R = quoteSheetName(resultsSheet);
  const pr = g.firstRow;
  const cell = `${col(g.years[k].col)}${pr}`;
  const markCell = `${col(statusMirrorCol(g, k))}${pr}`;
  const worked = `IF(ISBLANK(${markCell}),${insertedRowMark()},${markCell})`;
  const fraction = `IFERROR(ROUND(${cell},5)<>ROUND(${cell},0),FALSE)`;
  const marks: [string, string][] = [
    [mark(t.status.short), worked],
    [mark(t.status.met), worked],
    [mark(t.status.info), markCell],
    [mark(t.status['not-judged']), markCell],
  ];
  return marks.flatMap(([symbol, m]) => [`=AND(${m}=${lit(symbol)},${fraction})`, `=${m}=${lit(symbol)}`]);

  function insertedRowMark(): string {
    const at = (key: keyof PlanGeometry['cols']) => (g.cols[key] ? `$${col(g.cols[key]!)}${pr}` : null);
    const B = at('baseline');
    const itemCell = at('item');
    const useCell = at('use');
    if (!B || !itemCell || !useCell) return '""';
    const F = `${col(g.years[k].col)}${pr}`;
    const Y = `VALUE(${col(g.years[k].col)}$${g.headerRow}&"")`;
    const item = `TRIM(${itemCell}&"")`;
    const U = `INDEX(${policy.useIndex},MATCH(TRIM(${useCell}&""),${policy.useNames},0))`;
    const itemId = `IFERROR(INDEX(${policy.itemIds},MATCH(${item},${policy.items},0)),IFERROR(INDEX(${policy.itemIds},MATCH(${item},${policy.itemOther},0)),INDEX(${policy.itemIds},MATCH(${item},${policy.itemIds},0))))`;
    const scenarioCell = at('scenario');
    const scenarioRaw = scenarioCell ? `(${scenarioCell}&"")` : '""';
    const scenario = scenarioCell ? `IF(TRIM(${scenarioRaw})="",${lit(DEFAULT_SCENARIO)},${scenarioRaw})` : lit(DEFAULT_SCENARIO);
    const key = `"#"&${scenario}&"|"&${itemId}&"|"&${U}`;
    const criterion = `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${key},"~","~~"),"*","~*"),"?","~?")`;
    const tableCol = (cc: number) => `$${col(cc)}$${pr}:$${col(cc)}$${g.lastRow}`;
    const insertedLines = `SUMPRODUCT(ISBLANK(${tableCol(statusMirrorCol(g, k))})*(LEN(TRIM(${tableCol(g.cols.item!)}&""))>0))`;
    const exact = (x: string) => `AND(ROUND(${x},5)=${x},${x}<1E+13,OR(${x}<1E+9,${x}=INT(${x})))`;
    const isLine = `AND(ISNUMBER(${B}),OR(${B}=0,${B}>=1E-9),EXACT(${scenarioRaw},TRIM(${scenarioRaw})),EXACT(${scenarioRaw},LOWER(${scenarioRaw})),${U}>0)`;
    const inputs = `AND(${exact(B)},OR(ISBLANK(${F}),AND(ISNUMBER(${F}),${F}>=0,${exact(F)})))`;
    const groups = `$${col(RESULTS.cols.group)}$${RESULTS.firstRow}:$${col(RESULTS.cols.group)}$${resultsRow(g, g.lastRow)}`;
    const alone = `AND(COUNTIF(${R}!${groups},${criterion})=0,${insertedLines}=1)`;
    const targetsCell = at('targets');
    const isTarget = targetsCell
      ? `IF(TRIM(${targetsCell}&"")<>"",AND(${Y}>${policy.baselineYear},${Y}<=${policy.lastYear},ISNUMBER(SEARCH(","&${Y}&",",","&SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(ASC(SUBSTITUTE(${targetsCell}&"","、",",")),CHAR(10),",")," ",","),"年度",""),"年","")&","))),AND(${Y}>=${policy.firstYear},${Y}<=${policy.lastYear},ISNUMBER(${F})))`
      : `AND(${Y}>=${policy.firstYear},${Y}<=${policy.lastYear},ISNUMBER(${F}))`;
    const multiple = `INDEX(${policy.multTable},${U},MATCH(MAX(${Y},${policy.firstYear}),${policy.multYears},0))`;
    const required = `ROUND(${multiple}*${B},${digits(`${multiple}*${B}`)})`;
    const status = `IF(AND(${isTarget},${B}>0),IF(ROUND(${required}-N(${F}),${digits(required)})<=0,${lit(mark(t.status.met))},${lit(mark(t.status.short))}),"")`;
    return `IFERROR(IF(AND(${isLine},${inputs},${alone}),${status},""),"")`;
  }
}
