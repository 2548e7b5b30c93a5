/**
 * The functions the evaluator knows: each declared once with how many arguments it takes (checked centrally, before
 * it runs: =LEFT() or =ROUND(1) is `Unsupported`, as Excel would not even accept it) and what it does. Text functions
 * count UTF-16 code units, as Excel does (LEN("😀") is 2). Every function here is checked against LibreOffice in
 * test/libreoffice/formula-evaluator.test.ts.
 */
import type { FormulaNode } from './parser';
import {
  compare,
  DIV_ZERO,
  fail,
  isError,
  isRange,
  NOT_AVAILABLE,
  REF_ERROR,
  singleValue,
  toBoolean,
  toNumber,
  toText,
  VALUE_ERROR,
  type Scalar,
  type Value,
} from './values';

/** A call's arguments, evaluated on demand (IF evaluates only the branch it takes). */
export interface Arguments {
  readonly count: number;
  node(index: number): FormulaNode;
  value(index: number): Value;
  /** The argument's value, with an error value returned instead of thrown (for IFERROR, ISERROR …). */
  valueOrError(index: number): Value;
  scalar(index: number): Scalar;
  number(index: number): number;
  integer(index: number): number;
  text(index: number): string;
  /** Every argument's value, in order. */
  all(): Value[];
  /** The top-left cell of a reference argument, or the formula's own cell without the argument. */
  position(index: number): { row: number; col: number };
  /**
   * The argument evaluated as an array, as SUMPRODUCT evaluates its arguments: ranges and the operators and
   * element-wise functions over them give a grid of values (a single value is a 1×1 grid).
   */
  array(index: number): Scalar[][];
}

export interface FunctionDefinition {
  minArgs: number;
  maxArgs: number;
  call(args: Arguments): Value;
}

const ANY = Number.POSITIVE_INFINITY;

function define(minArgs: number, maxArgs: number, call: (args: Arguments) => Value): FunctionDefinition {
  return { minArgs, maxArgs, call };
}

/** Each cell of every argument, with whether it came from a range (ranges skip text and blanks where Excel does). */
function cellsOf(values: Value[]): { value: Scalar; fromRange: boolean }[] {
  const out: { value: Scalar; fromRange: boolean }[] = [];
  for (const v of values) {
    if (isRange(v)) for (const row of v.range) for (const value of row) out.push({ value, fromRange: true });
    else out.push({ value: v, fromRange: false });
  }
  return out;
}

function logicalsOf(values: Value[]): boolean[] {
  const out: boolean[] = [];
  for (const { value, fromRange } of cellsOf(values)) {
    if (isError(value)) fail(value);
    // In a range, text and blanks are skipped; a text argument given directly must read as TRUE/FALSE.
    if (fromRange && (value === null || typeof value === 'string')) continue;
    out.push(toBoolean(value));
  }
  if (out.length === 0) fail(VALUE_ERROR);
  return out;
}

function numbersOf(values: Value[]): number[] {
  const out: number[] = [];
  for (const { value, fromRange } of cellsOf(values)) {
    if (isError(value)) fail(value);
    if (!fromRange) out.push(toNumber(value));
    else if (typeof value === 'number') out.push(value);
  }
  return out;
}

/** x scaled by 10^digits, corrected to 15 significant digits first (so 2.675 rounds to 2.68 as in Excel). */
function roundWith(x: number, digits: number, rounding: (y: number) => number): number {
  const d = Math.trunc(digits);
  const factor = Math.pow(10, Math.abs(d));
  const scaled = d >= 0 ? Math.abs(x) * factor : Math.abs(x) / factor;
  const r = rounding(Number(scaled.toPrecision(15)));
  const back = d >= 0 ? r / factor : r * factor;
  return Math.sign(x) * back;
}

/** A wildcard pattern (* ? with ~ escaping them and itself) → a whole-text, case-insensitive regular expression. */
export function wildcardPattern(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '~' && i + 1 < pattern.length && '*?~'.includes(pattern[i + 1])) {
      source += `\\${pattern[++i]}`;
    } else if (ch === '*') source += '[\\s\\S]*';
    else if (ch === '?') source += '[\\s\\S]';
    else source += ch.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'i');
}

function hasWildcards(text: string): boolean {
  return /[*?~]/.test(text);
}

/** A COUNTIF criterion (">=10", "<>x", "a*", "~*", 5) → a test of one cell. */
export function criterionTest(criterion: Scalar): (v: Scalar) => boolean {
  if (typeof criterion !== 'string') return (v) => v !== null && !isError(v) && typeof v === typeof criterion && compare(v, criterion) === 0;
  const m = /^(<=|>=|<>|<|>|=)?([\s\S]*)$/.exec(criterion)!;
  const operator = m[1] ?? '=';
  const operand = m[2];
  const asNumber = operand.trim() !== '' && !Number.isNaN(Number(operand)) ? Number(operand) : undefined;
  if (asNumber === undefined && hasWildcards(operand) && (operator === '=' || operator === '<>')) {
    const pattern = wildcardPattern(operand);
    return (v) => (typeof v === 'string' && pattern.test(v)) === (operator === '=');
  }
  const target: Scalar = asNumber ?? operand;
  return (v) => {
    if (isError(v)) return false;
    if (operand === '' && operator === '=') return v === null || v === '';
    if (operand === '' && operator === '<>') return !(v === null || v === '');
    if (v === null) return operator === '<>';
    if (typeof target === 'number' && typeof v !== 'number') return operator === '<>';
    if (typeof target === 'string' && typeof v !== 'string') return operator === '<>';
    const d = compare(v, target);
    switch (operator) {
      case '=':
        return d === 0;
      case '<>':
        return d !== 0;
      case '<':
        return d < 0;
      case '>':
        return d > 0;
      case '<=':
        return d <= 0;
      default:
        return d >= 0;
    }
  };
}

function findText(args: Arguments, caseSensitive: boolean): number {
  const needle = args.text(0);
  const haystack = args.text(1);
  const start = args.count > 2 ? args.integer(2) : 1;
  if (start < 1 || start > haystack.length + 1) fail(VALUE_ERROR);
  let index: number;
  if (caseSensitive) index = haystack.indexOf(needle, start - 1);
  else if (hasWildcards(needle)) {
    const pattern = wildcardPattern(needle).source.slice(1, -1); // unanchored
    const m = new RegExp(pattern, 'i').exec(haystack.slice(start - 1));
    index = m ? m.index + start - 1 : -1;
  } else index = haystack.toLowerCase().indexOf(needle.toLowerCase(), start - 1);
  if (index < 0) fail(VALUE_ERROR);
  return index + 1;
}

/** A single argument's value for the IS… tests: errors are values here, a multi-cell range is #VALUE!. */
function tested(args: Arguments): Scalar {
  const v = args.valueOrError(0);
  if (!isRange(v)) return v;
  return v.range.length === 1 && v.range[0].length === 1 ? v.range[0][0] : VALUE_ERROR;
}

function lookupList(v: Value): Scalar[] {
  if (!isRange(v)) fail(NOT_AVAILABLE);
  if (v.range.length === 1) return v.range[0];
  return v.range.map((row) => (row.length === 1 ? row[0] : fail(NOT_AVAILABLE)));
}

export const FUNCTIONS: Record<string, FunctionDefinition> = {
  // Logic
  AND: define(1, ANY, (a) => logicalsOf(a.all()).every(Boolean)),
  OR: define(1, ANY, (a) => logicalsOf(a.all()).some(Boolean)),
  XOR: define(1, ANY, (a) => logicalsOf(a.all()).filter(Boolean).length % 2 === 1),
  NOT: define(1, 1, (a) => !toBoolean(a.scalar(0))),
  TRUE: define(0, 0, () => true),
  FALSE: define(0, 0, () => false),
  IF: define(2, 3, (a) => (toBoolean(a.scalar(0)) ? a.value(1) : a.count > 2 ? a.value(2) : false)),
  IFERROR: define(2, 2, (a) => {
    const v = a.valueOrError(0);
    return !isRange(v) && isError(v) ? a.value(1) : v;
  }),
  IFNA: define(2, 2, (a) => {
    const v = a.valueOrError(0);
    return !isRange(v) && isError(v) && v.error === '#N/A' ? a.value(1) : v;
  }),

  // Information
  ISNUMBER: define(1, 1, (a) => typeof tested(a) === 'number'),
  ISTEXT: define(1, 1, (a) => typeof tested(a) === 'string'),
  ISNONTEXT: define(1, 1, (a) => typeof tested(a) !== 'string'),
  ISLOGICAL: define(1, 1, (a) => typeof tested(a) === 'boolean'),
  ISBLANK: define(1, 1, (a) => tested(a) === null),
  ISERROR: define(1, 1, (a) => isError(tested(a))),
  ISERR: define(1, 1, (a) => {
    const v = tested(a);
    return isError(v) && v.error !== '#N/A';
  }),
  ISNA: define(1, 1, (a) => {
    const v = tested(a);
    return isError(v) && v.error === '#N/A';
  }),
  NA: define(0, 0, () => NOT_AVAILABLE),
  N: define(1, 1, (a) => {
    const v = a.scalar(0);
    return typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : isError(v) ? v : 0;
  }),

  // Text (UTF-16 code units, as Excel counts)
  LEN: define(1, 1, (a) => a.text(0).length),
  LEFT: define(1, 2, (a) => {
    const count = a.count > 1 ? a.integer(1) : 1;
    if (count < 0) fail(VALUE_ERROR);
    return a.text(0).slice(0, count);
  }),
  RIGHT: define(1, 2, (a) => {
    const text = a.text(0);
    const count = a.count > 1 ? a.integer(1) : 1;
    if (count < 0) fail(VALUE_ERROR);
    return count === 0 ? '' : text.slice(Math.max(0, text.length - count));
  }),
  MID: define(3, 3, (a) => {
    const text = a.text(0);
    const start = a.integer(1);
    const length = a.integer(2);
    if (start < 1 || length < 0) fail(VALUE_ERROR);
    return text.slice(start - 1, start - 1 + length);
  }),
  TRIM: define(1, 1, (a) => a.text(0).replace(/^ +| +$/g, '').replace(/ {2,}/g, ' ')),
  UPPER: define(1, 1, (a) => a.text(0).toUpperCase()),
  LOWER: define(1, 1, (a) => a.text(0).toLowerCase()),
  EXACT: define(2, 2, (a) => a.text(0) === a.text(1)),
  CONCATENATE: define(1, ANY, (a) => a.all().map((v) => toText(singleValue(v))).join('')),
  CONCAT: define(1, ANY, (a) => cellsOf(a.all()).map(({ value }) => toText(value)).join('')),
  VALUE: define(1, 1, (a) => {
    const v = a.scalar(0);
    return toNumber(typeof v === 'boolean' ? fail(VALUE_ERROR) : v === null ? 0 : v);
  }),
  SUBSTITUTE: define(3, 4, (a) => {
    const text = a.text(0);
    const from = a.text(1);
    const to = a.text(2);
    if (from === '') return text;
    if (a.count < 4) return text.split(from).join(to);
    const nth = a.integer(3);
    if (nth < 1) fail(VALUE_ERROR);
    let index = -1;
    for (let k = 0; k < nth; k++) {
      index = text.indexOf(from, index + 1);
      if (index < 0) return text;
    }
    return text.slice(0, index) + to + text.slice(index + from.length);
  }),
  SEARCH: define(2, 3, (a) => findText(a, false)),
  FIND: define(2, 3, (a) => findText(a, true)),
  // Full-width ASCII and the ideographic space → their half-width forms (what ASC does to the characters we use).
  ASC: define(1, 1, (a) =>
    a.text(0).replace(/[\uFF01-\uFF5E\u3000]/g, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0))),
  ),
  CHAR: define(1, 1, (a) => {
    const code = a.integer(0);
    if (code < 1 || code > 255) fail(VALUE_ERROR);
    return String.fromCharCode(code);
  }),
  CODE: define(1, 1, (a) => {
    const text = a.text(0);
    if (!text) fail(VALUE_ERROR);
    return text.charCodeAt(0);
  }),
  REPT: define(2, 2, (a) => {
    const times = a.integer(1);
    if (times < 0) fail(VALUE_ERROR);
    return a.text(0).repeat(times);
  }),

  // Maths
  ABS: define(1, 1, (a) => Math.abs(a.number(0))),
  INT: define(1, 1, (a) => Math.floor(a.number(0))),
  SIGN: define(1, 1, (a) => Math.sign(a.number(0))),
  LOG10: define(1, 1, (a) => {
    const x = a.number(0);
    return x > 0 ? Math.log10(x) : fail({ error: '#NUM!' });
  }),
  ROUND: define(2, 2, (a) => roundWith(a.number(0), a.number(1), Math.round)),
  ROUNDUP: define(2, 2, (a) => roundWith(a.number(0), a.number(1), Math.ceil)),
  ROUNDDOWN: define(2, 2, (a) => roundWith(a.number(0), a.number(1), Math.floor)),
  MOD: define(2, 2, (a) => {
    const x = a.number(0);
    const divisor = a.number(1);
    if (divisor === 0) fail(DIV_ZERO);
    return x - divisor * Math.floor(x / divisor);
  }),
  SUM: define(1, ANY, (a) => numbersOf(a.all()).reduce((x, y) => x + y, 0)),
  MIN: define(1, ANY, (a) => {
    const numbers = numbersOf(a.all());
    return numbers.length ? Math.min(...numbers) : 0;
  }),
  MAX: define(1, ANY, (a) => {
    const numbers = numbersOf(a.all());
    return numbers.length ? Math.max(...numbers) : 0;
  }),
  AVERAGE: define(1, ANY, (a) => {
    const numbers = numbersOf(a.all());
    if (!numbers.length) fail(DIV_ZERO);
    return numbers.reduce((x, y) => x + y, 0) / numbers.length;
  }),

  // Counting
  COUNT: define(1, ANY, (a) => cellsOf(a.all()).filter(({ value }) => typeof value === 'number').length),
  COUNTA: define(1, ANY, (a) => cellsOf(a.all()).filter(({ value }) => value !== null).length),
  COUNTBLANK: define(1, 1, (a) => cellsOf([a.value(0)]).filter(({ value }) => value === null || value === '').length),
  SUMIFS: define(3, ANY, (a) => {
    if ((a.count - 1) % 2 !== 0) fail(VALUE_ERROR);
    const sums = cellsOf([a.value(0)]);
    const pairs: { cells: { value: Scalar }[]; test: (v: Scalar) => boolean }[] = [];
    for (let i = 1; i < a.count; i += 2) pairs.push({ cells: cellsOf([a.value(i)]), test: criterionTest(a.scalar(i + 1)) });
    if (pairs.some((p) => p.cells.length !== sums.length)) fail(VALUE_ERROR);
    let total = 0;
    for (let i = 0; i < sums.length; i++) {
      const v = sums[i].value;
      if (typeof v === 'number' && pairs.every((p) => p.test(p.cells[i].value))) total += v;
    }
    return total;
  }),
  // Arguments of the same size multiplied element by element and summed; what is not a number counts as 0 (as in
  // Excel: a TRUE from a comparison counts only once arithmetic such as + made it 1).
  SUMPRODUCT: define(1, ANY, (a) => {
    const grids = Array.from({ length: a.count }, (_, i) => a.array(i));
    const rows = grids[0].length;
    const cols = grids[0][0]?.length ?? 0;
    if (grids.some((g) => g.length !== rows || g.some((r) => r.length !== cols))) fail(VALUE_ERROR);
    let total = 0;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        let product = 1;
        for (const g of grids) {
          const v = g[r][c];
          if (isError(v)) fail(v);
          product *= typeof v === 'number' ? v : 0;
        }
        total += product;
      }
    }
    return total;
  }),
  COUNTIF: define(2, 2, (a) => {
    const test = criterionTest(a.scalar(1));
    return cellsOf([a.value(0)]).filter(({ value }) => test(value)).length;
  }),
  COUNTIFS: define(2, ANY, (a) => {
    if (a.count % 2 !== 0) fail(VALUE_ERROR);
    const pairs: { cells: { value: Scalar }[]; test: (v: Scalar) => boolean }[] = [];
    for (let i = 0; i < a.count; i += 2) pairs.push({ cells: cellsOf([a.value(i)]), test: criterionTest(a.scalar(i + 1)) });
    const size = pairs[0].cells.length;
    if (pairs.some((p) => p.cells.length !== size)) fail(VALUE_ERROR);
    let count = 0;
    for (let i = 0; i < size; i++) if (pairs.every((p) => p.test(p.cells[i].value))) count++;
    return count;
  }),

  // Lookup
  INDEX: define(2, 3, (a) => {
    const v = a.value(0);
    const rows = isRange(v) ? v.range : [[v]];
    let row = a.integer(1);
    let col = a.count === 3 ? a.integer(2) : 0;
    // INDEX(one row, n) counts along the row.
    if (a.count === 2 && rows.length === 1) {
      col = row;
      row = 1;
    }
    if (row < 0 || col < 0 || row > rows.length || col > (rows[0]?.length ?? 0)) return REF_ERROR;
    if (row === 0 && col === 0) return { range: rows };
    if (row === 0) return { range: rows.map((r) => [r[col - 1]]) };
    if (col === 0) return rows[0].length === 1 ? rows[row - 1][0] : { range: [rows[row - 1]] };
    return rows[row - 1][col - 1];
  }),
  MATCH: define(2, 3, (a) => {
    const needle = a.scalar(0);
    if (isError(needle)) fail(needle);
    const list = lookupList(a.value(1));
    const type = a.count > 2 ? a.number(2) : 1;
    if (type === 0) {
      const test =
        typeof needle === 'string' && hasWildcards(needle)
          ? criterionTest(needle)
          : (v: Scalar) => v !== null && !isError(v) && typeof v === typeof needle && compare(v, needle) === 0;
      const index = list.findIndex((v) => test(v));
      return index < 0 ? fail(NOT_AVAILABLE) : index + 1;
    }
    // Approximate: the last position whose value is <= (type 1) or >= (type -1) the needle, in a sorted list.
    let found = -1;
    for (let i = 0; i < list.length; i++) {
      const v = list[i];
      if (v === null || isError(v) || typeof v !== typeof needle) continue;
      const d = compare(v, needle);
      if (type > 0 ? d <= 0 : d >= 0) found = i;
      else break;
    }
    return found < 0 ? fail(NOT_AVAILABLE) : found + 1;
  }),
  // The k-th smallest number of an array (evaluated as SUMPRODUCT evaluates its arguments; text and blanks skipped).
  SMALL: define(2, 2, (a) => {
    const numbers: number[] = [];
    for (const row of a.array(0)) {
      for (const v of row) {
        if (isError(v)) fail(v);
        if (typeof v === 'number') numbers.push(v);
      }
    }
    const k = Math.ceil(a.number(1));
    if (k < 1 || k > numbers.length) fail({ error: '#NUM!' });
    return numbers.sort((x, y) => x - y)[k - 1];
  }),
  ROW: define(0, 1, (a) => a.position(0).row),
  COLUMN: define(0, 1, (a) => a.position(0).col),
};
