/**
 * The line form's state as App keeps it (so a half-typed line survives a look at another tab). Apart from
 * LineFormView.tsx, which comes with the other panels after the pane's first paint (lazy-panels.ts): App needs it
 * for its first render.
 */
import { emptyLineForm, type LineErrors, type LineForm } from '../form';

export interface LineFormState {
  form: LineForm;
  errors: LineErrors;
  /** The last attempt was refused by the form. */
  failed: boolean;
  /** The index of the line being edited, or null when adding. */
  editing: number | null;
}

export function initialLineFormState(scenario = 'base'): LineFormState {
  return { form: emptyLineForm(scenario), errors: {}, failed: false, editing: null };
}
