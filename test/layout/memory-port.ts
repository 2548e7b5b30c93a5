/**
 * A tiny in-memory workbook port: sheets are value grids handed in as snapshots; writes are recorded, not applied.
 * Enough to drive readPlan and writeResults at sizes where a real workbook library would dominate the test.
 */
import type { CellValue, SheetSnapshot, WorkbookPort, WriteOp } from '../../src/workbook/port';

export class MemoryPort implements WorkbookPort {
  readonly applied: WriteOp[][] = [];
  readonly date1904 = false;
  constructor(readonly sheets: Record<string, CellValue[][]>) {}
  async sheetNames(): Promise<string[]> {
    return Object.keys(this.sheets);
  }
  async readSheets(names: string[]): Promise<Record<string, SheetSnapshot | undefined>> {
    const out: Record<string, SheetSnapshot | undefined> = {};
    for (const n of names) out[n] = this.sheets[n] ? { name: n, values: this.sheets[n], merges: [] } : undefined;
    return out;
  }
  async apply(ops: WriteOp[]): Promise<void> {
    this.applied.push(ops);
  }
}
