/**
 * .xlsx files on disk (CLI, tests). Browser code uses `codec.ts`, which has no file-system dependency.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import type * as ExcelJS from 'exceljs';
import { readXlsx, writeXlsx } from './codec';

export { createWorkbook, readXlsx, writeXlsx } from './codec';

/**
 * Load a workbook from a file path or from bytes. A missing/unreadable file or a file that is not an .xlsx workbook
 * rejects with a plain Error whose message says which (never a zip/XML stack trace).
 */
export async function loadWorkbook(source: string | ArrayBuffer | Uint8Array): Promise<ExcelJS.Workbook> {
  if (typeof source !== 'string') return readXlsx(source);
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(source);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String(code ?? e);
    throw new Error(`cannot read ${source}: ${why}`, { cause: e });
  }
  return readXlsx(bytes, path.basename(source));
}

/**
 * Save a workbook to `file` atomically: the bytes go to a temporary file in the same directory, which is then
 * renamed over the target, so a crash or a full disk never leaves a half-written workbook behind (and a reader
 * never sees one).
 */
export async function saveWorkbook(workbook: ExcelJS.Workbook, file: string): Promise<void> {
  const bytes = await writeXlsx(workbook);
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    await fs.writeFile(tmp, bytes, { flag: 'wx' });
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw e;
  }
}
