import {
  absoluteRefs,
  columnLetters,
  columnNumber,
  formatCell,
  formatRange,
  formulaFromR1C1,
  formulaToR1C1,
  parseCell,
  parseRange,
  quoteSheetName,
  rangeAt,
  rangeSize,
  shiftFormula,
  splitSheetAddress,
} from '../../src/workbook/a1';

describe('columns', () => {
  it.each([
    ['A', 1],
    ['Z', 26],
    ['AA', 27],
    ['AZ', 52],
    ['BA', 53],
    ['ZZ', 702],
    ['AAA', 703],
    ['XFD', 16384],
  ])('%s ⇄ %d', (letters, n) => {
    expect(columnNumber(letters)).toBe(n);
    expect(columnLetters(n)).toBe(letters);
  });

  it('round-trips every column', () => {
    for (let n = 1; n <= 16384; n++) expect(columnNumber(columnLetters(n))).toBe(n);
  });

  it('rejects columns beyond XFD and non-letters', () => {
    expect(() => columnNumber('XFE')).toThrow(/out of range/);
    expect(() => columnNumber('A1')).toThrow();
    expect(() => columnLetters(0)).toThrow();
  });
});

describe('cells and ranges', () => {
  it('parses and formats cells, ignoring $', () => {
    expect(parseCell('B3')).toEqual({ row: 3, col: 2 });
    expect(parseCell('$B$3')).toEqual({ row: 3, col: 2 });
    expect(formatCell({ row: 20, col: 6 })).toBe('F20');
    expect(() => parseCell('B0')).toThrow();
    expect(() => parseCell('B3:C4')).toThrow();
  });

  it('parses ranges in either corner order and sizes them', () => {
    expect(parseRange('B3:F20')).toEqual({ top: 3, left: 2, bottom: 20, right: 6 });
    expect(parseRange('F20:B3')).toEqual({ top: 3, left: 2, bottom: 20, right: 6 });
    expect(parseRange('C5')).toEqual({ top: 5, left: 3, bottom: 5, right: 3 });
    expect(rangeSize('B3:F20')).toEqual({ rows: 18, cols: 5 });
    expect(formatRange(parseRange('B3:F20'))).toBe('B3:F20');
    expect(formatRange(parseRange('C5'))).toBe('C5');
    expect(formatRange(rangeAt('B2', 3, 2))).toBe('B2:C4');
  });

  it('parses whole columns and rows', () => {
    expect(parseRange('B:D')).toMatchObject({ left: 2, right: 4, top: 1, bottom: 1_048_576 });
    expect(parseRange('$1:$3')).toMatchObject({ top: 1, bottom: 3, left: 1, right: 16384 });
  });

  it('quotes sheet names always, doubling quotes', () => {
    expect(quoteSheetName('計画')).toBe("'計画'");
    expect(quoteSheetName("O'Brien")).toBe("'O''Brien'");
  });

  it('splits sheet-qualified addresses', () => {
    expect(splitSheetAddress("'計画'!B3:C4")).toEqual({ sheet: '計画', address: 'B3:C4' });
    expect(splitSheetAddress("='O''Brien'!A1")).toEqual({ sheet: "O'Brien", address: 'A1' });
    expect(splitSheetAddress('基準!$A$2:$A$10')).toEqual({ sheet: '基準', address: '$A$2:$A$10' });
    expect(splitSheetAddress('B3')).toEqual({ address: 'B3' });
  });
});

describe('shiftFormula', () => {
  it('moves relative references and keeps absolute parts', () => {
    expect(shiftFormula('=B3*2', 1, 0)).toBe('=B4*2');
    expect(shiftFormula('=B3+$C$1+C$1+$D2', 2, 1)).toBe('=C5+$C$1+D$1+$D4');
    expect(shiftFormula('=SUM(B3:F3)', 5, 0)).toBe('=SUM(B8:F8)');
  });

  it('leaves the formula alone for a zero shift', () => {
    expect(shiftFormula('=A1', 0, 0)).toBe('=A1');
  });

  it('shifts sheet-qualified references but not the sheet names', () => {
    expect(shiftFormula("='計画'!B3*基準!$A$2", 1, 0)).toBe("='計画'!B4*基準!$A$2");
    expect(shiftFormula('=Q1!A1+Q1', 1, 1)).toBe('=Q1!B2+R2');
    expect(shiftFormula("='It''s A1'!A1", 1, 0)).toBe("='It''s A1'!A2");
  });

  it('never touches strings, function names or numbers', () => {
    expect(shiftFormula('=IF(A1="B3","C4",LOG10(A1))', 1, 0)).toBe('=IF(A2="B3","C4",LOG10(A2))');
    expect(shiftFormula('="say ""A1"""&A1', 1, 0)).toBe('="say ""A1"""&A2');
    expect(shiftFormula('=A1*1E5+1.5E3+ATAN2(1,A1)', 1, 0)).toBe('=A2*1E5+1.5E3+ATAN2(1,A2)');
    expect(shiftFormula('=TRUE+FALSE+A1', 1, 0)).toBe('=TRUE+FALSE+A2');
  });

  it('leaves defined names, structured references and error literals alone', () => {
    expect(shiftFormula('=合計値*A1+Table1[[#This Row],[B1]]', 1, 0)).toBe('=合計値*A2+Table1[[#This Row],[B1]]');
    expect(shiftFormula('=IFERROR(A1,#REF!)', 1, 0)).toBe('=IFERROR(A2,#REF!)');
    expect(shiftFormula('=_xlfn.XLOOKUP(A1,B:B,C:C)', 1, 0)).toBe('=_xlfn.XLOOKUP(A2,B:B,C:C)');
  });

  it('shifts whole-column and whole-row ranges', () => {
    expect(shiftFormula('=COUNTIF(B:B,A1)', 3, 1)).toBe('=COUNTIF(C:C,B4)');
    expect(shiftFormula('=SUM($B:C)', 0, 1)).toBe('=SUM($B:D)');
    expect(shiftFormula('=SUM(2:3)+SUM($1:$1)', 2, 0)).toBe('=SUM(4:5)+SUM($1:$1)');
  });

  it('turns references pushed off the sheet into #REF!', () => {
    expect(shiftFormula('=A1', -1, 0)).toBe('=#REF!');
    expect(shiftFormula('=SUM(B2:C3)', 0, -2)).toBe('=SUM(#REF!)');
    expect(shiftFormula('=SUM(B2:C3)', 0, -1)).toBe('=SUM(A2:B3)');
  });

  it('accepts lower-case references', () => {
    expect(shiftFormula('=a1+b$2', 1, 1)).toBe('=B2+C$2');
  });
});

describe('R1C1', () => {
  it('converts relative, absolute and mixed references from the base cell', () => {
    expect(formulaToR1C1('=B3*2', 3, 3)).toBe('=RC[-1]*2');
    expect(formulaToR1C1('=$B$3', 10, 10)).toBe('=R3C2');
    expect(formulaToR1C1('=B$1+$A5', 5, 3)).toBe('=R1C[-1]+RC1');
    expect(formulaToR1C1("=SUM('計画'!B2:D2)", 3, 2)).toBe("=SUM('計画'!R[-1]C:R[-1]C[2])");
    expect(formulaToR1C1('=COUNTIF(B:B,A1)+SUM(1:1)', 2, 2)).toBe('=COUNTIF(C:C,R[-1]C[-1])+SUM(R[-1]:R[-1])');
  });

  it('leaves strings and functions alone', () => {
    expect(formulaToR1C1('=IF(A1>0,"A1",LOG10(A1))', 1, 2)).toBe('=IF(RC[-1]>0,"A1",LOG10(RC[-1]))');
  });

  it('round-trips through formulaFromR1C1 at any cell', () => {
    const formulas = [
      '=B3*2',
      '=$B$3+B$1+$A5',
      "=SUM('計画'!B2:D2)/基準!$A$2",
      '=IF(A1>0,"R1C1",ROUND(A1,2))',
      '=COUNTIF(B:B,A1)+SUM($1:$1)',
    ];
    for (const f of formulas) {
      const r1c1 = formulaToR1C1(f, 5, 4);
      expect(formulaFromR1C1(r1c1, 5, 4)).toBe(f);
      // Read in another cell, the R1C1 formula is the A1 formula shifted.
      expect(formulaFromR1C1(r1c1, 9, 6)).toBe(shiftFormula(f, 4, 2));
    }
  });
});

describe('absoluteRefs', () => {
  it('makes every reference absolute', () => {
    expect(absoluteRefs('A2:A10')).toBe('$A$2:$A$10');
    expect(absoluteRefs("'基準'!A$2:$B3")).toBe("'基準'!$A$2:$B$3");
  });
});
