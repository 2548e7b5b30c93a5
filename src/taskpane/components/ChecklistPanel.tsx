import { useId, type FormEvent } from 'react';
import { Button, Checkbox, Input, Label, MessageBar, MessageBarBody, makeStyles, tokens } from '@fluentui/react-components';
import { sectionIn, type Lang } from '../../i18n/format';
import { uiText } from '../../i18n/ui';
import type { Busy, Notice } from '../state';
import { applicableChecklist, type ChecklistForm } from '../form';
import { NeedsPlanBar, PanelCommand, SuccessBar } from './PanelCommand';
import { usePaneStyles } from './styles';

export interface ChecklistPanelProps {
  lang: Lang;
  hasPlan: boolean;
  busy: Busy | null;
  notice: Notice | null;
  /** A joint application also confirms the 第3章第7節 item. */
  joint: boolean;
  /**
   * Whether a supplier holds a listed core technology (or none is listed): item (ウ) applies only then, and is shown
   * as not applicable otherwise (kept editable: it applies again once a supplier's technology is listed).
   */
  supplierHoldsCore: boolean;
  form: ChecklistForm;
  /** Items changed here and not saved. */
  unsaved: number;
  /** Items changed here and in the sheet, with the sheet's entry; the planner picks one before saving. */
  conflicts: { id: string; theirs: { confirmed: boolean; evidence: string } }[];
  onResolve: (id: string, choice: 'mine' | 'theirs') => void;
  onChange: (form: ChecklistForm) => void;
  onSave: () => void;
}

const useStyles = makeStyles({
  group: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  sectionLabel: {
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottomStyle: 'solid',
    borderBottomWidth: tokens.strokeWidthThin,
    borderBottomColor: tokens.colorNeutralStroke2,
  },
  evidence: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    paddingLeft: '32px',
  },
  note: { color: tokens.colorNeutralForeground3 },
});

export function ChecklistPanel({ lang, hasPlan, busy, notice, joint, supplierHoldsCore, form, unsaved, conflicts, onResolve, onChange, onSave }: ChecklistPanelProps) {
  const s = usePaneStyles();
  const c = useStyles();
  const t = uiText(lang);
  const idBase = useId();
  const items = applicableChecklist(joint);
  const sections = [...new Set(items.map((i) => i.section))];
  const notApplicable = (item: (typeof items)[number]) => 'supplierHeldOnly' in item && item.supplierHeldOnly && !supplierHoldsCore;
  const required = items.filter((i) => !notApplicable(i));
  const done = required.filter((i) => form[i.id]?.confirmed).length;

  const set = (id: string, patch: Partial<ChecklistForm[string]>) =>
    onChange({ ...form, [id]: { ...(form[id] ?? { confirmed: false, evidence: '' }), ...patch } });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!hasPlan || busy !== null) return;
    onSave();
  };

  return (
    <form className={s.panel} noValidate onSubmit={submit} aria-labelledby="checklist-heading">
      <h2 id="checklist-heading" className={s.heading}>
        {t.checklist.heading}
      </h2>
      <p className={s.text}>{t.checklist.intro}</p>
      <NeedsPlanBar lang={lang} hasPlan={hasPlan} busy={busy} />
      <p className={s.hint} aria-live="polite">
        {t.checklist.progress(done, required.length)}
      </p>

      {sections.map((section, index) => {
        const sectionId = `${idBase}-section${index}`;
        return (
          <section key={section} className={c.group} aria-labelledby={sectionId}>
            <h3 id={sectionId} className={c.sectionLabel}>
              {sectionIn(section, lang)}
            </h3>
            {items
              .filter((i) => i.section === section)
              .map((item) => {
                const entry = form[item.id] ?? { confirmed: false, evidence: '' };
                const textId = `${idBase}-${item.id}-text`;
                const evidenceId = `${idBase}-${item.id}-evidence`;
                const evidenceLabelId = `${evidenceId}-label`;
                const jointOnly = 'jointOnly' in item && item.jointOnly;
                const noteId = `${idBase}-${item.id}-note`;
                return (
                  <div key={item.id} className={c.item}>
                    <Checkbox
                      checked={entry.confirmed}
                      onChange={(_, d) => set(item.id, { confirmed: d.checked === true })}
                      label={
                        <span id={textId}>
                          {item[lang]}
                          {jointOnly && <span className={c.note}>{t.checklist.jointOnlyNote}</span>}
                        </span>
                      }
                      aria-describedby={notApplicable(item) ? noteId : undefined}
                    />
                    {notApplicable(item) && (
                      <p id={noteId} className={`${c.note} ${c.evidence}`} data-status="not-applicable">
                        {t.checklist.notSupplierHeldNote}
                      </p>
                    )}
                    <div className={c.evidence}>
                      <Label id={evidenceLabelId} htmlFor={evidenceId} size="small">
                        {t.checklist.evidence}
                      </Label>
                      <Input
                        className={s.fullWidth}
                        id={evidenceId}
                        size="small"
                        aria-labelledby={`${evidenceLabelId} ${textId}`}
                        placeholder={t.checklist.evidencePlaceholder}
                        value={entry.evidence}
                        onChange={(_, d) => set(item.id, { evidence: d.value })}
                      />
                    </div>
                  </div>
                );
              })}
          </section>
        );
      })}

      {conflicts.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <strong>{t.checklist.conflictsHeading}</strong>
            <br />
            {t.checklist.conflictsIntro}
            <ul className={s.list}>
              {conflicts.map(({ id, theirs }) => {
                const item = items.find((i) => i.id === id);
                const mine = form[id] ?? { confirmed: false, evidence: '' };
                const show = (e: { confirmed: boolean; evidence: string }) =>
                  `${e.confirmed ? t.checklist.checked : t.checklist.unchecked}${e.evidence ? ` · ${e.evidence}` : ''}`;
                return (
                  <li key={id}>
                    <strong>{item ? item[lang] : id}</strong>
                    <br />
                    {t.plan.conflictMine(show(mine))}
                    <br />
                    {t.plan.conflictTheirs(show(theirs))}
                    <div className={s.actions}>
                      <Button size="small" onClick={() => onResolve(id, 'mine')}>
                        {t.plan.keepMine}
                      </Button>
                      <Button size="small" onClick={() => onResolve(id, 'theirs')}>
                        {t.plan.takeTheirs}
                      </Button>
                    </div>
                  </li>
                );
              })}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      <SuccessBar text={notice?.kind === 'checklistSaved' ? (notice.nothing ? t.checklist.nothingToSave : t.checklist.saved) : null} />
      {unsaved > 0 && (
        <p className={s.hint} role="status" data-testid="checklist-unsaved">
          {t.unsaved}
        </p>
      )}
      <PanelCommand lang={lang} label={t.checklist.save} command="checklist" busy={busy} disabled={!hasPlan} />
    </form>
  );
}
