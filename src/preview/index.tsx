/**
 * Entry of the browser preview (dist/web/preview.html): an in-memory workbook on the .xlsx adapter, the sample plan
 * in it (or nothing, with ?blank=1), and the real task pane beside a sheet view. It never loads Office.js and never
 * talks to a server: everything runs in the page.
 *
 *   ?blank=1        start from an empty workbook (as Excel's New)
 *   ?lang=ja|en     the display language (default: the browser's)
 */
import { createRoot } from 'react-dom/client';
import type { Lang } from '../i18n/format';
import { PreviewApp } from './PreviewApp';
import { blankSession, sampleSession } from './workbooks';

function startLang(params: URLSearchParams): Lang {
  const asked = params.get('lang');
  if (asked === 'ja' || asked === 'en') return asked;
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language];
  return langs.some((l) => /^ja\b/i.test(l)) ? 'ja' : 'en';
}

function main(): void {
  // Marks for the load benchmark's breakdown: scripts evaluated → pane interactive → workbook loaded.
  performance.mark('preview:start');
  const container = document.getElementById('root');
  if (!container) return;
  const params = new URLSearchParams(window.location.search);
  const lang = startLang(params);
  document.documentElement.lang = lang;
  const langRef = { current: lang };
  const blank = params.get('blank') === '1' || params.get('blank') === 'true';
  // The pane is drawn from the session at once; the workbook itself (ExcelJS) loads after that first paint.
  const session = blank ? blankSession(() => langRef.current) : sampleSession(() => langRef.current, lang);
  createRoot(container).render(
    <PreviewApp
      initialSession={session}
      initialLang={lang}
      langRef={langRef}
      onReady={() => {
        // The load benchmark reads this mark: time from navigation to a pane that has read the workbook.
        if (performance.getEntriesByName('pane-interactive').length === 0) performance.mark('pane-interactive');
        document.body.dataset.ready = 'true';
      }}
    />,
  );
}

main();
