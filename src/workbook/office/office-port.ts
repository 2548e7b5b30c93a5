/**
 * The workbook port over Office.js (the Excel add-in). Every Excel call of the product lives in this folder.
 *
 * Round trips (context.sync) are what make an add-in slow, so the adapter queues everything it can and syncs as
 * little as the API allows:
 * - sheetNames(): 1 sync.
 * - readSheets(names): one sync to learn which sheets exist (getItemOrNullObject), one for the size of their used
 *   ranges, then the cells themselves in row windows sized so that every response stays under a byte budget
 *   (Excel on the web refuses responses over 5 MB, ResponsePayloadSizeLimitExceeded; a window that still fails is
 *   halved). A typical plan reads in 3 syncs, a 20,000-line one in a few more. Only what the layout reads is
 *   loaded: values and value types (no number formats, which nothing reads), and for sheets asked `presenceOnly`
 *   (the generated results and summary) nothing but their name. Methods are never called on a possibly null
 *   worksheet before its isNullObject is known: what Office does with queued calls on a null object is not
 *   documented, so the adapter does not depend on it.
 * - Merged areas are read per window, not for the whole sheet: getMergedAreasOrNullObject "will fail" past 512
 *   merged areas (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1)),
 *   so a window whose merged areas cannot be read is split until they can.
 * - apply(ops): the writes go out in as few syncs as Excel on the web's 5 MB request limit allows (a byte budget,
 *   4.5 MB by default; a typical batch is one request). Ops whose Office call depends on what already exists —
 *   addSheet (no-op if the sheet exists), defineName / table / chart (replaced when they exist), note (replaced) —
 *   need a read first: one "probe" sync loads the sheet, name and table lists, plus a second one for existing
 *   charts/notes on existing sheets when the batch has chart or note ops. Batches without such ops skip the probe.
 * - clearConditionalFormats with `ownedBy` deletes only the writer's own rules, so it must know each rule's type and,
 *   for custom ones, its formula — two steps, since loading `custom` on another type fails the request. A read just
 *   before the write loads the types and ids (with the used ranges, no extra sync), the write's probe sync (the one
 *   that looks for notes) the formulas; without such a read the types and formulas cost one sync each. Rules are
 *   addressed by id, never by position (getItemAt fails with ItemNotFound where two rules cover one cell,
 *   office-js issue #5222), and deleted before anything else of the batch: a `clear` of their range removes them
 *   first otherwise ("All: clears everything", https://learn.microsoft.com/javascript/api/excel/excel.clearapplyto),
 *   and deleting a rule that is gone fails the request.
 * - A write that failed after one of its syncs went through is not repeated: only a failure before anything was
 *   written, with a code that says the workbook changed since the read (a sheet, name or table gone or added),
 *   is retried with a fresh look at the workbook.
 * - The plan table is created once and resized after (Table.resize, ExcelApi 1.13): converting it to a range turns
 *   the planner's structured references (=SUM(計画表[2026])) into A1 ones (Microsoft Support, "Convert an Excel table
 *   to a range of data"), and adding it again makes its headers anew.
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
import type { CellFormat, CellInput, CellValue, ReadOptions, SheetSnapshot, WorkbookPort, WriteOp } from '../port';
import { WRITE_OP_KINDS } from '../port';
import { ExcelHostError, toExcelHostError } from './errors';

/** Excel.run, or a stand-in with its shape (the fake in tests). */
export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficePortOptions {
  /** Largest request (bytes) one sync may carry; Excel on the web rejects requests over 5 MB. */
  maxRequestBytes?: number;
  /** Largest response (bytes) one read sync should bring back; Excel on the web rejects responses over 5 MB. */
  maxResponseBytes?: number;
  /**
   * Requirement-set check, e.g. ("ExcelApi", "1.18") for notes. Defaults to Office.context.requirements.isSetSupported
   * when Office.js is loaded, otherwise true.
   */
  supports?: (api: string, version: string) => boolean;
}

export const DEFAULT_MAX_REQUEST_BYTES = 4.5 * 1024 * 1024;
export const DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/**
 * What one cell costs in a read's response, to size the row windows before anything is known of their contents:
 * its value and its value type as JSON ("Double", "String" …), with room for text. A window that turns out larger
 * than Excel takes is halved and asked again.
 */
const RESPONSE_BYTES_PER_CELL = 28;

/**
 * Rows read with the sizes, before anything is known of a sheet (see sizeSheets): a plan of up to ~1,000 lines
 * reads in 2 syncs. 1,000 rows × 64 columns stays under the response budget at the per-cell estimate above.
 */
const HEAD_ROWS = 1000;

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
  private readonly maxResponseBytes: number;
  private readonly supports: (api: string, version: string) => boolean;
  private known: Known | undefined;
  /** The workbook's date system, as the last readSheets found it. */
  date1904 = false;

  constructor(
    private readonly run: ExcelRunner,
    options: OfficePortOptions = {},
  ) {
    this.maxRequestBytes = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.supports = options.supports ?? defaultSupports;
  }

  async sheetNames(): Promise<string[]> {
    return this.guard(async (ctx) => {
      const sheets = ctx.workbook.worksheets.load('items/name');
      await ctx.sync();
      return sheets.items.map((ws) => ws.name);
    });
  }

  async readSheets(names: string[], options: ReadOptions = {}): Promise<Record<string, SheetSnapshot | undefined>> {
    if (names.length === 0) return {};
    const presenceOnly = new Set((options.presenceOnly ?? []).map((n) => n.toLowerCase()));
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
      const found = new Map<string, SheetRead>();
      const sized = sheets.map((ws) => {
        if (ws.isNullObject || found.has(ws.name.toLowerCase())) return undefined;
        const read: SheetRead = { name: ws.name, worksheet: ctx.workbook.worksheets.getItem(ws.name), content: !presenceOnly.has(ws.name.toLowerCase()), windows: [], merges: [] };
        found.set(ws.name.toLowerCase(), read);
        return read;
      });
      const reads = [...found.values()];
      if (reads.length > 0) {
        // A typical plan arrives whole with its sizes; a longer one, or a host that refuses the head, reads on in windows.
        if (!(await this.sizeSheets(ctx, reads, true))) await this.sizeSheets(ctx, reads, false);
        for (const r of reads) this.known?.rules.set(r.name.toLowerCase(), r.rules!.items.map((cf) => ({ type: cf.type, id: cf.id })));
        await this.readWindows(ctx, reads);
      }
      const out: Record<string, SheetSnapshot | undefined> = {};
      names.forEach((n, i) => {
        const r = sized[i] ?? (sheets[i].isNullObject ? undefined : found.get(sheets[i].name.toLowerCase()));
        out[n] = r ? snapshot(r) : undefined;
      });
      return out;
    });
  }

  /**
   * One sync: the size of each used range and the types and ids of the sheet's conditional formats (for a write
   * that removes only its own, see queueRuleProbes) — with `head`, also the cells and merged areas of the first
   * HEAD_ROWS rows, which for most plans is all there is. False when Excel refused that sync (the head's response
   * too large, or too many merged areas in it): then it is asked again without the head.
   */
  private async sizeSheets(ctx: Excel.RequestContext, reads: SheetRead[], head: boolean): Promise<boolean> {
    const heads = reads.map((r) => {
      // valuesOnly: cells that only carry formatting do not widen the rectangle.
      r.used = r.content ? r.worksheet.getUsedRangeOrNullObject(true).load('rowIndex,columnIndex,rowCount,columnCount') : null;
      r.rules = r.worksheet.getRange().conditionalFormats.load('items/type,items/id');
      if (!head || !r.content) return null;
      const rows = r.worksheet.getRange(`1:${HEAD_ROWS}`);
      return {
        cells: rows.getUsedRangeOrNullObject(true).load('values,valueTypes,rowIndex,columnIndex'),
        merged: rows.getMergedAreasOrNullObject().load('address'),
      };
    });
    try {
      await ctx.sync();
    } catch (e) {
      if (head && !isFatal(e)) return false;
      throw e;
    }
    reads.forEach((r, i) => {
      const h = heads[i];
      r.headRows = h ? HEAD_ROWS : 0;
      if (!h) return;
      if (!h.cells.isNullObject) addWindow(r, h.cells.rowIndex, h.cells.columnIndex, h.cells.values, h.cells.valueTypes);
      if (!h.merged.isNullObject) r.merges.push(...parseAreas(h.merged.address));
    });
    return true;
  }

  /**
   * The cells of the used ranges below the head, in row windows whose responses fit the budget, several windows to
   * a sync. A window's rows follow from what a cell of its sheet has cost so far (the head, the windows before),
   * with RESPONSE_BYTES_PER_CELL until something is known. A sync Excel answers with
   * ResponsePayloadSizeLimitExceeded is asked again with windows half as tall; one that fails otherwise is asked
   * again without its merged areas, which are then read in ever smaller windows (past 512 merged areas Excel cannot
   * list them).
   */
  private async readWindows(ctx: Excel.RequestContext, reads: SheetRead[]): Promise<void> {
    const cursors = reads.flatMap((r) => {
      if (!r.used || r.used.isNullObject) return [];
      const bottom = r.used.rowIndex + r.used.rowCount; // 0-based, exclusive
      const next = Math.max(r.used.rowIndex, r.headRows ?? 0);
      return next < bottom ? [{ read: r, next, bottom, left: r.used.columnIndex, cols: r.used.columnCount }] : [];
    });
    for (;;) {
      const batch: Window[] = [];
      let room = this.maxResponseBytes;
      for (const c of cursors) {
        if (c.next >= c.bottom) continue;
        const perRow = c.cols * (c.read.bytesPerCell ?? RESPONSE_BYTES_PER_CELL);
        let rows = Math.min(c.bottom - c.next, Math.floor(room / perRow));
        if (rows < 1) {
          if (batch.length > 0) break;
          rows = 1;
        }
        batch.push({ read: c.read, top: c.next, rows, left: c.left, cols: c.cols });
        room -= rows * perRow;
        if (room < perRow) break;
      }
      if (batch.length === 0) return;
      const outcome = await this.loadWindows(ctx, batch, true);
      if (outcome === 'too-large') {
        if (batch.length === 1 && batch[0].rows === 1) {
          throw new ExcelHostError('too-large', 'ResponsePayloadSizeLimitExceeded', `row ${batch[0].top + 1} of ${batch[0].read.name} is larger than one response may be`);
        }
        // Cells cost more than thought: windows half as tall from here on.
        for (const w of batch) w.read.bytesPerCell = 2 * (w.read.bytesPerCell ?? RESPONSE_BYTES_PER_CELL);
        continue;
      }
      if (outcome === 'failed') {
        // Not the size: the merged areas, or something real. Without them, once more; a real failure fails again.
        await this.loadWindows(ctx, batch, false, true);
        for (const w of batch) await this.readMerges(ctx, w);
      }
      for (const w of batch) {
        const c = cursors.find((x) => x.read === w.read)!;
        c.next = w.top + w.rows;
      }
    }
  }

  /** Load the values (and merged areas) of some windows in one sync: 'ok', or why not. */
  private async loadWindows(ctx: Excel.RequestContext, batch: Window[], withMerges: boolean, rethrow = false): Promise<'ok' | 'too-large' | 'failed'> {
    const loads = batch.map((w) => {
      const address = formatRange({ top: w.top + 1, left: w.left + 1, bottom: w.top + w.rows, right: w.left + w.cols });
      const values = w.read.worksheet.getRange(address).load('values,valueTypes');
      // Whole rows: an area is listed by the window that holds its top-left cell (office-js issue #3611).
      const merged = withMerges ? w.read.worksheet.getRange(`${w.top + 1}:${w.top + w.rows}`).getMergedAreasOrNullObject().load('address') : null;
      return { w, values, merged };
    });
    try {
      await ctx.sync();
    } catch (e) {
      const code = toExcelHostError(e).code;
      if (rethrow || isFatal(e)) throw e;
      return code === 'ResponsePayloadSizeLimitExceeded' ? 'too-large' : 'failed';
    }
    for (const { w, values, merged } of loads) {
      addWindow(w.read, w.top, w.left, values.values, values.valueTypes);
      if (merged && !merged.isNullObject) w.read.merges.push(...parseAreas(merged.address));
    }
    return 'ok';
  }

  /** The merged areas of one window, halving it while Excel cannot list them; a single row that fails is skipped. */
  private async readMerges(ctx: Excel.RequestContext, w: Window): Promise<void> {
    const merged = w.read.worksheet.getRange(`${w.top + 1}:${w.top + w.rows}`).getMergedAreasOrNullObject().load('address');
    try {
      await ctx.sync();
    } catch (e) {
      if (isFatal(e)) throw e;
      if (w.rows === 1) return; // hundreds of merged areas in one row: read as unmerged cells
      const first = Math.ceil(w.rows / 2);
      await this.readMerges(ctx, { ...w, rows: first });
      await this.readMerges(ctx, { ...w, top: w.top + first, rows: w.rows - first });
      return;
    }
    if (!merged.isNullObject) w.read.merges.push(...parseAreas(merged.address));
  }

  async apply(ops: WriteOp[]): Promise<void> {
    if (ops.length === 0) return;
    // Refuse a bad batch before anything is written.
    ops.forEach(validate);
    const known = this.takeKnown();
    const progress = { written: false };
    try {
      await this.applyWith(ops, known, progress);
    } catch (e) {
      if (e instanceof ExcelHostError && e.code === 'AccessDenied') throw await this.explainAccessDenied(e, ops);
      // The workbook changed between our read and this write (a sheet, name or table added or removed by the
      // user) and nothing is written yet: learn it afresh and write. After a sync of writes went through, a
      // second run would start from a half-written workbook, so the failure is the planner's to see.
      if (!known || progress.written || !(e instanceof ExcelHostError) || !STALE_CODES.has(e.code)) throw e;
      await this.applyWith(ops, undefined, progress);
    }
  }

  private applyWith(ops: WriteOp[], known: Known | undefined, progress: { written: boolean }): Promise<void> {
    return this.guard(async (ctx) => {
      const state = await this.probe(ctx, ops, known);
      const batch = new Batch(ctx, this.maxRequestBytes, progress);
      const sheets = new Sheets(ctx);
      await this.queueOwnRuleDeletions(batch, sheets, state);
      for (const op of ops) await this.queue(op, ctx, batch, sheets, state);
      await batch.flush();
    });
  }

  /**
   * AccessDenied is what Excel answers both for a protected sheet and for a workbook the planner may not change.
   * Which one is asked of Excel itself (sheet protection: ExcelApi 1.2, workbook protection: 1.7) rather than read
   * from the message, which is in the user's language.
   */
  private async explainAccessDenied(error: ExcelHostError, ops: WriteOp[]): Promise<ExcelHostError> {
    const written = new Set(ops.flatMap((op) => ('sheet' in op ? [op.sheet.toLowerCase()] : [])));
    try {
      const isProtected = await this.run(async (ctx) => {
        const sheets = ctx.workbook.worksheets.load('items/name,items/protection/protected');
        const workbook = ctx.workbook.protection.load('protected');
        await ctx.sync();
        return workbook.protected || sheets.items.some((ws) => written.has(ws.name.toLowerCase()) && ws.protection.protected);
      });
      return isProtected ? new ExcelHostError('protected', error.code, error.message, { cause: error }) : error;
    } catch {
      return error;
    }
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
   * The read just before a write has loaded the types and ids (readSheets), so here the probe's sync loads the whole
   * sheet's formats again together with the formulas of those that were custom, each found by its id through
   * `customOrNullObject` (a null object, not a failure, should a format have changed type since). Without the
   * read's types, or when the formats changed since it, findOwnRules spends one sync more on the formulas.
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
      const collection = ctx.workbook.worksheets.getItem(op.sheet).getRange().conditionalFormats.load('items/type,items/id');
      const customs = new Map<string, Excel.CustomConditionalFormat>();
      for (const rule of read ?? []) {
        if (rule.type === 'Custom') customs.set(rule.id, collection.getItem(rule.id).customOrNullObject.load('rule/formula'));
      }
      probes.push({ key, sheet: op.sheet, ownedBy: op.ownedBy, read, collection, customs });
    }
    return probes;
  }

  /** After the probe's sync: the ids of the writer's own formats per sheet (deleted first thing, see applyWith). */
  private async findOwnRules(ctx: Excel.RequestContext, probes: RuleProbe[], state: Existing): Promise<void> {
    const formulas = probes.map((p) => {
      const items = p.collection.items.map((cf) => ({ type: cf.type, id: cf.id }));
      const same = p.read !== undefined && p.read.length === items.length && p.read.every((r, i) => r.type === items[i].type && r.id === items[i].id);
      if (same) {
        return items.map((rule) => {
          const custom = p.customs.get(rule.id);
          return { id: rule.id, formula: custom && !custom.isNullObject ? custom.rule.formula : undefined };
        });
      }
      // The formats are not as the read saw them (or there was no read): their formulas in one more sync.
      return items.map((rule) => ({ id: rule.id, formula: rule.type === 'Custom' ? p.collection.getItem(rule.id).custom.rule.load('formula') : undefined }));
    });
    if (formulas.some((list) => list.some((f) => f.formula !== undefined && typeof f.formula !== 'string'))) await ctx.sync();
    probes.forEach((p, n) => {
      const own: string[] = [];
      for (const { id, formula: f } of formulas[n]) {
        const formula = typeof f === 'string' || f === undefined ? f : f.formula;
        if (formula !== undefined && isOwnedRuleFormula(formula, p.ownedBy)) own.push(id);
      }
      state.ownRules.set(p.key, { sheet: p.sheet, ids: own });
    });
  }

  /**
   * The writer's own conditional formats go before anything else of the batch: a `clear` of their cells would
   * remove them first, and deleting a format that is gone fails the request (ItemNotFound).
   */
  private async queueOwnRuleDeletions(batch: Batch, sheets: Sheets, state: Existing): Promise<void> {
    for (const { sheet, ids } of state.ownRules.values()) {
      if (ids.length === 0) continue;
      await batch.queue(ids.length * ACTION_OVERHEAD_BYTES, () => {
        const formats = sheets.get(sheet).getRange().conditionalFormats;
        for (const id of ids) formats.getItem(id).delete();
      });
    }
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
      case 'clearConditionalFormats':
        // With ownedBy, only the writer's own formats, found by the probe and deleted first (queueOwnRuleDeletions);
        // the planner's stay where they are.
        if (op.ownedBy) return;
        return batch.queue(small(op), () => sheets.get(op.sheet).getRange().conditionalFormats.clearAll());
      case 'conditionalFormat':
        return batch.queue(small(op), () => {
          const cf = sheets.get(op.sheet).getRange(op.range).conditionalFormats.add('Custom');
          cf.custom.rule.formula = withEquals(op.formula);
          if (op.format.fill) cf.custom.format.fill.color = op.format.fill.color;
          const font = op.format.font;
          if (font?.bold !== undefined) cf.custom.format.font.bold = font.bold;
          if (font?.italic !== undefined) cf.custom.format.font.italic = font.italic;
          if (font?.color !== undefined) cf.custom.format.font.color = font.color;
          // ConditionalRangeFormat.numberFormat (ExcelApi 1.6):
          // https://learn.microsoft.com/javascript/api/excel/excel.conditionalrangeformat#excel-excel-conditionalrangeformat-numberformat-member
          if (op.format.numberFormat !== undefined) cf.custom.format.numberFormat = op.format.numberFormat;
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
      case 'rowBreaks':
        return batch.queue(small(op), () => {
          // ExcelApi 1.9 (https://learn.microsoft.com/javascript/api/excel/excel.pagebreakcollection): removePageBreaks
          // "resets all manual page breaks", add(range) "adds a page break before the top-left cell of the range".
          const breaks = sheets.get(op.sheet).horizontalPageBreaks;
          breaks.removePageBreaks();
          for (const row of op.rows) breaks.add(`A${row}`);
        });
      case 'table': {
        const key = op.name.toLowerCase();
        const exists = state.tables.has(key);
        state.tables.add(key);
        return batch.queue(small(op), () => {
          // An existing table keeps being the same table, resized to the plan (ExcelApi 1.13): the planner's
          // structured references, filters and header names stay as they are.
          if (exists) {
            const table = ctx.workbook.tables.getItem(op.name);
            table.resize(sheets.get(op.sheet).getRange(op.range));
            if (op.style) table.style = op.style;
            return;
          }
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
  /** Conditional-format types and ids of the sheets read, in collection order (lower-cased sheet name). */
  rules: Map<string, RuleSeen[]>;
}

interface RuleSeen {
  type: string;
  id: string;
}

/** One sheet's conditional formats as the probe asks for them (see queueRuleProbes). */
interface RuleProbe {
  key: string;
  sheet: string;
  ownedBy: readonly string[];
  /** Their types and ids as the read saw them, when a read did. */
  read?: RuleSeen[];
  collection: Excel.ConditionalFormatCollection;
  /** By id: the formula of each that the read saw as custom (null objects if no longer custom). */
  customs: Map<string, Excel.CustomConditionalFormat>;
}

/** How long a read's knowledge serves the next write: a command reads and writes within a moment. */
const KNOWN_FRESH_MS = 30_000;
/**
 * Errors that mean the workbook no longer is as the read saw it: a sheet, name, table or format gone, or one added
 * under a name we meant to use.
 */
const STALE_CODES = new Set(['ItemNotFound', 'ItemAlreadyExists']);

interface Existing {
  sheets: Set<string>;
  names: Set<string>;
  tables: Set<string>;
  charts: Set<string>;
  notes: Set<string>;
  /** Notes that are not the writer's own (see the note op's ownedBy). */
  foreignNotes: Set<string>;
  /** The ids of the writer's own conditional formats to delete, per sheet (see clearConditionalFormats' ownedBy). */
  ownRules: Map<string, { sheet: string; ids: string[] }>;
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
    /** Set once a sync of writes went through (the workbook is then partly written). */
    private readonly progress: { written: boolean },
  ) {}

  async queue(bytes: number, enqueue: () => void): Promise<void> {
    if (this.pendingActions > 0 && this.pendingBytes + bytes > this.budget) {
      // Splitting a large batch over several requests is the point here (Excel on the web's 5 MB limit).
      await this.ctx.sync();
      this.progress.written = true;
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
    this.progress.written = true;
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
    case 'rowBreaks':
      for (const row of op.rows) if (!Number.isInteger(row) || row < 2 || row > 1_048_576) check('rows', () => {
        throw new Error(`no page can start at row ${row}`);
      });
      break;
    default:
      break;
  }
}

/** The windows read → the port's rectangle from A1. */
function snapshot(r: SheetRead): SheetSnapshot {
  const merges = r.merges;
  if (!r.used || r.used.isNullObject) return { name: r.name, values: [], merges };
  const rows = r.used.rowIndex + r.used.rowCount;
  const cols = r.used.columnIndex + r.used.columnCount;
  const values: CellValue[][] = Array.from({ length: rows }, () => new Array<CellValue>(cols).fill(null));
  for (const w of r.windows) {
    w.values.forEach((row, i) =>
      row.forEach((v: unknown, j: number) => {
        values[w.top + i][w.left + j] = fromOffice(v, w.types?.[i]?.[j]);
      }),
    );
  }
  return { name: r.name, values, merges };
}

/** A sheet being read: its used range's size, then its cells window by window. */
interface SheetRead {
  name: string;
  worksheet: Excel.Worksheet;
  /** False for a sheet asked for its presence only. */
  content: boolean;
  /** Its used range (null for a sheet asked for its presence only). */
  used?: Excel.Range | null;
  rules?: Excel.ConditionalFormatCollection;
  /** Rows 0 … headRows − 1 came with the sizes (see sizeSheets). */
  headRows?: number;
  /** What a cell of this sheet has cost in a response so far (see addWindow). */
  bytesPerCell?: number;
  windows: Array<{ top: number; left: number; values: unknown[][]; types: string[][] }>;
  merges: string[];
}

/** Rows `top`… (0-based) of a used range, `cols` wide from `left`. */
interface Window {
  read: SheetRead;
  top: number;
  rows: number;
  left: number;
  cols: number;
}

/** Keep a window's cells, and learn from them what a cell of this sheet costs in a response (with a margin). */
function addWindow(r: SheetRead, top: number, left: number, values: unknown[][], types: string[][]): void {
  r.windows.push({ top, left, values, types });
  const cells = values.length * (values[0]?.length ?? 0);
  if (cells === 0) return;
  const perCell = (utf8Length(JSON.stringify(values)) + utf8Length(JSON.stringify(types))) / cells;
  r.bytesPerCell = Math.max(r.bytesPerCell ?? 0, Math.ceil(perCell * 1.25));
}

/** Failures that asking again in smaller pieces cannot mend: the host lacks the API, or the user is editing a cell. */
function isFatal(e: unknown): boolean {
  const code = toExcelHostError(e).code;
  return code === 'ApiNotFound' || code === 'InvalidOperationInCellEditMode';
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

