/**
 * The task pane's shared state types. They live here, not in App.tsx, so that App imports the panels and the panels
 * import these types — imports run one way (a panel importing App made an import cycle).
 */
import type { EvaluateResult } from './actions';

export type TabValue = 'start' | 'plan' | 'lines' | 'checklist' | 'evaluate' | 'export';
export const TABS: readonly TabValue[] = ['start', 'plan', 'lines', 'checklist', 'evaluate', 'export'];

/** The command running now; one at a time, so two writes never race in the workbook. */
export type Busy = 'detect' | 'create' | 'header' | 'line' | 'scenario' | 'checklist' | 'evaluate' | 'whatif' | 'acknowledge' | 'export' | 'prepare' | 'select';

/** A success note, kept as data so it follows the language switch. */
export type Notice =
  | { kind: 'created' }
  | { kind: 'headerSaved'; nothing?: boolean }
  | { kind: 'lineAdded'; scenario: string }
  | { kind: 'lineUpdated' }
  | { kind: 'lineRemoved' }
  | { kind: 'lineDuplicated' }
  | { kind: 'scenarioCreated'; name: string }
  | { kind: 'scenarioStarted'; name: string }
  | { kind: 'scenarioRenamed'; from: string; to: string }
  | { kind: 'scenarioRemoved'; name: string }
  | { kind: 'submissionSet'; name: string }
  | { kind: 'checklistSaved'; nothing?: boolean }
  | { kind: 'forecastSet'; year: number; to: string }
  | { kind: 'undone' }
  | { kind: 'exported' }
  | { kind: 'prepared'; where: string };

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
      return 'plan';
    case 'lineAdded':
    case 'lineUpdated':
    case 'lineRemoved':
    case 'lineDuplicated':
    case 'scenarioCreated':
    case 'scenarioStarted':
    case 'scenarioRenamed':
    case 'scenarioRemoved':
    case 'submissionSet':
      return 'lines';
    case 'checklistSaved':
      return 'checklist';
    case 'forecastSet':
    case 'undone':
      return 'evaluate';
    case 'exported':
    case 'prepared':
      return 'export';
  }
}
