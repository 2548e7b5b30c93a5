/**
 * The workbooks the preview opens: an empty one (as Excel's "New"), the sample plan written by the real layout, or
 * a file the user picked.
 */
import type * as ExcelJS from 'exceljs';
import type { Lang } from '../i18n/format';
import { parsePlan } from '../plan/parse';
import { createPlanWorkbook } from '../workbook/layout';
import { createWorkbook, packageKind } from '../workbook/xlsx/codec';
import samplePlan from '../../examples/sample-plan.json';
import { createSession, type Session } from './session';

export const BLANK_FILE_NAME = 'supply-plan.xlsx';
export const SAMPLE_FILE_NAME = 'supply-plan-sample.xlsx';

/** An empty workbook with one blank sheet, as Excel opens a new one. */
export function blankSession(lang: () => Lang, sheetName = 'Sheet1'): Session {
  const workbook = createWorkbook();
  workbook.addWorksheet(sheetName);
  return createSession(workbook, BLANK_FILE_NAME, lang);
}

/** The sample plan (examples/sample-plan.json), laid out by the same code the add-in uses. */
export async function sampleSession(lang: () => Lang, sheetLang: Lang): Promise<Session> {
  const parsed = parsePlan(samplePlan);
  if (!parsed.ok) throw new Error(`examples/sample-plan.json: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  const session = createSession(createWorkbook(), SAMPLE_FILE_NAME, lang);
  await createPlanWorkbook(session.port, { lang: sheetLang, plan: parsed.plan });
  return session;
}

export function openSession(workbook: ExcelJS.Workbook, fileName: string, lang: () => Lang): Session {
  // Downloaded under the name it came with; a macro workbook stays an .xlsm (the save keeps its VBA project).
  const ext = packageKind(workbook) === 'xlsm' ? '.xlsm' : '.xlsx';
  return createSession(workbook, fileName.toLowerCase().endsWith(ext) ? fileName : `${fileName.replace(/\.(xlsx|xlsm)$/i, '')}${ext}`, lang);
}
