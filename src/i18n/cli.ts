/**
 * Texts of the command line, in Japanese and English: usage, errors and the labels of the tables. Numbers from the
 * seed (years, multipliers, periods) are passed in from policy/, never written here.
 */
import type { ActivityKind } from '../policy';
import type { Severity, Verdict } from '../policy/findings';
import { GLOSSARY, scenarioName } from './glossary';
import type { Lang } from './format';

export interface CliTexts {
  usage(p: { name: string; version: string }): string;
  unknownCommand(command: string): string;
  unknownOption(option: string): string;
  missingValue(option: string): string;
  badValue(option: string, value: string, allowed: readonly string[]): string;
  missingFile: string;
  tooManyArguments(extra: string): string;
  cannotRead(file: string, reason: string): string;
  badInput(file: string, count: number): string;
  /** After the first problems of a plan file with very many: how many more there are. */
  moreProblems(count: number): string;
  internalError(message: string): string;
  debugHint: string;

  verdict: Record<Verdict, string>;
  severity: Record<Severity, string>;
  activityKind: Record<ActivityKind, string>;
  overall: string;
  applicant: string;
  activity: string;
  activityMissing: string;
  period(p: { start: string; end: string; fullYears: number }): string;
  periodRule(p: { kind: ActivityKind; years: number; boundary: string; ok: boolean }): string;
  scenario(name: string): string;
  /** The submission scenario's mark (提出案). */
  submission: string;
  group(p: { lines: number }): string;
  site: string;
  notEligible: string;
  baseline(p: { year: number; value: string; unit: string }): string;
  rowYear: string;
  rowCapacity: string;
  rowMultiplier: string;
  rowRequired: string;
  rowRatio(baselineYear: number): string;
  rowShortfall: string;
  rowStatus: string;
  legend: string;
  findings(counts: Record<Severity, number>): string;
  noFindings: string;

  rulesTitle: string;
  rulesItems: string;
  rulesItemId: string;
  rulesItemJa: string;
  rulesItemEn: string;
  rulesItemNote: string;
  rulesMultipliers(baselineYear: number): string;
  rulesUse: string;
  rulesFirstColumn(year: number): string;
  rulesTargetPoints(p: { firstColumnYear: number; lastTargetYear: number }): string;
  rulesPeriods: string;
  rulesPeriod(p: { kind: ActivityKind; years: number }): string;
  rulesOverseas(p: { growthAbovePercent: string; localAtLeastPercent: string }): string;
  rulesChecklist: string;
  rulesJointOnly: string;
  rulesSource(p: { title: string; revised: string }): string;
}

const ja: CliTexts = {
  usage: ({ name, version }) => `${name} ${version} — 工作機械・産業用ロボットの供給確保計画を経済産業省の取組方針に照らして確認します

使い方:
  supply-plan evaluate ファイル|- [--format json|table] [--lang ja|en]
  supply-plan rules [--format json|table] [--lang ja|en]
  supply-plan schema
  supply-plan template|check|export ...   ワークブック（.xlsx）のコマンド
  supply-plan --help | --version

コマンド:
  evaluate   計画ファイル（supply-plan/2 形式の JSON。supply-plan/1 も読めます）を評価します。「-」で標準入力から読みます
  rules      確認に使う対象品目・目標倍率の表・期間を表示します
  schema     計画ファイル形式の JSON Schema を出力します

オプション:
  --format json|table   出力形式（既定: json）
  --lang ja|en          メッセージと表の言語（既定: ja。環境変数 LC_ALL / LC_MESSAGES / LANG が
                        "en" で始まるときは en）
  -h, --help            このヘルプを表示します
  -V, --version         バージョンを表示します

終了コード: 0 提出案にエラーなし / 1 提出案（または計画全体）にエラーの指摘あり / 2 入力または使い方の誤り / 3 内部エラー
`,
  unknownCommand: (c) => `不明なコマンドです: ${c}`,
  unknownOption: (o) => `不明なオプションです: ${o}`,
  missingValue: (o) => `${o} に値がありません`,
  badValue: (o, v, allowed) => `${o} の値 "${v}" は使えません（${allowed.join(' / ')} のいずれか）`,
  missingFile: '計画ファイルを指定してください（標準入力なら -）',
  tooManyArguments: (x) => `余分な引数があります: ${x}`,
  cannotRead: (f, r) => `${f} を読めません: ${r}`,
  badInput: (f, n) => `${f} は計画ファイル（supply-plan/2、または supply-plan/1）として正しくありません（${n}件）:`,
  moreProblems: (n) => `…ほか ${n.toLocaleString('ja-JP')} 件`,
  internalError: (m) => `内部エラー: ${m}`,
  debugHint: '（詳細は環境変数 SUPPLY_PLAN_DEBUG=1 を付けて再実行してください）',

  verdict: { eligible: GLOSSARY.eligible.ja, attention: GLOSSARY.attention.ja, ineligible: GLOSSARY.ineligible.ja },
  severity: { error: 'エラー', warning: '警告', info: '情報' },
  activityKind: { capacity: '国内生産能力強化', rnd: '研究開発' },
  overall: `${GLOSSARY.selfCheck.ja}（${GLOSSARY.submissionScenario.ja}）`,
  applicant: '申請者',
  activity: '取組',
  activityMissing: '取組の種類と期間がありません',
  period: ({ start, end, fullYears }) => `${start}〜${end}（満${fullYears}年）`,
  periodRule: ({ kind, years, boundary, ok }) =>
    kind === 'capacity'
      ? `${ok ? '✔' : '✖'} ${years}年以上（${boundary}まで必要）`
      : `${ok ? '✔' : '✖'} ${years}年以内（${boundary}までに終了）`,
  scenario: (name) => `シナリオ「${scenarioName(name, 'ja')}」`,
  submission: `★ ${GLOSSARY.submissionScenario.ja}`,
  group: ({ lines }) => `${GLOSSARY.targetGroup.ja}（${lines}行の合計）`,
  site: GLOSSARY.site.ja,
  notEligible: '対象外の品目',
  baseline: ({ year, value, unit }) => `${year}年 ${value}${unit}`,
  rowYear: '年',
  rowCapacity: '見込み',
  rowMultiplier: '必要倍率',
  rowRequired: '必要量',
  rowRatio: (y) => `${y}年比`,
  rowShortfall: '不足',
  rowStatus: '判定',
  legend: '✔ 達成  ✖ 不足  - 参考（目標時点ではない年）',
  findings: (c) => `指摘（エラー ${c.error}件、警告 ${c.warning}件、情報 ${c.info}件）`,
  noFindings: '指摘はありません',

  rulesTitle: '確認に使うルール',
  rulesItems: '対象品目（基幹的な部素材）',
  rulesItemId: 'ID',
  rulesItemJa: '品目',
  rulesItemEn: '英語名',
  rulesItemNote: '備考',
  rulesMultipliers: (y) => `使途別の国内生産能力強化の目標（${y}年比の倍率）`,
  rulesUse: '使途',
  rulesFirstColumn: (y) => `${y}年以前`,
  rulesTargetPoints: ({ firstColumnYear, lastTargetYear }) =>
    `目標時点は申請者が${lastTargetYear}年までの各時点から指定します（指定がなければ${firstColumnYear}〜${lastTargetYear}年の見込みがある各年）。${firstColumnYear}年以前の時点は「${firstColumnYear}年以前」の列を使います。`,
  rulesPeriods: '取組の期間',
  rulesPeriod: ({ kind, years }) =>
    kind === 'capacity' ? `国内生産能力強化: 開始から${years}年以上` : `研究開発: 開始から${years}年以内（定量的な目標と、その後の国内生産能力強化の明示が必要）`,
  rulesOverseas: ({ growthAbovePercent, localAtLeastPercent }) =>
    `海外展開: コア技術を用いる品目の海外拠点の新設、または能力の${growthAbovePercent}%を超える増強は行為(ⅴ)（その拠点の生産の${localAtLeastPercent}%以上を現地で消費する場合を除く）`,
  rulesChecklist: '確認事項（申請者が確認し、根拠を記載）',
  rulesJointOnly: '（複数事業者による申請のみ）',
  rulesSource: ({ title, revised }) => `出典: ${title}（${revised}）`,
};

const en: CliTexts = {
  usage: ({ name, version }) => `${name} ${version} — checks a supply assurance plan (供給確保計画) for machine tools and industrial
robots against METI's policy

Usage:
  supply-plan evaluate FILE|- [--format json|table] [--lang ja|en]
  supply-plan rules [--format json|table] [--lang ja|en]
  supply-plan schema
  supply-plan template|check|export ...   workbook (.xlsx) commands
  supply-plan --help | --version

Commands:
  evaluate   evaluate a plan file (supply-plan/2 JSON; supply-plan/1 is read too); "-" reads standard input
  rules      the eligible items, the multiplier table and the periods the checker applies
  schema     print the JSON Schema of the plan file format

Options:
  --format json|table   output format (default: json)
  --lang ja|en          language of messages and tables (default: ja; en when LC_ALL, LC_MESSAGES or LANG
                        starts with "en")
  -h, --help            show this help
  -V, --version         show the version

Exit codes: 0 no error in the submission scenario, 1 an error finding there (or in the plan as a whole), 2 bad input or usage, 3 internal error
`,
  unknownCommand: (c) => `unknown command: ${c}`,
  unknownOption: (o) => `unknown option: ${o}`,
  missingValue: (o) => `${o} needs a value`,
  badValue: (o, v, allowed) => `${o} "${v}" is not one of ${allowed.join(', ')}`,
  missingFile: 'name a plan file (or - for standard input)',
  tooManyArguments: (x) => `unexpected argument: ${x}`,
  cannotRead: (f, r) => `cannot read ${f}: ${r}`,
  badInput: (f, n) => `${f} is not a valid plan file (supply-plan/2, or supply-plan/1) (${n} ${n === 1 ? 'problem' : 'problems'}):`,
  moreProblems: (n) => `… and ${n.toLocaleString('en-US')} more`,
  internalError: (m) => `internal error: ${m}`,
  debugHint: '(run again with SUPPLY_PLAN_DEBUG=1 for details)',

  verdict: { eligible: GLOSSARY.eligible.en, attention: GLOSSARY.attention.en, ineligible: GLOSSARY.ineligible.en },
  severity: { error: 'error', warning: 'warning', info: 'info' },
  activityKind: { capacity: 'domestic capacity strengthening', rnd: 'R&D' },
  overall: 'Self-check result (submission scenario)',
  applicant: 'Applicant',
  activity: 'Activity',
  activityMissing: 'no activity kind and period',
  period: ({ start, end, fullYears }) => `${start} to ${end} (${fullYears} full ${fullYears === 1 ? 'year' : 'years'})`,
  periodRule: ({ kind, years, boundary, ok }) =>
    kind === 'capacity'
      ? `${ok ? '✔' : '✖'} ${years} years or more (ending ${boundary} or later)`
      : `${ok ? '✔' : '✖'} within ${years} years (ending by ${boundary})`,
  scenario: (name) => `Scenario "${scenarioName(name, 'en')}"`,
  submission: '★ submission',
  group: ({ lines }) => `${GLOSSARY.targetGroup.en} (sum of ${lines} lines)`,
  site: GLOSSARY.site.en,
  notEligible: 'not an eligible item',
  baseline: ({ year, value, unit }) => `${year}: ${value}${unit ? ` ${unit}` : ''}`,
  rowYear: 'year',
  rowCapacity: 'forecast',
  rowMultiplier: 'required x',
  rowRequired: 'required',
  rowRatio: (y) => `vs ${y}`,
  rowShortfall: 'shortfall',
  rowStatus: 'status',
  legend: '✔ met  ✖ short  - informational (not a target point)',
  findings: (c) => `Findings (${c.error} ${c.error === 1 ? 'error' : 'errors'}, ${c.warning} ${c.warning === 1 ? 'warning' : 'warnings'}, ${c.info} info)`,
  noFindings: 'No findings',

  rulesTitle: 'Rules the checker applies',
  rulesItems: 'Eligible items (key components)',
  rulesItemId: 'id',
  rulesItemJa: 'Japanese',
  rulesItemEn: 'English',
  rulesItemNote: 'note',
  rulesMultipliers: (y) => `Domestic capacity targets by use (multiple of ${y} capacity)`,
  rulesUse: 'use',
  rulesFirstColumn: (y) => `<=${y}`,
  rulesTargetPoints: ({ firstColumnYear, lastTargetYear }) =>
    `The applicant names target points up to ${lastTargetYear} (by default every forecast year from ${firstColumnYear} to ${lastTargetYear}). A point up to ${firstColumnYear} uses the "<=${firstColumnYear}" column.`,
  rulesPeriods: 'Activity periods',
  rulesPeriod: ({ kind, years }) =>
    kind === 'capacity'
      ? `capacity strengthening: ${years} years or more from its start`
      : `R&D: within ${years} years of its start (with quantitative targets and a stated capacity-strengthening follow-on)`,
  rulesOverseas: ({ growthAbovePercent, localAtLeastPercent }) =>
    `Overseas: building a base for an item using core technology, or growing its capacity by more than ${growthAbovePercent}%, is act (v) — unless ${localAtLeastPercent}% or more of the base's output is consumed in that country`,
  rulesChecklist: 'Checklist (confirmed by the applicant, with evidence)',
  rulesJointOnly: ' (joint applications only)',
  rulesSource: ({ title, revised }) => `Source: ${title} (revised ${revised})`,
};

export const CLI_TEXTS: Readonly<Record<Lang, CliTexts>> = { ja, en };

export function cliText(lang: Lang): CliTexts {
  return CLI_TEXTS[lang];
}
