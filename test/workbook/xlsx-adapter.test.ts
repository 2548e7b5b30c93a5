import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { createWorkbook, forgetOrigin, loadWorkbook, readXlsx, saveWorkbook, writeXlsx } from '../../src/workbook/xlsx/io';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';
import type { WriteOp } from '../../src/workbook/port';

const PLAN = '計画';
const BASE = '基準';

/** A workbook as a user might hand it to us: a reference sheet with styled cells, and a plan sheet. */
function userWorkbook(): ExcelJS.Workbook {
  const wb = createWorkbook();
  const base = wb.addWorksheet(BASE);
  base.getCell('A1').value = '品目';
  ['工作機械', '産業用ロボット', '部品'].forEach((v, i) => (base.getCell(`A${i + 2}`).value = v));
  base.getCell('A1').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00FF00' } };
  const plan = wb.addWorksheet(PLAN);
  plan.getCell('B2').value = '品目';
  plan.getCell('C2').value = '数量';
  // B3 and D3 share one style object, as ExcelJS does for cells with the same style.
  const shared = { font: { italic: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } } };
  plan.getCell('B3').style = shared as Partial<ExcelJS.Style>;
  plan.getCell('D3').style = shared as Partial<ExcelJS.Style>;
  plan.getCell('D3').value = 'keep me';
  return wb;
}

/** Every op kind, as the layout would send them. */
function everyOp(): WriteOp[] {
  return [
    { kind: 'addSheet', sheet: '結果', tabColor: '#1F4E78' },
    { kind: 'addSheet', sheet: PLAN, tabColor: '#FF0000' }, // exists: no-op
    {
      kind: 'values',
      sheet: PLAN,
      at: 'B3',
      rows: [
        ['工作機械', 12, true, null, { error: '#N/A' }],
        ['=1+1', 2.5, false, { formula: '=C3*2' }, '+81-3-0000'],
        ["'quoted", -1, null, { formula: 'C4+1' }, '2024-04-01'],
      ],
    },
    { kind: 'fillFormula', sheet: PLAN, range: 'G3:G5', formula: '=C3*$C$3+SUM(C$3:C3)' },
    { kind: 'format', sheet: PLAN, range: 'B3:C3', format: { font: { bold: true }, numberFormat: '0.0', border: true, horizontal: 'center' } },
    { kind: 'columnWidths', sheet: PLAN, widths: { B: 24, C: 10.5 } },
    { kind: 'clearConditionalFormats', sheet: PLAN },
    { kind: 'conditionalFormat', sheet: PLAN, range: 'C3:C5', formula: '=C3<0', format: { fill: { color: '#FFC7CE' }, font: { color: '#9C0006', bold: true } } },
    { kind: 'conditionalFormat', sheet: PLAN, range: 'C3:C5', formula: '=C3>10', format: { fill: { color: '#FFEB9C' } } },
    { kind: 'listValidation', sheet: PLAN, range: 'B3:B20000', source: { formula: `=${BASE}!$A$2:$A$4` } },
    { kind: 'listValidation', sheet: PLAN, range: 'E3:E5', source: { values: ['はい', 'いいえ'] } },
    { kind: 'note', sheet: PLAN, cell: 'C2', text: '台数を入力' },
    { kind: 'defineName', name: '品目一覧', ref: `='${BASE}'!A2:A4` },
    { kind: 'freeze', sheet: PLAN, rows: 2, columns: 1 },
    { kind: 'pageSetup', sheet: PLAN, landscape: true, paper: 'A4', fitToWidth: true, printArea: 'A1:G20', printTitleRows: '1:2' },
    { kind: 'values', sheet: '結果', at: 'A1', rows: [['区分', '件数'], ['OK', 3], ['NG', 1]] },
    { kind: 'table', sheet: '結果', name: '結果表', range: 'A1:B3', style: 'TableStyleLight9' },
    { kind: 'chart', sheet: '結果', name: '推移', dataRange: 'A1:B3', anchor: 'D2', title: '推移' },
    { kind: 'activate', sheet: PLAN, select: 'B3' },
  ];
}

/** ExcelJS keeps conditional formats in a property its type definitions leave out. */
function cfsOf(ws: ExcelJS.Worksheet): ExcelJS.ConditionalFormattingOptions[] {
  return (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
}

function noteText(cell: ExcelJS.Cell): string | undefined {
  const note = cell.note as string | { texts: Array<{ text: string }> } | undefined;
  return typeof note === 'object' ? note.texts.map((t) => t.text).join('') : note;
}

async function roundTrip(wb: ExcelJS.Workbook): Promise<ExcelJS.Workbook> {
  return readXlsx(await writeXlsx(wb));
}

async function sheetXml(bytes: Uint8Array, sheetIndex: number): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  return zip.file(`xl/worksheets/sheet${sheetIndex}.xml`)!.async('string');
}

describe('XlsxPort round trip', () => {
  let bytes: Uint8Array;
  let wb: ExcelJS.Workbook;
  let port: XlsxPort;

  beforeAll(async () => {
    const original = userWorkbook();
    await new XlsxPort(original).apply(everyOp());
    bytes = await writeXlsx(original);
    wb = await readXlsx(bytes);
    port = new XlsxPort(wb);
  });

  it('adds sheets once, in tab order, with a tab colour', async () => {
    expect(await port.sheetNames()).toEqual([BASE, PLAN, '結果']);
    expect(wb.getWorksheet('結果')!.properties.tabColor).toEqual({ argb: 'FF1F4E78' });
    expect(wb.getWorksheet(PLAN)!.properties.tabColor).toBeUndefined();
  });

  it('reads values back as a rectangle from A1; strings stay text, formulas have no cached value', async () => {
    const { [PLAN]: plan } = await port.readSheets([PLAN]);
    expect(plan!.values[0]).toEqual([null, null, null, null, null, null, null]);
    expect(plan!.values[1]).toEqual([null, '品目', '数量', null, null, null, null]);
    expect(plan!.values[2]).toEqual([null, '工作機械', 12, true, null, { error: '#N/A' }, null]);
    // "=1+1", "+81-…", "'quoted" and an ISO date are text, exactly as given.
    expect(plan!.values[3]).toEqual([null, '=1+1', 2.5, false, null, '+81-3-0000', null]);
    expect(plan!.values[4]).toEqual([null, "'quoted", -1, null, null, '2024-04-01', null]);
    const ws = wb.getWorksheet(PLAN)!;
    expect(ws.getCell('B4').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('E4').formula).toBe('C3*2');
    expect(ws.getCell('E5').formula).toBe('C4+1');
    // ExcelJS does not read calcPr back; the written workbook asks for a full recalculation on open.
    const book = await (await JSZip.loadAsync(bytes)).file('xl/workbook.xml')!.async('string');
    expect(book).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
  });

  it('writes "=…" strings as shared strings, never as <f> formulas', async () => {
    const xml = await sheetXml(bytes, 2);
    expect(xml).toMatch(/<c r="B4"[^>]*t="s"/);
    expect(xml).not.toMatch(/<c r="B4"[^>]*>\s*<f>/);
    expect(xml).toMatch(/<c r="E4"[^>]*><f>C3\*2<\/f><\/c>/);
  });

  it('fills a formula with shifted relative references', () => {
    const ws = wb.getWorksheet(PLAN)!;
    expect(ws.getCell('G3').formula).toBe('C3*$C$3+SUM(C$3:C3)');
    expect(ws.getCell('G5').formula).toBe('C5*$C$3+SUM(C$3:C5)');
  });

  it('merges formats into existing styles and leaves cells that shared the style alone', async () => {
    const ws = wb.getWorksheet(PLAN)!;
    const b3 = ws.getCell('B3');
    expect(b3.font).toMatchObject({ bold: true, italic: true });
    expect(b3.fill).toMatchObject({ fgColor: { argb: 'FFFFFF00' } });
    expect(b3.border.top).toEqual({ style: 'thin' });
    expect(b3.alignment.horizontal).toBe('center');
    const d3 = ws.getCell('D3');
    expect(d3.font.bold).toBeFalsy();
    expect(d3.font.italic).toBe(true);
    expect(d3.border?.top).toBeUndefined();
    expect(d3.numFmt).toBeUndefined();
    const { [PLAN]: plan } = await port.readSheets([PLAN]);
    expect(plan!.numberFormats![2].slice(1, 4)).toEqual(['0.0', '0.0', 'General']);
  });

  it('keeps the foreign sheet untouched', async () => {
    const base = wb.getWorksheet(BASE)!;
    expect(base.getCell('A1').fill).toMatchObject({ fgColor: { argb: 'FF00FF00' } });
    const { [BASE]: snap } = await port.readSheets([BASE]);
    expect(snap!.values).toEqual([['品目'], ['工作機械'], ['産業用ロボット'], ['部品']]);
  });

  it('writes conditional formats with solid fills', async () => {
    const ws = wb.getWorksheet(PLAN)!;
    expect(cfsOf(ws)).toHaveLength(2);
    const rule = cfsOf(ws)[0].rules[0] as ExcelJS.ExpressionRuleType;
    expect(rule.formulae).toEqual(['C3<0']);
    expect(rule.style!.fill).toMatchObject({ pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } });
    // First added = highest priority (lowest number), so the first rule wins.
    const priorities = cfsOf(ws).map((cf) => cf.rules[0].priority);
    expect(priorities[0]).toBeLessThan(priorities[1]!);
  });

  it('does not pile up conditional formats when the layout is written again', async () => {
    const copy = await readXlsx(bytes);
    await new XlsxPort(copy).apply(everyOp().filter((op) => 'sheet' in op && op.sheet === PLAN && op.kind !== 'addSheet'));
    const again = await roundTrip(copy);
    expect(cfsOf(again.getWorksheet(PLAN)!)).toHaveLength(2);
  });

  it('writes one validation rule for a large range, not one per cell', async () => {
    const xml = await sheetXml(bytes, 2);
    const rules = xml.match(/<dataValidation [^>]*>/g)!;
    expect(rules).toHaveLength(2);
    expect(xml).toMatch(/sqref="B3:B20000"[^>]*>\s*<formula1>基準!\$A\$2:\$A\$4<\/formula1>/);
    expect(xml).toContain('<formula1>&quot;はい,いいえ&quot;</formula1>');
    expect(wb.getWorksheet(PLAN)!.getCell('B500').dataValidation).toMatchObject({ type: 'list' });
  });

  it('clears validation from part of a range and keeps the rest', async () => {
    const copy = await roundTrip(wb);
    await new XlsxPort(copy).apply([{ kind: 'clearValidation', sheet: PLAN, range: 'B3:B10' }]);
    const ws = copy.getWorksheet(PLAN)!;
    expect(ws.getCell('B5').dataValidation).toBeUndefined();
    expect(ws.getCell('B11').dataValidation).toMatchObject({ type: 'list' });
    const xml = await sheetXml(await writeXlsx(copy), 2);
    expect(xml).toMatch(/sqref="B11:B20000"/);
  });

  it('writes, replaces and removes notes', async () => {
    expect(noteText(wb.getWorksheet(PLAN)!.getCell('C2'))).toBe('台数を入力');
    const copy = await roundTrip(wb);
    const p = new XlsxPort(copy);
    await p.apply([{ kind: 'note', sheet: PLAN, cell: 'C2', text: '新しい注記' }, { kind: 'note', sheet: PLAN, cell: 'B2', text: 'x' }]);
    await p.apply([{ kind: 'note', sheet: PLAN, cell: 'B2', text: null }]);
    const again = await roundTrip(copy);
    expect(noteText(again.getWorksheet(PLAN)!.getCell('C2'))).toBe('新しい注記');
    expect(again.getWorksheet(PLAN)!.getCell('B2').note).toBeUndefined();
  });

  it('defines names, replacing an existing one', async () => {
    expect(wb.definedNames.getRanges('品目一覧').ranges).toEqual([`'${BASE}'!$A$2:$A$4`]);
    const copy = await readXlsx(bytes);
    await new XlsxPort(copy).apply([{ kind: 'defineName', name: '品目一覧', ref: `${BASE}!$A$2:$A$3` }]);
    const again = await roundTrip(copy);
    expect(again.definedNames.getRanges('品目一覧').ranges).toEqual([`'${BASE}'!$A$2:$A$3`]);
  });

  it('freezes panes and sets up the page', async () => {
    const ws = wb.getWorksheet(PLAN)!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 2 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printArea!.replace(/\$/g, '')).toBe('A1:G20');
    expect(ws.pageSetup.printTitlesRow).toBe('1:2');
    const names = await (await JSZip.loadAsync(bytes)).file('xl/workbook.xml')!.async('string');
    expect(names).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="1">&apos;${PLAN}&apos;!$A$1:$G$20</definedName>`);
    // Load → save keeps it absolute (ExcelJS alone would write $A1:$G20).
    const resaved = await writeXlsx(await readXlsx(bytes));
    const names2 = await (await JSZip.loadAsync(resaved)).file('xl/workbook.xml')!.async('string');
    expect(names2).toContain(`&apos;${PLAN}&apos;!$A$1:$G$20</definedName>`);
  });

  it('makes the activated sheet the active and only selected tab', async () => {
    expect(wb.views[0].activeTab).toBe(1);
    // ExcelJS does not read tabSelected back, so look at what was written.
    const selected = await Promise.all([1, 2, 3].map(async (i) => /tabSelected="1"/.test(await sheetXml(bytes, i))));
    expect(selected).toEqual([false, true, false]);
    expect(await sheetXml(bytes, 2)).toMatch(/activeCell="B3"/);
  });

  it('writes a table that survives load → save → load, and replaces it by name', async () => {
    const t = wb.getWorksheet('結果')!.getTable('結果表') as unknown as { table: { tableRef: string; name: string } };
    expect(t.table.name).toBe('結果表');
    // Load → save → load again, then replace the table on the reloaded copy.
    const second = await roundTrip(await readXlsx(bytes));
    await new XlsxPort(second).apply([
      { kind: 'values', sheet: '結果', at: 'A4', rows: [['保留', 2]] },
      { kind: 'table', sheet: '結果', name: '結果表', range: 'A1:B4' },
    ]);
    const third = await roundTrip(second);
    const ws = third.getWorksheet('結果')!;
    const tables = ws.getTables() as unknown as Array<{ table: { name: string; tableRef: string } }>;
    expect(tables.map((x) => [x.table.name, x.table.tableRef])).toEqual([['結果表', 'A1:B4']]);
    const { 結果: snap } = await new XlsxPort(third).readSheets(['結果']);
    expect(snap!.values).toEqual([['区分', '件数'], ['OK', 3], ['NG', 1], ['保留', 2]]);
  });
});

describe('XlsxPort cached formula results', () => {
  it('stores known results as cached values, which reads return', async () => {
    const wb = createWorkbook();
    wb.addWorksheet('S');
    await new XlsxPort(wb).apply([
      { kind: 'values', sheet: 'S', at: 'A1', rows: [[2, { formula: '=A1*3', result: 6 }, { formula: '=1/0', result: { error: '#DIV/0!' } }, { formula: '=A1' }]] },
      { kind: 'fillFormula', sheet: 'S', range: 'A2:B3', formula: '=A1+1', results: [[3, 7], ['x', null]] },
    ]);
    const back = await roundTrip(wb);
    const { S } = await new XlsxPort(back).readSheets(['S']);
    expect(S!.values).toEqual([
      [2, 6, { error: '#DIV/0!' }, null],
      [3, 7, null, null],
      ['x', null, null, null],
    ]);
    expect(back.getWorksheet('S')!.getCell('B3').formula).toBe('B2+1');
  });
});

describe('XlsxPort reading', () => {
  it('turns dates into serial numbers (1900 and 1904 systems)', async () => {
    const wb = createWorkbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = new Date(Date.UTC(2024, 3, 1));
    ws.getCell('A2').value = new Date(Date.UTC(2024, 3, 1, 12, 0, 0));
    ws.getCell('A1').numFmt = 'yyyy-mm-dd';
    const back = await roundTrip(wb);
    const { S } = await new XlsxPort(back).readSheets(['S']);
    expect(S!.values).toEqual([[45383], [45383.5]]);
    expect(S!.numberFormats![0][0]).toBe('yyyy-mm-dd');

    const wb1904 = createWorkbook();
    wb1904.properties.date1904 = true;
    wb1904.addWorksheet('S').getCell('A1').value = new Date(Date.UTC(2024, 3, 1));
    const back1904 = await roundTrip(wb1904);
    const snap = await new XlsxPort(back1904).readSheets(['S']);
    expect(snap.S!.values).toEqual([[45383 - 1462]]);
  });

  it('reads rich text, hyperlinks, cached formula results and error cells', async () => {
    const wb = createWorkbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = { richText: [{ text: '供給', font: { bold: true } }, { text: '計画' }] };
    ws.getCell('A2').value = { text: 'METI', hyperlink: 'https://www.meti.go.jp/' };
    ws.getCell('A3').value = { formula: '1+1', result: 2 };
    ws.getCell('A4').value = { formula: '1/0', result: { error: '#DIV/0!' } };
    ws.getCell('A5').value = { error: '#REF!' };
    ws.getCell('A6').value = { formula: 'NOW()' };
    ws.getCell('C1').value = 1;
    ws.getCell('C2').value = 2;
    ws.fillFormula('B1:B2', 'C1*2', [2, 4]); // a shared formula with cached results
    const { S } = await new XlsxPort(await roundTrip(wb)).readSheets(['S', 'missing']).then((r) => {
      expect(r.missing).toBeUndefined();
      return r;
    });
    expect(S!.values.map((r) => r[0])).toEqual(['供給計画', 'METI', 2, { error: '#DIV/0!' }, { error: '#REF!' }, null]);
    expect(S!.values.map((r) => r[1])).toEqual([2, 4, null, null, null, null]);
  });

  it('pads to A1, reads merges, and shows merged cells once', async () => {
    const wb = createWorkbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('C5').value = 'x';
    ws.mergeCells('C5:D5');
    const { S } = await new XlsxPort(await roundTrip(wb)).readSheets(['s']);
    expect(S).toBeUndefined(); // keyed by the requested name
    const r = await new XlsxPort(await roundTrip(wb)).readSheets(['s']);
    expect(r.s!.name).toBe('S');
    expect(r.s!.values).toEqual([[null, null, null], [null, null, null], [null, null, null], [null, null, null], [null, null, 'x']]);
    expect(r.s!.merges).toEqual(['C5:D5']);
  });

  it('reads an empty sheet as an empty rectangle', async () => {
    const wb = createWorkbook();
    wb.addWorksheet('空');
    const r = await new XlsxPort(wb).readSheets(['空']);
    expect(r['空']).toEqual({ name: '空', values: [], numberFormats: [], merges: [] });
  });
});

describe('XlsxPort errors', () => {
  it('names the op and the sheet when a sheet is missing', async () => {
    const port = new XlsxPort(createWorkbook());
    await expect(port.apply([{ kind: 'values', sheet: 'なし', at: 'A1', rows: [[1]] }])).rejects.toThrow(/values: no sheet named "なし"/);
  });

  it('rejects an unknown op kind by name', async () => {
    const port = new XlsxPort(createWorkbook());
    await expect(port.apply([{ kind: 'sparkline', sheet: 'x' } as unknown as WriteOp])).rejects.toThrow(/unsupported workbook operation "sparkline"/);
  });

  it('rejects literal list items that Excel cannot hold', async () => {
    const wb = createWorkbook();
    wb.addWorksheet('S');
    const port = new XlsxPort(wb);
    await expect(port.apply([{ kind: 'listValidation', sheet: 'S', range: 'A1', source: { values: ['a,b'] } }])).rejects.toThrow(/cannot hold/);
  });
});

describe('xlsx files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'supply-plan-xlsx-'));
  });
  afterAll(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('turns a non-xlsx or corrupt file into a plain "not an .xlsx workbook" error', async () => {
    const text = path.join(dir, 'plan.xlsx');
    await fs.writeFile(text, '品目,数量\n工作機械,1\n');
    await expect(loadWorkbook(text)).rejects.toThrow(/^not an \.xlsx workbook: plan\.xlsx is not a zip archive$/);

    const good = await writeXlsx(userWorkbook());
    const truncated = path.join(dir, 'truncated.xlsx');
    await fs.writeFile(truncated, good.subarray(0, good.length / 2));
    await expect(loadWorkbook(truncated)).rejects.toThrow(/^not an \.xlsx workbook: truncated\.xlsx could not be read/);

    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    await expect(loadWorkbook(xls)).rejects.toThrow(/legacy \.xls/);
    await expect(loadWorkbook(new Uint8Array())).rejects.toThrow(/is empty/);
    const zip = new JSZip();
    zip.file('hello.txt', 'not a workbook');
    const notBook = await zip.generateAsync({ type: 'uint8array' });
    await expect(loadWorkbook(notBook)).rejects.toThrow(/^not an \.xlsx workbook/);
  });

  it('says plainly when a file is missing', async () => {
    await expect(loadWorkbook(path.join(dir, 'nope.xlsx'))).rejects.toThrow(/^cannot read .*nope\.xlsx: no such file$/);
  });

  it('saves atomically and loads back', async () => {
    const file = path.join(dir, 'out.xlsx');
    await fs.writeFile(file, 'old contents');
    const wb = userWorkbook();
    await saveWorkbook(wb, file);
    expect(await fs.readdir(dir)).not.toContainEqual(expect.stringMatching(/\.tmp$/));
    const back = await loadWorkbook(file);
    expect(back.worksheets.map((w) => w.name)).toEqual([BASE, PLAN]);
  });

  it('leaves the old file in place when writing fails', async () => {
    const file = path.join(dir, 'missing-dir', 'out.xlsx');
    await expect(saveWorkbook(userWorkbook(), file)).rejects.toThrow();
  });
});

describe('saving large and mixed sheets', () => {
  it('writes a sheet of tens of thousands of cells whole, with the parts ExcelJS writes conditionally (tab colour, header)', async () => {
    // More strings than one chunk of the chunked XML writer, and elements ExcelJS writes only when they have content.
    const wb = createWorkbook();
    const ws = wb.addWorksheet('大きい');
    ws.properties.tabColor = { argb: 'FF548235' };
    ws.headerFooter.oddHeader = '&C供給確保計画';
    const rows = 3000;
    const cols = 12;
    await new XlsxPort(wb).apply([
      { kind: 'values', sheet: '大きい', at: 'A1', rows: Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => (c % 2 ? `行${r + 1}・${c}` : r * cols + c))) },
      { kind: 'fillFormula', sheet: '大きい', range: `M1:M${rows}`, formula: '=A1*2', results: Array.from({ length: rows }, (_, r) => [r * cols * 2]) },
      { kind: 'format', sheet: '大きい', range: `A1:A${rows}`, format: { numberFormat: '0.0', horizontal: 'center' } },
    ]);
    const back = await roundTrip(wb);
    const big = back.getWorksheet('大きい')!;
    expect(big.properties.tabColor).toEqual({ argb: 'FF548235' });
    expect(big.headerFooter.oddHeader).toBe('&C供給確保計画');
    const { 大きい: snap } = await new XlsxPort(back).readSheets(['大きい']);
    expect(snap!.values.length).toBe(rows);
    expect(snap!.values[rows - 1]).toEqual(Array.from({ length: cols + 1 }, (_, c) => (c === cols ? (rows - 1) * cols * 2 : c % 2 ? `行${rows}・${c}` : (rows - 1) * cols + c)));
    expect(big.getCell(`A${rows}`).numFmt).toBe('0.0');
    expect(big.getCell(`M${rows}`).formula).toBe(`A${rows}*2`);
  });

  it('a date without a number format stays a date beside plain numbers; saving leaves each cell its own style', async () => {
    const wb = createWorkbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = 12;
    ws.getCell('A2').value = new Date(Date.UTC(2024, 3, 1));
    ws.getCell('A3').value = 13;
    await writeXlsx(wb);
    // After a save, styling one cell does not restyle another that looked the same.
    ws.getCell('A1').font = { bold: true };
    expect(ws.getCell('A3').font).toBeUndefined();
    const back = await roundTrip(wb);
    const { S } = await new XlsxPort(back).readSheets(['S']);
    expect(S!.values).toEqual([[12], [45383], [13]]);
    expect(S!.numberFormats![1][0]).not.toBe('General');
    expect(back.getWorksheet('S')!.getCell('A1').font).toMatchObject({ bold: true });
    expect(back.getWorksheet('S')!.getCell('A3').font?.bold).toBeFalsy();
  });

  it('clearing a whole sheet blanks every value and format, and what is written after stands alone', async () => {
    const wb = createWorkbook();
    const ws = wb.addWorksheet('結果');
    await new XlsxPort(wb).apply([
      { kind: 'values', sheet: '結果', at: 'A1', rows: [['古い', 1, 2], ['古い', 3, 4]] },
      { kind: 'format', sheet: '結果', range: 'A1:C2', format: { fill: { color: '#FFC7CE' } } },
    ]);
    await new XlsxPort(wb).apply([
      { kind: 'clear', sheet: '結果' },
      { kind: 'values', sheet: '結果', at: 'A1', rows: [['新しい']] },
    ]);
    const back = await roundTrip(wb);
    const { 結果: snap } = await new XlsxPort(back).readSheets(['結果']);
    expect(snap!.values).toEqual([['新しい']]);
    const res = back.getWorksheet('結果')!;
    expect(res.getCell('A1').fill).toBeUndefined();
    expect(res.getCell('C2').fill).toBeUndefined();
    expect(ws.getCell('B2').value).toBeNull();
    expect(ws.getCell('B2').fill).toBeUndefined();
  });
});

describe('conditional formats with a number format (the status mark in the cell)', () => {
  const MARK = '"✖ "#,##0';
  const op: WriteOp = { kind: 'conditionalFormat', sheet: PLAN, range: 'C3:C5', formula: '=C3<130000', format: { fill: { color: '#FFC7CE' }, numberFormat: MARK } };
  const items = (xml: string, section: string, item: string): string[] => {
    const m = new RegExp(`<${section}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${section}>)`).exec(xml);
    return m?.[1] ? [...m[1].matchAll(new RegExp(`<${item}\\b[^>]*?(?:/>|>[\\s\\S]*?</${item}>)`, 'g'))].map((x) => x[0]) : [];
  };
  const stylesOf = async (bytes: Uint8Array) => (await JSZip.loadAsync(bytes)).file('xl/styles.xml')!.async('string');

  it('a new workbook: the rule\u2019s differential format carries the number format, the cells keep theirs', async () => {
    const wb = userWorkbook();
    await new XlsxPort(wb).apply([
      { kind: 'values', sheet: PLAN, at: 'C3', rows: [[120000]] },
      { kind: 'format', sheet: PLAN, range: 'C3:C5', format: { numberFormat: '#,##0.#####' } },
      op,
    ]);
    const bytes = await writeXlsx(wb);
    const dxfs = items(await stylesOf(bytes), 'dxfs', 'dxf');
    expect(dxfs.some((d) => d.includes('formatCode="&quot;✖ &quot;#,##0"') && d.includes('FFFFC7CE'))).toBe(true);
    const back = (await readXlsx(bytes)).getWorksheet(PLAN)!;
    expect(back.getCell('C3').value).toBe(120000);
    expect(back.getCell('C3').numFmt).toBe('#,##0.#####');
  });

  it('a planner\u2019s workbook (patched): the tool\u2019s dxf gets <numFmt> with an id of its own; their dxfs and number formats stay as they were, in place', async () => {
    // The planner's file: a number format of theirs on a cell, and a rule of theirs with a number format.
    const planner = userWorkbook();
    const ws = planner.getWorksheet(PLAN)!;
    ws.getCell('C3').value = 0.25;
    ws.getCell('C3').numFmt = '0.0%';
    ws.addConditionalFormatting({ ref: 'F3:F9', rules: [{ type: 'expression', priority: 1, formulae: ['F3>1'], style: { numFmt: '[Red]0.00', font: { italic: true } } } as ExcelJS.ConditionalFormattingRule] });
    const before = await writeXlsx(planner);
    const s0 = await stylesOf(before);
    const theirDxfs = items(s0, 'dxfs', 'dxf');
    expect(theirDxfs.some((d) => d.includes('[Red]0.00'))).toBe(true);

    const wb = await readXlsx(before);
    await new XlsxPort(wb).apply([op]);
    const after = await writeXlsx(wb);
    const s1 = await stylesOf(after);
    const dxfs = items(s1, 'dxfs', 'dxf');
    // Theirs first, byte for byte; ours after.
    expect(dxfs.slice(0, theirDxfs.length)).toEqual(theirDxfs);
    expect(items(s1, 'numFmts', 'numFmt').slice(0, items(s0, 'numFmts', 'numFmt').length)).toEqual(items(s0, 'numFmts', 'numFmt'));
    const ours = dxfs.slice(theirDxfs.length);
    expect(ours).toHaveLength(1);
    // The schema's order inside a dxf: font, numFmt, fill.
    expect(ours[0]).toMatch(/^<dxf><numFmt numFmtId="(\d+)" formatCode="&quot;✖ &quot;#,##0"\/><fill>/);
    const id = Number(/numFmtId="(\d+)"/.exec(ours[0])![1]);
    const taken = [...s0.matchAll(/numFmtId="(\d+)"/g)].map((m) => Number(m[1]));
    expect(taken).not.toContain(id);
    // The sheet's new rule points at our dxf; the planner's rule still at theirs.
    const sheet = await sheetXml(after, 2);
    expect(sheet).toContain(`dxfId="${theirDxfs.length}"`);
    expect(sheet).toMatch(/<conditionalFormatting sqref="F3:F9">[\s\S]*?dxfId="\d+"/);
    expect(sheet).toContain('<formula>C3&lt;130000</formula>');
  });
});

test('a workbook loaded and saved whole keeps its rules\u2019 number formats (ExcelJS reads them as objects)', async () => {
  const wb = userWorkbook();
  await new XlsxPort(wb).apply([{ kind: 'conditionalFormat', sheet: PLAN, range: 'C3:C5', formula: '=C3<0', format: { numberFormat: '"✖ "#,##0' } }]);
  const loaded = await readXlsx(await writeXlsx(wb));
  forgetOrigin(loaded);
  const styles = await (await JSZip.loadAsync(await writeXlsx(loaded))).file('xl/styles.xml')!.async('string');
  expect(styles).toMatch(/<dxf>(?:(?!<\/dxf>)[\s\S])*<numFmt numFmtId="\d+" formatCode="&quot;✖ &quot;#,##0"\/>/);
});

describe('manual page breaks (rowBreaks)', () => {
  /** The worksheet XML of `sheet` in a saved package. */
  async function sheetXmlOf(bytes: Uint8Array, sheet: string): Promise<string> {
    const zip = await JSZip.loadAsync(bytes);
    const wbXml = await zip.file('xl/workbook.xml')!.async('string');
    const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
    const rid = new RegExp(`<sheet [^>]*name="${sheet}"[^>]*r:id="([^"]+)"`).exec(wbXml)![1];
    const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)![1];
    return zip.file(`xl/${target.replace(/^\/?xl\//, '')}`)!.async('string');
  }

  test('a new page starts at each row asked, in a new workbook and in a loaded one whose sheet is written whole', async () => {
    const fresh = createWorkbook();
    const port = new XlsxPort(fresh);
    await port.apply([
      { kind: 'addSheet', sheet: 'サマリー' },
      { kind: 'values', sheet: 'サマリー', at: 'A1', rows: Array.from({ length: 60 }, (_, i) => [`行 ${i + 1}`]) },
      { kind: 'rowBreaks', sheet: 'サマリー', rows: [41, 21] },
    ]);
    const bytes = await writeXlsx(fresh);
    // <brk id> is the last row of the page before (ids count rows from 0 for the row below).
    expect((await sheetXmlOf(bytes, 'サマリー')).match(/<brk id="(\d+)"/g)).toEqual(['<brk id="20"', '<brk id="40"']);

    // Checked again: the sheet is cleared whole and written anew, its breaks replaced, the planner's sheet untouched.
    const loaded = await readXlsx(bytes);
    await new XlsxPort(loaded).apply([
      { kind: 'clear', sheet: 'サマリー' },
      { kind: 'values', sheet: 'サマリー', at: 'A1', rows: Array.from({ length: 30 }, (_, i) => [`行 ${i + 1}`]) },
      { kind: 'rowBreaks', sheet: 'サマリー', rows: [15] },
    ]);
    const again = await writeXlsx(loaded);
    expect((await sheetXmlOf(again, 'サマリー')).match(/<brk id="(\d+)"/g)).toEqual(['<brk id="14"']);
  });

  test('refused on a loaded sheet patched cell by cell (the patch would drop them without a word)', async () => {
    const original = createWorkbook();
    original.addWorksheet('計画').getCell('A1').value = 'x';
    const loaded = await readXlsx(await writeXlsx(original));
    await expect(new XlsxPort(loaded).apply([{ kind: 'rowBreaks', sheet: '計画', rows: [10] }])).rejects.toThrow(/cleared whole first/);
  });
});
