/**
 * renderEvaluationTable and renderRulesTable directly: the workbook `check` command prints evaluations of workbooks
 * being typed (no activity yet, no lines, items outside the nine) with the same renderer.
 */
import { renderEvaluationTable, renderRulesTable } from '../../src/cli/table';
import { displayWidth } from '../../src/cli/width';
import { evaluate } from '../../src/evaluate';
import { evaluateParsed, parsed, planInput, goodLine } from '../engine/plans';

describe('renderEvaluationTable', () => {
  test('a workbook without its activity yet, and a line with an item outside the nine', () => {
    const { activities: _activities, ...plan } = parsed(planInput({ lines: [goodLine({ item: 'スピンドル' })] }));
    void _activities;
    const ja = renderEvaluationTable(evaluate(plan), 'ja');
    expect(ja).toContain('取組: 取組の種類と期間がありません');
    expect(ja).toContain('lines[0]  スピンドル (対象外の品目)');
    expect(ja).toContain('activity.missing');
    expect(ja).toContain('item.not-eligible');
    const en = renderEvaluationTable(evaluate(plan), 'en');
    expect(en).toContain('Activity: no activity kind and period');
    expect(en).toContain('スピンドル (not an eligible item)');
  });

  test('a plan without lines', () => {
    const out = renderEvaluationTable(evaluate(parsed(planInput({ lines: [] }))), 'en');
    expect(out).toContain('Self-check result (submission scenario): ✖ requirements not yet met');
    expect(out).not.toContain('informational (not a target point)');
    expect(out).toContain('target.none');
  });

  test('no findings', () => {
    const out = renderEvaluationTable(evaluateParsed(planInput()), 'ja');
    expect(out).toContain('自己点検結果（提出案）: ✔ 要件を満たす');
    expect(out.trimEnd().endsWith('指摘はありません')).toBe(true);
  });

  test('wraps a long line of years to the width asked for, repeating the row labels', () => {
    const capacity = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [String(2021 + i), 1234567.5]));
    const out = renderEvaluationTable(evaluate(parsed(planInput({ lines: [goodLine({ capacity })] }))), 'ja', { width: 80 });
    const grid = out.split('\n').filter((l) => /^\s{2}\S/.test(l) && /\d{4}|✔|✖|-$/.test(l));
    for (const l of grid) expect(displayWidth(l)).toBeLessThanOrEqual(80);
    expect(out.match(/^\s+年\s/gm)!.length).toBeGreaterThan(1);
  });
});

describe('renderRulesTable', () => {
  test('the multiplier table lines up in Japanese', () => {
    const lines = renderRulesTable('ja').split('\n');
    const header = lines.find((l) => l.includes('2025年以前'))!;
    const rows = lines.filter((l) => /^\s+(工作機械|産業用ロボット)/.test(l));
    expect(rows).toHaveLength(3);
    for (const r of rows) expect(displayWidth(r)).toBe(displayWidth(header));
  });
});
