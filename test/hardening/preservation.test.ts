/**
 * Nothing lost when things go wrong: a save that fails half-way (disk full), a process killed while it writes
 * (SIGTERM, SIGINT, and SIGKILL), leave the input and any earlier output exactly as they were, and no temporary file
 * behind (after a SIGKILL the next save removes it). And a check run twice gives the same workbook, cell for cell,
 * but for the time of the check and the new log row.
 */
import { spawn } from 'child_process';
import { promises as fs } from 'fs';
import * as path from 'path';
import type * as ExcelJS from 'exceljs';
import { loadWorkbook } from '../../src/workbook/xlsx/io';
import { corpusPlan } from './corpus';
import { cli, removeTmpDirs, tempFiles, tmpDir } from './helpers';
import { inputChanges } from './inputs';

jest.setTimeout(60_000);

let dir: string;
let input: Buffer;
let firstOutput: Buffer;

beforeAll(async () => {
  dir = await tmpDir();
  await fs.writeFile(path.join(dir, 'plan.json'), JSON.stringify(corpusPlan()));
  expect((await cli(dir, 'template', 'plan.xlsx', '--from', 'plan.json')).code).toBe(0);
  expect((await cli(dir, 'check', 'plan.xlsx')).code).toBe(1);
  input = await fs.readFile(path.join(dir, 'plan.xlsx'));
  firstOutput = await fs.readFile(path.join(dir, 'plan.checked.xlsx'));
});
afterAll(removeTmpDirs);

async function unharmed(): Promise<void> {
  expect((await fs.readFile(path.join(dir, 'plan.xlsx'))).equals(input)).toBe(true);
  expect((await fs.readFile(path.join(dir, 'plan.checked.xlsx'))).equals(firstOutput)).toBe(true);
}

test('the disk fills up half-way through the save: a plain message (exit 2), the earlier output and the input intact, no temporary file', async () => {
  const fsp = (await import('fs')).promises;
  const realOpen = fsp.open;
  const spy = jest.spyOn(fsp, 'open').mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
    const handle = await realOpen.apply(fsp, args);
    if (!String(args[0]).endsWith('.tmp')) return handle;
    const realWrite = handle.writeFile.bind(handle);
    handle.writeFile = async (data: Parameters<typeof handle.writeFile>[0]) => {
      const bytes = Buffer.from(data as Uint8Array);
      await realWrite(bytes.subarray(0, bytes.length >> 1));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    };
    return handle;
  });
  try {
    const en = await cli(dir, 'check', 'plan.xlsx', '--lang', 'en');
    expect(en.code).toBe(2);
    expect(en.stderr).toMatch(/cannot write .*plan\.checked\.xlsx: the disk is full \(nothing was changed\)/);
    const ja = await cli(dir, 'check', 'plan.xlsx', '--lang', 'ja');
    expect(ja.stderr).toMatch(/plan\.checked\.xlsx に書き込めません: ディスクの空きがありません/);
    const exported = await cli(dir, 'export', 'plan.xlsx', '-o', 'plan.json', '--lang', 'en');
    expect(exported.code).toBe(2);
  } finally {
    spy.mockRestore();
  }
  await unharmed();
  expect(JSON.parse(await fs.readFile(path.join(dir, 'plan.json'), 'utf8'))).toEqual(corpusPlan());
  expect(await tempFiles(dir)).toEqual([]);
});

/** Start `supply-plan …` in a child whose disk stalls half-way, kill it once it is stalled, and wait for it. */
function killDuringSave(signal: NodeJS.Signals, ...argv: string[]): Promise<{ signal: NodeJS.Signals | null; tmp: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'slow-save.js'), dir, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let tmp = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /STALLED (.*)\n/.exec(out);
      if (m && !tmp) {
        tmp = m[1];
        child.kill(signal);
      }
    });
    child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (_code, sig) => (tmp ? resolve({ signal: sig, tmp }) : reject(new Error(`the child never stalled: ${out}\n${err}`))));
  });
}

test.each(['SIGTERM', 'SIGINT'] as const)('%s while the checked workbook is half written: the earlier output intact, no temporary file', async (signal) => {
  const r = await killDuringSave(signal, 'check', 'plan.xlsx');
  expect(r.signal).toBe(signal);
  await unharmed();
  expect(await tempFiles(dir)).toEqual([]);
});

test('SIGKILL (nothing can clean up): the earlier output intact; the half-written temporary file is removed by the next save', async () => {
  const r = await killDuringSave('SIGKILL', 'check', 'plan.xlsx');
  expect(r.signal).toBe('SIGKILL');
  await unharmed();
  expect(await tempFiles(dir)).toEqual([path.basename(r.tmp)]);
  expect((await cli(dir, 'check', 'plan.xlsx')).code).toBe(1);
  expect(await tempFiles(dir)).toEqual([]);
  expect((await fs.readFile(path.join(dir, 'plan.xlsx'))).equals(input)).toBe(true);
  await expect(loadWorkbook(path.join(dir, 'plan.checked.xlsx'))).resolves.toBeDefined();
});

// ---------------------------------------------------------------------------------------------------------------

const TIMESTAMP = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}/g;

/** Every cell of every sheet (value, formula, style, note), timestamps masked; the log sheet apart. */
function cells(wb: ExcelJS.Workbook): Map<string, string> {
  const out = new Map<string, string>();
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = JSON.stringify(cell.value).replace(TIMESTAMP, '<when>');
        out.set(`${ws.name}!${cell.address}`, `${v} ${JSON.stringify(cell.style)} ${cell.note ? JSON.stringify(cell.note) : ''}`.replace(TIMESTAMP, '<when>'));
      }),
    );
  }
  return out;
}

function differences(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = [];
  for (const k of new Set([...a.keys(), ...b.keys()])) if (a.get(k) !== b.get(k)) out.push(`${k}: ${String(a.get(k)).slice(0, 120)} → ${String(b.get(k)).slice(0, 120)}`);
  return out;
}

test('the same input checked twice: the same workbook, cell for cell, but for the time of the check', async () => {
  expect((await cli(dir, 'check', 'plan.xlsx', '-o', 'again.xlsx')).code).toBe(1);
  const a = cells(await loadWorkbook(path.join(dir, 'plan.checked.xlsx')));
  const b = cells(await loadWorkbook(path.join(dir, 'again.xlsx')));
  expect(differences(a, b)).toEqual([]);
});

test('a checked workbook checked again: the same content but one more log row; its inputs unchanged', async () => {
  expect((await cli(dir, 'check', 'plan.checked.xlsx', '-o', 'twice.xlsx')).code).toBe(1);
  const once = await loadWorkbook(path.join(dir, 'plan.checked.xlsx'));
  const twice = await loadWorkbook(path.join(dir, 'twice.xlsx'));
  const log = once.worksheets.find((w) => w.name === '履歴' || w.name === 'Log')!;
  const logRows = (wb: ExcelJS.Workbook) => {
    const ws = wb.worksheets.find((w) => w.name === log.name);
    if (!ws) throw new Error(`no log sheet in ${wb.worksheets.map((w) => w.name).join(', ')}`);
    return ws.actualRowCount;
  };
  expect(logRows(twice)).toBe(logRows(once) + 1);
  const diff = differences(cells(once), cells(twice)).filter((d) => !d.startsWith(`${log.name}!`));
  expect(diff).toEqual([]);
  expect(await inputChanges(once, twice)).toEqual([]);
});
