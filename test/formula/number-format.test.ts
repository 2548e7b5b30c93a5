/**
 * What a cell shows under the number formats our workbooks and planners' workbooks use. The cases the home-made
 * formatter got wrong come first: each was visible in the preview's grid.
 */
import { dateToSerial, formatValue, isDateNumberFormat, serialToDate } from '../../src/number-format';

const shown = (value: Parameters<typeof formatValue>[0], format?: string, date1904 = false) => formatValue(value, format, { date1904 }).text;

describe('number formats', () => {
  test('0;-0;;@ (the results sheet) shows zero as blank, other numbers and text as they are', () => {
    expect(shown(0, '0;-0;;@')).toBe('');
    expect(shown(5, '0;-0;;@')).toBe('5');
    expect(shown(-5, '0;-0;;@')).toBe('-5');
    expect(shown('不足', '0;-0;;@')).toBe('不足');
  });

  test('fractions, conditions and scaling', () => {
    expect(shown(1.5, '# ?/?')).toBe('1 1/2');
    expect(shown(1500, '[>=1000]#,##0,"K";0')).toBe('2K');
    expect(shown(15, '[>=1000]#,##0,"K";0')).toBe('15');
  });

  test('曜日 (aaa, aaaa) in Japanese, ddd in English, as Excel shows them', () => {
    const wednesday = dateToSerial(new Date(Date.UTC(2023, 2, 15)));
    expect(shown(wednesday, 'aaa')).toBe('水');
    expect(shown(wednesday, 'yyyy"年"m"月"d"日"(aaaa)')).toBe('2023年3月15日(水曜日)');
    expect(shown(wednesday, 'ddd')).toBe('Wed');
    expect(shown(wednesday, '"aaa" yyyy')).toBe('aaa 2023');
  });

  test('the formats the layout writes', () => {
    expect(shown(1234567.4, '#,##0')).toBe('1,234,567');
    expect(shown(1.25, '0.0')).toBe('1.3');
    expect(shown(0.1234, '0.0%')).toBe('12.3%');
    expect(shown('x', '@')).toBe('x');
    expect(shown(dateToSerial(new Date(Date.UTC(2025, 5, 30))), 'yyyy-mm-dd')).toBe('2025-06-30');
    expect(shown(new Date(Date.UTC(2025, 5, 30)), 'yyyy-mm-dd')).toBe('2025-06-30');
  });

  test('General: Excel-like digits, a Date without a format as a date', () => {
    expect(shown(0.1 + 0.2)).toBe('0.3');
    expect(shown(1234.5)).toBe('1234.5');
    expect(shown(1e20)).toBe('1E+20');
    expect(shown(new Date(Date.UTC(2024, 0, 2)))).toBe('2024-01-02');
  });

  test('the 1904 date system: the same serial is a date 1462 days later', () => {
    expect(shown(0, 'yyyy-mm-dd', true)).toBe('1904-01-01');
    expect(shown(45000 - 1462, 'yyyy-mm-dd', true)).toBe(shown(45000, 'yyyy-mm-dd'));
    // A number format is not a date format: the number stays as it is.
    expect(shown(100, '0', true)).toBe('100');
    const d = new Date(Date.UTC(2030, 0, 1));
    expect(serialToDate(dateToSerial(d, { date1904: true }), { date1904: true })).toEqual(d);
    expect(dateToSerial(d) - dateToSerial(d, { date1904: true })).toBe(1462);
  });

  test('colours and alignment', () => {
    expect(formatValue(-3, '0;[Red]-0')).toEqual({ text: '-3', color: '#ff0000', align: 'right' });
    expect(formatValue('a', '@')).toEqual({ text: 'a', align: 'left' });
    expect(formatValue(true)).toEqual({ text: 'TRUE', align: 'center' });
    expect(formatValue({ error: '#N/A' })).toEqual({ text: '#N/A', align: 'center' });
    expect(formatValue(null)).toEqual({ text: '', align: 'left' });
  });

  test('which formats are dates', () => {
    expect(isDateNumberFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateNumberFormat('[$-411]ggge"年"m"月"d"日"')).toBe(true);
    expect(isDateNumberFormat('0.0')).toBe(false);
    expect(isDateNumberFormat('General')).toBe(false);
    expect(isDateNumberFormat(undefined)).toBe(false);
  });

  test('a format numfmt cannot read shows the value, not nothing', () => {
    expect(shown(12, '[invalid')).toBe('12');
  });
});
