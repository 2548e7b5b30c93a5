/**
 * .xlsx files on disk (CLI, tests). Browser code uses `codec.ts`, which has no file-system dependency.
 */
import { promises as fs } from 'fs';
import * as fsSync from 'fs';
import * as path from 'path';
import type * as ExcelJS from 'exceljs';
import { xlsxText } from '../../i18n/xlsx';
import { XLSX_LIMITS, XlsxError, readXlsx, writeXlsx, type ReadOptions, type WriteOptions, type XlsxLimits } from './codec';
import { installXmlChunks } from './xml-chunks';

// Saving a large workbook takes a fraction of the memory with this (see xml-chunks.ts).
installXmlChunks();

export { XLSX_LIMITS, XlsxError, createWorkbook, forgetOrigin, isXlsxError, packageKind, readXlsx, writeXlsx, type PackageKind, type ReadOptions, type WriteOptions, type XlsxErrorCode, type XlsxLimits } from './codec';

/**
 * Load a workbook from a file path or from bytes. A missing/unreadable file, a file that is not an .xlsx workbook
 * and a file over a limit (limits.ts) reject with an XlsxError whose message says which (never a zip/XML stack
 * trace). A file over the size limit is refused before it is read. `options.rewriteWhole`: see ReadOptions.
 */
export async function loadWorkbook(source: string | ArrayBuffer | Uint8Array, limits: XlsxLimits = XLSX_LIMITS, options: ReadOptions = {}): Promise<ExcelJS.Workbook> {
  if (typeof source !== 'string') return readXlsx(source, undefined, limits, options);
  let bytes: Uint8Array;
  try {
    const stat = await fs.stat(source);
    if (stat.isFile() && stat.size > limits.maxFileBytes) {
      throw new XlsxError('file-too-large', xlsxText.fileTooLarge(path.basename(source), stat.size, limits.maxFileBytes));
    }
    bytes = await fs.readFile(source);
  } catch (e) {
    if (e instanceof XlsxError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'missing' : code === 'EISDIR' ? 'directory' : code === 'EACCES' ? 'permission' : String(code ?? e);
    throw new XlsxError('cannot-read', xlsxText.cannotRead(source, why), { cause: e });
  }
  return readXlsx(bytes, path.basename(source), limits, options);
}

/**
 * Save a workbook to `file` atomically: the bytes go to a temporary file in the same directory (flushed to disk),
 * which is then renamed over the target, so a crash, a kill or a full disk never leaves a half-written workbook
 * behind (and a reader never sees one). See writeFileAtomic for what happens to the temporary file.
 * `options.release`: see WriteOptions (the workbook is not used after this save).
 */
export async function saveWorkbook(workbook: ExcelJS.Workbook, file: string, options: WriteOptions = {}): Promise<void> {
  const bytes = await writeXlsx(workbook, options);
  await writeFileAtomic(file, bytes);
}

/** Temporary files of saves in progress, removed if the process is interrupted (SIGINT, SIGTERM, SIGHUP). */
const pendingTemps = new Set<string>();
const CLEANUP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function onInterrupt(signal: NodeJS.Signals): void {
  for (const tmp of pendingTemps) {
    try {
      fsSync.rmSync(tmp, { force: true });
    } catch {
      // Nothing more can be done while the process is going down.
    }
  }
  pendingTemps.clear();
  for (const s of CLEANUP_SIGNALS) process.removeListener(s, onInterrupt);
  // Die of the same signal, as if this handler had never been there (other handlers, if any, still run).
  process.kill(process.pid, signal);
}

function track(tmp: string): void {
  if (pendingTemps.size === 0) for (const s of CLEANUP_SIGNALS) process.on(s, onInterrupt);
  pendingTemps.add(tmp);
}

function untrack(tmp: string): void {
  pendingTemps.delete(tmp);
  if (pendingTemps.size === 0) for (const s of CLEANUP_SIGNALS) process.removeListener(s, onInterrupt);
}

function tempName(file: string, pid: number): string {
  return path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${pid}.${Date.now().toString(36)}.tmp`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Temporary files of earlier saves of the same file whose process died without cleaning up (SIGKILL, power loss). */
async function removeStaleTemps(file: string): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const base = path.basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\.${base}\\.(\\d+)\\.[0-9a-z]+\\.tmp$`);
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const m = pattern.exec(name);
    if (!m || Number(m[1]) === process.pid || isAlive(Number(m[1]))) continue;
    await fs.rm(path.join(dir, name), { force: true }).catch(() => undefined);
  }
}

/** File-system errors on writing that are the environment's, not a bug: reported plainly (exit 2). */
const WRITE_ERRORS: Record<string, 'full' | 'permission' | 'read-only' | 'missing-folder' | 'directory'> = {
  ENOSPC: 'full',
  EDQUOT: 'full',
  EACCES: 'permission',
  EPERM: 'permission',
  EROFS: 'read-only',
  ENOENT: 'missing-folder',
  ENOTDIR: 'missing-folder',
  EISDIR: 'directory',
};

/**
 * Write bytes (or text) to `file` atomically: a temporary file beside it, flushed, then renamed over it. On an error
 * the temporary file is removed and the target is as it was; on SIGINT/SIGTERM/SIGHUP it is removed before the
 * process ends; after a SIGKILL it stays until the next save of the same file removes it.
 */
export async function writeFileAtomic(file: string, data: Uint8Array | string): Promise<void> {
  await removeStaleTemps(file);
  const tmp = tempName(file, process.pid);
  track(tmp);
  try {
    const handle = await fs.open(tmp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    // A full disk or a folder without write permission: say so about the file asked for, not the temporary one.
    const code = (e as NodeJS.ErrnoException).code;
    if (code && WRITE_ERRORS[code]) throw new XlsxError('cannot-write', xlsxText.cannotWrite(file, WRITE_ERRORS[code]), { cause: e });
    throw e;
  } finally {
    untrack(tmp);
  }
}
