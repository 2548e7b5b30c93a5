/**
 * The plan file format `supply-plan/2` (and `supply-plan/1`, read and migrated): zod schemas are the single source of the plan's types and of the published
 * JSON Schema. Names are normalised here (item and use aliases, numbers typed as text), so the evaluator only ever
 * sees canonical values.
 */
import { z } from 'zod';
import { ACTIVITY_KINDS, BASELINE_YEAR, CHECKLIST_IDS, TRANSFER_ACTORS, TRANSFER_ACT_IDS, USE_IDS } from '../policy';
import { parseNumberText, useId } from './normalise';

import { BASELINE_MIN, NUMBER_MAX, PLAN_FORMAT, PLAN_FORMAT_V1, TEXT_MAX_CHARS, UNSTORABLE_CHAR } from './format';

export { PLAN_FORMAT, PLAN_FORMAT_V1 };

/** Quoted input in messages is cut here, so a huge bad value does not flood the terminal. */
const SHOWN_CHARS = 60;

function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > SHOWN_CHARS ? `${v.slice(0, SHOWN_CHARS)}…` : v);
  if (v === null) return 'null';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : String(v);
}

const TOO_LARGE = 'too large: at most 10^15 (1,000,000,000,000,000)';

/** A number as JSON has it, or as text people type ("1,200", "１２００"). NaN and ±Infinity are never numbers. */
const NumberLike = z.preprocess(
  (v) => {
    if (typeof v === 'string') return parseNumberText(v) ?? v;
    if (typeof v === 'number' && Object.is(v, -0)) return 0;
    return v;
  },
  z.number({
    error: (iss) => `expected a number, got ${iss.input === undefined ? 'nothing' : describeValue(iss.input)}`,
  }),
)
  .refine((n) => Number.isFinite(n), { message: 'expected a finite number' })
  .refine((n) => !Number.isFinite(n) || Math.abs(n) <= NUMBER_MAX, { message: TOO_LARGE });

export const PositiveNumber = NumberLike.refine((n) => n > 0, { message: 'must be greater than 0' });
export const NonNegativeNumber = NumberLike.refine((n) => n >= 0, { message: 'must not be negative' });
export const Share = NumberLike.refine((n) => n >= 0 && n <= 1, { message: 'must be between 0 and 1 (a share, 0.85 = 85%)' });
/**
 * A 2021 baseline: 0 (a new entrant: its multiples cannot be computed, the engine says so) or positive and not so
 * small that a forecast divided by it overflows. Negative is bad input.
 */
const Baseline = NonNegativeNumber.refine((n) => !(n > 0) || n >= BASELINE_MIN, { message: 'too small: 0, or at least 10^-9 (0.000000001)' });

const TOO_LONG = `too long: at most ${TEXT_MAX_CHARS.toLocaleString('en-US')} characters (what an Excel cell holds)`;

/** The first character a workbook cannot hold, as "U+0001", or null. */
function unstorable(s: string): string | null {
  const m = UNSTORABLE_CHAR.exec(s);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

const storable = (s: string) => unstorable(s) === null;
const UNSTORABLE_MESSAGE = { error: (iss: { input?: unknown }) => `contains a character a workbook cannot hold (${unstorable(String(iss.input)) ?? '?'}): a control character or an unpaired surrogate` };

/** Text of a plan: any string a workbook cell can hold (the workbook must be able to show it). */
const Text = () => z.string().max(TEXT_MAX_CHARS, { message: TOO_LONG }).refine(storable, UNSTORABLE_MESSAGE);

function isRealDate(s: string): boolean {
  const [y, m, d] = s.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

export const IsoDate = z
  .string({ error: (iss) => `expected a date YYYY-MM-DD, got ${describeValue(iss.input)}` })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'expected a date YYYY-MM-DD' })
  .refine(isRealDate, { message: 'not a calendar date' });

const Year = z.coerce
  .number()
  .int({ message: 'a year must be a whole number' })
  .min(BASELINE_YEAR + 1, { message: `a target year must come after ${BASELINE_YEAR}` })
  .max(2100, { message: 'a year must be 2100 or earlier' });

const YearKey = z
  .string()
  .regex(/^\d{4}$/, { message: 'a capacity key must be a year such as "2026"' })
  .refine((y) => Number(y) >= BASELINE_YEAR && Number(y) <= 2100, { message: `a year from ${BASELINE_YEAR} to 2100` });

/** The published shape of `capacity` (what CapacitySchema checks by hand). */
export const CapacityShape = z.record(YearKey, NonNegativeNumber);

/**
 * Forecasts by year. Checked by hand rather than with z.record: a large plan has a million of these cells and
 * z.record's per-entry machinery was a third of the parse time. Same rules and messages as CapacityShape, whose
 * JSON Schema is published in its place (see planJsonSchema).
 */
export const CapacitySchema = z.unknown().transform((v, ctx): Record<string, number> => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    ctx.addIssue({ code: 'custom', message: `expected an object of year → capacity, got ${describeValue(v)}`, input: v });
    return {};
  }
  const out: Record<string, number> = {};
  for (const key of Object.keys(v)) {
    const raw = (v as Record<string, unknown>)[key];
    const year = Number(key);
    if (!/^\d{4}$/.test(key)) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'a capacity key must be a year such as "2026"', input: key });
      continue;
    }
    if (year < BASELINE_YEAR || year > 2100) {
      ctx.addIssue({ code: 'custom', path: [key], message: `a year from ${BASELINE_YEAR} to 2100`, input: key });
      continue;
    }
    let n: number | null = null;
    if (typeof raw === 'number') n = Object.is(raw, -0) ? 0 : raw;
    else if (typeof raw === 'string') n = parseNumberText(raw);
    if (n === null || Number.isNaN(n)) {
      ctx.addIssue({ code: 'custom', path: [key], message: `expected a number, got ${raw === undefined ? 'nothing' : describeValue(raw)}`, input: raw });
    } else if (!Number.isFinite(n)) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'expected a finite number', input: raw });
    } else if (n < 0) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'must not be negative', input: raw });
    } else if (n > NUMBER_MAX) {
      ctx.addIssue({ code: 'custom', path: [key], message: TOO_LARGE, input: raw });
    } else out[key] = n;
  }
  return out;
});

export const UseSchema = z.preprocess(
  (v) => (typeof v === 'string' ? (useId(v) ?? v) : v),
  z.enum(USE_IDS, {
    error: (iss) =>
      iss.input === undefined ? `expected a use (${USE_IDS.join(', ')}), got nothing` : `unknown use ${describeValue(iss.input)}: expected one of ${USE_IDS.join(', ')}`,
  }),
);

/** v1's single activity (`activity`): read, then migrated (src/plan/migrate.ts). */
export const ActivityV1Schema = z
  .strictObject({
    kind: z.enum(ACTIVITY_KINDS, { error: (iss) => `expected "capacity" or "rnd", got ${describeValue(iss.input)}` }),
    start: IsoDate,
    end: IsoDate,
    /** R&D only (第3章第2節 ii): quantitative targets for performance, cost and the like. */
    quantitativeTargets: z.array(Text()).optional(),
    /** R&D only (第3章第2節 ii): a capacity-strengthening activity meeting 第3章第2節 i follows the R&D. */
    followOn: z.boolean().optional(),
  })
  .superRefine((a, ctx) => {
    if (a.end < a.start) ctx.addIssue({ code: 'custom', path: ['end'], message: `ends (${a.end}) before it starts (${a.start})` });
  });

/** An activity's id: what lines and a follow-on name it by. */
const ActivityId = Text().trim().min(1, { message: 'an activity id must not be empty' });

/**
 * 第3章第2節 ii: a quantitative target (定量的な目標（性能、コスト等）) — a metric, its unit and a target value; today's
 * value and its date optionally. A target with no number is not quantitative (the engine says so).
 */
export const RndTargetSchema = z.strictObject({
  metric: Text().trim().min(1, { message: 'a target needs a metric (what is measured)' }),
  unit: Text().default(''),
  target: NumberLike.optional(),
  current: NumberLike.optional(),
  currentDate: IsoDate.optional(),
});

const periodOrder = (a: { start: string; end: string }, ctx: z.core.$RefinementCtx) => {
  if (a.end < a.start) ctx.addIssue({ code: 'custom', path: ['end'], message: `ends (${a.end}) before it starts (${a.start})` });
};

/** 第2章第2節(1)② / 第3章第2節 i: strengthening domestic capacity, capital investment included. 10 years or more. */
export const CapacityActivitySchema = z
  .strictObject({
    id: ActivityId,
    kind: z.literal('capacity'),
    name: Text().default(''),
    start: IsoDate,
    end: IsoDate,
    /** 「工場新設、生産ライン増強等の設備投資を含む」: false states there is none (an error). */
    capitalInvestment: z.boolean().optional(),
    /** What the investment is (new plant, line) and its amount, as the application states it. */
    investment: Text().default(''),
  })
  .superRefine(periodOrder);

/** 第2章第2節(2)② / 第3章第2節 ii: R&D before capacity strengthening. Within 5 years; targets; a follow-on. */
export const RndActivitySchema = z
  .strictObject({
    id: ActivityId,
    kind: z.literal('rnd'),
    name: Text().default(''),
    start: IsoDate,
    end: IsoDate,
    targets: z.array(RndTargetSchema).default([]),
    /** The id of the capacity activity that follows the R&D (「当該研究開発の取組の終了後に」). */
    followOn: Text().trim().optional(),
  })
  .superRefine(periodOrder);

export const ActivitySchema = z.discriminatedUnion('kind', [CapacityActivitySchema, RndActivitySchema], {
  error: (iss) => `expected an activity of kind "capacity" or "rnd", got ${describeValue((iss.input as { kind?: unknown } | undefined)?.kind)}`,
});

export const LineSchema = z.strictObject({
  scenario: Text().trim().min(1).default('base'),
  /** Any text: an item outside the nine is evaluated and reported as not eligible, not rejected. */
  item: z
    .string({ error: (iss) => `expected an item name, got ${describeValue(iss.input)}` })
    .max(TEXT_MAX_CHARS, { message: TOO_LONG })
    .refine(storable, UNSTORABLE_MESSAGE)
    .trim()
    .min(1, { message: 'item is empty' }),
  use: UseSchema,
  /** A plant or product line: lines of one scenario, item and use form one target group (policy-rules §2). */
  site: Text().optional(),
  /** The id of the capacity activity that delivers this line, where the plan has several. */
  activity: Text().trim().optional(),
  baseline2021: Baseline,
  unit: Text().default(''),
  capacity: CapacitySchema,
  targetYears: z.array(Year).optional(),
});

type LineOutput = z.output<typeof LineSchema>;

const LINE_KEYS: ReadonlySet<string> = new Set(Object.keys(LineSchema.shape));
const useIdCache = new Map<string, (typeof USE_IDS)[number] | null>();

/** Text a cell can hold, as Text() checks it; null when it is not (zod then says why). */
function plainText(v: unknown): string | null {
  return typeof v === 'string' && v.length <= TEXT_MAX_CHARS && !UNSTORABLE_CHAR.test(v) ? v : null;
}

/** A plain JSON number within the plan's range, as NumberLike takes it without help; else null. */
function plainNumber(v: unknown, min: number): number | null {
  return typeof v === 'number' && v >= min && v <= NUMBER_MAX && !Object.is(v, -0) ? v : null;
}

/** "2021" … "2100": four ASCII digits (not "21e2", which is a number too). */
function isYearKey(key: string): boolean {
  if (key.length !== 4) return false;
  for (let i = 0; i < 4; i++) {
    const c = key.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  const year = Number(key);
  return year >= BASELINE_YEAR && year <= 2100;
}

/**
 * A line of a plan as LineSchema gives it, checked by hand — or null when anything about it is not plainly valid,
 * and LineSchema must look at it (and word its errors). A large plan has 100,000 lines, and zod's object machinery
 * was most of the parse time. test/engine/fast-line.test.ts checks that both give the same line for any input.
 */
export function plainLine(v: unknown): LineOutput | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return null;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return null;
  const raw = v as Record<string, unknown>;
  for (const key in raw) if (!LINE_KEYS.has(key) || raw[key] === undefined) return null;

  let scenario = 'base';
  if ('scenario' in raw) {
    const text = plainText(raw.scenario);
    if (text === null) return null;
    scenario = text.trim();
    if (scenario === '') return null;
  }
  const itemText = plainText(raw.item);
  const item = itemText === null ? '' : itemText.trim();
  if (item === '') return null;

  if (typeof raw.use !== 'string') return null;
  let use = useIdCache.get(raw.use);
  if (use === undefined) {
    use = useId(raw.use);
    if (useIdCache.size < 1000) useIdCache.set(raw.use, use);
  }
  if (use === null) return null;

  const baseline2021 = plainNumber(raw.baseline2021, 0);
  if (baseline2021 === null || (baseline2021 > 0 && baseline2021 < BASELINE_MIN)) return null;

  let unit = '';
  if ('unit' in raw) {
    const text = plainText(raw.unit);
    if (text === null) return null;
    unit = text;
  }

  // Forecasts that need no change are kept as the caller's own object: copying a million of them (year keys make
  // slow, dictionary-mode objects) was half the time of this check.
  const capacity = raw.capacity;
  if (typeof capacity !== 'object' || capacity === null || Array.isArray(capacity)) return null;
  const capProto = Object.getPrototypeOf(capacity);
  if (capProto !== Object.prototype && capProto !== null) return null;
  const keys = Object.keys(capacity);
  for (let i = 0; i < keys.length; i++) {
    if (plainNumber((capacity as Record<string, unknown>)[keys[i]], 0) === null || !isYearKey(keys[i])) return null;
  }

  // Keys in the schema's order, so the plan is the same object zod would give, key for key.
  const line = { scenario, item, use } as LineOutput;
  if ('site' in raw) {
    const text = plainText(raw.site);
    if (text === null) return null;
    line.site = text;
  }
  if ('activity' in raw) {
    const text = plainText(raw.activity);
    if (text === null) return null;
    line.activity = text.trim();
  }
  line.baseline2021 = baseline2021;
  line.unit = unit;
  line.capacity = capacity as Record<string, number>;
  if ('targetYears' in raw) {
    const years = raw.targetYears;
    if (!Array.isArray(years)) return null;
    const out: number[] = [];
    for (const y of years) {
      if (typeof y !== 'number' || !Number.isInteger(y) || y <= BASELINE_YEAR || y > 2100) return null;
      out.push(y);
    }
    line.targetYears = out;
  }
  return line;
}

type AddIssue = (issue: z.core.$ZodRawIssue) => void;

/** A line: the hand check when it passes, LineSchema (and its messages) when it does not. */
function checkLine(v: unknown, addIssue: AddIssue, at: PropertyKey[]): LineOutput | undefined {
  const line = plainLine(v);
  if (line) return line;
  const r = LineSchema.safeParse(v);
  if (r.success) return r.data;
  for (const issue of r.error.issues) addIssue({ ...issue, path: [...at, ...issue.path] } as z.core.$ZodRawIssue);
  return undefined;
}

/**
 * The lines of a plan, as z.array(LineSchema) checks them (same lines, same errors at the same paths), with each
 * line checked by hand first: zod's per-element machinery was most of the parse time of a large plan.
 */
export const LinesSchema = z.unknown().transform((v, ctx): LineOutput[] => {
  const addIssue = ctx.addIssue as AddIssue;
  if (!Array.isArray(v)) {
    const r = z.array(LineSchema).safeParse(v);
    if (r.success) return r.data;
    for (const issue of r.error.issues) addIssue({ ...issue } as z.core.$ZodRawIssue);
    return [];
  }
  const out: LineOutput[] = new Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = checkLine(v[i], addIssue, [i])!;
  return out;
});

export const ChecklistEntrySchema = z.strictObject({
  confirmed: z.boolean().default(false),
  evidence: Text().default(''),
});

export const ChecklistSchema = z.partialRecord(z.enum(CHECKLIST_IDS), ChecklistEntrySchema);

/** v1's overseas base (act (ⅴ) only): migrated to a transfer of act (ⅴ). */
export const OverseasSchema = z.strictObject({
  base: Text().default(''),
  item: Text().default(''),
  capacityBefore: NonNegativeNumber,
  capacityAfter: NonNegativeNumber,
  localConsumptionShare: Share,
  /** ①: a forced-transfer risk or a listed kind of counterparty is known. */
  risk: z.boolean().default(false),
  /** ②: METI has asked for prior consultation. */
  metiRequested: z.boolean().default(false),
});

/**
 * 第3章第6節(3)(エ): an act (ⅰ)–(ⅴ) by the applicant or a group company towards another party or country. (ⅴ) carries
 * the base's item and figures; ① (risk) and ② (metiRequested) decide whether prior consultation is needed.
 */
export const TransferSchema = z.strictObject({
  act: z.enum(TRANSFER_ACT_IDS, { error: (iss) => `expected an act ${TRANSFER_ACT_IDS.map((a) => `"${a}"`).join(', ')}, got ${describeValue(iss.input)}` }),
  by: z.enum(TRANSFER_ACTORS).default('applicant'),
  /** The other party (他者) or country (他国); for (ⅴ) the base. */
  counterparty: Text().default(''),
  country: Text().default(''),
  description: Text().default(''),
  /** The core technology concerned (a name from coreTechnologies, or free text). */
  technology: Text().default(''),
  /** (ⅴ): the item the base makes; empty is taken to be the plan's items. */
  item: Text().default(''),
  capacityBefore: NonNegativeNumber.optional(),
  capacityAfter: NonNegativeNumber.optional(),
  localConsumptionShare: Share.optional(),
  /** ①: a forced-transfer risk, or a counterparty of the listed kind (イ, ロ), is known to the applicant. */
  risk: z.boolean().default(false),
  /** ②: METI has asked for prior consultation. */
  metiRequested: z.boolean().default(false),
}).superRefine((t, ctx) => {
  if (t.act !== 'v') return;
  for (const key of ['capacityBefore', 'capacityAfter', 'localConsumptionShare'] as const) {
    if (t[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'act (v) needs the base\'s capacity before and after and its local consumption share' });
  }
});

/** 第3章第6節(3): a core technology (コア技術), identified and written into the plan. */
export const CoreTechnologySchema = z.strictObject({
  name: Text().trim().min(1, { message: 'a core technology needs a name' }),
  /** The plan items it serves (names as in lines). */
  items: z.array(Text()).default([]),
  /** Held in whole or part by a supplier: (ウ) applies. */
  supplierHeld: z.boolean().default(false),
  note: Text().default(''),
});

const ConfirmationSchema = z.strictObject({ confirmed: z.boolean().default(false), note: Text().default('') });

/** 第3章第8節 (→ 第6章第2節・第3節): recorded, not pass/fail. */
export const ConsiderationsSchema = z.strictObject({
  regionalContribution: Text().default(''),
  jobsCreated: NonNegativeNumber.optional(),
  humanRights: ConfirmationSchema.default({ confirmed: false, note: '' }),
  cybersecurity: ConfirmationSchema.default({ confirmed: false, note: '' }),
});

const ApplicantSchema = z
  .strictObject({
    name: Text().default(''),
    joint: z.boolean().default(false),
    /** 第3章第7節 applies to a joint application by firms of one industry (同一の業種); default for a joint one. */
    sameIndustry: z.boolean().optional(),
  })
  .default({ name: '', joint: false });

/** The plan file `supply-plan/1`, as it was published: read, then migrated to v2 (src/plan/migrate.ts). */
export const PlanV1Shape = z.strictObject({
  format: z.literal(PLAN_FORMAT_V1, { error: (iss) => `expected "${PLAN_FORMAT}" (or "${PLAN_FORMAT_V1}"), got ${describeValue(iss.input)}` }),
  applicant: z.strictObject({ name: Text().default(''), joint: z.boolean().default(false) }).default({ name: '', joint: false }),
  yearBasis: z.enum(['calendar', 'fiscal']).default('calendar'),
  activity: ActivityV1Schema,
  lines: z.array(LineSchema),
  checklist: ChecklistSchema.default({}),
  overseas: z.array(OverseasSchema).default([]),
  regional: z.strictObject({ contribution: Text().default(''), jobsCreated: NonNegativeNumber.optional() }).optional(),
});
export const PlanV1Schema = PlanV1Shape.extend({ lines: LinesSchema });
export type PlanV1 = z.infer<typeof PlanV1Shape>;

/** The plan as zod describes it (`supply-plan/2`): the types and the published JSON Schema come from here. */
export const PlanShape = z.strictObject({
  format: z.literal(PLAN_FORMAT, { error: (iss) => `expected "${PLAN_FORMAT}" (or "${PLAN_FORMAT_V1}"), got ${describeValue(iss.input)}` }),
  applicant: ApplicantSchema,
  /** 附則: an application made before 2024-03-26 is decided under the former policy. */
  applicationDate: IsoDate.optional(),
  /** Whether the years are calendar years (暦年) or Japanese fiscal years (年度, April–March). */
  yearBasis: z.enum(['calendar', 'fiscal']).default('calendar'),
  /** The scenario submitted (提出案); default: the scenario of the first line. */
  submissionScenario: Text().trim().optional(),
  /** 「取組ごとに」: one or more activities. */
  activities: z.array(ActivitySchema),
  lines: z.array(LineSchema),
  coreTechnologies: z.array(CoreTechnologySchema).default([]),
  transfers: z.array(TransferSchema).default([]),
  checklist: ChecklistSchema.default({}),
  considerations: ConsiderationsSchema.default({ regionalContribution: '', humanRights: { confirmed: false, note: '' }, cybersecurity: { confirmed: false, note: '' } }),
});

/** The plan as the parser checks it: PlanShape, with its lines checked by LinesSchema. */
export const PlanSchema = PlanShape.extend({ lines: LinesSchema });

export type Plan = z.infer<typeof PlanShape>;
export type PlanInput = z.input<typeof PlanShape>;
export type PlanLine = Plan['lines'][number];
export type Activity = Plan['activities'][number];
export type CapacityActivity = Extract<Activity, { kind: 'capacity' }>;
export type RndActivity = Extract<Activity, { kind: 'rnd' }>;
export type RndTarget = RndActivity['targets'][number];
export type Transfer = Plan['transfers'][number];
export type CoreTechnology = Plan['coreTechnologies'][number];
export type Considerations = Plan['considerations'];
