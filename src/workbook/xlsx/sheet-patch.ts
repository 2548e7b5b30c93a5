/**
 * Targeted edits of one worksheet part: the tool's cells spliced into the planner's sheetData, the tool's
 * conditional-format rules and drop-down lists replaced, column widths set — everything else in the part kept as
 * written. Used on the sheets the planner owns and the tool annotates (the plan and activity sheets).
 */
import { columnNumber, columnLetters, formatRange, intersects, isOwnedRuleFormula, parseRange, shiftFormula, type RangeRef } from '../a1';
import type { ConditionalRule, SheetJournal } from './journal';
import { elementRe, escapeXml, findElement, getAttr, innerXml, insertWorksheetChild, removeAttr, setAttr, splice, startTag, unescapeXml, withInner } from './ooxml';
import type { SharedStringMerge, StyleMerge } from './styles-merge';
import { subtract } from './xlsx-port';

const CELL_RE = /<c\b[^>]*?(?:\/>|>[\s\S]*?<\/c>)/g;
const ROW_RE = /<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g;

/** "AB12" → { row: 12, col: 28 } (no "$", as cell references in sheetData are written). */
function cellRef(ref: string): { row: number; col: number } | undefined {
  const m = /^([A-Z]{1,3})(\d+)$/i.exec(ref);
  return m ? { row: Number(m[2]), col: columnNumber(m[1].toUpperCase()) } : undefined;
}

/** Style and string indexes of a cell of ExcelJS's rendering, mapped to the planner's parts. */
export interface Remap {
  styles: StyleMerge;
  strings: SharedStringMerge;
  /** Added to shared-formula group numbers (si), so the tool's groups do not meet the planner's. */
  siOffset?: number;
}

const STYLE_ATTR = /\ss="(\d+)"/;
const SHARED_STRING = /\st="s"/;
const VALUE = /<v>(\d+)<\/v>/;
const SHARED_GROUP = /(<f\b[^>]*\ssi=")(\d+)"/;

/** A cell of ExcelJS's rendering with the planner's indexes (a fast path: this runs once per cell of the results). */
export function remapCell(cell: string, m: Remap): string {
  const end = cell.indexOf('>') + 1;
  const tag = cell.slice(0, end).replace(STYLE_ATTR, (_x, n: string) => {
    const mapped = m.styles.xf(Number(n));
    return mapped === 0 ? '' : ` s="${mapped}"`;
  });
  let body = cell.slice(end);
  if (SHARED_STRING.test(tag)) body = body.replace(VALUE, (_x, n: string) => `<v>${m.strings.index(Number(n))}</v>`);
  if (m.siOffset) body = body.replace(SHARED_GROUP, (_x, pre: string, n: string) => `${pre}${Number(n) + m.siOffset!}"`);
  return tag + body;
}

/** A sheet written whole by ExcelJS, with its style, string and differential-format indexes mapped. */
export function remapWholeSheet(xml: string, m: Remap): string {
  let out = xml.replace(CELL_RE, (c) => remapCell(c, m));
  out = out.replace(/<row\b[^>]*>/g, (tag) => {
    const s = getAttr(tag, 's');
    return s === undefined ? tag : setAttr(tag, 's', String(m.styles.xf(Number(s))));
  });
  out = out.replace(/<col\b[^>]*>/g, (tag) => {
    const s = getAttr(tag, 'style');
    return s === undefined ? tag : setAttr(tag, 'style', String(m.styles.xf(Number(s))));
  });
  return out.replace(/(<cfRule\b[^>]*\sdxfId=")(\d+)"/g, (_x, pre: string, n: string) => `${pre}${m.styles.genDxf(Number(n))}"`);
}

interface ParsedCell {
  col: number;
  xml: string;
}

/** A cell of the rendering: the tool's, or (styleOnly) one the tool only formatted. */
interface GenCell extends ParsedCell {
  styleOnly?: boolean;
}

function cellsOf(rowXml: string, rowNo: number): ParsedCell[] {
  const out: ParsedCell[] = [];
  let next = 1;
  for (const m of rowXml.slice(startTag(rowXml).length).matchAll(CELL_RE)) {
    const ref = getAttr(startTag(m[0]), 'r');
    const at = ref ? cellRef(ref) : undefined;
    const col = at ? at.col : next;
    // A cell without a reference is the one after the previous: give it its reference, as the row is rebuilt.
    out.push({ col, xml: at ? m[0] : setAttr(startTag(m[0]), 'r', `${columnLetters(col)}${rowNo}`) + m[0].slice(startTag(m[0]).length) });
    next = col + 1;
  }
  return out;
}

/**
 * The planner's sheet with the cells inside `rects` taken from ExcelJS's rendering of it (a cell ExcelJS does not
 * write there is gone: the tool cleared it). Rows and cells outside the rectangles keep their bytes.
 */
export function patchCells(orig: string, gen: string, rects: RangeRef[], m: Remap): string {
  if (!rects.length) return orig;
  const data = findElement(orig, 'sheetData');
  if (!data) throw new Error('worksheet without sheetData');
  const out: string[] = [];
  const { maxRow, maxCol } = patchSheetData(innerXml(data.text), genSheetDataOf(gen), rects, m, (s) => out.push(s));
  let xml = splice(orig, data.start, data.end, withInner(data.text, 'sheetData', out.join('')));
  if (maxRow) xml = growDimension(xml, maxRow, maxCol);
  return xml;
}

/** The content of a rendering's sheetData ('' when it has none or an empty one). */
export function genSheetDataOf(gen: string): string {
  const d = findElement(gen, 'sheetData');
  return d ? innerXml(d.text) : '';
}

/** The rows of a sheetData's content, each with its number (a row without one is the one after the previous). */
function* rowsOf(sheetData: string): Generator<{ r: number; xml: string }> {
  let rowNo = 0;
  for (const row of sheetData.matchAll(ROW_RE)) {
    const r = Number(getAttr(startTag(row[0]), 'r') ?? rowNo + 1);
    rowNo = r;
    yield { r, xml: row[0] };
  }
}

const HAS_SHARED_GROUP = /\ssi\s*=/;
const FORMULA = /<f\b[^>]*?(?:\/>|>[\s\S]*?<\/f>)/;

/** A shared formula's master cell: where it is, the range its group may cover, its formula text (unescaped). */
interface Master {
  row: number;
  col: number;
  ref: RangeRef;
  formula: string;
}

/** The shared-formula group (si) of a cell, and for its master (the cell with the formula text), the group's range. */
function sharedOf(cellXml: string): { si: number; ref?: RangeRef; formula: string } | undefined {
  if (!HAS_SHARED_GROUP.test(cellXml)) return undefined;
  const f = FORMULA.exec(cellXml);
  if (!f) return undefined;
  const tag = startTag(f[0]);
  const si = getAttr(tag, 'si');
  if (getAttr(tag, 't') !== 'shared' || si === undefined || !/^\d+$/.test(si)) return undefined;
  const formula = unescapeXml(innerXml(f[0]));
  const ref = getAttr(tag, 'ref');
  if (ref === undefined || formula.trim() === '') return { si: Number(si), formula };
  try {
    return { si: Number(si), ref: parseRange(ref), formula };
  } catch {
    return { si: Number(si), formula };
  }
}

/**
 * The master of a member of group `si` at (row, col): the one whose range holds the cell (a sheet's group numbers
 * are unique, but a file with a number used twice still gets each member's own master).
 */
function masterOf<M extends Master>(masters: Map<number, M[]>, si: number, row: number, col: number): M | undefined {
  return masters.get(si)?.find((m) => m.ref.top <= row && row <= m.ref.bottom && m.ref.left <= col && col <= m.ref.right);
}

function addMaster<M extends Master>(masters: Map<number, M[]>, si: number, m: M): void {
  const list = masters.get(si);
  if (list) list.push(m);
  else masters.set(si, [m]);
}

/**
 * A cell of a shared-formula group whose master is gone, given the formula of its own: the master's, moved by the
 * distance between the two cells (as Excel reads it). ECMA-376 Part 1 §18.3.1.40 f (Formula): only the group's
 * first cell, the master, holds the formula text (and `ref`); every other cell of the group holds its `si` alone
 * and means the master's formula with its relative references moved. So a cell whose master was written over has no
 * formula left to read; the same is done with the tool's own groups in direct-sheet.ts.
 */
function ownFormula(cellXml: string, row: number, col: number, master: Master): string {
  return cellXml.replace(FORMULA, `<f>${escapeXml(shiftFormula(master.formula, row - master.row, col - master.col))}</f>`);
}

/**
 * A cell the tool only formatted: the planner's cell as written (its value or formula, every attribute) with the
 * style of ExcelJS's rendering of it. Its content is never taken from the rendering: ExcelJS numbers shared-formula
 * groups its own way, and a member of a planner's group would no longer match its master.
 */
function restyled(origXml: string, genXml: string | undefined): string {
  if (genXml === undefined) return origXml;
  const s = getAttr(startTag(genXml), 's');
  const open = startTag(origXml);
  const tag = s === undefined ? removeAttr(open, 's') : setAttr(open, 's', s);
  return tag + origXml.slice(open.length);
}

/**
 * The content of the planner's sheetData (`orig`) with the cells inside `rects` taken from ExcelJS's rendering of
 * the sheet (`gen`, its sheetData's content), handed to `emit` piece by piece in order, so that a large sheet is
 * never held whole a second time (the caller encodes the pieces as they come). Returns the last row and column the
 * tool's cells reach (0 when none), for the dimension.
 *
 * `content` (within `rects`; all of them when not given) is where the tool wrote or cleared values and formulas: a
 * cell there is ExcelJS's. A cell of `rects` outside `content` was only formatted: it keeps the planner's XML but for
 * its style. Shared formulas (ECMA-376 §18.3.1.40) are kept whole: a planner's group whose master the tool wrote over
 * leaves its other cells with formulas of their own, and a cell of the rendering that belongs to a group whose master
 * is not taken from the rendering gets its own formula too. A master whose `ref` still covers cells that left its
 * group is as Excel writes it (a cell inside `ref` need not belong to the group).
 */
export function patchSheetData(orig: string, gen: string, rects: RangeRef[], m: Remap, emit: (xml: string) => void, content: RangeRef[] = rects): { maxRow: number; maxCol: number } {
  const rectsAt = (row: number) => rects.filter((r) => r.top <= row && row <= r.bottom);
  const contentAt = (row: number) => content.filter((r) => r.top <= row && row <= r.bottom);
  const touched = (rs: RangeRef[], col: number) => rs.some((r) => r.left <= col && col <= r.right);

  // The planner's shared-formula groups that stay (the tool's groups are numbered after them), and their masters:
  // where the tool wrote over one (written: true), the group's other cells get formulas of their own.
  let maxSi = -1;
  const masters = new Map<number, Array<Master & { written: boolean }>>();
  for (const { r, xml } of rowsOf(orig)) {
    if (!HAS_SHARED_GROUP.test(xml)) continue;
    const cs = contentAt(r);
    for (const c of cellsOf(xml, r)) {
      const written = touched(cs, c.col);
      if (!written) maxSi = Math.max(maxSi, maxSharedIndex(c.xml));
      const sh = sharedOf(c.xml);
      if (sh?.ref) addMaster(masters, sh.si, { row: r, col: c.col, ref: sh.ref, formula: sh.formula, written });
    }
  }
  const orphans = [...masters.values()].some((list) => list.some((x) => x.written));
  const remap = { ...m, siOffset: maxSi + 1 };

  // The rendering's cells in the tool's rectangles: those it wrote (content), and those it only formatted (for their
  // style, or whole where the planner has no cell).
  const genMasters = new Map<number, Array<Master & { taken: boolean }>>();
  const genRows = new Map<number, GenCell[]>();
  for (const { r, xml } of rowsOf(gen)) {
    const rs = rectsAt(r);
    const hasGroups = HAS_SHARED_GROUP.test(xml);
    if (!rs.length && !hasGroups) continue;
    const cs = contentAt(r);
    const cells: GenCell[] = [];
    for (const c of cellsOf(xml, r)) {
      const isContent = touched(cs, c.col);
      if (hasGroups) {
        const sh = sharedOf(c.xml);
        if (sh?.ref) addMaster(genMasters, sh.si, { row: r, col: c.col, ref: sh.ref, formula: sh.formula, taken: isContent });
      }
      if (isContent) cells.push(c);
      else if (touched(rs, c.col)) cells.push({ ...c, styleOnly: true });
    }
    if (cells.length) genRows.set(r, cells);
  }
  for (const [r, cells] of genRows) {
    genRows.set(
      r,
      cells.map((c) => {
        if (c.styleOnly) return { ...c, xml: remapCell(c.xml, m) };
        const sh = sharedOf(c.xml);
        const master = sh && !sh.ref ? masterOf(genMasters, sh.si, r, c.col) : undefined;
        // A member of a group whose master stays the planner's (outside the tool's cells): its own formula.
        const xml = master && !master.taken ? ownFormula(c.xml, r, c.col, master) : c.xml;
        return { col: c.col, xml: remapCell(xml, remap) };
      }),
    );
  }
  /** A planner's cell kept outside the tool's content: its own formula when its group's master was written over. */
  const keep = (c: ParsedCell, r: number): ParsedCell => {
    if (!orphans) return c;
    const sh = sharedOf(c.xml);
    const master = sh && !sh.ref ? masterOf(masters, sh.si, r, c.col) : undefined;
    return master?.written ? { col: c.col, xml: ownFormula(c.xml, r, c.col, master) } : c;
  };

  const pending = [...genRows.keys()].sort((a, b) => a - b);
  let p = 0;
  let maxRow = 0;
  let maxCol = 0;
  const note = (row: number, cells: ParsedCell[]) => {
    if (!cells.length) return;
    maxRow = Math.max(maxRow, row);
    maxCol = Math.max(maxCol, cells[cells.length - 1].col);
  };
  const newRow = (r: number) => {
    const cells = genRows.get(r)!;
    note(r, cells);
    return `<row r="${r}">${cells.map((c) => c.xml).join('')}</row>`;
  };
  for (const row of rowsOf(orig)) {
    const { r } = row;
    while (p < pending.length && pending[p] < r) emit(newRow(pending[p++]));
    if (p < pending.length && pending[p] === r) p++;
    const rs = rectsAt(r);
    const fromGen = genRows.get(r) ?? [];
    if (!rs.length && !fromGen.length && !(orphans && HAS_SHARED_GROUP.test(row.xml))) {
      emit(row.xml);
      continue;
    }
    const open = startTag(row.xml);
    const cs = contentAt(r);
    const styled = new Map(fromGen.filter((c) => c.styleOnly).map((c) => [c.col, c.xml]));
    const kept: ParsedCell[] = [];
    for (const c of cellsOf(row.xml, r)) {
      if (touched(cs, c.col)) continue;
      const k = keep(c, r);
      if (!touched(rs, c.col)) kept.push(k);
      else {
        kept.push({ col: c.col, xml: restyled(k.xml, styled.get(c.col)) });
        styled.delete(c.col);
      }
    }
    // The rendering's cells: the tool's, and the formatted ones where the planner has none.
    const added = fromGen.filter((c) => !c.styleOnly || styled.has(c.col));
    const cells = [...kept, ...added].sort((a, b) => a.col - b.col);
    const inner = cells.map((c) => c.xml).join('');
    // A row whose cells come out as they were keeps its bytes.
    if (!open.endsWith('/>') && inner === row.xml.slice(open.length, row.xml.lastIndexOf('</'))) {
      emit(row.xml);
      continue;
    }
    note(r, added);
    let tag = open;
    // The spans hint (first:last column of the row's cells) follows the cells.
    if (getAttr(tag, 'spans') !== undefined) tag = cells.length ? setAttr(tag, 'spans', `${cells[0].col}:${cells[cells.length - 1].col}`) : removeAttr(tag, 'spans');
    if (tag.endsWith('/>')) tag = `${tag.slice(0, -2).trimEnd()}>`;
    emit(`${tag}${inner}</row>`);
  }
  while (p < pending.length) emit(newRow(pending[p++]));
  return { maxRow, maxCol };
}

export function growDimension(xml: string, row: number, col: number): string {
  const d = findElement(xml, 'dimension');
  const ref = d && getAttr(d.text, 'ref');
  if (!d || !ref) return xml;
  let r: RangeRef;
  try {
    r = parseRange(ref);
  } catch {
    return xml;
  }
  if (r.bottom >= row && r.right >= col) return xml;
  const grown = { top: Math.min(r.top, row), left: Math.min(r.left, col), bottom: Math.max(r.bottom, row), right: Math.max(r.right, col) };
  return splice(xml, d.start, d.end, setAttr(d.text, 'ref', formatRange(grown)));
}

/** The largest shared-formula group number (si) in a sheet, -1 when there is none. */
export function maxSharedIndex(xml: string): number {
  let max = -1;
  for (const m of xml.matchAll(/<f\b[^>]*\ssi="(\d+)"/g)) max = Math.max(max, Number(m[1]));
  return max;
}

// ---------------------------------------------------------------------------------------------------------------
// Conditional formats

function argbOf(color: string): string {
  return `FF${color.replace(/^#/, '').toUpperCase()}`;
}

/**
 * The differential format of one of the tool's rules (as the port describes it to ExcelJS), in the schema's order
 * (font, numFmt, fill). `numFmtId` numbers its number format (StyleMerge.dxfNumFmtId).
 */
export function dxfXml(format: ConditionalRule['format'], numFmtId: (code: string) => number = () => 164): string {
  let font = '';
  if (format.font) {
    const f = format.font;
    font = `<font>${f.bold ? '<b/>' : ''}${f.italic ? '<i/>' : ''}${f.size ? `<sz val="${f.size}"/>` : ''}${f.color ? `<color rgb="${argbOf(f.color)}"/>` : ''}</font>`;
  }
  // Excel reads a differential fill's colour from bgColor; fgColor carries the same for readers that do not.
  const fill = format.fill ? `<fill><patternFill patternType="solid"><fgColor rgb="${argbOf(format.fill.color)}"/><bgColor rgb="${argbOf(format.fill.color)}"/></patternFill></fill>` : '';
  const code = format.numberFormat;
  const numFmt = code === undefined ? '' : `<numFmt numFmtId="${numFmtId(code)}" formatCode="${escapeXml(code)}"/>`;
  return `<dxf>${font}${numFmt}${fill}</dxf>`;
}

const CF_RE = elementRe('conditionalFormatting');
const RULE_RE = elementRe('cfRule');

/** The planner's rules kept (the tool's own removed, as the journal says), the tool's new rules after them. */
export function patchConditionalFormats(xml: string, j: SheetJournal, styles: StyleMerge): string {
  let out = xml;
  if (j.cfCleared) {
    const ownedBy = j.cfCleared.ownedBy;
    out = out.replace(CF_RE, (block) => {
      const kept = block.replace(RULE_RE, (rule) => {
        if (ownedBy === null) return '';
        if (getAttr(startTag(rule), 'type') !== 'expression') return rule;
        const f = /<formula>([\s\S]*?)<\/formula>/.exec(rule);
        return f && isOwnedRuleFormula(unescapeXml(f[1]), ownedBy) ? '' : rule;
      });
      return RULE_RE.test(kept) ? kept : '';
    });
    RULE_RE.lastIndex = 0;
  }
  if (!j.cfAdded.length) return out;
  let priority = 0;
  for (const m of out.matchAll(/\spriority="(\d+)"/g)) priority = Math.max(priority, Number(m[1]));
  const blocks = j.cfAdded
    .map((rule) => {
      const dxf = styles.dxf(dxfXml(rule.format, (code) => styles.dxfNumFmtId(code)));
      const sqref = formatRange(parseRange(rule.range));
      return `<conditionalFormatting sqref="${sqref}"><cfRule type="expression" dxfId="${dxf}" priority="${++priority}"><formula>${escapeXml(rule.formula.replace(/^=/, ''))}</formula></cfRule></conditionalFormatting>`;
    })
    .join('');
  // After the planner's rules (the last conditionalFormatting), or where the schema puts them.
  let last: { end: number } | undefined;
  for (const m of out.matchAll(CF_RE)) last = { end: m.index + m[0].length };
  return last ? splice(out, last.end, last.end, blocks) : insertWorksheetChild(out, 'conditionalFormatting', blocks);
}

// ---------------------------------------------------------------------------------------------------------------
// Drop-down lists (data validation)

function rectsOf(sqref: string): RangeRef[] | undefined {
  try {
    return sqref.split(/\s+/).filter(Boolean).map(parseRange);
  } catch {
    return undefined;
  }
}

/**
 * The planner's validations, less the ranges the tool set or cleared (a rule cut in part keeps its other cells, as
 * a list of rectangles); then the tool's lists. A rule the tool's ranges do not touch keeps its bytes.
 */
export function patchValidations(xml: string, j: SheetJournal): string {
  if (!j.validations.length) return xml;
  const block = findElement(xml, 'dataValidations');
  const existing = block ? [...innerXml(block.text).matchAll(elementRe('dataValidation'))].map((m) => ({ xml: m[0], rects: rectsOf(getAttr(startTag(m[0]), 'sqref') ?? ''), changed: false })) : [];
  const ours: Array<{ source: string; rects: RangeRef[] }> = [];
  for (const v of j.validations) {
    for (const e of existing) {
      if (!e.rects || !e.rects.some((r) => intersects(r, v.range))) continue;
      e.rects = e.rects.flatMap((r) => subtract(r, v.range));
      e.changed = true;
    }
    for (const o of ours) o.rects = o.rects.flatMap((r) => subtract(r, v.range));
    if (v.source !== null) ours.push({ source: v.source, rects: [v.range] });
  }
  const items: string[] = [];
  for (const e of existing) {
    if (!e.changed) items.push(e.xml);
    else if (e.rects && e.rects.length) {
      const open = startTag(e.xml);
      items.push(setAttr(open, 'sqref', e.rects.map(formatRange).join(' ')) + e.xml.slice(open.length));
    }
  }
  for (const o of ours) {
    if (!o.rects.length) continue;
    items.push(`<dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="${o.rects.map(formatRange).join(' ')}"><formula1>${escapeXml(o.source)}</formula1></dataValidation>`);
  }
  if (!block) return items.length ? insertWorksheetChild(xml, 'dataValidations', `<dataValidations count="${items.length}">${items.join('')}</dataValidations>`) : xml;
  if (!items.length) return splice(xml, block.start, block.end, '');
  const open = setAttr(startTag(block.text), 'count', String(items.length));
  return splice(xml, block.start, block.end, withInner(open, 'dataValidations', items.join('')));
}

// ---------------------------------------------------------------------------------------------------------------
// Column widths

export function patchColumnWidths(xml: string, widths: Record<string, number>): string {
  const entries = Object.entries(widths);
  if (!entries.length) return xml;
  const block = findElement(xml, 'cols');
  let cols = block ? [...innerXml(block.text).matchAll(/<col\b[^>]*?(?:\/>|>[\s\S]*?<\/col>)/g)].map((m) => ({ min: Number(getAttr(m[0], 'min')), max: Number(getAttr(m[0], 'max')), xml: m[0] })) : [];
  const withBounds = (x: string, min: number, max: number) => setAttr(setAttr(x, 'min', String(min)), 'max', String(max));
  for (const [letters, width] of entries) {
    const c = columnNumber(letters);
    const i = cols.findIndex((x) => x.min <= c && c <= x.max);
    const sized = (x: string) => setAttr(setAttr(x, 'width', String(width)), 'customWidth', '1');
    if (i < 0) {
      cols.push({ min: c, max: c, xml: sized(`<col min="${c}" max="${c}"/>`) });
      continue;
    }
    const x = cols[i];
    const parts = [];
    if (x.min < c) parts.push({ min: x.min, max: c - 1, xml: withBounds(x.xml, x.min, c - 1) });
    parts.push({ min: c, max: c, xml: sized(withBounds(x.xml, c, c)) });
    if (c < x.max) parts.push({ min: c + 1, max: x.max, xml: withBounds(x.xml, c + 1, x.max) });
    cols = [...cols.slice(0, i), ...parts, ...cols.slice(i + 1)];
  }
  cols.sort((a, b) => a.min - b.min);
  const inner = cols.map((x) => x.xml).join('');
  if (block) return splice(xml, block.start, block.end, withInner(block.text, 'cols', inner));
  return insertWorksheetChild(xml, 'cols', `<cols>${inner}</cols>`);
}

/** Replace (or insert) a whole element of the sheet with ExcelJS's rendering of it. */
export function replaceElement(xml: string, gen: string, name: 'sheetViews' | 'pageSetup' | 'printOptions' | 'pageMargins', keepAttrs: string[] = []): string {
  const g = findElement(gen, name);
  if (!g) return xml;
  const o = findElement(xml, name);
  let text = g.text;
  for (const a of keepAttrs) {
    const v = o && getAttr(startTag(o.text), a);
    if (v !== undefined) text = setAttr(startTag(text), a, v) + text.slice(startTag(text).length);
  }
  return o ? splice(xml, o.start, o.end, text) : insertWorksheetChild(xml, name, text);
}
