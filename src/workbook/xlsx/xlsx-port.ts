/**
 * The workbook port over an ExcelJS workbook (.xlsx files: CLI, browser preview, tests).
 *
 * ExcelJS pitfalls handled here:
 * - Cells that share a style share one style *object* (after loading, and after copying a style), so setting
 *   `cell.fill` on one cell would repaint every cell with that style: `format` builds new style objects instead.
 * - ExcelJS evaluates nothing: formulas are written with the writer's known result as their cached value (or none)
 *   and `fullCalcOnLoad` is set, so Excel/LibreOffice compute them on open. Reading a formula cell gives its cached
 *   result, or null when there is none.
 * - Date cells come back as JS Dates; the port speaks Excel serial numbers (1900 or 1904 system, as the file says).
 * - ExcelJS cannot draw charts: the `chart` op is skipped (the layout writes the same data as cells).
 * - Expression conditional formats are written without stopIfTrue (ExcelJS does not emit the attribute); rules keep
 *   the order they were added in (first added = highest priority), so for the same property the first rule wins.
 */
/* eslint-disable office-addins/call-sync-before-read, office-addins/load-object-before-read --
   ExcelJS, not Office.js: its worksheet.getCell() looks like Office's to these rules, but nothing here is a proxy. */
import type * as ExcelJS from 'exceljs';
import {
  absoluteRefs,
  columnLetters,
  columnNumber,
  contains,
  formatCell,
  formatRange,
  intersects,
  isOwnedRuleFormula,
  parseCell,
  parseRange,
  quoteSheetName,
  RangeRef,
  splitSheetAddress,
} from '../a1';
import { xlsxText } from '../../i18n/xlsx';
import { UNSTORABLE_CHAR } from '../../plan/format';
import type { CellFormat, CellInput, CellValue, FontStyle, SheetSnapshot, WorkbookPort, WriteOp } from '../port';
import { WRITE_OP_KINDS } from '../port';
import {
  cellStoreOf,
  conditionalFormattingOptionsOf,
  dataValidationsOf,
  definedNameStoreOf,
  mergesOf,
  removeNote,
  rowBreaksOf,
  tablesOf,
} from './exceljs-internals';
import { DIRECT_OPS } from './direct-sheet';
import { assertNotReleased, deferredOf, journalOf, originOf, record, sheetWrites, stubbedOf } from './journal';
import { EXCEL_MAX_TEXT, XLSX_LIMITS, XlsxError, type XlsxLimits } from './limits';

const MS_PER_DAY = 86_400_000;
/** ExcelJS.ValueType.Formula (its enums are not on the type-only import). */
const ValueTypeFormula = 6;
/** Days between the serial-number epochs and 1970-01-01. */
const EPOCH_1900 = 25_569;
const EPOCH_1904 = 24_107;

const KNOWN_OPS = WRITE_OP_KINDS;

/** applyOne's answer for an op it left alone on purpose (a planner's own note). */
const SKIPPED = Symbol('skipped');


export interface XlsxPortOptions {
  /**
   * Sheets the tool writes whole (cleared whole, or added, in a batch) take their cell ops (clear, values,
   * fillFormula, format) as ops kept for the save, which renders them straight to XML (direct-sheet.ts) instead of
   * building ExcelJS cells: what makes `supply-plan check` of a large plan fast and small. Only for a workbook read
   * from a file (saved as a patch). Reading such a sheet, or a table or note op on it, first applies its kept ops to
   * ExcelJS as usual, so the port reads and writes exactly as without the option.
   */
  direct?: boolean;
}

export class XlsxPort implements WorkbookPort {
  constructor(
    readonly workbook: ExcelJS.Workbook,
    private readonly limits: Pick<XlsxLimits, 'maxSheetRows'> = XLSX_LIMITS,
    private readonly options: XlsxPortOptions = {},
  ) {}

  async sheetNames(): Promise<string[]> {
    return this.workbook.worksheets.map((ws) => ws.name);
  }

  /** The file's date system (workbookPr date1904); ExcelJS reads and writes JS Dates in it. */
  get date1904(): boolean {
    return Boolean(this.workbook.properties?.date1904);
  }

  async readSheets(names: string[]): Promise<Record<string, SheetSnapshot | undefined>> {
    assertNotReleased(this.workbook);
    const out: Record<string, SheetSnapshot | undefined> = {};
    for (const name of names) {
      const ws = this.findSheet(name);
      if (ws) this.flush(ws.name);
      out[name] = ws ? this.snapshot(ws) : undefined;
    }
    return out;
  }

  /** Whether the port keeps cell ops of whole-written sheets for the save (see XlsxPortOptions.direct). */
  private get directOn(): boolean {
    return Boolean(this.options.direct) && originOf(this.workbook) !== undefined;
  }

  /**
   * Take `op` as a kept op of a sheet written whole, if it is one (true), starting to keep a sheet's cell ops when it
   * is cleared whole or added (the ExcelJS sheet itself is cleared or added as usual). A table or note op on a kept
   * sheet first applies what was kept (both read or keep ExcelJS cells).
   */
  private defer(op: WriteOp): boolean {
    if (!this.directOn || !('sheet' in op)) return false;
    const kept = deferredOf(this.workbook);
    const key = op.sheet.toLowerCase();
    if (kept.has(key)) {
      if (DIRECT_OPS.has(op.kind) && !(op.kind === 'clear' && op.range === undefined)) {
        if (op.kind === 'values') checkFinite(op.at, op.rows);
        if (op.kind === 'fillFormula' || (op.kind === 'values' && op.rows.some((r) => r.some(isFormula)))) this.workbook.calcProperties.fullCalcOnLoad = true;
        kept.get(key)!.push(op);
        return true;
      }
      if (op.kind === 'table' || op.kind === 'note') this.flush(op.sheet);
      return false;
    }
    return false;
  }

  /** After op was applied to ExcelJS: a sheet cleared whole or newly added (without merged cells) starts keeping its cell ops. */
  private startDeferring(op: WriteOp, existed: boolean): void {
    if (!this.directOn) return;
    const whole = (op.kind === 'clear' && op.range === undefined) || (op.kind === 'addSheet' && !existed);
    if (!whole) return;
    const ws = this.findSheet(op.sheet);
    if (ws && !hasMerges(ws)) deferredOf(this.workbook).set(ws.name.toLowerCase(), []);
  }

  /** Apply a sheet's kept cell ops to ExcelJS, and stop keeping them. */
  private flush(sheet: string): void {
    const kept = deferredOf(this.workbook);
    const key = sheet.toLowerCase();
    const ops = kept.get(key);
    if (!ops) return;
    kept.delete(key);
    for (const op of ops) this.applyOne(op);
  }

  async apply(ops: WriteOp[]): Promise<void> {
    assertNotReleased(this.workbook);
    // Refuse a batch with an op we do not know before changing anything.
    const unknown = ops.find((op) => !KNOWN_OPS.has(op.kind));
    if (unknown) throw new Error(`XlsxPort: unsupported workbook operation "${unknown.kind}"`);
    // A batch that would grow a sheet past the row limit is refused whole, before it costs the memory.
    for (const op of ops) {
      const bottom = lastRowWritten(op);
      if (bottom > this.limits.maxSheetRows && 'sheet' in op) {
        throw new XlsxError('too-many-rows', xlsxText.sheetWouldGrow(op.sheet, bottom, this.limits.maxSheetRows));
      }
    }
    this.checkStubbed(ops);
    for (const op of ops) {
      // What each op touched is remembered, so a save patches the planner's file rather than rewriting it.
      if (this.defer(op)) {
        record(this.workbook, op);
        continue;
      }
      const existed = op.kind === 'addSheet' && this.findSheet(op.sheet) !== undefined;
      if (this.applyOne(op) !== SKIPPED) record(this.workbook, op);
      this.startDeferring(op, existed);
    }
  }

  /**
   * A sheet loaded without its cells (ReadOptions.rewriteWhole) takes writes only once cleared whole; a batch that
   * would write to one before is refused before anything changes (the save would lose the cells it never loaded).
   */
  private checkStubbed(ops: WriteOp[]): void {
    const stubbed = stubbedOf(this.workbook);
    if (!stubbed?.size) return;
    const cleared = new Set<string>();
    for (const op of ops) {
      if (!('sheet' in op) || op.kind === 'addSheet' || op.kind === 'activate') continue;
      const key = op.sheet.toLowerCase();
      if (!stubbed.has(key) || cleared.has(key)) continue;
      if (op.kind === 'clear' && op.range === undefined) cleared.add(key);
      else throw new Error(`XlsxPort: sheet "${op.sheet}" was loaded without its cells; clear it whole before writing to it`);
    }
    for (const key of cleared) stubbed.delete(key);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Reading

  private snapshot(ws: ExcelJS.Worksheet): SheetSnapshot {
    const date1904 = Boolean(this.workbook.properties?.date1904);
    let maxRow = 0;
    let maxCol = 0;
    const found: Array<{ row: number; col: number; value: CellValue }> = [];
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        // The other cells of a merged area report the top-left cell's value in ExcelJS; Excel shows them empty.
        if (cell.isMerged && cell.master !== cell) return;
        const value = toCellValue(cell.value, date1904);
        // A formula without a cached result reads as null but still belongs to the used range, as in Excel.
        if (value === null && cell.type !== ValueTypeFormula) return;
        if (value !== null) found.push({ row: r, col: c, value });
        maxRow = Math.max(maxRow, r);
        maxCol = Math.max(maxCol, c);
      });
    });
    const values: CellValue[][] = Array.from({ length: maxRow }, () => new Array<CellValue>(maxCol).fill(null));
    for (const f of found) values[f.row - 1][f.col - 1] = f.value;
    const numberFormats: string[][] = Array.from({ length: maxRow }, () => new Array<string>(maxCol).fill('General'));
    for (let r = 1; r <= maxRow; r++) {
      const row = ws.findRow(r);
      if (!row) continue;
      for (let c = 1; c <= maxCol; c++) {
        const fmt = row.findCell(c)?.numFmt;
        if (fmt) numberFormats[r - 1][c - 1] = fmt;
      }
    }
    return { name: ws.name, values, numberFormats, merges: mergeAddressesOf(ws) };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Writing

  private applyOne(op: WriteOp): void | typeof SKIPPED {
    switch (op.kind) {
      case 'addSheet': {
        if (this.findSheet(op.sheet)) return;
        const ws = this.workbook.addWorksheet(op.sheet);
        if (op.tabColor) ws.properties.tabColor = { argb: argb(op.tabColor) };
        return;
      }
      case 'clear':
        return this.clear(this.sheet(op), op.range);
      case 'values':
        return this.writeValues(this.sheet(op), op.at, op.rows);
      case 'fillFormula': {
        const ws = this.sheet(op);
        const r = parseRange(op.range);
        const f = stripEquals(op.formula);
        // One shared formula over the range (as Excel itself saves a filled column): the top-left cell holds the
        // formula, the others point at it. Writing a shifted copy into every cell made a 5,000-line check three
        // times slower and its file three times larger. Each cell still gets its own cached result.
        const single = r.top === r.bottom && r.left === r.right;
        const master = formatCell({ row: r.top, col: r.left });
        for (let row = r.top; row <= r.bottom; row++) {
          const results = op.results?.[row - r.top];
          const wsRow = ws.getRow(row);
          for (let col = r.left; col <= r.right; col++) {
            const result = cachedResult(results?.[col - r.left]);
            const cell = wsRow.getCell(col);
            if (single) cell.value = { formula: f, result };
            else if (row === r.top && col === r.left) cell.value = { formula: f, result, shareType: 'shared', ref: formatRange(r) } as ExcelJS.CellFormulaValue;
            else cell.value = { sharedFormula: master, result } as ExcelJS.CellSharedFormulaValue;
          }
        }
        this.workbook.calcProperties.fullCalcOnLoad = true;
        return;
      }
      case 'format':
        return this.format(this.sheet(op), op.range, op.format);
      case 'columnWidths': {
        const ws = this.sheet(op);
        for (const [col, width] of Object.entries(op.widths)) ws.getColumn(columnNumber(col)).width = width;
        return;
      }
      case 'clearConditionalFormats': {
        const ws = this.sheet(op);
        const ownedBy = op.ownedBy;
        if (!ownedBy) {
          ws.removeConditionalFormatting(undefined);
          return;
        }
        // Only the writer's own formula rules go; an entry left with none of its rules goes too.
        const mine = (rule: ExcelJS.ConditionalFormattingRule) =>
          rule.type === 'expression' && typeof rule.formulae?.[0] === 'string' && isOwnedRuleFormula(rule.formulae[0], ownedBy);
        const kept = conditionalFormattingOptionsOf(ws)
          .map((cf) => ({ ...cf, rules: cf.rules.filter((rule) => !mine(rule)) }))
          .filter((cf) => cf.rules.length > 0);
        ws.removeConditionalFormatting(undefined);
        for (const cf of kept) ws.addConditionalFormatting(cf);
        return;
      }
      case 'conditionalFormat': {
        const ws = this.sheet(op);
        const style: Partial<ExcelJS.Style> = {};
        if (op.format.fill) {
          // Differential (conditional) fills are read from bgColor by Excel; fgColor is set to the same colour so
          // readers that take the cell-fill convention (fgColor for solid fills) show the same thing.
          const color = { argb: argb(op.format.fill.color) };
          style.fill = { type: 'pattern', pattern: 'solid', fgColor: color, bgColor: color };
        }
        if (op.format.font) style.font = fontOf({}, op.format.font);
        // ExcelJS gives the differential format a <numFmt numFmtId formatCode> of its own.
        if (op.format.numberFormat !== undefined) style.numFmt = op.format.numberFormat;
        // After every rule already there (the planner's included), as Office puts ours; ExcelJS would give the first
        // rule without a priority the highest one in use, a tie with an existing rule.
        const existing = conditionalFormattingOptionsOf(ws);
        const priority = Math.max(0, ...existing.flatMap((cf) => cf.rules.map((rule) => rule.priority ?? 0))) + 1;
        ws.addConditionalFormatting({
          ref: formatRange(parseRange(op.range)),
          rules: [{ type: 'expression', priority, formulae: [stripEquals(op.formula)], style } as ExcelJS.ConditionalFormattingRule],
        });
        return;
      }
      case 'listValidation': {
        const ws = this.sheet(op);
        const target = parseRange(op.range);
        removeValidation(ws, target);
        dataValidationsOf(ws)[formatRange(target)] = {
          type: 'list',
          allowBlank: true,
          showErrorMessage: true,
          formulae: [listSource(op.source)],
        };
        return;
      }
      case 'clearValidation':
        return removeValidation(this.sheet(op), parseRange(op.range));
      case 'note': {
        const cell = this.sheet(op).getCell(formatCell(parseCell(op.cell)));
        const existing = noteText(cell.note);
        if (existing && op.ownedBy && !op.ownedBy.some((p) => existing.startsWith(p))) return SKIPPED; // the planner's own note
        if (op.text === null) {
          // ExcelJS has no public way to drop a note; the note lives in the cell's private _comment.
          removeNote(cell);
        } else {
          cell.note = fitText(op.text);
        }
        return;
      }
      case 'defineName':
        return this.defineName(op.name, op.ref);
      case 'freeze': {
        const ws = this.sheet(op);
        const prev = (ws.views[0] ?? {}) as Partial<ExcelJS.WorksheetView> & Record<string, unknown>;
        const keep = pick(prev, ['showGridLines', 'zoomScale', 'rightToLeft', 'showRowColHeaders', 'tabSelected']);
        const view =
          op.rows > 0 || op.columns > 0
            ? { ...keep, state: 'frozen', xSplit: op.columns, ySplit: op.rows, topLeftCell: formatCell({ row: op.rows + 1, col: op.columns + 1 }) }
            : { ...keep, state: 'normal' };
        ws.views = [view as Partial<ExcelJS.WorksheetView>];
        return;
      }
      case 'pageSetup': {
        const ws = this.sheet(op);
        const setup: Partial<ExcelJS.PageSetup> = {
          ...ws.pageSetup,
          orientation: op.landscape ? 'landscape' : 'portrait',
          paperSize: 9, // A4 in the OOXML paper-size table
        };
        if (op.fitToWidth) Object.assign(setup, { fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
        if (op.printArea) {
          // ExcelJS writes the print area as `'sheet'!$<first>:$<second>` — it adds "$" before each half but only
          // the column gets it; giving the rows a "$" here makes the defined name fully absolute ($A$1:$F$20).
          const r = parseRange(op.printArea);
          setup.printArea = `${columnLetters(r.left)}$${r.top}:${columnLetters(r.right)}$${r.bottom}`;
        }
        if (op.printTitleRows) setup.printTitlesRow = op.printTitleRows.replace(/\$/g, '');
        ws.pageSetup = setup;
        // &C: centred (the port's header is one centred text, as Office's centerHeader).
        if (op.header !== undefined) ws.headerFooter = { ...ws.headerFooter, oddHeader: `&C${op.header}` };
        if (op.footer !== undefined) ws.headerFooter = { ...ws.headerFooter, oddFooter: `&C${op.footer}` };
        return;
      }
      case 'rowBreaks': {
        const ws = this.sheet(op);
        // The save carries a loaded sheet's page breaks only when it takes the sheet whole from ExcelJS's rendering
        // (package-patch.ts): on a sheet patched cell by cell they would be lost without a word, so they are refused.
        const j = journalOf(this.workbook);
        if (j && originOf(this.workbook) && !sheetWrites(j, op.sheet)?.whole) {
          throw new Error(`XlsxPort: rowBreaks: sheet "${op.sheet}" must be cleared whole first (page breaks are kept only on sheets written whole)`);
        }
        // ExcelJS's row.addPageBreak() breaks after that row (<brk id="row">, ids counted from 0 for the row below).
        rowBreaksOf(ws).length = 0;
        for (const row of [...new Set(op.rows)].sort((a, b) => a - b)) if (row >= 2) ws.getRow(row - 1).addPageBreak();
        return;
      }
      case 'table':
        return this.table(this.sheet(op), op.name, op.range, op.style);
      case 'chart':
        // ExcelJS cannot draw charts; the layout always writes the chart's data as cells too.
        return;
      case 'activate':
        return this.activate(this.sheet(op), op.select);
      default:
        throw new Error(`XlsxPort: unsupported workbook operation "${(op as { kind: string }).kind}"`);
    }
  }

  private clear(ws: ExcelJS.Worksheet, range: string | undefined): void {
    if (range === undefined && !hasMerges(ws)) return dropCells(ws);
    const r: RangeRef = range
      ? parseRange(range)
      : { top: 1, left: 1, bottom: Math.max(ws.rowCount, 1), right: Math.max(ws.columnCount, 1) };
    const bottom = Math.min(r.bottom, ws.rowCount);
    for (let rowNo = r.top; rowNo <= bottom; rowNo++) {
      const row = ws.findRow(rowNo);
      if (!row) continue;
      const right = Math.min(r.right, row.cellCount);
      for (let c = r.left; c <= right; c++) {
        const cell = row.findCell(c);
        if (!cell) continue;
        if (!(cell.isMerged && cell.master !== cell)) cell.value = null;
        cell.style = {};
      }
    }
  }

  private writeValues(ws: ExcelJS.Worksheet, at: string, rows: CellInput[][]): void {
    const origin = parseCell(at);
    let formulas = false;
    rows.forEach((row, i) => {
      row.forEach((input, j) => {
        const cell = ws.getCell(origin.row + i, origin.col + j);
        // Excel keeps values only in a merged area's top-left cell; ExcelJS would write the others through to it.
        if (cell.isMerged && cell.master !== cell) return;
        if (isFormula(input)) {
          formulas = true;
          cell.value = formulaValue(stripEquals(input.formula), input.result);
        } else if (isError(input)) {
          cell.value = { error: input.error } as ExcelJS.CellErrorValue;
        } else if (typeof input === 'number' && !Number.isFinite(input)) {
          throw new Error(`XlsxPort: cannot write ${input} to ${formatCell({ row: origin.row + i, col: origin.col + j })}`);
        } else {
          // Strings stay strings: ExcelJS writes them as shared strings, never as formulas ("=1+1" stays text).
          cell.value = typeof input === 'string' ? fitText(input) : input;
        }
      });
    });
    if (formulas) this.workbook.calcProperties.fullCalcOnLoad = true;
  }

  private format(ws: ExcelJS.Worksheet, range: string, format: CellFormat): void {
    const r = parseRange(range);
    // Cells sharing a style object before keep sharing one (new) style object after: one clone per distinct style.
    const restyled = new Map<unknown, Partial<ExcelJS.Style>>();
    const thin = { style: 'thin' } as ExcelJS.Border;
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) {
        const cell = ws.getCell(row, col);
        const old = cell.style ?? {};
        let next = restyled.get(old);
        if (!next) {
          next = structuredClone(old) as Partial<ExcelJS.Style>;
          if (format.fill) next.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(format.fill.color) } };
          if (format.font) next.font = fontOf(next.font ?? {}, format.font);
          if (format.numberFormat !== undefined) next.numFmt = format.numberFormat;
          if (format.wrap !== undefined || format.horizontal || format.vertical) {
            const alignment: Partial<ExcelJS.Alignment> = { ...(next.alignment ?? {}) };
            if (format.wrap !== undefined) alignment.wrapText = format.wrap;
            if (format.horizontal) alignment.horizontal = format.horizontal;
            if (format.vertical) alignment.vertical = format.vertical;
            next.alignment = alignment;
          }
          if (format.border) next.border = { ...(next.border ?? {}), top: thin, left: thin, bottom: thin, right: thin };
          restyled.set(old, next);
        }
        cell.style = next;
      }
    }
  }

  private defineName(name: string, ref: string): void {
    const { sheet, address } = splitSheetAddress(ref);
    if (!sheet || address.includes(',')) {
      throw new Error(`XlsxPort: defineName "${name}": only a single sheet-qualified range is supported, got "${ref}"`);
    }
    const ws = this.findSheet(sheet);
    if (!ws) throw new Error(`XlsxPort: defineName "${name}": no sheet named "${sheet}"`);
    const store = definedNameStoreOf(this.workbook);
    for (const key of Object.keys(store.matrixMap)) {
      if (key.toLowerCase() === name.toLowerCase()) delete store.matrixMap[key];
    }
    store.add(`${quoteSheetName(ws.name)}!${absoluteRefs(address)}`, name);
  }

  private table(ws: ExcelJS.Worksheet, name: string, range: string, style: string | undefined): void {
    const r = parseRange(range);
    if (r.bottom === r.top) throw new Error(`XlsxPort: table "${name}" needs a header row and at least one data row (${range})`);
    // Table names are workbook-wide and case-insensitive: drop a table of that name wherever it is.
    for (const sheet of this.workbook.worksheets) {
      for (const t of tablesOf(sheet)) {
        if (t.name.toLowerCase() === name.toLowerCase()) sheet.removeTable(t.name);
      }
    }
    // ExcelJS writes a table's header and rows into the cells when it is added, so hand it what the cells already
    // hold. Headers must be unique, non-empty text, as Excel requires.
    const date1904 = Boolean(this.workbook.properties?.date1904);
    const seen = new Set<string>();
    const columns = [];
    for (let c = r.left; c <= r.right; c++) {
      const v = toCellValue(ws.getCell(r.top, c).value, date1904);
      let header = v === null || typeof v === 'object' ? '' : String(v).trim();
      if (!header) header = `Column${c - r.left + 1}`;
      let unique = header;
      for (let k = 2; seen.has(unique.toLowerCase()); k++) unique = `${header}${k}`;
      seen.add(unique.toLowerCase());
      columns.push({ name: unique, filterButton: true });
    }
    const rows: unknown[][] = [];
    for (let row = r.top + 1; row <= r.bottom; row++) {
      const values: unknown[] = [];
      for (let c = r.left; c <= r.right; c++) values.push(ws.getCell(row, c).value);
      rows.push(values);
    }
    ws.addTable({
      name,
      displayName: name,
      ref: formatCell({ row: r.top, col: r.left }),
      headerRow: true,
      totalsRow: false,
      style: { theme: (style ?? 'TableStyleMedium2') as ExcelJS.TableStyleProperties['theme'], showRowStripes: true },
      columns,
      rows,
    } as ExcelJS.TableProperties);
  }

  private activate(ws: ExcelJS.Worksheet, select: string | undefined): void {
    const sheets = this.workbook.worksheets;
    const index = sheets.indexOf(ws);
    const view = (this.workbook.views?.[0] ?? { x: 0, y: 0, width: 12000, height: 24000, visibility: 'visible' }) as ExcelJS.WorkbookView;
    this.workbook.views = [{ ...view, activeTab: index, firstSheet: Math.min(view.firstSheet ?? 0, index) }];
    // A second selected tab would open the workbook with sheets grouped: only the active sheet is selected.
    for (const sheet of sheets) {
      const v = (sheet.views[0] ?? { state: 'normal' }) as Partial<ExcelJS.WorksheetView> & { tabSelected?: boolean };
      const next: typeof v = { ...v, tabSelected: sheet === ws };
      if (sheet === ws && select) next.activeCell = formatCell(parseCell(select.split(':')[0]));
      sheet.views = [next as Partial<ExcelJS.WorksheetView>, ...sheet.views.slice(1)];
    }
  }

  // -------------------------------------------------------------------------------------------------------------

  /** Excel sheet names are case-insensitive. */
  private findSheet(name: string): ExcelJS.Worksheet | undefined {
    const lower = name.toLowerCase();
    return this.workbook.worksheets.find((ws) => ws.name.toLowerCase() === lower);
  }

  private sheet(op: { kind: string; sheet: string }): ExcelJS.Worksheet {
    const ws = this.findSheet(op.sheet);
    if (!ws) throw new Error(`XlsxPort: ${op.kind}: no sheet named "${op.sheet}"`);
    return ws;
  }
}

// ---------------------------------------------------------------------------------------------------------------

function isFormula(v: CellInput): v is { formula: string } {
  return typeof v === 'object' && v !== null && 'formula' in v;
}

/** What writeValues refuses (a number a cell cannot hold), refused when its op is kept for the save too. */
function checkFinite(at: string, rows: CellInput[][]): void {
  const origin = parseCell(at);
  rows.forEach((row, i) =>
    row.forEach((input, j) => {
      if (typeof input === 'number' && !Number.isFinite(input)) throw new Error(`XlsxPort: cannot write ${input} to ${formatCell({ row: origin.row + i, col: origin.col + j })}`);
    }),
  );
}

function isError(v: CellInput): v is { error: string } {
  return typeof v === 'object' && v !== null && 'error' in v;
}

/**
 * A formula cell. The writer's known result (if any) becomes the cached value, which viewers without a calculation
 * engine show; Excel and LibreOffice recalculate on open anyway (fullCalcOnLoad).
 */
function formulaValue(formula: string, result: CellValue | undefined): ExcelJS.CellFormulaValue {
  const cached = cachedResult(result);
  return cached === undefined ? ({ formula } as ExcelJS.CellFormulaValue) : { formula, result: cached };
}

/** A formula's known result as ExcelJS stores it (undefined: none). */
function cachedResult(result: CellValue | undefined): ExcelJS.CellFormulaValue['result'] {
  if (result === null || result === undefined) return undefined;
  if (typeof result === 'object') return { error: result.error } as ExcelJS.CellErrorValue;
  return typeof result === 'string' ? fitText(result) : result;
}

const UNSTORABLE = new RegExp(UNSTORABLE_CHAR.source, 'gu');

/**
 * Text as a cell can hold it. Characters XML cannot carry (control characters, unpaired surrogates, U+FFFE/U+FFFF)
 * would make a file that neither Excel nor this reader opens: they become U+FFFD "�". Excel refuses a cell over
 * 32,767 characters ("We found a problem with some content"): longer text is cut, ending with "…". Plan files are
 * held to both rules by the schema, so only generated text (a finding quoting a long input) is ever changed here.
 */
export function fitText(text: string): string {
  const clean = text.replace(UNSTORABLE, '\uFFFD');
  if (clean.length <= EXCEL_MAX_TEXT) return clean;
  let cut = EXCEL_MAX_TEXT - 1;
  // Do not split a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(clean[cut - 1])) cut--;
  return `${clean.slice(0, cut)}…`;
}

/** The last row an op writes cells to (0 for ops that write no cells). */
function lastRowWritten(op: WriteOp): number {
  switch (op.kind) {
    case 'values':
      return parseCell(op.at).row + Math.max(op.rows.length, 1) - 1;
    case 'fillFormula':
    case 'format':
    case 'table':
      return parseRange(op.range).bottom;
    case 'note':
      return parseCell(op.cell).row;
    default:
      return 0;
  }
}

/** A cell note's text, whether ExcelJS holds it as a string or as rich text. */
function noteText(note: ExcelJS.Cell['note'] | undefined): string {
  if (!note) return '';
  if (typeof note === 'string') return note;
  return (note.texts ?? []).map((t) => t.text).join('');
}

function stripEquals(formula: string): string {
  return formula.startsWith('=') ? formula.slice(1) : formula;
}

/** "#1F4E78" → "FF1F4E78" (ExcelJS wants ARGB). */
export function argb(color: string): string {
  const m = /^#?([0-9a-fA-F]{6})$/.exec(color.trim());
  if (!m) throw new Error(`not a colour "#RRGGBB": "${color}"`);
  return `FF${m[1].toUpperCase()}`;
}

function fontOf(base: Partial<ExcelJS.Font>, font: FontStyle): Partial<ExcelJS.Font> {
  const next: Partial<ExcelJS.Font> = { ...base };
  if (font.bold !== undefined) next.bold = font.bold;
  if (font.italic !== undefined) next.italic = font.italic;
  if (font.size !== undefined) next.size = font.size;
  if (font.color !== undefined) next.color = { argb: argb(font.color) };
  return next;
}

function pick<T extends object>(o: T, keys: string[]): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if ((o as Record<string, unknown>)[k] !== undefined) out[k] = (o as Record<string, unknown>)[k];
  return out as Partial<T>;
}

/** An ExcelJS cell value → what the port reads: serials for dates, plain text for rich text, formula results. */
export function toCellValue(v: unknown, date1904: boolean): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'string') return v;
  if (v instanceof Date) return dateToSerial(v, date1904);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('error' in o) return { error: String(o.error) };
    if ('formula' in o || 'sharedFormula' in o) return o.result === undefined ? null : toCellValue(o.result, date1904);
    if (Array.isArray(o.richText)) return (o.richText as Array<{ text: string }>).map((t) => t.text).join('');
    if ('hyperlink' in o || 'text' in o) return toCellValue(o.text, date1904);
  }
  return String(v);
}

/** A JS Date (as ExcelJS builds it: the cell's wall-clock time in UTC) → Excel serial number, to the millisecond. */
export function dateToSerial(d: Date, date1904: boolean): number {
  const ms = d.getTime() + (date1904 ? EPOCH_1904 : EPOCH_1900) * MS_PER_DAY;
  const serial = ms / MS_PER_DAY;
  // Whole days come out exact; keep fractions from picking up binary noise beyond a millisecond.
  return Number.isInteger(serial) ? serial : Math.round(serial * 1e10) / 1e10;
}

/** The cell store's shape, for the codec (it lives with the other ExcelJS internals). */
export type { CellStore } from './exceljs-internals';

function hasMerges(ws: ExcelJS.Worksheet): boolean {
  return Object.keys(mergesOf(ws)).length > 0;
}

/**
 * Clear a whole sheet (one we generate and rewrite whole, such as the results): its cells are dropped rather than
 * blanked one by one, so the rewrite builds each cell once and the old ones go at once (a 5,000-line results sheet
 * has 400,000). A cell with a note keeps its note, blanked, as a cell-by-cell clear would leave it. Rows (heights)
 * and columns (widths) stay. Only for sheets without merged cells: ExcelJS marks a merge in its cells.
 */
function dropCells(ws: ExcelJS.Worksheet): void {
  for (const row of cellStoreOf(ws)) {
    if (!row) continue;
    const kept: Array<ExcelJS.Cell | undefined> = [];
    row._cells.forEach((cell, i) => {
      if (!cell || !cell.note) return;
      cell.value = null;
      cell.style = {};
      kept[i] = cell;
    });
    row._cells = kept;
  }
}

function mergeAddressesOf(ws: ExcelJS.Worksheet): string[] {
  return Object.values(mergesOf(ws)).map((m) => String(m.shortRange ?? m.range));
}

/**
 * Remove data validation from `target`. Rules are kept per address key (a cell, or a range we wrote as one rule);
 * a rule that only partly overlaps keeps the parts outside the target as up to four rectangles.
 */
function removeValidation(ws: ExcelJS.Worksheet, target: RangeRef): void {
  const model = dataValidationsOf(ws);
  for (const key of Object.keys(model)) {
    const rule = model[key];
    if (!rule) {
      // ExcelJS's remove() leaves undefined behind, which its writer cannot render.
      delete model[key];
      continue;
    }
    const parts = key.split(/\s+/).filter(Boolean);
    const rects = parts.map(parseRange);
    if (!rects.some((r) => intersects(r, target))) continue;
    delete model[key];
    for (const r of rects) {
      for (const rest of subtract(r, target)) model[formatRange(rest)] = rule;
    }
  }
}

/** r minus cut, as at most four rectangles (above, below, left, right). */
export function subtract(r: RangeRef, cut: RangeRef): RangeRef[] {
  if (!intersects(r, cut)) return [r];
  if (contains(cut, r)) return [];
  const out: RangeRef[] = [];
  if (r.top < cut.top) out.push({ ...r, bottom: cut.top - 1 });
  if (r.bottom > cut.bottom) out.push({ ...r, top: cut.bottom + 1 });
  const top = Math.max(r.top, cut.top);
  const bottom = Math.min(r.bottom, cut.bottom);
  if (r.left < cut.left) out.push({ top, bottom, left: r.left, right: cut.left - 1 });
  if (r.right > cut.right) out.push({ top, bottom, left: cut.right + 1, right: r.right });
  return out;
}

/** A list validation's formula1: a range formula, or a quoted comma-separated literal list (max 255 characters). */
function listSource(source: { formula: string } | { values: string[] }): string {
  if ('formula' in source) return stripEquals(source.formula);
  for (const v of source.values) {
    if (v.includes(',') || v.includes('"')) throw new Error(`list validation: a literal item cannot hold "," or '"': "${v}"`);
  }
  const list = source.values.join(',');
  if (list.length > 255) throw new Error('list validation: a literal list is limited to 255 characters; use a range');
  return `"${list}"`;
}

