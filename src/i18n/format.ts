export type Lang = 'ja' | 'en';
export const LANGS: readonly Lang[] = ['ja', 'en'];

/** A text in both languages. */
export interface Bilingual {
  ja: string;
  en: string;
}

/** A decimal written with thousands separators and no exponent ("12,345.6"). */
export function formatNumber(value: number | string | { toFixed(): string }): string {
  const s = typeof value === 'number' ? numberToPlain(value) : typeof value === 'string' ? value : value.toFixed();
  const neg = s.startsWith('-');
  const [int, frac] = (neg ? s.slice(1) : s).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + grouped + (frac ? `.${frac}` : '');
}

function numberToPlain(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
}

/** The seed's section numbering in English: 第3章第2節 i → Ch. 3 Sec. 2 (i). */
export function sectionEn(section: string): string {
  // ① under (1) is the list's first entry: 第2章第2節(1)① reads "Ch. 2 Sec. 2 (1)-1".
  const circled: Record<string, string> = { '①': '-1', '②': '-2', '③': '-3' };
  const kana: Record<string, string> = { ア: 'a', イ: 'b', ウ: 'c', エ: 'd' };
  const roman: Record<string, string> = { ⅰ: 'i', ⅱ: 'ii', ⅲ: 'iii', ⅳ: 'iv', ⅴ: 'v' };
  return section
    .replace(/^附則(\d+)$/, 'Supplementary provisions, para. $1')
    .replace(/第(\d+)章/g, 'Ch. $1 ')
    .replace(/第(\d+)節/g, 'Sec. $1 ')
    .replace(/[①②③]/g, (c) => circled[c])
    .replace(/\(([アイウエ])\)/g, (_, k: string) => `(${kana[k]})`)
    .replace(/\(([ⅰⅱⅲⅳⅴ])\)/g, (_, r: string) => `(${roman[r]})`)
    .replace(/ (i{1,3})$/, ' ($1)')
    .replace(/\s+/g, ' ')
    .trim();
}

export function sectionIn(section: string, lang: Lang): string {
  return lang === 'ja' ? section : sectionEn(section);
}
