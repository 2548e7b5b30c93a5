/**
 * The preview page's own words (its header, toolbar, sheet view and status bar), in Japanese and English. The task
 * pane's texts live in src/i18n/ui.ts; these belong to the page that stands in for Excel around it.
 */
import type { Lang } from '../i18n/format';

export interface PreviewText {
  title: string;
  badge: string;
  subtitle: string;
  toolbarLabel: string;
  newWorkbook: string;
  newWorkbookHint: string;
  sample: string;
  sampleHint: string;
  open: string;
  openHint: string;
  download: string;
  downloadHint: string;
  language: string;
  sheetsLabel: string;
  gridLabel: (sheet: string) => string;
  nameBox: string;
  formulaBar: string;
  corner: string;
  highlighted: string;
  readOnly: string;
  formula: string;
  blank: string;
  cellLabel: (address: string, text: string, notes: string[]) => string;
  editorLabel: (address: string) => string;
  choices: string;
  readOnlyCell: (address: string) => string;
  paneLabel: string;
  workbookLabel: string;
  status: {
    ready: string;
    /** While the workbook (and ExcelJS) loads; commands given meanwhile run once it is there. */
    loading: string;
    editing: (address: string) => string;
    saved: (address: string) => string;
    undone: string;
    nothingToUndo: string;
    evaluating: string;
    evaluated: (time: string) => string;
    evaluateFailed: (message: string) => string;
    opened: (name: string) => string;
    openFailed: (message: string) => string;
    downloaded: (name: string) => string;
    truncated: string;
    noSheets: string;
  };
  keysHint: string;
  blankSheet: string;
}

const ja: PreviewText = {
  title: '供給確保計画チェッカー',
  badge: 'プレビュー',
  subtitle: 'Excel なしで作業ウィンドウを試せます（ブックはこのブラウザーの中だけにあります）',
  toolbarLabel: 'ブックの操作',
  newWorkbook: '新規',
  newWorkbookHint: '空のブックで始める',
  sample: 'サンプル',
  sampleHint: 'サンプルの計画を開く',
  open: '.xlsx を開く',
  openHint: 'お手元の .xlsx ブックを開く（ファイルは送信されません）',
  download: 'ダウンロード',
  downloadHint: 'このブックを .xlsx でダウンロード',
  language: '表示言語',
  sheetsLabel: 'シート',
  gridLabel: (sheet) => `シート「${sheet}」`,
  nameBox: '名前ボックス（選択中のセル）',
  formulaBar: '数式バー',
  corner: 'すべて',
  highlighted: '強調表示',
  readOnly: '読み取り専用',
  formula: '数式',
  blank: '空白',
  cellLabel: (address, text, notes) => [address, text || '空白', ...notes].join('、'),
  editorLabel: (address) => `セル ${address} を編集`,
  choices: '候補',
  readOnlyCell: (address) => `セル ${address} は数式または保護されたセルのため編集できません`,
  paneLabel: '作業ウィンドウ',
  workbookLabel: 'ブック',
  status: {
    ready: '準備完了',
    loading: 'ブックを読み込んでいます…',
    editing: (address) => `編集中：${address}（Enter で確定、Esc で取り消し）`,
    saved: (address) => `${address} を更新しました`,
    undone: '直前の編集を元に戻しました',
    nothingToUndo: '元に戻す編集はありません',
    evaluating: '再評価しています…',
    evaluated: (time) => `再評価しました（${time}）`,
    evaluateFailed: (message) => `再評価できませんでした：${message}`,
    opened: (name) => `${name} を開きました`,
    openFailed: (message) => `開けませんでした：${message}`,
    downloaded: (name) => `${name} をダウンロードしました`,
    truncated: 'シートが大きいため、先頭の部分だけを表示しています',
    noSheets: 'このブックには表示できるシートがありません',
  },
  keysHint: '矢印キー・Tab で移動、入力で編集開始（F2・ダブルクリックも）、Enter で確定、Esc で取り消し、Ctrl+V で貼り付け、Ctrl+Z で元に戻す、F6 でシート見出しへ',
  blankSheet: 'Sheet1',
};

const en: PreviewText = {
  title: 'Supply Plan Checker',
  badge: 'Preview',
  subtitle: 'Try the task pane without Excel (the workbook stays in this browser)',
  toolbarLabel: 'Workbook',
  newWorkbook: 'New',
  newWorkbookHint: 'Start from an empty workbook',
  sample: 'Sample',
  sampleHint: 'Open the sample plan',
  open: 'Open .xlsx',
  openHint: 'Open an .xlsx workbook from your computer (it is not uploaded)',
  download: 'Download',
  downloadHint: 'Download this workbook as .xlsx',
  language: 'Display language',
  sheetsLabel: 'Sheets',
  gridLabel: (sheet) => `Sheet "${sheet}"`,
  nameBox: 'Name box (selected cell)',
  formulaBar: 'Formula bar',
  corner: 'All',
  highlighted: 'highlighted',
  readOnly: 'read-only',
  formula: 'formula',
  blank: 'blank',
  cellLabel: (address, text, notes) => [address, text || 'blank', ...notes].join(', '),
  editorLabel: (address) => `Edit cell ${address}`,
  choices: 'Choices',
  readOnlyCell: (address) => `Cell ${address} holds a formula or is protected and cannot be edited`,
  paneLabel: 'Task pane',
  workbookLabel: 'Workbook',
  status: {
    ready: 'Ready',
    loading: 'Loading the workbook…',
    editing: (address) => `Editing ${address} (Enter to confirm, Esc to cancel)`,
    saved: (address) => `Updated ${address}`,
    undone: 'Undid the last edit',
    nothingToUndo: 'Nothing to undo',
    evaluating: 'Re-evaluating…',
    evaluated: (time) => `Re-evaluated (${time})`,
    evaluateFailed: (message) => `Could not re-evaluate: ${message}`,
    opened: (name) => `Opened ${name}`,
    openFailed: (message) => `Could not open the file: ${message}`,
    downloaded: (name) => `Downloaded ${name}`,
    truncated: 'The sheet is large: only its first part is shown',
    noSheets: 'This workbook has no sheet to show',
  },
  keysHint: 'Arrows and Tab move; typing (or F2, double-click) edits; Enter confirms; Esc cancels; Ctrl+V pastes; Ctrl+Z undoes; F6 to the sheet tabs',
  blankSheet: 'Sheet1',
};

export function previewText(lang: Lang): PreviewText {
  return lang === 'ja' ? ja : en;
}
