/**
 * The plan file format `supply-plan/1`: zod schemas are the single source of the plan's types and of the published
 * JSON Schema. Names are normalised here (item and use aliases, numbers typed as text), so the evaluator only ever
 * sees canonical values.
 */
import { z } from 'zod';
import { ACTIVITY_KINDS, BASELINE_YEAR, CHECKLIST_IDS, USE_IDS } from '../policy';
import { parseNumberText, useId } from './normalise';

import { BASELINE_MIN, NUMBER_MAX, PLAN_FORMAT, TEXT_MAX_CHARS, UNSTORABLE_CHAR } from './format';

export { PLAN_FORMAT };

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
/** A 2021 baseline: positive, and not so small that a forecast divided by it overflows. */
const Baseline = PositiveNumber.refine((n) => !(n > 0) || n >= BASELINE_MIN, { message: 'too small: at least 10^-9 (0.000000001)' });

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

export const ActivitySchema = z
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
  baseline2021: Baseline,
  unit: Text().default(''),
  capacity: CapacitySchema,
  targetYears: z.array(Year).optional(),
});

export const ChecklistEntrySchema = z.strictObject({
  confirmed: z.boolean().default(false),
  evidence: Text().default(''),
});

export const ChecklistSchema = z.partialRecord(z.enum(CHECKLIST_IDS), ChecklistEntrySchema);

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

export const PlanSchema = z
  .strictObject({
    format: z.literal(PLAN_FORMAT, { error: (iss) => `expected "${PLAN_FORMAT}", got ${describeValue(iss.input)}` }),
    applicant: z
      .strictObject({ name: Text().default(''), joint: z.boolean().default(false) })
      .default({ name: '', joint: false }),
    /** Whether the years are calendar years (暦年) or Japanese fiscal years (年度, April–March). */
    yearBasis: z.enum(['calendar', 'fiscal']).default('calendar'),
    activity: ActivitySchema,
    lines: z.array(LineSchema),
    checklist: ChecklistSchema.default({}),
    overseas: z.array(OverseasSchema).default([]),
    /** 第3章第8節: recorded, not pass/fail. */
    regional: z
      .strictObject({ contribution: Text().default(''), jobsCreated: NonNegativeNumber.optional() })
      .optional(),
  });

export type Plan = z.infer<typeof PlanSchema>;
export type PlanInput = z.input<typeof PlanSchema>;
export type PlanLine = Plan['lines'][number];
export type Activity = Plan['activity'];
export type OverseasBase = Plan['overseas'][number];
