/**
 * A look inside an .xlsx (a zip archive) before ExcelJS parses it, so a hostile or oversized file is refused with a
 * plain message instead of exhausting memory: the zip directory is read without unpacking anything (part count,
 * declared sizes), then every part is unpacked once as a stream — nothing is kept but counters — to check the
 * sizes it really unpacks to (a zip bomb can declare small sizes), to verify each part's checksum (a damaged file
 * must not be read as a plan with other numbers in it) and to count the rows and cells of each worksheet.
 *
 * No Node-only API: the browser preview uses this too. Unpacking uses the standard DecompressionStream
 * ("deflate-raw"; Node 20, current browsers); where it is missing only the zip directory's figures are checked.
 */
import type { Bilingual } from '../../i18n/format';
import { xlsxText } from '../../i18n/xlsx';
import type { XlsxLimits } from './limits';

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc: number;
  compressedSize: number;
  unpackedSize: number;
  localOffset: number;
}

/** The zip structure is broken; `why` says how. */
export class ZipDamage extends Error {
  constructor(readonly why: Bilingual) {
    super(why.en);
    this.name = 'ZipDamage';
  }
}

/** A limit was exceeded while scanning; `which` names it, for the caller's message. */
export class ZipOverLimit extends Error {
  constructor(
    readonly which: 'parts' | 'data' | 'rows' | 'cells' | 'ranges',
    readonly detail: { count?: number; sheet?: string } = {},
  ) {
    super(`over the ${which} limit`);
    this.name = 'ZipOverLimit';
  }
}

/** Bytes as text; TextDecoder where there is one (browsers, Node), Buffer or plain code units otherwise (jsdom). */
function decode(bytes: Uint8Array, encoding: 'utf-8' | 'latin1'): string {
  if (typeof TextDecoder !== 'undefined') return new TextDecoder(encoding).decode(bytes);
  if (typeof Buffer !== 'undefined') return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString(encoding === 'utf-8' ? 'utf8' : 'latin1');
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]);
  return out;
}

const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const U32_MAX = 0xffffffff;

function u64(view: DataView, at: number): number {
  const v = view.getBigUint64(at, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipDamage(xlsxText.why.badDirectory);
  return Number(v);
}

/** The archive's entries, from its central directory. Throws ZipDamage when the directory is missing or broken. */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const len = bytes.byteLength;
  let eocd = -1;
  for (let at = len - 22; at >= Math.max(0, len - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === SIG_EOCD && at + 22 + view.getUint16(at + 20, true) <= len) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new ZipDamage(xlsxText.why.truncated);
  let count = view.getUint16(eocd + 10, true);
  let cdSize = view.getUint32(eocd + 12, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdSize === U32_MAX || cdOffset === U32_MAX) {
    const loc = eocd - 20;
    if (loc < 0 || view.getUint32(loc, true) !== SIG_ZIP64_LOCATOR) throw new ZipDamage(xlsxText.why.badDirectory);
    const z = u64(view, loc + 8);
    if (z + 56 > len || view.getUint32(z, true) !== SIG_ZIP64_EOCD) throw new ZipDamage(xlsxText.why.badDirectory);
    count = u64(view, z + 32);
    cdSize = u64(view, z + 40);
    cdOffset = u64(view, z + 48);
  }
  if (count > maxEntries) throw new ZipOverLimit('parts', { count });
  if (cdOffset + cdSize > len) throw new ZipDamage(xlsxText.why.truncated);
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > len || view.getUint32(p, true) !== SIG_CENTRAL) throw new ZipDamage(xlsxText.why.badDirectory);
    const flags = view.getUint16(p + 8, true);
    const method = view.getUint16(p + 10, true);
    const crc = view.getUint32(p + 16, true);
    let compressedSize = view.getUint32(p + 20, true);
    let unpackedSize = view.getUint32(p + 24, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    let localOffset = view.getUint32(p + 42, true);
    const end = p + 46 + nameLen + extraLen + commentLen;
    if (end > len) throw new ZipDamage(xlsxText.why.badDirectory);
    const name = decode(bytes.subarray(p + 46, p + 46 + nameLen), 'utf-8');
    // ZIP64: the 32-bit fields hold 0xFFFFFFFF and the real values sit in extra field 0x0001, in this order.
    if (unpackedSize === U32_MAX || compressedSize === U32_MAX || localOffset === U32_MAX) {
      let x = p + 46 + nameLen;
      const xEnd = x + extraLen;
      let found = false;
      while (x + 4 <= xEnd) {
        const id = view.getUint16(x, true);
        const size = view.getUint16(x + 2, true);
        if (id === 0x0001) {
          let q = x + 4;
          const take = () => {
            if (q + 8 > x + 4 + size) throw new ZipDamage(xlsxText.why.badDirectory);
            const v = u64(view, q);
            q += 8;
            return v;
          };
          if (unpackedSize === U32_MAX) unpackedSize = take();
          if (compressedSize === U32_MAX) compressedSize = take();
          if (localOffset === U32_MAX) localOffset = take();
          found = true;
          break;
        }
        x += 4 + size;
      }
      if (!found) throw new ZipDamage(xlsxText.why.badDirectory);
    }
    entries.push({ name, flags, method, crc, compressedSize, unpackedSize, localOffset });
    p = end;
  }
  return entries;
}

/** Where an entry's compressed bytes are, from its local header. */
export function entryData(bytes: Uint8Array, e: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = e.localOffset;
  if (at + 30 > bytes.byteLength || view.getUint32(at, true) !== SIG_LOCAL) throw new ZipDamage(xlsxText.why.badDirectory);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + e.compressedSize > bytes.byteLength) throw new ZipDamage(xlsxText.why.truncated);
  return bytes.subarray(start, start + e.compressedSize);
}

const CHUNK = 1 << 20;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 as zip uses it, continued over chunks (start with 0). */
export function crc32(data: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

type Decompressor = new (format: 'deflate-raw') => TransformStream<Uint8Array, Uint8Array>;

function decompressor(): Decompressor | undefined {
  const D = (globalThis as { DecompressionStream?: Decompressor }).DecompressionStream;
  if (!D) return undefined;
  try {
    new D('deflate-raw');
    return D;
  } catch {
    return undefined;
  }
}

/** Unpack one entry as a stream of chunks; `onChunk` may throw to stop early. */
async function unpack(data: Uint8Array, method: number, D: Decompressor, onChunk: (chunk: Uint8Array) => void): Promise<void> {
  if (method === 0) {
    for (let i = 0; i < data.length; i += CHUNK) onChunk(data.subarray(i, Math.min(i + CHUNK, data.length)));
    return;
  }
  let offset = 0;
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= data.length) {
        controller.close();
        return;
      }
      // A copy: some implementations detach the buffers they are given.
      controller.enqueue(data.slice(offset, Math.min(offset + CHUNK, data.length)));
      offset += CHUNK;
    },
  });
  const reader = source.pipeThrough(new D('deflate-raw')).getReader();
  try {
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch {
        throw new ZipDamage(xlsxText.why.badData);
      }
      if (next.done) return;
      onChunk(next.value);
    }
  } catch (e) {
    await reader.cancel().catch(() => undefined);
    throw e;
  }
}

/** Whether this runtime can unpack entries (readEntry works). */
export function canUnpack(): boolean {
  return decompressor() !== undefined;
}

/** An entry's content, unpacked (the archive has been through scanZip: sizes and checksums are known good). */
export async function readEntry(bytes: Uint8Array, e: ZipEntry): Promise<Uint8Array> {
  const data = entryData(bytes, e);
  if (e.method === 0) return data;
  const D = decompressor();
  if (!D) throw new Error('zip: this runtime cannot unpack deflated entries (no DecompressionStream)');
  const out = new Uint8Array(e.unpackedSize);
  let at = 0;
  await unpack(data, e.method, D, (chunk) => {
    if (at + chunk.length > out.length) throw new ZipDamage(xlsxText.why.sizeMismatch);
    out.set(chunk, at);
    at += chunk.length;
  });
  return out;
}

const LT = 0x3c;
/** Bytes after "<" that can hold a tag name worth looking at ("x:row" with a long prefix fits). */
const NAME_WINDOW = 48;

/** The longest <mergeCell>/<dataValidation> tag followed across chunks; a longer one counts as over the limit. */
const RANGE_TAG_MAX = 1 << 20;

/** Cells of a range list as OOXML writes it ("A1:B2 D4"), or of a defined name ("'S'!$A$1:$B$2,'S'!$C$3"). */
export function rangeArea(refs: string): number {
  let area = 0;
  for (const m of refs.matchAll(/\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?/g)) {
    const c1 = colNumber(m[1]);
    const r1 = Number(m[2]);
    const c2 = m[3] ? colNumber(m[3]) : c1;
    const r2 = m[4] ? Number(m[4]) : r1;
    area += (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
  }
  return area;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

const RANGE_TAGS = new Set(['mergeCell', 'dataValidation']);

/**
 * Counts, in XML arriving in chunks: <row> and <c> start tags (any namespace prefix), and the cells covered by
 * <mergeCell ref> and <dataValidation sqref> — ExcelJS makes one entry per covered cell, so a 200-byte tag naming
 * A1:XFD1048576 would cost it gigabytes.
 */
export class TagCounter {
  rows = 0;
  cells = 0;
  rangeCells = 0;
  private tail: Uint8Array | null = null;

  feed(chunk: Uint8Array): void {
    let data = chunk;
    if (this.tail) {
      data = new Uint8Array(this.tail.length + chunk.length);
      data.set(this.tail);
      data.set(chunk, this.tail.length);
      this.tail = null;
    }
    const len = data.length;
    let i = 0;
    for (;;) {
      const j = data.indexOf(LT, i);
      if (j < 0) return;
      // The tag name ends at whitespace, ">" or "/"; its local part follows the last ":".
      let k = j + 1;
      let colon = j;
      const stop = Math.min(len, j + 1 + NAME_WINDOW);
      while (k < stop) {
        const b = data[k];
        if (b === 0x20 || b === 0x3e || b === 0x2f || b === 0x09 || b === 0x0a || b === 0x0d) break;
        if (b === 0x3a) colon = k;
        k++;
      }
      if (k === stop && stop === len) {
        // The name may go on in the next chunk.
        this.tail = data.slice(j);
        return;
      }
      if (k < stop) {
        const n = k - colon - 1;
        const first = data[colon + 1];
        if (n === 1 && first === 0x63) this.cells++;
        else if (n === 3 && first === 0x72 && data[colon + 2] === 0x6f && data[colon + 3] === 0x77) this.rows++;
        else if ((n === 9 || n === 14) && (first === 0x6d || first === 0x64) && RANGE_TAGS.has(decode(data.subarray(colon + 1, k), 'latin1'))) {
          const end = data.indexOf(0x3e, k);
          if (end < 0) {
            if (len - j > RANGE_TAG_MAX) {
              this.rangeCells = Infinity;
              return;
            }
            this.tail = data.slice(j);
            return;
          }
          const tag = decode(data.subarray(k, end), 'latin1');
          const ref = /\s(?:sq)?ref\s*=\s*["']([^"']*)["']/.exec(tag);
          if (ref) this.rangeCells += rangeArea(ref[1]);
        }
      }
      i = j + 1;
    }
  }
}

function isWorksheet(name: string): boolean {
  return /^\/?xl\/worksheets\/[^/]+\.xml$/i.test(name);
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return XML_ENTITIES[e] ?? m;
  });
}

function attr(tag: string, name: string): string | undefined {
  const m = new RegExp(`\\s(?:[\\w.-]+:)?${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? unescapeXml(m[2] ?? m[3] ?? '') : undefined;
}

/** Worksheet part name → sheet name as the planner sees it, from xl/workbook.xml and its relationships. */
function sheetNames(workbookXml: string, relsXml: string): Map<string, string> {
  const targets = new Map<string, string>();
  for (const m of relsXml.matchAll(/<(?:[\w.-]+:)?Relationship\b[^>]*>/g)) {
    const id = attr(m[0], 'Id');
    const target = attr(m[0], 'Target');
    if (!id || !target) continue;
    const path = target.startsWith('/') ? target.slice(1) : `xl/${target}`;
    targets.set(id, path.replace(/\/\.\//g, '/'));
  }
  const out = new Map<string, string>();
  for (const m of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*>/g)) {
    const name = attr(m[0], 'name');
    const id = /\s[\w.-]+:id\s*=\s*("([^"]*)"|'([^']*)')/.exec(m[0]);
    const rid = id ? (id[2] ?? id[3]) : undefined;
    const target = rid ? targets.get(rid) : undefined;
    if (name !== undefined && target) out.set(target.toLowerCase(), name);
  }
  return out;
}

/** Small text parts are kept (as text) for the sheet names; anything bigger is not worth a name. */
const NAME_PART_BYTES = 4 * 1024 * 1024;

/**
 * Check an archive against the limits without keeping what it unpacks to. Throws ZipOverLimit or ZipDamage.
 * Returns false when this runtime cannot unpack (only the directory's figures were checked).
 */
export async function scanZip(bytes: Uint8Array, limits: XlsxLimits): Promise<boolean> {
  const entries = readZipDirectory(bytes, limits.maxEntries);
  if (entries.length > limits.maxEntries) throw new ZipOverLimit('parts', { count: entries.length });
  let declared = 0;
  for (const e of entries) {
    if (e.flags & 0x1) throw new ZipDamage(xlsxText.why.encrypted);
    if (e.method !== 0 && e.method !== 8) throw new ZipDamage(xlsxText.why.compression(e.method));
    if (e.method === 0 && e.compressedSize !== e.unpackedSize) throw new ZipDamage(xlsxText.why.sizeMismatch);
    declared += e.unpackedSize;
  }
  if (declared > limits.maxUnpackedBytes) throw new ZipOverLimit('data');
  const D = decompressor();
  if (!D) return false;

  // The workbook and its relationships first (small), so a worksheet over the row limit can be named.
  const lower = (e: ZipEntry) => e.name.replace(/^\//, '').toLowerCase();
  const order = [...entries].sort((a, b) => rank(lower(a)) - rank(lower(b)));
  const texts = new Map<string, string>();
  let names: Map<string, string> | undefined;
  let total = 0;
  let cells = 0;
  let rangeCells = 0;
  for (const e of order) {
    const key = lower(e);
    const keep = (key === 'xl/workbook.xml' || key === 'xl/_rels/workbook.xml.rels') && e.unpackedSize <= NAME_PART_BYTES;
    const parts: Uint8Array[] = [];
    const counter = isWorksheet(key) ? new TagCounter() : null;
    if (counter && !names) names = sheetNames(texts.get('xl/workbook.xml') ?? '', texts.get('xl/_rels/workbook.xml.rels') ?? '');
    let size = 0;
    let crc = 0;
    await unpack(entryData(bytes, e), e.method, D, (chunk) => {
      size += chunk.length;
      crc = crc32(chunk, crc);
      total += chunk.length;
      // A part that unpacks to more than it declared is a zip bomb or a damaged file: stop right there.
      if (size > e.unpackedSize) throw new ZipDamage(xlsxText.why.sizeMismatch);
      if (total > limits.maxUnpackedBytes) throw new ZipOverLimit('data');
      if (keep) parts.push(chunk.slice());
      if (counter) {
        const before = counter.cells;
        counter.feed(chunk);
        cells += counter.cells - before;
        if (counter.rows > limits.maxSheetRows) throw new ZipOverLimit('rows', { sheet: names?.get(key) ?? key.replace(/^xl\/worksheets\//, '') });
        if (cells > limits.maxCells) throw new ZipOverLimit('cells');
        if (rangeCells + counter.rangeCells > limits.maxRangeCells) throw new ZipOverLimit('ranges');
      }
    });
    if (counter) rangeCells += counter.rangeCells;
    if (size !== e.unpackedSize) throw new ZipDamage(xlsxText.why.sizeMismatch);
    // A flipped bit can still unpack to well-formed XML with another number in it: the checksum catches that.
    if (crc !== e.crc) throw new ZipDamage(xlsxText.why.checksum);
    if (keep) {
      const all = new Uint8Array(size);
      let at = 0;
      for (const p of parts) {
        all.set(p, at);
        at += p.length;
      }
      texts.set(key, decode(all, 'utf-8'));
    }
    if (key === 'xl/workbook.xml') {
      // Named ranges: ExcelJS keeps one entry per cell of each ($A$1:$B$2 …).
      const xml = texts.get(key) ?? '';
      for (const m of xml.matchAll(/<(?:[\w.-]+:)?definedName\b[^>]*>([^<]*)</g)) rangeCells += rangeArea(unescapeXml(m[1]).replace(/'[^']*'!|[^'!,\s]+!/g, ' '));
      if (rangeCells > limits.maxRangeCells) throw new ZipOverLimit('ranges');
    }
  }
  return true;
}

function rank(name: string): number {
  if (name === 'xl/workbook.xml') return 0;
  if (name === 'xl/_rels/workbook.xml.rels') return 1;
  return 2;
}
