/**
 * The live formulas compare in binary floating point, as spreadsheets do; the engine compares exact decimals. This
 * simulates the formulas' arithmetic (IEEE doubles, ROUND half away from zero, and LibreOffice's habit of treating
 * a difference below 2^-48 of the operands as zero) and checks that met/short and the shortfall agree with the
 * engine everywhere in the documented precision domain. LibreOffice itself checks the boundary cases in
 * test/libreoffice.
 */
import fc from 'fast-check';
import Decimal from 'decimal.js';
import { MULTIPLIERS } from '../../src/policy';
import { ROUND_DIGITS, SIGNIFICANT_DIGITS } from '../../src/workbook/layout/geometry';

const MULTIPLES = [...new Set(Object.values(MULTIPLIERS).flatMap((m) => Object.values(m)))];

/** Excel's ROUND: half away from zero. */
function round(x: number, d: number): number {
  const f = 10 ** d;
  return (Math.sign(x) * Math.round(Math.abs(x) * f)) / f;
}

function digits(x: number): number {
  return Math.min(ROUND_DIGITS, SIGNIFICANT_DIGITS - Math.floor(Math.log10(Math.max(1, Math.abs(x)))));
}

/** a − b as LibreOffice computes it (rtl::math::approxSub). */
function subLO(a: number, b: number): number {
  const d = a - b;
  return Math.abs(d) < Math.max(Math.abs(a), Math.abs(b)) * 2 ** -48 ? 0 : d;
}

/** The status and shortfall formulas, in doubles. */
function formula(forecast: number, multiple: number, baseline: number, sub: (a: number, b: number) => number) {
  const required = round(multiple * baseline, digits(multiple * baseline));
  const met = round(sub(forecast, required), digits(required)) >= 0;
  const shortfall = Math.max(0, round(sub(required, forecast), digits(required)));
  return { met, shortfall, required };
}

function engine(forecast: string, multiple: string, baseline: string) {
  const required = new Decimal(multiple).times(baseline);
  return { met: new Decimal(forecast).gte(required), shortfall: Decimal.max(0, required.minus(forecast)).toNumber(), required: required.toNumber() };
}

function agree(forecast: Decimal, multiple: string, baseline: Decimal): string | null {
  const e = engine(forecast.toFixed(), multiple, baseline.toFixed());
  for (const [name, sub] of [
    ['Excel', (a: number, b: number) => a - b],
    ['LibreOffice', subLO],
  ] as const) {
    const f = formula(forecast.toNumber(), Number(multiple), baseline.toNumber(), sub);
    if (f.met !== e.met || f.shortfall !== e.shortfall || f.required !== e.required) {
      return `${name}: ${forecast.toFixed()} against ${multiple} × ${baseline.toFixed()}: formula ${JSON.stringify(f)}, engine ${JSON.stringify(e)}`;
    }
  }
  return null;
}

test('the worked examples of the seed and the brief', () => {
  expect(agree(new Decimal('3.9'), '1.3', new Decimal('3'))).toBeNull();
  expect(agree(new Decimal('11.2'), '1.6', new Decimal('7'))).toBeNull();
  expect(agree(new Decimal('4332.9'), '1.3', new Decimal('3333'))).toBeNull();
  expect(agree(new Decimal('4332.8'), '1.3', new Decimal('3333'))).toBeNull();
  expect(formula(4332.8, 1.3, 3333, (a, b) => a - b).shortfall).toBe(0.1);
  // Without the rounding, binary floating point gets it wrong: this is what the formulas protect against.
  expect(4332.9 >= 1.3 * 3333).toBe(false);
});

test('inputs with up to 5 decimals and required capacities below 1e8: formulas agree with the engine', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: Math.floor((1e8 / 1.7) * 1e5) }),
      fc.constantFrom(...MULTIPLES),
      fc.integer({ min: -30, max: 30 }),
      fc.boolean(),
      (b, m, step, exact) => {
        const baseline = new Decimal(b).div(1e5);
        const required = new Decimal(m).times(baseline);
        // A forecast with 5 decimals at or near the requirement, in steps of the smallest unit.
        const near = required.toDecimalPlaces(5, exact ? Decimal.ROUND_UP : Decimal.ROUND_DOWN).plus(new Decimal(step).div(1e5));
        const forecast = near.isNegative() ? new Decimal(0) : near;
        return agree(forecast, m, baseline) === null;
      },
    ),
    { numRuns: 20_000 },
  );
});

test('whole numbers up to 1e12 (capacities in yen): formulas agree with the engine', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: Math.floor(1e12 / 1.7) }),
      fc.constantFrom(...MULTIPLES),
      fc.integer({ min: -3, max: 3 }),
      (b, m, step) => {
        const baseline = new Decimal(b);
        const forecast = Decimal.max(0, new Decimal(m).times(baseline).floor().plus(step));
        return agree(forecast, m, baseline) === null;
      },
    ),
    { numRuns: 20_000 },
  );
});
