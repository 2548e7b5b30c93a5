/**
 * The preview's workbook chunk: ExcelJS and everything that needs a workbook in memory — the .xlsx codec and port,
 * the pane's actions over it (the same `createWorkbookActions` the add-in uses over Office.js), the sample laid out
 * by the real layout, and the grid's edits. Loaded after the page's first paint (workbooks.ts, session.ts).
 */
import type * as ExcelJS from 'exceljs';
import type { Lang } from '../i18n/format';
import { isDateNumberFormat } from '../number-format';
import { parsePlan } from '../plan/parse';
import { createWorkbookActions } from '../taskpane/workbook-actions';
import { TOOL_VERSION } from '../version';
import { formatCell, parseCell } from '../workbook/a1';
import { createPlanWorkbook } from '../workbook/layout';
import type { WorkbookPort, WriteOp } from '../workbook/port';
import { createWorkbook, packageKind, readXlsx, writeXlsx } from '../workbook/xlsx/codec';
import { XlsxPort } from '../workbook/xlsx/xlsx-port';
import samplePlan from '../../examples/sample-plan.json';
import { parseCellInput } from './cell-input';
import { EditHistory } from './edit-history';
import type { LoadedWorkbook, WriteListener } from './session';
import { activeSheetName, formulaContext, visibleSheets } from './sheet-model';

/** The session's side of a workbook in memory: its port observed by `onWrite`, the pane's actions over it. */
export function loadedWorkbook(workbook: ExcelJS.Workbook, lang: () => Lang, onWrite: WriteListener): LoadedWorkbook {
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
        onWrite(ops);
      }
    },
  };
  /** Edits made in the grid, for Ctrl+Z; another workbook starts an empty history. */
  const history = new EditHistory();

  return {
    workbook,
    port,
    actions: createWorkbookActions(port, { version: TOOL_VERSION, lang }),
    visibleSheets: () => visibleSheets(workbook),
    initialSheet() {
      const sheets = visibleSheets(workbook);
      const active = activeSheetName(workbook);
      return active && sheets.includes(active) ? active : (sheets[0] ?? '');
    },
    async editCells(sheetName, address, typed, exclusive) {
      const ws = workbook.getWorksheet(sheetName);
      if (!ws || typed.length === 0) return null;
      const start = parseCell(address);
      const context = formulaContext(workbook, ws);
      const ops: WriteOp[] = [];
      const rows = typed.map((row, r) =>
        row.map((text, c) => {
          const at = { row: start.row + r, col: start.col + c };
          const parsed = parseCellInput(text, context, at);
          if (parsed.date && !isDateNumberFormat(ws.findRow(at.row)?.findCell(at.col)?.numFmt)) {
            ops.push({ kind: 'format', sheet: sheetName, range: formatCell(at), format: { numberFormat: 'yyyy-mm-dd' } });
          }
          return parsed.value;
        }),
      );
      const width = Math.max(...rows.map((r) => r.length));
      const block = rows.map((r) => [...r, ...Array<null>(width - r.length).fill(null)]);
      await exclusive(async () => {
        history.record(workbook, sheetName, address, block.length, width);
        await port.apply([{ kind: 'values', sheet: sheetName, at: address, rows: block }, ...ops]);
      });
      const last = formatCell({ row: start.row + block.length - 1, col: start.col + width - 1 });
      return last === address ? address : `${address}:${last}`;
    },
    async undo(exclusive) {
      const ops = history.takeUndo();
      if (!ops) return false;
      await exclusive(() => port.apply(ops));
      return true;
    },
    async save() {
      // writeXlsx patches the file that was opened (its charts, macros … kept): a macro workbook keeps its type.
      return { bytes: await writeXlsx(workbook), kind: packageKind(workbook) };
    },
  };
}

/** An empty workbook with one blank sheet, as Excel opens a new one. */
export function openBlank(lang: () => Lang, sheetName: string, onWrite: WriteListener): LoadedWorkbook {
  const workbook = createWorkbook();
  workbook.addWorksheet(sheetName);
  return loadedWorkbook(workbook, lang, onWrite);
}

/** The sample plan (examples/sample-plan.json), laid out in `sheetLang` by the same code the add-in uses. */
export async function openSample(lang: () => Lang, sheetLang: Lang, onWrite: WriteListener): Promise<LoadedWorkbook> {
  const parsed = parsePlan(samplePlan);
  if (!parsed.ok) throw new Error(`examples/sample-plan.json: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  // Laid out before anyone listens: the sample's own writes are not edits to redraw for.
  let laidOut = false;
  const book = loadedWorkbook(createWorkbook(), lang, (ops) => laidOut && onWrite(ops));
  await createPlanWorkbook(book.port, { lang: sheetLang, plan: parsed.plan });
  laidOut = true;
  return book;
}

/** A file the user picked, read as .xlsx (or .xlsm); its package kind comes with it. */
export async function openFile(bytes: Uint8Array, fileName: string, lang: () => Lang, onWrite: WriteListener): Promise<{ book: LoadedWorkbook; kind: 'xlsx' | 'xlsm' }> {
  const workbook = await readXlsx(bytes, fileName);
  return { book: loadedWorkbook(workbook, lang, onWrite), kind: packageKind(workbook) };
}
