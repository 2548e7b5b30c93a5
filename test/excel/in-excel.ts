/**
 * The page `npm run test:excel` sideloads into Excel (built by webpack with --env EXCEL_TESTS): it runs the adapter
 * checks of adapter-suite.ts against the real workbook through Excel.run, shows each result, and hands them to
 * the runner's test server (office-addin-test-helpers → office-addin-test-server on https://localhost:4201).
 */
import { sendTestResults } from 'office-addin-test-helpers';
import { EXCEL_CHECKS } from './adapter-suite';

async function runChecks(): Promise<void> {
  const supports = (set: string, version: string) => Office.context.requirements.isSetSupported(set, version);
  const excelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Excel.run(batch);
  const results: Array<{ name: string; passed: boolean; message: string }> = [];
  const list = document.createElement('ol');
  document.body.appendChild(list);
  for (const check of EXCEL_CHECKS) {
    let message = '';
    try {
      await check.run(excelRun, supports);
    } catch (e) {
      message = e instanceof Error ? `${(e as { code?: string }).code ?? ''} ${e.message}`.trim() : String(e);
    }
    results.push({ name: check.name, passed: message === '', message });
    const item = document.createElement('li');
    item.textContent = `${message === '' ? '✔' : '✖'} ${check.name}${message ? ` — ${message}` : ''}`;
    list.appendChild(item);
  }
  const host = { platform: String(Office.context.platform), language: Office.context.displayLanguage, excelApi120: supports('ExcelApi', '1.20') };
  await sendTestResults({ host, results });
}

void Office.onReady(() => runChecks());
