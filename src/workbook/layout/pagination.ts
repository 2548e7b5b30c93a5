/**
 * Where the printed pages of a tool sheet end (issue #14: "sections kept together"; a reviewer complained of a
 * heading orphaned at a page foot). The sheets print on A4 landscape fitted to the width, so the page holds as many
 * rows as its printable height divided by the scale the columns force. Every page break is then set by hand (the
 * rowBreaks op): a program that fits more rows on a page than estimated still breaks where we did, never at a
 * heading — the estimate only has to be on the safe side, which is why it takes the page for smaller than it is.
 *
 * Pure: column widths and row heights in, rows that start a page out.
 */

/** A4 landscape in points. */
const A4_LANDSCAPE = { width: 842, height: 595 };
/**
 * The margins the .xlsx adapter writes (ExcelJS's default, as Excel's "Normal"): left/right 0.7 in, top/bottom
 * 0.75 in; the header and footer print inside the top and bottom margins.
 */
const MARGINS_PT = { left: 0.7 * 72, right: 0.7 * 72, top: 0.75 * 72, bottom: 0.75 * 72 };
/** The share of the printable height the estimate uses: rows are sized by the host's fonts (CJK fallbacks run taller). */
const SAFETY = 0.9;

/** A column's printed width in points from Excel's width in characters (7-pixel digits and 5 pixels of padding, at 96 dpi). */
export function columnPoints(chars: number): number {
  return (Math.trunc(chars * 7) + 5) * 0.75;
}

/** Row heights in points, as the layout writes rows (no explicit heights: the host sizes them by font). */
export const ROW_POINTS = {
  /** An 11-point row: Excel's 15 (LibreOffice prints them smaller). */
  normal: 15,
  /** A section heading (12 point, bold). */
  section: 18,
  /** A title (14–16 point). */
  title: 24,
  /** A header row that wraps to two lines. */
  header2: 30,
} as const;

export interface PageGeometry {
  /** Widths of the printed columns, in characters, left to right. */
  columnWidths: number[];
  /** Height (points) of the rows printed at the top of every page (print titles), if any. */
  titleRowsHeight?: number;
}

/** The height of sheet rows (in points, before scaling) one page holds, on the safe side. */
export function pageRowsHeight(g: PageGeometry): number {
  const printableWidth = A4_LANDSCAPE.width - MARGINS_PT.left - MARGINS_PT.right;
  const printableHeight = A4_LANDSCAPE.height - MARGINS_PT.top - MARGINS_PT.bottom;
  const sheetWidth = g.columnWidths.reduce((s, w) => s + columnPoints(w), 0);
  // Fit to width shrinks a wide sheet and never enlarges a narrow one.
  const scale = sheetWidth > printableWidth ? printableWidth / sheetWidth : 1;
  return (printableHeight * SAFETY) / scale - (g.titleRowsHeight ?? 0);
}

/** A run of rows that reads as one: a section (its heading, its table) or a group of a table. */
export interface Block {
  /** First and last row (1-based). */
  top: number;
  bottom: number;
  /**
   * How many rows at its top must share a page (heading, column header and a first row: a heading never ends a
   * page). Defaults to 1.
   */
  head?: number;
}

/**
 * The rows that start a new page, ascending (never row 1). Within `lastRow` rows of heights `rowHeight(row)`, a page
 * ends where the next row would not fit; and before a block whose head would not fit on the page, or a block that
 * would be split though it fits on a page of its own and is small (at most `smallShare` of a page).
 */
export function pageStarts(g: PageGeometry, lastRow: number, rowHeight: (row: number) => number, blocks: readonly Block[], smallShare = 0.4): number[] {
  const page = pageRowsHeight(g);
  const height = (from: number, to: number) => {
    let h = 0;
    for (let r = from; r <= to; r++) h += rowHeight(r);
    return h;
  };
  const blockAt = new Map(blocks.map((b) => [b.top, b]));
  const starts: number[] = [];
  let used = 0;
  for (let r = 1; r <= lastRow; r++) {
    const block = blockAt.get(r);
    if (block && used > 0) {
      const whole = height(block.top, Math.min(block.bottom, lastRow));
      const head = height(block.top, Math.min(block.top + (block.head ?? 1) - 1, lastRow));
      const splitSmall = whole <= page * smallShare && used + whole > page;
      if (used + head > page || splitSmall) {
        starts.push(r);
        used = 0;
      }
    }
    const h = rowHeight(r);
    if (used > 0 && used + h > page) {
      starts.push(r);
      used = 0;
    }
    used += h;
  }
  return starts;
}
