/** ExcelJS styles (fills, fonts, alignment, borders, theme colours) → what the sheet view draws, as CSS values. */
import type * as ExcelJS from 'exceljs';
import type { CellFormat } from '../workbook/port';

export interface CellStyleView {
  background?: string;
  color?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  /** Points. */
  size?: number;
  horizontal?: CellFormat['horizontal'];
  vertical?: CellFormat['vertical'];
  wrap?: boolean;
  indent?: number;
  border?: { top?: string; right?: string; bottom?: string; left?: string };
}

/** The Office theme's colours (theme index order of SpreadsheetML: lt1, dk1, lt2, dk2, accent1…6, hyperlinks). */
const THEME = ['FFFFFF', '000000', 'E7E6E6', '44546A', '4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47', '0563C1', '954F72'];

export interface ColorSpec {
  argb?: string;
  theme?: number;
  tint?: number;
  indexed?: number;
}

function tintChannel(c: number, tint: number): number {
  return Math.round(tint < 0 ? c * (1 + tint) : c + (255 - c) * tint);
}

/** An ExcelJS colour → "#rrggbb", or undefined when it names no colour we can show. */
export function cssColor(spec: ColorSpec | undefined): string | undefined {
  if (!spec) return undefined;
  let hex: string | undefined;
  if (typeof spec.argb === 'string' && /^[0-9A-Fa-f]{6,8}$/.test(spec.argb)) hex = spec.argb.slice(-6);
  else if (typeof spec.theme === 'number' && THEME[spec.theme]) hex = THEME[spec.theme];
  else if (spec.indexed === 64 || spec.indexed === 8) hex = '000000';
  else if (spec.indexed === 9) hex = 'FFFFFF';
  if (!hex) return undefined;
  let rgb = [0, 2, 4].map((i) => parseInt(hex!.slice(i, i + 2), 16));
  if (typeof spec.tint === 'number' && spec.tint !== 0) rgb = rgb.map((c) => tintChannel(c, spec.tint!));
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** A fill's colour. Cell fills paint fgColor for a solid pattern; differential (conditional) fills use bgColor. */
export function fillColor(fill: ExcelJS.Fill | undefined, conditional: boolean): string | undefined {
  if (!fill || fill.type !== 'pattern' || fill.pattern === 'none') return undefined;
  const f = fill as ExcelJS.FillPattern;
  return conditional ? (cssColor(f.bgColor) ?? cssColor(f.fgColor)) : (cssColor(f.fgColor) ?? cssColor(f.bgColor));
}

function borderCss(b: Partial<ExcelJS.Border> | undefined): string | undefined {
  if (!b || !b.style) return undefined;
  const color = cssColor(b.color) ?? '#000000';
  const width = b.style === 'medium' || b.style === 'mediumDashed' ? 2 : b.style === 'thick' || b.style === 'double' ? 3 : 1;
  const kind = /dash/i.test(b.style) ? 'dashed' : /dot/i.test(b.style) || b.style === 'hair' ? 'dotted' : b.style === 'double' ? 'double' : 'solid';
  return `${width}px ${kind} ${color}`;
}

export function styleOf(cell: ExcelJS.Cell): CellStyleView {
  const s: CellStyleView = {};
  const bg = fillColor(cell.fill, false);
  if (bg) s.background = bg;
  const font = cell.font;
  if (font) {
    const c = cssColor(font.color as ColorSpec | undefined);
    if (c && c !== '#000000') s.color = c;
    if (font.bold) s.bold = true;
    if (font.italic) s.italic = true;
    if (font.underline) s.underline = true;
    if (font.strike) s.strike = true;
    if (font.size && font.size !== 11) s.size = font.size;
  }
  const a = cell.alignment;
  if (a) {
    if (a.horizontal === 'left' || a.horizontal === 'center' || a.horizontal === 'right') s.horizontal = a.horizontal;
    else if (a.horizontal === 'centerContinuous') s.horizontal = 'center';
    if (a.vertical === 'top' || a.vertical === 'bottom') s.vertical = a.vertical;
    else if (a.vertical === 'middle') s.vertical = 'middle';
    if (a.wrapText) s.wrap = true;
    if (a.indent) s.indent = a.indent;
  }
  const b = cell.border;
  if (b && (b.top || b.right || b.bottom || b.left)) {
    s.border = { top: borderCss(b.top), right: borderCss(b.right), bottom: borderCss(b.bottom), left: borderCss(b.left) };
  }
  return s;
}
