/**
 * The workbooks the preview opens: an empty one (as Excel's "New"), the sample plan written by the real layout, or
 * a file the user picked.
 *
 * ExcelJS (~1 MB, most of the page's script) is loaded only when a workbook is first needed, as a chunk of its own
 * (`loadXlsxCodec`): the page's own script runs and paints while the browser fetches and compiles it.
 */
import type * as ExcelJS from 'exceljs';
import type { Lang } from '../i18n/format';
import { parsePlan } from '../plan/parse';
import { createPlanWorkbook } from '../workbook/layout';
import samplePlan from '../../examples/sample-plan.json';
import { createSession, type Session } from './session';

type XlsxCodec = typeof import('../workbook/xlsx/codec');
let codec: Promise<XlsxCodec> | undefined;

/** The .xlsx codec and ExcelJS with it, loaded once, on first use. */
export function loadXlsxCodec(): Promise<XlsxCodec> {
  codec ??= import(/* webpackChunkName: "preview-workbook" */ '../workbook/xlsx/codec');
  return codec;
}

export const BLANK_FILE_NAME = 'supply-plan.xlsx';
export const SAMPLE_FILE_NAME = 'supply-plan-sample.xlsx';

/** An empty workbook with one blank sheet, as Excel opens a new one. */
export async function blankSession(lang: () => Lang, sheetName = 'Sheet1'): Promise<Session> {
  const workbook = (await loadXlsxCodec()).createWorkbook();
  workbook.addWorksheet(sheetName);
  return createSession(workbook, BLANK_FILE_NAME, lang);
}

/** The sample plan (examples/sample-plan.json), laid out by the same code the add-in uses. */
export async function sampleSession(lang: () => Lang, sheetLang: Lang): Promise<Session> {
  const parsed = parsePlan(samplePlan);
  if (!parsed.ok) throw new Error(`examples/sample-plan.json: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  const session = createSession((await loadXlsxCodec()).createWorkbook(), SAMPLE_FILE_NAME, lang);
  await createPlanWorkbook(session.port, { lang: sheetLang, plan: parsed.plan });
  return session;
}

export function openSession(workbook: ExcelJS.Workbook, fileName: string, lang: () => Lang): Session {
  return createSession(workbook, fileName.toLowerCase().endsWith('.xlsx') ? fileName : `${fileName}.xlsx`, lang);
}
