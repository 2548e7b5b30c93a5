/**
 * The task pane's shared state types. They live here, not in App.tsx, so that App imports the panels and the panels
 * import these types — imports run one way (a panel importing App made an import cycle).
 */
import type { EvaluateResult } from './actions';

export type TabValue = 'start' | 'plan' | 'checklist' | 'evaluate' | 'export';
export const TABS: readonly TabValue[] = ['start', 'plan', 'checklist', 'evaluate', 'export'];

/** The command running now; one at a time, so two writes never race in the workbook. */
export type Busy = 'detect' | 'create' | 'header' | 'line' | 'checklist' | 'evaluate' | 'export' | 'select';

/** A success note, kept as data so it follows the language switch. */
export type Notice =
  | { kind: 'created' }
  | { kind: 'headerSaved' }
  | { kind: 'lineAdded'; scenario: string }
  | { kind: 'checklistSaved' }
  | { kind: 'exported' };

/** The last evaluation on show, and whether it was asked for elsewhere (an edit in the sheet) rather than in the pane. */
export interface ShownResult {
  value: EvaluateResult;
  elsewhere: boolean;
}

/** The tab whose panel shows a notice. */
export function panelOf(notice: Notice): TabValue {
  switch (notice.kind) {
    case 'created':
      return 'start';
    case 'headerSaved':
    case 'lineAdded':
      return 'plan';
    case 'checklistSaved':
      return 'checklist';
    case 'exported':
      return 'export';
  }
}
