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
import { blankSession, loadXlsxCodec, sampleSession } from './workbooks';

function startLang(params: URLSearchParams): Lang {
  const asked = params.get('lang');
  if (asked === 'ja' || asked === 'en') return asked;
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language];
  return langs.some((l) => /^ja\b/i.test(l)) ? 'ja' : 'en';
}

async function main(): Promise<void> {
  // Marks for the load benchmark's breakdown: scripts evaluated → workbook built → pane interactive.
  performance.mark('preview:start');
  // Start fetching ExcelJS at once: it downloads and compiles while React and the pane's code start.
  const codec = loadXlsxCodec();
  const container = document.getElementById('root');
  if (!container) return;
  const params = new URLSearchParams(window.location.search);
  const lang = startLang(params);
  document.documentElement.lang = lang;
  const langRef = { current: lang };
  const root = createRoot(container);
  try {
    const blank = params.get('blank') === '1' || params.get('blank') === 'true';
    await codec;
    const session = blank ? await blankSession(() => langRef.current) : await sampleSession(() => langRef.current, lang);
    performance.mark('preview:workbook');
    root.render(
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
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    root.render(
      <div role="alert" className="pv-fatal">
        <h1>{lang === 'ja' ? 'プレビューを開始できませんでした' : 'The preview could not start'}</h1>
        <pre>{message}</pre>
      </div>,
    );
  }
}

void main();
