/**
 * Scenario commands as edits of the plan table: a scenario is the lines that carry its name, so creating (by
 * copying), renaming and deleting one are line edits (one `editLines` call), and marking the submission scenario is
 * a header field. Pure, so tested without rendering. The comparison of scenarios (evaluate/compare.ts) is shared with
 * the comparison sheet.
 */
import type { EvaluablePlan } from '../evaluate';
import { submissionOf } from '../evaluate/compare';
import type { PlanLine } from '../plan/schema';
import type { LineEdit } from './actions';

export { compareScenarios, submissionOf, type Comparison, type ComparisonGroup } from '../evaluate/compare';

export interface ScenarioInfo {
  name: string;
  lines: number;
  submission: boolean;
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
