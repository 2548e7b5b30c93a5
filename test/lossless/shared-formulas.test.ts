/**
 * A planner's shared formulas on the plan sheet survive `supply-plan check`. Excel and LibreOffice save a formula
 * filled down (or across) as one shared formula (ECMA-376 Part 1 §18.3.1.40): the group's first cell, the master,
 * holds the text and the range (`<f t="shared" ref="G5:G40" si="2">…</f>`), every other cell its group number alone
 * (`<f t="shared" si="2"/>`). The check writes some cells of the plan sheet (its verdict columns W:AK) and only
 * formats others (the input columns of the table's spare rows, and more); the planner's groups here sit across those
 * borders (where exactly is the check's own record of its writes, asserted below):
 *
 * - G5:G40: master outside the tool's cells, the cells of the spare rows (G29:G40) only formatted — the usual case;
 * - T30:V30: master in a cell the tool only formats, its last cell outside;
 * - AK12:AL12: master in a cell the tool writes its own formula over, its other cell outside;
 * - V10:X10: master outside, its other cells written over by the tool.
 *
 * Every cell of every group that stays the planner's reads back with its formula (ExcelJS) and its value
 * (LibreOffice, recalculated); every cell of the planner's outside the tool's is byte for byte as written, and those
 * the tool only formats differ in their style (s) alone.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import * as ExcelJS from 'exceljs';
import { columnLetters, columnNumber, type RangeRef } from '../../src/workbook/a1';
import { readXlsx } from '../../src/workbook/xlsx/codec';
import { journalOf } from '../../src/workbook/xlsx/journal';
import { checkWorkbook } from '../../src/workbook/layout';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';
import { corpusPlan } from '../hardening/corpus';
import { cli, crashSigns, removeTmpDirs, tmpDir } from '../hardening/helpers';
import { freshProfile, readCsvSheet, toCsv } from '../libreoffice/soffice';

jest.setTimeout(180_000);
afterAll(removeTmpDirs);

const SHEET = 'xl/worksheets/sheet1.xml';
const CELL_RE = /<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g;
const ROW_RE = /<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g;

function at(ref: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
  return { row: Number(m[2]), col: columnNumber(m[1]) };
}

/** Every cell of a sheet's XML by reference. */
function cellsOf(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of xml.match(CELL_RE) ?? []) out.set(/\sr="([A-Z]+\d+)"/.exec(c)![1], c);
  return out;
}

/** The sheet with `cell` (a whole <c> element) put in its row, in column order, replacing a cell there. */
function putCell(xml: string, cell: string): string {
  const ref = /\sr="([A-Z]+\d+)"/.exec(cell)![1];
  const { row, col } = at(ref);
  let found = false;
  let out = xml.replace(ROW_RE, (rowXml) => {
    if (Number(/\sr="(\d+)"/.exec(rowXml)![1]) !== row) return rowXml;
    found = true;
    const open = rowXml.slice(0, rowXml.indexOf('>') + 1).replace(/\sspans="[^"]*"/, '');
    const cells = (rowXml.match(CELL_RE) ?? []).filter((c) => at(/\sr="([A-Z]+\d+)"/.exec(c)![1]).col !== col);
    cells.push(cell);
    cells.sort((a, b) => at(/\sr="([A-Z]+\d+)"/.exec(a)![1]).col - at(/\sr="([A-Z]+\d+)"/.exec(b)![1]).col);
    return `${open.replace(/\/>$/, '>')}${cells.join('')}</row>`;
  });
  if (!found) {
    const rows = [...out.matchAll(ROW_RE)].map((m) => ({ r: Number(/\sr="(\d+)"/.exec(m[0])![1]), end: m.index + m[0].length, start: m.index }));
    const after = rows.filter((x) => x.r < row).pop();
    const pos = after ? after.end : rows[0].start;
    out = `${out.slice(0, pos)}<row r="${row}">${cell}</row>${out.slice(pos)}`;
  }
  return out;
}

/** The planner's groups: range, formula in the master (relative to it), each cell's formula and value. */
const CONSTANT = (row: number) => row * 100;
interface Group {
  si: number;
  range: string;
  text: (row: number, col: number) => string;
  value: (row: number, col: number) => number | string;
}
const GROUPS: Group[] = [
  // Numbers down to row 28, then "": the check's table takes the lines with numbers, and formats 20 empty ones after.
  { si: 2, range: 'G5:G40', text: (r) => `IF(AP${r}>2800,"",AP${r}+1)`, value: (r) => (CONSTANT(r) > 2800 ? '' : CONSTANT(r) + 1) },
  { si: 3, range: 'T30:V30', text: (r) => `IF(COLUMN()<22,"",$AP${r}*2)`, value: (r, c) => (c < 22 ? '' : CONSTANT(r) * 2) },
  { si: 4, range: 'AK12:AL12', text: (r) => `$AP${r}*3`, value: (r) => CONSTANT(r) * 3 },
  { si: 5, range: 'V10:X10', text: (r) => `$AP${r}*4`, value: (r) => CONSTANT(r) * 4 },
];

function cellsIn(range: string): string[] {
  const [a, b] = range.split(':').map(at);
  const out: string[] = [];
  for (let r = a.row; r <= b.row; r++) for (let c = a.col; c <= b.col; c++) out.push(`${columnLetters(c)}${r}`);
  return out;
}

const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const inside = (ranges: RangeRef[], ref: string) => {
  const c = at(ref);
  return ranges.some((r) => r.top <= c.row && c.row <= r.bottom && r.left <= c.col && c.col <= r.right);
};

let dir: string;
let input: Map<string, string>;
let output: Map<string, string>;
/** The plan sheet's cells the check writes (its verdict columns), and all it writes or formats (the input columns too). */
let written: RangeRef[];
let touched: RangeRef[];
const formatted = (ref: string) => inside(touched, ref) && !inside(written, ref);

beforeAll(async () => {
  dir = await tmpDir('supply-plan-shared-');
  await fs.writeFile(path.join(dir, 'plan.json'), JSON.stringify(corpusPlan()));
  const t = await cli(dir, 'template', 'template.xlsx', '--from', 'plan.json', '--lang', 'en');
  expect({ code: t.code, stderr: t.stderr }).toEqual({ code: 0, stderr: '' });
  const zip = await JSZip.loadAsync(await fs.readFile(path.join(dir, 'template.xlsx')));
  let xml = await zip.file(SHEET)!.async('string');
  for (let row = 2; row <= 40; row++) xml = putCell(xml, `<c r="AP${row}"><v>${CONSTANT(row)}</v></c>`);
  for (const g of GROUPS) {
    cellsIn(g.range).forEach((ref, i) => {
      const { row, col } = at(ref);
      const value = g.value(row, col);
      const v = `<v>${value}</v>`;
      const t = typeof value === 'string' ? ' t="str"' : '';
      // The style of the cell the template has there, if any (the planner's formula in the template's cell).
      const s = /\ss="(\d+)"/.exec(cellsOf(xml).get(ref) ?? '')?.[1];
      const style = s ? ` s="${s}"` : '';
      const f = i === 0 ? `<f t="shared" ref="${g.range}" si="${g.si}">${escape(g.text(row, col))}</f>` : `<f t="shared" si="${g.si}"/>`;
      xml = putCell(xml, `<c r="${ref}"${style}${t}>${f}${v}</c>`);
    });
  }
  xml = xml.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:AP40"/>');
  zip.file(SHEET, xml);
  await fs.writeFile(path.join(dir, 'planner.xlsx'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  input = cellsOf(xml);

  // Where the check writes and formats on this workbook (the same check in-process: its record of its writes).
  const workbook = await readXlsx(new Uint8Array(await fs.readFile(path.join(dir, 'planner.xlsx'))), 'planner.xlsx');
  await checkWorkbook(new XlsxPort(workbook), { evaluatedAt: new Date('2026-01-05T09:00:00Z'), version: 'test' });
  const j = journalOf(workbook)!.sheets.get('plan')!;
  written = j.content;
  touched = j.cells;
  // The cases above are what the check's cells make of the groups.
  expect(['G5', 'G6', 'G28', 'V30', 'AL12', 'V10'].filter((ref) => inside(touched, ref))).toEqual([]);
  expect(['G29', 'G40', 'T30', 'U30'].filter((ref) => !formatted(ref))).toEqual([]);
  expect(['AK12', 'W10', 'X10'].filter((ref) => !inside(written, ref))).toEqual([]);

  const r = await cli(dir, 'check', 'planner.xlsx', '--lang', 'en');
  expect(crashSigns(r.stderr)).toEqual([]);
  expect([0, 1]).toContain(r.code);
  expect(r.stderr).toContain('wrote planner.checked.xlsx');
  output = cellsOf(await (await JSZip.loadAsync(await fs.readFile(path.join(dir, 'planner.checked.xlsx')))).file(SHEET)!.async('string'));
});

test('the planner’s cells the check does not write are byte for byte as written; those it formats differ in style alone', () => {
  const noStyle = (c: string | undefined) => c?.replace(/^(<c\b[^>]*?)\ss="\d+"/, '$1');
  const changed: string[] = [];
  for (const [ref, before] of input) {
    if (inside(written, ref)) continue;
    const after = output.get(ref);
    // A member of a group whose master the check wrote over: it has a formula of its own (below).
    if (ref === 'AL12') continue;
    if (formatted(ref) ? noStyle(after) !== noStyle(before) : after !== before) changed.push(`${ref}: ${before} → ${after}`);
  }
  expect(changed).toEqual([]);
  // The usual case: the group's cells the check formats are still members of the planner's group, as written.
  for (const ref of cellsIn('G29:G40')) expect(output.get(ref)).toMatch(/<f t="shared" si="2"\/>/);
  expect(output.get('G5')).toContain('<f t="shared" ref="G5:G40" si="2">');
  expect(output.get('T30')).toContain('<f t="shared" ref="T30:V30" si="3">');
  // The master written over: its other cell spells the formula out, moved from the master.
  expect(output.get('AL12')).toMatch(/^<c r="AL12"><f>\$AP12\*3<\/f><v>3600<\/v><\/c>$/);
  expect(output.get('AK12')).not.toContain('$AP12*3');
  // No two of the sheet's shared formulas (the planner's, the check's) have the same group number.
  const masters = [...output.values()].map((c) => /<f t="shared" ref="([^"]+)" si="(\d+)"/.exec(c)).filter((m) => m !== null);
  const bySi = new Map<string, string[]>();
  for (const m of masters) bySi.set(m![2], [...(bySi.get(m![2]) ?? []), m![1]]);
  for (const [si, refs] of bySi) expect([si, refs]).toEqual([si, refs.slice(0, 1)]);
});

/** Every cell of the planner's groups the check does not write (the cells it writes are its own). */
function plannerCells() {
  return GROUPS.flatMap((g) => cellsIn(g.range).filter((ref) => !inside(written, ref)).map((ref) => ({ ref, ...at(ref), g })));
}

test('ExcelJS reads every cell of the planner’s groups with its formula', async () => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(dir, 'planner.checked.xlsx'));
  const ws = wb.getWorksheet('Plan')!;
  const cells = plannerCells();
  expect(cells.map(({ ref }) => `${ref}=${ws.getCell(ref).formula}`)).toEqual(cells.map(({ ref, row, col, g }) => `${ref}=${g.text(row, col)}`));
});

test('LibreOffice computes every cell of the planner’s groups', async () => {
  const out = path.join(dir, 'csv');
  await fs.mkdir(out);
  const profile = await freshProfile();
  try {
    await toCsv(profile, [path.join(dir, 'planner.checked.xlsx')], out);
  } finally {
    await fs.rm(profile, { recursive: true, force: true });
  }
  const plan = await readCsvSheet(out, 'planner.checked', 'Plan');
  const cells = plannerCells();
  const got = cells.map(({ ref, row, col }) => `${ref}=${plan.cell(row, col).replace(/,/g, '')}`);
  const want = cells.map(({ ref, row, col, g }) => `${ref}=${g.value(row, col)}`);
  expect(got).toEqual(want);
  // The check's verdicts are there too (its own formulas, over the planner's in AK12 and W10:X10).
  expect(plan.rows.some((r) => r.join(',').includes('✖'))).toBe(true);
});
