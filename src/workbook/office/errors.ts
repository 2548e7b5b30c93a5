/**
 * Office.js failures as one typed error the task pane can turn into a plain message.
 *
 * Office.js rejects `context.sync()` with an `OfficeExtension.Error` whose `code` names the cause
 * (`InvalidOperationInCellEditMode`, `AccessDenied`, `RequestPayloadSizeLimitExceeded` …). The codes for a protected
 * sheet vary by host and version (often `AccessDenied` or `InvalidOperation` with a message about protection), so
 * the message is looked at too.
 */

export type ExcelHostErrorKind =
  /** The user is editing a cell: Excel refuses API calls until they press Enter or Esc. */
  | 'cell-edit-mode'
  /** The sheet or workbook is protected. */
  | 'protected'
  /** The user may not change this workbook (read-only, view mode, no permission). */
  | 'permission'
  /** A request or response was too large for the host (Excel on the web: 5 MB), or a range too big for one call. */
  | 'too-large'
  | 'other';

export class ExcelHostError extends Error {
  override readonly name = 'ExcelHostError';

  constructor(
    readonly kind: ExcelHostErrorKind,
    /** The Office error code, e.g. "AccessDenied" ("" when there was none). */
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

const TOO_LARGE = new Set([
  'RequestPayloadSizeLimitExceeded',
  'ResponsePayloadSizeLimitExceeded',
  'PayloadTooLarge',
  'RangeExceedsLimit',
  'OperationCellsExceedLimit',
]);

const PERMISSION = new Set(['PermissionDenied', 'Unauthenticated', 'Forbidden']);

/** Classify an Office error code (and its message, for protection). */
export function errorKind(code: string, message = ''): ExcelHostErrorKind {
  if (code === 'InvalidOperationInCellEditMode') return 'cell-edit-mode';
  if (TOO_LARGE.has(code)) return 'too-large';
  if (/protect/i.test(message) || code === 'SheetProtected' || code === 'WorkbookProtected') return 'protected';
  if (code === 'AccessDenied' || PERMISSION.has(code)) return 'permission';
  return 'other';
}

/** Wrap whatever Office.js (or the runner) threw; an ExcelHostError passes through unchanged. */
export function toExcelHostError(e: unknown): ExcelHostError {
  if (e instanceof ExcelHostError) return e;
  const code = typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : '';
  const message = e instanceof Error ? e.message : typeof e === 'object' && e !== null && 'message' in e ? String((e as { message: unknown }).message) : String(e);
  return new ExcelHostError(errorKind(code, message), code, message || code || 'Excel request failed', { cause: e });
}
