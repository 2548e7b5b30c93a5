/**
 * plan → evaluation. Pure: no I/O, no clock. Every comparison is exact decimal arithmetic, and every finding cites
 * the seed section its rule comes from.
 */
import { findingText } from '../i18n/findings';
import type { Bilingual } from '../i18n/format';
import {
  CHECKLIST,
  LAST_TARGET_YEAR,
  FIRST_COLUMN_YEAR,
  OVERSEAS_RULES,
  PERIOD_RULES,
  SECTIONS,
  requiredMultiplier,
} from '../policy';
import { itemId } from '../plan/normalise';
import type { Activity, OverseasBase, Plan, PlanLine } from '../plan/schema';
import { D, dec, type Dec } from './decimal';
import { lessThan, multiplierValue, ratioOf, targetMath } from './exact';
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

export function verdictOf(findings: readonly Finding[]): Verdict {
  let worst = -1;
  for (const f of findings) worst = Math.max(worst, SEVERITY_RANK[f.severity]);
  return worst === 2 ? 'ineligible' : worst === 1 ? 'attention' : 'eligible';
}

export function worstVerdict(verdicts: readonly Verdict[]): Verdict {
  return verdicts.reduce<Verdict>((w, v) => (VERDICT_RANK[v] > VERDICT_RANK[w] ? v : w), 'eligible');
}

/** The target points of a line: the named ones, or by default every forecast year from 2025 to 2030. */
export function targetPoints(line: Pick<PlanLine, 'capacity' | 'targetYears'>): number[] {
  const named = line.targetYears && line.targetYears.length > 0 ? line.targetYears : null;
  if (named) return [...new Set(named)].sort((a, b) => a - b);
  return forecastYears(line.capacity).filter((y) => y >= FIRST_COLUMN_YEAR && y <= LAST_TARGET_YEAR);
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

interface LineOutcome {
  /** The verdict is set once the input findings are merged in. */
  result: LineResult;
  findings: Finding[];
}

function evaluateLine(line: PlanLine, index: number): LineOutcome {
  const findings: Finding[] = [];
  const at = `lines[${index}]`;
  const id = itemId(line.item);
  if (!id) {
    findings.push({ code: 'item.not-eligible', severity: 'error', section: SECTIONS.items, path: `${at}.item`, messages: findingText.itemNotEligible(line.item), line: index });
  }

  const targets = targetPoints(line);
  const valid = targets.filter((y) => y <= LAST_TARGET_YEAR);
  for (const y of targets.filter((y) => y > LAST_TARGET_YEAR)) {
    findings.push({ code: 'target.after-2030', severity: 'error', section: SECTIONS.capacityTargets, path: `${at}.targetYears`, messages: findingText.targetAfter2030(y), line: index, year: y });
  }
  if (valid.length === 0) {
    findings.push({ code: 'target.none', severity: 'error', section: SECTIONS.capacityTargets, path: `${at}.targetYears`, messages: findingText.targetNone(), line: index });
  }

  const forecasted = forecastYears(line.capacity);
  // Named target points may lack a forecast; default ones are forecast years already.
  const years = line.targetYears?.length ? [...new Set([...forecasted, ...valid])].sort((a, b) => a - b) : forecasted;
  const results: YearResult[] = [];
  for (const year of years) {
    const raw = line.capacity[String(year)];
    // The per-year numbers go through exact.ts: exact like decimal.js, without its cost on a million cells.
    const ratio = raw === undefined ? null : ratioOf(raw, line.baseline2021);
    const isTarget = valid.includes(year);
    if (!isTarget) {
      results.push({ year, capacity: raw ?? null, target: false, required: null, requiredCapacity: null, ratio, shortfall: null, status: 'info' });
      continue;
    }
    const multiplierText = requiredMultiplier(line.use, year)!;
    const math = targetMath(raw ?? null, line.baseline2021, multiplierText);
    results.push({
      year,
      capacity: raw ?? null,
      target: true,
      required: multiplierValue(multiplierText),
      requiredCapacity: math.requiredCapacity,
      ratio,
      shortfall: math.shortfall,
      status: math.met ? 'met' : 'short',
    });
    if (!math.met) {
      // Short years are few: their message is worded from decimal.js values, as typed.
      const multiplier = new D(multiplierText);
      const requiredCapacity = multiplier.times(dec(line.baseline2021));
      const forecast = raw === undefined ? null : dec(raw);
      const shortfall = forecast === null ? requiredCapacity : D.max(0, requiredCapacity.minus(forecast));
      findings.push({
        code: 'target.short',
        severity: 'error',
        section: SECTIONS.capacityTargets,
        path: `${at}.capacity.${year}`,
        messages: findingText.targetShort({
          year,
          multiplier: multiplier.toFixed(),
          required: requiredCapacity.toFixed(),
          forecast: forecast === null ? null : forecast.toFixed(),
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
    result: {
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
    },
    findings,
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

  const outcomes = plan.lines.map(evaluateLine);
  const input = options.inputFindings ?? [];
  const byLine = new Map<number, Finding[]>();
  for (const f of [...outcomes.flatMap((o) => o.findings), ...input]) {
    if (f.line === undefined) continue;
    const list = byLine.get(f.line);
    if (list) list.push(f);
    else byLine.set(f.line, [f]);
  }
  const globalFindings = [...planFindings, ...input.filter((f) => f.line === undefined)];
  const lines: LineResult[] = outcomes.map((o) => {
    o.result.verdict = verdictOf(byLine.get(o.result.index) ?? []);
    return o.result;
  });

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
  for (const s of scenarios) s.verdict = worstVerdict([globalVerdict, ...s.lines.map((i) => lines[i].verdict)]);

  const findings = [...outcomes.flatMap((o) => o.findings), ...input, ...planFindings];
  return {
    verdict: scenarios.length ? worstVerdict(scenarios.map((s) => s.verdict)) : verdictOf(findings),
    scenarios,
    lines,
    activity,
    findings,
  };
}
