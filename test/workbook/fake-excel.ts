/**
 * A strict, in-memory fake of the parts of the Excel JavaScript API (Office.js) that the workbook adapters use.
 * Every behaviour it models beyond plain storage names its source (a Microsoft Learn page or an office-js issue)
 * where it is implemented; the host it plays — requirement sets, size limits, undo, language — is a HostProfile
 * (fake-excel/profiles.ts).
 *
 * It behaves like Office.js where mistakes hide:
 * - Every property set and method call is *queued*; nothing reaches the workbook until `context.sync()`. The ops of
 *   one sync run in order; the first failing op rejects the sync and drops the rest of that batch (ops before it
 *   stay applied), as Office does.
 * - Reading a property that was not `load()`ed *and* synced throws PropertyNotLoaded, like Office.js.
 * - `*OrNullObject` proxies expose `isNullObject` only after a sync; queueing a write or method on a null object
 *   makes the sync fail (the real host's behaviour here is not documented — an adapter must not rely on it).
 * - A request bigger than `requestLimitBytes` (default 5 MB, Excel on the web's limit) is rejected with
 *   RequestPayloadSizeLimitExceeded before anything runs.
 * - `run()` rejects when the batch function returns with queued work that was never synced.
 * - Values are parsed the way Excel parses typed input: "=…" becomes a formula, "123" a number, "TRUE" a boolean,
 *   "2024-04-01" a date serial, "#N/A" an error, and a leading apostrophe keeps the rest as text. Formulas are stored,
 *   never evaluated (a formula cell reads as "" unless a test gives it a cached value with `setCell`).
 *
 * Sizes: each sync records the UTF-8 byte size of JSON.stringify of its queued operations' arguments, which is
 * close to what Office.js puts in the request body.
 *
 *   const excel = new FakeExcel();
 *   excel.addSheet('計画', [['品目', '数量'], ['工作機械', 3]]);
 *   const port = new OfficePort(excel.run);
 *   await port.apply(ops);
 *   excel.syncCount; excel.maxRequestBytes; excel.sheet('計画').cell('B2').value;
 */
import { contains, formatRange, formulaFromR1C1, intersects, parseCell, parseRange, RangeRef, splitSheetAddress } from '../../src/workbook/a1';
import { defaultHeader, keepsUndo, MESSAGES, WEB, type HostProfile } from './fake-excel/profiles';

export { PROFILES, M365_WINDOWS, WEB, MAC, OFFICE_2021, supportsOn, keepsUndo, type HostProfile } from './fake-excel/profiles';

// ---------------------------------------------------------------------------------------------------------------
// Errors

export class FakeOfficeError extends Error {
  override readonly name = 'OfficeExtension.Error';
  readonly debugInfo: { code: string; message: string; errorLocation?: string };

  constructor(
    readonly code: string,
    message: string,
    errorLocation?: string,
  ) {
    super(message);
    this.debugInfo = { code, message, errorLocation };
  }
}

const ERROR_VALUES = new Set([
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

function utf8Bytes(s: string): number {
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

// ---------------------------------------------------------------------------------------------------------------
// The workbook model (what tests inspect)

export type FakeValue = string | number | boolean | null | { error: string };

export interface FakeCellFormat {
  fill?: string;
  font: { bold?: boolean; italic?: boolean; color?: string; size?: number };
  wrapText?: boolean;
  horizontalAlignment?: string;
  verticalAlignment?: string;
  borders: Record<string, { style?: string; weight?: string }>;
}

export class FakeCell {
  /** The value (for a formula cell: its cached result, null when none). */
  value: FakeValue = null;
  /** A1 formula with its leading "=", when the cell holds a formula. */
  formula?: string;
  numberFormat = 'General';
  /** Set when the text was entered with a leading apostrophe. */
  quotePrefix = false;
  format: FakeCellFormat = { font: {}, borders: {} };

  get isEmpty(): boolean {
    return this.value === null && this.formula === undefined;
  }
}

export interface FakeConditionalFormat {
  id: string;
  range: string;
  type: string;
  formula?: string;
  fill?: string;
  font: { bold?: boolean; italic?: boolean; color?: string };
  /** The number format the rule shows its cells in where it applies. */
  numberFormat?: string;
  stopIfTrue?: boolean;
}

export interface FakeChart {
  name: string;
  type: string;
  source: string;
  seriesBy?: string;
  title?: string;
  position?: { start: string; end?: string };
}

/** What worksheet.onChanged hands its handlers (the part the add-in reads). */
export interface FakeChangeEvent {
  type: 'WorksheetChanged';
  source: 'Local' | 'Remote';
  worksheetId: string;
  address: string;
  changeType: string;
  /** ExcelApi 1.14: absent on hosts before it (https://learn.microsoft.com/javascript/api/excel/excel.eventtriggersource). */
  triggerSource?: 'ThisLocalAddin' | 'Unknown';
}

export interface FakeTable {
  name: string;
  sheet: FakeSheet;
  range: string;
  style?: string;
  hasHeaders: boolean;
}

export interface FakeListRule {
  list?: { inCellDropDown?: boolean; source: string };
  [other: string]: unknown;
}

export class FakeSheet {
  readonly rows = new Map<number, Map<number, FakeCell>>();
  merges: string[] = [];
  /** Conditional formats in priority order: index 0 is the top priority. */
  conditionalFormats: FakeConditionalFormat[] = [];
  /** Data validation per cell ("B3" → rule). */
  readonly validation = new Map<string, FakeListRule>();
  /** Notes per cell ("B3" → text). */
  readonly notes = new Map<string, string>();
  charts: FakeChart[] = [];
  pageLayout: {
    orientation?: string;
    paperSize?: string;
    zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
    printArea?: string;
    printTitleRows?: string;
    centerHeader?: string;
    centerFooter?: string;
  } = {};
  /** Manual horizontal page breaks: the rows a new page starts at (1-based, ascending). */
  horizontalPageBreaks: number[] = [];
  freeze = { rows: 0, columns: 0 };
  /** Column widths in points, by column number. */
  readonly columnWidths = new Map<number, number>();
  tabColor = '';
  selection?: string;
  /** Sheet protection (Review > Protect Sheet): writes to it fail with AccessDenied. */
  protected = false;
  /** The worksheet's id, as Office.js reports it ("{…}"). */
  readonly id: string;
  /** worksheet.onChanged handlers. */
  readonly changeHandlers: Array<(e: FakeChangeEvent) => unknown> = [];

  constructor(
    public name: string,
    id = `{sheet-${name}}`,
  ) {
    this.id = id;
  }

  /** The cell at an A1 address (an empty, detached cell when nothing was written there). */
  cell(address: string): FakeCell {
    const { row, col } = parseCell(address);
    return this.rows.get(row)?.get(col) ?? new FakeCell();
  }

  /** Give a cell a value (and optionally a formula whose cached result the value is). */
  setCell(address: string, value: FakeValue, formula?: string): void {
    const { row, col } = parseCell(address);
    const c = this.cellAt(row, col);
    c.value = value;
    c.formula = formula;
  }

  /** Values of a range (or of A1 to the end of the used range) as the port reads them: null for blanks. */
  values(range?: string): FakeValue[][] {
    const r = range ? parseRange(range) : { top: 1, left: 1, ...this.extent() };
    const out: FakeValue[][] = [];
    for (let row = r.top; row <= r.bottom; row++) {
      const line: FakeValue[] = [];
      for (let col = r.left; col <= r.right; col++) line.push(this.rows.get(row)?.get(col)?.value ?? null);
      out.push(line);
    }
    return out;
  }

  /** Bottom-right corner of the cells that hold something (values only, or anything incl. formats). */
  extent(valuesOnly = true): { bottom: number; right: number } {
    let bottom = 0;
    let right = 0;
    for (const [row, cells] of this.rows) {
      for (const [col, cell] of cells) {
        if (valuesOnly ? cell.isEmpty : cell.isEmpty && cell.numberFormat === 'General' && !cell.format.fill) continue;
        bottom = Math.max(bottom, row);
        right = Math.max(right, col);
      }
    }
    return { bottom, right };
  }

  usedRect(valuesOnly: boolean): RangeRef | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = 0;
    let right = 0;
    for (const [row, cells] of this.rows) {
      for (const [col, cell] of cells) {
        const blank = valuesOnly ? cell.isEmpty : cell.isEmpty && cell.numberFormat === 'General' && !cell.format.fill;
        if (blank) continue;
        top = Math.min(top, row);
        left = Math.min(left, col);
        bottom = Math.max(bottom, row);
        right = Math.max(right, col);
      }
    }
    return bottom === 0 ? null : { top, left, bottom, right };
  }

  cellAt(row: number, col: number): FakeCell {
    let cells = this.rows.get(row);
    if (!cells) this.rows.set(row, (cells = new Map()));
    let c = cells.get(col);
    if (!c) cells.set(col, (c = new FakeCell()));
    return c;
  }

  peek(row: number, col: number): FakeCell | undefined {
    return this.rows.get(row)?.get(col);
  }

  forEachCell(r: RangeRef, fn: (cell: FakeCell, row: number, col: number) => void): void {
    for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) fn(this.cellAt(row, col), row, col);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The fake host

export interface FakeExcelOptions {
  /** The Excel it plays (default: Excel on the web, the strictest about sizes). */
  profile?: HostProfile;
  /** Reject a sync whose queued payload is larger than this (default: the profile's limit). */
  requestLimitBytes?: number | null;
}

interface QueuedOp {
  what: string;
  bytes: number;
  run: () => void;
  /** The op changes the workbook (for the undo stack). */
  isWrite?: boolean;
  /** The sheet it changed, once run (for change events). */
  writes?: FakeSheet | null;
}

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  /** Workbook-scoped names (lower-cased key). */
  readonly names = new Map<string, { name: string; formula: string }>();
  /** Tables (lower-cased key). */
  readonly tables = new Map<string, FakeTable>();
  activeSheet?: string;
  /** The workbook counts dates from 1904 (Excel's per-workbook option): serials are 1,462 days lower. */
  date1904 = false;
  syncCount = 0;
  /** One entry per sync: the request's and the response's byte sizes and how many operations it carried. */
  readonly requests: Array<{ bytes: number; responseBytes: number; operations: number; refused?: boolean }> = [];
  readonly requestLimitBytes: number | null;
  readonly responseLimitBytes: number | null;
  readonly profile: HostProfile;
  /** The workbook is protected (Review > Protect Workbook): sheets cannot be added. */
  workbookProtected = false;
  /** Opened read-only (no permission to edit): every write fails with AccessDenied. */
  readOnly = false;
  /**
   * The undo stack, oldest first: the planner's edits ("user: 計画!J5") and, where the host keeps undo for add-ins
   * (ExcelApi 1.20), one entry per add-in write or per run with mergeUndoGroup. Before ExcelApi 1.20 an add-in's write
   * clears it (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities).
   */
  readonly undoStack: string[] = [];
  private nextFailure?: { code: string; message: string };
  private ids = 0;
  /** Response bytes of the sync being executed. */
  private responseBytes = 0;

  constructor(options: FakeExcelOptions = {}) {
    this.profile = options.profile ?? WEB;
    this.requestLimitBytes = options.requestLimitBytes !== undefined ? options.requestLimitBytes : this.profile.requestLimitBytes;
    this.responseLimitBytes = this.profile.responseLimitBytes;
  }

  /** The largest request (bytes) of any sync so far. */
  get maxRequestBytes(): number {
    return this.requests.reduce((m, r) => Math.max(m, r.bytes), 0);
  }

  /** The largest response (bytes) Excel sent back so far (refused ones are never sent). */
  get maxResponseBytes(): number {
    return this.requests.reduce((m, r) => (r.refused ? m : Math.max(m, r.responseBytes)), 0);
  }

  /** Excel's message for an error, in the profile's language (the adapter must not depend on it). */
  message(key: string): string {
    return MESSAGES[this.profile.locale][key] ?? key;
  }

  /**
   * Excel.run, with or without its options (Excel.run(options, batch); `mergeUndoGroup` is ExcelApi 1.20). Bound, so
   * `new OfficePort(excel.run)` works.
   */
  readonly run = async <T>(
    first: ((context: Excel.RequestContext) => Promise<T>) | { mergeUndoGroup?: boolean; delayForCellEdit?: boolean },
    second?: (context: Excel.RequestContext) => Promise<T>,
  ): Promise<T> => {
    const batch = typeof first === 'function' ? first : second!;
    const options = typeof first === 'function' ? {} : first;
    if (options.mergeUndoGroup && this.profile.excelApi < 20) {
      throw new FakeOfficeError('ApiNotFound', '');
    }
    const ctx = new FakeRequestContext(this, Boolean(options.mergeUndoGroup));
    try {
      const result = await batch(ctx as unknown as Excel.RequestContext);
      if (ctx.pending.length > 0) {
        const what = ctx.pending.slice(0, 5).map((op) => op.what).join(', ');
        throw new Error(`FakeExcel: ${ctx.pending.length} queued operation(s) were never synced (${what})`);
      }
      return result;
    } finally {
      ctx.closed = true;
    }
  };

  /**
   * The planner types into a cell: it joins the undo stack, and the sheet's onChanged handlers hear of it (source
   * "Local"; triggerSource "Unknown" where the host has it, ExcelApi 1.14 — Excel has no value for "the user").
   */
  async userEdit(sheetName: string, address: string, value: FakeValue): Promise<void> {
    const sheet = this.sheet(sheetName);
    const cell = parseCell(address);
    enter(sheet.cellAt(cell.row, cell.col), value === null ? '' : typeof value === 'object' ? value.error : value);
    this.undoStack.push(`user: ${sheet.name}!${address}`);
    await this.fireChanged(sheet, address, 'Unknown');
  }

  /** @internal Deliver a change event to a sheet's handlers, as Excel does after the change. */
  async fireChanged(sheet: FakeSheet, address: string, trigger: 'ThisLocalAddin' | 'Unknown'): Promise<void> {
    const event: FakeChangeEvent = { type: 'WorksheetChanged', source: 'Local', worksheetId: sheet.id, address, changeType: 'RangeEdited' };
    if (this.profile.excelApi >= 14) event.triggerSource = trigger;
    for (const handler of [...sheet.changeHandlers]) await handler(event);
  }

  addSheet(name: string, values: FakeValue[][] = []): FakeSheet {
    if (this.findSheet(name)) throw new Error(`FakeExcel: sheet "${name}" exists`);
    const sheet = new FakeSheet(name);
    values.forEach((row, i) => row.forEach((v, j) => v !== null && (sheet.cellAt(i + 1, j + 1).value = v)));
    this.sheets.push(sheet);
    this.activeSheet ??= name;
    return sheet;
  }

  sheet(name: string): FakeSheet {
    const s = this.findSheet(name);
    if (!s) throw new Error(`FakeExcel: no sheet "${name}"`);
    return s;
  }

  findSheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** The user deletes a sheet (between two of the add-in's requests, say). */
  deleteSheet(name: string): void {
    const i = this.sheets.findIndex((s) => s.name.toLowerCase() === name.toLowerCase());
    if (i < 0) throw new Error(`FakeExcel: no sheet ${name}`);
    this.sheets.splice(i, 1);
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  /** Make the next sync fail with this Office error code (nothing of it runs). */
  failNextSync(code: string, message = code): void {
    this.nextFailure = { code, message };
  }

  /** Make the sync numbered `n` (counting every sync so far, from 1) fail with this code (nothing of it runs). */
  failSync(n: number, code: string, message = code): void {
    this.failAt = { n, code, message };
  }
  private failAt?: { n: number; code: string; message: string };

  /** @internal */
  newId(): string {
    return `{${++this.ids}}`;
  }

  /** @internal A loaded property's share of the response. */
  addResponse(value: unknown): void {
    this.responseBytes += utf8Bytes(JSON.stringify(value) ?? '');
  }

  /** @internal */
  async execute(ops: QueuedOp[], ctx: FakeRequestContext): Promise<void> {
    this.syncCount++;
    const bytes = ops.reduce((n, op) => n + op.bytes, 0);
    const entry: FakeExcel['requests'][number] = { bytes, responseBytes: 0, operations: ops.length };
    this.requests.push(entry);
    this.responseBytes = 0;
    await Promise.resolve(); // a sync is asynchronous
    if (this.nextFailure || this.failAt?.n === this.syncCount) {
      const f = this.nextFailure ?? this.failAt!;
      this.nextFailure = undefined;
      if (f === this.failAt) this.failAt = undefined;
      throw new FakeOfficeError(f.code, f.message);
    }
    // "Excel on the web limits requests and responses to 5 MB" (https://learn.microsoft.com/office/dev/add-ins/excel/performance).
    if (this.requestLimitBytes !== null && bytes > this.requestLimitBytes) {
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', this.message('RequestPayloadSizeLimitExceeded'));
    }
    const changed = new Set<FakeSheet>();
    let wrote = false;
    try {
      for (const op of ops) {
        try {
          op.run();
          if (op.isWrite) wrote = true;
          if (op.writes) changed.add(op.writes);
        } catch (e) {
          if (e instanceof FakeOfficeError) throw e;
          throw new FakeOfficeError('GeneralException', `${op.what}: ${(e as Error).message}`, op.what);
        }
      }
    } finally {
      // What ran before a failure stays applied (a sync is not a transaction), and counts for undo.
      if (wrote) this.recordAddinWrite(ctx);
      entry.responseBytes = this.responseBytes;
    }
    if (this.responseLimitBytes !== null && this.responseBytes > this.responseLimitBytes) {
      entry.refused = true;
      throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', this.message('ResponsePayloadSizeLimitExceeded'));
    }
    // Change events of our own writes come after the sync, marked as ours where the host can (ExcelApi 1.14).
    for (const sheet of changed) setTimeout(() => void this.fireChanged(sheet, '', 'ThisLocalAddin'), 0);
  }

  /** An add-in write and the undo stack (see `undoStack`). */
  private recordAddinWrite(ctx: FakeRequestContext): void {
    if (!keepsUndo(this.profile)) {
      this.undoStack.length = 0;
      return;
    }
    if (ctx.mergeUndo && ctx.undoRecorded) return;
    ctx.undoRecorded = true;
    this.undoStack.push('add-in');
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Request context and proxies

class FakeRequestContext {
  pending: QueuedOp[] = [];
  closed = false;
  generation = 0;
  /** One undo entry for the whole run has been recorded (mergeUndoGroup). */
  undoRecorded = false;
  readonly workbook: WorkbookProxy;

  constructor(
    readonly excel: FakeExcel,
    readonly mergeUndo = false,
  ) {
    this.workbook = new WorkbookProxy(this);
  }

  enqueue(what: string, args: unknown[], run: () => void, writes?: () => FakeSheet | null): QueuedOp {
    if (this.closed) throw new FakeOfficeError('InvalidObjectPath', `${what}: the request context of this object has ended (Excel.run returned)`);
    const op: QueuedOp = { what, bytes: utf8Bytes(JSON.stringify(args)), run };
    if (writes) {
      op.isWrite = true;
      op.run = () => {
        op.writes = writes();
        run();
      };
    }
    this.pending.push(op);
    return op;
  }

  /**
   * An API the host may not have: the sync fails with ApiNotFound where the profile's requirement sets stop below
   * it (https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets). The error
   * has no message of its own worth reading.
   */
  requires(minor: number, api: string): void {
    if (this.excel.profile.excelApi >= minor) return;
    this.enqueue(`${api} (ExcelApi 1.${minor})`, [], () => {
      throw new FakeOfficeError('ApiNotFound', '', api);
    });
  }

  async sync(): Promise<void> {
    const ops = this.pending;
    this.pending = [];
    try {
      await this.excel.execute(ops, this);
    } finally {
      this.generation++;
    }
  }

  /** Excel.RequestContext has this; the adapters do not need it, but code that calls it should not crash. */
  readonly trackedObjects = { add: () => undefined, remove: () => undefined };
}

function notLoaded(prop: string, owner: string): FakeOfficeError {
  return new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available on ${owner}. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

function parseProps(props?: string | string[] | { select?: string }): string[] {
  if (props === undefined) return [];
  const list = Array.isArray(props) ? props : typeof props === 'string' ? props.split(',') : (props.select ?? '').split(',');
  return list.map((p) => p.trim()).filter(Boolean);
}

/**
 * Base proxy: a deferred pointer to a model object, resolved when a queued op runs (at sync), with Office.js's
 * load/sync discipline for reading.
 */
abstract class ClientObject<M> {
  private readonly loaded = new Map<string, unknown>();
  private nullState?: boolean;

  constructor(
    protected readonly ctx: FakeRequestContext,
    protected readonly label: string,
    private readonly resolver: () => M | null,
    private readonly nullable = false,
  ) {
    if (nullable) {
      // The *OrNullObject path is evaluated with the next sync, which is when isNullObject becomes readable.
      ctx.enqueue(`${label} (evaluate)`, [], () => {
        this.nullState = this.resolver() === null;
      });
    }
  }

  get isNullObject(): boolean {
    if (!this.nullable) return false;
    if (this.nullState === undefined) throw notLoaded('isNullObject', this.label);
    return this.nullState;
  }

  /** The model object now (inside a queued op); a missing object fails the sync like Office does. */
  protected target(): M {
    const m = this.resolver();
    if (m === null) {
      throw new FakeOfficeError(
        this.nullable ? 'InvalidOperation' : 'ItemNotFound',
        this.nullable ? `${this.label} is a null object; check isNullObject before using it` : `${this.label} does not exist`,
        this.label,
      );
    }
    return m;
  }

  /** Resolve without failing (for proxies derived from this one that are themselves nullable). */
  protected tryTarget(): M | null {
    return this.resolver();
  }

  load(props?: string | string[] | { select?: string }): this {
    const list = parseProps(props);
    this.ctx.enqueue(`${this.label}.load(${list.join(',')})`, [list], () => {
      const m = this.resolver();
      for (const p of list) {
        if (m === null) {
          this.loaded.set(p, NULL_MARK);
          continue;
        }
        const value = this.readProp(m, p);
        this.loaded.set(p, value);
        // What Excel sends back counts against the response limit (see FakeExcel.execute).
        this.ctx.excel.addResponse(value);
      }
    });
    return this;
  }

  /** A property as a load by a parent (a collection's items) delivers it. */
  protected markLoaded(prop: string, value: unknown): void {
    this.loaded.set(prop, value);
  }

  /** Read a loaded property (throws PropertyNotLoaded otherwise, like Office.js). */
  protected get<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw notLoaded(prop, this.label);
    const v = this.loaded.get(prop);
    if (v === NULL_MARK) throw new FakeOfficeError('InvalidOperation', `${this.label} is a null object; '${prop}' has no value`);
    return v as T;
  }

  protected set(prop: string, value: unknown, apply: (m: M) => void): void {
    this.ctx.enqueue(`${this.label}.${prop} = …`, [value], () => apply(this.writable()), () => this.changedSheet());
  }

  /** A method call; `write: false` for the few that change nothing in the workbook (activate, select). */
  protected call(method: string, args: unknown[], apply: (m: M) => void, options: { write?: boolean } = {}): void {
    if (options.write === false) {
      this.ctx.enqueue(`${this.label}.${method}()`, args, () => apply(this.target()));
      return;
    }
    this.ctx.enqueue(`${this.label}.${method}()`, args, () => apply(this.writable()), () => this.changedSheet());
  }

  /**
   * The model object for a write. A protected sheet or a workbook opened read-only refuses it with AccessDenied
   * and a message in the host's language (error codes are not localised, messages are:
   * https://learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
   */
  private writable(): M {
    const m = this.target();
    const excel = this.ctx.excel;
    if (excel.readOnly) throw new FakeOfficeError('AccessDenied', excel.message('ReadOnly'), this.label);
    if (this.sheetOf(m)?.protected) throw new FakeOfficeError('AccessDenied', excel.message('AccessDenied'), this.label);
    return m;
  }

  private changedSheet(): FakeSheet | null {
    const m = this.resolver();
    return m === null ? null : this.sheetOf(m);
  }

  /** The sheet a write to this object changes (null: the workbook itself). */
  protected sheetOf(_m: M): FakeSheet | null {
    return null;
  }

  /** What `load(prop)` snapshots from the model object. */
  protected abstract readProp(m: M, prop: string): unknown;

  toJSON(): string {
    return this.label;
  }
}

const NULL_MARK = Symbol('null object');

// ----- workbook and worksheets

class WorkbookProxy extends ClientObject<FakeExcel> {
  readonly worksheets: WorksheetCollectionProxy;
  readonly names: NamedItemCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly functions: FunctionsProxy;

  constructor(ctx: FakeRequestContext) {
    super(ctx, 'workbook', () => ctx.excel);
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.names = new NamedItemCollectionProxy(ctx);
    this.tables = new TableCollectionProxy(ctx, 'workbook.tables', () => null);
    this.functions = new FunctionsProxy(ctx);
  }

  /** workbook.protection (ExcelApi 1.7). */
  get protection(): ProtectionProxy {
    this.ctx.requires(7, 'WorkbookProtection');
    return new ProtectionProxy(this.ctx, 'workbook.protection', () => ({ protected: this.ctx.excel.workbookProtected }));
  }

  protected readProp(): unknown {
    return undefined;
  }
}

/** Sheet or workbook protection: only `protected` is read (WorksheetProtection: ExcelApi 1.2). */
class ProtectionProxy extends ClientObject<{ protected: boolean }> {
  get protected(): boolean {
    return this.get<boolean>('protected');
  }
  protected readProp(m: { protected: boolean }, prop: string): unknown {
    if (prop === 'protected') return m.protected;
    throw new FakeOfficeError('InvalidArgument', `protection has no property '${prop}' in the fake`);
  }
}

/** workbook.functions: only DATE, computed in the workbook's date system as Excel does. */
class FunctionsProxy {
  constructor(private readonly ctx: FakeRequestContext) {}

  date(year: number, month: number, day: number): FunctionResultProxy {
    this.ctx.requires(2, 'Functions');
    return new FunctionResultProxy(this.ctx, `functions.date(${year},${month},${day})`, () => {
      const serial1900 = Math.round((Date.UTC(year, month - 1, day) - Date.UTC(1899, 11, 30)) / 86_400_000);
      return { value: this.ctx.excel.date1904 ? serial1900 - 1462 : serial1900 };
    });
  }
}

class FunctionResultProxy extends ClientObject<{ value: number }> {
  get value(): number {
    return this.get('value');
  }
  protected readProp(m: { value: number }, prop: string): unknown {
    if (prop === 'value') return m.value;
    throw new FakeOfficeError('InvalidArgument', `function result has no property '${prop}'`);
  }
}

const INVALID_SHEET_CHARS = /[\\/?*[\]:]/;

class WorksheetCollectionProxy extends ClientObject<FakeExcel> {
  constructor(ctx: FakeRequestContext) {
    super(ctx, 'worksheets', () => ctx.excel);
  }

  get items(): WorksheetProxy[] {
    return this.get<WorksheetProxy[]>('items');
  }

  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, `worksheets.getItem(${name})`, () => this.ctx.excel.findSheet(name) ?? null);
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    this.ctx.requires(4, 'WorksheetCollection.getItemOrNullObject');
    return new WorksheetProxy(this.ctx, `worksheets.getItemOrNullObject(${name})`, () => this.ctx.excel.findSheet(name) ?? null, true);
  }

  add(name: string): WorksheetProxy {
    this.call('add', [name], (excel) => {
      // A protected workbook structure refuses new sheets.
      if (excel.workbookProtected) throw new FakeOfficeError('AccessDenied', excel.message('AccessDenied'), 'worksheets.add');
      if (!name || name.length > 31 || INVALID_SHEET_CHARS.test(name) || /^'|'$/.test(name)) {
        throw new FakeOfficeError('InvalidArgument', `invalid sheet name "${name}"`);
      }
      if (excel.findSheet(name)) throw new FakeOfficeError('ItemAlreadyExists', `A sheet named "${name}" already exists`);
      excel.sheets.push(new FakeSheet(name));
    });
    return new WorksheetProxy(this.ctx, `worksheets.add(${name})`, () => this.ctx.excel.findSheet(name) ?? null);
  }

  protected readProp(excel: FakeExcel, prop: string): unknown {
    if (prop === 'items' || prop.startsWith('items/')) {
      return excel.sheets.map((s, i) => WorksheetProxy.snapshot(this.ctx, s, i));
    }
    throw new FakeOfficeError('InvalidArgument', `worksheets has no property '${prop}'`);
  }

  override load(props?: string | string[] | { select?: string }): this {
    // "items/name,items/position" → one 'items' snapshot whose children carry those properties.
    const list = parseProps(props);
    return super.load(list.some((p) => p === 'items' || p.startsWith('items/')) ? ['items'] : list);
  }
}

class WorksheetProxy extends ClientObject<FakeSheet> {
  protected override sheetOf(m: FakeSheet): FakeSheet | null {
    return m;
  }
  private snap?: { name: string; position: number; protected: boolean };

  static snapshot(ctx: FakeRequestContext, sheet: FakeSheet, position: number): WorksheetProxy {
    const p = new WorksheetProxy(ctx, `worksheet(${sheet.name})`, () => ctx.excel.findSheet(sheet.name) ?? null);
    p.snap = { name: sheet.name, position, protected: sheet.protected };
    return p;
  }

  get name(): string {
    return this.snap ? this.snap.name : this.get<string>('name');
  }

  get id(): string {
    return this.get<string>('id');
  }

  /** Sheet protection (ExcelApi 1.2); through a collection load of items/protection/protected, already loaded. */
  get protection(): ProtectionProxy {
    const snap = this.snap;
    if (snap) {
      const p = new ProtectionProxy(this.ctx, `${this.label}.protection`, () => ({ protected: snap.protected }));
      (p as unknown as { markLoaded(k: string, v: unknown): void }).markLoaded('protected', snap.protected);
      return p;
    }
    return new ProtectionProxy(this.ctx, `${this.label}.protection`, () => {
      const s = this.tryTarget();
      return s ? { protected: s.protected } : null;
    });
  }

  /** worksheet.onChanged (ExcelApi 1.7): handlers hear the sheet's changes (FakeExcel.userEdit, our own writes). */
  get onChanged(): { add(handler: (e: FakeChangeEvent) => unknown): { remove(): void; context: FakeRequestContext } } {
    const ctx = this.ctx;
    return {
      add: (handler) => {
        ctx.requires(7, 'Worksheet.onChanged');
        ctx.enqueue(`${this.label}.onChanged.add()`, [], () => this.target().changeHandlers.push(handler));
        return {
          context: ctx,
          remove: () =>
            ctx.enqueue(`${this.label}.onChanged.remove()`, [], () => {
              const list = this.tryTarget()?.changeHandlers;
              const i = list?.indexOf(handler) ?? -1;
              if (list && i >= 0) list.splice(i, 1);
            }),
        };
      },
    };
  }

  get position(): number {
    return this.snap ? this.snap.position : this.get<number>('position');
  }

  get tabColor(): string {
    return this.get<string>('tabColor');
  }

  set tabColor(color: string) {
    this.ctx.requires(7, 'Worksheet.tabColor');
    this.set('tabColor', color, (s) => (s.tabColor = color));
  }

  get freezePanes(): FreezePanesProxy {
    this.ctx.requires(7, 'Worksheet.freezePanes');
    return new FreezePanesProxy(this.ctx, `${this.label}.freezePanes`, () => this.tryTarget());
  }

  get pageLayout(): PageLayoutProxy {
    this.ctx.requires(9, 'Worksheet.pageLayout');
    return new PageLayoutProxy(this.ctx, `${this.label}.pageLayout`, () => this.tryTarget());
  }

  /** ExcelApi 1.9 (https://learn.microsoft.com/javascript/api/excel/excel.worksheet#excel-excel-worksheet-horizontalpagebreaks-member). */
  get horizontalPageBreaks(): PageBreakCollectionProxy {
    this.ctx.requires(9, 'Worksheet.horizontalPageBreaks');
    return new PageBreakCollectionProxy(this.ctx, `${this.label}.horizontalPageBreaks`, () => this.tryTarget());
  }

  get tables(): TableCollectionProxy {
    return new TableCollectionProxy(this.ctx, `${this.label}.tables`, () => this.tryTarget());
  }

  get charts(): ChartCollectionProxy {
    return new ChartCollectionProxy(this.ctx, `${this.label}.charts`, () => this.tryTarget());
  }

  get notes(): NoteCollectionProxy {
    this.ctx.requires(18, 'Worksheet.notes');
    return new NoteCollectionProxy(this.ctx, `${this.label}.notes`, () => this.tryTarget());
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(this.ctx, `${this.label}.getRange(${address ?? ''})`, () => {
      const s = this.tryTarget();
      if (!s) return null;
      const rect = address ? parseRange(address) : { top: 1, left: 1, bottom: 1_048_576, right: 16_384 };
      return { sheet: s, rect };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    this.ctx.requires(4, 'Worksheet.getUsedRangeOrNullObject');
    return new RangeProxy(
      this.ctx,
      `${this.label}.getUsedRangeOrNullObject(${valuesOnly})`,
      () => {
        const s = this.target(); // calling this on a missing sheet is a mistake the fake reports
        const rect = s.usedRect(valuesOnly);
        return rect ? { sheet: s, rect } : null;
      },
      true,
    );
  }

  activate(): void {
    this.call('activate', [], (s) => (this.ctx.excel.activeSheet = s.name), { write: false });
  }

  delete(): void {
    this.call('delete', [], (s) => {
      const excel = this.ctx.excel;
      if (excel.workbookProtected) throw new FakeOfficeError('AccessDenied', excel.message('AccessDenied'), 'worksheet.delete');
      excel.sheets.splice(excel.sheets.indexOf(s), 1);
      for (const [key, t] of excel.tables) if (t.sheet === s) excel.tables.delete(key);
    });
  }

  protected readProp(s: FakeSheet, prop: string): unknown {
    switch (prop) {
      case 'name':
        return s.name;
      case 'position':
        return this.ctx.excel.sheets.indexOf(s);
      case 'tabColor':
        return s.tabColor;
      case 'id':
        return s.id;
      default:
        throw new FakeOfficeError('InvalidArgument', `worksheet has no property '${prop}'`);
    }
  }
}

// ----- ranges

interface RangeModel {
  sheet: FakeSheet;
  rect: RangeRef;
}

function quoteIfNeeded(name: string): string {
  return /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** How Excel takes a typed/set value. */
function enter(cell: FakeCell, v: unknown, asFormulaR1C1?: { row: number; col: number }): void {
  if (v === null || v === undefined) return; // null leaves the cell unchanged
  cell.quotePrefix = false;
  cell.formula = undefined;
  if (typeof v === 'number' || typeof v === 'boolean') {
    cell.value = v;
    return;
  }
  if (typeof v !== 'string') throw new FakeOfficeError('InvalidArgument', `cannot set a cell to ${JSON.stringify(v)}`);
  if (v === '') {
    cell.value = null;
    return;
  }
  if (v.startsWith("'")) {
    cell.value = v.slice(1);
    cell.quotePrefix = true;
    return;
  }
  if (v.startsWith('=')) {
    cell.formula = asFormulaR1C1 ? formulaFromR1C1(v, asFormulaR1C1.row, asFormulaR1C1.col) : v;
    cell.value = null;
    return;
  }
  const t = v.trim();
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) {
    cell.value = Number(t);
    return;
  }
  if (/^[-+]?(\d+\.?\d*|\.\d+)%$/.test(t)) {
    cell.value = Number(t.slice(0, -1)) / 100;
    return;
  }
  if (v.startsWith('+') || v.startsWith('-') || v.startsWith('@')) {
    // Excel reads "+A1", "-B2", "@x" as formulas too.
    cell.formula = `=${v.slice(1)}`;
    cell.value = null;
    return;
  }
  if (/^(true|false)$/i.test(t)) {
    cell.value = t.toLowerCase() === 'true';
    return;
  }
  if (ERROR_VALUES.has(t.toUpperCase())) {
    cell.value = { error: t.toUpperCase() };
    return;
  }
  const date = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(t);
  if (date) {
    cell.value = Date.UTC(+date[1], +date[2] - 1, +date[3]) / 86_400_000 + 25_569;
    return;
  }
  cell.value = v;
}

function readValue(c: FakeCell | undefined): string | number | boolean {
  if (!c || c.value === null) return '';
  if (typeof c.value === 'object') return c.value.error;
  return c.value;
}

function valueType(c: FakeCell | undefined): string {
  if (!c || c.value === null) return c?.formula ? 'String' : 'Empty';
  if (typeof c.value === 'object') return 'Error';
  if (typeof c.value === 'number') return 'Double';
  if (typeof c.value === 'boolean') return 'Boolean';
  return 'String';
}

class RangeProxy extends ClientObject<RangeModel> {
  protected override sheetOf(m: RangeModel): FakeSheet | null {
    return m.sheet;
  }
  get values(): unknown[][] {
    return this.get('values');
  }
  set values(v: unknown) {
    this.writeCells('values', v, false);
  }

  get formulas(): unknown[][] {
    return this.get('formulas');
  }
  set formulas(v: unknown) {
    this.writeCells('formulas', v, false);
  }

  get formulasR1C1(): unknown[][] {
    return this.get('formulasR1C1');
  }
  set formulasR1C1(v: unknown) {
    this.writeCells('formulasR1C1', v, true);
  }

  get numberFormat(): unknown[][] {
    return this.get('numberFormat');
  }
  set numberFormat(v: unknown) {
    this.set('numberFormat', v, (m) => {
      const grid = broadcast(v, m.rect, 'numberFormat');
      m.sheet.forEachCell(m.rect, (cell, row, col) => {
        const f = grid(row - m.rect.top, col - m.rect.left);
        if (f !== null && f !== undefined) cell.numberFormat = String(f);
      });
    });
  }

  get valueTypes(): string[][] {
    return this.get('valueTypes');
  }
  get address(): string {
    return this.get('address');
  }
  get rowIndex(): number {
    return this.get('rowIndex');
  }
  get columnIndex(): number {
    return this.get('columnIndex');
  }
  get rowCount(): number {
    return this.get('rowCount');
  }
  get columnCount(): number {
    return this.get('columnCount');
  }

  get format(): RangeFormatProxy {
    return new RangeFormatProxy(this.ctx, `${this.label}.format`, () => this.tryTarget());
  }

  get conditionalFormats(): ConditionalFormatCollectionProxy {
    this.ctx.requires(6, 'Range.conditionalFormats');
    return new ConditionalFormatCollectionProxy(this.ctx, `${this.label}.conditionalFormats`, () => this.tryTarget());
  }

  get dataValidation(): DataValidationProxy {
    this.ctx.requires(8, 'Range.dataValidation');
    return new DataValidationProxy(this.ctx, `${this.label}.dataValidation`, () => this.tryTarget());
  }

  clear(applyTo: string = 'All'): void {
    this.call('clear', [applyTo], (m) => {
      // "All: Clears everything in the range"; only RemoveHyperlinks "leaves … conditional formats, and data
      // validation intact" (https://learn.microsoft.com/javascript/api/excel/excel.clearapplyto). A rule whose
      // range lies within the cleared one goes; one that reaches beyond it stays (Excel would trim its range).
      if (applyTo === 'All' || applyTo === 'Formats') {
        m.sheet.conditionalFormats = m.sheet.conditionalFormats.filter((cf) => !contains(m.rect, parseRange(cf.range)));
      }
      if (applyTo === 'All') {
        for (const key of [...m.sheet.validation.keys()]) if (contains(m.rect, parseRange(key))) m.sheet.validation.delete(key);
      }
      for (let row = m.rect.top; row <= m.rect.bottom; row++) {
        const cells = m.sheet.rows.get(row);
        if (!cells) continue;
        for (const [col, cell] of [...cells]) {
          if (col < m.rect.left || col > m.rect.right) continue;
          if (applyTo === 'All' || applyTo === 'Contents') {
            cell.value = null;
            cell.formula = undefined;
            cell.quotePrefix = false;
          }
          if (applyTo === 'All' || applyTo === 'Formats') {
            cell.format = { font: {}, borders: {} };
            cell.numberFormat = 'General';
          }
          if (cell.isEmpty && cell.numberFormat === 'General' && !cell.format.fill) cells.delete(col);
        }
      }
    });
  }

  select(): void {
    this.call(
      'select',
      [],
      (m) => {
        this.ctx.excel.activeSheet = m.sheet.name;
        m.sheet.selection = formatRange(m.rect);
      },
      { write: false },
    );
  }

  /** The used part of this range (ExcelApi 1.4); a null object when it holds nothing. */
  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    this.ctx.requires(4, 'Range.getUsedRangeOrNullObject');
    return new RangeProxy(
      this.ctx,
      `${this.label}.getUsedRangeOrNullObject(${valuesOnly})`,
      () => {
        const m = this.target();
        const used = m.sheet.usedRect(valuesOnly);
        if (!used || !intersects(used, m.rect)) return null;
        const rect = { top: Math.max(used.top, m.rect.top), left: Math.max(used.left, m.rect.left), bottom: Math.min(used.bottom, m.rect.bottom), right: Math.min(used.right, m.rect.right) };
        // The used range of a part is the bounding box of what is used within it.
        const within = usedWithin(m.sheet, rect, valuesOnly);
        return within ? { sheet: m.sheet, rect: within } : null;
      },
      true,
    );
  }

  getMergedAreasOrNullObject(): RangeAreasProxy {
    this.ctx.requires(13, 'Range.getMergedAreasOrNullObject');
    return new RangeAreasProxy(
      this.ctx,
      `${this.label}.getMergedAreasOrNullObject()`,
      () => {
        const m = this.target();
        // Only areas whose top-left cell lies in the range are listed (office-js issue #3611).
        const areas = m.sheet.merges.filter((a) => {
          const r = parseRange(a);
          return contains(m.rect, { top: r.top, left: r.left, bottom: r.top, right: r.left });
        });
        // "If the merged areas count in this range is more than 512, then this method will fail to return the
        // result" (https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-getmergedareasornullobject-member(1)).
        // The code Excel fails with is not documented; GeneralException here.
        if (areas.length > 512) throw new FakeOfficeError('GeneralException', this.ctx.excel.message('MergedAreas'), this.label);
        return areas.length ? { sheet: m.sheet, areas } : null;
      },
      true,
    );
  }

  private writeCells(prop: string, v: unknown, r1c1: boolean): void {
    this.set(prop, v, (m) => {
      const grid = broadcast(v, m.rect, prop);
      m.sheet.forEachCell(m.rect, (cell, row, col) => enter(cell, grid(row - m.rect.top, col - m.rect.left), r1c1 ? { row, col } : undefined));
      // A table's header row holds unique text whatever is written there (see normaliseHeaders).
      for (const t of this.ctx.excel.tables.values()) {
        if (t.sheet === m.sheet && t.hasHeaders && intersects(headerRow(t), m.rect)) normaliseHeaders(this.ctx.excel, t);
      }
    });
  }

  protected readProp(m: RangeModel, prop: string): unknown {
    const grid = <T>(f: (c: FakeCell | undefined) => T): T[][] => {
      const out: T[][] = [];
      for (let row = m.rect.top; row <= m.rect.bottom; row++) {
        const line: T[] = [];
        for (let col = m.rect.left; col <= m.rect.right; col++) line.push(f(m.sheet.peek(row, col)));
        out.push(line);
      }
      return out;
    };
    const cells = (m.rect.bottom - m.rect.top + 1) * (m.rect.right - m.rect.left + 1);
    if (['values', 'formulas', 'formulasR1C1', 'numberFormat', 'valueTypes'].includes(prop) && cells > 5_000_000) {
      throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', `${this.label}: too many cells to load`);
    }
    switch (prop) {
      case 'values':
        return grid(readValue);
      case 'formulas':
      case 'formulasR1C1':
        return grid((c) => c?.formula ?? readValue(c));
      case 'numberFormat':
        return grid((c) => c?.numberFormat ?? 'General');
      case 'valueTypes':
        return grid(valueType);
      case 'address':
        return `${quoteIfNeeded(m.sheet.name)}!${formatRange(m.rect)}`;
      case 'rowIndex':
        return m.rect.top - 1;
      case 'columnIndex':
        return m.rect.left - 1;
      case 'rowCount':
        return m.rect.bottom - m.rect.top + 1;
      case 'columnCount':
        return m.rect.right - m.rect.left + 1;
      default:
        throw new FakeOfficeError('InvalidArgument', `range has no property '${prop}'`);
    }
  }
}

/** A 2-D array must match the range exactly; a single (non-array) value is applied to every cell. */
function broadcast(v: unknown, rect: RangeRef, prop: string): (i: number, j: number) => unknown {
  const rows = rect.bottom - rect.top + 1;
  const cols = rect.right - rect.left + 1;
  if (!Array.isArray(v)) return () => v;
  if (v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols)) {
    throw new FakeOfficeError(
      'InvalidArgument',
      `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${prop}: ${formatRange(rect)})`,
    );
  }
  return (i, j) => (v as unknown[][])[i][j];
}

class RangeAreasProxy extends ClientObject<{ sheet: FakeSheet; areas: string[] }> {
  get address(): string {
    return this.get('address');
  }
  get areaCount(): number {
    return this.get('areaCount');
  }
  protected readProp(m: { sheet: FakeSheet; areas: string[] }, prop: string): unknown {
    if (prop === 'address') return m.areas.map((a) => `${quoteIfNeeded(m.sheet.name)}!${a}`).join(', ');
    if (prop === 'areaCount') return m.areas.length;
    throw new FakeOfficeError('InvalidArgument', `RangeAreas has no property '${prop}'`);
  }
}

// ----- formats

class RangeFormatProxy extends ClientObject<RangeModel> {
  protected override sheetOf(m: RangeModel): FakeSheet | null {
    return m.sheet;
  }
  get fill(): { color: string } {
    return this.sub('fill', (cell, v) => (cell.format.fill = String(v)), ['color']);
  }

  get font(): { bold: boolean; italic: boolean; color: string; size: number } {
    return this.sub('font', (cell, v, prop) => ((cell.format.font as Record<string, unknown>)[prop] = v), ['bold', 'italic', 'color', 'size']);
  }

  get borders(): { getItem(index: string): { style: string; weight: string; color: string } } {
    return {
      getItem: (index: string) =>
        this.sub(`borders.getItem(${index})`, (cell, v, prop) => {
          (cell.format.borders[index] ??= {} as { style?: string; weight?: string })[prop as 'style'] = String(v);
        }, ['style', 'weight', 'color']),
    } as never;
  }

  set wrapText(v: boolean) {
    this.each('wrapText', v, (cell) => (cell.format.wrapText = v));
  }
  set horizontalAlignment(v: string) {
    this.each('horizontalAlignment', v, (cell) => (cell.format.horizontalAlignment = v));
  }
  set verticalAlignment(v: string) {
    this.each('verticalAlignment', v, (cell) => (cell.format.verticalAlignment = v));
  }
  set columnWidth(points: number) {
    this.set('columnWidth', points, (m) => {
      for (let c = m.rect.left; c <= m.rect.right; c++) m.sheet.columnWidths.set(c, points);
    });
  }

  private each(prop: string, v: unknown, fn: (cell: FakeCell) => void): void {
    this.set(prop, v, (m) => m.sheet.forEachCell(m.rect, fn));
  }

  /** A write-only sub-object (fill, font, a border) whose listed properties apply to every cell of the range. */
  private sub<T>(name: string, apply: (cell: FakeCell, v: unknown, prop: string) => void, props: string[]): T {
    const obj = {} as Record<string, unknown>;
    for (const prop of props) {
      Object.defineProperty(obj, prop, {
        get: () => {
          throw notLoaded(prop, `${this.label}.${name}`);
        },
        set: (v: unknown) => this.set(`${name}.${prop}`, v, (m) => m.sheet.forEachCell(m.rect, (cell) => apply(cell, v, prop))),
      });
    }
    return obj as T;
  }

  protected readProp(): unknown {
    throw new FakeOfficeError('NotImplemented', 'FakeExcel: reading formats is not supported');
  }
}

// ----- conditional formats

/** Conditional formats that touch a range, in priority order (what `range.conditionalFormats` holds). */
function formatsOn(m: RangeModel): FakeConditionalFormat[] {
  return m.sheet.conditionalFormats.filter((cf) => intersects(parseRange(cf.range), m.rect));
}

/** Properties of a conditional format that `load` can snapshot (scalars). */
const CF_SCALARS = new Set(['id', 'type', 'priority', 'stopIfTrue']);

function cfScalar(m: CfModel, cf: FakeConditionalFormat, prop: string): unknown {
  if (prop === 'id') return cf.id;
  if (prop === 'type') return cf.type;
  if (prop === 'priority') return m.sheet.conditionalFormats.indexOf(cf);
  if (prop === 'stopIfTrue') return cf.type === 'Custom' ? (cf.stopIfTrue ?? false) : null;
  throw new FakeOfficeError('InvalidArgument', `conditional format has no loadable property '${prop}' in the fake`);
}

class ConditionalFormatCollectionProxy extends ClientObject<RangeModel> {
  protected override sheetOf(m: RangeModel): FakeSheet | null {
    return m.sheet;
  }
  get items(): ConditionalFormatProxy[] {
    return this.get<ConditionalFormatProxy[]>('items');
  }

  add(type: string): ConditionalFormatProxy {
    const id = this.ctx.excel.newId();
    this.call('add', [type], (m) => {
      if (type !== 'Custom') throw new FakeOfficeError('NotImplemented', `FakeExcel: conditional format type ${type}`);
      // Office adds a new conditional format at the top priority.
      m.sheet.conditionalFormats.unshift({ id, range: formatRange(m.rect), type, font: {} });
    });
    return ConditionalFormatProxy.byId(this.ctx, `conditionalFormat${id}`, () => this.tryTarget(), id);
  }

  /**
   * The format at an index, looked up again at every sync (as a path like getItemAt(2) is). Where another format
   * covers a cell of it too, Excel answers ItemNotFound (office-js issue #5222: getItemAt(0).delete() with two
   * rules on one cell).
   */
  getItemAt(index: number): ConditionalFormatProxy {
    const label = `${this.label}.getItemAt(${index})`;
    return new ConditionalFormatProxy(this.ctx, label, () => {
      const m = this.tryTarget();
      if (!m) return null;
      const all = formatsOn(m);
      const cf = all[index];
      const shared = cf && all.some((other) => other !== cf && intersects(parseRange(other.range), parseRange(cf.range)));
      if (!cf || shared) throw new FakeOfficeError('ItemNotFound', this.ctx.excel.message('ItemNotFound'), label);
      return { sheet: m.sheet, cf };
    });
  }

  /** The format with this id (ExcelApi 1.6); ItemNotFound at sync when there is none. */
  getItem(id: string): ConditionalFormatProxy {
    const label = `${this.label}.getItem(${id})`;
    return new ConditionalFormatProxy(this.ctx, label, () => {
      const m = this.tryTarget();
      if (!m) return null;
      const cf = formatsOn(m).find((c) => c.id === id);
      if (!cf) throw new FakeOfficeError('ItemNotFound', this.ctx.excel.message('ItemNotFound'), label);
      return { sheet: m.sheet, cf };
    });
  }

  clearAll(): void {
    this.call('clearAll', [], (m) => {
      m.sheet.conditionalFormats = m.sheet.conditionalFormats.filter((cf) => !intersects(parseRange(cf.range), m.rect));
    });
  }

  override load(props?: string | string[] | { select?: string }): this {
    const list = parseProps(props);
    const nav = list.filter((p) => p.startsWith('items/') && !CF_SCALARS.has(p.slice('items/'.length)));
    if (nav.length > 0) {
      // Loading a type's properties through the collection fails when any format is of another type (office-js
      // issue #2180: "This operation is not permitted for the current object"); the fake supports no more than that.
      this.ctx.enqueue(`${this.label}.load(${nav.join(',')})`, [nav], () => {
        const m = this.target();
        const kinds = new Set(formatsOn(m).map((cf) => cf.type));
        if (kinds.size > 1) throw new FakeOfficeError('InvalidOperation', 'This operation is not permitted for the current object.');
        throw new FakeOfficeError('NotImplemented', `FakeExcel: loading ${nav.join(',')} through the collection`);
      });
    }
    const scalars = list.filter((p) => p === 'items' || (p.startsWith('items/') && CF_SCALARS.has(p.slice('items/'.length))));
    // A bare "items" loads every scalar of every item, as in Office.
    this.itemProps = scalars.includes('items') ? [...CF_SCALARS] : scalars.map((p) => p.slice('items/'.length));
    return super.load(scalars.length > 0 ? ['items'] : list.filter((p) => !p.startsWith('items')));
  }

  private itemProps: string[] = [];

  protected readProp(m: RangeModel, prop: string): unknown {
    if (prop !== 'items') throw new FakeOfficeError('InvalidArgument', `conditionalFormats has no property '${prop}'`);
    const props = this.itemProps;
    return formatsOn(m).map((cf) => {
      const item = ConditionalFormatProxy.byId(this.ctx, `conditionalFormat${cf.id}`, () => this.tryTarget(), cf.id);
      for (const p of props) item.preload(p, cfScalar({ sheet: m.sheet, cf }, cf, p));
      return item;
    });
  }
}

type CfModel = { sheet: FakeSheet; cf: FakeConditionalFormat | null };

class ConditionalFormatProxy extends ClientObject<CfModel> {
  protected override sheetOf(m: CfModel): FakeSheet | null {
    return m.sheet;
  }
  /** A format found by its id (one just added, or an item of a loaded collection). */
  static byId(ctx: FakeRequestContext, label: string, range: () => RangeModel | null, id: string): ConditionalFormatProxy {
    return new ConditionalFormatProxy(ctx, label, () => {
      const m = range();
      return m ? { sheet: m.sheet, cf: m.sheet.conditionalFormats.find((c) => c.id === id) ?? null } : null;
    });
  }

  get type(): string {
    return this.get<string>('type');
  }

  get id(): string {
    return this.get<string>('id');
  }

  /** The custom rule; queuing anything on it fails the sync when the format is of another type. */
  get custom(): CustomConditionalFormatProxy {
    return new CustomConditionalFormatProxy(this.ctx, `${this.label}.custom`, () => this.customOf(false));
  }

  /** The custom rule, or a null object when the format is of another type. */
  get customOrNullObject(): CustomConditionalFormatProxy {
    return new CustomConditionalFormatProxy(this.ctx, `${this.label}.customOrNullObject`, () => this.customOf(true), true);
  }

  get stopIfTrue(): boolean {
    return this.get<boolean>('stopIfTrue');
  }

  set stopIfTrue(v: boolean) {
    this.set('stopIfTrue', v, (m) => (this.cf(m).stopIfTrue = v));
  }

  get priority(): number {
    return this.get<number>('priority');
  }

  set priority(p: number) {
    this.set('priority', p, (m) => {
      const cf = this.cf(m);
      const list = m.sheet.conditionalFormats.filter((c) => c !== cf);
      const at = p < 0 ? Math.max(0, list.length + 1 + p) : Math.min(p, list.length);
      list.splice(at, 0, cf);
      m.sheet.conditionalFormats = list;
    });
  }

  delete(): void {
    this.call('delete', [], (m) => {
      const cf = this.cf(m);
      m.sheet.conditionalFormats = m.sheet.conditionalFormats.filter((c) => c !== cf);
    });
  }

  /** @internal A property as a collection load snapshots it. */
  preload(prop: string, value: unknown): void {
    this.markLoaded(prop, value);
  }

  private customOf(orNull: boolean): FakeConditionalFormat | null {
    const m = this.tryTarget();
    if (!m?.cf) return null;
    if (m.cf.type === 'Custom') return m.cf;
    if (orNull) return null;
    throw new FakeOfficeError('InvalidOperation', `${this.label} is a ${m.cf.type} format: this operation is not permitted for the current object.`);
  }

  private cf(m: CfModel): FakeConditionalFormat {
    if (!m.cf) throw new FakeOfficeError('ItemNotFound', `${this.label} no longer exists`);
    return m.cf;
  }

  protected readProp(m: CfModel, prop: string): unknown {
    return cfScalar(m, this.cf(m), prop);
  }
}

/** ConditionalFormat.custom: its rule (formula) and its format (write-only here). */
class CustomConditionalFormatProxy extends ClientObject<FakeConditionalFormat> {
  protected override sheetOf(m: FakeConditionalFormat): FakeSheet | null {
    return this.ctx.excel.sheets.find((s) => s.conditionalFormats.includes(m)) ?? null;
  }
  readonly rule: ConditionalFormatRuleProxy;

  constructor(ctx: FakeRequestContext, label: string, resolver: () => FakeConditionalFormat | null, nullable = false) {
    super(ctx, label, resolver, nullable);
    this.rule = new ConditionalFormatRuleProxy(ctx, `${label}.rule`, () => this.tryTarget());
  }

  /**
   * The rule's format, write-only here: fill.color, font.bold/italic/color, and numberFormat — a number format code
   * applied to the cells where the rule is true, ExcelApi 1.6, "Cleared if null is passed in"
   * (https://learn.microsoft.com/javascript/api/excel/excel.conditionalrangeformat#excel-excel-conditionalrangeformat-numberformat-member).
   */
  get format(): { fill: { color: string }; font: { bold: boolean; italic: boolean; color: string }; numberFormat: string | null } {
    const setter = (path: string, apply: (cf: FakeConditionalFormat, v: unknown) => void) => ({
      get: () => {
        throw notLoaded(path, this.label);
      },
      set: (v: unknown) => this.set(`format.${path}`, v, (cf) => apply(cf, v)),
    });
    const fill = Object.defineProperty({}, 'color', setter('fill.color', (cf, v) => (cf.fill = String(v))));
    const font = {};
    for (const p of ['bold', 'italic', 'color'] as const) {
      Object.defineProperty(font, p, setter(`font.${p}`, (cf, v) => ((cf.font as Record<string, unknown>)[p] = v)));
    }
    const format = { fill, font };
    Object.defineProperty(
      format,
      'numberFormat',
      setter('numberFormat', (cf, v) => {
        if (v === null) delete cf.numberFormat;
        else if (typeof v === 'string') cf.numberFormat = v;
        else throw new FakeOfficeError('InvalidArgument', `numberFormat must be a string or null, not ${typeof v}`);
      }),
    );
    return format as never;
  }

  /** "rule/formula" loads the rule's formula (the only path the fake knows). */
  override load(props?: string | string[] | { select?: string }): this {
    const list = parseProps(props);
    for (const p of list) {
      if (p !== 'rule/formula') throw new FakeOfficeError('InvalidArgument', `FakeExcel: custom conditional format: cannot load '${p}'`);
    }
    this.rule.load('formula');
    return this;
  }

  protected readProp(): unknown {
    throw new FakeOfficeError('InvalidArgument', 'FakeExcel: load rule/formula on a custom conditional format');
  }
}

class ConditionalFormatRuleProxy extends ClientObject<FakeConditionalFormat> {
  protected override sheetOf(m: FakeConditionalFormat): FakeSheet | null {
    return this.ctx.excel.sheets.find((s) => s.conditionalFormats.includes(m)) ?? null;
  }
  get formula(): string {
    return this.get<string>('formula');
  }

  set formula(v: string) {
    this.set('formula', v, (cf) => (cf.formula = String(v)));
  }

  protected readProp(cf: FakeConditionalFormat, prop: string): unknown {
    if (prop === 'formula') return cf.formula ?? '';
    throw new FakeOfficeError('InvalidArgument', `conditional format rule has no loadable property '${prop}' in the fake`);
  }
}

// ----- data validation

class DataValidationProxy extends ClientObject<RangeModel> {
  protected override sheetOf(m: RangeModel): FakeSheet | null {
    return m.sheet;
  }
  set rule(rule: FakeListRule) {
    this.set('rule', rule, (m) => {
      m.sheet.forEachCell(m.rect, (_c, row, col) => {
        // Office refuses to stack a rule on cells that already have one: call clear() first.
        if (m.sheet.validation.has(formatRange({ top: row, left: col, bottom: row, right: col }))) {
          throw new FakeOfficeError('InvalidOperation', `${this.label}: the range already has data validation; clear it first`);
        }
      });
      for (let row = m.rect.top; row <= m.rect.bottom; row++) {
        for (let col = m.rect.left; col <= m.rect.right; col++) m.sheet.validation.set(formatRange({ top: row, left: col, bottom: row, right: col }), rule);
      }
    });
  }

  clear(): void {
    this.call('clear', [], (m) => {
      for (const key of [...m.sheet.validation.keys()]) if (intersects(parseRange(key), m.rect)) m.sheet.validation.delete(key);
    });
  }

  protected readProp(): unknown {
    throw new FakeOfficeError('NotImplemented', 'FakeExcel: loading data validation is not supported');
  }
}

// ----- names, tables, charts, notes

class NamedItemCollectionProxy extends ClientObject<FakeExcel> {
  constructor(ctx: FakeRequestContext) {
    super(ctx, 'names', () => ctx.excel);
  }

  get items(): Array<{ name: string; formula: string }> {
    return this.get('items');
  }

  add(name: string, reference: string | RangeProxy, comment?: string): NamedItemProxy {
    this.ctx.requires(4, 'NamedItemCollection.add');
    this.call('add', [name, reference, comment ?? ''], (excel) => {
      if (excel.names.has(name.toLowerCase())) throw new FakeOfficeError('ItemAlreadyExists', `The name "${name}" already exists`);
      if (typeof reference !== 'string') throw new FakeOfficeError('NotImplemented', 'FakeExcel: names.add with a Range');
      const { sheet } = splitSheetAddress(reference);
      if (sheet && !excel.findSheet(sheet)) throw new FakeOfficeError('InvalidArgument', `names.add: no sheet "${sheet}"`);
      excel.names.set(name.toLowerCase(), { name, formula: reference.startsWith('=') ? reference : `=${reference}` });
    });
    return this.getItem(name);
  }

  getItem(name: string): NamedItemProxy {
    return new NamedItemProxy(this.ctx, `names.getItem(${name})`, () => this.ctx.excel.names.get(name.toLowerCase()) ?? null);
  }

  getItemOrNullObject(name: string): NamedItemProxy {
    return new NamedItemProxy(this.ctx, `names.getItemOrNullObject(${name})`, () => this.ctx.excel.names.get(name.toLowerCase()) ?? null, true);
  }

  protected readProp(excel: FakeExcel, prop: string): unknown {
    if (prop === 'items') return [...excel.names.values()].map((n) => ({ ...n }));
    throw new FakeOfficeError('InvalidArgument', `names has no property '${prop}'`);
  }

  override load(props?: string | string[] | { select?: string }): this {
    return super.load(parseProps(props).some((p) => p.startsWith('items')) ? ['items'] : props);
  }
}

class NamedItemProxy extends ClientObject<{ name: string; formula: string }> {
  get name(): string {
    return this.get('name');
  }
  get formula(): string {
    return this.get('formula');
  }
  delete(): void {
    this.call('delete', [], (n) => this.ctx.excel.names.delete(n.name.toLowerCase()));
  }
  protected readProp(n: { name: string; formula: string }, prop: string): unknown {
    if (prop === 'name' || prop === 'formula') return n[prop];
    throw new FakeOfficeError('InvalidArgument', `named item has no property '${prop}'`);
  }
}

class TableCollectionProxy extends ClientObject<FakeExcel> {
  constructor(
    ctx: FakeRequestContext,
    label: string,
    private readonly onSheet: () => FakeSheet | null,
  ) {
    super(ctx, label, () => ctx.excel);
  }

  get items(): Array<{ name: string }> {
    return this.get('items');
  }

  add(address: string | RangeProxy, hasHeaders: boolean): TableProxy {
    let created: FakeTable | undefined;
    this.call('add', [address, hasHeaders], (excel) => {
      let sheet: FakeSheet;
      let rect: RangeRef;
      if (typeof address === 'string') {
        const parts = splitSheetAddress(address);
        const s = parts.sheet ? excel.findSheet(parts.sheet) : this.onSheet() ?? excel.findSheet(excel.activeSheet ?? '');
        if (!s) throw new FakeOfficeError('InvalidArgument', `tables.add: no sheet for "${address}"`);
        sheet = s;
        rect = parseRange(parts.address);
      } else {
        const m = (address as unknown as { tryTarget(): RangeModel | null }).tryTarget();
        if (!m) throw new FakeOfficeError('ItemNotFound', 'tables.add: the range does not exist');
        sheet = m.sheet;
        rect = m.rect;
      }
      if (excel.readOnly || sheet.protected) throw new FakeOfficeError('AccessDenied', excel.message(excel.readOnly ? 'ReadOnly' : 'AccessDenied'), 'tables.add');
      for (const t of excel.tables.values()) {
        if (t.sheet === sheet && intersects(parseRange(t.range), rect)) {
          throw new FakeOfficeError('InvalidOperation', `A table can't overlap another table (${t.name})`);
        }
      }
      let n = excel.tables.size + 1;
      while (excel.tables.has(`table${n}`)) n++;
      created = { name: `Table${n}`, sheet, range: formatRange(rect), hasHeaders };
      excel.tables.set(created.name.toLowerCase(), created);
      if (hasHeaders) normaliseHeaders(excel, created);
    });
    return new TableProxy(this.ctx, `${this.label}.add(…)`, () => created ?? null);
  }

  getItem(name: string): TableProxy {
    return new TableProxy(this.ctx, `tables.getItem(${name})`, () => this.ctx.excel.tables.get(name.toLowerCase()) ?? null);
  }

  getItemOrNullObject(name: string): TableProxy {
    return new TableProxy(this.ctx, `tables.getItemOrNullObject(${name})`, () => this.ctx.excel.tables.get(name.toLowerCase()) ?? null, true);
  }

  protected readProp(excel: FakeExcel, prop: string): unknown {
    if (prop !== 'items') throw new FakeOfficeError('InvalidArgument', `tables has no property '${prop}'`);
    const sheet = this.onSheet();
    return [...excel.tables.values()].filter((t) => !sheet || t.sheet === sheet).map((t) => ({ name: t.name }));
  }

  override load(props?: string | string[] | { select?: string }): this {
    return super.load(parseProps(props).some((p) => p.startsWith('items')) ? ['items'] : props);
  }
}

class TableProxy extends ClientObject<FakeTable> {
  protected override sheetOf(m: FakeTable): FakeSheet | null {
    return m.sheet;
  }
  get name(): string {
    return this.get('name');
  }
  set name(name: string) {
    this.set('name', name, (t) => {
      const excel = this.ctx.excel;
      if (!/^[\p{L}_\\][\p{L}\p{N}_.]*$/u.test(name)) throw new FakeOfficeError('InvalidArgument', `invalid table name "${name}"`);
      const other = excel.tables.get(name.toLowerCase());
      if (other && other !== t) throw new FakeOfficeError('ItemAlreadyExists', `A table named "${name}" already exists`);
      excel.tables.delete(t.name.toLowerCase());
      t.name = name;
      excel.tables.set(name.toLowerCase(), t);
    });
  }
  set style(style: string) {
    this.set('style', style, (t) => (t.style = style));
  }
  delete(): void {
    // Deleting a table deletes its cells too; convertToRange() keeps them.
    this.call('delete', [], (t) => {
      this.ctx.excel.tables.delete(t.name.toLowerCase());
      t.sheet.forEachCell(parseRange(t.range), (cell) => {
        cell.value = null;
        cell.formula = undefined;
      });
    });
  }
  /**
   * After Convert to Range "structured references (references that use table names) that were used in formulas turn
   * into regular cell references" (Microsoft Support, "Convert an Excel table to a range of data", as quoted at
   * https://docs.aspose.com/cells/go-cpp/tables-and-ranges; the references themselves:
   * https://support.office.com/en-gb/article/Using-structured-references-with-Excel-tables-a547e45e-3589-4417-b611-abb7e5d3f912).
   */
  convertToRange(): RangeProxy {
    this.ctx.requires(2, 'Table.convertToRange');
    this.call('convertToRange', [], (t) => {
      this.ctx.excel.tables.delete(t.name.toLowerCase());
      replaceStructuredRefs(this.ctx.excel, t);
    });
    return new RangeProxy(this.ctx, `${this.label}.convertToRange()`, () => null);
  }

  /**
   * "Resize the table to the new range. The new range must overlap with the original table range and the headers
   * (or the top of the table) must be in the same row" (ExcelApi 1.13,
   * https://learn.microsoft.com/javascript/api/excel/excel.table#excel-excel-table-resize-member(1)).
   */
  resize(newRange: string | RangeProxy): void {
    this.ctx.requires(13, 'Table.resize');
    this.call('resize', [newRange], (t) => {
      const rect = parseRange(rangeArg(newRange));
      const old = parseRange(t.range);
      if (!intersects(rect, old) || rect.top !== old.top) {
        throw new FakeOfficeError('InvalidArgument', 'The argument is invalid or missing or has an incorrect format.', 'Table.resize');
      }
      for (const other of this.ctx.excel.tables.values()) {
        if (other !== t && other.sheet === t.sheet && intersects(parseRange(other.range), rect)) {
          throw new FakeOfficeError('InvalidOperation', `A table can't overlap another table (${other.name})`);
        }
      }
      t.range = formatRange(rect);
      if (t.hasHeaders) normaliseHeaders(this.ctx.excel, t);
    });
  }
  protected readProp(t: FakeTable, prop: string): unknown {
    if (prop === 'name' || prop === 'style') return t[prop];
    throw new FakeOfficeError('InvalidArgument', `table has no property '${prop}'`);
  }
}

class ChartCollectionProxy extends ClientObject<FakeSheet> {
  protected override sheetOf(m: FakeSheet): FakeSheet | null {
    return m;
  }
  get items(): Array<{ name: string }> {
    return this.get('items');
  }

  add(type: string, sourceData: RangeProxy, seriesBy?: string): ChartProxy {
    const chart: FakeChart = { name: '', type, source: '', seriesBy };
    this.call('add', [type, sourceData, seriesBy], (s) => {
      const m = (sourceData as unknown as { tryTarget(): RangeModel | null }).tryTarget();
      if (!m) throw new FakeOfficeError('ItemNotFound', 'charts.add: the source range does not exist');
      chart.source = `${quoteIfNeeded(m.sheet.name)}!${formatRange(m.rect)}`;
      chart.name = `Chart ${s.charts.length + 1}`;
      s.charts.push(chart);
    });
    return new ChartProxy(this.ctx, `${this.label}.add(${type})`, () => (this.tryTarget()?.charts.includes(chart) ? { sheet: this.tryTarget()!, chart } : null));
  }

  getItemOrNullObject(name: string): ChartProxy {
    return new ChartProxy(
      this.ctx,
      `${this.label}.getItemOrNullObject(${name})`,
      () => {
        const s = this.target();
        const chart = s.charts.find((c) => c.name === name);
        return chart ? { sheet: s, chart } : null;
      },
      true,
    );
  }

  getItem(name: string): ChartProxy {
    return new ChartProxy(this.ctx, `${this.label}.getItem(${name})`, () => {
      const s = this.tryTarget();
      const chart = s?.charts.find((c) => c.name === name);
      return s && chart ? { sheet: s, chart } : null;
    });
  }

  protected readProp(s: FakeSheet, prop: string): unknown {
    if (prop === 'items') return s.charts.map((c) => ({ name: c.name }));
    throw new FakeOfficeError('InvalidArgument', `charts has no property '${prop}'`);
  }

  override load(props?: string | string[] | { select?: string }): this {
    return super.load(parseProps(props).some((p) => p.startsWith('items')) ? ['items'] : props);
  }
}

class ChartProxy extends ClientObject<{ sheet: FakeSheet; chart: FakeChart }> {
  protected override sheetOf(m: { sheet: FakeSheet; chart: FakeChart }): FakeSheet | null {
    return m.sheet;
  }
  get name(): string {
    return this.get('name');
  }
  set name(name: string) {
    this.set('name', name, (m) => (m.chart.name = name));
  }
  get title(): { text: string } {
    const obj = {};
    Object.defineProperty(obj, 'text', {
      get: () => {
        throw notLoaded('text', `${this.label}.title`);
      },
      set: (v: string) => this.set('title.text', v, (m) => (m.chart.title = v)),
    });
    return obj as { text: string };
  }
  setPosition(startCell: string, endCell?: string): void {
    this.call('setPosition', [startCell, endCell ?? null], (m) => (m.chart.position = { start: startCell, end: endCell }));
  }
  delete(): void {
    this.call('delete', [], (m) => (m.sheet.charts = m.sheet.charts.filter((c) => c !== m.chart)));
  }
  protected readProp(m: { chart: FakeChart }, prop: string): unknown {
    if (prop === 'name') return m.chart.name;
    throw new FakeOfficeError('InvalidArgument', `chart has no property '${prop}'`);
  }
}

class NoteCollectionProxy extends ClientObject<FakeSheet> {
  protected override sheetOf(m: FakeSheet): FakeSheet | null {
    return m;
  }
  add(cellAddress: string | RangeProxy, content: string): NoteProxy {
    if (typeof cellAddress !== 'string') throw new FakeOfficeError('NotImplemented', 'FakeExcel: notes.add with a Range');
    const key = formatRange(parseRange(cellAddress));
    this.call('add', [cellAddress, content], (s) => {
      if (key.includes(':')) throw new FakeOfficeError('InvalidCellAddress', `notes.add: not a single cell: ${cellAddress}`);
      if (s.notes.has(key)) throw new FakeOfficeError('InvalidArgument', `notes.add: ${key} already has a note`);
      s.notes.set(key, content);
    });
    return this.getItem(key);
  }

  getItem(key: string): NoteProxy {
    return this.note(`getItem(${key})`, key, false);
  }

  getItemOrNullObject(key: string): NoteProxy {
    return this.note(`getItemOrNullObject(${key})`, key, true);
  }

  private note(what: string, key: string, nullable: boolean): NoteProxy {
    const cell = formatRange(parseRange(key));
    return new NoteProxy(
      this.ctx,
      `${this.label}.${what}`,
      () => {
        const s = nullable ? this.target() : this.tryTarget();
        return s && s.notes.has(cell) ? { sheet: s, cell } : null;
      },
      nullable,
    );
  }

  protected readProp(): unknown {
    throw new FakeOfficeError('NotImplemented', 'FakeExcel: loading notes is not supported');
  }
}

class NoteProxy extends ClientObject<{ sheet: FakeSheet; cell: string }> {
  protected override sheetOf(m: { sheet: FakeSheet; cell: string }): FakeSheet | null {
    return m.sheet;
  }
  get content(): string {
    return this.get('content');
  }
  set content(text: string) {
    this.set('content', text, (m) => m.sheet.notes.set(m.cell, text));
  }
  delete(): void {
    this.call('delete', [], (m) => m.sheet.notes.delete(m.cell));
  }
  protected readProp(m: { sheet: FakeSheet; cell: string }, prop: string): unknown {
    if (prop === 'content') return m.sheet.notes.get(m.cell);
    throw new FakeOfficeError('InvalidArgument', `note has no property '${prop}'`);
  }
}

function usedWithin(sheet: FakeSheet, r: RangeRef, valuesOnly: boolean): RangeRef | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  for (const [row, cells] of sheet.rows) {
    if (row < r.top || row > r.bottom) continue;
    for (const [col, cell] of cells) {
      if (col < r.left || col > r.right) continue;
      const blank = valuesOnly ? cell.isEmpty : cell.isEmpty && cell.numberFormat === 'General' && !cell.format.fill;
      if (blank) continue;
      top = Math.min(top, row);
      left = Math.min(left, col);
      bottom = Math.max(bottom, row);
      right = Math.max(right, col);
    }
  }
  return bottom === 0 ? null : { top, left, bottom, right };
}

// ----- table rules

function headerRow(t: FakeTable): RangeRef {
  const r = parseRange(t.range);
  return { ...r, bottom: r.top };
}

/**
 * A table's header row holds constants, one distinct name per column: "all header row values must be constants and
 * not formulas", and "when you enter a header value that is the same as another header in the same Table, Excel
 * appends a number" (Excel Tables: A Complete Guide, ch. 2, https://zoboko.com/text/8m8v3gr4/excel-tables-a-complete-guide-for-creating-using-and-automating-lists-and-tables/5;
 * https://www.excelxam.com/anatomy-and-features-of-an-excel-table/). A blank header gets Excel's default name after
 * its position, "Column1" (列1 in Japanese Excel), as Microsoft Support's "Create and format tables" describes for
 * tables without headers. Numbers become their text: a column name is text.
 */
function normaliseHeaders(excel: FakeExcel, t: FakeTable): void {
  const r = headerRow(t);
  const seen = new Set<string>();
  for (let col = r.left; col <= r.right; col++) {
    const cell = t.sheet.cellAt(r.top, col);
    const v = cell.value;
    let text = v === null ? '' : typeof v === 'object' ? v.error : typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : String(v);
    if (text === '') text = defaultHeader(excel.profile, col - r.left + 1);
    let name = text;
    for (let n = 2; seen.has(name.toLowerCase()); n++) name = `${text}${n}`;
    seen.add(name.toLowerCase());
    cell.value = name;
    cell.formula = undefined;
  }
}

/** Structured references to a table that is going away, as plain A1 references (see TableProxy.convertToRange). */
function replaceStructuredRefs(excel: FakeExcel, t: FakeTable): void {
  const r = parseRange(t.range);
  const headers = new Map<string, number>();
  for (let col = r.left; col <= r.right; col++) headers.set(String(t.sheet.peek(r.top, col)?.value ?? '').toLowerCase(), col);
  const escaped = t.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const ref = new RegExp(`${escaped}\\[(?:(@)|(\\[#This Row\\],))?\\[?([^\\[\\]]+)\\]?\\]`, 'gi');
  const sheetPrefix = (sheet: FakeSheet) => (sheet === t.sheet ? '' : `${quoteIfNeeded(t.sheet.name)}!`);
  for (const sheet of excel.sheets) {
    for (const [row, cells] of sheet.rows) {
      for (const cell of cells.values()) {
        if (!cell.formula || !cell.formula.toLowerCase().includes(`${t.name.toLowerCase()}[`)) continue;
        cell.formula = cell.formula.replace(ref, (whole, at: string | undefined, thisRowForm: string | undefined, column: string) => {
          const thisRow = at ?? thisRowForm;
          const col = headers.get(column.trim().toLowerCase());
          if (col === undefined) return whole;
          const letters = formatRange({ top: 1, left: col, bottom: 1, right: col }).replace(/\d+/g, '');
          if (thisRow) return `${sheetPrefix(sheet)}${letters}${row}`;
          return `${sheetPrefix(sheet)}$${letters}$${r.top + 1}:$${letters}$${r.bottom}`;
        });
      }
    }
  }
}

// ----- page layout and panes

function rangeArg(r: string | RangeProxy): string {
  if (typeof r === 'string') return r;
  const m = (r as unknown as { tryTarget(): RangeModel | null }).tryTarget();
  if (!m) throw new FakeOfficeError('ItemNotFound', 'range does not exist');
  return formatRange(m.rect);
}

class PageLayoutProxy extends ClientObject<FakeSheet> {
  protected override sheetOf(m: FakeSheet): FakeSheet | null {
    return m;
  }
  set orientation(v: string) {
    this.set('orientation', v, (s) => (s.pageLayout.orientation = v));
  }
  get orientation(): string {
    return this.get('orientation');
  }
  set paperSize(v: string) {
    this.set('paperSize', v, (s) => (s.pageLayout.paperSize = v));
  }
  get paperSize(): string {
    return this.get('paperSize');
  }
  set zoom(v: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number }) {
    this.set('zoom', v, (s) => (s.pageLayout.zoom = { ...v }));
  }
  setPrintArea(r: string | RangeProxy): void {
    this.call('setPrintArea', [r], (s) => (s.pageLayout.printArea = rangeArg(r)));
  }
  setPrintTitleRows(r: string | RangeProxy): void {
    this.call('setPrintTitleRows', [r], (s) => (s.pageLayout.printTitleRows = rangeArg(r)));
  }
  /** pageLayout.headersFooters.defaultForAllPages (ExcelApi 1.9): only the centred texts, which the port writes. */
  get headersFooters(): { defaultForAllPages: { centerHeader: string; centerFooter: string } } {
    const set = (key: 'centerHeader' | 'centerFooter', v: string) => this.set(key, v, (s) => (s.pageLayout[key] = v));
    return {
      defaultForAllPages: {
        set centerHeader(v: string) {
          set('centerHeader', v);
        },
        set centerFooter(v: string) {
          set('centerFooter', v);
        },
        get centerHeader(): string {
          throw new FakeOfficeError('InvalidArgument', 'the fake does not read headers back');
        },
        get centerFooter(): string {
          throw new FakeOfficeError('InvalidArgument', 'the fake does not read footers back');
        },
      },
    };
  }
  protected readProp(s: FakeSheet, prop: string): unknown {
    if (prop === 'orientation' || prop === 'paperSize') return s.pageLayout[prop];
    throw new FakeOfficeError('InvalidArgument', `pageLayout has no property '${prop}' in the fake`);
  }
}

/**
 * Worksheet.horizontalPageBreaks (https://learn.microsoft.com/javascript/api/excel/excel.pagebreakcollection, ExcelApi
 * 1.9): `add(pageBreakRange)` "adds a page break before the top-left cell of the range specified";
 * `removePageBreaks()` "resets all manual page breaks in the collection". Clearing cells leaves the breaks: they
 * belong to the sheet, not to a range's contents. Only the calls the port makes are modelled.
 */
class PageBreakCollectionProxy extends ClientObject<FakeSheet> {
  protected override sheetOf(m: FakeSheet): FakeSheet | null {
    return m;
  }
  add(pageBreakRange: string | RangeProxy): void {
    this.call('add', [pageBreakRange], (s) => {
      const row = parseRange(rangeArg(pageBreakRange)).top;
      // Excel refuses a break above the first row: there is no page before it.
      if (row < 2) throw new FakeOfficeError('InvalidArgument', 'a page break cannot be added before row 1');
      if (!s.horizontalPageBreaks.includes(row)) s.horizontalPageBreaks = [...s.horizontalPageBreaks, row].sort((a, b) => a - b);
    });
  }
  removePageBreaks(): void {
    this.call('removePageBreaks', [], (s) => (s.horizontalPageBreaks = []));
  }
  protected readProp(_s: FakeSheet, prop: string): unknown {
    throw new FakeOfficeError('InvalidArgument', `horizontalPageBreaks has no property '${prop}' in the fake`);
  }
}

class FreezePanesProxy extends ClientObject<FakeSheet> {
  protected override sheetOf(m: FakeSheet): FakeSheet | null {
    return m;
  }
  freezeAt(r: string | RangeProxy): void {
    this.call('freezeAt', [r], (s) => {
      const rect = parseRange(rangeArg(r));
      s.freeze = { rows: rect.bottom, columns: rect.right };
    });
  }
  freezeRows(count = 1): void {
    this.call('freezeRows', [count], (s) => (s.freeze = { rows: count, columns: 0 }));
  }
  freezeColumns(count = 1): void {
    this.call('freezeColumns', [count], (s) => (s.freeze = { rows: 0, columns: count }));
  }
  unfreeze(): void {
    this.call('unfreeze', [], (s) => (s.freeze = { rows: 0, columns: 0 }));
  }
  protected readProp(): unknown {
    throw new FakeOfficeError('NotImplemented', 'FakeExcel: loading freeze panes is not supported');
  }
}
