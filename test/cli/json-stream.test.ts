/**
 * `supply-plan evaluate` writes its JSON report in pieces (a large plan's report is hundreds of megabytes). Scripts
 * read that output: it must be exactly what JSON.stringify(report, null, 2) would print.
 */
import fc from 'fast-check';
import { jsonPieces, writeJson } from '../../src/cli/json-stream';

const stringified = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

function written(v: unknown, chunk?: number): { text: string; writes: number } {
  let text = '';
  let writes = 0;
  writeJson(
    v,
    (t) => {
      text += t;
      writes++;
    },
    chunk,
  );
  return { text, writes };
}

describe('JSON written in pieces', () => {
  test('is JSON.stringify(value, null, 2) for any JSON value, whatever the piece size', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), fc.integer({ min: 1, max: 200 }), (v, chunk) => {
        expect(written(v, chunk).text).toBe(stringified(v));
      }),
      { numRuns: 300 },
    );
  });

  test('leaves out what JSON leaves out: undefined fields, and writes null for undefined array elements', () => {
    const v = { a: undefined, b: [undefined, 1, () => 2], c: { d: undefined }, e: [], f: {}, g: null, h: 'ー' };
    expect(written(v).text).toBe(stringified(v));
    expect([...jsonPieces({ only: undefined })].join('')).toBe('{}');
  });

  test('a report-shaped value with many lines goes out in several writes, and reads back the same', () => {
    const report = {
      format: 'supply-plan-report/1',
      lines: Array.from({ length: 2000 }, (_, i) => ({ index: i, years: [{ year: 2026, ratio: i / 7, status: 'met' }] })),
      findings: [{ code: 'target.short', message: '不足 "x"\n' }],
    };
    const { text, writes } = written(report, 64 * 1024);
    expect(text).toBe(stringified(report));
    expect(writes).toBeGreaterThan(2);
    expect(JSON.parse(text)).toEqual(report);
  });
});
