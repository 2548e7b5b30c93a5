/**
 * One row of the sheet grid, and how a cell is drawn (its style, a text running over empty neighbours as Excel lets
 * it). Memoised: moving the active cell redraws two rows, not the sheet; a write to the workbook redraws them all.
 */
import { memo, type CSSProperties, type KeyboardEvent, type RefObject } from 'react';
import type { CellView, SheetModel } from '../sheet-model';
import type { PreviewText } from '../texts';
import { cellId } from './ids';

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

export interface EditorProps {
  text: string;
  inputRef: RefObject<HTMLInputElement>;
  listId?: string;
  onChange: (text: string) => void;
  onKeyDown: (e: KeyboardEvent<HTMLInputElement>) => void;
  onBlur: () => void;
}

export interface GridRowProps {
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

export const GridRow = memo(function GridRow({ r, model, sheetKey: key, t, activeCol, editor, frozenTop, frozenLefts, located, isCurrentRow }: GridRowProps) {
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

