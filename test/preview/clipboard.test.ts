/** Pasting a block copied from Excel: its cells land where Excel would put them. */
import { clipboardCell, parseClipboardTable } from '../../src/preview/grid/clipboard';

describe('clipboard blocks', () => {
  test('tabs separate cells, newlines rows; the trailing newline Excel adds ends the block', () => {
    expect(parseClipboardTable('1\t2\r\n3\t4\r\n')).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(parseClipboardTable('single')).toEqual([['single']]);
    expect(parseClipboardTable('a\t\tc\n')).toEqual([['a', '', 'c']]);
  });

  test('a quoted cell may hold a newline, a tab or a quote', () => {
    expect(parseClipboardTable('"line1\nline2"\tx\n"say ""hi"""\ty\n')).toEqual([
      ['line1\nline2', 'x'],
      ['say "hi"', 'y'],
    ]);
  });

  test('a quote inside a plain cell is text', () => {
    expect(parseClipboardTable('5" screw\t1\n')).toEqual([['5" screw', '1']]);
  });

  test('a cell copied from the grid reads back as the same text', () => {
    for (const text of ['plain', 'tab\there', 'two\nlines', 'a "quote"']) expect(parseClipboardTable(clipboardCell(text) + '\r\n')).toEqual([[text]]);
  });
});
