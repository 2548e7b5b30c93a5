/**
 * One test per ExcelJS field the accessor module reaches: each is set through ExcelJS's public API (or read back
 * from a saved file) and must be seen through the accessor. An ExcelJS upgrade that moves a field fails here.
 */
import * as ExcelJS from 'exceljs';
import {
  cellStoreOf,
  columnsOf,
  conditionalFormattingsOf,
  dataValidationsOf,
  definedNamesOf,
  definedNameStoreOf,
  isSheetProtected,
  mergesOf,
  removeNote,
  ruleNumberFormatOf,
  rowBreaksOf,
  tablesOf,
} from '../../src/workbook/xlsx/exceljs-internals';
import { readEntry, readZipDirectory } from '../../src/workbook/xlsx/zip-scan';

function sheet(): { wb: ExcelJS.Workbook; ws: ExcelJS.Worksheet } {
  const wb = new ExcelJS.Workbook();
  return { wb, ws: wb.addWorksheet('計画') };
}

/** The first worksheet's XML as ExcelJS writes it. */
async function sheetXml(wb: ExcelJS.Workbook): Promise<string> {
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const entry = readZipDirectory(bytes, 100).find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
  return Buffer.from(await readEntry(bytes, entry)).toString('utf8');
}

async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(await wb.xlsx.writeBuffer());
  return back;
}

describe('ExcelJS internals', () => {
  test('worksheet.conditionalFormattings: the rules added, and after a save and load', async () => {
    const { wb, ws } = sheet();
    ws.addConditionalFormatting({ ref: 'A1:B2', rules: [{ type: 'expression', priority: 1, formulae: ['A1>1'], style: {} }] });
    expect(conditionalFormattingsOf(ws)).toEqual([expect.objectContaining({ ref: 'A1:B2', rules: [expect.objectContaining({ type: 'expression', formulae: ['A1>1'] })] })]);
    const back = (await roundTrip(wb)).getWorksheet('計画')!;
    expect(conditionalFormattingsOf(back)[0].rules[0].formulae).toEqual(['A1>1']);
  });

  test('a rule\u2019s style.numFmt: the code given (a string), and after a save and load ({ id, formatCode })', async () => {
    const { wb, ws } = sheet();
    ws.addConditionalFormatting({ ref: 'A1:B2', rules: [{ type: 'expression', priority: 1, formulae: ['A1>1'], style: { numFmt: '"✖ "#,##0' } }] });
    expect(ruleNumberFormatOf(conditionalFormattingsOf(ws)[0].rules[0])).toBe('"✖ "#,##0');
    const back = (await roundTrip(wb)).getWorksheet('計画')!;
    expect(conditionalFormattingsOf(back)[0].rules[0].style?.numFmt).toEqual(expect.objectContaining({ formatCode: '"✖ "#,##0' }));
    expect(ruleNumberFormatOf(conditionalFormattingsOf(back)[0].rules[0])).toBe('"✖ "#,##0');
  });

  test('worksheet._merges: each merge with its rectangle', () => {
    const { ws } = sheet();
    ws.mergeCells('B2:D3');
    expect(Object.values(mergesOf(ws)).map((m) => [m.model, m.shortRange ?? m.range])).toEqual([[{ top: 2, left: 2, bottom: 3, right: 4 }, 'B2:D3']]);
  });

  test('worksheet._rows[]._cells: the cells set, at their indexes', () => {
    const { ws } = sheet();
    ws.getCell('C2').value = 7;
    const row = cellStoreOf(ws)[1];
    expect(row?._cells[2]?.value).toBe(7);
    expect(cellStoreOf(ws)[0]).toBeUndefined();
  });

  test('worksheet.dataValidations.model: the rule of an address', () => {
    const { ws } = sheet();
    ws.getCell('B3').dataValidation = { type: 'list', allowBlank: true, formulae: ['"a,b"'] };
    expect(dataValidationsOf(ws).B3).toEqual(expect.objectContaining({ type: 'list', formulae: ['"a,b"'] }));
  });

  test('workbook.definedNames: the store adds and lists names; matrixMap holds them by name', () => {
    const { wb } = sheet();
    definedNameStoreOf(wb).add("'計画'!$A$1:$A$3", 'Items');
    expect(definedNamesOf(wb)).toEqual([{ name: 'Items', ranges: ["'計画'!$A$1:$A$3"] }]);
    expect(Object.keys(definedNameStoreOf(wb).matrixMap)).toEqual(['Items']);
  });

  test('worksheet._columns: the defined columns, without creating any', () => {
    const { ws } = sheet();
    expect(columnsOf(ws)).toEqual([]);
    ws.getColumn(2).width = 30;
    expect(columnsOf(ws)[1]?.width).toBe(30);
    expect(columnsOf(ws)).toHaveLength(2);
  });

  test('worksheet.sheetProtection: protected or not', async () => {
    const { ws } = sheet();
    expect(isSheetProtected(ws)).toBe(false);
    await ws.protect('', {});
    expect(isSheetProtected(ws)).toBe(true);
  });

  test('cell._comment: removing a note leaves the cell without one', () => {
    const { ws } = sheet();
    const cell = ws.getCell('A1');
    cell.note = 'memo';
    expect(cell.note).toBe('memo');
    removeNote(cell);
    expect(cell.note).toBeUndefined();
  });

  test('worksheet.getTables(): tables with their names', () => {
    const { ws } = sheet();
    ws.addTable({ name: 'Lines', ref: 'A1', columns: [{ name: 'x' }], rows: [[1]] });
    expect(tablesOf(ws).map((t) => t.name)).toEqual(['Lines']);
  });

  test('worksheet.rowBreaks: the live array row.addPageBreak() fills, saved as <rowBreaks>', async () => {
    const { wb, ws } = sheet();
    ws.getCell('A30').value = 'x';
    ws.getRow(20).addPageBreak();
    expect(rowBreaksOf(ws).map((b) => b.id)).toEqual([20]);
    rowBreaksOf(ws).length = 0;
    ws.getRow(10).addPageBreak();
    const xml = await sheetXml(wb);
    expect(xml).toMatch(/<rowBreaks count="1" manualBreakCount="1"><brk id="10" max="\d+" man="1"\/><\/rowBreaks>/);
  });
});
