/** @jest-environment jsdom */
/** The Plan tab's rules, as the planner meets them: what a line and a header become, and what is refused. */
import {
  emptyActivityForm,
  emptyHeaderForm,
  emptyLineForm,
  emptyTransferForm,
  headerFormFromPlan,
  headerFromForm,
  headerPatch,
  lineFromForm,
  parseDateText,
  checklistFromForm,
  checklistFormFromPlan,
} from '../../src/taskpane/form';
import { samplePlan } from './fake-actions';

test('a line takes canonical ids, numbers typed full-width or with separators, and only the years filled in', () => {
  const form = { ...emptyLineForm(), item: 'reducer' as const, use: 'machine-tools-and-robots' as const, baseline: ' ３，３３３ ', unit: ' 台/年 ', forecasts: { '2025': '4332.9', '2026': '', '2030': '５，６６６.１' }, targets: [2030, 2025, 2030] };
  expect(lineFromForm(form)).toEqual({
    errors: null,
    line: {
      scenario: 'base',
      item: 'reducer',
      use: 'machine-tools-and-robots',
      baseline2021: 3333,
      unit: '台/年',
      capacity: { '2025': 4332.9, '2030': 5666.1 },
      targetYears: [2025, 2030],
    },
  });
});

test('no target points ticked leaves the default to the evaluator', () => {
  const r = lineFromForm({ ...emptyLineForm(), item: 'plc', use: 'robots', baseline: '10' });
  expect(r.line).not.toHaveProperty('targetYears');
});

test('each bad field gets its own problem', () => {
  const r = lineFromForm({ ...emptyLineForm(' '), baseline: '-3', forecasts: { '2027': 'N/A', '2028': '▲100', '2029': '1,200台' } });
  expect(r.errors).toEqual({
    scenario: 'required',
    item: 'chooseItem',
    use: 'chooseUse',
    baseline: 'negative',
    'forecast.2027': 'forecastNotANumber',
    'forecast.2028': 'negative',
    'forecast.2029': 'unitInNumber',
  });
});

test('dates are accepted as typed and checked against the calendar', () => {
  expect(parseDateText('2024-04-01')).toBe('2024-04-01');
  expect(parseDateText('2024/4/1')).toBe('2024-04-01');
  expect(parseDateText('２０２４－０４－０１')).toBe('2024-04-01');
  expect(parseDateText('2023-02-29')).toBeNull();
  expect(parseDateText('令和6年4月1日')).toBeNull();
});

test('the header form reads a v2 plan and writes it back the same', () => {
  const plan = samplePlan();
  plan.applicationDate = '2024-05-01';
  plan.submissionScenario = 'base';
  plan.activities = [
    { id: 'R1', kind: 'rnd', name: '高精度化', start: '2024-04-01', end: '2027-03-31', targets: [{ metric: '位置決め精度', unit: 'μm', target: 1, current: 3, currentDate: '2024-03-31' }], followOn: 'A1' },
    { id: 'A1', kind: 'capacity', name: '増設', start: '2027-04-01', end: '2037-03-31', capitalInvestment: true, investment: '新工場 30億円' },
  ];
  plan.coreTechnologies = [{ name: '研削加工', items: ['ボールねじ', '減速機'], supplierHeld: true, note: '' }];
  plan.transfers = [
    { act: 'v', by: 'group-company', counterparty: 'タイ工場', country: 'タイ', description: '', technology: '研削加工', item: 'ボールねじ', capacityBefore: 100, capacityAfter: 130, localConsumptionShare: 0.85, risk: false, metiRequested: true },
  ];
  const form = headerFormFromPlan(plan);
  expect(form.transfers[0].localConsumptionShare).toBe('85');
  expect(form.coreTechnologies[0].items).toBe('ボールねじ、減速機');
  const { header } = headerFromForm(form);
  expect(header).toMatchObject({
    applicant: plan.applicant,
    applicationDate: '2024-05-01',
    submissionScenario: 'base',
    activities: plan.activities,
    coreTechnologies: plan.coreTechnologies,
    transfers: plan.transfers,
  });
});

test('activity dates are required and ordered; R&D targets need a metric and take numbers typed full-width', () => {
  const form = emptyHeaderForm();
  form.activities = [{ ...emptyActivityForm('R1', 'rnd'), start: '2024-04-01', end: '2024-03-31', targets: [{ metric: '', unit: '', target: '１，０００', current: '▲1', currentDate: '' }] }];
  expect(headerFromForm(form).errors).toEqual({
    'activities.0.end': 'endBeforeStart',
    'activities.0.targets.0.metric': 'required',
    'activities.0.targets.0.current': 'negative',
  });
});

test('act (ⅴ) needs its three figures; a share is a percentage from 0 to 100', () => {
  const form = emptyHeaderForm();
  form.transfers = [{ ...emptyTransferForm('v'), capacityBefore: '100', localConsumptionShare: '120' }];
  expect(headerFromForm(form).errors).toEqual({ 'transfers.0.capacityAfter': 'required', 'transfers.0.localConsumptionShare': 'percentRange' });
});

test('a patch holds only the fields changed: saving jobs created does not send the applicant name', () => {
  const form = { ...emptyHeaderForm(), applicantName: '古い名前', jobsCreated: '12' };
  const full = headerFromForm(form).header!;
  expect(headerPatch(full, ['jobsCreated'])).toEqual({ considerations: { jobsCreated: 12 } });
  expect(headerPatch(full, ['joint'])).toEqual({ applicant: { name: '古い名前', joint: false } });
});

test('the checklist round-trips every item, the hidden joint-only one included', () => {
  const plan = samplePlan();
  plan.checklist = { 'competition.multi-applicant': { confirmed: true, evidence: '共同申請書 2.1' } };
  const saved = checklistFromForm(checklistFormFromPlan(plan));
  expect(Object.keys(saved)).toHaveLength(18);
  expect(saved['competition.multi-applicant']).toEqual({ confirmed: true, evidence: '共同申請書 2.1' });
});

test('the considerations (第3章第8節) round-trip; jobs created take full-width digits, blank leaves none', () => {
  const plan = samplePlan();
  plan.considerations = { regionalContribution: '地元採用', jobsCreated: 12, humanRights: { confirmed: true, note: '方針あり' }, cybersecurity: { confirmed: false, note: '' } };
  const form = headerFormFromPlan(plan);
  expect([form.regionalContribution, form.jobsCreated, form.humanRightsConfirmed]).toEqual(['地元採用', '12', true]);
  expect(headerFromForm(form).header?.considerations).toEqual(plan.considerations);
  expect(headerFromForm({ ...form, jobsCreated: '１，２００' }).header?.considerations.jobsCreated).toBe(1200);
  expect(headerFromForm({ ...form, jobsCreated: '' }).header?.considerations).not.toHaveProperty('jobsCreated');
  expect(headerFromForm({ ...form, jobsCreated: '約10人' }).errors).toEqual({ jobsCreated: 'notANumber' });
  expect(headerFromForm({ ...form, jobsCreated: '-1' }).errors).toEqual({ jobsCreated: 'negative' });
});
