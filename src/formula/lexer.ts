/**
 * The one formula lexer: formula text → tokens with their positions. The evaluator parses these tokens, and the A1
 * helpers (src/workbook/a1.ts) rewrite references with them, so a string literal, a quoted sheet name or a
 * structured reference is recognised the same way everywhere.
 *
 * Lossless: the tokens' `text`, joined, give back the input exactly (whitespace and characters the lexer does not
 * know are tokens too), so a rewrite changes only the tokens it means to. English formulas with "," separators, as
 * the port writes them and ExcelJS reads them.
 */

/** One end of a reference: a column and/or row, each relative or `$`-absolute. */
export interface CellPart {
  colAbsolute: boolean;
  col: number;
  rowAbsolute: boolean;
  row: number;
}
export interface ColumnPart {
  absolute: boolean;
  col: number;
}
export interface RowPart {
  absolute: boolean;
  row: number;
}
/** An R1C1 coordinate: absolute (R3) or an offset from the formula's own cell (R[-1], and plain R meaning 0). */
export interface R1C1Part {
  absolute: boolean;
  value: number;
}

interface At {
  /** The token exactly as written. */
  text: string;
  /** Offset of its first character in the formula. */
  start: number;
}

export type Token = At &
  (
    | { kind: 'string'; value: string }
    /** A sheet prefix, "!" included: 'O''Brien'! or 基準!. */
    | { kind: 'sheet'; sheet: string }
    | { kind: 'cell'; ref: CellPart }
    | { kind: 'area'; from: CellPart; to: CellPart }
    | { kind: 'columns'; from: ColumnPart; to: ColumnPart }
    | { kind: 'rows'; from: RowPart; to: RowPart }
    /** An R1C1 reference (only when lexing R1C1 notation). */
    | { kind: 'r1c1'; row?: R1C1Part; col?: R1C1Part }
    | { kind: 'number'; value: number }
    /** A function name (the "(" is the next token); upper case, without Excel's _xlfn. prefix. */
    | { kind: 'function'; name: string }
    /** Any other identifier: TRUE, FALSE, a defined name, a table name. */
    | { kind: 'name'; name: string }
    | { kind: 'error'; value: string }
    | { kind: 'operator'; op: string }
    | { kind: 'open' }
    | { kind: 'close' }
    | { kind: 'comma' }
    | { kind: 'space' }
    /** […] with nested brackets: a structured reference or an external workbook index, passed through as is. */
    | { kind: 'bracket' }
    /** A character the lexer does not know ({, ;, @ …): kept, so the text survives; the evaluator rejects it. */
    | { kind: 'other' }
  );

export type TokenKind = Token['kind'];

/** Excel's grid limits (a reference beyond them is a name, as in Excel: "ABCD1" is not a cell). */
const MAX_ROW = 1_048_576;
const MAX_COL = 16_384;

export const ERROR_LITERALS = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA'] as const;

const OPERATORS = '+-*/^&=<>%';

/** Characters of identifiers, references and numbers (non-ASCII letters allow unquoted 基準!A1). */
export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && isWordCode(ch.charCodeAt(0));
}

/** isWordChar by character code: the lexer's hot loop (a workbook's formulas are lexed on every recalculation). */
function isWordCode(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 48 && code <= 57) || // 0-9
    code === 95 || // _
    code === 46 || // .
    code === 36 || // $
    code === 92 || // \
    code >= 0x80
  );
}

function isSpaceCode(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || code === 0x3000;
}

function columnValue(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function cellPart(word: string): CellPart | undefined {
  const m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})$/.exec(word);
  if (!m) return undefined;
  const col = columnValue(m[2]);
  const row = Number(m[4]);
  if (col > MAX_COL || row < 1 || row > MAX_ROW) return undefined;
  return { colAbsolute: m[1] === '$', col, rowAbsolute: m[3] === '$', row };
}

function columnPart(word: string): ColumnPart | undefined {
  const m = /^(\$?)([A-Za-z]{1,3})$/.exec(word);
  if (!m) return undefined;
  const col = columnValue(m[2]);
  return col > MAX_COL ? undefined : { absolute: m[1] === '$', col };
}

function rowPart(word: string): RowPart | undefined {
  const m = /^(\$?)(\d{1,7})$/.exec(word);
  if (!m) return undefined;
  const row = Number(m[2]);
  return row < 1 || row > MAX_ROW ? undefined : { absolute: m[1] === '$', row };
}

/** The index just past the string or quoted name opening at `start` (a doubled quote is an escape). */
function pastQuoted(src: string, start: number): { end: number; value: string } {
  const quote = src[start];
  let value = '';
  let j = start + 1;
  while (j < src.length) {
    if (src[j] === quote) {
      if (src[j + 1] === quote) {
        value += quote;
        j += 2;
        continue;
      }
      return { end: j + 1, value };
    }
    value += src[j++];
  }
  return { end: j, value }; // unterminated: runs to the end (the parser rejects it)
}

// Sticky: matched at a position without copying the rest of the formula.
const NUMBER = /(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/y;
const R1C1 = /(?:([Rr])(\[-?\d+\]|\d+)?)?(?:([Cc])(\[-?\d+\]|\d+)?)?/y;

function matchAt(pattern: RegExp, src: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(src);
}

function r1c1Part(text: string | undefined): R1C1Part {
  if (!text) return { absolute: false, value: 0 };
  if (text.startsWith('[')) return { absolute: false, value: Number(text.slice(1, -1)) };
  return { absolute: true, value: Number(text) };
}

export interface LexOptions {
  /** Read references as R1C1 (R[-1]C2) instead of A1. */
  notation?: 'A1' | 'R1C1';
}

/** A formula (with or without its leading "=", which becomes an operator token) → its tokens. Never throws. */
export function lex(src: string, options: LexOptions = {}): Token[] {
  const r1c1 = options.notation === 'R1C1';
  const out: Token[] = [];
  const n = src.length;
  let i = 0;
  const wordEnd = (from: number) => {
    let j = from;
    while (j < n && isWordCode(src.charCodeAt(j))) j++;
    return j;
  };
  while (i < n) {
    const start = i;
    const ch = src[i];
    const push = (token: Token) => {
      out.push(token);
      i = start + token.text.length;
    };
    const code = src.charCodeAt(i);
    if (isSpaceCode(code)) {
      let j = i;
      while (j < n && isSpaceCode(src.charCodeAt(j))) j++;
      push({ kind: 'space', text: src.slice(i, j), start });
      continue;
    }
    if (ch === '"') {
      const { end, value } = pastQuoted(src, i);
      push({ kind: 'string', value, text: src.slice(i, end), start });
      continue;
    }
    if (ch === "'") {
      const { end, value } = pastQuoted(src, i);
      // A quoted name is only ever a sheet prefix; without its "!" it is kept as text the parser rejects.
      if (src[end] === '!') push({ kind: 'sheet', sheet: value, text: src.slice(i, end + 1), start });
      else push({ kind: 'other', text: src.slice(i, end), start });
      continue;
    }
    if (ch === '[') {
      let depth = 0;
      let j = i;
      for (; j < n; j++) {
        if (src[j] === '[') depth++;
        else if (src[j] === ']' && --depth === 0) break;
      }
      push({ kind: 'bracket', text: src.slice(i, Math.min(n, j + 1)), start });
      continue;
    }
    if (ch === '#') {
      const error = ERROR_LITERALS.find((e) => src.slice(i, i + e.length).toUpperCase() === e);
      push(error ? { kind: 'error', value: error, text: src.slice(i, i + error.length), start } : { kind: 'other', text: ch, start });
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      push({ kind: ch === '(' ? 'open' : ch === ')' ? 'close' : 'comma', text: ch, start });
      continue;
    }
    if ((ch === '<' || ch === '>') && (src[i + 1] === '=' || (ch === '<' && src[i + 1] === '>'))) {
      const two = src.slice(i, i + 2);
      push({ kind: 'operator', op: two, text: two, start });
      continue;
    }
    if (OPERATORS.includes(ch)) {
      push({ kind: 'operator', op: ch, text: ch, start });
      continue;
    }
    if (!isWordCode(code)) {
      push({ kind: 'other', text: ch, start });
      continue;
    }

    const end = wordEnd(i);
    const word = src.slice(i, end);
    const next = src[end];
    if (next === '(') {
      push({ kind: 'function', name: word.toUpperCase().replace(/^_XLFN\./, ''), text: word, start });
      continue;
    }
    if (next === '!') {
      push({ kind: 'sheet', sheet: word, text: src.slice(i, end + 1), start });
      continue;
    }
    if (r1c1) {
      const m = matchAt(R1C1, src, i);
      const after = m ? src[i + m[0].length] : undefined;
      if (m && m[0].length > 0 && !isWordChar(after) && after !== '(' && after !== '!' && after !== '[') {
        push({
          kind: 'r1c1',
          row: m[1] ? r1c1Part(m[2]) : undefined,
          col: m[3] ? r1c1Part(m[4]) : undefined,
          text: m[0],
          start,
        });
        continue;
      }
    } else if (next === ':' && isWordCode(src.charCodeAt(end + 1))) {
      // A range: both ends read together, so "1:3" (whole rows) is not read as two numbers.
      const end2 = wordEnd(end + 1);
      const word2 = src.slice(end + 1, end2);
      const after = src[end2];
      if (after !== '(' && after !== '!' && after !== '[') {
        const text = src.slice(i, end2);
        const [a, b] = [cellPart(word), cellPart(word2)];
        if (a && b) {
          push({ kind: 'area', from: a, to: b, text, start });
          continue;
        }
        const [c1, c2] = [columnPart(word), columnPart(word2)];
        if (c1 && c2) {
          push({ kind: 'columns', from: c1, to: c2, text, start });
          continue;
        }
        const [r1, r2] = [rowPart(word), rowPart(word2)];
        if (r1 && r2) {
          push({ kind: 'rows', from: r1, to: r2, text, start });
          continue;
        }
      }
    }
    if ((code >= 48 && code <= 57) || code === 46) {
      const m = matchAt(NUMBER, src, i);
      if (m) push({ kind: 'number', value: Number(m[0]), text: m[0], start });
      else push({ kind: 'other', text: word, start });
      continue;
    }
    const cell = !r1c1 && next !== '[' ? cellPart(word) : undefined;
    push(cell ? { kind: 'cell', ref: cell, text: word, start } : { kind: 'name', name: word, text: word, start });
  }
  return out;
}

/** "'計画'!B3:C4", "基準!$A$2" or "B3" → the sheet name (if any) and the address part. */
export function splitSheetPrefix(ref: string): { sheet?: string; address: string } {
  const s = ref.trim().replace(/^=/, '');
  const first = lex(s)[0];
  if (first?.kind === 'sheet') return { sheet: first.sheet, address: s.slice(first.text.length) };
  if (s.startsWith("'")) throw new Error(`not a sheet-qualified address: "${ref}"`);
  return { address: s };
}
