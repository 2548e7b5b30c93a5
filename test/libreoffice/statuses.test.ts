/**
 * A real spreadsheet program agrees with the engine: LibreOffice opens the checked workbooks, recalculates every
 * formula, and each status, multiple, required capacity, shortfall, ratio, line verdict, plan mark and checklist
 * status it computes must equal what the engine says — for the sample, for the boundary cases of the seed's
 * arithmetic, and after a planner edits forecasts, a baseline and a use in the .xlsx without running our code.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import type * as ExcelJS from 'exceljs';
import { evaluate, supplierHoldsCore, type Evaluation } from '../../src/evaluate';
import { workbookText } from '../../src/i18n/workbook';
import type { Plan, PlanLine } from '../../src/plan/schema';
import { CHECKLIST } from '../../src/policy';
import { checkWorkbook, createPlanWorkbook, readPlan, type ReadPlanResult } from '../../src/workbook/layout';
import { RESULTS, resultsBlocks, statusMirrorCol, type BlockKey } from '../../src/workbook/layout/geometry';
import { forgetOrigin, loadWorkbook, saveWorkbook } from '../../src/workbook/xlsx/io';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';
import { boundaryPlan } from '../layout/fixtures';
import { portOver, samplePlan, tmpDir } from '../layout/helpers';
import { freshProfile, readCsvSheet, toCsv, type CsvSheet } from './soffice';

jest.setTimeout(240_000);

const WHEN = new Date('2025-06-30T01:02:03Z');

interface Case {
  name: string;
  file: string;
  /** The language the check wrote its results in. */
  lang: 'ja' | 'en';
  read: ReadPlanResult;
  evaluation: Evaluation;
  /** Cached values in the file before LibreOffice recalculated (stale after an edit). */
  cachedStatuses: Map<string, string>;
}

let dir: string;
const cases: Record<string, Case> = {};
const sheets: Record<string, Record<string, CsvSheet>> = {};

async function checked(name: string, lang: 'ja' | 'en', plan: Parameters<typeof createPlanWorkbook>[1]['plan'], edit?: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const { wb, port } = portOver();
  await createPlanWorkbook(port, { lang, plan });
  edit?.(wb);
  await checkWorkbook(port, { evaluatedAt: WHEN, version: '0.1.0' });
  const file = path.join(dir, `${name}.xlsx`);
  await saveWorkbook(wb, file);
  return file;
}

/** What the engine says about a file as it is now (read through our reader), and the file's cached statuses. */
async function truth(name: string, file: string, lang: 'ja' | 'en'): Promise<Case> {
  const wb = await loadWorkbook(file);
  const read = await readPlan(new XlsxPort(wb));
  const evaluation = evaluate(read.plan, { inputFindings: read.inputFindings });
  const cachedStatuses = new Map<string, string>();
  const res = wb.getWorksheet(read.sheets.results)!;
  res.eachRow((row, r) =>
    row.eachCell((cell, c) => {
      const v = cell.value as { result?: unknown } | null;
      if (r >= RESULTS.firstRow && v && typeof v === 'object' && typeof v.result === 'string') cachedStatuses.set(`${r},${c}`, v.result);
    }),
  );
  return { name, file, lang, read, evaluation, cachedStatuses };
}

beforeAll(async () => {
  dir = await tmpDir('supply-plan-lo-statuses-');
  const sample = await checked('sample', 'ja', await samplePlan());
  const boundary = await checked('boundary', 'en', boundaryPlan(), (wb) => {
    // Typed as text: full-width digits with a thousands separator (line 2, 2026: 4332.9 → met either way).
    wb.getWorksheet('Plan')!.getCell('K7').value = '４，３３２．９';
  });
  // The planner edits the checked file in a spreadsheet program: no run of our code after this.
  const edited = path.join(dir, 'edited.xlsx');
  const wb = await loadWorkbook(boundary);
  // Edited straight in ExcelJS (not through the port): saved whole, not as a patch of the checked file.
  forgetOrigin(wb);
  const plan = wb.getWorksheet('Plan')!;
  plan.getCell('J7').value = 4332.8; // line 2, 2025: met → short by 0.1
  plan.getCell('J8').value = 4332.9; // line 3, 2025: short → met exactly
  plan.getCell('K5').value = 3.89999; // line 0, 2026: met → short by 0.00001
  plan.getCell('D12').value = 10.4; // line 7 baseline: 14.5 against 1.4 × 10.4 = 14.56 → short
  plan.getCell('C14').value = 'industrial robots only'; // line 9 use: 14 against 1.5 × 10 → short
  plan.getCell('L13').value = 15; // line 8, 2027 gets a forecast: a new default target point, 15 ≥ 1.4 × 10
  await saveWorkbook(wb, edited);

  // Target groups: two plants of one item and use met together, units that differ, a baseline of 0, a line outside
  // the exact range; then edited: one plant's forecast lowered (short) and a line typed into a prepared empty row
  // that makes the group whole again.
  const groups = await checked('groups', 'ja', groupPlan());
  const groupsEdited = path.join(dir, 'groupsEdited.xlsx');
  const gwb = await loadWorkbook(groups);
  const gp = gwb.getWorksheet('計画')!;
  gp.getCell('J6').value = 109.99; // plant B, 2025: 130 + 109.99 < 240
  gp.getCell('A17').value = 'base'; // a new line below the plan's lines (rows 5–16), in the first prepared row
  gp.getCell('B17').value = 'サーボ機構';
  gp.getCell('C17').value = '工作機械のみ';
  gp.getCell('D17').value = 0;
  gp.getCell('E17').value = '台/年';
  gp.getCell('J17').value = 0.01; // 130 + 109.99 + 0.01 = 240: met again
  // Edited straight in ExcelJS, as a planner's program would: saved whole, not as the tool's patch.
  forgetOrigin(gwb);
  await saveWorkbook(gwb, groupsEdited);

  // (ウ) applies only where a supplier holds a listed core technology: one plan lists only the applicant's own (the
  // sheet says 対象外 with the reason, as the engine asks nothing), then the planner marks one as a supplier's in the
  // file (LibreOffice's status turns to 未確認, as the engine's finding does).
  const ownPlan = await samplePlan();
  ownPlan.coreTechnologies = [
    { name: '溝研削の条件', items: ['ボールねじ'], supplierHeld: false, note: '' },
    { name: '熱処理の条件', items: ['減速機'], supplierHeld: false, note: '' },
  ];
  const ownCore = await checked('ownCore', 'ja', ownPlan);
  const ownCoreEdited = path.join(dir, 'ownCoreEdited.xlsx');
  const owb = await loadWorkbook(ownCore);
  const ownRead = await readPlan(new XlsxPort(owb));
  const core = ownRead.activityLayout.tables.coreTech!;
  owb.getWorksheet(ownRead.sheets.activity)!.getRow(core.rows[1]).getCell(core.cols.supplierHeld!).value = 'はい';
  forgetOrigin(owb);
  await saveWorkbook(owb, ownCoreEdited);

  cases.sample = await truth('sample', sample, 'ja');
  cases.ownCore = await truth('ownCore', ownCore, 'ja');
  cases.ownCoreEdited = await truth('ownCoreEdited', ownCoreEdited, 'ja');
  cases.groups = await truth('groups', groups, 'ja');
  cases.groupsEdited = await truth('groupsEdited', groupsEdited, 'ja');
  cases.boundary = await truth('boundary', boundary, 'en');
  cases.edited = await truth('edited', edited, 'en');

  const out = path.join(dir, 'csv');
  await fs.mkdir(out);
  await toCsv(await freshProfile(), [sample, boundary, edited, groups, groupsEdited, ownCore, ownCoreEdited], out);
  for (const c of Object.values(cases)) {
    const s = c.read.sheets;
    sheets[c.name] = {
      results: await readCsvSheet(out, c.name, s.results),
      plan: await readCsvSheet(out, c.name, s.plan),
      activity: await readCsvSheet(out, c.name, s.activity),
    };
  }
});

/** Lines judged as target groups (same scenario, item and use), and the cases a group cannot be judged. */
function groupPlan(): Plan {
  const line = (p: Partial<PlanLine> & Pick<PlanLine, 'item' | 'use' | 'baseline2021' | 'capacity'>): PlanLine => ({ scenario: 'base', unit: '台/年', ...p });
  return {
    format: 'supply-plan/2',
    applicant: { name: 'グループ精機株式会社', joint: false },
    yearBasis: 'calendar',
    activities: [{ id: 'A1', kind: 'capacity', name: '', start: '2024-04-01', end: '2034-03-31', investment: '' }],
    lines: [
      line({ item: 'servo', use: 'machine-tools', site: 'A工場', baseline2021: 100, capacity: { '2025': 130 } }),
      line({ item: 'servo', use: 'machine-tools', site: 'B工場', baseline2021: 100, capacity: { '2025': 110 } }),
      line({ item: 'reducer', use: 'robots', baseline2021: 100, capacity: { '2025': 130 } }),
      line({ item: 'reducer', use: 'robots', unit: 'kg/年', baseline2021: 50, capacity: { '2025': 70 } }),
      line({ item: 'plc', use: 'robots', baseline2021: 0, capacity: { '2025': 10 } }),
      line({ scenario: 'alt', item: 'servo', use: 'machine-tools', baseline2021: 100, capacity: { '2025': 119.99999 } }),
      // Six decimals: outside the range the formulas are exact for — the statuses of the last evaluation are shown, for
      // every line of its scenario and use (a scenario of its own here, so the other groups stay live).
      line({ scenario: 'precise', item: 'linear-guide', use: 'machine-tools', baseline2021: 10.123456, capacity: { '2025': 12.1481472 } }),
      // Units as the engine compares them within a group: case counts ("t" and "T" differ: not judged), width and
      // spaces do not ("ｔ/年" and "t /年" are one unit: 280 against 1.2 × 200 = 240, met), and a unit a criterion
      // would read as a pattern is still itself ("T~*" alone: 100 against 120, short).
      line({ item: 'ball-screw', use: 'machine-tools', unit: 't', baseline2021: 100, capacity: { '2025': 130 } }),
      line({ item: 'ball-screw', use: 'machine-tools', unit: 'T', baseline2021: 100, capacity: { '2025': 130 } }),
      line({ item: 'linear-scale', use: 'machine-tools', unit: 'ｔ/年', baseline2021: 100, capacity: { '2025': 130 } }),
      line({ item: 'linear-scale', use: 'machine-tools', unit: 't /年', baseline2021: 100, capacity: { '2025': 150 } }),
      line({ item: 'mineral-cast', use: 'machine-tools', unit: 'T~*', baseline2021: 100, capacity: { '2025': 100 } }),
    ],
    checklist: {},
    coreTechnologies: [],
    transfers: [],
    considerations: { regionalContribution: '', humanRights: { confirmed: false, note: '' }, cybersecurity: { confirmed: false, note: '' } },
  };
}

function num(s: string): number | null {
  return s === '' ? null : Number(s);
}

function close(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= Math.max(1e-9, Math.abs(b) * 1e-13);
}

/** Every mismatch between LibreOffice's recalculated results and the engine, as readable strings. */
function mismatches(c: Case): string[] {
  const t = workbookText(c.lang);
  const g = c.read.planLayout.geometry!;
  const res = sheets[c.name].results;
  const plan = sheets[c.name].plan;
  const blocks = resultsBlocks(g);
  const out: string[] = [];
  const byRow = new Map(c.read.lineRows.map((row, i) => [row, c.evaluation.lines[i]]));
  let compared = 0;
  for (const info of c.read.planLayout.rows) {
    const line = byRow.get(info.row);
    const rr = RESULTS.firstRow + (info.row - g.firstRow);
    const verdict = res.cell(rr, RESULTS.cols.verdict);
    // A line whose group the formulas cannot judge exactly says its statuses are the last evaluation's.
    const live = res.cell(rr, RESULTS.cols.live) !== '0';
    const expectedVerdict = (line ? t.verdict[line.verdict] : t.verdict.ineligible) + (live ? '' : t.fromLastEvaluation);
    if (verdict !== expectedVerdict) out.push(`row ${info.row}: verdict ${verdict} ≠ ${expectedVerdict}`);
    if (plan.cell(info.row, g.computedLeft) !== expectedVerdict) out.push(`row ${info.row}: plan verdict ${plan.cell(info.row, g.computedLeft)}`);
    if (!line) continue;
    g.years.forEach(({ year }, k) => {
      const y = line.years.find((x) => x.year === year);
      // A block without a column for the year (required capacity after 2030) reads as empty.
      const at = (b: BlockKey) => {
        const c = blocks.col(b, k);
        return c === null ? '' : res.cell(rr, c);
      };
      const status = at('status');
      const expected = y ? t.status[y.status] : '';
      compared++;
      if (status !== expected) out.push(`row ${info.row} ${year}: status "${status}" ≠ "${expected}"`);
      const mark = plan.cell(info.row, statusMirrorCol(g, k));
      if (mark !== expected.slice(0, 1)) out.push(`row ${info.row} ${year}: plan mark "${mark}" ≠ "${expected.slice(0, 1)}"`);
      const pairs: [BlockKey, number | null][] = [
        ['multiplier', y?.target ? y.required : null],
        ['required', y?.target ? y.requiredCapacity : null],
        ['shortfall', y?.target ? y.shortfall : null],
        ['ratio', y?.ratio ?? null],
      ];
      // Where the group is outside the exact range the status is the last evaluation's; the figures are still
      // computed, rounded as the formulas round (6 decimals), so they are not compared.
      for (const [b, want] of live ? pairs : []) {
        const got = num(at(b));
        if (!close(got, want)) out.push(`row ${info.row} ${year}: ${b} ${got} ≠ ${want}`);
      }
    });
  }
  if (compared === 0) out.push('nothing compared');
  return out;
}

test('LibreOffice agrees with the engine on every line and year of the sample (ja)', () => {
  expect(mismatches(cases.sample)).toEqual([]);
});

test('… on the boundary cases: 3 × 1.3 vs 3.9, 7 × 1.6 vs 11.2, 3333 × 1.3 vs 4332.9/4332.8, ≤2025, 2030/2031, robots vs machine tools, 5 decimals near 1e8, yen near 1e10 (en)', () => {
  expect(mismatches(cases.boundary)).toEqual([]);
  const t = workbookText('en');
  const res = sheets.boundary.results;
  const g = cases.boundary.read.planLayout.geometry!;
  const blocks = resultsBlocks(g);
  const status = (planRow: number, year: number) => res.cell(RESULTS.firstRow + planRow - g.firstRow, blocks.col('status', g.years.findIndex((y) => y.year === year))!);
  // Spelled out, so a reader sees the cases (plan rows 5… are lines 0…).
  expect(status(5, 2026)).toBe(t.status.met); // 3.9 against 3 × 1.3
  expect(status(6, 2030)).toBe(t.status.met); // 11.2 against 7 × 1.6
  expect(status(7, 2025)).toBe(t.status.met); // 4332.9 against 3333 × 1.3
  expect(status(7, 2026)).toBe(t.status.met); // typed as text "４，３３２．９"
  expect(status(8, 2025)).toBe(t.status.short); // 4332.8: short by 0.1
  expect(status(9, 2023)).toBe(t.status.met); // a 2023 target point uses the ≤2025 multiple
  expect(status(9, 2024)).toBe(t.status.short); // 129.99999 against 130
  expect(status(10, 2030)).toBe(t.status.met);
  expect(status(10, 2031)).toBe(t.status.info); // after 2030: informational
  expect(status(11, 2031)).toBe(t.status.info); // named 2031: an error finding, no requirement
  expect(status(12, 2028)).toBe(t.status.met); // machine tools 1.4
  expect(status(13, 2028)).toBe(t.status.short); // robots 1.5
  expect(status(15, 2030)).toBe(t.status.met); // 19752.19752 = 12345.12345 × 1.6
  expect(status(16, 2030)).toBe(t.status.short); // one step below
  expect(status(17, 2030)).toBe(t.status.met); // 167901234.60987 against 167901234.609865
  expect(status(18, 2030)).toBe(t.status.short); // 167901234.60986: short by 0.000005
  expect(status(19, 2027)).toBe(t.status.short); // named target point without a forecast
  expect(status(21, 2027)).toBe(t.status.short); // 0.00001 against 1.4 × 0.00001
  expect(status(22, 2026)).toBe(t.status.met); // 6,500,000,000 yen against 5,000,000,000 × 1.3
  expect(status(22, 2027)).toBe(t.status.short); // 6,999,999,999 against × 1.4
  expect(status(23, 2026)).toBe(t.status.met); // 4,333,333,333 against 4,333,333,332.9
  expect(status(23, 2027)).toBe(t.status.short); // 4,666,666,665 against 4,666,666,666.2
});

test('after the planner edits forecasts, a baseline and a use in the file, LibreOffice’s statuses follow — and still agree with the engine', () => {
  const c = cases.edited;
  expect(mismatches(c)).toEqual([]);
  const t = workbookText('en');
  const g = c.read.planLayout.geometry!;
  const blocks = resultsBlocks(g);
  const res = sheets.edited.results;
  const flips: [number, number, string][] = [
    [7, 2025, t.status.short],
    [8, 2025, t.status.met],
    [5, 2026, t.status.short],
    [12, 2028, t.status.short],
    [14, 2028, t.status.short],
    [13, 2027, t.status.met],
  ];
  for (const [planRow, year, expected] of flips) {
    const rr = RESULTS.firstRow + planRow - g.firstRow;
    const cc = blocks.col('status', g.years.findIndex((y) => y.year === year))!;
    expect([planRow, year, res.cell(rr, cc)]).toEqual([planRow, year, expected]);
    // The file still holds the values of the last check: only a recalculation can have produced these.
    expect([planRow, year, c.cachedStatuses.get(`${rr},${cc}`) ?? '']).not.toEqual([planRow, year, expected]);
  }
  // The plan sheet's marks (what the highlights key on) flipped too.
  expect(sheets.edited.plan.cell(7, statusMirrorCol(g, g.years.findIndex((y) => y.year === 2025)))).toBe('✖');
  expect(sheets.edited.plan.cell(8, statusMirrorCol(g, g.years.findIndex((y) => y.year === 2025)))).toBe('✔');
});

test('checklist statuses computed by LibreOffice match the engine’s checklist findings', () => {
  for (const c of Object.values(cases)) {
    const t = workbookText(c.read.lang);
    const a = c.read.activityLayout;
    const sheet = sheets[c.name].activity;
    for (const item of CHECKLIST) {
      const row = a.checklistRows[item.id]!;
      const f = c.evaluation.findings.find((x) => x.path === `checklist.${item.id}`);
      const applies = !('jointOnly' in item && item.jointOnly) || c.read.plan.applicant.joint;
      const expected = !applies
        ? t.checklistStatus.notApplicable
        : 'supplierHeldOnly' in item && item.supplierHeldOnly && !supplierHoldsCore(c.read.plan.coreTechnologies)
          ? t.checklistStatus.notSupplierHeld
          : f?.code === 'checklist.unconfirmed'
          ? t.checklistStatus.unconfirmed
          : f?.code === 'checklist.no-evidence'
            ? t.checklistStatus.noEvidence
            : t.checklistStatus.confirmed;
      expect([c.name, item.id, sheet.cell(row, a.checklistCols.status!)]).toEqual([c.name, item.id, expected]);
    }
  }
  // The (ウ) cases say what a reader sees: not applicable with the reason, then unconfirmed once a supplier holds one.
  const suppliersRow = (name: string) => sheets[name].activity.cell(cases[name].read.activityLayout.checklistRows['measures.suppliers']!, cases[name].read.activityLayout.checklistCols.status!);
  expect(suppliersRow('ownCore')).toBe('· 対象外（取引先が有するコア技術なし）');
  expect(cases.ownCore.evaluation.findings.some((f) => f.path === 'checklist.measures.suppliers')).toBe(false);
  expect(suppliersRow('ownCoreEdited')).toBe('! 未確認');
  expect(cases.ownCoreEdited.evaluation.findings.some((f) => f.path === 'checklist.measures.suppliers' && f.code === 'checklist.unconfirmed')).toBe(true);
});

test('target groups: two plants met together, units that differ and a baseline of 0 not judged, a line outside the exact range shown as last evaluated', () => {
  expect(mismatches(cases.groups)).toEqual([]);
  const t = workbookText('ja');
  const c = cases.groups;
  const g = c.read.planLayout.geometry!;
  const blocks = resultsBlocks(g);
  const res = sheets.groups.results;
  const k2025 = g.years.findIndex((y) => y.year === 2025);
  const at = (planRow: number, b: BlockKey) => res.cell(RESULTS.firstRow + planRow - g.firstRow, blocks.col(b, k2025)!);
  expect([at(5, 'status'), at(6, 'status')]).toEqual([t.status.met, t.status.met]); // 130 + 110 = 240 = 1.2 × 200
  expect([at(5, 'required'), at(5, 'groupForecast'), at(6, 'shortfall')]).toEqual(['240', '240', '0']);
  expect([at(7, 'status'), at(8, 'status')]).toEqual([t.status['not-judged'], t.status['not-judged']]); // 台/年 and kg/年
  expect(at(9, 'status')).toBe(t.status['not-judged']); // a 2021 baseline of 0
  expect(at(10, 'status')).toBe(t.status.short); // 119.99999 against 120
  expect(at(11, 'status')).toBe(t.status.met); // as last evaluated (the verdict says so)
  expect(res.cell(RESULTS.firstRow + 11 - g.firstRow, RESULTS.cols.verdict)).toContain(t.fromLastEvaluation);
  // The plan sheet's marks show the group's status on each of its lines.
  expect([5, 6, 7, 9, 10].map((r) => sheets.groups.plan.cell(r, statusMirrorCol(g, k2025)))).toEqual(['✔', '✔', '？', '？', '✖']);
});

test('target groups after edits in the file: a plant\u2019s forecast lowered and a line typed into a prepared row that joins its group — LibreOffice follows the engine', () => {
  const c = cases.groupsEdited;
  expect(c.read.plan.lines).toHaveLength(13);
  // The new line has no findings of the last evaluation: its verdict says it was not evaluated; its marks are live.
  expect(mismatches(c).filter((m) => !m.startsWith('row 17:'))).toEqual([]);
  expect(sheets.groupsEdited.results.cell(RESULTS.firstRow + 17 - c.read.planLayout.geometry!.firstRow, RESULTS.cols.verdict)).toBe(workbookText('ja').notChecked);
  const g = c.read.planLayout.geometry!;
  const k2025 = g.years.findIndex((y) => y.year === 2025);
  // 130 + 109.99 + 0.01 = 240: the new line (plan row 17) completes the group, and all three show it.
  expect([5, 6, 17].map((r) => sheets.groupsEdited.plan.cell(r, statusMirrorCol(g, k2025)))).toEqual(['✔', '✔', '✔']);
});
