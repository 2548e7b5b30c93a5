/**
 * Pretty JSON written in pieces. `supply-plan evaluate` of a 100,000-line plan prints some 300 MB of JSON: made as
 * one string (JSON.stringify) it took gigabytes of memory and seconds of copying. Here the top object and the arrays
 * in it are written element by element; the text is the same, byte for byte, as JSON.stringify(value, null, 2).
 */

const INDENT = '  ';

/**
 * What JSON.stringify writes for a value at this indentation, or undefined where it writes nothing. The value is
 * stringified inside as many one-element arrays as it is levels deep, which indents it just so, and the arrays'
 * brackets are cut off again: cheaper than re-indenting the text.
 */
function stringifyAt(value: unknown, indent: string): string | undefined {
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  const levels = indent.length / INDENT.length;
  let wrapped: unknown = value;
  let prefix = '';
  let suffix = '';
  for (let k = 1; k <= levels; k++) {
    wrapped = [wrapped];
    prefix += `[\n${INDENT.repeat(k)}`;
    suffix = `\n${INDENT.repeat(k - 1)}]${suffix}`;
  }
  const text = JSON.stringify(wrapped, null, INDENT);
  return text.slice(prefix.length, text.length - suffix.length);
}

function isPlainContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (typeof value !== 'object' || value === null) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  return Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null;
}

/**
 * The pieces of JSON.stringify(value, null, 2): containers down to `depth` levels are opened here, element by
 * element; anything deeper is stringified whole.
 */
export function* jsonPieces(value: unknown, depth = 2, indent = ''): Generator<string> {
  if (depth <= 0 || !isPlainContainer(value)) {
    yield stringifyAt(value, indent) ?? 'null';
    return;
  }
  const inner = indent + INDENT;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield '[]';
      return;
    }
    yield '[';
    for (let i = 0; i < value.length; i++) {
      yield `${i === 0 ? '' : ','}\n${inner}`;
      // In an array, what JSON leaves out (undefined, functions) is written as null.
      const v = value[i];
      if (v === undefined || typeof v === 'function' || typeof v === 'symbol') yield 'null';
      else yield* jsonPieces(v, depth - 1, inner);
    }
    yield `\n${indent}]`;
    return;
  }
  let first = true;
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    yield `${first ? '{' : ','}\n${inner}${JSON.stringify(key)}: `;
    first = false;
    yield* jsonPieces(v, depth - 1, inner);
  }
  yield first ? '{}' : `\n${indent}}`;
}

/** Write the pieces through `write`, joined into writes of about `chunk` characters. */
export function writePieces(pieces: Iterable<string>, write: (text: string) => void, chunk = 1 << 20): void {
  let buffer = '';
  for (const piece of pieces) {
    buffer += piece;
    if (buffer.length >= chunk) {
      write(buffer);
      buffer = '';
    }
  }
  if (buffer) write(buffer);
}

/** Write JSON.stringify(value, null, 2) + "\n" through `write`, in pieces of about `chunk` characters. */
export function writeJson(value: unknown, write: (text: string) => void, chunk?: number): void {
  writePieces(
    (function* () {
      yield* jsonPieces(value);
      yield '\n';
    })(),
    write,
    chunk,
  );
}
