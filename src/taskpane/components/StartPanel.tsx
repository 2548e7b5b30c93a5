import { Button, Spinner } from '@fluentui/react-components';
import type { Lang } from '../../i18n/format';
import { scenarioLabel, uiText } from '../../i18n/ui';
import type { DetectResult } from '../actions';
import type { Busy, Notice } from '../state';
import { scenariosOf } from '../form';
import { SuccessBar } from './PanelCommand';
import { usePaneStyles } from './styles';

export interface StartPanelProps {
  lang: Lang;
  workbook: DetectResult | null;
  busy: Busy | null;
  notice: Notice | null;
  onCreate: () => void;
  onReload: () => void;
  onNext: () => void;
}

export function StartPanel({ lang, workbook, busy, notice, onCreate, onReload, onNext }: StartPanelProps) {
  const s = usePaneStyles();
  const t = uiText(lang);
  const scenarios = scenariosOf(workbook?.plan).map((name) => scenarioLabel(name, lang));

  return (
    <section className={s.panel} aria-labelledby="start-heading">
      <h2 id="start-heading" className={s.heading}>
        {t.start.heading}
      </h2>

      {busy === 'detect' && <Spinner size="tiny" labelPosition="after" label={t.start.reading} />}
      {busy === 'create' && <Spinner size="tiny" labelPosition="after" label={t.start.creating} />}

      {/* The create button is gone once the plan exists: the note takes the focus so it does not fall to the page. */}
      <SuccessBar text={notice?.kind === 'created' ? t.start.created : null} takeFocus />

      {workbook && !workbook.hasPlan && (
        <div className={s.section}>
          <p className={s.text}>{t.start.noPlan}</p>
          <div className={s.actions}>
            <Button appearance="primary" disabledFocusable={busy !== null} onClick={onCreate}>
              {t.start.create}
            </Button>
          </div>
        </div>
      )}

      {workbook?.hasPlan && (
        <div className={s.section}>
          <p className={s.text}>{t.start.found}</p>
          <ul className={s.facts}>
            <li>{t.start.applicant(workbook.plan.applicant.name)}</li>
            <li>{t.start.lines(workbook.plan.lines.length)}</li>
            <li>{scenarios.length ? t.start.scenarios(scenarios) : t.start.noScenarios}</li>
            <li>{t.start.workbookLang(workbook.lang)}</li>
            {workbook.inputFindings.length > 0 && <li>{t.start.inputProblems(workbook.inputFindings.length)}</li>}
          </ul>
          <p className={s.hint}>{t.start.next}</p>
          <div className={s.actions}>
            <Button appearance="primary" onClick={onNext}>
              {t.start.toPlan}
            </Button>
            <Button disabledFocusable={busy !== null} onClick={onReload}>
              {t.start.reload}
            </Button>
          </div>
        </div>
      )}

      {!workbook && busy === null && (
        <div className={s.actions}>
          <Button onClick={onReload}>{t.start.reload}</Button>
        </div>
      )}
    </section>
  );
}
