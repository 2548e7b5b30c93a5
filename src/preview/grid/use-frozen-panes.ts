/** The sticky offsets of frozen rows and columns, and where the frozen area ends (for scroll padding). */
import { useLayoutEffect, useMemo, useState, type RefObject } from 'react';
import type { SheetModel } from '../sheet-model';

export const HEADER_HEIGHT = 22;
export const ROW_HEADER_WIDTH = 44;

export interface FrozenPanes {
  /** Sticky top of each frozen row (index = row). */
  tops: number[];
  /** Sticky left of each frozen column (index = column). */
  lefts: number[];
  /** Where the frozen rows and columns end, in pixels from the grid's top and left. */
  bottom: number;
  right: number;
}

export function useFrozenPanes(model: SheetModel | null, gridRef: RefObject<HTMLTableElement>): FrozenPanes {
  const [tops, setTops] = useState<number[]>([]);
  // Measured, not computed: a wrapped header row is taller than its nominal height.
  useLayoutEffect(() => {
    if (!model || model.frozenRows === 0 || !gridRef.current) {
      setTops((prev) => (prev.length ? [] : prev));
      return;
    }
    const rows = gridRef.current.tBodies[0]?.rows;
    const next: number[] = [];
    let top = HEADER_HEIGHT;
    for (let r = 1; r <= model.frozenRows; r++) {
      next[r] = top;
      top += rows?.[r - 1]?.getBoundingClientRect().height ?? model.rowHeights[r];
    }
    setTops((prev) => (prev.length === next.length && prev.every((v, i) => v === next[i]) ? prev : next));
  }, [model, gridRef]);

  const lefts = useMemo(() => {
    const out: number[] = [];
    if (!model) return out;
    let left = ROW_HEADER_WIDTH;
    for (let c = 1; c <= model.frozenCols; c++) {
      out[c] = left;
      left += model.colWidths[c];
    }
    return out;
  }, [model]);

  const bottom = model && model.frozenRows ? (tops[model.frozenRows] ?? HEADER_HEIGHT) + (model.rowHeights[model.frozenRows] ?? 20) : HEADER_HEIGHT;
  const right = model && model.frozenCols ? lefts[model.frozenCols] + model.colWidths[model.frozenCols] : ROW_HEADER_WIDTH;
  return { tops, lefts, bottom, right };
}
