/**
 * "Prepare for submission" as a reviewer receives it: `supply-plan submit` on a checked 35-line plan writes a clean
 * .xlsx copy and, through LibreOffice, a PDF whose every page carries the applicant and its page number, speaks the
 * self-check's words, gives dates as people write them, and shows no internal code, plan path or cell address.
 */
import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { runWorkbookCommand } from '../../src/cli/workbook-commands';
import type { CliIO } from '../../src/cli/io';
import type { PlanLine } from '../../src/plan/schema';
import { createPlanWorkbook, SUBMISSION_SHEETS } from '../../src/workbook/layout';
import { loadWorkbook, saveWorkbook } from '../../src/workbook/xlsx/io';
import { portOver, samplePlan, tmpDir } from '../layout/helpers';
import { pdfInfo, pdfText, toolPath } from './soffice';

jest.setTimeout(240_000);

let dir: string;
const pages: string[] = [];
let info: { pages: number; width: number; height: number };
let stderr = '';
let code = -1;

beforeAll(async () => {
  dir = await tmpDir('supply-plan-lo-submit-');
  const plan = await samplePlan();
  // 35 lines: the sample's 5 and 30 more of the submission scenario, across three plants.
  const items = ['cnc', 'servo', 'reducer', 'plc', 'ball-screw', 'linear-guide'];
  for (let i = 0; i < 30; i++) {
    const baseline = 1000 + i * 10;
    const line: PlanLine = {
      scenario: 'base',
      item: items[i % items.length],
      use: i % 2 ? 'machine-tools' : 'robots',
      site: `第${(i % 3) + 1}工場`,
      baseline2021: baseline,
      unit: '台/年',
      capacity: { '2025': baseline * 1.3, '2030': baseline * (i % 4 ? 1.7 : 1.5) },
    };
    plan.lines.push(line);
  }
  const { wb, port } = portOver();
  await createPlanWorkbook(port, { lang: 'ja', plan });
  await saveWorkbook(wb, path.join(dir, 'plan.xlsx'));
  const out = { stdout: '', stderr: '' };
  const io: CliIO = { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t), readStdin: async () => '', env: { ...process.env, LANG: 'ja_JP.UTF-8' }, cwd: dir };
  code = await runWorkbookCommand('submit', ['plan.xlsx', '-o', 'submission.xlsx', '--pdf', 'submission.pdf'], io);
  stderr = out.stderr;
  const pdf = path.join(dir, 'submission.pdf');
  info = await pdfInfo(pdf);
  for (let p = 1; p <= info.pages; p++) {
    const { stdout } = await promisify(execFile)(toolPath('pdftotext'), ['-layout', '-f', String(p), '-l', String(p), pdf, '-']);
    pages.push(stdout);
  }
  if (process.env.KEEP_PDF) await fs.copyFile(pdf, process.env.KEEP_PDF);
  void pdfText;
});

test('submit writes the copy and the PDF, and exits as check does (1: requirements not yet met)', async () => {
  expect(stderr).toContain('書き込みました: submission.xlsx');
  expect(stderr).toContain('書き込みました: submission.pdf');
  expect(code).toBe(1);
  const copy = await loadWorkbook(path.join(dir, 'submission.xlsx'));
  // The reviewer's summary first; the plan and the results as values; the policy and log sheets left out.
  expect(copy.worksheets.map((w) => w.name)).toEqual([SUBMISSION_SHEETS.ja.summary, 'シナリオ比較', '計画', '結果']);
  let formulas = 0;
  copy.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => void (cell.formula ? formulas++ : 0))));
  expect(formulas).toBe(0);
});

test('every page: A4 landscape, the applicant at the top, its page number at the foot', () => {
  expect(info.width).toBeCloseTo(842, 0);
  expect(info.height).toBeCloseTo(595, 0);
  expect(pages.length).toBeGreaterThan(1);
  pages.forEach((text, i) => {
    expect([i + 1, text.includes('東海精機工業株式会社')]).toEqual([i + 1, true]);
    expect([i + 1, text.includes(`${i + 1} / ${pages.length} ページ`)]).toEqual([i + 1, true]);
  });
});

test('sections kept together: no page ends with a section heading or a table’s column header', () => {
  const headings = ['取組と期間', '目標時点ごとの必要能力と見込み（提出案）', '指摘（重要度順）', 'チェックリスト', 'シナリオ別の判定', 'シナリオ比較'];
  pages.forEach((text, i) => {
    const body = text
      .split('\n')
      .map((l) => l.trim().replace(/\s+/g, ' '))
      .filter((l) => l && !l.includes('東海精機工業株式会社 供給確保計画 自己点検結果') && !/^\d+ \/ \d+ ページ$/.test(l));
    const last = body[body.length - 1] ?? '';
    expect([i + 1, last, headings.some((h) => last.startsWith(h))]).toEqual([i + 1, last, false]);
    // A column header (品目 … / No 重要度 … / No 状況 …) with no row of its table under it.
    expect([i + 1, last, /^(品目 使途|No 重要度|No 状況)/.test(last)]).toEqual([i + 1, last, false]);
  });
  // Each section's heading is on the page its table starts on.
  const all = pages.map((p) => p.replace(/[ \t]+/g, ' '));
  const headingPage = all.findIndex((p) => p.includes('チェックリスト\n'));
  expect(all[headingPage]).toContain('No 状況 該当箇所');
});

test('the scenario comparison prints after the summary: each scenario’s name over its columns, the difference with its sign, the status in words', () => {
  const at = pages.findIndex((p) => p.includes('シナリオ比較（目標グループ・年ごとの見込みの合計）'));
  expect(at).toBeGreaterThan(0);
  const text = pages.slice(at).join('\n').replace(/[ \t]+/g, ' ');
  for (const expected of ['基本ケース（提出案）', '提出案との差', '−4,000', '✖ 不足', '✔ 達成']) expect([expected, text.includes(expected)]).toEqual([expected, true]);
  // The header repeats on each page of the comparison (print titles).
  const comparisonPages = pages.slice(at).filter((p) => p.includes('提出案との差'));
  expect(comparisonPages.length).toBeGreaterThanOrEqual(1);
});

test('the self-check in the glossary’s words, the submission scenario first, dates as people write them, Japan time', () => {
  const first = pages[0].replace(/[ \t]+/g, ' ');
  for (const expected of ['供給確保計画 自己点検結果', '自己点検結果 ✖ 未充足の項目あり（提出案：基本ケース（base））', 'conservative: ✖ 未充足の項目あり', '2024年4月1日〜2034年3月31日（満10年）', '（日本時間）']) {
    expect([expected, first.includes(expected)]).toEqual([expected, true]);
  }
  const all = pages.join('\n');
  // The findings by severity: every error before the first warning.
  const severities = [...all.matchAll(/(✖ エラー|! 警告|· 情報)/g)].map((m) => m[1]);
  expect(severities.length).toBeGreaterThan(0);
  expect(severities.indexOf('! 警告') < 0 || severities.lastIndexOf('✖ エラー') < severities.indexOf('! 警告')).toBe(true);
});

test('no internal code, plan path or cell address on the reviewer’s pages', () => {
  const all = pages.join('\n');
  for (const internal of ['target.short', 'checklist.unconfirmed', 'lines[', 'activities[', '計画!', 'competitiveness.capacity']) {
    expect([internal, all.includes(internal)]).toEqual([internal, false]);
  }
});

test('without LibreOffice: the copy is written and the message says how to get the PDF', async () => {
  const out = { stdout: '', stderr: '' };
  const io: CliIO = { stdout: (t) => void (out.stdout += t), stderr: (t) => void (out.stderr += t), readStdin: async () => '', env: { LANG: 'ja_JP.UTF-8', PATH: '/nonexistent', SOFFICE: '/nonexistent/soffice' }, cwd: dir };
  // The usual install places are looked at too: this only holds where LibreOffice is not in one of them.
  const installed = await Promise.all(['/usr/bin/soffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice'].map((p) => fs.access(p).then(() => true, () => false)));
  if (installed.some(Boolean)) return;
  const c = await runWorkbookCommand('submit', ['plan.xlsx', '-o', 'again.xlsx', '--pdf', 'again.pdf'], io);
  expect(c).toBe(2);
  expect(out.stderr).toContain('LibreOffice（soffice）が必要です');
});
