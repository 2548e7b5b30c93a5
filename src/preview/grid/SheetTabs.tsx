/** The sheet tabs under the grid: one tab stop, arrow keys and Home/End switch sheets, as Excel's tabs do. */
import type { CSSProperties, KeyboardEvent } from 'react';
import type * as ExcelJS from 'exceljs';
import { tabId } from './ids';

export interface SheetTabsProps {
  workbook: ExcelJS.Workbook;
  sheets: string[];
  sheet: string;
  label: string;
  onSheetChange: (name: string) => void;
}

function tabColor(workbook: ExcelJS.Workbook, name: string): CSSProperties | undefined {
  const argb = (workbook.getWorksheet(name)?.properties?.tabColor as { argb?: string } | undefined)?.argb;
  if (!argb || !/^[0-9A-Fa-f]{8}$/.test(argb)) return undefined;
  return { borderBottomColor: `#${argb.slice(2)}` };
}

export function SheetTabs({ workbook, sheets, sheet, label, onSheetChange }: SheetTabsProps) {
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    let next = -1;
    if (e.key === 'ArrowRight') next = (index + 1) % sheets.length;
    else if (e.key === 'ArrowLeft') next = (index - 1 + sheets.length) % sheets.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = sheets.length - 1;
    if (next < 0) return;
    e.preventDefault();
    onSheetChange(sheets[next]);
    requestAnimationFrame(() => document.getElementById(tabId(sheets[next]))?.focus());
  };
  return (
    <div className="sv-tabs" role="tablist" aria-label={label}>
      {sheets.map((name, i) => (
        <button
          key={name}
          id={tabId(name)}
          type="button"
          role="tab"
          className="sv-tab"
          aria-selected={name === sheet}
          aria-controls="sv-panel"
          tabIndex={name === sheet ? 0 : -1}
          onClick={() => onSheetChange(name)}
          onKeyDown={(e) => onKeyDown(e, i)}
          style={tabColor(workbook, name)}
        >
          {name}
        </button>
      ))}
    </div>
  );
}
