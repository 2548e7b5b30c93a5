/** DOM ids of the grid's cells and sheet tabs (Japanese sheet names made id-safe). */
import { columnLetters } from '../../workbook/a1';

/** A DOM-id-safe key for a sheet name. */
export function sheetKey(name: string): string {
  return Array.from(name)
    .map((ch) => (/[A-Za-z0-9]/.test(ch) ? ch : `_${ch.codePointAt(0)!.toString(16)}`))
    .join('');
}

export function cellId(key: string, row: number, col: number): string {
  return `sv-${key}-${columnLetters(col)}${row}`;
}

export function tabId(sheet: string): string {
  return `sv-tab-${sheetKey(sheet)}`;
}
