/** Small builders for write operations, so the sheet modules read as layout rather than plumbing. */
import type { CellFormat, CellInput, ConditionalStyle, WriteOp } from '../port';
import { col } from './geometry';

export function cellAddr(row: number, c: number): string {
  return `${col(c)}${row}`;
}

export function rangeAddr(r1: number, c1: number, r2: number, c2: number): string {
  return r1 === r2 && c1 === c2 ? cellAddr(r1, c1) : `${cellAddr(r1, c1)}:${cellAddr(r2, c2)}`;
}

/** Collects the writes of one sheet. */
export class SheetOps {
  readonly ops: WriteOp[] = [];
  constructor(readonly sheet: string) {}

  values(row: number, c: number, rows: CellInput[][]): this {
    if (rows.length && rows.some((r) => r.length)) this.ops.push({ kind: 'values', sheet: this.sheet, at: cellAddr(row, c), rows });
    return this;
  }

  cell(row: number, c: number, value: CellInput): this {
    return this.values(row, c, [[value]]);
  }

  /** A column of values downwards. */
  column(row: number, c: number, values: CellInput[]): this {
    return values.length ? this.values(row, c, values.map((v) => [v])) : this;
  }

  format(r1: number, c1: number, r2: number, c2: number, format: CellFormat): this {
    if (r2 >= r1 && c2 >= c1) this.ops.push({ kind: 'format', sheet: this.sheet, range: rangeAddr(r1, c1, r2, c2), format });
    return this;
  }

  fill(r1: number, c1: number, r2: number, c2: number, formula: string, results?: CellInput[][]): this {
    if (r2 < r1 || c2 < c1) return this;
    const op: WriteOp = { kind: 'fillFormula', sheet: this.sheet, range: rangeAddr(r1, c1, r2, c2), formula };
    if (results) op.results = results as never;
    this.ops.push(op);
    return this;
  }

  clear(r1?: number, c1?: number, r2?: number, c2?: number): this {
    if (r1 === undefined) this.ops.push({ kind: 'clear', sheet: this.sheet });
    else if (r2! >= r1 && c2! >= c1!) this.ops.push({ kind: 'clear', sheet: this.sheet, range: rangeAddr(r1, c1!, r2!, c2!) });
    return this;
  }

  widths(widths: Record<string, number>): this {
    this.ops.push({ kind: 'columnWidths', sheet: this.sheet, widths });
    return this;
  }

  cf(r1: number, c1: number, r2: number, c2: number, formula: string, format: ConditionalStyle): this {
    if (r2 >= r1 && c2 >= c1) this.ops.push({ kind: 'conditionalFormat', sheet: this.sheet, range: rangeAddr(r1, c1, r2, c2), formula, format });
    return this;
  }

  list(r1: number, c1: number, r2: number, c2: number, formula: string): this {
    if (r2 >= r1 && c2 >= c1) this.ops.push({ kind: 'listValidation', sheet: this.sheet, range: rangeAddr(r1, c1, r2, c2), source: { formula } });
    return this;
  }

  push(...ops: WriteOp[]): this {
    this.ops.push(...ops);
    return this;
  }
}

export const HEADER_FORMAT: CellFormat = {
  fill: { color: '#1F4E78' },
  font: { bold: true, color: '#FFFFFF' },
  wrap: true,
  vertical: 'middle',
  border: true,
};

export const SECTION_FORMAT: CellFormat = { font: { bold: true, size: 12, color: '#1F4E78' } };
export const TITLE_FORMAT: CellFormat = { font: { bold: true, size: 14 } };
export const MUTED_FORMAT: CellFormat = { font: { italic: true, color: '#595959' } };
