/**
 * .xlsx bytes ⇄ ExcelJS workbook, without Node's file system (the browser preview can import this module).
 */
import * as ExcelJS from 'exceljs';
import { xlsxText } from '../../i18n/xlsx';
import { TOOL_NAME } from '../../version';
import { XLSX_LIMITS, XlsxError, type XlsxLimits } from './limits';
import type { CellStore } from './xlsx-port';
import { assertNotReleased, journalOf, originOf, setOrigin, setStubbed, type PackageKind } from './journal';
import { withStubbedSheets } from './stub-sheets';
import { contentTypeOf, CONTENT_TYPE } from './ooxml';
import { conditionalFormattingsOf, ruleNumberFormatOf } from './exceljs-internals';
import { patchPackage, type PatchOptions } from './package-patch';
import { ZipDamage, ZipOverLimit, canUnpack, readEntry, readZipDirectory, scanZip, type ZipEntry } from './zip-scan';

export { XLSX_LIMITS, XlsxError, isXlsxError, type XlsxErrorCode, type XlsxLimits } from './limits';
export { forgetOrigin, packageKind, type PackageKind } from './journal';

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
 * download, a CSV renamed to .xlsx …) becomes an XlsxError "not an .xlsx workbook: …" instead of a zip or XML
 * parser stack trace, and a file over a limit (limits.ts: size, zip bomb, rows, cells) is refused before ExcelJS
 * builds it in memory. `label` names the source in the message (a file name).
 */
export interface ReadOptions {
  /**
   * Sheets (names, case-insensitive) the caller will clear whole before writing to them, such as a check's results
   * and summary: loaded without their cells, which saves most of a check's load (stub-sheets.ts). Reading one gives
   * no cells; writing one before clearing it whole is refused. Ignored where the original package cannot be kept.
   */
  rewriteWhole?: readonly string[];
}

export async function readXlsx(data: ArrayBuffer | Uint8Array, label = 'input', limits: XlsxLimits = XLSX_LIMITS, options: ReadOptions = {}): Promise<ExcelJS.Workbook> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.length === 0) throw new XlsxError('empty', xlsxText.empty(label));
  if (startsWith(bytes, OLE2_MAGIC)) throw new XlsxError('legacy', xlsxText.legacy(label));
  if (!startsWith(bytes, ZIP_MAGIC)) throw new XlsxError('not-zip', xlsxText.notZip(label));
  if (bytes.length > limits.maxFileBytes) throw new XlsxError('file-too-large', xlsxText.fileTooLarge(label, bytes.length, limits.maxFileBytes));
  try {
    await scanZip(bytes, limits);
  } catch (e) {
    throw scanError(e, label, limits);
  }
  const entries = readZipDirectory(bytes, limits.maxEntries);
  const kind = await spreadsheetKind(bytes, entries, label);
  const workbook = new ExcelJS.Workbook();
  let stubbed: string[] = [];
  try {
    let toLoad = bytes;
    if (options.rewriteWhole?.length && canUnpack()) ({ bytes: toLoad, stubbed } = await withStubbedSheets(bytes, entries, options.rewriteWhole));
    // ExcelJS's typings name an older Buffer type; any Buffer/Uint8Array works at run time.
    await workbook.xlsx.load(toBuffer(toLoad) as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (e) {
    // ExcelJS tripping over content it did not expect (a TypeError inside it) says nothing a user can act on; an
    // XML parser's "3:15: disallowed character" does.
    const why = e instanceof TypeError || e instanceof RangeError || !(e instanceof Error) ? xlsxText.why.badContent : xlsxText.why.reader(e.message.split('\n')[0]);
    throw new XlsxError('damaged', xlsxText.damaged(label, why), { cause: e });
  }
  if (workbook.worksheets.length === 0) throw new XlsxError('no-worksheets', xlsxText.noWorksheets(label));
  for (const ws of workbook.worksheets) {
    absolutePrintArea(ws);
    numberFormatsAsCodes(ws);
  }
  // Kept so a save can patch the file instead of rewriting it (runtimes that cannot unpack get ExcelJS's rewrite).
  if (canUnpack()) {
    setOrigin(workbook, { bytes, entries, kind });
    setStubbed(workbook, stubbed);
  }
  return workbook;
}

function hasEntry(entries: ZipEntry[], name: string): ZipEntry | undefined {
  return entries.find((e) => e.name.replace(/^\//, '').toLowerCase() === name);
}

/**
 * What the archive is: an .xlsx or a macro-enabled .xlsm (kept as such on saving), or a spreadsheet in another
 * format a planner may have saved by mistake (LibreOffice's .ods, Excel's binary .xlsb), refused with a plain
 * "save it as .xlsx" rather than "no worksheets" or a parser error.
 */
async function spreadsheetKind(bytes: Uint8Array, entries: ZipEntry[], label: string): Promise<PackageKind> {
  if (hasEntry(entries, 'xl/workbook.bin')) throw new XlsxError('xlsb', xlsxText.xlsb(label));
  const mimetype = hasEntry(entries, 'mimetype');
  if (mimetype || (hasEntry(entries, 'content.xml') && !hasEntry(entries, 'xl/workbook.xml'))) {
    const text = mimetype && canUnpack() ? new TextDecoder().decode(await readEntry(bytes, mimetype)) : '';
    if (!text || text.includes('opendocument')) throw new XlsxError('ods', xlsxText.ods(label));
  }
  const types = hasEntry(entries, '[content_types].xml');
  if (!types || !canUnpack()) return 'xlsx';
  const contentType = contentTypeOf(new TextDecoder().decode(await readEntry(bytes, types)), 'xl/workbook.xml') ?? '';
  return contentType === CONTENT_TYPE.macroWorkbook || /macroEnabled/i.test(contentType) ? 'xlsm' : 'xlsx';
}

function scanError(e: unknown, label: string, limits: XlsxLimits): unknown {
  if (e instanceof ZipDamage) return new XlsxError('damaged', xlsxText.damaged(label, e.why), { cause: e });
  if (e instanceof ZipOverLimit) {
    switch (e.which) {
      case 'parts':
        return new XlsxError('too-many-parts', xlsxText.tooManyParts(label, e.detail.count ?? 0, limits.maxEntries));
      case 'data':
        return new XlsxError('too-much-data', xlsxText.tooMuchData(label, limits.maxUnpackedBytes));
      case 'rows':
        return new XlsxError('too-many-rows', xlsxText.tooManyRows(label, e.detail.sheet ?? '?', limits.maxSheetRows));
      case 'cells':
        return new XlsxError('too-many-cells', xlsxText.tooManyCells(label, limits.maxCells));
      case 'ranges':
        return new XlsxError('too-many-range-cells', xlsxText.tooManyRangeCells(label, limits.maxRangeCells));
    }
  }
  // A bounds check the scanner did not foresee (a RangeError from a DataView …) is still a damaged file.
  if (e instanceof RangeError) return new XlsxError('damaged', xlsxText.damaged(label, xlsxText.why.badDirectory), { cause: e });
  return e;
}

/**
 * ExcelJS reads a conditional format's number format as { id, formatCode } but writes only the code it is given as
 * a string (an object becomes a broken <numFmt>), so a load → save would spoil the status marks of the forecast
 * cells: each rule gets its code back as a string, as a rule added through ExcelJS has it.
 */
function numberFormatsAsCodes(ws: ExcelJS.Worksheet): void {
  for (const block of conditionalFormattingsOf(ws)) {
    for (const rule of block.rules ?? []) {
      const code = ruleNumberFormatOf(rule);
      if (code !== undefined && rule.style) rule.style.numFmt = code;
    }
  }
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

/**
 * `release`: the workbook is not used after this save (a check's): a workbook read from a file lets go of the cells
 * the patch does not need before it is rendered, which is most of a large plan's memory, and is refused afterwards.
 * A new workbook (written by ExcelJS) is unaffected.
 */
export type WriteOptions = PatchOptions;

/**
 * Serialise a workbook to .xlsx bytes. A workbook read from a file is saved as a patch over that file: every part the
 * tool does not own keeps its bytes (a macro workbook stays one). A new workbook is written by ExcelJS. The document
 * properties name the tool, never a person: lastModifiedBy is the tool (it wrote the file), creator is the tool
 * unless the workbook already had one (the planner's own file).
 */
export async function writeXlsx(workbook: ExcelJS.Workbook, options: WriteOptions = {}): Promise<Uint8Array> {
  assertNotReleased(workbook);
  if (!workbook.creator) workbook.creator = TOOL_NAME;
  workbook.lastModifiedBy = TOOL_NAME;
  const restore = shareEqualStyles(workbook);
  try {
    // A workbook the planner brought: their package, patched with what the tool wrote (see package-patch.ts).
    const origin = originOf(workbook);
    const journal = journalOf(workbook);
    if (origin && journal) return await patchPackage(workbook, origin, journal, options);
    const out = await workbook.xlsx.writeBuffer(WRITE_OPTIONS);
    return out instanceof Uint8Array ? out : new Uint8Array(out as ArrayBuffer);
  } finally {
    restore();
  }
}

function isEmpty(o: object): boolean {
  for (const _ in o) return false;
  return true;
}

/**
 * ExcelJS compresses with pako (deflate in JavaScript) at zlib's default level 6. Level 1 (the fastest) saves a
 * checked 5,000-line plan in about a second less, for a file about half as large again (still a few MB).
 */
const WRITE_OPTIONS = { zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } } as unknown as Partial<ExcelJS.XlsxWriteOptions>;

/** ExcelJS.ValueType.Date (its enums are not on the type-only import). */
const ValueTypeDate = 4;

/**
 * ExcelJS's writer turns each cell's style object into a style index by rendering it to XML, and skips that only
 * for a style object it has already seen. Cells we write or clear each hold their own (mostly empty) style object,
 * so a checked 5,000-line plan cost half a million renderings (a second and a half of the save). For the save
 * only, cells with equal styles are given one shared object; each cell gets its own object back afterwards, so
 * code that later sets `cell.font` on one cell still changes that cell alone. Date cells are kept apart: ExcelJS
 * gives a date without a number format a date format, and the style index is reused per object.
 */
function shareEqualStyles(workbook: ExcelJS.Workbook): () => void {
  const canonical = new Map<string, Partial<ExcelJS.Style>>();
  const seen = new Map<object, Partial<ExcelJS.Style>>();
  const cells: ExcelJS.Cell[] = [];
  const originals: Partial<ExcelJS.Style>[] = [];
  let empty: Partial<ExcelJS.Style> | undefined;
  for (const ws of workbook.worksheets) {
    for (const row of (ws as unknown as CellStore)._rows) {
      if (!row) continue;
      for (const cell of row._cells) {
        if (!cell || !cell.style || cell.effectiveType === ValueTypeDate) continue;
        const style = cell.style;
        let shared = isEmpty(style) ? (empty ??= style) : seen.get(style);
        if (!shared) {
          const key = JSON.stringify(style);
          shared = canonical.get(key);
          if (!shared) canonical.set(key, (shared = style));
          seen.set(style, shared);
        }
        if (shared !== style) {
          cells.push(cell);
          originals.push(style);
          cell.style = shared;
        }
      }
    }
  }
  return () => {
    for (let i = 0; i < cells.length; i++) cells[i].style = originals[i];
  };
}

/** A new, empty workbook. */
export function createWorkbook(): ExcelJS.Workbook {
  return new ExcelJS.Workbook();
}
