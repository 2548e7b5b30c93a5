/**
 * The adapter checks that run both here, over the strict fake of each Excel the manifest admits
 * (test/workbook/excel-suite.test.ts), and inside real Excel (`npm run test:excel`, scripts/test-excel.js, which
 * loads test/excel/in-excel.ts into a sideloaded task pane). Each check works on a sheet of its own, which it
 * deletes after, so a real workbook is left as it was found. Assertions are plain: the page in Excel has no jest.
 */
import { OfficePort, type ExcelRunner } from '../../src/workbook/office/office-port';
import type { WriteOp } from '../../src/workbook/port';

export interface ExcelCheck {
  name: string;
  run(excelRun: ExcelRunner, supports: (set: string, version: string) => boolean): Promise<void>;
}

function assertEqual(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}

let counter = 0;
/** A sheet name no workbook has yet (Japanese, as the planners' sheets are). */
function scratchSheet(): string {
  counter++;
  return `検査${Date.now() % 100000}_${counter}`;
}

async function withSheet(excelRun: ExcelRunner, supports: (set: string, version: string) => boolean, body: (port: OfficePort, sheet: string) => Promise<void>): Promise<void> {
  const port = new OfficePort(excelRun, { supports });
  const sheet = scratchSheet();
  await port.apply([{ kind: 'addSheet', sheet }]);
  try {
    await body(port, sheet);
  } finally {
    await excelRun(async (ctx) => {
      ctx.workbook.worksheets.getItem(sheet).delete();
      await ctx.sync();
    });
  }
}

export const EXCEL_CHECKS: ExcelCheck[] = [
  {
    name: 'text is written as text and read back as written; numbers and booleans keep their type',
    run: (excelRun, supports) =>
      withSheet(excelRun, supports, async (port, sheet) => {
        const rows = [['=1+1', '001', '2024-04-01', 12.5, true, '工作機械']];
        await port.apply([{ kind: 'values', sheet, at: 'A1', rows }]);
        const read = await port.readSheets([sheet]);
        assertEqual(read[sheet]?.values, rows, 'values read back');
      }),
  },
  {
    name: '3,000 rows × 20 columns of Japanese text are read whole (in windows on the web)',
    run: (excelRun, supports) =>
      withSheet(excelRun, supports, async (port, sheet) => {
        const rows = Array.from({ length: 3000 }, (_, i) => Array.from({ length: 20 }, (_, j) => `サーボ機構の生産能力 ${i}-${j}`));
        await port.apply([{ kind: 'values', sheet, at: 'A1', rows }]);
        const read = await port.readSheets([sheet]);
        assertEqual(read[sheet]?.values.length, 3000, 'rows read');
        assertEqual(read[sheet]?.values[2999][19], 'サーボ機構の生産能力 2999-19', 'last cell');
      }),
  },
  {
    name: 'our conditional formats are replaced after a clear of their cells; the planner’s stay',
    run: (excelRun, supports) =>
      withSheet(excelRun, supports, async (port, sheet) => {
        const ours = ['=B2<$Z$1'];
        const rule: WriteOp = { kind: 'conditionalFormat', sheet, range: 'B2:B50', formula: '=B2<$Z$1', format: { fill: { color: '#FFC7CE' } } };
        const planners: WriteOp = { kind: 'conditionalFormat', sheet, range: 'B2:B50', formula: '=B2>100', format: { fill: { color: '#FFEB9C' } } };
        await port.apply([planners, rule]);
        for (let i = 0; i < 2; i++) {
          await port.readSheets([sheet]);
          await port.apply([{ kind: 'clearConditionalFormats', sheet, ownedBy: ours }, { kind: 'clear', sheet, range: 'C1:C50' }, rule]);
        }
        const formulas = await excelRun(async (ctx) => {
          const cfs = ctx.workbook.worksheets.getItem(sheet).getRange().conditionalFormats.load('items/type,items/id');
          await ctx.sync();
          const rules = cfs.items.map((cf) => cfs.getItem(cf.id).customOrNullObject.load('rule/formula'));
          await ctx.sync();
          return rules.map((r) => (r.isNullObject ? null : r.rule.formula));
        });
        assertEqual([...formulas].sort(), ['=B2<$Z$1', '=B2>100'], 'rules after two checks');
      }),
  },
  {
    name: 'a conditional format with a number format (the status mark before the number) is added; the value stays',
    run: (excelRun, supports) =>
      withSheet(excelRun, supports, async (port, sheet) => {
        await port.apply([
          { kind: 'values', sheet, at: 'B2', rows: [[120000]] },
          { kind: 'conditionalFormat', sheet, range: 'B2:B50', formula: '=B2<130000', format: { fill: { color: '#FFC7CE' }, numberFormat: '"✖ "#,##0' } },
        ]);
        // The rule is there and the value is unchanged (its number format only changes how the cell reads; the fake's
        // test of the Office adapter checks the format it is given).
        const shown = await excelRun(async (ctx) => {
          const range = ctx.workbook.worksheets.getItem(sheet).getRange('B2');
          const cfs = range.conditionalFormats.load('items/id');
          range.load('values');
          await ctx.sync();
          const rule = cfs.getItem(cfs.items[0].id).custom.rule.load('formula');
          await ctx.sync();
          return { formula: rule.formula, value: range.values[0][0] as number };
        });
        assertEqual(shown.formula, '=B2<130000', 'the rule');
        assertEqual(shown.value, 120000, 'the value, unchanged');
      }),
  },
  {
    name: 'the table is created once and resized; a formula with a structured reference keeps it',
    run: (excelRun, supports) =>
      withSheet(excelRun, supports, async (port, sheet) => {
        const name = `検査表${counter}`;
        await port.apply([
          { kind: 'values', sheet, at: 'A1', rows: [['品目', '2026'], ['a', 1], ['b', 2]] },
          { kind: 'table', sheet, name, range: 'A1:B3' },
        ]);
        await excelRun(async (ctx) => {
          ctx.workbook.worksheets.getItem(sheet).getRange('D1').formulas = [[`=SUM(${name}[2026])`]];
          await ctx.sync();
        });
        await port.apply([{ kind: 'values', sheet, at: 'A4', rows: [['c', 3]] }, { kind: 'table', sheet, name, range: 'A1:B4' }]);
        const formula = await excelRun(async (ctx) => {
          const d1 = ctx.workbook.worksheets.getItem(sheet).getRange('D1').load('formulas');
          await ctx.sync();
          return d1.formulas[0][0] as string;
        });
        assertEqual(formula, `=SUM(${name}[2026])`, 'the planner’s formula');
      }),
  },
];
