/**
 * What the .xlsx adapter needs to remember about a workbook it read from a file, so that saving it can patch the
 * original package instead of re-serialising it: the original archive, and a compact record of what the write ops
 * touched, sheet by sheet (which cells, which conditional-format rules, drop-downs, notes, column widths …).
 *
 * The record is kept beside the ExcelJS workbook (a WeakMap), not in it: ExcelJS stays the model the port reads
 * and writes, and a workbook made from scratch (no original) is saved by ExcelJS as before.
 */
import type * as ExcelJS from 'exceljs';
import { isOwnedRuleFormula, parseCell, parseRange, type RangeRef } from '../a1';
import type { ConditionalStyle, WriteOp } from '../port';
import type { ZipEntry } from './zip-scan';

/** The package a workbook was read from. */
export interface Origin {
  bytes: Uint8Array;
  entries: ZipEntry[];
  /** 'xlsm' when the workbook part is macro-enabled (its content type says so). */
  kind: PackageKind;
}

export type PackageKind = 'xlsx' | 'xlsm';

export interface ConditionalRule {
  range: string;
  formula: string;
  format: ConditionalStyle;
}

export interface SheetJournal {
  /** Cleared whole at some point: the sheet is the tool's, and is written whole. */
  whole: boolean;
  /** Rectangles whose cells the tool wrote, formatted or cleared. */
  cells: RangeRef[];
  /**
   * Those of `cells` whose values or formulas the tool wrote or cleared (values, fillFormula, clear). A cell in
   * `cells` and in none of these was only formatted: it keeps the planner's value or formula as written.
   */
  content: RangeRef[];
  /** Conditional formats: the tool's rules were cleared (ownedBy: only those; null: all), then these added. */
  cfCleared: { ownedBy: readonly string[] | null } | null;
  cfAdded: ConditionalRule[];
  /** Drop-down lists, in order: a source sets a list on the range, none removes validation from it. */
  validations: Array<{ range: RangeRef; source: string | null }>;
  /** Cells whose note the tool set or removed (a planner's own note is never among them). */
  notes: Set<string>;
  widths: Record<string, number>;
  /** Tables the tool (re)defined on the sheet. */
  tables: Array<{ name: string; range: string }>;
  /** freeze / pageSetup ops: those elements are taken from the tool's rendering of the sheet. */
  views: boolean;
  pageSetup: boolean;
}

export interface WorkbookJournal {
  sheets: Map<string, SheetJournal>;
  /** Workbook-scoped names the tool defined (name → sheet-qualified reference). */
  names: Map<string, string>;
  /** Formulas were written: the file asks to be recalculated on open, and calcChain.xml goes. */
  formulas: boolean;
}

const origins = new WeakMap<ExcelJS.Workbook, Origin>();
const journals = new WeakMap<ExcelJS.Workbook, WorkbookJournal>();

export function setOrigin(workbook: ExcelJS.Workbook, origin: Origin): void {
  origins.set(workbook, origin);
  journals.set(workbook, { sheets: new Map(), names: new Map(), formulas: false });
}

/**
 * Cell ops on sheets the tool writes whole, kept as ops rather than applied to ExcelJS cells, by sheet (lower case):
 * the save renders them straight to the sheet's XML (direct-sheet.ts). See XlsxPort's `direct` option.
 */
const deferred = new WeakMap<ExcelJS.Workbook, Map<string, WriteOp[]>>();

export function deferredOf(workbook: ExcelJS.Workbook): Map<string, WriteOp[]> {
  let m = deferred.get(workbook);
  if (!m) deferred.set(workbook, (m = new Map()));
  return m;
}

/** Sheets loaded without their cells (stub-sheets.ts), lower case: to be cleared whole before anything is written. */
const stubs = new WeakMap<ExcelJS.Workbook, Set<string>>();

export function setStubbed(workbook: ExcelJS.Workbook, sheets: readonly string[]): void {
  if (sheets.length) stubs.set(workbook, new Set(sheets.map((s) => s.toLowerCase())));
}

/** The sheets of `workbook` still without their cells (none once each has been cleared whole). */
export function stubbedOf(workbook: ExcelJS.Workbook): Set<string> | undefined {
  return stubs.get(workbook);
}

/** Workbooks a save let go of (PatchOptions.release): their cells are gone, and they are refused from then on. */
const released = new WeakSet<ExcelJS.Workbook>();

export function setReleased(workbook: ExcelJS.Workbook): void {
  released.add(workbook);
}

/** Refuse a workbook a save let go of (reading or saving it would give a sheet without most of its cells). */
export function assertNotReleased(workbook: ExcelJS.Workbook): void {
  if (released.has(workbook)) throw new Error('the workbook was let go by its save (release): load the file again to use it');
}

export function originOf(workbook: ExcelJS.Workbook): Origin | undefined {
  return origins.get(workbook);
}

export function journalOf(workbook: ExcelJS.Workbook): WorkbookJournal | undefined {
  return journals.get(workbook);
}

/** Whether the workbook came from a macro-enabled file (.xlsm); a new workbook is a plain .xlsx. */
export function packageKind(workbook: ExcelJS.Workbook): PackageKind {
  return origins.get(workbook)?.kind ?? 'xlsx';
}

function sheetJournal(j: WorkbookJournal, sheet: string): SheetJournal {
  const key = sheet.toLowerCase();
  let s = j.sheets.get(key);
  if (!s) {
    s = { whole: false, cells: [], content: [], cfCleared: null, cfAdded: [], validations: [], notes: new Set(), widths: {}, tables: [], views: false, pageSetup: false };
    j.sheets.set(key, s);
  }
  return s;
}

/** The journal entry of a sheet, if the tool wrote to it (name matched case-insensitively). */
export function sheetWrites(j: WorkbookJournal, sheet: string): SheetJournal | undefined {
  return j.sheets.get(sheet.toLowerCase());
}

/** Remember what an op the port has just applied touched. A note op the port skipped (a planner's note) is not recorded. */
export function record(workbook: ExcelJS.Workbook, op: WriteOp): void {
  const j = journals.get(workbook);
  if (!j) return;
  switch (op.kind) {
    case 'addSheet':
      sheetJournal(j, op.sheet);
      return;
    case 'clear': {
      const s = sheetJournal(j, op.sheet);
      if (op.range === undefined) s.whole = true;
      else {
        s.cells.push(parseRange(op.range));
        s.content.push(parseRange(op.range));
      }
      return;
    }
    case 'values': {
      const at = parseCell(op.at);
      const width = Math.max(0, ...op.rows.map((r) => r.length));
      if (op.rows.length && width) {
        const s = sheetJournal(j, op.sheet);
        const rect = { top: at.row, left: at.col, bottom: at.row + op.rows.length - 1, right: at.col + width - 1 };
        s.cells.push(rect);
        s.content.push(rect);
      }
      if (op.rows.some((r) => r.some((v) => typeof v === 'object' && v !== null && 'formula' in v))) j.formulas = true;
      return;
    }
    case 'fillFormula':
      j.formulas = true;
      sheetJournal(j, op.sheet).cells.push(parseRange(op.range));
      sheetJournal(j, op.sheet).content.push(parseRange(op.range));
      return;
    case 'format':
      sheetJournal(j, op.sheet).cells.push(parseRange(op.range));
      return;
    case 'columnWidths':
      Object.assign(sheetJournal(j, op.sheet).widths, op.widths);
      return;
    case 'clearConditionalFormats': {
      const s = sheetJournal(j, op.sheet);
      const ownedBy = op.ownedBy ?? null;
      s.cfAdded = ownedBy ? s.cfAdded.filter((r) => !isOwnedRuleFormula(r.formula.replace(/^=/, ''), ownedBy)) : [];
      // Two clears: the wider one counts.
      const before = s.cfCleared;
      if (!before) s.cfCleared = { ownedBy };
      else if (before.ownedBy === null || ownedBy === null) s.cfCleared = { ownedBy: null };
      else s.cfCleared = { ownedBy: [...before.ownedBy, ...ownedBy] };
      return;
    }
    case 'conditionalFormat':
      sheetJournal(j, op.sheet).cfAdded.push({ range: op.range, formula: op.formula, format: op.format });
      return;
    case 'listValidation':
      sheetJournal(j, op.sheet).validations.push({ range: parseRange(op.range), source: listSourceText(op.source) });
      return;
    case 'clearValidation':
      sheetJournal(j, op.sheet).validations.push({ range: parseRange(op.range), source: null });
      return;
    case 'note':
      sheetJournal(j, op.sheet).notes.add(op.cell.replace(/\$/g, '').toUpperCase());
      return;
    case 'defineName':
      j.names.set(op.name, op.ref);
      return;
    case 'freeze':
      sheetJournal(j, op.sheet).views = true;
      return;
    case 'pageSetup':
      sheetJournal(j, op.sheet).pageSetup = true;
      return;
    case 'table':
      sheetJournal(j, op.sheet).tables.push({ name: op.name, range: op.range });
      return;
    case 'rowBreaks':
      // Only on a sheet written whole (the port refuses it otherwise): the sheet comes from ExcelJS's rendering.
      sheetJournal(j, op.sheet);
      return;
    case 'chart':
    case 'activate':
      // Nothing in the package: ExcelJS draws no charts, and which tab is active stays the planner's choice.
      return;
  }
}

/** A list validation's formula1, as the port writes it (a range formula, or a quoted literal list). */
function listSourceText(source: { formula: string } | { values: string[] }): string {
  return 'formula' in source ? source.formula.replace(/^=/, '') : `"${source.values.join(',')}"`;
}

/**
 * Let go of the original package: the next save writes the workbook whole with ExcelJS, as a new one. For code that
 * edits the ExcelJS workbook directly rather than through XlsxPort (tests building a fixture from a saved file):
 * such edits are not in the journal, so a patch would not carry them.
 */
export function forgetOrigin(workbook: ExcelJS.Workbook): void {
  // A sheet loaded without its cells and not rewritten would be saved empty: only the patch keeps it.
  if (stubs.get(workbook)?.size) throw new Error('forgetOrigin: the workbook was loaded without the cells of some sheets; it can only be saved as a patch');
  if (deferred.get(workbook)?.size) throw new Error('forgetOrigin: some sheets were written as deferred ops (XlsxPort direct); they can only be saved as a patch');
  origins.delete(workbook);
  journals.delete(workbook);
}
