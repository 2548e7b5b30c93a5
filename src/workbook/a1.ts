/**
 * A1 address helpers shared by both workbook adapters.
 *
 * Rows and columns are 1-based, as Excel shows them (A = 1, row 1 = 1). Addresses are A1 style without a sheet name
 * ("B3", "B3:F20"); `$` markers are accepted and ignored where only the position matters.
 *
 * The formula functions (`shiftFormula`, `formulaToR1C1`, `formulaFromR1C1`, `absoluteRefs`) work on English
 * formulas with "," separators, as the port writes them. They tokenise just enough of the formula to find cell
 * references: string literals ("…", with "" escapes), quoted sheet names ('…', with '' escapes), structured and
 * external references ([…]), function names (an identifier followed by "("), sheet prefixes (followed by "!") and
 * number literals (1E5) are passed through untouched.
 */

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
  const s = ref.trim().replace(/^=/, '');
  if (s.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < s.length) {
      if (s[i] === "'") {
        if (s[i + 1] === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += s[i++];
    }
    if (s[i] !== "'" || s[i + 1] !== '!') throw new Error(`not a sheet-qualified address: "${ref}"`);
    return { sheet: name, address: s.slice(i + 2) };
  }
  const bang = s.lastIndexOf('!');
  return bang < 0 ? { address: s } : { sheet: s.slice(0, bang), address: s.slice(bang + 1) };
}

// ---------------------------------------------------------------------------------------------------------------
// Formula tokenising

/** One reference found in a formula: a cell, a whole-column range or a whole-row range. */
type CellToken = { kind: 'cell'; colAbs: boolean; col: number; rowAbs: boolean; row: number };
type RefToken =
  | CellToken
  | { kind: 'area'; a: CellToken; b: CellToken }
  | { kind: 'cols'; a: { abs: boolean; col: number }; b: { abs: boolean; col: number } }
  | { kind: 'rows'; a: { abs: boolean; row: number }; b: { abs: boolean; row: number } };

/** Characters that make up identifiers, references and numbers (non-ASCII letters allow unquoted 基準!A1). */
function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[A-Za-z0-9_.$\\\u0080-\uFFFF]/.test(ch);
}

const CELL_TOKEN = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})$/;
const COL_TOKEN = /^(\$?)([A-Za-z]{1,3})$/;
const ROW_TOKEN = /^(\$?)(\d{1,7})$/;

function cellToken(word: string): CellToken | undefined {
  const m = CELL_TOKEN.exec(word);
  if (!m) return undefined;
  const col = colNumberOrZero(m[2]);
  const row = Number(m[4]);
  if (col < 1 || row < 1 || row > MAX_ROWS) return undefined;
  return { kind: 'cell', colAbs: m[1] === '$', col, rowAbs: m[3] === '$', row };
}

function colNumberOrZero(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n > MAX_COLUMNS ? 0 : n;
}

/**
 * Walk a formula and hand every reference to `onRef`, which returns the text to put in its place. Everything else
 * is copied as is.
 */
function mapRefs(formula: string, onRef: (ref: RefToken) => string): string {
  let out = '';
  let i = 0;
  const n = formula.length;
  const readWord = (from: number): number => {
    let j = from;
    while (j < n && isWordChar(formula[j])) j++;
    return j;
  };
  while (i < n) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // String literal or quoted sheet name: copy it through its closing quote, untouched.
      const j = closingQuote(formula, i);
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '[') {
      // Structured reference (Table1[[#This Row],[Col]]) or external workbook index: copy the balanced brackets.
      let depth = 0;
      let j = i;
      for (; j < n; j++) {
        if (formula[j] === '[') depth++;
        else if (formula[j] === ']' && --depth === 0) break;
      }
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (!isWordChar(ch)) {
      out += ch;
      i++;
      continue;
    }
    const end = readWord(i);
    const word = formula.slice(i, end);
    const next = formula[end];
    const startsNumber = /^[0-9.]/.test(word);
    if (next === '(' || next === '!' || next === '[') {
      // A function name (LOG10(), a sheet prefix (Q1!A1) or a table name (Table1[...]).
      out += word;
      i = end;
      continue;
    }
    // A range such as A1:B2, A:C or 1:3 — both ends are read together so "1:3" is not mistaken for numbers.
    if (next === ':' && isWordChar(formula[end + 1])) {
      const end2 = readWord(end + 1);
      const word2 = formula.slice(end + 1, end2);
      const after = formula[end2];
      if (after !== '(' && after !== '!') {
        const a = cellToken(word);
        const b = cellToken(word2);
        if (a && b && !/^[0-9.]/.test(word)) {
          out += onRef({ kind: 'area', a, b });
          i = end2;
          continue;
        }
        const c1 = COL_TOKEN.exec(word);
        const c2 = COL_TOKEN.exec(word2);
        if (c1 && c2 && colNumberOrZero(c1[2]) && colNumberOrZero(c2[2])) {
          out += onRef({
            kind: 'cols',
            a: { abs: c1[1] === '$', col: colNumberOrZero(c1[2]) },
            b: { abs: c2[1] === '$', col: colNumberOrZero(c2[2]) },
          });
          i = end2;
          continue;
        }
        const r1 = ROW_TOKEN.exec(word);
        const r2 = ROW_TOKEN.exec(word2);
        if (r1 && r2) {
          out += onRef({
            kind: 'rows',
            a: { abs: r1[1] === '$', row: Number(r1[2]) },
            b: { abs: r2[1] === '$', row: Number(r2[2]) },
          });
          i = end2;
          continue;
        }
      }
    }
    const ref = startsNumber ? undefined : cellToken(word);
    out += ref ? onRef(ref) : word;
    i = end;
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
  const cell = (ref: CellToken): string | undefined => {
    const row = ref.rowAbs ? ref.row : ref.row + dr;
    const col = ref.colAbs ? ref.col : ref.col + dc;
    return okRow(row) && okCol(col) ? colText(ref.colAbs, col) + rowText(ref.rowAbs, row) : undefined;
  };
  return mapRefs(formula, (ref) => {
    if (ref.kind === 'cell') return cell(ref) ?? REF_ERROR;
    if (ref.kind === 'area') {
      // Like Excel, a range with either end off the sheet becomes one #REF!.
      const a = cell(ref.a);
      const b = cell(ref.b);
      return a && b ? `${a}:${b}` : REF_ERROR;
    }
    if (ref.kind === 'cols') {
      const a = ref.a.abs ? ref.a.col : ref.a.col + dc;
      const b = ref.b.abs ? ref.b.col : ref.b.col + dc;
      if (!okCol(a) || !okCol(b)) return REF_ERROR;
      return `${colText(ref.a.abs, a)}:${colText(ref.b.abs, b)}`;
    }
    const a = ref.a.abs ? ref.a.row : ref.a.row + dr;
    const b = ref.b.abs ? ref.b.row : ref.b.row + dr;
    if (!okRow(a) || !okRow(b)) return REF_ERROR;
    return `${rowText(ref.a.abs, a)}:${rowText(ref.b.abs, b)}`;
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
  const cell = (ref: CellToken) => r1c1Part('R', ref.rowAbs, ref.row, row) + r1c1Part('C', ref.colAbs, ref.col, col);
  return mapRefs(formula, (ref) => {
    if (ref.kind === 'cell') return cell(ref);
    if (ref.kind === 'area') return `${cell(ref.a)}:${cell(ref.b)}`;
    if (ref.kind === 'cols') return `${r1c1Part('C', ref.a.abs, ref.a.col, col)}:${r1c1Part('C', ref.b.abs, ref.b.col, col)}`;
    return `${r1c1Part('R', ref.a.abs, ref.a.row, row)}:${r1c1Part('R', ref.b.abs, ref.b.row, row)}`;
  });
}

/**
 * An R1C1 formula → A1 notation as it reads in cell (row, col). The inverse of `formulaToR1C1` (used by the fake
 * Excel and handy for checking what a fill wrote). Handles R[n]C[n], RnCn, R, C and whole rows/columns (R[1]:R[2],
 * C1:C3); strings, quoted sheet names and function names are left alone.
 */
export function formulaFromR1C1(formula: string, row: number, col: number): string {
  const REF = /^(?:([Rr])(\[-?\d+\]|\d+)?)?(?:([Cc])(\[-?\d+\]|\d+)?)?/;
  const offset = (text: string | undefined, base: number): { abs: boolean; value: number } => {
    if (!text) return { abs: false, value: base };
    if (text.startsWith('[')) return { abs: false, value: base + Number(text.slice(1, -1)) };
    return { abs: true, value: Number(text) };
  };
  let out = '';
  let i = 0;
  const n = formula.length;
  while (i < n) {
    const ch = formula[i];
    if (ch === '"' || ch === "'") {
      // String literal or quoted sheet name: copy it through its closing quote, untouched.
      const j = closingQuote(formula, i);
      out += formula.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (!isWordChar(ch)) {
      out += ch;
      i++;
      continue;
    }
    const m = REF.exec(formula.slice(i));
    const end = i + (m ? m[0].length : 0);
    const next = formula[end];
    if (m && m[0].length > 0 && !isWordChar(next) && next !== '(' && next !== '!' && next !== '[') {
      const r = m[1] ? offset(m[2], row) : undefined;
      const c = m[3] ? offset(m[4], col) : undefined;
      if (r && c) {
        out += r.value < 1 || c.value < 1 ? REF_ERROR : colText(c.abs, c.value) + rowText(r.abs, r.value);
      } else if (r) {
        out += r.value < 1 ? REF_ERROR : rowText(r.abs, r.value);
      } else if (c) {
        out += c.value < 1 ? REF_ERROR : colText(c.abs, c.value);
      }
      i = end;
      continue;
    }
    let j = i;
    while (j < n && isWordChar(formula[j])) j++;
    out += formula.slice(i, j);
    i = j;
  }
  return out;
}

/** Make every cell reference of a formula or reference absolute ("A1:B2" → "$A$1:$B$2"), e.g. for defined names. */
export function absoluteRefs(formula: string): string {
  const cell = (ref: CellToken) => colText(true, ref.col) + rowText(true, ref.row);
  return mapRefs(formula, (ref) => {
    if (ref.kind === 'cell') return cell(ref);
    if (ref.kind === 'area') return `${cell(ref.a)}:${cell(ref.b)}`;
    if (ref.kind === 'cols') return `${colText(true, ref.a.col)}:${colText(true, ref.b.col)}`;
    return `${rowText(true, ref.a.row)}:${rowText(true, ref.b.row)}`;
  });
}

/**
 * A formula with its cell references set aside, for telling a rule's formula from the one it was written as: "=W5=\"✖\""
 * and "$Y$12 = \"✖\"" read the same, "=LEFT(W5,1)=\"✖\"" and "=W5=\"✔\"" do not. A reference lost to a deleted column
 * (#REF!) counts as a reference. Strings and quoted sheet names are kept as they are; elsewhere case and spaces do
 * not count.
 */
export function formulaShape(formula: string): string {
  const s = formula.trim().replace(/^=/, '');
  let out = '';
  let i = 0;
  while (i < s.length) {
    if (s[i] === '"' || s[i] === "'") {
      const j = closingQuote(s, i);
      out += s.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    let end = i;
    while (end < s.length && s[end] !== '"' && s[end] !== "'") end++;
    out += s
      .slice(i, end)
      .replace(/\s+/g, '')
      .toUpperCase()
      // The character before a reference is matched (and put back) rather than looked behind at: Safari before
      // 16.4, the add-in's browser on older Macs, cannot parse a lookbehind, and one would stop the whole pane.
      .replace(/#REF!|(^|[^A-Z0-9_.$])\$?[A-Z]{1,3}\$?[0-9]+(?![A-Z0-9_.(])/g, (_, before: string | undefined) => `${before ?? ''}¤`);
    i = end;
  }
  return out;
}

/** Whether a formula rule with this formula is one of the writer's own (clearConditionalFormats' ownedBy). */
export function isOwnedRuleFormula(formula: string, ownedBy: readonly string[]): boolean {
  const shape = formulaShape(formula);
  return ownedBy.some((f) => formulaShape(f) === shape);
}

/** The index of the quote closing the string or quoted name that opens at `start` (a doubled quote is an escape). */
function closingQuote(formula: string, start: number): number {
  const q = formula[start];
  let j = start + 1;
  while (j < formula.length) {
    if (formula[j] === q) {
      if (formula[j + 1] === q) {
        j += 2;
        continue;
      }
      break;
    }
    j++;
  }
  return j;
}
