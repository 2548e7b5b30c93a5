/**
 * What a reader of the plan sheet sees in LibreOffice: each forecast cell carries its status mark before the number
 * ("✖ 120,000", "✔ 130,000"), with thousands separators, whole numbers without a trailing point and fractions as
 * typed — printed to PDF and read back as text. And a line typed into a row the planner inserted inside the plan
 * table with LibreOffice (no run of the tool since) gets its marks too, the same as the engine's — also where its
 * group takes in other lines: it is judged with them, and their marks take it in (the results' pending rows).
 */
import * as path from 'path';
import { evaluate } from '../../src/evaluate';
import type { Plan, PlanLine } from '../../src/plan/schema';
import { workbookText } from '../../src/i18n/workbook';
import { checkWorkbook, createPlanWorkbook, readPlan } from '../../src/workbook/layout';
import { loadWorkbook, saveWorkbook } from '../../src/workbook/xlsx/io';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';
import { portOver, tmpDir } from '../layout/helpers';
import { freshProfile, insertRowWithLibreOffice, pdfText, toPdf } from './soffice';

jest.setTimeout(300_000);

const WHEN = new Date('2025-06-30T01:02:03Z');

function plan(): Plan {
  const line = (p: Pick<PlanLine, 'item' | 'use' | 'baseline2021' | 'capacity'>): PlanLine => ({ scenario: 'base', unit: '台/年', ...p });
  return {
    format: 'supply-plan/2',
    applicant: { name: '表示精機株式会社', joint: false },
    yearBasis: 'calendar',
    activities: [{ id: 'A1', kind: 'capacity', name: '', start: '2024-04-01', end: '2034-03-31', investment: '' }],
    lines: [
      // 2025: 1.2 × 100,000 = 120,000 against 130,000 (met); 2026: 1.3 × 100,000 = 130,000 against 120,000 (short).
      line({ item: 'servo', use: 'machine-tools', baseline2021: 100000, capacity: { '2025': 130000, '2026': 120000 } }),
      // 2025: 1.3 × 3,333 = 4,332.9 against 4,332.9 (met, one decimal); 2031: after 2030, for information.
      line({ item: 'reducer', use: 'robots', baseline2021: 3333, capacity: { '2025': 4332.9, '2031': 5000.25 } }),
    ],
    checklist: {},
    coreTechnologies: [],
    transfers: [],
    considerations: { regionalContribution: '', humanRights: { confirmed: false, note: '' }, cybersecurity: { confirmed: false, note: '' } },
  };
}

let dir: string;
let checked: string;
const text: Record<string, string> = {};
/** The plan sheet's rows as printed: the line of text naming the item. */
const lineOf = (name: string, item: string) => text[name].split('\n').find((l) => l.includes(item)) ?? '';

beforeAll(async () => {
  dir = await tmpDir('supply-plan-lo-marks-');
  const { wb, port } = portOver();
  await createPlanWorkbook(port, { lang: 'ja', plan: plan() });
  await checkWorkbook(port, { evaluatedAt: WHEN, version: '0.1.0' });
  checked = path.join(dir, 'checked.xlsx');
  await saveWorkbook(wb, checked);
  // Rows inserted with LibreOffice between the two lines (row 6): a line of a group of its own, and a line that joins
  // the first line's group.
  const profile = await freshProfile();
  const alone = path.join(dir, 'inserted-alone.xlsx');
  await insertRowWithLibreOffice(profile, checked, alone, '計画', 6, { A6: 'base', B6: 'ボールねじ', C6: '工作機械のみ', D6: 100000, E6: '本/年', J6: 110000, K6: 130000 });
  const joins = path.join(dir, 'inserted-joins.xlsx');
  await insertRowWithLibreOffice(profile, checked, joins, '計画', 6, { A6: 'base', B6: 'サーボ機構', C6: '工作機械のみ', D6: 50000, E6: '台/年', J6: 40000 });
  // At the decimal boundaries, the item and use typed as other names the policy sheet knows: 3 × 1.2 = 3.6 against
  // 3.59999 (short by 0.00001), 3 × 1.3 = 3.9 against 3.9, 3 × 1.4 = 4.2 against 4.2 (met exactly).
  const boundary = path.join(dir, 'inserted-boundary.xlsx');
  await insertRowWithLibreOffice(profile, checked, boundary, '計画', 6, { B6: 'linear guide', C6: '工作機械', D6: 3, E6: 't', J6: 3.59999, K6: 3.9, L6: 4.2 });
  // Two rows inserted one after the other: a ball screw line of its own group above the servo line, and a reducer line
  // (robots) joining the reducer's group below it.
  const two = path.join(dir, 'inserted-two.xlsx');
  await insertRowWithLibreOffice(profile, alone, two, '計画', 8, { A8: 'base', B8: '減速機', C8: '産業用ロボットのみ', D8: 1000, E8: '台/年', J8: 1300 });
  // Eleven rows inserted at once, a line typed into each: one more than the results' pending rows read.
  const many = path.join(dir, 'inserted-many.xlsx');
  const elevenLines: Record<string, string | number> = {};
  for (let r = 6; r <= 16; r++) Object.assign(elevenLines, { [`B${r}`]: 'ボールねじ', [`C${r}`]: '工作機械のみ', [`D${r}`]: 1000 + r, [`E${r}`]: '本/年', [`J${r}`]: 1300 });
  await insertRowWithLibreOffice(profile, checked, many, '計画', 6, elevenLines, 11);
  await toPdf(await freshProfile(), [checked, alone, joins, boundary, two, many], dir);
  for (const name of ['checked', 'inserted-alone', 'inserted-joins', 'inserted-boundary', 'inserted-two', 'inserted-many']) text[name] = await pdfText(path.join(dir, `${name}.pdf`));
});

test('each forecast shows its mark before the number, with thousands separators: ✔ 130,000, ✖ 120,000, ✔ 4,332.9, · 5,000.25', () => {
  const servo = lineOf('checked', 'サーボ機構');
  expect(servo).toMatch(/✔ 130,000\s+✖ 120,000/);
  const reducer = lineOf('checked', '減速機');
  expect(reducer).toContain('✔ 4,332.9');
  expect(reducer).toContain('· 5,000.25');
  // The baselines: whole, with no point.
  expect(servo).toMatch(/100,000 /);
  expect(reducer).toMatch(/3,333 /);
  // No whole number anywhere ends in a decimal point (the old "#,##0.#####" showed "120,000.").
  expect(text.checked).not.toMatch(/\d,\d{3}\.(?!\d)/);
});

test('a line typed into a row inserted inside the table with LibreOffice gets its marks without the tool, as the engine says', async () => {
  const inserted = lineOf('inserted-alone', 'ボールねじ');
  // 2025: 1.2 × 100,000 = 120,000 against 110,000 (short); 2026: 1.3 × 100,000 = 130,000 against 130,000 (met).
  expect(inserted).toMatch(/✖ 110,000\s+✔ 130,000/);
  // The lines around it keep theirs.
  expect(lineOf('inserted-alone', 'サーボ機構')).toMatch(/✔ 130,000\s+✖ 120,000/);
  expect(lineOf('inserted-alone', '減速機')).toContain('✔ 4,332.9');
  // The engine reads the saved file and says the same of the new line.
  const read = await readPlan(new XlsxPort(await loadWorkbook(path.join(dir, 'inserted-alone.xlsx'))));
  const evaluation = evaluate(read.plan, { inputFindings: read.inputFindings });
  const index = read.plan.lines.findIndex((l) => l.item === 'ボールねじ');
  expect(read.lineRows[index]).toBe(6);
  const status = (year: number) => evaluation.lines[index].years.find((y) => y.year === year)?.status;
  expect([status(2025), status(2026)]).toEqual(['short', 'met']);
});

test('an inserted line at the decimal boundaries, item and use typed as other names: ✖ 3.59999, ✔ 3.9, ✔ 4.2 — as the engine says', async () => {
  expect(lineOf('inserted-boundary', 'linear guide')).toMatch(/✖ 3\.59999\s+✔ 3\.9\s+✔ 4\.2/);
  const read = await readPlan(new XlsxPort(await loadWorkbook(path.join(dir, 'inserted-boundary.xlsx'))));
  const evaluation = evaluate(read.plan, { inputFindings: read.inputFindings });
  const index = read.lineRows.indexOf(6);
  const status = (year: number) => evaluation.lines[index].years.find((y) => y.year === year)?.status;
  expect([status(2025), status(2026), status(2027)]).toEqual(['short', 'met', 'met']);
});

/**
 * Every forecast of every line in a file LibreOffice saved, as printed: the mark before it is the engine's status of
 * that line and year (the engine reading the same file).
 */
async function printedAsEngine(name: string): Promise<string[]> {
  const read = await readPlan(new XlsxPort(await loadWorkbook(path.join(dir, `${name}.xlsx`))));
  const evaluation = evaluate(read.plan, { inputFindings: read.inputFindings });
  const marks = workbookText('ja').status;
  const shown = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 5 });
  const wrong: string[] = [];
  read.plan.lines.forEach((line, i) => {
    const printed = text[name].split('\n').find((l) => l.includes(line.item) && l.includes(`${shown(line.baseline2021)} `)) ?? '';
    for (const y of evaluation.lines[i].years) {
      const v = line.capacity[String(y.year)];
      if (v === undefined) continue;
      const expected = `${marks[y.status].slice(0, 1)} ${shown(v)}`;
      if (!printed.includes(expected)) wrong.push(`${name} row ${read.lineRows[i]} ${y.year}: expected "${expected}" in "${printed.trim()}"`);
    }
  });
  return wrong;
}

test('a line inserted into another line\u2019s group is judged with its group, and the group\u2019s other line sees it, without the tool', async () => {
  // Group (base, servo, machine tools): baselines 100,000 + 50,000 = 150,000. 2025: 1.2 × 150,000 = 180,000 against
  // 130,000 + 40,000 = 170,000 (short, where the first line alone was met); 2026: 1.3 × 150,000 = 195,000 against
  // 120,000 (short).
  expect(lineOf('inserted-joins', '50,000')).toContain('✖ 40,000');
  const first = text['inserted-joins'].split('\n').find((l) => l.includes('サーボ機構') && l.includes('100,000 ')) ?? '';
  expect(first).toMatch(/✖ 130,000\s+✖ 120,000/);
  expect(await printedAsEngine('inserted-joins')).toEqual([]);
});

test('two lines inserted with LibreOffice, one joining a group and one of its own: every mark as the engine says', async () => {
  expect(await printedAsEngine('inserted-two')).toEqual([]);
  // The reducer's group took in the second inserted line: 1.3 × (3,333 + 1,000) = 5,632.9 against 4,332.9 + 1,300 (met).
  expect(lineOf('inserted-two', '1,000')).toContain('✔ 1,300');
  expect(await printedAsEngine('inserted-alone')).toEqual([]);
});

test('more lines typed into inserted rows than the results read: no line shows a mark or a verdict the formulas cannot vouch for', () => {
  const servo = lineOf('inserted-many', 'サーボ機構');
  expect(servo).toContain('130,000');
  expect(servo).not.toMatch(/[✖✔]/);
  expect(servo).toContain('再評価が必要');
  for (const l of text['inserted-many'].split('\n').filter((x) => x.includes('ボールねじ'))) expect(l).not.toMatch(/[✖✔]/);
});
