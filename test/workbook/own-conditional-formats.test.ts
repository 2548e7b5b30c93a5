/**
 * A planner's own conditional formats on the plan sheet survive a check and a second check, in the .xlsx file and in
 * Excel (the Office adapter over the strict fake), while ours are replaced, never piled up — and the add-in still
 * checks in two syncs to read and two to write.
 */
import type * as ExcelJS from 'exceljs';
import { evaluate } from '../../src/evaluate';
import { checkWorkbook, createPlanWorkbook, readPlan, writeResults } from '../../src/workbook/layout';
import { OfficePort } from '../../src/workbook/office/office-port';
import { formulaShape, isOwnedRuleFormula } from '../../src/workbook/a1';
import type { WriteOp } from '../../src/workbook/port';
import { forgetOrigin } from '../../src/workbook/xlsx/codec';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';
import { SHEET_NAMES } from '../../src/i18n/workbook';
import { liveFormulas } from '../../src/workbook/layout/formulas';
import { policyRefs } from '../../src/workbook/layout/geometry';
import { forecastRules, templateGeometry } from '../../src/workbook/layout/plan-sheet';
import { previousForecastRuleFormulas } from './previous-rules';
import { portOver, roundTrip, samplePlan } from '../layout/helpers';
import { FakeExcel, PROFILES, supportsOn, WEB, type FakeConditionalFormat, type HostProfile } from './fake-excel';

// A whole sample workbook is laid out and checked twice per test: ~6 s on a busy two-core machine, past jest's 5 s.
jest.setTimeout(60_000);

const PLAN = '計画';
const WHEN = new Date('2025-06-30T01:02:03Z');
const LATER = new Date('2025-07-01T09:00:00Z');
/** Earlier versions' rules (the mark alone, over the forecasts too), and this version's over the forecasts. */
const LEGACY = ['=A1="✖"', '=A1="✔"', '=LEFT(A1,1)="✖"'];
function currentRules(): string[] {
  const names = SHEET_NAMES.ja;
  const g = templateGeometry(names.plan, [], 1);
  return forecastRules(liveFormulas(g, names.results, policyRefs(names.policy), 'ja'), g, 0).map((r) => r.formula);
}
const OURS = [...LEGACY, ...currentRules()];

describe('which rules are ours', () => {
  test('a rule reads as ours whatever cells its references point at now (Excel moves them on inserts)', () => {
    expect(formulaShape('=W5="✖"')).toBe(formulaShape(' $AB$120 = "✖"'));
    // References next to each other are each set aside; names and functions are not references.
    expect(formulaShape('=SUM(A1,B2:C3)+A1*$B$2')).toBe('SUM(¤,¤:¤)+¤*¤');
    expect(formulaShape('=LOG10(X1)')).toBe('LOG10(¤)');
    for (const f of ['=W5="✖"', 'X7="✔"', '=LEFT(AK5,1)="✖"', '=#REF!="✖"', '=left($W$5, 1)="✖"']) expect([f, isOwnedRuleFormula(f, OURS)]).toEqual([f, true]);
    // This version's rules over the forecasts, moved (rows inserted above the table).
    for (const f of currentRules()) expect(isOwnedRuleFormula(f.replace(/\b([A-Z]+)(\d+)\b(?!\()/g, (_, c: string, n: string) => `${c}${Number(n) + 3}`), OURS)).toBe(true);
  });

  test('a planner’s formula is not ours, even when it looks at our marks', () => {
    for (const f of ['=AND($W5="✖",$A5="基本")', '=W5="✖✖"', '=W5<>"✖"', '=$D5>100000', '=LEFT(W5,2)="✖"', '="W5=""✖"""', '=W5="x"']) {
      expect([f, isOwnedRuleFormula(f, OURS)]).toEqual([f, false]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------
// .xlsx (CLI, preview)

type Entry = { ref: string; rules: Array<{ type: string; formulae?: string[]; priority?: number }> };
const formattings = (ws: ExcelJS.Worksheet) => (ws as unknown as { conditionalFormattings: Entry[] }).conditionalFormattings;
const rulesOf = (ws: ExcelJS.Worksheet) => formattings(ws).flatMap((cf) => cf.rules.map((r) => ({ ref: cf.ref, ...r })));
const ourRules = (ws: ExcelJS.Worksheet) => rulesOf(ws).filter((r) => r.type === 'expression' && isOwnedRuleFormula(r.formulae?.[0] ?? '', OURS));

/** The planner's rules: a colour scale over the forecasts, a formula of theirs on the baseline, one on our marks. */
function addPlannersRules(ws: ExcelJS.Worksheet): void {
  ws.addConditionalFormatting({
    ref: 'G5:T29',
    rules: [{ type: 'colorScale', priority: 1, cfvo: [{ type: 'min' }, { type: 'max' }], color: [{ argb: 'FFF8696B' }, { argb: 'FF63BE7B' }] }],
  } as ExcelJS.ConditionalFormattingOptions);
  ws.addConditionalFormatting({
    ref: 'D5:D29',
    rules: [{ type: 'expression', priority: 2, formulae: ['$D5>100000'], style: { font: { italic: true } } }],
  } as ExcelJS.ConditionalFormattingOptions);
  ws.addConditionalFormatting({
    ref: 'B5:B29',
    rules: [{ type: 'expression', priority: 3, formulae: ['AND($W5="✖",$A5<>"")'], style: { font: { bold: true } } }],
  } as ExcelJS.ConditionalFormattingOptions);
}

// Each test checks a workbook two or three times: seconds when the machine is busy.
jest.setTimeout(60_000);

const PLANNERS = ['G5:T29 colorScale', 'D5:D29 expression $D5>100000', 'B5:B29 expression AND($W5="✖",$A5<>"")'];
const plannersOf = (ws: ExcelJS.Worksheet) =>
  rulesOf(ws)
    .filter((r) => !(r.type === 'expression' && isOwnedRuleFormula(r.formulae?.[0] ?? '', OURS)))
    .map((r) => `${r.ref} ${r.type}${r.formulae ? ` ${r.formulae[0]}` : ''}`);

describe('the .xlsx file', () => {
  test('the planner’s colour scale and formula rules survive a check and a second one; ours are not duplicated', async () => {
    const { wb, port } = portOver();
    await createPlanWorkbook(port, { lang: 'ja', plan: await samplePlan() });
    const template = await roundTrip(wb);
    const ours = ourRules(template.getWorksheet(PLAN)!).length;
    expect(ours).toBeGreaterThanOrEqual(5);
    // The planner's rules go in straight through ExcelJS (as another program would save them): saved whole.
    forgetOrigin(template);
    addPlannersRules(template.getWorksheet(PLAN)!);

    const first = await roundTrip(template);
    await checkWorkbook(new XlsxPort(first), { evaluatedAt: WHEN, version: '0.1.0' });
    const once = await roundTrip(first);
    await checkWorkbook(new XlsxPort(once), { evaluatedAt: LATER, version: '0.1.0' });
    const twice = await roundTrip(once);

    for (const w of [once, twice]) {
      const plan = w.getWorksheet(PLAN)!;
      expect(plannersOf(plan)).toEqual(PLANNERS);
      expect(ourRules(plan)).toHaveLength(ours);
      // Ours come after the planner's (as Office puts them) and no two rules share a priority.
      const priorities = rulesOf(plan).map((r) => r.priority);
      expect(new Set(priorities).size).toBe(priorities.length);
      const mine = (r: { type: string; formulae?: string[] }) => r.type === 'expression' && isOwnedRuleFormula(r.formulae?.[0] ?? '', OURS);
      const planners = rulesOf(plan).filter((r) => !mine(r));
      expect(planners).toHaveLength(3);
      expect(Math.max(...planners.map((r) => r.priority ?? 0))).toBeLessThan(Math.min(...ourRules(plan).map((r) => r.priority ?? 0)));
    }
    // The colour scale keeps its colours.
    const scale = formattings(twice.getWorksheet(PLAN)!).find((cf) => cf.ref === 'G5:T29' && cf.rules[0].type === 'colorScale');
    expect(JSON.stringify(scale)).toContain('FF63BE7B');
  });

  test('a rule of ours whose references Excel moved (rows inserted above) is still recognised and replaced', async () => {
    const { wb, port } = portOver();
    await createPlanWorkbook(port, { lang: 'ja', plan: await samplePlan() });
    const loaded = await roundTrip(wb);
    const plan = loaded.getWorksheet(PLAN)!;
    const ours = ourRules(plan).length;
    for (const cf of formattings(plan)) {
      // Cell references, not function names (LOG10).
      for (const r of cf.rules) if (r.formulae) r.formulae = r.formulae.map((f) => f.replace(/\$?\b([A-Z]+)(\d+)\b(?!\()/g, (_, c: string, n: string) => `$${c}${Number(n) + 3}`));
    }
    expect(ourRules(plan).map((r) => r.formulae?.[0])).toContain('$X8="✖"'); // written as X5="✖"
    addPlannersRules(plan);
    await checkWorkbook(new XlsxPort(loaded), { evaluatedAt: WHEN, version: '0.1.0' });
    expect(ourRules(loaded.getWorksheet(PLAN)!)).toHaveLength(ours);
    expect(plannersOf(loaded.getWorksheet(PLAN)!)).toEqual(PLANNERS);
    expect(rulesOf(loaded.getWorksheet(PLAN)!)).toHaveLength(ours + 3);
  });

  test('the previous version’s forecast rules (an inserted row’s mark worked out from its inputs) are recognised and replaced', async () => {
    const { wb, port } = portOver();
    await createPlanWorkbook(port, { lang: 'ja', plan: await samplePlan() });
    const loaded = await roundTrip(wb);
    const plan = loaded.getWorksheet(PLAN)!;
    const ours = ourRules(plan).length;
    // The forecasts' rules as that version wrote them, in place of this version's.
    const names = SHEET_NAMES.ja;
    const g = templateGeometry(names.plan, [], 1);
    const previous = previousForecastRuleFormulas(g, names.results, policyRefs(names.policy), 'ja', 0);
    const current = forecastRules(liveFormulas(g, names.results, policyRefs(names.policy), 'ja'), g, 0).map((r) => r.formula);
    let replaced = 0;
    for (const cf of formattings(plan)) {
      for (const r of cf.rules) {
        const i = current.findIndex((f) => formulaShape(r.formulae?.[0] ?? '') === formulaShape(f));
        if (i >= 0 && i < previous.length) {
          r.formulae = [previous[i].slice(1)];
          replaced++;
        }
      }
    }
    expect(replaced).toBe(8);
    addPlannersRules(plan);
    await checkWorkbook(new XlsxPort(loaded), { evaluatedAt: WHEN, version: '0.1.0' });
    const after = loaded.getWorksheet(PLAN)!;
    expect(plannersOf(after).filter((r) => !r.includes('ISBLANK'))).toEqual(PLANNERS);
    expect(rulesOf(after)).toHaveLength(ours + 3);
    expect(rulesOf(after).some((r) => r.formulae?.[0]?.includes('ISBLANK'))).toBe(false);
  });

  test('results and summary sheets are ours whole: every rule there is replaced', async () => {
    const { wb, port } = portOver();
    await createPlanWorkbook(port, { lang: 'ja', plan: await samplePlan() });
    await checkWorkbook(new XlsxPort(wb), { evaluatedAt: WHEN, version: '0.1.0' });
    const counts = () => ['結果', 'サマリー'].map((s) => rulesOf(wb.getWorksheet(s)!).length);
    const before = counts();
    wb.getWorksheet('結果')!.addConditionalFormatting({ ref: 'A1', rules: [{ type: 'expression', priority: 1, formulae: ['TRUE'], style: {} }] } as ExcelJS.ConditionalFormattingOptions);
    await checkWorkbook(new XlsxPort(wb), { evaluatedAt: LATER, version: '0.1.0' });
    expect(counts()).toEqual(before);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Excel (Office.js over the strict fake)

let nextId = 0;
function plannersRule(rule: Omit<FakeConditionalFormat, 'id' | 'font'>): FakeConditionalFormat {
  return { id: `planner-${++nextId}`, font: {}, ...rule };
}

async function officeWorkbook(profile: HostProfile = WEB): Promise<{ excel: FakeExcel; port: OfficePort; planners: FakeConditionalFormat[] }> {
  const excel = new FakeExcel({ profile });
  const port = new OfficePort(excel.run, { supports: supportsOn(profile) });
  await createPlanWorkbook(port, { lang: 'ja', plan: await samplePlan() });
  const planners = [
    plannersRule({ range: 'G5:T29', type: 'ColorScale' }),
    plannersRule({ range: 'D5:D29', type: 'Custom', formula: '=$D5>100000', fill: '#FFEB9C' }),
    plannersRule({ range: 'B5:B29', type: 'Custom', formula: '=AND($W5="✖",$A5<>"")', stopIfTrue: false }),
  ];
  // Rules the planner made in Excel go on top (Excel's "New Rule" adds at the highest priority).
  excel.sheet(PLAN).conditionalFormats.unshift(...planners);
  return { excel, port, planners };
}

const officeOurs = (excel: FakeExcel) => excel.sheet(PLAN).conditionalFormats.filter((cf) => cf.type === 'Custom' && isOwnedRuleFormula(cf.formula ?? '', OURS));

describe.each(PROFILES.map((p) => [p.name, p] as const))('Excel (Office.js) on %s', (_name, profile) => {
  test('the planner’s rules survive two checks, ours are replaced, and a check is still 2 syncs to read and 2 to write', async () => {
    const { excel, port, planners } = await officeWorkbook(profile);
    const ours = officeOurs(excel).length;
    expect(ours).toBeGreaterThanOrEqual(5);
    const firstOurs = officeOurs(excel).map((cf) => cf.id);
    for (const when of [WHEN, LATER]) {
      const before = excel.syncCount;
      const read = await readPlan(port);
      const mid = excel.syncCount;
      await writeResults(port, read, evaluate(read.plan, { inputFindings: read.inputFindings }), { lang: 'ja', evaluatedAt: when, version: '0.1.0' });
      expect([mid - before, excel.syncCount - mid]).toEqual([2, 2]);
      const cfs = excel.sheet(PLAN).conditionalFormats;
      // The planner's rules, untouched and still first; then ours, as many as before.
      expect(cfs.slice(0, 3)).toEqual(planners);
      expect(officeOurs(excel)).toHaveLength(ours);
      expect(cfs).toHaveLength(ours + 3);
    }
    // Ours were written again (new ones), not left from the template.
    expect(officeOurs(excel).some((cf) => firstOurs.includes(cf.id))).toBe(false);
  });

  test('the same rules as the .xlsx file writes', async () => {
    const { excel, port } = await officeWorkbook(profile);
    await checkWorkbook(port, { evaluatedAt: WHEN, version: '0.1.0' });
    const { wb, port: xport } = portOver();
    await createPlanWorkbook(xport, { lang: 'ja', plan: await samplePlan() });
    await checkWorkbook(new XlsxPort(wb), { evaluatedAt: WHEN, version: '0.1.0' });
    const xlsx = ourRules(wb.getWorksheet(PLAN)!).map((r) => `${r.ref} =${r.formulae?.[0]}`);
    expect(officeOurs(excel).map((cf) => `${cf.range} ${cf.formula}`)).toEqual(xlsx);
  });

  test('rules changed between the read and the write (the planner adds one, one of ours becomes a colour scale): still right', async () => {
    const { excel, port, planners } = await officeWorkbook(profile);
    const ours = officeOurs(excel).length;
    const read = await readPlan(port);
    const added = plannersRule({ range: 'E5:E29', type: 'Custom', formula: '=E5=""' });
    excel.sheet(PLAN).conditionalFormats.unshift(added);
    // A rule of ours the planner turned into a data bar is theirs now.
    const turned = officeOurs(excel)[0];
    turned.type = 'DataBar';
    delete turned.formula;
    await writeResults(port, read, evaluate(read.plan, { inputFindings: read.inputFindings }), { lang: 'ja', evaluatedAt: WHEN, version: '0.1.0' });
    const cfs = excel.sheet(PLAN).conditionalFormats;
    expect(cfs.slice(0, 4)).toEqual([added, ...planners]);
    expect(cfs).toContain(turned);
    expect(officeOurs(excel)).toHaveLength(ours);
    expect(cfs).toHaveLength(ours + 5);
  });

  test('a write with no read before it finds our rules on its own (more syncs, same result)', async () => {
    const { excel, port, planners } = await officeWorkbook(profile);
    const ours = officeOurs(excel).length;
    const ops: WriteOp[] = [
      { kind: 'clearConditionalFormats', sheet: PLAN, ownedBy: OURS },
      { kind: 'conditionalFormat', sheet: PLAN, range: 'W5:AJ29', formula: '=W5="✖"', format: { fill: { color: '#FFC7CE' } } },
    ];
    const before = excel.syncCount;
    await port.apply(ops);
    expect(excel.syncCount - before).toBe(4); // sheets, formats' types, their formulas, the write
    expect(excel.sheet(PLAN).conditionalFormats.slice(0, 3)).toEqual(planners);
    expect(officeOurs(excel)).toHaveLength(1);
    expect(ours).toBeGreaterThan(1);
  });

  test('without ownedBy every rule of the sheet goes (the results and summary sheets)', async () => {
    const { excel, port } = await officeWorkbook(profile);
    await port.apply([{ kind: 'clearConditionalFormats', sheet: PLAN }]);
    expect(excel.sheet(PLAN).conditionalFormats).toEqual([]);
  });
});

describe('the fake is as strict as Excel about conditional formats', () => {
  test('a type or formula not loaded cannot be read; custom properties of a colour scale fail the request', async () => {
    const { excel } = await officeWorkbook();
    await excel.run(async (ctx) => {
      const cfs = ctx.workbook.worksheets.getItem(PLAN).getRange().conditionalFormats;
      cfs.load('items/type,items/id');
      expect(() => cfs.items).toThrow(/not available/);
      await ctx.sync();
      expect(cfs.items[0].type).toBe('ColorScale');
      expect(() => cfs.items[1].custom.rule.formula).toThrow(/not available/);
      expect(() => cfs.items[0].stopIfTrue).toThrow(/not available/);
      // By id: by position Excel fails where two rules share a cell (office-js issue #5222).
      const orNull = cfs.getItem(cfs.items[0].id).customOrNullObject.load('rule/formula');
      const custom = cfs.getItem(cfs.items[1].id).customOrNullObject.load('rule/formula');
      await ctx.sync();
      expect(orNull.isNullObject).toBe(true);
      expect(custom.rule.formula).toBe('=$D5>100000');
      cfs.load('items/custom/rule/formula');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
      cfs.items[0].custom.rule.load('formula');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
    });
  });
});
