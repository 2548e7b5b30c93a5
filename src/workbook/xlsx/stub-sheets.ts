/**
 * Loading a workbook without the cells of sheets the caller is about to rewrite whole (a check's results and
 * summary): ExcelJS would spend most of a check's load building the 400,000 cells of a 5,000-line results sheet only
 * for the check to drop them. Those sheets are handed to ExcelJS with an empty <sheetData> — every row keeps its
 * element and attributes (heights, styles), a cell with a note keeps an empty element so the note still finds it —
 * and everything else in the sheet (columns, merges, conditional formats, validations, views, page setup, tables,
 * notes) as it is. The original package is untouched: a save patches it (package-patch.ts), and a stubbed sheet the
 * tool did not rewrite is copied from it byte for byte.
 *
 * The port refuses to write to a stubbed sheet before clearing it whole (xlsx-port.ts), and a stubbed workbook cannot
 * drop its original package (journal.ts forgetOrigin): its cells would be lost.
 */
import { findElement, getAttr, innerXml, isRelType, relationships, relsPathOf, resolveTarget } from './ooxml';
import { readEntry, type ZipEntry } from './zip-scan';
import { utf8, writeZip, type ZipOut } from './zip-write';

const decoder = { decode: (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes) };

function byName(entries: ZipEntry[]): Map<string, ZipEntry> {
  const m = new Map<string, ZipEntry>();
  for (const e of entries) m.set(e.name.replace(/^\//, '').toLowerCase(), e);
  return m;
}

/** A sheet's XML with its cells dropped (rows kept, empty; cells in `noted` kept as empty elements), or undefined
 * when the sheet is not written in a form this understands (prefixed elements, rows or cells without addresses). */
export function stubSheetXml(xml: string, noted: ReadonlySet<string>): string | undefined {
  const open = /<sheetData\b[^>]*?(\/?)>/.exec(xml);
  if (!open) return undefined;
  if (open[1] === '/') return xml;
  const start = open.index + open[0].length;
  const end = xml.indexOf('</sheetData>', start);
  if (end < 0) return undefined;
  const data = xml.slice(start, end);
  const parts: string[] = [];
  const rowRe = /<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g;
  let at = 0;
  for (let m = rowRe.exec(data); m; m = rowRe.exec(data)) {
    // Anything between rows but whitespace (a prefixed element, an extension): not ours to judge.
    if (data.slice(at, m.index).trim()) return undefined;
    at = m.index + m[0].length;
    const attrs = m[1];
    if (!/\sr\s*=/.test(attrs)) return undefined;
    const kept: string[] = [];
    if (noted.size > 0 && m[2]) {
      for (const c of m[2].matchAll(/<c\b([^>]*?)(?:\/>|>)/g)) {
        const ref = getAttr(`<c${c[1]}>`, 'r');
        if (ref === undefined) return undefined;
        if (noted.has(ref.toUpperCase())) kept.push(`<c r="${ref}"/>`);
      }
    }
    parts.push(kept.length ? `<row${attrs}>${kept.join('')}</row>` : `<row${attrs}/>`);
  }
  if (data.slice(at).trim()) return undefined;
  return xml.slice(0, start) + parts.join('') + xml.slice(end);
}

const GT = 0x3e;
const SLASH = 0x2f;
const ASCII = (text: string): number[] => [...text].map((ch) => ch.charCodeAt(0));
const SHEET_DATA_OPEN = ASCII('<sheetData');
const SHEET_DATA_CLOSE = ASCII('</sheetData>');
const ROW_OPEN = ASCII('<row');
const ROW_CLOSE = ASCII('</row>');

function indexOfBytes(bytes: Uint8Array, needle: number[], from: number): number {
  const first = needle[0];
  const last = bytes.length - needle.length;
  outer: for (let i = bytes.indexOf(first, from); i >= 0 && i <= last; i = bytes.indexOf(first, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/**
 * stubSheetXml for a sheet without notes, on the part's bytes: a results sheet of a large plan is tens of MB, and
 * decoding it to text only to drop its cells was most of the stubbing's cost. Undefined where the bytes are not in
 * the plain form this reads (the text path then decides).
 */
export function stubSheetBytes(bytes: Uint8Array): Uint8Array | undefined {
  const open = indexOfBytes(bytes, SHEET_DATA_OPEN, 0);
  if (open < 0) return undefined;
  const openEnd = bytes.indexOf(GT, open);
  if (openEnd < 0 || bytes[openEnd - 1] === SLASH) return undefined;
  const close = indexOfBytes(bytes, SHEET_DATA_CLOSE, openEnd);
  if (close < 0) return undefined;
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let at = openEnd + 1;
  while (at < close) {
    const row = indexOfBytes(bytes, ROW_OPEN, at);
    const next = row < 0 || row > close ? close : row;
    for (let i = at; i < next; i++) if (!isSpace(bytes[i])) return undefined;
    if (next === close) break;
    const after = bytes[row + ROW_OPEN.length];
    if (!(isSpace(after) || after === GT || after === SLASH)) return undefined;
    const tagEnd = bytes.indexOf(GT, row);
    if (tagEnd < 0 || tagEnd > close) return undefined;
    const selfClosing = bytes[tagEnd - 1] === SLASH;
    const attrs = decoder.decode(bytes.subarray(row + ROW_OPEN.length, selfClosing ? tagEnd - 1 : tagEnd));
    if (!/\sr\s*=/.test(attrs)) return undefined;
    parts.push(`<row${attrs}/>`);
    if (selfClosing) {
      at = tagEnd + 1;
    } else {
      const end = indexOfBytes(bytes, ROW_CLOSE, tagEnd);
      if (end < 0 || end > close) return undefined;
      at = end + ROW_CLOSE.length;
    }
  }
  const middle = new TextEncoder().encode(parts.join(''));
  const out = new Uint8Array(openEnd + 1 + middle.length + (bytes.length - close));
  out.set(bytes.subarray(0, openEnd + 1), 0);
  out.set(middle, openEnd + 1);
  out.set(bytes.subarray(close), openEnd + 1 + middle.length);
  return out;
}

/** Cell addresses with a note on a sheet (from its comments part), upper case. */
async function notedCells(bytes: Uint8Array, parts: Map<string, ZipEntry>, sheetPart: string): Promise<Set<string>> {
  const out = new Set<string>();
  const relsEntry = parts.get(relsPathOf(sheetPart).toLowerCase());
  if (!relsEntry) return out;
  for (const r of relationships(decoder.decode(await readEntry(bytes, relsEntry)))) {
    if (r.external || !isRelType(r.type, 'comments')) continue;
    const e = parts.get(resolveTarget(sheetPart, r.target).toLowerCase());
    if (!e) continue;
    for (const m of decoder.decode(await readEntry(bytes, e)).matchAll(/<(?:\w+:)?comment\b[^>]*>/g)) {
      const ref = getAttr(m[0], 'ref');
      if (ref) out.add(ref.toUpperCase());
    }
  }
  return out;
}

/**
 * The archive to hand ExcelJS: `bytes` with the sheets named in `sheets` (case-insensitive) stubbed, and the names
 * of the sheets stubbed. The same bytes, and no names, when there is nothing to stub.
 */
export async function withStubbedSheets(bytes: Uint8Array, entries: ZipEntry[], sheets: readonly string[]): Promise<{ bytes: Uint8Array; stubbed: string[] }> {
  const none = { bytes, stubbed: [] };
  if (sheets.length === 0) return none;
  const wanted = new Set(sheets.map((s) => s.toLowerCase()));
  const parts = byName(entries);
  const text = async (name: string): Promise<string | undefined> => {
    const e = parts.get(name.toLowerCase());
    return e ? decoder.decode(await readEntry(bytes, e)) : undefined;
  };
  const rootRels = await text('_rels/.rels');
  const main = rootRels ? relationships(rootRels).find((r) => isRelType(r.type, 'officeDocument')) : undefined;
  const wbPath = main ? resolveTarget('', main.target) : 'xl/workbook.xml';
  const wbXml = await text(wbPath);
  const wbRels = await text(relsPathOf(wbPath));
  if (!wbXml || !wbRels) return none;
  const rels = new Map(relationships(wbRels).map((r) => [r.id, r]));
  const replaced = new Map<string, Uint8Array>();
  const stubbed: string[] = [];
  for (const m of innerXml(findElement(wbXml, 'sheets')?.text ?? '').matchAll(/<sheet\b[^>]*>/g)) {
    const name = getAttr(m[0], 'name');
    if (name === undefined || !wanted.has(name.toLowerCase())) continue;
    const id = /\s([\w.-]+:)?id\s*=\s*["']([^"']*)["']/.exec(m[0].replace(/\ssheetId\s*=\s*["'][^"']*["']/, ''))?.[2];
    const rel = id ? rels.get(id) : undefined;
    if (!rel || rel.external) continue;
    const part = resolveTarget(wbPath, rel.target);
    const entry = parts.get(part.toLowerCase());
    if (!entry) continue;
    const data = await readEntry(bytes, entry);
    const noted = await notedCells(bytes, parts, part);
    let stub = noted.size === 0 ? stubSheetBytes(data) : undefined;
    if (!stub) {
      const xml = stubSheetXml(decoder.decode(data), noted);
      if (xml === undefined) continue;
      stub = utf8(xml);
    }
    replaced.set(part.toLowerCase(), stub);
    stubbed.push(name);
  }
  if (replaced.size === 0) return none;
  const out: ZipOut[] = entries.map((e) => {
    const data = replaced.get(e.name.replace(/^\//, '').toLowerCase());
    return data ? { name: e.name, data } : { name: e.name, from: { bytes, entry: e } };
  });
  return { bytes: await writeZip(out), stubbed };
}
