/**
 * The pieces every panel repeats: the "needs a plan" bar, the panel's primary command button, and the success bar
 * after it ran. Written once so they look and behave the same in every panel (a command is focusable while another
 * runs, so a keyboard user does not lose their place; it is disabled outright when there is no plan).
 */
import { useEffect, useRef } from 'react';
import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { Lang } from '../../i18n/format';
import { uiText } from '../../i18n/ui';
import type { Busy } from '../state';
import { usePaneStyles } from './styles';

/** "Create a plan sheet first", shown while the workbook has none (not while it is being read). */
export function NeedsPlanBar({ lang, hasPlan, busy }: { lang: Lang; hasPlan: boolean; busy: Busy | null }) {
  if (hasPlan || busy === 'detect') return null;
  return (
    <MessageBar intent="info" layout="multiline">
      <MessageBarBody>{uiText(lang).plan.needPlan}</MessageBarBody>
    </MessageBar>
  );
}

export interface PanelCommandProps {
  lang: Lang;
  /** The button's text. */
  label: string;
  /** What the button reads while its command runs (default: the pane's "busy" text). */
  busyLabel?: string;
  /** Which command this button runs: while it runs the button reads `busyLabel`. */
  command: Busy;
  busy: Busy | null;
  /** No plan to work on: the command cannot run at all. */
  disabled?: boolean;
  /** A form's submit button (the form's onSubmit runs it) instead of a click handler. */
  onRun?: () => void;
}

/** A panel's primary command. */
export function PanelCommand({ lang, label, busyLabel, command, busy, disabled = false, onRun }: PanelCommandProps) {
  const s = usePaneStyles();
  return (
    <div className={s.actions}>
      <Button
        type={onRun ? 'button' : 'submit'}
        appearance="primary"
        disabled={disabled}
        disabledFocusable={!disabled && busy !== null}
        onClick={onRun}
      >
        {busy === command ? (busyLabel ?? uiText(lang).busy) : label}
      </Button>
    </div>
  );
}

/**
 * The note after a command succeeded. With `takeFocus` it takes keyboard focus when it appears — for a command whose
 * button disappears once it has run, so focus does not fall back to the page.
 */
export function SuccessBar({ text, takeFocus = false }: { text: string | null; takeFocus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = text !== null;
  useEffect(() => {
    if (shown && takeFocus) ref.current?.focus();
  }, [shown, takeFocus]);
  if (!shown) return null;
  return (
    <MessageBar intent="success" layout="multiline" ref={ref} tabIndex={takeFocus ? -1 : undefined}>
      <MessageBarBody>{text}</MessageBarBody>
    </MessageBar>
  );
}
