/**
 * plan → evaluation. Pure: no I/O, no clock. Every comparison is exact decimal arithmetic, and every finding cites
 * the seed section its rule comes from (severity and section from src/policy/findings.ts, words from
 * src/i18n/findings.ts).
 *
 * Capacity targets are judged per target group (policy-rules.md §2): the lines of one scenario, item and use are the
 * applicant's capacity of that item for that use, summed. Scenarios are alternatives: the plan's verdict is the
 * submission scenario's, with the findings that belong to no scenario.
 */
import { findingText, type ConsultationGround, type FindingParams } from '../i18n/findings';
import type { Bilingual } from '../i18n/format';
import {
  BASELINE_YEAR,
  CHECKLIST,
  CONSIDERATIONS,
  FIRST_COLUMN_YEAR,
  LAST_TARGET_YEAR,
  OVERSEAS_RULES,
  PERIOD_RULES,
  REVISION_APPLIES_FROM,
  SECTIONS,
  TRANSFER_ACTS,
  requiredMultiplier,
  type ItemId,
  type UseId,
} from '../policy';
import { FINDING_RULES, type FindingCode } from '../policy/findings';
import type { LegacyPaths } from '../plan/migrate';
import { ambiguousItem, foldName, itemId } from '../plan/normalise';
import type { Activity, Plan, PlanLine, Transfer } from '../plan/schema';
import { D, dec } from './decimal';
import { lessThan, multiplierValue, ratioAt, scaleOf, sumExact, targetMathAt } from './exact';
import { formatYMD, fullYears, parseYMD, periodEnd } from './period';
import type { ActivityResult, Evaluation, Finding, GroupResult, LineResult, ScenarioResult, Severity, Verdict, YearResult } from './types';

/** A plan as the evaluator takes it: a workbook being typed may not have its activities yet. */
export type EvaluablePlan = Omit<Plan, 'activities'> & { activities?: Activity[] };

export interface EvaluateOptions {
  /** Findings found while reading the input (bad cells), merged in so the verdict reflects them. */
  inputFindings?: Finding[];
  /** The plan was read from a `supply-plan/1` file: findings name its own paths, and its declarations. */
  legacy?: LegacyPaths;
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

type Extra = Partial<Pick<Finding, 'line' | 'year' | 'group' | 'scenario' | 'item' | 'site' | 'gap'>> & { section?: string };

/** A finding: severity and section from the one table, words from the texts. */
function finding<C extends FindingCode>(code: C, path: string, params: FindingParams<C>, extra: Extra = {}): Finding {
  const rule = FINDING_RULES[code];
  const section = rule.section === 'perEntry' ? extra.section : rule.section;
  if (section === undefined) throw new Error(`finding ${code} needs the section of its entry`);
  const f: Finding = { code, severity: rule.severity, section, path, messages: (findingText[code] as (p: FindingParams<C>) => Bilingual)(params) };
  if (extra.line !== undefined) f.line = extra.line;
  if (extra.year !== undefined) f.year = extra.year;
  if (extra.group !== undefined) f.group = extra.group;
  if (extra.scenario !== undefined) f.scenario = extra.scenario;
  if (extra.item !== undefined) f.item = extra.item;
  if (extra.site !== undefined) f.site = extra.site;
  if (extra.gap !== undefined) f.gap = extra.gap;
  return f;
}

/** The target points a line names, or by default every forecast year from 2025 to 2030. */
export function targetPoints(line: Pick<PlanLine, 'capacity' | 'targetYears'>): number[] {
  if (line.targetYears && line.targetYears.length > 0) return [...new Set(line.targetYears)].sort((a, b) => a - b);
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
export function isMet(forecast: InstanceType<typeof D>, multiplier: InstanceType<typeof D>, baseline: InstanceType<typeof D>): boolean {
  return forecast.gte(multiplier.times(baseline));
}

interface Multiplier {
  text: string;
  value: number;
}
const multiplierTables = new Map<UseId, (Multiplier | null)[]>();

/** requiredMultiplier (and its value), read from a table by year: a large plan asks it for a million years. */
function multiplierAt(use: UseId, year: number): Multiplier | null {
  let table = multiplierTables.get(use);
  if (!table) {
    table = [];
    for (let y = BASELINE_YEAR; y <= LAST_TARGET_YEAR; y++) {
      const text = requiredMultiplier(use, y);
      table.push(text === null ? null : { text, value: multiplierValue(text) });
    }
    multiplierTables.set(use, table);
  }
  const i = year - BASELINE_YEAR;
  if (i >= 0 && i < table.length) return table[i];
  const text = requiredMultiplier(use, year);
  return text === null ? null : { text, value: multiplierValue(text) };
}

// ---------------------------------------------------------------------------------------------------------------
// Activities (第3章第1節, 第3章第2節 ii, 第3章第4節)

interface ActivityPaths {
  at(i: number): string;
  rndTargets(i: number): string;
  followOn(i: number): string;
}

function activityPaths(legacy: LegacyPaths | undefined): ActivityPaths {
  if (legacy) return { at: () => legacy.activity, rndTargets: () => legacy.rndTargets, followOn: () => legacy.followOn };
  return { at: (i) => `activities[${i}]`, rndTargets: (i) => `activities[${i}].targets`, followOn: (i) => `activities[${i}].followOn` };
}

/** The name an activity goes by in messages: its name, its id, or nothing for a v1 file's only activity. */
function activityLabel(a: Activity, legacy: LegacyPaths | undefined): string {
  return a.name.trim() || (legacy ? '' : a.id);
}

/** The day after a date (YYYY-MM-DD). */
function dayAfter(date: string): string {
  const { y, m, d } = parseYMD(date);
  const dt = new Date(Date.UTC(y, m - 1, d + 1));
  return formatYMD({ y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() });
}

/** The year a date falls in, in the plan's year basis (a fiscal year 年度 runs April to March). */
function yearOf(date: string, basis: Plan['yearBasis']): number {
  const { y, m } = parseYMD(date);
  return basis === 'fiscal' && m < 4 ? y - 1 : y;
}

export function evaluateActivity(activity: Activity, index = 0, context: { activities?: readonly Activity[]; legacy?: LegacyPaths } = {}): { result: ActivityResult; findings: Finding[] } {
  const findings: Finding[] = [];
  const { legacy } = context;
  const paths = activityPaths(legacy);
  const label = activityLabel(activity, legacy);
  const rule = PERIOD_RULES[activity.kind];
  const boundary = periodEnd(activity.start, rule.years);
  const years = fullYears(activity.start, activity.end);
  const at = paths.at(index);
  let ok: boolean;
  const result: ActivityResult = { id: activity.id, kind: activity.kind, start: activity.start, end: activity.end, fullYears: years, boundary, ok: true };
  if (activity.kind === 'capacity') {
    ok = activity.end >= boundary;
    if (!ok) findings.push(finding('period.too-short', `${at}.end`, { activity: label, start: activity.start, end: activity.end, requiredEnd: boundary, years }));
    if (activity.capitalInvestment === false) findings.push(finding('activity.no-investment', `${at}.capitalInvestment`, { activity: label }));
  } else {
    ok = activity.end <= boundary;
    if (!ok) findings.push(finding('period.too-long', `${at}.end`, { activity: label, start: activity.start, end: activity.end, latestEnd: boundary }));
    // 「定量的な目標（性能、コスト等）」: a target counts when it has a number.
    const quantitative = activity.targets.filter((t) => t.target !== undefined);
    if (quantitative.length === 0) {
      findings.push(finding('rnd.no-quantitative-targets', paths.rndTargets(index), { activity: label, vague: activity.targets.map((t) => t.metric) }));
    }
    if (activity.followOn) result.followOn = activity.followOn;
    findings.push(...followOnFindings(activity, index, context.activities ?? [], legacy, label));
  }
  result.ok = ok;
  return { result, findings };
}

/** 「当該研究開発の取組の終了後に、i.と同様の要件を満たす国内生産能力強化の取組の実施が予定されていることが明示」. */
function followOnFindings(rnd: Extract<Activity, { kind: 'rnd' }>, index: number, activities: readonly Activity[], legacy: LegacyPaths | undefined, label: string): Finding[] {
  const path = activityPaths(legacy).followOn(index);
  if (legacy?.followOnDeclared) return [];
  if (!rnd.followOn) return [finding('rnd.no-follow-on', path, { activity: label })];
  const next = activities.find((a) => a.id === rnd.followOn);
  if (!next || next.kind !== 'capacity') return [finding('rnd.no-follow-on', path, { activity: label, named: rnd.followOn })];
  // It must start after the R&D ends: the day after at the earliest.
  if (next.start <= rnd.end) {
    return [finding('rnd.follow-on-overlaps', path, { activity: label, followOn: activityLabel(next, legacy) || next.id, rndEnd: rnd.end, followOnStart: next.start })];
  }
  return [];
}

// ---------------------------------------------------------------------------------------------------------------
// Checklist, core technologies, transfers, considerations (第3章第2節 iii – 第3章第8節)

/**
 * Whether checklist item (ウ) applies: 「取引先がコア技術等の全部又は一部を有する場合」 — a listed core technology is held
 * by a supplier, or none is listed (the plan has not said the technologies are all the applicant's).
 */
export function supplierHoldsCore(cores: readonly { supplierHeld: boolean }[] | undefined): boolean {
  return !cores?.length || cores.some((c) => c.supplierHeld);
}

export function evaluateChecklist(plan: Pick<Plan, 'checklist' | 'applicant'> & Partial<Pick<Plan, 'coreTechnologies'>>, legacy?: LegacyPaths): Finding[] {
  const findings: Finding[] = [];
  const cores = plan.coreTechnologies ?? [];
  // (ウ) applies 「取引先がコア技術等の全部又は一部を有する場合」: not where the listed core technologies are all the applicant's.
  const supplierHolds = supplierHoldsCore(cores);
  // 第3章第7節: 「同一の業種に属する複数事業者が申請する場合」.
  const jointOneIndustry = plan.applicant.joint && (plan.applicant as { sameIndustry?: boolean }).sameIndustry !== false;
  for (const item of CHECKLIST) {
    if ('jointOnly' in item && item.jointOnly && !jointOneIndustry) continue;
    if ('supplierHeldOnly' in item && item.supplierHeldOnly && !supplierHolds) continue;
    const entry = plan.checklist[item.id];
    const label: Bilingual = { ja: item.ja, en: item.en };
    if (!entry?.confirmed) {
      findings.push(finding('checklist.unconfirmed', `checklist.${item.id}`, { label }, { section: item.section }));
    } else if (entry.evidence.trim() === '') {
      findings.push(finding('checklist.no-evidence', `checklist.${item.id}`, { label }, { section: item.section }));
    }
  }
  // A v1 file has no place to list core technologies (its evidence note names them): the list is a v2 field.
  if (!legacy && plan.checklist['measures.core-tech']?.confirmed && cores.length === 0) {
    findings.push(finding('coretech.none-listed', 'coreTechnologies', {}));
  }
  return findings;
}

type ActVFigures = Pick<Transfer, 'capacityBefore' | 'capacityAfter' | 'localConsumptionShare'>;

/** 第3章第6節(3)(エ)(ⅴ): does building or growing this base count as act (ⅴ) by its figures? */
export function isActV(base: ActVFigures): boolean {
  if (base.capacityBefore === undefined || base.capacityAfter === undefined || base.localConsumptionShare === undefined) return false;
  const before = dec(base.capacityBefore);
  const after = dec(base.capacityAfter);
  // 「10％を超える割合で増強」: strictly more; a new base (nothing before) grows by more than any share.
  const grows = before.isZero() ? after.gt(0) : after.minus(before).gt(before.times(OVERSEAS_RULES.growthAbove));
  // 「85％以上が当該他国で消費される場合を除く」: 85% itself is the exception.
  const exempt = dec(base.localConsumptionShare).gte(OVERSEAS_RULES.localConsumptionAtLeast);
  return grows && !exempt;
}

/**
 * A percentage exactly as the figures give it (10.001, 33.333333…): never rounded to a value that reads as the
 * threshold. Terminating decimals are shown whole; others with enough places to differ from any rounder value.
 */
export function exactPercent(numerator: InstanceType<typeof D>, denominator: InstanceType<typeof D>): string {
  const p = numerator.div(denominator).times(100);
  for (let places = 1; places <= 20; places++) {
    const shown = p.toDecimalPlaces(places, D.ROUND_DOWN);
    if (shown.eq(p)) return shown.toFixed();
  }
  return `${p.toDecimalPlaces(20, D.ROUND_DOWN).toFixed()}…`;
}

function actorName(t: Transfer, lang: 'ja' | 'en'): string {
  const who = t.by === 'group-company' ? (lang === 'ja' ? 'グループ会社' : 'a group company') : lang === 'ja' ? '申請者' : 'the applicant';
  return t.counterparty ? (lang === 'ja' ? `${who}（相手先：${t.counterparty}）` : `${who} (towards ${t.counterparty})`) : who;
}

export function evaluateTransfers(transfers: readonly Transfer[], planItems: ReadonlySet<string>, legacy?: LegacyPaths): Finding[] {
  const findings: Finding[] = [];
  const prefix = legacy ? legacy.transfers : 'transfers';
  transfers.forEach((t, i) => {
    const path = `${prefix}[${i}]`;
    const act = TRANSFER_ACTS.find((a) => a.id === t.act)!;
    const ground: ConsultationGround | null = t.risk && t.metiRequested ? 'both' : t.risk ? 'risk' : t.metiRequested ? 'meti' : null;
    let growth: string | null = null;
    if (t.act === 'v') {
      // (ⅴ) is about 「供給確保計画の認定の対象とする品目」: a base for an item outside the plan is not (ⅴ); no item named
      // is taken to be for the plan's items.
      const named = t.item.trim();
      const forPlanItem = named === '' || planItems.has(itemId(named) ?? `text:${foldName(named)}`);
      if (!forPlanItem || !isActV(t)) return;
      const before = dec(t.capacityBefore!);
      growth = before.isZero() ? null : exactPercent(dec(t.capacityAfter!).minus(before), before);
      const local = exactPercent(dec(t.localConsumptionShare!), new D(1));
      findings.push(finding('overseas.act-v', path, { base: t.counterparty || t.country || `#${i + 1}`, growth, local }));
    } else {
      findings.push(withWho('overseas.act', path, (who) => ({ act: t.act, who }), t, { section: act.section }));
    }
    if (ground) findings.push(withWho('overseas.prior-consultation', path, (who) => ({ act: t.act, who, ground, growth }), t, {}));
  });
  return findings;
}

/** A transfer finding whose message names who acts, in each language's words. */
function withWho<C extends 'overseas.act' | 'overseas.prior-consultation'>(code: C, path: string, params: (who: string) => FindingParams<C>, t: Transfer, extra: Extra): Finding {
  const f = finding(code, path, params(actorName(t, 'ja')), extra);
  const en = (findingText[code] as (p: FindingParams<C>) => Bilingual)(params(actorName(t, 'en'))).en;
  f.messages = { ja: f.messages.ja, en };
  return f;
}

function evaluateConsiderations(plan: Pick<Plan, 'considerations'>): Finding[] {
  const findings: Finding[] = [];
  const entries = { 'human-rights': plan.considerations.humanRights, cybersecurity: plan.considerations.cybersecurity } as const;
  const keys = { 'human-rights': 'humanRights', cybersecurity: 'cybersecurity' } as const;
  for (const c of CONSIDERATIONS) {
    if (!entries[c.id].confirmed) findings.push(finding('consideration.unconfirmed', `considerations.${keys[c.id]}`, { label: { ja: c.ja, en: c.en } }, { section: c.section }));
  }
  return findings;
}

// ---------------------------------------------------------------------------------------------------------------
// Lines and target groups (第3章第2節 i)

interface LineInfo {
  id: ItemId | null;
  key: string;
  /** The years the line has forecasts for, ascending (found once: a large plan has 100,000 lines). */
  years: number[];
}

/** The unit as people mean it: full-width and spacing folded (台／年 = 台/年). */
function unitKey(unit: string): string {
  return unit.normalize('NFKC').replace(/\s+/g, '');
}

/** The capacity activity that delivers a group: the one its lines name (earliest start), else the plan's. */
function deliveringActivity(names: readonly string[], activities: readonly Activity[], legacy: LegacyPaths | undefined): { label: string; start: string } | null {
  const byId = new Map(activities.map((a) => [a.id, a] as const));
  const capacityOf = (a: Activity | undefined): { label: string; start: string } | null => {
    if (!a) return null;
    if (a.kind === 'capacity') return { label: activityLabel(a, legacy) || a.id, start: a.start };
    const next = a.followOn ? byId.get(a.followOn) : undefined;
    if (next && next.kind === 'capacity') return { label: activityLabel(next, legacy) || next.id, start: next.start };
    // v1: a follow-on declared only is taken to start the day after the R&D ends.
    if (legacy?.followOnDeclared) return { label: activityLabel(a, legacy), start: dayAfter(a.end) };
    return null;
  };
  const candidates = (names.length > 0 ? names.map((n) => byId.get(n)) : activities.filter((a) => a.kind === 'capacity'))
    .map(capacityOf)
    .filter((c): c is { label: string; start: string } => c !== null);
  if (candidates.length === 0 && names.length === 0) {
    for (const a of activities) {
      const c = capacityOf(a);
      if (c) candidates.push(c);
    }
  }
  if (candidates.length === 0) return null;
  return candidates.reduce((a, b) => (b.start < a.start ? b : a));
}

interface GroupWork {
  result: GroupResult;
  /** Worst severity of the group's own findings (-1: none). */
  worst: number;
  /** The group's year results, indexed by year − 2021 (years run 2021–2100). */
  byYear: (YearResult | undefined)[];
}

function evaluateGroup(
  plan: EvaluablePlan,
  index: number,
  lineIdx: readonly number[],
  info: readonly LineInfo[],
  findings: Finding[],
  lineWorst: Int8Array,
  legacy: LegacyPaths | undefined,
): GroupWork {
  const lines = plan.lines;
  const first = lines[lineIdx[0]];
  const firstAt = `lines[${lineIdx[0]}]`;
  const id = info[lineIdx[0]].id;
  const item = id ?? first.item;
  const scope: Extra = { group: index, scenario: first.scenario, item, line: lineIdx[0] };
  const from = findings.length;
  let judged = true;

  // One unit for the group: figures in different units cannot be summed.
  const units = [...new Set(lineIdx.map((i) => unitKey(lines[i].unit)))];
  if (units.length > 1) {
    judged = false;
    const shown = [...new Set(lineIdx.map((i) => lines[i].unit))];
    findings.push(finding('group.unit-mismatch', `${firstAt}.unit`, { units: shown }, scope));
  }
  const baseline = sumExact(lineIdx.map((i) => lines[i].baseline2021));
  if (baseline === 0) {
    judged = false;
    findings.push(finding('baseline.zero', `${firstAt}.baseline2021`, {}, scope));
  }

  // Target points: the union of the points its lines name; by default every forecast year 2025–2030 the group has.
  const named = new Set<number>();
  let namedBy = -1;
  for (const i of lineIdx) {
    const ty = lines[i].targetYears;
    if (ty && ty.length > 0) {
      if (namedBy < 0) namedBy = i;
      for (const y of ty) named.add(y);
    }
  }
  const multi = lineIdx.length > 1;
  // The forecasts of each year, gathered in one pass over the lines (indexed by year − 2021).
  const parts: (number[] | undefined)[] = [];
  const forecasted = new Set<number>();
  for (const i of lineIdx) {
    const capacity = lines[i].capacity;
    for (const y of info[i].years) {
      forecasted.add(y);
      if (multi) (parts[y - BASELINE_YEAR] ??= []).push(capacity[y]);
    }
  }
  const targets =
    named.size > 0 ? [...named].sort((a, b) => a - b) : [...forecasted].filter((y) => y >= FIRST_COLUMN_YEAR && y <= LAST_TARGET_YEAR).sort((a, b) => a - b);
  const valid = targets.filter((y) => y <= LAST_TARGET_YEAR);
  const validSet = new Set(valid);
  const targetsAt = `lines[${namedBy >= 0 ? namedBy : lineIdx[0]}].targetYears`;
  for (const y of targets) if (y > LAST_TARGET_YEAR) findings.push(finding('target.after-2030', targetsAt, { year: y }, { ...scope, year: y }));
  if (valid.length === 0) findings.push(finding('target.none', targetsAt, {}, scope));

  // A target point before the year the delivering activity starts is not that activity's achievement.
  const activityNames = [...new Set(lineIdx.map((i) => lines[i].activity).filter((a): a is string => !!a))];
  const delivering = deliveringActivity(activityNames, plan.activities ?? [], legacy);
  if (delivering) {
    const startYear = yearOf(delivering.start, plan.yearBasis);
    for (const y of valid) {
      if (y < startYear) findings.push(finding('target.before-activity', `${targetsAt}`, { year: y, activity: delivering.label, start: delivering.start }, { ...scope, year: y }));
    }
  }

  const years = [...new Set([...forecasted, ...valid])].sort((a, b) => a - b);
  if (multi) {
    // 「各時点」 of the group: a line with no figure at one of them contributes 0, and says so.
    for (const year of valid) {
      for (const i of lineIdx) {
        if (lines[i].capacity[year] !== undefined) continue;
        findings.push(finding('forecast.missing', `lines[${i}].capacity.${year}`, { year, lines: lineIdx.length }, { ...scope, line: i, year, site: lines[i].site }));
        lineWorst[i] = Math.max(lineWorst[i], SEVERITY_RANK.error);
      }
    }
  }
  const bScale = scaleOf(baseline);
  const unit = first.unit;
  const results: YearResult[] = new Array(years.length);
  const byYear: (YearResult | undefined)[] = [];
  const only = multi ? null : first.capacity;
  for (let k = 0; k < years.length; k++) {
    const year = years[k];
    const isTarget = validSet.has(year);
    let forecast: number | null;
    if (only) forecast = only[year] ?? null;
    else {
      const p = parts[year - BASELINE_YEAR];
      forecast = p === undefined ? null : sumExact(p);
    }
    const ratio = forecast === null || baseline === 0 ? null : ratioAt(forecast, scaleOf(forecast), baseline, bScale);
    let r: YearResult;
    if (!isTarget) {
      r = { year, capacity: forecast, target: false, required: null, requiredCapacity: null, ratio, shortfall: null, status: 'info' };
    } else {
      const multiplier = multiplierAt(first.use, year)!;
      if (!judged) {
        r = { year, capacity: forecast, target: true, required: multiplier.value, requiredCapacity: null, ratio, shortfall: null, status: 'not-judged' };
      } else {
        const math = targetMathAt(forecast, forecast === null ? -1 : scaleOf(forecast), baseline, bScale, multiplier.text);
        r = { year, capacity: forecast, target: true, required: multiplier.value, requiredCapacity: math.requiredCapacity, ratio, shortfall: math.shortfall, status: math.met ? 'met' : 'short' };
        if (!math.met) {
          // Short years are few: their message is worded from decimal.js values, as typed.
          const m = new D(multiplier.text);
          const requiredCapacity = m.times(dec(baseline));
          const typed = forecast === null ? null : dec(forecast);
          const shortfall = typed === null ? requiredCapacity : D.max(0, requiredCapacity.minus(typed));
          findings.push(
            finding(
              'target.short',
              `${firstAt}.capacity.${year}`,
              { year, multiplier: m.toFixed(), required: requiredCapacity.toFixed(), forecast: typed === null ? null : typed.toFixed(), shortfall: shortfall.toFixed(), unit, lines: lineIdx.length },
              { ...scope, year, gap: { shortfall: math.shortfall, requiredCapacity: math.requiredCapacity, unit } },
            ),
          );
        }
      }
    }
    results[k] = r;
    byYear[year - BASELINE_YEAR] = r;
  }

  // 第3章第6節(2): capacity secured by the last target point must be kept afterwards.
  const last = valid.length ? valid[valid.length - 1] : undefined;
  const kept = last === undefined ? null : (byYear[last - BASELINE_YEAR]?.capacity ?? null);
  if (last !== undefined && kept !== null) {
    for (const r of results) {
      if (r.year > last && r.capacity !== null && lessThan(r.capacity, kept)) {
        findings.push(
          finding('capacity.declines-after-target', `${firstAt}.capacity.${r.year}`, { year: r.year, lastTarget: last, forecast: dec(r.capacity).toFixed(), kept: dec(kept).toFixed(), unit }, { ...scope, year: r.year }),
        );
      }
    }
  }

  let worst = -1;
  for (let k = from; k < findings.length; k++) worst = Math.max(worst, SEVERITY_RANK[findings[k].severity]);
  const result: GroupResult = {
    index,
    scenario: first.scenario,
    item,
    eligibleItem: id !== null,
    use: first.use,
    unit,
    baseline2021: baseline,
    lines: [...lineIdx],
    targetYears: valid,
    verdict: 'eligible',
    years: results,
  };
  if (activityNames.length > 0) result.activity = activityNames[0];
  return { result, worst, byYear };
}

/** A line's own figures as its contribution, with its group's status at each target point. */
function lineYears(line: PlanLine, own: readonly number[], group: GroupWork): YearResult[] {
  // A group of one line is that line: the same year results serve both.
  if (group.result.lines.length === 1) return group.result.years;
  const valid = group.result.targetYears;
  // Its own forecast years and the group's target points (a point it lacks shows as no forecast).
  let years: readonly number[] = own;
  for (const y of valid) {
    if (line.capacity[y] === undefined) {
      years = [...new Set([...own, ...valid])].sort((a, b) => a - b);
      break;
    }
  }
  const baseline = line.baseline2021;
  const bScale = scaleOf(baseline);
  const out: YearResult[] = new Array(years.length);
  for (let k = 0; k < years.length; k++) {
    const year = years[k];
    const raw: number | undefined = line.capacity[year];
    const forecast = raw === undefined ? null : raw;
    const ratio = forecast === null || baseline === 0 ? null : ratioAt(forecast, scaleOf(forecast), baseline, bScale);
    const g = group.byYear[year - BASELINE_YEAR];
    if (!g || !g.target) {
      out[k] = { year, capacity: forecast, target: false, required: null, requiredCapacity: null, ratio, shortfall: null, status: 'info' };
    } else {
      out[k] = { year, capacity: forecast, target: true, required: g.required, requiredCapacity: g.requiredCapacity, ratio, shortfall: g.shortfall, status: g.status };
    }
  }
  return out;
}

/** Every figure of a line (its group and baseline aside), to find a line entered twice. */
function figuresKey(line: PlanLine, years: readonly number[]): string {
  const capacity = line.capacity;
  let key = unitKey(line.unit);
  for (let k = 0; k < years.length; k++) key += `|${years[k]}=${capacity[years[k]]}`;
  if (line.targetYears) key += `|t${line.targetYears.join(',')}`;
  return key;
}

// ---------------------------------------------------------------------------------------------------------------

export function evaluate(plan: EvaluablePlan, options: EvaluateOptions = {}): Evaluation {
  const legacy = options.legacy;
  const planFindings: Finding[] = [];
  const activitiesIn = plan.activities ?? [];
  const activities: ActivityResult[] = [];

  // 附則2: an application made before the revised policy applies is decided under the former one.
  const applicationDate = (plan as Partial<Pick<Plan, 'applicationDate'>>).applicationDate;
  if (applicationDate && applicationDate < REVISION_APPLIES_FROM) {
    planFindings.push(finding('policy.former-version', 'applicationDate', { date: applicationDate, from: REVISION_APPLIES_FROM }));
  }
  if (plan.yearBasis === 'fiscal') planFindings.push(finding('yearbasis.fiscal', 'yearBasis', {}));

  if (activitiesIn.length === 0) {
    planFindings.push(finding('activity.missing', legacy ? legacy.activity : 'activities', {}));
  }
  const seenIds = new Set<string>();
  activitiesIn.forEach((a, i) => {
    if (seenIds.has(a.id)) {
      planFindings.push(finding('input.invalid', `activities[${i}].id`, { where: `activities[${i}].id`, what: { ja: `取組の ID「${a.id}」が重複しています`, en: `the activity id "${a.id}" is used twice` } }, { section: SECTIONS.periods }));
    }
    seenIds.add(a.id);
    const r = evaluateActivity(a, i, { activities: activitiesIn, legacy });
    activities.push(r.result);
    planFindings.push(...r.findings);
  });

  if (plan.lines.length === 0) planFindings.push(finding('target.none', 'lines', { noLines: true }));

  // Lines: items, then target groups (scenario, item, use).
  const lineFindings: Finding[] = [];
  const n = plan.lines.length;
  const lineWorst = new Int8Array(n).fill(-1);
  const info: LineInfo[] = new Array(n);
  const groupKeys = new Map<string, number[]>();
  const idCache = new Map<string, ItemId | null>();
  const planItems = new Set<string>();
  for (let i = 0; i < n; i++) {
    const line = plan.lines[i];
    let id = idCache.get(line.item);
    if (id === undefined) idCache.set(line.item, (id = itemId(line.item)));
    if (!id) {
      const candidates = ambiguousItem(line.item);
      const scope = { line: i, scenario: line.scenario, item: line.item, site: line.site };
      lineFindings.push(candidates ? finding('item.ambiguous', `lines[${i}].item`, { item: line.item, candidates }, scope) : finding('item.not-eligible', `lines[${i}].item`, { item: line.item }, scope));
      lineWorst[i] = SEVERITY_RANK.error;
    }
    const itemKey = id ?? `text:${foldName(line.item)}`;
    planItems.add(itemKey);
    const key = `${line.scenario}\u0000${itemKey}\u0000${line.use}`;
    info[i] = { id, key, years: forecastYears(line.capacity) };
    let g = groupKeys.get(key);
    if (!g) groupKeys.set(key, (g = []));
    g.push(i);
    // A 2021 forecast other than the baseline: every multiple rests on the baseline.
    const f2021 = line.capacity[BASELINE_YEAR];
    if (f2021 !== undefined && f2021 !== line.baseline2021) {
      lineFindings.push(finding('baseline.mismatch', `lines[${i}].capacity.${BASELINE_YEAR}`, { baseline: dec(line.baseline2021).toFixed(), forecast2021: dec(f2021).toFixed(), unit: line.unit }, { line: i, scenario: line.scenario, item: id ?? line.item, site: line.site, year: BASELINE_YEAR }));
      lineWorst[i] = Math.max(lineWorst[i], SEVERITY_RANK.warning);
    }
    // A line naming an activity the plan does not have.
    if (line.activity && !seenIds.has(line.activity)) {
      const where = `lines[${i}].activity`;
      lineFindings.push(finding('input.invalid', where, { where, what: { ja: `取組「${line.activity}」は計画にありません`, en: `the plan has no activity "${line.activity}"` } }, { section: SECTIONS.periods, line: i, scenario: line.scenario }));
      lineWorst[i] = SEVERITY_RANK.error;
    }
  }
  // Lines entered twice: only lines of one group can be (same scenario, item and use), and only with one baseline.
  for (const lineIdx of groupKeys.values()) {
    if (lineIdx.length < 2) continue;
    const byBaseline = new Map<number, number[]>();
    for (const i of lineIdx) {
      const b = plan.lines[i].baseline2021;
      const same = byBaseline.get(b);
      if (same) same.push(i);
      else byBaseline.set(b, [i]);
    }
    for (const same of byBaseline.values()) {
      if (same.length < 2) continue;
      const seen = new Map<string, number>();
      for (const i of same) {
        const key = figuresKey(plan.lines[i], info[i].years);
        const of = seen.get(key);
        if (of === undefined) seen.set(key, i);
        else {
          const line = plan.lines[i];
          lineFindings.push(finding('line.duplicate', `lines[${i}]`, { of }, { line: i, scenario: line.scenario, item: info[i].id ?? line.item, site: line.site }));
          lineWorst[i] = Math.max(lineWorst[i], SEVERITY_RANK.warning);
        }
      }
    }
  }

  const groups: GroupWork[] = [];
  const groupOfLine = new Int32Array(n);
  for (const lineIdx of groupKeys.values()) {
    const g = evaluateGroup(plan, groups.length, lineIdx, info, lineFindings, lineWorst, legacy);
    for (const i of lineIdx) groupOfLine[i] = g.result.index;
    groups.push(g);
  }

  const input = options.inputFindings ?? [];
  for (const f of input) {
    if (f.line !== undefined && f.line >= 0 && f.line < n) lineWorst[f.line] = Math.max(lineWorst[f.line], SEVERITY_RANK[f.severity]);
  }
  // A group's verdict: its own findings and its lines'; a line's: its own and its group's (its marks are the group's).
  for (const g of groups) {
    let worst = g.worst;
    for (const i of g.result.lines) worst = Math.max(worst, lineWorst[i]);
    g.worst = worst;
    g.result.verdict = RANK_VERDICT[worst + 1];
  }
  const lines: LineResult[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const line = plan.lines[i];
    const g = groups[groupOfLine[i]];
    const r: LineResult = {
      index: i,
      scenario: line.scenario,
      item: info[i].id ?? line.item,
      eligibleItem: info[i].id !== null,
      use: line.use,
      unit: line.unit,
      baseline2021: line.baseline2021,
      targetYears: g.result.targetYears,
      verdict: RANK_VERDICT[Math.max(lineWorst[i], g.worst) + 1],
      group: g.result.index,
      years: lineYears(line, info[i].years, g),
    };
    if (line.site !== undefined) r.site = line.site;
    lines[i] = r;
  }

  planFindings.push(...evaluateChecklist(plan, legacy), ...evaluateTransfers(plan.transfers ?? [], planItems, legacy));
  // A v1 file has no place for the human-rights and cybersecurity confirmations (v2 fields).
  if (!legacy) planFindings.push(...evaluateConsiderations(plan));

  // Scenarios are alternatives: the plan submits one (提出案).
  const scenarios: ScenarioResult[] = [];
  const scenarioByName = new Map<string, ScenarioResult>();
  for (const l of lines) {
    let s = scenarioByName.get(l.scenario);
    if (!s) {
      scenarios.push((s = { name: l.scenario, verdict: 'eligible', submission: false, lines: [], groups: [] }));
      scenarioByName.set(l.scenario, s);
    }
    s.lines.push(l.index);
  }
  for (const g of groups) scenarioByName.get(g.result.scenario)!.groups.push(g.result.index);
  const named = plan.submissionScenario?.trim();
  let submission: string | null = named || (plan.lines.length ? plan.lines[0].scenario : null);
  if (named && !scenarioByName.has(named)) {
    planFindings.push(
      finding('input.invalid', 'submissionScenario', { where: 'submissionScenario', what: { ja: `提出案のシナリオ「${named}」の行がありません`, en: `no line has the submission scenario "${named}"` } }, { section: SECTIONS.capacityTargets }),
    );
    submission = named;
  }

  const globalFindings = [...planFindings, ...input.filter((f) => f.line === undefined)];
  const globalVerdict = verdictOf(globalFindings);
  for (const s of scenarios) {
    let v = globalVerdict;
    for (const gi of s.groups) if (VERDICT_RANK[groups[gi].result.verdict] > VERDICT_RANK[v]) v = groups[gi].result.verdict;
    s.verdict = v;
    s.submission = s.name === submission;
  }

  const findings = lineFindings.concat(input, planFindings);
  const submitted = submission === null ? undefined : scenarioByName.get(submission);
  return {
    verdict: submitted ? submitted.verdict : globalVerdict,
    submissionScenario: submission,
    scenarios,
    groups: groups.map((g) => g.result),
    lines,
    activity: activities[0] ?? null,
    activities,
    findings,
  };
}
