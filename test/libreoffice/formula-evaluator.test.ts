/**
 * The preview's formula evaluator and number formatter, checked against LibreOffice: a table of formulas (each
 * function the evaluator claims, the decimal boundaries the live formulas use, text in UTF-16 units, wildcards)
 * goes into one .xlsx, LibreOffice recalculates it, and every result must equal ours. Then every formula the layout
 * writes, in checked workbooks (the sample and the boundary plan): each cell as the preview shows it on open —
 * calculated by our evaluator, never from a cached value, formatted by our formatter — must read exactly as
 * LibreOffice shows it. So the preview never shows a status, mark or number LibreOffice would not.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import { evaluateFormula, type FormulaContext, type Scalar } from '../../src/formula/evaluate';
import { formatValue } from '../../src/number-format';
import { calculateWorkbook } from '../../src/preview/workbook-calc';
import { checkWorkbook, createPlanWorkbook } from '../../src/workbook/layout';
import { saveWorkbook } from '../../src/workbook/xlsx/io';
import { boundaryPlan } from '../layout/fixtures';
import { portOver, samplePlan, tmpDir } from '../layout/helpers';
import { freshProfile, insertRowWithLibreOffice, readCsvSheet, toCsv, type CsvSheet } from './soffice';

jest.setTimeout(240_000);

/** The cells the formulas read (sheet "Data"), column A from row 1. */
const DATA: (number | string | boolean | null)[] = [
  1, // A1
  'abc', // A2
  2, // A3
  null, // A4 blank
  3.9, // A5
  '😀x', // A6: a surrogate pair and a letter — 3 UTF-16 units
  'a*b', // A7
  '1,200', // A8
  -2.5, // A9
  'ＡＢＣ　１２', // A10 full-width
  '', // A11 empty text
  'Abc', // A12
  4332.9, // A13
  3, // A14
  '  two  spaces ', // A15
];

/** Data!B1: a logical kept out of column A (LibreOffice stores logicals as numbers, so SUM over A would count it). */
const LOGICAL = true;

/** Each formula the evaluator claims, as written in a cell of sheet "F". */
const FORMULAS: string[] = [
  // Arithmetic, precedence, coercion
  '1+2*3', '-2^2', '2^3^2', '10%', '"3"+1', 'A1+B1', 'A4+1', '1/0', '"x"*2', 'Data!A8*1',
  '0.1+0.2=0.3', '3*1.3', '3*1.3=3.9', 'ROUND(3*1.3,6)>=3.9', '3333*1.3', 'ROUND(3333*1.3,6)',
  'ROUND(3333*1.3,6)-4332.9', 'MAX(0,ROUND(3333*1.3-4332.8,6))', 'ROUND(12345.12345*1.6,6)', 'ROUND(2.675,2)', 'ROUND(-2.5,0)',
  'ROUND(1234.5678,-2)', 'ROUNDUP(1.21,1)', 'ROUNDDOWN(-1.29,1)', 'ROUNDUP(3.9000000001,6)',
  'MIN(6,14-INT(LOG10(MAX(1,ABS(99999999.5)))))', 'MIN(6,14-INT(LOG10(MAX(1,ABS(100000000)))))', 'MIN(6,14-INT(LOG10(MAX(1,ABS(1E12)))))',
  'LOG10(1000)', 'LOG10(0)', 'INT(-1.5)', 'ABS(-3)', 'SIGN(-0.1)', 'MOD(-7,3)', 'MOD(7,0)',
  // Comparison
  '"abc"="ABC"', '"a"<"b"', '1<"a"', 'A4=0', 'A4=""', 'A4=FALSE', 'Data!A2<>"abd"',
  // Logic
  'AND(TRUE,1)', 'AND(A1:A3)', 'OR(FALSE,0)', '_xlfn.XOR(TRUE,TRUE,TRUE)', 'NOT(0)', 'IF(A1>0,"yes","no")', 'IF(FALSE,1)', 'IF(A4,1,2)',
  'IFERROR(1/0,"none")', 'IFERROR(5,0)', '_xlfn.IFNA(NA(),"n/a")', '_xlfn.IFNA(1/0,1)', 'TRUE()', 'FALSE()',
  // Information
  'ISNUMBER(A1)', 'ISNUMBER(A8)', 'ISTEXT(A2)', 'ISNONTEXT(A4)', 'ISLOGICAL(B1)', 'ISBLANK(A4)', 'ISBLANK(A11)',
  'ISERROR(1/0)', 'ISERR(NA())', 'ISNA(NA())', 'N(B1)', 'N(A2)',
  // Text, counted in UTF-16 units
  'LEN(A2)', 'RIGHT(A6,1)', 'LEFT(A2)', 'RIGHT(A2,5)', 'MID("abc",2,5)',
  'LEN(A10)', 'TRIM(A15)', 'UPPER(A2)', 'LOWER(A12)', 'EXACT(A2,A12)', 'CONCATENATE(A2,1,"x")', 'A1&A3&A4',
  'VALUE("1,200")', 'VALUE("12%")', 'VALUE("abc")', 'SUBSTITUTE("a-b-c","-","+")', 'SUBSTITUTE("a-b-c","-","+",2)',
  'SEARCH("B",A2)', 'SEARCH("a?c",A2)', 'SEARCH("~*",A7)', 'FIND("B",A2)', 'FIND("b",A2)', 'ASC("ＡＢＣ１２")', 'CHAR(65)', 'CODE("A")', 'REPT("ab",3)',
  'VALUE(SUBSTITUTE(TRIM(ASC("１，２００")),",",""))',
  // Maths and counting over ranges
  'SUM(A1:A15)', 'SUM(A1,A3)', 'MIN(A1:A15)', 'MAX(A1:A15)', 'AVERAGE(A1,A5)', 'COUNT(A1:A15)', 'COUNTA(A1:A15)', 'COUNTBLANK(A1:A15)',
  'COUNTIF(A1:A15,">1")', 'COUNTIF(A1:A15,"a*")', 'COUNTIF(A1:A15,"a~*b")', 'COUNTIF(A1:A15,"abc")', 'COUNTIF(A1:A15,"<>abc")',
  'COUNTIF(A1:A15,"")', 'COUNTIF(A1:A15,3.9)', 'COUNTIFS(A1:A15,">0",A1:A15,"<4")',
  // Element by element in SUMPRODUCT: blank cells (A4 only: A11 holds empty text) and cells with text after TRIM.
  'SUMPRODUCT(ISBLANK(A1:A15)*1)', 'SUMPRODUCT(ISBLANK(A1:A15)*(LEN(TRIM(A1:A15&""))>0))', 'SUMPRODUCT((ISBLANK(A1:A15)=FALSE)*(LEN(TRIM(A1:A15&""))=0))',
  // The k-th row of a range whose cell is blank (1E+9 and more: none), as the pending results rows find inserted lines.
  'SUMPRODUCT(ROW(A2:A6))', 'SUMPRODUCT(SMALL(ROW(A1:A15)+(1-ISBLANK(A1:A15))*1E+9,1))', 'SUMPRODUCT(SMALL(ROW(A1:A15)+(1-ISBLANK(A1:A15))*1E+9,2))',
  'SUMPRODUCT(SMALL(ROW(A1:A15)+(1-ISBLANK(A1:A15)*(LEN(TRIM(A1:A15&""))=0))*1E+9,1))', 'SMALL(A1:A15,2)',
  // COUNTIF with an array of criteria: the rows of a range no cell of another names.
  'SUMPRODUCT(COUNTIF(A1:A15,ROW(A1:A3)))', 'SUMPRODUCT(SMALL(ROW(A1:A5)+(1-(COUNTIF(A13:A15,ROW(A1:A5))=0))*1E+9,3))',
  // Lookup and position
  'INDEX(A1:A15,5)', 'INDEX(A1:A15,2,1)', 'MATCH("ABC",A1:A15,0)', 'MATCH("a?c",A1:A15,0)', 'MATCH(4,A13:A14,0)',
  'ROW()', 'ROW(A5)', 'COLUMN(C1)', 'COLUMN()', 'ROW(Data!A7:A9)',
];

/**
 * Where Excel and LibreOffice differ, the evaluator follows Excel (the add-in's host); none of these meets the
 * layout's formulas (its status texts and marks are single BMP characters, its inputs are numbers or plain text).
 * Each entry: the formula, Excel's result (ours), and what LibreOffice shows instead.
 */
const EXCEL_NOT_LIBREOFFICE: { formula: string; excel: Scalar; libreoffice: string }[] = [
  // Excel counts UTF-16 code units ("😀" is 2); LibreOffice counts code points.
  { formula: 'LEN(A6)', excel: 3, libreoffice: '2' },
  { formula: 'MID(A6,3,1)', excel: 'x', libreoffice: '' },
  // Excel ranks logicals above text; LibreOffice compares TRUE as the number 1.
  { formula: '"a"<TRUE', excel: true, libreoffice: 'FALSE' },
  // Excel writes a logical as TRUE in text; LibreOffice as 1.
  { formula: 'CONCATENATE(A2,1,TRUE)', excel: 'abc1TRUE', libreoffice: 'abc11' },
  // Excel's ASC makes the ideographic space a half-width space; LibreOffice's keeps it.
  { formula: 'ASC(A10)', excel: 'ABC 12', libreoffice: 'ABC　12' },
  // Excel: #NUM! for a k beyond the count (support.microsoft.com, SMALL function); LibreOffice: #VALUE!. The layout's
  // SMALL asks for at most as many as the rows it looks at, each counted, so it never meets this.
  { formula: 'SMALL(A1:A15,99)', excel: { error: '#NUM!' }, libreoffice: '#VALUE!' },
];

/** What the evaluator gives for a formula written in F!A{row}, over the Data sheet of the workbook. */
function ours(wb: ExcelJS.Workbook, formula: string, row: number): Scalar | 'unsupported' {
  const calc = calculateWorkbook(wb, { useCachedResults: false });
  const f = wb.getWorksheet('F')!;
  const data = wb.getWorksheet('Data')!;
  // Unqualified references in the table mean the Data sheet (as if the formula lived there).
  const context: FormulaContext = { cell: (sheet, r, c) => calc.valueOf(sheet === undefined || sheet === 'Data' ? data : f, r, c) };
  try {
    return evaluateFormula(formula, context, { row, col: 1 });
  } catch {
    return 'unsupported';
  }
}

/** LibreOffice's shown text for our value: numbers numerically (to 15 digits), the rest as text. */
function agrees(value: Scalar | 'unsupported', shown: string): boolean {
  if (value === 'unsupported') return false;
  if (value === null) return shown === '' || shown === '0';
  if (typeof value === 'boolean') return shown === (value ? 'TRUE' : 'FALSE');
  // LibreOffice shows "Err:502" (invalid argument) where Excel has #VALUE! or #NUM!.
  if (typeof value === 'object') return shown === value.error || (shown === 'Err:502' && ['#VALUE!', '#NUM!'].includes(value.error));
  if (typeof value === 'number') {
    // A percent literal makes the cell a percentage ("10%").
    const n = shown.endsWith('%') ? Number(shown.slice(0, -1)) / 100 : Number(shown);
    return shown !== '' && Number.isFinite(n) && Math.abs(n - value) <= Math.max(1e-12, Math.abs(value) * 1e-14);
  }
  return shown === value;
}

let dir: string;
let table: { wb: ExcelJS.Workbook; csv: CsvSheet };
const layout: { name: string; wb: ExcelJS.Workbook; csv: Record<string, CsvSheet> }[] = [];

async function layoutWorkbook(name: string, lang: 'ja' | 'en', plan: Parameters<typeof createPlanWorkbook>[1]['plan']): Promise<{ wb: ExcelJS.Workbook; file: string }> {
  const { wb, port } = portOver();
  await createPlanWorkbook(port, { lang, plan });
  await checkWorkbook(port, { evaluatedAt: new Date('2025-06-30T01:02:03Z'), version: '0.1.0' });
  const file = path.join(dir, `${name}.xlsx`);
  await saveWorkbook(wb, file);
  return { wb, file };
}

beforeAll(async () => {
  dir = await tmpDir('supply-plan-lo-evaluator-');
  // The table: Data!A holds the inputs; F!A the formulas, written with Data as their own sheet's stand-in.
  const wb = new ExcelJS.Workbook();
  const data = wb.addWorksheet('Data');
  DATA.forEach((v, i) => (data.getCell(i + 1, 1).value = v));
  data.getCell('B1').value = LOGICAL;
  const f = wb.addWorksheet('F');
  [...FORMULAS, ...EXCEL_NOT_LIBREOFFICE.map((d) => d.formula)].forEach((formula, i) => {
    // In the file the formulas refer to Data explicitly; the evaluator reads them as written for the Data sheet.
    const qualified = formula.replace(/(^|[^A-Za-z!$"])(\$?[A-C]\$?\d+(?::\$?[A-C]\$?\d+)?)(?![\w(])/g, (m, before: string, ref: string) =>
      /"/.test(before) ? m : `${before}Data!${ref}`,
    );
    f.getCell(i + 1, 1).value = { formula: /ROW\(\)|COLUMN\(\)/.test(formula) ? formula : qualified } as ExcelJS.CellFormulaValue;
  });
  const tableFile = path.join(dir, 'table.xlsx');
  await wb.xlsx.writeFile(tableFile);

  const sample = await layoutWorkbook('sample', 'ja', await samplePlan());
  const boundary = await layoutWorkbook('boundary', 'en', boundaryPlan());

  // The sample after LibreOffice inserted two rows inside the plan table and a planner typed lines into them: one
  // joining the first ball screw line's group (plan row 5), one in the scenario 'downside' with an item of its own.
  // What the results' pending rows compute, read in the file LibreOffice saved.
  const profile = await freshProfile();
  const once = path.join(dir, 'inserted-once.xlsx');
  await insertRowWithLibreOffice(profile, sample.file, once, '計画', 6, { A6: 'base', B6: 'ボールねじ', C6: '工作機械のみ', D6: 40000, E6: '本/年', I6: 45000, J6: 50000 });
  const inserted = path.join(dir, 'inserted.xlsx');
  await insertRowWithLibreOffice(profile, once, inserted, '計画', 9, { A9: 'downside', B9: 'サーボ機構', C9: '工作機械のみ', D9: 7000.5, E9: '台/年', J9: 8400.6 });
  const insertedWb = new ExcelJS.Workbook();
  await insertedWb.xlsx.readFile(inserted);

  const out = path.join(dir, 'csv');
  await fs.mkdir(out);
  await toCsv(await freshProfile(), [tableFile, sample.file, boundary.file, inserted], out);
  // Evaluated over the file as saved, as LibreOffice reads it (not the workbook in memory).
  const saved = new ExcelJS.Workbook();
  await saved.xlsx.readFile(tableFile);
  table = { wb: saved, csv: await readCsvSheet(out, 'table', 'F') };
  for (const [name, w] of [['sample', sample], ['boundary', boundary], ['inserted', { wb: insertedWb, file: inserted }]] as const) {
    const csv: Record<string, CsvSheet> = {};
    for (const ws of w.wb.worksheets) csv[ws.name] = await readCsvSheet(out, name, ws.name);
    layout.push({ name, wb: w.wb, csv });
  }
});

test('every function the evaluator claims gives what LibreOffice gives', () => {
  const wrong = FORMULAS.map((formula, i) => ({ formula, ours: ours(table.wb, formula, i + 1), libreoffice: table.csv.cell(i + 1, 1) })).filter(
    (c) => !agrees(c.ours, c.libreoffice),
  );
  expect(wrong).toEqual([]);
});

test('where Excel and LibreOffice differ, the evaluator gives what Excel gives (and LibreOffice still differs)', () => {
  const rows = EXCEL_NOT_LIBREOFFICE.map((d, i) => {
    const row = FORMULAS.length + i + 1;
    return { formula: d.formula, ours: ours(table.wb, d.formula, row), libreoffice: table.csv.cell(row, 1) };
  });
  expect(rows).toEqual(EXCEL_NOT_LIBREOFFICE.map((d) => ({ formula: d.formula, ours: d.excel, libreoffice: d.libreoffice })));
});

test('every formula the layout writes reads in the preview exactly as in LibreOffice', () => {
  const wrong: string[] = [];
  let compared = 0;
  for (const { name, wb, csv } of layout) {
    const calc = calculateWorkbook(wb, { useCachedResults: false });
    const date1904 = Boolean(wb.properties?.date1904);
    for (const ws of wb.worksheets) {
      ws.eachRow((row, r) =>
        row.eachCell((cell, c) => {
          if (!cell.formula) return;
          compared++;
          let shown: string;
          let value: unknown;
          try {
            value = calc.valueOf(ws, r, c);
            // A file LibreOffice saved carries the number formats it gave formula cells from the cells they read
            // ("#,##0.#####" on results that read a forecast), which its CSV does not apply: values compared there.
            const deduced = name === 'inserted' && ws.name === '結果' && cell.numFmt === '#,##0.#####';
            shown = formatValue(value as Scalar, deduced ? 'General' : cell.numFmt, { date1904 }).text;
          } catch {
            shown = '(not calculated)';
          }
          let expected = csv[ws.name].cell(r, c);
          // 0;-0;;@ shows zero as blank in Excel; LibreOffice's CSV export writes the 0 anyway.
          if (value === 0 && cell.numFmt?.split(';')[2] === '' && expected === '0') expected = '';
          if (shown !== expected) wrong.push(`${name} ${ws.name}!${cell.address}: preview "${shown}", LibreOffice "${expected}" — =${cell.formula}`);
        }),
      );
    }
  }
  expect(compared).toBeGreaterThan(1000);
  expect(wrong.slice(0, 30)).toEqual([]);
  // The inserted lines were read: their plan rows (6 and 9 after the inserts) are in the results' row column.
  const results = layout.find((l) => l.name === 'inserted')!.csv['結果'];
  const rowNumbers = Array.from({ length: 60 }, (_, i) => results.cell(i + 1, 1));
  expect(rowNumbers).toEqual(expect.arrayContaining(['6', '9']));
});
