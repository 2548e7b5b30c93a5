/**
 * The checklist (第3章第2節 iii … 第3章第7節) and overseas expansion, act (ⅴ) (第3章第6節(3)(エ)(ⅴ)).
 */
import { CHECKLIST, OVERSEAS_RULES, SECTIONS } from '../../src/policy';
import { isActV } from '../../src/evaluate';
import { codes, evaluateInput, findingsWith, fullChecklist } from './plans';

describe('checklist', () => {
  test('all confirmed with evidence: no finding', () => {
    expect(evaluateInput().findings).toEqual([]);
  });

  test('each unconfirmed item is one error at its own section (a condition of certification); the numbers may pass but the verdict is ineligible', () => {
    const e = evaluateInput({ checklist: {} });
    const found = findingsWith(e, 'checklist.unconfirmed');
    const required = CHECKLIST.filter((c) => !('jointOnly' in c));
    expect(found.map((f) => f.path)).toEqual(required.map((c) => `checklist.${c.id}`));
    for (const [i, f] of found.entries()) {
      expect(f).toMatchObject({ severity: 'error', section: required[i].section });
      expect(f.messages.ja).toBe(`未確認（認定の要件です）：${required[i].ja}`);
      expect(f.messages.en).toBe(`Not confirmed (a condition of certification): ${required[i].en}`);
    }
    expect(e.verdict).toBe('ineligible');
    expect(e.scenarios.map((s) => s.verdict)).toEqual(['ineligible']);
  });

  test('confirmed: false is unconfirmed', () => {
    const checklist = { ...fullChecklist(), 'stability.bcp': { confirmed: false, evidence: 'BCP 2023' } };
    const e = evaluateInput({ checklist });
    expect(codes(e)).toEqual(['checklist.unconfirmed']);
    expect(e.findings[0]).toMatchObject({ path: 'checklist.stability.bcp', section: SECTIONS.bcp });
  });

  test('the joint-application item is required only when applicant.joint', () => {
    const { ['competition.multi-applicant']: _joint, ...single } = fullChecklist();
    void _joint;
    expect(evaluateInput({ checklist: single, applicant: { name: 'A', joint: false } }).findings).toEqual([]);
    const joint = evaluateInput({ checklist: single, applicant: { name: 'A', joint: true } });
    expect(codes(joint)).toEqual(['checklist.unconfirmed']);
    expect(joint.findings[0]).toMatchObject({ path: 'checklist.competition.multi-applicant', section: SECTIONS.multiApplicant });
    expect(evaluateInput({ checklist: fullChecklist(), applicant: { name: 'A', joint: true } }).findings).toEqual([]);
  });

  test('confirmed without an evidence note is information only', () => {
    const checklist = { ...fullChecklist(), 'structure.staff': { confirmed: true, evidence: '' } };
    const e = evaluateInput({ checklist });
    expect(e.findings.map((f) => [f.code, f.severity])).toEqual([['checklist.no-evidence', 'info']]);
    expect(e.verdict).toBe('eligible');
  });
});

describe('overseas act (ⅴ)', () => {
  const base = (capacityBefore: number, capacityAfter: number, localConsumptionShare = 0.5) => ({ capacityBefore, capacityAfter, localConsumptionShare });

  test('growth of exactly 10% is not more than 10%: not act (ⅴ)', () => {
    expect(isActV(base(1000, 1100))).toBe(false);
    expect(isActV(base(0.3, 0.33))).toBe(false); // 0.3 × 1.1 is 0.33000000000000007 in floating point
  });

  test('10.01% is', () => {
    expect(isActV(base(10000, 11001))).toBe(true);
  });

  test('a new base (capacity before 0) is; no capacity at all is not', () => {
    expect(isActV(base(0, 1))).toBe(true);
    expect(isActV(base(0, 0))).toBe(false);
  });

  test('85% or more consumed locally is the exception: exactly 0.85 exempt, 0.8499 not', () => {
    expect(isActV(base(100, 200, 0.85))).toBe(false);
    expect(isActV(base(100, 200, 1))).toBe(false);
    expect(isActV(base(100, 200, 0.8499))).toBe(true);
    expect(OVERSEAS_RULES).toMatchObject({ growthAbove: '0.1', localConsumptionAtLeast: '0.85' });
  });

  test('shrinking or keeping capacity is not', () => {
    expect(isActV(base(100, 100))).toBe(false);
    expect(isActV(base(100, 50))).toBe(false);
  });

  test('without a risk flag: overseas.act-v, information', () => {
    const e = evaluateInput({ overseas: [{ base: 'タイ工場', ...base(20000, 23000, 0.6) }] });
    expect(e.findings).toHaveLength(1);
    expect(e.findings[0]).toMatchObject({ code: 'overseas.act-v', severity: 'info', section: SECTIONS.overseasActV, path: 'overseas[0]' });
    expect(e.findings[0].messages.ja).toContain('タイ工場');
    expect(e.findings[0].messages.en).toContain('capacity growth of 15%');
    expect(e.verdict).toBe('eligible');
  });

  test('a known risk or METI’s request: overseas.prior-consultation, a warning', () => {
    for (const flags of [{ risk: true }, { metiRequested: true }, { risk: true, metiRequested: true }]) {
      const e = evaluateInput({ overseas: [{ base: '蘇州工場', ...base(0, 500, 0.1), ...flags }] });
      // The act is recorded, and the consultation it needs is a warning.
      expect(codes(e)).toEqual(['overseas.act-v', 'overseas.prior-consultation']);
      expect(e.findings[1]).toMatchObject({ severity: 'warning', section: SECTIONS.techTransfer, path: 'overseas[0]' });
      expect(e.findings[1].messages.en).toContain('a new base');
      expect(e.verdict).toBe('attention');
    }
  });

  test('a base that is not act (ⅴ) gives no finding, even with a risk flag', () => {
    const e = evaluateInput({ overseas: [{ ...base(1000, 1100, 0.5), risk: true }, { ...base(100, 200, 0.9), risk: true }] });
    expect(e.findings).toEqual([]);
  });

  test('paths point at each base', () => {
    const e = evaluateInput({ overseas: [base(100, 100), base(100, 111), { ...base(0, 5), risk: true }] });
    expect(e.findings.map((f) => [f.code, f.path])).toEqual([
      ['overseas.act-v', 'overseas[1]'],
      ['overseas.act-v', 'overseas[2]'],
      ['overseas.prior-consultation', 'overseas[2]'],
    ]);
  });
});
