/**
 * The add-in's entry: wait for Office.js, then mount the pane with actions over the open workbook. Loaded outside
 * Excel (a browser tab, or Office.js blocked) it says where to open it instead of failing. The browser preview has
 * its own entry and mounts <App> with in-memory actions.
 */
import './zod-jitless'; // first: before any module builds a schema
import { createRoot } from 'react-dom/client';
import type { Lang } from '../i18n/format';
import { App } from './App';
import { OutsideExcel } from './components/OutsideExcel';
import { UnsupportedExcel } from './components/UnsupportedExcel';
import { createOfficeActions, whenOfficeReady } from './office-host';

async function main(): Promise<void> {
  const container = document.getElementById('root');
  if (!container) return;
  const root = createRoot(container);
  const start = await whenOfficeReady();
  document.documentElement.lang = start.lang;
  if (!start.inExcel) {
    root.render(<OutsideExcel lang={start.lang} />);
    return;
  }
  if (!start.supported) {
    root.render(<UnsupportedExcel lang={start.lang} />);
    return;
  }
  let lang: Lang = start.lang;
  const actions = createOfficeActions(() => lang);
  root.render(
    <App
      actions={actions}
      initialLang={start.lang}
      onLangChange={(next) => {
        lang = next;
        document.documentElement.lang = next;
      }}
    />,
  );
}

void main();
