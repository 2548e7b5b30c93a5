import type { Lang } from '../../i18n/format';
import type { Busy } from '../state';
import type { HeaderErrors, HeaderFieldKey, HeaderForm } from '../form';
import { HeaderFormView, type HeaderConflict } from './HeaderFormView';
import { NeedsPlanBar } from './PanelCommand';
import { usePaneStyles } from './styles';

export interface PlanPanelProps {
  lang: Lang;
  hasPlan: boolean;
  busy: Busy | null;
  savedText: string | null;
  header: HeaderForm;
  headerErrors: HeaderErrors;
  unsaved: HeaderFieldKey[];
  conflicts: HeaderConflict[];
  scenarios: { name: string; label: string }[];
  onHeaderChange: (form: HeaderForm) => void;
  onResolve: (field: HeaderFieldKey, choice: 'mine' | 'theirs') => void;
  onSaveHeader: () => Promise<boolean>;
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
        savedText={props.savedText}
        form={props.header}
        errors={props.headerErrors}
        unsaved={props.unsaved}
        conflicts={props.conflicts}
        scenarios={props.scenarios}
        onChange={props.onHeaderChange}
        onResolve={props.onResolve}
        onSave={props.onSaveHeader}
      />
    </div>
  );
}
