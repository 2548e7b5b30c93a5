/**
 * Size and time limits (docs/limits.md): a zip bomb, a sheet of a million rows, a file of too many parts or cells,
 * a file too big to read, a plan too big for a workbook — each is refused with a plain message in the user's
 * language, quickly and without unpacking it into memory; and a workbook the product itself makes for a plan of
 * ordinary size passes every limit.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { LIMIT_CODES, XLSX_LIMITS, XlsxError } from '../../src/workbook/xlsx/limits';
import { loadWorkbook, readXlsx } from '../../src/workbook/xlsx/io';
import { PLAN_FILE_MAX_BYTES } from '../../src/cli/io';
import { bigPlan } from '../layout/fixtures';
import { oversizedFiles, tinyWorkbook, workbookParts, zip, type CorpusFile } from './corpus';
import { cli, crashSigns, removeTmpDirs, tempFiles, timed, tmpDir } from './helpers';

jest.setTimeout(60_000);

let dir: string;
let files: CorpusFile[];

beforeAll(async () => {
  dir = await tmpDir();
  files = await oversizedFiles(dir);
});

afterAll(removeTmpDirs);

test('the hand-made parts are a workbook ExcelJS opens (so a refusal below is the limit, not a bad archive)', async () => {
  const wb = await readXlsx(tinyWorkbook(), 'tiny.xlsx');
  expect(wb.getWorksheet('Sheet1')!.getCell('A1').value).toBe('hello');
  expect(wb.getWorksheet('Sheet1')!.getCell('B1').value).toBe(42);
});

describe('each oversized file is refused by `check`, exit 2, with its reason, in well under a second or two', () => {
  test.each(['bomb-2gb.xlsx', 'bomb-lying.xlsx', 'bomb-zip64.xlsx', 'bomb-split.xlsx', 'many-parts.xlsx', 'million-rows.xlsx', 'many-cells.xlsx', 'merge-bomb.xlsx', 'validation-bomb.xlsx', 'name-bomb.xlsx', 'too-big.xlsx'])('%s', async (name) => {
    const f = files.find((x) => x.name === name)!;
    if (!('refuse' in f.expect)) throw new Error('corpus: expected a refusal');
    const heap = process.memoryUsage().heapUsed;
    const { value: r, ms } = await timed(() => cli(dir, 'check', name, '--lang', 'en'));
    const grown = process.memoryUsage().heapUsed - heap;
    expect({ name, code: r.code, stderr: r.stderr }).toEqual({ name, code: 2, stderr: expect.stringMatching(f.expect.refuse) });
    expect(crashSigns(r.stderr)).toEqual([]);
    expect(r.stdout).toBe('');
    // Nothing written: no output workbook, no temporary file.
    await expect(fs.access(path.join(dir, name.replace(/\.xlsx$/, '.checked.xlsx')))).rejects.toThrow();
    expect(await tempFiles(dir)).toEqual([]);
    // What it cost: time, and memory that stays near the file's own size (never the gigabytes it unpacks to).
    expect(ms).toBeLessThan(10_000);
    expect(grown).toBeLessThan(400 * 1024 * 1024);
    console.log(`${name} (${f.note}): refused in ${ms} ms, heap +${Math.round(grown / 1024 / 1024)} MB — ${r.stderr.trim()}`);
  });
});

test('the refusals read in Japanese with --lang ja (the reader carries both texts)', async () => {
  const expected: Record<string, RegExp> = {
    'bomb-2gb.xlsx': /bomb-2gb\.xlsx は展開すると 128 MB を超えます/,
    'million-rows.xlsx': /シート「計画」の行数が上限の 6,000 行を超えています/,
    'many-cells.xlsx': /セル数が上限の 1,000,000 個を超えています/,
    'too-big.xlsx': /too-big\.xlsx が大きすぎます: 21 MB（上限は 20 MB です）/,
    'many-parts.xlsx': /構成部品が多すぎます: 1,5\d\d 個/,
    'merge-bomb.xlsx': /セルの結合・ドロップダウンリスト（入力規則）・名前付き範囲の対象セルが上限の 2,200,000 個を超えています/,
  };
  for (const [name, re] of Object.entries(expected)) {
    const r = await cli(dir, 'check', name, '--lang', 'ja');
    expect([name, r.code, r.stderr]).toEqual([name, 2, expect.stringMatching(re)]);
    expect(r.stderr).not.toMatch(/[a-z]{4,} [a-z]{4,} [a-z]{4,}/); // no English sentence
  }
});

test('export refuses the same files the same way; the error is an XlsxError with a limit code for other callers (preview)', async () => {
  const r = await cli(dir, 'export', 'bomb-lying.xlsx', '--lang', 'en');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/does not unpack to the size its zip directory gives/);
  for (const name of ['bomb-2gb.xlsx', 'million-rows.xlsx', 'many-cells.xlsx', 'many-parts.xlsx', 'too-big.xlsx', 'merge-bomb.xlsx', 'validation-bomb.xlsx', 'name-bomb.xlsx']) {
    const e = await loadWorkbook(path.join(dir, name)).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(XlsxError);
    expect(LIMIT_CODES.has((e as XlsxError).code)).toBe(true);
    expect((e as XlsxError).messages.ja).toMatch(/[ぁ-んァ-ヶ一-龠]/);
  }
});

test('limits sit exactly where documented: 6,000 rows pass, 6,001 do not; 1,000,000 cells pass, one more does not', async () => {
  const sheet = (rows: number, cellsPerRow = 1) =>
    zip(
      workbookParts([
        {
          name: 'Rows',
          part: {
            data:
              '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
              Array.from({ length: rows }, (_, i) => `<row r="${i + 1}">${Array.from({ length: cellsPerRow }, (_, c) => `<c r="${String.fromCharCode(65 + c)}${i + 1}"><v>1</v></c>`).join('')}</row>`).join('') +
              '</sheetData></worksheet>',
          },
        },
      ]),
    );
  expect((await readXlsx(sheet(XLSX_LIMITS.maxSheetRows), 'ok.xlsx')).getWorksheet('Rows')!.rowCount).toBe(XLSX_LIMITS.maxSheetRows);
  await expect(readXlsx(sheet(XLSX_LIMITS.maxSheetRows + 1), 'over.xlsx')).rejects.toMatchObject({ code: 'too-many-rows' });
  // The cell count is the same code path with a smaller limit (a million real cells would cost the suite seconds).
  const limits = { ...XLSX_LIMITS, maxCells: 1000 };
  await expect(readXlsx(sheet(100, 10), 'ok.xlsx', limits)).resolves.toBeDefined();
  await expect(readXlsx(sheet(91, 11), 'over.xlsx', limits)).rejects.toMatchObject({ code: 'too-many-cells' });
  // Merged areas count by the cells they cover: with a limit of 100, A1:J10 passes and A1:J11 does not.
  const merged = (ref: string) =>
    zip(workbookParts([{ name: 'M', part: { data: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/><mergeCells count="1"><mergeCell ref="${ref}"/></mergeCells></worksheet>` } }]));
  await expect(readXlsx(merged('A1:J10'), 'ok.xlsx', { ...XLSX_LIMITS, maxRangeCells: 100 })).resolves.toBeDefined();
  await expect(readXlsx(merged('A1:J11'), 'over.xlsx', { ...XLSX_LIMITS, maxRangeCells: 100 })).rejects.toMatchObject({ code: 'too-many-range-cells' });
});

test('without DecompressionStream (an old browser) the zip directory is still checked: the honest bomb is refused', async () => {
  const g = globalThis as { DecompressionStream?: unknown };
  const saved = g.DecompressionStream;
  try {
    delete g.DecompressionStream;
    await expect(loadWorkbook(path.join(dir, 'bomb-2gb.xlsx'))).rejects.toMatchObject({ code: 'too-much-data' });
    await expect(loadWorkbook(path.join(dir, 'many-parts.xlsx'))).rejects.toMatchObject({ code: 'too-many-parts' });
    expect((await readXlsx(tinyWorkbook())).worksheets).toHaveLength(1);
  } finally {
    g.DecompressionStream = saved;
  }
});

test('a plan too big for a workbook: template --from refuses it (exit 2) before building it, and writes nothing', async () => {
  await fs.writeFile(path.join(dir, 'huge-plan.json'), JSON.stringify(bigPlan(6000)));
  const { value: r, ms } = await timed(() => cli(dir, 'template', 'huge.xlsx', '--from', 'huge-plan.json', '--lang', 'en'));
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/more than the 6,000 rows a worksheet may have/);
  expect(crashSigns(r.stderr)).toEqual([]);
  await expect(fs.access(path.join(dir, 'huge.xlsx'))).rejects.toThrow();
  expect(ms).toBeLessThan(20_000);
  // evaluate has no such limit: the engine takes the same plan as JSON.
  const e = await cli(dir, 'evaluate', 'huge-plan.json', '--format', 'json');
  expect([0, 1]).toContain(e.code);
  expect(JSON.parse(e.stdout).lines).toHaveLength(6000);
});

test('the row limit on writing: a template holds the limit less 37 rows of lines (the results sheet: headings, 20 spare rows, 10 pending rows and their count)', async () => {
  const { createPlanWorkbook } = await import('../../src/workbook/layout');
  const { XlsxPort } = await import('../../src/workbook/xlsx/xlsx-port');
  const { createWorkbook } = await import('../../src/workbook/xlsx/io');
  const limits = { maxSheetRows: 100 };
  await expect(createPlanWorkbook(new XlsxPort(createWorkbook(), limits), { lang: 'en', plan: bigPlan(63) })).resolves.toBeUndefined();
  await expect(createPlanWorkbook(new XlsxPort(createWorkbook(), limits), { lang: 'en', plan: bigPlan(64) })).rejects.toMatchObject({ code: 'too-many-rows' });
});

test('a plan file over 32 MB is refused before it is read (evaluate and template --from)', async () => {
  const file = path.join(dir, 'giant.json');
  const handle = await fs.open(file, 'w');
  await handle.truncate(PLAN_FILE_MAX_BYTES + 1); // sparse: costs no disk
  await handle.close();
  for (const argv of [['evaluate', 'giant.json'], ['template', 'g.xlsx', '--from', 'giant.json']]) {
    const { value: r, ms } = await timed(() => cli(dir, ...argv, '--lang', 'en'));
    expect([argv[0], r.code]).toEqual([argv[0], 2]);
    expect(r.stderr).toMatch(/giant\.json is too large: 32 MB \(the limit is 32 MB\)/);
    expect(ms).toBeLessThan(1000);
  }
});

test('a JSON plan with 100,000 problems lists 50 of them and says how many more', async () => {
  const lines = Array.from({ length: 50_000 }, () => ({ item: 'cnc', use: 'boats', baseline2021: 'many', capacity: {} }));
  await fs.writeFile(path.join(dir, 'problems.json'), JSON.stringify({ format: 'supply-plan/1', activity: { kind: 'capacity', start: '2024-04-01', end: '2034-03-31' }, lines }));
  const r = await cli(dir, 'evaluate', 'problems.json', '--lang', 'en');
  expect(r.code).toBe(2);
  const out = r.stderr.trim().split('\n');
  expect(out).toHaveLength(1 + 50 + 1);
  expect(out[0]).toContain('(100000 problems)');
  expect(out[51]).toBe('  … and 99,950 more');
  const ja = await cli(dir, 'evaluate', 'problems.json', '--lang', 'ja');
  expect(ja.stderr.trim().split('\n').pop()).toBe('  …ほか 99,950 件');
});

test('a workbook the product makes for a 300-line plan and checks is far inside every limit', async () => {
  await fs.writeFile(path.join(dir, 'p300.json'), JSON.stringify(bigPlan(300)));
  expect((await cli(dir, 'template', 'p300.xlsx', '--from', 'p300.json')).code).toBe(0);
  expect([0, 1]).toContain((await cli(dir, 'check', 'p300.xlsx')).code);
  const file = path.join(dir, 'p300.checked.xlsx');
  const size = (await fs.stat(file)).size;
  // About 2 KB a line on disk: at that rate a 5,000-line plan stays under the 20 MB limit.
  expect((size / 300) * 5000).toBeLessThan(XLSX_LIMITS.maxFileBytes);
  await expect(loadWorkbook(file)).resolves.toBeDefined();
});
