/**
 * Reading a workbook as planners leave it: every kind of bad cell becomes an input.invalid finding that names the
 * cell, the rest is still read and evaluated; headers are found wherever the table was moved.
 */
import type * as ExcelJS from 'exceljs';
import { evaluate } from '../../src/evaluate';
import type { Plan } from '../../src/plan/schema';
import { createPlanWorkbook, readPlan, type ReadPlanResult } from '../../src/workbook/layout';
import { createWorkbook } from '../../src/workbook/xlsx/io';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';
import { boundaryPlan } from './fixtures';
import { portOver, roundTrip, samplePlan } from './helpers';

async function templated(lang: 'ja' | 'en', plan?: Plan): Promise<ExcelJS.Workbook> {
  const { wb, port } = portOver();
  await createPlanWorkbook(port, { lang, plan });
  return roundTrip(wb);
}

async function read(wb: ExcelJS.Workbook): Promise<ReadPlanResult> {
  return readPlan(new XlsxPort(wb));
}

function messages(r: ReadPlanResult, lang: 'ja' | 'en' = 'ja'): string[] {
  return r.inputFindings.map((f) => f.messages[lang]);
}

describe('bad cells in the plan table', () => {
  test('text, error values, negatives and blanks in forecast cells: each bad cell is named, blanks are no forecast', async () => {
    const wb = await templated('ja', await samplePlan());
    const ws = wb.getWorksheet('計画')!;
    // Row 5 is the first line (ボールねじ, 2024…2032 in I…Q: 2022 is G).
    ws.getCell('J5').value = 'abc'; // 2025
    ws.getCell('K5').value = { error: '#REF!' } as ExcelJS.CellErrorValue; // 2026
    ws.getCell('L5').value = -5; // 2027
    ws.getCell('M5').value = null; // 2028: blank = no forecast
    const r = await read(wb);
    expect(messages(r)).toEqual([
      '計画!J5: 数値ではありません "abc"',
      '計画!K5: エラー値 #REF! です',
      '計画!L5: 0以上の数値にしてください "-5"',
    ]);
    expect(messages(r, 'en')).toContain('計画!J5: not a number "abc"');
    for (const f of r.inputFindings) {
      expect(f).toMatchObject({ code: 'input.invalid', severity: 'error', section: '第3章第2節 i', line: 0 });
    }
    expect(r.inputFindings[0].path).toBe('計画!J5');
    // The rest of the line is still read: the bad and blank years are simply not forecasts.
    expect(r.plan.lines[0].capacity).toEqual({ '2024': 130000, '2029': 180000, '2030': 192000, '2031': 195000, '2032': 195000 });
    expect(r.plan.lines).toHaveLength(5);
    const e = evaluate(r.plan, { inputFindings: r.inputFindings });
    expect(e.lines[0].verdict).toBe('ineligible');
    expect(r.locate(r.inputFindings[1])).toEqual({ sheet: '計画', address: 'K5' });
  });

  test('numbers typed as text with full-width digits and thousands separators are numbers', async () => {
    const wb = await templated('ja', await samplePlan());
    const ws = wb.getWorksheet('計画')!;
    ws.getCell('D5').value = '１２０，０００';
    ws.getCell('J5').value = '144,000';
    ws.getCell('K5').value = ' 156000 ';
    const r = await read(wb);
    expect(r.inputFindings).toEqual([]);
    expect(r.plan.lines[0].baseline2021).toBe(120000);
    expect(r.plan.lines[0].capacity['2025']).toBe(144000);
    expect(r.plan.lines[0].capacity['2026']).toBe(156000);
  });

  test('an unknown use is a bad cell and the line is skipped; an unknown item is evaluated as not eligible', async () => {
    const wb = await templated('ja', await samplePlan());
    const ws = wb.getWorksheet('計画')!;
    ws.getCell('C6').value = '半導体製造装置';
    ws.getCell('B7').value = '鋳物';
    const r = await read(wb);
    expect(messages(r)).toEqual(['計画!C6: 使途「半導体製造装置」は所要倍率の表にありません（工作機械のみ／工作機械及び産業用ロボット／産業用ロボットのみ）']);
    expect(r.inputFindings[0].line).toBeUndefined();
    expect(r.plan.lines).toHaveLength(4);
    expect(r.lineRows).toEqual([5, 7, 8, 9]);
    const e = evaluate(r.plan, { inputFindings: r.inputFindings });
    const notEligible = e.findings.find((f) => f.code === 'item.not-eligible')!;
    expect(notEligible.messages.ja).toContain('「鋳物」は対象品目');
    expect(r.locate(notEligible)).toEqual({ sheet: '計画', address: 'B7' });
    expect(e.verdict).toBe('ineligible');
  });

  test('missing item, use or baseline name their cells; a zero baseline (a new entrant) is read', async () => {
    const wb = await templated('en');
    const ws = wb.getWorksheet('Plan')!;
    ws.getCell('A5').value = 'base';
    ws.getCell('J5').value = 100; // a forecast, nothing else
    ws.getCell('B6').value = 'CNC';
    ws.getCell('C6').value = 'robots';
    ws.getCell('D6').value = 0;
    const r = await read(wb);
    expect(messages(r, 'en')).toEqual([
      'Plan!B5: the item is missing',
      'Plan!C5: the use is missing',
      'Plan!D5: the 2021 baseline is missing',
    ]);
    expect(r.plan.lines.map((l) => [l.item, l.baseline2021])).toEqual([['CNC', 0]]);
  });

  test('target years: separators and suffixes people type are read; a bad token is named', async () => {
    const wb = await templated('ja', await samplePlan());
    const ws = wb.getWorksheet('計画')!;
    ws.getCell('F5').value = '２０２５、2027年 2030年度';
    ws.getCell('F6').value = 2026;
    ws.getCell('F8').value = '2025,20xx,2021';
    const r = await read(wb);
    expect(r.plan.lines[0].targetYears).toEqual([2025, 2027, 2030]);
    expect(r.plan.lines[1].targetYears).toEqual([2026]);
    expect(r.plan.lines[3].targetYears).toEqual([2025]);
    expect(messages(r)).toEqual(['計画!F8: 目標時点「20xx, 2021」は2022年以降の年ではありません（例 2025,2027,2030）']);
  });

  test('merged scenario cells give their value to every row they span', async () => {
    const wb = await templated('ja', await samplePlan());
    const ws = wb.getWorksheet('計画')!;
    ws.getCell('A6').value = null;
    ws.getCell('A7').value = null;
    ws.mergeCells('A5:A7');
    const r = await read(wb);
    expect(r.inputFindings).toEqual([]);
    expect(r.plan.lines.slice(0, 3).map((l) => l.scenario)).toEqual(['base', 'base', 'base']);
  });
});

describe('finding the table wherever it went', () => {
  test('rows inserted above, columns reordered, headers in the other language and in full width still read', async () => {
    const plan = await samplePlan();
    const wb = await templated('ja', plan);
    const before = await read(wb);
    const ws = wb.getWorksheet('計画')!;
    ws.spliceRows(1, 0, ['メモ：提出前に確認'], []);
    // Swap item and use columns (B, C), headers included, and rename headers as a planner might.
    for (let r = 6; r <= 11; r++) {
      const b = ws.getCell(`B${r}`).value;
      ws.getCell(`B${r}`).value = ws.getCell(`C${r}`).value;
      ws.getCell(`C${r}`).value = b;
    }
    ws.getCell('B6').value = 'ＵＳＥ';
    ws.getCell('C6').value = 'Item';
    ws.getCell('D6').value = 'Baseline 2021';
    ws.getCell('J6').value = '2025年度';
    const r = await read(wb);
    expect(r.inputFindings).toEqual([]);
    expect(r.plan.lines).toEqual(before.plan.lines);
    expect(r.lineRows).toEqual([7, 8, 9, 10, 11]);
    expect(r.planLayout.geometry!.headerRow).toBe(6);
  });

  test('a sheet whose header row is gone is one bad cell, not a crash', async () => {
    const wb = await templated('ja', await samplePlan());
    const ws = wb.getWorksheet('計画')!;
    ws.getRow(4).values = [];
    const r = await read(wb);
    expect(messages(r)).toEqual(['計画!A1: 品目の表の見出し行（品目・使途・基準など）が見つかりません']);
    expect(r.plan.lines).toEqual([]);
  });

  test('a workbook without our sheets has no plan', async () => {
    const wb = createWorkbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = 'hello';
    const r = await read(wb);
    expect(r.hasPlan).toBe(false);
    expect(r.plan.lines).toEqual([]);
  });
});

describe('the activity & checklist sheet', () => {
  // The template (samplePlan: one activity): activities table header on row 12 (first activity row 13: D start,
  // E end), checklist rows from 42, transfers header on row 62.
  test('dates typed as text, serials, Japanese eras; end before start is a bad cell', async () => {
    for (const [typed, iso] of [
      ['2024/4/1', '2024-04-01'],
      ['2024-04-01', '2024-04-01'],
      ['2024年4月1日', '2024-04-01'],
      ['令和6年4月1日', '2024-04-01'],
      ['R6.4.1', '2024-04-01'],
      [45383, '2024-04-01'],
    ] as const) {
      const wb = await templated('ja', await samplePlan());
      wb.getWorksheet('取組・チェックリスト')!.getCell('D13').value = typed;
      const r = await read(wb);
      expect(r.inputFindings).toEqual([]);
      expect(r.plan.activities?.[0].start).toBe(iso);
    }
    const wb = await templated('ja', await samplePlan());
    const ws = wb.getWorksheet('取組・チェックリスト')!;
    ws.getCell('D13').value = '2024/2/30';
    let r = await read(wb);
    expect(messages(r)).toEqual(['取組・チェックリスト!D13: 日付ではありません "2024/2/30"（例 2024-04-01）']);
    expect(r.plan.activities).toEqual([]);
    ws.getCell('D13').value = '2035-01-01';
    r = await read(wb);
    expect(messages(r)).toEqual(['取組・チェックリスト!E13: 終了日 2034-03-31 が開始日 2035-01-01 より前です']);
    // Without an activity the engine reports it missing, and the finding points at the first activity's kind cell.
    const e = evaluate(r.plan, { inputFindings: r.inputFindings });
    const missing = e.findings.find((f) => f.code === 'activity.missing')!;
    expect(r.locate(missing)).toEqual({ sheet: '取組・チェックリスト', address: 'B13' });
  });

  test('several activities: an R&D activity with its targets and follow-on, lines naming their activity', async () => {
    const plan = await samplePlan();
    plan.activities = [
      { id: 'R1', kind: 'rnd', name: '研究', start: '2024-04-01', end: '2027-03-31', targets: [{ metric: '精度', unit: 'µm', target: 1 }], followOn: 'C1' },
      { id: 'C1', kind: 'capacity', name: '増強', start: '2027-04-01', end: '2037-03-31', investment: '新ライン', capitalInvestment: true },
    ];
    plan.lines = plan.lines.map((l) => ({ ...l, activity: 'C1', site: '本社工場' }));
    const wb = await templated('ja', plan);
    const r = await read(wb);
    expect(r.inputFindings).toEqual([]);
    expect(r.plan.activities).toEqual(plan.activities);
    expect(r.plan.lines.map((l) => [l.site, l.activity])).toEqual(plan.lines.map(() => ['本社工場', 'C1']));
    // The plan sheet has an activity-ID column when there are several activities.
    expect((wb.getWorksheet('計画')!.getRow(4).values as unknown[]).filter((v) => v === '取組ID' || v === '拠点・ライン')).toEqual(['拠点・ライン', '取組ID']);
    // A target naming an activity that is not an R&D activity is a bad cell.
    const t = r.activityLayout.tables.targets!;
    wb.getWorksheet('取組・チェックリスト')!.getCell(t.header + 1, t.cols.activity!).value = 'X9';
    const again = await read(wb);
    expect(messages(again)).toEqual([`取組・チェックリスト!A${t.header + 1}: 取組ID「X9」の研究開発の取組が取組の表にありません`]);
  });

  test('checklist marks: ✔/—, TRUE/FALSE, ○, はい; anything else is a bad cell', async () => {
    const wb = await templated('ja', await samplePlan());
    const ws = wb.getWorksheet('取組・チェックリスト')!;
    ws.getCell('B42').value = true;
    ws.getCell('B43').value = false;
    ws.getCell('B44').value = '○';
    ws.getCell('B45').value = 'はい';
    ws.getCell('B46').value = 'たぶん';
    const r = await read(wb);
    expect(r.plan.checklist['competitiveness.capacity']?.confirmed).toBe(true);
    expect(r.plan.checklist['competitiveness.technology']?.confirmed).toBe(false);
    expect(r.plan.checklist['competitiveness.share-sales']?.confirmed).toBe(true);
    expect(r.plan.checklist['competitiveness.finance']?.confirmed).toBe(true);
    expect(messages(r)).toEqual(['取組・チェックリスト!B46: 「たぶん」は選択肢（✔／—）にありません']);
    expect(r.inputFindings[0].section).toBe('第3章第3節(1)');
  });

  test('transfer acts: the act typed as its numeral, a share typed as 85%; a bad number names its cell', async () => {
    const wb = await templated('ja', boundaryPlan());
    const ws = wb.getWorksheet('取組・チェックリスト')!;
    expect(ws.getCell('A62').value).toBe('行為');
    ws.getCell('A63').value = 'ⅴ';
    ws.getCell('I63').value = '85%';
    ws.getCell('G64').value = 'たくさん';
    const r = await read(wb);
    expect(r.plan.transfers[0].localConsumptionShare).toBe(0.85);
    expect(r.plan.transfers.map((b) => b.counterparty)).toEqual(['A', 'C']);
    expect(messages(r)).toEqual(['取組・チェックリスト!G64: 数値ではありません "たくさん"']);
    expect(r.inputFindings[0].section).toBe('第3章第6節(3)(エ)');
  });

  test('fields and tables are found by their labels after rows are inserted', async () => {
    const wb = await templated('ja', await samplePlan());
    const ws = wb.getWorksheet('取組・チェックリスト')!;
    ws.spliceRows(3, 0, [], ['注記', 'どこかの行']);
    const r = await read(wb);
    expect(r.inputFindings).toEqual([]);
    expect(r.plan.applicant.name).toBe('東海精機工業株式会社');
    expect(r.plan.activities).toEqual((await samplePlan()).activities);
    expect(r.plan.checklist['measures.suppliers']).toEqual({ confirmed: false, evidence: '' });
  });
});

describe('locating findings for "click selects the cell"', () => {
  test('engine findings point at the forecast, item, target-years, checklist and overseas cells', async () => {
    const wb = await templated('ja', boundaryPlan());
    const r = await read(wb);
    const e = evaluate(r.plan, { inputFindings: r.inputFindings });
    const where = (code: string, line?: number) => {
      const f = e.findings.find((x) => x.code === code && (line === undefined || x.line === line))!;
      return r.locate(f);
    };
    // Line 3 (row 8): 4332.8 in 2025 (column J) is short.
    expect(where('target.short', 3)).toEqual({ sheet: '計画', address: 'J8' });
    expect(where('target.after-2030')).toEqual({ sheet: '計画', address: 'F11' });
    expect(where('item.not-eligible')).toEqual({ sheet: '計画', address: 'B20' });
    expect(where('checklist.unconfirmed')).toEqual({ sheet: '取組・チェックリスト', address: 'B44' });
    expect(where('overseas.prior-consultation')).toEqual({ sheet: '取組・チェックリスト', address: 'A64' });
    // A named target point without a forecast column at all points at the target-years cell.
    for (const f of e.findings) expect(r.locate(f)).not.toBeNull();
  });
});
