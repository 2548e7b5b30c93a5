/**
 * A small formula evaluator for the browser preview.
 *
 * ExcelJS stores formulas but cannot calculate them. The layout writes every formula with its cached result, so
 * the sheet view shows values without calculating; what it cannot get that way is the outcome of conditional
 * formats, which Excel works out when it draws a cell. This module evaluates the formulas conditional formats use
 * (comparisons, AND/OR/NOT, IS… tests, text functions, arithmetic) over the workbook's cached values, with
 * relative references shifted per cell as Excel does. Anything it does not know throws `Unsupported`, and the
 * caller then applies no highlight: a missing highlight is better than a wrong one.
 */
import { columnNumber } from '../workbook/a1';

export type Scalar = number | string | boolean | null | { error: string };
/** A range argument: rows of values. */
export interface RangeValue {
  range: Scalar[][];
}
export type Value = Scalar | RangeValue;

/**
 * Thrown for what the evaluator does not implement. Not an Error subclass on purpose: it is thrown and caught for
 * many cells at a time (a formula cell without a cached result), and capturing a stack trace each time is slow.
 */
export class Unsupported {
  constructor(readonly message: string) {}
}

/** What the evaluator needs from the workbook. */
export interface FormulaContext {
  /** The cached value of a cell (row, col 1-based); `sheet` undefined means the formula's own sheet. */
  cell(sheet: string | undefined, row: number, col: number): Scalar;
  /** A workbook-scoped defined name → its reference ("'計画'!$B$3:$B$9"), if there is one. */
  name?(name: string): string | undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Tokens

type Tok =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'ref'; sheet?: string; text: string }
  | { t: 'fn'; v: string }
  | { t: 'name'; v: string }
  | { t: 'err'; v: string }
  | { t: 'op'; v: string }
  | { t: '('; v: '(' }
  | { t: ')'; v: ')' }
  | { t: ','; v: ',' };

const ERRORS = ['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA'];

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const n = src.length;
  const wordRe = /[A-Za-z0-9_.$\\\u0080-\uFFFF]/;
  while (i < n) {
    const ch = src[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '"') {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= n) throw new Unsupported('unterminated string');
        if (src[j] === '"') {
          if (src[j + 1] === '"') {
            s += '"';
            j += 2;
            continue;
          }
          break;
        }
        s += src[j++];
      }
      out.push({ t: 'str', v: s });
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      // Quoted sheet name, then "!" and a reference.
      let j = i + 1;
      let name = '';
      for (;;) {
        if (j >= n) throw new Unsupported('unterminated sheet name');
        if (src[j] === "'") {
          if (src[j + 1] === "'") {
            name += "'";
            j += 2;
            continue;
          }
          break;
        }
        name += src[j++];
      }
      if (src[j + 1] !== '!') throw new Unsupported('quoted name without "!"');
      j += 2;
      const start = j;
      while (j < n && (wordRe.test(src[j]) || src[j] === ':')) j++;
      out.push({ t: 'ref', sheet: name, text: src.slice(start, j) });
      i = j;
      continue;
    }
    if (ch === '#') {
      const e = ERRORS.find((x) => src.startsWith(x, i));
      if (!e) throw new Unsupported('unknown error literal');
      out.push({ t: 'err', v: e });
      i += e.length;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      out.push({ t: ch, v: ch } as Tok);
      i++;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '<>') {
      out.push({ t: 'op', v: two });
      i += 2;
      continue;
    }
    if ('+-*/^&=<>%'.includes(ch)) {
      out.push({ t: 'op', v: ch });
      i++;
      continue;
    }
    if (/[0-9.]/.test(ch)) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(src.slice(i));
      if (!m) throw new Unsupported('bad number');
      // "1:3" (whole rows) is a reference, not a number.
      if (src[i + m[0].length] === ':') {
        const r = /^\$?\d+:\$?\d+/.exec(src.slice(i));
        if (r) {
          out.push({ t: 'ref', text: r[0] });
          i += r[0].length;
          continue;
        }
      }
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
      continue;
    }
    if (wordRe.test(ch)) {
      let j = i;
      while (j < n && wordRe.test(src[j])) j++;
      const word = src.slice(i, j);
      if (src[j] === '(') {
        out.push({ t: 'fn', v: word.toUpperCase().replace(/^_XLFN\./, '') });
        i = j;
        continue;
      }
      if (src[j] === '!') {
        // Unquoted sheet name: 基準!A1.
        let k = j + 1;
        while (k < n && (wordRe.test(src[k]) || src[k] === ':')) k++;
        out.push({ t: 'ref', sheet: word, text: src.slice(j + 1, k) });
        i = k;
        continue;
      }
      if (src[j] === ':' && j + 1 < n && wordRe.test(src[j + 1])) {
        let k = j + 1;
        while (k < n && wordRe.test(src[k])) k++;
        out.push({ t: 'ref', text: src.slice(i, k) });
        i = k;
        continue;
      }
      const upper = word.toUpperCase();
      if (upper === 'TRUE' || upper === 'FALSE') out.push({ t: 'name', v: upper });
      else if (/^\$?[A-Za-z]{1,3}\$?\d{1,7}$/.test(word)) out.push({ t: 'ref', text: word });
      else out.push({ t: 'name', v: word });
      i = j;
      continue;
    }
    throw new Unsupported(`unexpected "${ch}"`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// AST

interface RefPart {
  abs: boolean;
  value: number;
}
interface CellAddr {
  col?: RefPart;
  row?: RefPart;
}

type Node =
  | { k: 'lit'; v: Scalar }
  | { k: 'ref'; sheet?: string; a: CellAddr; b?: CellAddr }
  | { k: 'name'; v: string }
  | { k: 'un'; op: string; x: Node }
  | { k: 'pct'; x: Node }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'fn'; name: string; args: Node[] };

function parseAddr(text: string): CellAddr {
  let m = /^(\$?)([A-Za-z]{1,3})(\$?)(\d{1,7})$/.exec(text);
  if (m) return { col: { abs: m[1] === '$', value: columnNumber(m[2]) }, row: { abs: m[3] === '$', value: Number(m[4]) } };
  m = /^(\$?)([A-Za-z]{1,3})$/.exec(text);
  if (m) return { col: { abs: m[1] === '$', value: columnNumber(m[2]) } };
  m = /^(\$?)(\d{1,7})$/.exec(text);
  if (m) return { row: { abs: m[1] === '$', value: Number(m[2]) } };
  throw new Unsupported(`not a reference: ${text}`);
}

function refNode(sheet: string | undefined, text: string): Node {
  const [a, b] = text.split(':');
  if (text.split(':').length > 2) throw new Unsupported('bad range');
  return { k: 'ref', sheet, a: parseAddr(a), b: b === undefined ? undefined : parseAddr(b) };
}

const BINARY: Record<string, number> = { '=': 1, '<>': 1, '<': 1, '>': 1, '<=': 1, '>=': 1, '&': 2, '+': 3, '-': 3, '*': 4, '/': 4, '^': 5 };

function parse(tokens: Tok[]): Node {
  let p = 0;
  const peek = () => tokens[p];
  const expect = (t: string) => {
    const tok = tokens[p++];
    if (!tok || tok.t !== t) throw new Unsupported(`expected ${t}`);
    return tok;
  };
  const primary = (): Node => {
    const tok = tokens[p++];
    if (!tok) throw new Unsupported('unexpected end');
    switch (tok.t) {
      case 'num':
        return { k: 'lit', v: tok.v };
      case 'str':
        return { k: 'lit', v: tok.v };
      case 'err':
        return { k: 'lit', v: { error: tok.v } };
      case 'ref':
        return refNode(tok.sheet, tok.text);
      case 'name':
        if (tok.v === 'TRUE') return { k: 'lit', v: true };
        if (tok.v === 'FALSE') return { k: 'lit', v: false };
        return { k: 'name', v: tok.v };
      case 'fn': {
        expect('(');
        const args: Node[] = [];
        if (peek()?.t === ')') {
          p++;
          return { k: 'fn', name: tok.v, args };
        }
        for (;;) {
          // An empty argument (IF(A1,,1)) counts as a blank.
          if (peek()?.t === ',' || peek()?.t === ')') args.push({ k: 'lit', v: null });
          else args.push(expr(0));
          const next = tokens[p++];
          if (next?.t === ')') break;
          if (next?.t !== ',') throw new Unsupported('expected , or )');
        }
        return { k: 'fn', name: tok.v, args };
      }
      case '(': {
        const e = expr(0);
        expect(')');
        return e;
      }
      case 'op':
        if (tok.v === '-' || tok.v === '+') return { k: 'un', op: tok.v, x: unaryOperand() };
        throw new Unsupported(`unexpected ${tok.v}`);
      default:
        throw new Unsupported(`unexpected ${tok.t}`);
    }
  };
  // Excel binds unary minus tighter than ^ (=-2^2 is 4), and % after everything.
  const unaryOperand = (): Node => {
    let x = primary();
    for (let t = peek(); t?.t === 'op' && t.v === '%'; t = peek()) {
      p++;
      x = { k: 'pct', x };
    }
    return x;
  };
  const expr = (minPrec: number): Node => {
    let left = unaryOperand();
    for (;;) {
      const tok = peek();
      if (!tok || tok.t !== 'op' || !(tok.v in BINARY)) break;
      const prec = BINARY[tok.v];
      if (prec < minPrec) break;
      p++;
      // Every binary operator of Excel is left-associative (2^3^2 is 64).
      const right = expr(prec + 1);
      left = { k: 'bin', op: tok.v, a: left, b: right };
    }
    return left;
  };
  const node = expr(1);
  if (p !== tokens.length) throw new Unsupported('trailing input');
  return node;
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation

const VALUE_ERR = { error: '#VALUE!' };
const DIV0 = { error: '#DIV/0!' };
const NA = { error: '#N/A' };

function isErr(v: unknown): v is { error: string } {
  return typeof v === 'object' && v !== null && 'error' in v;
}

function isRange(v: Value): v is RangeValue {
  return typeof v === 'object' && v !== null && 'range' in v;
}

class ErrSignal {
  constructor(readonly err: { error: string }) {}
}

/** Text a number shows as in formulas (=A1&"" gives "1.5"). */
function numText(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return String(Number(n.toPrecision(15)));
}

function toNumber(v: Scalar): number {
  if (isErr(v)) throw new ErrSignal(v);
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const t = v.trim().replace(/,/g, '');
  if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?%?$/.test(t)) throw new ErrSignal(VALUE_ERR);
  return t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
}

function toText(v: Scalar): string {
  if (isErr(v)) throw new ErrSignal(v);
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'number') return numText(v);
  return v;
}

function toBool(v: Scalar): boolean {
  if (isErr(v)) throw new ErrSignal(v);
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  const u = v.toUpperCase();
  if (u === 'TRUE') return true;
  if (u === 'FALSE') return false;
  throw new ErrSignal(VALUE_ERR);
}

/** Excel's comparison: numbers < text < logicals; text case-insensitive; a blank is 0, "" or FALSE as the other side. */
function compare(a: Scalar, b: Scalar): number {
  if (isErr(a)) throw new ErrSignal(a);
  if (isErr(b)) throw new ErrSignal(b);
  if (a === null && b === null) return 0;
  if (a === null) a = typeof b === 'number' ? 0 : typeof b === 'string' ? '' : false;
  if (b === null) b = typeof a === 'number' ? 0 : typeof a === 'string' ? '' : false;
  const rank = (x: Scalar) => (typeof x === 'number' ? 0 : typeof x === 'string' ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'string') {
    const x = a.toLowerCase();
    const y = (b as string).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }
  const x = Number(a);
  const y = Number(b);
  // Excel compares to 15 significant digits.
  if (Math.abs(x - y) <= Math.abs(x) * 1e-15) return 0;
  return x < y ? -1 : 1;
}

interface Env {
  ctx: FormulaContext;
  dr: number;
  dc: number;
  /** The cell the formula is evaluated for (ROW(), COLUMN() with no argument). */
  row: number;
  col: number;
}

function resolvePart(part: RefPart | undefined, delta: number): number | undefined {
  if (!part) return undefined;
  return part.abs ? part.value : part.value + delta;
}

function evalRef(node: Extract<Node, { k: 'ref' }>, env: Env): Value {
  const r1 = resolvePart(node.a.row, env.dr);
  const c1 = resolvePart(node.a.col, env.dc);
  if (!node.b) {
    if (r1 === undefined || c1 === undefined) throw new Unsupported('incomplete reference');
    if (r1 < 1 || c1 < 1) return { error: '#REF!' };
    return env.ctx.cell(node.sheet, r1, c1);
  }
  const r2 = resolvePart(node.b.row, env.dr);
  const c2 = resolvePart(node.b.col, env.dc);
  if (r1 === undefined || r2 === undefined || c1 === undefined || c2 === undefined) {
    // Whole rows or columns are fine in Excel; here they would mean a million cells.
    throw new Unsupported('whole-row/column ranges');
  }
  if (Math.min(r1, r2, c1, c2) < 1) return { error: '#REF!' };
  const top = Math.min(r1, r2);
  const bottom = Math.max(r1, r2);
  const left = Math.min(c1, c2);
  const right = Math.max(c1, c2);
  if ((bottom - top + 1) * (right - left + 1) > 100_000) throw new Unsupported('range too large');
  const rows: Scalar[][] = [];
  for (let r = top; r <= bottom; r++) {
    const row: Scalar[] = [];
    for (let c = left; c <= right; c++) row.push(env.ctx.cell(node.sheet, r, c));
    rows.push(row);
  }
  return { range: rows };
}

/** A range used where one value is expected: Excel's implicit intersection, simplified to a 1×1 range. */
function scalar(v: Value): Scalar {
  if (!isRange(v)) return v;
  if (v.range.length === 1 && v.range[0].length === 1) return v.range[0][0];
  throw new ErrSignal(VALUE_ERR);
}

function flatten(values: Value[]): { v: Scalar; fromRange: boolean }[] {
  const out: { v: Scalar; fromRange: boolean }[] = [];
  for (const v of values) {
    if (isRange(v)) for (const row of v.range) for (const x of row) out.push({ v: x, fromRange: true });
    else out.push({ v, fromRange: false });
  }
  return out;
}

/** COUNTIF-style criteria: ">=10", "<>x", "abc", 5. */
function criterion(c: Scalar): (v: Scalar) => boolean {
  if (typeof c === 'string') {
    const m = /^(<=|>=|<>|<|>|=)?(.*)$/.exec(c)!;
    const op = m[1] ?? '=';
    const rest = m[2];
    const asNum = rest.trim() !== '' && !Number.isNaN(Number(rest)) ? Number(rest) : undefined;
    const target: Scalar = asNum ?? rest;
    if (/[*?]/.test(rest) && (op === '=' || op === '<>')) {
      const re = new RegExp(`^${rest.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
      return (v) => (typeof v === 'string' && re.test(v)) === (op === '=');
    }
    return (v) => {
      if (isErr(v)) return false;
      if (rest === '' && op === '=') return v === null || v === '';
      if (rest === '' && op === '<>') return !(v === null || v === '');
      if (v === null) return false;
      if (typeof target === 'number' && typeof v !== 'number') return op === '<>';
      if (typeof target === 'string' && typeof v !== 'string') return op === '<>';
      const d = compare(v, target);
      return op === '=' ? d === 0 : op === '<>' ? d !== 0 : op === '<' ? d < 0 : op === '>' ? d > 0 : op === '<=' ? d <= 0 : d >= 0;
    };
  }
  return (v) => v !== null && !isErr(v) && typeof v === typeof c && compare(v, c) === 0;
}

type Fn = (args: Node[], env: Env) => Value;

const lazy = (f: (vals: Value[], env: Env) => Value): Fn => (args, env) => f(args.map((a) => ev(a, env)), env);
const strict1 = (f: (x: Scalar) => Scalar): Fn =>
  lazy((vals) => {
    if (vals.length !== 1) throw new Unsupported('arity');
    return f(scalar(vals[0]));
  });

function catchErr(node: Node, env: Env): Value {
  try {
    return ev(node, env);
  } catch (e) {
    if (e instanceof ErrSignal) return e.err;
    throw e;
  }
}

function logical(vals: Value[], name: string): boolean[] {
  const out: boolean[] = [];
  for (const { v, fromRange } of flatten(vals)) {
    if (isErr(v)) throw new ErrSignal(v);
    // In a range, text and blanks are skipped; a direct text argument is #VALUE!.
    if (fromRange && (v === null || typeof v === 'string')) continue;
    out.push(toBool(v));
  }
  if (out.length === 0) throw new ErrSignal(VALUE_ERR);
  void name;
  return out;
}

function numbersOf(vals: Value[]): number[] {
  const out: number[] = [];
  for (const { v, fromRange } of flatten(vals)) {
    if (isErr(v)) throw new ErrSignal(v);
    if (fromRange) {
      if (typeof v === 'number') out.push(v);
    } else out.push(toNumber(v));
  }
  return out;
}

function round(x: number, digits: number): number {
  const f = Math.pow(10, digits);
  const y = Math.abs(x) * f;
  const r = Math.round(Number(y.toPrecision(15)));
  return (Math.sign(x) * r) / f;
}

const FUNCTIONS: Record<string, Fn> = {
  AND: lazy((vals) => logical(vals, 'AND').every(Boolean)),
  OR: lazy((vals) => logical(vals, 'OR').some(Boolean)),
  XOR: lazy((vals) => logical(vals, 'XOR').filter(Boolean).length % 2 === 1),
  NOT: strict1((x) => !toBool(x)),
  TRUE: () => true,
  FALSE: () => false,
  IF: (args, env) => {
    if (args.length < 2 || args.length > 3) throw new Unsupported('arity');
    const c = toBool(scalar(ev(args[0], env)));
    if (c) return ev(args[1], env);
    return args.length === 3 ? ev(args[2], env) : false;
  },
  IFERROR: (args, env) => {
    if (args.length !== 2) throw new Unsupported('arity');
    const v = catchErr(args[0], env);
    return !isRange(v) && isErr(v) ? ev(args[1], env) : v;
  },
  IFNA: (args, env) => {
    if (args.length !== 2) throw new Unsupported('arity');
    const v = catchErr(args[0], env);
    return !isRange(v) && isErr(v) && v.error === '#N/A' ? ev(args[1], env) : v;
  },
  ISNUMBER: (args, env) => typeof scalarOrErr(args, env) === 'number',
  ISTEXT: (args, env) => typeof scalarOrErr(args, env) === 'string',
  ISNONTEXT: (args, env) => typeof scalarOrErr(args, env) !== 'string',
  ISLOGICAL: (args, env) => typeof scalarOrErr(args, env) === 'boolean',
  ISBLANK: (args, env) => scalarOrErr(args, env) === null,
  ISERROR: (args, env) => isErr(scalarOrErr(args, env)),
  ISERR: (args, env) => {
    const v = scalarOrErr(args, env);
    return isErr(v) && v.error !== '#N/A';
  },
  ISNA: (args, env) => {
    const v = scalarOrErr(args, env);
    return isErr(v) && v.error === '#N/A';
  },
  NA: () => NA,
  LEFT: lazy((vals) => {
    const s = toText(scalar(vals[0]));
    const k = vals.length > 1 ? toNumber(scalar(vals[1])) : 1;
    if (k < 0) throw new ErrSignal(VALUE_ERR);
    return Array.from(s).slice(0, Math.floor(k)).join('');
  }),
  RIGHT: lazy((vals) => {
    const s = Array.from(toText(scalar(vals[0])));
    const k = vals.length > 1 ? toNumber(scalar(vals[1])) : 1;
    if (k < 0) throw new ErrSignal(VALUE_ERR);
    return Math.floor(k) === 0 ? '' : s.slice(-Math.floor(k)).join('');
  }),
  MID: lazy((vals) => {
    const s = Array.from(toText(scalar(vals[0])));
    const start = Math.floor(toNumber(scalar(vals[1])));
    const len = Math.floor(toNumber(scalar(vals[2])));
    if (start < 1 || len < 0) throw new ErrSignal(VALUE_ERR);
    return s.slice(start - 1, start - 1 + len).join('');
  }),
  LEN: strict1((x) => Array.from(toText(x)).length),
  TRIM: strict1((x) => toText(x).trim().replace(/ {2,}/g, ' ')),
  UPPER: strict1((x) => toText(x).toUpperCase()),
  LOWER: strict1((x) => toText(x).toLowerCase()),
  EXACT: lazy((vals) => toText(scalar(vals[0])) === toText(scalar(vals[1]))),
  CONCATENATE: lazy((vals) => vals.map((v) => toText(scalar(v))).join('')),
  CONCAT: lazy((vals) => flatten(vals).map(({ v }) => toText(v)).join('')),
  VALUE: strict1((x) => toNumber(typeof x === 'string' ? x : x === null ? '' : x)),
  N: strict1((x) => (typeof x === 'number' ? x : typeof x === 'boolean' ? (x ? 1 : 0) : isErr(x) ? x : 0)),
  ABS: strict1((x) => Math.abs(toNumber(x))),
  INT: strict1((x) => Math.floor(toNumber(x))),
  SIGN: strict1((x) => Math.sign(toNumber(x))),
  ROUND: lazy((vals) => round(toNumber(scalar(vals[0])), vals.length > 1 ? toNumber(scalar(vals[1])) : 0)),
  ROUNDUP: lazy((vals) => {
    const f = Math.pow(10, vals.length > 1 ? toNumber(scalar(vals[1])) : 0);
    const x = toNumber(scalar(vals[0]));
    return (Math.sign(x) * Math.ceil(Number((Math.abs(x) * f).toPrecision(15)))) / f;
  }),
  ROUNDDOWN: lazy((vals) => {
    const f = Math.pow(10, vals.length > 1 ? toNumber(scalar(vals[1])) : 0);
    const x = toNumber(scalar(vals[0]));
    return (Math.sign(x) * Math.floor(Number((Math.abs(x) * f).toPrecision(15)))) / f;
  }),
  MOD: lazy((vals) => {
    const a = toNumber(scalar(vals[0]));
    const b = toNumber(scalar(vals[1]));
    if (b === 0) throw new ErrSignal(DIV0);
    return a - b * Math.floor(a / b);
  }),
  SUM: lazy((vals) => numbersOf(vals).reduce((a, b) => a + b, 0)),
  MIN: lazy((vals) => {
    const ns = numbersOf(vals);
    return ns.length ? Math.min(...ns) : 0;
  }),
  MAX: lazy((vals) => {
    const ns = numbersOf(vals);
    return ns.length ? Math.max(...ns) : 0;
  }),
  AVERAGE: lazy((vals) => {
    const ns = numbersOf(vals);
    if (!ns.length) throw new ErrSignal(DIV0);
    return ns.reduce((a, b) => a + b, 0) / ns.length;
  }),
  COUNT: lazy((vals) => flatten(vals).filter(({ v }) => typeof v === 'number').length),
  COUNTA: lazy((vals) => flatten(vals).filter(({ v }) => v !== null).length),
  COUNTBLANK: lazy((vals) => flatten(vals).filter(({ v }) => v === null || v === '').length),
  COUNTIF: lazy((vals) => {
    if (vals.length !== 2) throw new Unsupported('arity');
    const test = criterion(scalar(vals[1]));
    return flatten([vals[0]]).filter(({ v }) => test(v)).length;
  }),
  COUNTIFS: lazy((vals) => {
    if (vals.length % 2 !== 0) throw new Unsupported('arity');
    const lists = [];
    for (let i = 0; i < vals.length; i += 2) lists.push({ cells: flatten([vals[i]]), test: criterion(scalar(vals[i + 1])) });
    const n = lists[0].cells.length;
    if (lists.some((l) => l.cells.length !== n)) throw new ErrSignal(VALUE_ERR);
    let count = 0;
    for (let i = 0; i < n; i++) if (lists.every((l) => l.test(l.cells[i].v))) count++;
    return count;
  }),
  SUBSTITUTE: lazy((vals) => {
    const text = toText(scalar(vals[0]));
    const from = toText(scalar(vals[1]));
    const to = toText(scalar(vals[2]));
    if (from === '') return text;
    if (vals.length < 4) return text.split(from).join(to);
    const nth = Math.floor(toNumber(scalar(vals[3])));
    if (nth < 1) throw new ErrSignal(VALUE_ERR);
    let i = -1;
    for (let k = 0; k < nth; k++) {
      i = text.indexOf(from, i + 1);
      if (i < 0) return text;
    }
    return text.slice(0, i) + to + text.slice(i + from.length);
  }),
  SEARCH: lazy((vals) => findText(vals, false)),
  FIND: lazy((vals) => findText(vals, true)),
  // Full-width ASCII and the ideographic space → their half-width forms (what ASC does to the characters we use).
  ASC: strict1((x) =>
    toText(x).replace(/[\uFF01-\uFF5E\u3000]/g, (ch) => (ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0))),
  ),
  CHAR: strict1((x) => {
    const n = Math.floor(toNumber(x));
    if (n < 1 || n > 255) throw new ErrSignal(VALUE_ERR);
    return String.fromCharCode(n);
  }),
  CODE: strict1((x) => {
    const s = toText(x);
    if (!s) throw new ErrSignal(VALUE_ERR);
    return s.charCodeAt(0);
  }),
  REPT: lazy((vals) => {
    const n = Math.floor(toNumber(scalar(vals[1])));
    if (n < 0) throw new ErrSignal(VALUE_ERR);
    return toText(scalar(vals[0])).repeat(n);
  }),
  INDEX: (args, env) => {
    if (args.length < 2 || args.length > 3) throw new Unsupported('arity');
    const v = ev(args[0], env);
    const rows = isRange(v) ? v.range : [[v]];
    let r = Math.floor(toNumber(scalar(ev(args[1], env))));
    let c = args.length === 3 ? Math.floor(toNumber(scalar(ev(args[2], env)))) : 0;
    // INDEX(row range, n) counts along the row.
    if (args.length === 2 && rows.length === 1) {
      c = r;
      r = 1;
    }
    if (r < 0 || c < 0 || r > rows.length || c > (rows[0]?.length ?? 0)) return { error: '#REF!' };
    if (r === 0 || c === 0) {
      if (r === 0 && c === 0) return { range: rows };
      if (r === 0) return { range: rows.map((row) => [row[c - 1]]) };
      if (rows[0].length === 1) return rows[r - 1][0];
      return { range: [rows[r - 1]] };
    }
    return rows[r - 1][c - 1];
  },
  MATCH: lazy((vals) => {
    const needle = scalar(vals[0]);
    if (isErr(needle)) throw new ErrSignal(needle);
    const hay = vals[1];
    if (!isRange(hay)) throw new ErrSignal(NA);
    const list = hay.range.length === 1 ? hay.range[0] : hay.range.map((row) => {
      if (row.length !== 1) throw new ErrSignal(NA);
      return row[0];
    });
    const type = vals.length > 2 ? toNumber(scalar(vals[2])) : 1;
    if (type === 0) {
      const test = typeof needle === 'string' && /[*?~]/.test(needle) ? criterion(needle) : (v: Scalar) => v !== null && !isErr(v) && typeof v === typeof needle && compare(v, needle) === 0;
      const i = list.findIndex((v) => test(v));
      if (i < 0) throw new ErrSignal(NA);
      return i + 1;
    }
    // Approximate: the last position whose value is <= (type 1) or >= (type -1) the needle, in a sorted list.
    let found = -1;
    for (let i = 0; i < list.length; i++) {
      const v = list[i];
      if (v === null || isErr(v) || typeof v !== typeof needle) continue;
      const d = compare(v, needle);
      if (type > 0 ? d <= 0 : d >= 0) found = i;
      else break;
    }
    if (found < 0) throw new ErrSignal(NA);
    return found + 1;
  }),
  ROW: (args, env) => {
    if (args.length === 0) return env.row;
    const a = args[0];
    if (a.k !== 'ref') throw new Unsupported('ROW of a non-reference');
    const r = resolvePart(a.a.row, env.dr);
    if (r === undefined) throw new Unsupported('ROW of a column');
    return r;
  },
  COLUMN: (args, env) => {
    if (args.length === 0) return env.col;
    const a = args[0];
    if (a.k !== 'ref') throw new Unsupported('COLUMN of a non-reference');
    const c = resolvePart(a.a.col, env.dc);
    if (c === undefined) throw new Unsupported('COLUMN of a row');
    return c;
  },
};

function findText(vals: Value[], caseSensitive: boolean): number {
  const needle = toText(scalar(vals[0]));
  const hay = toText(scalar(vals[1]));
  const start = vals.length > 2 ? Math.floor(toNumber(scalar(vals[2]))) : 1;
  if (start < 1 || start > hay.length + 1) throw new ErrSignal(VALUE_ERR);
  let i: number;
  if (caseSensitive) i = hay.indexOf(needle, start - 1);
  else if (/[*?~]/.test(needle)) {
    const re = new RegExp(needle.replace(/~([*?~])|([.+^${}()|[\]\\])|(\*)|(\?)/g, (_, esc, meta, star, q) => (esc ? `\\${esc}` : meta ? `\\${meta}` : star ? '.*' : q ? '.' : '')), 'i');
    const m = re.exec(hay.slice(start - 1));
    i = m ? m.index + start - 1 : -1;
  } else i = hay.toLowerCase().indexOf(needle.toLowerCase(), start - 1);
  if (i < 0) throw new ErrSignal(VALUE_ERR);
  return i + 1;
}

function scalarOrErr(args: Node[], env: Env): Scalar {
  if (args.length !== 1) throw new Unsupported('arity');
  const v = catchErr(args[0], env);
  if (isRange(v)) {
    if (v.range.length === 1 && v.range[0].length === 1) return v.range[0][0];
    return VALUE_ERR;
  }
  return v;
}

function ev(node: Node, env: Env): Value {
  switch (node.k) {
    case 'lit':
      return node.v;
    case 'ref':
      return evalRef(node, env);
    case 'name': {
      const ref = env.ctx.name?.(node.v);
      if (!ref) throw new Unsupported(`unknown name ${node.v}`);
      // Defined names hold absolute references, so they do not shift.
      return ev(compile(ref), { ...env, dr: 0, dc: 0 });
    }
    case 'un': {
      const x = toNumber(scalar(ev(node.x, env)));
      return node.op === '-' ? -x : x;
    }
    case 'pct':
      return toNumber(scalar(ev(node.x, env))) / 100;
    case 'bin': {
      const a = scalar(ev(node.a, env));
      const b = scalar(ev(node.b, env));
      switch (node.op) {
        case '=':
          return compare(a, b) === 0;
        case '<>':
          return compare(a, b) !== 0;
        case '<':
          return compare(a, b) < 0;
        case '>':
          return compare(a, b) > 0;
        case '<=':
          return compare(a, b) <= 0;
        case '>=':
          return compare(a, b) >= 0;
        case '&':
          return toText(a) + toText(b);
      }
      const x = toNumber(a);
      const y = toNumber(b);
      switch (node.op) {
        case '+':
          return x + y;
        case '-':
          return x - y;
        case '*':
          return x * y;
        case '/':
          if (y === 0) throw new ErrSignal(DIV0);
          return x / y;
        case '^':
          return Math.pow(x, y);
      }
      throw new Unsupported(`operator ${node.op}`);
    }
    case 'fn': {
      const f = FUNCTIONS[node.name];
      if (!f) throw new Unsupported(`function ${node.name}`);
      return f(node.args, env);
    }
  }
}

const cache = new Map<string, Node>();

/** Parse a formula (with or without its leading "="), cached: one conditional format is evaluated for many cells. */
export function compile(formula: string): Node {
  const src = formula.trim().replace(/^=/, '');
  let node = cache.get(src);
  if (!node) {
    node = parse(tokenize(src));
    if (cache.size > 2000) cache.clear();
    cache.set(src, node);
  }
  return node;
}

/**
 * Evaluate `formula`, written for cell (baseRow, baseCol), as it reads in cell (row, col): relative references move
 * by the difference. Returns the value (an error value for Excel errors such as #DIV/0!); throws `Unsupported` when
 * the formula uses something this evaluator does not implement.
 */
export function evaluateFormula(
  formula: string,
  ctx: FormulaContext,
  at: { row: number; col: number },
  base: { row: number; col: number } = at,
): Scalar {
  const node = compile(formula);
  const env: Env = { ctx, dr: at.row - base.row, dc: at.col - base.col, row: at.row, col: at.col };
  try {
    return scalar(ev(node, env));
  } catch (e) {
    if (e instanceof ErrSignal) return e.err;
    throw e;
  }
}

/** Excel's `=`/`<`/`>` ordering of two values (-1, 0, 1); throws on an error value. */
export function compareValues(a: Scalar, b: Scalar): number {
  try {
    return compare(a, b);
  } catch (e) {
    if (e instanceof ErrSignal) throw new Unsupported(`comparison with ${e.err.error}`);
    throw e;
  }
}

/** A conditional format's formula is "true" when it gives TRUE or a non-zero number; text and errors are not. */
export function isTruthy(v: Scalar): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  return false;
}
