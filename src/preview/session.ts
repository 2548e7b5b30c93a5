/**
 * One open workbook in the preview, as the page and the pane see it. The pane's actions exist at once; the
 * workbook behind them — ExcelJS, the .xlsx port, `createWorkbookActions` over it (loaded-workbook.ts) — comes in a
 * chunk of its own, loaded after the page's first paint. Until it is there:
 *   - `detect` answers from the start read: what the same code read from the same workbook at build time
 *     (start-reads.ts), so the pane shows the workbook's content at once;
 *   - every other command waits for the workbook (the pane shows it busy meanwhile) and then runs on it, in order.
 * Once loaded, the workbook is read again and compared with the start read (`stale`); they are equal by
 * construction (test/preview/start-reads.test.ts), and a difference is reported rather than hidden.
 *
 * The commands run one at a time, so an evaluation started by a sheet edit never interleaves with a command from
 * the pane; the port is observed, so the sheet view redraws after every write.
 */
import type * as ExcelJS from 'exceljs';
import { EvaluatedListeners, OPTIONAL_ACTION_NAMES, PANE_ACTION_NAMES, type DetectResult, type PaneActions } from '../taskpane/actions';
import type { WorkbookPort, WriteOp } from '../workbook/port';

export type WriteListener = (ops: WriteOp[]) => void;

/** What the workbook chunk gives a session once it has the workbook. */
export interface LoadedWorkbook {
  workbook: ExcelJS.Workbook;
  /** The .xlsx port over it, observed: every batch applied is heard by `onWrite`. */
  port: WorkbookPort;
  /** `createWorkbookActions` over the port. */
  actions: PaneActions;
  /** The sheets a user sees (hidden ones left out), in tab order. */
  visibleSheets(): string[];
  /** The sheet to show first: the workbook's active sheet, or its first visible one. */
  initialSheet(): string;
  /**
   * Typed or pasted text for a block of cells → the values Excel would store, written in one batch (undoable with
   * `undo`). Returns the range written, or null when there was nothing to write.
   */
  editCells(sheet: string, address: string, typed: string[][], exclusive: Session['exclusive']): Promise<string | null>;
  /** Undo the last `editCells`; false when there is nothing to undo. */
  undo(exclusive: Session['exclusive']): Promise<boolean>;
  /** The workbook as .xlsx (or .xlsm) bytes: the package it was read from, patched. */
  save(): Promise<{ bytes: Uint8Array; kind: 'xlsx' | 'xlsm' }>;
}

/** Opens the workbook of a session; `onWrite` is to hear every batch written to it. */
export type WorkbookOpener = (onWrite: WriteListener) => Promise<LoadedWorkbook>;

export interface Session {
  id: number;
  /** The file name the workbook came from (or will be downloaded as). */
  fileName: string;
  /** The pane's actions: usable at once (see above). */
  actions: PaneActions;
  /** The workbook, loading it if nothing has asked for it yet. */
  load(): Promise<LoadedWorkbook>;
  /** The workbook if it is loaded already. */
  loaded(): LoadedWorkbook | undefined;
  /** Hear every batch written to the workbook, after it is applied. */
  onWrite(listener: WriteListener): () => void;
  /**
   * The start read for the pane to be drawn from as it mounts (a copy, counted as the pane's first read), while it
   * still stands for the workbook: not loaded, nothing queued. Undefined otherwise: the pane reads with `detect`.
   */
  startRead(): DetectResult | undefined;
  /** Settles once the pane has read the workbook for the first time (what "interactive" means for the benchmark). */
  firstRead: Promise<void>;
  /**
   * Settles once the workbook is loaded and checked against the start read the pane was shown: true when they
   * differ (the pane must read it again), false otherwise, and false when there was no start read.
   */
  stale: Promise<boolean>;
  /** Run a task after whatever action is running now (and before any queued later). */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
}

let nextId = 1;

/** A JSON-shaped copy: a start read is handed out more than once and the pane must not share it. */
function copyOf<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/**
 * A session over the workbook `open` will give. `startRead` is what `detect` answers until the workbook is loaded
 * (none: `detect` waits for it too). Nothing is loaded until `load()` or a command asks.
 */
export function createSession(fileName: string, open: WorkbookOpener, startRead?: DetectResult): Session {
  const listeners = new Set<WriteListener>();
  const evaluated = new EvaluatedListeners();

  let queue: Promise<unknown> = Promise.resolve();
  let queued = 0;
  const exclusive = <T>(task: () => Promise<T>): Promise<T> => {
    queued++;
    const run = queue.then(task, task).finally(() => queued--);
    queue = run.catch(() => undefined);
    return run;
  };

  let loadedBook: LoadedWorkbook | undefined;
  let loading: Promise<LoadedWorkbook> | undefined;
  let settleStale: (stale: boolean) => void = () => undefined;
  const stale = new Promise<boolean>((resolve) => (settleStale = resolve));
  const load = (): Promise<LoadedWorkbook> => {
    loading ??= open((ops) => {
      for (const l of listeners) l(ops);
    }).then(
      (book) => {
        loadedBook = book;
        book.actions.onEvaluated((result) => evaluated.emit(result));
        if (startRead) void checkStartRead(book, startRead);
        else settleStale(false);
        return book;
      },
      (e: unknown) => {
        settleStale(false);
        throw e;
      },
    );
    return loading;
  };

  /** The loaded workbook read as the pane reads it, against what the pane was shown; queued like a command. */
  async function checkStartRead(book: LoadedWorkbook, shown: DetectResult) {
    try {
      const read = await exclusive(() => book.actions.detect());
      const differs = JSON.stringify(read) !== JSON.stringify(shown);
      // Never expected (the start read is made from the same workbook by the same code): said, not hidden.
      if (differs) console.error(`preview: the start read of ${fileName} differs from the workbook as loaded; the pane reads it again`);
      settleStale(differs);
    } catch {
      settleStale(false);
    }
  }

  const command =
    (name: (typeof PANE_ACTION_NAMES)[number] | (typeof OPTIONAL_ACTION_NAMES)[number]) =>
    (...args: unknown[]) =>
      exclusive(async () => {
        const book = await load();
        return (book.actions[name] as (...a: unknown[]) => Promise<unknown>)(...args);
      });

  // The optional commands the workbook actions have (acknowledge, prepareSubmission): every workbook has them.
  const actions = {
    ...Object.fromEntries([...PANE_ACTION_NAMES, ...OPTIONAL_ACTION_NAMES].map((name) => [name, command(name)])),
    onEvaluated: (listener) => evaluated.add(listener),
  } as PaneActions;

  let markRead: () => void = () => undefined;
  const firstRead = new Promise<void>((resolve) => (markRead = resolve));
  const detect = actions.detect;
  // The start read stands for the workbook as long as nothing can have changed it: not loaded, nothing queued.
  const currentStartRead = () => (startRead && !loadedBook && queued === 0 ? copyOf(startRead) : undefined);
  actions.detect = () => {
    const read = currentStartRead();
    return (read ? Promise.resolve(read) : detect()).finally(markRead);
  };

  return {
    id: nextId++,
    fileName,
    actions,
    load,
    loaded: () => loadedBook,
    onWrite(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    startRead() {
      const read = currentStartRead();
      if (read) markRead();
      return read;
    },
    firstRead,
    stale,
    exclusive,
  };
}
