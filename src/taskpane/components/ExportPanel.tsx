/**
 * The Summary tab: write the summary sheet; the warnings acknowledged (with their notes) that the summary carries;
 * and "prepare for submission", which writes the submission sheet and shows it.
 */
import { Button } from '@fluentui/react-components';
import type { Lang } from '../../i18n/format';
import { uiText } from '../../i18n/ui';
import type { Acknowledgement } from '../actions';
import type { Busy, Notice } from '../state';
import { NeedsPlanBar, PanelCommand, SuccessBar } from './PanelCommand';
import { usePaneStyles } from './styles';

export interface ExportPanelProps {
  lang: Lang;
  hasPlan: boolean;
  busy: Busy | null;
  notice: Notice | null;
  onRun: () => void;
  acknowledgements?: Acknowledgement[];
  /** Absent when the host cannot write a submission sheet. */
  onPrepare?: () => void;
}

export function ExportPanel({ lang, hasPlan, busy, notice, onRun, acknowledgements, onPrepare }: ExportPanelProps) {
  const s = usePaneStyles();
  const t = uiText(lang);
  const x = t.exportSummary;
  return (
    <div className={s.panel}>
      <section className={s.section} aria-labelledby="export-heading">
        <h2 id="export-heading" className={s.heading}>
          {x.heading}
        </h2>
        <p className={s.text}>{x.intro}</p>
        <NeedsPlanBar lang={lang} hasPlan={hasPlan} busy={busy} />
        <PanelCommand lang={lang} label={x.run} command="export" busy={busy} disabled={!hasPlan} onRun={onRun} />
        <SuccessBar text={notice?.kind === 'exported' ? x.done : null} />
      </section>
      {acknowledgements && (
        <section className={s.section} aria-labelledby="ack-heading">
          <h3 id="ack-heading" className={s.subheading}>
            {x.acknowledgedHeading}
          </h3>
          {acknowledgements.length === 0 ? (
            <p className={s.text}>{x.noAcknowledged}</p>
          ) : (
            <ul className={s.facts}>
              {acknowledgements.map((a) => (
                <li key={`${a.code}|${a.path}`}>{x.acknowledgedItem(a.code, a.path, a.note)}</li>
              ))}
            </ul>
          )}
        </section>
      )}
      {onPrepare && (
        <section className={s.section} aria-labelledby="prepare-heading">
          <div className={s.divider} />
          <h2 id="prepare-heading" className={s.heading}>
            {x.prepareHeading}
          </h2>
          <p className={s.text}>{x.prepareIntro}</p>
          <div className={s.actions}>
            <Button appearance="primary" disabled={!hasPlan} disabledFocusable={hasPlan && busy !== null} onClick={onPrepare}>
              {busy === 'prepare' ? x.preparing : x.prepare}
            </Button>
          </div>
          <SuccessBar text={notice?.kind === 'prepared' ? x.prepared(notice.where) : null} takeFocus />
        </section>
      )}
    </div>
  );
}
