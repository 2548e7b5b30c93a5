/**
 * How big a workbook the .xlsx path (CLI and browser preview) takes, and the error it gives when a file is not a
 * readable workbook or is over a limit. docs/limits.md explains each figure; change them together.
 *
 * ExcelJS builds the whole workbook in memory and a check adds about a hundred formula cells per plan line, so the
 * limits keep a check inside a 2 GB Node heap: a checked plan of 5,000 lines × 14 years (about 500,000 cells,
 * 34 MB of XML, 2.8 MB on disk; 12 s and 1.5 GB to check on 2 cores) passes every one with room to spare.
 */
import type { Bilingual } from '../../i18n/format';
import { TEXT_MAX_CHARS } from '../../plan/format';

export interface XlsxLimits {
  /** Bytes of the .xlsx file, checked before it is read or unzipped. */
  maxFileBytes: number;
  /** Parts (zip entries) in the archive; a workbook has a few dozen. */
  maxEntries: number;
  /** Bytes of all parts unpacked, from the zip directory and again while unpacking (zip bombs lie). */
  maxUnpackedBytes: number;
  /** Rows of any one worksheet, read or written. */
  maxSheetRows: number;
  /** Cells of the whole workbook, read. */
  maxCells: number;
  /** Cells covered by merged areas, drop-down lists (data validation) and named ranges: ExcelJS expands each cell. */
  maxRangeCells: number;
}

export const XLSX_LIMITS: Readonly<XlsxLimits> = Object.freeze({
  maxFileBytes: 20 * 1024 * 1024,
  maxEntries: 1000,
  maxUnpackedBytes: 128 * 1024 * 1024,
  maxSheetRows: 6000,
  maxCells: 1_000_000,
  maxRangeCells: 2_200_000,
});

/** The most characters an Excel cell holds (Excel's specification and limits); plan files keep to it too. */
export const EXCEL_MAX_TEXT = TEXT_MAX_CHARS;

export type XlsxErrorCode =
  | 'cannot-read'
  | 'cannot-write'
  | 'empty'
  | 'legacy'
  | 'ods'
  | 'xlsb'
  | 'not-zip'
  | 'damaged'
  | 'no-worksheets'
  | 'file-too-large'
  | 'too-many-parts'
  | 'too-much-data'
  | 'too-many-rows'
  | 'too-many-cells'
  | 'too-many-range-cells';

/** Codes that mean "the file is over a size limit" rather than "the file is not a workbook". */
export const LIMIT_CODES: ReadonlySet<XlsxErrorCode> = new Set(['file-too-large', 'too-many-parts', 'too-much-data', 'too-many-rows', 'too-many-cells', 'too-many-range-cells']);

/**
 * A workbook file that cannot be read or written, with the reason in both languages. `message` is the English text,
 * so callers that only know Error still print something plain (never a zip or XML parser's stack trace).
 */
export class XlsxError extends Error {
  constructor(
    readonly code: XlsxErrorCode,
    readonly messages: Bilingual,
    options?: { cause?: unknown },
  ) {
    super(messages.en, options);
    this.name = 'XlsxError';
  }
}

export function isXlsxError(e: unknown): e is XlsxError {
  return e instanceof XlsxError || (e instanceof Error && e.name === 'XlsxError' && 'messages' in e && 'code' in e);
}
