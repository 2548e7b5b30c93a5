/** The plan file format tag. Kept apart from the zod schema so the task pane can name it without bundling zod. */
export const PLAN_FORMAT = 'supply-plan/2';
/** The first format: still read, and migrated to the current one in one place (src/plan/migrate.ts). */
export const PLAN_FORMAT_V1 = 'supply-plan/1';

/** The most characters a text field holds: what an Excel cell holds, so every plan file fits in a workbook. */
export const TEXT_MAX_CHARS = 32_767;
/** The largest magnitude of a number in a plan: a workbook keeps 15 significant digits, Excel shows no more. */
export const NUMBER_MAX = 1e15;
/** The smallest 2021 baseline: the ratio to 2021 (forecast ÷ baseline) of any forecast stays finite. */
export const BASELINE_MIN = 1e-9;

/**
 * Characters no workbook can hold (XML 1.0 excludes them): control characters other than tab, line feed and
 * carriage return, unpaired surrogates, U+FFFE and U+FFFF. A plan's text may not contain them; the .xlsx writer
 * replaces any in generated text with U+FFFD.
 */
// With the u flag a surrogate range matches unpaired surrogates only (a pair is one code point); no lookbehind, which
// the WebKit of older Macs (the add-in's browser there) cannot parse.
export const UNSTORABLE_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/u;
