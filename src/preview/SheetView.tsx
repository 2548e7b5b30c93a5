/**
 * The sheet view: a spreadsheet grid over the in-memory workbook, drawn from what sheet-model.ts reads (values as
 * Excel would calculate them, number formats, fills, fonts, borders, merges, frozen panes, conditional formats).
 *
 * It is an ARIA grid with one tab stop and Excel's keys (grid/key-navigation.ts): arrows, Tab and Enter move;
 * typing — an IME composition included — starts editing the active cell, F2 or a double-click edits it; Enter or
 * Tab confirms, Esc cancels; Delete clears; Ctrl+V pastes a block copied from Excel; Ctrl+Z undoes the last edits;
 * F6 leaves the grid. Cells holding formulas are read-only, as the layout computes them.
 *
 * About 420 lines: what is left here are the grid's event handlers, which all share the active cell, the editor
 * and the model; the pieces that stand alone live in grid/ (keys, row window, frozen panes, editor, rows, tabs).
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type CSSProperties, type KeyboardEvent, type MouseEvent } from 'react';
import { flushSync } from 'react-dom';
import type * as ExcelJS from 'exceljs';
import type { Lang } from '../i18n/format';
import { columnLetters, parseCell } from '../workbook/a1';
import { clipboardCell, parseClipboardTable } from './grid/clipboard';
import { GridRow, type EditorProps } from './grid/GridRow';
import { SheetTabs } from './grid/SheetTabs';
import { cellId, sheetKey, tabId } from './grid/ids';
import { gridCommand, moveAfterEdit, type GridPosition, type GridShape } from './grid/key-navigation';
import { useCellEditor } from './grid/use-cell-editor';
import { HEADER_HEIGHT, ROW_HEADER_WIDTH, useFrozenPanes } from './grid/use-frozen-panes';
import { scrollingRows, useRowWindow } from './grid/use-row-window';
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
  /** Typed or pasted text for a block of cells whose top-left cell is `address` (one cell: [[text]]). */
  onCommit: (sheet: string, address: string, rows: string[][]) => void;
  /** Ctrl+Z in the grid: undo the last edit made in it. */
  onUndo?: () => void;
  /** A status-bar message, as a function of the texts (so it follows a language switch). */
  onStatus?: (message: (t: PreviewText) => string) => void;
  lang: Lang;
}

/** The top-left cell of the merge that covers a position, so moving into a merged area lands on its value. */
function masterOf(model: SheetModel, pos: GridPosition): GridPosition {
  if (!model.cells[pos.row]?.[pos.col]?.covered) return pos;
  for (let r = pos.row; r >= 1; r--) {
    for (let c = pos.col; c >= 1; c--) {
      const cell = model.cells[r][c];
      if (!cell.covered && (cell.rowSpan ?? 1) + r - 1 >= pos.row && (cell.colSpan ?? 1) + c - 1 >= pos.col) return { row: r, col: c };
    }
  }
  return pos;
}

function shapeOf(model: SheetModel): GridShape {
  return {
    rowCount: model.rowCount,
    colCount: model.colCount,
    spanAt: (p) => {
      const c = model.cells[p.row]?.[p.col];
      return { rows: c?.rowSpan ?? 1, cols: c?.colSpan ?? 1 };
    },
  };
}

export function SheetView({ workbook, version, sheets, sheet, onSheetChange, selectRequest, onCommit, onUndo, onStatus, lang }: SheetViewProps) {
  const t = previewText(lang);
  const ws = workbook.getWorksheet(sheet);
  // `version` stands for the workbook's content: the same workbook object is read again after each write.
  const model = useMemo(() => (ws && version >= 0 ? readSheet(workbook, ws) : null), [workbook, ws, version]);
  const key = sheetKey(sheet);

  // The active cell of each sheet, kept while the user looks at another tab.
  const [active, setActive] = useState<Record<string, GridPosition>>({});
  const pos = active[sheet] ?? model?.activeCell ?? { row: Math.max(1, (model?.frozenRows ?? 0) + 1), col: 1 };
  const editor = useCellEditor();
  const [located, setLocated] = useState<string | null>(null);

  const gridRef = useRef<HTMLTableElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  /** Set when the active cell should take the keyboard focus once drawn (never steal it from the pane otherwise). */
  const wantsFocus = useRef(false);

  const cell = model?.cells[pos.row]?.[pos.col];
  const address = columnLetters(pos.col) + pos.row;
  const elementOf = useCallback((p: GridPosition) => document.getElementById(cellId(key, p.row, p.col)), [key]);
  const rows = useRowWindow(model, scrollRef, pos.row, elementOf);
  const frozen = useFrozenPanes(model, gridRef);

  const select = useCallback(
    (next: GridPosition, focus = true) => {
      if (!model) return;
      const target = masterOf(model, next);
      wantsFocus.current = focus;
      setActive((a) => ({ ...a, [sheet]: target }));
    },
    [model, sheet],
  );

  // For the load benchmark: when the grid was first drawn.
  useEffect(() => {
    if (performance.getEntriesByName('preview:grid').length === 0) performance.mark('preview:grid');
  }, []);

  // Keyboard focus follows the active cell after a move, once its row is drawn.
  const { isDrawn, reveal } = rows;
  const isEditing = editor.editing !== null;
  const { row: activeRow, col: activeCol } = pos;
  useEffect(() => {
    if (!wantsFocus.current || isEditing) return;
    const target = { row: activeRow, col: activeCol };
    if (!isDrawn(activeRow)) {
      reveal(target);
      return; // runs again once the window has moved to it
    }
    // The cell's element may not be in the page yet (the window drawn, its cells not): focus it on the next frame.
    // Giving up here left the focus on the page body, and the next keys went nowhere (seen once in CI: Tab).
    const focusNow = (): boolean => {
      const el = elementOf(target);
      if (!el) return false;
      wantsFocus.current = false;
      el.focus();
      return true;
    };
    if (focusNow()) return;
    const frame = requestAnimationFrame(() => {
      if (wantsFocus.current) focusNow();
    });
    return () => cancelAnimationFrame(frame);
  }, [activeRow, activeCol, isEditing, isDrawn, reveal, elementOf]);
  // The latest reveal, for the pane's selection requests (which must not run again when the model changes).
  const revealRef = useRef(reveal);
  revealRef.current = reveal;

  // A selection requested by the pane (a finding clicked): select and reveal the cell, flash it.
  const requestSeq = selectRequest?.seq;
  const requestedSheet = selectRequest?.sheet;
  const requestedAddress = selectRequest?.address;
  const hasModel = model !== null;
  const { finish } = editor;
  useEffect(() => {
    if (requestSeq === undefined || !hasModel || requestedSheet !== sheet || !requestedAddress) return;
    let target: GridPosition;
    try {
      target = parseCell(requestedAddress.split(':')[0]);
    } catch {
      return;
    }
    finish();
    setActive((a) => ({ ...a, [sheet]: target }));
    setLocated(`${sheet}!${columnLetters(target.col)}${target.row}`);
    const timer = window.setTimeout(() => setLocated(null), 1600);
    requestAnimationFrame(() => revealRef.current(target));
    return () => window.clearTimeout(timer);
  }, [requestSeq, requestedSheet, requestedAddress, sheet, hasModel, finish]);

  // Leaving the sheet (another tab, a new workbook) drops an unfinished edit; the new sheet shows from its top.
  useEffect(() => {
    finish();
    const scroller = scrollRef.current;
    if (scroller) {
      scroller.scrollTop = 0;
      scroller.scrollLeft = 0;
    }
  }, [sheet, workbook, finish]);

  const startEdit = (mode: 'enter' | 'edit', text?: string): boolean => {
    if (!cell) return false;
    if (!cell.editable) {
      onStatus?.((tt) => tt.readOnlyCell(address));
      return false;
    }
    editor.start(mode, text ?? cell.input);
    onStatus?.((tt) => tt.status.editing(address));
    return true;
  };

  /** Confirm the edit; then move, or keep the focus on the edited cell. */
  const commit = (move: GridPosition | null) => {
    const done = editor.finish();
    if (!done || !cell) return;
    if (done.text !== cell.input) onCommit(sheet, address, [[done.text]]);
    else onStatus?.((tt) => tt.status.ready);
    select(move ?? pos);
  };

  const cancel = () => {
    if (!editor.finish()) return;
    onStatus?.((tt) => tt.status.ready);
    select(pos);
  };

  const onGridKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    if (!model || editor.editing || (e.target as HTMLElement).tagName === 'INPUT') return;
    const composing = e.nativeEvent.isComposing || e.key === 'Process' || e.keyCode === 229;
    const command = gridCommand({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, shiftKey: e.shiftKey, composing }, pos, shapeOf(model));
    if (!command) return;
    switch (command.kind) {
      case 'move':
        e.preventDefault();
        select(command.to);
        return;
      case 'edit':
        e.preventDefault();
        startEdit('edit');
        return;
      case 'type':
        if (composing) {
          // The IME's composition must land in the editor: open it and move the focus there before this keydown
          // ends (not preventDefault: that would cancel the composition).
          let opened = false;
          flushSync(() => {
            opened = startEdit('enter', '');
          });
          if (opened) editor.inputRef.current?.focus();
          return;
        }
        e.preventDefault();
        startEdit('enter', command.text);
        return;
      case 'clear':
        e.preventDefault();
        if (!cell?.editable) onStatus?.((tt) => tt.readOnlyCell(address));
        else if (cell.input !== '') onCommit(sheet, address, [['']]);
        return;
      case 'undo':
        e.preventDefault();
        onUndo?.();
        return;
      case 'leave':
        e.preventDefault();
        if (command.backwards) (document.querySelector('#pane-root [role="tab"][aria-selected="true"]') as HTMLElement | null)?.focus();
        else document.getElementById(tabId(sheet))?.focus();
        return;
    }
  };

  const onGridPaste = (e: ClipboardEvent<HTMLTableElement>) => {
    if (!model || editor.editing || (e.target as HTMLElement).tagName === 'INPUT') return;
    const text = e.clipboardData.getData('text/plain');
    if (!text) return;
    e.preventDefault();
    const block = parseClipboardTable(text);
    if (block.length === 0) return;
    const fits = block.map((row) => row.slice(0, model.colCount - pos.col + 1)).slice(0, model.rowCount - pos.row + 1);
    const blocked = fits.some((row, r) => row.some((_, c) => model.cells[pos.row + r]?.[pos.col + c]?.editable === false));
    if (blocked) {
      onStatus?.((tt) => tt.readOnlyCell(address));
      return;
    }
    onCommit(sheet, address, fits);
  };

  const onGridCopy = (e: ClipboardEvent<HTMLTableElement>) => {
    if (!cell || editor.editing || (e.target as HTMLElement).tagName === 'INPUT') return;
    e.preventDefault();
    e.clipboardData.setData('text/plain', `${clipboardCell(cell.formula ? cell.text : cell.input)}\r\n`);
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
    if (editor.editing && isActive) return;
    if (editor.editing) commit(null);
    e.preventDefault();
    select({ row: v.row, col: v.col });
    // Clicking the cell that is already active (after 「セルへ移動」) must still give it the focus, so typing goes there.
    if (isActive) elementOf(v)?.focus();
  };

  const onGridDoubleClick = (e: MouseEvent<HTMLTableElement>) => {
    const v = cellAt(e.target);
    if (!v || editor.editing) return;
    select({ row: v.row, col: v.col }, false);
    if (v.editable) {
      editor.start('edit', v.input);
      onStatus?.((tt) => tt.status.editing(v.address));
    } else onStatus?.((tt) => tt.readOnlyCell(v.address));
  };

  const onEditorKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    // Enter while a Japanese IME is converting confirms the conversion, not the cell.
    if (e.nativeEvent.isComposing || e.keyCode === 229 || !model) return;
    if (e.key === 'Escape') {
      e.preventDefault();
      cancel();
      return;
    }
    const next = moveAfterEdit({ key: e.key, shiftKey: e.shiftKey }, pos, shapeOf(model), editor.editing?.mode === 'enter');
    if (!next) return;
    e.preventDefault();
    commit(next);
  };

  const tabs = <SheetTabs workbook={workbook} sheets={sheets} sheet={sheet} label={t.sheetsLabel} onSheetChange={onSheetChange} />;

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
  const bodyRows = scrollingRows(model, rows, pos.row);
  const shownInput = editor.editing ? editor.editing.text : (cell?.input ?? '');

  const editorProps: EditorProps | null =
    editor.editing && cell
      ? {
          text: editor.editing.text,
          inputRef: editor.inputRef,
          listId: cell.choices?.length ? `sv-choices-${key}` : undefined,
          onChange: editor.change,
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
      editor={r === pos.row ? editorProps : null}
      frozenTop={r <= model.frozenRows ? (frozen.tops[r] ?? HEADER_HEIGHT) : undefined}
      frozenLefts={frozen.lefts}
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
        <div className="sv-note" role="note" data-testid="large-sheet">
          {t.status.truncated}
        </div>
      )}
      <div
        className="sv-scroll"
        ref={scrollRef}
        id="sv-panel"
        role="tabpanel"
        aria-labelledby={tabId(sheet)}
        style={{ scrollPaddingTop: frozen.bottom, scrollPaddingLeft: frozen.right } as CSSProperties}
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
          onPaste={onGridPaste}
          onCopy={onGridCopy}
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
                  style={c <= model.frozenCols ? { left: frozen.lefts[c], zIndex: 9 } : undefined}
                >
                  {columnLetters(c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {frozenRowNumbers.map((r) => renderRow(r))}
            {bodyRows.map((item) =>
              typeof item === 'number' ? renderRow(item) : <tr key={item.key} className="sv-spacer" aria-hidden="true" style={{ height: item.height }} />,
            )}
          </tbody>
        </table>
      </div>
      {tabs}
    </div>
  );
}
