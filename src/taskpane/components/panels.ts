/**
 * The pane's panels other than Start, with what only they use (forms, findings list, Fluent UI's inputs): loaded in
 * a chunk of their own just after the pane's first paint (lazy-panels.ts), so that paint waits for none of it.
 */
export { PlanPanel } from './PlanPanel';
export { LinesPanel } from './LinesPanel';
export { EvaluatePanel } from './EvaluatePanel';
export { ChecklistPanel } from './ChecklistPanel';
export { ExportPanel } from './ExportPanel';
export { supplierHoldsCore } from '../../evaluate/evaluate';
