import type { Bilingual } from '../i18n/format';
import type { ActivityKind, ItemId, UseId } from '../policy';
import type { FindingCode, Severity, Verdict, YearStatus } from '../policy/findings';

export type { FindingCode, Severity, Verdict, YearStatus };

/** The size of a shortfall, for sorting a review list by how large a gap is relative to what is required. */
export interface Gap {
  shortfall: number;
  requiredCapacity: number;
  unit: string;
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** The seed section the rule comes from (第3章第2節 i …). */
  section: string;
  /** Where in the plan: `lines[2].capacity.2026`, `activities[0].end`, or a cell address for workbook input. */
  path: string;
  messages: Bilingual;
  /** The line (index into plan.lines) the finding is about, if any; for a group, its first line. */
  line?: number;
  year?: number;
  /** The target group (index into evaluation.groups) the finding is about, if any. */
  group?: number;
  /** The scenario the finding belongs to; none for findings about the plan as a whole (activities, checklist …). */
  scenario?: string;
  /** The item (canonical id, or the text as given) and site the finding is about, if any. */
  item?: string;
  site?: string;
  /** target.short: how large the gap is. */
  gap?: Gap;
}

export interface YearResult {
  year: number;
  /** The forecast capacity (a line's own, or a group's sum), or null for a target point with no forecast. */
  capacity: number | null;
  target: boolean;
  /** The required multiple of 2021 capacity at a target point, else null. */
  required: number | null;
  /** multiplier × the group's 2021 baseline at a target point, else null. */
  requiredCapacity: number | null;
  /** capacity ÷ baseline2021 (a line's own), or null when the baseline is 0. */
  ratio: number | null;
  /** The group's max(0, required capacity − forecast) at a target point, else null. */
  shortfall: number | null;
  /** At a target point, the group's status: a line's marks show its group's. */
  status: YearStatus;
}

export interface LineResult {
  index: number;
  scenario: string;
  /** The canonical item id, or the text as given when it is not an eligible item. */
  item: ItemId | string;
  eligibleItem: boolean;
  use: UseId;
  site?: string;
  unit: string;
  baseline2021: number;
  targetYears: number[];
  verdict: Verdict;
  /** The target group the line contributes to (index into evaluation.groups). */
  group: number;
  years: YearResult[];
}

/** Lines with the same scenario, item and use: the applicant's capacity of an item for a use, judged as one (§2). */
export interface GroupResult {
  index: number;
  scenario: string;
  item: ItemId | string;
  eligibleItem: boolean;
  use: UseId;
  /** The unit of its lines (the first line's where they differ: group.unit-mismatch). */
  unit: string;
  /** The sum of its lines' 2021 baselines. */
  baseline2021: number;
  lines: number[];
  targetYears: number[];
  /** The capacity activity that delivers it, if known. */
  activity?: string;
  verdict: Verdict;
  /** Sums of its lines' forecasts; status, required capacity and shortfall of the group. */
  years: YearResult[];
}

export interface ScenarioResult {
  name: string;
  verdict: Verdict;
  /** The submission scenario (提出案): its verdict is the plan's. */
  submission: boolean;
  lines: number[];
  groups: number[];
}

export interface ActivityResult {
  id: string;
  kind: ActivityKind;
  start: string;
  end: string;
  fullYears: number;
  /** capacity: the earliest end that makes 10 years; rnd: the latest end within 5 years. */
  boundary: string;
  /** The period is within its rule. */
  ok: boolean;
  /** rnd: the follow-on capacity activity's id, when named. */
  followOn?: string;
}

export interface Evaluation {
  /** The submission scenario's verdict, with the findings that belong to no scenario. */
  verdict: Verdict;
  /** The scenario submitted (提出案), or null for a plan with no lines. */
  submissionScenario: string | null;
  scenarios: ScenarioResult[];
  groups: GroupResult[];
  lines: LineResult[];
  /** The first activity (v1 reports had one). */
  activity: ActivityResult | null;
  activities: ActivityResult[];
  findings: Finding[];
}
