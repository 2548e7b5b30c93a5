/**
 * The workbooks the preview opens: an empty one (as Excel's "New"), the sample plan written by the real layout, or
 * a file the user picked — each as a session (session.ts).
 *
 * ExcelJS (~1 MB, most of the page's script) and all that works on a workbook in memory come in a chunk of their own
 * (loaded-workbook.ts), fetched when a workbook is first needed: the page's own script runs and paints without it.
 */
import type { Lang } from '../i18n/format';
import { createSession, type Session, type WriteListener } from './session';
import { startReadOf } from './start-reads';

type WorkbookChunk = typeof import('./loaded-workbook');
let chunk: Promise<WorkbookChunk> | undefined;

/** The workbook chunk (ExcelJS with it), loaded once, on first use. */
export function loadWorkbookChunk(): Promise<WorkbookChunk> {
  chunk ??= import(/* webpackChunkName: "preview-workbook" */ './loaded-workbook');
  return chunk;
}

export const BLANK_FILE_NAME = 'supply-plan.xlsx';
export const SAMPLE_FILE_NAME = 'supply-plan-sample.xlsx';
const DEFAULT_SHEET = 'Sheet1';

/** An empty workbook with one blank sheet, as Excel opens a new one. */
export function blankSession(lang: () => Lang, sheetName = DEFAULT_SHEET): Session {
  const open = (onWrite: WriteListener) => loadWorkbookChunk().then((m) => m.openBlank(lang, sheetName, onWrite));
  // The start read is of the workbook the page starts with, whose sheet is named Sheet1.
  return createSession(BLANK_FILE_NAME, open, sheetName === DEFAULT_SHEET ? startReadOf('blank', lang()) : undefined);
}

/** The sample plan (examples/sample-plan.json), laid out in `sheetLang` by the same code the add-in uses. */
export function sampleSession(lang: () => Lang, sheetLang: Lang): Session {
  return createSession(SAMPLE_FILE_NAME, (onWrite) => loadWorkbookChunk().then((m) => m.openSample(lang, sheetLang, onWrite)), startReadOf('sample', sheetLang));
}

/** A workbook the user opened, read from its bytes (loaded by the time this settles). */
export async function fileSession(bytes: Uint8Array, fileName: string, lang: () => Lang): Promise<Session> {
  const m = await loadWorkbookChunk();
  let emit: WriteListener = () => undefined;
  const { book, kind } = await m.openFile(bytes, fileName, lang, (ops) => emit(ops));
  // Downloaded under the name it came with; a macro workbook stays an .xlsm (the save keeps its VBA project).
  const ext = kind === 'xlsm' ? '.xlsm' : '.xlsx';
  const name = fileName.toLowerCase().endsWith(ext) ? fileName : `${fileName.replace(/\.(xlsx|xlsm)$/i, '')}${ext}`;
  const session = createSession(name, async (onWrite) => {
    emit = onWrite;
    return book;
  });
  await session.load();
  return session;
}
