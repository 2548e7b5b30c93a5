import { Button, MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { Lang } from '../../i18n/format';
import { uiText } from '../../i18n/ui';
import type { Busy, Notice } from '../App';
import { usePaneStyles } from './styles';

export interface ExportPanelProps {
  lang: Lang;
  hasPlan: boolean;
  busy: Busy | null;
  notice: Notice | null;
  onRun: () => void;
}

export function ExportPanel({ lang, hasPlan, busy, notice, onRun }: ExportPanelProps) {
  const s = usePaneStyles();
  const t = uiText(lang);
  return (
    <section className={s.panel} aria-labelledby="export-heading">
      <h2 id="export-heading" className={s.heading}>
        {t.exportSummary.heading}
      </h2>
      <p className={s.text}>{t.exportSummary.intro}</p>
      {!hasPlan && busy !== 'detect' && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t.plan.needPlan}</MessageBarBody>
        </MessageBar>
      )}
      <div className={s.actions}>
        <Button appearance="primary" disabled={!hasPlan} disabledFocusable={hasPlan && busy !== null} onClick={onRun}>
          {busy === 'export' ? t.busy : t.exportSummary.run}
        </Button>
      </div>
      {notice?.kind === 'exported' && (
        <MessageBar intent="success" layout="multiline">
          <MessageBarBody>{t.exportSummary.done}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
