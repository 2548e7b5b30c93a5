/**
 * One glossary for Japanese and English, decided once and used by the task pane, the sheets, the CLI and the
 * messages. Each term names the words it replaces (`notJa` / `notEn`): test/i18n/glossary.test.ts keeps them out of
 * every text table, so the pane and the sheets never call one thing by two names.
 */
export interface Term {
  ja: string;
  en: string;
  /** Words for the same thing that must not be used in Japanese texts. */
  notJa?: readonly string[];
  notEn?: readonly string[];
}

export const GLOSSARY = {
  /** Running the rules over the plan (the pane's button, the CLI's evaluate and check). */
  evaluate: { ja: '評価', en: 'evaluate', notJa: ['チェックする', 'チェック実行'] },
  /** One thing the evaluation says about the plan. 根拠 is not used for it. */
  finding: { ja: '指摘', en: 'finding', notJa: ['指摘事項', '所見'] },
  /** The section of the policy a finding cites. */
  policySection: { ja: '該当箇所', en: 'policy section', notJa: ['根拠条項'] },
  /** Where the applicant's application shows a requirement (the checklist's note). */
  evidence: { ja: '記載箇所', en: 'where shown', notJa: ['根拠資料'] },
  summary: { ja: 'サマリー', en: 'summary', notJa: ['まとめ'] },
  yearBasis: { ja: '年の区分', en: 'year basis', notJa: ['年の区切り'] },
  /** The self-check wording: the tool does not certify, METI does. */
  selfCheck: { ja: '自己点検結果', en: 'self-check result', notJa: ['判定結果'] },
  eligible: { ja: '要件を満たす', en: 'requirements met', notJa: ['適合'] },
  attention: { ja: '要確認', en: 'needs attention' },
  ineligible: { ja: '未充足の項目あり', en: 'requirements not yet met', notJa: ['不適合', '要件を満たしていません'] },
  submissionScenario: { ja: '提出案', en: 'submission scenario' },
  scenario: { ja: 'シナリオ', en: 'scenario' },
  baseScenario: { ja: '基本ケース', en: 'base case' },
  targetGroup: { ja: '目標グループ', en: 'target group' },
  site: { ja: '拠点・ライン', en: 'site' },
  forecast: { ja: '見込み', en: 'forecast' },
  baseline: { ja: '2021年の基準', en: '2021 baseline' },
  met: { ja: '達成', en: 'met' },
  short: { ja: '不足', en: 'short' },
  activity: { ja: '取組', en: 'activity' },
  coreTechnology: { ja: 'コア技術', en: 'core technology' },
  transferAct: { ja: '技術移転等の行為', en: 'transfer act' },
  checklist: { ja: 'チェックリスト', en: 'checklist' },
} as const satisfies Record<string, Term>;

export type TermId = keyof typeof GLOSSARY;

/** A term in a language. */
export function term(id: TermId, lang: 'ja' | 'en'): string {
  return GLOSSARY[id][lang];
}

/** The default scenario's id in plan files. */
export const BASE_SCENARIO = 'base';

/** A scenario's name as people read it: the default one is 基本ケース / base case, others as typed. */
export function scenarioName(name: string, lang: 'ja' | 'en'): string {
  return name === BASE_SCENARIO ? GLOSSARY.baseScenario[lang] : name;
}
