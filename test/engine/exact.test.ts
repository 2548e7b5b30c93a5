/**
 * The engine's fast exact arithmetic (src/evaluate/exact.ts) against its decimal.js reference: any difference would
 * be a wrong verdict or a wrong shortfall on someone's plan.
 */
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { MULTIPLIERS } from '../../src/policy';
import { lessThan, ratioDecimal, ratioDownText, ratioDownTextDecimal, ratioOf, scaledFromText, targetMath, targetMathDecimal, toScaled } from '../../src/evaluate/exact';
import { typedDecimal, valueOf } from './arbitraries';

const multipliers = [...new Set(Object.values(MULTIPLIERS).flatMap((row) => Object.values(row)))];

/** Numbers people type, numbers from formulas (floating noise), and the extremes. */
const anyNumber = fc.oneof(
  typedDecimal().map((d) => valueOf(d)),
  typedDecimal().map((d) => valueOf(d) * 1.1),
  fc.double({ min: 0, max: 1e20, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, 1e-7, 1e15, 1e15 - 1, 123456789012345.6, 0.1 + 0.2, 9007199254740991, 1e21, 5e-324),
);
const positive = anyNumber.filter((n) => n > 0);

describe('exact arithmetic: fast path = decimal.js reference', () => {
  test('targetMath', () => {
    fc.assert(
      fc.property(fc.option(anyNumber, { nil: null }), positive, fc.constantFrom(...multipliers), (forecast, baseline, m) => {
        expect(targetMath(forecast, baseline, m)).toEqual(targetMathDecimal(forecast, baseline, m));
      }),
      { numRuns: 5000 },
    );
  });

  test('ratioOf', () => {
    fc.assert(
      fc.property(anyNumber, positive, (capacity, baseline) => {
        expect(ratioOf(capacity, baseline)).toBe(ratioDecimal(capacity, baseline));
      }),
      { numRuns: 5000 },
    );
  });

  test('ratioDownText (the ratio the table prints, cut to 3 places)', () => {
    fc.assert(
      fc.property(anyNumber.filter((n) => n >= 0), positive, fc.integer({ min: 0, max: 6 }), (capacity, baseline, places) => {
        expect(ratioDownText(capacity, baseline, places)).toBe(ratioDownTextDecimal(capacity, baseline, places));
      }),
      { numRuns: 5000 },
    );
    // A short year never shows a ratio that looks met; an exact multiple shows exactly.
    expect(ratioDownText(4332.8, 3333)).toBe('1.299');
    expect(ratioDownText(3.9, 3)).toBe('1.300');
    expect(ratioDownText(0, 7)).toBe('0.000');
  });

  test('lessThan', () => {
    fc.assert(
      fc.property(anyNumber, anyNumber, (a, b) => {
        const ref = new Decimal(a).toSignificantDigits(15).lt(new Decimal(b).toSignificantDigits(15));
        expect(lessThan(a, b)).toBe(ref);
      }),
      { numRuns: 5000 },
    );
  });

  test('toScaled reads a number as its shortest text does, or declines', () => {
    fc.assert(
      fc.property(anyNumber, (n) => {
        const fast = toScaled(n);
        const d = new Decimal(n); // decimal.js reads the shortest round-trip text too
        if (fast) {
          expect(new Decimal(fast.int).div(new Decimal(10).pow(fast.scale)).eq(d)).toBe(true);
          expect(fast.scale === 0 || fast.int % 10 !== 0).toBe(true);
          const fromText = scaledFromText(String(n));
          if (fromText) expect(fast).toEqual(fromText);
        } else {
          expect(d.sd() > 15 || d.abs().gte(1e15) || d.decimalPlaces() > 22).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
  });

  test('the cases the engine is known for', () => {
    expect(targetMath(3.9, 3, '1.3')).toEqual({ met: true, requiredCapacity: 3.9, shortfall: 0 });
    expect(targetMath(11.2, 7, '1.6')).toEqual({ met: true, requiredCapacity: 11.2, shortfall: 0 });
    expect(targetMath(4332.8, 3333, '1.3')).toEqual({ met: false, requiredCapacity: 4332.9, shortfall: 0.1 });
    expect(targetMath(null, 3333, '1.3')).toEqual({ met: false, requiredCapacity: 4332.9, shortfall: 4332.9 });
    expect(ratioOf(4332.8, 3333)).toBe(1.29997);
  });
});
