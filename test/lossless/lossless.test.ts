/**
 * Lossless .xlsx: workbooks made by other programs (LibreOffice, Excel, a macro workbook) go through
 * `template --into` and `check`, and every part the tool does not own comes back byte for byte — the same compressed
 * bytes, not only the same content. Shared parts ([Content_Types].xml, workbook.xml and its relationships,
 * styles.xml, sharedStrings.xml) keep every entry they had, in place; the tool's entries come after. LibreOffice
 * opens every output and shows the plan. See fixtures/README.md for where each workbook comes from.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import JSZip from 'jszip';
import { entryData, readZipDirectory, type ZipEntry } from '../../src/workbook/xlsx/zip-scan';
import { readXlsx, writeXlsx } from '../../src/workbook/xlsx/codec';
import { checkWorkbook } from '../../src/workbook/layout';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';
import { corpusPlan } from '../hardening/corpus';
import { cli, crashSigns, removeTmpDirs, tmpDir } from '../hardening/helpers';
import { freshProfile, readCsvSheet, toCsv } from '../libreoffice/soffice';

jest.setTimeout(180_000);

const FIXTURES = path.join(__dirname, 'fixtures');
let dir: string;
afterAll(removeTmpDirs);

interface Archive {
  bytes: Buffer;
  entries: Map<string, ZipEntry>;
}

async function archive(file: string): Promise<Archive> {
  const bytes = await fs.readFile(file);
  return { bytes, entries: new Map(readZipDirectory(bytes, 10_000).map((e) => [e.name, e])) };
}

/** An entry's stored (compressed) bytes with its method and checksum: what "copied raw" means. */
function raw(a: Archive, name: string): string | undefined {
  const e = a.entries.get(name);
  if (!e) return undefined;
  return `${e.method}:${e.crc}:${e.unpackedSize}:${Buffer.from(entryData(a.bytes, e)).toString('base64')}`;
}

async function text(file: string, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(await fs.readFile(file));
  const f = zip.file(name);
  if (!f) throw new Error(`${path.basename(file)} has no ${name}`);
  return f.async('string');
}

/** Parts every program's workbook has and the tool adds its entries to. */
const SHARED = new Set(['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml', 'docProps/core.xml']);

/** Parts of `before` that differ in `after`, as stored (other than the shared parts), and parts gone. */
function changedParts(before: Archive, after: Archive, allowedGone: string[] = []): string[] {
  const out: string[] = [];
  for (const name of before.entries.keys()) {
    if (SHARED.has(name) || name.endsWith('/')) continue;
    const b = raw(after, name);
    if (b === undefined) {
      if (!allowedGone.includes(name)) out.push(`${name} gone`);
    } else if (b !== raw(before, name)) out.push(`${name} changed`);
  }
  return out;
}

const items = (xml: string, section: string, item: string): string[] => {
  const m = new RegExp(`<${section}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${section}>)`).exec(xml);
  return m?.[1] ? [...m[1].matchAll(new RegExp(`<${item}\\b[^>]*?(?:/>|>[\\s\\S]*?</${item}>)`, 'g'))].map((x) => x[0]) : [];
};

/** What the tool may do to a shared part: keep every entry it had (in place), add its own after them. */
async function onlyAdded(before: string, after: string, gone: string[] = []): Promise<string[]> {
  const problems: string[] = [];
  const keep = (name: string, a: string[], b: string[]) => {
    const kept = a.filter((x) => !gone.some((g) => x.includes(g)));
    const prefix = b.slice(0, kept.length);
    if (JSON.stringify(prefix) !== JSON.stringify(kept)) problems.push(`${name}: the planner's entries are not kept as they were`);
  };
  const ct = (f: string) => text(f, '[Content_Types].xml');
  const [t0, t1] = await Promise.all([ct(before), ct(after)]);
  for (const tag of t0.match(/<(Default|Override)\b[^>]*>/g) ?? []) if (!t1.includes(tag) && !gone.some((g) => tag.includes(g))) problems.push(`content type lost: ${tag}`);
  const rels = (f: string) => text(f, 'xl/_rels/workbook.xml.rels');
  const [r0, r1] = await Promise.all([rels(before), rels(after)]);
  for (const tag of r0.match(/<Relationship\b[^>]*>/g) ?? []) if (!r1.includes(tag) && !gone.some((g) => tag.includes(g))) problems.push(`relationship lost: ${tag}`);
  const wb = (f: string) => text(f, 'xl/workbook.xml');
  const [w0, w1] = await Promise.all([wb(before), wb(after)]);
  keep('workbook sheets', items(w0, 'sheets', 'sheet'), items(w1, 'sheets', 'sheet'));
  for (const n of items(w0, 'definedNames', 'definedName')) if (!w1.includes(n)) problems.push(`defined name lost: ${n}`);
  for (const el of ['bookViews', 'workbookPr', 'workbookProtection', 'fileVersion']) {
    const m0 = new RegExp(`<${el}\\b[^>]*?(?:/>|>[\\s\\S]*?</${el}>)`).exec(w0)?.[0];
    if (m0 && !w1.includes(m0)) problems.push(`workbook.xml: ${el} changed`);
  }
  const st = (f: string) => text(f, 'xl/styles.xml');
  const [s0, s1] = await Promise.all([st(before), st(after)]);
  for (const [section, item] of [['numFmts', 'numFmt'], ['fonts', 'font'], ['fills', 'fill'], ['borders', 'border'], ['cellXfs', 'xf'], ['dxfs', 'dxf']]) keep(`styles ${section}`, items(s0, section, item), items(s1, section, item));
  for (const [section, item] of [['cellStyleXfs', 'xf'], ['cellStyles', 'cellStyle']]) {
    // Named styles and their formats are the planner's: not one added, not one changed.
    if (JSON.stringify(items(s0, section, item)) !== JSON.stringify(items(s1, section, item))) problems.push(`styles ${section} changed`);
  }
  const zip0 = await JSZip.loadAsync(await fs.readFile(before));
  if (zip0.file('xl/sharedStrings.xml')) {
    const [ss0, ss1] = await Promise.all([text(before, 'xl/sharedStrings.xml'), text(after, 'xl/sharedStrings.xml')]);
    keep('shared strings', items(ss0, 'sst', 'si'), items(ss1, 'sst', 'si'));
  }
  return problems;
}

interface Case {
  name: string;
  input: string;
  /** What the outputs are named (.xlsx, or .xlsm for the macro workbook). */
  ext: '.xlsx' | '.xlsm';
  /** Parts the tool may drop (calcChain.xml). */
  gone?: string[];
}

const cases: Case[] = [];
const outputs: string[] = [];

/** A macro workbook: the LibreOffice workbook with Excel's VBA project, the .xlsm content type, and a calcChain. */
async function macroWorkbook(file: string): Promise<void> {
  const zip = await JSZip.loadAsync(await fs.readFile(path.join(FIXTURES, 'libreoffice-foreign.xlsx')));
  zip.file('xl/vbaProject.bin', await fs.readFile(path.join(FIXTURES, 'excelize-vbaProject.bin')));
  zip.file('xl/calcChain.xml', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="C2" i="1"/></calcChain>');
  const types = (await zip.file('[Content_Types].xml')!.async('string'))
    .replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml')
    .replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/><Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>');
  expect(types).toContain('macroEnabled');
  zip.file('[Content_Types].xml', types);
  const rels = (await zip.file('xl/_rels/workbook.xml.rels')!.async('string')).replace(
    '</Relationships>',
    '<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/><Relationship Id="rIdCalc" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
  );
  zip.file('xl/_rels/workbook.xml.rels', rels);
  await fs.writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

beforeAll(async () => {
  dir = await tmpDir('supply-plan-lossless-');
  await fs.writeFile(path.join(dir, 'plan.json'), JSON.stringify(corpusPlan()));
  await fs.copyFile(path.join(FIXTURES, 'libreoffice-foreign.xlsx'), path.join(dir, 'libreoffice.xlsx'));
  await fs.copyFile(path.join(FIXTURES, 'excelize-Book1.xlsx'), path.join(dir, 'excel.xlsx'));
  await macroWorkbook(path.join(dir, 'macro.xlsm'));
  cases.push(
    { name: 'LibreOffice: chart, image, pivot table, note, drop-down, named style, protected and hidden sheets, sensitivity label', input: 'libreoffice.xlsx', ext: '.xlsx' },
    { name: 'Excel: two charts, image, note, table', input: 'excel.xlsx', ext: '.xlsx' },
    { name: 'macro workbook (.xlsm): VBA project, calcChain', input: 'macro.xlsm', ext: '.xlsm', gone: ['calcChain'] },
  );
});

describe.each([0, 1, 2])('foreign workbook %#', (i) => {
  let c: Case;
  let planned: string;
  let checked: string;
  beforeAll(async () => {
    c = cases[i];
    const stem = path.basename(c.input, c.ext);
    planned = `${stem}.plan${c.ext}`;
    const t = await cli(dir, 'template', '--into', c.input, '-o', planned, '--from', 'plan.json', '--lang', 'en');
    expect({ case: c.name, code: t.code, stderr: t.stderr }).toEqual({ case: c.name, code: 0, stderr: '' });
    const r = await cli(dir, 'check', planned, '--lang', 'en');
    expect(crashSigns(r.stderr)).toEqual([]);
    expect([0, 1]).toContain(r.code);
    // The checked copy keeps the input's kind: a macro workbook comes out as .xlsm without being told.
    checked = `${stem}.plan.checked${c.ext}`;
    expect(r.stderr).toContain(`wrote ${checked}`);
    outputs.push(planned, checked);
  });

  test('template --into and check: every part the tool does not own is copied as stored, byte for byte', async () => {
    const input = await archive(path.join(dir, c.input));
    for (const out of [planned, checked]) {
      const after = await archive(path.join(dir, out));
      const gone = (c.gone ?? []).map((g) => [...input.entries.keys()].find((n) => n.includes(g))!);
      expect({ case: c.name, out, changed: changedParts(input, after, gone) }).toEqual({ case: c.name, out, changed: [] });
    }
  });

  test('shared parts only gain the tool’s entries: content types, relationships, sheets, names, styles, strings', async () => {
    for (const out of [planned, checked]) {
      expect({ out, problems: await onlyAdded(path.join(dir, c.input), path.join(dir, out), c.gone) }).toEqual({ out, problems: [] });
    }
    // The second step changes nothing of the first step's but the tool's own sheets and cells.
    const first = await archive(path.join(dir, planned));
    const second = await archive(path.join(dir, checked));
    const foreign = [...first.entries.keys()].filter((n) => (c.gone ?? []).every((g) => !n.includes(g)) && !/^xl\/(worksheets|comments|drawings\/vmlDrawing|tables)/.test(n) && !SHARED.has(n));
    for (const n of foreign) expect([n, raw(second, n) === raw(first, n)]).toEqual([n, true]);
  });

  test('the workbook keeps its kind: content type of the workbook part, and the VBA project of a macro workbook', async () => {
    const types = await text(path.join(dir, checked), '[Content_Types].xml');
    expect(types.includes('application/vnd.ms-excel.sheet.macroEnabled.main+xml')).toBe(c.ext === '.xlsm');
    if (c.ext === '.xlsm') {
      const input = await archive(path.join(dir, c.input));
      const out = await archive(path.join(dir, checked));
      expect(raw(out, 'xl/vbaProject.bin')).toBe(raw(input, 'xl/vbaProject.bin'));
      // calcChain.xml is dropped with its relationship and content type (Excel rebuilds it; a stale one means repair).
      expect(out.entries.has('xl/calcChain.xml')).toBe(false);
      expect(await text(path.join(dir, checked), 'xl/_rels/workbook.xml.rels')).not.toContain('calcChain');
      expect(types).not.toContain('calcChain');
    }
  });
});

test('LibreOffice opens every output: the planner’s sheets and the plan with its marks', async () => {
  expect(outputs).toHaveLength(6);
  const out = path.join(dir, 'csv');
  await fs.mkdir(out);
  const profile = await freshProfile();
  try {
    await toCsv(profile, outputs.map((f) => path.join(dir, f)), out);
  } finally {
    await fs.rm(profile, { recursive: true, force: true });
  }
  for (const f of outputs) {
    const base = path.basename(f, path.extname(f));
    const plan = await readCsvSheet(out, base, 'Plan');
    const rows = plan.rows.map((r) => r.join(','));
    expect([f, rows.some((r) => r.includes('ball screw') || r.includes('ボールねじ'))]).toEqual([f, true]);
    if (f.includes('.checked.')) {
      expect([f, rows.some((r) => r.includes('✖'))]).toEqual([f, true]);
      // The results and summary, rendered straight from the check's write ops: one row per line, with statuses.
      const results = (await readCsvSheet(out, base, 'Results')).rows.map((r) => r.join(','));
      expect([f, results.filter((r) => r.includes('ball screw')).length]).toEqual([f, plan.rows.filter((r) => r.join(',').includes('ball screw')).length]);
      expect([f, results.some((r) => r.includes('✖ short'))]).toEqual([f, true]);
      expect([f, (await readCsvSheet(out, base, 'Summary')).rows.length > 5]).toEqual([f, true]);
    }
    const first = f.startsWith('excel') ? 'Sheet1' : 'Data';
    const sheet = await readCsvSheet(out, base, first);
    expect([f, sheet.rows.length > 0]).toEqual([f, true]);
  }
  const data = await readCsvSheet(out, 'libreoffice.plan.checked', 'Data');
  expect(data.rows[1]).toEqual(['A', 'East', '10']);
});

test('an output named as the other kind is refused, in the planner’s language, and nothing is written', async () => {
  const en = await cli(dir, 'check', 'macro.xlsm', '-o', 'macro.out.xlsx', '--lang', 'en');
  expect(en).toMatchObject({ code: 2, stderr: expect.stringContaining('macro.out.xlsx: the workbook holds macros (VBA), so it must be saved as .xlsm') });
  const ja = await cli(dir, 'check', 'macro.xlsm', '-o', 'macro.out.xlsx', '--lang', 'ja');
  expect(ja.stderr).toContain('マクロ（VBA）を含むブックは .xlsm として保存する必要があります');
  const plain = await cli(dir, 'template', '--into', 'excel.xlsx', '-o', 'excel.out.xlsm', '--lang', 'en');
  expect(plain).toMatchObject({ code: 2, stderr: expect.stringContaining('this one has none: name the output file .xlsx') });
  const fresh = await cli(dir, 'template', 'new.xlsm', '--lang', 'en');
  expect(fresh.code).toBe(2);
  for (const f of ['macro.out.xlsx', 'excel.out.xlsm', 'new.xlsm']) await expect(fs.access(path.join(dir, f))).rejects.toThrow();
});

test('a LibreOffice .ods and an Excel .xlsb are refused with "save it as .xlsx", in Japanese and English', async () => {
  await fs.copyFile(path.join(FIXTURES, 'libreoffice-foreign.ods'), path.join(dir, 'book.ods'));
  const xlsb = new JSZip();
  xlsb.file('[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  xlsb.file('xl/workbook.bin', new Uint8Array([0x83, 0x01, 0x00]));
  await fs.writeFile(path.join(dir, 'book.xlsb'), await xlsb.generateAsync({ type: 'nodebuffer' }));
  for (const [file, en, ja] of [
    ['book.ods', 'is an OpenDocument spreadsheet (.ods); save it as .xlsx', 'OpenDocument 形式（.ods）の表計算ファイルです。.xlsx 形式で保存してください'],
    ['book.xlsb', 'is an Excel binary workbook (.xlsb); save it as .xlsx', 'Excel バイナリブック（.xlsb）です。.xlsx 形式で保存してください'],
  ]) {
    const e = await cli(dir, 'check', file, '--lang', 'en');
    expect({ file, code: e.code, stderr: e.stderr }).toEqual({ file, code: 2, stderr: expect.stringContaining(en) });
    const j = await cli(dir, 'check', file, '--lang', 'ja');
    expect(j.stderr).toContain(ja);
  }
});

test('the planner’s drop-down and note on the plan sheet come back as they were, and the tool’s lists are one rule each', async () => {
  expect((await cli(dir, 'template', 'own.xlsx', '--from', 'plan.json', '--lang', 'en')).code).toBe(0);
  const zip = await JSZip.loadAsync(await fs.readFile(path.join(dir, 'own.xlsx')));
  const sheet = 'xl/worksheets/sheet1.xml';
  const planners = '<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="E5:E40"><formula1>"本/年,台/年"</formula1></dataValidation>';
  const xml = (await zip.file(sheet)!.async('string')).replace(/<dataValidations count="(\d+)">/, (_m, n: string) => `<dataValidations count="${Number(n) + 1}">${planners}`);
  expect(xml).toContain(planners);
  zip.file(sheet, xml);
  await fs.writeFile(path.join(dir, 'own.xlsx'), await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  expect([0, 1]).toContain((await cli(dir, 'check', 'own.xlsx')).code);
  // The planner adds a note of their own beside the tool's notes (same comments part) before checking again.
  const checkedZip = await JSZip.loadAsync(await fs.readFile(path.join(dir, 'own.checked.xlsx')));
  const commentsPart = Object.keys(checkedZip.files).find((n) => /^xl\/comments\d*\.xml$/.test(n))!;
  const plannersNote = '<comment ref="A1" authorId="0"><text><r><t>計画担当のメモ</t></r></text></comment>';
  const comments = (await checkedZip.file(commentsPart)!.async('string')).replace('<commentList>', `<commentList>${plannersNote}`);
  expect(comments).toContain(plannersNote);
  checkedZip.file(commentsPart, comments);
  await fs.writeFile(path.join(dir, 'own.checked.xlsx'), await checkedZip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  expect([0, 1]).toContain((await cli(dir, 'check', 'own.checked.xlsx', '-o', 'own.twice.xlsx')).code);
  const twiceComments = await text(path.join(dir, 'own.twice.xlsx'), commentsPart);
  expect(twiceComments).toContain(plannersNote);
  // The tool's notes were replaced, not doubled.
  const refs = (twiceComments.match(/<comment ref="([A-Z]+\d+)"/g) ?? []).map((m) => m.slice(14, -1));
  expect(new Set(refs).size).toBe(refs.length);
  for (const f of ['own.checked.xlsx', 'own.twice.xlsx']) {
    const out = await text(path.join(dir, f), sheet);
    expect(out).toContain(planners);
    const rules = out.match(/<dataValidation\b[^>]*>/g) ?? [];
    // The planner's, and one per list of the tool's (scenario, item, use): none split, none doubled.
    expect([f, rules.length]).toEqual([f, 4]);
    expect(rules.every((r) => !/sqref="[^"]* [^"]*"/.test(r))).toBe(true);
  }
});

test('the preview’s open → check → download path: the same patch (no part of the planner’s lost)', async () => {
  const bytes = await fs.readFile(path.join(dir, 'libreoffice.plan.xlsx'));
  const workbook = await readXlsx(new Uint8Array(bytes), 'libreoffice.plan.xlsx');
  await checkWorkbook(new XlsxPort(workbook), { evaluatedAt: new Date('2026-01-05T09:00:00Z'), version: 'test' });
  const file = path.join(dir, 'downloaded.xlsx');
  await fs.writeFile(file, await writeXlsx(workbook));
  const input = await archive(path.join(dir, 'libreoffice.xlsx'));
  expect(changedParts(input, await archive(file))).toEqual([]);
  expect(await onlyAdded(path.join(dir, 'libreoffice.xlsx'), file)).toEqual([]);
});

test('a workbook opened and saved with nothing written is the file itself, byte for byte', async () => {
  const bytes = await fs.readFile(path.join(FIXTURES, 'excelize-Book1.xlsx'));
  const workbook = await readXlsx(new Uint8Array(bytes), 'Book1.xlsx');
  expect(Buffer.from(await writeXlsx(workbook)).equals(bytes)).toBe(true);
});
