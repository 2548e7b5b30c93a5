/**
 * The Plan tab's form: applicant and submission, activities (with R&D targets and follow-on), core technologies,
 * transfer acts and the 第3章第8節 considerations. One form, one save: the pane writes only the fields changed here,
 * and asks which value wins where the sheet changed too (see taskpane/merge.ts and App).
 */
import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { Button, Checkbox, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Radio, RadioGroup, Textarea } from '@fluentui/react-components';
import type { Lang } from '../../i18n/format';
import { uiText } from '../../i18n/ui';
import { TRANSFER_ACTS, type TransferActId } from '../../policy';
import type { Busy } from '../state';
import {
  emptyActivityForm,
  emptyCoreTechnologyForm,
  emptyRndTargetForm,
  emptyTransferForm,
  nextActivityId,
  type ActivityForm,
  type HeaderErrors,
  type HeaderFieldKey,
  type HeaderForm,
} from '../form';
import { PanelCommand, SuccessBar } from './PanelCommand';
import { usePaneStyles } from './styles';

export interface HeaderConflict {
  field: HeaderFieldKey;
  mine: HeaderForm[HeaderFieldKey];
  theirs: HeaderForm[HeaderFieldKey];
}

export interface HeaderFormViewProps {
  lang: Lang;
  disabled: boolean;
  busy: Busy | null;
  /** The success note, or null. */
  savedText: string | null;
  form: HeaderForm;
  errors: HeaderErrors;
  /** Fields changed here and not saved. */
  unsaved: HeaderFieldKey[];
  conflicts: HeaderConflict[];
  scenarios: { name: string; label: string }[];
  onChange: (form: HeaderForm) => void;
  onResolve: (field: HeaderFieldKey, choice: 'mine' | 'theirs') => void;
  onSave: () => Promise<boolean>;
}

export function HeaderFormView(props: HeaderFormViewProps) {
  const { lang, disabled, busy, form, errors, onChange } = props;
  const s = usePaneStyles();
  const t = uiText(lang);
  const p = t.plan;
  const set = <K extends keyof HeaderForm>(key: K, value: HeaderForm[K]) => onChange({ ...form, [key]: value });
  const formRef = useRef<HTMLFormElement>(null);

  // A failed save moves focus to the first field with a problem, so keyboard users land where to fix it.
  useEffect(() => {
    const first = Object.keys(errors)[0];
    if (first) formRef.current?.querySelector<HTMLElement>(`[data-field="${first}"]`)?.focus();
  }, [errors]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (disabled || busy !== null) return;
    void props.onSave();
  };

  const err = (key: string) =>
    errors[key] ? { validationState: 'error' as const, validationMessage: t.validation[errors[key]!] } : { validationState: 'none' as const };

  const text = (key: string, label: string, value: string, onValue: (v: string) => void, opts: { hint?: string; type?: 'date'; numeric?: boolean; multiline?: boolean } = {}) => (
    <Field label={label} hint={opts.hint} {...err(key)}>
      {opts.multiline ? (
        <Textarea className={s.fullWidth} value={value} resize="vertical" data-field={key} onChange={(_, d) => onValue(d.value)} />
      ) : (
        <Input
          className={s.fullWidth}
          type={opts.type ?? 'text'}
          inputMode={opts.numeric ? 'decimal' : undefined}
          value={value}
          data-field={key}
          onChange={(_, d) => onValue(d.value)}
        />
      )}
    </Field>
  );

  const setActivity = (i: number, patch: Partial<ActivityForm>) =>
    set('activities', form.activities.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  const capacityIds = form.activities.filter((a) => a.kind === 'capacity').map((a) => a.id);

  const display = (v: HeaderForm[HeaderFieldKey]) =>
    Array.isArray(v) ? p.listValue(v.length) : typeof v === 'boolean' ? (v ? p.yes : p.no) : v === '' ? p.empty : String(v);

  return (
    <form ref={formRef} className={s.section} noValidate onSubmit={submit} aria-labelledby="header-heading">
      <h2 id="header-heading" className={s.heading}>
        {p.headerHeading}
      </h2>
      {text('applicantName', p.applicantName, form.applicantName, (v) => set('applicantName', v))}
      <Checkbox checked={form.joint} onChange={(_, d) => set('joint', d.checked === true)} label={p.joint} />
      <Field label={p.yearBasis}>
        <RadioGroup value={form.yearBasis} onChange={(_, d) => set('yearBasis', d.value as HeaderForm['yearBasis'])}>
          <Radio value="calendar" label={p.calendar} />
          <Radio value="fiscal" label={p.fiscal} />
        </RadioGroup>
      </Field>
      {text('applicationDate', p.applicationDate, form.applicationDate, (v) => set('applicationDate', v), { type: 'date', hint: p.applicationDateHint })}
      <Field label={p.submissionScenario}>
        <Dropdown
          className={s.fullWidth}
          value={form.submissionScenario ? (props.scenarios.find((x) => x.name === form.submissionScenario)?.label ?? form.submissionScenario) : p.submissionDefault}
          selectedOptions={[form.submissionScenario]}
          onOptionSelect={(_, d) => set('submissionScenario', d.optionValue ?? '')}
        >
          <Option value="" text={p.submissionDefault}>
            {p.submissionDefault}
          </Option>
          {props.scenarios.map((sc) => (
            <Option key={sc.name} value={sc.name} text={sc.label}>
              {sc.label}
            </Option>
          ))}
        </Dropdown>
      </Field>

      <ListSection heading={p.activitiesHeading} id="activities-heading" hint={p.activitiesHint} empty={form.activities.length === 0 ? p.noActivities : null}>
        {form.activities.map((a, i) => {
          const at = `activities.${i}`;
          return (
            <fieldset key={i} className={s.fieldset}>
              <legend className={s.legend}>{p.activityTitle(a.id, a.name)}</legend>
              <div className={s.wideNarrow}>
                {text(`${at}.name`, p.activityName, a.name, (v) => setActivity(i, { name: v }))}
                {text(`${at}.id`, p.activityId, a.id, (v) => setActivity(i, { id: v }))}
              </div>
              <Field label={p.activityKind}>
                <RadioGroup value={a.kind} onChange={(_, d) => setActivity(i, { kind: d.value as ActivityForm['kind'] })}>
                  <Radio value="capacity" label={p.kindCapacity} />
                  <Radio value="rnd" label={p.kindRnd} />
                </RadioGroup>
              </Field>
              <div className={s.twoColumns}>
                {text(`${at}.start`, p.start, a.start, (v) => setActivity(i, { start: v }), { type: 'date' })}
                {text(`${at}.end`, p.end, a.end, (v) => setActivity(i, { end: v }), { type: 'date' })}
              </div>
              {a.kind === 'capacity' ? (
                <>
                  <Field label={p.capitalInvestment}>
                    <RadioGroup layout="horizontal" value={a.capitalInvestment} onChange={(_, d) => setActivity(i, { capitalInvestment: d.value as ActivityForm['capitalInvestment'] })}>
                      <Radio value="yes" label={p.investmentYes} />
                      <Radio value="no" label={p.investmentNo} />
                      <Radio value="" label={p.investmentUnstated} />
                    </RadioGroup>
                  </Field>
                  {text(`${at}.investment`, p.investment, a.investment, (v) => setActivity(i, { investment: v }), { multiline: true })}
                </>
              ) : (
                <>
                  <p className={s.hint}>{p.rndTargetsHint}</p>
                  {a.targets.map((tg, j) => {
                    const tat = `${at}.targets.${j}`;
                    const setTarget = (patch: Partial<typeof tg>) => setActivity(i, { targets: a.targets.map((x, k) => (k === j ? { ...x, ...patch } : x)) });
                    return (
                      <fieldset key={j} className={s.fieldset}>
                        <legend className={s.legend}>{p.targetTitle(j + 1)}</legend>
                        <div className={s.wideNarrow}>
                          {text(`${tat}.metric`, p.metric, tg.metric, (v) => setTarget({ metric: v }))}
                          {text(`${tat}.unit`, p.targetUnit, tg.unit, (v) => setTarget({ unit: v }))}
                        </div>
                        <div className={s.twoColumns}>
                          {text(`${tat}.target`, p.targetValue, tg.target, (v) => setTarget({ target: v }), { numeric: true })}
                          {text(`${tat}.current`, p.currentValue, tg.current, (v) => setTarget({ current: v }), { numeric: true })}
                        </div>
                        {text(`${tat}.currentDate`, p.currentDate, tg.currentDate, (v) => setTarget({ currentDate: v }), { type: 'date' })}
                        <div className={s.actions}>
                          <Button size="small" onClick={() => setActivity(i, { targets: a.targets.filter((_, k) => k !== j) })}>
                            {p.removeTarget(j + 1)}
                          </Button>
                        </div>
                      </fieldset>
                    );
                  })}
                  <div className={s.actions}>
                    <Button size="small" onClick={() => setActivity(i, { targets: [...a.targets, emptyRndTargetForm()] })}>
                      {p.addTarget}
                    </Button>
                  </div>
                  <Field label={p.followOn} hint={p.followOnHint}>
                    <Dropdown
                      className={s.fullWidth}
                      value={a.followOn || p.followOnNone}
                      selectedOptions={[a.followOn]}
                      onOptionSelect={(_, d) => setActivity(i, { followOn: d.optionValue ?? '' })}
                    >
                      <Option value="" text={p.followOnNone}>
                        {p.followOnNone}
                      </Option>
                      {capacityIds.map((id) => (
                        <Option key={id} value={id} text={id}>
                          {form.activities.find((x) => x.id === id)?.name ? `${id}：${form.activities.find((x) => x.id === id)!.name}` : id}
                        </Option>
                      ))}
                    </Dropdown>
                  </Field>
                </>
              )}
              <div className={s.actions}>
                <Button size="small" onClick={() => set('activities', form.activities.filter((_, j) => j !== i))}>
                  {p.removeActivity(a.id)}
                </Button>
              </div>
            </fieldset>
          );
        })}
        <div className={s.actions}>
          <Button size="small" onClick={() => set('activities', [...form.activities, emptyActivityForm(nextActivityId(form.activities))])}>
            {p.addActivity}
          </Button>
        </div>
      </ListSection>

      <ListSection heading={p.coreHeading} id="core-heading" empty={form.coreTechnologies.length === 0 ? p.noCore : null}>
        {form.coreTechnologies.map((c, i) => {
          const at = `coreTechnologies.${i}`;
          const setCore = (patch: Partial<typeof c>) => set('coreTechnologies', form.coreTechnologies.map((x, j) => (j === i ? { ...x, ...patch } : x)));
          return (
            <fieldset key={i} className={s.fieldset}>
              <legend className={s.legend}>{p.coreTitle(i + 1)}</legend>
              {text(`${at}.name`, p.coreName, c.name, (v) => setCore({ name: v }))}
              {text(`${at}.items`, p.coreItems, c.items, (v) => setCore({ items: v }))}
              <Checkbox checked={c.supplierHeld} onChange={(_, d) => setCore({ supplierHeld: d.checked === true })} label={p.supplierHeld} />
              {text(`${at}.note`, p.note, c.note, (v) => setCore({ note: v }))}
              <div className={s.actions}>
                <Button size="small" onClick={() => set('coreTechnologies', form.coreTechnologies.filter((_, j) => j !== i))}>
                  {p.removeCore(i + 1)}
                </Button>
              </div>
            </fieldset>
          );
        })}
        <div className={s.actions}>
          <Button size="small" onClick={() => set('coreTechnologies', [...form.coreTechnologies, emptyCoreTechnologyForm()])}>
            {p.addCore}
          </Button>
        </div>
      </ListSection>

      <ListSection heading={p.transfersHeading} id="transfers-heading" hint={p.transfersHint} empty={form.transfers.length === 0 ? p.noTransfers : null}>
        {form.transfers.map((tr, i) => {
          const at = `transfers.${i}`;
          const setTr = (patch: Partial<typeof tr>) => set('transfers', form.transfers.map((x, j) => (j === i ? { ...x, ...patch } : x)));
          const actText = (id: TransferActId) => {
            const a = TRANSFER_ACTS.find((x) => x.id === id)!;
            return `（${a.numeral}）${a[lang]}`;
          };
          return (
            <fieldset key={i} className={s.fieldset}>
              <legend className={s.legend}>{p.transferTitle(i + 1)}</legend>
              <Field label={p.act}>
                <Dropdown className={s.fullWidth} value={actText(tr.act)} selectedOptions={[tr.act]} onOptionSelect={(_, d) => setTr({ act: (d.optionValue ?? 'i') as TransferActId })}>
                  {TRANSFER_ACTS.map((a) => (
                    <Option key={a.id} value={a.id} text={actText(a.id)}>
                      {actText(a.id)}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
              <Field label={p.by}>
                <RadioGroup layout="horizontal" value={tr.by} onChange={(_, d) => setTr({ by: d.value as typeof tr.by })}>
                  <Radio value="applicant" label={p.byApplicant} />
                  <Radio value="group-company" label={p.byGroup} />
                </RadioGroup>
              </Field>
              <div className={s.twoColumns}>
                {text(`${at}.counterparty`, p.counterparty, tr.counterparty, (v) => setTr({ counterparty: v }))}
                {text(`${at}.country`, p.country, tr.country, (v) => setTr({ country: v }))}
              </div>
              {text(`${at}.technology`, p.technology, tr.technology, (v) => setTr({ technology: v }))}
              {text(`${at}.description`, p.description, tr.description, (v) => setTr({ description: v }), { multiline: true })}
              {tr.act === 'v' && (
                <>
                  {text(`${at}.item`, p.transferItem, tr.item, (v) => setTr({ item: v }))}
                  <div className={s.twoColumns}>
                    {text(`${at}.capacityBefore`, p.capacityBefore, tr.capacityBefore, (v) => setTr({ capacityBefore: v }), { numeric: true })}
                    {text(`${at}.capacityAfter`, p.capacityAfter, tr.capacityAfter, (v) => setTr({ capacityAfter: v }), { numeric: true })}
                  </div>
                  {text(`${at}.localConsumptionShare`, p.localShare, tr.localConsumptionShare, (v) => setTr({ localConsumptionShare: v }), { numeric: true })}
                </>
              )}
              <Checkbox checked={tr.risk} onChange={(_, d) => setTr({ risk: d.checked === true })} label={p.risk} />
              <Checkbox checked={tr.metiRequested} onChange={(_, d) => setTr({ metiRequested: d.checked === true })} label={p.metiRequested} />
              <div className={s.actions}>
                <Button size="small" onClick={() => set('transfers', form.transfers.filter((_, j) => j !== i))}>
                  {p.removeTransfer(i + 1)}
                </Button>
              </div>
            </fieldset>
          );
        })}
        <div className={s.actions}>
          <Button size="small" onClick={() => set('transfers', [...form.transfers, emptyTransferForm()])}>
            {p.addTransfer}
          </Button>
        </div>
      </ListSection>

      <ListSection heading={p.considerationsHeading} id="considerations-heading" hint={p.considerationsHint} empty={null}>
        {text('regionalContribution', p.regionalContribution, form.regionalContribution, (v) => set('regionalContribution', v), { multiline: true })}
        {text('jobsCreated', p.jobsCreated, form.jobsCreated, (v) => set('jobsCreated', v), { numeric: true })}
        <Checkbox checked={form.humanRightsConfirmed} onChange={(_, d) => set('humanRightsConfirmed', d.checked === true)} label={p.humanRights} />
        {text('humanRightsNote', p.humanRightsNote, form.humanRightsNote, (v) => set('humanRightsNote', v))}
        <Checkbox checked={form.cybersecurityConfirmed} onChange={(_, d) => set('cybersecurityConfirmed', d.checked === true)} label={p.cybersecurity} />
        {text('cybersecurityNote', p.cybersecurityNote, form.cybersecurityNote, (v) => set('cybersecurityNote', v))}
      </ListSection>

      {props.conflicts.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <strong>{p.conflictsHeading}</strong>
            <br />
            {p.conflictsIntro}
            <ul className={s.list}>
              {props.conflicts.map((c) => (
                <li key={c.field}>
                  <strong>{p.fieldNames[c.field]}</strong>
                  <br />
                  {p.conflictMine(display(c.mine))}
                  <br />
                  {p.conflictTheirs(display(c.theirs))}
                  <div className={s.actions}>
                    <Button size="small" onClick={() => props.onResolve(c.field, 'mine')}>
                      {p.keepMine}
                    </Button>
                    <Button size="small" onClick={() => props.onResolve(c.field, 'theirs')}>
                      {p.takeTheirs}
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {Object.keys(errors).length > 0 && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{p.fixFields}</MessageBarBody>
        </MessageBar>
      )}
      <SuccessBar text={props.savedText} />
      {props.unsaved.length > 0 && (
        <p className={s.hint} role="status" data-testid="header-unsaved">
          {t.unsaved}：{props.unsaved.map((f) => p.fieldNames[f]).join(lang === 'ja' ? '、' : ', ')}
        </p>
      )}
      <PanelCommand lang={lang} label={p.saveHeader} command="header" busy={busy} disabled={disabled} />
    </form>
  );
}

function ListSection({ heading, id, hint, empty, children }: { heading: string; id: string; hint?: string; empty: string | null; children: ReactNode }) {
  const s = usePaneStyles();
  return (
    <section className={s.section} aria-labelledby={id}>
      <div className={s.divider} />
      <h3 id={id} className={s.subheading}>
        {heading}
      </h3>
      {hint && <p className={s.hint}>{hint}</p>}
      {empty && <p className={s.text}>{empty}</p>}
      {children}
    </section>
  );
}
