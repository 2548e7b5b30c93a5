/**
 * `supply-plan rules`: the policy as the engine knows it, read from policy/ so what is printed is what is applied.
 */
import { D } from '../evaluate/decimal';
import type { Lang } from '../i18n/format';
import {
  BASELINE_YEAR,
  CHECKLIST,
  FIRST_COLUMN_YEAR,
  ITEMS,
  LAST_TARGET_YEAR,
  MULTIPLIER_YEARS,
  OVERSEAS_RULES,
  PERIOD_RULES,
  SECTIONS,
  SEED,
  USES,
  requiredMultiplier,
  type ActivityKind,
} from '../policy';
import { TOOL_NAME, TOOL_VERSION } from '../version';

export interface RulesReport {
  format: 'supply-plan-rules/1';
  tool: { name: string; version: string };
  policy: { title: string; revised: string };
  lang: Lang;
  items: { id: string; ja: string; en: string; name: string; note: string; aliases: string[]; section: string }[];
  multipliers: {
    section: string;
    baselineYear: number;
    /** Column years; the first stands for every year up to it (「2025年以前」). */
    years: number[];
    firstColumnYear: number;
    lastTargetYear: number;
    uses: { id: string; ja: string; en: string; name: string; multipliers: Record<string, number> }[];
  };
  periods: { kind: ActivityKind; years: number; bound: 'min' | 'max'; section: string }[];
  overseas: { growthAbove: number; localConsumptionAtLeast: number; section: string; consultationSection: string };
  checklist: { id: string; section: string; ja: string; en: string; label: string; jointOnly: boolean }[];
}

export function rulesReport(lang: Lang): RulesReport {
  return {
    format: 'supply-plan-rules/1',
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    policy: { title: lang === 'ja' ? SEED.titleJa : SEED.titleEn, revised: SEED.revised },
    lang,
    items: ITEMS.map((i) => ({
      id: i.id,
      ja: i.ja,
      en: i.en,
      name: i[lang],
      note: lang === 'ja' ? i.noteJa : i.noteEn,
      aliases: [...i.aliases],
      section: SECTIONS.items,
    })),
    multipliers: {
      section: SECTIONS.capacityTargets,
      baselineYear: BASELINE_YEAR,
      years: [...MULTIPLIER_YEARS],
      firstColumnYear: FIRST_COLUMN_YEAR,
      lastTargetYear: LAST_TARGET_YEAR,
      uses: USES.map((u) => ({
        id: u.id,
        ja: u.ja,
        en: u.en,
        name: u[lang],
        multipliers: Object.fromEntries(MULTIPLIER_YEARS.map((y) => [String(y), Number(requiredMultiplier(u.id, y))])),
      })),
    },
    periods: (Object.keys(PERIOD_RULES) as ActivityKind[]).map((kind) => ({
      kind,
      years: PERIOD_RULES[kind].years,
      bound: PERIOD_RULES[kind].bound,
      section: PERIOD_RULES[kind].section,
    })),
    overseas: {
      growthAbove: Number(OVERSEAS_RULES.growthAbove),
      localConsumptionAtLeast: Number(OVERSEAS_RULES.localConsumptionAtLeast),
      section: OVERSEAS_RULES.section,
      consultationSection: OVERSEAS_RULES.consultationSection,
    },
    checklist: CHECKLIST.map((c) => ({
      id: c.id,
      section: c.section,
      ja: c.ja,
      en: c.en,
      label: c[lang],
      jointOnly: 'jointOnly' in c && c.jointOnly === true,
    })),
  };
}

/** A fraction as a percentage without floating noise: 0.85 → "85". */
export function percent(fraction: string | number): string {
  return new D(fraction).times(100).toFixed();
}
