/** The grid's keys, as a planner used to Excel expects them. */
import { gridCommand, moveAfterEdit, type GridShape } from '../../src/preview/grid/key-navigation';

// A 20 × 10 sheet with B2:C3 merged.
const shape: GridShape = {
  rowCount: 20,
  colCount: 10,
  spanAt: (p) => (p.row === 2 && p.col === 2 ? { rows: 2, cols: 2 } : { rows: 1, cols: 1 }),
};
const at = (row: number, col: number) => ({ row, col });

describe('grid keys', () => {
  test('Tab and Shift+Tab move along the row, inside the grid (Tab does not leave it)', () => {
    expect(gridCommand({ key: 'Tab' }, at(5, 3), shape)).toEqual({ kind: 'move', to: at(5, 4) });
    expect(gridCommand({ key: 'Tab', shiftKey: true }, at(5, 3), shape)).toEqual({ kind: 'move', to: at(5, 2) });
    expect(gridCommand({ key: 'Tab', shiftKey: true }, at(5, 1), shape)).toEqual({ kind: 'move', to: at(5, 1) });
  });

  test('moving out of a merged area skips its covered cells', () => {
    expect(gridCommand({ key: 'ArrowDown' }, at(2, 2), shape)).toEqual({ kind: 'move', to: at(4, 2) });
    expect(gridCommand({ key: 'Tab' }, at(2, 2), shape)).toEqual({ kind: 'move', to: at(2, 4) });
  });

  test('arrows stop at the sheet edges; Ctrl jumps to them', () => {
    expect(gridCommand({ key: 'ArrowUp' }, at(1, 1), shape)).toEqual({ kind: 'move', to: at(1, 1) });
    expect(gridCommand({ key: 'ArrowDown', ctrlKey: true }, at(3, 3), shape)).toEqual({ kind: 'move', to: at(20, 3) });
    expect(gridCommand({ key: 'Home', ctrlKey: true }, at(9, 9), shape)).toEqual({ kind: 'move', to: at(1, 1) });
  });

  test('typing starts an edit with the key; an IME composition starts one empty (the IME fills it)', () => {
    expect(gridCommand({ key: '5' }, at(5, 5), shape)).toEqual({ kind: 'type', text: '5' });
    expect(gridCommand({ key: 'Process', composing: true }, at(5, 5), shape)).toEqual({ kind: 'type', text: '' });
    expect(gridCommand({ key: 'c', ctrlKey: true }, at(5, 5), shape)).toBeNull(); // copy stays the browser's
  });

  test('F2 edits, Delete clears, Ctrl+Z undoes, F6 leaves the grid', () => {
    expect(gridCommand({ key: 'F2' }, at(5, 5), shape)).toEqual({ kind: 'edit' });
    expect(gridCommand({ key: 'Delete' }, at(5, 5), shape)).toEqual({ kind: 'clear' });
    expect(gridCommand({ key: 'z', ctrlKey: true }, at(5, 5), shape)).toEqual({ kind: 'undo' });
    expect(gridCommand({ key: 'F6', shiftKey: true }, at(5, 5), shape)).toEqual({ kind: 'leave', backwards: true });
  });

  test('confirming an edit: Enter goes down, Tab right; arrows confirm only while typing, not in F2 editing', () => {
    expect(moveAfterEdit({ key: 'Enter' }, at(5, 5), shape, false)).toEqual(at(6, 5));
    expect(moveAfterEdit({ key: 'Enter', shiftKey: true }, at(5, 5), shape, false)).toEqual(at(4, 5));
    expect(moveAfterEdit({ key: 'Tab' }, at(5, 5), shape, false)).toEqual(at(5, 6));
    expect(moveAfterEdit({ key: 'ArrowLeft' }, at(5, 5), shape, true)).toEqual(at(5, 4));
    expect(moveAfterEdit({ key: 'ArrowLeft' }, at(5, 5), shape, false)).toBeNull();
    expect(moveAfterEdit({ key: 'a' }, at(5, 5), shape, true)).toBeNull();
  });
});
