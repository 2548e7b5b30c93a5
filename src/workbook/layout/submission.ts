/**
 * "Prepare for submission" (issue #14): a clean copy of a checked plan workbook for a reviewer. The reviewer's page
 * (提出用サマリー / Submission summary) speaks the self-check's words (自己点検結果：要件を満たす／未充足の項目あり), puts
 * the submission scenario (提出案) first, gives dates as people write them (2024年4月1日) and the time of the
 * evaluation in Japan time, sorts the findings by severity and shows no internal code, ID, plan path or cell address:
 * those stay on the results sheet, which the copy keeps as values for whoever checks the figures. The policy and log
 * sheets are internal and left out. With two scenarios or more, the scenario comparison follows the summary: it names
 * no code or cell either, and shows the reviewer what the submission scenario was chosen over. Every printed page
 * carries the applicant and its page number.
 *
 * The copy is written into an empty workbook through the port (values and formats only: no formula of the working
 * workbook, whose references to the policy sheet would break without it).
 */
import type { Comparison } from '../../evaluate/compare';
import { supplierHoldsCore } from '../../evaluate/evaluate';
import type { Evaluation, Finding, Severity } from '../../evaluate/types';
import { itemName, useName } from '../../i18n/findings';
import { formatNumber, sectionIn, type Lang } from '../../i18n/format';
import { GLOSSARY } from '../../i18n/glossary';
import { SHEET_NAMES, workbookText } from '../../i18n/workbook';
import { itemId } from '../../plan/normalise';
import { CHECKLIST, SEED } from '../../policy';
import type { CellInput, SheetSnapshot, WriteOp } from '../port';
import { comparisonSheetOps } from './comparison-sheet';
import { COLORS, col } from './geometry';
import { HEADER_FORMAT, MUTED_FORMAT, SECTION_FORMAT, SheetOps } from './ops';
import { pageStarts, ROW_POINTS, type Block } from './pagination';
import { chunks } from './summary-sheet';

/** The sheets of the copy, by language: the reviewer's summary first. */
export const SUBMISSION_SHEETS: Readonly<Record<Lang, { summary: string }>> = {
  ja: { summary: '提出用サマリー' },
  en: { summary: 'Submission summary' },
};

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
/** Display columns a message may use: columns D to H of the summary (full-width characters count two). */
const MESSAGE_WIDTH = 62;
const LAST_COL = 8;

/** "2024-04-01" as people write it: 2024年4月1日, or 1 April 2024. */
export function writtenDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (lang === 'ja') return `${y}年${m}月${d}日`;
  const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${d} ${months[m - 1]} ${y}`;
}

/** The time of the evaluation in Japan time (the reviewer's), whatever the machine's zone: 2025年6月30日 10時02分（日本時間）. */
export function japanTime(when: Date, lang: Lang): string {
  // JST has no daylight saving: UTC+9 all year.
  const jst = new Date(when.getTime() + 9 * 3_600_000);
  const iso = jst.toISOString();
  const date = writtenDate(iso.slice(0, 10), lang);
  const hh = iso.slice(11, 13);
  const mm = iso.slice(14, 16);
  return lang === 'ja' ? `${date} ${Number(hh)}時${mm}分（日本時間）` : `${date}, ${hh}:${mm} JST`;
}

/** A finding's message without the cell address a bad cell's message starts with ("計画!J5: …"). */
function reviewerMessage(f: Finding, lang: Lang): string {
  const m = f.messages[lang];
  return f.code === 'input.invalid' ? m.replace(/^.*?![A-Z]{1,3}\d+[:：]\s*/, '') : m;
}

export interface SubmissionInput {
  lang: Lang;
  applicant: string;
  joint: boolean;
  evaluation: Evaluation;
  /** The plan's activity names, by index (the evaluation has their kind and period). */
  activityNames: string[];
  checklist: Partial<Record<string, { confirmed: boolean; evidence: string }>>;
  /** The plan's core technologies: (ウ) is not applicable where none is held by a supplier. */
  coreTechnologies?: readonly { supplierHeld: boolean }[];
  evaluatedAt: Date;
  version: string;
  toolName: string;
  acknowledged?(f: Finding): string | undefined;
  /** The scenarios side by side (compareScenarios with the evaluation): a sheet of its own when there are two or more. */
  comparison?: Comparison;
  /** Sheets copied as values (the plan and the results), as the working workbook holds them after its check. */
  copies: { snapshot: SheetSnapshot; printTitleRows?: string }[];
}

const WORDS = {
  ja: {
    title: '供給確保計画 自己点検結果',
    disclaimer: '本書は申請者による自己点検の結果です。認定の可否は経済産業大臣が判断します。',
    applicant: '申請者',
    joint: '共同申請',
    result: GLOSSARY.selfCheck.ja,
    ofScenario: (verdict: string, scenario: string) => `${verdict}（${GLOSSARY.submissionScenario.ja}：${scenario}）`,
    others: 'その他のシナリオ（参考）',
    evaluatedAt: '評価日時',
    tool: 'ツール',
    activities: '取組と期間',
    period: (start: string, end: string, years: number) => `${start}〜${end}（満${years}年）`,
    targets: '目標時点ごとの必要能力と見込み（提出案）',
    targetColumns: ['品目', '使途', '拠点・ライン', '目標時点', '必要能力', '見込み', '不足', '状況'],
    findings: '指摘（重要度順）',
    findingColumns: ['No', '重要度', '該当箇所', '内容'],
    none: '指摘はありません',
    checklist: 'チェックリスト',
    checklistColumns: ['No', '状況', '該当箇所', '要件', '記載箇所'],
    header: (applicant: string) => `${applicant}　供給確保計画 自己点検結果`,
    footer: '&P / &N ページ',
  },
  en: {
    title: 'Supply assurance plan — self-check',
    disclaimer: 'This is the applicant’s own check of the plan against the policy; the Minister decides certification.',
    applicant: 'Applicant',
    joint: 'Joint application',
    result: `${GLOSSARY.selfCheck.en[0].toUpperCase()}${GLOSSARY.selfCheck.en.slice(1)}`,
    ofScenario: (verdict: string, scenario: string) => `${verdict} (${GLOSSARY.submissionScenario.en}: ${scenario})`,
    others: 'Other scenarios (for reference)',
    evaluatedAt: 'Evaluated',
    tool: 'Tool',
    activities: 'Activities and periods',
    period: (start: string, end: string, years: number) => `${start} to ${end} (${years} full years)`,
    targets: 'Required capacity and forecast at each target point (submission scenario)',
    targetColumns: ['Item', 'Use', 'Sites', 'Target', 'Required', 'Forecast', 'Shortfall', 'Status'],
    findings: 'Findings (by severity)',
    findingColumns: ['No', 'Severity', 'Policy section', 'Finding'],
    none: 'No findings',
    checklist: 'Checklist',
    checklistColumns: ['No', 'Status', 'Policy section', 'Requirement', 'Where shown'],
    header: (applicant: string) => `${applicant} — supply assurance plan self-check`,
    footer: 'Page &P of &N',
  },
} as const;

/** The self-check's words for a verdict, with its mark: ✔ 要件を満たす / ! 要確認 / ✖ 未充足の項目あり. */
export function selfCheckWords(verdict: Evaluation['verdict'], lang: Lang): string {
  return workbookText(lang).verdict[verdict];
}

function scenarioName(name: string, lang: Lang): string {
  return name === 'base' ? `${GLOSSARY.baseScenario[lang]}（base）` : name;
}

/** The writes of the clean copy, into an empty workbook. */
export function submissionOps(s: SubmissionInput): WriteOp[] {
  const lang = s.lang;
  const w = WORDS[lang];
  const t = workbookText(lang);
  const e = s.evaluation;
  const sheet = SUBMISSION_SHEETS[lang].summary;
  const o = new SheetOps(sheet);
  o.push({ kind: 'addSheet', sheet, tabColor: COLORS.tabSummary });
  // For the page breaks: rows taller than the rest, and the sections (a heading with its table) kept together.
  const tall = new Map<number, number>([[1, ROW_POINTS.title]]);
  const blocks: Block[] = [];
  const section = (top: number, header: boolean) => {
    tall.set(top, ROW_POINTS.section);
    if (header) tall.set(top + 1, ROW_POINTS.header2);
    const b: Block = { top, bottom: top, head: header ? 3 : 2 };
    blocks.push(b);
    return b;
  };
  let r = 1;
  o.cell(r, 1, w.title).format(r, 1, r, 1, { font: { bold: true, size: 16 } });
  r++;
  o.cell(r, 1, lang === 'ja' ? `${SEED.titleJa}（${SEED.publisherJa}、${SEED.revisedJa}）` : `${SEED.titleEn} (${SEED.publisherEn}, revised ${SEED.revised})`).format(r, 1, r, 1, MUTED_FORMAT);
  r++;
  o.cell(r, 1, w.disclaimer).format(r, 1, r, 1, MUTED_FORMAT);
  r += 2;

  // Who, the self-check result of the submission scenario, and the other scenarios beside it.
  const submission = e.scenarios.find((x) => x.submission);
  const info: [string, CellInput][] = [
    [w.applicant, s.applicant || t.notEntered],
    [w.joint, s.joint ? t.yes : t.no],
    [w.result, w.ofScenario(selfCheckWords(e.verdict, lang), scenarioName(e.submissionScenario ?? '', lang))],
  ];
  const others = e.scenarios.filter((x) => !x.submission);
  if (others.length) info.push([w.others, others.map((x) => `${scenarioName(x.name, lang)}: ${selfCheckWords(x.verdict, lang)}`).join(lang === 'ja' ? '　' : '; ')]);
  info.push([w.evaluatedAt, japanTime(s.evaluatedAt, lang)], [w.tool, `${s.toolName} ${s.version}`]);
  const infoTop = r;
  for (const [label, value] of info) {
    o.values(r, 1, [[label, null, value]]);
    r++;
  }
  o.format(infoTop, 1, r - 1, 1, { font: { bold: true } });
  o.format(infoTop + 2, 3, infoTop + 2, 3, { font: { bold: true, size: 12 } });
  r++;

  // Sections are short and each starts with its title right above its table (keepTogether: see the report).
  const activitySection = section(r, false);
  o.cell(r, 1, w.activities).format(r, 1, r, 1, SECTION_FORMAT);
  r++;
  const acts = e.activities.length
    ? e.activities.map((a, i) => [
        null,
        `${t.kind[a.kind]}${s.activityNames[i] ? `「${s.activityNames[i]}」` : ''}`,
        w.period(writtenDate(a.start, lang), writtenDate(a.end, lang), a.fullYears),
      ])
    : [[null, t.notEntered, null]];
  o.values(r, 1, acts);
  activitySection.bottom = r + acts.length - 1;
  r += acts.length + 1;

  // The submission scenario's target groups: one row per target point, the sites they add up.
  const targetSection = section(r, true);
  o.cell(r, 1, w.targets).format(r, 1, r, 1, SECTION_FORMAT);
  r++;
  o.values(r, 1, [[...w.targetColumns]]);
  o.format(r, 1, r, LAST_COL, HEADER_FORMAT);
  const targetHeader = r;
  r++;
  const groups = submission ? submission.groups.map((gi) => e.groups[gi]) : [];
  const targetRows: CellInput[][] = groups.flatMap((g) => {
    const id = itemId(g.item);
    const sites = [...new Set(g.lines.map((li) => e.lines[li].site ?? '').filter(Boolean))].join(lang === 'ja' ? '、' : ', ');
    return g.years
      .filter((y) => y.target)
      .map((y) => [id ? itemName(id, lang) : g.item, useName(g.use, lang), sites || null, y.year, num(y.requiredCapacity), num(y.capacity), num(y.shortfall), t.status[y.status]]);
  });
  if (targetRows.length) {
    o.values(r, 1, targetRows);
    o.format(r, 1, r + targetRows.length - 1, LAST_COL, { border: true, vertical: 'top' });
    o.format(r, 5, r + targetRows.length - 1, 7, { horizontal: 'right' });
    o.format(r, 8, r + targetRows.length - 1, 8, { horizontal: 'center' });
    o.cf(r, 8, r + targetRows.length - 1, 8, `=LEFT($H${r},1)="✖"`, { fill: { color: COLORS.shortFill }, font: { color: COLORS.shortFont } });
    r += targetRows.length;
  }
  targetSection.bottom = r - 1;
  r++;

  // Findings of the submission scenario and of the plan as a whole, errors first; no code, path or cell.
  const findingSection = section(r, true);
  o.cell(r, 1, w.findings).format(r, 1, r, 1, SECTION_FORMAT);
  r++;
  o.values(r, 1, [[...w.findingColumns]]);
  o.format(r, 1, r, LAST_COL, HEADER_FORMAT);
  r++;
  const findings = e.findings
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.scenario === undefined || f.scenario === e.submissionScenario)
    .sort((a, b) => SEVERITY_ORDER[a.f.severity] - SEVERITY_ORDER[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
  if (!findings.length) {
    o.cell(r, 2, w.none);
    r++;
  } else {
    const rows: CellInput[][] = [];
    findings.forEach((f, i) => {
      const top = r + rows.length;
      const pieces = chunks(reviewerMessage(f, lang), MESSAGE_WIDTH);
      rows.push([i + 1, t.severity[f.severity], sectionIn(f.section, lang), pieces[0]]);
      for (const piece of pieces.slice(1)) rows.push([null, null, null, piece]);
      const note = f.severity === 'warning' ? s.acknowledged?.(f) : undefined;
      if (note) for (const piece of chunks(t.acknowledged(note), MESSAGE_WIDTH)) rows.push([null, null, null, piece]);
      // A finding's lines on one page; the section's head takes the whole first finding.
      const size = r + rows.length - top;
      if (i === 0) findingSection.head = 2 + size;
      else blocks.push({ top, bottom: top + size - 1, head: size });
    });
    o.values(r, 1, rows);
    o.format(r, 1, r + rows.length - 1, LAST_COL, { vertical: 'top' });
    o.cf(r, 2, r + rows.length - 1, 2, `=LEFT($B${r},1)="✖"`, { font: { color: COLORS.shortFont, bold: true } });
    r += rows.length;
  }
  findingSection.bottom = r - 1;
  r++;

  const checklistSection = section(r, true);
  o.cell(r, 1, w.checklist).format(r, 1, r, 1, SECTION_FORMAT);
  r++;
  const [hNo, hStatus, hSection, hReq, hWhere] = w.checklistColumns;
  o.values(r, 1, [[hNo, hStatus, hSection, hReq, null, null, hWhere]]);
  o.format(r, 1, r, LAST_COL, HEADER_FORMAT);
  r++;
  const cs = t.checklistStatus;
  const checklist = CHECKLIST.map((c, i) => {
    const entry = s.checklist[c.id];
    const applies = !('jointOnly' in c && c.jointOnly) || s.joint;
    const status = !applies ? cs.notApplicable : 'supplierHeldOnly' in c && c.supplierHeldOnly && !supplierHoldsCore(s.coreTechnologies) ? cs.notSupplierHeld : !entry?.confirmed ? cs.unconfirmed : entry.evidence.trim() ? cs.confirmed : cs.noEvidence;
    return [i + 1, status, sectionIn(c.section, lang), c[lang], null, null, entry?.evidence || null];
  });
  o.values(r, 1, checklist);
  o.format(r, 1, r + checklist.length - 1, LAST_COL, { vertical: 'top' });
  r += checklist.length;
  checklistSection.bottom = r - 1;

  const widths = { A: 12, B: 26, C: 16, D: 10, E: 14, F: 14, G: 14, H: 12 };
  o.widths(widths);
  o.format(targetHeader, 1, targetHeader, LAST_COL, { wrap: true });
  const page = { header: w.header(s.applicant || t.notEntered), footer: w.footer };
  o.push({ kind: 'pageSetup', sheet, landscape: true, paper: 'A4', fitToWidth: true, printArea: `A1:${col(LAST_COL)}${r - 1}`, ...page });
  o.push({ kind: 'rowBreaks', sheet, rows: pageStarts({ columnWidths: Object.values(widths) }, r - 1, (row) => tall.get(row) ?? ROW_POINTS.normal, blocks) });

  const ops = [...o.ops];
  if (s.comparison && s.comparison.scenarios.length >= 2) {
    ops.push(
      ...comparisonSheetOps({
        sheet: SHEET_NAMES[lang].comparison,
        lang,
        comparison: s.comparison,
        evaluation: e,
        evaluatedAt: japanTime(s.evaluatedAt, lang),
        page,
      }),
    );
  }
  // The plan and the results as values, with the same page set-up (the plan's header row printed on every page).
  for (const copy of s.copies) {
    const c = new SheetOps(copy.snapshot.name);
    c.push({ kind: 'addSheet', sheet: copy.snapshot.name });
    const values = copy.snapshot.values.map((row) => row.map((v): CellInput => (v !== null && typeof v === 'object' ? `${v.error}` : v)));
    if (values.length) c.values(1, 1, values);
    const width = values.reduce((m, row) => Math.max(m, row.length), 0);
    if (width) {
      c.format(1, 1, values.length, width, { numberFormat: '#,##0.#####', vertical: 'top' });
      // The first row is the table's header (the plan's copy starts with it): wrapped, so no header is cut off.
      if (copy.printTitleRows === '1:1') c.format(1, 1, 1, width, { ...HEADER_FORMAT, wrap: true });
      const widths: Record<string, number> = {};
      for (let k = 1; k <= width; k++) widths[col(k)] = k === 3 ? 24 : k <= 2 ? 14 : 11;
      c.widths(widths);
    }
    c.push({ kind: 'pageSetup', sheet: copy.snapshot.name, landscape: true, paper: 'A4', fitToWidth: true, ...(copy.printTitleRows ? { printTitleRows: copy.printTitleRows } : {}), ...page });
    ops.push(...c.ops);
  }
  ops.push({ kind: 'activate', sheet });
  return ops;
}

function num(n: number | null): string | null {
  return n === null ? null : formatNumber(n);
}
