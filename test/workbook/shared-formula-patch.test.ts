/**
 * patchSheetData and the planner's shared formulas (ECMA-376 Part 1 §18.3.1.40): a cell the tool only formats keeps
 * its XML but for its style; a group whose master the tool writes over leaves its other cells with formulas of their
 * own; a cell of ExcelJS's rendering in the tool's cells that still belongs to a group of the planner's whose master
 * is outside them gets its own formula; a group number used twice in one file still finds each member's master.
 */
import { parseRange } from '../../src/workbook/a1';
import { patchSheetData, type Remap } from '../../src/workbook/xlsx/sheet-patch';

/** Style and string indexes as they are (the mapping to the planner's parts is not what is tested here). */
const SAME = { styles: { xf: (n: number) => n }, strings: { index: (n: number) => n } } as unknown as Remap;

function patch(orig: string, gen: string, formatted: string[], written: string[]): string {
  const content = written.map(parseRange);
  const out: string[] = [];
  patchSheetData(orig, gen, [...formatted.map(parseRange), ...content], SAME, (s) => out.push(s), content);
  return out.join('');
}

const ORIG =
  '<row r="1"><c r="A1"><f t="shared" ref="A1:A4" si="0">B1*2</f><v>2</v></c></row>' +
  '<row r="2"><c r="A2" s="1"><f t="shared" si="0"/><v>4</v></c></row>' +
  '<row r="3"><c r="A3"><f t="shared" si="0"/><v>6</v></c><c r="C3"><f t="shared" ref="C3:D4" si="1">$B3+C$1</f><v>1</v></c><c r="D3"><f t="shared" si="1"/><v>1</v></c></row>' +
  '<row r="4"><c r="A4"><f t="shared" si="0"/><v>8</v></c><c r="C4"><f t="shared" si="1"/><v>1</v></c><c r="D4"><f t="shared" si="1"/><v>1</v></c></row>';

test('formatted cells keep their formulas; a group whose master is written over spells out its other cells', () => {
  // ExcelJS numbers the groups its own way (here 3 and 4).
  const gen =
    '<row r="1"><c r="A1"><f t="shared" ref="A1:A4" si="3">B1*2</f><v>2</v></c></row>' +
    '<row r="2"><c r="A2" s="5"><f t="shared" si="3"/><v>4</v></c></row>' +
    '<row r="3"><c r="A3" s="5"><f t="shared" si="3"/><v>6</v></c><c r="C3" s="2"><v>42</v></c></row>';
  expect(patch(ORIG, gen, ['A2:A3'], ['C3'])).toBe(
    '<row r="1"><c r="A1"><f t="shared" ref="A1:A4" si="0">B1*2</f><v>2</v></c></row>' +
      '<row r="2"><c r="A2" s="5"><f t="shared" si="0"/><v>4</v></c></row>' +
      '<row r="3"><c r="A3" s="5"><f t="shared" si="0"/><v>6</v></c><c r="C3" s="2"><v>42</v></c><c r="D3"><f>$B3+D$1</f><v>1</v></c></row>' +
      '<row r="4"><c r="A4"><f t="shared" si="0"/><v>8</v></c><c r="C4"><f>$B4+C$1</f><v>1</v></c><c r="D4"><f>$B4+D$1</f><v>1</v></c></row>',
  );
});

test('a cell of the rendering whose group’s master stays the planner’s gets its own formula', () => {
  const gen = '<row r="1"><c r="A1"><f t="shared" ref="A1:A4" si="0">B1*2</f><v>2</v></c></row><row r="3"><c r="A3"><f t="shared" si="0"/><v>6</v></c></row>';
  const out = patch(ORIG, gen, [], ['A3']);
  expect(out).toContain('<c r="A3"><f>B3*2</f><v>6</v></c>');
  // The rest of the group, and the other group, as written.
  expect(out).toContain('<row r="4"><c r="A4"><f t="shared" si="0"/><v>8</v></c><c r="C4"><f t="shared" si="1"/>');
});

test('a group number used twice: each member goes with the master whose range holds it', () => {
  const orig =
    '<row r="1"><c r="A1"><f t="shared" ref="A1:A2" si="0">B1</f></c><c r="C1"><f t="shared" ref="C1:C2" si="0">D1</f></c></row>' +
    '<row r="2"><c r="A2"><f t="shared" si="0"/></c><c r="C2"><f t="shared" si="0"/></c></row>';
  const gen = '<row r="1"><c r="C1"><v>7</v></c></row>';
  expect(patch(orig, gen, [], ['C1'])).toBe(
    '<row r="1"><c r="A1"><f t="shared" ref="A1:A2" si="0">B1</f></c><c r="C1"><v>7</v></c></row>' + '<row r="2"><c r="A2"><f t="shared" si="0"/></c><c r="C2"><f>D2</f></c></row>',
  );
});
