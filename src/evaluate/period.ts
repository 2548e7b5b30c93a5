/**
 * Periods of years as the Civil Code counts them (民法第143条), as Japanese applications do: a period of N years
 * starting on day S ends on the day before S's same date N years later; where that date does not exist
 * (29 February), on the last day of that month.
 */

export interface YMD {
  y: number;
  m: number;
  d: number;
}

export function parseYMD(s: string): YMD {
  const [y, m, d] = s.split('-').map(Number);
  return { y, m, d };
}

export function formatYMD({ y, m, d }: YMD): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The last day of a period of `years` years that starts on `start` (both days included). */
export function periodEnd(start: string, years: number): string {
  const s = parseYMD(start);
  const y = s.y + years;
  if (s.d > daysInMonth(y, s.m)) return formatYMD({ y, m: s.m, d: daysInMonth(y, s.m) });
  const dt = new Date(Date.UTC(y, s.m - 1, s.d - 1));
  return formatYMD({ y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() });
}

/** Whole years from start to end (both days included), as the Civil Code counts them. */
export function fullYears(start: string, end: string): number {
  let n = Math.max(0, parseYMD(end).y - parseYMD(start).y);
  while (n > 0 && periodEnd(start, n) > end) n--;
  while (periodEnd(start, n + 1) <= end) n++;
  return n;
}
