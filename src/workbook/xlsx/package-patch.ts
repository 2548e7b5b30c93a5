/**
 * Saving a workbook that was read from a file: the original package, patched with what the tool wrote.
 *
 * ExcelJS renders the whole workbook once (stored, not compressed: it is only read back here). From that rendering
 * the patch takes the sheets the tool writes whole (results, summary, log and policy when it creates or clears them)
 * and the tool's cells on the sheets it annotates; everything else comes from the original archive:
 * - parts the tool does not own are copied raw, byte for byte (charts, drawings, images, pivot tables and caches,
 *   VBA, custom XML, custom properties, printer settings, threaded comments, untouched sheets …);
 * - shared parts ([Content_Types].xml, workbook.xml and its relationships, styles.xml, sharedStrings.xml, a sheet's
 *   comments and VML) only get the tool's entries added or replaced;
 * - on an annotated sheet only the tool's cells, conditional-format rules, drop-down lists, notes, column widths
 *   and table range change;
 * - calcChain.xml goes when formulas were written (Excel rebuilds it; a stale one makes Excel repair the file).
 */
import type * as ExcelJS from 'exceljs';
import { TOOL_NAME } from '../../version';
import { parseCell } from '../a1';
import { DirectSheet } from './direct-sheet';
import { cellStoreOf } from './exceljs-internals';
import { deferredOf, setReleased, type SheetJournal, type WorkbookJournal, type Origin, sheetWrites } from './journal';
import { patchComments, patchVml } from './notes-patch';
import {
  CONTENT_TYPE,
  EMPTY_RELS,
  REL,
  WORKBOOK_AFTER_CALC_PR,
  WORKBOOK_AFTER_DEFINED_NAMES,
  addRelationship,
  contentTypeOf,
  elementRe,
  ensureDefault,
  escapeXml,
  findElement,
  freeRelId,
  getAttr,
  innerXml,
  insertChild,
  insertWorksheetChild,
  isRelType,
  relationships,
  relativeTarget,
  relsPathOf,
  removeOverride,
  removeRelationship,
  resolveTarget,
  setAttr,
  setOverride,
  splice,
  startTag,
  unescapeXml,
  withInner,
} from './ooxml';
import { growDimension, patchColumnWidths, patchConditionalFormats, patchSheetData, patchValidations, remapWholeSheet, replaceElement, type Remap } from './sheet-patch';
import { SharedStringMerge, StyleMerge } from './styles-merge';
import { fitText } from './xlsx-port';
import { readEntry, readZipDirectory, type ZipEntry } from './zip-scan';
import { pack, utf8, writeZip, type Packed, type ZipOut } from './zip-write';

/** UTF-8 text of a part (made when needed: some test environments have no TextDecoder until then). */
const decoder = { decode: (bytes: Uint8Array): string => new TextDecoder('utf-8').decode(bytes) };

/** Read access to the parts of an archive, by name (case-insensitive, as OPC part names are). */
class Parts {
  private readonly byName = new Map<string, ZipEntry>();
  private readonly texts = new Map<string, string>();
  constructor(
    readonly bytes: Uint8Array,
    readonly entries: ZipEntry[],
  ) {
    for (const e of entries) this.byName.set(e.name.replace(/^\//, '').toLowerCase(), e);
  }
  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name.toLowerCase());
  }
  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }
  async data(name: string): Promise<Uint8Array> {
    const e = this.entry(name);
    if (!e) throw new Error(`no part ${name}`);
    return readEntry(this.bytes, e);
  }
  async text(name: string): Promise<string> {
    const key = name.toLowerCase();
    let t = this.texts.get(key);
    if (t === undefined) {
      t = decoder.decode(await this.data(name));
      this.texts.set(key, t);
    }
    return t;
  }
  async textIfAny(name: string): Promise<string | undefined> {
    return this.has(name) ? this.text(name) : undefined;
  }
  /** The text of a part read once (a sheet, which can be tens of MB): decoded, not kept. */
  async textOnce(name: string): Promise<string> {
    return this.texts.get(name.toLowerCase()) ?? decoder.decode(await this.data(name));
  }
}

/** Text encoded to UTF-8 as it comes, in pieces of a few hundred KB (a large sheet is never one string). */
class Utf8Pieces {
  readonly pieces: Uint8Array[] = [];
  private pending: string[] = [];
  private size = 0;
  push(text: string): void {
    this.pending.push(text);
    this.size += text.length;
    if (this.size >= 1 << 18) this.flush();
  }
  flush(): Uint8Array[] {
    if (this.pending.length) this.pieces.push(utf8(this.pending.join('')));
    this.pending = [];
    this.size = 0;
    return this.pieces;
  }
}

interface SheetEntry {
  name: string;
  /** The <sheet> element as written. */
  tag: string;
  part?: string;
}

function sheetsOf(workbookXml: string, wbPath: string, relsXml: string): SheetEntry[] {
  const rels = new Map(relationships(relsXml).map((r) => [r.id, r]));
  const sheets = findElement(workbookXml, 'sheets');
  return [...innerXml(sheets?.text ?? '').matchAll(/<sheet\b[^>]*>/g)].map((m) => {
    const id = /\s([\w.-]+:)?id\s*=\s*["']([^"']*)["']/.exec(m[0].replace(/\ssheetId\s*=\s*["'][^"']*["']/, ''))?.[2];
    const rel = id ? rels.get(id) : undefined;
    return { name: getAttr(m[0], 'name') ?? '', tag: m[0], part: rel && !rel.external ? resolveTarget(wbPath, rel.target) : undefined };
  });
}

/** Anything to patch on a sheet the tool did not write whole. */
function hasWrites(j: SheetJournal): boolean {
  return j.cells.length > 0 || j.cfCleared !== null || j.cfAdded.length > 0 || j.validations.length > 0 || j.notes.size > 0 || Object.keys(j.widths).length > 0 || j.tables.length > 0 || j.views || j.pageSetup;
}

export interface PatchOptions {
  /**
   * The workbook is not used after this save (a check's, which writes its file and ends): the cells ExcelJS does not
   * need to render are let go for good, not put back after the rendering, and the workbook is refused afterwards.
   */
  release?: boolean;
}

export async function patchPackage(workbook: ExcelJS.Workbook, origin: Origin, journal: WorkbookJournal, options: PatchOptions = {}): Promise<Uint8Array> {
  // Nothing written (a workbook opened and downloaded as it was): the file itself.
  if (journal.sheets.size === 0 && journal.names.size === 0 && !journal.formulas) {
    return origin.bytes.slice();
  }
  const orig = new Parts(origin.bytes, origin.entries);
  const restore = await renderOnlyTheToolsCells(workbook, orig, journal);
  let rendered;
  try {
    rendered = await workbook.xlsx.writeBuffer({ zip: { compression: 'STORE' } } as unknown as Partial<ExcelJS.XlsxWriteOptions>);
  } finally {
    if (options.release) {
      setReleased(workbook);
      // Rendered: of the cells, only those whose notes the patch writes are read again.
      keepOnlyNotes(workbook, journal);
    } else restore();
  }
  const genBytes = rendered instanceof Uint8Array ? rendered : new Uint8Array(rendered as ArrayBuffer);
  return new Patch(orig, new Parts(genBytes, readZipDirectory(genBytes, 100_000)), workbook, journal, options.release).run();
}

/** The main part's path and its sheets, as the package names them. */
async function packageSheets(parts: Parts): Promise<{ wbPath: string; sheets: SheetEntry[] }> {
  const main = relationships(await parts.text('_rels/.rels')).find((r) => isRelType(r.type, 'officeDocument'));
  const wbPath = main ? resolveTarget('', main.target) : 'xl/workbook.xml';
  return { wbPath, sheets: sheetsOf(await parts.text(wbPath), wbPath, await parts.text(relsPathOf(wbPath))) };
}

/**
 * Before ExcelJS renders the workbook for the patch, the cells of the planner's sheets that the patch does not take
 * from the rendering are set aside: on a sheet the tool annotates, all but the cells inside its rectangles, its
 * notes and formulas (a shared formula's other cells point at the first); on a sheet the tool did not write (its
 * part is copied as it is), all. Sheets the tool writes whole or adds keep theirs. The rendering of a 5,000-line
 * plan then costs a fraction of the time and memory. Returns what puts the cells back.
 */
async function renderOnlyTheToolsCells(workbook: ExcelJS.Workbook, orig: Parts, journal: WorkbookJournal): Promise<() => void> {
  const inPackage = new Set((await packageSheets(orig)).sheets.filter((s) => s.part).map((s) => s.name.toLowerCase()));
  const undo: Array<() => void> = [];
  for (const ws of workbook.worksheets) {
    if (!inPackage.has(ws.name.toLowerCase())) continue;
    const j = sheetWrites(journal, ws.name);
    if (j?.whole) continue;
    const rects = j && hasWrites(j) ? j.cells : [];
    const notes = new Set([...(j?.notes ?? [])].map((a) => cellKey(parseCell(a).row, parseCell(a).col)));
    const rows = cellStoreOf(ws);
    rows.forEach((row, i) => {
      if (!row) return;
      const r = i + 1;
      const rs = rects.filter((x) => x.top <= r && r <= x.bottom);
      const all = row._cells;
      const kept: typeof all = [];
      let dropped = false;
      all.forEach((cell, k) => {
        if (!cell) return;
        const c = k + 1;
        if (rs.some((x) => x.left <= c && c <= x.right) || notes.has(cellKey(r, c)) || isFormulaOrigin(cell)) kept[k] = cell;
        else dropped = true;
      });
      if (!dropped) return;
      row._cells = kept;
      undo.push(() => (row._cells = all));
    });
  }
  return () => undo.forEach((f) => f());
}

/** A released workbook, once rendered, keeps only the cells whose notes the tool set or removed (patchNotes reads them). */
function keepOnlyNotes(workbook: ExcelJS.Workbook, journal: WorkbookJournal): void {
  for (const ws of workbook.worksheets) {
    const notes = sheetWrites(journal, ws.name)?.notes;
    const rows = cellStoreOf(ws);
    if (!notes?.size) {
      rows.length = 0;
      continue;
    }
    const keys = new Set([...notes].map((a) => cellKey(parseCell(a).row, parseCell(a).col)));
    rows.forEach((row, i) => {
      if (!row) return;
      const kept: typeof row._cells = [];
      row._cells.forEach((cell, k) => {
        if (cell && keys.has(cellKey(i + 1, k + 1))) kept[k] = cell;
      });
      row._cells = kept;
    });
  }
}

function cellKey(row: number, col: number): number {
  return row * 16_384 + col;
}

/** A cell holding a formula of its own (not one of a shared formula's other cells, which point at such a cell). */
function isFormulaOrigin(cell: ExcelJS.Cell): boolean {
  const v = cell.value;
  return typeof v === 'object' && v !== null && 'formula' in v && Boolean((v as ExcelJS.CellFormulaValue).formula);
}

/** A changed part: its text, its bytes (in pieces), or its bytes already packed for the archive (a large sheet). */
type Edit = string | Uint8Array | Uint8Array[] | Packed;

function isPacked(edit: Edit): edit is Packed {
  return typeof edit === 'object' && !Array.isArray(edit) && !(edit instanceof Uint8Array);
}

/** Where a patched sheet's cells go back in, while its other edits work on the rest of the part. */
const SHEET_DATA = '<sheetData/>';

class Patch {
  /** New text of changed parts, by name as written in the package. */
  private readonly edits = new Map<string, Edit>();
  private readonly removed = new Set<string>();
  /** Parts that are new, in the order they were added. */
  private readonly added: string[] = [];
  private types = '';
  private wbPath = 'xl/workbook.xml';
  private wbXml = '';
  private wbRels = '';
  private styles!: StyleMerge;
  private strings!: SharedStringMerge;
  private cellsPatched = false;

  constructor(
    private readonly orig: Parts,
    private readonly gen: Parts,
    private readonly workbook: ExcelJS.Workbook,
    private readonly journal: WorkbookJournal,
    private readonly release = false,
  ) {}

  private exists(name: string): boolean {
    const key = name.toLowerCase();
    if (this.added.some((a) => a.toLowerCase() === key)) return true;
    return this.orig.has(name) && ![...this.removed].some((r) => r.toLowerCase() === key);
  }

  /** The text of a part as it stands in the output (edited, or the original). */
  private async current(name: string): Promise<string | undefined> {
    const key = [...this.edits.keys()].find((k) => k.toLowerCase() === name.toLowerCase());
    if (key !== undefined) {
      const v = this.edits.get(key)!;
      // Only sheets are packed, and no sheet is read back.
      if (isPacked(v)) throw new Error(`part ${name} is packed: it cannot be read back`);
      return typeof v === 'string' ? v : decoder.decode(Array.isArray(v) ? joinBytes(v) : v);
    }
    if ([...this.removed].some((r) => r.toLowerCase() === name.toLowerCase())) return undefined;
    return this.orig.textIfAny(name);
  }

  private put(name: string, content: Edit): void {
    const existing = this.orig.entry(name);
    const key = existing ? existing.name.replace(/^\//, '') : name;
    if (!existing && !this.added.some((a) => a.toLowerCase() === name.toLowerCase())) this.added.push(name);
    this.removed.delete(key);
    this.edits.set(key, content);
  }

  private remove(name: string): void {
    const e = this.orig.entry(name);
    if (e) this.removed.add(e.name.replace(/^\//, ''));
    const i = this.added.findIndex((a) => a.toLowerCase() === name.toLowerCase());
    if (i >= 0) this.added.splice(i, 1);
    this.types = removeOverride(this.types, name);
  }

  /** A part name `${stem}N${ext}` that is not taken. */
  private freeName(stem: string, ext: string): string {
    for (let n = 1; ; n++) if (!this.exists(`${stem}${n}${ext}`)) return `${stem}${n}${ext}`;
  }

  async run(): Promise<Uint8Array> {
    this.types = await this.orig.text('[Content_Types].xml');
    const rootRels = await this.orig.text('_rels/.rels');
    const main = relationships(rootRels).find((r) => isRelType(r.type, 'officeDocument'));
    if (main) this.wbPath = resolveTarget('', main.target);
    this.wbXml = await this.orig.text(this.wbPath);
    this.wbRels = await this.orig.text(relsPathOf(this.wbPath));
    const genWb = await this.gen.text('xl/workbook.xml');
    const genRels = await this.gen.text('xl/_rels/workbook.xml.rels');
    const genSheets = sheetsOf(genWb, 'xl/workbook.xml', genRels);
    const origSheets = sheetsOf(this.wbXml, this.wbPath, this.wbRels);

    const wbRelList = relationships(this.wbRels);
    const stylesRel = wbRelList.find((r) => isRelType(r.type, 'styles'));
    const stringsRel = wbRelList.find((r) => isRelType(r.type, 'sharedStrings'));
    const genRelList = relationships(genRels);
    const genStyles = await this.gen.text(resolveTarget('xl/workbook.xml', genRelList.find((r) => isRelType(r.type, 'styles'))!.target));
    const genStringsRel = genRelList.find((r) => isRelType(r.type, 'sharedStrings'));
    const genStrings = genStringsRel ? await this.gen.textIfAny(resolveTarget('xl/workbook.xml', genStringsRel.target)) : undefined;
    const stylesPath = stylesRel ? resolveTarget(this.wbPath, stylesRel.target) : undefined;
    const stringsPath = stringsRel ? resolveTarget(this.wbPath, stringsRel.target) : undefined;
    // A workbook without styles (a hand-made one) takes ExcelJS's as its own.
    this.styles = new StyleMerge((stylesPath && (await this.orig.textIfAny(stylesPath))) ?? genStyles, genStyles);
    this.strings = new SharedStringMerge(stringsPath ? await this.orig.textIfAny(stringsPath) : undefined, genStrings);
    const remap: Remap = { styles: this.styles, strings: this.strings };

    const finalNames = origSheets.map((s) => s.name);
    for (const ws of this.workbook.worksheets) {
      const g = genSheets.find((s) => s.name === ws.name);
      if (!g?.part) continue;
      const o = origSheets.find((s) => s.name.toLowerCase() === ws.name.toLowerCase());
      const j = sheetWrites(this.journal, ws.name);
      if (!o || !o.part) {
        await this.addSheet(ws.name, g, remap);
        finalNames.push(ws.name);
      } else if (j?.whole) {
        await this.replaceSheet(ws.name, o.part, g.part, remap);
      } else if (j && hasWrites(j)) {
        await this.patchSheet(ws, o.part, g.part, j, remap);
      }
    }

    await this.definedNames(genWb, genSheets, finalNames);
    if (this.journal.formulas) this.calcOnLoad();
    if (this.journal.formulas || this.cellsPatched) this.dropCalcChain();

    if (this.styles.changed) {
      if (stylesPath) this.put(stylesPath, this.styles.toXml());
      else this.addWorkbookPart('xl/styles.xml', this.styles.toXml(), REL.styles, 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml');
    } else if (!stylesPath) {
      this.addWorkbookPart('xl/styles.xml', genStyles, REL.styles, 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml');
    }
    const sst = this.strings.toXml();
    if (sst !== undefined) {
      if (stringsPath) this.put(stringsPath, sst);
      else this.addWorkbookPart('xl/sharedStrings.xml', sst, REL.sharedStrings, CONTENT_TYPE.sharedStrings);
    }
    await this.lastModifiedBy(rootRels);

    // Shared parts are written only when the tool added something to them (a download without changes is the file).
    if (this.wbXml !== (await this.orig.text(this.wbPath))) this.put(this.wbPath, this.wbXml);
    if (this.wbRels !== (await this.orig.text(relsPathOf(this.wbPath)))) this.put(relsPathOf(this.wbPath), this.wbRels);
    if (this.types !== (await this.orig.text('[Content_Types].xml'))) this.put('[Content_Types].xml', this.types);
    return this.assemble();
  }

  private addWorkbookPart(part: string, text: string, type: string, contentType: string): void {
    const name = this.exists(part) ? this.freeName(part.replace(/\.xml$/, ''), '.xml') : part;
    this.put(name, text);
    this.wbRels = addRelationship(this.wbRels, freeRelId(this.wbRels), type, relativeTarget(this.wbPath, name));
    this.types = setOverride(this.types, name, contentType);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Sheets

  private async addSheet(name: string, g: SheetEntry, remap: Remap): Promise<void> {
    const part = this.freeName('xl/worksheets/sheet', '.xml');
    const xml = await this.wholeSheet(name, g.part!, remap);
    this.put(part, await sheetContent(xml));
    await this.copySheetRelations(g.part!, part);
    this.types = setOverride(this.types, part, CONTENT_TYPE.worksheet);
    const rid = freeRelId(this.wbRels);
    this.wbRels = addRelationship(this.wbRels, rid, REL.worksheet, relativeTarget(this.wbPath, part));
    let maxId = 0;
    for (const m of this.wbXml.matchAll(/<sheet\b[^>]*>/g)) maxId = Math.max(maxId, Number(getAttr(m[0], 'sheetId') ?? 0));
    // The relationships prefix the workbook already uses for its sheets ("r" almost always).
    const prefix = /<sheet\b[^>]*\s([\w.-]+):id\s*=/.exec(this.wbXml)?.[1] ?? 'r';
    if (!new RegExp(`xmlns:${prefix}\\s*=`).test(this.wbXml)) {
      this.wbXml = this.wbXml.replace(/<workbook\b/, `<workbook xmlns:${prefix}="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`);
    }
    const state = getAttr(g.tag, 'state');
    const tag = `<sheet name="${escapeXml(name)}" sheetId="${maxId + 1}"${state && state !== 'visible' ? ` state="${state}"` : ''} ${prefix}:id="${rid}"/>`;
    const sheets = findElement(this.wbXml, 'sheets');
    if (!sheets) throw new Error('workbook.xml without <sheets>');
    this.wbXml = splice(this.wbXml, sheets.start, sheets.end, withInner(sheets.text, 'sheets', innerXml(sheets.text) + tag));
  }

  /**
   * A sheet the tool writes whole, from ExcelJS's rendering with the planner's indexes; its cells rendered straight
   * from the ops XlsxPort kept for it, when it kept them (direct-sheet.ts).
   */
  private async wholeSheet(name: string, genPart: string, remap: Remap): Promise<string | Uint8Array[]> {
    let xml = unselected(remapWholeSheet(await this.gen.textOnce(genPart), remap));
    const ops = deferredOf(this.workbook).get(name.toLowerCase());
    if (!ops) return xml;
    const sheet = new DirectSheet(fitText);
    for (const op of ops) sheet.apply(op);
    // A workbook let go of (release) is not saved again: the sheet's kept ops go once rendered.
    if (this.release) deferredOf(this.workbook).delete(name.toLowerCase());
    const { sheetData, dimension } = sheet.render({ xf: (style) => this.styles.xfOf(style), sharedString: (text) => this.strings.text(text) });
    const dim = findElement(xml, 'dimension');
    if (dim) xml = splice(xml, dim.start, dim.end, `<dimension ref="${dimension ?? 'A1'}"/>`);
    const data = findElement(xml, 'sheetData');
    if (!data) throw new Error(`rendering of sheet "${name}" without sheetData`);
    return [utf8(xml.slice(0, data.start)), ...sheetData, utf8(xml.slice(data.end))];
  }

  /** A sheet of the tool's (results, summary …) written anew: its old tables, notes and their drawing go with it. */
  private async replaceSheet(name: string, part: string, genPart: string, remap: Remap): Promise<void> {
    const xml = await this.wholeSheet(name, genPart, remap);
    const relsPath = relsPathOf(part);
    const old = await this.orig.textIfAny(relsPath);
    for (const r of old ? relationships(old) : []) {
      if (r.external) continue;
      if (isRelType(r.type, 'table') || isRelType(r.type, 'comments') || isRelType(r.type, 'vmlDrawing')) this.remove(resolveTarget(part, r.target));
    }
    this.put(part, await sheetContent(xml));
    if (old !== undefined) this.remove(relsPath);
    await this.copySheetRelations(genPart, part);
    this.cellsPatched = true;
  }

  /** The parts a sheet of ExcelJS's rendering refers to (tables, notes), copied under names free in the package. */
  private async copySheetRelations(genPart: string, part: string): Promise<void> {
    const genRels = await this.gen.textIfAny(relsPathOf(genPart));
    if (!genRels) return;
    const genTypes = await this.gen.text('[Content_Types].xml');
    let rels = EMPTY_RELS;
    for (const r of relationships(genRels)) {
      if (r.external) {
        rels = addRelationship(rels, r.id, r.type, r.target).replace(`Target="${escapeXml(r.target)}"/>`, `Target="${escapeXml(r.target)}" TargetMode="External"/>`);
        continue;
      }
      const source = resolveTarget(genPart, r.target);
      const slash = source.lastIndexOf('/');
      const dot = source.lastIndexOf('.');
      const stem = source.slice(0, slash + 1) + source.slice(slash + 1, dot).replace(/\d+$/, '');
      const target = this.freeName(stem, source.slice(dot));
      let data: string | Uint8Array = await this.gen.data(source);
      if (isRelType(r.type, 'table')) data = await this.renumberTable(decoder.decode(data));
      this.put(target, data);
      const ct = contentTypeOf(genTypes, source);
      const ext = target.slice(target.lastIndexOf('.') + 1);
      if (ct && contentTypeOf(this.types, target) !== ct) {
        if (ext.toLowerCase() === 'vml') this.types = ensureDefault(this.types, 'vml', CONTENT_TYPE.vml);
        if (contentTypeOf(this.types, target) !== ct) this.types = setOverride(this.types, target, ct);
      }
      rels = addRelationship(rels, r.id, r.type, relativeTarget(part, target));
    }
    this.put(relsPathOf(part), rels);
  }

  /** A table part with an id no other table of the workbook has. */
  private async renumberTable(xml: string): Promise<string> {
    let max = 0;
    for (const e of this.orig.entries) {
      if (!/^\/?xl\/tables\/[^/]+\.xml$/i.test(e.name) || this.removed.has(e.name.replace(/^\//, ''))) continue;
      max = Math.max(max, Number(getAttr(startTag(findElement(await this.orig.text(e.name), 'table')?.text ?? '<table>'), 'id') ?? 0));
    }
    for (const a of this.added) {
      if (!/^xl\/tables\//i.test(a)) continue;
      const t = await this.current(a);
      if (t) max = Math.max(max, Number(getAttr(/<table\b[^>]*>/.exec(t)?.[0] ?? '', 'id') ?? 0));
    }
    return xml.replace(/<table\b[^>]*>/, (tag) => setAttr(tag, 'id', String(max + 1)));
  }

  /**
   * A sheet the planner owns with the tool's edits. Its cells (sheetData, nearly all of a large sheet) are patched
   * apart and encoded piece by piece as they come; the other edits work on the rest of the part, so a large sheet is
   * never decoded twice nor copied whole edit after edit.
   */
  private async patchSheet(ws: ExcelJS.Worksheet, part: string, genPart: string, j: SheetJournal, remap: Remap): Promise<void> {
    const whole = await this.orig.textOnce(part);
    const data = findElement(whole, 'sheetData');
    if (!data) throw new Error(`worksheet ${part} without sheetData`);
    let xml = whole.slice(0, data.start) + SHEET_DATA + whole.slice(data.end);
    const genWhole = await this.gen.textOnce(genPart);
    const genData = findElement(genWhole, 'sheetData');
    const gen = genData ? genWhole.slice(0, genData.start) + genWhole.slice(genData.end) : genWhole;
    let cells: Uint8Array[];
    if (j.cells.length) {
      const out = new Utf8Pieces();
      out.push(withInner(data.text, 'sheetData', '').slice(0, -'</sheetData>'.length));
      const { maxRow, maxCol } = patchSheetData(innerXml(data.text), genData ? innerXml(genData.text) : '', j.cells, remap, (s) => out.push(s), j.content);
      out.push('</sheetData>');
      cells = out.flush();
      if (maxRow) xml = growDimension(xml, maxRow, maxCol);
      this.cellsPatched = true;
    } else {
      cells = [utf8(data.text)];
    }
    if (j.cfCleared || j.cfAdded.length) xml = patchConditionalFormats(xml, j, this.styles);
    xml = patchValidations(xml, j);
    xml = patchColumnWidths(xml, j.widths);
    if (j.views) xml = replaceElement(xml, gen, 'sheetViews');
    if (j.pageSetup) xml = replaceElement(xml, gen, 'pageSetup', ['r:id']);
    for (const t of j.tables) xml = await this.patchTable(part, xml, genPart, t);
    if (j.notes.size) xml = await this.patchNotes(ws, part, xml, j.notes);
    const at = xml.indexOf(SHEET_DATA);
    this.put(part, await pack([utf8(xml.slice(0, at)), ...cells, utf8(xml.slice(at + SHEET_DATA.length))]));
  }

  private async sheetRels(part: string): Promise<string> {
    return (await this.current(relsPathOf(part))) ?? EMPTY_RELS;
  }

  /** The table of that name on the sheet gets the new range; a new table is copied from ExcelJS's rendering. */
  private async patchTable(part: string, xml: string, genPart: string, t: { name: string; range: string }): Promise<string> {
    const rels = await this.sheetRels(part);
    const ref = t.range.replace(/\$/g, '');
    for (const r of relationships(rels)) {
      if (r.external || !isRelType(r.type, 'table')) continue;
      const tablePart = resolveTarget(part, r.target);
      const text = await this.current(tablePart);
      if (!text) continue;
      const root = /<table\b[^>]*>/.exec(text);
      if (!root || (getAttr(root[0], 'name') ?? getAttr(root[0], 'displayName') ?? '').toLowerCase() !== t.name.toLowerCase()) continue;
      const columns = Number(getAttr(/<tableColumns\b[^>]*>/.exec(text)?.[0] ?? '', 'count') ?? 0);
      const [l, rr] = ref.split(':');
      const width = rr ? colSpan(l, rr) : 1;
      if (columns !== width) {
        // Other columns: ExcelJS's table (its headers are the cells'), under the old part name and id.
        const genText = await this.genTable(genPart, t.name);
        if (genText) this.put(tablePart, genText.replace(/<table\b[^>]*>/, (tag) => setAttr(tag, 'id', getAttr(root[0], 'id') ?? '1')));
        return xml;
      }
      let next = text.replace(/<table\b[^>]*>/, (tag) => setAttr(tag, 'ref', ref));
      next = next.replace(/<autoFilter\b[^>]*>/, (tag) => setAttr(tag, 'ref', ref));
      if (next !== text) this.put(tablePart, next);
      return xml;
    }
    const genText = await this.genTable(genPart, t.name);
    if (!genText) return xml;
    const target = this.freeName('xl/tables/table', '.xml');
    this.put(target, await this.renumberTable(genText));
    this.types = setOverride(this.types, target, CONTENT_TYPE.table);
    const id = freeRelId(rels);
    this.put(relsPathOf(part), addRelationship(rels, id, REL.table, relativeTarget(part, target)));
    const out = ensureRelNamespace(xml);
    const parts = findElement(out, 'tableParts');
    const tag = `<tablePart r:id="${id}"/>`;
    if (!parts) return insertWorksheetChild(out, 'tableParts', `<tableParts count="1">${tag}</tableParts>`);
    const inner = innerXml(parts.text) + tag;
    const count = (inner.match(/<tablePart\b/g) ?? []).length;
    return splice(out, parts.start, parts.end, withInner(setAttr(startTag(parts.text), 'count', String(count)), 'tableParts', inner));
  }

  private async genTable(genPart: string, name: string): Promise<string | undefined> {
    const rels = await this.gen.textIfAny(relsPathOf(genPart));
    for (const r of rels ? relationships(rels) : []) {
      if (r.external || !isRelType(r.type, 'table')) continue;
      const text = await this.gen.text(resolveTarget(genPart, r.target));
      const root = /<table\b[^>]*>/.exec(text);
      if (root && (getAttr(root[0], 'name') ?? '').toLowerCase() === name.toLowerCase()) return text;
    }
    return undefined;
  }

  private async patchNotes(ws: ExcelJS.Worksheet, part: string, xml: string, cells: Set<string>): Promise<string> {
    const notes = new Map<string, string | null>();
    for (const cell of cells) {
      const note = ws.getCell(cell).note;
      const text = !note ? '' : typeof note === 'string' ? note : (note.texts ?? []).map((t) => t.text).join('');
      notes.set(cell, text || null);
    }
    let rels = await this.sheetRels(part);
    const list = relationships(rels);
    let out = xml;
    const commentsRel = list.find((r) => !r.external && isRelType(r.type, 'comments'));
    let commentsPart: string;
    if (commentsRel) commentsPart = resolveTarget(part, commentsRel.target);
    else {
      commentsPart = this.freeName('xl/comments', '.xml');
      rels = addRelationship(rels, freeRelId(rels), REL.comments, relativeTarget(part, commentsPart));
      this.types = setOverride(this.types, commentsPart, CONTENT_TYPE.comments);
    }
    const legacy = /<legacyDrawing\b[^>]*>/.exec(out);
    const legacyId = legacy ? /\s[\w.-]+:id\s*=\s*["']([^"']*)["']/.exec(legacy[0])?.[1] : undefined;
    const vmlRel = legacyId ? list.find((r) => r.id === legacyId) : undefined;
    let vmlPart: string;
    if (vmlRel) vmlPart = resolveTarget(part, vmlRel.target);
    else {
      vmlPart = this.freeName('xl/drawings/vmlDrawing', '.vml');
      const id = freeRelId(rels);
      rels = addRelationship(rels, id, REL.vmlDrawing, relativeTarget(part, vmlPart));
      this.types = ensureDefault(this.types, 'vml', CONTENT_TYPE.vml);
      out = ensureRelNamespace(out);
      out = legacy ? out.replace(legacy[0], `<legacyDrawing r:id="${id}"/>`) : insertWorksheetChild(out, 'legacyDrawing', `<legacyDrawing r:id="${id}"/>`);
    }
    this.put(commentsPart, patchComments(await this.current(commentsPart), notes));
    const vml = await this.current(vmlPart);
    // Shapes are numbered in the drawing's own id block (o:idmap), or a block no other drawing uses.
    const block = Number(/<o:idmap\b[^>]*\sdata\s*=\s*["'](\d+)/.exec(vml ?? '')?.[1] ?? (await this.freeShapeBlock()));
    this.put(vmlPart, patchVml(vml, notes, block));
    this.put(relsPathOf(part), rels);
    return out;
  }

  /** A VML shape-id block (o:idmap) that no drawing of the package uses yet. */
  private async freeShapeBlock(): Promise<number> {
    let max = 0;
    for (const e of this.orig.entries) {
      if (!/\.vml$/i.test(e.name)) continue;
      for (const m of ((await this.current(e.name)) ?? '').matchAll(/<o:idmap\b[^>]*\sdata\s*=\s*["']([\d,\s]+)["']/g)) {
        for (const n of m[1].split(/[,\s]+/)) if (n) max = Math.max(max, Number(n));
      }
    }
    return max + 1;
  }

  // -------------------------------------------------------------------------------------------------------------
  // workbook.xml

  /** Names the tool defined, and the print areas and titles of the sheets it set up for printing. */
  private async definedNames(genWb: string, genSheets: SheetEntry[], finalNames: string[]): Promise<void> {
    const genNames = [...(findElement(genWb, 'definedNames') ? innerXml(findElement(genWb, 'definedNames')!.text).matchAll(elementRe('definedName')) : [])].map((m) => m[0]);
    const wanted: Array<{ name: string; local?: number; xml: string }> = [];
    for (const name of this.journal.names.keys()) {
      const g = genNames.find((x) => getAttr(startTag(x), 'name') === name && getAttr(startTag(x), 'localSheetId') === undefined);
      if (g) wanted.push({ name, xml: g });
    }
    for (const g of genNames) {
      const name = getAttr(startTag(g), 'name') ?? '';
      const local = getAttr(startTag(g), 'localSheetId');
      if (!/^_xlnm\.Print_(Area|Titles)$/.test(name) || local === undefined) continue;
      const sheet = genSheets[Number(local)]?.name;
      const j = sheet ? sheetWrites(this.journal, sheet) : undefined;
      if (!sheet || !j || !(j.pageSetup || j.whole)) continue;
      const index = finalNames.findIndex((n) => n.toLowerCase() === sheet.toLowerCase());
      if (index < 0) continue;
      wanted.push({ name, local: index, xml: startTag(g).replace(/localSheetId\s*=\s*["']\d+["']/, `localSheetId="${index}"`) + g.slice(startTag(g).length) });
    }
    if (!wanted.length) return;
    let block = findElement(this.wbXml, 'definedNames');
    const kept = block
      ? [...innerXml(block.text).matchAll(elementRe('definedName'))]
          .map((m) => m[0])
          .filter((x) => {
            const name = (getAttr(startTag(x), 'name') ?? '').toLowerCase();
            const local = getAttr(startTag(x), 'localSheetId');
            return !wanted.some((w) => w.name.toLowerCase() === name && (w.local === undefined ? local === undefined : String(w.local) === local));
          })
      : [];
    const inner = [...kept, ...wanted.map((w) => w.xml)].join('');
    if (block) this.wbXml = splice(this.wbXml, block.start, block.end, withInner(block.text, 'definedNames', inner));
    else this.wbXml = insertChild(this.wbXml, 'workbook', `<definedNames>${inner}</definedNames>`, WORKBOOK_AFTER_DEFINED_NAMES);
    block = undefined;
  }

  /** Formulas were written with cached results from the engine: Excel and LibreOffice calculate them on open. */
  private calcOnLoad(): void {
    const calc = /<calcPr\b[^>]*>/.exec(this.wbXml);
    if (calc) this.wbXml = splice(this.wbXml, calc.index, calc.index + calc[0].length, setAttr(calc[0], 'fullCalcOnLoad', '1'));
    else this.wbXml = insertChild(this.wbXml, 'workbook', '<calcPr fullCalcOnLoad="1"/>', WORKBOOK_AFTER_CALC_PR);
  }

  private dropCalcChain(): void {
    for (const r of relationships(this.wbRels)) {
      if (!isRelType(r.type, 'calcChain')) continue;
      this.remove(resolveTarget(this.wbPath, r.target));
      this.wbRels = removeRelationship(this.wbRels, r.id);
    }
  }

  /** The tool wrote the file last: core.xml says so (only that element changes). */
  private async lastModifiedBy(rootRels: string): Promise<void> {
    const rel = relationships(rootRels).find((r) => isRelType(r.type, 'core-properties'));
    if (!rel) return;
    const part = resolveTarget('', rel.target);
    const core = await this.orig.textIfAny(part);
    if (!core) return;
    const next = core.replace(/(<cp:lastModifiedBy\b[^>]*>)([\s\S]*?)(<\/cp:lastModifiedBy>)/, (_m, a: string, v: string, b: string) => (unescapeXml(v) === TOOL_NAME ? _m : `${a}${escapeXml(TOOL_NAME)}${b}`));
    if (next !== core) this.put(part, next);
  }

  private assemble(): Promise<Uint8Array> {
    const out: ZipOut[] = [];
    for (const e of this.orig.entries) {
      const name = e.name.replace(/^\//, '');
      if (this.removed.has(name)) continue;
      const edit = this.edits.get(name);
      if (edit === undefined) out.push({ name: e.name, from: { bytes: this.orig.bytes, entry: e } });
      else out.push(zipOut(e.name, edit));
    }
    for (const name of this.added) {
      const edit = this.edits.get(name);
      if (edit !== undefined) out.push(zipOut(name, edit));
    }
    return writeZip(out);
  }
}

function zipOut(name: string, edit: Edit): ZipOut {
  if (isPacked(edit)) return { name, packed: edit };
  return { name, data: typeof edit === 'string' ? utf8(edit) : edit };
}

/** A sheet's text, or its pieces packed for the archive at once (tens of MB become a few, long before the archive is written). */
async function sheetContent(xml: string | Uint8Array[]): Promise<Edit> {
  return typeof xml === 'string' ? xml : pack(xml);
}

function joinBytes(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function colSpan(a: string, b: string): number {
  const col = (s: string) => [...s.replace(/[^A-Z]/gi, '').toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return Math.abs(col(b) - col(a)) + 1;
}

/**
 * A sheet of the tool's, not selected: the planner's selected tab stays the one selected (a second selected tab
 * would open the workbook with sheets grouped, and an edit would go to both).
 */
function unselected(xml: string): string {
  return xml.replace(/(<sheetView\b[^>]*?)\s+tabSelected\s*=\s*["'](?:1|true)["']/, '$1');
}

/** A worksheet root that declares the "r" prefix the tool's r:id attributes use. */
function ensureRelNamespace(xml: string): string {
  const root = /<worksheet\b[^>]*>/.exec(xml);
  if (!root || /\sxmlns:r\s*=/.test(root[0])) return xml;
  return splice(xml, root.index, root.index + root[0].length, root[0].replace(/<worksheet\b/, '<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'));
}
