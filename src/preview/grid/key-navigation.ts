/**
 * What a key does in the grid when no cell is being edited, as a pure function of the key, the active cell and the
 * sheet — the same keys as Excel: arrows, Tab / Shift+Tab, Enter / Shift+Enter move (past a merged area); Ctrl+arrow
 * and Ctrl+Home jump to the edges; F2 edits; Delete clears; Ctrl+Z undoes; F6 leaves the grid for the sheet tabs;
 * a printable key or the start of an IME composition starts typing into the cell.
 */

export interface GridPosition {
  row: number;
  col: number;
}

export interface GridShape {
  rowCount: number;
  colCount: number;
  /** How many rows and columns the cell at a position spans (a merge's top-left cell spans more than one). */
  spanAt(pos: GridPosition): { rows: number; cols: number };
}

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  shiftKey?: boolean;
  /** The keydown belongs to an IME composition (key "Process", keyCode 229): typing in Japanese has started. */
  composing?: boolean;
}

export type GridCommand =
  | { kind: 'move'; to: GridPosition }
  | { kind: 'edit' }
  /** Start typing into the cell: `text` replaces its content (empty when an IME composition will supply it). */
  | { kind: 'type'; text: string }
  | { kind: 'clear' }
  | { kind: 'undo' }
  | { kind: 'leave'; backwards: boolean };

const PAGE_ROWS = 10;

/** The command for a key, or null when the grid leaves the key to the browser. */
export function gridCommand(press: KeyPress, pos: GridPosition, shape: GridShape): GridCommand | null {
  const ctrl = Boolean(press.ctrlKey || press.metaKey);
  const span = shape.spanAt(pos);
  const move = (row: number, col: number): GridCommand => ({
    kind: 'move',
    to: { row: Math.min(Math.max(1, row), shape.rowCount), col: Math.min(Math.max(1, col), shape.colCount) },
  });
  if (press.composing) return { kind: 'type', text: '' };
  switch (press.key) {
    case 'ArrowDown':
      return move(ctrl ? shape.rowCount : pos.row + span.rows, pos.col);
    case 'ArrowUp':
      return move(ctrl ? 1 : pos.row - 1, pos.col);
    case 'ArrowRight':
      return move(pos.row, ctrl ? shape.colCount : pos.col + span.cols);
    case 'ArrowLeft':
      return move(pos.row, ctrl ? 1 : pos.col - 1);
    case 'Tab':
      return press.shiftKey ? move(pos.row, pos.col - 1) : move(pos.row, pos.col + span.cols);
    case 'Enter':
      return press.shiftKey ? move(pos.row - 1, pos.col) : move(pos.row + span.rows, pos.col);
    case 'PageDown':
      return move(pos.row + PAGE_ROWS, pos.col);
    case 'PageUp':
      return move(pos.row - PAGE_ROWS, pos.col);
    case 'Home':
      return ctrl ? move(1, 1) : move(pos.row, 1);
    case 'End':
      return move(pos.row, shape.colCount);
    case 'F2':
      return { kind: 'edit' };
    case 'F6':
      return { kind: 'leave', backwards: Boolean(press.shiftKey) };
    case 'Delete':
    case 'Backspace':
      return { kind: 'clear' };
  }
  if (ctrl && !press.altKey && press.key.toLowerCase() === 'z') return { kind: 'undo' };
  if (press.key.length === 1 && !ctrl && !press.altKey) return { kind: 'type', text: press.key };
  return null;
}

/** Where the active cell goes after an edit is confirmed with a key (Enter / Tab / an arrow while typing), or null. */
export function moveAfterEdit(press: KeyPress, pos: GridPosition, shape: GridShape, typing: boolean): GridPosition | null {
  const arrows = ['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight'];
  // While editing with F2, arrows move the caret; while typing into a cell (Excel's "enter" mode), they confirm.
  if (arrows.includes(press.key) && !typing) return null;
  if (press.key !== 'Enter' && press.key !== 'Tab' && !arrows.includes(press.key)) return null;
  const command = gridCommand({ key: press.key, shiftKey: press.shiftKey }, pos, shape);
  return command?.kind === 'move' ? command.to : null;
}
