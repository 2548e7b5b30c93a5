/**
 * The log sheet (履歴 / Log): one row per check — when, tool version, verdict overall and per scenario, counts of
 * findings by severity. The last row also keeps which cells got a target-point note, so the next check can remove
 * the notes of cells that are no longer target points (and never duplicates one).
 */
import type { Evaluation } from '../../evaluate/types';
import type { Lang } from '../../i18n/format';
import { LOG_COLUMN_KEYS, WORKBOOK_TEXTS, workbookText, type LogColumnKey } from '../../i18n/workbook';
import type { SheetSnapshot, WriteOp } from '../port';
import { Grid, cellText, foldHeader } from './cells';
import { COLORS, LOG } from './geometry';
import { HEADER_FORMAT, SheetOps, TITLE_FORMAT } from './ops';

export interface LogRead {
  headerRow?: number;
  cols: Partial<Record<LogColumnKey, number>>;
  nextRow: number;
  entries: number;
  /** Cells noted by the last check ("計画!G5" without the sheet: "G5"). */
  notedCells: string[];
  lastNotesRow?: number;
}

const headerIndex = new Map<string, LogColumnKey>();
for (const k of LOG_COLUMN_KEYS) {
  headerIndex.set(foldHeader(WORKBOOK_TEXTS.ja.logColumns[k]), k);
  headerIndex.set(foldHeader(WORKBOOK_TEXTS.en.logColumns[k]), k);
}

export function readLogSheet(snapshot: SheetSnapshot | undefined): LogRead {
  const out: LogRead = { cols: {}, nextRow: LOG.headerRow + 1, entries: 0, notedCells: [] };
  if (!snapshot) return out;
  const grid = new Grid(snapshot);
  for (let r = 1; r <= Math.min(grid.rows, 30) && out.headerRow === undefined; r++) {
    const cols: Partial<Record<LogColumnKey, number>> = {};
    for (let c = 1; c <= grid.cols; c++) {
      const k = headerIndex.get(foldHeader(grid.text(r, c)));
      if (k && cols[k] === undefined) cols[k] = c;
    }
    if (cols.when && cols.version) {
      out.headerRow = r;
      out.cols = cols;
    }
  }
  if (out.headerRow === undefined) {
    out.nextRow = Math.max(grid.rows + 2, LOG.headerRow + 1);
    return out;
  }
  let last = out.headerRow;
  for (let r = out.headerRow + 1; r <= grid.rows; r++) {
    let any = false;
    for (let c = 1; c <= grid.cols; c++) if (grid.text(r, c) !== '') any = true;
    if (any) {
      last = r;
      out.entries++;
    }
  }
  out.nextRow = last + 1;
  const nc = out.cols.notes;
  if (nc) {
    for (let r = last; r > out.headerRow; r--) {
      const s = cellText(grid.raw(r, nc)).trim();
      if (s) {
        out.notedCells = s.split(',').map((x) => x.trim()).filter(Boolean);
        out.lastNotesRow = r;
        break;
      }
    }
  }
  return out;
}

export function logSheetOps(p: {
  sheet: string;
  lang: Lang;
  read: LogRead;
  evaluation: Evaluation;
  when: string;
  version: string;
  lines: number;
  notedCells: string[];
}): WriteOp[] {
  const t = workbookText(p.lang);
  const o = new SheetOps(p.sheet);
  o.push({ kind: 'addSheet', sheet: p.sheet, tabColor: COLORS.tabPolicy });
  let cols = p.read.cols;
  let row = p.read.nextRow;
  if (p.read.headerRow === undefined) {
    o.cell(LOG.titleRow, 1, t.logTitle).format(LOG.titleRow, 1, LOG.titleRow, 1, TITLE_FORMAT);
    const headerRow = row > LOG.headerRow + 1 ? row - 1 : LOG.headerRow;
    o.values(headerRow, 1, [LOG_COLUMN_KEYS.map((k) => t.logColumns[k])]);
    o.format(headerRow, 1, headerRow, LOG_COLUMN_KEYS.length, HEADER_FORMAT);
    o.widths({ A: 26, B: 10, C: 14, D: 48, E: 8, F: 8, G: 8, H: 8, I: 24 });
    cols = Object.fromEntries(LOG_COLUMN_KEYS.map((k, i) => [k, i + 1]));
    row = headerRow + 1;
  }
  const e = p.evaluation;
  const count = (s: string) => e.findings.filter((f) => f.severity === s).length;
  const values: Record<LogColumnKey, string | number> = {
    when: p.when,
    version: p.version,
    verdict: t.verdict[e.verdict],
    scenarios: e.scenarios.map((s) => `${s.name}: ${t.verdict[s.verdict]}`).join('; '),
    errors: count('error'),
    warnings: count('warning'),
    infos: count('info'),
    lines: p.lines,
    notes: p.notedCells.join(','),
  };
  for (const k of LOG_COLUMN_KEYS) {
    const c = cols[k];
    if (c) o.cell(row, c, values[k] === '' ? null : values[k]);
  }
  // Only the newest row keeps the noted cells (the list can be long).
  if (p.read.lastNotesRow !== undefined && cols.notes) o.cell(p.read.lastNotesRow, cols.notes, null);
  if (cols.notes) o.format(row, cols.notes, row, cols.notes, { font: { color: COLORS.muted, size: 8 } });
  return o.ops;
}
