/** fast-check arbitraries for plans users could write: decimals as typed, any item text, any dates in order. */
import fc from 'fast-check';
import { CHECKLIST_IDS, ITEMS, USES } from '../../src/policy';

/** A decimal as typed: an integer of up to 9 digits with 0–4 decimals. `text` is how it is written. */
export interface TypedDecimal {
  int: number;
  scale: number;
}

export const typedDecimal = (min = 0): fc.Arbitrary<TypedDecimal> =>
  fc.record({ int: fc.integer({ min, max: 999_999_999 }), scale: fc.integer({ min: 0, max: 4 }) });

/** The decimal int × 10^(shift − scale) as the number a JSON parser would give for its text. */
export function valueOf(d: TypedDecimal, shift = 0): number {
  return Number(`${d.int}e${shift - d.scale}`);
}

const itemNames = fc.constantFrom(...ITEMS.flatMap((i) => [i.id, i.ja, i.en]), '鋳物', 'スピンドル', 'spindle', 'ベッド');
const useIds = fc.constantFrom(...USES.map((u) => u.id));
const year = fc.integer({ min: 2021, max: 2040 });

export const lineArb = fc.record(
  {
    scenario: fc.constantFrom('base', 'conservative', 'stretch'),
    item: itemNames,
    use: useIds,
    baseline2021: typedDecimal(1).map((d) => valueOf(d)),
    unit: fc.constantFrom('台/年', '億円/年', ''),
    capacity: fc.dictionary(year.map(String), typedDecimal().map((d) => valueOf(d)), { maxKeys: 12 }),
    targetYears: fc.uniqueArray(fc.integer({ min: 2022, max: 2035 }), { maxLength: 4 }),
  },
  { requiredKeys: ['item', 'use', 'baseline2021', 'capacity'] },
);

const isoDate = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

export const activityArb = fc
  .record({
    kind: fc.constantFrom('capacity' as const, 'rnd' as const),
    a: isoDate,
    b: isoDate,
    quantitativeTargets: fc.option(fc.array(fc.constantFrom('', ' ', '精度 ±1µm', 'cost -20%'), { maxLength: 2 }), { nil: undefined }),
    followOn: fc.option(fc.boolean(), { nil: undefined }),
  })
  .map(({ a, b, ...rest }) => {
    const [start, end] = a <= b ? [a, b] : [b, a];
    const out: Record<string, unknown> = { kind: rest.kind, start, end };
    if (rest.quantitativeTargets !== undefined) out.quantitativeTargets = rest.quantitativeTargets;
    if (rest.followOn !== undefined) out.followOn = rest.followOn;
    return out;
  });

const overseasArb = fc.record({
  base: fc.constantFrom('タイ工場', 'Suzhou', ''),
  capacityBefore: typedDecimal().map((d) => valueOf(d)),
  capacityAfter: typedDecimal().map((d) => valueOf(d)),
  localConsumptionShare: fc.integer({ min: 0, max: 10000 }).map((n) => n / 10000),
  risk: fc.boolean(),
  metiRequested: fc.boolean(),
});

const checklistArb = fc
  .subarray([...CHECKLIST_IDS])
  .chain((ids) =>
    fc.tuple(...ids.map(() => fc.record({ confirmed: fc.boolean(), evidence: fc.constantFrom('', '申請書 3.1') }))).map((entries) =>
      Object.fromEntries(ids.map((id, i) => [id, entries[i]])),
    ),
  );

/** A plan file's content that the parser accepts. */
export const planArb = fc.record({
  format: fc.constant('supply-plan/1'),
  applicant: fc.record({ name: fc.constant('A'), joint: fc.boolean() }),
  activity: activityArb,
  lines: fc.array(lineArb, { maxLength: 6 }),
  checklist: checklistArb,
  overseas: fc.array(overseasArb, { maxLength: 3 }),
});
