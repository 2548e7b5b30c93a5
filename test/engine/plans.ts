/**
 * Plans for the engine tests, built the way users write them and read through the real parser, so every test
 * sees what `supply-plan evaluate` sees.
 */
import { CHECKLIST_IDS } from '../../src/policy';
import { evaluate } from '../../src/evaluate';
import type { Evaluation, Finding, FindingCode } from '../../src/evaluate';
import { parsePlan } from '../../src/plan/parse';
import type { Plan } from '../../src/plan/schema';

export type LineInput = Record<string, unknown>;

/** Every checklist item confirmed with evidence: a plan whose only findings come from what a test changes. */
export function fullChecklist(): Record<string, { confirmed: boolean; evidence: string }> {
  return Object.fromEntries(CHECKLIST_IDS.map((id) => [id, { confirmed: true, evidence: `申請書 ${id}` }]));
}

/** A line meeting every target: machine tools, baseline 100, forecasts at the table's multipliers. */
export function goodLine(overrides: LineInput = {}): LineInput {
  return {
    item: 'ball-screw',
    use: 'machine-tools',
    baseline2021: 100,
    unit: '本/年',
    capacity: { 2025: 120, 2026: 130, 2027: 140, 2028: 140, 2029: 150, 2030: 160 },
    ...overrides,
  };
}

export function planInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    format: 'supply-plan/1',
    applicant: { name: 'テスト精機', joint: false },
    activity: { kind: 'capacity', start: '2024-04-01', end: '2034-03-31' },
    lines: [goodLine()],
    checklist: fullChecklist(),
    overseas: [],
    ...overrides,
  };
}

export function parsed(input: unknown): Plan {
  const r = parsePlan(input);
  if (!r.ok) throw new Error(`test plan rejected: ${JSON.stringify(r.errors)}`);
  return r.plan;
}

/** Parse and evaluate as `supply-plan evaluate` does (a v1 file keeps its own paths). */
export function evaluateParsed(input: unknown): Evaluation {
  const r = parsePlan(input);
  if (!r.ok) throw new Error(`test plan rejected: ${JSON.stringify(r.errors)}`);
  return evaluate(r.plan, { legacy: r.legacy });
}

export function evaluateInput(overrides: Record<string, unknown> = {}): Evaluation {
  return evaluateParsed(planInput(overrides));
}

/** Evaluate a plan with the given lines (and nothing else to find). */
export function evaluateLines(...lines: LineInput[]): Evaluation {
  return evaluateInput({ lines });
}

export function codes(e: Evaluation): FindingCode[] {
  return e.findings.map((f) => f.code);
}

export function findingsWith(e: Evaluation, code: FindingCode): Finding[] {
  return e.findings.filter((f) => f.code === code);
}

/** The codes policy-rules.md §6 lists, with their severities. */
export const SPEC_CODES: Readonly<Record<string, 'error' | 'warning' | 'info'>> = {
  'item.not-eligible': 'error',
  'item.ambiguous': 'error',
  'target.short': 'error',
  'target.none': 'error',
  'target.after-2030': 'info',
  'target.before-activity': 'warning',
  'forecast.missing': 'error',
  'group.unit-mismatch': 'error',
  'line.duplicate': 'warning',
  'baseline.zero': 'warning',
  'baseline.mismatch': 'warning',
  'period.too-short': 'error',
  'period.too-long': 'error',
  'activity.no-investment': 'error',
  'rnd.no-quantitative-targets': 'error',
  'rnd.no-follow-on': 'error',
  'rnd.follow-on-overlaps': 'error',
  'capacity.declines-after-target': 'warning',
  'checklist.unconfirmed': 'error',
  'coretech.none-listed': 'warning',
  'policy.former-version': 'warning',
  'overseas.prior-consultation': 'warning',
  'overseas.act-v': 'info',
  'overseas.act': 'info',
  'yearbasis.fiscal': 'info',
  'checklist.no-evidence': 'info',
  'consideration.unconfirmed': 'info',
};
