/** Test helpers: a port that counts round trips, workbooks in memory and on disk, and sheet dumps. */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import type * as ExcelJS from 'exceljs';
import { parsePlan } from '../../src/plan/parse';
import type { Plan } from '../../src/plan/schema';
import type { ReadOptions, SheetSnapshot, WorkbookPort, WriteOp } from '../../src/workbook/port';
import { createWorkbook, readXlsx, writeXlsx } from '../../src/workbook/xlsx/io';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';

/** The sample as W's layout tests know it: the published v1 sample (read and migrated), five lines, one activity. */
export const SAMPLE_PLAN_FILE = path.join(__dirname, '../cli/fixtures/sample-plan-v1.json');

export async function samplePlan(): Promise<Plan> {
  const r = parsePlan(JSON.parse(await fs.readFile(SAMPLE_PLAN_FILE, 'utf8')));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.plan;
}

/** A port that records how often the layout reads and writes (Office pays one sync for each). */
export class CountingPort implements WorkbookPort {
  reads = 0;
  applies = 0;
  names = 0;
  lastOps: WriteOp[] = [];
  constructor(readonly inner: WorkbookPort) {}
  get date1904(): boolean {
    return this.inner.date1904;
  }
  async sheetNames(): Promise<string[]> {
    this.names++;
    return this.inner.sheetNames();
  }
  async readSheets(names: string[], options?: ReadOptions): Promise<Record<string, SheetSnapshot | undefined>> {
    this.reads++;
    return this.inner.readSheets(names, options);
  }
  async apply(ops: WriteOp[]): Promise<void> {
    this.applies++;
    this.lastOps = ops;
    return this.inner.apply(ops);
  }
  reset(): void {
    this.reads = 0;
    this.applies = 0;
    this.names = 0;
  }
}

export function portOver(wb: ExcelJS.Workbook = createWorkbook()): { wb: ExcelJS.Workbook; port: CountingPort } {
  return { wb, port: new CountingPort(new XlsxPort(wb)) };
}

/** Save and load again, as a file would: what another program sees. */
export async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  return readXlsx(await writeXlsx(wb));
}

export async function tmpDir(prefix = 'supply-plan-'): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Every cell of a sheet as "A1" → value/formula/style/note, for comparing workbooks. */
export function dumpSheet(ws: ExcelJS.Worksheet): Map<string, string> {
  const out = new Map<string, string>();
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell) => {
      const v = cell.value as unknown;
      let value: string;
      if (v && typeof v === 'object' && 'formula' in (v as object)) value = `=${(v as { formula: string }).formula}`;
      else if (v && typeof v === 'object' && 'sharedFormula' in (v as object)) value = `=shared(${(v as { sharedFormula: string }).sharedFormula})`;
      else value = JSON.stringify(v);
      const note = cell.note ? ` note=${JSON.stringify(cell.note)}` : '';
      out.set(cell.address, `${value} style=${JSON.stringify(cell.style ?? {})}${note}`);
    });
  });
  return out;
}

/** The values of a sheet as the port reads them (row arrays, 1-based rows at index r-1). */
export async function values(port: WorkbookPort, sheet: string): Promise<SheetSnapshot> {
  const s = (await port.readSheets([sheet]))[sheet];
  if (!s) throw new Error(`no sheet ${sheet}`);
  return s;
}
