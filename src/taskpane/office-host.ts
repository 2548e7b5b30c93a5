/**
 * The only task-pane module that touches the Office and Excel globals (as Microsoft's React task-pane template
 * does): waiting for Office.js, the display language, the Excel.run options, turning Excel's failures into
 * `ActionError`s the pane can explain, and evaluating again when the planner edits the plan sheets. Components get
 * the actions built here as props and never import this file, so the browser preview can mount the same <App> over
 * an in-memory workbook.
 */
import type { Lang } from '../i18n/format';
import { TOOL_VERSION } from '../version';
import { SHEET_NAMES } from '../workbook/layout';
import { OfficePort, type ExcelRunner } from '../workbook/office/office-port';
import { ExcelHostError, toExcelHostError } from '../workbook/office/errors';
import { OPTIONAL_EXCEL_API, REQUIRED_EXCEL_API } from '../workbook/office/requirements';
import { ActionError, OPTIONAL_ACTION_NAMES, PANE_ACTION_NAMES, type DetectResult, type PaneActions, type PaneCommands } from './actions';
import { createWorkbookActions } from './workbook-actions';

/**
 * `Excel.run`'s `mergeUndoGroup` (ExcelApi 1.20) makes all the syncs of one run a single undo step, so one Ctrl+Z
 * takes back a whole write (a new plan, an added line, the results). Hosts without 1.20 get one undo record per
 * `context.sync()`; the port keeps that small by writing each command in as few syncs as it can.
 * `delayForCellEdit` stays off: a batch queued behind cell edit mode would leave the pane waiting with no word
 * of why, so the batch fails instead and the pane says to press Enter or Esc.
 */
export const MERGE_UNDO_REQUIREMENT = { set: 'ExcelApi', version: OPTIONAL_EXCEL_API.undo } as const;

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

/** Every command wrapped by `wrap` (the `onEvaluated` subscription passed through as it is). */
function wrapCommands(actions: PaneActions, wrap: (key: keyof PaneCommands, run: () => Promise<unknown>) => Promise<unknown>): PaneActions {
  const wrapped = { onEvaluated: (listener) => actions.onEvaluated(listener) } as PaneActions;
  for (const key of [...PANE_ACTION_NAMES, ...OPTIONAL_ACTION_NAMES]) {
    // An optional command the actions lack stays absent, so the pane hides its control.
    if (typeof actions[key] !== 'function') continue;
    (wrapped as unknown as Record<string, unknown>)[key] = (...args: unknown[]) =>
      wrap(key, () => (actions[key] as (...a: unknown[]) => Promise<unknown>).apply(actions, args));
  }
  return wrapped;
}

/** Every action with Excel's failures turned into ActionErrors. */
export function withHostErrors(actions: PaneActions): PaneActions {
  return wrapCommands(actions, async (_key, run) => {
    try {
      return await run();
    } catch (e) {
      throw toActionError(e);
    }
  });
}

/**
 * Excel may hand over the change events of a write after the write's sync has resolved; on hosts that cannot tell
 * our own changes apart (before ExcelApi 1.14) the events this soon after one of our writes count as ours.
 */
export const OWN_WRITE_GRACE_MS = 300;

/**
 * Runs the commands one at a time — the pane's and the re-evaluations after an edit, so two writes never interleave
 * in the workbook — and knows while one of ours writes, so the change events of our own writes (results, statuses
 * on the plan sheet) do not set off another evaluation.
 */
export class CommandGate {
  private queue: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private writing = 0;
  private lastWriteEnd = Number.NEGATIVE_INFINITY;

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** True while one of our writing commands runs, and for `OWN_WRITE_GRACE_MS` after it. */
  ownWrite(): boolean {
    return this.writing > 0 || this.now() - this.lastWriteEnd < OWN_WRITE_GRACE_MS;
  }

  /** True while a command runs or waits to. */
  get busy(): boolean {
    return this.pending > 0;
  }

  wrap(actions: PaneActions): PaneActions {
    return wrapCommands(actions, (key, run) => {
      const writes = key !== 'detect';
      this.pending++;
      const task = async () => {
        if (writes) this.writing++;
        try {
          return await run();
        } finally {
          if (writes) {
            this.writing--;
            this.lastWriteEnd = this.now();
          }
          this.pending--;
        }
      };
      const result = this.queue.then(task, task);
      this.queue = result.catch(() => undefined);
      return result;
    });
  }
}

/** Worksheet change events: ExcelApi 1.7. */
export const CHANGE_EVENTS_REQUIREMENT = { set: 'ExcelApi', version: '1.7' } as const;

/**
 * Evaluating by itself after an edit writes to the workbook the planner did not ask for. Before ExcelApi 1.20 an
 * add-in's write clears the planner's undo stack ("ExcelApi 1.20 adds undo support for Excel JavaScript APIs",
 * https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-1-20-requirement-set; an API without
 * undo support "clears the user's undo stack", https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities):
 * the edit just typed could no longer be taken back. So the pane evaluates after edits only where undo survives
 * (Microsoft 365 from Version 2509, the web, Mac 16.100); elsewhere the planner presses Evaluate.
 */
export const REEVALUATE_REQUIREMENT = { set: 'ExcelApi', version: OPTIONAL_EXCEL_API.undo } as const;

/** How long the planner's edits must pause before the plan is evaluated again. */
export const REEVALUATE_DEBOUNCE_MS = 500;

/** Tries again this many times when Excel is in cell edit mode (the planner is already typing the next cell). */
const EDIT_MODE_RETRIES = 5;

/** The sheets whose edits change the evaluation: the plan table, and the activity and checklist. */
export const WATCHED_SHEETS: readonly string[] = [SHEET_NAMES.ja.plan, SHEET_NAMES.ja.activity, SHEET_NAMES.en.plan, SHEET_NAMES.en.activity];

/** The part of a worksheet change event the watcher reads. */
export type SheetChange = Pick<Excel.WorksheetChangedEventArgs, 'source' | 'worksheetId'> & {
  /** ExcelApi 1.14; absent on older hosts. */
  triggerSource?: Excel.WorksheetChangedEventArgs['triggerSource'];
};

export interface SheetEditWatcherOptions {
  /** True while our own write runs (`CommandGate.ownWrite`). */
  ownWrite: () => boolean;
  /** True while a command runs or waits (`CommandGate.busy`): the re-evaluation waits for it. */
  busy?: () => boolean;
  /** Excel.run, or a stand-in in tests. */
  run?: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
  debounceMs?: number;
  sheets?: readonly string[];
}

export interface SheetEditWatcher {
  /** Stop listening to the sheets and drop a pending re-evaluation. */
  stop(): Promise<void>;
}

/** What an evaluation depends on, to tell an edit that changed the plan from one that did not. */
function planKey(read: DetectResult): string {
  return JSON.stringify([read.plan, read.inputFindings]);
}

/**
 * Evaluates again, a moment after the planner stops editing the plan or activity sheet, once the pane has evaluated
 * (so results are on show and would otherwise go stale). Every evaluation is heard by the pane through
 * `onEvaluated`. An endless loop — our results written into the plan sheet raising a change event that evaluates
 * and writes again — is ruled out on two levels. Events are ignored when they come from another Excel than this one
 * (`source` "Remote": a co-author's pane evaluates their edits) or from this add-in: as Excel marks them
 * (`triggerSource` "ThisLocalAddin", ExcelApi 1.14), and — since "Unknown" or no trigger source at all may be ours
 * too — while one of our writes runs and just after. And a plan that reads the same as the one last evaluated here
 * is not evaluated again. createOfficeActions starts the watcher only where undo survives it (REEVALUATE_REQUIREMENT).
 */
export function watchSheetEdits(actions: PaneActions, options: SheetEditWatcherOptions): SheetEditWatcher {
  const run = options.run ?? (<T>(batch: (context: Excel.RequestContext) => Promise<T>) => Excel.run<T>(batch));
  const debounceMs = options.debounceMs ?? REEVALUATE_DEBOUNCE_MS;
  const sheets = options.sheets ?? WATCHED_SHEETS;
  const busy = options.busy ?? (() => false);

  let stopped = false;
  let registering: Promise<void> | null = null;
  const handlers: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>[] = [];
  const watchedIds = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let retries = 0;
  /** The plan whose results the watcher itself last wrote; cleared when someone else evaluates. */
  let lastKey: string | null = null;
  let evaluatingHere = false;

  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reevaluate(), debounceMs);
  };

  async function reevaluate(): Promise<void> {
    timer = undefined;
    if (stopped) return;
    if (busy()) {
      // The pane is running a command: try again once it is done.
      schedule();
      return;
    }
    try {
      const read = await actions.detect();
      if (!read.hasPlan) return;
      const key = planKey(read);
      if (key === lastKey) return;
      evaluatingHere = true;
      try {
        await actions.evaluate();
      } finally {
        evaluatingHere = false;
      }
      lastKey = key;
      retries = 0;
    } catch (e) {
      const error = toActionError(e);
      // The planner is typing into a cell again: evaluate once they leave it. Anything else the pane reports at
      // its next command; a background evaluation has nowhere to say it.
      if (error instanceof ActionError && error.kind === 'cell-edit-mode' && retries < EDIT_MODE_RETRIES) {
        retries++;
        schedule();
      }
    }
  }

  const onChanged = async (event: SheetChange): Promise<void> => {
    if (stopped || event.source !== 'Local') return;
    // Excel marks our own changes "ThisLocalAddin" where it can (ExcelApi 1.14). "Unknown" is not "the planner":
    // it means "unknown or currently unsupported" (https://learn.microsoft.com/javascript/api/excel/excel.eventtriggersource),
    // so during and just after our write it counts as ours, as an event with no trigger source does.
    if (event.triggerSource === 'ThisLocalAddin') return;
    if (options.ownWrite()) return;
    if (watchedIds.size > 0 && !watchedIds.has(event.worksheetId)) return;
    retries = 0;
    schedule();
  };

  async function register(): Promise<void> {
    await run(async (context) => {
      const found = sheets.map((name) => context.workbook.worksheets.getItemOrNullObject(name).load('id'));
      await context.sync();
      for (const ws of found) {
        if (ws.isNullObject || watchedIds.has(ws.id)) continue;
        watchedIds.add(ws.id);
        handlers.push(ws.onChanged.add(onChanged));
      }
      await context.sync();
    });
  }

  const unsubscribe = actions.onEvaluated(() => {
    if (!evaluatingHere) lastKey = null;
    if (stopped || handlers.length > 0 || registering) return;
    registering = register()
      .catch(() => undefined)
      .finally(() => {
        registering = null;
      });
  });

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
      await registering;
      for (const h of handlers.splice(0)) {
        try {
          h.remove();
          await h.context.sync();
        } catch {
          // The workbook is closing: its handlers go with it.
        }
      }
    },
  };
}

/** The pane's actions over the open workbook; after the first evaluation, edits in the plan sheets evaluate again. */
export function createOfficeActions(lang: () => Lang): PaneActions {
  const port = new OfficePort(excelRunner());
  const gate = new CommandGate();
  const actions = gate.wrap(createWorkbookActions(port, { version: TOOL_VERSION, lang }));
  if (supports(CHANGE_EVENTS_REQUIREMENT.set, CHANGE_EVENTS_REQUIREMENT.version) && supports(REEVALUATE_REQUIREMENT.set, REEVALUATE_REQUIREMENT.version)) {
    watchSheetEdits(actions, { ownWrite: () => gate.ownWrite(), busy: () => gate.busy });
  }
  return withHostErrors(actions);
}

export interface OfficeStart {
  /** True when the pane runs inside Excel; false in a plain browser or another Office host. */
  inExcel: boolean;
  /** False inside an Excel without the requirement set the add-in needs (REQUIRED_EXCEL_API). */
  supported: boolean;
  lang: Lang;
}

/**
 * Waits for Office.js. Outside Office (the page opened in a browser, or Office.js blocked) it resolves instead of
 * hanging or throwing, so the page can say where to open it.
 */
export function whenOfficeReady(): Promise<OfficeStart> {
  const browserLang = (): Lang => langFromTag(typeof navigator === 'undefined' ? '' : navigator.language);
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') {
    return Promise.resolve({ inExcel: false, supported: true, lang: browserLang() });
  }
  return Office.onReady().then(
    (info) => {
      const inExcel = info.host === Office.HostType.Excel;
      const supported = !inExcel || supports('ExcelApi', REQUIRED_EXCEL_API);
      return { inExcel, supported, lang: inExcel ? officeDisplayLang() : browserLang() };
    },
    () => ({ inExcel: false, supported: true, lang: browserLang() }),
  );
}
