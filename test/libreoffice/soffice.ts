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
