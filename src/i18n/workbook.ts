/**
 * Texts of the workbook, in Japanese and English: sheet names, headers, labels, statuses, and what the reader says
 * about a bad cell. Numbers from the seed (2021, 2025, 2030 …) are taken from policy/, never written here. The
 * accepted spellings for reading (synonyms) live here too, so a header typed in either language is found.
 */
import type { ActivityKind, TransferActId, TransferActor } from '../policy';
import { BASELINE_YEAR, FIRST_COLUMN_YEAR, LAST_TARGET_YEAR, SEED } from '../policy';
import type { Severity, Verdict, YearStatus } from '../policy/findings';
import type { Bilingual, Lang } from './format';

export type SheetKey = 'plan' | 'activity' | 'policy' | 'results' | 'summary' | 'comparison' | 'log';
export const SHEET_KEYS: readonly SheetKey[] = ['plan', 'activity', 'policy', 'results', 'summary', 'comparison', 'log'];

export const SHEET_NAMES: Readonly<Record<Lang, Readonly<Record<SheetKey, string>>>> = {
  ja: { plan: '計画', activity: '取組・チェックリスト', policy: '基準', results: '結果', summary: 'サマリー', comparison: 'シナリオ比較', log: '履歴' },
  en: { plan: 'Plan', activity: 'Activity & checklist', policy: 'Policy', results: 'Results', summary: 'Summary', comparison: 'Scenario comparison', log: 'Log' },
};

/** The input columns of the plan table. */
export type PlanColumnKey = 'scenario' | 'item' | 'use' | 'site' | 'baseline' | 'unit' | 'targets' | 'activity';
export const PLAN_COLUMN_KEYS: readonly PlanColumnKey[] = ['scenario', 'item', 'use', 'site', 'baseline', 'unit', 'targets', 'activity'];

/** Label/value fields of the activity sheet: the template's, then the ones only a v1 workbook has (read, not written). */
export type FieldKey =
  | 'applicantName'
  | 'joint'
  | 'yearBasis'
  | 'submissionScenario'
  | 'applicationDate'
  | 'regionalContribution'
  | 'jobsCreated'
  | 'humanRights'
  | 'humanRightsNote'
  | 'cybersecurity'
  | 'cybersecurityNote'
  | LegacyFieldKey;
export type LegacyFieldKey = 'kind' | 'start' | 'end' | 'rndTargets' | 'followOn';
export const APPLICANT_FIELD_KEYS = ['applicantName', 'joint', 'yearBasis', 'submissionScenario', 'applicationDate'] as const;
export const CONSIDERATION_FIELD_KEYS = ['regionalContribution', 'jobsCreated', 'humanRights', 'humanRightsNote', 'cybersecurity', 'cybersecurityNote'] as const;
export const LEGACY_FIELD_KEYS: readonly LegacyFieldKey[] = ['kind', 'start', 'end', 'rndTargets', 'followOn'];
export const FIELD_KEYS: readonly FieldKey[] = [...APPLICANT_FIELD_KEYS, ...CONSIDERATION_FIELD_KEYS, ...LEGACY_FIELD_KEYS];

/** The tables of the activity sheet (v2), each found by its header row. */
/** The results sheet's fixed columns (one per line), left to right after the row number. */
export type ResultsColumnKey =
  | 'row'
  | 'scenario'
  | 'item'
  | 'use'
  | 'unit'
  | 'verdict'
  | 'findings'
  | 'errors'
  | 'warnings'
  | 'useIndex'
  | 'targets'
  | 'baseline'
  | 'group'
  | 'groupBaseline'
  | 'named'
  | 'exact'
  | 'live'
  | 'groupUnit'
  | 'scenarioUse';

export type ActivityColumnKey = 'id' | 'kind' | 'name' | 'start' | 'end' | 'capitalInvestment' | 'investment' | 'followOn' | 'result';
export const ACTIVITY_COLUMN_KEYS: readonly ActivityColumnKey[] = ['id', 'kind', 'name', 'start', 'end', 'capitalInvestment', 'investment', 'followOn', 'result'];
export type TargetColumnKey = 'activity' | 'metric' | 'unit' | 'target' | 'current' | 'currentDate';
export const TARGET_COLUMN_KEYS: readonly TargetColumnKey[] = ['activity', 'metric', 'unit', 'target', 'current', 'currentDate'];
export type CoreTechColumnKey = 'name' | 'items' | 'supplierHeld' | 'note';
export const CORE_TECH_COLUMN_KEYS: readonly CoreTechColumnKey[] = ['name', 'items', 'supplierHeld', 'note'];
export type TransferColumnKey =
  | 'act'
  | 'by'
  | 'counterparty'
  | 'country'
  | 'technology'
  | 'item'
  | 'before'
  | 'after'
  | 'share'
  | 'risk'
  | 'metiRequested'
  | 'result';
export const TRANSFER_COLUMN_KEYS: readonly TransferColumnKey[] = ['act', 'by', 'counterparty', 'country', 'technology', 'item', 'before', 'after', 'share', 'risk', 'metiRequested', 'result'];
export type AckColumnKey = 'code' | 'path' | 'note';
export const ACK_COLUMN_KEYS: readonly AckColumnKey[] = ['code', 'path', 'note'];

export type ChecklistColumnKey = 'requirement' | 'confirmed' | 'status' | 'evidence' | 'section' | 'id';
export const CHECKLIST_COLUMN_KEYS: readonly ChecklistColumnKey[] = ['requirement', 'confirmed', 'status', 'evidence', 'section', 'id'];

export type OverseasColumnKey = 'base' | 'item' | 'before' | 'after' | 'share' | 'risk' | 'metiRequested' | 'result';
export const OVERSEAS_COLUMN_KEYS: readonly OverseasColumnKey[] = ['base', 'item', 'before', 'after', 'share', 'risk', 'metiRequested', 'result'];

export type LogColumnKey = 'when' | 'version' | 'verdict' | 'scenarios' | 'errors' | 'warnings' | 'infos' | 'lines' | 'changes' | 'notes' | 'inputs';
export const LOG_COLUMN_KEYS: readonly LogColumnKey[] = ['when', 'version', 'verdict', 'scenarios', 'errors', 'warnings', 'infos', 'lines', 'changes', 'notes', 'inputs'];

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
  sectionTargets: string;
  sectionCoreTech: string;
  sectionTransfers: string;
  sectionAcks: string;
  fields: Record<FieldKey, string>;
  activityColumns: Record<ActivityColumnKey, string>;
  targetColumns: Record<TargetColumnKey, string>;
  coreTechColumns: Record<CoreTechColumnKey, string>;
  transferColumns: Record<TransferColumnKey, string>;
  ackColumns: Record<AckColumnKey, string>;
  /** Drop-down labels of the transfer acts and of who acts (a cell may also hold the act's id or numeral). */
  act: Record<TransferActId, string>;
  actor: Record<TransferActor, string>;
  transferResult: { none: string; act(numeral: string): string; consult(numeral: string): string };
  checklistColumns: Record<ChecklistColumnKey, string>;
  overseasColumns: Record<OverseasColumnKey, string>;
  yes: string;
  no: string;
  confirmedMark: string;
  unconfirmedMark: string;
  yearBasis: Record<'calendar' | 'fiscal', string>;
  kind: Record<ActivityKind, string>;
  /**
   * notOwnCore: (ウ) where no listed core technology is held by a supplier (第3章第6節(2)(ウ) applies 「取引先がコア技術等の
   * 全部又は一部を有する場合」), with the reason.
   */
  checklistStatus: { confirmed: string; noEvidence: string; unconfirmed: string; notApplicable: string; notSupplierHeld: string };
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
  /** Added to a line's verdict where its group's statuses are those of the last evaluation (not exact live). */
  fromLastEvaluation: string;
  /** The findings column of a results row that reads a line typed into a row inserted since the last check. */
  pendingRowNote: string;
  /** Below those rows, beside the count of such lines (more than `rows` of them: no status is live). */
  pendingCountNote(rows: number): string;
  /** A line's verdict while more lines were typed into inserted rows than the pending rows read (nothing is live). */
  tooManyInserted(rows: number): string;
  severity: Record<Severity, string>;

  resultsTitle: string;
  resultsAsOf(when: string, version: string): string;
  resultsLegend: string;
  resultsColumns: Record<ResultsColumnKey, string>;
  blocks: { status: string; multiplier: string; required: string; shortfall: string; groupForecast: string; ratio: string; forecast: string; named: string; last: string };

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
  /** The lines a target group of several lines adds up (rows and sites). */
  summaryGroupLines(lines: { row: number; site: string; forecast: string }[]): string;
  submissionScenario: string;
  /** A scenario name marked as the one submitted: 基本ケース（提出案）. */
  submissionLabel(name: string): string;
  baseScenario: string;
  /** Between an activity's kind and its period on the summary. */
  kindPeriodSeparator: string;
  acknowledged(note: string): string;
  summaryFindings(when: string): string;
  summaryFindingColumns: [string, string, string, string, string];
  summaryFindingsMore(n: number): string;
  summaryNoFindings: string;
  summaryChecklist: string;
  summaryChecklistColumns: [string, string, string, string, string];
  summaryChart: string;
  summaryChartRequired(use: string): string;
  summaryLive: string;

  comparisonTitle: string;
  /** What the sheet shows and as of when (its figures are the check's, not live). */
  comparisonIntro(when: string): string;
  comparisonNone: string;
  /** The scenarios' verdicts above the table. */
  comparisonVerdicts: string;
  comparisonVerdictColumns: [string, string];
  /** Columns before the scenarios': item, use, sites, unit, year. */
  comparisonColumns: [string, string, string, string, string];
  /** The columns under each scenario's name (the header's second row). */
  comparisonForecast: string;
  comparisonDiff: string;
  comparisonStatus: string;
  /** No forecast of the scenario for the group that year. */
  comparisonMissing: string;
  /** The difference from the submission, written with its sign (±0 when equal). */
  comparisonDiffText(formatted: string, sign: number): string;
  comparisonLegend: string;

  logTitle: string;
  logColumns: Record<LogColumnKey, string>;
  logChanges(p: { shown: string[]; more: number; first: boolean; tooLarge: boolean }): string;

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
    site: '拠点・ライン',
    activity: '取組ID',
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
  sectionActivity: '取組（第3章第1節・第3章第4節：取組ごとに期間を設定。研究開発は後続の取組IDを記入）',
  sectionRegional: '考慮事項（第3章第8節：地域経済への貢献、雇用、人権尊重、サイバーセキュリティ）',
  sectionChecklist: 'チェックリスト（確認欄で ✔ を選び、根拠に申請書の記載箇所を記入）',
  sectionOverseas: '海外拠点（第3章第6節(3)(エ)(ⅴ)）',
  sectionTargets: '研究開発の定量的な目標（第3章第2節 ii：性能、コスト等。取組IDで研究開発の取組を指定）',
  sectionCoreTech: 'コア技術（第3章第6節(3)：特定し、計画に記載）',
  sectionTransfers: '技術移転等の行為（第3章第6節(3)(エ)(ⅰ)〜(ⅴ)：申請者又はグループ会社によるもの）',
  sectionAcks: '確認済みの警告（指摘を確認し、理由を記入したもの。サマリーに表示）',
  fields: {
    applicantName: '申請者名',
    joint: '共同申請',
    yearBasis: '年の区分',
    submissionScenario: '提出案（シナリオ）',
    applicationDate: '申請日',
    humanRights: 'サプライチェーンにおける人権尊重（確認）',
    humanRightsNote: '人権尊重の取組（記載箇所）',
    cybersecurity: 'サイバーセキュリティ対策（確認）',
    cybersecurityNote: 'サイバーセキュリティ対策（記載箇所）',
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
  activityColumns: {
    id: '取組ID',
    kind: '取組の種類',
    name: '取組の名称',
    start: '開始日',
    end: '終了日',
    capitalInvestment: '設備投資を含む',
    investment: '設備投資の内容・金額',
    followOn: '後続の取組ID（研究開発のみ）',
    result: '期間（前回の評価）',
  },
  targetColumns: {
    activity: '研究開発の取組ID',
    metric: '指標（性能、コスト等）',
    unit: '指標の単位',
    target: '目標値',
    current: '現状値',
    currentDate: '現状値の時点',
  },
  coreTechColumns: {
    name: 'コア技術の名称',
    items: '対象品目（、区切り）',
    supplierHeld: 'サプライヤーが一部を保有',
    note: '備考',
  },
  transferColumns: {
    act: '行為',
    by: '行為者',
    counterparty: '相手方（他者・拠点）',
    country: '国・地域',
    technology: '対象のコア技術',
    item: '拠点の品目（ⅴ）',
    before: '増強前の能力（ⅴ）',
    after: '増強後の能力（ⅴ）',
    share: '現地消費比率（ⅴ、0〜1）',
    risk: '①技術流出等のおそれ',
    metiRequested: '②経済産業省からの要請',
    result: '評価（前回）',
  },
  ackColumns: {
    code: '指摘コード',
    path: '指摘の対象',
    note: '確認の理由',
  },
  act: { i: 'ⅰ 技術の移転', ii: 'ⅱ 技術の提供', iii: 'ⅲ 共同研究開発', iv: 'ⅳ 他国での研究開発', v: 'ⅴ 海外拠点の建設・増強' },
  actor: { applicant: '申請者', 'group-company': 'グループ会社' },
  transferResult: { none: '✔ 該当なし', act: (n) => `· 行為(${n})`, consult: (n) => `! 行為(${n})・事前相談` },
  overseasColumns: {
    base: '拠点',
    item: '品目',
    before: '能力（増強前）',
    after: '能力（増強後）',
    share: '現地消費比率（0〜1）',
    risk: '技術流出等のおそれ',
    metiRequested: '経済産業省からの要請',
    result: '評価（前回）',
  },
  yes: 'はい',
  no: 'いいえ',
  confirmedMark: '✔',
  unconfirmedMark: '—',
  yearBasis: { calendar: '暦年', fiscal: '年度' },
  kind: { capacity: '国内生産能力強化', rnd: '研究開発' },
  checklistStatus: { confirmed: '✔ 確認済', noEvidence: '· 根拠未記入', unconfirmed: '! 未確認', notApplicable: '· 対象外', notSupplierHeld: '· 対象外（取引先が有するコア技術なし）' },
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
  verdict: { eligible: '✔ 要件を満たす', attention: '! 要確認', ineligible: '✖ 未充足の項目あり' },
  notChecked: '– 未チェック',
  fromLastEvaluation: '（状況は前回の評価）',
  pendingRowNote: '前回のチェック後に挿入された行の明細（状況は数式による。指摘は次の評価で出ます）',
  pendingCountNote: (rows) => `← 前回のチェック後に挿入された行の明細の数（${rows}行を超えると、状況は次の評価まで出ません）`,
  tooManyInserted: (rows) => `– 再評価が必要（前回のチェック後に挿入された行が${rows}行を超えています）`,
  severity: { error: '✖ エラー', warning: '! 警告', info: '· 情報' },

  resultsTitle: '結果 — 行と年ごとの所要倍率・必要能力・不足・状況',
  resultsAsOf: (when, v) => `指摘と件数は前回の評価（${when}、Supply Plan Checker ${v}）のもの。状況・倍率・不足は計画シートの入力から自動計算されます。`,
  resultsLegend: '✔ 達成：見込み ≥ 所要倍率 × 基準　✖ 不足　· 参考（目標時点でない年）',
  resultsColumns: {
    row: '計画の行',
    scenario: 'シナリオ',
    item: '品目',
    use: '使途',
    unit: '単位',
    verdict: '判定',
    findings: '指摘（前回の評価）',
    errors: 'エラー（前回）',
    warnings: '警告（前回）',
    useIndex: '使途番号',
    targets: '目標時点（照合用）',
    baseline: `基準（${BASELINE_YEAR}年）`,
    group: '目標グループ（シナリオ｜品目｜使途）',
    groupBaseline: `グループの基準（${BASELINE_YEAR}年）`,
    named: '目標時点の指定',
    exact: '自動計算の範囲内',
    live: 'グループが自動計算',
    groupUnit: 'グループと単位（照合用）',
    scenarioUse: 'シナリオと使途（照合用）',
  },
  blocks: {
    status: '状況（目標グループ）',
    multiplier: '所要倍率',
    required: '必要能力（目標グループ）',
    shortfall: '不足（目標グループ）',
    groupForecast: '見込み（目標グループの合計）',
    ratio: `${BASELINE_YEAR}年比（この行）`,
    forecast: '見込み（この行、照合用）',
    named: '指定された目標時点（照合用）',
    last: '前回の評価の状況',
  },

  comparisonTitle: 'シナリオ比較（目標グループ・年ごとの見込みの合計）',
  comparisonIntro: (when) => `各シナリオの見込みの合計と、提出案との差（${when} の評価時点の値）。状況は目標グループの判定です。`,
  comparisonNone: '比べるシナリオが2つ以上ありません。',
  comparisonVerdicts: 'シナリオ別の判定',
  comparisonVerdictColumns: ['シナリオ', '判定'],
  comparisonColumns: ['品目', '使途', '拠点・ライン', '単位', '年'],
  comparisonForecast: '見込み',
  comparisonDiff: '提出案との差',
  comparisonStatus: '状況',
  comparisonMissing: '— 見込みなし',
  comparisonDiffText: (f, sign) => (sign === 0 ? '±0' : `${sign > 0 ? '+' : '−'}${f}`),
  comparisonLegend: '✔ 達成　✖ 不足　· 参考（目標時点でない年）　？ 判定なし　— 見込みなし（そのシナリオのこの目標グループにその年の見込みがない）',
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
    overall: '自己点検結果',
  },
  summaryPeriod: ({ start, end, years }) => `${start} 〜 ${end}（${years}年）`,
  summaryScenarios: '判定（シナリオ別）',
  summaryScenarioColumns: ['シナリオ', '判定', '行数', '不足'],
  summaryOther: (e, w) => `品目の行以外の指摘：エラー ${e} 件、警告 ${w} 件`,
  summaryLines: '目標時点ごとの必要能力と見込み',
  summaryLineColumns: (n) => ['行', 'シナリオ', '品目', '使途', '目標時点', `達成度（█ ${n}個＝必要能力）`, '必要能力', '見込み', '不足', '状況', '達成率'],
  summaryLinesMore: (n) => `… 他 ${n} 件の目標時点は結果シートを参照`,
  summaryGroupLines: (lines) => `目標グループの行：${lines.map((l) => `${l.row}${l.site ? `（${l.site}）` : ''}`).join('、')} の見込みの合計で判定`,
  submissionScenario: '提出案',
  submissionLabel: (name) => `${name}（提出案）`,
  baseScenario: '基本ケース',
  kindPeriodSeparator: '：',
  acknowledged: (note) => `確認済み（申請者の記入）：${note}`,
  summaryFindings: (when) => `指摘（${when} の評価）`,
  summaryFindingColumns: ['No', '重要度', '条項', 'コード', '箇所'],
  summaryFindingsMore: (n) => `… 他 ${n} 件は結果シートの「指摘」列を参照`,
  summaryNoFindings: '指摘はありません',
  summaryChecklist: 'チェックリストの状況',
  summaryChecklistColumns: ['No', '状況', '条項', '根拠', '要件'],
  summaryChart: `${BASELINE_YEAR}年比の見込みと所要倍率（グラフ用データ）`,
  summaryChartRequired: (use) => `所要倍率（${use}）`,
  summaryLive: '判定・数値は計画シートの入力から自動計算（指摘の一覧は前回の評価のもの）',

  logTitle: '履歴 — 評価の記録',
  logChanges: ({ shown, more, first, tooLarge }) =>
    tooLarge ? '（入力が多いため変更は記録していません）' : first ? '（初回の評価）' : shown.length ? `${shown.join('\n')}${more ? `\n… 他 ${more} 件` : ''}` : '変更なし',
  logColumns: {
    when: '日時',
    version: 'バージョン',
    verdict: '総合判定',
    scenarios: 'シナリオ別の判定',
    errors: 'エラー',
    warnings: '警告',
    infos: '情報',
    lines: '行数',
    changes: '前回の評価からの変更（セル：前 → 後）',
    notes: '注記セル（内部用）',
    inputs: '入力の記録（内部用）',
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
    site: 'Site',
    activity: 'Activity ID',
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
  sectionActivity: 'Activities (Ch. 3 Sec. 1, Ch. 3 Sec. 4: a period for each; an R&D activity names its follow-on)',
  sectionRegional: 'Considerations (Ch. 3 Sec. 8: regional economy, jobs, human rights, cybersecurity)',
  sectionChecklist: 'Checklist (pick ✔ under Confirmed and note where the application shows it)',
  sectionOverseas: 'Overseas bases (Ch. 3 Sec. 6 (3)(d)(v))',
  sectionTargets: 'R&D quantitative targets (Ch. 3 Sec. 2 (ii): performance, cost …; name the R&D activity by its ID)',
  sectionCoreTech: 'Core technologies (Ch. 3 Sec. 6 (3): identified and written into the plan)',
  sectionTransfers: 'Transfer acts (Ch. 3 Sec. 6 (3)(d)(i)–(v), by the applicant or a group company)',
  sectionAcks: 'Acknowledged warnings (a finding read and the reason noted; shown on the summary)',
  fields: {
    applicantName: 'Applicant name',
    joint: 'Joint application',
    yearBasis: 'Year basis',
    submissionScenario: 'Submission scenario',
    applicationDate: 'Application date',
    humanRights: 'Human rights in the supply chain (confirmed)',
    humanRightsNote: 'Human rights (where shown)',
    cybersecurity: 'Cybersecurity measures (confirmed)',
    cybersecurityNote: 'Cybersecurity (where shown)',
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
  activityColumns: {
    id: 'Activity ID',
    kind: 'Activity kind',
    name: 'Activity name',
    start: 'Start date',
    end: 'End date',
    capitalInvestment: 'Includes capital investment',
    investment: 'Investment (what, amount)',
    followOn: 'Follow-on activity ID (R&D only)',
    result: 'Period (last evaluation)',
  },
  targetColumns: {
    activity: 'R&D activity ID',
    metric: 'Metric (performance, cost …)',
    unit: 'Metric unit',
    target: 'Target value',
    current: 'Current value',
    currentDate: 'Current value as of',
  },
  coreTechColumns: {
    name: 'Core technology',
    items: 'Items it serves (comma-separated)',
    supplierHeld: 'Partly held by a supplier',
    note: 'Note',
  },
  transferColumns: {
    act: 'Act',
    by: 'By',
    counterparty: 'Counterparty (party or base)',
    country: 'Country',
    technology: 'Core technology concerned',
    item: 'Item of the base (v)',
    before: 'Capacity before (v)',
    after: 'Capacity after (v)',
    share: 'Local consumption share (v, 0–1)',
    risk: '(1) Risk known',
    metiRequested: '(2) METI requested',
    result: 'Evaluation (last)',
  },
  ackColumns: {
    code: 'Finding code',
    path: 'Finding about',
    note: 'Why it is acknowledged',
  },
  act: { i: '(i) transfer', ii: '(ii) provide', iii: '(iii) joint R&D', iv: '(iv) R&D abroad', v: '(v) overseas base' },
  actor: { applicant: 'applicant', 'group-company': 'group company' },
  transferResult: { none: '✔ no act', act: (n) => `· act (${n})`, consult: (n) => `! act (${n}), consult METI` },
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
  checklistStatus: { confirmed: '✔ confirmed', noEvidence: '· no evidence', unconfirmed: '! not confirmed', notApplicable: '· not applicable', notSupplierHeld: '· not applicable (no core technology held by a supplier)' },
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
  verdict: { eligible: '✔ requirements met', attention: '! needs attention', ineligible: '✖ requirements not yet met' },
  notChecked: '– not checked',
  fromLastEvaluation: ' (statuses as of the last evaluation)',
  pendingRowNote: 'Line in a row inserted since the last check (statuses by formula; findings come with the next evaluation)',
  pendingCountNote: (rows) => `← lines in rows inserted since the last check (above ${rows}, statuses wait for the next evaluation)`,
  tooManyInserted: (rows) => `– evaluate again (more than ${rows} rows inserted since the last check)`,
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
    group: 'Target group (scenario | item | use)',
    groupBaseline: `Group baseline ${BASELINE_YEAR}`,
    named: 'Names target years',
    exact: 'Within exact range',
    live: 'Group computed live',
    groupUnit: 'Group and unit (lookup)',
    scenarioUse: 'Scenario and use (lookup)',
  },
  blocks: {
    status: 'Status (target group)',
    multiplier: 'Required multiple',
    required: 'Required capacity (target group)',
    shortfall: 'Shortfall (target group)',
    groupForecast: 'Forecast (target group total)',
    ratio: `Ratio to ${BASELINE_YEAR} (this line)`,
    forecast: 'Forecast (this line, lookup)',
    named: 'Named target years (lookup)',
    last: 'Status at the last evaluation',
  },

  comparisonTitle: 'Scenario comparison (forecast totals by target group and year)',
  comparisonIntro: (when) => `Each scenario's forecast total and its difference from the submission scenario, as evaluated at ${when}. Statuses are the target group's.`,
  comparisonNone: 'There are not two scenarios to compare.',
  comparisonVerdicts: 'Verdict by scenario',
  comparisonVerdictColumns: ['Scenario', 'Verdict'],
  comparisonColumns: ['Item', 'Use', 'Sites', 'Unit', 'Year'],
  comparisonForecast: 'Forecast',
  comparisonDiff: 'vs submission',
  comparisonStatus: 'Status',
  comparisonMissing: '— no forecast',
  comparisonDiffText: (f, sign) => (sign === 0 ? '±0' : `${sign > 0 ? '+' : '−'}${f}`),
  comparisonLegend: '✔ met   ✖ short   · for reference (not a target point)   ? not judged   — no forecast (the scenario has none for this target group in that year)',
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
    overall: 'Self-check result',
  },
  summaryPeriod: ({ start, end, years }) => `${start} to ${end} (${years} full years)`,
  summaryScenarios: 'Verdict by scenario',
  summaryScenarioColumns: ['Scenario', 'Verdict', 'Lines', 'Short'],
  summaryOther: (e, w) => `Findings outside the lines: ${e} errors, ${w} warnings`,
  summaryLines: 'Required capacity and forecast at each target point',
  summaryLineColumns: (n) => ['Row', 'Scenario', 'Item', 'Use', 'Target', `Progress (${n} █ = required)`, 'Required', 'Forecast', 'Shortfall', 'Status', 'Achieved'],
  summaryLinesMore: (n) => `… and ${n} more target points on the Results sheet`,
  summaryGroupLines: (lines) => `Target group of rows ${lines.map((l) => `${l.row}${l.site ? ` (${l.site})` : ''}`).join(', ')}: judged on the sum of their forecasts`,
  submissionScenario: 'Submission scenario',
  submissionLabel: (name) => `${name} (submission)`,
  baseScenario: 'base case',
  kindPeriodSeparator: ', ',
  acknowledged: (note) => `Acknowledged by the applicant: ${note}`,
  summaryFindings: (when) => `Findings (check of ${when})`,
  summaryFindingColumns: ['No', 'Severity', 'Section', 'Code', 'Cell'],
  summaryFindingsMore: (n) => `… and ${n} more in the Findings column of the Results sheet`,
  summaryNoFindings: 'No findings',
  summaryChecklist: 'Checklist',
  summaryChecklistColumns: ['No', 'Status', 'Section', 'Evidence', 'Requirement'],
  summaryChart: `Forecast and required multiple of ${BASELINE_YEAR} (chart data)`,
  summaryChartRequired: (use) => `Required (${use})`,
  summaryLive: 'Verdicts and figures follow the Plan sheet live (the findings list is as of the last check)',

  logTitle: 'Log — one row per evaluation',
  logChanges: ({ shown, more, first, tooLarge }) =>
    tooLarge ? '(too many inputs to record changes)' : first ? '(first evaluation)' : shown.length ? `${shown.join('\n')}${more ? `\n… and ${more} more` : ''}` : 'no change',
  logColumns: {
    when: 'When',
    version: 'Version',
    verdict: 'Overall verdict',
    scenarios: 'Verdict by scenario',
    errors: 'Errors',
    warnings: 'Warnings',
    infos: 'Info',
    lines: 'Lines',
    changes: 'Changed since the last evaluation (cell: before → after)',
    notes: 'Noted cells (internal)',
    inputs: 'Inputs recorded (internal)',
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
  site: ['拠点', 'ライン', '工場', '拠点・ライン名', 'site', 'plant', 'line'],
  activity: ['取組', '取組ID', 'activity', 'activity id'],
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
  submissionScenario: ['提出案', '提出するシナリオ', 'submission'],
  applicationDate: ['申請年月日', 'application date', 'applied on'],
  humanRights: ['人権尊重', 'human rights'],
  humanRightsNote: ['人権尊重（根拠）'],
  cybersecurity: ['サイバーセキュリティ', 'cybersecurity'],
  cybersecurityNote: ['サイバーセキュリティ（根拠）'],
  regionalContribution: ['地域経済への貢献の内容', 'regional contribution'],
  jobsCreated: ['雇用創出数', '雇用創出', 'jobs'],
};

export const CHECKLIST_COLUMN_SYNONYMS: Readonly<Record<ChecklistColumnKey, readonly string[]>> = {
  requirement: ['項目', 'チェック項目', 'item'],
  confirmed: ['確認済', '確認欄', 'confirmed?', 'check'],
  status: ['判定', 'result'],
  evidence: ['根拠', '記載箇所', 'evidence', 'note', 'notes'],
  section: ['該当箇所', 'seed section', 'policy section'],
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
  unknownActivity: (id: string): Bilingual => ({ ja: `取組ID「${id}」の研究開発の取組が取組の表にありません`, en: `no R&D activity with ID "${id}" in the activities table` }),
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
  site: { ja: '拠点・ライン', en: 'the site' },
  activity: { ja: '取組ID', en: 'the activity ID' },
  submissionScenario: { ja: '提出案', en: 'the submission scenario' },
  applicationDate: { ja: '申請日', en: 'the application date' },
  humanRights: { ja: '人権尊重の確認', en: 'human rights confirmation' },
  humanRightsNote: { ja: '人権尊重の記載箇所', en: 'human rights note' },
  cybersecurity: { ja: 'サイバーセキュリティ対策の確認', en: 'cybersecurity confirmation' },
  cybersecurityNote: { ja: 'サイバーセキュリティ対策の記載箇所', en: 'cybersecurity note' },
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
  noSoffice(pdf: string): string;
  pdfFailed(pdf: string, reason: string): string;
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
      ワークブックの計画を計画ファイル（supply-plan/2）として書き出します
  supply-plan submit 入力.xlsx [-o 提出用.xlsx] [--pdf 提出用.pdf] [--lang ja|en]
      評価して提出用の写し（自己点検結果のサマリーと計画、値のみ）を書き出します。--pdf は LibreOffice で PDF も作成
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
  wrongExtension: (f, holds) =>
    holds === 'xlsm'
      ? `${f}: マクロ（VBA）を含むブックは .xlsm として保存する必要があります。出力ファイル名を .xlsm にしてください`
      : `${f}: .xlsm はマクロを含むブックの形式ですが、このブックにはマクロがありません。出力ファイル名を .xlsx にしてください`,
  notValid: (f, n) => `${f} の計画は supply-plan/2 形式として正しくありません（${n}件）:`,
  noSoffice: (pdf) => `${pdf} は作成していません：PDF の作成には LibreOffice（soffice）が必要です。インストールするか、環境変数 SOFFICE に soffice の場所を指定してください（xlsx の写しは書き込みました）`,
  pdfFailed: (pdf, r) => `${pdf} を作成できませんでした（LibreOffice: ${r}）`,
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
      write the plan in a workbook as a plan file (supply-plan/2)
  supply-plan submit IN.xlsx [-o OUT.xlsx] [--pdf OUT.pdf] [--lang ja|en]
      evaluate and write a clean copy for submission (the self-check summary and the plan, as values);
      --pdf also prints it to PDF with LibreOffice
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
  wrongExtension: (f, holds) =>
    holds === 'xlsm'
      ? `${f}: the workbook holds macros (VBA), so it must be saved as .xlsm: name the output file .xlsm`
      : `${f}: .xlsm is for workbooks with macros and this one has none: name the output file .xlsx`,
  notValid: (f, n) => `the plan in ${f} is not a valid supply-plan/2 plan (${n} ${n === 1 ? 'problem' : 'problems'}):`,
  noSoffice: (pdf) => `${pdf} not written: printing to PDF needs LibreOffice (soffice); install it or set SOFFICE to where soffice is (the .xlsx copy was written)`,
  pdfFailed: (pdf, r) => `could not write ${pdf} (LibreOffice: ${r})`,
};

export function workbookCliText(lang: Lang): WorkbookCliTexts {
  return lang === 'ja' ? cliJa : cliEn;
}
