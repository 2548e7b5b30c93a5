/**
 * Every finding the engine can give: its stable code, its severity and the seed section it cites, written once
 * (policy-rules.md §6). The engine and the texts both read this table; a rule whose section depends on the entry it
 * is about (a checklist item, an act, a consideration) says `perEntry` and the engine gives the entry's section.
 */
import { SECTIONS, type Section } from './index';

export type Severity = 'error' | 'warning' | 'info';
/** ineligible with any error, else attention with any warning, else eligible (§6). */
export type Verdict = 'eligible' | 'attention' | 'ineligible';
/** A year of a group: met, short, shown for reference only, or not judged (a 2021 baseline of 0, mixed units). */
export type YearStatus = 'met' | 'short' | 'info' | 'not-judged';

export interface FindingRule {
  severity: Severity;
  /** The section cited, or perEntry when the entry the finding is about has its own. */
  section: Section | 'perEntry';
}

export const FINDING_RULES = {
  'item.not-eligible': { severity: 'error', section: SECTIONS.items },
  'item.ambiguous': { severity: 'error', section: SECTIONS.items },
  'target.short': { severity: 'error', section: SECTIONS.capacityTargets },
  'target.none': { severity: 'error', section: SECTIONS.capacityTargets },
  'target.after-2030': { severity: 'info', section: SECTIONS.capacityTargets },
  'target.before-activity': { severity: 'warning', section: SECTIONS.capacityTargets },
  'forecast.missing': { severity: 'error', section: SECTIONS.capacityTargets },
  'group.unit-mismatch': { severity: 'error', section: SECTIONS.capacityTargets },
  'line.duplicate': { severity: 'warning', section: SECTIONS.capacityTargets },
  'baseline.zero': { severity: 'warning', section: SECTIONS.capacityTargets },
  'baseline.mismatch': { severity: 'warning', section: SECTIONS.capacityTargets },
  'period.too-short': { severity: 'error', section: SECTIONS.periods },
  'period.too-long': { severity: 'error', section: SECTIONS.periods },
  'activity.no-investment': { severity: 'error', section: SECTIONS.capacityActivity },
  /** Not in §6: a plan (or a workbook being typed) with no activity at all cannot show its periods. */
  'activity.missing': { severity: 'error', section: SECTIONS.periods },
  'rnd.no-quantitative-targets': { severity: 'error', section: SECTIONS.rndTargets },
  'rnd.no-follow-on': { severity: 'error', section: SECTIONS.rndTargets },
  'rnd.follow-on-overlaps': { severity: 'error', section: SECTIONS.rndTargets },
  'capacity.declines-after-target': { severity: 'warning', section: SECTIONS.continuousInvestment },
  'checklist.unconfirmed': { severity: 'error', section: 'perEntry' },
  'checklist.no-evidence': { severity: 'info', section: 'perEntry' },
  'coretech.none-listed': { severity: 'warning', section: SECTIONS.coreTech },
  'policy.former-version': { severity: 'warning', section: SECTIONS.supplementary },
  'overseas.prior-consultation': { severity: 'warning', section: SECTIONS.techTransfer },
  'overseas.act-v': { severity: 'info', section: SECTIONS.overseasActV },
  'overseas.act': { severity: 'info', section: 'perEntry' },
  'yearbasis.fiscal': { severity: 'info', section: SECTIONS.capacityTargets },
  'consideration.unconfirmed': { severity: 'info', section: 'perEntry' },
  /** Not in §6: a cell or a reference that cannot be read (the rest of the plan is still evaluated). */
  'input.invalid': { severity: 'error', section: 'perEntry' },
} as const satisfies Record<string, FindingRule>;

export type FindingCode = keyof typeof FINDING_RULES;
export const FINDING_CODES = Object.keys(FINDING_RULES) as FindingCode[];
