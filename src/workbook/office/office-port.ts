/**
 * The workbook port over Office.js (the Excel add-in). Every Excel call of the product lives in this folder.
 *
 * Round trips (context.sync) are what make an add-in slow, so the adapter queues everything it can and syncs as
 * little as the API allows:
 * - sheetNames(): 1 sync.
 * - readSheets(names): at most 2 syncs whatever the number of sheets — one to learn which sheets exist
 *   (getItemOrNullObject), one to load their used ranges and merged areas. Methods are never called on a possibly
 *   null worksheet before its isNullObject is known: what Office does with queued calls on a null object is not
 *   documented, so the adapter does not depend on it.
 * - apply(ops): the writes go out in as few syncs as Excel on the web's 5 MB request limit allows (a byte budget,
 *   4.5 MB by default; a typical batch is one request). Ops whose Office call depends on what already exists —
 *   addSheet (no-op if the sheet exists), defineName / table / chart (replaced when they exist), note (replaced) —
 *   need a read first: one "probe" sync loads the sheet, name and table lists, plus a second one for existing
 *   charts/notes on existing sheets when the batch has chart or note ops. Batches without such ops skip the probe.
 * - clearConditionalFormats with `ownedBy` deletes only the writer's own rules, so it must know each rule's type and,
 *   for custom ones, its formula — two steps, since loading `custom` on another type fails the request. A read just
 *   before the write loads the types (with the used ranges, no extra sync), the write's probe sync (the one that
 *   looks for notes) the formulas; without such a read the types and formulas cost one sync each. A check stays 2
 *   syncs to read and 2 to write.
 *
 * Office.js pitfalls handled here:
 * - A string written to a cell is parsed like typed input ("=1+1" becomes a formula, "1-2" or "2024-04-01" a date,
 *   "001" the number 1). Every non-empty string is therefore written with a leading apostrophe, Excel's text marker:
 *   the cell holds the text as given and the apostrophe is not part of its value.
 * - In a 2-D values/formulas array, null means "leave this cell as it is"; a port blank (null) is written as "".
 * - `formulasR1C1` / `numberFormat` take a single (non-array) value for a whole range; the typings only admit
 *   `any[][]`, hence a cast. This keeps fillFormula and a number format over 20,000 rows one tiny request.
 * - A new conditional format is added at the *top* priority; each one is moved to the bottom after it is set up, so
 *   the port's "first added wins" holds.
 * - Enum values are passed as their string literals ("Custom", "Line", "A4"): the `Excel` global's enums do not
 *   exist outside the add-in's runtime.
 */
import {
  formatRange,
  formulaToR1C1,
  isOwnedRuleFormula,
  parseCell,
  parseRange,
  rangeAt,
  rangeSize,
  splitSheetAddress,
} from '../a1';
import type { CellFormat, CellInput, CellValue, SheetSnapshot, WorkbookPort, WriteOp } from '../port';
import { WRITE_OP_KINDS } from '../port';
import { ExcelHostError, toExcelHostError } from './errors';

/** Excel.run, or a stand-in with its shape (the fake in tests). */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficePortOptions {
  /** Largest request (bytes) one sync may carry; Excel on the web rejects requests over 5 MB. */
  maxRequestBytes?: number;
  /**
   * Requirement-set check, e.g. ("ExcelApi", "1.18") for notes. Defaults to Office.context.requirements.isSetSupported
   * when Office.js is loaded, otherwise true.
   */
  supports?: (api: string, version: string) => boolean;
}

export const DEFAULT_MAX_REQUEST_BYTES = 4.5 * 1024 * 1024;

/** What one queued action costs in a request besides its arguments (object paths, action ids, JSON framing). */
const ACTION_OVERHEAD_BYTES = 256;

/** Priority beyond the bounds: Office clamps it to the lowest priority (the back of the list). */
const LOWEST_PRIORITY = 1_000_000;

/** Error strings Office returns in `values` for error cells. */
const ERROR_STRINGS = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
  '#SPILL!',
  '#CALC!',
  '#BUSY!',
  '#BLOCKED!',
  '#CONNECT!',
  '#FIELD!',
  '#UNKNOWN!',
]);

const KNOWN_OPS = WRITE_OP_KINDS;

function defaultSupports(api: string, version: string): boolean {
  const office = (globalThis as { Office?: { context?: { requirements?: { isSetSupported?: (a: string, v: string) => boolean } } } }).Office;
  try {
    return office?.context?.requirements?.isSetSupported?.(api, version) ?? true;
  } catch {
    return true;
  }
}

export class OfficePort implements WorkbookPort {
  private readonly maxRequestBytes: number;
  private readonly supports: (api: string, version: string) => boolean;
  private known: Known | undefined;
  /** The workbook's date system, as the last readSheets found it. */
  date1904 = false;

  constructor(
    private readonly run: ExcelRunner,
    options: OfficePortOptions = {},
  ) {
    this.maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
    this.supports = options.supports ?? defaultSupports;
  }

  async sheetNames(): Promise<string[]> {
    return this.guard(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load('items/name');
      await ctx.sync();
      return sheets.items.map((ws) => ws.name);
    });
  }

  async readSheets(names: string[]): Promise<Record<string, SheetSnapshot | undefined>> {
    if (names.length === 0) return {};
    return this.guard(async (ctx) => {
      const sheets = names.map((n) => ctx.workbook.worksheets.getItemOrNullObject(n).load('name'));
      // What exists, learnt in the same sync for the write that usually follows a read (see probe()).
      const all = ctx.workbook.worksheets.load('items/name');
      const definedNames = ctx.workbook.names.load('items/name');
      const tables = ctx.workbook.tables.load('items/name');
      // The date system: DATE(1904,1,1) is serial 0 in the 1904 system, 1462 in the 1900 one (ExcelApi 1.2).
      // A host without it (none is known) is taken to use the 1900 system, Excel's default.
      const epoch = this.supports('ExcelApi', '1.2') ? ctx.workbook.functions.date(1904, 1, 1).load('value') : null;
      await ctx.sync();
      this.date1904 = epoch !== null && epoch.value === 0;
      this.known = {
        at: Date.now(),
        sheets: new Set(all.items.map((ws) => ws.name.toLowerCase())),
        names: new Set(definedNames.items.map((n) => n.name.toLowerCase())),
        tables: new Set(tables.items.map((t) => t.name.toLowerCase())),
        rules: new Map(),
      };
      const reads = sheets.map((ws) => {
        if (ws.isNullObject) return undefined;
        // valuesOnly: cells that only carry formatting do not widen the rectangle.
        const used = ws.getUsedRangeOrNullObject(true).load('values,numberFormat,valueTypes,rowIndex,columnIndex');
        const merged = ws.getRange().getMergedAreasOrNullObject().load('address');
        // The types of its conditional formats, for a write that removes only its own (see queueRuleProbes).
        const rules = ws.getRange().conditionalFormats.load('items/type');
        return { name: ws.name, used, merged, rules };
      });
      if (reads.some(Boolean)) await ctx.sync();
      for (const r of reads) if (r) this.known?.rules.set(r.name.toLowerCase(), r.rules.items.map((cf) => cf.type));
      const out: Record<string, SheetSnapshot | undefined> = {};
      names.forEach((n, i) => {
        const r = reads[i];
        out[n] = r ? snapshot(r.name, r.used, r.merged) : undefined;
      });
      return out;
    });
  }

  async apply(ops: WriteOp[]): Promise<void> {
    if (ops.length === 0) return;
    // Refuse a bad batch before anything is written.
    ops.forEach(validate);
    const known = this.takeKnown();
    try {
      await this.applyWith(ops, known);
    } catch (e) {
      // The workbook changed between our read and this write (a sheet, name or table added or removed by the
      // user): learn it afresh and write again. Every op is safe to repeat.
      if (!known || !(e instanceof ExcelHostError) || !STALE_CODES.has(e.code)) throw e;
      await this.applyWith(ops, undefined);
    }
  }

  private applyWith(ops: WriteOp[], known: Known | undefined): Promise<void> {
    return this.guard(async (ctx) => {
      const state = await this.probe(ctx, ops, known);
      const batch = new Batch(ctx, this.maxRequestBytes);
      const sheets = new Sheets(ctx);
      for (const op of ops) await this.queue(op, ctx, batch, sheets, state);
      await batch.flush();
    });
  }

  /** What the last read learnt, if it is fresh; used once, so a later write asks again. */
  private takeKnown(): Known | undefined {
    const k = this.known;
    this.known = undefined;
    return k && Date.now() - k.at < KNOWN_FRESH_MS ? k : undefined;
  }

  // -------------------------------------------------------------------------------------------------------------

  private async guard<T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
    try {
      return await this.run(batch);
    } catch (e) {
      throw toExcelHostError(e);
    }
  }

  /** Learn what exists (sheets, names, tables, charts, notes) for the ops that need it — at most 2 syncs, often 0. */
  private async probe(ctx: Excel.RequestContext, ops: WriteOp[], known?: Known): Promise<Existing> {
    const state: Existing = {
      sheets: new Set(),
      names: new Set(),
      tables: new Set(),
      charts: new Set(),
      notes: new Set(),
      foreignNotes: new Set(),
      ownRules: new Map(),
    };
    const notesOn = this.supports('ExcelApi', '1.18');
    const needs = (k: WriteOp['kind']) => ops.some((op) => op.kind === k);
    const ownRules = ops.some((op) => op.kind === 'clearConditionalFormats' && op.ownedBy);
    const sheetDependent = needs('chart') || (notesOn && needs('note')) || ownRules;
    if (!needs('addSheet') && !needs('defineName') && !needs('table') && !sheetDependent) return state;

    if (known) {
      // A read just before this write already learnt the sheets, names and tables: one sync saved.
      for (const k of ['sheets', 'names', 'tables'] as const) known[k].forEach((v) => state[k].add(v));
    } else {
      await this.probeWorkbook(ctx, state, needs);
    }
    if (!sheetDependent) return state;
    return this.probeSheets(ctx, ops, state, notesOn, known);
  }

  private async probeWorkbook(ctx: Excel.RequestContext, state: Existing, needs: (k: WriteOp['kind']) => boolean): Promise<void> {
    const worksheets = ctx.workbook.worksheets.load('items/name');
    const names = needs('defineName') ? ctx.workbook.names.load('items/name') : undefined;
    const tables = needs('table') ? ctx.workbook.tables.load('items/name') : undefined;
    await ctx.sync();
    for (const ws of worksheets.items) state.sheets.add(ws.name.toLowerCase());
    for (const n of names?.items ?? []) state.names.add(n.name.toLowerCase());
    for (const t of tables?.items ?? []) state.tables.add(t.name.toLowerCase());
  }

  private async probeSheets(ctx: Excel.RequestContext, ops: WriteOp[], state: Existing, notesOn: boolean, known?: Known): Promise<Existing> {
    // Charts, notes and conditional formats are per sheet: ask only sheets known to exist (a sheet added by this
    // batch has none).
    const checks: Array<{ key: string; set: Set<string>; item: OfficeExtension.ClientObject; ownedBy?: readonly string[] }> = [];
    const rules = this.queueRuleProbes(ctx, ops, state, known);
    for (const op of ops) {
      if (op.kind !== 'chart' && !(op.kind === 'note' && notesOn)) continue;
      if (!state.sheets.has(op.sheet.toLowerCase())) continue;
      const ws = ctx.workbook.worksheets.getItem(op.sheet);
      if (op.kind === 'chart') {
        checks.push({ key: itemKey(op.sheet, op.name), set: state.charts, item: ws.charts.getItemOrNullObject(op.name) });
      } else {
        const cell = formatRange(parseRange(op.cell));
        const note = ws.notes.getItemOrNullObject(cell);
        if (op.ownedBy) note.load('content');
        checks.push({ key: itemKey(op.sheet, cell), set: state.notes, item: note, ownedBy: op.ownedBy });
      }
    }
    if (checks.length === 0 && rules.length === 0) return state;
    await ctx.sync();
    for (const c of checks) {
      if (c.item.isNullObject) continue;
      c.set.add(c.key);
      const content = c.ownedBy ? (c.item as Excel.Note).content : '';
      if (c.ownedBy && !c.ownedBy.some((p) => content.startsWith(p))) state.foreignNotes.add(c.key);
    }
    await this.findOwnRules(ctx, rules, state);
    return state;
  }

  /**
   * Which conditional formats are the writer's own takes two steps: a format's type, then — for custom (formula)
   * ones only, as loading `custom` on a colour scale fails the whole request (office-js issue #2180) — its formula.
   * The read just before a write has loaded the types (readSheets), so here the probe's sync loads the whole sheet's
   * formats again together with the formulas of those that were custom, through `customOrNullObject` (a null object,
   * not a failure, should a format have changed type since). Without the read's types, or when the formats changed
   * since it, findOwnRules spends one sync more on the formulas.
   */
  private queueRuleProbes(ctx: Excel.RequestContext, ops: WriteOp[], state: Existing, known?: Known): RuleProbe[] {
    const probes: RuleProbe[] = [];
    const seen = new Set<string>();
    for (const op of ops) {
      if (op.kind !== 'clearConditionalFormats' || !op.ownedBy) continue;
      const key = op.sheet.toLowerCase();
      if (!state.sheets.has(key) || seen.has(key)) continue;
      seen.add(key);
      const read = known?.rules.get(key);
      if (read && read.length === 0) continue; // no formats at all, so none of ours
      const collection = ctx.workbook.worksheets.getItem(op.sheet).getRange().conditionalFormats.load('items/type');
      const customs = new Map<number, Excel.CustomConditionalFormat>();
      read?.forEach((type, i) => {
        if (type === 'Custom') customs.set(i, collection.getItemAt(i).customOrNullObject.load('rule/formula'));
      });
      probes.push({ key, ownedBy: op.ownedBy, read, collection, customs });
    }
    return probes;
  }

  /** After the probe's sync: the writer's own formats per sheet, last first (see clearConditionalFormats). */
  private async findOwnRules(ctx: Excel.RequestContext, probes: RuleProbe[], state: Existing): Promise<void> {
    const formulas = probes.map((p) => {
      const types = p.collection.items.map((cf) => cf.type);
      const same = p.read !== undefined && p.read.length === types.length && p.read.every((t, i) => t === types[i]);
      if (same) {
        return types.map((_, i) => {
          const custom = p.customs.get(i);
          return custom && !custom.isNullObject ? custom.rule.formula : undefined;
        });
      }
      // The formats are not as the read saw them (or there was no read): their formulas in one more sync.
      return p.collection.items.map((cf) => (cf.type === 'Custom' ? cf.custom.rule.load('formula') : undefined));
    });
    if (formulas.some((list) => list.some((f) => f !== undefined && typeof f !== 'string'))) await ctx.sync();
    probes.forEach((p, n) => {
      const own: Excel.ConditionalFormat[] = [];
      formulas[n].forEach((f, i) => {
        const formula = typeof f === 'string' || f === undefined ? f : f.formula;
        if (formula !== undefined && isOwnedRuleFormula(formula, p.ownedBy)) own.push(p.collection.items[i]);
      });
      // Deleted last first: a format addressed by its position then stays the one meant.
      state.ownRules.set(p.key, own.reverse());
    });
  }

  private async queue(op: WriteOp, ctx: Excel.RequestContext, batch: Batch, sheets: Sheets, state: Existing): Promise<void> {
    switch (op.kind) {
      case 'addSheet': {
        const key = op.sheet.toLowerCase();
        if (state.sheets.has(key)) return;
        state.sheets.add(key);
        return batch.queue(small(op), () => {
          const ws = ctx.workbook.worksheets.add(op.sheet);
          if (op.tabColor) ws.tabColor = op.tabColor;
          sheets.remember(op.sheet, ws);
        });
      }
      case 'clear':
        return batch.queue(small(op), () => {
          const ws = sheets.get(op.sheet);
          (op.range ? ws.getRange(op.range) : ws.getRange()).clear('All');
        });
      case 'values':
        return this.queueValues(op, batch, sheets);
      case 'fillFormula': {
        const r = parseRange(op.range);
        const r1c1 = formulaToR1C1(withEquals(op.formula), r.top, r.left);
        return batch.queue(small(op, r1c1), () => {
          // One R1C1 formula for the whole range (a scalar is broadcast; see the header comment).
          (sheets.get(op.sheet).getRange(op.range) as unknown as { formulasR1C1: string }).formulasR1C1 = r1c1;
        });
      }
      case 'format':
        return batch.queue(small(op), () => applyFormat(sheets.get(op.sheet).getRange(op.range), op.range, op.format));
      case 'columnWidths':
        return batch.queue(small(op), () => {
          const ws = sheets.get(op.sheet);
          for (const [col, width] of Object.entries(op.widths)) ws.getRange(`${col}:${col}`).format.columnWidth = charsToPoints(width);
        });
      case 'clearConditionalFormats': {
        if (!op.ownedBy) return batch.queue(small(op), () => sheets.get(op.sheet).getRange().conditionalFormats.clearAll());
        // Only the writer's own formats, found by the probe; the planner's stay where they are.
        const own = state.ownRules.get(op.sheet.toLowerCase()) ?? [];
        state.ownRules.delete(op.sheet.toLowerCase());
        if (own.length === 0) return;
        return batch.queue(small(op) + own.length * ACTION_OVERHEAD_BYTES, () => {
          for (const cf of own) cf.delete();
        });
      }
      case 'conditionalFormat':
        return batch.queue(small(op), () => {
          const cf = sheets.get(op.sheet).getRange(op.range).conditionalFormats.add('Custom');
          cf.custom.rule.formula = withEquals(op.formula);
          if (op.format.fill) cf.custom.format.fill.color = op.format.fill.color;
          const font = op.format.font;
          if (font?.bold !== undefined) cf.custom.format.font.bold = font.bold;
          if (font?.italic !== undefined) cf.custom.format.font.italic = font.italic;
          if (font?.color !== undefined) cf.custom.format.font.color = font.color;
          cf.stopIfTrue = true;
          // Last: after a priority change Office wants a fresh proxy for further changes.
          cf.priority = LOWEST_PRIORITY;
        });
      case 'listValidation': {
        const source = 'formula' in op.source ? withEquals(op.source.formula) : literalList(op.source.values);
        return batch.queue(small(op, source), () => {
          const dv = sheets.get(op.sheet).getRange(op.range).dataValidation;
          // Office will not put a rule over cells that already have one.
          dv.clear();
          dv.rule = { list: { inCellDropDown: true, source } };
        });
      }
      case 'clearValidation':
        return batch.queue(small(op), () => sheets.get(op.sheet).getRange(op.range).dataValidation.clear());
      case 'note': {
        // Notes need ExcelApi 1.18. Older hosts skip them: threaded comments are a different thing, and replacing
        // one would need a read per cell, so re-runs would pile them up.
        if (!this.supports('ExcelApi', '1.18')) return;
        const cell = formatRange(parseRange(op.cell));
        const key = itemKey(op.sheet, cell);
        const exists = state.notes.has(key);
        if (op.text === null && !exists) return;
        if (state.foreignNotes.has(key)) return; // the planner's own note: theirs to keep
        const text = op.text;
        if (text === null) state.notes.delete(key);
        else state.notes.add(key);
        return batch.queue(small(op, text ?? ''), () => {
          const notes = sheets.get(op.sheet).notes;
          if (text === null) notes.getItem(cell).delete();
          else if (exists) notes.getItem(cell).content = text;
          else notes.add(cell, text);
        });
      }
      case 'defineName': {
        const key = op.name.toLowerCase();
        const exists = state.names.has(key);
        state.names.add(key);
        return batch.queue(small(op), () => {
          if (exists) ctx.workbook.names.getItem(op.name).delete();
          ctx.workbook.names.add(op.name, withEquals(op.ref));
        });
      }
      case 'freeze':
        return batch.queue(small(op), () => {
          const ws = sheets.get(op.sheet);
          const panes = ws.freezePanes;
          panes.unfreeze();
          if (op.rows > 0 && op.columns > 0) panes.freezeAt(ws.getRange(formatRange({ top: 1, left: 1, bottom: op.rows, right: op.columns })));
          else if (op.rows > 0) panes.freezeRows(op.rows);
          else if (op.columns > 0) panes.freezeColumns(op.columns);
        });
      case 'pageSetup':
        return batch.queue(small(op), () => {
          const ws = sheets.get(op.sheet);
          const layout = ws.pageLayout;
          layout.orientation = op.landscape ? 'Landscape' : 'Portrait';
          layout.paperSize = 'A4';
          // One page wide, as many pages tall as needed (0 = automatic, as in the file format's fitToHeight).
          if (op.fitToWidth) layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
          if (op.printArea) layout.setPrintArea(ws.getRange(op.printArea));
          if (op.printTitleRows) layout.setPrintTitleRows(ws.getRange(op.printTitleRows));
          // ExcelApi 1.9: the same centred text on every page (&P, &N are Excel's page codes there too).
          if (op.header !== undefined) layout.headersFooters.defaultForAllPages.centerHeader = op.header;
          if (op.footer !== undefined) layout.headersFooters.defaultForAllPages.centerFooter = op.footer;
        });
      case 'table': {
        const key = op.name.toLowerCase();
        const exists = state.tables.has(key);
        state.tables.add(key);
        return batch.queue(small(op), () => {
          // convertToRange, not delete: delete would also erase the cells the layout has just written.
          if (exists) ctx.workbook.tables.getItem(op.name).convertToRange();
          const ws = sheets.get(op.sheet);
          const table = ws.tables.add(ws.getRange(op.range), true);
          table.name = op.name;
          if (op.style) table.style = op.style;
        });
      }
      case 'chart': {
        const key = itemKey(op.sheet, op.name);
        const exists = state.charts.has(key);
        state.charts.add(key);
        return batch.queue(small(op), () => {
          const ws = sheets.get(op.sheet);
          if (exists) ws.charts.getItem(op.name).delete();
          const chart = ws.charts.add('Line', ws.getRange(op.dataRange), 'Rows');
          chart.name = op.name;
          chart.title.text = op.title;
          chart.setPosition(op.anchor);
        });
      }
      case 'activate':
        return batch.queue(small(op), () => {
          const ws = sheets.get(op.sheet);
          ws.activate();
          if (op.select) ws.getRange(op.select).select();
        });
    }
  }

  /** A rectangle of values and formulas, split by rows into requests that fit the byte budget. */
  private async queueValues(op: Extract<WriteOp, { kind: 'values' }>, batch: Batch, sheets: Sheets): Promise<void> {
    if (op.rows.length === 0) return;
    const width = Math.max(...op.rows.map((r) => r.length));
    const origin = parseCell(op.at);
    const room = this.maxRequestBytes - ACTION_OVERHEAD_BYTES;
    let start = 0;
    while (start < op.rows.length) {
      const chunk: unknown[][] = [];
      let bytes = 2; // the enclosing brackets
      for (let i = start; i < op.rows.length; i++) {
        const row = toOfficeRow(op.rows[i], width);
        const rowBytes = utf8Length(JSON.stringify(row)) + 1;
        if (chunk.length > 0 && bytes + rowBytes > room) break;
        if (rowBytes + 2 > room) {
          throw new ExcelHostError('too-large', '', `row ${origin.row + i} written at ${op.sheet}!${op.at} is larger than one request may be`);
        }
        chunk.push(row);
        bytes += rowBytes;
      }
      const address = formatRange(rangeAt({ row: origin.row + start, col: origin.col }, chunk.length, width));
      await batch.queue(bytes + ACTION_OVERHEAD_BYTES, () => {
        sheets.get(op.sheet).getRange(address).formulas = chunk;
      });
      start += chunk.length;
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------

/** What the probe found (lower-cased keys). */
/** Sheets, names and tables as the last read saw them. */
interface Known {
  at: number;
  sheets: Set<string>;
  names: Set<string>;
  tables: Set<string>;
  /** Conditional-format types of the sheets read, in collection order (lower-cased sheet name). */
  rules: Map<string, string[]>;
}

/** One sheet's conditional formats as the probe asks for them (see queueRuleProbes). */
interface RuleProbe {
  key: string;
  ownedBy: readonly string[];
  /** Their types as the read saw them, when a read did. */
  read?: string[];
  collection: Excel.ConditionalFormatCollection;
  /** By position: the formula of each that the read saw as custom (null objects if no longer custom). */
  customs: Map<number, Excel.CustomConditionalFormat>;
}

/** How long a read's knowledge serves the next write: a command reads and writes within a moment. */
const KNOWN_FRESH_MS = 30_000;
/** Errors that mean the workbook no longer is as the read saw it. */
const STALE_CODES = new Set(['ItemNotFound', 'ItemAlreadyExists', 'InvalidArgument']);

interface Existing {
  sheets: Set<string>;
  names: Set<string>;
  tables: Set<string>;
  charts: Set<string>;
  notes: Set<string>;
  /** Notes that are not the writer's own (see the note op's ownedBy). */
  foreignNotes: Set<string>;
  /** The writer's own conditional formats to delete, per sheet (see clearConditionalFormats' ownedBy). */
  ownRules: Map<string, Excel.ConditionalFormat[]>;
}

function itemKey(sheet: string, item: string): string {
  return `${sheet.toLowerCase()}\u0000${item}`;
}

/** Queues actions and syncs whenever the next one would take the request over the byte budget. */
class Batch {
  private pendingBytes = 0;
  private pendingActions = 0;

  constructor(
    private readonly ctx: Excel.RequestContext,
    private readonly budget: number,
  ) {}

  async queue(bytes: number, enqueue: () => void): Promise<void> {
    if (this.pendingActions > 0 && this.pendingBytes + bytes > this.budget) {
      // Splitting a large batch over several requests is the point here (Excel on the web's 5 MB limit).
      await this.ctx.sync();
      this.pendingBytes = 0;
      this.pendingActions = 0;
    }
    enqueue();
    this.pendingBytes += bytes;
    this.pendingActions++;
  }

  async flush(): Promise<void> {
    if (this.pendingActions === 0) return;
    await this.ctx.sync();
    this.pendingBytes = 0;
    this.pendingActions = 0;
  }
}

/** Worksheet proxies by name, reused for every op of a batch (sheets added by the batch included). */
class Sheets {
  private readonly byName = new Map<string, Excel.Worksheet>();

  constructor(private readonly ctx: Excel.RequestContext) {}

  get(name: string): Excel.Worksheet {
    const key = name.toLowerCase();
    let ws = this.byName.get(key);
    if (!ws) this.byName.set(key, (ws = this.ctx.workbook.worksheets.getItem(name)));
    return ws;
  }

  remember(name: string, ws: Excel.Worksheet): void {
    this.byName.set(name.toLowerCase(), ws);
  }
}

/**
 * Estimated request bytes of a small op: its JSON (cached results are not sent) plus the overhead of the few actions
 * it queues (getRange, a property set or two). Three actions' worth is already generous (an action with its object
 * path is ~150 bytes in a real request); overestimating more would split batches that fit, costing syncs.
 */
function small(op: WriteOp, ...extra: string[]): number {
  const sent = op.kind === 'fillFormula' ? { ...op, results: undefined } : op;
  return ACTION_OVERHEAD_BYTES * 3 + utf8Length(JSON.stringify(sent)) + extra.reduce((n, s) => n + utf8Length(s), 0);
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function withEquals(formula: string): string {
  return formula.startsWith('=') ? formula : `=${formula}`;
}

/** A port row → what `range.formulas` takes (padded to the rectangle's width). */
function toOfficeRow(row: CellInput[], width: number): unknown[] {
  const out = new Array<unknown>(width);
  for (let j = 0; j < width; j++) out[j] = toOfficeInput(row[j] ?? null);
  return out;
}

function toOfficeInput(v: CellInput): unknown {
  if (v === null) return ''; // null would mean "leave the cell unchanged"
  if (typeof v === 'string') return v === '' ? '' : `'${v}`; // apostrophe: Excel's text marker (see header)
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`OfficePort: cannot write ${v} to a cell`);
    return v;
  }
  if (typeof v === 'boolean') return v;
  if ('formula' in v) return withEquals(v.formula); // Excel calculates: a known result is not sent
  return v.error; // Excel enters "#N/A" as the error value
}

function applyFormat(range: Excel.Range, address: string, format: CellFormat): void {
  const f = range.format;
  if (format.fill) f.fill.color = format.fill.color;
  if (format.font) {
    if (format.font.bold !== undefined) f.font.bold = format.font.bold;
    if (format.font.italic !== undefined) f.font.italic = format.font.italic;
    if (format.font.color !== undefined) f.font.color = format.font.color;
    if (format.font.size !== undefined) f.font.size = format.font.size;
  }
  // A single format code for the whole range (broadcast), not a rows × columns array.
  if (format.numberFormat !== undefined) (range as unknown as { numberFormat: string }).numberFormat = format.numberFormat;
  if (format.wrap !== undefined) f.wrapText = format.wrap;
  if (format.horizontal) f.horizontalAlignment = ({ left: 'Left', center: 'Center', right: 'Right' } as const)[format.horizontal];
  if (format.vertical) f.verticalAlignment = ({ top: 'Top', middle: 'Center', bottom: 'Bottom' } as const)[format.vertical];
  if (format.border) {
    const { rows, cols } = rangeSize(address);
    const edges: Array<'EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideHorizontal' | 'InsideVertical'> = [
      'EdgeTop',
      'EdgeBottom',
      'EdgeLeft',
      'EdgeRight',
    ];
    if (rows > 1) edges.push('InsideHorizontal');
    if (cols > 1) edges.push('InsideVertical');
    for (const edge of edges) {
      const b = f.borders.getItem(edge);
      b.style = 'Continuous';
      b.weight = 'Thin';
    }
  }
}

/**
 * Column width in characters (the port's unit, Excel's Column Width dialog) → points (Office.js). Excel's rule for
 * the default font (7-pixel digits): pixels = round(chars × 7 + 5), points = pixels × 0.75. Approximate for other
 * default fonts.
 */
export function charsToPoints(chars: number): number {
  return chars <= 0 ? 0 : Math.round(chars * 7 + 5) * 0.75;
}

function literalList(values: string[]): string {
  for (const v of values) {
    if (v.includes(',')) throw new Error(`list validation: a literal item cannot hold ",": "${v}"`);
  }
  return values.join(',');
}

/** Check an op before anything is queued: known kind, parseable addresses. */
function validate(op: WriteOp): void {
  if (!KNOWN_OPS.has(op.kind)) throw new Error(`OfficePort: unsupported workbook operation "${(op as { kind: string }).kind}"`);
  const check = (what: string, fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      throw new Error(`OfficePort: ${op.kind}: ${what}: ${(e as Error).message}`);
    }
  };
  switch (op.kind) {
    case 'clear':
      if (op.range) check('range', () => parseRange(op.range!));
      break;
    case 'values':
      check('at', () => parseCell(op.at));
      break;
    case 'fillFormula':
    case 'format':
    case 'conditionalFormat':
    case 'listValidation':
    case 'clearValidation':
      check('range', () => parseRange(op.range));
      if (op.kind === 'listValidation' && 'values' in op.source) check('source', () => literalList((op.source as { values: string[] }).values));
      break;
    case 'note':
      check('cell', () => parseCell(op.cell));
      break;
    case 'defineName':
      check('ref', () => splitSheetAddress(op.ref));
      break;
    case 'table':
      check('range', () => parseRange(op.range));
      break;
    case 'chart':
      check('dataRange', () => parseRange(op.dataRange));
      check('anchor', () => parseCell(op.anchor));
      break;
    case 'pageSetup':
      if (op.printArea) check('printArea', () => parseRange(op.printArea!));
      if (op.printTitleRows) check('printTitleRows', () => parseRange(op.printTitleRows!));
      break;
    case 'columnWidths':
      for (const col of Object.keys(op.widths)) check('column', () => parseRange(`${col}:${col}`));
      break;
    default:
      break;
  }
}

/** The loaded used range → the port's rectangle from A1. */
function snapshot(name: string, used: Excel.Range, merged: Excel.RangeAreas): SheetSnapshot {
  const merges = merged.isNullObject ? [] : parseAreas(merged.address);
  if (used.isNullObject) return { name, values: [], numberFormats: [], merges };
  const top = used.rowIndex;
  const left = used.columnIndex;
  const raw = used.values;
  const types = used.valueTypes;
  const formats = used.numberFormat;
  const rows = top + raw.length;
  const cols = left + (raw[0]?.length ?? 0);
  const values: CellValue[][] = Array.from({ length: rows }, () => new Array<CellValue>(cols).fill(null));
  const numberFormats: string[][] = Array.from({ length: rows }, () => new Array<string>(cols).fill('General'));
  raw.forEach((row, i) =>
    row.forEach((v: unknown, j: number) => {
      values[top + i][left + j] = fromOffice(v, types?.[i]?.[j]);
      const fmt = formats?.[i]?.[j];
      if (typeof fmt === 'string' && fmt) numberFormats[top + i][left + j] = fmt;
    }),
  );
  return { name, values, numberFormats, merges };
}

function fromOffice(v: unknown, type: string | undefined): CellValue {
  if (type === 'Error' || (type === undefined && typeof v === 'string' && ERROR_STRINGS.has(v))) return { error: String(v) };
  if (type === 'Empty' || v === '' || v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return v;
  return String(v);
}

/** "Sheet1!B4:C4, 'My sheet'!E1:F1" → ["B4:C4", "E1:F1"] (commas inside quoted sheet names are not separators). */
export function parseAreas(address: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quoted = false;
  for (const ch of address) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      parts.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  parts.push(cur);
  return parts
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => formatRange(parseRange(splitSheetAddress(p).address.replace(/\$/g, ''))));
}

