/**
 * The in-cell editor's state: which text is being typed and how the edit started ("enter": typing into the cell,
 * where arrows confirm and move, as in Excel; "edit": F2 or a double-click, where arrows move the caret). The
 * state is mirrored in a ref because the editor's blur can fire after Enter already confirmed the same edit.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';

export interface Editing {
  text: string;
  mode: 'enter' | 'edit';
}

export interface CellEditor {
  editing: Editing | null;
  inputRef: RefObject<HTMLInputElement>;
  start(mode: Editing['mode'], text: string): void;
  change(text: string): void;
  /** Ends the edit and returns what was typed (null when nothing was being edited). */
  finish(): Editing | null;
}

export function useCellEditor(): CellEditor {
  const [editing, setEditingState] = useState<Editing | null>(null);
  const editingRef = useRef<Editing | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const set = useCallback((next: Editing | null) => {
    editingRef.current = next;
    setEditingState(next);
  }, []);

  // The editor takes the focus as it opens, caret at the end (an IME composition continues in it).
  const isEditing = editing !== null;
  useEffect(() => {
    const el = inputRef.current;
    if (!isEditing || !el || document.activeElement === el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, [isEditing]);

  const start = useCallback((mode: Editing['mode'], text: string) => set({ mode, text }), [set]);
  const change = useCallback((text: string) => set(editingRef.current ? { ...editingRef.current, text } : null), [set]);
  const finish = useCallback(() => {
    const current = editingRef.current;
    if (current) set(null);
    return current;
  }, [set]);
  return { editing, inputRef, start, change, finish };
}
