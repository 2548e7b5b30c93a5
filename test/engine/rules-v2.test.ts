/**
 * Rules v2 (policy-rules.md, sections marked v2), each with cases derived by hand from the seed: target groups,
 * several activities, R&D targets and follow-on, every checklist item a condition, core technologies, all five
 * transfer acts, the submission scenario, the application date and a new entrant's baseline of 0.
 */
import { evaluate } from '../../src/evaluate';
import { SECTIONS } from '../../src/policy';
import { parsePlan } from '../../src/plan/parse';
import { fullChecklist } from './plans';

type Input = Record<string, unknown>;

const line = (o: Input = {}): Input => ({
  item: 'ball-screw',
  use: 'machine-tools',
  baseline2021: 100,
  unit: '本/年',
  capacity: { 2025: 120, 2026: 130, 2027: 140, 2028: 140, 2029: 150, 2030: 160 },
  ...o,
});

const CAP = { id: 'CAP', kind: 'capacity', start: '2024-04-01', end: '2034-03-31', capitalInvestment: true };
const CORE = [{ name: '溝研削', items: ['ボールねじ'] }];
const CONSIDERED = { humanRights: { confirmed: true, note: '人権方針' }, cybersecurity: { confirmed: true, note: '規程' } };

function v2(o: Input = {}): Input {
  return { format: 'supply-plan/2', activities: [CAP], lines: [line()], checklist: fullChecklist(), coreTechnologies: CORE, considerations: CONSIDERED, ...o };
}

function run(input: Input) {
  const r = parsePlan(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return evaluate(r.plan, { legacy: r.legacy });
}
const codes = (e: ReturnType<typeof run>) => e.findings.map((f) => f.code);
const only = (e: ReturnType<typeof run>, code: string) => e.findings.filter((f) => f.code === code);

describe('a clean v2 plan', () => {
  test('has no finding and is eligible', () => {
    const e = run(v2());
    expect(e.findings).toEqual([]);
    expect(e.verdict).toBe('eligible');
  });
});

describe('target groups (§2)', () => {
  test('two plants of one item, 100→130 and 100→110 in 2025, are 1.2× together: met', () => {
    const e = run(v2({ lines: [line({ site: 'A', capacity: { 2025: 130 } }), line({ site: 'B', capacity: { 2025: 110 } })] }));
    expect(e.groups).toHaveLength(1);
    expect(e.groups[0]).toMatchObject({ baseline2021: 200, lines: [0, 1], targetYears: [2025], verdict: 'eligible' });
    expect(e.groups[0].years[0]).toMatchObject({ year: 2025, capacity: 240, requiredCapacity: 240, shortfall: 0, status: 'met' });
    // Each line shows its own figure, and its group's status.
    expect(e.lines[1].years[0]).toMatchObject({ capacity: 110, ratio: 1.1, status: 'met' });
    expect(e.verdict).toBe('eligible');
  });

  test('one short of the sum is one target.short for the group, at its first line', () => {
    const e = run(v2({ lines: [line({ capacity: { 2025: 130 } }), line({ capacity: { 2025: 109.9 } })] }));
    expect(only(e, 'target.short')).toEqual([expect.objectContaining({ path: 'lines[0].capacity.2025', group: 0, year: 2025, gap: { shortfall: 0.1, requiredCapacity: 240, unit: '本/年' } })]);
    expect(only(e, 'target.short')[0].messages.ja).toContain('2行の合計');
  });

  test('different scenarios, items or uses are different groups', () => {
    const e = run(v2({ lines: [line(), line({ scenario: 'low' }), line({ item: 'リニアガイド' }), line({ use: 'robots', capacity: { 2030: 170 } })] }));
    expect(e.groups.map((g) => g.lines)).toEqual([[0], [1], [2], [3]]);
  });

  test('a line missing a target year of its group contributes 0 and gets forecast.missing', () => {
    const e = run(v2({ lines: [line({ capacity: { 2025: 240, 2030: 320 } }), line({ capacity: { 2030: 0 } })] }));
    const missing = only(e, 'forecast.missing');
    expect(missing).toEqual([expect.objectContaining({ severity: 'error', path: 'lines[1].capacity.2025', line: 1, year: 2025 })]);
    // The sum at 2025 is 240 = 1.2 × 200: met, but the plan is ineligible for the missing figure.
    expect(e.groups[0].years.find((y) => y.year === 2025)).toMatchObject({ capacity: 240, status: 'met' });
    expect(e.verdict).toBe('ineligible');
  });

  test('a group of one line with a named point and no forecast behaves as v1: target.short, no forecast.missing', () => {
    const e = run(v2({ lines: [line({ capacity: { 2025: 120 }, targetYears: [2025, 2027] })] }));
    expect(codes(e)).toEqual(['target.short']);
    expect(e.lines[0].years.find((y) => y.year === 2027)).toMatchObject({ capacity: null, status: 'short', shortfall: 140 });
  });

  test('units differing within a group: group.unit-mismatch, and its points are not judged', () => {
    const e = run(v2({ lines: [line({ unit: '本/年' }), line({ unit: '億円/年', baseline2021: 5, capacity: { 2025: 6 } })] }));
    expect(only(e, 'group.unit-mismatch')).toEqual([expect.objectContaining({ severity: 'error', path: 'lines[0].unit' })]);
    expect(e.groups[0].years.every((y) => y.status !== 'met' && y.status !== 'short')).toBe(true);
    expect(only(e, 'target.short')).toEqual([]);
  });

  test('units written full-width or spaced are one unit', () => {
    const e = run(v2({ lines: [line({ unit: '本/年' }), line({ unit: '本／年 ', baseline2021: 50, capacity: { 2025: 60, 2026: 65, 2027: 70, 2028: 70, 2029: 75, 2030: 80 } })] }));
    expect(only(e, 'group.unit-mismatch')).toEqual([]);
  });

  test('a line identical to another in every figure: line.duplicate (warning)', () => {
    const e = run(v2({ lines: [line(), line({ site: '同じ' })] }));
    expect(only(e, 'line.duplicate')).toEqual([expect.objectContaining({ severity: 'warning', path: 'lines[1]', line: 1 })]);
    expect(e.verdict).toBe('attention');
  });

  test('a new entrant with a 2021 baseline of 0: not bad input, baseline.zero (warning), points not judged', () => {
    const e = run(v2({ lines: [line({ item: 'ミネラルキャスト', baseline2021: 0, capacity: { 2025: 50 } })] }));
    expect(codes(e)).toEqual(['baseline.zero']);
    expect(e.lines[0].years[0]).toMatchObject({ status: 'not-judged', ratio: null, shortfall: null });
    expect(e.verdict).toBe('attention');
    // A negative baseline is still bad input.
    expect(parsePlan(v2({ lines: [line({ baseline2021: -1 })] })).ok).toBe(false);
  });

  test('a 2021 forecast other than the baseline: baseline.mismatch (warning)', () => {
    const e = run(v2({ lines: [line({ capacity: { 2021: 101, 2025: 120 } })] }));
    expect(only(e, 'baseline.mismatch')).toEqual([expect.objectContaining({ severity: 'warning', path: 'lines[0].capacity.2021' })]);
    expect(codes(run(v2({ lines: [line({ capacity: { 2021: 100, 2025: 120 } })] })))).toEqual([]);
  });

  test('a named point after 2030 is information, not an error', () => {
    const e = run(v2({ lines: [line({ capacity: { 2030: 160, 2032: 170 }, targetYears: [2030, 2032] })] }));
    expect(only(e, 'target.after-2030')).toEqual([expect.objectContaining({ severity: 'info', year: 2032 })]);
    expect(e.verdict).toBe('eligible');
  });

  test('capacity secured is kept: the group sum after the last target may not fall', () => {
    const e = run(v2({ lines: [line({ capacity: { 2030: 100, 2031: 100 } }), line({ capacity: { 2030: 220, 2031: 210 } })] }));
    expect(only(e, 'capacity.declines-after-target')).toEqual([expect.objectContaining({ severity: 'warning', year: 2031 })]);
  });
});

describe('items the seed names in its own words (§1)', () => {
  test.each([
    ['ロボット向けコントローラ', 'cnc'],
    ['コントローラ本体', 'cnc'],
    ['制御装置本体', 'cnc'],
    ['サーボドライブ', 'servo'],
    ['サーボアンプ', 'servo'],
    ['プログラマブルコントローラ', 'plc'],
    ['Programmable Logic Controller', 'plc'],
    ['ＣＮＣ　システム', 'cnc-system'],
  ])('%s is %s', (item, id) => {
    const e = run(v2({ lines: [line({ item })] }));
    expect(e.lines[0]).toMatchObject({ item: id, eligibleItem: true });
    expect(codes(e)).toEqual([]);
  });

  test.each(['コントローラ', 'controller', 'コントローラー'])('a bare %s is not guessed: item.ambiguous names CNC and PLC', (item) => {
    const e = run(v2({ lines: [line({ item })] }));
    const [f] = only(e, 'item.ambiguous');
    expect(f).toMatchObject({ severity: 'error', section: SECTIONS.items, path: 'lines[0].item' });
    expect(f.messages.ja).toContain('ＣＮＣ');
    expect(f.messages.ja).toContain('ＰＬＣ');
    expect(only(e, 'item.not-eligible')).toEqual([]);
  });
});

describe('activities (§3)', () => {
  const rnd = (o: Input = {}): Input => ({ id: 'RND', kind: 'rnd', start: '2024-04-01', end: '2027-03-31', targets: [{ metric: '位置決め精度', unit: 'μm', target: 1 }], followOn: 'CAP2', ...o });
  const cap2 = (start: string): Input => ({ id: 'CAP2', kind: 'capacity', start, end: '2037-12-31', capitalInvestment: true });
  const lineOn = (o: Input = {}) => line({ capacity: { 2028: 140, 2029: 150, 2030: 160 }, activity: 'CAP2', ...o });

  test('a follow-on starting the day after the R&D ends is fine; the same day overlaps', () => {
    expect(codes(run(v2({ activities: [rnd(), cap2('2027-04-01')], lines: [lineOn()] })))).toEqual([]);
    const e = run(v2({ activities: [rnd(), cap2('2027-03-31')], lines: [lineOn()] }));
    expect(only(e, 'rnd.follow-on-overlaps')).toEqual([expect.objectContaining({ severity: 'error', section: SECTIONS.rndTargets, path: 'activities[0].followOn' })]);
  });

  test('no follow-on, or one that is not a capacity activity of the plan: rnd.no-follow-on', () => {
    expect(codes(run(v2({ activities: [rnd({ followOn: undefined }), CAP] })))).toEqual(['rnd.no-follow-on']);
    expect(codes(run(v2({ activities: [rnd({ followOn: 'NOPE' }), CAP] })))).toEqual(['rnd.no-follow-on']);
  });

  test('R&D targets must be quantitative: a metric with a target value; 「性能を向上させる」 is not', () => {
    const e = run(v2({ activities: [rnd({ targets: [{ metric: '性能を向上させる' }] }), cap2('2027-04-01')], lines: [lineOn()] }));
    expect(only(e, 'rnd.no-quantitative-targets')).toEqual([expect.objectContaining({ severity: 'error', path: 'activities[0].targets' })]);
    expect(only(e, 'rnd.no-quantitative-targets')[0].messages.ja).toContain('性能を向上させる');
  });

  test('a v1 R&D whose targets are texts: a text with a number counts, one without does not', () => {
    const v1 = (quantitativeTargets: string[]) => ({
      format: 'supply-plan/1',
      activity: { kind: 'rnd', start: '2024-04-01', end: '2026-03-31', quantitativeTargets, followOn: true },
      lines: [line({ capacity: { 2027: 140, 2030: 160 } })],
      checklist: fullChecklist(),
    });
    expect(codes(run(v1(['位置決め精度 ±1μm 以下'])))).toEqual([]);
    expect(codes(run(v1(['性能を向上させる'])))).toEqual(['rnd.no-quantitative-targets']);
  });

  test('a v1 R&D ending in 2030 with a declared follow-on cannot deliver targets in 2025 (target.before-activity)', () => {
    const e = run({
      format: 'supply-plan/1',
      activity: { kind: 'rnd', start: '2026-01-01', end: '2030-12-31', quantitativeTargets: ['コスト 20%減'], followOn: true },
      lines: [line({ capacity: { 2025: 120, 2030: 160 } })],
      checklist: fullChecklist(),
    });
    expect(only(e, 'target.before-activity').map((f) => f.year)).toEqual([2025, 2030]);
    expect(e.verdict).toBe('attention');
  });

  test('a capacity activity starting in 2031 cannot deliver targets for 2025–2030', () => {
    const e = run(v2({ activities: [{ ...CAP, start: '2031-01-01', end: '2041-12-31' }] }));
    expect(only(e, 'target.before-activity').map((f) => f.year)).toEqual([2025, 2026, 2027, 2028, 2029, 2030]);
  });

  test('fiscal basis: an activity starting 2025-02-01 starts in FY2024, so a 2024 target is not before it', () => {
    const plan = (yearBasis: string) => v2({ yearBasis, activities: [{ ...CAP, start: '2025-02-01', end: '2035-01-31' }], lines: [line({ capacity: { 2024: 120, 2030: 160 }, targetYears: [2024, 2030] })] });
    expect(only(run(plan('fiscal')), 'target.before-activity')).toEqual([]);
    expect(only(run(plan('fiscal')), 'yearbasis.fiscal')).toHaveLength(1);
    expect(only(run(plan('calendar')), 'target.before-activity').map((f) => f.year)).toEqual([2024]);
  });

  test('a capacity activity stating it has no capital investment: activity.no-investment', () => {
    const e = run(v2({ activities: [{ ...CAP, capitalInvestment: false }] }));
    expect(only(e, 'activity.no-investment')).toEqual([expect.objectContaining({ severity: 'error', path: 'activities[0].capitalInvestment' })]);
  });

  test('periods are set per activity', () => {
    const e = run(v2({ activities: [CAP, { ...cap2('2026-04-01'), end: '2036-03-30' }] }));
    expect(only(e, 'period.too-short')).toEqual([expect.objectContaining({ path: 'activities[1].end' })]);
    expect(e.activities.map((a) => [a.id, a.ok])).toEqual([
      ['CAP', true],
      ['CAP2', false],
    ]);
  });
});

describe('checklist and core technologies (§4)', () => {
  test('an empty checklist is ineligible: every item is a condition of certification', () => {
    const e = run(v2({ checklist: {} }));
    expect(only(e, 'checklist.unconfirmed').length).toBeGreaterThan(10);
    expect(only(e, 'checklist.unconfirmed').every((f) => f.severity === 'error')).toBe(true);
    expect(e.verdict).toBe('ineligible');
  });

  test('core technologies confirmed but none listed: coretech.none-listed (warning)', () => {
    const e = run(v2({ coreTechnologies: [] }));
    expect(codes(e)).toEqual(['coretech.none-listed']);
  });

  test('(ウ) applies only where a supplier holds core technology', () => {
    const checklist = { ...fullChecklist(), 'measures.suppliers': { confirmed: false, evidence: '' } };
    expect(codes(run(v2({ checklist })))).toEqual([]);
    expect(codes(run(v2({ checklist, coreTechnologies: [{ name: 'x', supplierHeld: true }] })))).toEqual(['checklist.unconfirmed']);
  });

  test('第3章第7節 applies to a joint application by firms of one industry', () => {
    const checklist = { ...fullChecklist() };
    delete (checklist as Record<string, unknown>)['competition.multi-applicant'];
    expect(codes(run(v2({ checklist, applicant: { name: 'A', joint: true } })))).toEqual(['checklist.unconfirmed']);
    expect(codes(run(v2({ checklist, applicant: { name: 'A', joint: true, sameIndustry: false } })))).toEqual([]);
  });

  test('human rights and cybersecurity unconfirmed: consideration.unconfirmed (info), citing 第6章', () => {
    const e = run(v2({ considerations: {} }));
    expect(only(e, 'consideration.unconfirmed').map((f) => [f.severity, f.section])).toEqual([
      ['info', SECTIONS.humanRights],
      ['info', SECTIONS.cybersecurity],
    ]);
    expect(e.verdict).toBe('eligible');
  });

  test('an application before 2024-03-26 falls under the former policy: policy.former-version; that day does not', () => {
    expect(codes(run(v2({ applicationDate: '2024-03-25' })))).toEqual(['policy.former-version']);
    expect(codes(run(v2({ applicationDate: '2024-03-26' })))).toEqual([]);
  });
});

describe('transfers and overseas expansion (§5)', () => {
  const actV = (o: Input = {}): Input => ({ act: 'v', counterparty: 'タイ工場', item: 'ボールねじ', capacityBefore: 1000, capacityAfter: 1100, localConsumptionShare: 0.5, ...o });

  test('exactly 10% is not act (ⅴ); 10.001% is, and the message says 10.001%', () => {
    expect(codes(run(v2({ transfers: [actV()] })))).toEqual([]);
    const e = run(v2({ transfers: [actV({ capacityBefore: 100000, capacityAfter: 110001 })] }));
    expect(codes(e)).toEqual(['overseas.act-v']);
    expect(e.findings[0].messages.en).toContain('10.001%');
  });

  test('exactly 85% consumed locally is the exception; 84.99% is not', () => {
    expect(codes(run(v2({ transfers: [actV({ capacityAfter: 2000, localConsumptionShare: 0.85 })] })))).toEqual([]);
    expect(codes(run(v2({ transfers: [actV({ capacityAfter: 2000, localConsumptionShare: 0.8499 })] })))).toEqual(['overseas.act-v']);
  });

  test('a base for an item outside the plan (castings) is not act (ⅴ), even with a risk flag; no item named is taken to be the plan\'s', () => {
    expect(codes(run(v2({ transfers: [actV({ item: '鋳物', capacityBefore: 0, capacityAfter: 10, risk: true })] })))).toEqual([]);
    expect(codes(run(v2({ transfers: [actV({ item: 'リニアガイド', capacityBefore: 0, capacityAfter: 10, risk: true })] })))).toEqual([]);
    expect(codes(run(v2({ transfers: [actV({ item: '', capacityBefore: 0, capacityAfter: 10 })] })))).toEqual(['overseas.act-v']);
  });

  test.each(['i', 'ii', 'iii', 'iv'])('act (%s) is recorded; with ① or ② it needs prior consultation, and says which', (act) => {
    const plain = run(v2({ transfers: [{ act, counterparty: 'X社' }] }));
    expect(plain.findings.map((f) => [f.code, f.severity])).toEqual([['overseas.act', 'info']]);
    expect(plain.findings[0].section).toMatch(/^第3章第6節\(3\)\(エ\)\([ⅰⅱⅲⅳ]\)$/);
    const risky = run(v2({ transfers: [{ act, by: 'group-company', counterparty: 'X社', risk: true }] }));
    const [c] = only(risky, 'overseas.prior-consultation');
    expect(c).toMatchObject({ severity: 'warning', section: SECTIONS.techTransfer, path: 'transfers[0]' });
    expect(c.messages.ja).toContain('①');
    expect(c.messages.ja).toContain('グループ会社');
    const asked = run(v2({ transfers: [{ act, metiRequested: true }] }));
    expect(only(asked, 'overseas.prior-consultation')[0].messages.en).toContain('②');
    expect(asked.verdict).toBe('attention');
  });
});

describe('scenarios are alternatives (§6)', () => {
  test('a downside scenario falling short does not change the verdict of the submission scenario', () => {
    const e = run(v2({ lines: [line(), line({ scenario: 'downside', capacity: { 2025: 100 } })] }));
    expect(e.submissionScenario).toBe('base');
    expect(e.scenarios.map((s) => [s.name, s.verdict, s.submission])).toEqual([
      ['base', 'eligible', true],
      ['downside', 'ineligible', false],
    ]);
    expect(e.verdict).toBe('eligible');
  });

  test('the plan names its submission scenario; findings that belong to no scenario count in every one', () => {
    const e = run(v2({ submissionScenario: 'downside', checklist: {}, lines: [line(), line({ scenario: 'downside', capacity: { 2025: 100 } })] }));
    expect(e.submissionScenario).toBe('downside');
    expect(e.scenarios.map((s) => s.verdict)).toEqual(['ineligible', 'ineligible']);
    expect(e.verdict).toBe('ineligible');
  });

  test('a submission scenario no line has is named as bad input, and the rest is still evaluated', () => {
    const e = run(v2({ submissionScenario: 'typo' }));
    expect(only(e, 'input.invalid')).toEqual([expect.objectContaining({ path: 'submissionScenario' })]);
    expect(e.groups).toHaveLength(1);
  });
});
