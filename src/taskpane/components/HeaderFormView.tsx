import { useEffect, useRef, type FormEvent } from 'react';
import {
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  Textarea,
} from '@fluentui/react-components';
import type { Lang } from '../../i18n/format';
import { uiText } from '../../i18n/ui';
import type { Busy } from '../state';
import type { HeaderErrors, HeaderField, HeaderForm } from '../form';
import { PanelCommand, SuccessBar } from './PanelCommand';
import { usePaneStyles } from './styles';

export interface HeaderFormViewProps {
  lang: Lang;
  disabled: boolean;
  busy: Busy | null;
  saved: boolean;
  form: HeaderForm;
  errors: HeaderErrors;
  onChange: (form: HeaderForm) => void;
  onSave: () => Promise<boolean>;
}

export function HeaderFormView({ lang, disabled, busy, saved, form, errors, onChange, onSave }: HeaderFormViewProps) {
  const s = usePaneStyles();
  const t = uiText(lang);
  const set = <K extends keyof HeaderForm>(key: K, value: HeaderForm[K]) => onChange({ ...form, [key]: value });
  const refs = useRef<Partial<Record<HeaderField, HTMLInputElement | null>>>({});

  // A failed save moves focus to the first field with a problem, so keyboard users land where to fix it.
  useEffect(() => {
    const first = (['start', 'end', 'jobsCreated'] as HeaderField[]).find((f) => errors[f]);
    if (first) refs.current[first]?.focus();
  }, [errors]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (disabled || busy !== null) return;
    void onSave();
  };

  const message = (field: HeaderField) => (errors[field] ? t.validation[errors[field]!] : undefined);

  return (
    <form className={s.section} noValidate onSubmit={submit} aria-labelledby="header-heading">
      <h2 id="header-heading" className={s.heading}>
        {t.plan.headerHeading}
      </h2>

      <Field label={t.plan.applicantName}>
        <Input className={s.fullWidth} value={form.applicantName} onChange={(_, d) => set('applicantName', d.value)} />
      </Field>
      <Checkbox checked={form.joint} onChange={(_, d) => set('joint', d.checked === true)} label={t.plan.joint} />

      <Field label={t.plan.activityKind}>
        <RadioGroup value={form.kind} onChange={(_, d) => set('kind', d.value as HeaderForm['kind'])}>
          <Radio value="capacity" label={t.plan.kindCapacity} />
          <Radio value="rnd" label={t.plan.kindRnd} />
        </RadioGroup>
      </Field>

      <div className={s.twoColumns}>
        {(['start', 'end'] as const).map((field) => (
          <Field
            key={field}
            label={t.plan[field]}
            hint={t.plan.dateHint}
            validationState={errors[field] ? 'error' : 'none'}
            validationMessage={message(field)}
          >
            <Input
              className={s.fullWidth}
              type="date"
              value={form[field]}
              onChange={(_, d) => set(field, d.value)}
              ref={(el) => {
                refs.current[field] = el;
              }}
            />
          </Field>
        ))}
      </div>

      {form.kind === 'rnd' && (
        <>
          <Field label={t.plan.quantitativeTargets} hint={t.plan.quantitativeTargetsHint}>
            <Textarea
              className={s.fullWidth}
              value={form.quantitativeTargets}
              onChange={(_, d) => set('quantitativeTargets', d.value)}
              resize="vertical"
            />
          </Field>
          <Checkbox checked={form.followOn} onChange={(_, d) => set('followOn', d.checked === true)} label={t.plan.followOn} />
        </>
      )}

      <Field label={t.plan.yearBasis}>
        <RadioGroup value={form.yearBasis} onChange={(_, d) => set('yearBasis', d.value as HeaderForm['yearBasis'])}>
          <Radio value="calendar" label={t.plan.calendar} />
          <Radio value="fiscal" label={t.plan.fiscal} />
        </RadioGroup>
      </Field>

      <Field label={t.plan.regionalContribution} hint={t.plan.regionalContributionHint}>
        <Textarea
          className={s.fullWidth}
          value={form.regionalContribution}
          onChange={(_, d) => set('regionalContribution', d.value)}
          resize="vertical"
        />
      </Field>
      <Field
        label={t.plan.jobsCreated}
        validationState={errors.jobsCreated ? 'error' : 'none'}
        validationMessage={message('jobsCreated')}
      >
        <Input
          className={s.fullWidth}
          inputMode="numeric"
          value={form.jobsCreated}
          onChange={(_, d) => set('jobsCreated', d.value)}
          ref={(el) => {
            refs.current.jobsCreated = el;
          }}
        />
      </Field>

      <SuccessBar text={saved ? t.plan.headerSaved : null} />
      <PanelCommand lang={lang} label={t.plan.saveHeader} command="header" busy={busy} disabled={disabled} />
    </form>
  );
}
