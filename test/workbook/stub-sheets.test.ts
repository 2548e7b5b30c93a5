/**
 * A check loads the sheets it rewrites whole (results, summary) without their cells (ReadOptions.rewriteWhole): the
 * saved workbook must be the same as with a full load, and nothing may write to such a sheet before clearing it.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { createPlanWorkbook, checkWorkbook } from '../../src/workbook/layout';
import { createWorkbook, forgetOrigin, readXlsx, writeXlsx } from '../../src/workbook/xlsx/io';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';
import { stubSheetBytes, stubSheetXml } from '../../src/workbook/xlsx/stub-sheets';
import { readEntry, readZipDirectory } from '../../src/workbook/xlsx/zip-scan';
import { CHECK_REWRITES_WHOLE } from '../../src/cli/workbook-commands';

jest.setTimeout(60_000);

const WHEN = new Date('2026-01-05T09:00:00Z');

async function parts(bytes: Uint8Array): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of readZipDirectory(bytes, 10_000)) out.set(e.name, Buffer.from(await readEntry(bytes, e)).toString('utf8'));
  return out;
}

/** A plan workbook checked once: it has a filled results sheet and a summary. */
async function checkedOnce(): Promise<Uint8Array> {
  const plan = JSON.parse(await fs.readFile(path.join(__dirname, '../../examples/sample-plan.json'), 'utf8'));
  const wb = createWorkbook();
  await createPlanWorkbook(new XlsxPort(wb), { lang: 'ja', plan });
  const made = await writeXlsx(wb);
  const again = await readXlsx(made, 'made.xlsx');
  await checkWorkbook(new XlsxPort(again), { evaluatedAt: WHEN, version: 'test' });
  return writeXlsx(again);
}

test('stubSheetXml keeps rows (attributes) and noted cells, drops the other cells, and leaves unknown forms alone', () => {
  const xml =
    '<worksheet><cols><col min="1" max="1" width="9"/></cols><sheetData>' +
    '<row r="1" ht="20" customHeight="1"><c r="A1" s="3" t="s"><v>0</v></c><c r="B1"><v>2</v></c></row>\n' +
    '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row><row r="3"/></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>';
  expect(stubSheetXml(xml, new Set(['B1']))).toBe(
    '<worksheet><cols><col min="1" max="1" width="9"/></cols><sheetData>' +
      '<row r="1" ht="20" customHeight="1"><c r="B1"/></row><row r="2"/><row r="3"/></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>',
  );
  expect(stubSheetXml('<worksheet><sheetData/></worksheet>', new Set())).toBe('<worksheet><sheetData/></worksheet>');
  // A row without its address, or an element the stub does not know between rows: not stubbed.
  expect(stubSheetXml('<worksheet><sheetData><row><c r="A1"/></row></sheetData></worksheet>', new Set())).toBeUndefined();
  expect(stubSheetXml('<worksheet><sheetData><x:row r="1"/></sheetData></worksheet>', new Set())).toBeUndefined();
  expect(stubSheetXml('<worksheet><sheetData><row r="1"><c t="s"><v>0</v></c></row></sheetData></worksheet>', new Set(['A1']))).toBeUndefined();
});

test('stubbing on the bytes (sheets without notes) gives what stubbing the text gives, or leaves the form it does not read to the text', async () => {
  const enc = (x: string) => new TextEncoder().encode(x);
  const dec = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);
  const samples = [
    '<worksheet><sheetData>\n<row r="1" ht="20" customHeight="1"><c r="A1" s="3" t="s"><v>0</v></c></row>\n<row r="2" /><row r="3"><c r="C3"><f>"</row>"</f></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>',
    '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>計画</t></is></c></row></sheetData></worksheet>',
  ];
  // The sample's checked results sheet, as the check reads it.
  const bytes = await checkedOnce();
  const entry = readZipDirectory(bytes, 1000).find((e) => e.name === 'xl/worksheets/sheet4.xml')!;
  samples.push(Buffer.from(await readEntry(bytes, entry)).toString('utf8'));
  for (const xml of samples) expect(dec(stubSheetBytes(enc(xml)))).toBe(stubSheetXml(xml, new Set()));
  expect(samples[2].length).toBeGreaterThan(5000);
  // Not the plain form: the text path decides.
  expect(stubSheetBytes(enc('<worksheet><sheetData><row><c r="A1"/></row></sheetData></worksheet>'))).toBeUndefined();
  expect(stubSheetBytes(enc('<worksheet><sheetData><x:row r="1"/></sheetData></worksheet>'))).toBeUndefined();
  expect(stubSheetBytes(enc('<worksheet><sheetData/></worksheet>'))).toBeUndefined();
});

test('a check of a workbook loaded without its results and summary cells saves the same workbook as with a full load', async () => {
  const bytes = await checkedOnce();
  const full = await readXlsx(bytes, 'in.xlsx');
  const stubbed = await readXlsx(bytes, 'in.xlsx', undefined, { rewriteWhole: CHECK_REWRITES_WHOLE });
  // Nothing of the results sheet's cells was loaded.
  const cells = (wb: typeof full): number => {
    let n = 0;
    wb.getWorksheet('結果')!.eachRow((row) => row.eachCell(() => void n++));
    return n;
  };
  expect(cells(stubbed)).toBe(0);
  expect(cells(full)).toBeGreaterThan(100);
  for (const wb of [full, stubbed]) await checkWorkbook(new XlsxPort(wb), { evaluatedAt: WHEN, version: 'test' });
  const a = await parts(await writeXlsx(full));
  const b = await parts(await writeXlsx(stubbed));
  expect([...b.keys()]).toEqual([...a.keys()]);
  for (const [name, text] of a) if (name !== 'docProps/core.xml') expect([name, b.get(name)]).toEqual([name, text]);
});

test('a sheet loaded without its cells is saved as it was when nothing rewrote it', async () => {
  const bytes = await checkedOnce();
  const wb = await readXlsx(bytes, 'in.xlsx', undefined, { rewriteWhole: CHECK_REWRITES_WHOLE });
  await new XlsxPort(wb).apply([{ kind: 'values', sheet: '計画', at: 'A1', rows: [['x']] }]);
  const before = await parts(bytes);
  const after = await parts(await writeXlsx(wb));
  // Every sheet but the plan sheet (sheet1) as it was: results and summary among them, with all their cells.
  const sheets = [...before.keys()].filter((n) => /worksheets\/sheet\d+\.xml$/.test(n) && !n.endsWith('/sheet1.xml'));
  expect(sheets.length).toBeGreaterThanOrEqual(4);
  for (const name of sheets) expect([name, after.get(name)]).toEqual([name, before.get(name)]);
});

test('writing to a sheet loaded without its cells before clearing it whole is refused, and the origin cannot be dropped', async () => {
  const bytes = await checkedOnce();
  const wb = await readXlsx(bytes, 'in.xlsx', undefined, { rewriteWhole: CHECK_REWRITES_WHOLE });
  const port = new XlsxPort(wb);
  await expect(port.apply([{ kind: 'values', sheet: '結果', at: 'A1', rows: [['x']] }])).rejects.toThrow(/without its cells/);
  expect(() => forgetOrigin(wb)).toThrow(/patch/);
  // Cleared whole first (in the same batch): written.
  await port.apply([
    { kind: 'clear', sheet: '結果' },
    { kind: 'values', sheet: '結果', at: 'A1', rows: [['x']] },
  ]);
  expect(wb.getWorksheet('結果')!.getCell('A1').value).toBe('x');
  await port.apply([{ kind: 'values', sheet: '結果', at: 'A2', rows: [['y']] }]);
});
