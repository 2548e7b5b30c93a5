/**
 * Reads an ExcelJS worksheet into what the sheet view draws: cached values as display text, static formats, merges,
 * frozen panes, column widths, and the outcome of conditional formats (worked out by `formula.ts` over the cached
 * values). Read-only: edits go through the workbook port like every other write.
 */
import type * as ExcelJS from 'exceljs';
import { columnLetters, parseCell, parseRange, splitSheetAddress, type RangeRef } from '../workbook/a1';
import { compareValues, evaluateFormula, isTruthy, Unsupported, type FormulaContext, type Scalar } from '../formula/evaluate';
import { dateToSerial, formatValue, isDateNumberFormat, type DisplayValue } from '../number-format';

export interface CellStyleView {
  background?: string;
  color?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  /** Points. */
  size?: number;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'middle' | 'bottom';
  wrap?: boolean;
  indent?: number;
  border?: { top?: string; right?: string; bottom?: string; left?: string };
}

export interface CellView {
  row: number;
  col: number;
  address: string;
  /** What the cell shows. */
  text: string;
  align: 'left' | 'right' | 'center';
  /** The cell's value as formulas see it (a date as its serial number), or the cached result of a formula. */
  value: Scalar;
  /** The formula, without "=", when the cell has one. */
  formula?: string;
  /** What the formula bar and the editor start from: "=formula", or the value as typed. */
  input: string;
  style: CellStyleView;
  /** True when a conditional format applies to the cell (its style is already merged into `style`). */
  highlighted: boolean;
  note?: string;
  /** For a merge's top-left cell: how many rows and columns it covers. */
  rowSpan?: number;
  colSpan?: number;
  /** True for cells hidden under a merge. */
  covered?: boolean;
  editable: boolean;
  /** The choices of an in-cell drop-down list. */
  choices?: string[];
  isDate: boolean;
}

export interface SheetModel {
  name: string;
  rowCount: number;
  colCount: number;
  /** Pixel widths, index = column number (index 0 unused). */
  colWidths: number[];
  rowHeights: number[];
  frozenRows: number;
  frozenCols: number;
  cells: CellView[][];
  /** True when the sheet was larger than what the view draws. */
  truncated: boolean;
  protected: boolean;
  /** The cell the workbook says is selected on this sheet. */
  activeCell?: { row: number; col: number };
}

/** The view draws at most this much of a sheet; plan workbooks are far smaller. */
const MAX_ROWS = 2000;
const MAX_COLS = 60;
/** Blank rows and columns drawn past the used range, as a spreadsheet shows them. */
const EXTRA_ROWS = 8;
const EXTRA_COLS = 3;

/** The Office theme's colours (theme index order of SpreadsheetML: lt1, dk1, lt2, dk2, accent1…6, hyperlinks). */
const THEME = ['FFFFFF', '000000', 'E7E6E6', '44546A', '4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47', '0563C1', '954F72'];

interface ColorSpec {
  argb?: string;
  theme?: number;
  tint?: number;
  indexed?: number;
}

function tintChannel(c: number, tint: number): number {
  return Math.round(tint < 0 ? c * (1 + tint) : c + (255 - c) * tint);
}

/** An ExcelJS colour → "#rrggbb", or undefined when it names no colour we can show. */
export function cssColor(spec: ColorSpec | undefined): string | undefined {
  if (!spec) return undefined;
  let hex: string | undefined;
  if (typeof spec.argb === 'string' && /^[0-9A-Fa-f]{6,8}$/.test(spec.argb)) hex = spec.argb.slice(-6);
  else if (typeof spec.theme === 'number' && THEME[spec.theme]) hex = THEME[spec.theme];
  else if (spec.indexed === 64 || spec.indexed === 8) hex = '000000';
  else if (spec.indexed === 9) hex = 'FFFFFF';
  if (!hex) return undefined;
  let rgb = [0, 2, 4].map((i) => parseInt(hex!.slice(i, i + 2), 16));
  if (typeof spec.tint === 'number' && spec.tint !== 0) rgb = rgb.map((c) => tintChannel(c, spec.tint!));
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

function fillColor(fill: ExcelJS.Fill | undefined, conditional: boolean): string | undefined {
  if (!fill || fill.type !== 'pattern' || fill.pattern === 'none') return undefined;
  const f = fill as ExcelJS.FillPattern;
  // Cell fills paint fgColor for a solid pattern; differential (conditional) fills use bgColor.
  return conditional ? (cssColor(f.bgColor) ?? cssColor(f.fgColor)) : (cssColor(f.fgColor) ?? cssColor(f.bgColor));
}

function borderCss(b: Partial<ExcelJS.Border> | undefined): string | undefined {
  if (!b || !b.style) return undefined;
  const color = cssColor(b.color) ?? '#000000';
  const width = b.style === 'medium' || b.style === 'mediumDashed' ? 2 : b.style === 'thick' || b.style === 'double' ? 3 : 1;
  const kind = /dash/i.test(b.style) ? 'dashed' : /dot/i.test(b.style) || b.style === 'hair' ? 'dotted' : b.style === 'double' ? 'double' : 'solid';
  return `${width}px ${kind} ${color}`;
}

/** A cell's value as formulas see it: cached formula results, dates as serials, rich text flattened. */
export function scalarOf(cell: ExcelJS.Cell): Scalar {
  const v = cell.value as unknown;
  return scalarOfValue(v);
}

function scalarOfValue(v: unknown): Scalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return dateToSerial(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      if (!('result' in o) || o.result === undefined) throw new Unsupported('formula without a cached result');
      return scalarOfValue(o.result);
    }
    if ('error' in o) return { error: String(o.error) };
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('text' in o) return String(o.text);
  }
  return null;
}

function displayValueOf(v: unknown): DisplayValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) return displayValueOf(o.result);
    if ('error' in o) return { error: String(o.error) };
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('text' in o) return String(o.text);
  }
  return null;
}

function formulaOf(cell: ExcelJS.Cell): string | undefined {
  const v = cell.value as unknown;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    // ExcelJS resolves a shared formula's text for each cell through `cell.formula`.
    if ('formula' in (v as object) || 'sharedFormula' in (v as object)) return cell.formula || undefined;
  }
  return undefined;
}

/** A value as the user would type it back in (the editor's starting text). */
function inputText(cell: ExcelJS.Cell, formula: string | undefined, isDate: boolean): string {
  if (formula) return `=${formula}`;
  const v = displayValueOf(cell.value);
  if (v === null) return '';
  if (v instanceof Date || (isDate && typeof v === 'number')) return formatValue(v, 'yyyy-mm-dd').text;
  if (typeof v === 'object') return v.error;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return String(v);
}

/** The workbook-level context formulas are evaluated in, with `sheet` as "this sheet". */
export function formulaContext(workbook: ExcelJS.Workbook, sheet: ExcelJS.Worksheet): FormulaContext {
  return {
    cell(name, row, col) {
      const ws = name === undefined ? sheet : workbook.getWorksheet(name);
      if (!ws) return { error: '#REF!' };
      const row_ = ws.findRow(row);
      if (!row_) return null;
      const cell = row_.findCell(col);
      return cell ? scalarOf(cell) : null;
    },
    name(n) {
      // Defined names as ExcelJS lists them: [{ name, ranges: ["'計画'!$B$5:$B$9"] }]. Names are case-insensitive.
      try {
        const list = (workbook.definedNames as unknown as { model: { name: string; ranges: string[] }[] }).model;
        const entry = list.find((d) => d.name.toLowerCase() === n.toLowerCase());
        return entry && entry.ranges.length === 1 ? entry.ranges[0] : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** A conditional-format rule as ExcelJS keeps it in memory (looser than its type definitions). */
interface CfRuleModel {
  type: string;
  formulae?: unknown[];
  operator?: string;
  text?: string;
  style?: Partial<ExcelJS.Style>;
  priority?: number;
  stopIfTrue?: boolean;
}

interface CfRule {
  rule: CfRuleModel;
  ranges: RangeRef[];
  base: { row: number; col: number };
  order: number;
}

function cfRules(ws: ExcelJS.Worksheet): CfRule[] {
  const out: CfRule[] = [];
  let order = 0;
  const blocks = (ws as unknown as { conditionalFormattings?: { ref: string; rules?: CfRuleModel[] }[] }).conditionalFormattings ?? [];
  for (const cf of blocks) {
    let ranges: RangeRef[];
    try {
      ranges = String(cf.ref)
        .trim()
        .split(/\s+/)
        .map((r) => parseRange(r));
    } catch {
      continue;
    }
    if (ranges.length === 0) continue;
    const base = { row: ranges[0].top, col: ranges[0].left };
    for (const rule of cf.rules ?? []) out.push({ rule, ranges, base, order: order++ });
  }
  // Lower priority numbers win; rules without one keep the order they were added in.
  return out.sort((a, b) => (a.rule.priority ?? 1e9) - (b.rule.priority ?? 1e9) || a.order - b.order);
}

function ruleMatches(r: CfRule, ctx: FormulaContext, row: number, col: number, value: Scalar): boolean {
  const rule = r.rule;
  const at = { row, col };
  const formula = (i: number) => {
    const f = rule.formulae?.[i];
    if (typeof f === 'number') return f as Scalar;
    if (typeof f !== 'string') throw new Unsupported('rule without a formula');
    return evaluateFormula(f, ctx, at, r.base);
  };
  const cmp = (a: Scalar, b: Scalar) => {
    const d = compareValues(a, b);
    return (op: string) => (op === '=' ? d === 0 : op === '<>' ? d !== 0 : op === '<' ? d < 0 : op === '>' ? d > 0 : op === '<=' ? d <= 0 : d >= 0);
  };
  switch (rule.type) {
    case 'expression':
      return isTruthy(formula(0));
    case 'cellIs': {
      if (value !== null && typeof value === 'object') return false;
      const c = cmp(value, formula(0));
      switch (rule.operator) {
        case 'equal':
          return c('=');
        case 'notEqual':
          return c('<>');
        case 'greaterThan':
          return c('>');
        case 'lessThan':
          return c('<');
        case 'greaterThanOrEqual':
          return c('>=');
        case 'lessThanOrEqual':
          return c('<=');
        case 'between':
        case 'notBetween': {
          const lo = formula(0);
          const hi = formula(1);
          const inside = cmp(value, lo)('>=') && cmp(value, hi)('<=');
          return rule.operator === 'between' ? inside : !inside;
        }
        default:
          throw new Unsupported(`cellIs ${rule.operator}`);
      }
    }
    case 'containsText': {
      const text = String(rule.text ?? '');
      const s = value === null || typeof value === 'object' ? '' : String(value);
      const has = s.toLowerCase().includes(text.toLowerCase());
      switch (rule.operator) {
        case 'containsText':
          return has;
        case 'containsBlanks':
          return s.trim() === '';
        case 'notContainsBlanks':
          return s.trim() !== '';
        case 'containsErrors':
          return value !== null && typeof value === 'object';
        case 'notContainsErrors':
          return !(value !== null && typeof value === 'object');
        default:
          throw new Unsupported(`containsText ${rule.operator}`);
      }
    }
    default:
      // Colour scales, data bars, icon sets, top-10 and the like: not drawn.
      throw new Unsupported(`rule type ${rule.type}`);
  }
}

function styleOf(cell: ExcelJS.Cell): CellStyleView {
  const s: CellStyleView = {};
  const bg = fillColor(cell.fill, false);
  if (bg) s.background = bg;
  const font = cell.font;
  if (font) {
    const c = cssColor(font.color as ColorSpec | undefined);
    if (c && c !== '#000000') s.color = c;
    if (font.bold) s.bold = true;
    if (font.italic) s.italic = true;
    if (font.underline) s.underline = true;
    if (font.strike) s.strike = true;
    if (font.size && font.size !== 11) s.size = font.size;
  }
  const a = cell.alignment;
  if (a) {
    if (a.horizontal === 'left' || a.horizontal === 'center' || a.horizontal === 'right') s.horizontal = a.horizontal;
    else if (a.horizontal === 'centerContinuous') s.horizontal = 'center';
    if (a.vertical === 'top' || a.vertical === 'bottom') s.vertical = a.vertical;
    else if (a.vertical === 'middle') s.vertical = 'middle';
    if (a.wrapText) s.wrap = true;
    if (a.indent) s.indent = a.indent;
  }
  const b = cell.border;
  if (b && (b.top || b.right || b.bottom || b.left)) {
    s.border = { top: borderCss(b.top), right: borderCss(b.right), bottom: borderCss(b.bottom), left: borderCss(b.left) };
  }
  return s;
}

/** The choices of a list validation (a literal list or a range of cells), or undefined for other kinds. */
function listChoices(workbook: ExcelJS.Workbook, ws: ExcelJS.Worksheet, dv: ExcelJS.DataValidation): string[] | undefined {
  if (dv.type !== 'list' || !dv.formulae?.length) return undefined;
  const source = String(dv.formulae[0]);
  if (source.startsWith('"')) {
    return source
      .slice(1, -1)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  try {
    const ref = source.replace(/^=/, '');
    const { sheet, address: addr } = splitSheetAddress(ref);
    const target = sheet ? workbook.getWorksheet(sheet) : ws;
    if (!target) return undefined;
    const r = parseRange(addr);
    if ((r.bottom - r.top + 1) * (r.right - r.left + 1) > 1000) return undefined;
    const out: string[] = [];
    for (let row = r.top; row <= r.bottom; row++)
      for (let col = r.left; col <= r.right; col++) {
        const found = target.findRow(row)?.findCell(col);
        let v: Scalar = null;
        try {
          v = found ? scalarOf(found) : null;
        } catch {
          v = null;
        }
        if (v !== null && typeof v !== 'object' && String(v) !== '') out.push(String(v));
      }
    return out;
  } catch {
    return undefined;
  }
}

/** Finds the list validation of a cell; each list's choices are read once per sheet. */
function validationLookup(workbook: ExcelJS.Workbook, ws: ExcelJS.Worksheet): (address: string, row: number, col: number) => string[] | undefined {
  const model = ((ws as unknown as { dataValidations: unknown }).dataValidations as { model?: Record<string, ExcelJS.DataValidation | undefined> }).model ?? {};
  const ranged: [RangeRef, ExcelJS.DataValidation][] = [];
  for (const [key, dv] of Object.entries(model)) {
    if (!dv || !key.includes(':')) continue;
    for (const part of key.replace(/^range:/, '').split(/\s+/)) {
      try {
        ranged.push([parseRange(part), dv]);
      } catch {
        /* not a range key */
      }
    }
  }
  const choices = new Map<ExcelJS.DataValidation, string[] | undefined>();
  return (address, row, col) => {
    const dv = model[address] ?? ranged.find(([r]) => r.top <= row && row <= r.bottom && r.left <= col && col <= r.right)?.[1];
    if (!dv) return undefined;
    if (!choices.has(dv)) choices.set(dv, listChoices(workbook, ws, dv));
    return choices.get(dv);
  };
}

/** Excel column width (characters of the default font) → pixels, as Excel draws it at 100 %. */
function widthPx(width: number | undefined): number {
  const w = width ?? 8.43;
  return Math.max(24, Math.round(w * 7 + 5));
}

/** Build the view of one worksheet. */
export function readSheet(workbook: ExcelJS.Workbook, ws: ExcelJS.Worksheet): SheetModel {
  const view = (ws.views ?? [])[0] as Partial<ExcelJS.WorksheetView> & { xSplit?: number; ySplit?: number } | undefined;
  const frozen = view?.state === 'frozen';
  const frozenRows = frozen ? (view?.ySplit ?? 0) : 0;
  const frozenCols = frozen ? (view?.xSplit ?? 0) : 0;

  const usedRows = Math.max(ws.rowCount, ws.actualRowCount, frozenRows);
  const usedCols = Math.max(ws.columnCount, ws.actualColumnCount, frozenCols);
  const rowCount = Math.min(MAX_ROWS, Math.max(usedRows + EXTRA_ROWS, 20));
  const colCount = Math.min(MAX_COLS, Math.max(usedCols + EXTRA_COLS, 8));
  const truncated = usedRows > MAX_ROWS || usedCols > MAX_COLS;

  // Read the column definitions without ws.getColumn(), which would create them.
  const columns = (ws as unknown as { _columns?: (ExcelJS.Column | undefined)[] })._columns ?? [];
  const colWidths: number[] = [0];
  for (let c = 1; c <= colCount; c++) {
    const column = columns[c - 1];
    colWidths.push(column?.hidden ? 0 : widthPx(column?.width));
  }
  const rowHeights: number[] = [0];
  for (let r = 1; r <= rowCount; r++) {
    const row = ws.findRow(r);
    rowHeights.push(row?.hidden ? 0 : row?.height ? Math.round((row.height * 4) / 3) : 20);
  }

  const ctx = formulaContext(workbook, ws);
  const rules = cfRules(ws);
  const isProtected = Boolean((ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection?.sheet);

  const choicesOf = validationLookup(workbook, ws);

  const cells: CellView[][] = [[]];
  for (let r = 1; r <= rowCount; r++) {
    const rowCells: CellView[] = [];
    const row = ws.findRow(r);
    for (let c = 1; c <= colCount; c++) {
      const address = columnLetters(c) + r;
      const cell = row?.findCell(c);
      if (!cell) {
        rowCells[c] = {
          row: r,
          col: c,
          address,
          text: '',
          align: 'left',
          value: null,
          input: '',
          style: {},
          highlighted: false,
          editable: !isProtected,
          isDate: false,
        };
        continue;
      }
      const formula = formulaOf(cell);
      const numFmt = cell.numFmt;
      const dv = displayValueOf(cell.value);
      const isDate = dv instanceof Date || (typeof dv === 'number' && isDateNumberFormat(numFmt));
      const formatted = formatValue(dv, numFmt);
      let value: Scalar;
      try {
        value = scalarOf(cell);
      } catch {
        value = null;
      }
      const style = styleOf(cell);
      if (formatted.color) style.color = formatted.color;
      const note = cell.note
        ? typeof cell.note === 'string'
          ? cell.note
          : ((cell.note as ExcelJS.Comment).texts ?? []).map((t) => t.text).join('')
        : undefined;
      const locked = (cell.protection as Partial<ExcelJS.Protection> | undefined)?.locked !== false;
      rowCells[c] = {
        row: r,
        col: c,
        address,
        text: formatted.text,
        align: style.horizontal ?? formatted.align,
        value,
        formula,
        input: inputText(cell, formula, isDate),
        style,
        highlighted: false,
        note,
        editable: !formula && !(isProtected && locked),
        choices: formula ? undefined : choicesOf(address, r, c),
        isDate,
      };
    }
    cells.push(rowCells);
  }

  // Conditional formats: first rule (by priority) to set a property wins; stopIfTrue ends the cell's rules.
  if (rules.length) {
    for (let r = 1; r <= rowCount; r++) {
      for (let c = 1; c <= colCount; c++) {
        const view = cells[r][c];
        let fill: string | undefined;
        let font: Partial<ExcelJS.Font> | undefined;
        let matched = false;
        for (const rule of rules) {
          if (!rule.ranges.some((g) => g.top <= r && r <= g.bottom && g.left <= c && c <= g.right)) continue;
          let hit = false;
          try {
            hit = ruleMatches(rule, ctx, r, c, view.value);
          } catch {
            hit = false; // Unsupported or a cell without a cached value: no highlight rather than a wrong one.
          }
          if (!hit) continue;
          matched = true;
          const st = rule.rule.style ?? {};
          fill ??= fillColor(st.fill as ExcelJS.Fill | undefined, true);
          if (st.font) font = { ...(st.font as Partial<ExcelJS.Font>), ...(font ?? {}) };
          if (rule.rule.stopIfTrue) break;
        }
        if (!matched) continue;
        view.highlighted = true;
        if (fill) view.style.background = fill;
        if (font) {
          const color = cssColor(font.color as ColorSpec | undefined);
          if (color) view.style.color = color;
          if (font.bold !== undefined) view.style.bold = font.bold;
          if (font.italic !== undefined) view.style.italic = font.italic;
          if (font.strike !== undefined) view.style.strike = font.strike;
        }
      }
    }
  }

  // The grid draws each cell's right and bottom edges (separate borders, for sticky panes): a cell's top or left
  // border is handed to the neighbour above or to the left, so a border shared by two cells is drawn once.
  for (let r = 1; r <= rowCount; r++) {
    for (let c = 1; c <= colCount; c++) {
      const b = cells[r][c].style.border;
      if (!b) continue;
      if (b.top && r > 1) {
        const above = cells[r - 1][c].style;
        above.border = { ...(above.border ?? {}), bottom: above.border?.bottom ?? b.top };
        delete b.top;
      }
      if (b.left && c > 1) {
        const left = cells[r][c - 1].style;
        left.border = { ...(left.border ?? {}), right: left.border?.right ?? b.left };
        delete b.left;
      }
    }
  }

  // Merges: the top-left cell spans, the rest are covered.
  const merges = (ws as unknown as { _merges?: Record<string, { model: RangeRef }> })._merges ?? {};
  for (const m of Object.values(merges)) {
    const g = m?.model;
    if (!g || g.top > rowCount || g.left > colCount) continue;
    const bottom = Math.min(g.bottom, rowCount);
    const right = Math.min(g.right, colCount);
    for (let r = g.top; r <= bottom; r++) for (let c = g.left; c <= right; c++) if (r !== g.top || c !== g.left) cells[r][c].covered = true;
    cells[g.top][g.left].rowSpan = bottom - g.top + 1;
    cells[g.top][g.left].colSpan = right - g.left + 1;
  }

  let activeCell: { row: number; col: number } | undefined;
  try {
    const a = (view as { activeCell?: string } | undefined)?.activeCell;
    if (a) {
      const p = parseCell(a);
      if (p.row <= rowCount && p.col <= colCount) activeCell = p;
    }
  } catch {
    activeCell = undefined;
  }

  return { name: ws.name, rowCount, colCount, colWidths, rowHeights, frozenRows, frozenCols, cells, truncated, protected: isProtected, activeCell };
}

/** Sheets a user sees as tabs (hidden and very hidden sheets stay out, as in Excel). */
export function visibleSheets(workbook: ExcelJS.Workbook): string[] {
  return workbook.worksheets.filter((ws) => (ws.state ?? 'visible') === 'visible').map((ws) => ws.name);
}

/** The sheet the workbook says is active, if any. */
export function activeSheetName(workbook: ExcelJS.Workbook): string | undefined {
  const views = (workbook as unknown as { views?: { activeTab?: number }[] }).views;
  const tab = views?.[0]?.activeTab;
  if (typeof tab === 'number' && workbook.worksheets[tab]) return workbook.worksheets[tab].name;
  return undefined;
}
