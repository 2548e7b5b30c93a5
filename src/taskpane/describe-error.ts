import type { Lang } from '../i18n/format';
import { paneErrorText, uiText } from '../i18n/ui';
import { ActionError } from './actions';

/** The plain message for a failed action, in the pane's language: what happened and what to do. */
export function describeError(error: unknown, lang: Lang): string {
  const t = uiText(lang);
  if (error instanceof ActionError) return paneErrorText(error.kind, lang);
  if (error instanceof Error) return t.errors.unexpected(error.message || error.name);
  return t.errors.unexpected(String(error));
}
