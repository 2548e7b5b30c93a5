/**
 * Texts of the workbook, in Japanese and English: sheet names, headers, labels, statuses, and what the reader says
 * about a bad cell. Numbers from the seed (2021, 2025, 2030 …) are taken from policy/, never written here. The
 * accepted spellings for reading (synonyms) live here too, so a header typed in either language is found.
 */
import type { ActivityKind } from '../policy';
import { BASELINE_YEAR, FIRST_COLUMN_YEAR, LAST_TARGET_YEAR, SEED } from '../policy';
import type { Severity, Verdict, YearStatus } from '../policy/findings';
import type { Bilingual, Lang } from './format';

export type SheetKey = 'plan' | 'activity' | 'policy' | 'results' | 'summary' | 'log';
export const SHEET_KEYS: readonly SheetKey[] = ['plan', 'activity', 'policy', 'results', 'summary', 'log'];

export const SHEET_NAMES: Readonly<Record<Lang, Readonly<Record<SheetKey, string>>>> = {
  ja: { plan: '計画', activity: '取組・チェックリスト', policy: '基準', results: '結果', summary: 'サマリー', log: '履歴' },
  en: { plan: 'Plan', activity: 'Activity & checklist', policy: 'Policy', results: 'Results', summary: 'Summary', log: 'Log' },
};

/** The input columns of the plan table. */
export type PlanColumnKey = 'scenario' | 'item' | 'use' | 'baseline' | 'unit' | 'targets';
export const PLAN_COLUMN_KEYS: readonly PlanColumnKey[] = ['scenario', 'item', 'use', 'baseline', 'unit', 'targets'];

/** Label/value fields of the activity sheet. */
export type FieldKey =
  | 'applicantName'
  | 'joint'
  | 'yearBasis'
  | 'kind'
  | 'start'
  | 'end'
  | 'rndTargets'
  | 'followOn'
  | 'regionalContribution'
  | 'jobsCreated';
export const FIELD_KEYS: readonly FieldKey[] = [
  'applicantName',
  'joint',
  'yearBasis',
  'kind',
  'start',
  'end',
  'rndTargets',
  'followOn',
  'regionalContribution',
  'jobsCreated',
];

export type ChecklistColumnKey = 'requirement' | 'confirmed' | 'status' | 'evidence' | 'section' | 'id';
export const CHECKLIST_COLUMN_KEYS: readonly ChecklistColumnKey[] = ['requirement', 'confirmed', 'status', 'evidence', 'section', 'id'];

export type OverseasColumnKey = 'base' | 'item' | 'before' | 'after' | 'share' | 'risk' | 'metiRequested' | 'result';
export const OVERSEAS_COLUMN_KEYS: readonly OverseasColumnKey[] = ['base', 'item', 'before', 'after', 'share', 'risk', 'metiRequested', 'result'];

export type LogColumnKey = 'when' | 'version' | 'verdict' | 'scenarios' | 'errors' | 'warnings' | 'infos' | 'lines' | 'notes';
export const LOG_COLUMN_KEYS: readonly LogColumnKey[] = ['when', 'version', 'verdict', 'scenarios', 'errors', 'warnings', 'infos', 'lines', 'notes'];

export interface WorkbookTexts {
  sheet: Record<SheetKey, string>;
  planTitle: string;
  planHint: string;
  planColumns: Record<PlanColumnKey, string>;
  verdictHeader: string;
  statusHeader(year: number): string;
  yearBasisLabel: string;
  notEntered: string;
  legendInput: string;
  legendComputed: string;
  legendStatus: string;

  activityTitle: string;
  sectionApplicant: string;
  sectionActivity: string;
  sectionRegional: string;
  sectionChecklist: string;
  sectionOverseas: string;
  fields: Record<FieldKey, string>;
  checklistColumns: Record<ChecklistColumnKey, string>;
  overseasColumns: Record<OverseasColumnKey, string>;
  yes: string;
  no: string;
  confirmedMark: string;
  unconfirmedMark: string;
  yearBasis: Record<'calendar' | 'fiscal', string>;
  kind: Record<ActivityKind, string>;
  checklistStatus: { confirmed: string; noEvidence: string; unconfirmed: string; notApplicable: string };
  overseasResult: { none: string; actV: string; consult: string };
  periodResult(p: { ok: boolean; years: number; boundary: string; kind: ActivityKind }): string;

  policyTitle: string;
  policyGenerated(version: string): string;
  policyMultipliers: string;
  policyUse: string;
  policyUseId: string;
  policyFirstYearFormat: string;
  policyConstants: string;
  policyBaselineYear: string;
  policyFirstColumn: string;
  policyLastTarget: string;
  policyNational: string;
  policyNationalColumns: [string, string, string, string];
  policySections: string;
  policySectionColumns: [string, string, string];
  policyItems: string;
  policyItemId: string;
  policyItemOther: string;
  policyItemNote: string;
  policyUseNames: string;
  policyUseIndex: string;
  policyScenarios: string;
  policyYesNo: string;
  policyConfirm: string;
  policyYearBasis: string;
  policyKinds: string;
  policyTrueTokens: string;

  status: Record<YearStatus, string>;
  verdict: Record<Verdict, string>;
  notChecked: string;
  severity: Record<Severity, string>;

  resultsTitle: string;
  resultsAsOf(when: string, version: string): string;
  resultsLegend: string;
  resultsColumns: {
    row: string;
    scenario: string;
    item: string;
    use: string;
    unit: string;
    verdict: string;
    findings: string;
    errors: string;
    warnings: string;
    useIndex: string;
    targets: string;
    baseline: string;
  };
  blocks: { status: string; multiplier: string; required: string; shortfall: string; ratio: string };

  summaryTitle: string;
  summarySeed: string;
  summaryInfo: {
    applicant: string;
    joint: string;
    activity: string;
    period: string;
    yearBasis: string;
    evaluatedAt: string;
    tool: string;
    overall: string;
  };
  summaryPeriod(p: { start: string; end: string; years: number }): string;
  summaryScenarios: string;
  summaryScenarioColumns: [string, string, string, string];
  summaryOther(errors: number, warnings: number): string;
  summaryLines: string;
  summaryLineColumns(barFull: number): [string, string, string, string, string, string, string, string, string, string, string];
  summaryLinesMore(n: number): string;
  summaryFindings(when: string): string;
  summaryFindingColumns: [string, string, string, string, string];
  summaryFindingsMore(n: number): string;
  summaryNoFindings: string;
  summaryChecklist: string;
  summaryChecklistColumns: [string, string, string, string, string];
  summaryChart: string;
  summaryChartRequired(use: string): string;
  summaryLive: string;

  logTitle: string;
  logColumns: Record<LogColumnKey, string>;

  note(p: { year: number; required: string; unit: string; multiplier: string }): string;
}

const ja: WorkbookTexts = {
  sheet: SHEET_NAMES.ja,
  planTitle: '供給確保計画 — 品目ごとの国内生産能力の見込み',
  planHint: `目標時点：空欄なら${FIRST_COLUMN_YEAR}〜${LAST_TARGET_YEAR}年の見込みがある年すべて。指定するときは「${FIRST_COLUMN_YEAR},2027,${LAST_TARGET_YEAR}」のように入力（${LAST_TARGET_YEAR}年まで）。見込みが空欄の年は見込みなし。`,
  planColumns: {
    scenario: 'シナリオ',
    item: '品目',
    use: '使途',
    baseline: `基準（${BASELINE_YEAR}年）`,
    unit: '単位',
    targets: '目標時点',
  },
  verdictHeader: '判定',
  statusHeader: (y) => `${y}\n状況`,
  yearBasisLabel: '年の区分：',
  notEntered: '（未入力）',
  legendInput: '入力欄',
  legendComputed: '自動計算',
  legendStatus: '✔ 達成（緑）　✖ 不足（赤）　· 参考',

  activityTitle: '取組・チェックリスト',
  sectionApplicant: '申請者',
  sectionActivity: '取組（第3章第1節・第3章第4節）',
  sectionRegional: '地域経済への貢献（第3章第8節）',
  sectionChecklist: 'チェックリスト（確認欄で ✔ を選び、根拠に申請書の記載箇所を記入）',
  sectionOverseas: '海外拠点（第3章第6節(3)(エ)(ⅴ)）',
  fields: {
    applicantName: '申請者名',
    joint: '共同申請',
    yearBasis: '年の区分',
    kind: '取組の種類',
    start: '開始日',
    end: '終了日',
    rndTargets: '研究開発の定量的な目標（1行に1つ）',
    followOn: '研究開発後の国内生産能力強化の取組',
    regionalContribution: '地域経済への貢献',
    jobsCreated: '雇用創出数（人）',
  },
  checklistColumns: {
    requirement: '要件',
    confirmed: '確認',
    status: '状況',
    evidence: '根拠（申請書の記載箇所）',
    section: '条項',
    id: 'ID',
  },
  overseasColumns: {
    base: '拠点',
    item: '品目',
    before: '能力（増強前）',
    after: '能力（増強後）',
    share: '現地消費比率（0〜1）',
    risk: '技術流出等のおそれ',
    metiRequested: '経済産業省からの要請',
    result: '判定（前回チェック時）',
  },
  yes: 'はい',
  no: 'いいえ',
  confirmedMark: '✔',
  unconfirmedMark: '—',
  yearBasis: { calendar: '暦年', fiscal: '年度' },
  kind: { capacity: '国内生産能力強化', rnd: '研究開発' },
  checklistStatus: { confirmed: '✔ 確認済', noEvidence: '· 根拠未記入', unconfirmed: '! 未確認', notApplicable: '· 対象外' },
  overseasResult: { none: '✔ 該当なし', actV: '· 行為(ⅴ)', consult: '! 行為(ⅴ)・事前相談' },
  periodResult: ({ ok, years, boundary, kind }) =>
    kind === 'capacity'
      ? `${ok ? '✔' : '✖'} ${years}年（${boundary}以降の終了で10年以上）`
      : `${ok ? '✔' : '✖'} ${boundary}までに終了で5年以内`,

  policyTitle: '基準（取組方針）',
  policyGenerated: (v) => `このシートは Supply Plan Checker ${v} が取組方針から生成します。シナリオ欄以外は編集しないでください。`,
  policyMultipliers: `所要倍率（${BASELINE_YEAR}年比）— 第3章第2節 i`,
  policyUse: '使途',
  policyUseId: '使途ID',
  policyFirstYearFormat: '"～"0',
  policyConstants: '定数',
  policyBaselineYear: '基準年',
  policyFirstColumn: `${FIRST_COLUMN_YEAR}年以前を含む列`,
  policyLastTarget: '目標時点の上限',
  policyNational: '国全体の目標（第1章第2節）',
  policyNationalColumns: ['製品', '年', '台/年', `${BASELINE_YEAR}年比`],
  policySections: '条項',
  policySectionColumns: ['キー', '条項', 'Section'],
  policyItems: '品目（第2章第2節(1)①）',
  policyItemId: '品目ID',
  policyItemOther: 'English',
  policyItemNote: '注記',
  policyUseNames: '使途の名称（照合用）',
  policyUseIndex: '使途番号',
  policyScenarios: 'シナリオ（入力）',
  policyYesNo: 'はい/いいえ',
  policyConfirm: '確認',
  policyYearBasis: '年の区分',
  policyKinds: '取組の種類',
  policyTrueTokens: '確認とみなす値',

  status: { met: '✔ 達成', short: '✖ 不足', info: '· 参考', 'not-judged': '？ 判定なし' },
  verdict: { eligible: '✔ 適合', attention: '! 要確認', ineligible: '✖ 不適合' },
  notChecked: '– 未チェック',
  severity: { error: '✖ エラー', warning: '! 警告', info: '· 情報' },

  resultsTitle: '結果 — 行と年ごとの所要倍率・必要能力・不足・状況',
  resultsAsOf: (when, v) => `所見と件数は前回チェック時（${when}、Supply Plan Checker ${v}）のもの。状況・倍率・不足は計画シートの入力から自動計算されます。`,
  resultsLegend: '✔ 達成：見込み ≥ 所要倍率 × 基準　✖ 不足　· 参考（目標時点でない年）',
  resultsColumns: {
    row: '計画の行',
    scenario: 'シナリオ',
    item: '品目',
    use: '使途',
    unit: '単位',
    verdict: '判定',
    findings: '所見（前回チェック時）',
    errors: 'エラー（前回）',
    warnings: '警告（前回）',
    useIndex: '使途番号',
    targets: '目標時点（照合用）',
    baseline: `基準（${BASELINE_YEAR}年）`,
  },
  blocks: {
    status: '状況',
    multiplier: '所要倍率',
    required: '必要能力',
    shortfall: '不足',
    ratio: `${BASELINE_YEAR}年比`,
  },

  summaryTitle: '供給確保計画 チェック結果サマリー',
  summarySeed: `${SEED.titleJa}（${SEED.publisherJa}、${SEED.revisedJa}）`,
  summaryInfo: {
    applicant: '申請者',
    joint: '共同申請',
    activity: '取組の種類',
    period: '取組期間',
    yearBasis: '年の区分',
    evaluatedAt: '評価日時',
    tool: 'ツール',
    overall: '総合判定',
  },
  summaryPeriod: ({ start, end, years }) => `${start} 〜 ${end}（${years}年）`,
  summaryScenarios: '判定（シナリオ別）',
  summaryScenarioColumns: ['シナリオ', '判定', '行数', '不足'],
  summaryOther: (e, w) => `品目の行以外の所見：エラー ${e} 件、警告 ${w} 件`,
  summaryLines: '目標時点ごとの必要能力と見込み',
  summaryLineColumns: (n) => ['行', 'シナリオ', '品目', '使途', '目標時点', `達成度（█ ${n}個＝必要能力）`, '必要能力', '見込み', '不足', '状況', '達成率'],
  summaryLinesMore: (n) => `… 他 ${n} 件の目標時点は結果シートを参照`,
  summaryFindings: (when) => `所見（${when} のチェック時）`,
  summaryFindingColumns: ['No', '重要度', '条項', 'コード', '箇所'],
  summaryFindingsMore: (n) => `… 他 ${n} 件は結果シートの「所見」列を参照`,
  summaryNoFindings: '所見はありません',
  summaryChecklist: 'チェックリストの状況',
  summaryChecklistColumns: ['No', '状況', '条項', '根拠', '要件'],
  summaryChart: `${BASELINE_YEAR}年比の見込みと所要倍率（グラフ用データ）`,
  summaryChartRequired: (use) => `所要倍率（${use}）`,
  summaryLive: '判定・数値は計画シートの入力から自動計算（所見の一覧は前回チェック時のもの）',

  logTitle: '履歴 — チェックの記録',
  logColumns: {
    when: '日時',
    version: 'バージョン',
    verdict: '総合判定',
    scenarios: 'シナリオ別の判定',
    errors: 'エラー',
    warnings: '警告',
    infos: '情報',
    lines: '行数',
    notes: '注記セル（内部用）',
  },

  note: ({ year, required, unit, multiplier }) => `目標時点 ${year}年：必要能力 ${required}${unit}（${BASELINE_YEAR}年比 ${multiplier}倍）`,
};

const en: WorkbookTexts = {
  sheet: SHEET_NAMES.en,
  planTitle: 'Supply assurance plan — domestic production capacity forecast by item',
  planHint: `Target years: leave empty for every forecast year ${FIRST_COLUMN_YEAR}–${LAST_TARGET_YEAR}; or name them, e.g. "${FIRST_COLUMN_YEAR},2027,${LAST_TARGET_YEAR}" (up to ${LAST_TARGET_YEAR}). An empty year cell means no forecast.`,
  planColumns: {
    scenario: 'Scenario',
    item: 'Item',
    use: 'Use',
    baseline: `Baseline ${BASELINE_YEAR}`,
    unit: 'Unit',
    targets: 'Target years',
  },
  verdictHeader: 'Verdict',
  statusHeader: (y) => `${y}\nstatus`,
  yearBasisLabel: 'Year basis: ',
  notEntered: '(not entered)',
  legendInput: 'Input',
  legendComputed: 'Computed',
  legendStatus: '✔ met (green)   ✖ short (red)   · info',

  activityTitle: 'Activity & checklist',
  sectionApplicant: 'Who applies',
  sectionActivity: 'Activity (Ch. 3 Sec. 1, Ch. 3 Sec. 4)',
  sectionRegional: 'Regional economy (Ch. 3 Sec. 8)',
  sectionChecklist: 'Checklist (pick ✔ under Confirmed and note where the application shows it)',
  sectionOverseas: 'Overseas bases (Ch. 3 Sec. 6 (3)(d)(v))',
  fields: {
    applicantName: 'Applicant name',
    joint: 'Joint application',
    yearBasis: 'Year basis',
    kind: 'Activity kind',
    start: 'Start date',
    end: 'End date',
    rndTargets: 'R&D quantitative targets (one per line)',
    followOn: 'Capacity activity follows the R&D',
    regionalContribution: 'Contribution to the regional economy',
    jobsCreated: 'Jobs created',
  },
  checklistColumns: {
    requirement: 'Requirement',
    confirmed: 'Confirmed',
    status: 'Status',
    evidence: 'Evidence (where the application shows it)',
    section: 'Section',
    id: 'ID',
  },
  overseasColumns: {
    base: 'Base',
    item: 'Item',
    before: 'Capacity before',
    after: 'Capacity after',
    share: 'Local consumption share (0–1)',
    risk: 'Risk known',
    metiRequested: 'METI requested',
    result: 'Result (last check)',
  },
  yes: 'Yes',
  no: 'No',
  confirmedMark: '✔',
  unconfirmedMark: '—',
  yearBasis: { calendar: 'calendar year', fiscal: 'fiscal year' },
  kind: { capacity: 'capacity strengthening', rnd: 'R&D' },
  checklistStatus: { confirmed: '✔ confirmed', noEvidence: '· no evidence', unconfirmed: '! not confirmed', notApplicable: '· not applicable' },
  overseasResult: { none: '✔ not act (v)', actV: '· act (v)', consult: '! act (v), consult METI' },
  periodResult: ({ ok, years, boundary, kind }) =>
    kind === 'capacity'
      ? `${ok ? '✔' : '✖'} ${years} years (10 years or more needs an end on or after ${boundary})`
      : `${ok ? '✔' : '✖'} must end by ${boundary} (within 5 years)`,

  policyTitle: 'Policy (取組方針)',
  policyGenerated: (v) => `Generated from the policy by Supply Plan Checker ${v}. Edit only the scenario list.`,
  policyMultipliers: `Required multiple of ${BASELINE_YEAR} capacity — Ch. 3 Sec. 2 (i)`,
  policyUse: 'Use',
  policyUseId: 'Use ID',
  policyFirstYearFormat: '"≤"0',
  policyConstants: 'Constants',
  policyBaselineYear: 'Baseline year',
  policyFirstColumn: `Column for ${FIRST_COLUMN_YEAR} and earlier`,
  policyLastTarget: 'Last target year',
  policyNational: 'National targets (Ch. 1 Sec. 2)',
  policyNationalColumns: ['Product', 'Year', 'Units/yr', `× ${BASELINE_YEAR}`],
  policySections: 'Sections',
  policySectionColumns: ['Key', '条項', 'Section'],
  policyItems: 'Items (Ch. 2 Sec. 2 (1)(1))',
  policyItemId: 'Item ID',
  policyItemOther: '日本語',
  policyItemNote: 'Note',
  policyUseNames: 'Use names (lookup)',
  policyUseIndex: 'Use no.',
  policyScenarios: 'Scenarios (input)',
  policyYesNo: 'Yes/No',
  policyConfirm: 'Confirmed',
  policyYearBasis: 'Year basis',
  policyKinds: 'Activity kinds',
  policyTrueTokens: 'Counts as confirmed',

  status: { met: '✔ met', short: '✖ short', info: '· info', 'not-judged': '? not judged' },
  verdict: { eligible: '✔ eligible', attention: '! attention', ineligible: '✖ ineligible' },
  notChecked: '– not checked',
  severity: { error: '✖ error', warning: '! warning', info: '· info' },

  resultsTitle: 'Results — required multiple, required capacity, shortfall and status by line and year',
  resultsAsOf: (when, v) => `Findings and counts as of the last check (${when}, Supply Plan Checker ${v}). Statuses, multiples and shortfalls are computed live from the Plan sheet.`,
  resultsLegend: '✔ met: forecast ≥ multiple × baseline   ✖ short   · info (not a target year)',
  resultsColumns: {
    row: 'Plan row',
    scenario: 'Scenario',
    item: 'Item',
    use: 'Use',
    unit: 'Unit',
    verdict: 'Verdict',
    findings: 'Findings (last check)',
    errors: 'Errors (last)',
    warnings: 'Warnings (last)',
    useIndex: 'Use no.',
    targets: 'Target years (lookup)',
    baseline: `Baseline ${BASELINE_YEAR}`,
  },
  blocks: {
    status: 'Status',
    multiplier: 'Required multiple',
    required: 'Required capacity',
    shortfall: 'Shortfall',
    ratio: `Ratio to ${BASELINE_YEAR}`,
  },

  summaryTitle: 'Supply assurance plan — check summary',
  summarySeed: `${SEED.titleEn} (${SEED.publisherEn}, revised ${SEED.revised})`,
  summaryInfo: {
    applicant: 'Applicant',
    joint: 'Joint application',
    activity: 'Activity kind',
    period: 'Activity period',
    yearBasis: 'Year basis',
    evaluatedAt: 'Evaluated at',
    tool: 'Tool',
    overall: 'Overall verdict',
  },
  summaryPeriod: ({ start, end, years }) => `${start} to ${end} (${years} full years)`,
  summaryScenarios: 'Verdict by scenario',
  summaryScenarioColumns: ['Scenario', 'Verdict', 'Lines', 'Short'],
  summaryOther: (e, w) => `Findings outside the lines: ${e} errors, ${w} warnings`,
  summaryLines: 'Required capacity and forecast at each target point',
  summaryLineColumns: (n) => ['Row', 'Scenario', 'Item', 'Use', 'Target', `Progress (${n} █ = required)`, 'Required', 'Forecast', 'Shortfall', 'Status', 'Achieved'],
  summaryLinesMore: (n) => `… and ${n} more target points on the Results sheet`,
  summaryFindings: (when) => `Findings (check of ${when})`,
  summaryFindingColumns: ['No', 'Severity', 'Section', 'Code', 'Cell'],
  summaryFindingsMore: (n) => `… and ${n} more in the Findings column of the Results sheet`,
  summaryNoFindings: 'No findings',
  summaryChecklist: 'Checklist',
  summaryChecklistColumns: ['No', 'Status', 'Section', 'Evidence', 'Requirement'],
  summaryChart: `Forecast and required multiple of ${BASELINE_YEAR} (chart data)`,
  summaryChartRequired: (use) => `Required (${use})`,
  summaryLive: 'Verdicts and figures follow the Plan sheet live (the findings list is as of the last check)',

  logTitle: 'Log — one row per check',
  logColumns: {
    when: 'When',
    version: 'Version',
    verdict: 'Overall verdict',
    scenarios: 'Verdict by scenario',
    errors: 'Errors',
    warnings: 'Warnings',
    infos: 'Info',
    lines: 'Lines',
    notes: 'Noted cells (internal)',
  },

  note: ({ year, required, unit, multiplier }) => `Target point ${year}: required capacity ${required}${unit ? ` ${unit}` : ''} (${multiplier}× ${BASELINE_YEAR})`,
};

export const WORKBOOK_TEXTS: Readonly<Record<Lang, WorkbookTexts>> = { ja, en };

export function workbookText(lang: Lang): WorkbookTexts {
  return WORKBOOK_TEXTS[lang];
}

/**
 * Other spellings a planner may type for a header or label (either language is accepted in any workbook). The
 * labels of both languages above are accepted too; these are the extras.
 */
export const PLAN_COLUMN_SYNONYMS: Readonly<Record<PlanColumnKey, readonly string[]>> = {
  scenario: ['シナリオ名', 'ケース', 'scenario name', 'case'],
  item: ['部素材', '品目名', '対象品目', 'item name', 'component'],
  use: ['用途', '使途（用途）', 'use of the item', 'usage'],
  baseline: [
    '基準',
    `${BASELINE_YEAR}年基準`,
    `${BASELINE_YEAR}年生産能力`,
    `${BASELINE_YEAR}年の生産能力`,
    `基準年（${BASELINE_YEAR}年）`,
    `基準年${BASELINE_YEAR}`,
    `生産能力（${BASELINE_YEAR}年）`,
    'baseline',
    `baseline${BASELINE_YEAR}`,
    `${BASELINE_YEAR} baseline`,
    `capacity ${BASELINE_YEAR}`,
    `baseline capacity ${BASELINE_YEAR}`,
  ],
  unit: ['単位（能力）', 'units'],
  targets: ['目標年', '目標時点（年）', '目標時点の年', 'target points', 'targets', 'target year'],
};

export const FIELD_SYNONYMS: Readonly<Record<FieldKey, readonly string[]>> = {
  applicantName: ['事業者名', '申請事業者', '申請者の名称', 'applicant', 'company'],
  joint: ['共同申請の有無', '複数事業者による申請', 'joint'],
  yearBasis: ['暦年/年度', '年の区分（暦年/年度）', 'calendar or fiscal year'],
  kind: ['取組', '取組の区分', 'activity', 'kind'],
  start: ['開始', '取組開始日', '実施期間（開始）', 'start'],
  end: ['終了', '取組終了日', '実施期間（終了）', 'end'],
  rndTargets: ['研究開発の定量的な目標', '定量的な目標', 'quantitative targets', 'r&d targets'],
  followOn: ['研究開発後の取組', '後続の能力強化の取組', 'follow-on capacity activity', 'follow-on'],
  regionalContribution: ['地域経済への貢献の内容', 'regional contribution'],
  jobsCreated: ['雇用創出数', '雇用創出', 'jobs'],
};

export const CHECKLIST_COLUMN_SYNONYMS: Readonly<Record<ChecklistColumnKey, readonly string[]>> = {
  requirement: ['項目', 'チェック項目', 'item'],
  confirmed: ['確認済', '確認欄', 'confirmed?', 'check'],
  status: ['判定', 'result'],
  evidence: ['根拠', '記載箇所', 'evidence', 'note', 'notes'],
  section: ['根拠条項', 'seed section'],
  id: ['id', 'キー', 'key'],
};

export const OVERSEAS_COLUMN_SYNONYMS: Readonly<Record<OverseasColumnKey, readonly string[]>> = {
  base: ['海外拠点', '拠点名', 'overseas base', 'base name'],
  item: ['品目名', 'item name'],
  before: ['増強前', '能力（前）', '増強前の能力', 'before'],
  after: ['増強後', '能力（後）', '増強後の能力', 'after'],
  share: ['現地消費比率', '現地消費割合', 'local consumption share', 'local share'],
  risk: ['おそれ', 'リスク', 'risk'],
  metiRequested: ['経産省の要請', '経済産業省の要請', 'meti request'],
  result: ['判定', '結果', 'result'],
};

/** Spellings of yes/no, year basis and activity kind a cell may hold (folded before comparing). */
export const TRUE_WORDS: readonly string[] = ['✔', '✓', '☑', '○', '◯', '〇', 'はい', '有', 'あり', '済', '確認済', 'yes', 'y', 'true', '1'];
export const FALSE_WORDS: readonly string[] = ['—', '-', '–', '―', '−', 'ー', '×', '✕', '✖', 'いいえ', '無', 'なし', '未', '未確認', 'no', 'n', 'false', '0'];
export const YEAR_BASIS_WORDS: Readonly<Record<'calendar' | 'fiscal', readonly string[]>> = {
  calendar: ['暦年', 'calendar', 'calendar year', 'cy'],
  fiscal: ['年度', 'fiscal', 'fiscal year', 'fy', '会計年度'],
};
export const KIND_WORDS: Readonly<Record<ActivityKind, readonly string[]>> = {
  capacity: ['国内生産能力強化', '国内生産能力の強化', '生産能力強化', '能力強化', 'capacity', 'capacity strengthening', 'capacity expansion'],
  rnd: ['研究開発', 'r&d', 'rnd', 'research and development'],
};

/** What the reader says about a bad cell; `where` is the cell ("計画!F7"). */
export const inputText = {
  notNumber: (raw: string): Bilingual => ({ ja: `数値ではありません "${raw}"`, en: `not a number "${raw}"` }),
  negative: (raw: string): Bilingual => ({ ja: `0以上の数値にしてください "${raw}"`, en: `must not be negative "${raw}"` }),
  notPositive: (raw: string): Bilingual => ({ ja: `0より大きい数値にしてください "${raw}"`, en: `must be greater than 0 "${raw}"` }),
  outOfRange: (raw: string): Bilingual => ({
    ja: `数値が範囲外です（絶対値 10^15 以下、2021年の基準は 10^-9 以上） "${raw}"`,
    en: `out of range (magnitude at most 10^15; a 2021 baseline at least 10^-9) "${raw}"`,
  }),
  errorValue: (err: string): Bilingual => ({ ja: `エラー値 ${err} です`, en: `error value ${err}` }),
  notAValue: (raw: string): Bilingual => ({ ja: `数値か文字を入力してください "${raw}"`, en: `expected a number or text "${raw}"` }),
  required: (what: Bilingual): Bilingual => ({ ja: `${what.ja}がありません`, en: `${what.en} is missing` }),
  unknownUse: (raw: string): Bilingual => ({
    ja: `使途「${raw}」は所要倍率の表にありません（工作機械のみ／工作機械及び産業用ロボット／産業用ロボットのみ）`,
    en: `unknown use "${raw}" (machine tools only / machine tools and industrial robots / industrial robots only)`,
  }),
  badTargetYear: (token: string): Bilingual => ({
    ja: `目標時点「${token}」は${BASELINE_YEAR + 1}年以降の年ではありません（例 ${FIRST_COLUMN_YEAR},2027,${LAST_TARGET_YEAR}）`,
    en: `target year "${token}" is not a year after ${BASELINE_YEAR} (e.g. ${FIRST_COLUMN_YEAR},2027,${LAST_TARGET_YEAR})`,
  }),
  duplicateYear: (year: number): Bilingual => ({ ja: `${year}年の列が重複しています（最初の列を使います）`, en: `a second ${year} column (the first one is used)` }),
  notDate: (raw: string): Bilingual => ({ ja: `日付ではありません "${raw}"（例 2024-04-01）`, en: `not a date "${raw}" (e.g. 2024-04-01)` }),
  endBeforeStart: (start: string, end: string): Bilingual => ({ ja: `終了日 ${end} が開始日 ${start} より前です`, en: `ends (${end}) before it starts (${start})` }),
  badChoice: (raw: string, options: string[]): Bilingual => ({
    ja: `「${raw}」は選択肢（${options.join('／')}）にありません`,
    en: `"${raw}" is not one of ${options.join(' / ')}`,
  }),
  badShare: (raw: string): Bilingual => ({ ja: `0〜1の比率にしてください（85% は 0.85）"${raw}"`, en: `must be a share between 0 and 1 (85% = 0.85) "${raw}"` }),
  unknownChecklist: (raw: string): Bilingual => ({ ja: `チェックリストの要件「${raw}」が分かりません`, en: `unknown checklist requirement "${raw}"` }),
  noHeader: (): Bilingual => ({
    ja: '品目の表の見出し行（品目・使途・基準など）が見つかりません',
    en: 'the header row of the plan table (Item, Use, Baseline …) was not found',
  }),
  yearOutOfRange: (year: number): Bilingual => ({ ja: `${year}年の列は範囲外です`, en: `a ${year} column is out of range` }),
};

/** Labels used in "… is missing" messages. */
export const FIELD_NAMES: Readonly<Record<PlanColumnKey | FieldKey, Bilingual>> = {
  scenario: { ja: 'シナリオ', en: 'the scenario' },
  item: { ja: '品目', en: 'the item' },
  use: { ja: '使途', en: 'the use' },
  baseline: { ja: `基準（${BASELINE_YEAR}年）の生産能力`, en: `the ${BASELINE_YEAR} baseline` },
  unit: { ja: '単位', en: 'the unit' },
  targets: { ja: '目標時点', en: 'the target years' },
  applicantName: { ja: '申請者名', en: 'the applicant' },
  joint: { ja: '共同申請', en: 'joint application' },
  yearBasis: { ja: '年の区分', en: 'the year basis' },
  kind: { ja: '取組の種類', en: 'the activity kind' },
  start: { ja: '開始日', en: 'the start date' },
  end: { ja: '終了日', en: 'the end date' },
  rndTargets: { ja: '定量的な目標', en: 'quantitative targets' },
  followOn: { ja: '後続の取組', en: 'the follow-on activity' },
  regionalContribution: { ja: '地域経済への貢献', en: 'the regional contribution' },
  jobsCreated: { ja: '雇用創出数', en: 'jobs created' },
};

/** Texts of the workbook commands (`template`, `check`, `export`). */
export interface WorkbookCliTexts {
  usage: string;
  missingFile: string;
  tooManyArguments(extra: string): string;
  unknownOption(option: string): string;
  missingValue(option: string): string;
  badValue(option: string, value: string, allowed: readonly string[]): string;
  needsOutput: string;
  exists(file: string): string;
  sameFile(file: string): string;
  cannotRead(file: string, reason: string): string;
  badPlan(file: string, count: number): string;
  wrote(file: string): string;
  badCells(file: string, count: number): string;
  noActivity(file: string): string;
  notValid(file: string, count: number): string;
  /** An output name whose extension says another format than the workbook holds (.xlsm for macros, .xlsx without). */
  wrongExtension(file: string, holds: 'xlsm' | 'xlsx'): string;
}

const cliJa: WorkbookCliTexts = {
  usage: `使い方:
  supply-plan template 出力.xlsx [--lang ja|en] [--from 計画.json]
      計画を入力するワークブックを作ります（--from で計画ファイルの内容を入れて作成）
  supply-plan template --into ブック.xlsx -o 出力.xlsx [--lang ja|en] [--from 計画.json]
      手持ちのブックに計画のシートを加えた写しを出力します（ほかのシート・グラフ・マクロなどはそのまま）
  supply-plan check 入力.xlsx [-o 出力.xlsx] [--lang ja|en] [--format table|json]
      ワークブックの計画を確認し、結果・強調表示・サマリー・履歴を書き込んだワークブックを出力します
      （-o がなければ 入力.checked.xlsx。入力ファイルは書き換えません）
  supply-plan export 入力.xlsx [-o 計画.json]
      ワークブックの計画を計画ファイル（supply-plan/1）として書き出します
終了コード: 0 エラーなし、1 エラーの所見あり（不正なセルを含む）、2 入力・使い方の誤り、3 内部エラー
`,
  missingFile: 'ファイルを指定してください',
  tooManyArguments: (x) => `余分な引数があります: ${x}`,
  unknownOption: (o) => `不明なオプション: ${o}`,
  missingValue: (o) => `${o} に値がありません`,
  badValue: (o, v, a) => `${o} の値 "${v}" は使えません（${a.join(' / ')}）`,
  needsOutput: '出力ファイルを指定してください',
  exists: (f) => `${f} は既にあります。別の名前を指定するか、削除してから実行してください`,
  sameFile: (f) => `入力ファイル ${f} には書き込みません。-o で別のファイルを指定してください`,
  cannotRead: (f, r) => `${f} を読めません: ${r}`,
  badPlan: (f, n) => `${f} は supply-plan/1 形式の計画として正しくありません（${n}件）:`,
  wrote: (f) => `書き込みました: ${f}`,
  badCells: (f, n) => `${f} に不正なセルがあります（${n}件）:`,
  noActivity: (f) => `${f} に取組の種類・開始日・終了日がありません`,
  notValid: (f, n) => `${f} の計画は supply-plan/1 形式として正しくありません（${n}件）:`,
  wrongExtension: (f, holds) =>
    holds === 'xlsm'
      ? `${f}: マクロ（VBA）を含むブックは .xlsm として保存する必要があります。出力ファイル名を .xlsm にしてください`
      : `${f}: .xlsm はマクロを含むブックの形式ですが、このブックにはマクロがありません。出力ファイル名を .xlsx にしてください`,
};

const cliEn: WorkbookCliTexts = {
  usage: `Usage:
  supply-plan template OUT.xlsx [--lang ja|en] [--from plan.json]
      make a workbook to type the plan in (--from fills it from a plan file)
  supply-plan template --into BOOK.xlsx -o OUT.xlsx [--lang ja|en] [--from plan.json]
      write a copy of a workbook you have with the plan sheets added (its other sheets, charts, macros … kept)
  supply-plan check IN.xlsx [-o OUT.xlsx] [--lang ja|en] [--format table|json]
      check the plan in a workbook and write a copy with results, highlights, summary and log
      (OUT defaults to IN.checked.xlsx; the input file is never written)
  supply-plan export IN.xlsx [-o plan.json]
      write the plan in a workbook as a plan file (supply-plan/1)
Exit codes: 0 no error, 1 error findings (bad cells included), 2 bad input or usage, 3 internal error
`,
  missingFile: 'name a file',
  tooManyArguments: (x) => `unexpected argument: ${x}`,
  unknownOption: (o) => `unknown option: ${o}`,
  missingValue: (o) => `${o} needs a value`,
  badValue: (o, v, a) => `${o} cannot be "${v}" (${a.join(' / ')})`,
  needsOutput: 'name the output file',
  exists: (f) => `${f} already exists: choose another name or delete it first`,
  sameFile: (f) => `will not write the input file ${f}: name another file with -o`,
  cannotRead: (f, r) => `cannot read ${f}: ${r}`,
  badPlan: (f, n) => `${f} is not a valid supply-plan/1 plan (${n} ${n === 1 ? 'problem' : 'problems'}):`,
  wrote: (f) => `wrote ${f}`,
  badCells: (f, n) => `${f} has bad cells (${n}):`,
  noActivity: (f) => `${f} has no activity kind, start date and end date`,
  notValid: (f, n) => `the plan in ${f} is not a valid supply-plan/1 plan (${n} ${n === 1 ? 'problem' : 'problems'}):`,
  wrongExtension: (f, holds) =>
    holds === 'xlsm'
      ? `${f}: the workbook holds macros (VBA), so it must be saved as .xlsm: name the output file .xlsm`
      : `${f}: .xlsm is for workbooks with macros and this one has none: name the output file .xlsx`,
};

export function workbookCliText(lang: Lang): WorkbookCliTexts {
  return lang === 'ja' ? cliJa : cliEn;
}
