/**
 * Evaluates a formula over a workbook's values, as it reads in a given cell: relative references move by the distance
 * from the cell the formula was written for (a conditional format's formula is written for its range's top-left
 * cell). Excel errors come back as error values; what the evaluator does not implement throws `Unsupported`, and the
 * caller then shows nothing rather than a guess.
 */
import { criterionTest, FUNCTIONS, type Arguments } from './functions';
import { parseFormula, type FormulaNode, type ReferenceEnd } from './parser';
import {
  compare,
  DIV_ZERO,
  ErrorSignal,
  fail,
  REF_ERROR,
  singleValue,
  toNumber,
  toText,
  Unsupported,
  VALUE_ERROR,
  isRange,
  type Scalar,
  type Value,
} from './values';

/** What the evaluator needs from the workbook. */
export interface FormulaContext {
  /** The value of a cell (row, col 1-based); `sheet` undefined means the formula's own sheet. */
  cell(sheet: string | undefined, row: number, col: number): Scalar;
  /** A workbook-scoped defined name → its reference ("'計画'!$B$3:$B$9"), if there is one. */
  name?(name: string): string | undefined;
  /**
   * The values of a rectangle, rows of cells (optional: read cell by cell without it). A context that remembers
   * them saves rebuilding the same lookup table for every formula that reads it.
   */
  range?(sheet: string | undefined, top: number, left: number, bottom: number, right: number): Scalar[][];
}

interface Evaluation {
  context: FormulaContext;
  /** How far the cell evaluated for is from the cell the formula was written for. */
  rowOffset: number;
  colOffset: number;
  /** The cell evaluated for (ROW(), COLUMN() without an argument). */
  row: number;
  col: number;
}

/** Larger ranges are not read: the preview's workbooks never need them, and a whole column would be a million cells. */
const MAX_RANGE_CELLS = 100_000;

function resolve(part: { absolute: boolean; value: number } | undefined, offset: number): number | undefined {
  if (!part) return undefined;
  return part.absolute ? part.value : part.value + offset;
}

function topLeftOf(node: Extract<FormulaNode, { kind: 'reference' }>, at: Evaluation): { row?: number; col?: number } {
  const ends: ReferenceEnd[] = node.to ? [node.from, node.to] : [node.from];
  const rows = ends.map((e) => resolve(e.row, at.rowOffset)).filter((r): r is number => r !== undefined);
  const cols = ends.map((e) => resolve(e.col, at.colOffset)).filter((c): c is number => c !== undefined);
  return { row: rows.length ? Math.min(...rows) : undefined, col: cols.length ? Math.min(...cols) : undefined };
}

function evaluateReference(node: Extract<FormulaNode, { kind: 'reference' }>, at: Evaluation): Value {
  const top = resolve(node.from.row, at.rowOffset);
  const left = resolve(node.from.col, at.colOffset);
  if (!node.to) {
    if (top === undefined || left === undefined) throw new Unsupported('incomplete reference');
    if (top < 1 || left < 1) return REF_ERROR;
    return at.context.cell(node.sheet, top, left);
  }
  const bottom = resolve(node.to.row, at.rowOffset);
  const right = resolve(node.to.col, at.colOffset);
  if (top === undefined || bottom === undefined || left === undefined || right === undefined) {
    throw new Unsupported('whole-row or whole-column range');
  }
  if (Math.min(top, bottom, left, right) < 1) return REF_ERROR;
  const [r1, r2] = [Math.min(top, bottom), Math.max(top, bottom)];
  const [c1, c2] = [Math.min(left, right), Math.max(left, right)];
  if ((r2 - r1 + 1) * (c2 - c1 + 1) > MAX_RANGE_CELLS) throw new Unsupported('range too large');
  if (at.context.range) return { range: at.context.range(node.sheet, r1, c1, r2, c2) };
  const rows: Scalar[][] = [];
  for (let r = r1; r <= r2; r++) {
    const row: Scalar[] = [];
    for (let c = c1; c <= c2; c++) row.push(at.context.cell(node.sheet, r, c));
    rows.push(row);
  }
  return { range: rows };
}

function withErrorsAsValues(node: FormulaNode, at: Evaluation): Value {
  try {
    return evaluateNode(node, at);
  } catch (e) {
    if (e instanceof ErrorSignal) return e.value;
    throw e;
  }
}

function argumentsOf(nodes: FormulaNode[], at: Evaluation): Arguments {
  const cache = new Map<number, Value>();
  const value = (i: number) => {
    if (!cache.has(i)) cache.set(i, evaluateNode(nodes[i], at));
    return cache.get(i)!;
  };
  const scalar = (i: number) => singleValue(value(i));
  return {
    count: nodes.length,
    node: (i) => nodes[i],
    value,
    valueOrError: (i) => withErrorsAsValues(nodes[i], at),
    scalar,
    number: (i) => toNumber(scalar(i)),
    integer: (i) => Math.trunc(toNumber(scalar(i))),
    text: (i) => toText(scalar(i)),
    all: () => nodes.map((_, i) => value(i)),
    position: (i) => {
      if (i >= nodes.length) return { row: at.row, col: at.col };
      const node = nodes[i];
      if (node.kind !== 'reference') throw new Unsupported('ROW/COLUMN of something other than a reference');
      const { row, col } = topLeftOf(node, at);
      if (row === undefined || col === undefined) throw new Unsupported('ROW/COLUMN of a whole row or column');
      return { row, col };
    },
    array: (i) => arrayOf(nodes[i], at),
  };
}

/** Functions that SUMPRODUCT applies element by element over arrays (what the layout's formulas use in it). */
const ELEMENTWISE = new Set(['ROUND', 'ABS', 'INT', 'N', 'ISBLANK', 'LEN', 'TRIM']);

/** A value or a grid of values: a node as SUMPRODUCT evaluates it (array context). */
function arrayOf(node: FormulaNode, at: Evaluation): Scalar[][] {
  const v = arrayValue(node, at);
  return Array.isArray(v) ? v : [[v]];
}

function arrayValue(node: FormulaNode, at: Evaluation): Scalar | Scalar[][] {
  switch (node.kind) {
    case 'reference': {
      const v = evaluateReference(node, at);
      return isRange(v) ? v.range : v;
    }
    case 'negate':
      return mapGrid([arrayValue(node.operand, at)], ([x]) => -toNumber(x));
    case 'binary':
      return mapGrid([arrayValue(node.left, at), arrayValue(node.right, at)], ([x, y]) => binary(node.operator, x, y));
    case 'call': {
      // ROW of a range in an array: the row number of each of its rows, a column ({5;6;7} for B5:C7).
      if (node.name === 'ROW' && node.args.length === 1 && node.args[0].kind === 'reference' && node.args[0].to) {
        const from = topLeftOf(node.args[0], at).row;
        const to = resolve(node.args[0].to.row, at.rowOffset);
        const fromRow = resolve(node.args[0].from.row, at.rowOffset);
        if (from === undefined || to === undefined || fromRow === undefined) throw new Unsupported('ROW of a whole column');
        return Array.from({ length: Math.abs(to - fromRow) + 1 }, (_, i) => [from + i]);
      }
      // COUNTIF with an array of criteria: one count per criterion (SUMPRODUCT(1/COUNTIF(r,r)) and the like).
      if (node.name === 'COUNTIF' && node.args.length === 2) {
        const criteria = arrayValue(node.args[1], at);
        if (Array.isArray(criteria)) {
          const range = evaluateNode(node.args[0], at);
          const cells = isRange(range) ? range.range.flat() : [range];
          return mapGrid([criteria], ([criterion]) => {
            const test = criterionTest(criterion);
            return cells.filter((v) => test(v)).length;
          });
        }
      }
      if (!ELEMENTWISE.has(node.name)) break;
      const definition = FUNCTIONS[node.name];
      if (node.args.length < definition.minArgs || node.args.length > definition.maxArgs) {
        throw new Unsupported(`${node.name} with ${node.args.length} argument(s)`);
      }
      return mapGrid(
        node.args.map((arg) => arrayValue(arg, at)),
        (scalars) => singleValue(definition.call(argumentsOf(scalars.map((value) => ({ kind: 'literal', value }) as FormulaNode), at))),
      );
    }
  }
  return singleValue(evaluateNode(node, at));
}

/** f over grids element by element; a single value stands for every element. Grids of different sizes: #VALUE!. */
function mapGrid(parts: (Scalar | Scalar[][])[], f: (scalars: Scalar[]) => Scalar): Scalar | Scalar[][] {
  const grid = parts.find((p): p is Scalar[][] => Array.isArray(p));
  if (!grid) return f(parts as Scalar[]);
  const rows = grid.length;
  const cols = grid[0]?.length ?? 0;
  const out: Scalar[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: Scalar[] = [];
    for (let c = 0; c < cols; c++) {
      const scalars = parts.map((p) => {
        if (!Array.isArray(p)) return p;
        if (p.length !== rows || (p[0]?.length ?? 0) !== cols) fail(VALUE_ERROR);
        return p[r][c];
      });
      try {
        row.push(f(scalars));
      } catch (e) {
        if (e instanceof ErrorSignal) row.push(e.value);
        else throw e;
      }
    }
    out.push(row);
  }
  return out;
}

function binary(operator: string, left: Scalar, right: Scalar): Scalar {
  switch (operator) {
    case '=':
      return compare(left, right) === 0;
    case '<>':
      return compare(left, right) !== 0;
    case '<':
      return compare(left, right) < 0;
    case '>':
      return compare(left, right) > 0;
    case '<=':
      return compare(left, right) <= 0;
    case '>=':
      return compare(left, right) >= 0;
    case '&':
      return toText(left) + toText(right);
  }
  const x = toNumber(left);
  const y = toNumber(right);
  switch (operator) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return y === 0 ? fail(DIV_ZERO) : x / y;
    case '^':
      return Math.pow(x, y);
  }
  throw new Unsupported(`operator ${operator}`);
}

function evaluateNode(node: FormulaNode, at: Evaluation): Value {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'reference':
      return evaluateReference(node, at);
    case 'name': {
      const reference = at.context.name?.(node.name);
      if (!reference) throw new Unsupported(`unknown name ${node.name}`);
      // Defined names hold absolute references: they do not move with the cell.
      return evaluateNode(parseFormula(reference), { ...at, rowOffset: 0, colOffset: 0 });
    }
    case 'negate':
      return -toNumber(singleValue(evaluateNode(node.operand, at)));
    case 'percent':
      return toNumber(singleValue(evaluateNode(node.operand, at))) / 100;
    case 'binary':
      return binary(node.operator, singleValue(evaluateNode(node.left, at)), singleValue(evaluateNode(node.right, at)));
    case 'call': {
      const definition = FUNCTIONS[node.name];
      if (!definition) throw new Unsupported(`function ${node.name}`);
      if (node.args.length < definition.minArgs || node.args.length > definition.maxArgs) {
        throw new Unsupported(`${node.name} with ${node.args.length} argument(s)`);
      }
      return definition.call(argumentsOf(node.args, at));
    }
  }
}

/**
 * Evaluate `formula`, written for cell `base`, as it reads in cell `at`. Returns the value (an error value for
 * Excel errors such as #DIV/0!); throws `Unsupported` for what this evaluator does not implement.
 */
export function evaluateFormula(
  formula: string,
  context: FormulaContext,
  at: { row: number; col: number },
  base: { row: number; col: number } = at,
): Scalar {
  const tree = parseFormula(formula);
  const evaluation: Evaluation = { context, rowOffset: at.row - base.row, colOffset: at.col - base.col, row: at.row, col: at.col };
  try {
    const value = singleValue(evaluateNode(tree, evaluation));
    // A formula giving a blank cell (=A1, INDEX of an empty cell) shows 0, as in Excel and LibreOffice.
    return value === null ? 0 : value;
  } catch (e) {
    if (e instanceof ErrorSignal) return e.value;
    throw e;
  }
}

/** Excel's `=`/`<`/`>` ordering of two values (-1, 0, 1); `Unsupported` when either is an error value. */
export function compareValues(a: Scalar, b: Scalar): number {
  try {
    return compare(a, b);
  } catch (e) {
    if (e instanceof ErrorSignal) throw new Unsupported(`comparison with ${e.value.error}`);
    throw e;
  }
}

/** A conditional format's formula is "true" when it gives TRUE or a non-zero number; text and errors are not. */
export function isTruthy(v: Scalar): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  return false;
}

export { Unsupported, type Scalar, type Value } from './values';
