/**
 * "Nothing lost": which cells of a workbook are the planner's, and what changed in them between the workbook a
 * check read and the workbook it wrote. Generated sheets (policy, results, summary, log) and the computed cells
 * of the input sheets (verdict and mark columns, checklist statuses, the period and overseas results) are the
 * check's own; every other cell — values, styles and notes, on our input sheets and on sheets the planner added —
 * must come out as it went in.
 */
import type * as ExcelJS from 'exceljs';
import { SHEET_NAMES } from '../../src/i18n/workbook';
import { readPlan } from '../../src/workbook/layout';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';

const GENERATED = new Set(
  (['policy', 'results', 'summary', 'log'] as const).flatMap((k) => [SHEET_NAMES.ja[k], SHEET_NAMES.en[k]]).map((n) => n.toLowerCase()),
);

/** JSON with sorted keys: two styles with the same content compare equal whatever order ExcelJS built them in. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
}

function valueOf(cell: ExcelJS.Cell): string {
  const v = cell.value as unknown;
  if (v instanceof Date) return `date:${v.toISOString()}`;
  return canonical(v ?? null);
}

/** Cells of the planner's, per sheet: a predicate that says whether (row, col) is computed by the check. */
async function computedCells(wb: ExcelJS.Workbook): Promise<Map<string, (row: number, col: number) => boolean>> {
  const read = await readPlan(new XlsxPort(wb));
  const out = new Map<string, (row: number, col: number) => boolean>();
  const g = read.planLayout.geometry;
  if (g) {
    const computed = new Set([...g.oldComputed, ...Array.from({ length: g.years.length + 1 }, (_, k) => g.computedLeft + k)]);
    out.set(g.sheet.toLowerCase(), (row, col) => row >= g.headerRow && computed.has(col) && col > g.inputRight);
  }
  const a = read.activityLayout;
  if (read.existing.has('activity')) {
    const status = a.checklistCols.status;
    const checklistRows = new Set(Object.values(a.checklistRows));
    // The result columns of the tables (the last evaluation's period and transfer outcomes) are ours.
    const results = [a.tables.activities, a.tables.transfers, a.tables.overseas].flatMap((t) => (t && t.cols.result ? [{ col: t.cols.result, top: t.header, last: t.last }] : []));
    out.set(a.sheet.toLowerCase(), (row, col) => {
      if (status && col === status && checklistRows.has(row)) return true;
      return results.some((r) => col === r.col && row > r.top && row <= r.last);
    });
  }
  return out;
}

export interface CellChange {
  sheet: string;
  address: string;
  what: 'value' | 'style' | 'note' | 'added' | 'sheet missing';
  before: string;
  after: string;
}

/** Every input cell whose value, style or note differs between `before` (what the check read) and `after` (what it wrote). */
export async function inputChanges(before: ExcelJS.Workbook, after: ExcelJS.Workbook): Promise<CellChange[]> {
  const computed = await computedCells(before);
  const changes: CellChange[] = [];
  for (const ws of before.worksheets) {
    const key = ws.name.toLowerCase();
    if (GENERATED.has(key)) continue;
    const out = after.worksheets.find((w) => w.name.toLowerCase() === key);
    if (!out) {
      changes.push({ sheet: ws.name, address: '', what: 'sheet missing', before: ws.name, after: '' });
      continue;
    }
    const isComputed = computed.get(key) ?? (() => false);
    const seen = new Set<string>();
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        if (isComputed(r, c)) return;
        seen.add(cell.address);
        const o = out.getCell(r, c);
        if (valueOf(cell) !== valueOf(o)) changes.push({ sheet: ws.name, address: cell.address, what: 'value', before: valueOf(cell).slice(0, 80), after: valueOf(o).slice(0, 80) });
        else if (canonical(cell.style ?? {}) !== canonical(o.style ?? {})) changes.push({ sheet: ws.name, address: cell.address, what: 'style', before: canonical(cell.style), after: canonical(o.style) });
        if (cell.note !== undefined && canonical(cell.note) !== canonical(o.note)) changes.push({ sheet: ws.name, address: cell.address, what: 'note', before: canonical(cell.note), after: canonical(o.note) });
      });
    });
    // A value written where the planner had none (outside the computed cells) is a change too.
    out.eachRow({ includeEmpty: false }, (row, r) => {
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (seen.has(cell.address) || isComputed(r, c)) return;
        changes.push({ sheet: ws.name, address: cell.address, what: 'added', before: '', after: valueOf(cell).slice(0, 80) });
      });
    });
  }
  return changes;
}
