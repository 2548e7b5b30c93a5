import type { Lang } from '../../i18n/format';
import type { PlanLine } from '../../plan/schema';
import type { Busy, Notice } from '../state';
import type { HeaderErrors, HeaderForm } from '../form';
import { HeaderFormView } from './HeaderFormView';
import { LineFormView, type LineFormState } from './LineFormView';
import { NeedsPlanBar } from './PanelCommand';
import { usePaneStyles } from './styles';

export interface PlanPanelProps {
  lang: Lang;
  hasPlan: boolean;
  busy: Busy | null;
  notice: Notice | null;
  header: HeaderForm;
  headerErrors: HeaderErrors;
  onHeaderChange: (form: HeaderForm) => void;
  onSaveHeader: () => Promise<boolean>;
  scenarios: string[];
  lineForm: LineFormState;
  onLineFormChange: (update: (state: LineFormState) => LineFormState) => void;
  onAddLine: (line: PlanLine) => Promise<boolean>;
}

export function PlanPanel(props: PlanPanelProps) {
  const s = usePaneStyles();
  return (
    <div className={s.panel}>
      <NeedsPlanBar lang={props.lang} hasPlan={props.hasPlan} busy={props.busy} />
      <HeaderFormView
        lang={props.lang}
        disabled={!props.hasPlan}
        busy={props.busy}
        saved={props.notice?.kind === 'headerSaved'}
        form={props.header}
        errors={props.headerErrors}
        onChange={props.onHeaderChange}
        onSave={props.onSaveHeader}
      />
      <div className={s.divider} />
      <LineFormView
        lang={props.lang}
        disabled={!props.hasPlan}
        busy={props.busy}
        added={props.notice?.kind === 'lineAdded' ? props.notice.scenario : null}
        scenarios={props.scenarios}
        state={props.lineForm}
        onStateChange={props.onLineFormChange}
        onAdd={props.onAddLine}
      />
    </div>
  );
}
