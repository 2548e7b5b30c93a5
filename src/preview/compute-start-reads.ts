/**
 * Computes the start reads (start-reads.ts) at build time: the workbooks the page starts with, made by the workbook
 * chunk's own code, read by the pane's own `detect`. Not part of the page: scripts/preview-start-reads.js runs it in
 * Node for webpack.config.js, and the tests run it to compare with the workbooks the page loads.
 */
import type { Lang } from '../i18n/format';
import { openBlank, openSample } from './loaded-workbook';
import type { StartReads } from './start-reads';

const LANGS: Lang[] = ['ja', 'en'];

export async function computeStartReads(): Promise<StartReads> {
  const reads: StartReads = {};
  const ignore = () => undefined;
  for (const lang of LANGS) {
    reads[`sample:${lang}`] = await (await openSample(() => lang, lang, ignore)).actions.detect();
    reads[`blank:${lang}`] = await openBlank(() => lang, 'Sheet1', ignore).actions.detect();
  }
  // As the page gets them: JSON.
  return JSON.parse(JSON.stringify(reads)) as StartReads;
}
