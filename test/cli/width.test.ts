/** Display width for terminal tables: Japanese takes two columns, so columns line up in a Japanese terminal. */
import { displayWidth, layoutColumns, padEndDisplay, padStartDisplay, truncateDisplay } from '../../src/cli/width';

describe('displayWidth', () => {
  test.each([
    ['', 0],
    ['CNC', 3],
    ['ＣＮＣ', 6],
    ['ボールねじ', 10],
    ['ﾎﾞｰﾙねじ', 8], // half-width kana and their voiced marks take one column each
    ['減速機 reducer', 14],
    ['全角　スペース', 14],
    ['（2021年比）', 12],
    ['✔ ✖', 3],
    ['1,234.5', 7],
    ['e\u0301', 1], // combining accent
    ['😀', 2],
    ['𠮷', 2], // outside the BMP
  ])('%j is %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('padding and layout', () => {
  test('pads by display width', () => {
    expect(padEndDisplay('減速機', 8)).toBe('減速機  ');
    expect(padStartDisplay('12', 4)).toBe('  12');
    expect(padEndDisplay('ボールねじ', 4)).toBe('ボールねじ');
  });

  test('truncates without splitting a wide character', () => {
    expect(truncateDisplay('ミネラルキャスト', 9)).toBe('ミネラ...');
    expect(truncateDisplay('ミネラルキャスト', 8)).toBe('ミネ...');
    expect(displayWidth(truncateDisplay('ミネラルキャスト', 10))).toBeLessThanOrEqual(10);
    expect(truncateDisplay('short', 10)).toBe('short');
  });

  test('columns line up whatever the script', () => {
    const lines = layoutColumns(
      [
        ['品目', '見込み'],
        ['ボールねじ', '144,000'],
        ['CNC', '103'],
      ],
      ['left', 'right'],
    );
    expect(lines.map(displayWidth)).toEqual([19, 19, 19]);
    expect(lines[1]).toBe('ボールねじ  144,000');
    expect(lines[2]).toBe('CNC             103');
  });
});
