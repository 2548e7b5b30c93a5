/**
 * Checking a workbook: one read and one write, inputs untouched, foreign sheets and styles kept, a re-run gives the
 * same workbook, and what is written stays small whatever the plan's size.
 */
import * as ExcelJS from 'exceljs';
import { evaluate } from '../../src/evaluate';
import { checkWorkbook, createPlanWorkbook, readPlan, resultsOps, writeResults, writeSummary, appendLines } from '../../src/workbook/layout';
import type { WriteOp } from '../../src/workbook/port';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';
import { bigPlan, boundaryPlan } from './fixtures';
import { CountingPort, dumpSheet, portOver, roundTrip, samplePlan } from './helpers';

// A check of the boundary plan writes group formulas over every row and block: seconds on a loaded machine.
jest.setTimeout(60_000);

const WHEN = new Date('2025-06-30T01:02:03Z');
const LATER = new Date('2025-07-01T09:00:00Z');
const TIMESTAMP = /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} [+-]\d{2}:\d{2}/;

async function checkedSample(lang: 'ja' | 'en' = 'ja') {
  const { wb, port } = portOver();
  await createPlanWorkbook(port, { lang, plan: await samplePlan() });
  const loaded = await roundTrip(wb);
  const p = new CountingPort(new XlsxPort(loaded));
  const result = await checkWorkbook(p, { evaluatedAt: WHEN, version: '0.1.0' });
  return { wb: loaded, port: p, ...result };
}

/** ExcelJS keeps these on a worksheet without typing them. */
type Untyped = { conditionalFormattings: { ref: string; rules: { formulae?: string[]; style?: { numFmt?: unknown } }[] }[]; dataValidations: { add(a: string, v: object): void } };
const raw = (ws: ExcelJS.Worksheet) => ws as unknown as Untyped;

/** A sheet's cells without the timestamps (they change with every run). */
function comparable(ws: ExcelJS.Worksheet): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of dumpSheet(ws)) out.set(k, v.replace(TIMESTAMP, '<when>'));
  return out;
}

describe('a check', () => {
  test('reads once and writes once (Office: two syncs), whatever the plan size', async () => {
    for (const n of [5, 500]) {
      const { wb, port } = portOver();
      await createPlanWorkbook(port, { lang: 'ja', plan: bigPlan(n) });
      expect(port.reads).toBe(1);
      expect(port.applies).toBe(1);
      const p = new CountingPort(new XlsxPort(wb));
      await checkWorkbook(p, { evaluatedAt: WHEN, version: '0.1.0' });
      expect([p.reads, p.applies, p.names]).toEqual([1, 1, 0]);
    }
  });

  test('writes a handful of formulas and rules, not one per cell: the op count does not grow with the plan', async () => {
    const kinds = async (n: number) => {
      const { wb, port } = portOver();
      await createPlanWorkbook(port, { lang: 'ja', plan: bigPlan(n) });
      const read = await readPlan(new XlsxPort(wb));
      const ops = resultsOps(read, evaluate(read.plan, { inputFindings: read.inputFindings }), { lang: 'ja', evaluatedAt: WHEN, version: '0.1.0' });
      const count: Record<string, number> = {};
      for (const op of ops) count[op.kind] = (count[op.kind] ?? 0) + 1;
      return { count, ops };
    };
    const small = await kinds(10);
    const big = await kinds(1000);
    for (const kind of ['fillFormula', 'conditionalFormat', 'listValidation', 'clear', 'table']) {
      expect([kind, big.count[kind]]).toEqual([kind, small.count[kind]]);
    }
    // The summary's "… and N more" lines add a format or two.
    expect(big.count.format).toBeLessThanOrEqual(small.count.format + 2);
    const rulesPerSheet: Record<string, number> = {};
    for (const op of big.ops) if (op.kind === 'conditionalFormat') rulesPerSheet[op.sheet] = (rulesPerSheet[op.sheet] ?? 0) + 1;
    // 計画: per run of forecast columns, a rule per mark for fractions and one for the rest, and one for whole numbers
    // (9); whole baselines (1); the marks' two and the verdict's one.
    expect(rulesPerSheet).toEqual({ 計画: 13, 結果: 5, サマリー: 12, シナリオ比較: 7 });
    // Each results formula twice (the plan's rows, and the pending rows for lines in rows inserted later), the plan's.
    expect(big.count.fillFormula).toBeLessThanOrEqual(60);
    // Notes are per target cell, but capped.
    expect(big.count.note).toBeLessThanOrEqual(2000);
    // Every per-row formula is one fill over the whole column block.
    const fills = big.ops.filter((o): o is Extract<WriteOp, { kind: 'fillFormula' }> => o.kind === 'fillFormula');
    expect(fills.some((f) => /:[A-Z]+1024$/.test(f.range))).toBe(true);
    // The whole batch stays far below Excel on the web's 5 MB request limit (cached values are not sent to Office).
    const withoutCache = JSON.stringify(big.ops.map((o) => (o.kind === 'fillFormula' ? { ...o, results: undefined } : o)));
    expect(withoutCache.length).toBeLessThan(1_500_000);
  });

  test('never overwrites what the planner typed', async () => {
    const { wb } = portOver();
    await createPlanWorkbook(new XlsxPort(wb), { lang: 'ja', plan: boundaryPlan() });
    const before = await roundTrip(wb);
    const inputs = (w: ExcelJS.Workbook) => {
      const out: string[] = [];
      w.getWorksheet('計画')!.eachRow((row, r) => row.eachCell((c, col) => col <= 20 && r >= 4 && out.push(`${c.address}=${JSON.stringify(c.value)}`)));
      w.getWorksheet('取組・チェックリスト')!.eachRow((row) => row.eachCell((c, col) => col === 2 && out.push(`${c.address}=${JSON.stringify(c.value)}`)));
      return out;
    };
    const expected = inputs(before);
    await checkWorkbook(new XlsxPort(before), { evaluatedAt: WHEN, version: '0.1.0' });
    expect(inputs(await roundTrip(before))).toEqual(expected);
  });

  test('a re-run gives the same workbook, apart from the time and one more log row', async () => {
    const { wb } = await checkedSample();
    const first = await roundTrip(wb);
    const again = await roundTrip(first);
    await checkWorkbook(new XlsxPort(again), { evaluatedAt: LATER, version: '0.1.0' });
    const second = await roundTrip(again);
    expect(second.worksheets.map((w) => w.name)).toEqual(first.worksheets.map((w) => w.name));
    for (const ws of first.worksheets) {
      if (ws.name === '履歴') continue;
      expect([ws.name, comparable(second.getWorksheet(ws.name)!)]).toEqual([ws.name, comparable(ws)]);
      expect([ws.name, raw(second.getWorksheet(ws.name)!).conditionalFormattings.length]).toEqual([ws.name, raw(ws).conditionalFormattings.length]);
    }
    const log = second.getWorksheet('履歴')!;
    expect(log.getCell('A4').value).toMatch(TIMESTAMP);
    expect(log.getCell('A5').value).toMatch(TIMESTAMP);
    expect(log.getCell('A6').value).toBeNull();
    expect(second.definedNames.model).toEqual(first.definedNames.model);
    // Notes are replaced, not added: one per target-point cell, on the same cells.
    const notes = (w: ExcelJS.Workbook) => [...dumpSheet(w.getWorksheet('計画')!).values()].filter((v) => v.includes(' note=')).length;
    expect(notes(second)).toBe(notes(first));
    expect(notes(first)).toBe(27); // 6 + 6 + 3 + 6 + 6 target points
  });

  test('sheets, cells, formats, names and comments that are not ours survive untouched', async () => {
    const { wb } = portOver();
    const mine = wb.addWorksheet('社内メモ');
    mine.getCell('A1').value = '提出前チェック';
    mine.getCell('A1').font = { bold: true, color: { argb: 'FFFF0000' } };
    mine.getCell('B2').value = { formula: 'SUM(1,2)', result: 3 } as ExcelJS.CellFormulaValue;
    mine.getCell('C3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00B0F0' } };
    mine.getCell('C3').note = '担当：佐藤';
    mine.mergeCells('D4:E5');
    mine.getCell('D4').value = '結合';
    raw(mine).dataValidations.add('F6', { type: 'list', allowBlank: true, formulae: ['"A,B"'] });
    mine.addConditionalFormatting({ ref: 'A1:A3', rules: [{ type: 'expression', priority: 1, formulae: ['A1>0'], style: { font: { italic: true } } }] });
    wb.definedNames.add("'社内メモ'!$A$1", '社内名');
    await createPlanWorkbook(new XlsxPort(wb), { lang: 'ja', plan: await samplePlan() });
    const plan = wb.getWorksheet('計画')!;
    plan.getCell('AM30').value = '計画シートに書いた自分のメモ';
    plan.getCell('AM30').font = { italic: true };
    const before = await roundTrip(wb);
    const expected = dumpSheet(before.getWorksheet('社内メモ')!);
    const expectedCf = JSON.stringify(raw(before.getWorksheet('社内メモ')!).conditionalFormattings);
    await checkWorkbook(new XlsxPort(before), { evaluatedAt: WHEN, version: '0.1.0' });
    const after = await roundTrip(before);
    expect(after.worksheets.map((w) => w.name)).toEqual(['社内メモ', '計画', '取組・チェックリスト', '基準', '結果', 'サマリー', 'シナリオ比較', '履歴']);
    const memo = after.getWorksheet('社内メモ')!;
    expect(dumpSheet(memo)).toEqual(expected);
    expect(JSON.stringify(raw(memo).conditionalFormattings)).toEqual(expectedCf);
    expect(memo.model.merges).toEqual(['D4:E5']);
    expect(after.definedNames.getNames("'社内メモ'!$A$1")).toEqual(['社内名']);
    const kept = after.getWorksheet('計画')!.getCell('AM30');
    expect(kept.value).toBe('計画シートに書いた自分のメモ');
    expect(kept.font).toMatchObject({ italic: true });
  });
});

describe('what a check writes', () => {
  test('statuses with symbols, the verdict and findings per line on the results sheet', async () => {
    const { wb } = await checkedSample();
    const res = wb.getWorksheet('結果')!;
    // Row 7 mirrors plan row 5 (base / ボールねじ, all met); row 10 plan row 8 (conservative / ボールねじ, short).
    expect(res.getCell('F7').value).toMatchObject({ result: '✔ 要件を満たす' });
    expect(res.getCell('F10').value).toMatchObject({ result: '✖ 未充足の項目あり' });
    expect(String(res.getCell('G10').value)).toContain('target.short 第3章第2節 i: 2025年：見込み 140,000本/年 は必要な 144,000本/年');
    const header = res.getRow(6).values as unknown[];
    const status2025 = header.indexOf(2025);
    expect(res.getRow(5).getCell(header.indexOf(2022)).value).toBe('状況（目標グループ）');
    expect(res.getRow(10).getCell(status2025).value).toMatchObject({ result: '✖ 不足' });
    expect(res.getRow(7).getCell(status2025).value).toMatchObject({ result: '✔ 達成' });
    expect(res.getRow(7).getCell(status2025 - 1).value).toMatchObject({ result: '· 参考' }); // 2024: a forecast, not a target point
    expect((res.getRow(7).getCell(status2025 - 3).value as { result?: string }).result ?? '').toBe(''); // 2022: no forecast
  });

  test('forecast cells keep their values; highlights are rules keyed on the mark beside them; notes name the requirement', async () => {
    const { wb } = await checkedSample();
    const plan = wb.getWorksheet('計画')!;
    expect(plan.getCell('J8').value).toBe(140000);
    expect(plan.getCell('J8').note).toBe('目標時点 2025年：必要能力 144,000本/年（2021年比 1.2倍）');
    expect(plan.getCell('I5').note).toBeUndefined(); // 2024 is not a target point
    const rules = raw(plan).conditionalFormattings.flatMap((c) => c.rules.map((r) => `${c.ref} ${r.formulae?.[0]}`));
    const shown = raw(plan).conditionalFormattings.filter((c) => c.ref === 'G5:T29').map((c) => c.rules[0].style?.numFmt);
    // The forecasts: the mark before the number, whole numbers without a trailing point.
    expect(shown).toEqual(['"✖ "#,##0.#####', '"✖ "#,##0', '"✔ "#,##0.#####', '"✔ "#,##0', '"· "#,##0.#####', '"· "#,##0', '"？ "#,##0.#####', '"？ "#,##0', '#,##0']);
    // Each mark on the mark beside the forecast (X for 2022), or for a row the results' pending rows read (a row
    // inserted since the check: its plan row number in 結果!A32:A41), that row's status.
    const worked = "IFERROR(LEFT(INDEX('結果'!T$32:T$41,MATCH(ROW(X5),'結果'!$A$32:$A$41,0)),1),X5)";
    expect(rules.slice(0, 8)).toEqual(
      ['✖', '✔', '·', '？'].flatMap((m) => [`G5:T29 AND(${worked}="${m}",IFERROR(ROUND(G5,5)<>ROUND(G5,0),FALSE))`, `G5:T29 ${worked}="${m}"`]),
    );
    expect(rules.slice(8)).toEqual([
      'G5:T29 NOT(IFERROR(ROUND(G5,5)<>ROUND(G5,0),FALSE))',
      'D5:D29 NOT(IFERROR(ROUND(D5,5)<>ROUND(D5,0),FALSE))',
      'X5:AK29 X5="✖"',
      'X5:AK29 X5="✔"',
      'W5:W29 LEFT(W5,1)="✖"',
    ]);
    // U is the site column (拠点・ライン), right of the years; the verdict and the marks follow it.
    expect(plan.getCell('U4').value).toBe('拠点・ライン');
    expect(plan.getCell('W4').value).toBe('判定');
    expect(plan.getCell('AA4').value).toBe('2025\n状況');
  });

  test('the summary: applicant, activity, verdicts, targets against forecasts, every finding with its section, the checklist, when and which version', async () => {
    const { wb } = await checkedSample();
    const s = wb.getWorksheet('サマリー')!;
    const text = [...dumpSheet(s).values()].join('\n');
    for (const expected of [
      '供給確保計画 チェック結果サマリー',
      '東海精機工業株式会社',
      '国内生産能力強化',
      '2024-04-01 〜 2034-03-31（10年）',
      '年度',
      'Supply Plan Checker 0.1.0',
      '✖ 未充足の項目あり',
      '"conservative"',
      '第3章第6節(3)(ウ)',
      'checklist.unconfirmed',
      '取組・チェックリスト!B57',
      '2025年：見込み 4,332.8台/年 は必要な 4,332.9台/年（2021年比1.3倍）に 0.1台/年 不足',
      '取引先における管理（秘密保持契約、定期的なレビュー）',
      'REPT("█"',
    ]) {
      expect([expected, text.includes(expected)]).toEqual([expected, true]);
    }
    expect(text).toMatch(TIMESTAMP);
    expect(s.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToWidth: 1 });
  });

  test('a huge plan lists the first 300 findings on the summary and says how many more there are', async () => {
    const plan = bigPlan(400);
    // All short; each line a scenario of its own, so each is its own target group (v2) with its own findings.
    plan.lines.forEach((l, i) => {
      l.scenario = `s${i}`;
      for (const y of Object.keys(l.capacity)) l.capacity[y] = l.baseline2021;
    });
    const { wb, port } = portOver();
    await createPlanWorkbook(port, { lang: 'en', plan });
    await checkWorkbook(port, { evaluatedAt: WHEN, version: '0.1.0' });
    const text = [...dumpSheet(wb.getWorksheet('Summary')!).values()].join('\n');
    expect(text).toMatch(/… and 2\d{3} more in the Findings column of the Results sheet/);
    expect(text).toContain('… and 2100 more target points on the Results sheet');
  });

  test('English workbooks speak English; the summary may be written in the other language', async () => {
    const { wb, read, port } = await checkedSample('en');
    expect(read.lang).toBe('en');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Plan', 'Activity & checklist', 'Policy', 'Results', 'Summary', 'Scenario comparison', 'Log']);
    const res = wb.getWorksheet('Results')!;
    expect(res.getCell('F10').value).toMatchObject({ result: '✖ requirements not yet met' });
    const e = evaluate(read.plan, { inputFindings: read.inputFindings });
    await writeSummary(port, await readPlan(port), e, { lang: 'ja', evaluatedAt: WHEN, version: '0.1.0' });
    const text = [...dumpSheet(wb.getWorksheet('Summary')!).values()].join('\n');
    expect(text).toContain('供給確保計画 チェック結果サマリー');
  });

  test('the log gets one row per check with verdicts per scenario and counts by severity', async () => {
    const { wb, port } = await checkedSample();
    const read = await readPlan(port);
    await writeResults(port, read, evaluate(read.plan, { inputFindings: read.inputFindings }), { lang: 'ja', evaluatedAt: LATER, version: '0.1.0' });
    const log = wb.getWorksheet('履歴')!;
    expect(log.getRow(3).values).toEqual([undefined, '日時', 'バージョン', '総合判定', 'シナリオ別の判定', 'エラー', '警告', '情報', '行数', '前回の評価からの変更（セル：前 → 後）', '注記セル（内部用）', '入力の記録（内部用）']);
    expect((log.getRow(5).values as unknown[]).slice(2, 9)).toEqual(['0.1.0', '✖ 未充足の項目あり', 'base: ✖ 未充足の項目あり; conservative: ✖ 未充足の項目あり', 11, 3, 4, 5]);
  });

  test('the log says what the planner changed since the last check: the cells, before → after', async () => {
    const { wb, port } = await checkedSample();
    expect(wb.getWorksheet('履歴')!.getCell('I4').value).toBe('（初回の評価）');
    wb.getWorksheet('計画')!.getCell('J8').value = 150000;
    wb.getWorksheet('取組・チェックリスト')!.getCell('B5').value = '東海精機株式会社';
    await checkWorkbook(port, { evaluatedAt: LATER, version: '0.1.0' });
    const changes = String(wb.getWorksheet('履歴')!.getCell('I5').value);
    expect(changes.split('\n').sort()).toEqual(['計画!J8: 140000 → 150000', '取組・チェックリスト!B5: 東海精機工業株式会社 → 東海精機株式会社'].sort());
    // Only the newest row keeps the record of the inputs.
    expect(wb.getWorksheet('履歴')!.getCell('K4').value).toBeNull();
    await checkWorkbook(port, { evaluatedAt: LATER, version: '0.1.0' });
    expect(wb.getWorksheet('履歴')!.getCell('I6').value).toBe('変更なし');
  });

  test('appending lines grows the table, its lists and live formulas, and keeps the last findings', async () => {
    const { wb, port } = await checkedSample();
    const read = await readPlan(port);
    const extra = bigPlan(30).lines;
    await appendLines(port, read, extra);
    const again = await readPlan(port);
    expect(again.plan.lines).toHaveLength(35);
    expect(again.lineRows[5]).toBe(10);
    const res = wb.getWorksheet('結果')!;
    expect(String(res.getCell('G10').value)).toContain('target.short');
    // Filled columns are one shared formula; ExcelJS shifts it for each cell as Excel does.
    expect(res.getCell('F60').formula).toContain("'計画'!$A58");
  });
});

describe('checklist item (ウ) where no listed core technology is held by a supplier', () => {
  test('the summary says not applicable with the reason, as the engine asks nothing of it; with a supplier’s, unconfirmed', async () => {
    const plan = await samplePlan();
    plan.coreTechnologies = [{ name: '溝研削の条件', items: ['ボールねじ'], supplierHeld: false, note: '' }];
    const summaryRowOf = async (p: typeof plan) => {
      const { wb, port } = portOver();
      await createPlanWorkbook(port, { lang: 'ja', plan: p });
      const { evaluation } = await checkWorkbook(port, { evaluatedAt: WHEN, version: '0.1.0' });
      const rows: string[] = [];
      wb.getWorksheet('サマリー')!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')).join('|')));
      // The checklist's row: No, status, section, requirement (a finding's message is a row of its own, from column B).
      return { row: rows.find((r) => r.split('|')[3]?.startsWith('取引先における管理'))!, evaluation };
    };
    const own = await summaryRowOf(plan);
    expect(own.row).toContain('· 対象外（取引先が有するコア技術なし）');
    expect(own.evaluation.findings.some((f) => f.path === 'checklist.measures.suppliers')).toBe(false);
    const held = await summaryRowOf({ ...plan, coreTechnologies: [{ ...plan.coreTechnologies[0], supplierHeld: true }] });
    expect(held.row).toContain('! 未確認');
  });
});
