/**
 * The Plan tab's forms as plain data: what the fields hold (text, as typed) and how they become a plan line or a
 * header. Pure, so the rules a planner meets in the pane are tested without rendering anything.
 */
import { BASELINE_YEAR, CHECKLIST, LAST_TARGET_YEAR, type ItemId, type TransferActId, type TransferActor, type UseId } from '../policy';
import { parseNumberText } from '../plan/normalise';
import type { Activity, CoreTechnology, Plan, PlanLine, RndTarget, Transfer } from '../plan/schema';
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
  /** A plant or product line (拠点・ライン): lines of one scenario, item and use are judged as one group. */
  site: string;
  /** The capacity activity delivering the line, where the plan has several ('' = not named). */
  activity: string;
  baseline: string;
  unit: string;
  /** Forecast text by year ("2026" → "１，２００"). */
  forecasts: Record<string, string>;
  targets: number[];
}

export type LineField = 'scenario' | 'item' | 'use' | 'baseline' | `forecast.${number}`;
export type LineErrors = Partial<Record<LineField, Problem>>;

export function emptyLineForm(scenario = 'base'): LineForm {
  return { scenario, item: '', use: '', site: '', activity: '', baseline: '', unit: '', forecasts: {}, targets: [] };
}

/** A line of the plan back into the form, to edit or duplicate it. */
export function lineFormFromLine(line: PlanLine): LineForm {
  const forecasts: Record<string, string> = {};
  for (const [year, v] of Object.entries(line.capacity)) forecasts[year] = String(v);
  return {
    scenario: line.scenario,
    item: line.item as ItemId,
    use: line.use,
    site: line.site ?? '',
    activity: line.activity ?? '',
    baseline: String(line.baseline2021),
    unit: line.unit,
    forecasts,
    targets: [...(line.targetYears ?? [])],
  };
}

/** A number typed by a planner, or why it is not one the plan can take. */
export type Quantity = { value: number; problem?: undefined } | { value?: undefined; problem: Problem };

/** Japanese accounting's negative signs (▲ and △) and the minus signs people type. */
const NEGATIVE = /^[▲△\-−－ー]/;
/** A number followed by a word: 「1,200台」, "1200 units". */
const NUMBER_WITH_UNIT = /^[0-9.,]+\s*[^0-9.,\s]+.*$/;

/**
 * Reads a capacity as people type it: full-width digits and separators are fine; a negative sign (▲ is how
 * Japanese accounts write one) and a unit typed into the number get their own message, because "not a number"
 * does not tell the planner what to change.
 */
export function parseQuantity(text: string): Quantity {
  const s = text.normalize('NFKC').trim();
  if (s === '') return { problem: 'required' };
  if (NEGATIVE.test(s)) return { problem: 'negative' };
  const n = parseNumberText(s);
  if (n !== null) return { value: Object.is(n, -0) ? 0 : n };
  if (NUMBER_WITH_UNIT.test(s)) return { problem: 'unitInNumber' };
  return { problem: 'notANumber' };
}

/** The line to write, or the field-level problems that stop it. */
export function lineFromForm(form: LineForm): { line: PlanLine; errors: null } | { line: null; errors: LineErrors } {
  const errors: LineErrors = {};
  const scenario = form.scenario.trim();
  if (scenario === '') errors.scenario = 'required';
  if (form.item === '') errors.item = 'chooseItem';
  if (form.use === '') errors.use = 'chooseUse';

  // A baseline of 0 is a new entrant (policy-rules §2): allowed, and the evaluation says what it means.
  const base = parseQuantity(form.baseline);
  if (base.problem) errors.baseline = base.problem;

  const capacity: Record<string, number> = {};
  for (const year of FORECAST_YEARS) {
    const text = form.forecasts[String(year)] ?? '';
    if (text.trim() === '') continue;
    const q = parseQuantity(text);
    if (q.problem) errors[`forecast.${year}`] = q.problem === 'notANumber' ? 'forecastNotANumber' : q.problem;
    else capacity[String(year)] = q.value;
  }

  if (Object.keys(errors).length > 0) return { line: null, errors };
  const targets = [...new Set(form.targets)].sort((a, b) => a - b);
  const line: PlanLine = {
    scenario,
    item: form.item,
    use: form.use as UseId,
    ...(form.site.trim() !== '' ? { site: form.site.trim() } : {}),
    ...(form.activity !== '' ? { activity: form.activity } : {}),
    baseline2021: base.value as number,
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

/**
 * Numbers pasted into one year box: a row or a column copied from Excel arrives as tab- or newline-separated text,
 * and spreads over that year and the years after it. Null when the text is one value (typed as usual).
 */
export function spreadPaste(text: string, fromYear: number): Record<string, string> | null {
  const cells = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split(/[\t\n]/);
  if (cells.length < 2) return null;
  const out: Record<string, string> = {};
  const start = FORECAST_YEARS.indexOf(fromYear);
  if (start < 0) return null;
  cells.forEach((cell, i) => {
    const year = FORECAST_YEARS[start + i];
    if (year !== undefined) out[String(year)] = cell.trim();
  });
  return out;
}

/** A year-on-year change this large is more likely a unit slip (千台 vs 台, 1.200 for 1,200) than a plan. */
const JUMP_FACTOR = 50;

export interface JumpWarning {
  year: number;
  /** The year (or 2021 for the baseline) compared with. */
  from: number;
  /** forecast ÷ the value compared with. */
  factor: number;
  /** The text looks like a thousands separator written as a dot ("1.200"). */
  dotSeparator: boolean;
}

/**
 * Forecasts that jump by 50× or more (or fall to a fiftieth) from the year before — or from the baseline for the
 * first one. A warning only: the planner may mean it.
 */
export function jumpWarnings(form: LineForm): JumpWarning[] {
  const out: JumpWarning[] = [];
  const base = parseNumberText(form.baseline);
  let prev: { year: number; value: number } | null = base !== null && base > 0 ? { year: BASELINE_YEAR, value: base } : null;
  for (const year of FORECAST_YEARS) {
    const text = form.forecasts[String(year)] ?? '';
    const v = text.trim() === '' ? null : parseNumberText(text);
    if (v === null || v < 0) continue;
    if (prev && v > 0) {
      const factor = v / prev.value;
      if (factor >= JUMP_FACTOR || factor <= 1 / JUMP_FACTOR) {
        out.push({ year, from: prev.year, factor, dotSeparator: /^\d{1,3}(\.\d{3})+$/.test(text.normalize('NFKC').trim()) });
      }
    }
    if (v > 0) prev = { year, value: v };
  }
  return out;
}

/** An R&D quantitative target as typed (第3章第2節 ii: a metric, its unit, a target number; today's value and date). */
export interface RndTargetForm {
  metric: string;
  unit: string;
  target: string;
  current: string;
  currentDate: string;
}

/** One activity as typed. Fields of the other kind are kept while the kind is switched back and forth. */
export interface ActivityForm {
  id: string;
  kind: Activity['kind'];
  name: string;
  start: string;
  end: string;
  /** capacity: 'yes' / 'no' / '' (not stated). */
  capitalInvestment: '' | 'yes' | 'no';
  investment: string;
  /** rnd. */
  targets: RndTargetForm[];
  /** rnd: the id of the capacity activity that follows it, or ''. */
  followOn: string;
}

export interface CoreTechnologyForm {
  name: string;
  /** Items it serves, comma or 、 separated. */
  items: string;
  supplierHeld: boolean;
  note: string;
}

export interface TransferForm {
  act: TransferActId;
  by: TransferActor;
  counterparty: string;
  country: string;
  description: string;
  technology: string;
  item: string;
  capacityBefore: string;
  capacityAfter: string;
  /** Percent as typed (85 = 85%). */
  localConsumptionShare: string;
  risk: boolean;
  metiRequested: boolean;
}

/**
 * The Plan tab's fields outside the plan table, flat, so that each can be compared with the workbook on its own
 * (taskpane/merge.ts): a list (activities …) is one field.
 */
export interface HeaderForm {
  applicantName: string;
  joint: boolean;
  yearBasis: 'calendar' | 'fiscal';
  applicationDate: string;
  /** '' = the default (the scenario of the first line). */
  submissionScenario: string;
  activities: ActivityForm[];
  coreTechnologies: CoreTechnologyForm[];
  transfers: TransferForm[];
  /** 第3章第8節: recorded, not pass/fail. */
  regionalContribution: string;
  jobsCreated: string;
  humanRightsConfirmed: boolean;
  humanRightsNote: string;
  cybersecurityConfirmed: boolean;
  cybersecurityNote: string;
}

export type HeaderFieldKey = keyof HeaderForm;

/** Field problems: `applicationDate`, `jobsCreated`, or inside a list (`activities.0.end`, `transfers.1.capacityAfter`). */
export type HeaderErrors = Partial<Record<string, Problem>>;

export function emptyActivityForm(id: string, kind: Activity['kind'] = 'capacity'): ActivityForm {
  return { id, kind, name: '', start: '', end: '', capitalInvestment: '', investment: '', targets: [], followOn: '' };
}

export function emptyRndTargetForm(): RndTargetForm {
  return { metric: '', unit: '', target: '', current: '', currentDate: '' };
}

export function emptyCoreTechnologyForm(): CoreTechnologyForm {
  return { name: '', items: '', supplierHeld: false, note: '' };
}

export function emptyTransferForm(act: TransferActId = 'i'): TransferForm {
  return {
    act,
    by: 'applicant',
    counterparty: '',
    country: '',
    description: '',
    technology: '',
    item: '',
    capacityBefore: '',
    capacityAfter: '',
    localConsumptionShare: '',
    risk: false,
    metiRequested: false,
  };
}

/** An id not yet used by the plan's activities: A1, A2 … */
export function nextActivityId(activities: readonly { id: string }[]): string {
  const used = new Set(activities.map((a) => a.id));
  let n = activities.length + 1;
  while (used.has(`A${n}`)) n++;
  return `A${n}`;
}

export function emptyHeaderForm(): HeaderForm {
  return {
    applicantName: '',
    joint: false,
    yearBasis: 'calendar',
    applicationDate: '',
    submissionScenario: '',
    activities: [],
    coreTechnologies: [],
    transfers: [],
    regionalContribution: '',
    jobsCreated: '',
    humanRightsConfirmed: false,
    humanRightsNote: '',
    cybersecurityConfirmed: false,
    cybersecurityNote: '',
  };
}

const numText = (n: number | undefined) => (n === undefined ? '' : String(n));

function activityForm(a: Activity): ActivityForm {
  const f = emptyActivityForm(a.id, a.kind);
  f.name = a.name;
  f.start = a.start;
  f.end = a.end;
  if (a.kind === 'capacity') {
    f.capitalInvestment = a.capitalInvestment === undefined ? '' : a.capitalInvestment ? 'yes' : 'no';
    f.investment = a.investment;
  } else {
    f.targets = a.targets.map((t) => ({ metric: t.metric, unit: t.unit, target: numText(t.target), current: numText(t.current), currentDate: t.currentDate ?? '' }));
    f.followOn = a.followOn ?? '';
  }
  return f;
}

function transferForm(t: Transfer): TransferForm {
  return {
    act: t.act,
    by: t.by,
    counterparty: t.counterparty,
    country: t.country,
    description: t.description,
    technology: t.technology,
    item: t.item,
    capacityBefore: numText(t.capacityBefore),
    capacityAfter: numText(t.capacityAfter),
    // A share is kept as 0.85; planners type 85 (%).
    localConsumptionShare: t.localConsumptionShare === undefined ? '' : String(Math.round(t.localConsumptionShare * 10000) / 100),
    risk: t.risk,
    metiRequested: t.metiRequested,
  };
}

export function headerFormFromPlan(plan: EvaluablePlan): HeaderForm {
  const c = plan.considerations;
  return {
    applicantName: plan.applicant.name,
    joint: plan.applicant.joint,
    yearBasis: plan.yearBasis,
    applicationDate: plan.applicationDate ?? '',
    submissionScenario: plan.submissionScenario ?? '',
    activities: (plan.activities ?? []).map(activityForm),
    coreTechnologies: (plan.coreTechnologies ?? []).map((t) => ({ name: t.name, items: t.items.join('、'), supplierHeld: t.supplierHeld, note: t.note })),
    transfers: (plan.transfers ?? []).map(transferForm),
    regionalContribution: c?.regionalContribution ?? '',
    jobsCreated: numText(c?.jobsCreated),
    humanRightsConfirmed: c?.humanRights.confirmed ?? false,
    humanRightsNote: c?.humanRights.note ?? '',
    cybersecurityConfirmed: c?.cybersecurity.confirmed ?? false,
    cybersecurityNote: c?.cybersecurity.note ?? '',
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

/** Splits items typed as "ボールねじ、減速機" or "ball-screw, reducer". */
function splitList(text: string): string[] {
  return text
    .split(/[,、，\n]/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

/**
 * The header to save — every field, as the form holds it; the caller sends only the fields the planner changed —
 * or the problems that stop it.
 */
export function headerFromForm(form: HeaderForm): { header: Required<Omit<PlanHeader, 'applicationDate'>> & Pick<PlanHeader, 'applicationDate'>; errors: null } | { header: null; errors: HeaderErrors } {
  const errors: HeaderErrors = {};
  const date = (key: string, text: string): string | undefined => {
    if (text.trim() === '') return undefined;
    const d = parseDateText(text);
    if (d === null) errors[key] = 'badDate';
    return d ?? undefined;
  };
  const num = (key: string, text: string, opts: { min?: number; max?: number } = {}): number | undefined => {
    if (text.trim() === '') return undefined;
    const q = parseQuantity(text);
    if (q.problem) {
      errors[key] = q.problem;
      return undefined;
    }
    if (opts.max !== undefined && q.value! > opts.max) {
      errors[key] = 'percentRange';
      return undefined;
    }
    return q.value;
  };

  const applicationDate = date('applicationDate', form.applicationDate);
  const activities: Activity[] = form.activities.map((a, i) => {
    const at = `activities.${i}`;
    if (a.id.trim() === '') errors[`${at}.id`] = 'required';
    const start = date(`${at}.start`, a.start);
    const end = date(`${at}.end`, a.end);
    if (a.start.trim() === '') errors[`${at}.start`] = 'required';
    if (a.end.trim() === '') errors[`${at}.end`] = 'required';
    if (start && end && end < start) errors[`${at}.end`] = 'endBeforeStart';
    const common = { id: a.id.trim(), name: a.name.trim(), start: start ?? '', end: end ?? '' };
    if (a.kind === 'capacity') {
      return {
        ...common,
        kind: 'capacity' as const,
        investment: a.investment.trim(),
        ...(a.capitalInvestment === '' ? {} : { capitalInvestment: a.capitalInvestment === 'yes' }),
      };
    }
    const targets: RndTarget[] = a.targets.map((t, j) => {
      const tat = `${at}.targets.${j}`;
      if (t.metric.trim() === '') errors[`${tat}.metric`] = 'required';
      const target = num(`${tat}.target`, t.target);
      const current = num(`${tat}.current`, t.current);
      const currentDate = date(`${tat}.currentDate`, t.currentDate);
      return {
        metric: t.metric.trim(),
        unit: t.unit.trim(),
        ...(target !== undefined ? { target } : {}),
        ...(current !== undefined ? { current } : {}),
        ...(currentDate ? { currentDate } : {}),
      };
    });
    return { ...common, kind: 'rnd' as const, targets, ...(a.followOn ? { followOn: a.followOn } : {}) };
  });
  const coreTechnologies: CoreTechnology[] = form.coreTechnologies.map((t, i) => {
    if (t.name.trim() === '') errors[`coreTechnologies.${i}.name`] = 'required';
    return { name: t.name.trim(), items: splitList(t.items), supplierHeld: t.supplierHeld, note: t.note.trim() };
  });
  const transfers: Transfer[] = form.transfers.map((t, i) => {
    const at = `transfers.${i}`;
    const capacityBefore = num(`${at}.capacityBefore`, t.capacityBefore);
    const capacityAfter = num(`${at}.capacityAfter`, t.capacityAfter);
    const share = num(`${at}.localConsumptionShare`, t.localConsumptionShare, { max: 100 });
    if (t.act === 'v') {
      // Act (ⅴ) is judged on its figures (第3章第6節(3)(エ)(ⅴ)): all three are needed.
      for (const [k, v] of [['capacityBefore', t.capacityBefore], ['capacityAfter', t.capacityAfter], ['localConsumptionShare', t.localConsumptionShare]] as const) {
        if (v.trim() === '' && !errors[`${at}.${k}`]) errors[`${at}.${k}`] = 'required';
      }
    }
    return {
      act: t.act,
      by: t.by,
      counterparty: t.counterparty.trim(),
      country: t.country.trim(),
      description: t.description.trim(),
      technology: t.technology.trim(),
      item: t.item.trim(),
      ...(capacityBefore !== undefined ? { capacityBefore } : {}),
      ...(capacityAfter !== undefined ? { capacityAfter } : {}),
      ...(share !== undefined ? { localConsumptionShare: Math.round(share * 100) / 10000 } : {}),
      risk: t.risk,
      metiRequested: t.metiRequested,
    };
  });
  const jobsCreated = num('jobsCreated', form.jobsCreated);
  if (Object.keys(errors).length > 0) return { header: null, errors };
  return {
    header: {
      applicant: { name: form.applicantName.trim(), joint: form.joint },
      ...(applicationDate ? { applicationDate } : {}),
      yearBasis: form.yearBasis,
      submissionScenario: form.submissionScenario.trim(),
      activities,
      coreTechnologies,
      transfers,
      considerations: {
        regionalContribution: form.regionalContribution.trim(),
        ...(jobsCreated !== undefined ? { jobsCreated } : {}),
        humanRights: { confirmed: form.humanRightsConfirmed, note: form.humanRightsNote.trim() },
        cybersecurity: { confirmed: form.cybersecurityConfirmed, note: form.cybersecurityNote.trim() },
      },
    },
    errors: null,
  };
}

/** Which PlanHeader field a form field is written through. */
export const HEADER_FIELD_TARGET: Record<HeaderFieldKey, keyof PlanHeader> = {
  applicantName: 'applicant',
  joint: 'applicant',
  yearBasis: 'yearBasis',
  applicationDate: 'applicationDate',
  submissionScenario: 'submissionScenario',
  activities: 'activities',
  coreTechnologies: 'coreTechnologies',
  transfers: 'transfers',
  regionalContribution: 'considerations',
  jobsCreated: 'considerations',
  humanRightsConfirmed: 'considerations',
  humanRightsNote: 'considerations',
  cybersecurityConfirmed: 'considerations',
  cybersecurityNote: 'considerations',
};

/**
 * The header to write for the form fields the planner changed, and nothing else: the applicant's name is not sent
 * when only the jobs created changed, and within 第3章第8節 only the parts changed.
 */
export function headerPatch(full: NonNullable<ReturnType<typeof headerFromForm>['header']>, changed: readonly HeaderFieldKey[]): PlanHeader {
  const out: PlanHeader = {};
  const has = (k: HeaderFieldKey) => changed.includes(k);
  if (has('applicantName') || has('joint')) out.applicant = full.applicant;
  if (has('yearBasis')) out.yearBasis = full.yearBasis;
  if (has('applicationDate')) out.applicationDate = full.applicationDate ?? '';
  if (has('submissionScenario')) out.submissionScenario = full.submissionScenario;
  if (has('activities')) out.activities = full.activities;
  if (has('coreTechnologies')) out.coreTechnologies = full.coreTechnologies;
  if (has('transfers')) out.transfers = full.transfers;
  const c: Partial<Plan['considerations']> = {};
  if (has('regionalContribution')) c.regionalContribution = full.considerations.regionalContribution;
  if (has('jobsCreated')) c.jobsCreated = full.considerations.jobsCreated;
  if (has('humanRightsConfirmed') || has('humanRightsNote')) c.humanRights = full.considerations.humanRights;
  if (has('cybersecurityConfirmed') || has('cybersecurityNote')) c.cybersecurity = full.considerations.cybersecurity;
  if (Object.keys(c).length > 0 || has('jobsCreated')) out.considerations = c;
  return out;
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

/**
 * The checklist entries to write: the items in `only` (those the planner changed), or every item, hidden ones
 * included, so that un-ticking "joint" does not erase what was entered for it.
 */
export function checklistFromForm(form: ChecklistForm, only?: readonly string[]): Checklist {
  const out: Checklist = {};
  for (const item of CHECKLIST) {
    if (only && !only.includes(item.id)) continue;
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
