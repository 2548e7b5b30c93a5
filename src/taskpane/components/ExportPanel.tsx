import type { Lang } from '../../i18n/format';
import { uiText } from '../../i18n/ui';
import type { Busy, Notice } from '../state';
import { NeedsPlanBar, PanelCommand, SuccessBar } from './PanelCommand';
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
      <NeedsPlanBar lang={lang} hasPlan={hasPlan} busy={busy} />
      <PanelCommand lang={lang} label={t.exportSummary.run} command="export" busy={busy} disabled={!hasPlan} onRun={onRun} />
      <SuccessBar text={notice?.kind === 'exported' ? t.exportSummary.done : null} />
    </section>
  );
}
