/**
 * Undo for edits made in the grid (Ctrl+Z): before a block is written, what its cells held is kept, as the
 * write that puts it back. The pane's own commands (create, evaluate) are not undone here, as in Excel an add-in's
 * writes clear the undo list — the history is dropped when another workbook is opened.
 */
import type * as ExcelJS from 'exceljs';
import { dateToSerial } from '../number-format';
import { formatCell, parseCell } from '../workbook/a1';
import type { CellInput, WriteOp } from '../workbook/port';

/** How many edits can be undone. */
const MAX_UNDO = 100;

/** A cell's content as the port would write it back. */
function inputOf(cell: ExcelJS.Cell | undefined, date1904: boolean): CellInput {
  const v = cell?.value as unknown;
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return dateToSerial(v, { date1904 });
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) return { formula: `=${cell!.formula}` };
    if ('error' in o) return { error: String(o.error) };
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('text' in o) return String(o.text);
  }
  return null;
}

export class EditHistory {
  private readonly undo: WriteOp[][] = [];

  /** Keep what the block of `rows` × `cols` cells at `at` holds now, before it is overwritten. */
  record(workbook: ExcelJS.Workbook, sheet: string, at: string, rows: number, cols: number): void {
    const ws = workbook.getWorksheet(sheet);
    if (!ws) return;
    const date1904 = Boolean(workbook.properties?.date1904);
    const start = parseCell(at);
    const before: CellInput[][] = [];
    const formats: WriteOp[] = [];
    for (let r = 0; r < rows; r++) {
      const row: CellInput[] = [];
      for (let c = 0; c < cols; c++) {
        const cell = ws.findRow(start.row + r)?.findCell(start.col + c);
        row.push(inputOf(cell, date1904));
        // A typed date gives its cell a date format; undoing the date puts the old format back.
        formats.push({ kind: 'format', sheet, range: formatCell({ row: start.row + r, col: start.col + c }), format: { numberFormat: cell?.numFmt || 'General' } });
      }
      before.push(row);
    }
    this.undo.push([{ kind: 'values', sheet, at, rows: before }, ...formats]);
    if (this.undo.length > MAX_UNDO) this.undo.shift();
  }

  /** The writes that undo the last edit, or undefined when there is none. */
  takeUndo(): WriteOp[] | undefined {
    return this.undo.pop();
  }

  get canUndo(): boolean {
    return this.undo.length > 0;
  }
}
