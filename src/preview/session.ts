/**
 * One open workbook in the preview: the ExcelJS workbook, the .xlsx port over it, and the pane's actions over that
 * port — the same `createWorkbookActions` the add-in uses over Office.js. The port is observed so the sheet view
 * redraws after every write and follows `activate` (a finding clicked in the pane selects its cell); the actions
 * run one at a time, so an evaluation started by a sheet edit never interleaves with a command from the pane.
 */
import type * as ExcelJS from 'exceljs';
import type { Lang } from '../i18n/format';
import { OPTIONAL_ACTION_NAMES, PANE_ACTION_NAMES, type PaneActions } from '../taskpane/actions';
import { createWorkbookActions } from '../taskpane/workbook-actions';
import type { WorkbookPort, WriteOp } from '../workbook/port';
import { XlsxPort } from '../workbook/xlsx/xlsx-port';
import { TOOL_VERSION } from '../version';

export type WriteListener = (ops: WriteOp[]) => void;

export interface Session {
  id: number;
  /** The file name the workbook came from (or will be downloaded as). */
  fileName: string;
  workbook: ExcelJS.Workbook;
  port: WorkbookPort;
  actions: PaneActions;
  /** Hear every batch written to the workbook, after it is applied. */
  onWrite(listener: WriteListener): () => void;
  /** Settles once the pane has read the workbook for the first time (what "interactive" means for the benchmark). */
  firstRead: Promise<void>;
  /** Run a task after whatever action is running now (and before any queued later). */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
}

let nextId = 1;

export function createSession(workbook: ExcelJS.Workbook, fileName: string, lang: () => Lang): Session {
  const listeners = new Set<WriteListener>();
  const inner = new XlsxPort(workbook);
  const port: WorkbookPort = {
    sheetNames: () => inner.sheetNames(),
    readSheets: (names) => inner.readSheets(names),
    get date1904() {
      return inner.date1904;
    },
    async apply(ops) {
      try {
        await inner.apply(ops);
      } finally {
        // Even a batch that failed half-way may have changed cells: redraw either way.
        for (const l of listeners) l(ops);
      }
    },
  };

  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const raw = createWorkbookActions(port, { version: TOOL_VERSION, lang });
  // The commands queue; the pane's subscription to evaluations (its own, and those after a sheet edit) does not.
  const actions = {
    ...Object.fromEntries(
      // The optional commands only where the workbook actions have them (the pane hides what is missing).
      [...PANE_ACTION_NAMES, ...OPTIONAL_ACTION_NAMES.filter((name) => typeof raw[name] === 'function')].map((name) => [
        name,
        (...args: unknown[]) => exclusive(() => (raw[name] as (...a: unknown[]) => Promise<unknown>)(...args)),
      ]),
    ),
    onEvaluated: (listener) => raw.onEvaluated(listener),
  } as PaneActions;
  let markRead: () => void = () => undefined;
  const firstRead = new Promise<void>((resolve) => (markRead = resolve));
  const detect = actions.detect;
  actions.detect = () => detect().finally(markRead);

  return {
    id: nextId++,
    fileName,
    workbook,
    port,
    actions,
    onWrite(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    firstRead,
    exclusive,
  };
}
