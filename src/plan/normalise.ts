/**
 * Normalising what people type: item and use names in Japanese or English, full- or half-width, and numbers
 * written as text ("1,200", "１２００"). Pure functions, no I/O.
 */
import { AMBIGUOUS_ITEM_NAMES, ITEMS, USES, type ItemId, type UseId } from '../policy';

/** Fold full-width letters and digits to ASCII, lower-case, and drop spaces and the separators people vary. */
export function foldName(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u3000_・･]+/g, '')
    .replace(/[‐-―−ｰ]/g, '-');
}

function buildIndex<T extends string>(entries: readonly { id: T; ja: string; en: string; aliases: readonly string[] }[]) {
  const index = new Map<string, T>();
  for (const e of entries) {
    for (const name of [e.id, e.ja, e.en, ...e.aliases]) {
      index.set(foldName(name), e.id);
      index.set(foldName(name).replace(/-/g, ''), e.id);
    }
  }
  return index;
}

const itemIndex = buildIndex(ITEMS);
const useIndex = buildIndex(USES);

/** Names seen, and their ids: a plan names the same few items on every line, and folding (NFKC) is not free. */
const itemCache = new Map<string, ItemId | null>();
const ITEM_CACHE_MAX = 1000;

/** The canonical item id for a name, or null when it is not one of the nine eligible items. */
export function itemId(name: string): ItemId | null {
  const seen = itemCache.get(name);
  if (seen !== undefined) return seen;
  const f = foldName(name);
  const id = itemIndex.get(f) ?? itemIndex.get(f.replace(/-/g, '')) ?? null;
  if (itemCache.size < ITEM_CACHE_MAX) itemCache.set(name, id);
  return id;
}

const ambiguousIndex = new Map<string, readonly ItemId[]>();
for (const entry of AMBIGUOUS_ITEM_NAMES) for (const name of entry.names) ambiguousIndex.set(foldName(name), entry.candidates);

/** The items a word could name when it names more than one (a bare 「コントローラ」: CNC or PLC), else null. */
export function ambiguousItem(name: string): readonly ItemId[] | null {
  if (itemId(name) !== null) return null;
  const f = foldName(name);
  return ambiguousIndex.get(f) ?? ambiguousIndex.get(f.replace(/-/g, '')) ?? null;
}

/** The canonical use id for a name, or null when it is not a use of the multiplier table. */
export function useId(name: string): UseId | null {
  const f = foldName(name);
  return useIndex.get(f) ?? useIndex.get(f.replace(/-/g, '')) ?? null;
}

const PLAIN_DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const GROUPED_DECIMAL = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/**
 * A number typed as text, or null when it is not one. Accepts full-width digits, thousands separators
 * ("1,200") and surrounding spaces; rejects anything else (units, "N/A", two decimal points …).
 */
export function parseNumberText(text: string): number | null {
  const s = text.normalize('NFKC').trim().replace(/[，]/g, ',');
  if (s === '') return null;
  let digits: string;
  if (PLAIN_DECIMAL.test(s)) digits = s;
  else if (GROUPED_DECIMAL.test(s)) digits = s.replace(/,/g, '');
  else return null;
  const n = Number(digits);
  return Number.isFinite(n) ? n : null;
}
