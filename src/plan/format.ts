/** The plan file format tag. Kept apart from the zod schema so the task pane can name it without bundling zod. */
export const PLAN_FORMAT = 'supply-plan/1';
