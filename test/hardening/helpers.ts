/**
 * Shared by the hardening tests: the CLI in-process, temporary directories that clean up, the parts of a saved
 * .xlsx as XML, the cached values the layout writes, and what a stack trace or an internal error looks like.
 */
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import type * as ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import type { CliIO } from '../../src/cli/io';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `supply-plan …` in-process, in `cwd`, as bin/supply-plan.js runs it. */
export async function cli(cwd: string, ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => '',
    env: { LANG: 'en_US.UTF-8', COLUMNS: '200' },
    cwd,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const made: string[] = [];

export async function tmpDir(prefix = 'supply-plan-hardening-'): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Remove every directory tmpDir made (call from afterAll). */
export async function removeTmpDirs(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
}

/** Signs that a user was shown a crash instead of a message. */
export function crashSigns(raw: string): string[] {
  // An XML parser's "undefined entity" is a reason, not a crash.
  const text = raw.replace(/undefined entity/g, '');
  const out: string[] = [];
  if (/\n\s+at /.test(text) || /^\s+at /.test(text)) out.push('stack trace');
  for (const word of ['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError: ', 'internal error', '内部エラー', 'undefined', '[object Object]']) {
    if (text.includes(word)) out.push(word);
  }
  return out;
}

/** Every part of an .xlsx file as text (the zip's entries by name). */
export async function xlsxParts(file: string): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const out = new Map<string, string>();
  for (const entry of Object.values(zip.files)) if (!entry.dir) out.set(entry.name, await entry.async('string'));
  return out;
}

/** A cell's cached formula result, or its value when it holds no formula. */
export function cached(cell: ExcelJS.Cell): unknown {
  const v = cell.value as unknown;
  if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) return (v as { result?: unknown }).result ?? null;
  return v;
}

/** Files in a directory that look like temporary files of an atomic save. */
export async function tempFiles(dir: string): Promise<string[]> {
  return (await fs.readdir(dir)).filter((n) => n.endsWith('.tmp'));
}

/** How long an async function took, in ms. */
export async function timed<T>(f: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = Date.now();
  const value = await f();
  return { value, ms: Date.now() - t0 };
}
