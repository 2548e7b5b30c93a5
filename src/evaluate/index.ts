export * from './types';
export { evaluate, evaluateActivity, evaluateChecklist, evaluateTransfers, exactPercent, supplierHoldsCore, isActV, isMet, targetPoints, verdictOf, worstVerdict } from './evaluate';
export type { EvaluablePlan, EvaluateOptions } from './evaluate';
export { periodEnd, fullYears } from './period';
export { compareScenarios, submissionOf } from './compare';
export type { Comparison, ComparisonGroup, ComparisonRow, ComparedStatus } from './compare';
