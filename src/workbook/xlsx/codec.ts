/**
 * .xlsx bytes ⇄ ExcelJS workbook, without Node's file system (the browser preview can import this module).
 */
import * as ExcelJS from 'exceljs';

/** The first bytes of a zip archive (every .xlsx) and of an OLE2 compound file (.xls, and password-protected .xlsx). */
const ZIP_MAGIC = [0x50, 0x4b];
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function toBuffer(data: ArrayBuffer | Uint8Array): Buffer {
  if (typeof Buffer !== 'undefined') {
    return data instanceof Uint8Array ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);
  }
  // Browsers: ExcelJS's browser build accepts any ArrayBuffer view where its types say Buffer.
  return (data instanceof Uint8Array ? data : new Uint8Array(data)) as unknown as Buffer;
}

/**
 * Parse .xlsx bytes. Anything that is not a readable .xlsx workbook (a legacy .xls, an encrypted file, a truncated
 * download, a CSV renamed to .xlsx …) becomes one plain Error "not an .xlsx workbook: …" instead of a zip or XML
 * parser stack trace. `label` names the source in the message (a file name).
 */
export async function readXlsx(data: ArrayBuffer | Uint8Array, label = 'input'): Promise<ExcelJS.Workbook> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.length === 0) throw new Error(`not an .xlsx workbook: ${label} is empty`);
  if (startsWith(bytes, OLE2_MAGIC)) {
    throw new Error(
      `not an .xlsx workbook: ${label} is a legacy .xls file or a password-protected workbook; save it as an unprotected .xlsx`,
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) throw new Error(`not an .xlsx workbook: ${label} is not a zip archive`);
  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS's typings name an older Buffer type; any Buffer/Uint8Array works at run time.
    await workbook.xlsx.load(toBuffer(bytes) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new Error(`not an .xlsx workbook: ${label} could not be read (${reason})`, { cause: e });
  }
  if (workbook.worksheets.length === 0) throw new Error(`not an .xlsx workbook: ${label} has no worksheets`);
  for (const ws of workbook.worksheets) absolutePrintArea(ws);
  return workbook;
}

/**
 * ExcelJS reads a print area as "A1:F20" but writes it back as `'sheet'!$A1:$F20` (it puts "$" before the column
 * only), so a load → save would leave a print area with relative rows. Writing "A$1:F$20" makes it save as
 * $A$1:$F$20, as Excel wrote it.
 */
function absolutePrintArea(ws: ExcelJS.Worksheet): void {
  const area = ws.pageSetup?.printArea;
  if (!area) return;
  ws.pageSetup.printArea = area
    .split('&&')
    .map((part) => part.replace(/\$/g, '').replace(/^([A-Za-z]+)(\d+):([A-Za-z]+)(\d+)$/, '$1$$$2:$3$$$4'))
    .join('&&');
}

/** Serialise a workbook to .xlsx bytes. */
export async function writeXlsx(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  const out = await workbook.xlsx.writeBuffer();
  return out instanceof Uint8Array ? out : new Uint8Array(out as ArrayBuffer);
}

/** A new, empty workbook. */
export function createWorkbook(): ExcelJS.Workbook {
  return new ExcelJS.Workbook();
}
