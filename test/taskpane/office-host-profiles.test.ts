/**
 * The pane's Office host over the strict fake of each Excel the manifest admits (test/workbook/fake-excel): what
 * happens after the planner edits the plan once the pane has evaluated.
 */
import { createOfficeActions } from '../../src/taskpane/office-host';
import { createPlanWorkbook } from '../../src/workbook/layout';
import { OfficePort } from '../../src/workbook/office/office-port';
import { samplePlan } from '../layout/helpers';
import { FakeExcel, PROFILES, supportsOn } from '../workbook/fake-excel';

type Globals = { Office?: unknown; Excel?: unknown };
const g = globalThis as unknown as Globals;

afterEach(() => {
  delete g.Office;
  delete g.Excel;
});

/**
 * The pane over the strict fake of each Excel the manifest admits: after an edit, it evaluates by itself only
 * where Excel keeps the planner's undo stack through an add-in's write (ExcelApi 1.20); elsewhere the edit stays
 * undoable and the planner presses Evaluate.
 */
describe.each(PROFILES.map((p) => [p.name, p] as const))('the pane on %s', (_name, profile) => {
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  test('an edit after an evaluation: evaluated again only where the planner can still undo the edit', async () => {
    const excel = new FakeExcel({ profile });
    await createPlanWorkbook(new OfficePort(excel.run, { supports: supportsOn(profile) }), { lang: 'ja', plan: await samplePlan() });
    g.Office = { context: { displayLanguage: 'ja-JP', requirements: { isSetSupported: supportsOn(profile) } } };
    g.Excel = { run: excel.run };
    const actions = createOfficeActions(() => 'ja');
    const heard: string[] = [];
    actions.onEvaluated((r) => heard.push(r.evaluation.verdict));
    await actions.evaluate();
    await pause(1_000); // our own write's change events, and the grace after it

    const forecast = excel.sheet('計画').cell('J5').value as number;
    await excel.userEdit('計画', 'J5', forecast * 10);
    await pause(2_000);
    const reevaluates = profile.excelApi >= 20;
    expect(heard).toHaveLength(reevaluates ? 2 : 1);
    // The planner's edit is still on the undo stack (the re-evaluation, where there is one, is one undo step after it).
    expect(excel.undoStack).toContain('user: 計画!J5');
    expect(excel.undoStack.slice(excel.undoStack.indexOf('user: 計画!J5') + 1)).toEqual(reevaluates ? ['add-in'] : []);
  }, 30_000);
});
