/**
 * The cells of a sheet the tool writes whole (the results, the policy table …), rendered straight from the port's
 * write ops to SpreadsheetML, without building ExcelJS cells.
 *
 * A check of a 5,000-line plan writes some 600,000 cells to its results sheet. Through ExcelJS each became a cell
 * object with its own style object, then XML in ExcelJS's rendering of the whole workbook, then XML again with the
 * planner's style and string indexes (package-patch.ts): most of a check's time and memory. Here the same ops become
 * one compact cell per address and are written once, with the planner's indexes, as the sheet's <sheetData>.
 * Everything else of the sheet (columns, views, conditional formats, page setup) still comes from ExcelJS's
 * rendering of the (empty) sheet, which costs nothing.
 *
 * Only the ops that write cells are taken here — `clear`, `values`, `fillFormula`, `format` — with the semantics
 * XlsxPort gives them on an ExcelJS sheet (xlsx-port.ts): `format` merges into a cell's style (font and alignment
 * property by property, fill, number format and border replaced), `clear` empties values and styles, a `values`
 * null blanks a value and keeps the style, a filled range is one shared formula whose top-left cell holds the text.
 */
import { formatCell, formatRange, parseCell, parseRange, shiftFormula, type RangeRef } from '../a1';
import type { CellFormat, CellInput, CellValue, FontStyle, WriteOp } from '../port';
import { escapeXml } from './ooxml';

/** The ops rendered here (every other op on such a sheet goes to ExcelJS as before). */
export const DIRECT_OPS: ReadonlySet<WriteOp['kind']> = new Set(['clear', 'values', 'fillFormula', 'format']);

/** A cell's style as the format ops built it up (what one cell format — xf — holds). */
export interface CellStyle {
  fill?: string;
  font?: FontStyle;
  numberFormat?: string;
  wrap?: boolean;
  horizontal?: CellFormat['horizontal'];
  vertical?: CellFormat['vertical'];
  border?: boolean;
}

/** Where rendered cells get their style and shared-string indexes (the planner's styles.xml and sharedStrings.xml). */
export interface CellIndexes {
  /** The cell-format (xf) index for a style; 0 for no style at all. */
  xf(style: CellStyle): number;
  /** The shared-string index of a text. */
  sharedString(text: string): number;
}

interface Cell {
  /** The value, or a formula's cached result (undefined: none). */
  value?: CellValue;
  /** A formula of the cell's own (without "="). */
  formula?: string;
  /** The shared formula this cell belongs to (index into the groups). */
  group?: number;
  /** Index into the style table (0: no style). */
  style: number;
}

interface Group {
  range: RangeRef;
  formula: string;
}

const NO_STYLE: CellStyle = {};

/**
 * Cells built from write ops. `text` makes a string storable (the port's rule for text a cell can hold); numbers that
 * are not finite are refused, as XlsxPort refuses them.
 */
export class DirectSheet {
  private rows: Array<Array<Cell | undefined> | undefined> = [];
  private readonly groups: Group[] = [];
  private readonly styles: CellStyle[] = [NO_STYLE];
  private readonly styleIndex = new Map<string, number>([[JSON.stringify(NO_STYLE), 0]]);

  constructor(private readonly text: (s: string) => string) {}

  apply(op: WriteOp): void {
    switch (op.kind) {
      case 'clear':
        return this.clear(op.range);
      case 'values':
        return this.values(op.at, op.rows);
      case 'fillFormula':
        return this.fill(op.range, op.formula, op.results);
      case 'format':
        return this.format(op.range, op.format);
      default:
        throw new Error(`DirectSheet: ${op.kind} is not a cell op`);
    }
  }

  private cell(row: number, col: number): Cell {
    let r = this.rows[row];
    if (!r) r = this.rows[row] = [];
    let c = r[col];
    if (!c) c = r[col] = { style: 0 };
    return c;
  }

  private clear(range: string | undefined): void {
    if (range === undefined) {
      this.rows = [];
      return;
    }
    const r = parseRange(range);
    for (let row = r.top; row <= r.bottom && row < this.rows.length; row++) {
      const cells = this.rows[row];
      if (!cells) continue;
      for (let col = r.left; col <= r.right && col < cells.length; col++) cells[col] = undefined;
    }
  }

  private values(at: string, rows: CellInput[][]): void {
    const origin = parseCell(at);
    rows.forEach((row, i) => {
      row.forEach((input, j) => {
        const c = this.cell(origin.row + i, origin.col + j);
        c.group = undefined;
        c.formula = undefined;
        if (input !== null && typeof input === 'object' && 'formula' in input) {
          c.formula = stripEquals(input.formula);
          c.value = this.stored(input.result);
        } else {
          if (typeof input === 'number' && !Number.isFinite(input)) throw new Error(`XlsxPort: cannot write ${input} to ${formatCell({ row: origin.row + i, col: origin.col + j })}`);
          c.value = this.stored(input);
        }
      });
    });
  }

  private fill(range: string, formula: string, results: CellValue[][] | undefined): void {
    const r = parseRange(range);
    const f = stripEquals(formula);
    const single = r.top === r.bottom && r.left === r.right;
    const group = single ? -1 : this.groups.push({ range: r, formula: f }) - 1;
    for (let row = r.top; row <= r.bottom; row++) {
      const values = results?.[row - r.top];
      for (let col = r.left; col <= r.right; col++) {
        const c = this.cell(row, col);
        c.value = this.stored(values?.[col - r.left]);
        if (single) {
          c.formula = f;
          c.group = undefined;
        } else {
          c.formula = undefined;
          c.group = group;
        }
      }
    }
  }

  private format(range: string, format: CellFormat): void {
    const r = parseRange(range);
    // Cells with the same style before have the same style after: each distinct style is merged once.
    const merged = new Map<number, number>();
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) {
        const c = this.cell(row, col);
        let next = merged.get(c.style);
        if (next === undefined) {
          next = this.styleId(mergeStyle(this.styles[c.style], format));
          merged.set(c.style, next);
        }
        c.style = next;
      }
    }
  }

  private styleId(style: CellStyle): number {
    const key = JSON.stringify(style);
    let id = this.styleIndex.get(key);
    if (id === undefined) {
      id = this.styles.push(style) - 1;
      this.styleIndex.set(key, id);
    }
    return id;
  }

  private stored(v: CellValue | undefined): CellValue | undefined {
    if (v === null || v === undefined) return undefined;
    return typeof v === 'string' ? this.text(v) : v;
  }

  /**
   * The sheet's <sheetData> as UTF-8 bytes, in pieces of about 64 KB (a 5,000-line results sheet is some 35 MB of
   * XML: never one string), and the used range for its <dimension> (undefined when no cell is left). Shared-formula
   * groups are numbered from 0 (the sheet is the tool's alone). A group whose top-left cell was written over since
   * gives its remaining cells their own (shifted) formulas.
   */
  render(indexes: CellIndexes): { sheetData: Uint8Array[]; dimension?: string } {
    const encoder = new TextEncoder();
    const xfs = this.styles.map((s, i) => (i === 0 ? 0 : indexes.xf(s)));
    const masters = this.groups.map((g, i) => this.rows[g.range.top]?.[g.range.left]?.group === i);
    const si = new Map<number, number>();
    const out: Uint8Array[] = [];
    let text = '<sheetData>';
    let top = 0;
    let bottom = 0;
    let left = Infinity;
    let right = 0;
    for (let row = 1; row < this.rows.length; row++) {
      const cells = this.rows[row];
      if (!cells) continue;
      let rowXml = '';
      for (let col = 1; col < cells.length; col++) {
        const c = cells[col];
        if (!c) continue;
        const ref = `${columnName(col)}${row}`;
        const s = xfs[c.style];
        const style = s ? ` s="${s}"` : '';
        let formula = '';
        if (c.group !== undefined) {
          const g = this.groups[c.group];
          if (!masters[c.group]) {
            formula = `<f>${escapeXml(shiftFormula(g.formula, row - g.range.top, col - g.range.left))}</f>`;
          } else {
            let n = si.get(c.group);
            if (n === undefined) si.set(c.group, (n = si.size));
            formula = row === g.range.top && col === g.range.left ? `<f t="shared" ref="${formatRange(g.range)}" si="${n}">${escapeXml(g.formula)}</f>` : `<f t="shared" si="${n}"/>`;
          }
        } else if (c.formula !== undefined) {
          formula = `<f>${escapeXml(c.formula)}</f>`;
        }
        const v = c.value;
        if (v === undefined || v === null) {
          if (!formula && !s) continue;
          rowXml += formula ? `<c r="${ref}"${style}>${formula}</c>` : `<c r="${ref}"${style}/>`;
        } else if (typeof v === 'number') {
          rowXml += `<c r="${ref}"${style}>${formula}<v>${v}</v></c>`;
        } else if (typeof v === 'string') {
          rowXml += formula ? `<c r="${ref}"${style} t="str">${formula}<v>${escapeXml(v)}</v></c>` : `<c r="${ref}"${style} t="s"><v>${indexes.sharedString(v)}</v></c>`;
        } else if (typeof v === 'boolean') {
          rowXml += `<c r="${ref}"${style} t="b">${formula}<v>${v ? 1 : 0}</v></c>`;
        } else {
          rowXml += `<c r="${ref}"${style} t="e">${formula}<v>${escapeXml(v.error)}</v></c>`;
        }
        if (!top) top = row;
        bottom = row;
        left = Math.min(left, col);
        right = Math.max(right, col);
      }
      if (!rowXml) continue;
      text += `<row r="${row}">${rowXml}</row>`;
      if (text.length > 65_536) {
        out.push(encoder.encode(text));
        text = '';
      }
    }
    out.push(encoder.encode(`${text}</sheetData>`));
    return { sheetData: out, dimension: top ? formatRange({ top, left, bottom, right }) : undefined };
  }
}

/** A style with a format op applied, as XlsxPort.format applies one to an ExcelJS cell. */
export function mergeStyle(base: CellStyle, format: CellFormat): CellStyle {
  const next: CellStyle = { ...base };
  if (format.fill) next.fill = format.fill.color;
  if (format.font) next.font = { ...(base.font ?? {}), ...definedOnly(format.font) };
  if (format.numberFormat !== undefined) next.numberFormat = format.numberFormat;
  if (format.wrap !== undefined) next.wrap = format.wrap;
  if (format.horizontal) next.horizontal = format.horizontal;
  if (format.vertical) next.vertical = format.vertical;
  if (format.border) next.border = true;
  return next;
}

function definedOnly(font: FontStyle): FontStyle {
  const out: FontStyle = {};
  if (font.bold !== undefined) out.bold = font.bold;
  if (font.italic !== undefined) out.italic = font.italic;
  if (font.color !== undefined) out.color = font.color;
  if (font.size !== undefined) out.size = font.size;
  return out;
}

function stripEquals(formula: string): string {
  return formula.startsWith('=') ? formula.slice(1) : formula;
}

/** Column letters, memoised: the same few hundred columns are named on every row. */
const COLUMN_NAMES: string[] = [];
function columnName(col: number): string {
  let name = COLUMN_NAMES[col];
  if (name === undefined) {
    name = formatCell({ row: 1, col }).replace(/\d+$/, '');
    COLUMN_NAMES[col] = name;
  }
  return name;
}
