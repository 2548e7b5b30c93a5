/**
 * A block of cells as text, both ways: what Excel (and LibreOffice, Google Sheets) put on the clipboard when cells
 * are copied — tab between cells, newline between rows, a cell holding a tab, newline or quote wrapped in quotes
 * with quotes doubled — and the same for a cell copied from the grid.
 */

/** Clipboard text → rows of cell texts (a trailing newline, which Excel always adds, ends the block). */
export function parseClipboardTable(text: string): string[][] {
  return parseDelimited(text, '\t');
}

/**
 * Delimiter-separated text (tab for the clipboard, comma for CSV) → rows of cells. A cell that starts with a quote
 * runs to its closing quote ("" is a quote inside); a trailing newline ends the last row.
 */
export function parseDelimited(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  const n = text.length;
  let cellStart = true;
  while (i < n) {
    const ch = text[i];
    if (cellStart && ch === '"') {
      // A quoted cell: up to the closing quote; "" is a quote.
      let j = i + 1;
      let value = '';
      while (j < n) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') {
            value += '"';
            j += 2;
            continue;
          }
          break;
        }
        value += text[j++];
      }
      const after = text[j + 1];
      if (j < n && (after === undefined || after === delimiter || after === '\n' || after === '\r')) {
        cell = value;
        i = j + 1;
        cellStart = false;
        continue;
      }
      // Not a well-formed quoted cell: the quote is text.
    }
    cellStart = false;
    if (ch === delimiter) {
      row.push(cell);
      cell = '';
      cellStart = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      cellStart = true;
    } else cell += ch;
    i++;
  }
  if (!cellStart || row.length > 0 || cell !== '') {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** One cell's text for the clipboard, quoted when it holds a tab, a newline or a quote. */
export function clipboardCell(text: string): string {
  return /[\t\n\r"]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
