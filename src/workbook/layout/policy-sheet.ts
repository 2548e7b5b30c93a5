/**
 * The policy sheet (基準 / Policy): the seed's multiplier table, items, uses, constants and sections, generated from
 * policy/ — the workbook's formulas and drop-down lists read from here. Rewritten at every check at fixed
 * positions; only the scenario list is the planner's (written when the sheet is made, then only appended to).
 */
import {
  BASELINE_YEAR,
  FIRST_COLUMN_YEAR,
  ITEMS,
  LAST_TARGET_YEAR,
  MULTIPLIERS,
  MULTIPLIER_YEARS,
  NATIONAL_TARGETS,
  SECTIONS,
  SEED,
  USES,
} from '../../policy';
import { sectionEn, type Lang } from '../../i18n/format';
import { workbookText } from '../../i18n/workbook';
import type { CellInput, WriteOp } from '../port';
import { Grid, cellText } from './cells';
import { COLORS, POLICY, trueTokens, useLookupNames } from './geometry';
import { HEADER_FORMAT, MUTED_FORMAT, SECTION_FORMAT, SheetOps, TITLE_FORMAT } from './ops';

/** The generated part of the policy sheet (everything but the scenario list). */
export function policySheetOps(sheet: string, lang: Lang, version: string): WriteOp[] {
  const t = workbookText(lang);
  const other: Lang = lang === 'ja' ? 'en' : 'ja';
  const p = POLICY;
  const o = new SheetOps(sheet);
  o.push({ kind: 'addSheet', sheet, tabColor: COLORS.tabPolicy });
  o.cell(p.titleRow, 1, t.policyTitle).format(p.titleRow, 1, p.titleRow, 1, TITLE_FORMAT);
  o.cell(p.seedRow, 1, lang === 'ja' ? SEED.titleJa : SEED.titleEn);
  o.cell(p.publisherRow, 1, lang === 'ja' ? `${SEED.publisherJa}　${SEED.revisedJa}（${SEED.revised}）` : `${SEED.publisherEn}, revised ${SEED.revised} (${SEED.revisedJa})`);
  o.cell(p.generatedRow, 1, t.policyGenerated(version)).format(p.generatedRow, 1, p.generatedRow, 1, MUTED_FORMAT);

  // The multiplier table: the formulas look a use up by row and a year up in the header (numbers).
  o.cell(p.multSection, 1, t.policyMultipliers).format(p.multSection, 1, p.multSection, 1, SECTION_FORMAT);
  o.values(p.multHeader, 1, [[t.policyUse, t.policyUseId, ...MULTIPLIER_YEARS]]);
  o.format(p.multHeader, 1, p.multHeader, p.multLastCol, HEADER_FORMAT);
  o.format(p.multHeader, p.multFirstCol, p.multHeader, p.multFirstCol, { numberFormat: t.policyFirstYearFormat });
  o.values(
    p.multFirst,
    1,
    USES.map((u) => [u[lang], u.id, ...MULTIPLIER_YEARS.map((y) => Number(MULTIPLIERS[u.id][y]))]),
  );
  o.format(p.multFirst, 1, p.multLast, p.multLastCol, { border: true });
  o.format(p.multFirst, p.multFirstCol, p.multLast, p.multLastCol, { numberFormat: '0.0' });

  o.cell(p.constSection, 1, t.policyConstants).format(p.constSection, 1, p.constSection, 1, SECTION_FORMAT);
  o.values(p.baselineRow, 1, [
    [t.policyBaselineYear, BASELINE_YEAR],
    [t.policyFirstColumn, FIRST_COLUMN_YEAR],
    [t.policyLastTarget, LAST_TARGET_YEAR],
  ]);
  o.format(p.baselineRow, 1, p.lastTargetRow, 2, { border: true });

  o.cell(p.nationalSection, 1, t.policyNational).format(p.nationalSection, 1, p.nationalSection, 1, SECTION_FORMAT);
  o.values(p.nationalHeader, 1, [t.policyNationalColumns]);
  o.format(p.nationalHeader, 1, p.nationalHeader, 4, HEADER_FORMAT);
  o.values(
    p.nationalHeader + 1,
    1,
    NATIONAL_TARGETS.map((n) => [n[lang], n.year, n.unitsPerYear, Number(n.multiplier)]),
  );
  o.format(p.nationalHeader + 1, 3, p.nationalHeader + NATIONAL_TARGETS.length, 3, { numberFormat: '#,##0' });

  o.cell(p.sectionsSection, 1, t.policySections).format(p.sectionsSection, 1, p.sectionsSection, 1, SECTION_FORMAT);
  o.values(p.sectionsHeader, 1, [t.policySectionColumns]);
  o.format(p.sectionsHeader, 1, p.sectionsHeader, 3, HEADER_FORMAT);
  o.values(
    p.sectionsHeader + 1,
    1,
    Object.entries(SECTIONS).map(([k, s]) => [k, s, sectionEn(s)]),
  );

  // Lists (drop-down sources and lookups), one column each, headers in the list header row.
  const lists: { c: number; header: string; values: CellInput[][]; width: number }[] = [
    {
      c: p.itemCol,
      header: t.policyItems,
      values: ITEMS.map((i) => [i[lang], i.id, i[other], lang === 'ja' ? i.noteJa : i.noteEn]),
      width: 4,
    },
    { c: p.useNameCol, header: t.policyUseNames, values: useLookupNames().map((u) => [u.name, u.index]), width: 2 },
    { c: p.yesNoCol, header: t.policyYesNo, values: [[t.yes], [t.no]], width: 1 },
    { c: p.confirmCol, header: t.policyConfirm, values: [[t.confirmedMark], [t.unconfirmedMark]], width: 1 },
    { c: p.yearBasisCol, header: t.policyYearBasis, values: [[t.yearBasis.calendar], [t.yearBasis.fiscal]], width: 1 },
    { c: p.kindCol, header: t.policyKinds, values: [[t.kind.capacity], [t.kind.rnd]], width: 1 },
    { c: p.trueCol, header: t.policyTrueTokens, values: trueTokens().map((w) => [w]), width: 1 },
  ];
  for (const l of lists) {
    const header: CellInput[] = [l.header];
    if (l.c === p.itemCol) header.push(t.policyItemId, t.policyItemOther, t.policyItemNote);
    if (l.c === p.useNameCol) header.push(t.policyUseIndex);
    o.values(p.listHeader, l.c, [header]);
    o.format(p.listHeader, l.c, p.listHeader, l.c + l.width - 1, HEADER_FORMAT);
    o.values(p.listFirst, l.c, l.values);
  }
  o.cell(p.listHeader, p.scenarioCol, t.policyScenarios);
  o.format(p.listHeader, p.scenarioCol, p.listHeader, p.scenarioCol, HEADER_FORMAT);
  o.format(p.listFirst, p.scenarioCol, p.scenarioLast, p.scenarioCol, { fill: { color: COLORS.input }, border: true });

  o.widths({ A: 30, B: 12, C: 8, D: 8, E: 8, F: 8, G: 8, H: 8, I: 3, J: 18, K: 14, L: 18, M: 36, N: 3, O: 30, P: 8, Q: 3, R: 18, S: 3, T: 10, U: 8, V: 14, W: 22, X: 14 });
  return o.ops;
}

/** The scenario names on the policy sheet's list, in order (blank cells skipped). */
export function readScenarioList(grid: Grid | undefined): { names: string[]; used: number } {
  if (!grid) return { names: [], used: 0 };
  const names: string[] = [];
  let used = 0;
  for (let r = POLICY.listFirst; r <= POLICY.scenarioLast; r++) {
    const s = cellText(grid.value(r, POLICY.scenarioCol)).trim();
    if (s) {
      names.push(s);
      used = r - POLICY.listFirst + 1;
    }
  }
  return { names, used };
}

/**
 * Add scenario names the plan uses but the list lacks, into the list's empty cells (never over a name), so the
 * drop-down offers them. Returns the writes.
 */
export function scenarioListOps(sheet: string, grid: Grid | undefined, wanted: string[]): WriteOp[] {
  const present = new Set(readScenarioList(grid).names.map((n) => n.toLowerCase()));
  const missing = [...new Set(wanted)].filter((n) => n && !present.has(n.toLowerCase()));
  const o = new SheetOps(sheet);
  let r = POLICY.listFirst;
  for (const name of missing) {
    while (r <= POLICY.scenarioLast && grid && cellText(grid.value(r, POLICY.scenarioCol)).trim() !== '') r++;
    if (r > POLICY.scenarioLast) break;
    o.cell(r, POLICY.scenarioCol, name);
    r++;
  }
  return o.ops;
}
