/**
 * What the task pane writes for the planner (header fields, checklist, a new line, a selection): only the cells
 * meant, found by their labels, and what is written reads back the same.
 */
import { createPlanWorkbook, readPlan, selectCell, writeChecklist, writePlanHeader } from '../../src/workbook/layout';
import { portOver, roundTrip } from './helpers';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';

test('header fields and checklist marks go into their value cells and read back', async () => {
  const { wb, port } = portOver();
  await createPlanWorkbook(port, { lang: 'ja' });
  port.reset();
  await writePlanHeader(port, await readPlan(port), {
    applicant: { name: '中部精密株式会社', joint: true },
    yearBasis: 'fiscal',
    activity: { kind: 'rnd', start: '2025-04-01', end: '2030-03-31', quantitativeTargets: ['位置決め精度 ±1µm', 'コスト 20%減'], followOn: true },
    regional: { contribution: '県内調達率 60%', jobsCreated: 25 },
  });
  await writeChecklist(port, await readPlan(port), {
    'stability.bcp': { confirmed: true, evidence: 'BCP 2024' },
    'competition.multi-applicant': { confirmed: false, evidence: '' },
  });
  expect([port.reads, port.applies]).toEqual([2, 2]);
  const read = await readPlan(new XlsxPort(await roundTrip(wb)));
  expect(read.inputFindings).toEqual([]);
  expect(read.plan.applicant).toEqual({ name: '中部精密株式会社', joint: true });
  expect(read.plan.yearBasis).toBe('fiscal');
  expect(read.plan.activity).toEqual({ kind: 'rnd', start: '2025-04-01', end: '2030-03-31', quantitativeTargets: ['位置決め精度 ±1µm', 'コスト 20%減'], followOn: true });
  expect(read.plan.regional).toEqual({ contribution: '県内調達率 60%', jobsCreated: 25 });
  expect(read.plan.checklist).toEqual({
    'stability.bcp': { confirmed: true, evidence: 'BCP 2024' },
    'competition.multi-applicant': { confirmed: false, evidence: '' },
  });
  const ws = wb.getWorksheet('取組・チェックリスト')!;
  expect(ws.getCell('B5').value).toBe('中部精密株式会社');
  expect(ws.getCell('B6').value).toBe('はい');
  expect(ws.getCell('B11').numFmt).toBe('yyyy-mm-dd');
});

test('selecting a finding’s cell activates its sheet', async () => {
  const { port } = portOver();
  await createPlanWorkbook(port, { lang: 'en' });
  await selectCell(port, { sheet: 'Activity & checklist', address: 'B11' });
  expect(port.lastOps).toEqual([{ kind: 'activate', sheet: 'Activity & checklist', select: 'B11' }]);
});

test('a second template call adds only the sheets that are missing and never touches the others', async () => {
  const { wb, port } = portOver();
  await createPlanWorkbook(port, { lang: 'ja' });
  wb.getWorksheet('計画')!.getCell('A5').value = '自分の入力';
  wb.removeWorksheet(wb.getWorksheet('基準')!.id);
  await createPlanWorkbook(port, { lang: 'en' });
  expect(wb.worksheets.map((w) => w.name)).toEqual(['計画', '取組・チェックリスト', '結果', '基準']);
  expect(wb.getWorksheet('計画')!.getCell('A5').value).toBe('自分の入力');
});
