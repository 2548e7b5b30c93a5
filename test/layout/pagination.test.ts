/**
 * Where the tool's printed pages end: never right after a section's heading, never through a small section that
 * fits on a page of its own, and never later than a page holds (the estimate errs on the safe side).
 */
import fc from 'fast-check';
import { evaluate } from '../../src/evaluate';
import { pageRowsHeight, pageStarts, type Block } from '../../src/workbook/layout/pagination';
import { summarySheetOps } from '../../src/workbook/layout/summary-sheet';
import type { WriteOp } from '../../src/workbook/port';
import { samplePlan } from './helpers';

const NARROW = { columnWidths: [12, 26, 16, 10, 14, 14, 14, 12] };
const ROW = 15;

describe('pageStarts', () => {
  test('a wide sheet printed to the width holds more of its rows on a page than a narrow one', () => {
    expect(pageRowsHeight({ columnWidths: [200] })).toBeGreaterThan(pageRowsHeight(NARROW));
    // A4 landscape less the margins, at 100 %: about 29 rows of 15 points, fewer than Excel prints (32).
    expect(Math.floor(pageRowsHeight(NARROW) / ROW)).toBeGreaterThanOrEqual(26);
    expect(Math.floor(pageRowsHeight(NARROW) / ROW)).toBeLessThan(32);
  });

  test('any sections: no page ends within a section’s head, no page holds more than it can, small sections stay whole', () => {
    const sectionsArb = fc.array(fc.record({ rows: fc.integer({ min: 1, max: 70 }), head: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(sectionsArb, (spec) => {
        const blocks: Block[] = [];
        let r = 3;
        for (const s of spec) {
          blocks.push({ top: r, bottom: r + s.rows - 1, head: Math.min(s.head, s.rows) });
          r += s.rows + 1;
        }
        const last = r - 1;
        const starts = pageStarts(NARROW, last, () => ROW, blocks);
        const capacity = pageRowsHeight(NARROW) / ROW;
        const bounds = [1, ...starts, last + 1];
        for (let p = 0; p + 1 < bounds.length; p++) expect(bounds[p + 1] - bounds[p]).toBeLessThanOrEqual(Math.floor(capacity));
        for (const b of blocks) {
          const head = b.top + (b.head ?? 1) - 1;
          // A break inside the head is allowed only where the head itself is longer than a page.
          for (const s of starts) if (s > b.top && s <= head) expect(head - b.top + 1).toBeGreaterThan(capacity);
          const small = (b.bottom - b.top + 1) * ROW <= pageRowsHeight(NARROW) * 0.4;
          if (small) for (const s of starts) expect(s > b.top && s <= b.bottom).toBe(false);
        }
      }),
    );
  });
});

describe('the summary', () => {
  test('gives the page breaks of its sections: none before row 2, each at a section heading or a finding', async () => {
    const plan = await samplePlan();
    // Enough findings for several pages.
    for (let i = 0; i < 40; i++) plan.lines.push({ ...plan.lines[3], site: `工場${i}`, capacity: { '2025': 1 } });
    const e = evaluate(plan);
    const ops = summarySheetOps({
      sheet: 'サマリー',
      lang: 'ja',
      plan,
      evaluation: e,
      evaluatedAt: '2025-06-30 10:00:00 +09:00',
      version: '0.1.0',
      toolName: 'Supply Plan Checker',
      where: () => '計画!J5',
      lineRow: (i) => i + 5,
      onResults: () => true,
    });
    const breaks = ops.find((o): o is Extract<WriteOp, { kind: 'rowBreaks' }> => o.kind === 'rowBreaks')!;
    expect(breaks.rows.length).toBeGreaterThan(0);
    // Which row holds what: a break lands on a heading or on the first row of a finding, never on a message's next line.
    const cellAt = new Map<number, unknown[]>();
    for (const op of ops) if (op.kind === 'values' && op.at.startsWith('A')) op.rows.forEach((row, k) => cellAt.set(Number(op.at.replace(/^[A-Z]+/, '')) + k, row));
    for (const row of breaks.rows) {
      const first = cellAt.get(row)?.[0];
      const above = cellAt.get(row - 1)?.[0];
      // The row above a page start is never a section heading (they are written alone in column A with nothing after).
      expect([row, typeof above === 'string' && /^(シナリオ別|目標時点|指摘|チェックリスト)/.test(above)]).toEqual([row, false]);
      // Nor the second line of a finding's message (written from column B under its facts).
      expect([row, first === null && typeof cellAt.get(row)?.[1] === 'string']).toEqual([row, false]);
    }
  });
});
