/**
 * Writing a zip archive whose untouched entries are copied from the original archive as they are — the same
 * compressed bytes, the same checksum, no recompression — and whose new or changed entries are deflated here.
 * This is what lets a check hand back a planner's workbook with every part it does not own byte for byte.
 *
 * No Node-only API (the browser preview saves through this too): new entries are deflated with the standard
 * CompressionStream ("deflate-raw"); where a runtime lacks it they are stored uncompressed (still a valid .xlsx).
 */
import { crc32, entryData, type ZipEntry } from './zip-scan';

/**
 * An entry copied from `source` unchanged, new content for `name` (in one piece, or in several written in order), or
 * new content already packed (pack(): a large part compressed as soon as it is made, so its bytes can go).
 */
export type ZipOut = { name: string; from: { bytes: Uint8Array; entry: ZipEntry } } | { name: string; data: Uint8Array | Uint8Array[] } | { name: string; packed: Packed };

/** New content as the archive holds it: deflated (stored where the runtime cannot deflate), its checksum and size. */
export interface Packed {
  method: number;
  crc: number;
  size: number;
  body: Uint8Array;
}

/** Content packed for the archive (see Packed). */
export async function pack(data: Uint8Array | Uint8Array[]): Promise<Packed> {
  const C = compressor();
  const pieces = Array.isArray(data) ? data : [data];
  const crc = pieces.reduce((c, piece) => crc32(piece, c), 0);
  const size = pieces.reduce((n, piece) => n + piece.length, 0);
  if (C && size > 0) return { method: 8, crc, size, body: await deflateRaw(pieces, C) };
  return { method: 0, crc, size, body: pieces.length === 1 ? pieces[0] : concat(pieces, size) };
}

type Compressor = new (format: 'deflate-raw') => TransformStream<Uint8Array, Uint8Array>;

function compressor(): Compressor | undefined {
  const C = (globalThis as { CompressionStream?: Compressor }).CompressionStream;
  if (!C) return undefined;
  try {
    new C('deflate-raw');
    return C;
  } catch {
    return undefined;
  }
}

async function deflateRaw(data: Uint8Array[], C: Compressor): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let next = 0;
  // Pulled one piece at a time: a large part is never held whole beside its compressed form.
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next < data.length) controller.enqueue(data[next++]);
      else controller.close();
    },
  });
  const reader = source.pipeThrough(new C('deflate-raw')).getReader();
  for (;;) {
    const next = await reader.read();
    if (next.done) break;
    chunks.push(next.value);
    size += next.value.length;
  }
  return concat(chunks, size);
}

function concat(chunks: Uint8Array[], size = chunks.reduce((n, c) => n + c.length, 0)): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** UTF-8 bytes of text, for a changed part. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** A little-endian byte writer for the headers. */
class Bytes {
  private readonly parts: number[] = [];
  u16(n: number): this {
    this.parts.push(n & 0xff, (n >>> 8) & 0xff);
    return this;
  }
  u32(n: number): this {
    this.parts.push(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
    return this;
  }
  done(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** DOS date and time of `d` (what zip headers hold). */
function dosTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

const U32_MAX = 0xffffffff;

/**
 * The archive, entries in the order given. Sizes above 4 GB (ZIP64) are not written: the size limits keep a
 * workbook far below that.
 */
export async function writeZip(entries: ZipOut[], now = new Date()): Promise<Uint8Array> {
  const { time, date } = dosTime(now);
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    let method: number;
    let crc: number;
    let size: number;
    let body: Uint8Array;
    if ('from' in e) {
      // As it was: the stored or deflated bytes, with their checksum and sizes (no data descriptor needed).
      method = e.from.entry.method;
      crc = e.from.entry.crc;
      size = e.from.entry.unpackedSize;
      body = entryData(e.from.bytes, e.from.entry);
    } else {
      ({ method, crc, size, body } = 'packed' in e ? e.packed : await pack(e.data));
    }
    if (offset > U32_MAX || body.length > U32_MAX || size > U32_MAX) throw new RangeError('zip: an entry over 4 GB');
    const name = utf8(e.name);
    // Bit 11: the name is UTF-8.
    const flags = 0x0800;
    const local = new Bytes().u32(0x04034b50).u16(20).u16(flags).u16(method).u16(time).u16(date).u32(crc).u32(body.length).u32(size).u16(name.length).u16(0).done();
    central.push(
      new Bytes().u32(0x02014b50).u16(20).u16(20).u16(flags).u16(method).u16(time).u16(date).u32(crc).u32(body.length).u32(size).u16(name.length).u16(0).u16(0).u16(0).u16(0).u32(0).u32(offset).done(),
      name,
    );
    chunks.push(local, name, body);
    offset += local.length + name.length + body.length;
  }
  const directory = concat(central);
  const end = new Bytes().u32(0x06054b50).u16(0).u16(0).u16(entries.length).u16(entries.length).u32(directory.length).u32(offset).u16(0).done();
  return concat([...chunks, directory, end]);
}
