/** The pane's rules without rendering: pasting, unit slips, three-way merge, scenario edits, the review order. */
import { evaluate } from '../../src/evaluate';
import { emptyLineForm, jumpWarnings, parseQuantity, spreadPaste } from '../../src/taskpane/form';
import { rebase, resolve, unsavedFields } from '../../src/taskpane/merge';
import { applyLineEdit, compareScenarios, copyScenario, deleteScenario, renameScenario, scaleValue, submissionOf } from '../../src/taskpane/scenarios';
import { closingValue, filterFindings, gapRatio, isWholeUnit, PLAN_WIDE, sortFindings } from '../../src/taskpane/review';
import { completePlan } from '../../src/taskpane/workbook-actions';
import { samplePlan, shortPlan } from './fake-actions';

describe('numbers as planners type them', () => {
  test('full-width digits and separators are numbers; ▲, units and words each say what to change', () => {
    expect(parseQuantity('１，２００')).toEqual({ value: 1200 });
    expect(parseQuantity('▲100')).toEqual({ problem: 'negative' });
    expect(parseQuantity('△5')).toEqual({ problem: 'negative' });
    expect(parseQuantity('1,200台')).toEqual({ problem: 'unitInNumber' });
    expect(parseQuantity('１２００ units')).toEqual({ problem: 'unitInNumber' });
    expect(parseQuantity('未定')).toEqual({ problem: 'notANumber' });
  });

  test('a row copied from Excel (tabs) or a column (newlines) spreads from the year pasted into', () => {
    expect(spreadPaste('4000\t4200\t4500\r\n', 2026)).toEqual({ '2026': '4000', '2027': '4200', '2028': '4500' });
    expect(spreadPaste('1\n2\n', 2034)).toEqual({ '2034': '1', '2035': '2' });
    expect(spreadPaste('4000', 2026)).toBeNull();
  });

  test('a ×1000 jump or "1.200" on a 50,000 baseline is flagged as a likely unit slip', () => {
    const thousand = jumpWarnings({ ...emptyLineForm(), baseline: '50', forecasts: { '2025': '60', '2026': '60000' } });
    expect(thousand).toEqual([{ year: 2026, from: 2025, factor: 1000, dotSeparator: false }]);
    const dot = jumpWarnings({ ...emptyLineForm(), baseline: '50,000', forecasts: { '2025': '1.200' } });
    expect(dot).toHaveLength(1);
    expect(dot[0]).toMatchObject({ year: 2025, from: 2021, dotSeparator: true });
    expect(jumpWarnings({ ...emptyLineForm(), baseline: '100', forecasts: { '2025': '130', '2030': '170' } })).toEqual([]);
  });
});

describe('forms never overwrite what they did not change', () => {
  const base = { name: '旧社名', jobs: '10', note: '' };
  test('a field the planner did not touch takes the sheet value; one changed on both sides is a conflict', () => {
    const mine = { name: '旧社名', jobs: '12', note: 'x' };
    const theirs = { name: '新社名', jobs: '11', note: '' };
    const r = rebase(base, mine, theirs);
    expect(r.form).toEqual({ name: '新社名', jobs: '12', note: 'x' });
    expect(r.changed).toEqual(['note']);
    expect(r.conflicts).toEqual(['jobs']);
    expect(resolve({ form: r.form, base: r.base }, 'jobs', '11', 'theirs').form.jobs).toBe('11');
    const kept = resolve({ form: r.form, base: r.base }, 'jobs', '11', 'mine');
    expect(rebase(kept.base, kept.form, theirs).changed).toEqual(['jobs', 'note']);
  });

  test('unsaved fields are the ones that differ from what was read', () => {
    expect(unsavedFields(base, { ...base, note: 'y' })).toEqual(['note']);
  });
});

describe('scenarios', () => {
  test('copy with -10% scales forecasts (whole units stay whole) and keeps the 2021 baseline', () => {
    const plan = samplePlan();
    const edit = copyScenario(plan, 'base', '悲観', -10);
    expect(edit.add).toEqual([{ ...plan.lines[0], scenario: '悲観', capacity: { '2025': 108, '2026': 117, '2030': 144 } }]);
    expect(scaleValue(4000, -10)).toBe(3600);
    expect(scaleValue(12.5, 10)).toBe(13.8);
  });

  test('rename and delete touch only that scenario; the submission follows the plan or the first line', () => {
    const plan = samplePlan();
    const renamed = applyLineEdit(plan.lines, renameScenario(plan, 'conservative', '慎重'));
    expect(renamed.map((l) => l.scenario)).toEqual(['base', '慎重']);
    expect(applyLineEdit(plan.lines, deleteScenario(plan, 'base')).map((l) => l.scenario)).toEqual(['conservative']);
    expect(submissionOf(plan)).toBe('base');
    expect(submissionOf({ ...plan, submissionScenario: 'conservative' })).toBe('conservative');
  });

  test('the comparison puts the submission first and gives each other scenario its difference', () => {
    const plan = samplePlan();
    plan.lines.push({ ...plan.lines[0], scenario: '悲観', capacity: { '2025': 100, '2030': 150 } });
    const c = compareScenarios(plan);
    expect(c.scenarios).toEqual(['base', 'conservative', '悲観']);
    const ballScrew = c.groups.find((g) => g.item === 'ボールねじ')!;
    expect(ballScrew.rows.find((r) => r.year === 2030)).toEqual({ year: 2030, values: [160, null, 150], diffs: [null, null, -10] });
  });
});

describe('the review list', () => {
  const evaluation = evaluate(shortPlan());
  test('sorted by severity, then by the gap relative to what is required', () => {
    const sorted = sortFindings(evaluation.findings);
    const ranks = sorted.map((f) => ['error', 'warning', 'info'].indexOf(f.severity));
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    const shorts = sorted.filter((f) => f.gap);
    expect(shorts.length).toBeGreaterThan(0);
    for (let i = 1; i < shorts.length; i++) {
      if (shorts[i].severity === shorts[i - 1].severity) expect(gapRatio(shorts[i - 1])).toBeGreaterThanOrEqual(gapRatio(shorts[i]));
    }
  });

  test('filters by scenario (or the plan as a whole) and severity', () => {
    const errors = filterFindings(evaluation.findings, { scenario: 'base', severities: ['error'] });
    expect(errors.every((f) => f.scenario === 'base' && f.severity === 'error')).toBe(true);
    expect(filterFindings(evaluation.findings, { scenario: PLAN_WIDE, severities: ['error', 'warning', 'info'] }).every((f) => f.scenario === undefined)).toBe(true);
  });

  test('whole units close a gap at the ceiling of the requirement', () => {
    expect(isWholeUnit('台/年')).toBe(true);
    expect(isWholeUnit('pcs/yr')).toBe(true);
    expect(isWholeUnit('t/年')).toBe(false);
    expect(closingValue(3333 * 1.3, '台/年')).toBe(4333);
    expect(closingValue(5332.8, 't')).toBe(5332.8);
  });
});

describe('a plan read from a layout mid-migration', () => {
  test('its v1 activity becomes A1 and the v2 lists and considerations get their defaults', () => {
    const v1ish = { ...samplePlan(), activity: { kind: 'capacity', start: '2024-04-01', end: '2034-03-31' } } as Record<string, unknown>;
    delete v1ish.activities;
    delete v1ish.considerations;
    const plan = completePlan(v1ish as unknown as Parameters<typeof completePlan>[0]);
    expect(plan.activities).toEqual([{ id: 'A1', kind: 'capacity', name: '', start: '2024-04-01', end: '2034-03-31', investment: '' }]);
    expect(plan.considerations.humanRights).toEqual({ confirmed: false, note: '' });
    expect(plan).not.toHaveProperty('activity');
    expect(() => evaluate(plan)).not.toThrow();
  });
});
