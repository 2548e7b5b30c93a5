/**
 * Every place we reach past ExcelJS's published types, in one module. ExcelJS keeps conditional formats, merges,
 * data validations, defined names, column definitions, sheet protection, notes and the cell store in fields its
 * type definitions do not declare (or declare differently); the .xlsx adapter and the preview read them through
 * these accessors, never with casts of their own. test/workbook/exceljs-internals.test.ts checks each field against
 * ExcelJS's public API, so an ExcelJS upgrade that moves one fails there, loudly, not as a blank grid.
 */
import type * as ExcelJS from 'exceljs';

/** A conditional-format rule as ExcelJS keeps it in memory (looser than its type definitions). */
export interface ConditionalRuleModel {
  type: string;
  formulae?: unknown[];
  operator?: string;
  text?: string;
  style?: Partial<ExcelJS.Style>;
  priority?: number;
  stopIfTrue?: boolean;
}

/** One block of conditional formats: the ranges ("A1:B2 D4") and their rules. */
export interface ConditionalFormattingBlock {
  ref: string;
  rules: ConditionalRuleModel[];
}

/** A merged area as ExcelJS keeps it: its rectangle, and its address ("B2:D3"). */
export interface MergeEntry {
  model: { top: number; left: number; bottom: number; right: number };
  range?: string;
  shortRange?: string;
}

/** The parts of ExcelJS's worksheet and row that hold the cells (not in its type definitions). */
export interface CellStore {
  _rows: Array<{ _cells: Array<ExcelJS.Cell | undefined> } | undefined>;
}

/** ExcelJS's defined-name store (matrixMap is not in its type definitions). */
export interface DefinedNameStore {
  matrixMap: Record<string, unknown>;
  add(location: string, name: string): void;
}

type Internal<T> = T & Record<string, unknown>;

function internal<T extends object>(o: T): Internal<T> {
  return o as Internal<T>;
}

/** worksheet.conditionalFormattings: the sheet's conditional formats, in the order they were added (live array). */
export function conditionalFormattingsOf(ws: ExcelJS.Worksheet): ConditionalFormattingBlock[] {
  const blocks = internal(ws).conditionalFormattings as ConditionalFormattingBlock[] | undefined;
  if (!Array.isArray(blocks)) throw new Error('ExcelJS: worksheet.conditionalFormattings is missing (ExcelJS changed?)');
  return blocks;
}

/**
 * A rule's number format code: ExcelJS keeps the one a rule was given as a string (style.numFmt), and the one it
 * read from a file's differential format as { id, formatCode }.
 */
export function ruleNumberFormatOf(rule: ConditionalRuleModel): string | undefined {
  const f = rule.style?.numFmt as unknown;
  if (typeof f === 'string') return f;
  if (f && typeof f === 'object' && typeof (f as { formatCode?: unknown }).formatCode === 'string') return (f as { formatCode: string }).formatCode;
  return undefined;
}

/** The same blocks typed for writing back (ExcelJS's own option type, for the adapter's patches). */
export function conditionalFormattingOptionsOf(ws: ExcelJS.Worksheet): ExcelJS.ConditionalFormattingOptions[] {
  return conditionalFormattingsOf(ws) as unknown as ExcelJS.ConditionalFormattingOptions[];
}

/** worksheet._merges: master address → merged area. Reading `ws.model` instead would serialise the whole sheet. */
export function mergesOf(ws: ExcelJS.Worksheet): Record<string, MergeEntry> {
  const merges = internal(ws)._merges as Record<string, MergeEntry> | undefined;
  if (!merges || typeof merges !== 'object') throw new Error('ExcelJS: worksheet._merges is missing (ExcelJS changed?)');
  return merges;
}

/** worksheet._rows[…]._cells: the cell store, row by row (sparse), for passes over every cell without creating any. */
export function cellStoreOf(ws: ExcelJS.Worksheet): CellStore['_rows'] {
  const rows = internal(ws)._rows as CellStore['_rows'] | undefined;
  if (!Array.isArray(rows)) throw new Error('ExcelJS: worksheet._rows is missing (ExcelJS changed?)');
  return rows;
}

/** worksheet.dataValidations.model: address key ("B3", "B3:B9") → rule (a live object: edits change the sheet). */
export function dataValidationsOf(ws: ExcelJS.Worksheet): Record<string, ExcelJS.DataValidation | undefined> {
  const store = internal(ws).dataValidations as { model?: Record<string, ExcelJS.DataValidation | undefined> } | undefined;
  if (!store?.model) throw new Error('ExcelJS: worksheet.dataValidations.model is missing (ExcelJS changed?)');
  return store.model;
}

/** workbook.definedNames as a store that can drop a name (matrixMap) and add one. */
export function definedNameStoreOf(workbook: ExcelJS.Workbook): DefinedNameStore {
  const store = workbook.definedNames as unknown as DefinedNameStore;
  if (!store?.matrixMap) throw new Error('ExcelJS: workbook.definedNames.matrixMap is missing (ExcelJS changed?)');
  return store;
}

/** workbook.definedNames.model: every defined name with its ranges ("'計画'!$B$5:$B$9"). */
export function definedNamesOf(workbook: ExcelJS.Workbook): { name: string; ranges: string[] }[] {
  return (workbook.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model ?? [];
}

/** worksheet._columns: the column definitions that exist, without creating any (ws.getColumn would). */
export function columnsOf(ws: ExcelJS.Worksheet): (ExcelJS.Column | undefined)[] {
  return (internal(ws)._columns as (ExcelJS.Column | undefined)[] | undefined) ?? [];
}

/** worksheet.sheetProtection.sheet: whether the sheet is protected (locked cells cannot be edited). */
export function isSheetProtected(ws: ExcelJS.Worksheet): boolean {
  return Boolean((internal(ws).sheetProtection as { sheet?: boolean } | undefined)?.sheet);
}

/** cell._comment: ExcelJS has no public way to drop a note. */
export function removeNote(cell: ExcelJS.Cell): void {
  internal(cell)._comment = undefined;
}

/** worksheet.getTables(): its typings promise [table, model] pairs; it returns the tables, each with a name. */
export function tablesOf(ws: ExcelJS.Worksheet): { name: string }[] {
  return ws.getTables() as unknown as { name: string }[];
}

/**
 * worksheet.rowBreaks: the sheet's manual page breaks (live array; row.addPageBreak() pushes to it, the worksheet's
 * model renders it as <rowBreaks>). Typed on ExcelJS's WorksheetModel only, not on Worksheet.
 */
export function rowBreaksOf(ws: ExcelJS.Worksheet): ExcelJS.RowBreak[] {
  const breaks = internal(ws).rowBreaks as ExcelJS.RowBreak[] | undefined;
  if (!Array.isArray(breaks)) throw new Error('ExcelJS: worksheet.rowBreaks is missing (ExcelJS changed?)');
  return breaks;
}
