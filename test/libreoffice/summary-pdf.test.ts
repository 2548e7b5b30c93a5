/**
 * The summary as a reviewer gets it: LibreOffice prints the summary sheet to PDF (A4 landscape) and the text on the
 * page says who applies, what the activity is, the verdicts, targets against forecasts, every finding with its seed
 * section, the checklist, and when and by which version it was evaluated — in Japanese and in English.
 *
 * `UPDATE_DOCS=1 npx jest test/libreoffice/summary-pdf` also refreshes docs/summary-ja.png and docs/summary-en.png.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import { checkWorkbook, createPlanWorkbook } from '../../src/workbook/layout';
import { saveWorkbook } from '../../src/workbook/xlsx/io';
import { portOver, samplePlan, tmpDir } from '../layout/helpers';
import { freshProfile, onlySheet, pdfInfo, pdfText, pdfToPng, toPdf } from './soffice';

jest.setTimeout(240_000);

const WHEN = new Date('2025-06-30T01:02:03Z');
const DOCS = path.join(__dirname, '../../docs');
let dir: string;
const text: Record<string, string> = {};
const info: Record<string, { pages: number; width: number; height: number }> = {};

beforeAll(async () => {
  dir = await tmpDir('supply-plan-lo-summary-');
  const files: string[] = [];
  for (const lang of ['ja', 'en'] as const) {
    const { wb, port } = portOver();
    await createPlanWorkbook(port, { lang, plan: await samplePlan() });
    await checkWorkbook(port, { evaluatedAt: WHEN, version: '0.1.0' });
    const full = path.join(dir, `checked-${lang}.xlsx`);
    await saveWorkbook(wb, full);
    const only = path.join(dir, `summary-${lang}.xlsx`);
    await onlySheet(full, only, lang === 'ja' ? 'サマリー' : 'Summary');
    files.push(only);
  }
  await toPdf(await freshProfile(), files, dir);
  for (const lang of ['ja', 'en']) {
    const pdf = path.join(dir, `summary-${lang}.pdf`);
    text[lang] = await pdfText(pdf);
    info[lang] = await pdfInfo(pdf);
    await pdfToPng(pdf, path.join(dir, `summary-${lang}`));
    if (process.env.UPDATE_DOCS === '1') await fs.copyFile(path.join(dir, `summary-${lang}.png`), path.join(DOCS, `summary-${lang}.png`));
  }
});

test('the summary prints on A4 landscape, a page or two, without the chart data beside it', () => {
  for (const lang of ['ja', 'en']) {
    expect(info[lang].width).toBeCloseTo(842, 0);
    expect(info[lang].height).toBeCloseTo(595, 0);
    expect(info[lang].pages).toBeLessThanOrEqual(2);
  }
  expect(text.ja).not.toContain('グラフ用データ');
  expect(text.en).not.toContain('chart data');
});

test('Japanese: who, what, verdicts, targets against forecasts, findings with sections, checklist, when and which version', () => {
  const t = text.ja.replace(/[ \t]+/g, ' ');
  for (const expected of [
    '供給確保計画 チェック結果サマリー',
    '工作機械及び産業用ロボットに係る安定供給確保を図るための取組方針',
    '申請者 東海精機工業株式会社',
    '取組の種類 国内生産能力強化：2024-04-01 〜 2034-03-31（10年）',
    '年の区分 年度',
    'Supply Plan Checker 0.1.0',
    '自己点検結果 ✖ 未充足の項目あり',
    // The submission scenario first, marked 提出案; the other scenario's verdict beside it.
    '基本ケース（提出案） ✖ 未充足の項目あり',
    'conservative ✖ 未充足の項目あり',
    '4,332.9 4,332.8 0.1 ✖ 不足 99.9%',
    '█',
    '✖ エラー 第3章第2節 i target.short 計画!J9',
    '2025年：見込み 4,332.8台/年 は必要な 4,332.9台/年（2021年比1.3倍）に 0.1台/年 不足',
    '✖ エラー 第3章第6節(3)(ウ) checklist.unconfirmed',
    '! 未確認 第3章第6節(3)(ウ) 取引先における管理',
    '✔ 確認済 第3章第2節 iii 取組の対象となる製品に関する生産・供給能力の分析',
  ]) {
    expect([expected, t.includes(expected)]).toEqual([expected, true]);
  }
  expect(t).toMatch(/評価日時 2025-06-30 \d{2}:02:03 [+-]\d{2}:\d{2}/);
});

test('English: the same in English, sections cited in English', () => {
  const t = text.en.replace(/[ \t]+/g, ' ');
  for (const expected of [
    'Supply assurance plan — check summary',
    'Applicant 東海精機工業株式会社',
    'Activity kind capacity strengthening, 2024-04-01 to 2034-03-31 (10 full years)',
    'Year basis fiscal year',
    'Self-check result ✖ requirements not yet met',
    'base case (submission) ✖ requirements not yet met',
    'conservative ✖ requirements not yet met',
    '4,332.9 4,332.8 0.1 ✖ short 99.9%',
    '✖ error Ch. 3 Sec. 2 (i) target.short Plan!J9',
    '2025: forecast 4,332.8 台/年 is 0.1 台/年 short of the required 4,332.9 台/年 (1.3× 2021)',
    '! not confirmed',
  ]) {
    expect([expected, t.includes(expected)]).toEqual([expected, true]);
  }
});

test('a picture of the page is made (docs/summary-ja.png, docs/summary-en.png for the README)', async () => {
  for (const lang of ['ja', 'en']) {
    const png = await fs.readFile(path.join(dir, `summary-${lang}.png`));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // 80 dpi A4 landscape: 935 × 661 pixels.
    expect(png.readUInt32BE(16)).toBeGreaterThan(900);
  }
});
