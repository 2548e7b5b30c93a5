/**
 * The pane's first paint needs only its frame and the Start panel; the other panels (components/panels.ts) come in
 * a chunk of their own, asked for once that paint is done, so a planner who opens another tab finds them there; one
 * who is quicker sees a short "loading" line in its place (which asks for them at once).
 * The chunk is loaded once per page; a failed load can be tried again (`loadPanels` asks again after a failure).
 * Each page has its own copy of the chunk (webpack.config.js builds each page in a layer of its own).
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export type Panels = typeof import('./components/panels');

let loaded: Panels | undefined;
let loading: Promise<Panels> | undefined;

/** The panels' chunk, loaded once; settles at once once it has been. */
export function loadPanels(): Promise<Panels> {
  loading ??= import('./components/panels').then(
    (m) => (loaded = m),
    (e: unknown) => {
      loading = undefined;
      throw e;
    },
  );
  return loading;
}

export interface PanelsState {
  /** The panels, once loaded (at once, when an earlier pane of this page loaded them). */
  panels: Panels | undefined;
  /** The load failed (the add-in's server could not be reached): `retry` asks again. */
  failed: boolean;
  retry: () => void;
  /** Asks for the panels now (a panel is shown before they have come), not only after the first paint. */
  request: () => void;
}

/**
 * The panels for a pane: asked for once the frame that paints the pane has been painted (a frame, then a task), so
 * that neither their fetch nor their evaluation runs before that paint; at once when a panel needs them sooner.
 */
export function usePanels(): PanelsState {
  const [panels, setPanels] = useState<Panels | undefined>(loaded);
  const [failed, setFailed] = useState(false);
  const live = useRef(true);
  const request = useCallback(() => {
    loadPanels().then(
      (m) => live.current && setPanels(() => m),
      () => live.current && setFailed(true),
    );
  }, []);
  useEffect(() => {
    live.current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = loaded ? 0 : requestAnimationFrame(() => (timer = setTimeout(request, 0)));
    return () => {
      live.current = false;
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [request]);
  const retry = useCallback(() => {
    setFailed(false);
    request();
  }, [request]);
  return { panels, failed, retry, request };
}
