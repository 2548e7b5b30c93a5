/**
 * The log sheet (履歴 / Log): one row per check — when, tool version, verdict overall and per scenario, counts of
 * findings by severity, and what the planner changed since the last check (cell: before → after). The last row also
 * keeps which cells got a target-point note, so the next check can remove the notes of cells that are no longer
 * target points, and the input cells as they were (one cell of JSON), so the next check can say what changed.
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
  /** The input cells recorded by the last check ("計画!J8" → its text), when it recorded them. */
  inputs?: Record<string, string>;
  lastInputsRow?: number;
}

/** A cell holds 32,767 characters: the record of the inputs is kept when it fits one (a few thousand cells). */
const INPUTS_MAX_CHARS = 32_000;
/** Changes listed per check; the rest are counted. */
const CHANGES_SHOWN = 40;

/** The cells that changed between two records, as "計画!J8: 140000 → 150000" (（空） / (empty) for a blank). */
export function changedCells(before: Record<string, string>, after: Record<string, string>, lang: Lang): string[] {
  const blank = lang === 'ja' ? '（空）' : '(empty)';
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((k) => (before[k] ?? '') !== (after[k] ?? '')).map((k) => `${k}: ${before[k] || blank} → ${after[k] || blank}`);
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
  const ic = out.cols.inputs;
  if (ic) {
    for (let r = last; r > out.headerRow; r--) {
      const text = cellText(grid.raw(r, ic)).trim();
      if (!text) continue;
      try {
        const parsed = JSON.parse(text) as unknown;
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) out.inputs = parsed as Record<string, string>;
      } catch {
        // Edited by hand: no record, the next check records afresh.
      }
      out.lastInputsRow = r;
      break;
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
  /** The input cells as this check read them. */
  inputs: Record<string, string>;
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
    o.widths({ A: 26, B: 10, C: 20, D: 48, E: 8, F: 8, G: 8, H: 8, I: 48, J: 24, K: 24 });
    cols = Object.fromEntries(LOG_COLUMN_KEYS.map((k, i) => [k, i + 1]));
    row = headerRow + 1;
  } else {
    // A log from an earlier version: the columns it lacks are added at its right.
    const missing = LOG_COLUMN_KEYS.filter((k) => cols[k] === undefined);
    let next = Math.max(0, ...Object.values(cols).map((c) => c ?? 0)) + 1;
    cols = { ...cols };
    for (const k of missing) {
      cols[k] = next;
      o.cell(p.read.headerRow, next, t.logColumns[k]).format(p.read.headerRow, next, p.read.headerRow, next, HEADER_FORMAT);
      next++;
    }
  }
  const record = JSON.stringify(p.inputs);
  const tooLarge = record.length > INPUTS_MAX_CHARS;
  const changes = p.read.inputs && !tooLarge ? changedCells(p.read.inputs, p.inputs, p.lang) : [];
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
    changes: t.logChanges({ shown: changes.slice(0, CHANGES_SHOWN), more: Math.max(0, changes.length - CHANGES_SHOWN), first: !p.read.inputs, tooLarge }),
    notes: p.notedCells.join(','),
    inputs: tooLarge ? '' : record,
  };
  for (const k of LOG_COLUMN_KEYS) {
    const c = cols[k];
    if (c) o.cell(row, c, values[k] === '' ? null : values[k]);
  }
  // Only the newest row keeps the noted cells (the list can be long).
  if (p.read.lastNotesRow !== undefined && cols.notes) o.cell(p.read.lastNotesRow, cols.notes, null);
  if (cols.notes) o.format(row, cols.notes, row, cols.notes, { font: { color: COLORS.muted, size: 8 } });
  if (p.read.lastInputsRow !== undefined && cols.inputs) o.cell(p.read.lastInputsRow, cols.inputs, null);
  if (cols.inputs) o.format(row, cols.inputs, row, cols.inputs, { font: { color: COLORS.muted, size: 8 } });
  if (cols.changes) o.format(row, cols.changes, row, cols.changes, { wrap: true, vertical: 'top' });
  return o.ops;
}
