/**
 * Adding a line, or editing one picked from the lines list. Year boxes take a row or column pasted from Excel
 * (spread over the years from the box pasted into); numbers get messages that say what to change (▲, units typed
 * in, full-width digits are fine), and a forecast that jumps 50× from the year before is flagged as a possible
 * unit slip, without stopping the save.
 */
import { useEffect, useRef, useState, type ClipboardEvent, type FormEvent } from 'react';
import { Button, Checkbox, Dropdown, Field, Input, MessageBar, MessageBarBody, Option } from '@fluentui/react-components';
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
  jumpWarnings,
  lineFromForm,
  spreadPaste,
  type LineErrors,
  type LineField,
  type LineForm,
} from '../form';
import { PanelCommand, SuccessBar } from './PanelCommand';
import { ScenarioCombobox } from './ScenarioCombobox';
import { usePaneStyles } from './styles';

export interface LineFormViewProps {
  lang: Lang;
  disabled: boolean;
  busy: Busy | null;
  /** The success note, or null. */
  doneText: string | null;
  scenarios: { name: string; label: string }[];
  /** Capacity activities a line may name. */
  activities: { id: string; name: string }[];
  /** The form's state lives with the App, so it survives a look at another tab. */
  state: LineFormState;
  onStateChange: (update: (state: LineFormState) => LineFormState) => void;
  /** Adds the line, or replaces line `editing` when the form is editing one. */
  onSubmit: (line: PlanLine, editing: number | null) => Promise<boolean>;
}

export interface LineFormState {
  form: LineForm;
  errors: LineErrors;
  /** The last attempt was refused by the form. */
  failed: boolean;
  /** The index of the line being edited, or null when adding. */
  editing: number | null;
}

export function initialLineFormState(scenario = 'base'): LineFormState {
  return { form: emptyLineForm(scenario), errors: {}, failed: false, editing: null };
}

export function LineFormView({ lang, disabled, busy, doneText, scenarios, activities, state, onStateChange, onSubmit }: LineFormViewProps) {
  const s = usePaneStyles();
  const t = uiText(lang);
  const l = t.lines;
  const { form, errors, failed, editing } = state;
  const [pasted, setPasted] = useState<{ count: number; from: number } | null>(null);
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

  const itemName = (id: ItemId | '') => (id ? (ITEMS.find((i) => i.id === id)?.[lang] ?? id) : '');
  const useName = (id: UseId | '') => (id ? (USES.find((u) => u.id === id)?.[lang] ?? id) : '');
  const fieldState = (field: LineField) =>
    errors[field] ? { validationState: 'error' as const, validationMessage: t.validation[errors[field]!] } : { validationState: 'none' as const };
  const jumps = jumpWarnings(form);
  const heading = useRef<HTMLHeadingElement>(null);

  // "Edit" in the lines list loads a line into this form further down the pane: focus follows, so keyboard and
  // screen-reader users land on what they asked to edit.
  useEffect(() => {
    if (editing !== null) heading.current?.focus();
  }, [editing]);

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
    const ok = await onSubmit(parsed.line, editing);
    // Keep the scenario, item, use and unit: the next line is usually the same item in another scenario or site.
    if (ok) onStateChange((st) => ({ ...st, editing: null, form: { ...st.form, site: '', baseline: '', forecasts: {}, targets: [] } }));
  };

  /** A row or column of numbers copied from Excel fills the years from the box pasted into. */
  const paste = (year: number) => (e: ClipboardEvent<HTMLInputElement>) => {
    const spread = spreadPaste(e.clipboardData.getData('text/plain'), year);
    if (!spread) return;
    e.preventDefault();
    update({ forecasts: { ...form.forecasts, ...spread } }, Object.keys(spread).map((y) => `forecast.${y}` as LineField));
    setPasted({ count: Object.keys(spread).length, from: year });
  };

  return (
    <form className={s.section} noValidate onSubmit={submit} aria-labelledby="line-heading">
      <h2 id="line-heading" className={s.heading} tabIndex={-1} ref={heading}>
        {editing === null ? l.lineHeading : l.editHeading(editing + 1)}
      </h2>

      <Field label={l.scenario} hint={l.scenarioHint} required {...fieldState('scenario')}>
        <ScenarioCombobox className={s.fullWidth} value={form.scenario} options={scenarios} onChange={(name) => update({ scenario: name }, ['scenario'])} ref={bind('scenario')} />
      </Field>

      <Field label={l.item} required {...fieldState('item')}>
        <Dropdown
          className={s.fullWidth}
          placeholder={l.choose}
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

      <Field label={l.use} required {...fieldState('use')}>
        <Dropdown
          className={s.fullWidth}
          placeholder={l.choose}
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

      <Field label={l.siteField} hint={l.siteHint}>
        <Input className={s.fullWidth} value={form.site} onChange={(_, d) => update({ site: d.value })} />
      </Field>

      {activities.length > 1 && (
        <Field label={l.activity}>
          <Dropdown
            className={s.fullWidth}
            value={form.activity ? (activities.find((a) => a.id === form.activity)?.name || form.activity) : l.activityNone}
            selectedOptions={[form.activity]}
            onOptionSelect={(_, d) => update({ activity: d.optionValue ?? '' })}
          >
            <Option value="" text={l.activityNone}>
              {l.activityNone}
            </Option>
            {activities.map((a) => (
              <Option key={a.id} value={a.id} text={a.name || a.id}>
                {a.name ? `${a.id}：${a.name}` : a.id}
              </Option>
            ))}
          </Dropdown>
        </Field>
      )}

      <div className={s.wideNarrow}>
        <Field label={l.baseline} required {...fieldState('baseline')}>
          <Input className={s.fullWidth} inputMode="decimal" value={form.baseline} onChange={(_, d) => update({ baseline: d.value }, ['baseline'])} ref={bind('baseline')} />
        </Field>
        <Field label={l.unit}>
          <Input className={s.fullWidth} value={form.unit} placeholder={l.unitPlaceholder} onChange={(_, d) => update({ unit: d.value })} />
        </Field>
      </div>

      <fieldset className={s.fieldset}>
        <legend className={s.legend}>{l.forecasts}</legend>
        <p className={s.hint}>{l.forecastsHint}</p>
        <div className={s.yearGrid}>
          {FORECAST_YEARS.map((year) => {
            const field = `forecast.${year}` as LineField;
            return (
              <Field key={year} label={String(year)} size="small" {...fieldState(field)}>
                <Input
                  className={s.fullWidth}
                  size="small"
                  inputMode="decimal"
                  aria-label={l.forecastYear(year)}
                  value={form.forecasts[String(year)] ?? ''}
                  onChange={(_, d) => update({ forecasts: { ...form.forecasts, [String(year)]: d.value } }, [field])}
                  onPaste={paste(year)}
                  ref={bind(field)}
                />
              </Field>
            );
          })}
        </div>
        <p className={s.hint} aria-live="polite">
          {pasted ? l.pasted(pasted.count, pasted.from) : ''}
        </p>
      </fieldset>

      {jumps.length > 0 && (
        <MessageBar intent="warning" layout="multiline" data-testid="jump-warning">
          <MessageBarBody>
            <strong>{l.jumpHeading}</strong>
            {jumps.map((j) => (
              <span key={j.year}>
                <br />
                {l.jump(j.year, j.from, j.factor)}
                {j.dotSeparator && (
                  <>
                    <br />
                    {l.dotSeparator}
                  </>
                )}
              </span>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}

      <fieldset className={s.fieldset}>
        <legend className={s.legend}>{l.targets}</legend>
        <p className={s.hint}>{l.targetsHint}</p>
        <div className={s.checkGrid}>
          {TARGET_YEARS.map((year) => (
            <Checkbox
              key={year}
              label={l.targetYear(year)}
              checked={form.targets.includes(year)}
              onChange={(_, d) => update({ targets: d.checked === true ? [...form.targets, year] : form.targets.filter((y) => y !== year) })}
            />
          ))}
        </div>
      </fieldset>

      {failed && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{l.fixFields}</MessageBarBody>
        </MessageBar>
      )}
      <SuccessBar text={!failed ? doneText : null} />
      <PanelCommand lang={lang} label={editing === null ? l.addLine : l.updateLine} command="line" busy={busy} disabled={disabled} />
      {editing !== null && (
        <div className={s.actions}>
          <Button onClick={() => onStateChange((st) => ({ ...st, editing: null, errors: {}, failed: false, form: emptyLineForm(st.form.scenario) }))}>{l.cancelEdit}</Button>
        </div>
      )}
    </form>
  );
}
