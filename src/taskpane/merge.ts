/**
 * Forms that never overwrite what they did not change. A form keeps the values it was filled from (`base`); before a
 * save the pane reads the workbook again (`theirs`) and compares field by field:
 *
 * - a field the planner did not change takes the workbook's value (someone may have typed into the sheet);
 * - a field the planner changed is written — unless the workbook's value changed too, to something else: then it
 *   is a conflict, and the planner chooses which value wins before anything is written.
 *
 * Pure, so the rules are tested without rendering anything.
 */

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

export interface Rebased<F> {
  /** The form with the workbook's values for every field the planner had not changed. */
  form: F;
  /** The new base: the workbook's values. */
  base: F;
  /** Fields the planner changed (and that are still different from the workbook's). */
  changed: (keyof F)[];
  /** Fields the planner and the workbook both changed, to different values. */
  conflicts: (keyof F)[];
}

export function rebase<F extends object>(base: F, mine: F, theirs: F): Rebased<F> {
  const form = { ...mine };
  const newBase = { ...base };
  const changed: (keyof F)[] = [];
  const conflicts: (keyof F)[] = [];
  for (const key of Object.keys(mine) as (keyof F)[]) {
    const planner = !same(mine[key], base[key]);
    const sheet = !same(theirs[key], base[key]);
    if (!planner) {
      form[key] = theirs[key];
      newBase[key] = theirs[key];
    } else if (same(mine[key], theirs[key])) {
      // The sheet already holds what the planner typed: nothing to write.
      newBase[key] = theirs[key];
    } else if (sheet) {
      conflicts.push(key);
    } else {
      changed.push(key);
    }
  }
  return { form, base: newBase, changed, conflicts };
}

/** Fields the planner has changed and not saved. */
export function unsavedFields<F extends object>(base: F, mine: F): (keyof F)[] {
  return (Object.keys(mine) as (keyof F)[]).filter((k) => !same(mine[k], base[k]));
}

/**
 * The planner's choice for a conflict: 'mine' keeps the typed value (it will be written; the workbook's value
 * becomes the base), 'theirs' takes the workbook's value (nothing to write).
 */
export function resolve<F extends object>(state: { form: F; base: F }, key: keyof F, theirs: F[keyof F], choice: 'mine' | 'theirs'): { form: F; base: F } {
  const form = { ...state.form };
  const base = { ...state.base, [key]: theirs };
  if (choice === 'theirs') form[key] = theirs;
  return { form, base };
}

/** The checklist form flattened per field, so a ✔ typed in the sheet and a note typed in the pane both survive. */
export type FlatChecklist = Record<string, boolean | string>;

export function flattenChecklist(form: Record<string, { confirmed: boolean; evidence: string }>): FlatChecklist {
  const out: FlatChecklist = {};
  for (const [id, e] of Object.entries(form)) {
    out[`${id}.confirmed`] = e.confirmed;
    out[`${id}.evidence`] = e.evidence;
  }
  return out;
}

export function unflattenChecklist(flat: FlatChecklist): Record<string, { confirmed: boolean; evidence: string }> {
  const out: Record<string, { confirmed: boolean; evidence: string }> = {};
  for (const [key, v] of Object.entries(flat)) {
    const dot = key.lastIndexOf('.');
    const id = key.slice(0, dot);
    const field = key.slice(dot + 1);
    out[id] ??= { confirmed: false, evidence: '' };
    if (field === 'confirmed') out[id].confirmed = v === true;
    else out[id].evidence = String(v);
  }
  return out;
}

/** The checklist item of a flattened key. */
export function checklistIdOf(key: string): string {
  return key.slice(0, key.lastIndexOf('.'));
}
