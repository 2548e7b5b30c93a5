import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { Lang } from '../../i18n/format';
import { uiText } from '../../i18n/ui';
import type { PlanLine } from '../../plan/schema';
import type { Busy, Notice } from '../App';
import type { HeaderErrors, HeaderForm } from '../form';
import { HeaderFormView } from './HeaderFormView';
import { LineFormView, type LineFormState } from './LineFormView';
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
  const t = uiText(props.lang);
  return (
    <div className={s.panel}>
      {!props.hasPlan && props.busy !== 'detect' && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>{t.plan.needPlan}</MessageBarBody>
        </MessageBar>
      )}
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
