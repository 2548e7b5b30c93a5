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
    const xml = await text(part);
    if (xml === undefined) continue;
    const stub = stubSheetXml(xml, await notedCells(bytes, parts, part));
    if (stub === undefined) continue;
    replaced.set(part.toLowerCase(), utf8(stub));
    stubbed.push(name);
  }
  if (replaced.size === 0) return none;
  const out: ZipOut[] = entries.map((e) => {
    const data = replaced.get(e.name.replace(/^\//, '').toLowerCase());
    return data ? { name: e.name, data } : { name: e.name, from: { bytes, entry: e } };
  });
  return { bytes: await writeZip(out), stubbed };
}
