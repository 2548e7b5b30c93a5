/**
 * The preview page: the real task pane (<App> with `createWorkbookActions`) beside a sheet view of the workbook it
 * works on, which lives in memory as an ExcelJS workbook behind the .xlsx port. What Excel would do around the pane
 * — show the sheets, let the user type into cells, open and save files — this page does, with no network at all.
 */
import { lazy, Suspense, useCallback, useDeferredValue, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Lang } from '../i18n/format';
import { App } from '../taskpane/App';
import { describeError } from '../taskpane/describe-error';
import type { WriteOp } from '../workbook/port';
import type { LoadedWorkbook, Session } from './session';
import type { SelectRequest } from './SheetView';
import { PageToolbar } from './PageToolbar';
import { previewText, type PreviewText } from './texts';
import { blankSession, fileSession, sampleSession } from './workbooks';

/**
 * The sheet view comes with the workbook chunk (ExcelJS, the formula engine, the number formats): it is drawn once
 * the workbook is loaded, after the pane's first paint.
 */
const SheetView = lazy(() => import(/* webpackChunkName: "preview-workbook" */ './SheetView').then((m) => ({ default: m.SheetView })));

/** Runs `f` two tasks from now: after a task queued now (onReady's, queued in the same frame) has run. */
function afterNextTask(f: () => void): void {
  setTimeout(() => setTimeout(f, 0), 0);
}

/** A message in whatever language the page shows when it is drawn. */
type Message = (t: PreviewText, lang: Lang) => string;

/** Edits made in the sheet are evaluated again once the user pauses this long. */
export const EVALUATE_DEBOUNCE_MS = 400;

export interface PreviewAppProps {
  initialSession: Session;
  initialLang: Lang;
  /** Shared with the sessions: the language results and summaries are written in. */
  langRef: { current: Lang };
  /** Called once the pane has read the workbook and can be used (for the load benchmark). */
  onReady?: () => void;
}

function findSheetName(book: LoadedWorkbook, name: string): string | undefined {
  const lower = name.toLowerCase();
  return book.workbook.worksheets.find((ws) => ws.name.toLowerCase() === lower)?.name;
}

export function PreviewApp({ initialSession, initialLang, langRef, onReady }: PreviewAppProps) {
  const [session, setSession] = useState(initialSession);
  // The pane of the workbook the page starts with is drawn from its start read in the page's first render (it does
  // not read the workbook after mounting, which would take a second render before it shows anything of it).
  const [startRead] = useState(() => initialSession.startRead());
  const [lang, setLangState] = useState<Lang>(initialLang);
  const t = previewText(lang);
  // The pane is mounted again when the workbook is replaced, as Excel loads an add-in afresh for another workbook.
  // Its language is the page's (a controlled prop): switching it from the toolbar or in the pane keeps the pane's
  // half-typed forms and its last result.
  const [paneKey, setPaneKey] = useState(0);
  const [version, setVersion] = useState(0);
  // The workbook behind the session, once its chunk has loaded it (the pane does not wait for it: session.ts).
  const [book, setBook] = useState<LoadedWorkbook | undefined>(() => initialSession.loaded());
  const [sheets, setSheets] = useState<string[]>(() => book?.visibleSheets() ?? []);
  const [sheet, setSheet] = useState(() => book?.initialSheet() ?? '');
  const [selectRequest, setSelectRequest] = useState<SelectRequest | null>(null);
  // Status and error messages are kept as functions of the language, so they follow a language switch.
  const [status, setStatus] = useState<Message>(() => (tt: PreviewText) => tt.status.ready);
  const [evaluations, setEvaluations] = useState(0);
  const [pending, setPending] = useState(false);
  const [fileError, setFileError] = useState<Message | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const seq = useRef(0);
  const autoEvaluating = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const scheduled = useRef(0);
  const sessionRef = useRef(session);
  sessionRef.current = session;
  // The grid stands for Excel's own window: redrawn at low priority after writes, so the pane answers first (as an
  // add-in in Excel does not wait for the grid).
  const gridVersion = useDeferredValue(version);

  // The workbook is loaded once the pane has painted what it read (the start read, for the workbooks the page
  // starts with) and has been told it is ready: ExcelJS and the sheet view then load and run without delaying the
  // pane's first paint or its first input (the load starts a task after the one that calls onReady, below; both are
  // asked for as the render commits). A command given before that loads it at once (session.ts).
  useLayoutEffect(() => {
    let live = true;
    let frame = 0;
    void session.firstRead.then(() => {
      frame = requestAnimationFrame(() =>
        afterNextTask(() => {
          if (!live) return;
          session.load().then(
            (loaded) => {
              if (performance.getEntriesByName('preview:workbook').length === 0) performance.mark('preview:workbook');
              if (!live) return;
              setBook(loaded);
              const names = loaded.visibleSheets();
              setSheets(names);
              setSheet((current) => (names.includes(current) ? current : loaded.initialSheet()));
            },
            (e: unknown) => live && setFileError(() => (tt: PreviewText, l: Lang) => tt.status.openFailed(describeError(e, l))),
          );
        }),
      );
    });
    // Never expected (session.ts): the loaded workbook reads otherwise than the pane was shown, so the pane reads it.
    void session.stale.then((stale) => live && stale && setPaneKey((k) => k + 1));
    return () => {
      live = false;
      cancelAnimationFrame(frame);
    };
  }, [session]);

  const setLang = useCallback(
    (next: Lang) => {
      langRef.current = next;
      document.documentElement.lang = next;
      setLangState(next);
    },
    [langRef],
  );

  // Follow every write: redraw, pick up new sheets, and show the cell the pane asked to select.
  useEffect(
    () =>
      session.onWrite((ops: WriteOp[]) => {
        const loaded = session.loaded();
        if (!loaded) return;
        setVersion((v) => v + 1);
        const names = loaded.visibleSheets();
        setSheets(names);
        setSheet((current) => (names.includes(current) ? current : (names[0] ?? '')));
        if (autoEvaluating.current) return;
        for (const op of ops) {
          if (op.kind !== 'activate') continue;
          const name = findSheetName(loaded, op.sheet);
          if (!name) continue;
          setSheet(name);
          if (op.select) setSelectRequest({ sheet: name, address: op.select, seq: ++seq.current });
        }
      }),
    [session],
  );

  /** Another workbook, loaded already (New, Sample, Open). */
  const replaceSession = useCallback((next: Session, message: Message) => {
    window.clearTimeout(timer.current);
    scheduled.current++;
    setPending(false);
    setSession(next);
    const loaded = next.loaded();
    setBook(loaded);
    setSheets(loaded?.visibleSheets() ?? []);
    setSheet(loaded?.initialSheet() ?? '');
    setSelectRequest(null);
    setPaneKey((k) => k + 1);
    setVersion((v) => v + 1);
    setFileError(null);
    setStatus(() => message);
  }, []);

  /** The same evaluation the pane's Evaluate button runs, after the user stops typing. */
  const evaluateSoon = useCallback(() => {
    window.clearTimeout(timer.current);
    setPending(true);
    const generation = ++scheduled.current;
    timer.current = window.setTimeout(async () => {
      const current = sessionRef.current;
      try {
        const found = await current.actions.detect();
        if (!found.hasPlan) {
          setStatus(() => (tt: PreviewText) => tt.status.ready);
          return;
        }
        setStatus(() => (tt: PreviewText) => tt.status.evaluating);
        autoEvaluating.current = true;
        try {
          await current.actions.evaluate();
        } finally {
          autoEvaluating.current = false;
        }
        if (sessionRef.current !== current) return;
        setEvaluations((n) => n + 1);
        const at = new Date();
        setStatus(() => (tt: PreviewText, l: Lang) => tt.status.evaluated(at.toLocaleTimeString(l === 'ja' ? 'ja-JP' : 'en-GB')));
      } catch (e) {
        setStatus(() => (tt: PreviewText, l: Lang) => tt.status.evaluateFailed(describeError(e, l)));
      } finally {
        // Still pending if the user edited again meanwhile.
        if (generation === scheduled.current) setPending(false);
      }
    }, EVALUATE_DEBOUNCE_MS);
  }, []);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  /** Typed or pasted text for a block of cells → the values Excel would store, written in one batch; undoable. */
  const commitCells = useCallback(
    async (sheetName: string, address: string, typed: string[][]) => {
      const current = sessionRef.current;
      const loaded = current.loaded();
      if (!loaded) return;
      try {
        const range = await loaded.editCells(sheetName, address, typed, current.exclusive);
        if (range === null) return;
        setStatus(() => (tt: PreviewText) => tt.status.saved(range));
        evaluateSoon();
      } catch (e) {
        setStatus(() => (_: PreviewText, l: Lang) => describeError(e, l));
      }
    },
    [evaluateSoon],
  );

  const undoLastEdit = useCallback(async () => {
    const current = sessionRef.current;
    const loaded = current.loaded();
    if (!loaded) return;
    try {
      if (!(await loaded.undo(current.exclusive))) {
        setStatus(() => (tt: PreviewText) => tt.status.nothingToUndo);
        return;
      }
      setStatus(() => (tt: PreviewText) => tt.status.undone);
      evaluateSoon();
    } catch (e) {
      setStatus(() => (_: PreviewText, l: Lang) => describeError(e, l));
    }
  }, [evaluateSoon]);

  /** A workbook of the toolbar's, shown once it is loaded (as Excel shows a workbook once it has opened it). */
  const openSession = async (next: Session, message: Message) => {
    try {
      await next.load();
      replaceSession(next, message);
    } catch (e) {
      setFileError(() => (tt: PreviewText, l: Lang) => tt.status.openFailed(describeError(e, l)));
    }
  };

  const newWorkbook = () => openSession(blankSession(() => langRef.current, t.blankSheet), (tt) => tt.status.ready);

  const openSample = () => openSession(sampleSession(() => langRef.current, langRef.current), (tt) => tt.status.ready);

  const openFile = async (file: File) => {
    try {
      const next = await fileSession(new Uint8Array(await file.arrayBuffer()), file.name, () => langRef.current);
      replaceSession(next, (tt) => tt.status.opened(file.name));
    } catch (e) {
      const message: Message = (tt) => tt.status.openFailed(e instanceof Error ? e.message : String(e));
      setFileError(() => message);
      setStatus(() => message);
    }
  };

  const download = async () => {
    const current = sessionRef.current;
    const loaded = await current.load();
    const { bytes, kind } = await current.exclusive(() => loaded.save());
    const type = kind === 'xlsm' ? 'application/vnd.ms-excel.sheet.macroEnabled.12' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = current.fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
    setStatus(() => (tt: PreviewText) => tt.status.downloaded(current.fileName));
  };

  // The pane reads the workbook as it mounts; once that is done and painted, it can be used. A layout effect, run as
  // React commits the render: the frame asked for here is the one that paints what was committed, and the task
  // after it runs once that frame is painted (a passive effect would ask only after the paint, for the frame after).
  // React attaches its event listeners when the root is created and runs any pending effects before an input
  // event, so a click then is handled.
  useLayoutEffect(() => {
    if (!onReady) return;
    let live = true;
    void session.firstRead.then(() => requestAnimationFrame(() => setTimeout(() => live && onReady(), 0)));
    return () => {
      live = false;
    };
  }, [onReady, session]);

  return (
    // The page's chrome is plain HTML (PageToolbar.tsx); the task pane brings its own Fluent provider.
    <div className="pv-app" lang={lang}>
      <header className="pv-header">
        <div className="pv-brand">
          <img src="assets/icon-32.png" width={24} height={24} alt="" />
          <h1 className="pv-title">{t.title}</h1>
          <span className="pv-badge">{t.badge}</span>
          <span className="pv-file" data-testid="file-name">
            {session.fileName}
          </span>
        </div>
        <p className="pv-subtitle">{t.subtitle}</p>
      </header>
      <PageToolbar
        t={t}
        lang={lang}
        onNew={() => void newWorkbook()}
        onSample={() => void openSample()}
        onOpen={() => fileInput.current?.click()}
        onDownload={() => void download()}
        onLang={setLang}
      />
      <input
        ref={fileInput}
        type="file"
        accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12"
        className="pv-file-input"
        data-testid="file-input"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void openFile(file);
        }}
      />
      {fileError && (
        <div role="alert" className="pv-message">
          {fileError(t, lang)}
        </div>
      )}
      <main className="pv-main">
        <section className="pv-workbook" aria-label={t.workbookLabel}>
          {book ? (
            <Suspense fallback={<div className="sv sv-loading" aria-busy="true" />}>
              <SheetView
                workbook={book.workbook}
                version={gridVersion}
                sheets={sheets}
                sheet={sheet}
                onSheetChange={setSheet}
                selectRequest={selectRequest}
                onCommit={(s, a, typed) => void commitCells(s, a, typed)}
                onUndo={() => void undoLastEdit()}
                onStatus={(message) => setStatus(() => message)}
                lang={lang}
              />
            </Suspense>
          ) : (
            <div className="sv sv-loading" aria-busy="true" />
          )}
          <footer className="pv-status">
            <span role="status" data-testid="status" data-evaluations={evaluations} data-pending={pending ? 'true' : 'false'}>
              {book ? status(t, lang) : t.status.loading}
            </span>
            <span className="pv-keys">{t.keysHint}</span>
          </footer>
        </section>
        <aside className="pv-pane" aria-label={t.paneLabel} id="pane-root" data-testid="pane">
          <App
            key={`${session.id}:${paneKey}`}
            actions={session.actions}
            lang={lang}
            onLangChange={setLang}
            initialRead={session === initialSession && paneKey === 0 ? startRead : undefined}
          />
        </aside>
      </main>
    </div>
  );
}
