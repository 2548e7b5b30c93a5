/**
 * Reading cells as planners type them: a grid over a sheet snapshot (merged areas resolved), header folding, and
 * parsers for numbers, dates, yes/no and choices that say what is wrong with a cell instead of guessing.
 */
import type { Bilingual } from '../../i18n/format';
import { FALSE_WORDS, TRUE_WORDS, inputText } from '../../i18n/workbook';
import { foldName, parseNumberText } from '../../plan/normalise';
import { BASELINE_MIN, NUMBER_MAX } from '../../plan/format';
import { columnLetters, parseRange } from '../a1';
import type { CellValue, SheetSnapshot } from '../port';

/** A sheet snapshot addressed 1-based, as Excel shows it. */
export class Grid {
  readonly rows: number;
  readonly cols: number;
  /** Cell key → the top-left cell of the merged area it belongs to (only for cells other than the top-left). */
  private readonly mergedInto = new Map<number, { row: number; col: number }>();
  /** Top-left cell key → the merged area's last column. */
  private readonly mergeRight = new Map<number, number>();

  constructor(readonly snapshot: SheetSnapshot) {
    this.rows = snapshot.values.length;
    this.cols = snapshot.values.reduce((m, r) => Math.max(m, r.length), 0);
    for (const m of snapshot.merges) {
      let r;
      try {
        r = parseRange(m);
      } catch {
        continue;
      }
      this.mergeRight.set(this.key(r.top, r.left), r.right);
      // Merged areas are few and small on real sheets; a huge one is only walked within the used range.
      for (let row = r.top; row <= Math.min(r.bottom, this.rows); row++) {
        for (let col = r.left; col <= Math.min(r.right, this.cols); col++) {
          if (row !== r.top || col !== r.left) this.mergedInto.set(this.key(row, col), { row: r.top, col: r.left });
        }
      }
    }
  }

  get name(): string {
    return this.snapshot.name;
  }

  private key(row: number, col: number): number {
    return row * 20_000 + col;
  }

  /** The value a cell holds (null for blanks and for cells outside the used range). */
  raw(row: number, col: number): CellValue {
    return this.snapshot.values[row - 1]?.[col - 1] ?? null;
  }

  /** The value a cell shows, with a merged area's value given to every cell of the area. */
  value(row: number, col: number): CellValue {
    const master = this.mergedInto.get(this.key(row, col));
    return master ? this.raw(master.row, master.col) : this.raw(row, col);
  }

  /** Whether the cell is a merged area's cell other than its top-left one. */
  isMergedTail(row: number, col: number): boolean {
    return this.mergedInto.has(this.key(row, col));
  }

  /** The column after the merged area starting at (row, col), or col + 1 when the cell is not merged. */
  nextCol(row: number, col: number): number {
    return (this.mergeRight.get(this.key(row, col)) ?? col) + 1;
  }

  numberFormat(row: number, col: number): string | undefined {
    return this.snapshot.numberFormats?.[row - 1]?.[col - 1];
  }

  text(row: number, col: number): string {
    return cellText(this.value(row, col)).trim();
  }
}

export function address(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

export function isBlank(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

export function isError(v: CellValue): v is { error: string } {
  return typeof v === 'object' && v !== null && 'error' in v;
}

/** A cell as text, for messages and for text fields. */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v.error;
}

/** A header or label as compared: folded width and case, without spaces, brackets and punctuation. */
export function foldHeader(s: string): string {
  return foldName(s).replace(/[()[\]{}「」『』【】〔〕<>＜＞:：.。,、;；?？!！'"’”“*＊※\\/／|]/g, '');
}

/** A folded label → key index over every spelling. */
export function labelIndex<K extends string>(spellings: Iterable<[K, string]>): Map<string, K> {
  const index = new Map<string, K>();
  for (const [k, s] of spellings) {
    const f = foldHeader(s);
    if (f && !index.has(f)) index.set(f, k);
  }
  return index;
}

export type Parsed<T> = { kind: 'blank' } | { kind: 'ok'; value: T } | { kind: 'bad'; what: Bilingual };

const blank = { kind: 'blank' } as const;
const ok = <T>(value: T): Parsed<T> => ({ kind: 'ok', value });
const bad = <T>(what: Bilingual): Parsed<T> => ({ kind: 'bad', what });

/** A number as a cell holds it or as typed text ("1,200", "１２００"). */
export function parseNumberCell(v: CellValue, bound: 'any' | 'nonNegative' | 'positive' = 'any'): Parsed<number> {
  if (isBlank(v)) return blank;
  if (isError(v)) return bad(inputText.errorValue(v.error));
  let n: number | null;
  if (typeof v === 'number') n = Number.isFinite(v) ? v : null;
  else if (typeof v === 'string') n = parseNumberText(v);
  else n = null;
  const raw = cellText(v).trim();
  if (n === null) return bad(inputText.notNumber(raw));
  if (Object.is(n, -0)) n = 0;
  if (bound === 'nonNegative' && n < 0) return bad(inputText.negative(raw));
  if (bound === 'positive' && n <= 0) return bad(inputText.notPositive(raw));
  // The plan file's bounds (src/plan/format.ts): beyond them ratios overflow and Excel loses digits.
  if (Math.abs(n) > NUMBER_MAX || (bound === 'positive' && n < BASELINE_MIN)) return bad(inputText.outOfRange(raw));
  return ok(n);
}

/** A share typed as 0.85, "0.85" or "85%". */
export function parseShareCell(v: CellValue): Parsed<number> {
  if (typeof v === 'string' && /[%％]\s*$/.test(v)) {
    const n = parseNumberText(v.replace(/[%％]\s*$/, ''));
    if (n === null) return bad(inputText.badShare(v.trim()));
    const share = Number((n / 100).toPrecision(15));
    return share >= 0 && share <= 1 ? ok(share) : bad(inputText.badShare(v.trim()));
  }
  const p = parseNumberCell(v);
  if (p.kind !== 'ok') return p.kind === 'bad' && !isError(v) ? bad(inputText.badShare(cellText(v).trim())) : p;
  return p.value >= 0 && p.value <= 1 ? p : bad(inputText.badShare(cellText(v).trim()));
}

/** A text field: any string or number; error values and booleans are not text a planner meant. */
export function parseTextCell(v: CellValue): Parsed<string> {
  if (isBlank(v)) return blank;
  if (isError(v)) return bad(inputText.errorValue(v.error));
  if (typeof v === 'boolean') return bad(inputText.notAValue(cellText(v)));
  return ok(cellText(v).trim());
}

const TRUE_SET = new Set(TRUE_WORDS.map(foldHeaderKeepMarks));
const FALSE_SET = new Set(FALSE_WORDS.map(foldHeaderKeepMarks));

/** Folding for yes/no marks: like foldHeader but "-" and "—" survive (they are the answer, not punctuation). */
function foldHeaderKeepMarks(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase().replace(/[\s\u3000]+/g, '');
}

/** Yes/no as TRUE/FALSE, ✔/—, はい/いいえ, 1/0 … */
export function parseBoolCell(v: CellValue, yesNo: readonly string[]): Parsed<boolean> {
  if (v === null || isBlank(v)) return blank;
  if (isError(v)) return bad(inputText.errorValue(v.error));
  if (typeof v === 'boolean') return ok(v);
  if (typeof v === 'number') return v === 1 ? ok(true) : v === 0 ? ok(false) : bad(inputText.badChoice(String(v), [...yesNo]));
  const f = foldHeaderKeepMarks(v);
  if (TRUE_SET.has(f)) return ok(true);
  if (FALSE_SET.has(f)) return ok(false);
  return bad(inputText.badChoice(v.trim(), [...yesNo]));
}

/** One of a few choices, typed in either language. */
export function parseChoiceCell<K extends string>(v: CellValue, words: Readonly<Record<K, readonly string[]>>, shown: string[]): Parsed<K> {
  if (isBlank(v)) return blank;
  if (isError(v)) return bad(inputText.errorValue(v.error));
  const f = foldHeader(cellText(v));
  for (const k of Object.keys(words) as K[]) {
    if (words[k].some((w) => foldHeader(w) === f)) return ok(k);
  }
  return bad(inputText.badChoice(cellText(v).trim(), shown));
}

const MS_PER_DAY = 86_400_000;
/** 1899-12-30: serial 0 of Excel's 1900 date system (serials from 61 on; Excel's phantom 1900-02-29 is 60). */
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);
const ERAS: Record<string, number> = { 令和: 2018, r: 2018, 平成: 1988, h: 1988 };

function iso(y: number, m: number, d: number): string | null {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Days from the 1900 system's serial 0 to the 1904 system's (1904-01-01): a 1904 serial plus this is a 1900 one. */
const DAYS_1904 = 1462;

/** A date serial (in the 1900 system, or the 1904 one when date1904) as YYYY-MM-DD; null when it is no date. */
export function serialToIso(serial: number, date1904 = false): string | null {
  if (date1904) serial += DAYS_1904;
  if (!Number.isFinite(serial) || serial < 61 || serial > 2_958_465) return null;
  const dt = new Date(SERIAL_EPOCH + Math.floor(serial) * MS_PER_DAY);
  return iso(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

/** YYYY-MM-DD as a date serial, in the 1900 system or the 1904 one when date1904. */
export function isoToSerial(date: string, date1904 = false): number {
  const [y, m, d] = date.split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - SERIAL_EPOCH) / MS_PER_DAY) - (date1904 ? DAYS_1904 : 0);
}

/**
 * A date as a serial (a date cell), or typed as text: "2024-04-01", "2024/4/1", "2024.4.1", "2024年4月1日",
 * "令和6年4月1日", "R6.4.1" (a time after the date is ignored). A serial is read in the workbook's date system.
 */
export function parseDateCell(v: CellValue, date1904 = false): Parsed<string> {
  if (isBlank(v)) return blank;
  if (isError(v)) return bad(inputText.errorValue(v.error));
  const raw = cellText(v).trim();
  if (typeof v === 'number') {
    const d = serialToIso(v, date1904);
    return d ? ok(d) : bad(inputText.notDate(raw));
  }
  if (typeof v !== 'string') return bad(inputText.notDate(raw));
  const s = v.normalize('NFKC').trim().replace(/[T\s]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(z|[+-]\d{2}:?\d{2})?$/i, '').trim();
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (m) {
    const d = iso(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? ok(d) : bad(inputText.notDate(raw));
  }
  m = /^(令和|平成|r|h)\s*(\d{1,2}|元)\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/i.exec(s);
  if (m) {
    const era = ERAS[m[1].toLowerCase()];
    const n = m[2] === '元' ? 1 : Number(m[2]);
    const d = iso(era + n, Number(m[3]), Number(m[4]));
    return d ? ok(d) : bad(inputText.notDate(raw));
  }
  return bad(inputText.notDate(raw));
}
