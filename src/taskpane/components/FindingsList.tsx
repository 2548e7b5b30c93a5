import { useState } from 'react';
import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Severity } from '../../evaluate';
import { sectionIn, type Lang } from '../../i18n/format';
import { uiText } from '../../i18n/ui';
import type { CellRef, LocatedFinding } from '../actions';
import { usePaneStyles } from './styles';

export interface FindingsListProps {
  lang: Lang;
  findings: LocatedFinding[];
  onSelectCell: (cell: CellRef) => void;
}

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const SYMBOL: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };
/** A group shows this many findings until asked for all: a large plan can have hundreds. */
const FIRST_SHOWN = 50;

const useStyles = makeStyles({
  group: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  item: {
    display: 'flex',
    columnGap: tokens.spacingHorizontalS,
    width: '100%',
    boxSizing: 'border-box',
    textAlign: 'start',
    paddingTop: tokens.spacingVerticalS,
    paddingBottom: tokens.spacingVerticalS,
    paddingLeft: tokens.spacingHorizontalS,
    paddingRight: tokens.spacingHorizontalS,
    borderTopStyle: 'solid',
    borderRightStyle: 'solid',
    borderBottomStyle: 'solid',
    borderLeftStyle: 'solid',
    borderTopWidth: tokens.strokeWidthThin,
    borderRightWidth: tokens.strokeWidthThin,
    borderBottomWidth: tokens.strokeWidthThin,
    borderLeftWidth: tokens.strokeWidthThickest,
    borderTopColor: tokens.colorNeutralStroke2,
    borderRightColor: tokens.colorNeutralStroke2,
    borderBottomColor: tokens.colorNeutralStroke2,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
  },
  clickable: {
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':active': { backgroundColor: tokens.colorNeutralBackground1Pressed },
    ':focus-visible': {
      outlineStyle: 'solid',
      outlineWidth: tokens.strokeWidthThick,
      outlineColor: tokens.colorStrokeFocus2,
      outlineOffset: '1px',
    },
  },
  error: { borderLeftColor: tokens.colorPaletteRedBorderActive },
  warning: { borderLeftColor: tokens.colorPaletteMarigoldBorderActive },
  info: { borderLeftColor: tokens.colorPaletteBlueBorderActive },
  symbol: { flexShrink: 0 },
  body: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalXXS, minWidth: 0 },
  message: { overflowWrap: 'anywhere' },
  meta: {
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground3,
    overflowWrap: 'anywhere',
  },
  link: { color: tokens.colorBrandForegroundLink },
});

/**
 * A sheet name Excel writes unquoted. Built from a string: a `\p{…}` literal is ES2018 syntax, a parse error for
 * the whole bundle in the webviews the manifest admits (webpack.config.js, ECMA_TARGET); where the webview cannot
 * build it, every name is quoted, which Excel reads just as well.
 */
const PLAIN_SHEET_NAME: RegExp | null = (() => {
  try {
    return new RegExp('^[\\p{L}_][\\p{L}\\p{N}_.]*$', 'u');
  } catch {
    return null;
  }
})();

/** `'計画'!B7` as Excel writes a reference, quoting the sheet name when it needs it. */
export function cellLabel(cell: CellRef): string {
  const sheet = PLAIN_SHEET_NAME?.test(cell.sheet) ? cell.sheet : `'${cell.sheet.replace(/'/g, "''")}'`;
  return `${sheet}!${cell.address}`;
}

/** Findings grouped by severity (errors first); each one with a cell selects that cell on click, Enter or Space. */
export function FindingsList({ lang, findings, onSelectCell }: FindingsListProps) {
  const s = usePaneStyles();
  const f = useStyles();
  const t = uiText(lang);
  const [expanded, setExpanded] = useState<Partial<Record<Severity, boolean>>>({});

  if (findings.length === 0) {
    return <p className={s.text}>{t.evaluate.noFindings}</p>;
  }

  return (
    <div className={s.section}>
      <h3 className={s.subheading}>{t.evaluate.findingsHeading}</h3>
      {SEVERITIES.map((severity) => {
        const group = findings.filter((x) => x.severity === severity);
        if (group.length === 0) return null;
        const shown = expanded[severity] ? group : group.slice(0, FIRST_SHOWN);
        const headingId = `findings-${severity}`;
        return (
          <section key={severity} className={f.group} aria-labelledby={headingId}>
            <h4 id={headingId} className={s.subheading}>
              {t.evaluate.groups[severity](group.length)}
            </h4>
            <ul className={s.list}>
              {shown.map((finding, i) => {
                const content = (
                  <>
                    <span className={f.symbol} aria-hidden="true">
                      {SYMBOL[severity]}
                    </span>
                    <span className={f.body}>
                      <span className={f.message}>{finding.messages[lang]}</span>
                      <span className={f.meta}>
                        {t.evaluate.section}: {sectionIn(finding.section, lang)}
                        {' · '}
                        {finding.cell ? (
                          <span className={f.link}>{t.evaluate.goToCell(cellLabel(finding.cell))}</span>
                        ) : (
                          t.evaluate.noCell
                        )}
                      </span>
                    </span>
                  </>
                );
                const cell = finding.cell;
                return (
                  <li key={`${finding.code}:${finding.path}:${i}`}>
                    {cell ? (
                      <button type="button" className={mergeClasses(f.item, f.clickable, f[severity])} onClick={() => onSelectCell(cell)}>
                        {content}
                      </button>
                    ) : (
                      <div className={mergeClasses(f.item, f[severity])}>{content}</div>
                    )}
                  </li>
                );
              })}
            </ul>
            {shown.length < group.length && (
              <div className={s.actions}>
                <Button size="small" onClick={() => setExpanded((e) => ({ ...e, [severity]: true }))}>
                  {t.evaluate.showAll(group.length)}
                </Button>
              </div>
            )}
          </section>
        );
      })}
    </div>
  );
}
