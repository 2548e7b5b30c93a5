/**
 * Scenarios side by side (issue #14): each target group's forecast total by year in every scenario, the submission
 * scenario (提出案) first, and each other scenario's difference from it. Pure, and computed from the plan as read, so
 * the task pane shows it after every edit without an evaluation; given the evaluation of the same plan, each figure
 * also carries the engine's status for that group and year (what the comparison sheet prints beside it).
 *
 * Groups are the engine's target groups across scenarios: lines of one item (named any way the engine accepts) and
 * one use. Sums are exact decimals, as the engine's: 0.1 + 0.2 is 0.3.
 */
import { BASELINE_YEAR, LAST_TARGET_YEAR } from '../policy';
import type { YearStatus } from '../policy/findings';
import { foldName, itemId } from '../plan/normalise';
import type { PlanLine } from '../plan/schema';
import { D, dec, type Dec } from './decimal';
import type { EvaluablePlan } from './evaluate';
import type { Evaluation } from './types';

/** The scenario submitted: the plan's choice, or the first line's (as the engine takes it). */
export function submissionOf(plan: EvaluablePlan | null | undefined): string | null {
  if (!plan) return null;
  const names = new Set(plan.lines.map((l) => l.scenario));
  if (plan.submissionScenario && names.has(plan.submissionScenario)) return plan.submissionScenario;
  return plan.lines[0]?.scenario ?? null;
}

/** The years a comparison shows: every target year to 2030 some line of the plan has a forecast for. */
function compareYears(plan: EvaluablePlan): number[] {
  const years = new Set<number>();
  for (const l of plan.lines) for (const y of Object.keys(l.capacity)) if (Number(y) > BASELINE_YEAR && Number(y) <= LAST_TARGET_YEAR) years.add(Number(y));
  return [...years].sort((a, b) => a - b);
}

/** A group's figures in one scenario and year, as the engine judged them. */
export interface ComparedStatus {
  status: YearStatus;
  /** Whether the year is one of the group's target points (its status decides the verdict) or shown for reference. */
  target: boolean;
}

export interface ComparisonRow {
  year: number;
  /** Each scenario's total, in `scenarios` order (null: no line of that scenario has a forecast for the group that year). */
  values: (number | null)[];
  /** Each scenario's total minus the submission's (null for the submission itself, or when either is missing). */
  diffs: (number | null)[];
  /** With an evaluation: the engine's status of that scenario's group in that year (null: the scenario has no such group). */
  statuses?: (ComparedStatus | null)[];
}

export interface ComparisonGroup {
  /** The item as the group's first line names it. */
  item: string;
  use: PlanLine['use'];
  unit: string;
  /** The sites (拠点・ライン) the group's lines name, in every scenario, in plan order. */
  sites: string[];
  rows: ComparisonRow[];
}

export interface Comparison {
  /** The submission scenario first, then the others in plan order. */
  scenarios: string[];
  groups: ComparisonGroup[];
}

/** The engine's key for a line's item: its id, or its folded text when it names no eligible item. */
function itemKeyOf(item: string): string {
  return itemId(item) ?? `text:${foldName(item)}`;
}

/** Target groups (item and use) side by side across scenarios, with each scenario's difference from the submission. */
export function compareScenarios(plan: EvaluablePlan, evaluation?: Evaluation): Comparison {
  const submission = submissionOf(plan);
  const names = [...new Set(plan.lines.map((l) => l.scenario))];
  const scenarios = submission ? [submission, ...names.filter((n) => n !== submission)] : names;
  const years = compareYears(plan);
  const groups = new Map<string, Omit<ComparisonGroup, 'rows'> & { key: string; sums: Map<string, Map<number, Dec>> }>();
  for (const l of plan.lines) {
    const key = `${itemKeyOf(l.item)}\u0000${l.use}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, item: l.item, use: l.use, unit: l.unit, sites: [], sums: new Map() };
      groups.set(key, g);
    }
    if (l.site && !g.sites.includes(l.site)) g.sites.push(l.site);
    let byYear = g.sums.get(l.scenario);
    if (!byYear) g.sums.set(l.scenario, (byYear = new Map()));
    for (const [y, v] of Object.entries(l.capacity)) byYear.set(Number(y), (byYear.get(Number(y)) ?? new D(0)).plus(dec(v)));
  }
  // The engine's groups, by scenario and the same key, for their statuses.
  const judged = new Map<string, Evaluation['groups'][number]>();
  if (evaluation) for (const gr of evaluation.groups) judged.set(`${gr.scenario}\u0000${itemKeyOf(gr.item)}\u0000${gr.use}`, gr);
  return {
    scenarios,
    groups: [...groups.values()].map(({ key, sums, ...g }) => ({
      ...g,
      rows: years.map((year) => {
        const sums_ = scenarios.map((s) => sums.get(s)?.get(year) ?? null);
        const first = sums_[0];
        const row: ComparisonRow = {
          year,
          values: sums_.map((v) => (v === null ? null : v.toNumber())),
          diffs: sums_.map((v, i) => (i === 0 || v === null || first === null ? null : v.minus(first).toNumber())),
        };
        if (evaluation) {
          row.statuses = scenarios.map((s) => {
            const y = judged.get(`${s}\u0000${key}`)?.years.find((x) => x.year === year);
            return y ? { status: y.status, target: y.target } : null;
          });
        }
        return row;
      }),
    })),
  };
}
