/**
 * The workbook layout: which sheets, tables, columns, formulas, conditional formats and summary we read and write,
 * written once against the WorkbookPort so the Excel add-in, the CLI (.xlsx) and the browser preview share it.
 *
 * Every function here makes at most one `readSheets` and one `apply` call, so the Office adapter serves a command in
 * one or two `context.sync()` calls whatever the plan's size: the per-row formulas are `fillFormula` writes (one per
 * column block), highlights are a handful of conditional-format rules over whole ranges, never a rule or fill per
 * cell. The planner's inputs are never overwritten by a check: results go to computed columns and generated sheets.
 *
 * Sheets (ja / en): 計画 Plan (inputs + computed marks), 取組・チェックリスト Activity & checklist (inputs + statuses),
 * 基準 Policy (generated from policy/), 結果 Results (live per line and year), サマリー Summary (print-ready), 履歴 Log.
 */
import { compareScenarios, evaluate, type EvaluablePlan } from '../../evaluate';
import type { Evaluation, Finding } from '../../evaluate/types';
import { LANGS, formatNumber, sectionIn, type Lang } from '../../i18n/format';
import { SHEET_KEYS, SHEET_NAMES, workbookText, type SheetKey } from '../../i18n/workbook';
import { PLAN_FORMAT, type Plan, type PlanLine } from '../../plan/schema';
import { TOOL_NAME, TOOL_VERSION } from '../../version';
import type { SheetSnapshot, WorkbookPort, WriteOp } from '../port';
import type { LegacyPaths } from '../../plan/migrate';
import type { Activity, CoreTechnology, Transfer } from '../../plan/schema';
import { TRANSFER_ACTS } from '../../policy';
import {
  acknowledgementsOps,
  activitiesOps,
  activityResultOps,
  activityTemplateOps,
  checklistOps,
  checklistStatusOps,
  coreTechnologiesOps,
  headerOps,
  readActivitySheet,
  templateActivityGeometry,
  templateCounts,
  transfersOps,
  type Acknowledgement,
  type TableAt,
  type ActivityGeometry,
  type HeaderInput,
} from './activity-sheet';
import { Grid } from './cells';
import { liveFormulas } from './formulas';
import {
  DEFAULT_SCENARIO,
  FINDINGS_TEXT_BUDGET,
  NOTE_CAP,
  RESULTS,
  SPARE_ROWS,
  col,
  statusMirrorCol,
  policyRefs,
  pendingRows,
  resultsRow,
  type PlanGeometry,
} from './geometry';
import { readLogSheet, logSheetOps, type LogRead } from './log-sheet';
import { SheetOps } from './ops';
import { clearLineRowOps, lineRowsOps, planLiveOps, planTemplateOps, readPlanSheet, templateGeometry, type PlanRead } from './plan-sheet';
import { policySheetOps, scenarioListOps } from './policy-sheet';
import { blockFills, pendingRowsOps, resultsCache, resultsSheetOps, type RowStatic } from './results-sheet';
import { submissionOps } from './submission';
import { summarySheetOps } from './summary-sheet';
import { comparisonSheetOps } from './comparison-sheet';

export type { PlanGeometry } from './geometry';
export type { Acknowledgement, HeaderInput } from './activity-sheet';
export { TableFullError } from './activity-sheet';
export { SUBMISSION_SHEETS, japanTime, writtenDate } from './submission';
export { SHEET_NAMES } from '../../i18n/workbook';

export interface CellRef {
  sheet: string;
  /** A1 address without the sheet name. */
  address: string;
}

export interface ReadPlanResult {
  /** Our plan sheet exists. */
  hasPlan: boolean;
  /** The workbook's language, from its sheet names. */
  lang: Lang;
  /** What could be read (the activity is undefined when it is incomplete). */
  plan: EvaluablePlan;
  /** Bad cells: code input.invalid, severity error, with the cell address in path and messages. */
  inputFindings: Finding[];
  /** The cell a finding (engine or input) is about, for "click selects the cell". */
  locate(f: Finding): CellRef | null;
  /** The sheet names of this workbook, by role. */
  sheets: Readonly<Record<SheetKey, string>>;
  /** Which of our sheets exist. */
  existing: ReadonlySet<SheetKey>;
  /** The plan table as found (null when the plan sheet or its header row is missing). */
  planLayout: PlanRead;
  /** The plan row of each line (index = plan.lines index). */
  lineRows: number[];
  activityLayout: ActivityGeometry;
  /** The warnings the planner acknowledged (the activity sheet's table), in sheet order. */
  acknowledgements: Acknowledgement[];
  /**
   * Set for a workbook made by v1 (its one activity as fields, an overseas-base table): pass it to evaluate
   * (`evaluate(read.plan, { inputFindings: read.inputFindings, legacy: read.legacy })`) so findings name those fields.
   */
  legacy?: LegacyPaths;
  log: LogRead;
  /** The policy sheet as read (its scenario list is the planner's). */
  policy?: SheetSnapshot;
  /** Rows in the plan sheet's used range (our computed columns are cleared down to here). */
  planSheetRows: number;
  /** The planner's input cells as read ("計画!J8" → text), for the log's record of what changed between checks. */
  inputCells: Record<string, string>;
}

export interface WriteOptions {
  /** Language of the results, summary and log (the workbook's own sheets keep their language). */
  lang: Lang;
  evaluatedAt: Date;
  version: string;
}

export class NotAPlanWorkbookError extends Error {
  constructor(lang: Lang) {
    super(
      lang === 'ja'
        ? `計画シート（「${SHEET_NAMES.ja.plan}」または「${SHEET_NAMES.en.plan}」）がありません。supply-plan template で作成してください`
        : `no plan sheet ("${SHEET_NAMES.ja.plan}" or "${SHEET_NAMES.en.plan}"): create one with supply-plan template`,
    );
    this.name = 'NotAPlanWorkbookError';
  }
}

const ALL_NAMES = [...new Set([...SHEET_KEYS.map((k) => SHEET_NAMES.ja[k]), ...SHEET_KEYS.map((k) => SHEET_NAMES.en[k])])];
/** Generated sheets whose presence is all a read needs (their cells are rewritten, never read back). */
const READ_OPTIONS = { presenceOnly: (['results', 'summary', 'comparison'] as SheetKey[]).flatMap((k) => [SHEET_NAMES.ja[k], SHEET_NAMES.en[k]]) };

function detectLang(snaps: Record<string, SheetSnapshot | undefined>): Lang | null {
  for (const key of ['plan', 'activity', 'results', 'summary', 'comparison', 'policy', 'log'] as SheetKey[]) {
    if (snaps[SHEET_NAMES.ja[key]]) return 'ja';
    if (snaps[SHEET_NAMES.en[key]]) return 'en';
  }
  return null;
}

/** "2025-11-25 17:30:05 +09:00": the evaluation time in the local time zone, with its offset. */
export function formatTimestamp(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const oh = pad(Math.floor(Math.abs(off) / 60));
  const om = pad(Math.abs(off) % 60);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())} ${sign}${oh}:${om}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

export async function readPlan(port: WorkbookPort): Promise<ReadPlanResult> {
  const snaps = await port.readSheets(ALL_NAMES, READ_OPTIONS);
  return readFromSnapshots(snaps, port.date1904);
}

function readFromSnapshots(snaps: Record<string, SheetSnapshot | undefined>, date1904: boolean): ReadPlanResult {
  const lang = detectLang(snaps) ?? 'ja';
  const sheets = {} as Record<SheetKey, string>;
  const existing = new Set<SheetKey>();
  for (const k of SHEET_KEYS) {
    const snap = snaps[SHEET_NAMES[lang][k]];
    sheets[k] = snap?.name ?? SHEET_NAMES[lang][k];
    if (snap) existing.add(k);
  }
  const planSnap = snaps[SHEET_NAMES[lang].plan];
  const planLayout: PlanRead = planSnap ? readPlanSheet(planSnap) : { geometry: null, lines: [], rows: [], findings: [] };
  const activity = readActivitySheet(snaps[SHEET_NAMES[lang].activity], sheets.activity, lang, date1904);
  const log = readLogSheet(snaps[SHEET_NAMES[lang].log]);
  const lineRows: number[] = [];
  for (const r of planLayout.rows) if (r.line !== undefined) lineRows[r.line] = r.row;

  const plan: EvaluablePlan = {
    format: PLAN_FORMAT,
    applicant: activity.applicant,
    yearBasis: activity.yearBasis,
    activities: activity.activities,
    lines: planLayout.lines,
    coreTechnologies: activity.coreTechnologies,
    transfers: activity.transfers,
    checklist: activity.checklist,
    considerations: activity.considerations,
  };
  if (activity.submissionScenario) plan.submissionScenario = activity.submissionScenario;
  if (activity.applicationDate) plan.applicationDate = activity.applicationDate;
  const inputFindings = [...planLayout.findings, ...planLayout.rows.flatMap((r) => r.findings), ...activity.findings];

  const result: ReadPlanResult = {
    hasPlan: Boolean(planSnap),
    lang,
    plan,
    inputFindings,
    locate: (f) => locateFinding(result, f),
    sheets,
    existing,
    planLayout,
    lineRows,
    activityLayout: activity.geometry,
    acknowledgements: activity.acknowledgements,
    log,
    policy: snaps[SHEET_NAMES[lang].policy],
    planSheetRows: planSnap?.values.length ?? 0,
    inputCells: inputCells(planSnap, planLayout, snaps[SHEET_NAMES[lang].activity], activity.geometry),
  };
  if (activity.legacy) result.legacy = activity.legacy;
  return result;
}

/**
 * The planner's inputs as cell → text: the plan table's input columns and the activity sheet except what a check
 * computes (the checklist status, the tables' result columns). Blank cells are left out.
 */
function inputCells(planSnap: SheetSnapshot | undefined, plan: PlanRead, actSnap: SheetSnapshot | undefined, a: ActivityGeometry): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (sheet: string, row: number, c: number, v: SheetSnapshot['values'][number][number]) => {
    if (v === null || v === '') return;
    out[`${sheet}!${col(c)}${row}`] = typeof v === 'object' ? v.error : String(v);
  };
  const g = plan.geometry;
  if (planSnap && g) {
    const cols = [...(Object.values(g.cols) as number[]), ...g.years.map((y) => y.col)];
    for (let r = g.headerRow; r <= g.lastDataRow; r++) for (const c of cols) put(planSnap.name, r, c, planSnap.values[r - 1]?.[c - 1] ?? null);
  }
  if (actSnap) {
    const computed = new Set<string>();
    if (a.checklistCols.status) for (const r of Object.values(a.checklistRows)) computed.add(`${r},${a.checklistCols.status}`);
    for (const t of [a.tables.activities, a.tables.transfers, a.tables.overseas]) {
      const rc = t?.cols.result;
      if (t && rc) for (let r = t.header + 1; r <= t.last; r++) computed.add(`${r},${rc}`);
    }
    actSnap.values.forEach((row, i) => row.forEach((v, j) => !computed.has(`${i + 1},${j + 1}`) && put(actSnap.name, i + 1, j + 1, v)));
  }
  return out;
}

const CELL_PATH = /^(.*)!\$?([A-Z]{1,3})\$?(\d+)$/;

function locateFinding(read: ReadPlanResult, f: Finding): CellRef | null {
  const cell = CELL_PATH.exec(f.path);
  if (cell) return { sheet: cell[1].replace(/^'(.*)'$/, '$1'), address: `${cell[2]}${cell[3]}` };
  const g = read.planLayout.geometry;
  const at = (sheet: string, row: number, c: number): CellRef => ({ sheet, address: `${col(c)}${row}` });
  const line = /^lines\[(\d+)\](?:\.(\w+))?(?:\.(\d{4}))?/.exec(f.path);
  if (line && g) {
    const row = read.lineRows[Number(line[1])];
    if (row === undefined) return null;
    const field = line[2];
    if (field === 'capacity') {
      const y = g.years.find((x) => x.year === Number(line[3]));
      if (y) return at(g.sheet, row, y.col);
      return g.cols.targets ? at(g.sheet, row, g.cols.targets) : at(g.sheet, row, g.inputLeft);
    }
    if (field === 'item' && g.cols.item) return at(g.sheet, row, g.cols.item);
    if (field === 'targetYears' && g.cols.targets) return at(g.sheet, row, g.cols.targets);
    return at(g.sheet, row, g.inputLeft);
  }
  if (f.path === 'lines' && g) return at(g.sheet, g.headerRow, g.inputLeft);
  const a = read.activityLayout;
  const field = (k: keyof ActivityGeometry['fields']) => (a.fields[k] ? at(a.sheet, a.fields[k]!.row, a.fields[k]!.col) : null);
  const tableCell = <K extends string>(table: TableAt<K> | undefined, i: number, key?: K): CellRef | null => {
    if (!table) return null;
    const row = table.rows[i] ?? table.header + 1;
    const c = (key && table.cols[key]) ?? Math.min(...(Object.values(table.cols) as number[]));
    return at(a.sheet, row, c);
  };
  // A v1 sheet's fields.
  if (f.path === 'activity') {
    const missing = (['kind', 'start', 'end'] as const).find((k) => !read.plan.activities?.[0]?.[k]);
    return field(missing ?? 'kind');
  }
  const v1 = /^activity\.(\w+)/.exec(f.path);
  if (v1) {
    const map: Record<string, keyof ActivityGeometry['fields']> = { end: 'end', start: 'start', kind: 'kind', quantitativeTargets: 'rndTargets', followOn: 'followOn' };
    return map[v1[1]] ? field(map[v1[1]]) : null;
  }
  if (f.path === 'activities') return tableCell(a.tables.activities, 0, 'kind');
  const act = /^activities\[(\d+)\](?:\.(\w+))?(?:\[(\d+)\])?/.exec(f.path);
  if (act) {
    const i = Number(act[1]);
    if (act[2] === 'targets' && act[3] !== undefined) {
      const row = a.targetRows[`${i}.${act[3]}`];
      if (row !== undefined && a.tables.targets) return at(a.sheet, row, a.tables.targets.cols.target ?? a.tables.targets.cols.metric ?? 1);
    }
    const key = ({ start: 'start', end: 'end', capitalInvestment: 'capitalInvestment', investment: 'investment', followOn: 'followOn', targets: 'id', kind: 'kind' } as const)[act[2] as 'start'];
    return tableCell(a.tables.activities, i, key ?? 'id');
  }
  const check = /^checklist\.(.+)$/.exec(f.path);
  if (check) {
    const row = a.checklistRows[check[1] as keyof ActivityGeometry['checklistRows']];
    const c = a.checklistCols.confirmed ?? a.checklistCols.requirement;
    return row !== undefined && c ? at(a.sheet, row, c) : null;
  }
  const tr = /^(?:transfers|overseas)\[(\d+)\]/.exec(f.path);
  if (tr) return a.tables.transfers ? tableCell(a.tables.transfers, Number(tr[1]), 'act') : tableCell(a.tables.overseas, Number(tr[1]), 'base');
  if (f.path.startsWith('coreTechnologies')) return tableCell(a.tables.coreTech, Number(/\[(\d+)\]/.exec(f.path)?.[1] ?? 0), 'name');
  const consideration = /^considerations\.(humanRights|cybersecurity|regionalContribution|jobsCreated)/.exec(f.path);
  if (consideration) return field(consideration[1] as 'humanRights');
  if (f.path === 'applicationDate' || f.path === 'submissionScenario' || f.path === 'yearBasis') return field(f.path);
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Creating

/** The sheets of a new plan workbook; sheets that exist are left as they are (inputs are never overwritten). */
export async function createPlanWorkbook(port: WorkbookPort, opts: { lang: Lang; plan?: EvaluablePlan }): Promise<void> {
  const snaps = await port.readSheets(ALL_NAMES, READ_OPTIONS);
  await port.apply(templateOps(snaps, opts.lang, opts.plan, port.date1904));
}

function templateOps(snaps: Record<string, SheetSnapshot | undefined>, requested: Lang, plan: EvaluablePlan | undefined, date1904: boolean): WriteOp[] {
  const lang = detectLang(snaps) ?? requested;
  const names = SHEET_NAMES[lang];
  const has = (k: SheetKey) => Boolean(snaps[names[k]]);
  const refs = policyRefs(names.policy);
  const ops: WriteOp[] = [];
  const lines = plan?.lines ?? [];
  // Tabs first, in order, so every list and formula below finds its sheet.
  for (const k of ['plan', 'activity', 'policy'] as SheetKey[]) if (!has(k)) ops.push({ kind: 'addSheet', sheet: names[k] });
  if (!has('plan')) ops.push({ kind: 'addSheet', sheet: names.results });
  if (!has('policy')) {
    ops.push(...policySheetOps(names.policy, lang, TOOL_VERSION));
    const scenarios = lines.length ? lines.map((l) => l.scenario) : [DEFAULT_SCENARIO];
    ops.push(...scenarioListOps(names.policy, undefined, scenarios));
  }
  if (!has('activity')) {
    const g = templateActivityGeometry(names.activity, templateCounts(plan as Partial<Plan> | undefined), date1904);
    ops.push(...activityTemplateOps(g, lang, refs, plan as Partial<Plan> | undefined));
  }
  if (!has('plan')) {
    const g = templateGeometry(names.plan, lines, plan?.activities?.length ?? 1);
    const formulas = liveFormulas(g, names.results, refs, lang);
    ops.push(...planTemplateOps(names.plan, names.activity, g, lines, lang));
    ops.push(...planLiveOps(g, lang, formulas, refs, g.lastRow));
    ops.push(...resultsSheetOps({ sheet: names.results, planSheet: names.plan, activitySheet: names.activity, g, formulas, lang }));
    ops.push({ kind: 'activate', sheet: names.plan, select: `A${g.firstRow}` });
  }
  return ops;
}

// ---------------------------------------------------------------------------------------------------------------
// Planner-side writes (task pane)

function requirePlan(read: ReadPlanResult): PlanGeometry {
  const g = read.planLayout.geometry;
  if (!read.hasPlan || !g) throw new NotAPlanWorkbookError(read.lang);
  return g;
}

/** Add lines under the plan table's last line (the table, lists and live formulas grow with it). */
export async function appendLines(port: WorkbookPort, read: ReadPlanResult, lines: PlanLine[]): Promise<void> {
  if (!lines.length) return;
  const g = requirePlan(read);
  const start = g.lastDataRow + 1;
  const grown: PlanGeometry = { ...g, lastDataRow: g.lastDataRow + lines.length, lastRow: Math.max(g.lastRow, g.lastDataRow + lines.length + SPARE_ROWS) };
  const refs = policyRefs(read.sheets.policy);
  const ops: WriteOp[] = lineRowsOps(g.sheet, g, lines, start, read.lang);
  if (grown.lastRow > g.lastRow) {
    const formulas = liveFormulas(grown, read.sheets.results, refs, read.lang);
    ops.push(...planLiveOps(grown, read.lang, formulas, refs, read.planSheetRows, undefined, start));
    if (read.existing.has('results')) ops.push(...resultsExtendOps(read, g, grown));
    else ops.push(...resultsSheetOps({ sheet: read.sheets.results, planSheet: g.sheet, activitySheet: read.sheets.activity, yearBasisCell: read.activityLayout.fields.yearBasis, g: grown, formulas, lang: read.lang }));
  }
  ops.push(...scenarioListOps(read.sheets.policy, read.policy ? new Grid(read.policy) : undefined, lines.map((l) => l.scenario)));
  await port.apply(ops);
}

/** Write lines over the rows they were read from (index = plan.lines index, as read). */
export async function replaceLines(port: WorkbookPort, read: ReadPlanResult, updates: readonly { index: number; line: PlanLine }[]): Promise<void> {
  const g = requirePlan(read);
  const ops = updates.flatMap((u) => lineRowsOps(g.sheet, g, [u.line], read.lineRows[u.index], read.lang));
  ops.push(...scenarioListOps(read.sheets.policy, read.policy ? new Grid(read.policy) : undefined, updates.map((u) => u.line.scenario)));
  if (ops.length) await port.apply(ops);
}

/** Remove lines: their rows' input cells are cleared (the row stays, blank; the reader passes it by). */
export async function removeLines(port: WorkbookPort, read: ReadPlanResult, indexes: readonly number[]): Promise<void> {
  const g = requirePlan(read);
  const ops = indexes.flatMap((i) => clearLineRowOps(g.sheet, g, read.lineRows[i]));
  if (ops.length) await port.apply(ops);
}

/**
 * Results formulas for a plan table that grew, leaving the findings and counts of the last check alone. Every row's
 * formulas are written again, not only the new rows': the group sums run over all rows, down to the new last one.
 */
function resultsExtendOps(read: ReadPlanResult, old: PlanGeometry, grown: PlanGeometry): WriteOp[] {
  // The results sheet speaks the language of the last check; its statuses decide the formulas' labels.
  const lang = read.lang;
  const formulas = liveFormulas(grown, read.sheets.results, policyRefs(read.sheets.policy), lang);
  const from = RESULTS.firstRow;
  const to = resultsRow(grown, grown.lastRow);
  const o = new SheetOps(read.sheets.results);
  const c = RESULTS.cols;
  // The old pending rows' notes and count: rows of the table now, whose findings column holds the last check's.
  const was = pendingRows(old);
  o.clear(was.top, c.row, was.countRow, c.findings);
  for (const k of ['row', 'scenario', 'item', 'use', 'unit', 'verdict', 'useIndex', 'targets', 'baseline', 'group', 'groupBaseline', 'named', 'exact', 'live', 'groupUnit', 'scenarioUse'] as const) {
    o.fill(from, c[k], to, c[k], formulas[k]);
  }
  for (const b of blockFills(grown, formulas)) o.fill(from, b.c1, to, b.c2, b.formula);
  // The pending rows move below the grown table (the old ones are now rows of the table, written above).
  o.push(...pendingRowsOps(read.sheets.results, grown, formulas, false));
  return o.ops;
}

export async function writePlanHeader(port: WorkbookPort, read: ReadPlanResult, header: HeaderInput): Promise<void> {
  if (!read.existing.has('activity')) throw new NotAPlanWorkbookError(read.lang);
  await port.apply(headerOps(read.activityLayout, header, read.lang));
}

export async function writeChecklist(port: WorkbookPort, read: ReadPlanResult, checklist: Plan['checklist']): Promise<void> {
  if (!read.existing.has('activity')) throw new NotAPlanWorkbookError(read.lang);
  await port.apply(checklistOps(read.activityLayout, checklist, read.lang));
}

/** The activities and their R&D targets, written over the activity sheet's two tables (rows beyond them blanked). */
export async function writeActivities(port: WorkbookPort, read: ReadPlanResult, activities: readonly Activity[]): Promise<void> {
  if (!read.existing.has('activity')) throw new NotAPlanWorkbookError(read.lang);
  await port.apply(activitiesOps(read.activityLayout, activities, read.lang));
}

export async function writeCoreTechnologies(port: WorkbookPort, read: ReadPlanResult, list: readonly CoreTechnology[]): Promise<void> {
  if (!read.existing.has('activity')) throw new NotAPlanWorkbookError(read.lang);
  await port.apply(coreTechnologiesOps(read.activityLayout, list, read.lang));
}

export async function writeTransfers(port: WorkbookPort, read: ReadPlanResult, transfers: readonly Transfer[]): Promise<void> {
  if (!read.existing.has('activity')) throw new NotAPlanWorkbookError(read.lang);
  await port.apply(transfersOps(read.activityLayout, transfers, read.lang));
}

/** The acknowledgement of a finding, as the summary and the pane match it: its code and its path. */
export function acknowledgementOf(read: ReadPlanResult, f: Pick<Finding, 'code' | 'path'>): Acknowledgement | undefined {
  return read.acknowledgements.find((a) => a.code === f.code && a.path === f.path && a.note.trim() !== '');
}

/**
 * Acknowledge a warning (note non-empty) or withdraw an acknowledgement (note ''): the table of acknowledged warnings
 * on the activity sheet is written again with the change. Only warnings can be acknowledged: an error is a
 * requirement not met, and a note does not change that.
 */
export async function writeAcknowledgement(port: WorkbookPort, read: ReadPlanResult, f: Pick<Finding, 'code' | 'path' | 'severity'>, note: string): Promise<void> {
  if (!read.existing.has('activity')) throw new NotAPlanWorkbookError(read.lang);
  if (f.severity !== 'warning') throw new Error(`only a warning can be acknowledged (${f.code} is ${f.severity === 'error' ? 'an error' : 'information'})`);
  const others = read.acknowledgements.filter((a) => !(a.code === f.code && a.path === f.path));
  const next = note.trim() ? [...others, { code: f.code, path: f.path, note: note.trim() }] : others;
  await port.apply(acknowledgementsOps(read.activityLayout, next));
}

export async function selectCell(port: WorkbookPort, ref: CellRef): Promise<void> {
  await port.apply([{ kind: 'activate', sheet: ref.sheet, select: ref.address }]);
}

// ---------------------------------------------------------------------------------------------------------------
// Results

/** The plan row a finding is about, when it is one of the plan table's rows. */
function findingRow(read: ReadPlanResult, f: Finding): number | undefined {
  if (f.line !== undefined) return read.lineRows[f.line];
  const g = read.planLayout.geometry;
  const m = CELL_PATH.exec(f.path);
  if (g && m && m[1] === g.sheet) {
    const row = Number(m[3]);
    if (row >= g.firstRow) return row;
  }
  return undefined;
}

function findingLine(f: Finding, lang: Lang): string {
  const t = workbookText(lang);
  return `${t.severity[f.severity].slice(0, 1)} ${f.code} ${sectionIn(f.section, lang)}: ${f.messages[lang]}`;
}

/** A row's findings in few characters (huge plans): one line per code, with its years. */
function compactLines(fs: readonly Finding[], lang: Lang): string[] {
  const t = workbookText(lang);
  const groups = new Map<string, number[]>();
  for (const f of fs) {
    const key = `${t.severity[f.severity].slice(0, 1)} ${f.code} ${sectionIn(f.section, lang)}`;
    const years = groups.get(key) ?? [];
    if (f.year !== undefined) years.push(f.year);
    groups.set(key, years);
  }
  return [...groups].map(([key, years]) => (years.length ? `${key}: ${years.join(', ')}` : key));
}

/** Findings per plan row, and the counts the live verdict adds to the ✖ it counts itself. */
function rowStatics(read: ReadPlanResult, evaluation: Evaluation, lang: Lang): { statics: RowStatic[]; hasError: (row: number) => boolean } {
  const g = read.planLayout.geometry!;
  const byRow = new Map<number, Finding[]>();
  for (const f of evaluation.findings) {
    // A finding about a target group is about each of its lines: each line's verdict is its group's.
    const rows =
      f.group !== undefined
        ? evaluation.groups[f.group].lines.map((i) => read.lineRows[i]).filter((r): r is number => r !== undefined)
        : [findingRow(read, f)].filter((r): r is number => r !== undefined);
    for (const row of rows) byRow.set(row, [...(byRow.get(row) ?? []), f]);
  }
  const columns = new Set(g.years.map((y) => y.year));
  const fullLength = [...byRow.values()].flat().reduce((n, f) => n + f.messages[lang].length + 40, 0);
  const compact = fullLength > FINDINGS_TEXT_BUDGET;
  const used = new Set(read.planLayout.rows.map((r) => r.row));
  const statics: RowStatic[] = [];
  for (let row = g.firstRow; row <= g.lastRow; row++) {
    const fs = byRow.get(row) ?? [];
    if (!used.has(row) && !fs.length) {
      statics.push({ errors: null, warnings: null, text: '' });
      continue;
    }
    // target.short at a year with a column is counted live by the formula (it follows edits); the rest is static.
    const errors = fs.filter((f) => f.severity === 'error' && !(f.code === 'target.short' && f.year !== undefined && columns.has(f.year))).length;
    const warnings = fs.filter((f) => f.severity === 'warning').length;
    statics.push({ errors, warnings, text: (compact ? compactLines(fs, lang) : fs.map((f) => findingLine(f, lang))).join('\n') });
  }
  const errorRows = new Set<number>();
  for (const [row, fs] of byRow) if (fs.some((f) => f.severity === 'error')) errorRows.add(row);
  return { statics, hasError: (row) => errorRows.has(row) };
}

/** Notes on target-point cells naming the required capacity (replaced on every check, capped for huge plans). */
function noteOps(read: ReadPlanResult, evaluation: Evaluation, lang: Lang): { ops: WriteOp[]; cells: string[] } {
  const g = read.planLayout.geometry!;
  const t = workbookText(lang);
  const wanted: { cell: string; text: string; short: boolean }[] = [];
  for (const l of evaluation.lines) {
    const row = read.lineRows[l.index];
    if (row === undefined) continue;
    for (const y of l.years) {
      if (!y.target || y.requiredCapacity === null || y.required === null) continue;
      const c = g.years.find((x) => x.year === y.year);
      if (!c) continue;
      wanted.push({
        cell: `${col(c.col)}${row}`,
        text: t.note({ year: y.year, required: formatNumber(y.requiredCapacity), unit: l.unit, multiplier: String(y.required) }),
        short: y.status === 'short',
      });
    }
  }
  // Short cells first when there are too many: they are what a planner looks for.
  const chosen = wanted.length > NOTE_CAP ? [...wanted.filter((w) => w.short), ...wanted.filter((w) => !w.short)].slice(0, NOTE_CAP) : wanted;
  const keep = new Set(chosen.map((w) => w.cell));
  const ops: WriteOp[] = [];
  // Our notes begin as the note text does in either language; any other note on a cell is the planner's and stays.
  const ownedBy = LANGS.map((l) => workbookText(l).note({ year: 0, required: '', unit: '', multiplier: '' }).split('0')[0]);
  for (const old of read.log.notedCells) if (!keep.has(old)) ops.push({ kind: 'note', sheet: g.sheet, cell: old, text: null, ownedBy });
  for (const w of chosen) ops.push({ kind: 'note', sheet: g.sheet, cell: w.cell, text: w.text, ownedBy });
  return { ops, cells: chosen.map((w) => w.cell) };
}

function summaryOps(read: ReadPlanResult, evaluation: Evaluation, opts: WriteOptions): WriteOp[] {
  return summarySheetOps({
    sheet: read.sheets.summary,
    lang: opts.lang,
    plan: read.plan,
    evaluation,
    evaluatedAt: formatTimestamp(opts.evaluatedAt),
    version: opts.version,
    toolName: TOOL_NAME,
    where: (f) => {
      const c = read.locate(f);
      return c ? `${c.sheet}!${c.address}` : '';
    },
    lineRow: (i) => read.lineRows[i],
    onResults: (f) => findingRow(read, f) !== undefined,
    acknowledged: (f) => acknowledgementOf(read, f)?.note,
  });
}

/**
 * The scenario comparison, when there is something to compare (two scenarios or more) or the sheet is there from an
 * earlier check (then it says there is nothing to compare rather than keep stale figures).
 */
function comparisonOps(read: ReadPlanResult, evaluation: Evaluation, opts: WriteOptions): WriteOp[] {
  const comparison = compareScenarios(read.plan, evaluation);
  if (comparison.scenarios.length < 2 && !read.existing.has('comparison')) return [];
  return comparisonSheetOps({ sheet: read.sheets.comparison, lang: opts.lang, comparison, evaluation, evaluatedAt: formatTimestamp(opts.evaluatedAt) });
}

/** Everything a check writes, as one batch. */
export function resultsOps(read: ReadPlanResult, evaluation: Evaluation, opts: WriteOptions): WriteOp[] {
  const names = read.sheets;
  const refs = policyRefs(names.policy);
  const when = formatTimestamp(opts.evaluatedAt);
  const ops: WriteOp[] = [];
  const comparison = comparisonOps(read, evaluation, opts);
  // Tab order of a new workbook's generated sheets: results, summary, the comparison (when written), log.
  for (const k of ['results', 'summary', ...(comparison.length ? ['comparison'] : []), 'log'] as SheetKey[]) ops.push({ kind: 'addSheet', sheet: names[k] });
  // The policy sheet is generated: written again so formulas and lists match this version of the rules.
  ops.push(...policySheetOps(names.policy, read.lang, opts.version));
  ops.push(...scenarioListOps(names.policy, read.policy ? new Grid(read.policy) : undefined, read.plan.lines.map((l) => l.scenario)));

  const g = read.planLayout.geometry;
  let notedCells: string[] = [];
  if (g) {
    const formulas = liveFormulas(g, names.results, refs, opts.lang);
    const { statics, hasError } = rowStatics(read, evaluation, opts.lang);
    const cache = resultsCache(g, read.planLayout.rows, evaluation, opts.lang, hasError);
    ops.push(
      ...resultsSheetOps({
        sheet: names.results,
        planSheet: g.sheet,
        activitySheet: names.activity,
        yearBasisCell: read.activityLayout.fields.yearBasis,
        yearBasisText: read.existing.has('activity') && read.activityLayout.fields.yearBasis ? undefined : workbookText(opts.lang).yearBasis[read.plan.yearBasis],
        g,
        formulas,
        lang: opts.lang,
        asOf: { when, version: opts.version },
        statics,
        cache,
      }),
    );
    ops.push(
      ...planLiveOps(g, read.lang, formulas, refs, read.planSheetRows, {
        marks: cache.map((r) => r.blocks.status.map((s) => (typeof s === 'string' ? s.slice(0, 1) : ''))),
        verdicts: cache.map((r) => String(r.fixed.verdict)),
      }, g.lastDataRow + 1),
    );
    const notes = noteOps(read, evaluation, opts.lang);
    ops.push(...notes.ops);
    notedCells = notes.cells;
  }

  if (read.existing.has('activity')) {
    const a = read.activityLayout;
    const t = workbookText(read.lang);
    ops.push(...checklistStatusOps(a, read.lang, refs));
    const periods = read.plan.activities?.map((_, i) => {
      const r = evaluation.activities[i];
      return r ? t.periodResult({ ok: r.ok, years: r.fullYears, boundary: r.boundary, kind: r.kind }) : null;
    }) ?? [];
    const prefix = read.legacy ? read.legacy.transfers : 'transfers';
    const transfers = read.plan.transfers.map((x, i) => {
      const fs = evaluation.findings.filter((f) => f.path === `${prefix}[${i}]` || f.path.startsWith(`${prefix}[${i}].`));
      const numeral = TRANSFER_ACTS.find((act) => act.id === x.act)!.numeral;
      if (fs.some((f) => f.code === 'overseas.prior-consultation')) return t.transferResult.consult(numeral);
      return fs.length ? t.transferResult.act(numeral) : t.transferResult.none;
    });
    ops.push(...activityResultOps(a, periods, transfers));
  }

  ops.push(...summaryOps(read, evaluation, opts));
  ops.push(...comparison);
  ops.push(
    ...logSheetOps({
      sheet: names.log,
      lang: opts.lang,
      read: read.log,
      evaluation,
      when,
      version: opts.version,
      lines: read.plan.lines.length,
      notedCells,
      inputs: read.inputCells,
    }),
  );
  return ops;
}

/** Results, highlights, notes, summary and a log row — one `apply`. */
export async function writeResults(port: WorkbookPort, read: ReadPlanResult, evaluation: Evaluation, opts: WriteOptions): Promise<void> {
  await port.apply(resultsOps(read, evaluation, opts));
}

/** The summary sheet only (and its chart). */
export async function writeSummary(port: WorkbookPort, read: ReadPlanResult, evaluation: Evaluation, opts: WriteOptions): Promise<void> {
  await port.apply([{ kind: 'addSheet', sheet: read.sheets.summary }, ...summaryOps(read, evaluation, opts)]);
}

/**
 * "Prepare for submission": the clean copy of a checked workbook, written into `target` (an empty workbook): the
 * reviewer's summary, and the plan sheet (and, when `withResults`, the results sheet with its codes) as values.
 * The policy and log sheets are internal and not copied. `source` is read once; `target` written once.
 */
export async function writeSubmissionCopy(
  source: WorkbookPort,
  target: WorkbookPort,
  read: ReadPlanResult,
  evaluation: Evaluation,
  opts: { lang: Lang; evaluatedAt: Date; version: string; withResults: boolean },
): Promise<void> {
  const names = [read.sheets.plan, ...(opts.withResults ? [read.sheets.results] : [])];
  const snaps = await source.readSheets(names);
  const g = read.planLayout.geometry;
  const copies = names.flatMap((n) => {
    const snapshot = snaps[n];
    if (!snapshot) return [];
    if (n === read.sheets.plan && g) return [{ snapshot: planCopy(snapshot, g, opts.lang), printTitleRows: '1:1' }];
    return [{ snapshot, printTitleRows: n === read.sheets.results ? `${RESULTS.headerRow}:${RESULTS.headerRow}` : undefined }];
  });
  await target.apply(
    submissionOps({
      lang: opts.lang,
      applicant: read.plan.applicant.name,
      joint: read.plan.applicant.joint,
      evaluation,
      activityNames: (read.plan.activities ?? []).map((a) => a.name),
      checklist: read.plan.checklist,
      coreTechnologies: read.plan.coreTechnologies,
      evaluatedAt: opts.evaluatedAt,
      version: opts.version,
      toolName: TOOL_NAME,
      acknowledged: (f) => acknowledgementOf(read, f)?.note,
      comparison: compareScenarios(read.plan, evaluation),
      copies,
    }),
  );
}

/**
 * The plan table for a reviewer: its input columns and the line's verdict, each forecast written with its mark
 * ("✔ 144,000", "✖ 4,332.8") so the status is read, not inferred from a colour, and the mark columns left out.
 */
function planCopy(snapshot: SheetSnapshot, g: PlanGeometry, lang: Lang): SheetSnapshot {
  const grid = new Grid(snapshot);
  const t = workbookText(lang);
  const inputs: number[] = [];
  for (let c = g.inputLeft; c <= g.inputRight; c++) inputs.push(c);
  const markOf = new Map(g.years.map((y, k) => [y.col, statusMirrorCol(g, k)]));
  const values: SheetSnapshot['values'] = [];
  values.push([...inputs.map((c) => grid.value(g.headerRow, c)), t.verdictHeader]);
  for (let r = g.firstRow; r <= g.lastDataRow; r++) {
    const row = inputs.map((c) => {
      const v = grid.value(r, c);
      const mc = markOf.get(c);
      const mark = mc ? grid.value(r, mc) : null;
      if (typeof v === 'number' && (mark === '✔' || mark === '✖')) return `${mark} ${formatNumber(v)}`;
      return typeof v === 'number' && mc ? formatNumber(v) : v;
    });
    if (row.every((v) => v === null || v === '')) continue;
    values.push([...row, grid.value(r, g.computedLeft)]);
  }
  return { name: snapshot.name, values, merges: [] };
}

/** Read the plan, evaluate it with the bad cells as findings, write the results: one read, one write. */
export async function checkWorkbook(
  port: WorkbookPort,
  opts: { lang?: Lang; evaluatedAt: Date; version: string },
): Promise<{ read: ReadPlanResult; evaluation: Evaluation }> {
  const read = await readPlan(port);
  if (!read.hasPlan) throw new NotAPlanWorkbookError(opts.lang ?? read.lang);
  const evaluation = evaluate(read.plan, { inputFindings: read.inputFindings, ...(read.legacy ? { legacy: read.legacy } : {}) });
  await writeResults(port, read, evaluation, { lang: opts.lang ?? read.lang, evaluatedAt: opts.evaluatedAt, version: opts.version });
  return { read, evaluation };
}
