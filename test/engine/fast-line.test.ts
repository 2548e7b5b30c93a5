/**
 * The parser checks plan lines by hand first (speed) and falls back to zod for anything not plainly valid. A user
 * must not be able to tell: for any input, the plan parsed, or the errors reported, are those of the plain zod
 * schema (PlanShape, the one the published JSON Schema comes from).
 */
import fc from 'fast-check';
import { parsePlan, zodErrors } from '../../src/plan/parse';
import { PlanShape, plainLine } from '../../src/plan/schema';
import { lineArb } from './arbitraries';

/** What zod alone makes of a plan: the reference. */
function reference(data: unknown) {
  const r = PlanShape.safeParse(data);
  return r.success ? { ok: true as const, plan: r.data } : { ok: false as const, errors: zodErrors(r.error) };
}

const plan = (lines: unknown) => ({
  format: 'supply-plan/2',
  activities: [{ id: 'A', kind: 'capacity', start: '2024-04-01', end: '2034-03-31' }],
  lines,
});

/** Text as people type it: padded, full-width, tabs, blank. */
const oddText = fc.constantFrom(' ボールねじ ', '\tPLC', 'ＰＬＣ', 'base ', ' ', '', 'machine tools', ' robots', '台/年 ', 'x'.repeat(32_768));

/** Values people (and broken files) put where a number or a text belongs. */
const oddValue = fc.oneof(
  oddText,
  fc.constantFrom(-0, 0, -1, NaN, Infinity, 1e-10, 1e-9, 1e15, 1e16, '1,200', '１２００', ' 12 ', 'abc', '', '  ', null, true, [], {}),
  fc.double({ noNaN: false }),
  fc.string({ maxLength: 6 }),
  fc.constant('\u0001bad'),
  fc.constant(undefined),
);

/** Keys a capacity object might have, good and bad ("21e2" is a number too, but not a year). */
const oddKey = fc.constantFrom('2021', '2022', '2030', '2100', '2101', '2020', '21e2', '+202', ' 202', '２０２５', 'x', '__proto__', '0x7E');

/** A valid line with one thing changed: a field set to an odd value, an unknown field, an odd capacity entry. */
const mutatedLine = fc
  .tuple(
    lineArb,
    fc.constantFrom('scenario', 'item', 'use', 'site', 'activity', 'baseline2021', 'unit', 'capacity', 'targetYears', 'extra', 'capacityKey', 'capacityValue', 'none'),
    oddValue,
    oddKey,
  )
  .map(([line, field, value, key]) => {
    const out: Record<string, unknown> = { ...line, capacity: { ...line.capacity } };
    if (field === 'capacityKey') (out.capacity as Record<string, unknown>)[key] = 1000;
    else if (field === 'capacityValue') (out.capacity as Record<string, unknown>)['2026'] = value;
    else if (field === 'targetYears') out.targetYears = [2025, value];
    else if (field !== 'none') out[field] = value;
    return out;
  });

describe('the hand check of plan lines agrees with zod', () => {
  test('for valid lines and lines with one odd value: same plan or same errors, in the same order', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(lineArb, mutatedLine), { maxLength: 5 }), (lines) => {
        const fast = parsePlan(plan(lines));
        const slow = reference(plan(lines));
        expect(fast.ok).toBe(slow.ok);
        if (fast.ok && slow.ok) expect(JSON.stringify(fast.plan)).toBe(JSON.stringify(slow.plan));
        else expect(fast).toEqual(slow);
      }),
      { numRuns: 400 },
    );
  });

  test('lines that are not an array, or not objects, are reported as zod reports them', () => {
    for (const lines of [{}, 'lines', 3, null, [null], [[]], [1, 'x']]) {
      expect(parsePlan(plan(lines))).toEqual(reference(plan(lines)));
      expect(parsePlan(plan(lines)).ok).toBe(false);
    }
  });

  test('errors in the lines keep their place among errors elsewhere in the plan', () => {
    const data = {
      ...plan([{ item: 'PLC', use: 'ships', baseline2021: 1, capacity: {} }]),
      format: 'supply-plan/0',
      transfers: [{ act: 'v', capacityBefore: -1, capacityAfter: 1, localConsumptionShare: 2 }],
      surplus: true,
    };
    const r = parsePlan(data);
    expect(r).toEqual(reference(data));
    expect(r.ok ? [] : r.errors.map((e) => e.path)).toEqual(['format', 'lines[0].use', 'transfers[0].capacityBefore', 'transfers[0].localConsumptionShare', 'surplus']);
  });

  test('a bad line is named by its path and the lines around it are still checked', () => {
    const good = { item: 'ボールねじ', use: 'machine-tools', baseline2021: 100, capacity: { 2026: 130 } };
    // A baseline of 0 is a new entrant (the engine says so), not bad input; a negative one is.
    const r = parsePlan(plan([good, { ...good, capacity: { 2026: 'abc' } }, good, { ...good, baseline2021: -1 }, { ...good, baseline2021: 0 }]));
    expect(r).toEqual({
      ok: false,
      errors: [
        { path: 'lines[1].capacity.2026', message: 'expected a number, got "abc"' },
        { path: 'lines[3].baseline2021', message: 'must not be negative' },
      ],
    });
  });

  test('the hand check leaves anything unusual to zod rather than guess', () => {
    const base = { item: 'PLC', use: 'robots', baseline2021: 10, capacity: { 2026: 13 } };
    expect(plainLine(base)).not.toBeNull();
    // Each of these is accepted by zod (normalised) or rejected with a message; the hand check takes none of them.
    for (const odd of [
      { ...base, baseline2021: '10' },
      { ...base, capacity: { 2026: -0 } },
      { ...base, capacity: { '21e2': 13 } },
      { ...base, scenario: '  ' },
      { ...base, targetYears: ['2026'] },
      { ...base, unit: undefined },
      { ...base, note: 'x' },
      Object.assign(Object.create({ inherited: true }), base),
    ]) {
      expect(plainLine(odd)).toBeNull();
    }
  });
});
