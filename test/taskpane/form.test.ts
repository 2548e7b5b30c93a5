/** @jest-environment jsdom */
/** The Plan tab's rules, as the planner meets them: what a line and a header become, and what is refused. */
import { emptyHeaderForm, emptyLineForm, headerFormFromPlan, headerFromForm, lineFromForm, parseDateText, checklistFromForm, checklistFormFromPlan } from '../../src/taskpane/form';
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
  const r = lineFromForm({ ...emptyLineForm(' '), baseline: '-3', forecasts: { '2027': 'N/A', '2028': '-1' } });
  expect(r.errors).toEqual({
    scenario: 'required',
    item: 'chooseItem',
    use: 'chooseUse',
    baseline: 'baselinePositive',
    'forecast.2027': 'forecastNotANumber',
    'forecast.2028': 'forecastNonNegative',
  });
});

test('dates are accepted as typed and checked against the calendar', () => {
  expect(parseDateText('2024-04-01')).toBe('2024-04-01');
  expect(parseDateText('2024/4/1')).toBe('2024-04-01');
  expect(parseDateText('２０２４－０４－０１')).toBe('2024-04-01');
  expect(parseDateText('2023-02-29')).toBeNull();
  expect(parseDateText('令和6年4月1日')).toBeNull();
});

test('a header leaves blank dates out and refuses an end before the start', () => {
  expect(headerFromForm({ ...emptyHeaderForm(), applicantName: ' 東海精機 ' })).toEqual({
    errors: null,
    header: { applicant: { name: '東海精機', joint: false }, yearBasis: 'calendar', activity: { kind: 'capacity' }, regional: { contribution: '' } },
  });
  expect(headerFromForm({ ...emptyHeaderForm(), start: '2024-04-01', end: '2024-03-31' }).errors).toEqual({ end: 'endBeforeStart' });
  expect(headerFromForm({ ...emptyHeaderForm(), start: '2024-13-01' }).errors).toEqual({ start: 'badDate' });
});

test('the checklist round-trips every item, the hidden joint-only one included', () => {
  const plan = samplePlan();
  plan.checklist = { 'competition.multi-applicant': { confirmed: true, evidence: '共同申請書 2.1' } };
  const saved = checklistFromForm(checklistFormFromPlan(plan));
  expect(Object.keys(saved)).toHaveLength(18);
  expect(saved['competition.multi-applicant']).toEqual({ confirmed: true, evidence: '共同申請書 2.1' });
});

test('the regional contribution (第3章第8節) round-trips; jobs created take full-width digits, blank leaves the workbook as it is', () => {
  const plan = samplePlan();
  plan.regional = { contribution: '地元採用', jobsCreated: 12 };
  const form = headerFormFromPlan(plan);
  expect([form.regionalContribution, form.jobsCreated]).toEqual(['地元採用', '12']);
  expect(headerFromForm(form).header?.regional).toEqual({ contribution: '地元採用', jobsCreated: 12 });
  expect(headerFromForm({ ...form, regionalContribution: ' 地域の雇用 ', jobsCreated: '１，２００' }).header?.regional).toEqual({ contribution: '地域の雇用', jobsCreated: 1200 });
  expect(headerFromForm({ ...form, jobsCreated: '' }).header?.regional).toEqual({ contribution: '地元採用' });
  expect(headerFromForm({ ...form, jobsCreated: '約10人' }).errors).toEqual({ jobsCreated: 'notANumber' });
  expect(headerFromForm({ ...form, jobsCreated: '-1' }).errors).toEqual({ jobsCreated: 'forecastNonNegative' });
});
