/**
 * The tool's notes on a planner's sheet: legacy comments (xl/commentsN.xml) and the VML shapes that draw them.
 * Only the cells the tool wrote a note on (or removed its note from) change; the planner's notes, threaded
 * comments and form controls in the same parts keep their bytes.
 */
import { columnNumber } from '../a1';
import { TOOL_NAME } from '../../version';
import { escapeXml, getAttr, innerXml, splice, startTag } from './ooxml';

/** The comments part with the notes of `cells` replaced: `text` null removes the cell's note. */
export function patchComments(xml: string | undefined, notes: Map<string, string | null>): string {
  let out =
    xml ??
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors></authors><commentList></commentList></comments>';
  out = out.replace(/<comment\b[^>]*?(?:\/>|>[\s\S]*?<\/comment>)/g, (c) => (notes.has((getAttr(startTag(c), 'ref') ?? '').toUpperCase()) ? '' : c));
  const added = [...notes].filter(([, text]) => text !== null);
  if (!added.length) return out;
  // The tool as the author of its notes (added to the authors when it is not there yet).
  const authors = /<authors\b[^>]*?(?:\/>|>([\s\S]*?)<\/authors>)/.exec(out);
  if (!authors) throw new Error('comments part without <authors>');
  const names = [...(authors[1] ?? '').matchAll(/<author>([\s\S]*?)<\/author>/g)].map((m) => m[1]);
  let authorId = names.indexOf(escapeXml(TOOL_NAME));
  if (authorId < 0) {
    authorId = names.length;
    const list = `<authors>${authors[1] ?? ''}<author>${escapeXml(TOOL_NAME)}</author></authors>`;
    out = splice(out, authors.index, authors.index + authors[0].length, list);
  }
  const comments = added.map(([cell, text]) => `<comment ref="${cell}" authorId="${authorId}"><text><r><t xml:space="preserve">${escapeXml(text!)}</t></r></text></comment>`).join('');
  if (/<commentList\b[^>]*\/>/.test(out)) return out.replace(/<commentList\b([^>]*?)\s*\/>/, `<commentList$1>${comments}</commentList>`);
  const end = out.lastIndexOf('</commentList>');
  if (end < 0) throw new Error('comments part without <commentList>');
  return splice(out, end, end, comments);
}

const SHAPETYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function noteShape(id: number, row: number, col: number): string {
  // Anchor: left column, offset, top row, offset, right column, offset, bottom row, offset (0-based), as Excel
  // places a note: to the right of its cell, a few rows tall.
  const anchor = `${col}, 15, ${Math.max(0, row - 2)}, 10, ${col + 2}, 15, ${row + 2}, 4`;
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:160pt;height:60pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${anchor}</x:Anchor><x:AutoFill>False</x:AutoFill><x:Row>${row - 1}</x:Row><x:Column>${col - 1}</x:Column></x:ClientData></v:shape>`
  );
}

/** The VML drawing with the note shapes of `notes` replaced. `idBlock` numbers the shapes of a new drawing. */
export function patchVml(xml: string | undefined, notes: Map<string, string | null>, idBlock: number): string {
  let out =
    xml ??
    `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${idBlock}"/></o:shapelayout></xml>`;
  const cells = new Set<string>();
  for (const cell of notes.keys()) {
    const m = /^([A-Z]+)(\d+)$/.exec(cell);
    if (m) cells.add(`${Number(m[2]) - 1},${columnNumber(m[1]) - 1}`);
  }
  out = out.replace(/<v:shape\b[^>]*?(?:\/>|>[\s\S]*?<\/v:shape>)/g, (shape) => {
    if (!/ObjectType\s*=\s*["']Note["']/.test(shape)) return shape;
    const row = /<x:Row>\s*(\d+)\s*<\/x:Row>/.exec(shape)?.[1];
    const col = /<x:Column>\s*(\d+)\s*<\/x:Column>/.exec(shape)?.[1];
    return row !== undefined && col !== undefined && cells.has(`${row},${col}`) ? '' : shape;
  });
  const added = [...notes].filter(([, text]) => text !== null);
  if (!added.length) return out;
  if (!/id\s*=\s*["']_x0000_t202["']/.test(out)) {
    const at = out.lastIndexOf('</xml>');
    out = splice(out, at, at, SHAPETYPE);
  }
  let id = idBlock * 1024;
  for (const m of out.matchAll(/_x0000_s(\d+)/g)) id = Math.max(id, Number(m[1]));
  const shapes = added
    .map(([cell]) => {
      const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
      return noteShape(++id, Number(m[2]), columnNumber(m[1]));
    })
    .join('');
  const end = out.lastIndexOf('</xml>');
  if (end < 0) throw new Error('VML drawing without </xml>');
  return splice(out, end, end, shapes);
}

/** Whether a comments part still holds any note. */
export function hasComments(xml: string): boolean {
  const list = /<commentList\b[^>]*?(?:\/>|>([\s\S]*?)<\/commentList>)/.exec(xml);
  return Boolean(list && innerXml(list[0]).includes('<comment'));
}
