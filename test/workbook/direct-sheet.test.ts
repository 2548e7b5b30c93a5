/**
 * `supply-plan check` renders the sheets it writes whole (results, summary) straight from the write ops at the save
 * (XlsxPortOptions.direct, direct-sheet.ts) instead of building ExcelJS cells. What a planner opens must be the same
 * workbook either way: every cell's value, formula, cached result and look.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import type * as ExcelJS from 'exceljs';
import { createPlanWorkbook, checkWorkbook } from '../../src/workbook/layout';
import { createWorkbook, readXlsx, writeXlsx } from '../../src/workbook/xlsx/io';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';
import { readEntry, readZipDirectory } from '../../src/workbook/xlsx/zip-scan';
import { CHECK_REWRITES_WHOLE } from '../../src/cli/workbook-commands';
import type { WriteOp } from '../../src/workbook/port';

jest.setTimeout(60_000);

const WHEN = new Date('2026-01-05T09:00:00Z');

async function planWorkbook(): Promise<Uint8Array> {
  const plan = JSON.parse(await fs.readFile(path.join(__dirname, '../../examples/sample-plan.json'), 'utf8'));
  const wb = createWorkbook();
  await createPlanWorkbook(new XlsxPort(wb), { lang: 'ja', plan });
  return writeXlsx(wb);
}

/** Each cell of each sheet as a planner's program reads it: value or formula + result, and its look. */
function cellsOf(wb: ExcelJS.Workbook): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const ws of wb.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const v = cell.value as unknown;
        const formula = cell.formula || undefined;
        const result = v && typeof v === 'object' && 'result' in (v as object) ? (v as { result: unknown }).result : undefined;
        out.set(`${ws.name}!${r}:${c}`, {
          value: formula ? undefined : v,
          formula,
          result,
          numFmt: cell.numFmt,
          font: cell.font && Object.keys(cell.font).length ? cell.font : undefined,
          fill: cell.fill,
          border: cell.border && Object.keys(cell.border).length ? cell.border : undefined,
          alignment: cell.alignment && Object.keys(cell.alignment).length ? cell.alignment : undefined,
        });
      }),
    );
  }
  return out;
}

async function checked(bytes: Uint8Array, direct: boolean): Promise<Uint8Array> {
  const wb = await readXlsx(bytes, 'in.xlsx', undefined, { rewriteWhole: CHECK_REWRITES_WHOLE });
  await checkWorkbook(new XlsxPort(wb, undefined, { direct }), { evaluatedAt: WHEN, version: 'test' });
  return writeXlsx(wb);
}

async function part(bytes: Uint8Array, name: string): Promise<string> {
  const e = readZipDirectory(bytes, 10_000).find((x) => x.name === name);
  if (!e) throw new Error(`no ${name}`);
  return Buffer.from(await readEntry(bytes, e)).toString('utf8');
}

test('a check rendered straight from its ops reads, cell by cell, as the same workbook as through ExcelJS (first and second check)', async () => {
  const template = await planWorkbook();
  for (const input of [template, await checked(template, false)]) {
    const viaExcelJs = await checked(input, false);
    const direct = await checked(input, true);
    const a = cellsOf(await readXlsx(viaExcelJs, 'a.xlsx'));
    const b = cellsOf(await readXlsx(direct, 'b.xlsx'));
    expect(a.size).toBeGreaterThan(500);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [k, v] of a) expect([k, b.get(k)]).toEqual([k, v]);
    // The results sheet's computed columns are shared formulas, as Excel saves a filled column.
    const wbXml = await part(direct, 'xl/workbook.xml');
    expect(wbXml).toContain('結果');
    expect(await part(direct, 'xl/worksheets/sheet4.xml')).toMatch(/<f t="shared" ref="[A-Z]+\d+:[A-Z]+\d+" si="0">/);
  }
});

test('a sheet written as kept ops reads back what was written, and a number a cell cannot hold is refused at once', async () => {
  const wb = await readXlsx(await planWorkbook(), 'in.xlsx');
  const port = new XlsxPort(wb, undefined, { direct: true });
  const ops: WriteOp[] = [
    { kind: 'addSheet', sheet: 'メモ' },
    { kind: 'values', sheet: 'メモ', at: 'A1', rows: [['見出し', 2], [null, { formula: '=B1*2', result: 4 }]] },
    { kind: 'format', sheet: 'メモ', range: 'A1:B1', format: { font: { bold: true } } },
    { kind: 'format', sheet: 'メモ', range: 'A1:A1', format: { font: { color: '#C00000' }, numberFormat: '0.0' } },
    { kind: 'fillFormula', sheet: 'メモ', range: 'C1:C3', formula: '=B1+1', results: [[3], [20], [30]] },
    // The filled range's top-left cell written over: the others keep their own formulas.
    { kind: 'values', sheet: 'メモ', at: 'C1', rows: [['上書き']] },
    { kind: 'clear', sheet: 'メモ', range: 'B1:B1' },
  ];
  await port.apply(ops);
  // Nothing built in ExcelJS yet …
  expect(wb.getWorksheet('メモ')!.actualRowCount).toBe(0);
  const saved = await writeXlsx(wb);
  // … and the read gives what was written (the kept ops applied first).
  const snap = (await port.readSheets(['メモ']))['メモ']!;
  expect(snap.values).toEqual([
    ['見出し', null, '上書き'],
    [null, 4, 20],
    [null, null, 30],
  ]);
  const back = (await readXlsx(saved, 'out.xlsx')).getWorksheet('メモ')!;
  expect(back.getCell('A1').value).toBe('見出し');
  expect(back.getCell('A1').font).toMatchObject({ bold: true, color: { argb: 'FFC00000' } });
  expect(back.getCell('A1').numFmt).toBe('0.0');
  expect(back.getCell('B1').value).toBeNull();
  expect(back.getCell('B2').formula).toBe('B1*2');
  expect(back.getCell('C1').value).toBe('上書き');
  expect([back.getCell('C2').formula, back.getCell('C3').formula]).toEqual(['B2+1', 'B3+1']);
  expect((back.getCell('C3').value as { result: unknown }).result).toBe(30);

  await expect(port.apply([{ kind: 'clear', sheet: 'メモ' }, { kind: 'values', sheet: 'メモ', at: 'A1', rows: [[Number.NaN]] }])).rejects.toThrow(/cannot write NaN to A1/);
});
