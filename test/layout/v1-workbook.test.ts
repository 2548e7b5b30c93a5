/**
 * A workbook made by v1 (`supply-plan template` before rules v2) opens and checks: its one activity is a set of
 * label/value fields, its overseas bases a table, its plan table has no site column. The sheet here is laid out as
 * v1's template laid it out (same labels, same rows: src/workbook/layout/geometry.ts and src/i18n/workbook.ts at
 * bd4c3bf), so a planner's file from before the change reads as the same plan, migrated as a v1 plan file is.
 */
import * as ExcelJS from 'exceljs';
import { evaluate } from '../../src/evaluate';
import { CHECKLIST } from '../../src/policy';
import { SHEET_NAMES, checkWorkbook, readPlan } from '../../src/workbook/layout';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';
import { roundTrip } from './helpers';

jest.setTimeout(60_000);

/** v1's template, filled: an R&D activity with a declared follow-on, two lines, an overseas base. */
function v1Workbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const plan = wb.addWorksheet('計画');
  plan.getCell('A1').value = '供給確保計画 — 品目ごとの国内生産能力の見込み';
  plan.getRow(4).values = ['シナリオ', '品目', '使途', '基準（2021年）', '単位', '目標時点', 2024, 2025, 2026];
  plan.getRow(5).values = ['base', 'ボールねじ', '工作機械のみ', 1000, '本/年', null, 1100, 1200, 1300];
  plan.getRow(6).values = ['base', '減速機', '産業用ロボットのみ', 100, '台/年', '2025', 120, 129, null];
  const act = wb.addWorksheet('取組・チェックリスト');
  act.getCell('A1').value = '取組・チェックリスト';
  act.getCell('A4').value = '申請者';
  act.getRow(5).values = ['申請者名', '旧版精機株式会社'];
  act.getRow(6).values = ['共同申請', 'いいえ'];
  act.getRow(7).values = ['年の区分', '暦年'];
  act.getCell('A9').value = '取組（第3章第1節・第3章第4節）';
  act.getRow(10).values = ['取組の種類', '研究開発'];
  act.getRow(11).values = ['開始日', '2024-04-01'];
  act.getRow(12).values = ['終了日', '2029-04-01']; // one day over 5 years: period.too-long
  act.getRow(13).values = ['研究開発の定量的な目標（1行に1つ）', '位置決め精度 ±1μm 以下\n性能を向上させる'];
  act.getRow(14).values = ['研究開発後の国内生産能力強化の取組', 'はい'];
  act.getCell('A16').value = '地域経済への貢献（第3章第8節）';
  act.getRow(17).values = ['地域経済への貢献', '県内調達'];
  act.getRow(18).values = ['雇用創出数（人）', 12];
  act.getCell('A20').value = 'チェックリスト（確認欄で ✔ を選び、根拠に申請書の記載箇所を記入）';
  act.getRow(21).values = ['要件', '確認', '状況', '根拠（申請書の記載箇所）', '条項', 'ID'];
  CHECKLIST.forEach((c, i) => (act.getRow(22 + i).values = [c.ja, i === 0 ? '✔' : null, null, i === 0 ? '申請書 3.1' : null, c.section, c.id]));
  const ov = 21 + CHECKLIST.length + 2;
  act.getCell(`A${ov}`).value = '海外拠点（第3章第6節(3)(エ)(ⅴ)）';
  act.getRow(ov + 1).values = ['拠点', '品目', '能力（増強前）', '能力（増強後）', '現地消費比率（0〜1）', '技術流出等のおそれ', '経済産業省からの要請', '判定（前回チェック時）'];
  act.getRow(ov + 2).values = ['タイ工場', 'ボールねじ', 100, 111, 0.5, 'はい', 'いいえ'];
  return wb;
}

test('a v1 workbook reads as the v1 plan migrated: one activity A1, target texts with a number, overseas bases as acts (v)', async () => {
  const read = await readPlan(new XlsxPort(await roundTrip(v1Workbook())));
  expect(read.inputFindings).toEqual([]);
  expect(read.legacy?.followOnDeclared).toBe(true);
  expect(read.plan.activities).toEqual([
    { id: 'A1', kind: 'rnd', name: '', start: '2024-04-01', end: '2029-04-01', targets: [{ metric: '位置決め精度 ±1μm 以下', unit: '', target: 1 }, { metric: '性能を向上させる', unit: '' }] },
  ]);
  expect(read.plan.transfers).toMatchObject([{ act: 'v', by: 'applicant', counterparty: 'タイ工場', item: 'ボールねじ', capacityBefore: 100, capacityAfter: 111, localConsumptionShare: 0.5, risk: true }]);
  expect(read.plan.considerations).toMatchObject({ regionalContribution: '県内調達', jobsCreated: 12 });
  expect(read.plan.lines.map((l) => [l.item, l.baseline2021, l.site])).toEqual([
    ['ボールねじ', 1000, undefined],
    ['減速機', 100, undefined],
  ]);
});

test('a v1 workbook checks: findings name its own cells (the end date, the overseas base), results and summary are written', async () => {
  const wb = await roundTrip(v1Workbook());
  const port = new XlsxPort(wb);
  const { read, evaluation } = await checkWorkbook(port, { evaluatedAt: new Date('2025-06-30T01:02:03Z'), version: '0.1.0' });
  const at = (code: string) => read.locate(evaluation.findings.find((f) => f.code === code)!);
  expect(at('period.too-long')).toEqual({ sheet: '取組・チェックリスト', address: 'B12' });
  expect(at('overseas.prior-consultation')).toEqual({ sheet: '取組・チェックリスト', address: `A${21 + CHECKLIST.length + 4}` });
  // A declared follow-on is taken to start after the R&D: no rnd.no-follow-on, as for a v1 plan file.
  expect(evaluation.findings.map((f) => f.code)).not.toContain('rnd.no-follow-on');
  const n = SHEET_NAMES.ja;
  expect(wb.worksheets.map((w) => w.name).sort()).toEqual([n.plan, n.activity, n.policy, n.results, n.summary, n.log].sort());
  // Checked again after the check, it reads the same (the check wrote only computed cells).
  const again = await readPlan(port);
  expect(again.plan).toEqual(read.plan);
  expect(evaluate(again.plan, { inputFindings: again.inputFindings, legacy: again.legacy }).verdict).toBe(evaluation.verdict);
});
