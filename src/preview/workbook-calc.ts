/**
 * Formula values as the workbook would show them in Excel: every formula cell is calculated by the evaluator
 * (src/formula) on first use, over the values of the cells it refers to — calculated in turn. The layout writes its
 * formulas without cached results (Excel and LibreOffice calculate them on open), so without this the sample would
 * open with no status marks and no highlights until an evaluation ran.
 *
 * A formula the evaluator cannot calculate keeps its cached result when the file has one; with none, reading it is
 * `Unsupported` and whatever depends on it (a status, a highlight) is left blank rather than guessed.
 */
import type * as ExcelJS from 'exceljs';
import { Unsupported, evaluateFormula, type FormulaContext, type Scalar } from '../formula/evaluate';
import { dateToSerial } from '../number-format';
import { definedNamesOf } from '../workbook/xlsx/exceljs-internals';

export interface WorkbookCalculation {
  /** The context formulas on `sheet` are evaluated in. */
  contextFor(sheet: ExcelJS.Worksheet): FormulaContext;
  /** A cell's value: its constant, or its formula's calculated (else cached) result. */
  valueOf(sheet: ExcelJS.Worksheet, row: number, col: number): Scalar;
}

function isFormulaValue(v: unknown): v is { formula?: string; sharedFormula?: string; result?: unknown } {
  return typeof v === 'object' && v !== null && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v);
}

/**
 * A constant cell value as formulas see it: dates as serial numbers, rich text flattened, an empty text as a blank
 * (a cell cannot hold "" as a constant: Excel and LibreOffice read such a cell as blank, and MATCH("") finds none).
 */
export function constantScalar(v: unknown, date1904: boolean): Scalar {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return dateToSerial(v, { date1904 });
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('error' in o) return { error: String(o.error) };
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('text' in o) return String(o.text);
  }
  return null;
}

export interface CalculationOptions {
  /**
   * Fall back to a formula's cached result when the evaluator cannot calculate it (default true). Off in the tests
   * that compare the evaluator with LibreOffice, so a cached value cannot hide a formula it gets wrong.
   */
  useCachedResults?: boolean;
}

/** A calculation of the workbook as it is now; make a new one after the workbook changes (results are memoised). */
export function calculateWorkbook(workbook: ExcelJS.Workbook, options: CalculationOptions = {}): WorkbookCalculation {
  const useCached = options.useCachedResults ?? true;
  const date1904 = Boolean(workbook.properties?.date1904);
  const memo = new Map<ExcelJS.Worksheet, Map<number, Scalar | Unsupported>>();
  const inProgress = new Set<string>();
  const names = new Map(definedNamesOf(workbook).map((d) => [d.name.toLowerCase(), d.ranges.length === 1 ? d.ranges[0] : undefined]));

  const valueOf = (ws: ExcelJS.Worksheet, row: number, col: number): Scalar => {
    const cell = ws.findRow(row)?.findCell(col);
    if (!cell) return null;
    const raw = cell.value as unknown;
    if (!isFormulaValue(raw)) return constantScalar(raw, date1904);
    let sheetMemo = memo.get(ws);
    if (!sheetMemo) memo.set(ws, (sheetMemo = new Map()));
    const key = row * 20_000 + col;
    const known = sheetMemo.get(key);
    if (known instanceof Unsupported) throw known;
    if (known !== undefined) return known;
    const cached = !useCached || raw.result === undefined ? undefined : constantScalar(raw.result, date1904);
    const id = `${ws.id}:${key}`;
    // A circular reference: Excel would warn and show 0; here, the cached value or nothing.
    if (inProgress.has(id)) {
      if (cached !== undefined) return cached;
      throw new Unsupported('circular reference');
    }
    inProgress.add(id);
    let result: Scalar | Unsupported;
    try {
      // ExcelJS gives each cell of a shared formula its own text through `cell.formula`.
      result = evaluateFormula(cell.formula, contextFor(ws), { row, col });
    } catch (e) {
      if (!(e instanceof Unsupported)) throw e;
      result = cached !== undefined ? cached : e;
    } finally {
      inProgress.delete(id);
    }
    sheetMemo.set(key, result);
    if (result instanceof Unsupported) throw result;
    return result;
  };

  // Ranges read by formulas, by sheet and rectangle: the policy tables are read by hundreds of lookups.
  const ranges = new Map<string, Scalar[][]>();
  const rangeOf = (target: ExcelJS.Worksheet, top: number, left: number, bottom: number, right: number): Scalar[][] => {
    const key = `${target.id}:${top}:${left}:${bottom}:${right}`;
    let rows = ranges.get(key);
    if (!rows) {
      rows = [];
      for (let r = top; r <= bottom; r++) {
        const row: Scalar[] = [];
        for (let c = left; c <= right; c++) row.push(valueOf(target, r, c));
        rows.push(row);
      }
      ranges.set(key, rows);
    }
    return rows;
  };

  const contextFor = (ws: ExcelJS.Worksheet): FormulaContext => {
    const sheetOf = (name: string | undefined) => (name === undefined ? ws : workbook.getWorksheet(name));
    return {
      cell(sheetName, row, col) {
        const target = sheetOf(sheetName);
        return target ? valueOf(target, row, col) : { error: '#REF!' };
      },
      name: (name) => names.get(name.toLowerCase()),
      range(sheetName, top, left, bottom, right) {
        const target = sheetOf(sheetName);
        if (!target) throw new Unsupported(`no sheet ${sheetName}`);
        return rangeOf(target, top, left, bottom, right);
      },
    };
  };

  return { contextFor, valueOf };
}
