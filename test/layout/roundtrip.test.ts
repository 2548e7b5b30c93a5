/**
 * Plan → workbook → plan: what a template writes reads back as the same plan (items and uses as canonical ids), in
 * both languages, through a saved .xlsx file; and the export of a valid workbook is a valid plan file.
 */
import { evaluate } from '../../src/evaluate';
import { itemId } from '../../src/plan/normalise';
import { parsePlan } from '../../src/plan/parse';
import type { Plan } from '../../src/plan/schema';
import { createPlanWorkbook, readPlan } from '../../src/workbook/layout';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';
import { bigPlan, boundaryPlan } from './fixtures';
import { portOver, roundTrip, samplePlan } from './helpers';

/** A plan with items as ids (the workbook shows their names) and defaults spelled out. */
function canonical(plan: Omit<Plan, 'activities'> & { activities?: Plan['activities'] }) {
  return {
    ...plan,
    lines: plan.lines.map((l) => ({ ...l, item: itemId(l.item) ?? l.item, targetYears: l.targetYears?.length ? l.targetYears : undefined })),
  };
}

describe.each(['ja', 'en'] as const)('round trip (%s)', (lang) => {
  test.each([
    ['the sample', samplePlan],
    ['the boundary cases', async () => boundaryPlan()],
    ['a generated plan of 300 lines', async () => bigPlan(300)],
  ])('%s reads back as the same plan', async (_, make) => {
    const plan = await make();
    const { wb, port } = portOver();
    await createPlanWorkbook(port, { lang, plan });
    const read = await readPlan(new XlsxPort(await roundTrip(wb)));
    expect(read.inputFindings).toEqual([]);
    expect(read.lang).toBe(lang);
    expect(canonical(read.plan)).toEqual(canonical(plan));
    // The export is a valid plan file, and it evaluates exactly as the original.
    const parsed = parsePlan(JSON.parse(JSON.stringify(read.plan)));
    expect(parsed.ok).toBe(true);
    const a = evaluate(plan);
    const b = evaluate(read.plan);
    expect(b.scenarios).toEqual(a.scenarios);
    expect(b.findings.map((f) => [f.code, f.path, f.messages.en])).toEqual(a.findings.map((f) => [f.code, f.path, f.messages.en]));
  });
});
