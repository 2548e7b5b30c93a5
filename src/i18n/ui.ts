/**
 * Every text the task pane shows, in Japanese and English. Components pick `uiText(lang)` and never write a
 * sentence themselves, so both languages stay complete and a reviewer reads the wording in one place.
 */
import type { Lang } from './format';

export type HostErrorKind = 'cell-edit-mode' | 'protected' | 'permission' | 'too-large' | 'unsupported' | 'other';
/** What a failed pane action can be about: the host refused, or the workbook has no plan sheets (any more). */
export type PaneErrorKind = HostErrorKind | 'no-plan';

export interface UiText {
  productName: string;
  tagline: string;
  languageGroup: string;
  tabsLabel: string;
  tabs: { start: string; plan: string; checklist: string; evaluate: string; export: string };
  busy: string;
  dismiss: string;
  outsideExcel: { title: string; body: string };
  /** Inside an Excel that lacks an API the pane needs (see src/workbook/office/requirements.ts). */
  unsupportedExcel: { title: string; body: (product: string, apiSet: string) => string };

  start: {
    heading: string;
    reading: string;
    noPlan: string;
    create: string;
    creating: string;
    created: string;
    found: string;
    lines: (n: number) => string;
    scenarios: (names: string[]) => string;
    noScenarios: string;
    applicant: (name: string) => string;
    workbookLang: (lang: Lang) => string;
    inputProblems: (n: number) => string;
    reload: string;
    toPlan: string;
    next: string;
  };

  plan: {
    needPlan: string;
    headerHeading: string;
    activityKind: string;
    kindCapacity: string;
    kindRnd: string;
    start: string;
    end: string;
    dateHint: string;
    applicantName: string;
    joint: string;
    yearBasis: string;
    calendar: string;
    fiscal: string;
    quantitativeTargets: string;
    quantitativeTargetsHint: string;
    followOn: string;
    regionalContribution: string;
    regionalContributionHint: string;
    jobsCreated: string;
    saveHeader: string;
    headerSaved: string;
    lineHeading: string;
    scenario: string;
    scenarioHint: string;
    item: string;
    use: string;
    choose: string;
    baseline: string;
    unit: string;
    unitPlaceholder: string;
    forecasts: string;
    forecastsHint: string;
    forecastYear: (year: number) => string;
    targets: string;
    targetsHint: string;
    targetYear: (year: number) => string;
    addLine: string;
    lineAdded: (scenario: string) => string;
    fixFields: string;
  };

  validation: {
    required: string;
    chooseItem: string;
    chooseUse: string;
    notANumber: string;
    /** The same, short enough for a cell of the forecast grid. */
    forecastNotANumber: string;
    baselinePositive: string;
    forecastNonNegative: string;
    badDate: string;
    endBeforeStart: string;
  };

  evaluate: {
    heading: string;
    intro: string;
    run: string;
    running: string;
    progressLabel: string;
    stages: { reading: string; evaluating: string; writing: string };
    resultHeading: string;
    overall: string;
    scenario: (name: string) => string;
    verdicts: { eligible: string; attention: string; ineligible: string };
    findingsHeading: string;
    noFindings: string;
    groups: { error: (n: number) => string; warning: (n: number) => string; info: (n: number) => string };
    section: string;
    cell: string;
    goToCell: (where: string) => string;
    noCell: string;
    showAll: (n: number) => string;
    evaluatedLines: (n: number) => string;
    /** Said when the results shown come from an evaluation after an edit in the workbook, not from the button. */
    updatedElsewhere: (verdict: string, findings: number) => string;
  };

  checklist: {
    heading: string;
    intro: string;
    confirmed: string;
    evidence: string;
    evidencePlaceholder: string;
    jointOnlyNote: string;
    save: string;
    saved: string;
    progress: (done: number, total: number) => string;
  };

  exportSummary: {
    heading: string;
    intro: string;
    run: string;
    done: string;
  };

  errors: {
    host: Record<HostErrorKind, string>;
    noPlan: string;
    unexpected: (detail: string) => string;
  };
}

const ja: UiText = {
  productName: '供給確保計画チェッカー',
  tagline: '工作機械・産業用ロボットの部素材の供給確保計画を取組方針に照らして確認します',
  languageGroup: '表示言語',
  tabsLabel: '作業',
  tabs: { start: '開始', plan: '計画', checklist: 'チェックリスト', evaluate: '評価', export: 'まとめ' },
  busy: '処理中…',
  dismiss: '閉じる',
  outsideExcel: {
    title: 'Excel の中で開いてください',
    body: 'この作業ウィンドウは Excel のアドインとして動きます。Excel の［ホーム］>［アドイン］から開いてください。',
  },
  unsupportedExcel: {
    title: 'この Excel では使えません',
    body: (product, apiSet) =>
      `このアドインには ${product}（Excel JavaScript API ${apiSet} 以上）が必要です。この Excel はそれに対応していないため、ブックには何も書き込みません。Excel を更新するか、Excel on the web でお使いください。`,
  },

  start: {
    heading: 'ブック',
    reading: 'ブックを読み込んでいます…',
    noPlan: 'このブックにはまだ計画のシートがありません。',
    create: '計画シートを作成',
    creating: '作成しています…',
    created: '計画シートを作成しました。［計画］で行を追加してください。',
    found: 'このブックの計画を読み込みました。',
    lines: (n) => `品目の行：${n}行`,
    scenarios: (names) => `シナリオ：${names.join('、')}`,
    noScenarios: 'シナリオ：まだありません',
    applicant: (name) => `申請者：${name || '（未入力）'}`,
    workbookLang: (lang) => `シートの言語：${lang === 'ja' ? '日本語' : '英語'}`,
    inputProblems: (n) => `⚠ 読み取れなかったセル：${n}件（［評価］で場所を確認できます）`,
    reload: 'ブックから再読み込み',
    toPlan: '計画を入力',
    next: 'シートに直接入力しても構いません。各コマンドの前にブックを読み直します。',
  },

  plan: {
    needPlan: '先に［開始］で計画シートを作成してください。',
    headerHeading: '取組と申請者',
    activityKind: '取組の種類',
    kindCapacity: '国内生産能力強化',
    kindRnd: '研究開発',
    start: '開始日',
    end: '終了日',
    dateHint: '例：2024-04-01',
    applicantName: '申請者名',
    joint: '複数事業者による共同申請',
    yearBasis: '年の区切り',
    calendar: '暦年（1月〜12月）',
    fiscal: '年度（4月〜翌3月）',
    quantitativeTargets: '定量的な目標（性能・コスト等）',
    quantitativeTargetsHint: '1行に1つ',
    followOn: '研究開発の後に、目標を満たす国内生産能力強化の取組を予定している',
    regionalContribution: '地域経済への貢献（第3章第8節）',
    regionalContributionHint: '計画に記録します（要件の判定には使いません）',
    jobsCreated: '雇用創出数（人）',
    saveHeader: '取組と申請者を保存',
    headerSaved: '取組と申請者をブックに保存しました。',
    lineHeading: '品目の行を追加',
    scenario: 'シナリオ',
    scenarioHint: '既存のシナリオを選ぶか、新しい名前を入力',
    item: '品目',
    use: '使途',
    choose: '選択してください',
    baseline: '2021年の国内生産能力',
    unit: '単位',
    unitPlaceholder: '台/年',
    forecasts: '生産能力の見込み（年ごと）',
    forecastsHint: '空欄の年は見込みなし。全角数字・桁区切りも可',
    forecastYear: (year) => `${year}年の見込み`,
    targets: '目標時点（任意）',
    targetsHint: '指定しない場合は2025〜2030年の見込みがある年すべて',
    targetYear: (year) => `${year}年`,
    addLine: '行を追加',
    lineAdded: (scenario) => `シナリオ「${scenario}」に行を追加しました。`,
    fixFields: '入力内容を確認してください（赤字の項目）。',
  },

  validation: {
    required: '入力してください',
    chooseItem: '品目を選んでください',
    chooseUse: '使途を選んでください',
    notANumber: '数値を入力してください（例：1200、１，２００）',
    forecastNotANumber: '数値を入力してください',
    baselinePositive: '0より大きい数値を入力してください',
    forecastNonNegative: '0以上で入力してください',
    badDate: '日付を YYYY-MM-DD で入力してください',
    endBeforeStart: '終了日が開始日より前です',
  },

  evaluate: {
    heading: '評価',
    intro: '計画を取組方針の要件に照らして評価し、結果をブックに書き込みます。',
    run: '評価する',
    running: '評価しています…',
    progressLabel: '評価の進み具合',
    stages: { reading: 'ブックを読んでいます', evaluating: '要件を確認しています', writing: '結果を書き込んでいます' },
    resultHeading: '評価結果',
    overall: '全体',
    scenario: (name) => `シナリオ「${name}」`,
    verdicts: { eligible: '✔ 要件を満たしています', attention: '⚠ 要確認', ineligible: '✖ 要件を満たしていません' },
    findingsHeading: '指摘事項',
    noFindings: '指摘事項はありません。',
    groups: {
      error: (n) => `✖ エラー（${n}件）`,
      warning: (n) => `⚠ 警告（${n}件）`,
      info: (n) => `ℹ 情報（${n}件）`,
    },
    section: '根拠',
    cell: 'セル',
    goToCell: (where) => `セル ${where} へ移動`,
    noCell: 'セルの位置なし',
    showAll: (n) => `すべて表示（${n}件）`,
    evaluatedLines: (n) => `評価した行：${n}行`,
    updatedElsewhere: (verdict, n) => `ブックの変更を受けて評価し直しました。全体：${verdict}、指摘事項：${n}件`,
  },

  checklist: {
    heading: '確認事項',
    intro: '各要件を申請書で満たしていることを確認し、根拠（申請書の記載箇所）を記入してください。',
    confirmed: '確認済み',
    evidence: '根拠',
    evidencePlaceholder: '例：申請書 3.1',
    jointOnlyNote: '（共同申請のみ）',
    save: 'チェックリストを保存',
    saved: 'チェックリストをブックに保存しました。',
    progress: (done, total) => `確認済み ${done} / ${total}`,
  },

  exportSummary: {
    heading: 'まとめシート',
    intro: '評価結果を提出前の確認用のまとめシートに書き出します（A4 横で印刷できます）。',
    run: 'まとめを書き出す',
    done: 'まとめシートを書き出しました。',
  },

  errors: {
    host: {
      'cell-edit-mode': 'Excel がセルの編集中です。Enter キーまたは Esc キーでセルの編集を終えてから、もう一度お試しください。',
      protected: 'シートが保護されているため書き込めません。［校閲］>［シート保護の解除］で保護を解除してから、もう一度お試しください。',
      permission: 'このブックを変更する権限がありません。編集できるコピーを開くか、所有者に編集権限を依頼してください。',
      'too-large': 'Excel への一度の要求が大きすぎました。計画の行を分けるか、不要な行を削除してから、もう一度お試しください。',
      unsupported: 'この Excel には、この操作に必要な機能がありません。Microsoft 365 の Excel、または Excel 2021 以降でお使いください。',
      other: 'Excel が要求を完了できませんでした。もう一度お試しください。続く場合はアドインを開き直してください。',
    },
    noPlan: 'このブックに計画シートが見つかりません。［開始］で「ブックから再読み込み」し、必要なら計画シートを作成してください。',
    unexpected: (detail) => `処理できませんでした：${detail}`,
  },
};

const en: UiText = {
  productName: 'Supply Plan Checker',
  tagline: 'Checks supply assurance plans for machine-tool and robot components against METI’s policy',
  languageGroup: 'Display language',
  tabsLabel: 'Tasks',
  tabs: { start: 'Start', plan: 'Plan', checklist: 'Checklist', evaluate: 'Evaluate', export: 'Summary' },
  busy: 'Working…',
  dismiss: 'Dismiss',
  outsideExcel: {
    title: 'Open this in Excel',
    body: 'This task pane runs as an Excel add-in. Open it from Home > Add-ins in Excel.',
  },
  unsupportedExcel: {
    title: 'This Excel cannot run the checker',
    body: (product, apiSet) =>
      `The add-in needs ${product} (Excel JavaScript API ${apiSet} or later). This Excel does not have it, so nothing is written to the workbook. Update Excel, or use Excel on the web.`,
  },

  start: {
    heading: 'Workbook',
    reading: 'Reading the workbook…',
    noPlan: 'This workbook has no plan sheets yet.',
    create: 'Create plan sheets',
    creating: 'Creating…',
    created: 'The plan sheets are ready. Add lines on the Plan tab.',
    found: 'Read the plan in this workbook.',
    lines: (n) => `Item lines: ${n}`,
    scenarios: (names) => `Scenarios: ${names.join(', ')}`,
    noScenarios: 'Scenarios: none yet',
    applicant: (name) => `Applicant: ${name || '(not entered)'}`,
    workbookLang: (lang) => `Sheet language: ${lang === 'ja' ? 'Japanese' : 'English'}`,
    inputProblems: (n) => `⚠ Cells that could not be read: ${n} (see where on the Evaluate tab)`,
    reload: 'Reload from workbook',
    toPlan: 'Enter the plan',
    next: 'You may also type into the sheets directly: every command reads the workbook again first.',
  },

  plan: {
    needPlan: 'Create the plan sheets on the Start tab first.',
    headerHeading: 'Activity and applicant',
    activityKind: 'Kind of activity',
    kindCapacity: 'Domestic capacity strengthening',
    kindRnd: 'Research and development',
    start: 'Start date',
    end: 'End date',
    dateHint: 'e.g. 2024-04-01',
    applicantName: 'Applicant name',
    joint: 'Joint application by several firms',
    yearBasis: 'Years are',
    calendar: 'Calendar years (Jan–Dec)',
    fiscal: 'Fiscal years (Apr–Mar)',
    quantitativeTargets: 'Quantitative targets (performance, cost, etc.)',
    quantitativeTargetsHint: 'One per line',
    followOn: 'A capacity-strengthening activity meeting the targets follows the R&D',
    regionalContribution: 'Contribution to the regional economy (Ch. 3 Sec. 8)',
    regionalContributionHint: 'Recorded with the plan; not part of the verdict',
    jobsCreated: 'Jobs created',
    saveHeader: 'Save activity and applicant',
    headerSaved: 'Activity and applicant saved to the workbook.',
    lineHeading: 'Add an item line',
    scenario: 'Scenario',
    scenarioHint: 'Pick a scenario or type a new name',
    item: 'Item',
    use: 'Use',
    choose: 'Choose…',
    baseline: '2021 domestic capacity',
    unit: 'Unit',
    unitPlaceholder: 'units/yr',
    forecasts: 'Capacity forecast by year',
    forecastsHint: 'Leave a year blank for no forecast. Full-width digits and separators are fine',
    forecastYear: (year) => `Forecast ${year}`,
    targets: 'Target points (optional)',
    targetsHint: 'If none are ticked: every year 2025–2030 with a forecast',
    targetYear: (year) => `${year}`,
    addLine: 'Add line',
    lineAdded: (scenario) => `Line added to scenario "${scenario}".`,
    fixFields: 'Please check the fields marked in red.',
  },

  validation: {
    required: 'Enter a value',
    chooseItem: 'Choose an item',
    chooseUse: 'Choose a use',
    notANumber: 'Enter a number (e.g. 1200 or 1,200)',
    forecastNotANumber: 'Enter a number',
    baselinePositive: 'Enter a number greater than 0',
    forecastNonNegative: 'Enter 0 or more',
    badDate: 'Enter a date as YYYY-MM-DD',
    endBeforeStart: 'The end date is before the start date',
  },

  evaluate: {
    heading: 'Evaluate',
    intro: 'Checks the plan against the policy’s requirements and writes the results into the workbook.',
    run: 'Evaluate',
    running: 'Evaluating…',
    progressLabel: 'Evaluation progress',
    stages: { reading: 'Reading the workbook', evaluating: 'Checking the requirements', writing: 'Writing the results' },
    resultHeading: 'Result',
    overall: 'Overall',
    scenario: (name) => `Scenario "${name}"`,
    verdicts: { eligible: '✔ Eligible', attention: '⚠ Needs attention', ineligible: '✖ Ineligible' },
    findingsHeading: 'Findings',
    noFindings: 'No findings.',
    groups: {
      error: (n) => `✖ Errors (${n})`,
      warning: (n) => `⚠ Warnings (${n})`,
      info: (n) => `ℹ Information (${n})`,
    },
    section: 'Source',
    cell: 'Cell',
    goToCell: (where) => `Go to cell ${where}`,
    noCell: 'No cell',
    showAll: (n) => `Show all (${n})`,
    evaluatedLines: (n) => `Lines evaluated: ${n}`,
    updatedElsewhere: (verdict, n) => `Evaluated again after the workbook changed. Overall: ${verdict}; findings: ${n}`,
  },

  checklist: {
    heading: 'Requirements checklist',
    intro: 'Confirm each requirement is covered by the application and note where it is shown.',
    confirmed: 'Confirmed',
    evidence: 'Evidence',
    evidencePlaceholder: 'e.g. application 3.1',
    jointOnlyNote: ' (joint applications only)',
    save: 'Save checklist',
    saved: 'Checklist saved to the workbook.',
    progress: (done, total) => `Confirmed ${done} of ${total}`,
  },

  exportSummary: {
    heading: 'Summary sheet',
    intro: 'Writes the evaluation to a summary sheet for review before you apply (prints on A4 landscape).',
    run: 'Export summary',
    done: 'The summary sheet has been written.',
  },

  errors: {
    host: {
      'cell-edit-mode': 'Excel is editing a cell. Press Enter or Esc to leave the cell, then try again.',
      protected: 'The sheet is protected, so nothing can be written. Unprotect the sheet (Review > Unprotect Sheet), then try again.',
      permission: 'You do not have permission to change this workbook. Open a copy you can edit, or ask the owner for edit access.',
      'too-large': 'The request to Excel was too large. Split the plan’s lines or remove unused rows, then try again.',
      unsupported: 'This Excel lacks a feature this needs. Use Excel for Microsoft 365, or Excel 2021 or later.',
      other: 'Excel could not complete the request. Try again; if it keeps failing, close and reopen the add-in.',
    },
    noPlan: 'The plan sheets are not in this workbook. On the Start tab, reload from the workbook and create the plan sheets if needed.',
    unexpected: (detail) => `Something went wrong: ${detail}`,
  },
};

const TEXTS: Record<Lang, UiText> = { ja, en };

export function uiText(lang: Lang): UiText {
  return TEXTS[lang];
}

/** The plain message for a failed pane action, in the pane's language. */
export function paneErrorText(kind: PaneErrorKind, lang: Lang): string {
  const errors = TEXTS[lang].errors;
  return kind === 'no-plan' ? errors.noPlan : errors.host[kind];
}
