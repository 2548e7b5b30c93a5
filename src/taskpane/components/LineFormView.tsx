import { useRef, type FormEvent } from 'react';
import {
  Checkbox,
  Combobox,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
} from '@fluentui/react-components';
import type { Lang } from '../../i18n/format';
import { uiText } from '../../i18n/ui';
import { ITEMS, USES, type ItemId, type UseId } from '../../policy';
import type { PlanLine } from '../../plan/schema';
import type { Busy } from '../state';
import {
  FORECAST_YEARS,
  TARGET_YEARS,
  emptyLineForm,
  firstErrorField,
  lineFromForm,
  type LineErrors,
  type LineField,
  type LineForm,
} from '../form';
import { PanelCommand, SuccessBar } from './PanelCommand';
import { usePaneStyles } from './styles';

export interface LineFormViewProps {
  lang: Lang;
  disabled: boolean;
  busy: Busy | null;
  /** The scenario the last line went to, to confirm it; null when there is nothing to confirm. */
  added: string | null;
  scenarios: string[];
  /** The form's state lives with the App, so it survives a look at another tab. */
  state: LineFormState;
  onStateChange: (update: (state: LineFormState) => LineFormState) => void;
  onAdd: (line: PlanLine) => Promise<boolean>;
}

export interface LineFormState {
  form: LineForm;
  errors: LineErrors;
  /** The last attempt was refused by the form. */
  failed: boolean;
}

export function initialLineFormState(scenario = 'base'): LineFormState {
  return { form: emptyLineForm(scenario), errors: {}, failed: false };
}

export function LineFormView({ lang, disabled, busy, added, scenarios, state, onStateChange, onAdd }: LineFormViewProps) {
  const s = usePaneStyles();
  const t = uiText(lang);
  const { form, errors, failed } = state;
  const refs = useRef<Partial<Record<LineField, HTMLElement | null>>>({});
  const bind = (field: LineField) => (el: HTMLElement | null) => {
    refs.current[field] = el;
  };

  const update = (patch: Partial<LineForm>, clear: LineField[] = []) =>
    onStateChange((st) => {
      const nextErrors = { ...st.errors };
      for (const c of clear) delete nextErrors[c];
      return { ...st, form: { ...st.form, ...patch }, errors: nextErrors };
    });

  const scenarioOptions = [...new Set([...scenarios, 'base', form.scenario.trim()].filter((x) => x !== ''))];
  const itemName = (id: ItemId | '') => (id ? (ITEMS.find((i) => i.id === id)?.[lang] ?? id) : '');
  const useName = (id: UseId | '') => (id ? (USES.find((u) => u.id === id)?.[lang] ?? id) : '');
  const problem = (field: LineField) => errors[field];
  const fieldState = (field: LineField) =>
    problem(field)
      ? { validationState: 'error' as const, validationMessage: t.validation[problem(field)!] }
      : { validationState: 'none' as const };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (disabled || busy !== null) return;
    const parsed = lineFromForm(form);
    if (!parsed.line) {
      const problems = parsed.errors;
      onStateChange((st) => ({ ...st, errors: problems, failed: true }));
      const first = firstErrorField(problems);
      if (first) refs.current[first]?.focus();
      return;
    }
    onStateChange((st) => ({ ...st, errors: {}, failed: false }));
    const ok = await onAdd(parsed.line);
    // Keep the scenario, item, use and unit: the next line is usually the same item in another scenario or year.
    if (ok) onStateChange((st) => ({ ...st, form: { ...st.form, baseline: '', forecasts: {}, targets: [] } }));
  };

  return (
    <form className={s.section} noValidate onSubmit={submit} aria-labelledby="line-heading">
      <h2 id="line-heading" className={s.heading}>
        {t.plan.lineHeading}
      </h2>

      <Field label={t.plan.scenario} hint={t.plan.scenarioHint} required {...fieldState('scenario')}>
        <Combobox
          className={s.fullWidth}
          freeform
          value={form.scenario}
          selectedOptions={[form.scenario]}
          onChange={(e) => update({ scenario: e.target.value }, ['scenario'])}
          onOptionSelect={(_, d) => update({ scenario: d.optionText ?? d.optionValue ?? '' }, ['scenario'])}
          ref={bind('scenario')}
        >
          {scenarioOptions.map((name) => (
            <Option key={name} value={name}>
              {name}
            </Option>
          ))}
        </Combobox>
      </Field>

      <Field label={t.plan.item} required {...fieldState('item')}>
        <Dropdown
          className={s.fullWidth}
          placeholder={t.plan.choose}
          value={itemName(form.item)}
          selectedOptions={form.item ? [form.item] : []}
          onOptionSelect={(_, d) => update({ item: (d.optionValue ?? '') as ItemId | '' }, ['item'])}
          ref={bind('item')}
        >
          {ITEMS.map((item) => (
            <Option key={item.id} value={item.id} text={item[lang]}>
              {item[lang]}
            </Option>
          ))}
        </Dropdown>
      </Field>

      <Field label={t.plan.use} required {...fieldState('use')}>
        <Dropdown
          className={s.fullWidth}
          placeholder={t.plan.choose}
          value={useName(form.use)}
          selectedOptions={form.use ? [form.use] : []}
          onOptionSelect={(_, d) => update({ use: (d.optionValue ?? '') as UseId | '' }, ['use'])}
          ref={bind('use')}
        >
          {USES.map((use) => (
            <Option key={use.id} value={use.id} text={use[lang]}>
              {use[lang]}
            </Option>
          ))}
        </Dropdown>
      </Field>

      <div className={s.wideNarrow}>
        <Field label={t.plan.baseline} required {...fieldState('baseline')}>
          <Input
            className={s.fullWidth}
            inputMode="decimal"
            value={form.baseline}
            onChange={(_, d) => update({ baseline: d.value }, ['baseline'])}
            ref={bind('baseline')}
          />
        </Field>
        <Field label={t.plan.unit}>
          <Input className={s.fullWidth} value={form.unit} placeholder={t.plan.unitPlaceholder} onChange={(_, d) => update({ unit: d.value })} />
        </Field>
      </div>

      <fieldset className={s.fieldset}>
        <legend className={s.legend}>{t.plan.forecasts}</legend>
        <p className={s.hint}>{t.plan.forecastsHint}</p>
        <div className={s.yearGrid}>
          {FORECAST_YEARS.map((year) => {
            const field = `forecast.${year}` as LineField;
            return (
              <Field key={year} label={String(year)} size="small" {...fieldState(field)}>
                <Input
                  className={s.fullWidth}
                  size="small"
                  inputMode="decimal"
                  aria-label={t.plan.forecastYear(year)}
                  value={form.forecasts[String(year)] ?? ''}
                  onChange={(_, d) => update({ forecasts: { ...form.forecasts, [String(year)]: d.value } }, [field])}
                  ref={bind(field)}
                />
              </Field>
            );
          })}
        </div>
      </fieldset>

      <fieldset className={s.fieldset}>
        <legend className={s.legend}>{t.plan.targets}</legend>
        <p className={s.hint}>{t.plan.targetsHint}</p>
        <div className={s.checkGrid}>
          {TARGET_YEARS.map((year) => (
            <Checkbox
              key={year}
              label={t.plan.targetYear(year)}
              checked={form.targets.includes(year)}
              onChange={(_, d) =>
                update({ targets: d.checked === true ? [...form.targets, year] : form.targets.filter((y) => y !== year) })
              }
            />
          ))}
        </div>
      </fieldset>

      {failed && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{t.plan.fixFields}</MessageBarBody>
        </MessageBar>
      )}
      <SuccessBar text={added !== null && !failed ? t.plan.lineAdded(added) : null} />
      <PanelCommand lang={lang} label={t.plan.addLine} command="line" busy={busy} disabled={disabled} />
    </form>
  );
}
