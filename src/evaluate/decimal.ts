/** Exact decimal arithmetic for the engine: binary floating point gets 3 × 1.3 ≥ 3.9 wrong. */
import Decimal from 'decimal.js';

export const D = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

/**
 * The decimal a person typed. JS numbers are read through their shortest round-trip text, which is what was typed
 * for up to 15 significant digits; beyond that Excel itself keeps only 15, so we round there too (this turns
 * floating noise such as 0.30000000000000004 back into 0.3).
 */
export function dec(n: number | string): Dec {
  const d = new D(n);
  return d.isZero() ? new D(0) : d.toSignificantDigits(15);
}

/** A decimal as a JSON number (exact for every value that came in as one). */
export function num(d: Dec): number {
  return d.toNumber();
}
