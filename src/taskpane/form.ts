/**
 * The Plan tab's forms as plain data: what the fields hold (text, as typed) and how they become a plan line or a
 * header. Pure, so the rules a planner meets in the pane are tested without rendering anything.
 */
import { BASELINE_YEAR, CHECKLIST, LAST_TARGET_YEAR, type ItemId, type UseId } from '../policy';
import { parseNumberText } from '../plan/normalise';
import type { Activity, PlanLine } from '../plan/schema';
import type { EvaluablePlan } from '../evaluate';
import type { UiText } from '../i18n/ui';
import type { Checklist, PlanHeader } from './actions';

/** The forecast grid: from the year after the baseline to a few years past the last target point. */
export const FORECAST_YEARS: readonly number[] = range(BASELINE_YEAR + 1, 2035);
/** Target points a planner may name: 「2030年までの各時点」. */
export const TARGET_YEARS: readonly number[] = range(BASELINE_YEAR + 1, LAST_TARGET_YEAR);

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** A validation problem, named by its key in `UiText['validation']` so it follows the language switch. */
export type Problem = keyof UiText['validation'];

export interface LineForm {
  scenario: string;
  item: ItemId | '';
  use: UseId | '';
  baseline: string;
  unit: string;
  /** Forecast text by year ("2026" → "１，２００"). */
  forecasts: Record<string, string>;
  targets: number[];
}

export type LineField = 'scenario' | 'item' | 'use' | 'baseline' | `forecast.${number}`;
export type LineErrors = Partial<Record<LineField, Problem>>;

export function emptyLineForm(scenario = 'base'): LineForm {
  return { scenario, item: '', use: '', baseline: '', unit: '', forecasts: {}, targets: [] };
}

/** The line to append, or the field-level problems that stop it. */
export function lineFromForm(form: LineForm): { line: PlanLine; errors: null } | { line: null; errors: LineErrors } {
  const errors: LineErrors = {};
  const scenario = form.scenario.trim();
  if (scenario === '') errors.scenario = 'required';
  if (form.item === '') errors.item = 'chooseItem';
  if (form.use === '') errors.use = 'chooseUse';

  let baseline: number | null = null;
  if (form.baseline.trim() === '') errors.baseline = 'required';
  else {
    baseline = parseNumberText(form.baseline);
    if (baseline === null) errors.baseline = 'notANumber';
    else if (!(baseline > 0)) errors.baseline = 'baselinePositive';
  }

  const capacity: Record<string, number> = {};
  for (const year of FORECAST_YEARS) {
    const text = form.forecasts[String(year)] ?? '';
    if (text.trim() === '') continue;
    const n = parseNumberText(text);
    if (n === null) errors[`forecast.${year}`] = 'forecastNotANumber';
    else if (n < 0) errors[`forecast.${year}`] = 'forecastNonNegative';
    else capacity[String(year)] = Object.is(n, -0) ? 0 : n;
  }

  if (Object.keys(errors).length > 0) return { line: null, errors };
  const targets = [...new Set(form.targets)].sort((a, b) => a - b);
  const line: PlanLine = {
    scenario,
    item: form.item,
    use: form.use as UseId,
    baseline2021: baseline as number,
    unit: form.unit.trim(),
    capacity,
    ...(targets.length > 0 ? { targetYears: targets } : {}),
  };
  return { line, errors: null };
}

/** The order fields are checked in, for moving focus to the first one with a problem. */
export function firstErrorField(errors: LineErrors): LineField | null {
  const order: LineField[] = ['scenario', 'item', 'use', 'baseline', ...FORECAST_YEARS.map((y) => `forecast.${y}` as LineField)];
  return order.find((f) => errors[f] !== undefined) ?? null;
}

export interface HeaderForm {
  kind: Activity['kind'];
  start: string;
  end: string;
  applicantName: string;
  joint: boolean;
  yearBasis: 'calendar' | 'fiscal';
  /** R&D: one target per line. */
  quantitativeTargets: string;
  followOn: boolean;
  /** 第3章第8節: the contribution to the regional economy, and the jobs created (text, as typed). */
  regionalContribution: string;
  jobsCreated: string;
}

export type HeaderField = 'start' | 'end' | 'jobsCreated';
export type HeaderErrors = Partial<Record<HeaderField, Problem>>;

export function emptyHeaderForm(): HeaderForm {
  return {
    kind: 'capacity',
    start: '',
    end: '',
    applicantName: '',
    joint: false,
    yearBasis: 'calendar',
    quantitativeTargets: '',
    followOn: false,
    regionalContribution: '',
    jobsCreated: '',
  };
}

export function headerFormFromPlan(plan: EvaluablePlan): HeaderForm {
  const a = plan.activity;
  return {
    kind: a?.kind ?? 'capacity',
    start: a?.start ?? '',
    end: a?.end ?? '',
    applicantName: plan.applicant.name,
    joint: plan.applicant.joint,
    yearBasis: plan.yearBasis,
    quantitativeTargets: (a?.quantitativeTargets ?? []).join('\n'),
    followOn: a?.followOn ?? false,
    regionalContribution: plan.regional?.contribution ?? '',
    jobsCreated: plan.regional?.jobsCreated === undefined ? '' : String(plan.regional.jobsCreated),
  };
}

/**
 * A date as typed or as a date input gives it ("2024-04-01", "2024/4/1", "２０２４－０４－０１") in ISO form, or null
 * when it is not a calendar date.
 */
export function parseDateText(text: string): string | null {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text.normalize('NFKC').trim().replace(/[－―−]/g, '-'));
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return null;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The header to save, or the problems that stop it. Dates and the jobs created left blank are left as the workbook
 * has them.
 */
export function headerFromForm(form: HeaderForm): { header: PlanHeader; errors: null } | { header: null; errors: HeaderErrors } {
  const errors: HeaderErrors = {};
  const start = form.start.trim() === '' ? undefined : parseDateText(form.start);
  const end = form.end.trim() === '' ? undefined : parseDateText(form.end);
  if (start === null) errors.start = 'badDate';
  if (end === null) errors.end = 'badDate';
  if (start && end && end < start) errors.end = 'endBeforeStart';
  let jobsCreated: number | undefined;
  if (form.jobsCreated.trim() !== '') {
    const n = parseNumberText(form.jobsCreated);
    if (n === null) errors.jobsCreated = 'notANumber';
    else if (n < 0) errors.jobsCreated = 'forecastNonNegative';
    else jobsCreated = Object.is(n, -0) ? 0 : n;
  }
  if (Object.keys(errors).length > 0) return { header: null, errors };

  const activity: Partial<Activity> = { kind: form.kind };
  if (start) activity.start = start;
  if (end) activity.end = end;
  if (form.kind === 'rnd') {
    activity.quantitativeTargets = form.quantitativeTargets
      .split(/\r?\n/)
      .map((t) => t.trim())
      .filter((t) => t !== '');
    activity.followOn = form.followOn;
  }
  return {
    header: {
      applicant: { name: form.applicantName.trim(), joint: form.joint },
      yearBasis: form.yearBasis,
      activity,
      regional: { contribution: form.regionalContribution.trim(), ...(jobsCreated !== undefined ? { jobsCreated } : {}) },
    },
    errors: null,
  };
}

export type ChecklistForm = Record<string, { confirmed: boolean; evidence: string }>;

export function checklistFormFromPlan(plan: EvaluablePlan | null): ChecklistForm {
  const form: ChecklistForm = {};
  for (const item of CHECKLIST) {
    const entry = plan?.checklist[item.id];
    form[item.id] = { confirmed: entry?.confirmed ?? false, evidence: entry?.evidence ?? '' };
  }
  return form;
}

/** Every item, hidden ones included, so that un-ticking "joint" does not erase what was entered for it. */
export function checklistFromForm(form: ChecklistForm): Checklist {
  const out: Checklist = {};
  for (const item of CHECKLIST) {
    const entry = form[item.id] ?? { confirmed: false, evidence: '' };
    out[item.id] = { confirmed: entry.confirmed, evidence: entry.evidence.trim() };
  }
  return out;
}

/** Checklist items that apply to this applicant: the joint-only one only for a joint application. */
export function applicableChecklist(joint: boolean) {
  return CHECKLIST.filter((item) => joint || !('jointOnly' in item && item.jointOnly));
}

/** The distinct scenarios of a plan, in the order they first appear. */
export function scenariosOf(plan: EvaluablePlan | null | undefined): string[] {
  return [...new Set((plan?.lines ?? []).map((l) => l.scenario))];
}
