/**
 * The evaluation as the JSON that `supply-plan evaluate` prints: what users' scripts read. Field names and codes
 * are stable; each finding carries its message in the chosen language and in both.
 */
import { itemName, useName } from '../i18n/findings';
import type { Bilingual, Lang } from '../i18n/format';
import { SEED, type ItemId } from '../policy';
import { TOOL_NAME, TOOL_VERSION } from '../version';
import type { ActivityResult, Evaluation, FindingCode, Gap, Severity, Verdict, YearResult } from './types';

/**
 * Report format 2 adds target groups, activities and the submission scenario beside every field of format 1, which
 * keep their names and meaning (`verdict`, `scenarios[].verdict`, `lines[].years[]`, `findings[]`).
 */
export const REPORT_FORMAT = 'supply-plan-report/2';

/** A year of a line, as the engine gives it (the report adds nothing to it). */
export type ReportYear = YearResult;

export interface ReportLine {
  /** Index into the plan's lines (the `lines[i]` of finding paths). */
  index: number;
  scenario: string;
  /** The canonical item id, or the text as given when the item is not eligible. */
  item: string;
  /** The item's name in the report's language (the text as given when not eligible). */
  itemName: string;
  eligibleItem: boolean;
  use: string;
  useName: string;
  unit: string;
  baseline2021: number;
  targetYears: number[];
  verdict: Verdict;
  years: ReportYear[];
}

export interface ReportLineV2 extends ReportLine {
  site?: string;
  /** The target group the line contributes to (index into groups). */
  group: number;
}

/** A target group: its lines' figures summed (the applicant's capacity of an item for a use); `index` is its own. */
export interface ReportGroup extends ReportLine {
  lines: number[];
  activity?: string;
}

export interface ReportFinding {
  code: FindingCode;
  severity: Severity;
  /** The seed section the rule comes from, in the seed's own numbering (第3章第2節 i). */
  section: string;
  path: string;
  /** The message in the report's language. */
  message: string;
  messages: Bilingual;
  line?: number;
  year?: number;
  group?: number;
  scenario?: string;
  item?: string;
  site?: string;
  gap?: Gap;
}

export interface Report {
  format: typeof REPORT_FORMAT;
  tool: { name: string; version: string };
  policy: { title: string; revised: string };
  lang: Lang;
  verdict: Verdict;
  summary: Record<Severity, number>;
  /** The scenario submitted (提出案): `verdict` is its verdict. */
  submissionScenario: string | null;
  /** The plan's first activity (format 1 had one); all of them in `activities`. */
  activity: ActivityResult | null;
  activities: ActivityResult[];
  scenarios: { name: string; verdict: Verdict; submission: boolean; lines: number[]; groups: number[] }[];
  groups: ReportGroup[];
  lines: ReportLineV2[];
  findings: ReportFinding[];
}

export function countBySeverity(findings: readonly { severity: Severity }[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** The JSON report of an evaluation, messages in `lang`. Lines keep the plan's order. */
export function toReport(evaluation: Evaluation, lang: Lang): Report {
  return {
    format: REPORT_FORMAT,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    policy: { title: lang === 'ja' ? SEED.titleJa : SEED.titleEn, revised: SEED.revised },
    lang,
    verdict: evaluation.verdict,
    summary: countBySeverity(evaluation.findings),
    submissionScenario: evaluation.submissionScenario,
    activity: evaluation.activity ? { ...evaluation.activity } : null,
    activities: evaluation.activities.map((a) => ({ ...a })),
    scenarios: evaluation.scenarios.map((s) => ({ name: s.name, verdict: s.verdict, submission: s.submission, lines: [...s.lines], groups: [...s.groups] })),
    groups: evaluation.groups.map((g) => {
      const out: ReportGroup = {
        index: g.index,
        scenario: g.scenario,
        item: g.item,
        itemName: g.eligibleItem ? itemName(g.item as ItemId, lang) : g.item,
        eligibleItem: g.eligibleItem,
        use: g.use,
        useName: useName(g.use, lang),
        unit: g.unit,
        baseline2021: g.baseline2021,
        lines: [...g.lines],
        targetYears: [...g.targetYears],
        verdict: g.verdict,
        years: g.years,
      };
      if (g.activity !== undefined) out.activity = g.activity;
      return out;
    }),
    lines: evaluation.lines.map((l) => ({
      index: l.index,
      scenario: l.scenario,
      item: l.item,
      itemName: l.eligibleItem ? itemName(l.item as ItemId, lang) : l.item,
      eligibleItem: l.eligibleItem,
      use: l.use,
      useName: useName(l.use, lang),
      unit: l.unit,
      baseline2021: l.baseline2021,
      targetYears: [...l.targetYears],
      verdict: l.verdict,
      // The engine's year results as they are (a large plan has a million of them; copies would double that).
      years: l.years,
      ...(l.site !== undefined ? { site: l.site } : {}),
      group: l.group,
    })),
    findings: evaluation.findings.map((f) => {
      const out: ReportFinding = {
        code: f.code,
        severity: f.severity,
        section: f.section,
        path: f.path,
        message: f.messages[lang],
        messages: { ja: f.messages.ja, en: f.messages.en },
      };
      if (f.line !== undefined) out.line = f.line;
      if (f.year !== undefined) out.year = f.year;
      if (f.group !== undefined) out.group = f.group;
      if (f.scenario !== undefined) out.scenario = f.scenario;
      if (f.item !== undefined) out.item = f.item;
      if (f.site !== undefined) out.site = f.site;
      if (f.gap !== undefined) out.gap = f.gap;
      return out;
    }),
  };
}
