/**
 * The workbook port: the narrow interface the workbook layout is written against.
 *
 * Two adapters implement it: `office/` over Office.js (the add-in) and `xlsx/` over ExcelJS (CLI, preview, tests).
 * It is batch-shaped on purpose: the layout asks for everything it needs to read in one call, and hands over
 * everything it writes in one call, so the Office adapter can serve a whole command with a fixed number of
 * `context.sync()` calls whatever the plan's size.
 *
 * Addresses are A1 style without the sheet name ("B3", "B3:F20"); sheet names are passed separately and may hold
 * any characters (Japanese names included) — adapters quote them where their host needs it.
 */

/** An error value a cell shows (#REF!, #DIV/0!, #N/A …). */
export interface CellError {
  error: string;
}

/**
 * A value as a cell holds it. Dates come back as Excel serial numbers in the workbook's own date system (what
 * Office.js gives; see WorkbookPort.date1904); blanks as null.
 */
export type CellValue = string | number | boolean | null | CellError;

/** A formula to write, in A1 notation with a leading "=" (English function names, "," separators). */
export interface Formula {
  formula: string;
  /**
   * The value the formula evaluates to, when the writer knows it (the layout passes the engine's result). Hosts
   * that calculate (Excel) ignore it; the .xlsx adapter stores it as the cached value so viewers without a
   * calculation engine (the browser preview) show it.
   */
  result?: CellValue;
}

/** What a single written cell can be. Strings are always written as text, never parsed as formulas. */
export type CellInput = CellValue | Formula;

export interface SheetSnapshot {
  name: string;
  /** Values of the used range, as a rectangle starting at A1 (rows and columns before the used range are null). */
  values: CellValue[][];
  /** Number formats of the same rectangle ("General", "yyyy-mm-dd", "0.0" …), where the adapter knows them. */
  numberFormats?: string[][];
  /** Merged areas on the sheet, e.g. ["B4:C4"]. */
  merges: string[];
}

export interface Fill {
  /** Background colour as "#RRGGBB". */
  color: string;
}

export interface FontStyle {
  bold?: boolean;
  italic?: boolean;
  color?: string;
  size?: number;
}

export interface CellFormat {
  fill?: Fill;
  font?: FontStyle;
  numberFormat?: string;
  wrap?: boolean;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'middle' | 'bottom';
  /** A thin border round every cell of the range. */
  border?: boolean;
}

/**
 * What a conditional format sets where its rule is true: a fill, a font, and a number format (a status mark shown
 * before the number, `"✖ "#,##0`): the cell's value is never changed, only how it reads.
 */
export interface ConditionalStyle {
  fill?: Fill;
  font?: FontStyle;
  numberFormat?: string;
}

export type WriteOp =
  /** Add a worksheet if no sheet of that name exists (no-op otherwise). */
  | { kind: 'addSheet'; sheet: string; tabColor?: string }
  /** Clear values, formulas and formats of a range (or of the whole sheet when range is omitted). */
  | { kind: 'clear'; sheet: string; range?: string }
  /** Write a rectangle of values and formulas whose top-left cell is `at`. A null blanks its cell. */
  | { kind: 'values'; sheet: string; at: string; rows: CellInput[][] }
  /**
   * Fill every cell of `range` with one formula written relative to the range's top-left cell (A1 notation, as it
   * reads in that cell). Adapters shift the relative references for the other cells (Office: formulasR1C1 on the
   * whole range in one request; ExcelJS: per cell). This keeps a write small whatever the plan's size.
   */
  | { kind: 'fillFormula'; sheet: string; range: string; formula: string; results?: CellValue[][] }
  | { kind: 'format'; sheet: string; range: string; format: CellFormat }
  /** Column widths in characters (Excel's Column Width unit), keyed by column letters: { B: 24 }. */
  | { kind: 'columnWidths'; sheet: string; widths: Record<string, number> }
  /**
   * Remove conditional-format rules of the sheet before adding ours again, so re-runs do not pile up. Without
   * `ownedBy`, every rule goes (for sheets the writer clears whole). With it, only the writer's own rules go: formula
   * (custom / expression) rules whose formula reads as one of `ownedBy` once cell references are set aside (see
   * isOwnedRuleFormula in a1.ts; an entry ending in "…" owns every formula that starts as it does) — Excel moves a
   * rule's references when rows or columns are inserted. Every other rule, of any
   * type (the planner's colour scale, their own formula rule), stays.
   */
  | { kind: 'clearConditionalFormats'; sheet: string; ownedBy?: readonly string[] }
  /**
   * A conditional format over a whole range: where `formula` (written for the range's top-left cell, relative
   * references shift) is true, apply the style. `stopIfTrue` rules are added in order, first wins.
   */
  | { kind: 'conditionalFormat'; sheet: string; range: string; formula: string; format: ConditionalStyle }
  /** An in-cell drop-down list; `source` is a range formula ("=基準!$A$2:$A$10") or a literal list. */
  | { kind: 'listValidation'; sheet: string; range: string; source: { formula: string } | { values: string[] } }
  /** Remove data validation from a range. */
  | { kind: 'clearValidation'; sheet: string; range: string }
  /** A cell note (replaces the cell's existing note, if any). text null removes it. */
  /**
   * `ownedBy`: the beginnings of the writer's own notes. A note on the cell that starts with none of them is someone
   * else's (the planner's) and is neither replaced nor removed.
   */
  | { kind: 'note'; sheet: string; cell: string; text: string | null; ownedBy?: readonly string[] }
  /** A workbook-scoped defined name, replaced if it exists. */
  | { kind: 'defineName'; name: string; ref: string }
  | { kind: 'freeze'; sheet: string; rows: number; columns: number }
  | {
      kind: 'pageSetup';
      sheet: string;
      landscape: boolean;
      paper: 'A4';
      fitToWidth?: boolean;
      printArea?: string;
      printTitleRows?: string;
      /**
       * Text printed centred at the top / foot of every page, with Excel's header codes: &P the page number, &N the
       * number of pages (a literal & is &&).
       */
      header?: string;
      footer?: string;
    }
  /**
   * Manual page breaks of the sheet, replacing any it has: a new printed page starts at each of `rows` (1-based;
   * Excel's "Insert Page Break" with the row's first cell selected). Empty `rows` removes them all. For the sheets the
   * tool writes whole, so a section's heading is never left at the foot of a page.
   */
  | { kind: 'rowBreaks'; sheet: string; rows: number[] }
  /** An Excel table over `range` (first row = headers). Replaced when a table of that name exists. */
  | { kind: 'table'; sheet: string; name: string; range: string; style?: string }
  /**
   * A line chart (hosts that cannot draw charts skip it; the layout always writes the same data as cells too).
   * `dataRange` holds series in rows: first column the series name, first row the categories.
   */
  | { kind: 'chart'; sheet: string; name: string; dataRange: string; anchor: string; title: string }
  | { kind: 'activate'; sheet: string; select?: string };

export interface ReadOptions {
  /**
   * Sheets (among those asked) whose presence and name are all the reader needs: their snapshots may come back
   * with no cells (the generated results and summary sheets, which are large and never read back). Adapters for
   * which reading is cheap may ignore it.
   */
  presenceOnly?: readonly string[];
}

export interface WorkbookPort {
  /** Names of the workbook's sheets, in tab order. */
  sheetNames(): Promise<string[]>;
  /**
   * Read the used ranges of the named sheets in one round trip; a missing sheet comes back undefined. Results are
   * keyed by the names as asked; sheet names match case-insensitively, as in Excel, and `name` is the sheet's own.
   */
  readSheets(names: string[], options?: ReadOptions): Promise<Record<string, SheetSnapshot | undefined>>;
  /** Apply a batch of writes, in order, in as few round trips as the host allows. */
  apply(ops: WriteOp[]): Promise<void>;
  /**
   * Whether the workbook counts its dates from 1904 (a per-workbook option, once the default of Mac Excel): its
   * date serials, read and written, are then 1,462 days below the 1900 system's. Known once readSheets has run
   * (a port that wraps another passes its value on).
   */
  readonly date1904: boolean;
}

/** Every kind of write op, for adapters that refuse an op they do not know (a batch from a newer layout). */
export const WRITE_OP_KINDS: ReadonlySet<string> = new Set<WriteOp['kind']>([
  'addSheet',
  'clear',
  'values',
  'fillFormula',
  'format',
  'columnWidths',
  'clearConditionalFormats',
  'conditionalFormat',
  'listValidation',
  'clearValidation',
  'note',
  'defineName',
  'freeze',
  'pageSetup',
  'rowBreaks',
  'table',
  'chart',
  'activate',
]);
