/**
 * plan → evaluation. Pure: no I/O, no clock. Every comparison is exact decimal arithmetic, and every finding cites
 * the seed section its rule comes from.
 */
import { findingText } from '../i18n/findings';
import type { Bilingual } from '../i18n/format';
import {
  BASELINE_YEAR,
  CHECKLIST,
  LAST_TARGET_YEAR,
  FIRST_COLUMN_YEAR,
  OVERSEAS_RULES,
  PERIOD_RULES,
  SECTIONS,
  requiredMultiplier,
  type UseId,
} from '../policy';
import { itemId } from '../plan/normalise';
import type { Activity, OverseasBase, Plan, PlanLine } from '../plan/schema';
import { D, dec, type Dec } from './decimal';
import { lessThan, multiplierValue, ratioAt, scaleOf, targetMathAt } from './exact';
import { fullYears, periodEnd } from './period';
import type { ActivityResult, Evaluation, Finding, LineResult, ScenarioResult, Severity, Verdict, YearResult } from './types';

/** A plan as the evaluator takes it: a workbook being typed may not have its activity yet. */
export type EvaluablePlan = Omit<Plan, 'activity'> & { activity?: Activity };

export interface EvaluateOptions {
  /** Findings found while reading the input (bad cells), merged in so the verdict reflects them. */
  inputFindings?: Finding[];
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
const VERDICT_RANK: Record<Verdict, number> = { eligible: 0, attention: 1, ineligible: 2 };

/** The verdict for the worst severity + 1 (0: no finding). */
const RANK_VERDICT: readonly Verdict[] = ['eligible', 'eligible', 'attention', 'ineligible'];

export function verdictOf(findings: readonly Finding[]): Verdict {
  let worst = -1;
  for (const f of findings) worst = Math.max(worst, SEVERITY_RANK[f.severity]);
  return RANK_VERDICT[worst + 1];
}

export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((w, v) => (VERDICT_RANK[v] > VERDICT_RANK[w] ? v : w), 'eligible');
}

/** The target points of a line: the named ones, or by default every forecast year from 2025 to 2030. */
export function targetPoints(line: Pick<PlanLine, 'capacity' | 'targetYears'>): number[] {
  return targetPointsOf(line.targetYears, forecastYears(line.capacity));
}

function targetPointsOf(targetYears: readonly number[] | undefined, forecasted: readonly number[]): number[] {
  if (targetYears && targetYears.length > 0) return [...new Set(targetYears)].sort((a, b) => a - b);
  return forecasted.filter((y) => y >= FIRST_COLUMN_YEAR && y <= LAST_TARGET_YEAR);
}

/**
 * The years a line has forecasts for, ascending. Year keys ("2026") are array indexes, which objects list in
 * ascending numeric order (ECMAScript OrdinaryOwnPropertyKeys), so no sort is needed.
 */
function forecastYears(capacity: PlanLine['capacity']): number[] {
  return Object.keys(capacity).map(Number);
}

/** Is a forecast at or above the required multiple of the baseline? Exact: 3.9 against 1.3 × 3 is met. */
export function isMet(forecast: Dec, multiplier: Dec, baseline: Dec): boolean {
  return forecast.gte(multiplier.times(baseline));
}

interface Multiplier {
  text: string;
  value: number;
}

const multiplierTables = new Map<UseId, (Multiplier | null)[]>();

function multiplierEntry(text: string | null): Multiplier | null {
  return text === null ? null : { text, value: multiplierValue(text) };
}

/** requiredMultiplier (and its value), read from a table by year: a large plan asks it for a million years. */
function multiplierAt(use: UseId, year: number): Multiplier | null {
  let table = multiplierTables.get(use);
  if (!table) {
    table = [];
    for (let y = BASELINE_YEAR; y <= LAST_TARGET_YEAR; y++) table.push(multiplierEntry(requiredMultiplier(use, y)));
    multiplierTables.set(use, table);
  }
  const i = year - BASELINE_YEAR;
  return i >= 0 && i < table.length ? table[i] : multiplierEntry(requiredMultiplier(use, year));
}

/**
 * One line: its result, with its findings pushed onto `findings` (one list for the whole plan: a large plan has
 * 100,000 lines and most have no finding). The verdict is set once the input findings are merged in.
 */
function evaluateLine(line: PlanLine, index: number, findings: Finding[]): LineResult {
  const at = `lines[${index}]`;
  const id = itemId(line.item);
  if (!id) {
    findings.push({ code: 'item.not-eligible', severity: 'error', section: SECTIONS.items, path: `${at}.item`, messages: findingText.itemNotEligible(line.item), line: index });
  }

  const forecasted = forecastYears(line.capacity);
  const targets = targetPointsOf(line.targetYears, forecasted);
  const valid = targets.filter((y) => y <= LAST_TARGET_YEAR);
  for (const y of targets.filter((y) => y > LAST_TARGET_YEAR)) {
    findings.push({ code: 'target.after-2030', severity: 'error', section: SECTIONS.capacityTargets, path: `${at}.targetYears`, messages: findingText.targetAfter2030(y), line: index, year: y });
  }
  if (valid.length === 0) {
    findings.push({ code: 'target.none', severity: 'error', section: SECTIONS.capacityTargets, path: `${at}.targetYears`, messages: findingText.targetNone(), line: index });
  }

  // Named target points may lack a forecast; default ones are forecast years already.
  const named = line.targetYears !== undefined && line.targetYears.length > 0;
  const years = named ? [...new Set([...forecasted, ...valid])].sort((a, b) => a - b) : forecasted;
  // Sized once: a million pushes would grow (and copy) a hundred thousand arrays.
  const results: YearResult[] = new Array(years.length);
  const capacity = line.capacity;
  const baseline = line.baseline2021;
  // Scaled once a line (baseline) and once a year (forecast): a large plan has a million years.
  const bScale = scaleOf(baseline);
  for (let i = 0; i < years.length; i++) {
    const year = years[i];
    const raw: number | undefined = capacity[year];
    const forecast = raw === undefined ? null : raw;
    const cScale = forecast === null ? -1 : scaleOf(forecast);
    // The per-year numbers go through exact.ts: exact like decimal.js, without its cost on a million cells.
    const ratio = forecast === null ? null : ratioAt(forecast, cScale, baseline, bScale);
    // Default target points are the forecast years from 2025 to 2030.
    const isTarget = named ? valid.includes(year) : year >= FIRST_COLUMN_YEAR && year <= LAST_TARGET_YEAR;
    if (!isTarget) {
      results[i] = { year, capacity: forecast, target: false, required: null, requiredCapacity: null, ratio, shortfall: null, status: 'info' };
      continue;
    }
    const multiplier = multiplierAt(line.use, year)!;
    const math = targetMathAt(forecast, cScale, baseline, bScale, multiplier.text);
    results[i] = {
      year,
      capacity: forecast,
      target: true,
      required: multiplier.value,
      requiredCapacity: math.requiredCapacity,
      ratio,
      shortfall: math.shortfall,
      status: math.met ? 'met' : 'short',
    };
    if (!math.met) {
      // Short years are few: their message is worded from decimal.js values, as typed.
      const m = new D(multiplier.text);
      const requiredCapacity = m.times(dec(line.baseline2021));
      const typed = forecast === null ? null : dec(forecast);
      const shortfall = typed === null ? requiredCapacity : D.max(0, requiredCapacity.minus(typed));
      findings.push({
        code: 'target.short',
        severity: 'error',
        section: SECTIONS.capacityTargets,
        path: `${at}.capacity.${year}`,
        messages: findingText.targetShort({
          year,
          multiplier: m.toFixed(),
          required: requiredCapacity.toFixed(),
          forecast: typed === null ? null : typed.toFixed(),
          shortfall: shortfall.toFixed(),
          unit: line.unit,
        }),
        line: index,
        year,
      });
    }
  }

  // 第3章第6節(2): capacity secured by the last target point must be kept afterwards.
  const last = valid.length ? valid[valid.length - 1] : undefined;
  const kept = last === undefined ? undefined : line.capacity[String(last)];
  if (last !== undefined && kept !== undefined) {
    for (const r of results) {
      if (r.year > last && r.capacity !== null && lessThan(r.capacity, kept)) {
        findings.push({
          code: 'capacity.declines-after-target',
          severity: 'warning',
          section: SECTIONS.continuousInvestment,
          path: `${at}.capacity.${r.year}`,
          messages: findingText.declinesAfterTarget({ year: r.year, lastTarget: last, forecast: dec(r.capacity).toFixed(), kept: dec(kept).toFixed(), unit: line.unit }),
          line: index,
          year: r.year,
        });
      }
    }
  }

  return {
    index,
    scenario: line.scenario,
    item: id ?? line.item,
    eligibleItem: id !== null,
    use: line.use,
    unit: line.unit,
    baseline2021: line.baseline2021,
    targetYears: valid,
    years: results,
    verdict: 'eligible',
  };
}

export function evaluateActivity(activity: Activity): { result: ActivityResult; findings: Finding[] } {
  const findings: Finding[] = [];
  const rule = PERIOD_RULES[activity.kind];
  const boundary = periodEnd(activity.start, rule.years);
  const years = fullYears(activity.start, activity.end);
  let ok: boolean;
  if (activity.kind === 'capacity') {
    ok = activity.end >= boundary;
    if (!ok) {
      findings.push({ code: 'period.too-short', severity: 'error', section: rule.section, path: 'activity.end', messages: findingText.periodTooShort({ start: activity.start, end: activity.end, requiredEnd: boundary, years }) });
    }
  } else {
    ok = activity.end <= boundary;
    if (!ok) {
      findings.push({ code: 'period.too-long', severity: 'error', section: rule.section, path: 'activity.end', messages: findingText.periodTooLong({ start: activity.start, end: activity.end, latestEnd: boundary }) });
    }
    if (!(activity.quantitativeTargets ?? []).some((t) => t.trim() !== '')) {
      findings.push({ code: 'rnd.no-quantitative-targets', severity: 'error', section: SECTIONS.rndTargets, path: 'activity.quantitativeTargets', messages: findingText.rndNoTargets() });
    }
    if (activity.followOn !== true) {
      findings.push({ code: 'rnd.no-follow-on', severity: 'error', section: SECTIONS.rndTargets, path: 'activity.followOn', messages: findingText.rndNoFollowOn() });
    }
  }
  return { result: { kind: activity.kind, start: activity.start, end: activity.end, fullYears: years, boundary, ok }, findings };
}

export function evaluateChecklist(plan: Pick<Plan, 'checklist' | 'applicant'>): Finding[] {
  const findings: Finding[] = [];
  for (const item of CHECKLIST) {
    if ('jointOnly' in item && item.jointOnly && !plan.applicant.joint) continue;
    const entry = plan.checklist[item.id];
    const label: Bilingual = { ja: item.ja, en: item.en };
    if (!entry?.confirmed) {
      findings.push({ code: 'checklist.unconfirmed', severity: 'warning', section: item.section, path: `checklist.${item.id}`, messages: findingText.checklistUnconfirmed(label) });
    } else if (entry.evidence.trim() === '') {
      findings.push({ code: 'checklist.no-evidence', severity: 'info', section: item.section, path: `checklist.${item.id}`, messages: findingText.checklistNoEvidence(label) });
    }
  }
  return findings;
}

/** 第3章第6節(3)(エ)(ⅴ): is building or growing this base act (ⅴ)? */
export function isActV(base: Pick<OverseasBase, 'capacityBefore' | 'capacityAfter' | 'localConsumptionShare'>): boolean {
  const before = dec(base.capacityBefore);
  const after = dec(base.capacityAfter);
  const grows = before.isZero() ? after.gt(0) : after.minus(before).gt(before.times(OVERSEAS_RULES.growthAbove));
  const exempt = dec(base.localConsumptionShare).gte(OVERSEAS_RULES.localConsumptionAtLeast);
  return grows && !exempt;
}

export function evaluateOverseas(bases: readonly OverseasBase[]): Finding[] {
  const findings: Finding[] = [];
  bases.forEach((b, i) => {
    if (!isActV(b)) return;
    const before = dec(b.capacityBefore);
    const growth = before.isZero() ? null : dec(b.capacityAfter).minus(before).div(before).times(100).toDecimalPlaces(1).toFixed();
    const name = b.base || `#${i + 1}`;
    if (b.risk || b.metiRequested) {
      findings.push({ code: 'overseas.prior-consultation', severity: 'warning', section: OVERSEAS_RULES.consultationSection, path: `overseas[${i}]`, messages: findingText.overseasPriorConsultation({ base: name, growth }) });
    } else {
      findings.push({ code: 'overseas.act-v', severity: 'info', section: OVERSEAS_RULES.section, path: `overseas[${i}]`, messages: findingText.overseasActV({ base: name, growth }) });
    }
  });
  return findings;
}

export function evaluate(plan: EvaluablePlan, options: EvaluateOptions = {}): Evaluation {
  const planFindings: Finding[] = [];
  let activity: ActivityResult | null = null;
  if (plan.activity) {
    const a = evaluateActivity(plan.activity);
    activity = a.result;
    planFindings.push(...a.findings);
  } else {
    planFindings.push({ code: 'activity.missing', severity: 'error', section: SECTIONS.periods, path: 'activity', messages: findingText.activityMissing() });
  }
  if (plan.lines.length === 0) {
    planFindings.push({ code: 'target.none', severity: 'error', section: SECTIONS.capacityTargets, path: 'lines', messages: findingText.noLines() });
  }
  planFindings.push(...evaluateChecklist(plan), ...evaluateOverseas(plan.overseas));

  const lineFindings: Finding[] = [];
  const lines: LineResult[] = new Array(plan.lines.length);
  // The worst severity found for each line (-1: none), from which its verdict follows.
  const worst = new Int8Array(plan.lines.length).fill(-1);
  for (let i = 0; i < plan.lines.length; i++) {
    const from = lineFindings.length;
    lines[i] = evaluateLine(plan.lines[i], i, lineFindings);
    for (let k = from; k < lineFindings.length; k++) worst[i] = Math.max(worst[i], SEVERITY_RANK[lineFindings[k].severity]);
  }
  const input = options.inputFindings ?? [];
  for (const f of input) {
    if (f.line !== undefined && f.line >= 0 && f.line < lines.length) worst[f.line] = Math.max(worst[f.line], SEVERITY_RANK[f.severity]);
  }
  const globalFindings = [...planFindings, ...input.filter((f) => f.line === undefined)];
  for (let i = 0; i < lines.length; i++) lines[i].verdict = RANK_VERDICT[worst[i] + 1];

  const scenarios: ScenarioResult[] = [];
  const scenarioByName = new Map<string, ScenarioResult>();
  for (const l of lines) {
    let s = scenarioByName.get(l.scenario);
    if (!s) {
      scenarios.push((s = { name: l.scenario, verdict: 'eligible', lines: [] }));
      scenarioByName.set(l.scenario, s);
    }
    s.lines.push(l.index);
  }
  const globalVerdict = verdictOf(globalFindings);
  for (const s of scenarios) {
    let v = globalVerdict;
    for (const i of s.lines) if (VERDICT_RANK[lines[i].verdict] > VERDICT_RANK[v]) v = lines[i].verdict;
    s.verdict = v;
  }

  const findings = lineFindings.concat(input, planFindings);
  return {
    verdict: scenarios.length ? worstVerdict(scenarios.map((s) => s.verdict)) : verdictOf(findings),
    scenarios,
    lines,
    activity,
    findings,
  };
}
