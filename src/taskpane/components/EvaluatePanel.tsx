import type { RefObject } from 'react';
import { Button, Field, MessageBar, MessageBarActions, MessageBarBody, ProgressBar, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Verdict } from '../../evaluate';
import type { Lang } from '../../i18n/format';
import { scenarioLabel, uiText } from '../../i18n/ui';
import { EVALUATE_STAGES, type CellRef, type EvaluateResult, type EvaluateStage, type LocatedFinding } from '../actions';
import type { Busy } from '../state';
import { FindingsList } from './FindingsList';
import { NeedsPlanBar, PanelCommand, SuccessBar } from './PanelCommand';
import { usePaneStyles } from './styles';

export interface EvaluatePanelProps {
  lang: Lang;
  hasPlan: boolean;
  busy: Busy | null;
  stage: EvaluateStage | null;
  result: EvaluateResult | null;
  /** The result comes from an evaluation the pane did not ask for (the host's, after an edit in the sheet). */
  updatedElsewhere?: boolean;
  headingRef: RefObject<HTMLHeadingElement>;
  onRun: () => void;
  onSelectCell: (cell: CellRef) => void;
  acknowledgements?: Map<string, string>;
  onAcknowledge?: (finding: LocatedFinding, note: string) => void;
  onSetRequired?: (finding: LocatedFinding) => void;
  /** The last change the pane made to a forecast, which "undo" reverts; null when there is none. */
  canUndo: boolean;
  onUndo: () => void;
  /** The confirmation asked before "set to required" writes, or null. */
  pending: { text: string; run: () => void; cancel: () => void } | null;
  /** A note after "set to required" or undo, or null. */
  doneText: string | null;
}

const useStyles = makeStyles({
  verdicts: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
  },
  verdictRow: {
    display: 'flex',
    flexWrap: 'wrap',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalS,
    paddingTop: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalXS,
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    borderLeftStyle: 'solid',
    borderLeftWidth: tokens.strokeWidthThickest,
    backgroundColor: tokens.colorNeutralBackground2,
    borderRadius: tokens.borderRadiusMedium,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
  },
  overall: {
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
  },
  verdictText: { fontWeight: tokens.fontWeightSemibold },
  eligible: { borderLeftColor: tokens.colorPaletteGreenBorderActive, '& strong': { color: tokens.colorPaletteGreenForeground1 } },
  attention: { borderLeftColor: tokens.colorPaletteMarigoldBorderActive, '& strong': { color: tokens.colorPaletteMarigoldForeground2 } },
  ineligible: { borderLeftColor: tokens.colorPaletteRedBorderActive, '& strong': { color: tokens.colorPaletteRedForeground1 } },
});

/** Where the progress bar stands when a stage starts: the stages take roughly this share of a large plan's time. */
const STAGE_PROGRESS: Record<EvaluateStage, number> = { reading: 0.1, evaluating: 0.45, writing: 0.75 };

export function EvaluatePanel(props: EvaluatePanelProps) {
  const { lang, hasPlan, busy, stage, result, updatedElsewhere = false, headingRef, onRun, onSelectCell } = props;
  const s = usePaneStyles();
  const v = useStyles();
  const t = uiText(lang);
  const running = busy === 'evaluate';

  const verdictRow = (key: string, label: string, verdict: Verdict, overall = false) => (
    <li key={key} className={mergeClasses(v.verdictRow, v[verdict], overall && v.overall)}>
      <span>{label}</span>
      <strong className={v.verdictText}>{t.evaluate.verdicts[verdict]}</strong>
    </li>
  );

  return (
    <div className={s.panel}>
      <section className={s.section} aria-labelledby="evaluate-heading">
        <h2 id="evaluate-heading" className={s.heading}>
          {t.evaluate.heading}
        </h2>
        <p className={s.text}>{t.evaluate.intro}</p>
        <NeedsPlanBar lang={lang} hasPlan={hasPlan} busy={busy} />
        <PanelCommand lang={lang} label={t.evaluate.run} busyLabel={t.evaluate.running} command="evaluate" busy={busy} disabled={!hasPlan} onRun={onRun} />
        <div aria-live="polite">
          {running && stage && (
            <Field label={t.evaluate.stages[stage]} validationState="none">
              <ProgressBar
                value={STAGE_PROGRESS[stage]}
                max={1}
                thickness="large"
                aria-label={t.evaluate.progressLabel}
                aria-valuetext={`${EVALUATE_STAGES.indexOf(stage) + 1} / ${EVALUATE_STAGES.length}: ${t.evaluate.stages[stage]}`}
              />
            </Field>
          )}
          {/* A result the pane did not ask for (an edit in the sheet) is announced here, politely: focus stays put. */}
          {result && updatedElsewhere && !running && (
            <p className={s.hint} data-testid="result-updated">
              {t.evaluate.updatedElsewhere(t.evaluate.verdicts[result.evaluation.verdict], result.findings.length)}
            </p>
          )}
        </div>
      </section>

      {result && (
        <section className={s.section} aria-labelledby="result-heading">
          <h2 id="result-heading" className={s.heading} tabIndex={-1} ref={headingRef}>
            {t.evaluate.resultHeading}
          </h2>
          <ul className={v.verdicts}>
            {verdictRow('(overall)', t.evaluate.overall, result.evaluation.verdict, true)}
            {result.evaluation.scenarios.map((sc) => verdictRow(`scenario:${sc.name}`, t.evaluate.scenario(scenarioLabel(sc.name, lang), sc.submission), sc.verdict))}
          </ul>
          <p className={s.hint}>{t.evaluate.evaluatedLines(result.evaluation.lines.length, result.evaluation.groups.length)}</p>
          {props.pending && (
            <MessageBar intent="warning" layout="multiline">
              <MessageBarBody>{props.pending.text}</MessageBarBody>
              <MessageBarActions>
                <Button size="small" appearance="primary" onClick={props.pending.run}>
                  {t.confirm}
                </Button>
                <Button size="small" onClick={props.pending.cancel}>
                  {t.cancel}
                </Button>
              </MessageBarActions>
            </MessageBar>
          )}
          <SuccessBar text={props.doneText} />
          {props.canUndo && (
            <div className={s.actions}>
              <Button size="small" disabled={busy !== null} onClick={props.onUndo}>
                {t.evaluate.undo}
              </Button>
            </div>
          )}
          <FindingsList
            lang={lang}
            findings={result.findings}
            evaluation={result.evaluation}
            onSelectCell={onSelectCell}
            acknowledgements={props.acknowledgements}
            onAcknowledge={props.onAcknowledge}
            onSetRequired={props.onSetRequired}
            busy={busy !== null}
          />
        </section>
      )}
    </div>
  );
}
