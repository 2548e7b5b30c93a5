/**
 * A1 address helpers shared by both workbook adapters.
 *
 * Rows and columns are 1-based, as Excel shows them (A = 1, row 1 = 1). Addresses are A1 style without a sheet name
 * ("B3", "B3:F20"); `$` markers are accepted and ignored where only the position matters.
 *
 * The formula functions (`shiftFormula`, `formulaToR1C1`, `formulaFromR1C1`, `absoluteRefs`, `formulaShape`) work on
 * English formulas with "," separators, as the port writes them. They read formulas with the one formula lexer
 * (src/formula/lexer.ts) and rewrite only its reference tokens: string literals, quoted sheet names, structured
 * references, function names and numbers pass through untouched.
 */
import { lex, splitSheetPrefix, type CellPart, type Token } from '../formula/lexer';

/** Excel's grid limits. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export interface CellRef {
  row: number;
  col: number;
}

/** A rectangle, inclusive on every side. */
export interface RangeRef {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "A" → 1, "Z" → 26, "AA" → 27, "XFD" → 16384. */
export function columnNumber(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) throw new Error(`not a column: "${letters}"`);
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  if (n > MAX_COLUMNS) throw new Error(`column out of range: "${letters}"`);
  return n;
}

/** 1 → "A", 27 → "AA". */
export function columnLetters(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > MAX_COLUMNS) throw new Error(`column number out of range: ${n}`);
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** "B3" (or "$B$3") → { row: 3, col: 2 }. */
export function parseCell(address: string): CellRef {
  const m = CELL_RE.exec(address.trim());
  if (!m) throw new Error(`not a cell address: "${address}"`);
  const row = Number(m[2]);
  if (row < 1 || row > MAX_ROWS) throw new Error(`row out of range: "${address}"`);
  return { row, col: columnNumber(m[1]) };
}

export function formatCell(cell: CellRef): string {
  if (!Number.isInteger(cell.row) || cell.row < 1 || cell.row > MAX_ROWS) throw new Error(`row out of range: ${cell.row}`);
  return columnLetters(cell.col) + cell.row;
}

/** "B3:F20", "F20:B3" or "B3" → a normalised rectangle. Whole rows/columns ("A:C", "1:3") are accepted too. */
export function parseRange(address: string): RangeRef {
  const parts = address.trim().split(':');
  if (parts.length === 1) {
    const c = parseCell(parts[0]);
    return { top: c.row, left: c.col, bottom: c.row, right: c.col };
  }
  if (parts.length !== 2) throw new Error(`not a range address: "${address}"`);
  const [a, b] = parts.map((p) => p.replace(/\$/g, ''));
  if (/^[A-Za-z]{1,3}$/.test(a) && /^[A-Za-z]{1,3}$/.test(b)) {
    const [l, r] = [columnNumber(a), columnNumber(b)];
    return { top: 1, left: Math.min(l, r), bottom: MAX_ROWS, right: Math.max(l, r) };
  }
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const [t, u] = [Number(a), Number(b)];
    if (t < 1 || u < 1 || t > MAX_ROWS || u > MAX_ROWS) throw new Error(`row out of range: "${address}"`);
    return { top: Math.min(t, u), left: 1, bottom: Math.max(t, u), right: MAX_COLUMNS };
  }
  const p = parseCell(parts[0]);
  const q = parseCell(parts[1]);
  return {
    top: Math.min(p.row, q.row),
    left: Math.min(p.col, q.col),
    bottom: Math.max(p.row, q.row),
    right: Math.max(p.col, q.col),
  };
}

/** A rectangle → "B3:F20" ("B3" for a single cell). */
export function formatRange(r: RangeRef): string {
  const tl = formatCell({ row: r.top, col: r.left });
  if (r.top === r.bottom && r.left === r.right) return tl;
  return `${tl}:${formatCell({ row: r.bottom, col: r.right })}`;
}

export function rangeSize(r: RangeRef | string): { rows: number; cols: number } {
  const x = typeof r === 'string' ? parseRange(r) : r;
  return { rows: x.bottom - x.top + 1, cols: x.right - x.left + 1 };
}

/** The rectangle of `rows` × `cols` cells whose top-left cell is `at`. */
export function rangeAt(at: string | CellRef, rows: number, cols: number): RangeRef {
  const c = typeof at === 'string' ? parseCell(at) : at;
  return { top: c.row, left: c.col, bottom: c.row + rows - 1, right: c.col + cols - 1 };
}

export function intersects(a: RangeRef, b: RangeRef): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export function contains(outer: RangeRef, inner: RangeRef): boolean {
  return outer.left <= inner.left && inner.right <= outer.right && outer.top <= inner.top && inner.bottom <= outer.bottom;
}

/** A sheet name as it must appear before "!": always single-quoted, embedded quotes doubled ('O''Brien'). */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** "'計画'!B3:C4", "基準!$A$2" or "B3" → the sheet name (if any) and the address part. */
export function splitSheetAddress(ref: string): { sheet?: string; address: string } {
  return splitSheetPrefix(ref);
}

// ---------------------------------------------------------------------------------------------------------------
// Formula rewriting

type ReferenceToken = Extract<Token, { kind: 'cell' | 'area' | 'columns' | 'rows' }>;

/**
 * Tokens of recently rewritten formulas: a fill writes one formula into every cell of a block, shifted, so the same
 * text is rewritten hundreds of times in a row. Tokens are never modified, so they can be shared.
 */
const recentTokens = new Map<string, Token[]>();

function tokensOf(formula: string): Token[] {
  let tokens = recentTokens.get(formula);
  if (!tokens) {
    tokens = lex(formula);
    if (recentTokens.size >= 1000) recentTokens.clear();
    recentTokens.set(formula, tokens);
  }
  return tokens;
}

/** The formula with every reference token replaced by what `onRef` returns; everything else copied as is. */
function mapRefs(formula: string, onRef: (ref: ReferenceToken) => string): string {
  let out = '';
  for (const token of tokensOf(formula)) {
    if (token.kind === 'cell' || token.kind === 'area' || token.kind === 'columns' || token.kind === 'rows') out += onRef(token);
    else out += token.text;
  }
  return out;
}

const REF_ERROR = '#REF!';

function colText(abs: boolean, col: number): string {
  return (abs ? '$' : '') + columnLetters(col);
}

function rowText(abs: boolean, row: number): string {
  return (abs ? '$' : '') + row;
}

/**
 * The formula as it reads when copied `dr` rows down and `dc` columns right (as Excel's fill does): relative
 * references move, `$`-absolute parts stay. A reference pushed off the sheet becomes #REF!, as in Excel.
 */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  if (dr === 0 && dc === 0) return formula;
  const okRow = (r: number) => r >= 1 && r <= MAX_ROWS;
  const okCol = (c: number) => c >= 1 && c <= MAX_COLUMNS;
  const cell = (ref: CellPart): string | undefined => {
    const row = ref.rowAbsolute ? ref.row : ref.row + dr;
    const col = ref.colAbsolute ? ref.col : ref.col + dc;
    return okRow(row) && okCol(col) ? colText(ref.colAbsolute, col) + rowText(ref.rowAbsolute, row) : undefined;
  };
  return mapRefs(formula, (ref) => {
    if (ref.kind === 'cell') return cell(ref.ref) ?? REF_ERROR;
    if (ref.kind === 'area') {
      // Like Excel, a range with either end off the sheet becomes one #REF!.
      const a = cell(ref.from);
      const b = cell(ref.to);
      return a && b ? `${a}:${b}` : REF_ERROR;
    }
    if (ref.kind === 'columns') {
      const a = ref.from.absolute ? ref.from.col : ref.from.col + dc;
      const b = ref.to.absolute ? ref.to.col : ref.to.col + dc;
      if (!okCol(a) || !okCol(b)) return REF_ERROR;
      return `${colText(ref.from.absolute, a)}:${colText(ref.to.absolute, b)}`;
    }
    const a = ref.from.absolute ? ref.from.row : ref.from.row + dr;
    const b = ref.to.absolute ? ref.to.row : ref.to.row + dr;
    if (!okRow(a) || !okRow(b)) return REF_ERROR;
    return `${rowText(ref.from.absolute, a)}:${rowText(ref.to.absolute, b)}`;
  });
}

/** R1C1 parts: absolute "R3" / "C2", relative "R[-1]" / "C[2]", same row/column "R" / "C". */
function r1c1Part(letter: 'R' | 'C', abs: boolean, value: number, base: number): string {
  if (abs) return letter + value;
  const d = value - base;
  return d === 0 ? letter : `${letter}[${d}]`;
}

/**
 * An A1 formula as written in cell (row, col) → the same formula in R1C1 notation, e.g. "=B3*2" in C3 →
 * "=RC[-1]*2" and "=$B$3" → "=R3C2". Office.js takes one R1C1 formula for a whole range (formulasR1C1), which is
 * how fillFormula stays one small request whatever the range's size.
 */
export function formulaToR1C1(formula: string, row: number, col: number): string {
  const cell = (ref: CellPart) => r1c1Part('R', ref.rowAbsolute, ref.row, row) + r1c1Part('C', ref.colAbsolute, ref.col, col);
  return mapRefs(formula, (ref) => {
    if (ref.kind === 'cell') return cell(ref.ref);
    if (ref.kind === 'area') return `${cell(ref.from)}:${cell(ref.to)}`;
    if (ref.kind === 'columns') return `${r1c1Part('C', ref.from.absolute, ref.from.col, col)}:${r1c1Part('C', ref.to.absolute, ref.to.col, col)}`;
    return `${r1c1Part('R', ref.from.absolute, ref.from.row, row)}:${r1c1Part('R', ref.to.absolute, ref.to.row, row)}`;
  });
}

/**
 * An R1C1 formula → A1 notation as it reads in cell (row, col). The inverse of `formulaToR1C1` (used by the fake
 * Excel and handy for checking what a fill wrote). Handles R[n]C[n], RnCn, R, C and whole rows/columns (R[1]:R[2],
 * C1:C3); strings, quoted sheet names and function names are left alone.
 */
export function formulaFromR1C1(formula: string, row: number, col: number): string {
  let out = '';
  for (const token of lex(formula, { notation: 'R1C1' })) {
    if (token.kind !== 'r1c1') {
      out += token.text;
      continue;
    }
    const r = token.row && (token.row.absolute ? token.row : { absolute: false, value: row + token.row.value });
    const c = token.col && (token.col.absolute ? token.col : { absolute: false, value: col + token.col.value });
    if (r && c) out += r.value < 1 || c.value < 1 ? REF_ERROR : colText(c.absolute, c.value) + rowText(r.absolute, r.value);
    else if (r) out += r.value < 1 ? REF_ERROR : rowText(r.absolute, r.value);
    else if (c) out += c.value < 1 ? REF_ERROR : colText(c.absolute, c.value);
  }
  return out;
}

/** Make every cell reference of a formula or reference absolute ("A1:B2" → "$A$1:$B$2"), e.g. for defined names. */
export function absoluteRefs(formula: string): string {
  const cell = (ref: CellPart) => colText(true, ref.col) + rowText(true, ref.row);
  return mapRefs(formula, (ref) => {
    if (ref.kind === 'cell') return cell(ref.ref);
    if (ref.kind === 'area') return `${cell(ref.from)}:${cell(ref.to)}`;
    if (ref.kind === 'columns') return `${colText(true, ref.from.col)}:${colText(true, ref.to.col)}`;
    return `${rowText(true, ref.from.row)}:${rowText(true, ref.to.row)}`;
  });
}

/**
 * A formula with its cell references set aside, for telling a rule's formula from the one it was written as: "=W5=\"✖\""
 * and "$Y$12 = \"✖\"" read the same, "=LEFT(W5,1)=\"✖\"" and "=W5=\"✔\"" do not. A reference lost to a deleted column
 * (#REF!) counts as a reference. Strings and quoted sheet names are kept as they are; elsewhere case and spaces do
 * not count.
 */
export function formulaShape(formula: string): string {
  let out = '';
  for (const token of lex(formula.trim().replace(/^=/, ''))) {
    if (token.kind === 'string' || (token.kind === 'sheet' && token.text.startsWith("'"))) out += token.text;
    else if (token.kind === 'cell' || (token.kind === 'error' && token.value === REF_ERROR)) out += '¤';
    else if (token.kind === 'area') out += '¤:¤';
    else if (token.kind !== 'space') out += token.text.toUpperCase();
  }
  return out;
}

/**
 * Whether a formula rule with this formula is one of the writer's own (clearConditionalFormats' ownedBy). An entry
 * ending in "…" owns every formula whose shape starts with that entry's (for a long formula whose rest varies).
 */
export function isOwnedRuleFormula(formula: string, ownedBy: readonly string[]): boolean {
  const shape = formulaShape(formula);
  return ownedBy.some((f) => (f.endsWith('…') ? shape.startsWith(formulaShape(f.slice(0, -1))) : formulaShape(f) === shape));
}
