/**
 * What a user typed into a cell of the sheet view → the value the workbook stores, as Excel would store it:
 * numbers (with separators, full-width digits or a % sign) become numbers, dates become serial numbers, TRUE and
 * FALSE become logicals, "=…" a formula, anything else stays text exactly as typed.
 */
import type { CellInput, CellValue } from '../workbook/port';
import { evaluateFormula, type FormulaContext } from '../formula/evaluate';

const NUMBER_RE = /^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?([eE][+-]?\d+)?%?$/;

function toSerial(y: number, m: number, d: number): number | undefined {
  const t = Date.UTC(y, m - 1, d);
  const dt = new Date(t);
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return undefined;
  return (t - Date.UTC(1899, 11, 30)) / 86_400_000;
}

export interface ParsedInput {
  value: CellInput;
  /** The typed text was a date: the cell needs a date format if it has none. */
  date?: boolean;
}

export function parseCellInput(typed: string, ctx?: FormulaContext, at?: { row: number; col: number }): ParsedInput {
  const text = typed.trim();
  if (text === '') return { value: null };
  if (text.startsWith('=') && text.length > 1) {
    // The preview cannot calculate like Excel does; it stores the result when its small evaluator can work it out.
    let result: CellValue | undefined;
    if (ctx && at) {
      try {
        result = evaluateFormula(text, ctx, at);
      } catch {
        result = undefined;
      }
    }
    return { value: result === undefined ? { formula: text } : { formula: text, result } };
  }
  const plain = text.normalize('NFKC').replace(/\s/g, '');
  if (NUMBER_RE.test(plain) && /\d/.test(plain)) {
    const percent = plain.endsWith('%');
    const n = Number(plain.replace(/[,%]/g, ''));
    if (Number.isFinite(n)) return { value: percent ? n / 100 : n };
  }
  const date = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(plain) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(plain);
  if (date) {
    const serial = toSerial(Number(date[1]), Number(date[2]), Number(date[3]));
    if (serial !== undefined) return { value: serial, date: true };
  }
  const upper = plain.toUpperCase();
  if (upper === 'TRUE' || upper === 'FALSE') return { value: upper === 'TRUE' };
  return { value: typed };
}
