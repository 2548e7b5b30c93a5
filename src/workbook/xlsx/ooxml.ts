/**
 * Small, targeted edits of OOXML parts as text. The patcher (package-patch.ts) changes a shared part only where the
 * tool has something to add or replace, and keeps every other byte: so it never parses a part into a tree and
 * writes it back (that is how attributes, namespaces and extensions the tool does not know get lost). These
 * helpers find elements and attributes with regular expressions fit for what Excel, LibreOffice and ExcelJS write
 * (elements of the main namespace without a prefix).
 */

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]);
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return XML_ENTITIES[e] ?? m;
  });
}

/** An attribute's value (unescaped) in a start tag, or undefined. `name` may carry a prefix ("r:id"). */
export function getAttr(tag: string, name: string): string | undefined {
  const m = attrRe(name).exec(tag);
  return m ? unescapeXml(m[2] ?? m[3] ?? '') : undefined;
}

/** One compiled pattern per attribute name: getAttr runs once per cell of a large sheet. */
const ATTR_RES = new Map<string, RegExp>();

function attrRe(name: string): RegExp {
  let re = ATTR_RES.get(name);
  if (!re) {
    re = new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*("([^"]*)"|'([^']*)')`);
    ATTR_RES.set(name, re);
  }
  return re;
}

/** The start tag with the attribute set (replaced where present, added before the tag's end otherwise). */
export function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, (_m, pre: string) => `${pre}"${escapeXml(value)}"`);
  return tag.replace(/\s*(\/?>)$/, (_m, end: string) => ` ${name}="${escapeXml(value)}"${end}`);
}

export function removeAttr(tag: string, name: string): string {
  return tag.replace(new RegExp(`\\s${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*("[^"]*"|'[^']*')`), '');
}

/** Elements named `name` (no prefix): self-closing or with content (not nested in themselves). */
export function elementRe(name: string, flags = 'g'): RegExp {
  return new RegExp(`<${name}\\b[^>]*?(?:/>|>[\\s\\S]*?</${name}>)`, flags);
}

export interface Found {
  start: number;
  end: number;
  text: string;
}

/** The first element named `name`, with where it is. */
export function findElement(xml: string, name: string, from = 0): Found | undefined {
  const re = elementRe(name, 'g');
  re.lastIndex = from;
  const m = re.exec(xml);
  return m ? { start: m.index, end: m.index + m[0].length, text: m[0] } : undefined;
}

/** The start tag of an element's text. */
export function startTag(element: string): string {
  return element.slice(0, element.indexOf('>') + 1);
}

/** Content between an element's start and end tags ('' when self-closing). */
export function innerXml(element: string): string {
  const open = element.indexOf('>');
  if (element[open - 1] === '/') return '';
  return element.slice(open + 1, element.lastIndexOf('</'));
}

/** An element with new content (a self-closing one is opened). */
export function withInner(element: string, name: string, inner: string): string {
  const tag = startTag(element);
  const open = tag.endsWith('/>') ? `${tag.slice(0, -2).trimEnd()}>` : tag;
  return `${open}${inner}</${name}>`;
}

export function splice(xml: string, start: number, end: number, insert: string): string {
  return xml.slice(0, start) + insert + xml.slice(end);
}

/**
 * Insert `element` into the children of the root element, before the first child named in `after` (the schema's
 * order: what must come after it), or before the root's end tag.
 */
export function insertChild(xml: string, rootName: string, element: string, after: readonly string[]): string {
  let at = -1;
  for (const name of after) {
    const m = new RegExp(`<${name}\\b`).exec(xml);
    if (m && (at < 0 || m.index < at)) at = m.index;
  }
  if (at < 0) at = xml.lastIndexOf(`</${rootName}>`);
  if (at < 0) throw new Error(`no </${rootName}> in the part`);
  return splice(xml, at, at, element);
}

/** CT_Worksheet's children in the schema's order. */
export const WORKSHEET_ORDER = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr', 'sheetProtection', 'protectedRanges',
  'scenarios', 'autoFilter', 'sortState', 'dataConsolidate', 'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting',
  'dataValidations', 'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks',
  'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing', 'legacyDrawingHF', 'drawingHF',
  'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst',
] as const;

/** The worksheet children that come after `name`. */
export function worksheetAfter(name: (typeof WORKSHEET_ORDER)[number]): readonly string[] {
  return WORKSHEET_ORDER.slice(WORKSHEET_ORDER.indexOf(name) + 1);
}

/** Insert a worksheet child at its place in the schema's order. */
export function insertWorksheetChild(xml: string, name: (typeof WORKSHEET_ORDER)[number], element: string): string {
  return insertChild(xml, 'worksheet', element, worksheetAfter(name));
}

/** CT_Workbook's children after definedNames, and after calcPr. */
export const WORKBOOK_AFTER_DEFINED_NAMES = ['calcPr', 'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr', 'webPublishObjects', 'extLst'] as const;
export const WORKBOOK_AFTER_CALC_PR = WORKBOOK_AFTER_DEFINED_NAMES.slice(1);

// ---------------------------------------------------------------------------------------------------------------
// Package paths and relationships

/** A relationship target resolved against the folder of the part that holds the relationships. */
export function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const base = sourcePart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.' && seg !== '') base.push(seg);
  }
  return base.join('/');
}

/** The relationships part of a part: xl/worksheets/sheet1.xml → xl/worksheets/_rels/sheet1.xml.rels. */
export function relsPathOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** A target for `part` written relative to the folder of `sourcePart`. */
export function relativeTarget(sourcePart: string, part: string): string {
  const from = sourcePart.split('/').slice(0, -1);
  const to = part.split('/');
  let i = 0;
  while (i < from.length && i < to.length - 1 && from[i] === to[i]) i++;
  return [...from.slice(i).map(() => '..'), ...to.slice(i)].join('/');
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
  /** The Relationship element as written. */
  xml: string;
}

export function relationships(relsXml: string): Relationship[] {
  const out: Relationship[] = [];
  for (const m of relsXml.matchAll(/<(?:[\w.-]+:)?Relationship\b[^>]*>/g)) {
    const id = getAttr(m[0], 'Id');
    const type = getAttr(m[0], 'Type');
    const target = getAttr(m[0], 'Target');
    if (!id || !type || target === undefined) continue;
    out.push({ id, type, target, external: getAttr(m[0], 'TargetMode') === 'External', xml: m[0] });
  }
  return out;
}

/** A relationship id not used in the part yet. */
export function freeRelId(relsXml: string): string {
  const used = new Set(relationships(relsXml).map((r) => r.id));
  let n = used.size + 1;
  while (used.has(`rId${n}`)) n++;
  return `rId${n}`;
}

export const EMPTY_RELS = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';

export function addRelationship(relsXml: string, id: string, type: string, target: string): string {
  const rel = `<Relationship Id="${escapeXml(id)}" Type="${escapeXml(type)}" Target="${escapeXml(target)}"/>`;
  if (/<Relationships\b[^>]*\/>/.test(relsXml)) return relsXml.replace(/<Relationships\b([^>]*?)\s*\/>/, `<Relationships$1>${rel}</Relationships>`);
  const end = relsXml.lastIndexOf('</Relationships>');
  if (end < 0) throw new Error('a relationships part without </Relationships>');
  return splice(relsXml, end, end, rel);
}

export function removeRelationship(relsXml: string, id: string): string {
  return relsXml.replace(new RegExp(`<Relationship\\b[^>]*\\sId\\s*=\\s*["']${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["'][^>]*>(?:</Relationship>)?`), '');
}

export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  sharedStrings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  calcChain: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain',
  comments: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments',
  vmlDrawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing',
  table: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table',
} as const;

/** A relationship type by its last segment, whatever the namespace (strict OOXML writes another one). */
export function isRelType(type: string, name: string): boolean {
  return type.endsWith(`/${name}`);
}

export const CONTENT_TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  sharedStrings: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml',
  comments: 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml',
  vml: 'application/vnd.openxmlformats-officedocument.vmlDrawing',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
  macroWorkbook: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
} as const;

/** [Content_Types].xml with an Override for `part` (replacing one that is there). */
export function setOverride(types: string, part: string, contentType: string): string {
  const cleaned = removeOverride(types, part);
  const o = `<Override PartName="/${escapeXml(part)}" ContentType="${escapeXml(contentType)}"/>`;
  const end = cleaned.lastIndexOf('</Types>');
  if (end < 0) throw new Error('[Content_Types].xml without </Types>');
  return splice(cleaned, end, end, o);
}

export function removeOverride(types: string, part: string): string {
  const esc = `/${part}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return types.replace(new RegExp(`<Override\\b[^>]*\\sPartName\\s*=\\s*["']${esc}["'][^>]*>(?:</Override>)?`, 'i'), '');
}

/** The content type a package gives a part: its Override, else the Default of its extension. */
export function contentTypeOf(types: string, part: string): string | undefined {
  for (const m of types.matchAll(/<Override\b[^>]*>/g)) {
    if ((getAttr(m[0], 'PartName') ?? '').replace(/^\//, '').toLowerCase() === part.toLowerCase()) return getAttr(m[0], 'ContentType');
  }
  const ext = part.slice(part.lastIndexOf('.') + 1).toLowerCase();
  for (const m of types.matchAll(/<Default\b[^>]*>/g)) if ((getAttr(m[0], 'Extension') ?? '').toLowerCase() === ext) return getAttr(m[0], 'ContentType');
  return undefined;
}

export function ensureDefault(types: string, extension: string, contentType: string): string {
  for (const m of types.matchAll(/<Default\b[^>]*>/g)) if ((getAttr(m[0], 'Extension') ?? '').toLowerCase() === extension.toLowerCase()) return types;
  const d = `<Default Extension="${escapeXml(extension)}" ContentType="${escapeXml(contentType)}"/>`;
  // Defaults first, as writers put them.
  const at = types.search(/<(Default|Override)\b/);
  if (at < 0) return splice(types, types.lastIndexOf('</Types>'), types.lastIndexOf('</Types>'), d);
  return splice(types, at, at, d);
}
