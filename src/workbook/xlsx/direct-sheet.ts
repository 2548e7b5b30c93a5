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
import type { CellFormat, CellValue, FontStyle, WriteOp } from '../port';
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
  /** The shared formula this cell belongs to (index into the ops: the fillFormula that made it). */
  group?: number;
  /** Index into the style table (0: no style). */
  style: number;
}

/** An op with the rectangle it writes. */
interface Placed {
  op: WriteOp;
  rect: RangeRef;
}

const NO_STYLE: CellStyle = {};

/**
 * Cells built from write ops, rendered row by row: each row is built from the ops that cover it, in their order,
 * rendered and let go, so a sheet of 600,000 cells never exists as 600,000 objects. `text` makes a string storable
 * (the port's rule for text a cell can hold). The port has already refused what a cell cannot hold (NaN, ∞).
 */
export class DirectSheet {
  private placed: Placed[] = [];
  private readonly styles: CellStyle[] = [NO_STYLE];
  private readonly styleIndex = new Map<string, number>([[JSON.stringify(NO_STYLE), 0]]);
  /** Style after format op i, by style before: each distinct style is merged once per op. */
  private readonly merged = new Map<number, Map<number, number>>();

  constructor(private readonly text: (s: string) => string) {}

  apply(op: WriteOp): void {
    switch (op.kind) {
      case 'clear':
        // A whole-sheet clear drops everything before it.
        if (op.range === undefined) this.placed = [];
        else this.placed.push({ op, rect: parseRange(op.range) });
        return;
      case 'values': {
        const at = parseCell(op.at);
        const width = Math.max(0, ...op.rows.map((r) => r.length));
        if (op.rows.length && width) this.placed.push({ op, rect: { top: at.row, left: at.col, bottom: at.row + op.rows.length - 1, right: at.col + width - 1 } });
        return;
      }
      case 'fillFormula':
      case 'format':
        this.placed.push({ op, rect: parseRange(op.range) });
        return;
      default:
        throw new Error(`DirectSheet: ${op.kind} is not a cell op`);
    }
  }

  /** Apply op `index` to one row's cells. */
  private applyToRow(index: number, row: number, cells: Array<Cell | undefined>): void {
    const { op, rect } = this.placed[index];
    switch (op.kind) {
      case 'clear':
        for (let col = rect.left; col <= rect.right; col++) cells[col] = undefined;
        return;
      case 'values': {
        const inputs = op.rows[row - rect.top];
        for (let j = 0; j < inputs.length; j++) {
          const input = inputs[j];
          const col = rect.left + j;
          const c = (cells[col] ??= { style: 0 });
          c.group = undefined;
          c.formula = undefined;
          if (input !== null && typeof input === 'object' && 'formula' in input) {
            c.formula = stripEquals(input.formula);
            c.value = this.stored(input.result);
          } else {
            c.value = this.stored(input);
          }
        }
        return;
      }
      case 'fillFormula': {
        const single = rect.top === rect.bottom && rect.left === rect.right;
        const results = op.results?.[row - rect.top];
        for (let col = rect.left; col <= rect.right; col++) {
          const c = (cells[col] ??= { style: 0 });
          c.value = this.stored(results?.[col - rect.left]);
          c.formula = single ? stripEquals(op.formula) : undefined;
          c.group = single ? undefined : index;
        }
        return;
      }
      case 'format': {
        let byStyle = this.merged.get(index);
        if (!byStyle) this.merged.set(index, (byStyle = new Map()));
        for (let col = rect.left; col <= rect.right; col++) {
          const c = (cells[col] ??= { style: 0 });
          let next = byStyle.get(c.style);
          if (next === undefined) {
            next = this.styleId(mergeStyle(this.styles[c.style], op.format));
            byStyle.set(c.style, next);
          }
          c.style = next;
        }
        return;
      }
      default:
        return;
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
    const xfs: number[] = [];
    const xfOf = (style: number): number => (xfs[style] ??= style === 0 ? 0 : indexes.xf(this.styles[style]));
    // Ops by first row; those covering the current row, in their order.
    const byTop = this.placed.map((_, i) => i).sort((a, b) => this.placed[a].rect.top - this.placed[b].rect.top || a - b);
    let nextOp = 0;
    let active: number[] = [];
    /** Whether a fill's top-left cell still holds it (known once its first row is built). */
    const masterKept = new Map<number, boolean>();
    const si = new Map<number, number>();
    const out: Uint8Array[] = [];
    let text = '<sheetData>';
    let top = 0;
    let bottom = 0;
    let left = Infinity;
    let right = 0;
    for (let row = byTop.length ? this.placed[byTop[0]].rect.top : 1; nextOp < byTop.length || active.length; row++) {
      active = active.filter((i) => this.placed[i].rect.bottom >= row);
      let added = false;
      while (nextOp < byTop.length && this.placed[byTop[nextOp]].rect.top === row) {
        active.push(byTop[nextOp++]);
        added = true;
      }
      if (added) active.sort((a, b) => a - b);
      if (!active.length) {
        // Jump to the next op's first row.
        if (nextOp < byTop.length) row = this.placed[byTop[nextOp]].rect.top - 1;
        continue;
      }
      const cells: Array<Cell | undefined> = [];
      for (const i of active) this.applyToRow(i, row, cells);
      for (const i of active) {
        const { op, rect } = this.placed[i];
        if (op.kind === 'fillFormula' && rect.top === row && !masterKept.has(i)) masterKept.set(i, cells[rect.left]?.group === i);
      }
      let rowXml = '';
      for (let col = 1; col < cells.length; col++) {
        const c = cells[col];
        if (!c) continue;
        const ref = `${columnName(col)}${row}`;
        const s = xfOf(c.style);
        const style = s ? ` s="${s}"` : '';
        let formula = '';
        if (c.group !== undefined) {
          const { op, rect } = this.placed[c.group] as { op: Extract<WriteOp, { kind: 'fillFormula' }>; rect: RangeRef };
          const f = stripEquals(op.formula);
          if (!masterKept.get(c.group)) {
            formula = `<f>${escapeXml(shiftFormula(f, row - rect.top, col - rect.left))}</f>`;
          } else {
            let n = si.get(c.group);
            if (n === undefined) si.set(c.group, (n = si.size));
            formula = row === rect.top && col === rect.left ? `<f t="shared" ref="${formatRange(rect)}" si="${n}">${escapeXml(f)}</f>` : `<f t="shared" si="${n}"/>`;
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
