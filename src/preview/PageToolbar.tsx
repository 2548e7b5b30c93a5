/**
 * The preview page's own toolbar (New, Sample, Open, Download, display language): what Excel's ribbon and File menu
 * do around the pane. Plain buttons and a native <select>, styled by preview.html's stylesheet, not Fluent UI: the
 * page's chrome then costs the first paint nothing beyond the task pane's own components (no toolbar focus manager,
 * no tooltip positioning, no second Fluent provider), which the cold-load benchmark counts.
 *
 * Keyboard, as WAI-ARIA's toolbar pattern (https://www.w3.org/WAI/ARIA/apg/patterns/toolbar/): one Tab stop, the
 * arrow keys (and Home/End) move between the controls, the stop follows the last control focused. Each button's
 * hint is its accessible description (title), shown on hover as the browser's tooltip.
 */
import { useRef, useState, type KeyboardEvent } from 'react';
import type { Lang } from '../i18n/format';
import type { PreviewText } from './texts';

const Icon = ({ d }: { d: string }) => (
  <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path d={d} fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);
const ICON_NEW = 'M4 1.5h5.5L12.5 4.5v10h-8.5zM9.5 1.5v3h3M8.5 7.5v5M6 10h5';
const ICON_SAMPLE = 'M3 2.5h10v11H3zM5.5 5.5h5M5.5 8h5M5.5 10.5h3';
const ICON_OPEN = 'M1.5 4V13h11l2-6H4.5l-2 6M1.5 4V2.5h4l1.5 1.5h5.5V7';
const ICON_DOWNLOAD = 'M8 2v8.5M4.5 7L8 10.5 11.5 7M2.5 13.5h11';

export interface PageToolbarProps {
  t: PreviewText;
  lang: Lang;
  onNew: () => void;
  onSample: () => void;
  onOpen: () => void;
  onDownload: () => void;
  onLang: (lang: Lang) => void;
}

/** Index of the control an arrow, Home or End key moves to among `count` controls, or null for any other key. */
export function toolbarTarget(key: string, current: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
      return (current + 1) % count;
    case 'ArrowLeft':
      return (current - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

export function PageToolbar({ t, lang, onNew, onSample, onOpen, onDownload, onLang }: PageToolbarProps) {
  const [stop, setStop] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  const buttons = [
    { id: 'new', label: t.newWorkbook, hint: t.newWorkbookHint, icon: ICON_NEW, run: onNew },
    { id: 'sample', label: t.sample, hint: t.sampleHint, icon: ICON_SAMPLE, run: onSample },
    { id: 'open', label: t.open, hint: t.openHint, icon: ICON_OPEN, run: onOpen },
    { id: 'download', label: t.download, hint: t.downloadHint, icon: ICON_DOWNLOAD, run: onDownload },
  ];
  const controls = () => [...(root.current?.querySelectorAll<HTMLElement>('[data-tool]') ?? [])];

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const list = controls();
    const current = list.indexOf(e.target as HTMLElement);
    if (current < 0) return;
    // The language list keeps its own Up/Down (and, open, every key); Left/Right leave it as from a button.
    const next = toolbarTarget(e.key, current, list.length);
    if (next === null) return;
    e.preventDefault();
    list[next].focus();
  };
  const tabIndexOf = (i: number) => (i === stop ? 0 : -1);

  return (
    <div
      ref={root}
      role="toolbar"
      aria-label={t.toolbarLabel}
      className="pv-toolbar"
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        const i = controls().indexOf(e.target as HTMLElement);
        if (i >= 0 && i !== stop) setStop(i);
      }}
    >
      {buttons.map((b, i) => (
        <button
          key={b.id}
          type="button"
          className="pv-tool"
          data-tool=""
          data-testid={b.id}
          title={b.hint}
          tabIndex={tabIndexOf(i)}
          onClick={b.run}
        >
          <Icon d={b.icon} />
          {b.label}
        </button>
      ))}
      <span className="pv-divider" role="separator" aria-orientation="vertical" />
      <label className="pv-lang">
        <span>{t.language}</span>
        <select
          className="pv-select"
          data-tool=""
          data-testid="language"
          tabIndex={tabIndexOf(buttons.length)}
          value={lang}
          onChange={(e) => onLang(e.target.value as Lang)}
        >
          <option value="ja" lang="ja">
            日本語
          </option>
          <option value="en" lang="en">
            English
          </option>
        </select>
      </label>
    </div>
  );
}
