/**
 * The per-year arithmetic of the engine — required capacity, met or short, shortfall, ratio — done exactly and
 * fast. A plan has one value per line and year, so a 100,000-line plan asks this a million times; decimal.js
 * objects cost microseconds each and most of the time in garbage collection.
 *
 * The fast path writes each decimal as a safe integer times a power of ten (4332.9 = 43329 × 10⁻¹) and works in
 * integers, which plain numbers hold exactly below 2⁵³. Whenever a value or an intermediate result would leave that
 * range — or a number has more than 15 significant digits, which `dec` rounds — it falls back to the decimal.js
 * reference below. Both give the same results (test/engine/exact.test.ts checks that on random values).
 */
import { D, dec, num } from './decimal';

/** value = int × 10^-scale, int a safe integer. */
export interface Scaled {
  int: number;
  scale: number;
}

/** 10^0 … 10^22: the powers of ten a double holds exactly. */
const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);
const MAX_SIGNIFICANT = 15;

/** Integers of up to 15 digits: what `dec` keeps without rounding. */
const MAX_INT = 1e15;

/**
 * A number as integer × 10^-scale, equal to its shortest round-trip text (what `dec` reads), or null when that text
 * has more than 15 significant digits. Found without making the text: the smallest scale whose integer divides
 * back to exactly this number is the shortest text's scale (a shorter text would have a smaller scale), and below
 * 10¹⁵ two decimals with the same scale cannot both read back as the same number.
 */
export function toScaled(n: number): Scaled | null {
  const scale = scaleOf(n);
  return scale < 0 ? null : { int: intAt(n, scale), scale };
}

/** The scale toScaled finds for n, or -1 when it finds none. Allocates nothing, for the engine's per-year loop. */
export function scaleOf(n: number): number {
  if (Number.isInteger(n)) return Math.abs(n) < MAX_INT ? 0 : -1;
  if (!Number.isFinite(n)) return -1;
  for (let scale = 1; scale < POW10.length; scale++) {
    const int = Math.round(n * POW10[scale]);
    if (Math.abs(int) >= MAX_INT) return -1;
    // int and 10^scale are exact, and division rounds correctly: equal means int × 10^-scale reads back as n.
    if (int / POW10[scale] === n) return scale;
  }
  return -1;
}

/** The integer of n at a scale scaleOf found for it (n × 10^scale, exact there). */
export function intAt(n: number, scale: number): number {
  return scale === 0 ? (n === 0 ? 0 : n) : Math.round(n * POW10[scale]);
}

/** "4332.9" → { int: 43329, scale: 1 }; null for exponents or more than 15 significant digits. */
export function scaledFromText(text: string): Scaled | null {
  if (!/^-?\d+(\.\d+)?$/.test(text)) return null;
  const neg = text.startsWith('-');
  const body = neg ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const digits = dot < 0 ? body : body.slice(0, dot) + body.slice(dot + 1);
  const significant = digits.replace(/^0+/, '');
  if (significant.length > MAX_SIGNIFICANT) return null;
  const int = significant === '' ? 0 : Number(significant);
  return { int: neg && int !== 0 ? -int : int, scale: dot < 0 ? 0 : body.length - dot - 1 };
}

/** The number a scaled decimal stands for, correctly rounded (as decimal.js's toNumber gives it). */
export function fromScaled(int: number, scale: number): number {
  if (int === 0) return 0;
  // Both operands are exact and IEEE division rounds correctly, so this is the number nearest the decimal.
  const p = POW10[scale];
  return p === undefined ? Number(`${int}e-${scale}`) : int / p;
}

/** a and b at a common scale, or null when either leaves the safe range. */
function align(a: Scaled, b: Scaled): { a: number; b: number; scale: number } | null {
  const scale = Math.max(a.scale, b.scale);
  const fa = POW10[scale - a.scale];
  const fb = POW10[scale - b.scale];
  if (fa === undefined || fb === undefined) return null;
  const x = a.int * fa;
  const y = b.int * fb;
  // A product of integers that is exact stays ≤ 2⁵³ − 1; an inexact one rounds to 2⁵³ or more.
  return Number.isSafeInteger(x) && Number.isSafeInteger(y) ? { a: x, b: y, scale } : null;
}

const multiplierCache = new Map<string, Scaled | null>();
const multiplierValues = new Map<string, number>();

function scaledMultiplier(multiplier: string): Scaled | null {
  let s = multiplierCache.get(multiplier);
  if (s === undefined) multiplierCache.set(multiplier, (s = scaledFromText(multiplier)));
  return s;
}

/** A multiplier of the table ("1.3") as a number, parsed once. */
export function multiplierValue(multiplier: string): number {
  let v = multiplierValues.get(multiplier);
  if (v === undefined) multiplierValues.set(multiplier, (v = new D(multiplier).toNumber()));
  return v;
}

export interface TargetMath {
  /** forecast ≥ multiplier × baseline, exactly. */
  met: boolean;
  /** multiplier × baseline. */
  requiredCapacity: number;
  /** max(0, required − forecast); the whole required capacity when there is no forecast. */
  shortfall: number;
}

/** The reference: decimal.js all the way. */
export function targetMathDecimal(forecast: number | null, baseline: number, multiplier: string): TargetMath {
  const required = new D(multiplier).times(dec(baseline));
  if (forecast === null) return { met: false, requiredCapacity: num(required), shortfall: num(required) };
  const f = dec(forecast);
  const met = f.gte(required);
  return { met, requiredCapacity: num(required), shortfall: met ? 0 : num(required.minus(f)) };
}

/** Is a target point met, and by how much is it short? Exact; see the module comment for how it is fast. */
export function targetMath(forecast: number | null, baseline: number, multiplier: string): TargetMath {
  const fScale = forecast === null ? -1 : scaleOf(forecast);
  const bScale = scaleOf(baseline);
  return targetMathAt(forecast, fScale, baseline, bScale, multiplier);
}

/**
 * targetMath with the forecast's and the baseline's scales already found (`scaleOf`, -1 for none), as a line's
 * loop has them: no object is made on the way.
 */
export function targetMathAt(forecast: number | null, fScale: number, baseline: number, bScale: number, multiplier: string): TargetMath {
  const m = scaledMultiplier(multiplier);
  if (!m || bScale < 0) return targetMathDecimal(forecast, baseline, multiplier);
  const requiredInt = m.int * intAt(baseline, bScale);
  if (!Number.isSafeInteger(requiredInt)) return targetMathDecimal(forecast, baseline, multiplier);
  const requiredScale = m.scale + bScale;
  const requiredCapacity = fromScaled(requiredInt, requiredScale);
  if (forecast === null) return { met: false, requiredCapacity, shortfall: requiredCapacity };
  if (fScale < 0) return targetMathDecimal(forecast, baseline, multiplier);
  // Both at one scale: the larger of the two.
  const scale = Math.max(fScale, requiredScale);
  const ff = POW10[scale - fScale];
  const fr = POW10[scale - requiredScale];
  if (ff === undefined || fr === undefined) return targetMathDecimal(forecast, baseline, multiplier);
  const x = intAt(forecast, fScale) * ff;
  const y = (requiredInt === 0 ? 0 : requiredInt) * fr;
  // A product of integers that is exact stays ≤ 2⁵³ − 1; an inexact one rounds to 2⁵³ or more.
  if (!Number.isSafeInteger(x) || !Number.isSafeInteger(y)) return targetMathDecimal(forecast, baseline, multiplier);
  if (x >= y) return { met: true, requiredCapacity, shortfall: 0 };
  const gap = y - x;
  if (!Number.isSafeInteger(gap)) return targetMathDecimal(forecast, baseline, multiplier);
  return { met: false, requiredCapacity, shortfall: fromScaled(gap, scale) };
}

/** The reference: capacity ÷ baseline rounded half up to 6 places, in decimal.js. */
export function ratioDecimal(capacity: number, baseline: number): number {
  return num(dec(capacity).div(dec(baseline)).toDecimalPlaces(6));
}

const RATIO_PLACES = 6;

/** capacity ÷ baseline, rounded half up (away from zero) to 6 decimal places. */
export function ratioOf(capacity: number, baseline: number): number {
  return ratioAt(capacity, scaleOf(capacity), baseline, scaleOf(baseline));
}

/** ratioOf with both scales already found (`scaleOf`, -1 for none), as a line's loop has them. */
export function ratioAt(capacity: number, cScale: number, baseline: number, bScale: number): number {
  const q = cScale < 0 || bScale < 0 ? null : quotient(intAt(capacity, cScale), cScale, intAt(baseline, bScale), bScale, RATIO_PLACES, true);
  return q === null ? ratioDecimal(capacity, baseline) : fromScaled(q, RATIO_PLACES);
}

/**
 * (cInt × 10^-cScale) ÷ (bInt × 10^-bScale) × 10^places as an integer, exactly: rounded half up (away from zero)
 * or cut toward zero. Null when an intermediate leaves the safe integers (the caller falls back to decimal.js).
 */
function quotient(cInt: number, cScale: number, bInt: number, bScale: number, places: number, halfUp: boolean): number | null {
  if (bInt === 0) return null;
  // ratio × 10^places = cInt × 10^(bScale − cScale + places) ÷ bInt
  const e = bScale - cScale + places;
  const up = POW10[Math.abs(e)];
  if (up === undefined) return null;
  const numerator = Math.abs(e >= 0 ? cInt * up : cInt);
  const denominator = Math.abs(e >= 0 ? bInt : bInt * up);
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) return null;
  let q = Math.floor(numerator / denominator);
  const product = q * denominator;
  if (!Number.isSafeInteger(product)) return null;
  let r = numerator - product;
  // The floating division may land one off near an integer; the remainder tells, and puts it right.
  if (r < 0) {
    q -= 1;
    r += denominator;
  } else if (r >= denominator) {
    q += 1;
    r -= denominator;
  }
  if (halfUp && 2 * r >= denominator) q += 1;
  const negative = cInt < 0 !== bInt < 0;
  return negative ? -q : q;
}

/** The reference: capacity ÷ baseline cut toward zero to `places` decimals, as text with that many, in decimal.js. */
export function ratioDownTextDecimal(capacity: number, baseline: number, places: number): string {
  return new D(capacity).div(baseline).toDecimalPlaces(places, D.ROUND_DOWN).toFixed(places);
}

/**
 * capacity ÷ baseline cut toward zero to `places` decimals, as text with exactly that many ("1.299"): what the
 * table prints, so a short year never shows a ratio that looks met. Exact, without decimal.js on every cell.
 */
export function ratioDownText(capacity: number, baseline: number, places = 3): string {
  const cScale = capacity < 0 ? -1 : scaleOf(capacity);
  const bScale = baseline <= 0 ? -1 : scaleOf(baseline);
  const q = cScale < 0 || bScale < 0 ? null : quotient(intAt(capacity, cScale), cScale, intAt(baseline, bScale), bScale, places, false);
  if (q === null) return ratioDownTextDecimal(capacity, baseline, places);
  const digits = String(q).padStart(places + 1, '0');
  return places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

/** a < b for two decimals as `dec` reads them. */
export function lessThan(a: number, b: number): boolean {
  const x = toScaled(a);
  const y = toScaled(b);
  const at = x && y ? align(x, y) : null;
  return at ? at.a < at.b : dec(a).lt(dec(b));
}

/** The reference: a sum in decimal.js, each term read as `dec` reads it. */
export function sumDecimal(values: readonly number[]): number {
  let total = new D(0);
  for (const v of values) total = total.plus(dec(v));
  return num(total);
}

/**
 * The exact sum of decimals (a target group's forecasts or baselines), as the number nearest it: 0.1 + 0.2 is 0.3.
 * Integers at a common scale while they stay safe, decimal.js otherwise.
 */
export function sumExact(values: readonly number[]): number {
  if (values.length === 1) return values[0];
  let scale = 0;
  for (const v of values) {
    const s = scaleOf(v);
    if (s < 0) return sumDecimal(values);
    if (s > scale) scale = s;
  }
  let total = 0;
  for (const v of values) {
    const term = intAt(v, scaleOf(v)) * POW10[scale - scaleOf(v)];
    total += term;
    if (!Number.isSafeInteger(term) || !Number.isSafeInteger(total)) return sumDecimal(values);
  }
  return fromScaled(total, scale);
}
