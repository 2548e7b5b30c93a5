/**
 * The outcome of a sheet's conditional formats, as Excel works it out when it draws a cell: rules by priority, the
 * first rule to set a property wins, stopIfTrue ends the cell's rules. Formulas are evaluated by src/formula over the
 * calculated workbook; a rule the evaluator cannot decide gives no highlight — a missing highlight is better than a
 * wrong one.
 */
import type * as ExcelJS from 'exceljs';
import { compareValues, evaluateFormula, isTruthy, Unsupported, type FormulaContext, type Scalar } from '../formula/evaluate';
import { parseRange, type RangeRef } from '../workbook/a1';
import { conditionalFormattingsOf, ruleNumberFormatOf, type ConditionalRuleModel } from '../workbook/xlsx/exceljs-internals';
import { cssColor, fillColor, type ColorSpec, type CellStyleView } from './sheet-styles';

interface PlacedRule {
  rule: ConditionalRuleModel;
  ranges: RangeRef[];
  /** The cell the rule's formulas are written for (its first range's top-left). */
  base: { row: number; col: number };
  order: number;
}

/** The sheet's rules, highest priority first. */
function rulesOf(ws: ExcelJS.Worksheet): PlacedRule[] {
  const out: PlacedRule[] = [];
  let order = 0;
  for (const block of conditionalFormattingsOf(ws)) {
    let ranges: RangeRef[];
    try {
      ranges = String(block.ref).trim().split(/\s+/).map((r) => parseRange(r));
    } catch {
      continue;
    }
    if (ranges.length === 0) continue;
    const base = { row: ranges[0].top, col: ranges[0].left };
    for (const rule of block.rules ?? []) out.push({ rule, ranges, base, order: order++ });
  }
  // Lower priority numbers win; rules without one keep the order they were added in.
  return out.sort((a, b) => (a.rule.priority ?? 1e9) - (b.rule.priority ?? 1e9) || a.order - b.order);
}

const CELL_IS_OPERATORS: Record<string, (d: number) => boolean> = {
  equal: (d) => d === 0,
  notEqual: (d) => d !== 0,
  greaterThan: (d) => d > 0,
  lessThan: (d) => d < 0,
  greaterThanOrEqual: (d) => d >= 0,
  lessThanOrEqual: (d) => d <= 0,
};

function isErrorValue(v: Scalar): boolean {
  return v !== null && typeof v === 'object';
}

/** Whether `placed` applies to the cell at (row, col) holding `value`; `Unsupported` when it cannot be decided. */
export function ruleMatches(placed: PlacedRule, context: FormulaContext, row: number, col: number, value: Scalar): boolean {
  const { rule } = placed;
  const formula = (i: number): Scalar => {
    const f = rule.formulae?.[i];
    if (typeof f === 'number') return f;
    if (typeof f !== 'string') throw new Unsupported('rule without a formula');
    return evaluateFormula(f, context, { row, col }, placed.base);
  };
  switch (rule.type) {
    case 'expression':
      return isTruthy(formula(0));
    case 'cellIs': {
      if (isErrorValue(value)) return false;
      if (rule.operator === 'between' || rule.operator === 'notBetween') {
        const inside = compareValues(value, formula(0)) >= 0 && compareValues(value, formula(1)) <= 0;
        return rule.operator === 'between' ? inside : !inside;
      }
      const test = CELL_IS_OPERATORS[rule.operator ?? ''];
      if (!test) throw new Unsupported(`cellIs ${rule.operator}`);
      return test(compareValues(value, formula(0)));
    }
    case 'containsText': {
      const text = value === null || isErrorValue(value) ? '' : String(value);
      switch (rule.operator) {
        case 'containsText':
          return text.toLowerCase().includes(String(rule.text ?? '').toLowerCase());
        case 'containsBlanks':
          return text.trim() === '';
        case 'notContainsBlanks':
          return text.trim() !== '';
        case 'containsErrors':
          return isErrorValue(value);
        case 'notContainsErrors':
          return !isErrorValue(value);
        default:
          throw new Unsupported(`containsText ${rule.operator}`);
      }
    }
    default:
      // Colour scales, data bars, icon sets, top-10 and the like: not drawn.
      throw new Unsupported(`rule type ${rule.type}`);
  }
}

/** The style a cell gets from the rules that apply to it, or null when none does. */
export interface ConditionalOutcome {
  background?: string;
  style: Pick<CellStyleView, 'color' | 'bold' | 'italic' | 'strike'>;
  /** The number format the cell is shown in instead of its own (a status mark before the number). */
  numberFormat?: string;
}

/** A function giving each cell's conditional-format outcome on this sheet (the rules read once). */
export function conditionalFormatter(ws: ExcelJS.Worksheet, context: FormulaContext): (row: number, col: number, value: Scalar) => ConditionalOutcome | null {
  const rules = rulesOf(ws);
  return (row, col, value) => {
    let fill: string | undefined;
    let font: Partial<ExcelJS.Font> | undefined;
    let numberFormat: string | undefined;
    let matched = false;
    for (const placed of rules) {
      if (!placed.ranges.some((g) => g.top <= row && row <= g.bottom && g.left <= col && col <= g.right)) continue;
      let hit = false;
      try {
        hit = ruleMatches(placed, context, row, col, value);
      } catch (e) {
        if (!(e instanceof Unsupported)) throw e;
      }
      if (!hit) continue;
      matched = true;
      const st = placed.rule.style ?? {};
      fill ??= fillColor(st.fill as ExcelJS.Fill | undefined, true);
      if (st.font) font = { ...(st.font as Partial<ExcelJS.Font>), ...(font ?? {}) };
      numberFormat ??= ruleNumberFormatOf(placed.rule);
      if (placed.rule.stopIfTrue) break;
    }
    if (!matched) return null;
    const style: ConditionalOutcome['style'] = {};
    if (font) {
      const color = cssColor(font.color as ColorSpec | undefined);
      if (color) style.color = color;
      if (font.bold !== undefined) style.bold = font.bold;
      if (font.italic !== undefined) style.italic = font.italic;
      if (font.strike !== undefined) style.strike = font.strike;
    }
    return numberFormat === undefined ? { background: fill, style } : { background: fill, style, numberFormat };
  };
}
