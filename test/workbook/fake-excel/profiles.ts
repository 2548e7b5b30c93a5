/**
 * Host profiles for the strict fake of Excel: the Excels the manifest admits, each with the requirement sets it
 * has, the size limits it enforces, whether an add-in's write keeps the undo stack, and the language its error
 * messages come in. The adapter and task-pane suites run once per profile (`describe.each(PROFILES)`).
 *
 * Sources:
 * - Requirement sets per Excel: https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets
 *   (ExcelApi 1.20: Microsoft 365 Version 2509, Mac 16.100, the web; Office 2021 perpetual stops at ExcelApi 1.14).
 * - "Excel on the web limits requests and responses to 5 MB … On all platforms, a range is limited to five million
 *   cells for get operations": https://learn.microsoft.com/office/dev/add-ins/excel/performance (the 5 MB limit is for
 *   the web only: office-js-docs-pr PR #5333).
 * - Undo: "ExcelApi 1.20 adds undo support for Excel JavaScript APIs"
 *   (https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-1-20-requirement-set); before it, a
 *   write through the API clears the user's undo stack
 *   (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities).
 * - Error messages are localised, codes are not:
 *   https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling
 */

export interface HostProfile {
  /** For test names. */
  name: string;
  platform: 'PC' | 'OfficeOnline' | 'Mac';
  /** The highest ExcelApi minor version the host has (1.x). */
  excelApi: number;
  /** Largest request / response one sync may carry, in bytes (null: no limit below the 5M-cell rule). */
  requestLimitBytes: number | null;
  responseLimitBytes: number | null;
  /** The UI language: the language of Excel's error messages and of its generated table headers (列1 / Column1). */
  locale: 'ja-JP' | 'en-US';
}

const MB = 1024 * 1024;

export const M365_WINDOWS: HostProfile = {
  name: 'Microsoft 365 on Windows (current)',
  platform: 'PC',
  excelApi: 20,
  requestLimitBytes: null,
  responseLimitBytes: null,
  locale: 'en-US',
};

export const WEB: HostProfile = {
  name: 'Excel on the web',
  platform: 'OfficeOnline',
  excelApi: 20,
  requestLimitBytes: 5 * MB,
  responseLimitBytes: 5 * MB,
  locale: 'ja-JP',
};

export const MAC: HostProfile = {
  name: 'Excel on Mac (16.100)',
  platform: 'Mac',
  excelApi: 20,
  requestLimitBytes: null,
  responseLimitBytes: null,
  locale: 'en-US',
};

/** The oldest Excel the manifest admits (ExcelApi 1.13): Office 2021, which stops at ExcelApi 1.14, in Japanese. */
export const OFFICE_2021: HostProfile = {
  name: 'Office 2021 (perpetual, Japanese)',
  platform: 'PC',
  excelApi: 14,
  requestLimitBytes: null,
  responseLimitBytes: null,
  locale: 'ja-JP',
};

export const PROFILES: readonly HostProfile[] = [M365_WINDOWS, WEB, MAC, OFFICE_2021];

/** `Office.context.requirements.isSetSupported` as the host answers it. */
export function supportsOn(profile: HostProfile): (set: string, version: string) => boolean {
  return (set, version) => {
    if (set !== 'ExcelApi') return false;
    const [major, minor] = version.split('.').map(Number);
    return major === 1 && (minor ?? 0) <= profile.excelApi;
  };
}

/** The requirement-set minor version as a number ("1.13" → 13). */
export function minorOf(version: string): number {
  return Number(version.split('.')[1] ?? 0);
}

/** Whether an add-in's writes are undoable there (ExcelApi 1.20). */
export function keepsUndo(profile: HostProfile): boolean {
  return profile.excelApi >= 20;
}

/**
 * Excel's messages for the errors the fake raises, in the profile's language. The adapter must never read them
 * (their wording is the host's); they are here so a test that passes by reading English text fails in Japanese.
 */
export const MESSAGES: Record<HostProfile['locale'], Record<string, string>> = {
  'en-US': {
    AccessDenied: "The cell or chart you're trying to change is on a protected sheet. To make a change, unprotect the sheet.",
    ReadOnly: 'You cannot perform the requested operation.',
    ItemNotFound: 'The requested resource doesn\'t exist.',
    ResponsePayloadSizeLimitExceeded: 'The response payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
    RequestPayloadSizeLimitExceeded: 'The request payload size has exceeded the limit. Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".',
    MergedAreas: 'The operation failed because the range has too many merged areas.',
  },
  'ja-JP': {
    AccessDenied: '変更しようとしているセルやグラフは保護されたシート上にあります。変更するには、シートの保護を解除してください。',
    ReadOnly: '要求された操作を実行できません。',
    ItemNotFound: '要求されたリソースは存在しません。',
    ResponsePayloadSizeLimitExceeded: '応答のペイロード サイズが上限を超えました。',
    RequestPayloadSizeLimitExceeded: '要求のペイロード サイズが上限を超えました。',
    MergedAreas: '範囲内の結合セルが多すぎるため、操作を完了できませんでした。',
  },
};

/** Excel names a blank table header after its position, in the UI language (列1 in Japanese Excel). */
export function defaultHeader(profile: HostProfile, n: number): string {
  return profile.locale === 'ja-JP' ? `列${n}` : `Column${n}`;
}
