/**
 * @jest-environment node
 */
// Node, not jsdom: no DOM here, and under jsdom's "browser" export condition ExcelJS's uuid resolves to an ES module
// build that jest cannot load.
/**
 * The pane's actions over a real (in-memory) workbook and the real layout — what the preview runs, and what the
 * add-in runs over Office.js. The planner's own edits in the sheets must count at the next command.
 */
import { createWorkbook } from '../../src/workbook/xlsx/io';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';
import type { CellValue } from '../../src/workbook/port';
import { createWorkbookActions } from '../../src/taskpane/workbook-actions';
import type { EvaluateResult, EvaluateStage, PaneActions } from '../../src/taskpane/actions';
import type { Lang } from '../../src/i18n/format';
import type { PlanLine } from '../../src/plan/schema';
import { describeError } from '../../src/taskpane/describe-error';
import { uiText } from '../../src/i18n/ui';

jest.setTimeout(60_000);

const EVALUATED_AT = new Date(Date.UTC(2025, 0, 15, 1, 2, 3));
const VERSION = '9.9.9-test';

function setup(lang: Lang = 'ja') {
  const port = new XlsxPort(createWorkbook());
  let current: Lang = lang;
  const actions = createWorkbookActions(port, { now: () => EVALUATED_AT, version: VERSION, lang: () => current });
  return { port, actions, setLang: (l: Lang) => (current = l) };
}

const SHORT_LINE: PlanLine = {
  scenario: 'base',
  item: 'ball-screw',
  use: 'machine-tools',
  baseline2021: 100,
  unit: '本/年',
  capacity: { '2025': 120, '2026': 125, '2030': 160 },
};

async function planWithOneLine(actions: PaneActions) {
  await actions.createPlan('ja');
  await actions.saveHeader({
    applicant: { name: '東海精機工業株式会社', joint: false },
    yearBasis: 'fiscal',
    activities: [{ id: 'A1', kind: 'capacity', name: '', start: '2024-04-01', end: '2034-03-31', investment: '' }],
  });
  await actions.addLine(SHORT_LINE);
}

async function allText(port: XlsxPort): Promise<string> {
  const names = await port.sheetNames();
  const sheets = await port.readSheets(names);
  return Object.values(sheets)
    .flatMap((s) => s?.values ?? [])
    .flat()
    .map((v: CellValue) => (v === null ? '' : typeof v === 'object' ? v.error : String(v)))
    .join('\n');
}

test('an empty workbook has no plan; one command creates it, in the language asked for', async () => {
  const { actions, port } = setup();
  expect((await actions.detect()).hasPlan).toBe(false);
  await actions.createPlan('en');
  const read = await actions.detect();
  expect(read.hasPlan).toBe(true);
  expect(read.lang).toBe('en');
  expect(read.plan.lines).toEqual([]);
  expect((await port.sheetNames()).length).toBeGreaterThan(0);
});

test('header, line and checklist written through the pane read back as the plan', async () => {
  const { actions } = setup();
  await planWithOneLine(actions);
  await actions.saveChecklist({ 'stability.bcp': { confirmed: true, evidence: 'BCP 2023年版' } });
  const { plan, inputFindings } = await actions.detect();
  expect(inputFindings).toEqual([]);
  expect(plan.applicant).toEqual({ name: '東海精機工業株式会社', joint: false });
  expect(plan.yearBasis).toBe('fiscal');
  expect(plan.activities?.[0]).toMatchObject({ kind: 'capacity', start: '2024-04-01', end: '2034-03-31' });
  expect(plan.lines).toHaveLength(1);
  expect(plan.lines[0]).toMatchObject({ scenario: 'base', use: 'machine-tools', baseline2021: 100, capacity: { '2025': 120, '2026': 125, '2030': 160 } });
  expect(plan.checklist['stability.bcp']).toEqual({ confirmed: true, evidence: 'BCP 2023年版' });
});

test('evaluate reports its stages in order, locates findings in cells and writes the results', async () => {
  const { actions, port } = setup();
  await planWithOneLine(actions);
  const sheetsBefore = await port.sheetNames();
  const stages: EvaluateStage[] = [];
  const { evaluation, findings } = await actions.evaluate((s) => stages.push(s));

  expect(stages).toEqual(['reading', 'evaluating', 'writing']);
  expect(evaluation.verdict).toBe('ineligible');
  const short = findings.find((f) => f.code === 'target.short' && f.year === 2026);
  expect(short?.cell).toEqual({ sheet: expect.any(String), address: expect.stringMatching(/^[A-Z]+\d+$/) });
  expect(await allText(port)).toContain(VERSION);
  expect((await port.sheetNames()).length).toBeGreaterThanOrEqual(sheetsBefore.length);
});

test('a forecast the planner fixes in the sheet counts at the next evaluation', async () => {
  const { actions, port } = setup();
  await planWithOneLine(actions);
  const first = await actions.evaluate();
  const short = first.findings.find((f) => f.code === 'target.short' && f.year === 2026);
  expect(short?.cell).toBeTruthy();

  // The planner types 130 (1.3 × 100) over 125 in the cell the finding points at.
  await port.apply([{ kind: 'values', sheet: short!.cell!.sheet, at: short!.cell!.address, rows: [[130]] }]);
  const second = await actions.evaluate();
  expect(second.findings.some((f) => f.code === 'target.short' && f.year === 2026)).toBe(false);
});

test("a finding's cell can be selected", async () => {
  const { actions } = setup();
  await planWithOneLine(actions);
  const { findings } = await actions.evaluate();
  const located = findings.find((f) => f.cell);
  await expect(actions.selectCell(located!.cell!)).resolves.toBeUndefined();
});

test('export summary evaluates the plan as it stands and writes the summary sheet', async () => {
  const { actions, port } = setup();
  await planWithOneLine(actions);
  const summaryBefore = (await port.readSheets(['サマリー']))['サマリー'];
  await actions.exportSummary();
  const summary = (await port.readSheets(['サマリー']))['サマリー'];
  expect(summary).toBeDefined();
  const text = summary!.values.flat().map(String).join('\n');
  expect(text).toContain(VERSION);
  expect(text).toContain('東海精機工業株式会社');
  expect(summaryBefore?.values ?? []).not.toEqual(summary!.values);
});

test('commands that need the plan sheets say so plainly, and write nothing, when they are missing', async () => {
  const { actions, port } = setup();
  for (const attempt of [() => actions.addLine(SHORT_LINE), () => actions.saveChecklist({}), () => actions.evaluate(), () => actions.exportSummary()]) {
    const error = await attempt().catch((e: unknown) => e);
    expect(describeError(error, 'en')).toBe(uiText('en').errors.noPlan);
    expect(describeError(error, 'ja')).toBe(uiText('ja').errors.noPlan);
  }
  // Nothing was written into the workbook that is not a plan.
  expect(await port.sheetNames()).toEqual([]);
});

test('every evaluation is heard by the listeners, whoever asked for it, until they stop listening', async () => {
  const { actions, port } = setup();
  const heard: EvaluateResult[] = [];
  const stop = actions.onEvaluated((r) => heard.push(r));
  // A failed evaluation (no plan yet) is not heard.
  await expect(actions.evaluate()).rejects.toBeTruthy();
  expect(heard).toEqual([]);

  await planWithOneLine(actions);
  const first = await actions.evaluate();
  expect(heard).toHaveLength(1);
  expect(heard[0]).toBe(first);

  // The planner closes the 2026 gap in the sheet; an evaluation asked for elsewhere (the host, after the edit) is
  // heard with the new findings.
  const short = first.findings.find((f) => f.code === 'target.short' && f.year === 2026)!;
  await port.apply([{ kind: 'values', sheet: short.cell!.sheet, at: short.cell!.address, rows: [[130]] }]);
  const second = await actions.evaluate();
  expect(heard[1]).toBe(second);
  expect(heard[1].findings.some((f) => f.code === 'target.short' && f.year === 2026)).toBe(false);

  stop();
  await actions.evaluate();
  expect(heard).toHaveLength(2);
});

test('the regional contribution (第3章第8節) saved with the header reads back with the plan', async () => {
  const { actions } = setup();
  await planWithOneLine(actions);
  await actions.saveHeader({ considerations: { regionalContribution: '浜松地域のサプライヤー3社と連携', jobsCreated: 24 } });
  const { plan } = await actions.detect();
  expect(plan.considerations).toMatchObject({ regionalContribution: '浜松地域のサプライヤー3社と連携', jobsCreated: 24 });
  // The rest of the header is left as it was.
  expect(plan.applicant.name).toBe('東海精機工業株式会社');
});
