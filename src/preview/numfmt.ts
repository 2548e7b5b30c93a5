/**
 * Display text of a cell value under an Excel number format, for the preview's sheet view. Covers what workbooks
 * like ours use: General, digit patterns (0, #, ?, grouping, decimals, %, scientific), sections (positive;negative;
 * zero;text), quoted literals, colour tags, and date/time codes. Anything else is shown as General.
 */
export type DisplayValue = number | string | boolean | Date | null | { error: string };

export interface Formatted {
  text: string;
  /** A colour from a [Red]-style tag, as CSS. */
  color?: string;
  /** Numbers and dates align right, text left, logicals and errors centre (Excel's General alignment). */
  align: 'left' | 'right' | 'center';
}

const COLOURS: Record<string, string> = {
  black: '#000000',
  blue: '#0000ff',
  cyan: '#00ffff',
  green: '#008000',
  magenta: '#ff00ff',
  red: '#ff0000',
  white: '#ffffff',
  yellow: '#ffff00',
};

/** Excel's day 0 is 1899-12-30 (with the 1900 leap-year bug folded in for dates after February 1900). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export function dateToSerial(d: Date): number {
  return (d.getTime() - EXCEL_EPOCH) / 86_400_000;
}

export function serialToDate(serial: number): Date {
  return new Date(EXCEL_EPOCH + Math.round(serial * 86_400_000));
}

/** General: up to 11 significant characters, like Excel's default column. */
export function generalNumber(n: number): string {
  if (!Number.isFinite(n)) return '#NUM!';
  if (n === 0) return '0';
  const abs = Math.abs(n);
  if (abs >= 1e11 || abs < 1e-9) {
    const [m, e] = n.toExponential(5).split('e');
    const exp = Number(e);
    return `${m.replace(/\.?0+$/, '')}E${exp < 0 ? '-' : '+'}${pad(Math.abs(exp), 2)}`;
  }
  const intDigits = Math.max(1, Math.floor(Math.log10(abs)) + 1);
  const decimals = Math.max(0, 10 - intDigits);
  return String(Number(n.toFixed(decimals)));
}

/** Split a format into its ;-sections, leaving quoted text and escapes intact. */
function sections(fmt: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch === '"') {
      const j = fmt.indexOf('"', i + 1);
      const end = j < 0 ? fmt.length : j;
      cur += fmt.slice(i, end + 1);
      i = end;
    } else if (ch === '\\' || ch === '_' || ch === '*') {
      cur += fmt.slice(i, i + 2);
      i++;
    } else if (ch === ';') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

/** Strip [Red], [$-411], [$¥-411] tags; return the colour and the currency text a tag carries. */
function stripTags(section: string): { body: string; color?: string; conditional: boolean } {
  let color: string | undefined;
  let conditional = false;
  const body = section.replace(/\[([^\]]*)\]/g, (_, tag: string) => {
    const lower = tag.toLowerCase();
    if (COLOURS[lower]) color = COLOURS[lower];
    else if (/^color\d+$/.test(lower)) color = undefined;
    else if (/^[<>=]/.test(tag)) conditional = true;
    else if (tag.startsWith('$')) {
      const currency = tag.slice(1).split('-')[0];
      return currency ? `"${currency}"` : '';
    } else if (/^(h+|m+|s+)$/i.test(tag)) return tag; // elapsed time: [h]
    return '';
  });
  return { body, color, conditional };
}

/** Tokens of a section: literal text and format codes. */
function literalise(body: string): { code: string; lit: boolean }[] {
  const out: { code: string; lit: boolean }[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '"') {
      const j = body.indexOf('"', i + 1);
      const end = j < 0 ? body.length : j;
      out.push({ code: body.slice(i + 1, end), lit: true });
      i = end;
    } else if (ch === '\\') {
      out.push({ code: body[i + 1] ?? '', lit: true });
      i++;
    } else if (ch === '_') {
      out.push({ code: ' ', lit: true });
      i++;
    } else if (ch === '*') {
      i++;
    } else out.push({ code: ch, lit: false });
  }
  return out;
}

function isDateFormat(body: string): boolean {
  const codes = literalise(body)
    .filter((t) => !t.lit)
    .map((t) => t.code)
    .join('');
  return /[yYdD]|[hH]|[sS]|[mM]/.test(codes.replace(/General/gi, '').replace(/E[+-]/g, '')) && !/[0#?]/.test(codes);
}

export function isDateNumberFormat(fmt: string | undefined): boolean {
  if (!fmt || /^general$/i.test(fmt)) return false;
  return isDateFormat(stripTags(sections(fmt)[0]).body);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatDate(serial: number, body: string): string {
  const d = serialToDate(serial);
  const tokens = literalise(body);
  const hasAmPm = tokens.some((t) => !t.lit && /[aA]/.test(t.code)) && /AM\/PM|A\/P/i.test(body);
  // Group runs of the same code letter.
  const runs: { code: string; lit: boolean }[] = [];
  for (const t of tokens) {
    const last = runs[runs.length - 1];
    if (!t.lit && last && !last.lit && last.code[0].toLowerCase() === t.code.toLowerCase() && /[ymdhs]/i.test(t.code)) last.code += t.code;
    else runs.push({ ...t });
  }
  let out = '';
  const hours = d.getUTCHours();
  for (let i = 0; i < runs.length; i++) {
    const { code, lit } = runs[i];
    if (lit) {
      out += code;
      continue;
    }
    const c = code.toLowerCase();
    if (c[0] === 'y') out += c.length <= 2 ? pad(d.getUTCFullYear() % 100, 2) : String(d.getUTCFullYear());
    else if (c[0] === 'd') {
      if (c.length === 1) out += d.getUTCDate();
      else if (c.length === 2) out += pad(d.getUTCDate(), 2);
      else out += d.toLocaleDateString('en-US', { weekday: c.length === 3 ? 'short' : 'long', timeZone: 'UTC' });
    } else if (c[0] === 'm') {
      // "m" after an hour or before a second is minutes.
      const prev = runs.slice(0, i).reverse().find((r) => !r.lit && /[a-z]/i.test(r.code));
      const next = runs.slice(i + 1).find((r) => !r.lit && /[a-z]/i.test(r.code));
      const minutes = (prev && /^h/i.test(prev.code)) || (next && /^s/i.test(next.code));
      if (minutes) out += c.length === 1 ? d.getUTCMinutes() : pad(d.getUTCMinutes(), 2);
      else if (c.length === 1) out += d.getUTCMonth() + 1;
      else if (c.length === 2) out += pad(d.getUTCMonth() + 1, 2);
      else out += d.toLocaleDateString('en-US', { month: c.length === 3 ? 'short' : 'long', timeZone: 'UTC' });
    } else if (c[0] === 'h') {
      const h = hasAmPm ? ((hours + 11) % 12) + 1 : hours;
      out += c.length === 1 ? h : pad(h, 2);
    } else if (c[0] === 's') out += c.length === 1 ? d.getUTCSeconds() : pad(d.getUTCSeconds(), 2);
    else if (c === 'a' && /^AM\/PM/i.test(runs.slice(i).map((r) => r.code).join(''))) {
      out += hours < 12 ? 'AM' : 'PM';
      i += 4; // "A","M","/","P","M"
    } else if (c === 'g' || c === 'e') {
      // Japanese era codes: shown as the Western year, which is what a reader needs here.
      if (c === 'e' && !/e/i.test(runs[i - 1]?.code ?? '')) out += String(d.getUTCFullYear());
    } else out += code;
  }
  return out;
}

function groupThousands(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function formatDigits(value: number, body: string): string {
  const tokens = literalise(body);
  const codes = tokens.map((t) => (t.lit ? '' : t.code)).join('');
  if (/^general$/i.test(codes.trim())) return tokens.map((t) => (t.lit ? t.code : '')).join('') + generalNumber(value);
  let v = value;
  const percent = (codes.match(/%/g) ?? []).length;
  v *= Math.pow(100, percent);
  const sci = /[eE][+-]/.exec(codes);
  // Trailing commas after the last digit placeholder scale by 1000 each.
  const scale = /[0#?](,+)(?![0#?])/.exec(codes);
  if (scale && !sci) v /= Math.pow(1000, scale[1].length);
  const firstDigit = codes.search(/[0#?]/);
  if (firstDigit < 0) return tokens.map((t) => t.code).join('');
  const dot = codes.indexOf('.', firstDigit);
  const numberEnd = (() => {
    let j = firstDigit;
    while (j < codes.length && /[0#?,.]/.test(codes[j])) j++;
    if (sci) j = Math.max(j, codes.length);
    return j;
  })();
  const intPart = codes.slice(firstDigit, dot >= 0 && dot < numberEnd ? dot : numberEnd);
  const fracPart = dot >= 0 && dot < numberEnd ? codes.slice(dot + 1, numberEnd).replace(/[eE][+-].*$/, '') : '';
  const decimals = (fracPart.match(/[0#?]/g) ?? []).length;
  const minFrac = (fracPart.match(/0/g) ?? []).length;
  const minInt = (intPart.match(/0/g) ?? []).length;
  const grouping = /[0#?],[0#?]/.test(intPart);
  let numText: string;
  if (sci) {
    const expDigits = (codes.slice(sci.index + 2).match(/0/g) ?? []).length || 1;
    const [m, e] = Math.abs(v).toExponential(decimals).split('e');
    const exp = Number(e);
    numText = `${m}E${exp < 0 ? '-' : sci[0][1] === '+' ? '+' : ''}${pad(Math.abs(exp), expDigits)}`;
  } else {
    let fixed = Math.abs(v).toFixed(decimals);
    let [i, f = ''] = fixed.split('.');
    while (f.length > minFrac && f.endsWith('0')) f = f.slice(0, -1);
    if (i === '0' && minInt === 0) i = '';
    i = i.padStart(minInt, '0');
    if (grouping) i = groupThousands(i);
    fixed = f || (decimals > 0 && minFrac === 0 && fracPart.length) ? `${i}.${f}` : i;
    numText = fixed;
  }
  // Re-assemble: literal text before and after the number keeps its place.
  let out = '';
  let placed = false;
  let pos = 0;
  for (const t of tokens) {
    if (t.lit) {
      out += t.code;
      continue;
    }
    const at = pos;
    pos += t.code.length;
    if (at >= firstDigit && at < numberEnd) {
      if (!placed) {
        out += numText;
        placed = true;
      }
      continue;
    }
    if (t.code === '%') out += '%';
    else if (t.code === '@') continue;
    else out += t.code;
  }
  return out;
}

/** The text a cell shows for `value` under `numFmt`. */
export function formatValue(value: DisplayValue, numFmt?: string): Formatted {
  if (value === null || value === undefined) return { text: '', align: 'left' };
  if (typeof value === 'object' && !(value instanceof Date)) return { text: value.error, align: 'center' };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', align: 'center' };
  const fmt = numFmt && numFmt.trim() ? numFmt : 'General';
  if (typeof value === 'string') {
    const parts = sections(fmt);
    const textSection = parts.length >= 4 ? parts[3] : parts.find((p) => p.includes('@'));
    if (!textSection) return { text: value, align: 'left' };
    const { body, color } = stripTags(textSection);
    const text = literalise(body)
      .map((t) => (t.lit ? t.code : t.code === '@' ? value : t.code))
      .join('');
    return { text, color, align: 'left' };
  }
  const n = value instanceof Date ? dateToSerial(value) : value;
  try {
    if (/^general$/i.test(fmt)) {
      return value instanceof Date ? { text: formatDate(n, 'yyyy-mm-dd'), align: 'right' } : { text: generalNumber(n), align: 'right' };
    }
    const parts = sections(fmt);
    let section = parts[0];
    let negative = n < 0;
    if (n < 0 && parts.length >= 2 && parts[1] !== '') section = parts[1];
    else if (n === 0 && parts.length >= 3 && parts[2] !== '') {
      section = parts[2];
      negative = false;
    } else negative = n < 0;
    const usesOwnNegative = n < 0 && parts.length >= 2;
    const { body, color, conditional } = stripTags(section);
    if (conditional) return { text: generalNumber(n), align: 'right' };
    if (isDateFormat(body)) return { text: formatDate(n, body), color, align: 'right' };
    const text = formatDigits(usesOwnNegative ? Math.abs(n) : Math.abs(n), body);
    return { text: negative && !usesOwnNegative ? `-${text}` : text, color, align: 'right' };
  } catch {
    return { text: generalNumber(n), align: 'right' };
  }
}
