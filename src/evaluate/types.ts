import type { Bilingual } from '../i18n/format';
import type { ActivityKind, ItemId, UseId } from '../policy';

export type Severity = 'error' | 'warning' | 'info';
export type Verdict = 'eligible' | 'attention' | 'ineligible';
export type YearStatus = 'met' | 'short' | 'info';

/** Stable codes that users' scripts may key on (policy-rules.md §6, plus input and evidence codes). */
export type FindingCode =
  | 'item.not-eligible'
  | 'target.short'
  | 'target.none'
  | 'target.after-2030'
  | 'period.too-short'
  | 'period.too-long'
  | 'rnd.no-quantitative-targets'
  | 'rnd.no-follow-on'
  | 'activity.missing'
  | 'capacity.declines-after-target'
  | 'checklist.unconfirmed'
  | 'checklist.no-evidence'
  | 'overseas.prior-consultation'
  | 'overseas.act-v'
  | 'input.invalid';

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** The seed section the rule comes from (第3章第2節 i …). */
  section: string;
  /** Where in the plan: `lines[2].capacity.2026`, `activity.end`, or a cell address for workbook input. */
  path: string;
  messages: Bilingual;
  /** The line (index into plan.lines) the finding is about, if any. */
  line?: number;
  year?: number;
}

export interface YearResult {
  year: number;
  /** The forecast capacity, or null for a target point with no forecast. */
  capacity: number | null;
  target: boolean;
  /** The required multiple of 2021 capacity at a target point, else null. */
  required: number | null;
  /** multiplier × baseline2021 at a target point, else null. */
  requiredCapacity: number | null;
  /** capacity ÷ baseline2021. */
  ratio: number | null;
  /** max(0, required capacity − forecast) at a target point, else null. */
  shortfall: number | null;
  status: YearStatus;
}

export interface LineResult {
  index: number;
  scenario: string;
  /** The canonical item id, or the text as given when it is not an eligible item. */
  item: ItemId | string;
  eligibleItem: boolean;
  use: UseId;
  unit: string;
  baseline2021: number;
  targetYears: number[];
  verdict: Verdict;
  years: YearResult[];
}

export interface ScenarioResult {
  name: string;
  verdict: Verdict;
  lines: number[];
}

export interface ActivityResult {
  kind: ActivityKind;
  start: string;
  end: string;
  fullYears: number;
  /** capacity: the earliest end that makes 10 years; rnd: the latest end within 5 years. */
  boundary: string;
  ok: boolean;
}

export interface Evaluation {
  verdict: Verdict;
  scenarios: ScenarioResult[];
  lines: LineResult[];
  activity: ActivityResult | null;
  findings: Finding[];
}
