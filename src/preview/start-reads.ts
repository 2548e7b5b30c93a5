/**
 * The start reads: what the pane reads from the workbooks the preview starts with (the sample in each language,
 * a blank workbook) — computed at build time by the same code from the same workbooks
 * (scripts/preview-start-reads.js runs `computeStartReads`, webpack.config.js defines them into the page). The
 * pane is drawn from one of them while ExcelJS and the workbook load, so its first paint waits for neither.
 * test/preview/start-reads.test.ts checks they are exactly what the loaded workbooks read.
 */
import type { Lang } from '../i18n/format';
import type { DetectResult } from '../taskpane/actions';

/** The workbooks the page can start with. */
export type StartWorkbook = 'sample' | 'blank';

export type StartReads = Partial<Record<`${StartWorkbook}:${Lang}`, DetectResult>>;

/** Defined by webpack (DefinePlugin); absent elsewhere (tests, a build without them), where detect waits for the workbook. */
declare const __PREVIEW_START_READS__: StartReads | undefined;

export function startReadOf(workbook: StartWorkbook, lang: Lang): DetectResult | undefined {
  const reads = typeof __PREVIEW_START_READS__ === 'undefined' ? undefined : __PREVIEW_START_READS__;
  return reads?.[`${workbook}:${lang}`];
}
