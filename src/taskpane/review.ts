/**
 * The review list a manager reads: every finding says where it is (scenario, item, site, target group), the list is
 * sorted by severity and then by how large the gap is relative to what is required, and it can be narrowed to a
 * scenario and to severities. Pure, so the order is tested without rendering.
 */
import type { Evaluation, Finding, Severity } from '../evaluate';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** shortfall ÷ required capacity: 0.25 = a quarter of what is required is missing. */
export function gapRatio(f: Pick<Finding, 'gap'>): number {
  const g = f.gap;
  if (!g || !(g.requiredCapacity > 0)) return 0;
  return g.shortfall / g.requiredCapacity;
}

/** Severity first, then the larger relative gap, then the engine's own order (stable). */
export function sortFindings<F extends Finding>(findings: readonly F[]): F[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || gapRatio(b.f) - gapRatio(a.f) || a.i - b.i)
    .map((x) => x.f);
}

/** '' = every finding; PLAN_WIDE = findings about the plan as a whole (no scenario); else a scenario's name. */
export const PLAN_WIDE = '\u0000plan';

export interface ReviewFilter {
  scenario: string;
  severities: readonly Severity[];
}

export function filterFindings<F extends Finding>(findings: readonly F[], filter: ReviewFilter): F[] {
  return findings.filter((f) => {
    if (!filter.severities.includes(f.severity)) return false;
    if (filter.scenario === '') return true;
    if (filter.scenario === PLAN_WIDE) return f.scenario === undefined;
    return f.scenario === filter.scenario;
  });
}

/**
 * Units counted in whole things (台, 本, 個, セット, units, pcs …): capacity of 4,332.9 such things a year is met in
 * practice at 4,333. A unit like "t/年" or "kg" is not.
 */
const WHOLE_UNIT = /(台|本|個|セット|基|枚|組|式|軸|\bunits?\b|\bpcs\b|\bpieces?\b|\bsets?\b|\bea\b)/i;

export function isWholeUnit(unit: string): boolean {
  return WHOLE_UNIT.test(unit.normalize('NFKC'));
}

/** The forecast that closes a gap in practice: the required capacity, rounded up for whole units. */
export function closingValue(requiredCapacity: number, unit: string): number {
  // 3,333 × 1.3 is 4,332.9 exactly; a tiny epsilon keeps binary noise (4332.900000001) from adding one.
  return isWholeUnit(unit) ? Math.ceil(requiredCapacity - 1e-9) : requiredCapacity;
}

/** The group's required capacity at each target point (what "minimum forecast path" shows). */
export function minimumPath(evaluation: Evaluation, group: number): { year: number; required: number }[] {
  const g = evaluation.groups[group];
  if (!g) return [];
  return g.years.filter((y) => y.target && y.requiredCapacity !== null).map((y) => ({ year: y.year, required: closingValue(y.requiredCapacity!, g.unit) }));
}
