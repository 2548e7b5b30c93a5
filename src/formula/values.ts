/**
 * The values formulas work with, and Excel's rules for turning one kind into another (a blank is 0 or "", "TRUE"
 * is not a number, text compares without case, numbers compare to 15 significant digits).
 */

export interface ErrorValue {
  error: string;
}
export type Scalar = number | string | boolean | null | ErrorValue;
/** A range argument: rows of values. */
export interface RangeValue {
  range: Scalar[][];
}
export type Value = Scalar | RangeValue;

/**
 * Thrown for what the evaluator does not implement (a function it does not know, a wrong number of arguments,
 * whole-column ranges). Callers show nothing rather than a guess. Not an Error subclass on purpose: it is thrown
 * and caught for many cells at a time, and capturing a stack trace each time is slow.
 */
export class Unsupported {
  constructor(readonly message: string) {}
}

/** An Excel error value travelling up through the evaluation (#DIV/0!, #VALUE!, …), caught where a formula ends. */
export class ErrorSignal {
  constructor(readonly value: ErrorValue) {}
}

export const VALUE_ERROR: ErrorValue = { error: '#VALUE!' };
export const DIV_ZERO: ErrorValue = { error: '#DIV/0!' };
export const NOT_AVAILABLE: ErrorValue = { error: '#N/A' };
export const REF_ERROR: ErrorValue = { error: '#REF!' };

export function isError(v: unknown): v is ErrorValue {
  return typeof v === 'object' && v !== null && 'error' in v;
}

export function isRange(v: Value): v is RangeValue {
  return typeof v === 'object' && v !== null && 'range' in v;
}

export function fail(error: ErrorValue): never {
  throw new ErrorSignal(error);
}

/** The text a number shows as in formulas (=A1&"" gives "1.5"; 15 significant digits, as Excel). */
export function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const text = String(Number(n.toPrecision(15)));
  // Excel writes exponents as E+20 / E-07.
  return text.replace(/e([+-])(\d)$/, 'E$10$2').replace(/e/, 'E');
}

/** Text Excel reads as a number (=VALUE("1,200"), ="3"+1): digits, separators, a sign, an exponent, a percent sign. */
export function numberFromText(text: string): number | undefined {
  const t = text.trim().replace(/,/g, '');
  if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?$/.test(t)) return undefined;
  return t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
}

export function toNumber(v: Scalar): number {
  if (isError(v)) fail(v);
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = numberFromText(v);
  if (n === undefined) fail(VALUE_ERROR);
  return n;
}

export function toText(v: Scalar): string {
  if (isError(v)) fail(v);
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return numberText(v);
  return v;
}

export function toBoolean(v: Scalar): boolean {
  if (isError(v)) fail(v);
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  const upper = v.toUpperCase();
  if (upper === 'TRUE') return true;
  if (upper === 'FALSE') return false;
  return fail(VALUE_ERROR);
}

/** Excel's comparison: numbers < text < logicals; text case-insensitive; a blank is 0, "" or FALSE as the other side. */
export function compare(a: Scalar, b: Scalar): number {
  if (isError(a)) fail(a);
  if (isError(b)) fail(b);
  if (a === null && b === null) return 0;
  if (a === null) a = typeof b === 'number' ? 0 : typeof b === 'string' ? '' : false;
  if (b === null) b = typeof a === 'number' ? 0 : typeof a === 'string' ? '' : false;
  const rank = (x: Scalar) => (typeof x === 'number' ? 0 : typeof x === 'string' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'string') {
    const x = a.toLowerCase();
    const y = (b as string).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(a);
  const y = Number(b);
  // Excel compares to 15 significant digits.
  if (Math.abs(x - y) <= Math.abs(x) * 1e-15) return 0;
  return x < y ? -1 : 1;
}

/** A range used where one value is expected: Excel's implicit intersection, simplified to a 1×1 range. */
export function singleValue(v: Value): Scalar {
  if (!isRange(v)) return v;
  if (v.range.length === 1 && v.range[0].length === 1) return v.range[0][0];
  return fail(VALUE_ERROR);
}
