/**
 * ExcelJS (Node build) writes each worksheet's XML into an array of small strings — some twenty per cell — and joins
 * them once the sheet is done. For a checked 5,000-line plan the results sheet alone comes to six million strings
 * (about 250 MB) alive at once: that array was what pushed a check's memory over a gigabyte. Here the array is
 * joined into a chunk every few thousand strings as the sheet is written, so only the chunks (the sheet's XML
 * itself) stay. The bytes written are the same.
 *
 * ExcelJS takes back what it wrote after a "rollback" mark by array index (optional elements left empty); nothing
 * is joined while such a mark is open, so those indexes stay right. Installed once, by io.ts (the Node entry): the
 * browser build of ExcelJS is a separate bundle and keeps its own behaviour.
 */

/** The parts of ExcelJS's XmlStream this relies on (lib/utils/xml-stream.js; not in its type definitions). */
interface XmlStreamInternals {
  _xml: string[];
  _rollbacks: unknown[];
  /** Our joined chunks, oldest first. */
  _chunks?: string[];
  closeNode(): void;
  closeAll(): void;
}

interface XmlStreamClass {
  prototype: XmlStreamInternals;
}

/** Strings per chunk: large enough that joining is cheap, small enough that the pending array stays small. */
const CHUNK_PARTS = 16_384;

const INSTALLED = Symbol.for('supply-plan.xml-chunks');

function loadXmlStream(): XmlStreamClass | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('exceljs/lib/utils/xml-stream.js') as XmlStreamClass;
  } catch {
    return null;
  }
}

/**
 * Install the chunking on ExcelJS's XmlStream (once). If ExcelJS changes shape (no such module, or a stream
 * without the internals named above), it is left as it is: saving works the same, only with more memory.
 */
export function installXmlChunks(): void {
  const XmlStream = loadXmlStream();
  const proto = XmlStream?.prototype as (XmlStreamInternals & { [INSTALLED]?: true }) | undefined;
  if (!proto || proto[INSTALLED] || typeof proto.closeNode !== 'function' || typeof proto.closeAll !== 'function') return;
  const xml = Object.getOwnPropertyDescriptor(proto, 'xml');
  if (!xml?.get || !xml.configurable) return;

  const closeNode = proto.closeNode;
  proto.closeNode = function (this: XmlStreamInternals) {
    closeNode.call(this);
    if (this._xml.length >= CHUNK_PARTS && this._rollbacks.length === 0) {
      (this._chunks ??= []).push(this._xml.join(''));
      this._xml = [];
    }
  };
  Object.defineProperty(proto, 'xml', {
    configurable: true,
    get(this: XmlStreamInternals) {
      this.closeAll();
      if (!this._chunks) return this._xml.join('');
      this._chunks.push(this._xml.join(''));
      this._xml = [];
      const all = this._chunks.join('');
      this._chunks = [all];
      return all;
    },
  });
  proto[INSTALLED] = true;
}
