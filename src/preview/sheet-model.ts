/**
 * Reads an ExcelJS worksheet into what the sheet view draws, as a pipeline of small steps: the frame (size, column
 * widths, row heights, frozen panes), the cells (values as Excel would calculate them, display text, static
 * styles), conditional formats, borders handed to the neighbour that draws them, merges, the active cell.
 * Read-only: edits go through the workbook port like every other write.
 */
import type * as ExcelJS from 'exceljs';
import { Unsupported, type Scalar } from '../formula/evaluate';
import { formatValue, isDateNumberFormat, type DisplayValue } from '../number-format';
import { columnLetters, parseCell } from '../workbook/a1';
import { columnsOf, isSheetProtected, mergesOf } from '../workbook/xlsx/exceljs-internals';
import { conditionalFormatter } from './conditional-formats';
import { listChoicesLookup } from './list-choices';
import { styleOf, type CellStyleView } from './sheet-styles';
import { calculateWorkbook, type WorkbookCalculation } from './workbook-calc';

export type { CellStyleView } from './sheet-styles';

export interface CellView {
  row: number;
  col: number;
  address: string;
  /** What the cell shows. */
  text: string;
  align: 'left' | 'right' | 'center';
  /** The cell's value as formulas see it (a date as its serial number); a formula's calculated result. */
  value: Scalar;
  /** The formula, without "=", when the cell has one. */
  formula?: string;
  /** What the formula bar and the editor start from: "=formula", or the value as typed. */
  input: string;
  style: CellStyleView;
  /** True when a conditional format applies to the cell (its style is already merged into `style`). */
  highlighted: boolean;
  note?: string;
  /** For a merge's top-left cell: how many rows and columns it covers. */
  rowSpan?: number;
  colSpan?: number;
  /** True for cells hidden under a merge. */
  covered?: boolean;
  editable: boolean;
  /** The choices of an in-cell drop-down list. */
  choices?: string[];
  isDate: boolean;
}

export interface SheetModel {
  name: string;
  rowCount: number;
  colCount: number;
  /** Pixel widths, index = column number (index 0 unused). */
  colWidths: number[];
  rowHeights: number[];
  frozenRows: number;
  frozenCols: number;
  cells: CellView[][];
  /** True when the sheet is larger than what the view draws (the "large sheet" notice). */
  truncated: boolean;
  protected: boolean;
  /** The cell the workbook says is selected on this sheet. */
  activeCell?: { row: number; col: number };
}

/** The view draws at most this much of a sheet; plan workbooks are far smaller (the results sheet has ~70 columns). */
export const MAX_ROWS = 5000;
export const MAX_COLS = 256;
/** Blank rows and columns drawn past the used range, as a spreadsheet shows them. */
const EXTRA_ROWS = 8;
const EXTRA_COLS = 3;

/** The sheet's size, widths, heights and panes (the model's frame), and its view for the active cell. */
type Frame = Pick<SheetModel, 'rowCount' | 'colCount' | 'colWidths' | 'rowHeights' | 'frozenRows' | 'frozenCols' | 'truncated'> & {
  view: Partial<ExcelJS.WorksheetView> | undefined;
};

/** Excel column width (characters of the default font) → pixels, as Excel draws it at 100 %. */
function widthPx(width: number | undefined): number {
  return Math.max(24, Math.round((width ?? 8.43) * 7 + 5));
}

function readFrame(ws: ExcelJS.Worksheet): Frame {
  const view = (ws.views ?? [])[0];
  const frozen = view?.state === 'frozen' ? view : undefined;
  const frozenRows = frozen?.ySplit ?? 0;
  const frozenCols = frozen?.xSplit ?? 0;
  const usedRows = Math.max(ws.rowCount, ws.actualRowCount, frozenRows);
  const usedCols = Math.max(ws.columnCount, ws.actualColumnCount, frozenCols);
  const rowCount = Math.min(MAX_ROWS, Math.max(usedRows + EXTRA_ROWS, 20));
  const colCount = Math.min(MAX_COLS, Math.max(usedCols + EXTRA_COLS, 8));
  const columns = columnsOf(ws);
  const colWidths = [0];
  for (let c = 1; c <= colCount; c++) colWidths.push(columns[c - 1]?.hidden ? 0 : widthPx(columns[c - 1]?.width));
  const rowHeights = [0];
  for (let r = 1; r <= rowCount; r++) {
    const row = ws.findRow(r);
    rowHeights.push(row?.hidden ? 0 : row?.height ? Math.round((row.height * 4) / 3) : 20);
  }
  return { rowCount, colCount, colWidths, rowHeights, frozenRows, frozenCols, truncated: usedRows > MAX_ROWS || usedCols > MAX_COLS, view };
}

function blankCell(row: number, col: number, editable: boolean): CellView {
  return { row, col, address: columnLetters(col) + row, text: '', align: 'left', value: null, input: '', style: {}, highlighted: false, editable, isDate: false };
}

function displayValueOf(v: unknown): DisplayValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) return displayValueOf(o.result);
    if ('error' in o) return { error: String(o.error) };
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('text' in o) return String(o.text);
  }
  return null;
}

function noteOf(cell: ExcelJS.Cell): string | undefined {
  if (!cell.note) return undefined;
  return typeof cell.note === 'string' ? cell.note : ((cell.note as ExcelJS.Comment).texts ?? []).map((t) => t.text).join('');
}

/** A constant as the user would type it back in (the editor's starting text). */
function inputText(shown: DisplayValue, isDate: boolean, date1904: boolean): string {
  if (shown === null) return '';
  if (shown instanceof Date || (isDate && typeof shown === 'number')) return formatValue(shown, 'yyyy-mm-dd', { date1904 }).text;
  if (typeof shown === 'object') return shown.error;
  if (typeof shown === 'boolean') return shown ? 'TRUE' : 'FALSE';
  return String(shown);
}

function readCell(cell: ExcelJS.Cell, row: number, col: number, env: CellEnvironment): CellView {
  const address = columnLetters(col) + row;
  const raw = cell.value as unknown;
  const isFormula = typeof raw === 'object' && raw !== null && !(raw instanceof Date) && ('formula' in raw || 'sharedFormula' in raw);
  const formula = isFormula ? cell.formula || undefined : undefined;
  let value: Scalar;
  let unknown = false;
  try {
    value = env.calculation.valueOf(env.ws, row, col);
  } catch (e) {
    if (!(e instanceof Unsupported)) throw e;
    value = null;
    unknown = true; // a formula neither calculated nor cached: shown blank
  }
  const numFmt = cell.numFmt;
  const constant = displayValueOf(raw);
  const isDate = constant instanceof Date || (typeof value === 'number' && isDateNumberFormat(numFmt));
  const shown: DisplayValue = formula ? (unknown ? null : value) : constant;
  const formatted = formatValue(shown, numFmt, { date1904: env.date1904 });
  const style = styleOf(cell);
  if (formatted.color) style.color = formatted.color;
  const locked = (cell.protection as Partial<ExcelJS.Protection> | undefined)?.locked !== false;
  return {
    row,
    col,
    address,
    text: formatted.text,
    align: style.horizontal ?? formatted.align,
    value,
    formula,
    input: formula ? `=${formula}` : inputText(constant, isDate, env.date1904),
    style,
    highlighted: false,
    note: noteOf(cell),
    editable: !formula && !(env.isProtected && locked),
    choices: formula ? undefined : env.choicesOf(address, row, col),
    isDate,
  };
}

interface CellEnvironment {
  ws: ExcelJS.Worksheet;
  calculation: WorkbookCalculation;
  date1904: boolean;
  isProtected: boolean;
  choicesOf: (address: string, row: number, col: number) => string[] | undefined;
}

function readCells(ws: ExcelJS.Worksheet, frame: Frame, env: CellEnvironment): CellView[][] {
  const cells: CellView[][] = [[]];
  for (let r = 1; r <= frame.rowCount; r++) {
    const row = ws.findRow(r);
    const rowCells: CellView[] = [];
    for (let c = 1; c <= frame.colCount; c++) {
      const cell = row?.findCell(c);
      rowCells[c] = cell ? readCell(cell, r, c, env) : blankCell(r, c, !env.isProtected);
    }
    cells.push(rowCells);
  }
  return cells;
}

function applyConditionalFormats(ws: ExcelJS.Worksheet, cells: CellView[][], frame: Frame, calculation: WorkbookCalculation, date1904: boolean): void {
  const outcomeOf = conditionalFormatter(ws, calculation.contextFor(ws));
  for (let r = 1; r <= frame.rowCount; r++) {
    for (let c = 1; c <= frame.colCount; c++) {
      const view = cells[r][c];
      const outcome = outcomeOf(r, c, view.value);
      if (!outcome) continue;
      view.highlighted = true;
      if (outcome.background) view.style.background = outcome.background;
      Object.assign(view.style, outcome.style);
      // A rule's number format shows the value another way (a status mark before the number); the value is the same.
      if (outcome.numberFormat !== undefined && typeof view.value === 'number' && !view.isDate) {
        const formatted = formatValue(view.value, outcome.numberFormat, { date1904 });
        view.text = formatted.text;
        if (formatted.color) view.style.color = formatted.color;
      }
    }
  }
}

/**
 * The grid draws each cell's right and bottom edges (separate borders, for sticky panes): a cell's top or left
 * border is handed to the neighbour above or to the left, so a border shared by two cells is drawn once.
 */
function handOverBorders(cells: CellView[][], frame: Frame): void {
  for (let r = 1; r <= frame.rowCount; r++) {
    for (let c = 1; c <= frame.colCount; c++) {
      const b = cells[r][c].style.border;
      if (!b) continue;
      if (b.top && r > 1) {
        const above = cells[r - 1][c].style;
        above.border = { ...(above.border ?? {}), bottom: above.border?.bottom ?? b.top };
        delete b.top;
      }
      if (b.left && c > 1) {
        const left = cells[r][c - 1].style;
        left.border = { ...(left.border ?? {}), right: left.border?.right ?? b.left };
        delete b.left;
      }
    }
  }
}

/** Merges: the top-left cell spans, the rest are covered. */
function applyMerges(ws: ExcelJS.Worksheet, cells: CellView[][], frame: Frame): void {
  for (const merge of Object.values(mergesOf(ws))) {
    const g = merge?.model;
    if (!g || g.top > frame.rowCount || g.left > frame.colCount) continue;
    const bottom = Math.min(g.bottom, frame.rowCount);
    const right = Math.min(g.right, frame.colCount);
    for (let r = g.top; r <= bottom; r++) for (let c = g.left; c <= right; c++) if (r !== g.top || c !== g.left) cells[r][c].covered = true;
    cells[g.top][g.left].rowSpan = bottom - g.top + 1;
    cells[g.top][g.left].colSpan = right - g.left + 1;
  }
}

function activeCellOf(frame: Frame): { row: number; col: number } | undefined {
  try {
    const address = frame.view?.activeCell;
    if (!address) return undefined;
    const p = parseCell(address);
    return p.row <= frame.rowCount && p.col <= frame.colCount ? p : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Build the view of one worksheet. Pass the same `calculation` for several sheets of one unchanged workbook to
 * share the calculated formula values.
 */
export function readSheet(workbook: ExcelJS.Workbook, ws: ExcelJS.Worksheet, calculation: WorkbookCalculation = calculateWorkbook(workbook)): SheetModel {
  const frame = readFrame(ws);
  const isProtected = isSheetProtected(ws);
  const env: CellEnvironment = {
    ws,
    calculation,
    date1904: Boolean(workbook.properties?.date1904),
    isProtected,
    choicesOf: listChoicesLookup(workbook, ws, calculation.valueOf),
  };
  const cells = readCells(ws, frame, env);
  applyConditionalFormats(ws, cells, frame, calculation, env.date1904);
  handOverBorders(cells, frame);
  applyMerges(ws, cells, frame);
  const { rowCount, colCount, colWidths, rowHeights, frozenRows, frozenCols, truncated } = frame;
  return { name: ws.name, rowCount, colCount, colWidths, rowHeights, frozenRows, frozenCols, cells, truncated, protected: isProtected, activeCell: activeCellOf(frame) };
}

/** Sheets a user sees as tabs (hidden and very hidden sheets stay out, as in Excel). */
export function visibleSheets(workbook: ExcelJS.Workbook): string[] {
  return workbook.worksheets.filter((ws) => (ws.state ?? 'visible') === 'visible').map((ws) => ws.name);
}

/** The sheet the workbook says is active, if any. */
export function activeSheetName(workbook: ExcelJS.Workbook): string | undefined {
  const tab = workbook.views?.[0]?.activeTab;
  if (typeof tab === 'number' && workbook.worksheets[tab]) return workbook.worksheets[tab].name;
  return undefined;
}

/** The context formulas typed into `sheet` are evaluated in (values as calculated now). */
export function formulaContext(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet) {
  return calculateWorkbook(workbook).contextFor(sheet);
}
