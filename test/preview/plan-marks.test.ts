/**
 * The browser preview draws the plan sheet as Excel and LibreOffice show it: each forecast with its status mark
 * before the number ("✖ 140,000", "✔ 4,332.9") from the conditional formats' number formats, whole numbers without a
 * trailing point, and the cell's value itself unchanged.
 */
import { checkWorkbook, createPlanWorkbook } from '../../src/workbook/layout';
import { readSheet } from '../../src/preview/sheet-model';
import { calculateWorkbook } from '../../src/preview/workbook-calc';
import { portOver, roundTrip, samplePlan } from '../layout/helpers';

jest.setTimeout(60_000);

test('the checked sample\u2019s forecasts read ✖ 140,000, ✖ 4,332.8, ✔ 4,332.9 and · in the preview, with their values as they were', async () => {
  const { wb, port } = portOver();
  await createPlanWorkbook(port, { lang: 'ja', plan: await samplePlan() });
  await checkWorkbook(port, { evaluatedAt: new Date('2025-06-30T01:02:03Z'), version: '0.1.0' });
  // As the preview opens a file: saved and read back (the rules' number formats come back from the file).
  const opened = await roundTrip(wb);
  const ws = opened.getWorksheet('計画')!;
  const sheet = readSheet(opened, ws, calculateWorkbook(opened, { useCachedResults: false }));
  const at = (address: string) => sheet.cells.flat().find((c) => c?.address === address)!;
  // Row 8: conservative ボールねじ (2025 in J): 140,000 against 144,000 — short, in red.
  expect(at('J8')).toMatchObject({ text: '✖ 140,000', value: 140000, highlighted: true, style: expect.objectContaining({ background: expect.stringMatching(/FFC7CE/i) }) });
  // Row 9: conservative 減速機, 2025: 4,332.8 against 3,333 × 1.3 = 4,332.9 — short by 0.1, one decimal as typed.
  expect(at('J9')).toMatchObject({ text: '✖ 4,332.8', value: 4332.8 });
  expect(sheet.cells.flat().some((c) => c?.text === '✔ 4,332.9')).toBe(true);
  // Forecasts for information only (after 2030): the mark, the number with separators, no trailing point.
  const info = sheet.cells.flat().filter((c) => c?.text.startsWith('· '));
  expect(info.length).toBeGreaterThan(0);
  for (const c of info) expect(c.text).toMatch(/^· \d{1,3}(,\d{3})*(\.\d+)?$/);
  expect(sheet.cells.flat().filter((c) => c && /\d\.$/.test(c.text)).map((c) => `${c.address} ${c.text}`)).toEqual([]);
});
