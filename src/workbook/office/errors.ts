/**
 * Office.js failures as one typed error the task pane can turn into a plain message.
 *
 * Office.js rejects `context.sync()` with an `OfficeExtension.Error` whose `code` names the cause
 * (`InvalidOperationInCellEditMode`, `AccessDenied`, `RequestPayloadSizeLimitExceeded` …). Only the code is read:
 * "Error codes aren't localized", while the message is, and is "not intended for end users"
 * (https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling) — a Japanese
 * Excel says 保護 where an English one says "protected", and ApiNotFound comes with no message of its own.
 * A protected sheet and a read-only workbook both come back as `AccessDenied`; the port tells them apart by asking
 * Excel whether a sheet it wrote to is protected (OfficePort.explainAccessDenied), not by reading the message.
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
  /** This Excel lacks an API the add-in calls (ApiNotFound): it needs a newer Excel. */
  | 'unsupported'
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

/** Excel's codes for "you may not change this workbook" (Excel.ErrorCodes). */
const PERMISSION = new Set(['AccessDenied', 'Unauthenticated']);

/** What an Office error code means for the planner. A protected sheet is told from AccessDenied by the port. */
export function errorKind(code: string): ExcelHostErrorKind {
  if (code === 'InvalidOperationInCellEditMode') return 'cell-edit-mode';
  if (TOO_LARGE.has(code)) return 'too-large';
  if (code === 'ApiNotFound') return 'unsupported';
  if (PERMISSION.has(code)) return 'permission';
  return 'other';
}

/** Wrap whatever Office.js (or the runner) threw; an ExcelHostError passes through unchanged. */
export function toExcelHostError(e: unknown): ExcelHostError {
  if (e instanceof ExcelHostError) return e;
  const code = typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : '';
  const message = e instanceof Error ? e.message : typeof e === 'object' && e !== null && 'message' in e ? String((e as { message: unknown }).message) : String(e);
  return new ExcelHostError(errorKind(code), code, message || code || 'Excel request failed', { cause: e });
}
