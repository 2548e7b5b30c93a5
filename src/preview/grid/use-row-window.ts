/**
 * Which rows the grid draws: the frozen ones, and a window of the others around what is scrolled into view (a large
 * sheet would otherwise cost a DOM node per cell). Heights are the sheet's, so the scroll bar is the whole sheet's.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { SheetModel } from '../sheet-model';
import type { GridPosition } from './key-navigation';

/** Rows drawn above and below the visible ones. */
const OVERSCAN_ROWS = 25;

export interface RowWindow {
  /** Top offset of each row from the top of row 1 (index r; r = rowCount + 1 is the sheet's bottom). */
  rowTops: number[];
  first: number;
  last: number;
  /** Whether a row is drawn now (frozen, in the window, or the active cell's). */
  isDrawn(row: number): boolean;
  /** Scroll a cell into view; a row outside the window is scrolled to first and revealed once drawn. */
  reveal(pos: GridPosition): void;
}

export function useRowWindow(
  model: SheetModel | null,
  scrollRef: RefObject<HTMLDivElement>,
  activeRow: number,
  elementOf: (pos: GridPosition) => HTMLElement | null,
): RowWindow {
  const [scroll, setScroll] = useState({ top: 0, height: 800 });
  const rowTops = useMemo(() => {
    const tops = [0, 0];
    if (model) for (let r = 1; r <= model.rowCount; r++) tops[r + 1] = tops[r] + model.rowHeights[r];
    return tops;
  }, [model]);

  const { first, last } = useMemo(() => {
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
    return {
      first: Math.max(start, rowAt(scroll.top) - OVERSCAN_ROWS),
      last: Math.min(model.rowCount, rowAt(scroll.top + scroll.height) + OVERSCAN_ROWS),
    };
  }, [model, rowTops, scroll]);

  const isDrawn = useCallback(
    (row: number) => !!model && (row <= model.frozenRows || row === activeRow || (row >= first && row <= last)),
    [model, activeRow, first, last],
  );

  const hasModel = model !== null;
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
    // The scroller exists once there is a model to draw; it is the same element for every model after that.
  }, [hasModel, scrollRef]);

  const pendingReveal = useRef<GridPosition | null>(null);
  const reveal = useCallback(
    (pos: GridPosition) => {
      const el = elementOf(pos);
      if (el) {
        el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        return;
      }
      const scroller = scrollRef.current;
      if (!scroller || !model) return;
      pendingReveal.current = pos;
      scroller.scrollTop = Math.max(0, rowTops[pos.row] - rowTops[model.frozenRows + 1] - scroller.clientHeight / 3);
    },
    [elementOf, model, rowTops, scrollRef],
  );
  // A reveal waiting for its row: done once the window has moved to it.
  useEffect(() => {
    const pos = pendingReveal.current;
    if (pos && isDrawn(pos.row)) {
      pendingReveal.current = null;
      elementOf(pos)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    }
  }, [isDrawn, elementOf]);

  return { rowTops, first, last, isDrawn, reveal };
}

/**
 * The scrolling rows to draw, in order: the window, with spacers standing in for the rest, and the active cell's
 * row kept drawn wherever it is (so keyboard focus is never lost by scrolling away from it).
 */
export function scrollingRows(model: SheetModel, window: RowWindow, activeRow: number): (number | { key: string; height: number })[] {
  const out: (number | { key: string; height: number })[] = [];
  const start = model.frozenRows + 1;
  const drawn: number[] = [];
  for (let r = window.first; r <= window.last; r++) drawn.push(r);
  if (activeRow >= start && (activeRow < window.first || activeRow > window.last)) drawn.push(activeRow);
  drawn.sort((a, b) => a - b);
  let next = start;
  for (const r of drawn) {
    if (r > next) out.push({ key: `gap-${next}`, height: window.rowTops[r] - window.rowTops[next] });
    out.push(r);
    next = r + 1;
  }
  if (next <= model.rowCount) out.push({ key: `gap-${next}`, height: window.rowTops[model.rowCount + 1] - window.rowTops[next] });
  return out;
}
