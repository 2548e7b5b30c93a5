/**
 * What the task pane writes for the planner (header fields, activities and their R&D targets, core technologies,
 * transfer acts, checklist, acknowledged warnings, a selection): only the cells meant, found by their labels and
 * headers, and what is written reads back the same.
 */
import {
  acknowledgementOf,
  createPlanWorkbook,
  readPlan,
  selectCell,
  writeAcknowledgement,
  writeActivities,
  writeChecklist,
  writeCoreTechnologies,
  writePlanHeader,
  writeTransfers,
} from '../../src/workbook/layout';
import type { Plan } from '../../src/plan/schema';
import { portOver, roundTrip } from './helpers';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';

const ACTIVITIES: Plan['activities'] = [
  { id: 'R1', kind: 'rnd', name: '高精度化の研究開発', start: '2025-04-01', end: '2028-03-31', targets: [{ metric: '位置決め精度', unit: 'µm', target: 1, current: 3, currentDate: '2025-03-31' }, { metric: 'コスト', unit: '%', target: 80 }], followOn: 'C1' },
  { id: 'C1', kind: 'capacity', name: '第二工場', start: '2028-04-01', end: '2038-03-31', capitalInvestment: true, investment: '新工場 30億円' },
];

test('header fields, activities, core technologies, transfers and checklist go into their cells and read back', async () => {
  const { wb, port } = portOver();
  await createPlanWorkbook(port, { lang: 'ja' });
  port.reset();
  await writePlanHeader(port, await readPlan(port), {
    applicant: { name: '中部精密株式会社', joint: true },
    yearBasis: 'fiscal',
    submissionScenario: 'base',
    applicationDate: '2025-06-30',
    considerations: { regionalContribution: '県内調達率 60%', jobsCreated: 25, humanRights: { confirmed: true, note: '調達方針 5章' }, cybersecurity: { confirmed: false, note: '' } },
  });
  await writeActivities(port, await readPlan(port), ACTIVITIES);
  await writeCoreTechnologies(port, await readPlan(port), [{ name: '精密研削', items: ['ball-screw', 'linear-guide'], supplierHeld: true, note: '' }]);
  const transfers: Plan['transfers'] = [
    { act: 'iii', by: 'group-company', counterparty: '某大学', country: 'ドイツ', description: '', technology: '精密研削', item: '', risk: false, metiRequested: true },
    { act: 'v', by: 'applicant', counterparty: 'タイ工場', country: 'タイ', description: '', technology: '', item: 'ボールねじ', capacityBefore: 100, capacityAfter: 111, localConsumptionShare: 0.5, risk: true, metiRequested: false },
  ];
  await writeTransfers(port, await readPlan(port), transfers);
  await writeChecklist(port, await readPlan(port), {
    'stability.bcp': { confirmed: true, evidence: 'BCP 2024' },
    'competition.multi-applicant': { confirmed: false, evidence: '' },
  });
  // One read and one write each: the Office adapter serves each in two syncs.
  expect([port.reads, port.applies]).toEqual([5, 5]);
  const read = await readPlan(new XlsxPort(await roundTrip(wb)));
  expect(read.inputFindings).toEqual([]);
  expect(read.plan.applicant).toEqual({ name: '中部精密株式会社', joint: true });
  expect(read.plan.yearBasis).toBe('fiscal');
  expect(read.plan.submissionScenario).toBe('base');
  expect(read.plan.applicationDate).toBe('2025-06-30');
  expect(read.plan.activities).toEqual(ACTIVITIES);
  expect(read.plan.coreTechnologies).toEqual([{ name: '精密研削', items: ['ball-screw', 'linear-guide'], supplierHeld: true, note: '' }]);
  expect(read.plan.transfers).toEqual(transfers);
  expect(read.plan.considerations).toEqual({ regionalContribution: '県内調達率 60%', jobsCreated: 25, humanRights: { confirmed: true, note: '調達方針 5章' }, cybersecurity: { confirmed: false, note: '' } });
  expect(read.plan.checklist).toEqual({
    'stability.bcp': { confirmed: true, evidence: 'BCP 2024' },
    'competition.multi-applicant': { confirmed: false, evidence: '' },
  });
  const ws = wb.getWorksheet('取組・チェックリスト')!;
  expect(ws.getCell('B5').value).toBe('中部精密株式会社');
  expect(ws.getCell('B6').value).toBe('はい');
  // The act drop-down shows the act's numeral and what it is.
  const tr = read.activityLayout.tables.transfers!;
  expect(ws.getCell(tr.rows[1], tr.cols.act!).value).toBe('ⅴ 海外拠点の建設・増強');
});

test('a warning is acknowledged with a note, shown by acknowledgementOf, and withdrawn with an empty note', async () => {
  const { port } = portOver();
  await createPlanWorkbook(port, { lang: 'en' });
  const warning = { code: 'baseline.mismatch' as const, path: 'lines[0].capacity.2021', severity: 'warning' as const };
  await writeAcknowledgement(port, await readPlan(port), warning, 'the 2021 figure is the audited one');
  let read = await readPlan(port);
  expect(acknowledgementOf(read, warning)?.note).toBe('the 2021 figure is the audited one');
  await expect(writeAcknowledgement(port, read, { code: 'target.short', path: 'lines[0].capacity.2026', severity: 'error' }, 'later')).rejects.toThrow(/only a warning/);
  await writeAcknowledgement(port, read, warning, '');
  read = await readPlan(port);
  expect(acknowledgementOf(read, warning)).toBeUndefined();
  expect(read.acknowledgements).toEqual([]);
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
