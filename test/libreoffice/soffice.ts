/**
 * LibreOffice as an independent spreadsheet program: it opens our .xlsx files headless, recalculates every formula
 * (a fresh profile sets "always recalculate" for OOXML and ODF), and exports sheets as CSV or PDF. Several files go
 * through one soffice call: a start costs seconds.
 *
 * When soffice is not installed the tests fail with a clear message (CI installs libreoffice-calc-nogui).
 */
import { execFile } from 'child_process';
import { promises as fs, existsSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseDelimited } from '../../src/preview/grid/clipboard';

const CANDIDATES = ['/usr/bin/soffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice', '/Applications/LibreOffice.app/Contents/MacOS/soffice'];

export function sofficePath(): string {
  const fromEnv = process.env.SOFFICE;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, 'soffice');
    if (dir && existsSync(p)) return p;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (found) return found;
  throw new Error(
    'LibreOffice (soffice) is not installed: these tests open the workbooks in a real spreadsheet program. ' +
      'Install it with `apt-get install -y --no-install-recommends libreoffice-calc-nogui poppler-utils` ' +
      '(or set SOFFICE=/path/to/soffice).',
  );
}

export function toolPath(name: 'pdftotext' | 'pdftoppm'): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, name);
    if (dir && existsSync(p)) return p;
  }
  throw new Error(`${name} is not installed: install poppler-utils (apt-get install -y poppler-utils)`);
}

const RECALC_ALWAYS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** A fresh LibreOffice profile that recalculates every formula on load. */
export async function freshProfile(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'supply-plan-lo-'));
  await fs.mkdir(path.join(dir, 'user'), { recursive: true });
  await fs.writeFile(path.join(dir, 'user', 'registrymodifications.xcu'), RECALC_ALWAYS);
  return dir;
}

function run(file: string, args: string[], timeoutMs = 180_000): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${path.basename(file)} failed: ${err.message}\n${stderr}`));
      else resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Every sheet of every file as CSV (UTF-8, formulas recalculated): `<name>-<sheet>.csv` in outDir. */
export async function toCsv(profile: string, files: string[], outDir: string): Promise<void> {
  // Filter options: comma, double quote, UTF-8 (76), first line 1, cell formats as shown, …, sheet -1 = every sheet.
  await run(sofficePath(), [
    `-env:UserInstallation=file://${profile}`,
    '--headless',
    '--convert-to',
    'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
    '--outdir',
    outDir,
    ...files,
  ]);
}

export async function toPdf(profile: string, files: string[], outDir: string): Promise<void> {
  await run(sofficePath(), [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files]);
}

export async function pdfText(pdf: string): Promise<string> {
  return (await run(toolPath('pdftotext'), ['-layout', pdf, '-'])).stdout;
}

export async function pdfToPng(pdf: string, outPrefix: string, dpi = 80): Promise<void> {
  await run(toolPath('pdftoppm'), ['-png', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', pdf, outPrefix]);
}

/** RFC 4180 CSV → rows of cells (the same reader as the preview's paste, with commas). */
export function parseCsv(text: string): string[][] {
  return parseDelimited(text, ',');
}

/** A sheet as LibreOffice computed it: cell(row, col) 1-based, "" when empty. */
export class CsvSheet {
  constructor(readonly rows: string[][]) {}
  cell(row: number, col: number): string {
    return this.rows[row - 1]?.[col - 1] ?? '';
  }
}

export async function readCsvSheet(outDir: string, base: string, sheet: string): Promise<CsvSheet> {
  const file = path.join(outDir, `${base}-${sheet}.csv`);
  return new CsvSheet(parseCsv(await fs.readFile(file, 'utf8')));
}

export async function pdfInfo(pdf: string): Promise<{ pages: number; width: number; height: number }> {
  const out = (await run(toolPath('pdftotext').replace(/pdftotext$/, 'pdfinfo'), [pdf])).stdout;
  const pages = Number(/Pages:\s+(\d+)/.exec(out)?.[1]);
  const size = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(out);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
}

/**
 * A copy of a workbook that prints only one sheet: the others hidden (LibreOffice prints visible sheets only), so
 * the formulas and the sheet's print settings stay exactly as written.
 */
export async function onlySheet(src: string, dst: string, sheet: string): Promise<void> {
  const ExcelJS = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(src);
  for (const ws of wb.worksheets) if (ws.name !== sheet) ws.state = 'hidden';
  const keep = wb.getWorksheet(sheet)!;
  wb.views = [{ x: 0, y: 0, width: 12000, height: 24000, firstSheet: 0, activeTab: wb.worksheets.indexOf(keep), visibility: 'visible' }];
  // ExcelJS writes a loaded print area back as 'S'!$A1:$K85 (rows relative), which LibreOffice ignores; the same
  // workaround as the xlsx port: rows with "$" so the defined name comes out fully absolute.
  const area = keep.pageSetup.printArea;
  const m = area ? /\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)/.exec(area) : null;
  if (m) keep.pageSetup.printArea = `${m[1]}$${m[2]}:${m[3]}$${m[4]}`;
  await wb.xlsx.writeFile(dst);
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const basicString = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * A planner's edit made by LibreOffice itself: open `src`, insert one whole row in `sheet` before the 1-based row
 * `row` (`count` rows, one unless told; Sheet ▸ Insert Rows Above: LibreOffice grows the ranges, rules and formulas over it as it does for a person),
 * type `cells` into it (numbers as numbers, text as text), and save as .xlsx to `dst`. Done by a Basic macro in the
 * profile, run headless; nothing of ours touches the file in between.
 */
export async function insertRowWithLibreOffice(profile: string, src: string, dst: string, sheet: string, row: number, cells: Record<string, string | number>, count = 1): Promise<void> {
  const basic = path.join(profile, 'user', 'basic');
  // A fresh profile puts LibreOffice's own (empty) Standard library in place on its first start: that start first.
  if (!existsSync(path.join(basic, 'Standard'))) await run(sofficePath(), [`-env:UserInstallation=file://${profile}`, '--headless', '--terminate_after_init']);
  await fs.mkdir(path.join(basic, 'Standard'), { recursive: true });
  const typed = Object.entries(cells)
    .map(([at, v]) => `  sh.getCellRangeByName(${basicString(at)}).${typeof v === 'number' ? `setValue(${v})` : `setString(${basicString(v)})`}`)
    .join('\n');
  const macro = `Sub InsertRow
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = "Hidden"
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(${basicString(src)}), "_blank", 0, args())
  sh = doc.Sheets.getByName(${basicString(sheet)})
  sh.Rows.insertByIndex(${row - 1}, ${count})
${typed}
  doc.calculateAll()
  Dim out(0) As New com.sun.star.beans.PropertyValue
  out(0).Name = "FilterName"
  out(0).Value = "Calc MS Excel 2007 XML"
  doc.storeToURL(ConvertToURL(${basicString(dst)}), out())
  doc.close(True)
End Sub
`;
  const decl = '<?xml version="1.0" encoding="UTF-8"?>\n';
  await fs.writeFile(
    path.join(basic, 'Standard', 'Module1.xba'),
    `${decl}<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">\n<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">${xmlText(macro)}</script:module>\n`,
  );
  const library = (kind: 'script' | 'dialog') =>
    `${decl}<!DOCTYPE library:library PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "library.dtd">\n<library:library xmlns:library="http://openoffice.org/2000/library" library:name="Standard" library:readonly="false" library:passwordprotected="false">${kind === 'script' ? '<library:element library:name="Module1"/>' : ''}</library:library>\n`;
  await fs.writeFile(path.join(basic, 'Standard', 'script.xlb'), library('script'));
  await fs.writeFile(path.join(basic, 'Standard', 'dialog.xlb'), library('dialog'));
  const container = (kind: 'script' | 'dialog') =>
    `${decl}<!DOCTYPE library:libraries PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "libraries.dtd">\n<library:libraries xmlns:library="http://openoffice.org/2000/library" xmlns:xlink="http://www.w3.org/1999/xlink"><library:library library:name="Standard" xlink:href="$(USER)/basic/Standard/${kind}.xlb/" xlink:type="simple" library:link="false"/></library:libraries>\n`;
  for (const kind of ['script', 'dialog'] as const) await fs.writeFile(path.join(basic, `${kind}.xlc`), container(kind));
  await fs.rm(dst, { force: true });
  await run(sofficePath(), [`-env:UserInstallation=file://${profile}`, '--headless', 'macro:///Standard.Module1.InsertRow']);
  if (!existsSync(dst)) throw new Error(`LibreOffice did not run the row-inserting macro (no ${dst})`);
}
