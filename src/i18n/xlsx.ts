/**
 * Texts of the .xlsx reader and writer (src/workbook/xlsx): why a file cannot be opened, and which size limit a
 * workbook is over. Each comes in both languages so the CLI (--lang) and the preview show the one they speak; the
 * English text is also the error's `message` (what scripts and older callers match on: "not an .xlsx workbook: …").
 */
import type { Bilingual } from './format';

const mb = (bytes: number) => (bytes / (1024 * 1024)).toLocaleString('en-US', { maximumFractionDigits: 1 });
const n = (count: number) => count.toLocaleString('en-US');

export const xlsxText = {
  empty: (f: string): Bilingual => ({
    en: `not an .xlsx workbook: ${f} is empty`,
    ja: `.xlsx ブックではありません: ${f} は空のファイルです`,
  }),
  legacy: (f: string): Bilingual => ({
    en: `not an .xlsx workbook: ${f} is a legacy .xls file or a password-protected workbook; save it as an unprotected .xlsx`,
    ja: `.xlsx ブックではありません: ${f} は旧形式の .xls ファイルか、パスワードで保護されたブックです。保護を解除して .xlsx 形式で保存してください`,
  }),
  ods: (f: string): Bilingual => ({
    en: `not an .xlsx workbook: ${f} is an OpenDocument spreadsheet (.ods); save it as .xlsx (in LibreOffice: File › Save As › Excel 2007-365 (.xlsx))`,
    ja: `.xlsx ブックではありません: ${f} は OpenDocument 形式（.ods）の表計算ファイルです。.xlsx 形式で保存してください（LibreOffice では［ファイル］›［名前を付けて保存］›「Excel 2007-365 (.xlsx)」）`,
  }),
  xlsb: (f: string): Bilingual => ({
    en: `not an .xlsx workbook: ${f} is an Excel binary workbook (.xlsb); save it as .xlsx (File › Save As › Excel Workbook (*.xlsx))`,
    ja: `.xlsx ブックではありません: ${f} は Excel バイナリブック（.xlsb）です。.xlsx 形式で保存してください（［ファイル］›［名前を付けて保存］›「Excel ブック (*.xlsx)」）`,
  }),
  notZip: (f: string): Bilingual => ({
    en: `not an .xlsx workbook: ${f} is not a zip archive`,
    ja: `.xlsx ブックではありません: ${f} は zip 形式ではありません`,
  }),
  damaged: (f: string, why: Bilingual): Bilingual => ({
    en: `not an .xlsx workbook: ${f} could not be read (${why.en})`,
    ja: `.xlsx ブックではありません: ${f} を読み取れません（${why.ja}）`,
  }),
  why: {
    truncated: { en: 'the file is truncated or damaged: its zip directory is missing', ja: 'ファイルが途中で切れているか壊れています。zip の目次がありません' },
    badDirectory: { en: 'the file is truncated or damaged: its zip directory is inconsistent', ja: 'ファイルが途中で切れているか壊れています。zip の目次が不正です' },
    sizeMismatch: { en: 'the file is damaged: a part does not unpack to the size its zip directory gives', ja: 'ファイルが壊れています。zip の目次にある大きさと中身が合いません' },
    checksum: { en: 'the file is damaged: a part does not match its checksum', ja: 'ファイルが壊れています。チェックサムが一致しない部分があります' },
    badContent: { en: 'the file is damaged or was not written as an .xlsx workbook: its content is not what a workbook holds', ja: 'ファイルが壊れているか、.xlsx 形式で保存されたものではありません。ブックとして読めない内容があります' },
    badData: { en: 'the file is damaged: a part cannot be unpacked', ja: 'ファイルが壊れています。展開できない部分があります' },
    encrypted: { en: 'a part of the zip archive is encrypted', ja: 'zip の一部が暗号化されています' },
    compression: (method: number): Bilingual => ({ en: `unsupported zip compression method ${method}`, ja: `対応していない zip 圧縮方式（${method}）です` }),
    reader: (reason: string): Bilingual => ({ en: reason, ja: `読み取りエラー: ${reason}` }),
  },
  noWorksheets: (f: string): Bilingual => ({
    en: `not an .xlsx workbook: ${f} has no worksheets`,
    ja: `.xlsx ブックではありません: ${f} にワークシートがありません`,
  }),
  fileTooLarge: (f: string, size: number, limit: number): Bilingual => ({
    en: `${f} is too large: ${mb(size)} MB (the limit is ${mb(limit)} MB)`,
    ja: `${f} が大きすぎます: ${mb(size)} MB（上限は ${mb(limit)} MB です）`,
  }),
  tooManyParts: (f: string, count: number, limit: number): Bilingual => ({
    en: `${f} holds too many parts: ${n(count)} (the limit is ${n(limit)})`,
    ja: `${f} の構成部品が多すぎます: ${n(count)} 個（上限は ${n(limit)} 個です）`,
  }),
  tooMuchData: (f: string, limit: number): Bilingual => ({
    en: `${f} unpacks to more than ${mb(limit)} MB (a zip bomb, or a workbook too large to check)`,
    ja: `${f} は展開すると ${mb(limit)} MB を超えます（圧縮爆弾か、チェックできないほど大きなブックです）`,
  }),
  tooManyRows: (f: string, sheet: string, limit: number): Bilingual => ({
    en: `${f}: worksheet "${sheet}" has more than ${n(limit)} rows (the limit per worksheet)`,
    ja: `${f}: シート「${sheet}」の行数が上限の ${n(limit)} 行を超えています`,
  }),
  tooManyCells: (f: string, limit: number): Bilingual => ({
    en: `${f} has more than ${n(limit)} cells (the limit per workbook)`,
    ja: `${f} のセル数が上限の ${n(limit)} 個を超えています`,
  }),
  tooManyRangeCells: (f: string, limit: number): Bilingual => ({
    en: `${f}: its merged cells, drop-down lists and named ranges cover more than ${n(limit)} cells (the limit per workbook; a drop-down on a whole column covers 1,048,576)`,
    ja: `${f}: セルの結合・ドロップダウンリスト（入力規則）・名前付き範囲の対象セルが上限の ${n(limit)} 個を超えています（列全体の入力規則は 1,048,576 セル分です）`,
  }),
  sheetWouldGrow: (sheet: string, row: number, limit: number): Bilingual => ({
    en: `the workbook would need row ${n(row)} on sheet "${sheet}": more than the ${n(limit)} rows a worksheet may have`,
    ja: `シート「${sheet}」に ${n(row)} 行目が必要になり、1 シートの上限 ${n(limit)} 行を超えます`,
  }),
  cannotWrite: (f: string, why: 'full' | 'permission' | 'read-only' | 'missing-folder' | 'directory'): Bilingual => {
    const w: Record<typeof why, Bilingual> = {
      full: { en: 'the disk is full', ja: 'ディスクの空きがありません' },
      permission: { en: 'permission denied', ja: '書き込みが許可されていません' },
      'read-only': { en: 'the file system is read-only', ja: '読み取り専用のファイルシステムです' },
      'missing-folder': { en: 'the folder does not exist', ja: 'フォルダーがありません' },
      directory: { en: 'it is a directory', ja: 'フォルダーです' },
    };
    return { en: `cannot write ${f}: ${w[why].en} (nothing was changed)`, ja: `${f} に書き込めません: ${w[why].ja}（何も変更していません）` };
  },
  cannotRead: (f: string, why: 'missing' | 'directory' | 'permission' | string): Bilingual => {
    const known: Record<string, Bilingual> = {
      missing: { en: 'no such file', ja: 'ファイルがありません' },
      directory: { en: 'it is a directory', ja: 'フォルダーです' },
      permission: { en: 'permission denied', ja: '読み取りが許可されていません' },
    };
    const w = known[why] ?? { en: why, ja: why };
    return { en: `cannot read ${f}: ${w.en}`, ja: `${f} を読めません: ${w.ja}` };
  },
};
