/** The choices of a cell's in-cell drop-down list (a list validation): a literal list or a range of cells. */
import type * as ExcelJS from 'exceljs';
import type { Scalar } from '../formula/evaluate';
import { parseRange, splitSheetAddress, type RangeRef } from '../workbook/a1';
import { dataValidationsOf } from '../workbook/xlsx/exceljs-internals';

/** Lists longer than this are not offered (a validation over a whole column would be a million choices). */
const MAX_CHOICES = 1000;

function choicesOf(
  workbook: ExcelJS.Workbook,
  ws: ExcelJS.Worksheet,
  validation: ExcelJS.DataValidation,
  valueOf: (ws: ExcelJS.Worksheet, row: number, col: number) => Scalar,
): string[] | undefined {
  if (validation.type !== 'list' || !validation.formulae?.length) return undefined;
  const source = String(validation.formulae[0]);
  if (source.startsWith('"')) {
    return source
      .slice(1, -1)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }
  try {
    const { sheet, address } = splitSheetAddress(source);
    const target = sheet ? workbook.getWorksheet(sheet) : ws;
    if (!target) return undefined;
    const r = parseRange(address);
    if ((r.bottom - r.top + 1) * (r.right - r.left + 1) > MAX_CHOICES) return undefined;
    const out: string[] = [];
    for (let row = r.top; row <= r.bottom; row++)
      for (let col = r.left; col <= r.right; col++) {
        let v: Scalar = null;
        try {
          v = valueOf(target, row, col);
        } catch {
          v = null;
        }
        if (v !== null && typeof v !== 'object' && String(v) !== '') out.push(String(v));
      }
    return out;
  } catch {
    return undefined;
  }
}

/** A lookup of each cell's list choices on a sheet; each list's choices are read once. */
export function listChoicesLookup(
  workbook: ExcelJS.Workbook,
  ws: ExcelJS.Worksheet,
  valueOf: (ws: ExcelJS.Worksheet, row: number, col: number) => Scalar,
): (address: string, row: number, col: number) => string[] | undefined {
  const byKey = dataValidationsOf(ws);
  const ranged: [RangeRef, ExcelJS.DataValidation][] = [];
  for (const [key, validation] of Object.entries(byKey)) {
    if (!validation || !key.includes(':')) continue;
    for (const part of key.replace(/^range:/, '').split(/\s+/)) {
      try {
        ranged.push([parseRange(part), validation]);
      } catch {
        /* not a range key */
      }
    }
  }
  const read = new Map<ExcelJS.DataValidation, string[] | undefined>();
  return (address, row, col) => {
    const validation = byKey[address] ?? ranged.find(([r]) => r.top <= row && row <= r.bottom && r.left <= col && col <= r.right)?.[1];
    if (!validation) return undefined;
    if (!read.has(validation)) read.set(validation, choicesOf(workbook, ws, validation, valueOf));
    return read.get(validation);
  };
}
