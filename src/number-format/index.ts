/**
 * Display text of a cell value under an Excel number format. The formatting itself is the `numfmt` package (MIT),
 * which follows Excel closely (sections, conditions such as [>=1000], fractions, scaling, colours, 曜日 `aaa`);
 * this wrapper adds what it leaves to its caller and our workbooks need: the 1904 date system (a workbook option
 * numfmt does not know), Japanese day and month names, a colour as CSS, and Excel's General alignment.
 * Japanese era years (g/e codes) are not handled beyond what numfmt does: no format our workbooks write uses them.
 */
import * as numfmt from 'numfmt';

export type DisplayValue = number | string | boolean | Date | null | { error: string };

export interface Formatted {
  text: string;
  /** A colour from a [Red]-style tag, as CSS. */
  color?: string;
  /** Numbers and dates align right, text left, logicals and errors centre (Excel's General alignment). */
  align: 'left' | 'right' | 'center';
}

export interface FormatOptions {
  /** The workbook counts dates from 1904-01-01 (a Mac Excel option) instead of 1900-01-00. */
  date1904?: boolean;
}

/** Days between the two date systems' day 0: serial 0 in 1904 is serial 1462 in 1900. */
const DAYS_1904 = 1462;

/** Excel's day 0 is 1899-12-30 once the 1900 leap-year bug is folded in (dates after February 1900). */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export function dateToSerial(d: Date, options: FormatOptions = {}): number {
  const serial = (d.getTime() - EPOCH_1900) / DAY_MS;
  return options.date1904 ? serial - DAYS_1904 : serial;
}

export function serialToDate(serial: number, options: FormatOptions = {}): Date {
  return new Date(EPOCH_1900 + Math.round((options.date1904 ? serial + DAYS_1904 : serial) * DAY_MS));
}

const NAMED_COLOURS: Record<string, string> = {
  black: '#000000',
  blue: '#0000ff',
  cyan: '#00ffff',
  green: '#00ff00',
  magenta: '#ff00ff',
  red: '#ff0000',
  white: '#ffffff',
  yellow: '#ffff00',
};

function isGeneral(format: string | undefined): boolean {
  return !format || !format.trim() || /^general$/i.test(format.trim());
}

export function isDateNumberFormat(format: string | undefined): boolean {
  if (isGeneral(format)) return false;
  try {
    return numfmt.isDateFormat(format!);
  } catch {
    return false;
  }
}

const JAPANESE_DAYS = ['日', '月', '火', '水', '木', '金', '土'];

/**
 * `aaa` / `aaaa` (曜日: 水 / 水曜日) → the day's name as a quoted literal. Excel shows them in Japanese whatever the
 * other codes' language (ddd stays Wed), and numfmt ties both to one locale, so the day is filled in here.
 */
function withJapaneseDays(pattern: string, serial: number): string {
  if (!/a{3}/i.test(pattern)) return pattern;
  const day = JAPANESE_DAYS[new Date(EPOCH_1900 + Math.floor(serial) * DAY_MS).getUTCDay()];
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '"') {
      const end = pattern.indexOf('"', i + 1);
      const stop = end < 0 ? pattern.length : end + 1;
      out += pattern.slice(i, stop);
      i = stop - 1;
    } else if (ch === '\\' || ch === '_' || ch === '*') {
      out += pattern.slice(i, i + 2);
      i++;
    } else if (/^a{3}/i.test(pattern.slice(i))) {
      const long = /^a{4}/i.test(pattern.slice(i));
      out += `"${day}${long ? '曜日' : ''}"`;
      i += long ? 3 : 2;
    } else out += ch;
  }
  return out;
}

/**
 * General in a cell as wide as its number: up to 15 significant digits (18517.685175, not the 11-character
 * 18517.68517 of a default-width column — our results columns are sized for their numbers, and LibreOffice shows
 * all digits). Very large and very small numbers keep numfmt's scientific form.
 */
function generalText(n: number): string {
  const abs = Math.abs(n);
  if (n === 0 || abs >= 1e15 || abs < 1e-9) return numfmt.format('General', n);
  return String(Number(n.toPrecision(15)));
}

/** The text a cell shows for `value` under `format`. */
export function formatValue(value: DisplayValue, format?: string, options: FormatOptions = {}): Formatted {
  if (value === null || value === undefined) return { text: '', align: 'left' };
  if (typeof value === 'object' && !(value instanceof Date)) return { text: value.error, align: 'center' };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', align: 'center' };
  const pattern = isGeneral(format) ? (value instanceof Date ? 'yyyy-mm-dd' : 'General') : format!;
  let input: number | string = typeof value === 'string' ? value : value instanceof Date ? dateToSerial(value) : value;
  // numfmt counts dates in the 1900 system; a 1904 workbook's serial is 1462 days behind.
  if (typeof value === 'number' && options.date1904 && isDateNumberFormat(pattern)) input = value + DAYS_1904;
  const align = typeof value === 'string' ? 'left' : 'right';
  if (pattern === 'General' && typeof input === 'number') return { text: generalText(input), align };
  try {
    const shown = typeof input === 'number' ? withJapaneseDays(pattern, input) : pattern;
    const text = numfmt.format(shown, input, { throws: true, leap1900: true });
    const colour = numfmt.formatColor(shown, input);
    const color = typeof colour === 'string' ? (NAMED_COLOURS[colour.toLowerCase()] ?? (colour.startsWith('#') ? colour : undefined)) : undefined;
    return color ? { text, color, align } : { text, align };
  } catch {
    // A format numfmt cannot read: show the value as General rather than nothing.
    return { text: typeof input === 'string' ? input : numfmt.format('General', input), align };
  }
}
