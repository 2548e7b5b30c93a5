/**
 * The scenario comparison (issue #14): one computation for the pane and the sheet, and the sheet a check writes —
 * target group × year, the submission scenario (提出案) first, each other scenario's difference from it, statuses in
 * words and symbols, printed A4 landscape with its header row on every page, and in the submission copy without any
 * internal code.
 */
import { compareScenarios, evaluate } from '../../src/evaluate';
import type { Plan } from '../../src/plan/schema';
import { checkWorkbook, createPlanWorkbook, writeSubmissionCopy } from '../../src/workbook/layout';
import { createWorkbook } from '../../src/workbook/xlsx/io';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';
import { portOver, roundTrip, samplePlan, values } from './helpers';

jest.setTimeout(60_000);

const WHEN = new Date('2025-06-30T01:02:03Z');

async function checked(plan: Plan, lang: 'ja' | 'en' = 'ja') {
  const { wb, port } = portOver();
  await createPlanWorkbook(port, { lang, plan });
  const loaded = await roundTrip(wb);
  const p = new XlsxPort(loaded);
  const result = await checkWorkbook(p, { evaluatedAt: WHEN, version: '0.1.0' });
  return { wb: loaded, port: p, ...result };
}

/** The sheet's rows as text, blanks as ''. */
async function rowsOf(port: XlsxPort, sheet: string): Promise<string[][]> {
  return (await values(port, sheet)).values.map((r) => r.map((v) => (v === null ? '' : String(v))));
}

describe('the comparison, as computed', () => {
  test('groups an item however it is named, as the engine does (ボールねじ and ball-screw are one target group)', async () => {
    const plan = await samplePlan();
    const c = compareScenarios(plan);
    expect(c.scenarios).toEqual(['base', 'conservative']);
    const ballScrew = c.groups.filter((g) => g.use === 'machine-tools' && /ボールねじ|ball-screw/.test(g.item));
    expect(ballScrew).toHaveLength(1);
    const y2025 = ballScrew[0].rows.find((r) => r.year === 2025)!;
    expect(y2025.values[0]).not.toBeNull();
    expect(y2025.values[1]).not.toBeNull();
    expect(y2025.diffs[1]).toBe(y2025.values[1]! - y2025.values[0]!);
  });

  test('sums and differences are exact decimals: 0.1 + 0.2 is 0.3, and 0.3 − 0.3 is ±0', async () => {
    const plan = await samplePlan();
    const base = plan.lines[0];
    plan.lines = [
      { ...base, scenario: 'A', site: 'x', capacity: { '2025': 0.1 } },
      { ...base, scenario: 'A', site: 'y', capacity: { '2025': 0.2 } },
      { ...base, scenario: 'B', capacity: { '2025': 0.3 } },
    ];
    const row = compareScenarios(plan).groups[0].rows.find((r) => r.year === 2025)!;
    expect(row.values).toEqual([0.3, 0.3]);
    expect(row.diffs).toEqual([null, 0]);
  });

  test('with the evaluation, each figure carries the engine’s status of its group and year', async () => {
    const plan = await samplePlan();
    const evaluation = evaluate(plan);
    const c = compareScenarios(plan, evaluation);
    for (const g of c.groups) {
      for (const row of g.rows) {
        row.values.forEach((v, i) => {
          const judged = evaluation.groups.find((gr) => gr.scenario === c.scenarios[i] && gr.use === g.use && gr.years.some((y) => y.year === row.year && y.capacity === v));
          if (v !== null && row.statuses![i]) expect(judged?.years.find((y) => y.year === row.year)?.status).toBe(row.statuses![i]!.status);
        });
      }
    }
    // The conservative ball screws fall short in 2025: the comparison says so.
    const ballScrew = c.groups.find((g) => g.use === 'machine-tools' && /ボールねじ|ball-screw/.test(g.item))!;
    expect(ballScrew.rows.find((r) => r.year === 2025)!.statuses).toEqual([{ status: 'met', target: true }, { status: 'short', target: true }]);
  });
});

describe('the comparison sheet', () => {
  test('a check writes it after the summary: a row per target group and year, the submission first, the difference and the status in words', async () => {
    const { wb, port } = await checked(await samplePlan());
    const names = wb.worksheets.map((w) => w.name);
    expect(names.indexOf('シナリオ比較')).toBe(names.indexOf('サマリー') + 1);
    const rows = await rowsOf(port, 'シナリオ比較');
    const at = rows.findIndex((r) => r[0] === '品目');
    // Each scenario's name over its columns, the submission first; then what each column holds. Nothing wrapped.
    expect(rows[at]).toEqual(['品目', '使途', '拠点・ライン', '単位', '年', '基本ケース（提出案）', '', 'conservative', '', '']);
    expect(rows[at + 1]).toEqual(['', '', '', '', '', '見込み', '状況', '見込み', '提出案との差', '状況']);
    const row2025 = rows.find((r) => r[0] === 'ボールねじ' && r[4] === '2025')!;
    // The sample: base 144,000 met; conservative 140,000, short by 4,000 — shown with a sign and a word, not a colour.
    expect(row2025.slice(5)).toEqual(['144,000', '✔ 達成', '140,000', '−4,000', '✖ 不足']);
    // A group the other scenario does not have: said in words.
    const cnc = rows.find((r) => r[0] === 'ＣＮＣ' && r[4] === '2025')!;
    expect(cnc[7]).toBe('— 見込みなし');
    // The verdicts above the table, submission first.
    expect(rows.some((r) => r[0] === '基本ケース（提出案）' && /^[✔!✖] /.test(r[1]))).toBe(true);
    expect(rows.some((r) => r[0] === 'conservative' && r[1] === '✖ 未充足の項目あり')).toBe(true);
    // No internal code, path or cell address.
    const all = rows.flat().join('\n');
    for (const internal of ['target.short', 'lines[', '計画!']) expect([internal, all.includes(internal)]).toEqual([internal, false]);
  });

  test('prints A4 landscape, fitted to the width, its header row on every page', async () => {
    const { wb } = await checked(await samplePlan());
    const ws = wb.getWorksheet('シナリオ比較')!;
    const headerRow = ws.getColumn(1).values.findIndex((v) => v === '品目');
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.paperSize).toBe(9);
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.printTitlesRow).toBe(`${headerRow}:${headerRow + 1}`);
  });

  test('in English: the sheet and its headers', async () => {
    const { port } = await checked(await samplePlan(), 'en');
    const rows = await rowsOf(port, 'Scenario comparison');
    const at = rows.findIndex((r) => r[0] === 'Item');
    expect(rows[at].slice(5, 10)).toEqual(['base case (submission)', '', 'conservative', '', '']);
    expect(rows[at + 1].slice(5, 10)).toEqual(['Forecast', 'Status', 'Forecast', 'vs submission', 'Status']);
    expect(rows.find((r) => r[4] === '2025' && r[8] === '−4,000')![9]).toBe('✖ short');
  });

  test('a plan of one scenario gets no comparison sheet; one that had it is told there is nothing to compare', async () => {
    const plan = await samplePlan();
    plan.lines = plan.lines.filter((l) => l.scenario === 'base');
    const single = await checked(plan);
    expect(single.wb.worksheets.map((w) => w.name)).not.toContain('シナリオ比較');

    // The sheet of an earlier check, when the plan had two scenarios.
    const { wb, port: create } = portOver();
    await createPlanWorkbook(create, { lang: 'ja', plan });
    wb.addWorksheet('シナリオ比較').getCell('F12').value = '140,000';
    const port = new XlsxPort(await roundTrip(wb));
    await checkWorkbook(port, { evaluatedAt: WHEN, version: '0.1.0' });
    const rows = await rowsOf(port, 'シナリオ比較');
    expect(rows.flat()).toContain('比べるシナリオが2つ以上ありません。');
    expect(rows.flat()).not.toContain('140,000');
  });

  test('the submission copy has it after the reviewer’s summary, with the page header and number of the other pages', async () => {
    const { port, read, evaluation } = await checked(await samplePlan());
    const copy = createWorkbook();
    const target = new XlsxPort(copy);
    await writeSubmissionCopy(port, target, read, evaluation, { lang: 'ja', evaluatedAt: WHEN, version: '0.1.0', withResults: false });
    expect(copy.worksheets.map((w) => w.name)).toEqual(['提出用サマリー', 'シナリオ比較', '計画']);
    const ws = copy.getWorksheet('シナリオ比較')!;
    expect(ws.headerFooter.oddFooter).toContain('&P');
    const rows = await rowsOf(target, 'シナリオ比較');
    expect(rows.find((r) => r[0] === 'ボールねじ' && r[4] === '2025')!.slice(5)).toEqual(['144,000', '✔ 達成', '140,000', '−4,000', '✖ 不足']);
    expect(rows.flat().join('\n')).toContain('（日本時間）');
  });
});
