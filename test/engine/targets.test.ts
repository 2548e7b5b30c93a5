/**
 * Capacity targets (第3章第2節 i and the figure under it): the multiplier table, target points, exact comparison,
 * shortfall and ratio, and keeping capacity after the last target point (第3章第6節(2)).
 * The expected numbers are written out here on purpose: they are the seed's table, checked against policy/.
 */
import { requiredMultiplier, SECTIONS, type UseId } from '../../src/policy';
import { targetPoints } from '../../src/evaluate';
import { codes, evaluateLines, findingsWith, goodLine } from './plans';

const TABLE: Record<UseId, Record<number, string>> = {
  'machine-tools': { 2025: '1.2', 2026: '1.3', 2027: '1.4', 2028: '1.4', 2029: '1.5', 2030: '1.6' },
  'machine-tools-and-robots': { 2025: '1.2', 2026: '1.3', 2027: '1.4', 2028: '1.4', 2029: '1.5', 2030: '1.6' },
  robots: { 2025: '1.3', 2026: '1.3', 2027: '1.4', 2028: '1.5', 2029: '1.6', 2030: '1.7' },
};
const USES = Object.keys(TABLE) as UseId[];

describe('the multiplier table (第3章第2節 i)', () => {
  test.each(USES.flatMap((use) => Object.entries(TABLE[use]).map(([year, m]) => [use, Number(year), m] as const)))(
    '%s %i requires %s× 2021',
    (use, year, m) => {
      expect(requiredMultiplier(use, year)).toBe(m);
    },
  );

  test.each(USES)('%s: target points up to 2025 read the 「2025年以前」 column', (use) => {
    for (const year of [2022, 2023, 2024, 2025]) expect(requiredMultiplier(use, year)).toBe(TABLE[use][2025]);
  });

  test.each(USES)('%s: 2030 has a target, 2031 has none', (use) => {
    expect(requiredMultiplier(use, 2030)).toBe(TABLE[use][2030]);
    expect(requiredMultiplier(use, 2031)).toBeNull();
  });

  test.each(USES.flatMap((use) => Object.entries(TABLE[use]).map(([year, m]) => [use, Number(year), m] as const)))(
    '%s %i: forecast exactly %s × baseline is met, 0.1 less is short by 0.1',
    (use, year, m) => {
      const required = (Number(m) * 1000).toFixed(0); // baseline 1000: 1.3 → 1300, exact in binary too
      const met = evaluateLines(goodLine({ use, baseline2021: 1000, capacity: { [year]: Number(required) } }));
      const y = met.lines[0].years.find((r) => r.year === year)!;
      expect(y).toMatchObject({ target: true, status: 'met', required: Number(m), requiredCapacity: Number(required), shortfall: 0 });

      const short = evaluateLines(goodLine({ use, baseline2021: 1000, capacity: { [year]: Number(required) - 0.1 } }));
      const s = short.lines[0].years.find((r) => r.year === year)!;
      expect(s).toMatchObject({ status: 'short', shortfall: 0.1 });
      expect(findingsWith(short, 'target.short')).toHaveLength(1);
      expect(findingsWith(short, 'target.short')[0]).toMatchObject({ path: `lines[0].capacity.${year}`, year, line: 0 });
    },
  );

  test('named target points 2022 and 2024 are held to the 2025 column', () => {
    const e = evaluateLines(goodLine({ use: 'robots', capacity: { 2022: 130, 2024: 129.9, 2030: 170 }, targetYears: [2022, 2024, 2030] }));
    const years = Object.fromEntries(e.lines[0].years.map((y) => [y.year, y]));
    expect(years[2022]).toMatchObject({ target: true, required: 1.3, status: 'met' });
    expect(years[2024]).toMatchObject({ target: true, required: 1.3, status: 'short', shortfall: 0.1 });
    // 2022 is before the activity starts (2024-04-01): not its achievement (policy-rules §3).
    expect(codes(e)).toEqual(['target.before-activity', 'target.short']);
    expect(findingsWith(e, 'target.before-activity')[0]).toMatchObject({ severity: 'warning', year: 2022 });
  });
});

describe('target points', () => {
  test('default: every forecast year from 2025 to 2030 the line has', () => {
    const capacity = { 2023: 1, 2024: 1, 2025: 1, 2027: 1, 2030: 1, 2031: 1, 2035: 1 };
    expect(targetPoints({ capacity })).toEqual([2025, 2027, 2030]);
  });

  test('named ones replace the default, sorted and without duplicates', () => {
    expect(targetPoints({ capacity: { 2025: 1, 2026: 1 }, targetYears: [2030, 2027, 2027] })).toEqual([2027, 2030]);
  });

  test('years before 2025 that are not target points, and years after 2030, are informational', () => {
    const e = evaluateLines(goodLine({ capacity: { 2023: 1, 2024: 1, 2025: 120, 2030: 160, 2031: 170, 2032: 500 } }));
    const status = Object.fromEntries(e.lines[0].years.map((y) => [y.year, y.status]));
    expect(status).toEqual({ 2023: 'info', 2024: 'info', 2025: 'met', 2030: 'met', 2031: 'info', 2032: 'info' });
    const info = e.lines[0].years.filter((y) => y.status === 'info');
    for (const y of info) expect(y).toMatchObject({ target: false, required: null, requiredCapacity: null, shortfall: null });
    expect(e.findings).toEqual([]);
    expect(e.verdict).toBe('eligible');
  });

  test('a named year that is not a forecast year is still checked, and short with no forecast', () => {
    const e = evaluateLines(goodLine({ capacity: { 2025: 120 }, targetYears: [2025, 2028] }));
    const y2028 = e.lines[0].years.find((y) => y.year === 2028)!;
    expect(y2028).toMatchObject({ capacity: null, target: true, status: 'short', requiredCapacity: 140, shortfall: 140, ratio: null });
    const [f] = findingsWith(e, 'target.short');
    expect(f.path).toBe('lines[0].capacity.2028');
    expect(f.messages.en).toContain('No capacity forecast for target point 2028');
  });

  test('a named target point after 2030 is shown for reference (target.after-2030, info); 2030 itself is fine', () => {
    const ok = evaluateLines(goodLine({ targetYears: [2030] }));
    expect(codes(ok)).toEqual([]);
    const e = evaluateLines(goodLine({ capacity: { 2030: 160, 2031: 170 }, targetYears: [2030, 2031] }));
    const [f] = findingsWith(e, 'target.after-2030');
    expect(f).toMatchObject({ severity: 'info', section: SECTIONS.capacityTargets, path: 'lines[0].targetYears', year: 2031 });
    expect(e.verdict).toBe('eligible');
    expect(codes(e)).toEqual(['target.after-2030']);
    // 2031 is shown, as information, not checked.
    expect(e.lines[0].years.find((y) => y.year === 2031)).toMatchObject({ target: false, status: 'info' });
    expect(e.lines[0].targetYears).toEqual([2030]);
  });

  test('no target point up to 2030 cannot be certified (target.none)', () => {
    const onlyLate = evaluateLines(goodLine({ capacity: { 2024: 100, 2031: 200 } }));
    expect(codes(onlyLate)).toEqual(['target.none']);
    expect(findingsWith(onlyLate, 'target.none')[0]).toMatchObject({ severity: 'error', path: 'lines[0].targetYears' });

    const namedLate = evaluateLines(goodLine({ targetYears: [2031] }));
    expect(codes(namedLate).sort()).toEqual(['target.after-2030', 'target.none']);

    const empty = evaluateLines(goodLine({ capacity: {} }));
    expect(codes(empty)).toEqual(['target.none']);
    expect(empty.verdict).toBe('ineligible');
  });
});

describe('exact comparison (decimal, not binary floating point)', () => {
  test('baseline 3, forecast 3.9 at 1.3 is met (3 × 1.3 is 3.9000000000000004 in floating point)', () => {
    const e = evaluateLines(goodLine({ baseline2021: 3, capacity: { 2026: 3.9 } }));
    expect(e.lines[0].years[0]).toMatchObject({ year: 2026, status: 'met', shortfall: 0, requiredCapacity: 3.9, ratio: 1.3 });
    expect(e.findings).toEqual([]);
  });

  test('baseline 7, forecast 11.2 at 1.6 is met', () => {
    const e = evaluateLines(goodLine({ baseline2021: 7, capacity: { 2030: 11.2 } }));
    expect(e.lines[0].years[0]).toMatchObject({ status: 'met', shortfall: 0, requiredCapacity: 11.2, ratio: 1.6 });
  });

  test('baseline 3333 at 1.3: 4332.9 is met, 4332.8 is short by exactly 0.1', () => {
    const met = evaluateLines(goodLine({ use: 'robots', baseline2021: 3333, capacity: { 2025: 4332.9 } }));
    expect(met.lines[0].years[0]).toMatchObject({ status: 'met', shortfall: 0, requiredCapacity: 4332.9 });
    const short = evaluateLines(goodLine({ use: 'robots', baseline2021: 3333, capacity: { 2025: 4332.8 } }));
    expect(short.lines[0].years[0]).toMatchObject({ status: 'short', shortfall: 0.1, requiredCapacity: 4332.9 });
    const [f] = findingsWith(short, 'target.short');
    expect(f.messages.ja).toContain('0.1本/年 不足');
    expect(f.messages.en).toContain('is 0.1 本/年 short of the required 4,332.9 本/年 (1.3× 2021)');
  });

  test('numbers typed as text ("4,332.9", full-width digits) compare the same way', () => {
    const e = evaluateLines(goodLine({ use: 'robots', baseline2021: '３３３３', capacity: { 2025: '4,332.9', 2026: '４３３２.８' } }));
    expect(e.lines[0].years.map((y) => y.status)).toEqual(['met', 'short']);
  });
});

describe('shortfall and ratio', () => {
  test('shortfall is multiplier × baseline − forecast, in the line’s unit, and 0 when met', () => {
    const e = evaluateLines(goodLine({ baseline2021: 120000, capacity: { 2025: 140000, 2026: 156000, 2030: 185000 } }));
    const by = Object.fromEntries(e.lines[0].years.map((y) => [y.year, y]));
    expect(by[2025]).toMatchObject({ requiredCapacity: 144000, shortfall: 4000, status: 'short' });
    expect(by[2026]).toMatchObject({ requiredCapacity: 156000, shortfall: 0, status: 'met' });
    expect(by[2030]).toMatchObject({ requiredCapacity: 192000, shortfall: 7000, status: 'short' });
    expect(findingsWith(e, 'target.short').map((f) => f.year)).toEqual([2025, 2030]);
  });

  test('ratio is forecast ÷ baseline, rounded half up to 6 places, on every year with a forecast', () => {
    const e = evaluateLines(goodLine({ baseline2021: 3, capacity: { 2024: 1, 2025: 2, 2026: 4, 2031: 3.0000005 } }));
    const ratios = Object.fromEntries(e.lines[0].years.map((y) => [y.year, y.ratio]));
    expect(ratios).toEqual({ 2024: 0.333333, 2025: 0.666667, 2026: 1.333333, 2031: 1 });
  });

  test('a ratio exactly half way at the 7th place rounds up', () => {
    const e = evaluateLines(goodLine({ baseline2021: 1, capacity: { 2024: 1.0000005, 2025: 1.2000015 } }));
    expect(e.lines[0].years.map((y) => y.ratio)).toEqual([1.000001, 1.200002]);
  });

  test('ratio 1.2999997 rounds to 1.3 while the year stays short', () => {
    const e = evaluateLines(goodLine({ baseline2021: 10, capacity: { 2026: 12.999997 } }));
    expect(e.lines[0].years[0]).toMatchObject({ ratio: 1.3, status: 'short' });
  });
});

describe('capacity secured must be kept (第3章第6節(2))', () => {
  test('a year after the last target point below that point’s forecast is a warning', () => {
    const e = evaluateLines(goodLine({ capacity: { 2030: 160, 2031: 159.9, 2032: 160, 2033: 150 } }));
    const found = findingsWith(e, 'capacity.declines-after-target');
    expect(found.map((f) => f.path)).toEqual(['lines[0].capacity.2031', 'lines[0].capacity.2033']);
    expect(found[0]).toMatchObject({ severity: 'warning', section: SECTIONS.continuousInvestment, year: 2031, line: 0 });
    expect(e.lines[0].verdict).toBe('attention');
    expect(e.verdict).toBe('attention');
  });

  test('equal is kept; the last target point is the last named one', () => {
    expect(codes(evaluateLines(goodLine({ capacity: { 2030: 160, 2031: 160 } })))).toEqual([]);
    // Named 2027 is the last target point: 2028 falls below 2027's forecast.
    const e = evaluateLines(goodLine({ capacity: { 2026: 130, 2027: 140.5, 2028: 140.4 }, targetYears: [2026, 2027] }));
    expect(findingsWith(e, 'capacity.declines-after-target').map((f) => f.year)).toEqual([2028]);
  });

  test('years before the last target point may dip without a warning', () => {
    const e = evaluateLines(goodLine({ capacity: { 2025: 130, 2026: 130, 2027: 150, 2028: 145, 2029: 150, 2030: 160 } }));
    expect(codes(e)).toEqual([]);
  });
});
