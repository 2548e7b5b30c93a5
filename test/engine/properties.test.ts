/**
 * Properties over random plans: what holds for every plan a user could write, not only the examples we thought of.
 */
import fc from 'fast-check';
import { evaluate, worstVerdict } from '../../src/evaluate';
import { SECTIONS, TRANSFER_ACTS } from '../../src/policy';
import { lineArb, planArb, typedDecimal, valueOf } from './arbitraries';
import { evaluateParsed, parsed, planInput, SPEC_CODES } from './plans';

const SECTION_VALUES = new Set<string>([...Object.values(SECTIONS), ...TRANSFER_ACTS.map((a) => a.section)]);
/** Codes the engine adds to the spec's table: an info finding for a confirmed item without its evidence note. */
const EXTRA_CODES: Record<string, string> = { 'checklist.no-evidence': 'info' };

describe('random valid plans', () => {
  test('never throw, and every finding keeps the contract', () => {
    fc.assert(
      fc.property(planArb, (input) => {
        const e = evaluateParsed(input);
        for (const f of e.findings) {
          const severity = SPEC_CODES[f.code] ?? EXTRA_CODES[f.code];
          expect(severity).toBe(f.severity);
          expect(SECTION_VALUES.has(f.section)).toBe(true);
          expect(f.path).toMatch(/^(lines(\[\d+\](\.(item|unit|baseline2021|targetYears|capacity\.\d{4}))?)?|activity\.\w+|checklist\.[\w.-]+|overseas\[\d+\]|yearBasis)$/);
          expect(f.messages.ja.length).toBeGreaterThan(0);
          expect(f.messages.en.length).toBeGreaterThan(0);
          expect(`${f.messages.ja} ${f.messages.en}`).not.toMatch(/undefined|NaN|\[object/);
        }
        // Lines keep input order; the plan's verdict is its worst scenario's.
        expect(e.lines.map((l) => l.index)).toEqual(input.lines.map((_, i) => i));
        if (e.scenarios.length > 0) expect(e.verdict).toBe(worstVerdict(e.scenarios.map((s) => s.verdict)));
      }),
      { numRuns: 200 },
    );
  });

  test('a target year is met exactly when its shortfall is 0; other years carry no shortfall', () => {
    fc.assert(
      fc.property(lineArb, (line) => {
        const e = evaluate(parsed(planInput({ lines: [line] })));
        for (const y of e.lines[0].years) {
          if (y.target) {
            expect(y.status === 'met').toBe(y.shortfall === 0);
            expect(y.shortfall).toBeGreaterThanOrEqual(0);
          } else {
            expect(y.status).toBe('info');
            expect(y.shortfall).toBeNull();
          }
        }
        const shortYears = e.lines[0].years.filter((y) => y.status === 'short').map((y) => y.year);
        expect(e.findings.filter((f) => f.code === 'target.short').map((f) => f.year)).toEqual(shortYears);
      }),
      { numRuns: 500 },
    );
  });

  test('scaling baseline and forecasts by the same power of ten keeps every status', () => {
    const scaledLine = fc.record({
      use: fc.constantFrom('machine-tools', 'robots', 'machine-tools-and-robots'),
      baseline: typedDecimal(1),
      forecasts: fc.array(fc.tuple(fc.integer({ min: 2022, max: 2033 }), typedDecimal()), { maxLength: 8 }),
      shift: fc.integer({ min: -4, max: 4 }),
    });
    fc.assert(
      fc.property(scaledLine, ({ use, baseline, forecasts, shift }) => {
        const at = (k: number) => ({
          item: 'cnc',
          use,
          baseline2021: valueOf(baseline, k),
          capacity: Object.fromEntries(forecasts.map(([y, d]) => [String(y), valueOf(d, k)])),
        });
        const a = evaluate(parsed(planInput({ lines: [at(0)] })));
        const b = evaluate(parsed(planInput({ lines: [at(shift)] })));
        expect(b.lines[0].years.map((y) => [y.year, y.status])).toEqual(a.lines[0].years.map((y) => [y.year, y.status]));
        expect(b.lines[0].years.map((y) => y.ratio)).toEqual(a.lines[0].years.map((y) => y.ratio));
      }),
      { numRuns: 500 },
    );
  });

  test('a forecast exactly at multiplier × baseline is met, one unit in the last typed place less is short', () => {
    fc.assert(
      fc.property(typedDecimal(1), fc.integer({ min: 2025, max: 2030 }), (baseline, year) => {
        // Machine tools 2026 is 1.3×: required = 13 × baseline.int × 10^-(scale + 1), written exactly.
        const required = { int: baseline.int * 13, scale: baseline.scale + 1 };
        const less = { int: required.int - 1, scale: required.scale };
        const line = (d: typeof required) => ({ item: 'cnc', use: 'machine-tools', baseline2021: valueOf(baseline), capacity: { 2026: valueOf(d) }, targetYears: [2026, year].filter((y, i, a) => a.indexOf(y) === i) });
        const met = evaluate(parsed(planInput({ lines: [line(required)] })));
        const short = evaluate(parsed(planInput({ lines: [line(less)] })));
        expect(met.lines[0].years.find((y) => y.year === 2026)!.status).toBe('met');
        const s = short.lines[0].years.find((y) => y.year === 2026)!;
        expect(s.status).toBe('short');
        expect(s.shortfall).toBe(valueOf({ int: 1, scale: required.scale }));
      }),
      { numRuns: 300 },
    );
  });
});
