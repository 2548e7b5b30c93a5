/**
 * Scenario commands as edits of the plan table: a scenario is the lines that carry its name, so creating (by
 * copying), renaming and deleting one are line edits (one `editLines` call), and marking the submission scenario is
 * a header field. Pure, so tested without rendering; the comparison is computed from the plan as read, without an
 * evaluation, so it follows every edit.
 */
import type { EvaluablePlan } from '../evaluate';
import { BASELINE_YEAR, LAST_TARGET_YEAR } from '../policy';
import type { PlanLine } from '../plan/schema';
import type { LineEdit } from './actions';

export interface ScenarioInfo {
  name: string;
  lines: number;
  submission: boolean;
}

/** The scenario submitted: the plan's choice, or the first line's (as the engine takes it). */
export function submissionOf(plan: EvaluablePlan | null | undefined): string | null {
  if (!plan) return null;
  const names = new Set(plan.lines.map((l) => l.scenario));
  if (plan.submissionScenario && names.has(plan.submissionScenario)) return plan.submissionScenario;
  return plan.lines[0]?.scenario ?? null;
}

export function scenarioInfos(plan: EvaluablePlan | null | undefined): ScenarioInfo[] {
  if (!plan) return [];
  const counts = new Map<string, number>();
  for (const l of plan.lines) counts.set(l.scenario, (counts.get(l.scenario) ?? 0) + 1);
  const submission = submissionOf(plan);
  return [...counts].map(([name, lines]) => ({ name, lines, submission: name === submission }));
}

/** Decimal places of a number as written (at most 6), so a scaled copy keeps the precision the planner used. */
function decimals(v: number): number {
  const s = String(v);
  const dot = s.indexOf('.');
  return dot < 0 || s.includes('e') ? 0 : Math.min(6, s.length - dot - 1);
}

/** `v` changed by `percent` %, rounded to the precision of `v` (whole units stay whole). */
export function scaleValue(v: number, percent: number): number {
  const places = decimals(v);
  const f = 10 ** places;
  // Integer arithmetic on percent × value avoids 0.9 × 4000 = 3599.9999…
  const scaled = (Math.round(v * f) * (100 + percent)) / 100;
  return Math.max(0, Math.round(scaled) / f);
}

/** The lines of `from` copied into a new scenario `to`, forecasts scaled by `percent` (the 2021 baseline is a fact). */
export function copyScenario(plan: EvaluablePlan, from: string, to: string, percent: number): LineEdit {
  const add: PlanLine[] = plan.lines
    .filter((l) => l.scenario === from)
    .map((l) => ({
      ...l,
      scenario: to,
      capacity: Object.fromEntries(Object.entries(l.capacity).map(([y, v]) => [y, percent === 0 ? v : scaleValue(v, percent)])),
      ...(l.targetYears ? { targetYears: [...l.targetYears] } : {}),
    }));
  return { add };
}

export function renameScenario(plan: EvaluablePlan, from: string, to: string): LineEdit {
  return {
    update: plan.lines.flatMap((l, index) => (l.scenario === from ? [{ index, line: { ...l, scenario: to }, expected: l }] : [])),
  };
}

export function deleteScenario(plan: EvaluablePlan, name: string): LineEdit {
  return { remove: plan.lines.flatMap((l, index) => (l.scenario === name ? [{ index, expected: l }] : [])) };
}

/** The plan's lines after an edit, as the workbook will hold them (for the fake and for undo). */
export function applyLineEdit(lines: readonly PlanLine[], edit: LineEdit): PlanLine[] {
  const out: (PlanLine | null)[] = [...lines];
  for (const u of edit.update ?? []) out[u.index] = u.line;
  for (const r of edit.remove ?? []) out[r.index] = null;
  return [...(out.filter((l) => l !== null) as PlanLine[]), ...(edit.add ?? [])];
}

/** The years a comparison shows: every target year to 2030 some line of the plan has a forecast for. */
function compareYears(plan: EvaluablePlan): number[] {
  const years = new Set<number>();
  for (const l of plan.lines) for (const y of Object.keys(l.capacity)) if (Number(y) > BASELINE_YEAR && Number(y) <= LAST_TARGET_YEAR) years.add(Number(y));
  return [...years].sort((a, b) => a - b);
}

export interface ComparisonGroup {
  item: string;
  use: PlanLine['use'];
  unit: string;
  /** By year: each scenario's total (null: no line of that scenario has a forecast for the group that year). */
  rows: { year: number; values: (number | null)[]; diffs: (number | null)[] }[];
}

export interface Comparison {
  /** The submission scenario first, then the others in plan order. */
  scenarios: string[];
  groups: ComparisonGroup[];
}

/** Target groups (item and use) side by side across scenarios, with each scenario's difference from the submission. */
export function compareScenarios(plan: EvaluablePlan): Comparison {
  const submission = submissionOf(plan);
  const names = [...new Set(plan.lines.map((l) => l.scenario))];
  const scenarios = submission ? [submission, ...names.filter((n) => n !== submission)] : names;
  const years = compareYears(plan);
  const groups = new Map<string, ComparisonGroup & { sums: Map<string, Map<number, number>> }>();
  for (const l of plan.lines) {
    const key = `${l.item}\u0000${l.use}`;
    let g = groups.get(key);
    if (!g) {
      g = { item: l.item, use: l.use, unit: l.unit, rows: [], sums: new Map() };
      groups.set(key, g);
    }
    let byYear = g.sums.get(l.scenario);
    if (!byYear) g.sums.set(l.scenario, (byYear = new Map()));
    for (const [y, v] of Object.entries(l.capacity)) byYear.set(Number(y), (byYear.get(Number(y)) ?? 0) + v);
  }
  return {
    scenarios,
    groups: [...groups.values()].map(({ sums, ...g }) => ({
      ...g,
      rows: years.map((year) => {
        const values = scenarios.map((s) => sums.get(s)?.get(year) ?? null);
        const first = values[0];
        return { year, values, diffs: values.map((v, i) => (i === 0 || v === null || first === null ? null : v - first)) };
      }),
    })),
  };
}
