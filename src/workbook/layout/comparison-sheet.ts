/**
 * The scenario comparison sheet (シナリオ比較 / Scenario comparison, issue #14): the task pane's side-by-side table of
 * scenarios, on a sheet a reviewer can print. One row per target group (item and use, with the sites its lines name
 * and its unit) and year; per scenario its forecast total and the engine's status (✔ 達成 / ✖ 不足 …, a word and a symbol, the
 * colour only repeats it), and for each scenario after the submission (提出案, always first) its difference from it.
 *
 * Values are as of the check, like the summary's (the pane's comparison follows edits live). No internal code, cell
 * address or ID appears, so the same sheet serves the submission copy. The sheet is ours and written whole.
 */
import type { Comparison, Evaluation } from '../../evaluate';
import { itemName, useName } from '../../i18n/findings';
import { formatNumber, type Lang } from '../../i18n/format';
import { BASE_SCENARIO } from '../../i18n/glossary';
import { workbookText } from '../../i18n/workbook';
import { itemId } from '../../plan/normalise';
import type { CellInput, WriteOp } from '../port';
import { COLORS, col } from './geometry';
import { lit } from './formulas';
import { HEADER_FORMAT, MUTED_FORMAT, SECTION_FORMAT, SheetOps } from './ops';
import { pageStarts, ROW_POINTS, type Block } from './pagination';

/** Columns before the scenarios': item, use, sites, unit, year. */
const LEAD_COLS = 5;
const YEAR_COL = 5;
const LEAD_WIDTHS = [22, 26, 16, 9, 7];
const WIDTH = { forecast: 14, diff: 13, status: 11 };

export interface ComparisonSheetInput {
  sheet: string;
  lang: Lang;
  /** compareScenarios(plan, evaluation): statuses are read from its rows. */
  comparison: Comparison;
  evaluation: Evaluation;
  /** When the figures were evaluated, as the sheet says it. */
  evaluatedAt: string;
  /** Printed at the top / foot of every page (Excel header codes). */
  page?: { header?: string; footer?: string };
}

/** The columns one scenario takes: the submission has no difference column. */
function scenarioCols(i: number): ('forecast' | 'diff' | 'status')[] {
  return i === 0 ? ['forecast', 'status'] : ['forecast', 'diff', 'status'];
}

/** The comparison sheet, whole (cleared and written again). */
export function comparisonSheetOps(s: ComparisonSheetInput): WriteOp[] {
  const t = workbookText(s.lang);
  const c = s.comparison;
  const o = new SheetOps(s.sheet);
  o.push({ kind: 'addSheet', sheet: s.sheet, tabColor: COLORS.tabSummary });
  o.clear();
  o.push({ kind: 'clearConditionalFormats', sheet: s.sheet });
  let r = 1;
  o.cell(r, 1, t.comparisonTitle).format(r, 1, r, 1, { font: { bold: true, size: 14 } });
  r++;
  o.cell(r, 1, t.comparisonIntro(s.evaluatedAt)).format(r, 1, r, 1, MUTED_FORMAT);
  r += 2;

  // As the summary names them: base as 基本ケース, the first (the submission) marked （提出案）.
  const labels = c.scenarios.map((name, i) => {
    const shown = name === BASE_SCENARIO ? t.baseScenario : name;
    return i === 0 ? t.submissionLabel(shown) : shown;
  });
  const layout = c.scenarios.map((_, i) => scenarioCols(i));
  const lastCol = LEAD_COLS + layout.reduce((n, cols) => n + cols.length, 0);
  const widths: Record<string, number> = {};
  LEAD_WIDTHS.forEach((w, k) => (widths[col(k + 1)] = w));
  {
    let k = LEAD_COLS;
    for (const cols of layout) for (const kind of cols) widths[col(++k)] = WIDTH[kind];
  }

  // The scenarios' verdicts, submission first.
  o.cell(r, 1, t.comparisonVerdicts).format(r, 1, r, 1, SECTION_FORMAT);
  r++;
  o.values(r, 1, [[...t.comparisonVerdictColumns]]).format(r, 1, r, 2, HEADER_FORMAT);
  r++;
  const verdictTop = r;
  for (const [i, name] of c.scenarios.entries()) {
    const sc = s.evaluation.scenarios.find((x) => x.name === name);
    o.values(r, 1, [[labels[i], sc ? t.verdict[sc.verdict] : null]]);
    r++;
  }
  if (r > verdictTop) {
    o.format(verdictTop, 1, r - 1, 2, { border: true });
    o.format(verdictTop, 1, verdictTop, 2, { font: { bold: true } });
    o.cf(verdictTop, 2, r - 1, 2, `=LEFT($B${verdictTop},1)=${lit(t.verdict.ineligible.slice(0, 1))}`, { fill: { color: COLORS.shortFill }, font: { color: COLORS.shortFont } });
    o.cf(verdictTop, 2, r - 1, 2, `=LEFT($B${verdictTop},1)=${lit(t.verdict.eligible.slice(0, 1))}`, { fill: { color: COLORS.metFill }, font: { color: COLORS.metFont } });
  }
  r++;

  const headerRow = r;
  // A target group's years on one page (the header row repeats on every page).
  const groupBlocks: Block[] = [];
  if (c.scenarios.length < 2 || !c.groups.length) {
    o.cell(r, 1, t.comparisonNone);
    r++;
  } else {
    // Two header rows: each scenario's name over its columns, then what each column holds. No wrapped text: no
    // program sizes a wrapped header row for certain, and a cut-off scenario name would hide which is which.
    const names: CellInput[] = [...t.comparisonColumns];
    const kinds: CellInput[] = t.comparisonColumns.map(() => null);
    c.scenarios.forEach((_, i) => {
      layout[i].forEach((kind, k) => {
        names.push(k === 0 ? labels[i] : null);
        kinds.push(kind === 'forecast' ? t.comparisonForecast : kind === 'diff' ? t.comparisonDiff : t.comparisonStatus);
      });
    });
    o.values(r, 1, [names, kinds]).format(r, 1, r + 1, lastCol, { ...HEADER_FORMAT, wrap: false });
    r += 2;
    const top = r;
    const rows: CellInput[][] = [];
    for (const g of c.groups) {
      const id = itemId(g.item);
      const item = id ? itemName(id, s.lang) : g.item;
      const use = useName(g.use, s.lang);
      const sites = g.sites.join(s.lang === 'ja' ? '、' : ', ') || null;
      const groupTop = top + rows.length;
      // A year no scenario has a forecast for (the plan's years are every group's) is left out.
      for (const row of g.rows.filter((x) => x.values.some((v) => v !== null))) {
        const cells: CellInput[] = [item, use, sites, g.unit || null, row.year];
        row.values.forEach((v, i) => {
          for (const kind of layout[i]) {
            if (kind === 'forecast') cells.push(v === null ? t.comparisonMissing : formatNumber(v));
            else if (kind === 'diff') {
              const d = row.diffs[i];
              cells.push(d === null ? null : t.comparisonDiffText(formatNumber(Math.abs(d)), Math.sign(d)));
            } else {
              const st = row.statuses?.[i];
              cells.push(st ? t.status[st.status] : null);
            }
          }
        });
        rows.push(cells);
      }
      const size = top + rows.length - groupTop;
      if (size) groupBlocks.push({ top: groupTop, bottom: groupTop + size - 1, head: size });
    }
    o.values(top, 1, rows);
    r = top + rows.length;
    const bottom = r - 1;
    o.format(top, 1, bottom, lastCol, { border: true, vertical: 'top' });
    o.format(top, YEAR_COL, bottom, YEAR_COL, { horizontal: 'center' });
    // The first row of each group in bold, where one group ends and the next begins: one rule, not a format per group,
    // so the batch does not grow with the plan.
    o.cf(top, 1, bottom, 2, `=OR($A${top}<>$A${top - 1},$B${top}<>$B${top - 1})`, { font: { bold: true } });
    let k = LEAD_COLS;
    for (const cols of layout) {
      for (const kind of cols) {
        k++;
        if (kind === 'status') {
          o.format(top, k, bottom, k, { horizontal: 'center' });
          const cell = `${col(k)}${top}`;
          o.cf(top, k, bottom, k, `=LEFT(${cell},1)=${lit('✖')}`, { fill: { color: COLORS.shortFill }, font: { color: COLORS.shortFont } });
          o.cf(top, k, bottom, k, `=LEFT(${cell},1)=${lit('✔')}`, { fill: { color: COLORS.metFill }, font: { color: COLORS.metFont } });
        } else o.format(top, k, bottom, k, { horizontal: 'right' });
      }
    }
    r++;
    o.cell(r, 1, t.comparisonLegend).format(r, 1, r, 1, MUTED_FORMAT);
    r++;
    o.push({ kind: 'freeze', sheet: s.sheet, rows: headerRow + 1, columns: LEAD_COLS });
  }

  o.widths(widths);
  o.push({
    kind: 'pageSetup',
    sheet: s.sheet,
    landscape: true,
    paper: 'A4',
    fitToWidth: true,
    printArea: `A1:${col(Math.max(lastCol, 2))}${r - 1}`,
    ...(c.scenarios.length >= 2 && c.groups.length ? { printTitleRows: `${headerRow}:${headerRow + 1}` } : {}),
    ...s.page,
  });
  if (groupBlocks.length) {
    const titled = { columnWidths: Object.values(widths), titleRowsHeight: 2 * ROW_POINTS.normal };
    const tall = (row: number) => (row === 1 ? ROW_POINTS.title : ROW_POINTS.normal);
    o.push({ kind: 'rowBreaks', sheet: s.sheet, rows: pageStarts(titled, r - 1, tall, groupBlocks, 1) });
  } else o.push({ kind: 'rowBreaks', sheet: s.sheet, rows: [] });
  return o.ops;
}
