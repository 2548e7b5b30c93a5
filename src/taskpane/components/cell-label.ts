/**
 * How the pane names a cell and a finding: apart from FindingsList.tsx, which comes with the other panels after the
 * pane's first paint (lazy-panels.ts), for App's own notices.
 */
import type { CellRef } from '../actions';

/**
 * A sheet name Excel writes unquoted. Built from a string: a `\p{…}` literal is ES2018 syntax, a parse error for
 * the whole bundle in the webviews the manifest admits (webpack.config.js, ECMA_TARGET); where the webview cannot
 * build it, every name is quoted, which Excel reads just as well.
 */
const PLAIN_SHEET_NAME: RegExp | null = (() => {
  try {
    return new RegExp('^[\\p{L}_][\\p{L}\\p{N}_.]*$', 'u');
  } catch {
    return null;
  }
})();

/** `'計画'!B7` as Excel writes a reference, quoting the sheet name when it needs it. */
export function cellLabel(cell: CellRef): string {
  const sheet = PLAIN_SHEET_NAME?.test(cell.sheet) ? cell.sheet : `'${cell.sheet.replace(/'/g, "''")}'`;
  return `${sheet}!${cell.address}`;
}

/** The key an acknowledgement is kept under: the finding's code and path. */
export const ackKey = (f: { code: string; path: string }) => `${f.code}|${f.path}`;
