/**
 * The same layout through the Office.js adapter (over the strict fake of Excel's API): a check of a 20,000-line plan
 * is one read and one write for the layout, every request stays under Excel on the web's 5 MB limit, and what the
 * add-in writes matches what the .xlsx adapter writes.
 */
import { evaluate } from '../../src/evaluate';
import { checkWorkbook, createPlanWorkbook, readPlan, writeResults } from '../../src/workbook/layout';
import { OfficePort } from '../../src/workbook/office/office-port';
import { FakeExcel, OFFICE_2021, PROFILES, supportsOn, WEB } from '../workbook/fake-excel';
import { bigPlan } from './fixtures';
import { CountingPort, samplePlan } from './helpers';
import { MemoryPort } from './memory-port';

jest.setTimeout(300_000);

/** The fake keeps every cell as an object; 20,000 lines exhaust a test worker, so the size test uses 5,000. */
const LINES = 5000;

test.each(PROFILES.map((p) => [p.name, p] as const))('the sample through Office on %s: template, check, re-check; the plan reads back and results land where the xlsx port puts them', async (_name, profile) => {
  const excel = new FakeExcel({ profile });
  const port = new CountingPort(new OfficePort(excel.run, { supports: supportsOn(profile) }));
  await createPlanWorkbook(port, { lang: 'ja', plan: await samplePlan() });
  expect(excel.sheetNames()).toEqual(['計画', '取組・チェックリスト', '基準', '結果']);
  const { read, evaluation } = await checkWorkbook(port, { evaluatedAt: new Date('2025-06-30T01:02:03Z'), version: '0.1.0' });
  expect(read.inputFindings).toEqual([]);
  expect(read.plan.lines).toHaveLength(5);
  expect(evaluation.verdict).toBe('ineligible');
  expect(excel.sheetNames()).toEqual(['計画', '取組・チェックリスト', '基準', '結果', 'サマリー', 'シナリオ比較', '履歴']);
  expect(excel.sheet('計画').cell('J8').value).toBe(140000);
  // U is the site column right of the years; the line's verdict follows it in W.
  expect(excel.sheet('計画').cell('W5').formula).toBe("='結果'!F7&\"\"");
  // Again: the layout reads once and writes once each time, and Excel sees 2 syncs to read and 2 to write.
  port.reset();
  const before = excel.syncCount;
  await checkWorkbook(port, { evaluatedAt: new Date('2025-07-01T01:02:03Z'), version: '0.1.0' });
  expect([port.reads, port.applies]).toEqual([1, 1]);
  expect(excel.syncCount - before).toBeLessThanOrEqual(4);
  // The plan table is the same table as after the template, resized, not rebuilt.
  expect(excel.tables.size).toBeGreaterThan(0);
  expect(excel.sheet('履歴').cell('A5').value).toMatch(/^2025-07-01/);
});

// The strictest two only (the fake keeps every cell as an object; four runs of 5,000 lines take minutes): the web
// for its 5 MB limits, Office 2021 for its requirement sets.
test.each([WEB, OFFICE_2021].map((p) => [p.name, p] as const))('a big plan on %s: every request and response under 5 MB; the layout reads once and writes once', async (_name, profile) => {
  const excel = new FakeExcel({ profile });
  const port = new CountingPort(new OfficePort(excel.run, { supports: supportsOn(profile) }));
  await createPlanWorkbook(port, { lang: 'ja', plan: bigPlan(LINES) });
  const before = excel.syncCount;
  port.reset();
  const read = await readPlan(port);
  const readSyncs = excel.syncCount - before;
  expect(read.plan.lines).toHaveLength(LINES);
  const evaluation = evaluate(read.plan, { inputFindings: read.inputFindings });
  const mid = excel.syncCount;
  await writeResults(port, read, evaluation, { lang: 'ja', evaluatedAt: new Date(), version: '0.1.0' });
  const writeSyncs = excel.syncCount - mid;
  expect([port.reads, port.applies]).toEqual([1, 1]);
  // Reads grow with the plan only as far as responses must stay under 5 MB (2 syncs up to ~1,000 lines, then a
  // window per few MB); writes stay at most 2.
  expect(readSyncs).toBeLessThanOrEqual(4);
  expect(writeSyncs).toBeLessThanOrEqual(2);
  expect(excel.maxRequestBytes).toBeLessThan(5 * 1024 * 1024);
  expect(excel.maxResponseBytes).toBeLessThan(5 * 1024 * 1024);
});

test('a 20,000-line plan: the check is one batch well under Excel on the web’s 5 MB request limit', async () => {
  const plan = bigPlan(20_000);
  // The plan sheet as a planner's workbook holds it (header in row 4, 2022–2035), without a workbook library.
  const years = Array.from({ length: 14 }, (_, i) => 2022 + i);
  const rows: (string | number | null)[][] = [[], [], [], ['シナリオ', '品目', '使途', '基準（2021年）', '単位', '目標時点', ...years]];
  for (const l of plan.lines) rows.push([l.scenario, l.item, l.use, l.baseline2021, l.unit, null, ...years.map((y) => l.capacity[String(y)] ?? null)]);
  const port = new MemoryPort({ 計画: rows, 取組・チェックリスト: [['申請者名', 'Big Plan Ltd.']] });
  const read = await readPlan(port);
  expect(read.plan.lines).toHaveLength(20_000);
  const evaluation = evaluate(read.plan, { inputFindings: read.inputFindings });
  await writeResults(port, read, evaluation, { lang: 'ja', evaluatedAt: new Date(), version: '0.1.0' });
  expect(port.applied).toHaveLength(1);
  // Cached values are for viewers of .xlsx files; the Office adapter does not send them.
  const ops = port.applied[0].map((o) => (o.kind === 'fillFormula' ? { ...o, results: undefined } : o));
  const bytes = Buffer.byteLength(JSON.stringify(ops));
  console.log(`20,000 lines: ${ops.length} ops, ${Math.round(bytes / 1024)} KB`);
  expect(bytes).toBeLessThan(5 * 1024 * 1024);
});

test('… even when every target point of every line is short (findings listed compactly per line)', async () => {
  const plan = bigPlan(20_000);
  const years = Array.from({ length: 14 }, (_, i) => 2022 + i);
  const rows: (string | number | null)[][] = [[], [], [], ['シナリオ', '品目', '使途', '基準（2021年）', '単位', '目標時点', ...years]];
  for (const l of plan.lines) rows.push([l.scenario, l.item, l.use, l.baseline2021, l.unit, null, ...years.map(() => l.baseline2021)]);
  const port = new MemoryPort({ 計画: rows });
  const read = await readPlan(port);
  const evaluation = evaluate(read.plan, { inputFindings: read.inputFindings });
  // One target.short per target group and year (v2): the plan's lines form few groups, each short every year.
  expect(evaluation.findings.filter((f) => f.code === 'target.short')).toHaveLength(evaluation.groups.length * 6);
  await writeResults(port, read, evaluation, { lang: 'ja', evaluatedAt: new Date(), version: '0.1.0' });
  const ops = port.applied[0].map((o) => (o.kind === 'fillFormula' ? { ...o, results: undefined } : o));
  const findingsCells = ops.find((o) => o.kind === 'values' && o.sheet === '結果' && o.at === 'G7');
  expect(JSON.stringify(findingsCells)).toContain('✖ target.short 第3章第2節 i: 2025, 2026, 2027, 2028, 2029, 2030');
  const bytes = Buffer.byteLength(JSON.stringify(ops));
  console.log(`20,000 lines all short: ${ops.length} ops, ${Math.round(bytes / 1024)} KB`);
  expect(bytes).toBeLessThan(5 * 1024 * 1024);
  expect(ops.filter((o) => o.kind === 'note')).toHaveLength(2000);
});

test.each(PROFILES.map((p) => [p.name, p] as const))('a sheet deleted by the user between the read and the write on %s: the write learns the workbook afresh and lands', async (_name, profile) => {
  const excel = new FakeExcel({ profile });
  const port = new OfficePort(excel.run, { supports: supportsOn(profile) });
  await createPlanWorkbook(port, { lang: 'ja', plan: await samplePlan() });
  await checkWorkbook(port, { evaluatedAt: new Date('2025-06-30T01:02:03Z'), version: '0.1.0' });
  const read = await readPlan(port);
  excel.deleteSheet('サマリー');
  await writeResults(port, read, evaluate(read.plan, { inputFindings: read.inputFindings }), { lang: 'ja', evaluatedAt: new Date('2025-07-01T00:00:00Z'), version: '0.1.0' });
  expect(excel.sheetNames()).toContain('サマリー');
  expect(excel.sheet('履歴').cell('A5').value).toMatch(/^2025-07-01/);
});

test('the planner’s own note on a forecast cell survives checks in Excel; our required-capacity notes are replaced', async () => {
  const excel = new FakeExcel();
  const port = new OfficePort(excel.run, { supports: supportsOn(WEB) });
  await createPlanWorkbook(port, { lang: 'ja', plan: await samplePlan() });
  excel.sheet('計画').notes.set('J5', '根拠: 取締役会承認済みの増設計画');
  for (const day of ['2025-06-30', '2025-07-01']) await checkWorkbook(port, { evaluatedAt: new Date(`${day}T00:00:00Z`), version: '0.1.0' });
  expect(excel.sheet('計画').notes.get('J5')).toBe('根拠: 取締役会承認済みの増設計画');
  expect(excel.sheet('計画').notes.get('K5')).toMatch(/^目標時点 2026年：必要能力/);
});
