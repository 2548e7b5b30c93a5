/**
 * Hostile and awkward input files, built at test time into a temporary directory (nothing big is committed):
 * broken and truncated archives, zip bombs (honest and lying), a sheet of a million rows, and workbooks a planner
 * could really send — 32,767-character cells, "NaN" and "Infinity" typed into number cells, full-width digits,
 * thousands separators, dates as serial numbers, formulas that return errors, renamed and deleted sheets, and a
 * plan table moved down and right.
 *
 * Archives are written by the small zip writer below, because a zip bomb needs what no zip library offers: a
 * deflate stream made of one compressed chunk repeated thousands of times (each chunk ends with a full flush, so the
 * copies are independent), and entries whose directory lies about their size. Nothing inflated is ever written.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import * as ExcelJS from 'exceljs';
import { createPlanWorkbook } from '../../src/workbook/layout';
import { createWorkbook, saveWorkbook } from '../../src/workbook/xlsx/io';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';
import type { Plan } from '../../src/plan/schema';

// ---------------------------------------------------------------------------------------------------------------
// A minimal zip writer

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: Uint8Array, crc = 0): number {
  let c = (crc ^ 0xffffffff) >>> 0;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export interface ZipPart {
  name: string;
  /** Content, stored or deflated by the writer. */
  data?: Uint8Array | string;
  /** Already raw-deflated content, with the size and CRC it unpacks to. */
  deflated?: { bytes: Uint8Array; size: number; crc: number };
  method?: 0 | 8;
  /** Lie in the directory: this unpacked size instead of the real one. */
  declaredSize?: number;
  /** Write the sizes as ZIP64 (0xFFFFFFFF plus an extra field), as writers do above 4 GB. */
  zip64?: boolean;
  flags?: number;
  methodOverride?: number;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

function u64(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
}

/** A zip archive of the parts (no data descriptors, UTF-8 names). */
export function zip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    let bytes: Uint8Array;
    let size: number;
    let crc: number;
    let method = p.method ?? 8;
    if (p.deflated) {
      bytes = p.deflated.bytes;
      size = p.deflated.size;
      crc = p.deflated.crc;
      method = 8;
    } else {
      const raw = typeof p.data === 'string' ? Buffer.from(p.data, 'utf8') : Buffer.from(p.data ?? new Uint8Array());
      size = raw.length;
      crc = crc32(raw);
      bytes = method === 8 ? zlib.deflateRawSync(raw, { level: 6 }) : raw;
    }
    const declared = p.declaredSize ?? size;
    const flags = 0x0800 | (p.flags ?? 0);
    const m = p.methodOverride ?? method;
    const extra = p.zip64 ? Buffer.concat([u16(0x0001), u16(24), u64(declared), u64(bytes.length), u64(offset)]) : Buffer.alloc(0);
    const sizes = p.zip64 ? [u32(0xffffffff), u32(0xffffffff)] : [u32(bytes.length), u32(declared)];
    const local = Buffer.concat([u32(0x04034b50), u16(45), u16(flags), u16(m), u16(0), u16(0x21), u32(crc), ...sizes, u16(name.length), u16(extra.length), name, extra]);
    locals.push(local, Buffer.from(bytes));
    centrals.push(
      Buffer.concat([
        u32(0x02014b50),
        u16(45),
        u16(45),
        u16(flags),
        u16(m),
        u16(0),
        u16(0x21),
        u32(crc),
        ...sizes,
        u16(name.length),
        u16(extra.length),
        u16(0),
        u16(0),
        u16(0),
        u32(0),
        p.zip64 ? u32(0xffffffff) : u32(offset),
        name,
        extra,
      ]),
    );
    offset += local.length + bytes.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.concat([u32(0x06054b50), u16(0), u16(0), u16(parts.length), u16(parts.length), u32(cd.length), u32(offset), u16(0)]);
  return Buffer.concat([...locals, cd, eocd]);
}

// ---------------------------------------------------------------------------------------------------------------
// Hand-made workbooks

const CONTENT_TYPES = (sheets: number) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${Array.from(
    { length: sheets },
    (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('')}</Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function workbookXml(names: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${names
    .map((n, i) => `<sheet name="${esc(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('')}</sheets></workbook>`;
}

function workbookRels(count: number): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${Array.from(
    { length: count },
    (_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join('')}</Relationships>`;
}

const SHEET_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

/** The parts of a workbook around the given worksheet parts (by sheet name). */
export function workbookParts(sheets: { name: string; part: Omit<ZipPart, 'name'> }[]): ZipPart[] {
  return [
    { name: '[Content_Types].xml', data: CONTENT_TYPES(sheets.length) },
    { name: '_rels/.rels', data: ROOT_RELS },
    { name: 'xl/workbook.xml', data: workbookXml(sheets.map((s) => s.name)) },
    { name: 'xl/_rels/workbook.xml.rels', data: workbookRels(sheets.length) },
    ...sheets.map((s, i) => ({ ...s.part, name: `xl/worksheets/sheet${i + 1}.xml` })),
  ];
}

/** A small valid workbook written by hand (proves the hand-made parts are a workbook ExcelJS opens). */
export function tinyWorkbook(): Buffer {
  const rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>hello</t></is></c><c r="B1"><v>42</v></c></row>';
  return zip(workbookParts([{ name: 'Sheet1', part: { data: SHEET_HEAD + rows + SHEET_TAIL } }]));
}

/** Raw deflate of `data` ending in a full flush: not final, byte-aligned, independent of what came before. */
function deflateFlushed(data: Buffer): Buffer {
  return zlib.deflateRawSync(data, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
}

/**
 * A worksheet part that unpacks to `bytes` of repeated rows (2 GB by default) from a few megabytes: the same
 * compressed chunk repeated. Its CRC is not computed (it would mean reading the 2 GB): readers that check sizes
 * first never get that far.
 */
export function bombSheet(bytes = 2 * 1024 ** 3): { bytes: Uint8Array; size: number; crc: number } {
  const row = '<row><c t="inlineStr"><is><t>0</t></is></c></row>';
  const chunk = Buffer.from(row.repeat(Math.floor((1 << 20) / row.length)));
  const head = Buffer.from(SHEET_HEAD);
  const tail = Buffer.from(SHEET_TAIL);
  const copies = Math.max(1, Math.floor((bytes - head.length - tail.length) / chunk.length));
  const h = deflateFlushed(head);
  const c = deflateFlushed(chunk);
  const t = zlib.deflateRawSync(tail);
  const out = Buffer.alloc(h.length + c.length * copies + t.length);
  h.copy(out, 0);
  for (let i = 0; i < copies; i++) c.copy(out, h.length + i * c.length);
  t.copy(out, h.length + copies * c.length);
  return { bytes: out, size: head.length + chunk.length * copies + tail.length, crc: 0 };
}

/** A plan sheet of `rows` lines written straight as XML (shared strings, three cells a row: about 80 MB), deflated. */
export function millionRowSheet(rows = 1_000_000): { bytes: Uint8Array; size: number; crc: number; strings: ZipPart } {
  const strings = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="6" uniqueCount="6"><si><t>品目</t></si><si><t>使途</t></si><si><t>2021年度の生産能力</t></si><si><t>2030</t></si><si><t>CNC</t></si><si><t>robots</t></si></sst>`;
  const pieces: Buffer[] = [Buffer.from(SHEET_HEAD + '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1"><v>2030</v></c></row>')];
  let crc = crc32(pieces[0]);
  let size = pieces[0].length;
  let batch: string[] = [];
  const flush = () => {
    const b = Buffer.from(batch.join(''));
    pieces.push(b);
    crc = crc32(b, crc);
    size += b.length;
    batch = [];
  };
  for (let r = 2; r <= rows + 1; r++) {
    batch.push(`<row r="${r}"><c r="A${r}" t="s"><v>4</v></c><c r="B${r}" t="s"><v>5</v></c><c r="C${r}"><v>${100 + (r % 7)}</v></c></row>`);
    if (batch.length === 20_000) flush();
  }
  batch.push(SHEET_TAIL);
  flush();
  const all = Buffer.concat(pieces);
  return { bytes: zlib.deflateRawSync(all, { level: 1 }), size, crc, strings: { name: 'xl/sharedStrings.xml', data: strings } };
}

export function millionRowWorkbook(rows = 1_000_000): Buffer {
  const sheet = millionRowSheet(rows);
  const parts = workbookParts([{ name: '計画', part: { deflated: sheet } }]);
  parts[0] = {
    name: '[Content_Types].xml',
    data: (parts[0].data as string).replace(
      '</Types>',
      '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    ),
  };
  parts[3] = {
    name: 'xl/_rels/workbook.xml.rels',
    data: (parts[3].data as string).replace(
      '</Relationships>',
      '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
    ),
  };
  return zip([...parts, sheet.strings]);
}

// ---------------------------------------------------------------------------------------------------------------
// Workbooks a planner could send

/** A plan workbook made by the product (template --from), in memory. */
export async function planWorkbook(plan: Plan, lang: 'ja' | 'en' = 'ja'): Promise<ExcelJS.Workbook> {
  const wb = createWorkbook();
  await createPlanWorkbook(new XlsxPort(wb), { lang, plan });
  return wb;
}

export const CORPUS_ACTIVITY: Plan['activities'][number] = { id: 'A1', kind: 'capacity', name: '', start: '2024-04-01', end: '2034-03-31', investment: '' };

/** A small plan every content case starts from: two eligible lines, one short in 2027, a confirmed checklist item. */
export function corpusPlan(): Plan {
  return {
    format: 'supply-plan/2',
    applicant: { name: 'コーパス精機株式会社', joint: false },
    yearBasis: 'fiscal',
    activities: [CORPUS_ACTIVITY],
    lines: [
      { scenario: 'base', item: 'ball-screw', use: 'machine-tools', baseline2021: 1200, unit: '本/年', capacity: { '2025': 1440, '2027': 1600, '2030': 1920 } },
      { scenario: 'base', item: 'reducer', use: 'robots', baseline2021: 3333, unit: '台/年', capacity: { '2025': 4332.9, '2030': 5666.1 } },
    ],
    checklist: { 'competitiveness.capacity': { confirmed: true, evidence: '申請書 3.1' } },
    coreTechnologies: [],
    transfers: [],
    considerations: { regionalContribution: '', humanRights: { confirmed: false, note: '' }, cybersecurity: { confirmed: false, note: '' } },
  };
}

export interface CorpusFile {
  name: string;
  file: string;
  /** What a check must do: read it (exit 0/1) or refuse it with a message matching `message` (exit 2). */
  expect: { read: true } | { refuse: RegExp };
  note: string;
}

async function writeBytes(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, bytes);
  return file;
}

async function writeWorkbook(dir: string, name: string, wb: ExcelJS.Workbook): Promise<string> {
  const file = path.join(dir, name);
  await saveWorkbook(wb, file);
  return file;
}

/** Archives that are not workbooks, or broken ones: each must get a plain message, quickly. */
export async function brokenFiles(dir: string): Promise<CorpusFile[]> {
  const good = await fs.readFile(await writeWorkbook(dir, 'good.xlsx', await planWorkbook(corpusPlan())));
  const out: CorpusFile[] = [];
  const add = async (name: string, bytes: Uint8Array, refuse: RegExp, note: string) => out.push({ name, file: await writeBytes(dir, name, bytes), expect: { refuse }, note });
  const notXlsx = /not an \.xlsx workbook/;
  await add('empty.xlsx', new Uint8Array(), notXlsx, 'an empty file');
  await add('pk-only.xlsx', Buffer.from('PK'), /truncated or damaged/, 'just the zip magic');
  await add('csv.xlsx', Buffer.from('品目,使途\nCNC,robots\n'), /not a zip archive/, 'a CSV renamed to .xlsx');
  await add('html.xlsx', Buffer.from('<!DOCTYPE html><html><body>404</body></html>'), /not a zip archive/, 'an HTML error page saved as .xlsx');
  await add('ole2.xlsx', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]), /legacy \.xls/, 'an .xls or an encrypted .xlsx');
  await add('truncated-half.xlsx', good.subarray(0, Math.floor(good.length / 2)), /truncated or damaged/, 'a download cut in half');
  await add('truncated-tail.xlsx', good.subarray(0, good.length - 10), /truncated or damaged/, 'the last bytes missing (zip directory cut)');
  // The directory survives but the data before it is gone: every offset points at the wrong place.
  await add('hole.xlsx', Buffer.concat([good.subarray(0, 200), good.subarray(good.length - 3000)]), /could not be read/, 'the middle of the file missing');
  // Flipped bytes inside the compressed data of the biggest part.
  const flipped = Buffer.from(good);
  for (let i = Math.floor(good.length * 0.3); i < good.length * 0.3 + 64; i++) flipped[i] ^= 0x5a;
  await add('bitrot.xlsx', flipped, /could not be read/, '64 bytes flipped in the middle');
  await add('zip-of-text.xlsx', zip([{ name: 'readme.txt', data: 'not a workbook' }]), notXlsx, 'a zip that holds no workbook');
  await add('bad-xml.xlsx', zip(workbookParts([{ name: 'Sheet1', part: { data: SHEET_HEAD + '<row r="1"><c r="A1"><v>1</v></c>' } }]).map((p) => (p.name === 'xl/workbook.xml' ? { ...p, data: '<workbook><sheets><sheet name="S"' } : p))), notXlsx, 'malformed workbook.xml');
  await add('bzip2.xlsx', zip(workbookParts([{ name: 'Sheet1', part: { data: SHEET_HEAD + SHEET_TAIL, method: 0, methodOverride: 12 } }])), /compression method 12/, 'a part compressed with bzip2');
  await add('encrypted-part.xlsx', zip(workbookParts([{ name: 'Sheet1', part: { data: SHEET_HEAD + SHEET_TAIL, flags: 0x1 } }])), /encrypted/, 'a zip-encrypted part');
  const lying = zip(workbookParts([{ name: 'Sheet1', part: { data: SHEET_HEAD + '<row r="1"><c r="A1"><v>1</v></c></row>' + SHEET_TAIL, declaredSize: 10 } }]));
  await add('size-lie-small.xlsx', lying, /does not unpack to the size/, 'a part bigger than its directory says');
  const crcLie = zip(workbookParts([{ name: 'Sheet1', part: { data: SHEET_HEAD + '<row r="1"><c r="A1"><v>7</v></c></row>' + SHEET_TAIL } }]));
  // Change the sheet part's CRC in the zip directory (its name is at +46 of the entry, the CRC at +16).
  const crcAt = crcLie.lastIndexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 46 + 16;
  crcLie.writeUInt32LE((crcLie.readUInt32LE(crcAt) ^ 0xffff) >>> 0, crcAt);
  await add('crc-mismatch.xlsx', crcLie, /damaged/, 'a part whose content does not match its checksum');
  return out;
}

/** Files over a limit: each must be refused before it is unpacked into memory. */
export async function oversizedFiles(dir: string): Promise<CorpusFile[]> {
  const out: CorpusFile[] = [];
  const add = async (name: string, bytes: Uint8Array, refuse: RegExp, note: string) => out.push({ name, file: await writeBytes(dir, name, bytes), expect: { refuse }, note });
  const bomb = bombSheet();
  await add('bomb-2gb.xlsx', zip(workbookParts([{ name: '計画', part: { deflated: bomb } }])), /unpacks to more than 128 MB/, `a ${(bomb.bytes.length / 1e6).toFixed(1)} MB file whose sheet unpacks to 2 GB`);
  await add('bomb-lying.xlsx', zip(workbookParts([{ name: '計画', part: { deflated: bomb, declaredSize: 50_000 } }])), /does not unpack to the size/, 'the same bomb declaring 50 KB');
  await add('bomb-zip64.xlsx', zip(workbookParts([{ name: '計画', part: { deflated: bomb, declaredSize: 5 * 1024 ** 3, zip64: true } }])), /unpacks to more than 128 MB/, 'a ZIP64 entry declaring 5 GB');
  // Parts each under the limit, together over it.
  const small = bombSheet(100 * 1024 ** 2);
  await add(
    'bomb-split.xlsx',
    zip([...workbookParts([{ name: 'S', part: { data: SHEET_HEAD + SHEET_TAIL } }]), ...[1, 2].map((i) => ({ name: `xl/media/blob${i}.bin`, deflated: small }))]),
    /unpacks to more than 128 MB/,
    'two parts of 100 MB each',
  );
  await add('many-parts.xlsx', zip([...workbookParts([{ name: 'S', part: { data: SHEET_HEAD + SHEET_TAIL } }]), ...Array.from({ length: 1500 }, (_, i) => ({ name: `xl/media/p${i}.txt`, data: 'x', method: 0 as const }))]), /too many parts/, '1,500 parts');
  const rows = millionRowWorkbook();
  await add('million-rows.xlsx', rows, /"計画" has more than 6,000 rows/, `1,000,000 plan rows (${(rows.length / 1e6).toFixed(1)} MB)`);
  // 1,500 rows × 1,000 cells: few rows, too many cells.
  const wide = Array.from({ length: 1500 }, (_, r) => `<row r="${r + 1}">${'<c><v>1</v></c>'.repeat(1000)}</row>`).join('');
  await add('many-cells.xlsx', zip(workbookParts([{ name: 'Wide', part: { data: SHEET_HEAD + wide + SHEET_TAIL } }])), /more than 1,000,000 cells/, '1,500,000 cells in 1,500 rows');
  // Tiny tags that ExcelJS would expand cell by cell: a merged area, a drop-down list, a named range.
  const empty = '<row r="1"><c r="A1"><v>1</v></c></row>';
  await add('merge-bomb.xlsx', zip(workbookParts([{ name: '計画', part: { data: `${SHEET_HEAD}${empty}</sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1000"/></mergeCells></worksheet>` } }])), /cover more than 2,200,000 cells/, 'one merged area of 16 million cells');
  await add(
    'validation-bomb.xlsx',
    zip(workbookParts([{ name: '計画', part: { data: `${SHEET_HEAD}${empty}</sheetData><dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations></worksheet>` } }])),
    /cover more than 2,200,000 cells/,
    'a drop-down list over the whole sheet',
  );
  const named = workbookParts([{ name: '計画', part: { data: SHEET_HEAD + empty + SHEET_TAIL } }]);
  named[2] = { name: 'xl/workbook.xml', data: (named[2].data as string).replace('</sheets>', '</sheets><definedNames><definedName name="Everything">&apos;計画&apos;!$A$1:$XFD$1048576</definedName></definedNames>') };
  await add('name-bomb.xlsx', zip(named), /cover more than 2,200,000 cells/, 'a named range over the whole sheet');
  // Bigger than the file limit (stored random bytes do not compress): refused before being read at all.
  const big = Buffer.alloc(21 * 1024 * 1024);
  for (let i = 0; i < big.length; i += 4) big.writeUInt32LE((Math.imul(i, 2654435761) ^ (i >>> 7)) >>> 0, i);
  await add('too-big.xlsx', zip([...workbookParts([{ name: 'S', part: { data: SHEET_HEAD + SHEET_TAIL } }]), { name: 'xl/media/image1.bin', data: big, method: 0 }]), /is too large: 21/, 'a 21 MB file');
  return out;
}

/** XML parsers' classic traps; each must end with a message or a reading, and never hang. */
export async function xmlTraps(dir: string): Promise<CorpusFile[]> {
  const out: CorpusFile[] = [];
  const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>`;
  const file1 = path.join(dir, 'billion-laughs.xlsx');
  await fs.writeFile(file1, zip(workbookParts([{ name: 'Sheet1', part: { data: laughs } }])));
  out.push({ name: 'billion-laughs.xlsx', file: file1, expect: { refuse: /not an \.xlsx workbook|no plan sheet/ }, note: 'nested entity expansion (billion laughs)' });
  const external = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>`;
  const file2 = path.join(dir, 'xxe.xlsx');
  await fs.writeFile(file2, zip(workbookParts([{ name: 'Sheet1', part: { data: external } }])));
  out.push({ name: 'xxe.xlsx', file: file2, expect: { refuse: /not an \.xlsx workbook|no plan sheet/ }, note: 'an external entity (XXE) naming /etc/passwd' });
  const deep = SHEET_HEAD + '<row r="1"><c r="A1" t="inlineStr"><is>' + '<r>'.repeat(200_000) + '</r>'.repeat(200_000) + '</is></c></row>' + SHEET_TAIL;
  const file3 = path.join(dir, 'deep.xlsx');
  await fs.writeFile(file3, zip(workbookParts([{ name: 'Sheet1', part: { data: deep } }])));
  out.push({ name: 'deep.xlsx', file: file3, expect: { refuse: /not an \.xlsx workbook|no plan sheet/ }, note: '200,000 nested elements' });
  return out;
}
