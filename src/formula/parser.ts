/**
 * Tokens → a syntax tree, with Excel's precedence: comparison < & < + - < * / < ^ < unary minus < %, every binary
 * operator left-associative (=2^3^2 is 64, =-2^2 is 4). Throws `Unsupported` for what it cannot read.
 */
import { lex, type CellPart, type Token } from './lexer';
import { Unsupported, type Scalar } from './values';

/** A reference as written: each end's column and row (absent for whole rows or columns), relative or absolute. */
export interface ReferenceEnd {
  col?: { absolute: boolean; value: number };
  row?: { absolute: boolean; value: number };
}

export type FormulaNode =
  | { kind: 'literal'; value: Scalar }
  | { kind: 'reference'; sheet?: string; from: ReferenceEnd; to?: ReferenceEnd }
  | { kind: 'name'; name: string }
  | { kind: 'negate'; operand: FormulaNode }
  | { kind: 'percent'; operand: FormulaNode }
  | { kind: 'binary'; operator: string; left: FormulaNode; right: FormulaNode }
  | { kind: 'call'; name: string; args: FormulaNode[] };

const PRECEDENCE: Record<string, number> = { '=': 1, '<>': 1, '<': 1, '>': 1, '<=': 1, '>=': 1, '&': 2, '+': 3, '-': 3, '*': 4, '/': 4, '^': 5 };

function cellEnd(p: CellPart): ReferenceEnd {
  return { col: { absolute: p.colAbsolute, value: p.col }, row: { absolute: p.rowAbsolute, value: p.row } };
}

/** A reference token (after an optional sheet prefix) → its node, or undefined for a token that is not one. */
function referenceNode(token: Token, sheet: string | undefined): FormulaNode | undefined {
  switch (token.kind) {
    case 'cell':
      return { kind: 'reference', sheet, from: cellEnd(token.ref) };
    case 'area':
      return { kind: 'reference', sheet, from: cellEnd(token.from), to: cellEnd(token.to) };
    case 'columns': {
      const end = (p: { absolute: boolean; col: number }): ReferenceEnd => ({ col: { absolute: p.absolute, value: p.col } });
      return { kind: 'reference', sheet, from: end(token.from), to: end(token.to) };
    }
    case 'rows': {
      const end = (p: { absolute: boolean; row: number }): ReferenceEnd => ({ row: { absolute: p.absolute, value: p.row } });
      return { kind: 'reference', sheet, from: end(token.from), to: end(token.to) };
    }
    default:
      return undefined;
  }
}

export function parseTokens(all: Token[]): FormulaNode {
  const tokens = all.filter((t) => t.kind !== 'space');
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const take = (): Token => {
    const token = tokens[position++];
    if (!token) throw new Unsupported('unexpected end of formula');
    return token;
  };
  const expectKind = (kind: Token['kind']) => {
    const token = take();
    if (token.kind !== kind) throw new Unsupported(`expected ${kind} at ${token.start}`);
  };

  const callArguments = (): FormulaNode[] => {
    expectKind('open');
    const args: FormulaNode[] = [];
    if (peek()?.kind === 'close') {
      position++;
      return args;
    }
    for (;;) {
      // An empty argument (IF(A1,,1)) is a blank.
      const next = peek();
      if (next?.kind === 'comma' || next?.kind === 'close') args.push({ kind: 'literal', value: null });
      else args.push(expression(1));
      const separator = take();
      if (separator.kind === 'close') return args;
      if (separator.kind !== 'comma') throw new Unsupported(`expected , or ) at ${separator.start}`);
    }
  };

  const primary = (): FormulaNode => {
    const token = take();
    switch (token.kind) {
      case 'number':
        return { kind: 'literal', value: token.value };
      case 'string':
        if (!token.text.endsWith('"') || token.text.length < 2) throw new Unsupported('unterminated string');
        return { kind: 'literal', value: token.value };
      case 'error':
        return { kind: 'literal', value: { error: token.value } };
      case 'sheet': {
        const reference = referenceNode(take(), token.sheet);
        if (!reference) throw new Unsupported(`expected a reference after ${token.text}`);
        return reference;
      }
      case 'cell':
      case 'area':
      case 'columns':
      case 'rows':
        return referenceNode(token, undefined)!;
      case 'name': {
        const upper = token.name.toUpperCase();
        if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'literal', value: upper === 'TRUE' };
        return { kind: 'name', name: token.name };
      }
      case 'function':
        return { kind: 'call', name: token.name, args: callArguments() };
      case 'open': {
        const inner = expression(1);
        expectKind('close');
        return inner;
      }
      case 'operator':
        if (token.op === '-') return { kind: 'negate', operand: unary() };
        if (token.op === '+') return unary();
        throw new Unsupported(`unexpected ${token.op}`);
      default:
        throw new Unsupported(`unexpected ${token.text || token.kind}`);
    }
  };

  // Excel binds unary minus tighter than ^, and % after everything.
  const unary = (): FormulaNode => {
    let node = primary();
    for (let t = peek(); t?.kind === 'operator' && t.op === '%'; t = peek()) {
      position++;
      node = { kind: 'percent', operand: node };
    }
    return node;
  };

  const expression = (minPrecedence: number): FormulaNode => {
    let left = unary();
    for (;;) {
      const token = peek();
      if (!token || token.kind !== 'operator' || !(token.op in PRECEDENCE)) return left;
      const precedence = PRECEDENCE[token.op];
      if (precedence < minPrecedence) return left;
      position++;
      left = { kind: 'binary', operator: token.op, left, right: expression(precedence + 1) };
    }
  };

  const tree = expression(1);
  if (position !== tokens.length) throw new Unsupported(`unexpected ${tokens[position].text} at ${tokens[position].start}`);
  return tree;
}

/**
 * Parsed formulas by their text. A workbook is recalculated after every edit and each filled cell has its own text,
 * so the cache holds a whole workbook's formulas (a 5,000-line plan has ~50,000); past that it starts over.
 */
const cache = new Map<string, FormulaNode>();
const CACHE_SIZE = 100_000;

/** Parse a formula (with or without its leading "="), cached. */
export function parseFormula(formula: string): FormulaNode {
  let tree = cache.get(formula);
  if (!tree) {
    tree = parseTokens(lex(formula.trim().replace(/^=/, '')));
    if (cache.size >= CACHE_SIZE) cache.clear();
    cache.set(formula, tree);
  }
  return tree;
}
