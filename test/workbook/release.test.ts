/**
 * A save renders with ExcelJS only the cells the patch takes from the rendering (the tool's cells, notes and
 * formulas on the planner's sheets; nothing on sheets the tool did not write), and `release` (a check's save: the
 * workbook is not used afterwards) lets go of the others for good. Either way the file is the same, part by part;
 * without `release` the workbook reads and saves as before; with it the workbook is refused afterwards.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { createPlanWorkbook, checkWorkbook } from '../../src/workbook/layout';
import { createWorkbook, readXlsx, writeXlsx } from '../../src/workbook/xlsx/io';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';
import { CHECK_REWRITES_WHOLE } from '../../src/cli/workbook-commands';

jest.setTimeout(60_000);

const WHEN = new Date('2026-01-05T09:00:00Z');

/**
 * The sample plan's workbook, checked once (its computed columns hold formulas), with a shared formula of the
 * planner's whose first cell (F3) is outside the cells the tool writes and whose other cells (F5, F6) are inside
 * them (the unit column gets a number format), a note of the planner's and a sheet of the planner's own.
 */
async function plannersWorkbook(): Promise<Uint8Array> {
  const plan = JSON.parse(await fs.readFile(path.join(__dirname, '../../examples/sample-plan.json'), 'utf8'));
  const wb = createWorkbook();
  await createPlanWorkbook(new XlsxPort(wb), { lang: 'ja', plan });
  wb.addWorksheet('メモ').getCell('B2').value = '計画担当のメモ';
  wb.getWorksheet('計画')!.getCell('B3').note = '計画担当のノート';
  const made = await writeXlsx(wb);
  const once = await readXlsx(made, 'made.xlsx', undefined, { rewriteWhole: CHECK_REWRITES_WHOLE });
  await checkWorkbook(new XlsxPort(once, undefined, { direct: true }), { evaluatedAt: WHEN, version: 'test' });
  const zip = await JSZip.loadAsync(await writeXlsx(once));
  const sheet = 'xl/worksheets/sheet1.xml';
  let xml = await zip.file(sheet)!.async('string');
  const cell = (ref: string) => new RegExp(`<c r="${ref}"[^>]*?(?:/>|>[\\s\\S]*?</c>)`);
  expect(xml).toMatch(cell('F5'));
  xml = xml.replace(cell('F5'), '<c r="F5" t="str"><f t="shared" si="0"/><v>台/年</v></c>');
  xml = xml.replace(cell('F6'), '<c r="F6" t="str"><f t="shared" si="0"/><v>台/年</v></c>');
  xml = xml.replace(/(<row r="3"[^>]*>[\s\S]*?)(<\/row>)/, '$1<c r="F3" t="str"><f t="shared" ref="F3:F6" si="0">"台/年"</f><v>台/年</v></c>$2');
  expect(xml).toContain('<c r="F3" t="str"><f t="shared" ref="F3:F6" si="0">');
  zip.file(sheet, xml);
  return new Uint8Array(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }));
}

async function checkedWorkbook(bytes: Uint8Array): Promise<{ wb: Awaited<ReturnType<typeof readXlsx>>; port: XlsxPort }> {
  const wb = await readXlsx(bytes, 'in.xlsx', undefined, { rewriteWhole: CHECK_REWRITES_WHOLE });
  const port = new XlsxPort(wb, undefined, { direct: true });
  await checkWorkbook(port, { evaluatedAt: WHEN, version: 'test' });
  return { wb, port };
}

/** Every part's content (uncompressed), by name. */
async function contents(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new Map<string, string>();
  for (const name of Object.keys(zip.files).filter((n) => !zip.files[n].dir).sort()) out.set(name, Buffer.from(await zip.file(name)!.async('uint8array')).toString('base64'));
  return out;
}

let input: Uint8Array;
beforeAll(async () => {
  input = await plannersWorkbook();
});

test('a save with release writes the same parts as one without; the workbook is refused after it', async () => {
  const kept = await checkedWorkbook(input);
  const plain = await writeXlsx(kept.wb);
  const released = await checkedWorkbook(input);
  const lean = await writeXlsx(released.wb, { release: true });
  expect(await contents(lean)).toEqual(await contents(plain));
  // The planner's shared formula, note and sheet came through.
  const zip = await JSZip.loadAsync(lean);
  const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
  expect(sheet).toContain('<c r="F3" t="str"><f t="shared" ref="F3:F6" si="0">&quot;台/年&quot;</f><v>台/年</v></c>'.replace(/&quot;/g, '"'));
  expect(sheet).toMatch(/<c r="F5"[^>]*><f t="shared" si="\d+"\/><v>台\/年<\/v><\/c>/);
  expect(Object.keys(zip.files).some((n) => /^xl\/comments\d*\.xml$/.test(n))).toBe(true);
  await expect(released.port.readSheets(['計画'])).rejects.toThrow(/let go/);
  await expect(released.port.apply([{ kind: 'values', sheet: '計画', at: 'A1', rows: [['x']] }])).rejects.toThrow(/let go/);
  await expect(writeXlsx(released.wb)).rejects.toThrow(/let go/);
});

test('without release, the workbook reads and saves after a save as before it (the cells set aside are put back)', async () => {
  const { wb, port } = await checkedWorkbook(input);
  const names = await port.sheetNames();
  const before = await port.readSheets(names);
  const first = await writeXlsx(wb);
  expect(await port.readSheets(names)).toEqual(before);
  expect(await contents(await writeXlsx(wb))).toEqual(await contents(first));
});
