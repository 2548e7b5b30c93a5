/**
 * The only task-pane module that touches the Office and Excel globals (as Microsoft's React task-pane template
 * does): waiting for Office.js, the display language, the Excel.run options, and turning Excel's failures into
 * `ActionError`s the pane can explain. Components get the actions built here as props and never import this file,
 * so the browser preview can mount the same <App> over an in-memory workbook.
 */
import type { Lang } from '../i18n/format';
import { TOOL_VERSION } from '../version';
import { OfficePort, type ExcelRunner } from '../workbook/office/office-port';
import { ExcelHostError, toExcelHostError } from '../workbook/office/errors';
import { ActionError, PANE_ACTION_NAMES, type PaneActions } from './actions';
import { createWorkbookActions } from './workbook-actions';

/**
 * `Excel.run`'s `mergeUndoGroup` (ExcelApi 1.20) makes all the syncs of one run a single undo step, so one Ctrl+Z
 * takes back a whole write (a new plan, an added line, the results). Hosts without 1.20 get one undo record per
 * `context.sync()`; the port keeps that small by writing each command in as few syncs as it can.
 * `delayForCellEdit` stays off: a batch queued behind cell edit mode would leave the pane waiting with no word
 * of why, so the batch fails instead and the pane says to press Enter or Esc.
 */
export const MERGE_UNDO_REQUIREMENT = { set: 'ExcelApi', version: '1.20' } as const;

function supports(set: string, version: string): boolean {
  try {
    return Office.context.requirements.isSetSupported(set, version);
  } catch {
    return false;
  }
}

/** Excel.run with the options this host supports. */
export function excelRunner(): ExcelRunner {
  const mergeUndoGroup = supports(MERGE_UNDO_REQUIREMENT.set, MERGE_UNDO_REQUIREMENT.version);
  return <T>(batch: (context: Excel.RequestContext) => Promise<T>) =>
    mergeUndoGroup ? Excel.run<T>({ mergeUndoGroup: true }, batch) : Excel.run<T>(batch);
}

/** Japanese when Office's display language is Japanese, English otherwise. */
export function officeDisplayLang(): Lang {
  let tag = '';
  try {
    tag = Office.context.displayLanguage ?? '';
  } catch {
    tag = '';
  }
  return langFromTag(tag);
}

export function langFromTag(tag: string | undefined | null): Lang {
  return (tag ?? '').toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

function isOfficeError(error: unknown): boolean {
  return typeof OfficeExtension !== 'undefined' && typeof OfficeExtension.Error === 'function' && error instanceof OfficeExtension.Error;
}

/**
 * An Excel failure as the pane explains it. The port already wraps what Office.js throws; an Office error that
 * slips past it is classified here too. Anything else (a bug, a bad workbook) passes through with its own message.
 */
export function toActionError(error: unknown): unknown {
  if (error instanceof ActionError) return error;
  const host = error instanceof ExcelHostError ? error : isOfficeError(error) ? toExcelHostError(error) : null;
  return host ? new ActionError(host.kind, host.code || host.message, { cause: error }) : error;
}

/** Every action with Excel's failures turned into ActionErrors. */
export function withHostErrors(actions: PaneActions): PaneActions {
  const wrapped = {} as Record<keyof PaneActions, unknown>;
  for (const key of PANE_ACTION_NAMES) {
    const fn = actions[key] as (...args: unknown[]) => Promise<unknown>;
    wrapped[key] = async (...args: unknown[]) => {
      try {
        return await fn.apply(actions, args);
      } catch (e) {
        throw toActionError(e);
      }
    };
  }
  return wrapped as PaneActions;
}

/** The pane's actions over the open workbook. */
export function createOfficeActions(lang: () => Lang): PaneActions {
  const port = new OfficePort(excelRunner());
  return withHostErrors(createWorkbookActions(port, { version: TOOL_VERSION, lang }));
}

export interface OfficeStart {
  /** True when the pane runs inside Excel; false in a plain browser or another Office host. */
  inExcel: boolean;
  lang: Lang;
}

/**
 * Waits for Office.js. Outside Office (the page opened in a browser, or Office.js blocked) it resolves instead of
 * hanging or throwing, so the page can say where to open it.
 */
export function whenOfficeReady(): Promise<OfficeStart> {
  const browserLang = (): Lang => langFromTag(typeof navigator === 'undefined' ? '' : navigator.language);
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') {
    return Promise.resolve({ inExcel: false, lang: browserLang() });
  }
  return Office.onReady().then(
    (info) => {
      const inExcel = info.host === Office.HostType.Excel;
      return { inExcel, lang: inExcel ? officeDisplayLang() : browserLang() };
    },
    () => ({ inExcel: false, lang: browserLang() }),
  );
}
