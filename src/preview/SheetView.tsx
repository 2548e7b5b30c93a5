/**
 * The sheet view: a spreadsheet grid over the in-memory workbook, drawn from what the .xlsx holds (cached values,
 * number formats, fills, fonts, borders, merges, frozen panes, conditional formats worked out by formula.ts).
 *
 * It is an ARIA grid: one tab stop, arrow keys move the active cell, Enter / F2 / double-click (or just typing)
 * edit it, Enter or Tab confirms, Esc cancels. Cells holding formulas are read-only, as the layout computes them.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import type * as ExcelJS from 'exceljs';
import type { Lang } from '../i18n/format';
import { columnLetters, parseCell } from '../workbook/a1';
import { readSheet, type CellView, type SheetModel } from './sheet-model';
import { previewText, type PreviewText } from './texts';

export interface SelectRequest {
  sheet: string;
  address: string;
  /** Changes with every request, so asking for the same cell twice still scrolls to it. */
  seq: number;
}

export interface SheetViewProps {
  workbook: ExcelJS.Workbook;
  /** Bumped after every write, so the view reads the workbook again. */
  version: number;
  sheets: string[];
  sheet: string;
  onSheetChange: (name: string) => void;
  selectRequest: SelectRequest | null;
  onCommit: (sheet: string, address: string, typed: string) => void;
  /** A status-bar message, as a function of the texts (so it follows a language switch). */
  onStatus?: (message: (t: PreviewText) => string) => void;
  lang: Lang;
}

interface Pos {
  row: number;
  col: number;
}

interface Editing {
  text: string;
  /** "enter": started by typing (arrows confirm and move, as in Excel); "edit": F2/double-click (arrows move the caret). */
  mode: 'enter' | 'edit';
}

const HEADER_HEIGHT = 22;
/** Rows drawn above and below the visible ones. */
const OVERSCAN_ROWS = 25;
const ROW_HEADER_WIDTH = 44;

function cellId(sheetKey: string, row: number, col: number): string {
  return `sv-${sheetKey}-${columnLetters(col)}${row}`;
}

/** A DOM-id-safe key for a sheet name (Japanese names included). */
function sheetKey(name: string): string {
  return Array.from(name)
    .map((ch) => (/[A-Za-z0-9]/.test(ch) ? ch : `_${ch.codePointAt(0)!.toString(16)}`))
    .join('');
}

/** The top-left cell of the merge that covers (row, col), so moving into a merged area lands on its value. */
function masterOf(model: SheetModel, pos: Pos): Pos {
  if (!model.cells[pos.row]?.[pos.col]?.covered) return pos;
  for (let r = pos.row; r >= 1; r--) {
    for (let c = pos.col; c >= 1; c--) {
      const cell = model.cells[r][c];
      if (!cell.covered && (cell.rowSpan ?? 1) + r - 1 >= pos.row && (cell.colSpan ?? 1) + c - 1 >= pos.col) return { row: r, col: c };
    }
  }
  return pos;
}

function cellStyle(cell: CellView): CSSProperties {
  const s = cell.style;
  const css: CSSProperties = {};
  if (s.background) css.backgroundColor = s.background;
  if (s.color) css.color = s.color;
  if (s.bold) css.fontWeight = 700;
  if (s.italic) css.fontStyle = 'italic';
  if (s.underline || s.strike) css.textDecoration = [s.underline && 'underline', s.strike && 'line-through'].filter(Boolean).join(' ');
  if (s.size) css.fontSize = `${Math.round((s.size * 4) / 3)}px`;
  css.textAlign = cell.align;
  if (s.vertical) css.verticalAlign = s.vertical;
  if (s.wrap) {
    css.whiteSpace = 'pre-wrap';
    css.wordBreak = 'break-word';
  }
  if (s.indent) css.paddingLeft = `${3 + s.indent * 9}px`;
  if (s.border) {
    if (s.border.top) css.borderTop = s.border.top;
    if (s.border.right) css.borderRight = s.border.right;
    if (s.border.bottom) css.borderBottom = s.border.bottom;
    if (s.border.left) css.borderLeft = s.border.left;
  }
  return css;
}

export function SheetView({ workbook, version, sheets, sheet, onSheetChange, selectRequest, onCommit, onStatus, lang }: SheetViewProps) {
  const t = previewText(lang);
  const ws = workbook.getWorksheet(sheet);
  const model = useMemo(() => (ws ? readSheet(workbook, ws) : null), [workbook, ws, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const key = sheetKey(sheet);

  // The active cell of each sheet, kept while the user looks at another tab.
  const [active, setActive] = useState<Record<string, Pos>>({});
  const pos = active[sheet] ?? model?.activeCell ?? { row: Math.max(1, (model?.frozenRows ?? 0) + 1), col: 1 };
  const [editing, setEditingState] = useState<Editing | null>(null);
  // Mirrors `editing` synchronously: the editor's blur can fire after Enter already committed the same edit.
  const editingRef = useRef<Editing | null>(null);
  const setEditing = useCallback((next: Editing | null) => {
    editingRef.current = next;
    setEditingState(next);
  }, []);
  const [located, setLocated] = useState<string | null>(null);

  const gridRef = useRef<HTMLTableElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<HTMLInputElement>(null);
  const focusCell = useRef(false);
  const [frozenTops, setFrozenTops] = useState<number[]>([]);

  const cell = model?.cells[pos.row]?.[pos.col];
  const address = columnLetters(pos.col) + pos.row;

  const moveTo = useCallback(
    (next: Pos, focus = true) => {
      if (!model) return;
      const clamped = { row: Math.min(Math.max(1, next.row), model.rowCount), col: Math.min(Math.max(1, next.col), model.colCount) };
      const target = masterOf(model, clamped);
      focusCell.current = focus;
      setActive((a) => ({ ...a, [sheet]: target }));
    },
    [model, sheet],
  );

  // For the load benchmark: when the grid was first drawn.
  useEffect(() => {
    if (performance.getEntriesByName('preview:grid').length === 0) performance.mark('preview:grid');
  }, []);

  // Rows drawn: the frozen ones, and a window of the others around what is scrolled into view (a large sheet
  // would otherwise cost a DOM node per cell). Heights are the sheet's, so the scroll bar is the whole sheet's.
  const [scroll, setScroll] = useState({ top: 0, height: 800 });
  const rowTops = useMemo(() => {
    const tops = [0, 0];
    if (model) for (let r = 1; r <= model.rowCount; r++) tops[r + 1] = tops[r] + model.rowHeights[r];
    return tops;
  }, [model]);
  const windowRows = useMemo(() => {
    if (!model) return { first: 1, last: 0 };
    const start = model.frozenRows + 1;
    const rowAt = (y: number) => {
      // The last row whose top is at or above y (binary search over the running heights).
      let lo = start;
      let hi = model.rowCount;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (rowTops[mid] - rowTops[start] <= y) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
    const first = Math.max(start, rowAt(scroll.top) - OVERSCAN_ROWS);
    const last = Math.min(model.rowCount, rowAt(scroll.top + scroll.height) + OVERSCAN_ROWS);
    return { first, last };
  }, [model, rowTops, scroll]);
  const rowDrawn = (row: number) => !!model && (row <= model.frozenRows || row === pos.row || (row >= windowRows.first && row <= windowRows.last));

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let frame = 0;
    const update = () => {
      frame = 0;
      setScroll((prev) => (prev.top === el.scrollTop && prev.height === el.clientHeight ? prev : { top: el.scrollTop, height: el.clientHeight }));
    };
    const onScroll = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    const resize = new ResizeObserver(onScroll);
    resize.observe(el);
    update();
    return () => {
      el.removeEventListener('scroll', onScroll);
      resize.disconnect();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [model !== null]); // eslint-disable-line react-hooks/exhaustive-deps

  /** Scroll a cell into view; a row outside the drawn window is scrolled to first and revealed once drawn. */
  const pendingReveal = useRef<Pos | null>(null);
  const reveal = useCallback(
    (p: Pos) => {
      const el = document.getElementById(cellId(key, p.row, p.col));
      if (el) {
        el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        return;
      }
      const scroller = scrollRef.current;
      if (!scroller || !model) return;
      pendingReveal.current = p;
      scroller.scrollTop = Math.max(0, rowTops[p.row] - rowTops[model.frozenRows + 1] - scroller.clientHeight / 3);
    },
    [key, model, rowTops],
  );
  useEffect(() => {
    const p = pendingReveal.current;
    if (p && rowDrawn(p.row)) {
      pendingReveal.current = null;
      document.getElementById(cellId(key, p.row, p.col))?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  });

  // Keep keyboard focus on the active cell after a move (only when the grid had it: never steal it from the pane).
  useEffect(() => {
    if (!focusCell.current || editing) return;
    if (!rowDrawn(pos.row)) {
      reveal(pos);
      return; // runs again once the window has moved to it
    }
    focusCell.current = false;
    document.getElementById(cellId(key, pos.row, pos.col))?.focus();
  }, [key, pos.row, pos.col, editing, windowRows.first]); // eslint-disable-line react-hooks/exhaustive-deps

  // A selection requested by the pane (a finding clicked): show the sheet, select and reveal the cell.
  useEffect(() => {
    if (!selectRequest || !model || selectRequest.sheet !== sheet) return;
    let target: Pos;
    try {
      target = parseCell(selectRequest.address.split(':')[0]);
    } catch {
      return;
    }
    setEditing(null);
    setActive((a) => ({ ...a, [sheet]: target }));
    setLocated(`${sheet}!${columnLetters(target.col)}${target.row}`);
    const timer = window.setTimeout(() => setLocated(null), 1600);
    requestAnimationFrame(() => reveal(target));
    return () => window.clearTimeout(timer);
    // Only a new request (seq) or its sheet appearing should trigger this.
  }, [selectRequest?.seq, sheet, model !== null]); // eslint-disable-line react-hooks/exhaustive-deps

  // Sticky offsets of frozen rows, measured: a wrapped header row is taller than its nominal height.
  useLayoutEffect(() => {
    if (!model || model.frozenRows === 0 || !gridRef.current) {
      setFrozenTops((prev) => (prev.length ? [] : prev));
      return;
    }
    const rows = gridRef.current.tBodies[0]?.rows;
    const tops: number[] = [];
    let top = HEADER_HEIGHT;
    for (let r = 1; r <= model.frozenRows; r++) {
      tops[r] = top;
      top += rows?.[r - 1]?.getBoundingClientRect().height ?? model.rowHeights[r];
    }
    setFrozenTops((prev) => (prev.length === tops.length && prev.every((v, i) => v === tops[i]) ? prev : tops));
  }, [model]);

  const frozenLefts = useMemo(() => {
    const lefts: number[] = [];
    if (!model) return lefts;
    let left = ROW_HEADER_WIDTH;
    for (let c = 1; c <= model.frozenCols; c++) {
      lefts[c] = left;
      left += model.colWidths[c];
    }
    return lefts;
  }, [model]);

  const frozenBottom = model && model.frozenRows ? (frozenTops[model.frozenRows] ?? HEADER_HEIGHT) + (model.rowHeights[model.frozenRows] ?? 20) : HEADER_HEIGHT;
  const frozenRight = model && model.frozenCols ? frozenLefts[model.frozenCols] + model.colWidths[model.frozenCols] : ROW_HEADER_WIDTH;

  const startEdit = (mode: Editing['mode'], text?: string) => {
    if (!cell) return;
    if (!cell.editable) {
      onStatus?.((tt) => tt.readOnlyCell(address));
      return;
    }
    setEditing({ mode, text: text ?? cell.input });
    onStatus?.((tt) => tt.status.editing(address));
  };

  useEffect(() => {
    if (!editing) return;
    const el = editorRef.current;
    if (el && document.activeElement !== el) {
      el.focus();
      const end = el.value.length;
      el.setSelectionRange(end, end);
    }
  }, [editing]);

  // Leaving the sheet (another tab, a new workbook) drops an unfinished edit; the new sheet shows from its top.
  useEffect(() => {
    setEditing(null);
    const scroller = scrollRef.current;
    if (scroller) {
      scroller.scrollTop = 0;
      scroller.scrollLeft = 0;
    }
  }, [sheet, workbook, setEditing]);

  const commit = (move: Pos | null) => {
    const current = editingRef.current;
    if (!current || !cell) return;
    const typed = current.text;
    setEditing(null);
    if (typed !== cell.input) onCommit(sheet, address, typed);
    else onStatus?.((tt) => tt.status.ready);
    if (move) moveTo(move);
    else {
      focusCell.current = true;
      setActive((a) => ({ ...a, [sheet]: { ...pos } }));
    }
  };

  const cancel = () => {
    if (!editingRef.current) return;
    setEditing(null);
    onStatus?.((tt) => tt.status.ready);
    focusCell.current = true;
    setActive((a) => ({ ...a, [sheet]: { ...pos } }));
  };

  const spanOf = (p: Pos) => {
    const c = model?.cells[p.row]?.[p.col];
    return { rows: c?.rowSpan ?? 1, cols: c?.colSpan ?? 1 };
  };

  const onGridKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    if (!model || editing) return;
    if ((e.target as HTMLElement).tagName === 'INPUT') return;
    const span = spanOf(pos);
    const page = 10;
    let next: Pos | null = null;
    switch (e.key) {
      case 'ArrowDown':
        next = { row: e.ctrlKey ? model.rowCount : pos.row + span.rows, col: pos.col };
        break;
      case 'ArrowUp':
        next = { row: e.ctrlKey ? 1 : pos.row - 1, col: pos.col };
        break;
      case 'ArrowRight':
        next = { row: pos.row, col: e.ctrlKey ? model.colCount : pos.col + span.cols };
        break;
      case 'ArrowLeft':
        next = { row: pos.row, col: e.ctrlKey ? 1 : pos.col - 1 };
        break;
      case 'PageDown':
        next = { row: pos.row + page, col: pos.col };
        break;
      case 'PageUp':
        next = { row: pos.row - page, col: pos.col };
        break;
      case 'Home':
        next = e.ctrlKey ? { row: 1, col: 1 } : { row: pos.row, col: 1 };
        break;
      case 'End':
        next = { row: pos.row, col: model.colCount };
        break;
      case 'Enter':
      case 'F2':
        e.preventDefault();
        startEdit('edit');
        return;
      case 'Delete':
      case 'Backspace':
        e.preventDefault();
        if (!cell?.editable) onStatus?.((tt) => tt.readOnlyCell(address));
        else if (cell.input !== '') onCommit(sheet, address, '');
        return;
      default:
        if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
          e.preventDefault();
          startEdit('enter', e.key);
        }
        return;
    }
    e.preventDefault();
    moveTo(next);
  };

  /** The grid cell an event happened in (one handler on the table instead of two per cell). */
  const cellAt = (target: EventTarget | null): CellView | undefined => {
    const td = (target as HTMLElement | null)?.closest?.('td[data-address]') as HTMLElement | null;
    if (!td || !model) return undefined;
    const p = parseCell(td.dataset.address!);
    return model.cells[p.row]?.[p.col];
  };

  const onGridMouseDown = (e: MouseEvent<HTMLTableElement>) => {
    const v = cellAt(e.target);
    if (!v || e.button !== 0) return;
    const isActive = v.row === pos.row && v.col === pos.col;
    if (editingRef.current && isActive) return;
    if (editingRef.current) commit(null);
    e.preventDefault();
    moveTo({ row: v.row, col: v.col });
  };

  const onGridDoubleClick = (e: MouseEvent<HTMLTableElement>) => {
    const v = cellAt(e.target);
    if (!v || editingRef.current) return;
    moveTo({ row: v.row, col: v.col }, false);
    if (v.editable) {
      setEditing({ mode: 'edit', text: v.input });
      onStatus?.((tt) => tt.status.editing(v.address));
    } else onStatus?.((tt) => tt.readOnlyCell(v.address));
  };

  const onEditorKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // Enter while a Japanese IME is converting confirms the conversion, not the cell.
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    const span = spanOf(pos);
    switch (e.key) {
      case 'Enter':
        e.preventDefault();
        commit({ row: e.shiftKey ? pos.row - 1 : pos.row + span.rows, col: pos.col });
        return;
      case 'Tab':
        e.preventDefault();
        commit({ row: pos.row, col: e.shiftKey ? pos.col - 1 : pos.col + span.cols });
        return;
      case 'Escape':
        e.preventDefault();
        cancel();
        return;
      case 'ArrowDown':
      case 'ArrowUp':
      case 'ArrowLeft':
      case 'ArrowRight':
        if (editing?.mode === 'enter') {
          e.preventDefault();
          const d = { ArrowDown: [span.rows, 0], ArrowUp: [-1, 0], ArrowLeft: [0, -1], ArrowRight: [0, span.cols] }[e.key];
          commit({ row: pos.row + d[0], col: pos.col + d[1] });
        }
        return;
    }
  };

  const onTabKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    let next = -1;
    if (e.key === 'ArrowRight') next = (index + 1) % sheets.length;
    else if (e.key === 'ArrowLeft') next = (index - 1 + sheets.length) % sheets.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = sheets.length - 1;
    if (next < 0) return;
    e.preventDefault();
    onSheetChange(sheets[next]);
    requestAnimationFrame(() => document.getElementById(`sv-tab-${sheetKey(sheets[next])}`)?.focus());
  };

  const tabs = (
    <div className="sv-tabs" role="tablist" aria-label={t.sheetsLabel}>
      {sheets.map((name, i) => (
        <button
          key={name}
          id={`sv-tab-${sheetKey(name)}`}
          type="button"
          role="tab"
          className="sv-tab"
          aria-selected={name === sheet}
          aria-controls="sv-panel"
          tabIndex={name === sheet ? 0 : -1}
          onClick={() => onSheetChange(name)}
          onKeyDown={(e) => onTabKeyDown(e, i)}
          style={tabColor(workbook, name)}
        >
          {name}
        </button>
      ))}
    </div>
  );

  if (!model) {
    return (
      <div className="sv">
        <div className="sv-empty">{t.status.noSheets}</div>
        {tabs}
      </div>
    );
  }

  const cols = Array.from({ length: model.colCount }, (_, i) => i + 1);
  const frozenRowNumbers = Array.from({ length: Math.min(model.frozenRows, model.rowCount) }, (_, i) => i + 1);
  // The scrolling rows: the drawn window, with spacers standing in for the rest, and the active cell's row kept
  // drawn wherever it is (so keyboard focus is never lost by scrolling away from it).
  const bodyRows: (number | { key: string; height: number })[] = [];
  {
    const start = model.frozenRows + 1;
    const rows: number[] = [];
    for (let r = windowRows.first; r <= windowRows.last; r++) rows.push(r);
    if (pos.row >= start && (pos.row < windowRows.first || pos.row > windowRows.last)) rows.push(pos.row);
    rows.sort((a, b) => a - b);
    let next = start;
    for (const r of rows) {
      if (r > next) bodyRows.push({ key: `gap-${next}`, height: rowTops[r] - rowTops[next] });
      bodyRows.push(r);
      next = r + 1;
    }
    if (next <= model.rowCount) bodyRows.push({ key: `gap-${next}`, height: rowTops[model.rowCount + 1] - rowTops[next] });
  }
  const shownInput = editing ? editing.text : (cell?.input ?? '');

  const editor =
    editing && cell
      ? {
          text: editing.text,
          inputRef: editorRef,
          listId: cell.choices?.length ? `sv-choices-${key}` : undefined,
          onChange: (text: string) => setEditing({ ...editing, text }),
          onKeyDown: onEditorKeyDown,
          onBlur: () => commit(null),
        }
      : null;

  const renderRow = (r: number) => (
    <GridRow
      key={r}
      r={r}
      model={model}
      sheetKey={key}
      t={t}
      activeCol={r === pos.row ? pos.col : 0}
      editor={r === pos.row ? editor : null}
      frozenTop={r <= model.frozenRows ? (frozenTops[r] ?? HEADER_HEIGHT) : undefined}
      frozenLefts={frozenLefts}
      located={located && located.startsWith(`${sheet}!`) ? located.slice(sheet.length + 1) : null}
      isCurrentRow={r === pos.row}
    />
  );

  return (
    <div className="sv">
      <div className="sv-bar">
        <output className="sv-namebox" aria-label={t.nameBox} data-testid="name-box">
          {address}
        </output>
        <span className="sv-fx" aria-hidden="true">
          <i>fx</i>
        </span>
        <output className="sv-formula" aria-label={t.formulaBar} data-testid="formula-bar">
          {shownInput}
        </output>
      </div>
      {model.truncated && (
        <div className="sv-note" role="note">
          {t.status.truncated}
        </div>
      )}
      <div
        className="sv-scroll"
        ref={scrollRef}
        id="sv-panel"
        role="tabpanel"
        aria-labelledby={`sv-tab-${key}`}
        style={{ scrollPaddingTop: frozenBottom, scrollPaddingLeft: frozenRight } as CSSProperties}
      >
        <table
          ref={gridRef}
          className="sv-grid"
          role="grid"
          aria-label={t.gridLabel(sheet)}
          aria-rowcount={model.rowCount + 1}
          aria-colcount={model.colCount + 1}
          aria-readonly={false}
          data-sheet={sheet}
          // Which state of the workbook is drawn (tests and the benchmark wait for a redraw with it).
          data-version={version}
          // Fixed layout needs a fixed width: with max-content a long title would widen its column.
          style={{ width: ROW_HEADER_WIDTH + model.colWidths.reduce((a, b) => a + b, 0) }}
          onKeyDown={onGridKeyDown}
          onMouseDown={onGridMouseDown}
          onDoubleClick={onGridDoubleClick}
        >
          <colgroup>
            <col style={{ width: ROW_HEADER_WIDTH }} />
            {cols.map((c) => (
              <col key={c} style={{ width: model.colWidths[c], visibility: model.colWidths[c] === 0 ? 'collapse' : undefined }} />
            ))}
          </colgroup>
          <thead>
            <tr role="row" aria-rowindex={1} style={{ height: HEADER_HEIGHT }}>
              <th className="sv-corner" role="columnheader" aria-colindex={1} aria-label={t.corner} />
              {cols.map((c) => (
                <th
                  key={c}
                  role="columnheader"
                  aria-colindex={c + 1}
                  className={`sv-colhead${c === pos.col ? ' is-current' : ''}${c <= model.frozenCols ? ' is-frozen' : ''}`}
                  style={c <= model.frozenCols ? { left: frozenLefts[c], zIndex: 9 } : undefined}
                >
                  {columnLetters(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {frozenRowNumbers.map((r) => renderRow(r))}
            {bodyRows.map((item) =>
              typeof item === 'number' ? (
                renderRow(item)
              ) : (
                <tr key={item.key} className="sv-spacer" aria-hidden="true" style={{ height: item.height }} />
              ),
            )}
          </tbody>
        </table>
      </div>
      {tabs}
    </div>
  );
}

interface EditorProps {
  text: string;
  inputRef: RefObject<HTMLInputElement>;
  listId?: string;
  onChange: (text: string) => void;
  onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
  onBlur: () => void;
}

interface GridRowProps {
  r: number;
  model: SheetModel;
  sheetKey: string;
  t: PreviewText;
  /** The active cell's column when it is in this row, else 0. */
  activeCol: number;
  editor: EditorProps | null;
  /** The sticky offset of a frozen row; undefined for rows that scroll. */
  frozenTop: number | undefined;
  frozenLefts: number[];
  /** The address of the cell flashed after a "go to cell", if any. */
  located: string | null;
  isCurrentRow: boolean;
}

/**
 * One row of the grid. Memoised: moving the active cell redraws two rows, not the sheet; a write to the workbook
 * (a new model) redraws them all.
 */
const GridRow = memo(function GridRow({ r, model, sheetKey: key, t, activeCol, editor, frozenTop, frozenLefts, located, isCurrentRow }: GridRowProps) {
  const frozenRow = frozenTop !== undefined;
  const rowStyle: CSSProperties = { height: model.rowHeights[r] };
  if (model.rowHeights[r] === 0) rowStyle.display = 'none';
  const cols: number[] = [];
  for (let c = 1; c <= model.colCount; c++) cols.push(c);
  return (
    <tr role="row" aria-rowindex={r + 1} style={rowStyle}>
      <th
        role="rowheader"
        scope="row"
        className={`sv-rowhead${isCurrentRow ? ' is-current' : ''}${frozenRow ? ' is-frozen-row' : ''}${r === model.frozenRows ? ' is-frozen-edge-row' : ''}`}
        style={frozenRow ? { top: frozenTop, zIndex: 8 } : undefined}
      >
        {r}
      </th>
      {cols.map((c) => {
        const v = model.cells[r][c];
        if (v.covered) return null;
        const isActive = c === activeCol;
        const frozenCol = c <= model.frozenCols;
        const style = cellStyle(v);
        if (frozenRow || frozenCol) {
          style.position = 'sticky';
          if (frozenRow) style.top = frozenTop;
          if (frozenCol) style.left = frozenLefts[c];
          // Stacking, bottom to top: scrolling cells, frozen columns, frozen rows, their crossing, row headers, column
          // headers. A spilling text sits one above its own layer, below the next.
          style.zIndex = frozenRow && frozenCol ? 6 : frozenRow ? 4 : 3;
          if (!style.backgroundColor) style.backgroundColor = '#ffffff';
        }
        const spillWidth = spillWidthOf(model, r, c);
        const spill = spillWidth > 0;
        if (spill) style.zIndex = (typeof style.zIndex === 'number' ? style.zIndex : 0) + 1;
        const notes: string[] = [];
        if (v.highlighted) notes.push(t.highlighted);
        if (v.formula) notes.push(t.formula);
        else if (!v.editable) notes.push(t.readOnly);
        const classes = [
          'sv-cell',
          isActive && 'is-active',
          v.highlighted && 'is-highlighted',
          v.formula && 'is-formula',
          spill && 'is-spill',
          r === model.frozenRows && 'is-frozen-edge-row',
          c === model.frozenCols && 'is-frozen-edge-col',
          located === v.address && 'is-located',
          v.note && 'has-note',
        ]
          .filter(Boolean)
          .join(' ');
        const editing = isActive ? editor : null;
        return (
          <td
            key={c}
            id={cellId(key, r, c)}
            role="gridcell"
            aria-colindex={c + 1}
            aria-selected={isActive}
            aria-readonly={!v.editable}
            aria-label={t.cellLabel(v.address, v.text, notes)}
            title={v.note}
            tabIndex={isActive && !editing ? 0 : -1}
            rowSpan={v.rowSpan}
            colSpan={v.colSpan}
            className={classes}
            style={style}
            data-address={v.address}
            data-highlight={v.highlighted ? (v.style.background ?? 'font') : undefined}
          >
            {editing ? (
              <>
                <input
                  ref={editing.inputRef}
                  className="sv-editor"
                  aria-label={t.editorLabel(v.address)}
                  value={editing.text}
                  list={editing.listId}
                  onChange={(e) => editing.onChange(e.target.value)}
                  onKeyDown={editing.onKeyDown}
                  onBlur={editing.onBlur}
                  spellCheck={false}
                  autoComplete="off"
                />
                {editing.listId && v.choices?.length ? (
                  <datalist id={editing.listId}>
                    {v.choices.map((choice) => (
                      <option key={choice} value={choice} />
                    ))}
                  </datalist>
                ) : null}
              </>
            ) : (
              <span className="sv-text" style={spill ? { maxWidth: spillWidth } : undefined}>
                {v.text}
              </span>
            )}
          </td>
        );
      })}
    </tr>
  );
});

/**
 * How far a left-aligned text may run past its cell (pixels of text room), as Excel lets it run over empty
 * neighbours: across the blank cells to its right, never past the frozen-pane line. 0 when it does not spill.
 */
function spillWidthOf(model: SheetModel, r: number, c: number): number {
  const v = model.cells[r][c];
  if (v.text === '' || v.style.wrap || v.align !== 'left' || v.colSpan) return 0;
  const limit = c <= model.frozenCols ? model.frozenCols : model.colCount;
  let width = model.colWidths[c];
  let k = c + 1;
  for (; k <= limit; k++) {
    const next = model.cells[r][k];
    if (!next || next.text !== '' || next.covered || next.colSpan) break;
    width += model.colWidths[k];
  }
  if (k === c + 1) return 0;
  // Less the cell's left padding and a pixel of air.
  return width - 5;
}

function tabColor(workbook: ExcelJS.Workbook, name: string): CSSProperties | undefined {
  const argb = (workbook.getWorksheet(name)?.properties?.tabColor as { argb?: string } | undefined)?.argb;
  if (!argb || !/^[0-9A-Fa-f]{8}$/.test(argb)) return undefined;
  return { borderBottomColor: `#${argb.slice(2)}` };
}
