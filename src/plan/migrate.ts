/**
 * `supply-plan/1` → `supply-plan/2`, in one place. A v1 file keeps its meaning, except where the v2 rules apply to
 * it (policy-rules.md): its one activity becomes the plan's only activity, its overseas bases become acts (ⅴ), its
 * R&D target texts count as quantitative when they hold a number, and an R&D follow-on that v1 could only declare is
 * taken to start the day after the R&D ends. Findings about a v1 file still name its own paths (`activity.end`,
 * `overseas[1]`): LegacyPaths says where each v2 part came from.
 */
import { PLAN_FORMAT } from './format';
import type { Activity, Plan, PlanV1, RndTarget, Transfer } from './schema';

/** Where the parts of a migrated plan stand in the file the user wrote. */
export interface LegacyPaths {
  format: 'supply-plan/1';
  /** `activity` for the one activity of a v1 file. */
  activity: string;
  /** `activity.quantitativeTargets`. */
  rndTargets: string;
  /** `activity.followOn`. */
  followOn: string;
  /** `overseas` (a transfer i stands at `overseas[i]`). */
  transfers: string;
  /** `regional`. */
  considerations: string;
  /** v1's `followOn: true`: declared, not described; taken to start the day after the R&D ends. */
  followOnDeclared: boolean;
}

/** The id the one activity of a v1 file gets. */
export const V1_ACTIVITY_ID = 'A1';

/** The number in a v1 target text (「位置決め精度 ±1μm 以下」 → 1), or undefined when it has none. */
export function numberInText(text: string): number | undefined {
  const m = /\d+(?:\.\d+)?/.exec(text.normalize('NFKC').replace(/(\d),(?=\d{3})/g, '$1'));
  return m ? Number(m[0]) : undefined;
}

function targetFromText(text: string): RndTarget {
  const target = numberInText(text);
  const out: RndTarget = { metric: text.trim() || text, unit: '' };
  if (target !== undefined) out.target = target;
  return out;
}

export function migrateV1(v1: PlanV1): { plan: Plan; legacy: LegacyPaths } {
  const a = v1.activity;
  const activity: Activity =
    a.kind === 'capacity'
      ? { id: V1_ACTIVITY_ID, kind: 'capacity', name: '', start: a.start, end: a.end, investment: '' }
      : { id: V1_ACTIVITY_ID, kind: 'rnd', name: '', start: a.start, end: a.end, targets: (a.quantitativeTargets ?? []).filter((t) => t.trim() !== '').map(targetFromText) };
  const transfers: Transfer[] = v1.overseas.map((o) => ({
    act: 'v',
    by: 'applicant',
    counterparty: o.base,
    country: '',
    description: '',
    technology: '',
    item: o.item,
    capacityBefore: o.capacityBefore,
    capacityAfter: o.capacityAfter,
    localConsumptionShare: o.localConsumptionShare,
    risk: o.risk,
    metiRequested: o.metiRequested,
  }));
  const plan: Plan = {
    format: PLAN_FORMAT,
    applicant: { name: v1.applicant.name, joint: v1.applicant.joint },
    yearBasis: v1.yearBasis,
    activities: [activity],
    lines: v1.lines,
    coreTechnologies: [],
    transfers,
    checklist: v1.checklist,
    considerations: {
      regionalContribution: v1.regional?.contribution ?? '',
      ...(v1.regional?.jobsCreated !== undefined ? { jobsCreated: v1.regional.jobsCreated } : {}),
      humanRights: { confirmed: false, note: '' },
      cybersecurity: { confirmed: false, note: '' },
    },
  };
  return {
    plan,
    legacy: {
      format: 'supply-plan/1',
      activity: 'activity',
      rndTargets: 'activity.quantitativeTargets',
      followOn: 'activity.followOn',
      transfers: 'overseas',
      considerations: 'regional',
      followOnDeclared: a.kind === 'rnd' && a.followOn === true,
    },
  };
}
