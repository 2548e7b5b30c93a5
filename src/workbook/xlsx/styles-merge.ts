/**
 * The planner's styles.xml and sharedStrings.xml, with the tool's entries added and nothing else changed.
 *
 * The tool's cells come from ExcelJS's rendering of the workbook, whose style and string indexes point into ExcelJS's
 * own styles.xml and sharedStrings.xml. Each index a spliced cell uses is mapped to the planner's part: a font,
 * fill, border, number format or cell format (xf) already there with the same XML is reused, anything else is
 * appended. Existing entries keep their index and bytes — cell styles, named styles and the default font included.
 */
import type { CellStyle } from './direct-sheet';
import { escapeXml, getAttr, setAttr, splice } from './ooxml';
import { argb } from './xlsx-port';

/** Excel's built-in number formats that ExcelJS writes by id (its defaultnumformats.js), by format code. */
const BUILT_IN_NUMFMTS = new Map<string, number>([
  ['General', 0], ['0', 1], ['0.00', 2], ['#,##0', 3], ['#,##0.00', 4], ['0%', 9], ['0.00%', 10], ['0.00E+00', 11],
  ['# ?/?', 12], ['# ??/??', 13], ['mm-dd-yy', 14], ['d-mmm-yy', 15], ['d-mmm', 16], ['mmm-yy', 17], ['h:mm AM/PM', 18],
  ['h:mm:ss AM/PM', 19], ['h:mm', 20], ['h:mm:ss', 21], ['m/d/yy "h":mm', 22], ['#,##0 ;(#,##0)', 37],
  ['#,##0 ;[Red](#,##0)', 38], ['#,##0.00 ;(#,##0.00)', 39], ['#,##0.00 ;[Red](#,##0.00)', 40], ['mm:ss', 45],
  ['[h]:mm:ss', 46], ['mmss.0', 47], ['##0.0E+0', 48], ['@', 49],
]);


interface Section {
  /** Where the section's element is in the part (undefined: the part has none). */
  at?: { start: number; end: number; open: string; name: string };
  items: string[];
}

const ITEM: Record<string, string> = { numFmts: 'numFmt', fonts: 'font', fills: 'fill', borders: 'border', cellXfs: 'xf', dxfs: 'dxf' };

function section(xml: string, name: string): Section {
  const m = new RegExp(`<${name}\\b[^>]*?(?:/>|>([\\s\\S]*?)</${name}>)`).exec(xml);
  if (!m) return { items: [] };
  const item = ITEM[name];
  const items = m[1] ? [...m[1].matchAll(new RegExp(`<${item}\\b[^>]*?(?:/>|>[\\s\\S]*?</${item}>)`, 'g'))].map((x) => x[0]) : [];
  return { at: { start: m.index, end: m.index + m[0].length, open: m[0].slice(0, m[0].indexOf('>') + 1), name }, items };
}

/** styleSheet children in the schema's order (a missing section is inserted before the first later one). */
const STYLE_ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

class Appendable {
  readonly index = new Map<string, number>();
  readonly added: string[] = [];
  constructor(readonly section: Section) {
    section.items.forEach((x, i) => {
      if (!this.index.has(x)) this.index.set(x, i);
    });
  }
  get count(): number {
    return this.section.items.length + this.added.length;
  }
  /** The index of an entry with this XML, appended when there is none. */
  intern(xml: string): number {
    let i = this.index.get(xml);
    if (i === undefined) {
      i = this.count;
      this.added.push(xml);
      this.index.set(xml, i);
    }
    return i;
  }
}

export class StyleMerge {
  private readonly gen: { numFmts: Map<number, string>; fonts: string[]; fills: string[]; borders: string[]; xfs: string[]; dxfs: string[] };
  private readonly fonts: Appendable;
  private readonly fills: Appendable;
  private readonly borders: Appendable;
  private readonly xfs: Appendable;
  private readonly dxfs: Appendable;
  private readonly numFmts: Section;
  private readonly numFmtByCode = new Map<string, number>();
  private readonly addedNumFmts: string[] = [];
  /** Ids given to number formats of differential formats only (a cell format with the same code adds it to numFmts). */
  private readonly dxfOnlyNumFmts = new Set<number>();
  private nextNumFmt: number;
  private readonly xfMap = new Map<number, number>();
  private readonly xfByStyle = new Map<string, number>();

  constructor(
    private readonly original: string,
    generated: string,
  ) {
    const g = (name: string) => section(generated, name).items;
    this.gen = {
      numFmts: new Map(g('numFmts').map((x) => [Number(getAttr(x, 'numFmtId')), getAttr(x, 'formatCode') ?? ''])),
      fonts: g('fonts'),
      fills: g('fills'),
      borders: g('borders'),
      xfs: g('cellXfs'),
      dxfs: g('dxfs'),
    };
    this.fonts = new Appendable(section(original, 'fonts'));
    this.fills = new Appendable(section(original, 'fills'));
    this.borders = new Appendable(section(original, 'borders'));
    this.xfs = new Appendable(section(original, 'cellXfs'));
    this.dxfs = new Appendable(section(original, 'dxfs'));
    this.numFmts = section(original, 'numFmts');
    let max = 163;
    for (const x of this.numFmts.items) {
      const id = Number(getAttr(x, 'numFmtId'));
      max = Math.max(max, id);
      const code = getAttr(x, 'formatCode');
      if (code !== undefined && !this.numFmtByCode.has(code)) this.numFmtByCode.set(code, id);
    }
    // Ids the planner's differential formats give their number formats are taken too.
    for (const x of this.dxfs.section.items) for (const m of x.matchAll(/<numFmt\b[^>]*?numFmtId="(\d+)"/g)) max = Math.max(max, Number(m[1]));
    this.nextNumFmt = max + 1;
    if (!this.xfs.section.at || !this.fonts.section.at) throw new Error('styles.xml without fonts or cell formats');
  }

  get changed(): boolean {
    return this.fonts.added.length + this.fills.added.length + this.borders.added.length + this.xfs.added.length + this.dxfs.added.length + this.addedNumFmts.length > 0;
  }

  /** The planner's cell-format index for ExcelJS's index `genXf`. */
  xf(genXf: number): number {
    // ExcelJS's format 0 is "no format": the planner's default (their Normal style and default font).
    if (genXf === 0) return 0;
    const known = this.xfMap.get(genXf);
    if (known !== undefined) return known;
    let xml = this.gen.xfs[genXf];
    if (xml === undefined) return 0;
    const map = (attr: string, f: (n: number) => number) => {
      const v = getAttr(xml, attr);
      if (v !== undefined) xml = setAttr(xml, attr, String(f(Number(v))));
    };
    map('numFmtId', (n) => this.numFmt(n));
    map('fontId', (n) => (n === 0 ? 0 : this.fonts.intern(this.gen.fonts[n] ?? this.gen.fonts[0])));
    map('fillId', (n) => (n <= 1 ? n : this.fills.intern(this.gen.fills[n] ?? this.gen.fills[0])));
    map('borderId', (n) => (n === 0 ? 0 : this.borders.intern(this.gen.borders[n] ?? this.gen.borders[0])));
    // The planner's Normal style is the parent of every format the tool adds.
    if (getAttr(xml, 'xfId') !== undefined) xml = setAttr(xml, 'xfId', '0');
    const index = this.xfs.intern(xml);
    this.xfMap.set(genXf, index);
    return index;
  }

  /**
   * The planner's cell-format index for a style of a sheet rendered straight from write ops (direct-sheet.ts): its
   * font, fill, border, number format and cell format written as ExcelJS writes them (so an equal entry ExcelJS's
   * rendering added is shared), each reused when the planner's part already has it, appended otherwise.
   */
  xfOf(style: CellStyle): number {
    const key = JSON.stringify(style);
    const known = this.xfByStyle.get(key);
    if (known !== undefined) return known;
    const numFmtId = style.numberFormat === undefined ? 0 : this.numFmtOfCode(style.numberFormat);
    let fontId = 0;
    const f = style.font;
    if (f && (f.bold || f.italic || f.color !== undefined || f.size !== undefined)) {
      fontId = this.fonts.intern(
        `<font>${f.bold ? '<b/>' : ''}${f.italic ? '<i/>' : ''}${f.color !== undefined ? `<color rgb="${argb(f.color)}"/>` : ''}${f.size !== undefined ? `<sz val="${f.size}"/>` : ''}</font>`,
      );
    }
    const fillId = style.fill === undefined ? 0 : this.fills.intern(`<fill><patternFill patternType="solid"><fgColor rgb="${argb(style.fill)}"/></patternFill></fill>`);
    const borderId = style.border ? this.borders.intern('<border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border>') : 0;
    const hasAlignment = style.wrap !== undefined || style.horizontal !== undefined || style.vertical !== undefined;
    let xml = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"`;
    if (numFmtId) xml += ' applyNumberFormat="1"';
    if (fontId) xml += ' applyFont="1"';
    if (fillId) xml += ' applyFill="1"';
    if (borderId) xml += ' applyBorder="1"';
    if (hasAlignment) {
      const attrs = `${style.horizontal ? ` horizontal="${style.horizontal}"` : ''}${style.vertical ? ` vertical="${style.vertical === 'middle' ? 'center' : style.vertical}"` : ''}${style.wrap ? ' wrapText="1"' : ''}`;
      xml += ` applyAlignment="1"><alignment${attrs}/></xf>`;
    } else {
      xml += '/>';
    }
    const index = numFmtId || fontId || fillId || borderId || hasAlignment ? this.xfs.intern(xml) : 0;
    this.xfByStyle.set(key, index);
    return index;
  }

  /** The planner's index for ExcelJS's differential format `genDxf` (conditional formats of sheets written whole). */
  genDxf(genDxf: number): number {
    const xml = this.gen.dxfs[genDxf];
    if (xml === undefined) return genDxf;
    // Its number format's id is from ExcelJS's numbering: renumbered in the planner's.
    return this.dxf(xml.replace(/<numFmt\b[^>]*\/>/, (tag) => setAttr(tag, 'numFmtId', String(this.dxfNumFmtId(getAttr(tag, 'formatCode') ?? '')))));
  }

  /**
   * The id a differential format's number format carries: the planner's id for the same code, else one no format of
   * theirs uses (LibreOffice files a dxf's numFmt under its id with the cell formats, so a shared id would restyle
   * their cells). The code itself goes only into the dxf, as Excel writes it.
   */
  dxfNumFmtId(code: string): number {
    let id = this.numFmtByCode.get(code);
    if (id === undefined) {
      id = this.nextNumFmt++;
      this.numFmtByCode.set(code, id);
      this.dxfOnlyNumFmts.add(id);
    }
    return id;
  }

  /** The index of a differential format with this XML, added when there is none. */
  dxf(xml: string): number {
    return this.dxfs.intern(xml);
  }

  private numFmt(genId: number): number {
    if (genId < 164) return genId;
    const code = this.gen.numFmts.get(genId);
    if (code === undefined) return 0;
    return this.numFmtOfCode(code);
  }

  private numFmtOfCode(code: string): number {
    const builtIn = BUILT_IN_NUMFMTS.get(code);
    if (builtIn !== undefined) return builtIn;
    let id = this.numFmtByCode.get(code);
    if (id === undefined || this.dxfOnlyNumFmts.delete(id)) {
      id ??= this.nextNumFmt++;
      this.numFmtByCode.set(code, id);
      this.addedNumFmts.push(`<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    }
    return id;
  }

  /** styles.xml with the additions (the original text when nothing was added). */
  toXml(): string {
    if (!this.changed) return this.original;
    let xml = this.original;
    // From the last section to the first, so earlier offsets stay right.
    const edits: Array<{ name: string; section: Section; added: string[] }> = [
      { name: 'numFmts', section: this.numFmts, added: this.addedNumFmts },
      { name: 'fonts', section: this.fonts.section, added: this.fonts.added },
      { name: 'fills', section: this.fills.section, added: this.fills.added },
      { name: 'borders', section: this.borders.section, added: this.borders.added },
      { name: 'cellXfs', section: this.xfs.section, added: this.xfs.added },
      { name: 'dxfs', section: this.dxfs.section, added: this.dxfs.added },
    ];
    const present = edits.filter((e) => e.section.at).sort((a, b) => b.section.at!.start - a.section.at!.start);
    for (const e of present) {
      if (!e.added.length) continue;
      const at = e.section.at!;
      const count = e.section.items.length + e.added.length;
      const open = setAttr(at.open.endsWith('/>') ? `${at.open.slice(0, -2).trimEnd()}>` : at.open, 'count', String(count));
      const old = xml.slice(at.start, at.end);
      const inner = at.open.endsWith('/>') ? '' : old.slice(at.open.length, old.lastIndexOf(`</${e.name}>`));
      xml = splice(xml, at.start, at.end, `${open}${inner}${e.added.join('')}</${e.name}>`);
    }
    for (const e of edits) {
      if (e.section.at || !e.added.length) continue;
      const later = STYLE_ORDER.slice(STYLE_ORDER.indexOf(e.name) + 1);
      let pos = -1;
      for (const name of later) {
        const m = new RegExp(`<${name}\\b`).exec(xml);
        if (m && (pos < 0 || m.index < pos)) pos = m.index;
      }
      if (pos < 0) pos = xml.lastIndexOf('</styleSheet>');
      xml = splice(xml, pos, pos, `<${e.name} count="${e.added.length}">${e.added.join('')}</${e.name}>`);
    }
    return xml;
  }
}

/** The planner's shared strings with the tool's strings appended (a part is made when the workbook had none). */
export class SharedStringMerge {
  private readonly genItems: string[];
  private origIndex?: Map<string, number>;
  private origCount = 0;
  private readonly added: string[] = [];
  private references = 0;
  private readonly map = new Map<number, number>();
  private readonly byText = new Map<string, number>();

  constructor(
    private readonly original: string | undefined,
    generated: string | undefined,
  ) {
    this.genItems = generated ? [...generated.matchAll(/<si\b[^>]*?(?:\/>|>[\s\S]*?<\/si>)/g)].map((m) => m[0]) : [];
  }

  get changed(): boolean {
    return this.added.length > 0 || this.references > 0;
  }

  /** The planner's index of ExcelJS's shared string `genIndex`. */
  index(genIndex: number): number {
    this.references++;
    const known = this.map.get(genIndex);
    if (known !== undefined) return known;
    const i = this.internXml(this.genItems[genIndex] ?? '<si><t></t></si>');
    this.map.set(genIndex, i);
    return i;
  }

  /** The planner's index of a text, written as ExcelJS writes a shared string (for sheets rendered from ops). */
  text(text: string): number {
    this.references++;
    let i = this.byText.get(text);
    if (i === undefined) {
      i = this.internXml(`<si><t${/^\s|\n|\s$/.test(text) ? ' xml:space="preserve"' : ''}>${escapeXml(text)}</t></si>`);
      this.byText.set(text, i);
    }
    return i;
  }

  private internXml(xml: string): number {
    if (!this.origIndex) {
      this.origIndex = new Map();
      let n = 0;
      for (const m of (this.original ?? '').matchAll(/<si\b[^>]*?(?:\/>|>[\s\S]*?<\/si>)/g)) {
        if (!this.origIndex.has(m[0])) this.origIndex.set(m[0], n);
        n++;
      }
      this.origCount = n;
    }
    let i = this.origIndex.get(xml);
    if (i === undefined) {
      i = this.origCount + this.added.length;
      this.added.push(xml);
      this.origIndex.set(xml, i);
    }
    return i;
  }

  /** The part's new text, or undefined when nothing changed. */
  toXml(): string | undefined {
    if (!this.changed) return undefined;
    if (this.original === undefined) {
      return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${this.references}" uniqueCount="${this.added.length}">${this.added.join('')}</sst>`;
    }
    let xml = this.original;
    const m = /<sst\b[^>]*?(\/?)>/.exec(xml);
    if (!m) throw new Error('sharedStrings.xml without <sst>');
    let open = m[0];
    if (m[1]) open = `${open.slice(0, -2).trimEnd()}>`;
    const count = Number(getAttr(open, 'count') ?? this.origCount);
    if (getAttr(open, 'count') !== undefined) open = setAttr(open, 'count', String(count + this.references));
    if (getAttr(open, 'uniqueCount') !== undefined) open = setAttr(open, 'uniqueCount', String(this.origCount + this.added.length));
    if (m[1]) return splice(xml, m.index, m.index + m[0].length, `${open}${this.added.join('')}</sst>`);
    xml = splice(xml, m.index, m.index + m[0].length, open);
    const end = xml.lastIndexOf('</sst>');
    return splice(xml, end, end, this.added.join(''));
  }
}
