/**
 * Which Excel JavaScript API requirement sets the add-in needs, in one place: manifest.xml asks Office for
 * `REQUIRED_EXCEL_API` (test/addin/manifest.test.ts keeps the two equal), the task pane shows its "unsupported
 * Excel" panel below it, and the strict fake of Excel (test/workbook/fake-excel) refuses any API outside a host's
 * sets, so a call that needs more without a runtime check fails the suite under the oldest host profile.
 *
 * Sets per API: https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets
 */

/**
 * The highest set the code uses without asking first. 1.13: `Range.getMergedAreasOrNullObject` (reading merged
 * labels) and `Table.resize` (the plan table kept, not rebuilt). Below it, and so covered: `dataValidation` 1.8,
 * `pageLayout` 1.9, worksheet `onChanged` 1.7, conditional formats 1.6 (their number format too: ConditionalRangeFormat.numberFormat), `getIntersectionOrNullObject` 1.4.
 * Office 2021 (Windows: Version 2102; Mac: 16.50) and every Microsoft 365 Excel since 2021 have it; Office 2019
 * (ExcelApi 1.8) does not.
 */
export const REQUIRED_EXCEL_API = '1.13';

/** Used only where the host says it has them (Office.context.requirements.isSetSupported). */
export const OPTIONAL_EXCEL_API = {
  /** `WorksheetChangedEventArgs.triggerSource`: tells our own writes from the planner's edits. */
  triggerSource: '1.14',
  /** `Worksheet.notes`: the required-capacity notes on target cells (skipped below). */
  notes: '1.18',
  /** `Excel.run({ mergeUndoGroup })` and undo support for API writes: one Ctrl+Z takes back a whole command. */
  undo: '1.20',
} as const;

/** "Excel for Microsoft 365 or Excel 2021 or later": the version the unsupported panel names. */
export const REQUIRED_EXCEL_PRODUCT = { ja: 'Microsoft 365 の Excel、または Excel 2021 以降', en: 'Excel for Microsoft 365, or Excel 2021 or later' } as const;
