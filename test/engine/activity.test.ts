/**
 * Activity periods (第3章第4節) counted as the Civil Code counts years (民法第143条), and the R&D requirements
 * (第3章第2節 ii).
 */
import { SECTIONS } from '../../src/policy';
import { fullYears, periodEnd } from '../../src/evaluate';
import { parsePlan } from '../../src/plan/parse';
import { codes, evaluateInput, findingsWith, planInput } from './plans';

const capacity = (start: string, end: string) => evaluateInput({ activity: { kind: 'capacity', start, end } });
// The line's one target point is 2030: a v1 follow-on, declared only, starts the day after the R&D ends, and target
// points before that year would be findings of their own (target.before-activity).
const rnd = (start: string, end: string, extra: Record<string, unknown> = { quantitativeTargets: ['位置決め精度 ±1µm'], followOn: true }) =>
  evaluateInput({ activity: { kind: 'rnd', start, end, ...extra }, lines: [{ item: 'ball-screw', use: 'machine-tools', baseline2021: 100, unit: '本/年', capacity: { 2030: 160 } }] });

describe('the Civil Code period end (民法第143条)', () => {
  test.each([
    ['2024-04-01', 10, '2034-03-31'],
    ['2024-02-29', 10, '2034-02-28'],
    ['2024-03-01', 10, '2034-02-28'],
    ['2023-03-01', 1, '2024-02-29'],
    ['2024-01-01', 5, '2028-12-31'],
    ['2024-04-01', 5, '2029-03-31'],
  ])('%s + %i years ends on %s', (start, years, end) => {
    expect(periodEnd(start, years)).toBe(end);
  });

  test('full years counted', () => {
    expect(fullYears('2024-04-01', '2034-03-31')).toBe(10);
    expect(fullYears('2024-04-01', '2034-03-30')).toBe(9);
    expect(fullYears('2024-02-29', '2034-02-28')).toBe(10);
  });
});

describe('capacity strengthening runs 10 years or more', () => {
  test('2024-04-01 → 2034-03-31 is exactly 10 years: met', () => {
    const e = capacity('2024-04-01', '2034-03-31');
    expect(e.activity).toMatchObject({ kind: 'capacity', fullYears: 10, boundary: '2034-03-31', ok: true });
    expect(e.findings).toEqual([]);
    expect(e.verdict).toBe('eligible');
  });

  test('2024-04-01 → 2034-03-30 is short (period.too-short)', () => {
    const e = capacity('2024-04-01', '2034-03-30');
    expect(e.activity).toMatchObject({ ok: false, fullYears: 9 });
    const [f] = findingsWith(e, 'period.too-short');
    expect(f).toMatchObject({ severity: 'error', section: SECTIONS.periods, path: 'activity.end' });
    expect(f.messages.ja).toContain('2034-03-31');
    expect(e.verdict).toBe('ineligible');
  });

  test('2024-02-29 → 2034-02-28 is 10 years', () => {
    expect(capacity('2024-02-29', '2034-02-28').findings).toEqual([]);
    expect(codes(capacity('2024-02-29', '2034-02-27'))).toEqual(['period.too-short']);
  });

  test('longer is fine', () => {
    expect(capacity('2024-04-01', '2040-12-31').findings).toEqual([]);
  });
});

describe('R&D finishes within 5 years, with quantitative targets and a follow-on', () => {
  test('2024-04-01 → 2029-03-31 is within 5 years', () => {
    const e = rnd('2024-04-01', '2029-03-31');
    expect(e.activity).toMatchObject({ kind: 'rnd', boundary: '2029-03-31', ok: true });
    expect(e.findings).toEqual([]);
  });

  test('2024-04-01 → 2029-04-01 is too long (period.too-long)', () => {
    const e = rnd('2024-04-01', '2029-04-01');
    expect(codes(e)).toEqual(['period.too-long']);
    expect(findingsWith(e, 'period.too-long')[0]).toMatchObject({ severity: 'error', section: SECTIONS.periods, path: 'activity.end' });
  });

  test('no quantitative targets (none, empty, blank, or words without a figure) is an error', () => {
    for (const quantitativeTargets of [undefined, [], ['  '], ['性能を向上させる']]) {
      const e = rnd('2024-04-01', '2026-03-31', { quantitativeTargets, followOn: true });
      expect(codes(e)).toEqual(['rnd.no-quantitative-targets']);
      expect(findingsWith(e, 'rnd.no-quantitative-targets')[0]).toMatchObject({
        severity: 'error',
        section: SECTIONS.rndTargets,
        path: 'activity.quantitativeTargets',
      });
    }
  });

  test('no stated follow-on capacity activity is an error', () => {
    for (const followOn of [undefined, false]) {
      const e = rnd('2024-04-01', '2026-03-31', { quantitativeTargets: ['コスト 20%減'], followOn });
      expect(codes(e)).toEqual(['rnd.no-follow-on']);
      expect(findingsWith(e, 'rnd.no-follow-on')[0]).toMatchObject({ severity: 'error', section: SECTIONS.rndTargets, path: 'activity.followOn' });
    }
  });
});

describe('an end before the start is bad input, not a finding', () => {
  test('rejected by the parser at activity.end', () => {
    const r = parsePlan(planInput({ activity: { kind: 'capacity', start: '2024-04-01', end: '2024-03-31' } }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors).toEqual([{ path: 'activity.end', message: expect.stringContaining('before it starts') }]);
  });

  test('a one-day activity (end = start) is not bad input', () => {
    expect(codes(capacity('2024-04-01', '2024-04-01'))).toEqual(['period.too-short']);
  });
});
