/**
 * The evaluator's contract with the preview: what it cannot do is `Unsupported` (never a TypeError that would blank
 * the grid), text is measured as Excel measures it, wildcards escape as in Excel, relative references move with
 * the cell. The values themselves are checked against LibreOffice in test/libreoffice/formula-evaluator.test.ts.
 */
import { evaluateFormula, Unsupported, type FormulaContext, type Scalar } from '../../src/formula/evaluate';
import { FUNCTIONS } from '../../src/formula/functions';
import { lex } from '../../src/formula/lexer';

const cells: Record<string, Scalar> = { A1: 1, A2: 'a*b', A3: 'axb', B1: 10, B2: '😀' };
const context: FormulaContext = {
  cell: (_sheet, row, col) => cells[`${String.fromCharCode(64 + col)}${row}`] ?? null,
  name: (n) => (n.toLowerCase() === 'rate' ? '$B$1' : undefined),
};
const run = (formula: string, at = { row: 1, col: 3 }, base = at) => evaluateFormula(formula, context, at, base);

describe('formula evaluator', () => {
  test.each(['=MID("abc",1)', '=LEFT()', '=ROUND()', '=ROUND(1)', '=IF(TRUE)', '=NOPE(1)', '=SUM(A:A)', '={1,2}', '=1+'])(
    '%s is Unsupported, not a crash',
    (formula) => {
      expect(() => run(formula)).toThrow(Unsupported);
    },
  );

  test('every function declares how many arguments it takes', () => {
    for (const [name, f] of Object.entries(FUNCTIONS)) expect([name, f.minArgs <= f.maxArgs]).toEqual([name, true]);
  });

  test('text is counted in UTF-16 code units, as Excel counts it', () => {
    expect(run('=LEN(B2)')).toBe(2);
    expect(run('=LEN(LEFT(B2,1))')).toBe(1);
    expect(run('=MID("a😀b",4,1)')).toBe('b');
  });

  test('TRIM applies to each cell of a range in SUMPRODUCT, as in Excel (the checklist’s core-technology count)', () => {
    // A1 is the number 1 (as text "1"), A2 and A3 text: two cells say "axb" or "1" once trimmed and compared.
    expect(run('=SUMPRODUCT(--(TRIM(A1:A3&"")<>""))')).toBe(3);
    expect(run('=SUMPRODUCT(((TRIM(A1:A3&"")="1")+(TRIM(A1:A3&"")="AXB"))*1)')).toBe(2);
  });

  test('COUNTIF: ~ escapes a wildcard', () => {
    expect(run('=COUNTIF(A1:A3,"a*b")')).toBe(2);
    expect(run('=COUNTIF(A1:A3,"a~*b")')).toBe(1);
    expect(run('=COUNTIF(A1:A3,"a?b")')).toBe(2);
  });

  test('relative references move with the cell; absolute ones and defined names do not', () => {
    // Written for C1, read in C2: B1 becomes B2 ("😀", not a number); $B$1 stays.
    expect(run('=B1*2', { row: 1, col: 3 })).toBe(20);
    expect(run('=B1*2', { row: 2, col: 3 }, { row: 1, col: 3 })).toEqual({ error: '#VALUE!' });
    expect(run('=$B$1*2', { row: 2, col: 3 }, { row: 1, col: 3 })).toBe(20);
    expect(run('=rate*2', { row: 2, col: 3 }, { row: 1, col: 3 })).toBe(20);
  });

  test('errors are values, not exceptions', () => {
    expect(run('=1/0')).toEqual({ error: '#DIV/0!' });
    expect(run('=IFERROR(1/0,"x")')).toBe('x');
    expect(run('=rate+1')).toBe(11);
  });

  test('a blank cell reads as 0 when a formula shows it', () => {
    expect(run('=Z9')).toBe(0);
  });
});

describe('formula lexer', () => {
  test('lossless, with positions', () => {
    const src = `=IF('O''Brien'!A1:B2>0, "a""b", SUM($C$3,1E+5))`;
    const tokens = lex(src);
    expect(tokens.map((t) => t.text).join('')).toBe(src);
    for (const t of tokens) expect(src.slice(t.start, t.start + t.text.length)).toBe(t.text);
    expect(tokens.find((t) => t.kind === 'sheet')).toMatchObject({ sheet: "O'Brien" });
    expect(tokens.find((t) => t.kind === 'string')).toMatchObject({ value: 'a"b' });
    expect(tokens.filter((t) => t.kind === 'number').map((t) => t.kind === 'number' && t.value)).toEqual([0, 1e5]);
  });

  test('whole rows, whole columns and names are told apart', () => {
    expect(lex('1:3')[0].kind).toBe('rows');
    expect(lex('A:C')[0].kind).toBe('columns');
    expect(lex('LOG10(1)')[0].kind).toBe('function');
    expect(lex('ABCD1')[0].kind).toBe('name');
    expect(lex('Table1[Col]').map((t) => t.kind)).toEqual(['name', 'bracket']);
  });
});
