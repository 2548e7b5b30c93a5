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
import { evaluate, type EvaluablePlan } from '../../evaluate';
import type { Evaluation, Finding } from '../../evaluate/types';
import { LANGS, formatNumber, sectionIn, type Lang } from '../../i18n/format';
import { SHEET_KEYS, SHEET_NAMES, workbookText, type SheetKey } from '../../i18n/workbook';
import { PLAN_FORMAT, type Plan, type PlanLine } from '../../plan/schema';
import { TOOL_NAME, TOOL_VERSION } from '../../version';
import { shiftFormula } from '../a1';
import type { SheetSnapshot, WorkbookPort, WriteOp } from '../port';
import {
  activityResultOps,
  activityTemplateOps,
  checklistOps,
  checklistStatusOps,
  headerOps,
  readActivitySheet,
  templateActivityGeometry,
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
  policyRefs,
  resultsRow,
  type PlanGeometry,
} from './geometry';
import { readLogSheet, logSheetOps, type LogRead } from './log-sheet';
import { SheetOps } from './ops';
import { lineRowsOps, planLiveOps, planTemplateOps, readPlanSheet, templateGeometry, type PlanRead } from './plan-sheet';
import { policySheetOps, scenarioListOps } from './policy-sheet';
import { blockFills, resultsCache, resultsSheetOps, type RowStatic } from './results-sheet';
import { summarySheetOps } from './summary-sheet';

export type { PlanGeometry } from './geometry';
export type { HeaderInput } from './activity-sheet';
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
  log: LogRead;
  /** The policy sheet as read (its scenario list is the planner's). */
  policy?: SheetSnapshot;
  /** Rows in the plan sheet's used range (our computed columns are cleared down to here). */
  planSheetRows: number;
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
const READ_OPTIONS = { presenceOnly: (['results', 'summary'] as SheetKey[]).flatMap((k) => [SHEET_NAMES.ja[k], SHEET_NAMES.en[k]]) };

function detectLang(snaps: Record<string, SheetSnapshot | undefined>): Lang | null {
  for (const key of ['plan', 'activity', 'results', 'summary', 'policy', 'log'] as SheetKey[]) {
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
    lines: planLayout.lines,
    checklist: activity.checklist,
    overseas: activity.overseas,
  };
  if (activity.activity) plan.activity = activity.activity;
  if (activity.regional) plan.regional = activity.regional;
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
    log,
    policy: snaps[SHEET_NAMES[lang].policy],
    planSheetRows: planSnap?.values.length ?? 0,
  };
  return result;
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
  if (f.path === 'activity') {
    const missing = (['kind', 'start', 'end'] as const).find((k) => {
      const v = read.plan.activity;
      return !v || !v[k];
    });
    return field(missing ?? 'kind');
  }
  const act = /^activity\.(\w+)/.exec(f.path);
  if (act) {
    const map: Record<string, keyof ActivityGeometry['fields']> = { end: 'end', start: 'start', kind: 'kind', quantitativeTargets: 'rndTargets', followOn: 'followOn' };
    return map[act[1]] ? field(map[act[1]]) : null;
  }
  const check = /^checklist\.(.+)$/.exec(f.path);
  if (check) {
    const row = a.checklistRows[check[1] as keyof ActivityGeometry['checklistRows']];
    const c = a.checklistCols.confirmed ?? a.checklistCols.requirement;
    return row !== undefined && c ? at(a.sheet, row, c) : null;
  }
  const ov = /^overseas\[(\d+)\]/.exec(f.path);
  if (ov) {
    const row = a.overseasRows[Number(ov[1])];
    return row !== undefined ? at(a.sheet, row, a.overseasCols.base ?? 1) : null;
  }
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
    const g = templateActivityGeometry(names.activity, plan?.overseas.length ?? 0, date1904);
    ops.push(...activityTemplateOps(g, lang, refs, plan as Partial<Plan> | undefined));
  }
  if (!has('plan')) {
    const g = templateGeometry(names.plan, lines);
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

/** Results formulas for rows a plan table grew by, leaving the rows (and findings) of the last check alone. */
function resultsExtendOps(read: ReadPlanResult, old: PlanGeometry, grown: PlanGeometry): WriteOp[] {
  // The results sheet speaks the language of the last check; its statuses decide the formulas' labels.
  const lang = read.lang;
  const formulas = liveFormulas(grown, read.sheets.results, policyRefs(read.sheets.policy), lang);
  const from = resultsRow(grown, old.lastRow + 1);
  const to = resultsRow(grown, grown.lastRow);
  const dr = from - RESULTS.firstRow;
  const o = new SheetOps(read.sheets.results);
  const c = RESULTS.cols;
  const fill = (c1: number, c2: number, formula: string) => o.fill(from, c1, to, c2, shiftFormula(formula, dr, 0));
  fill(c.row, c.row, formulas.row);
  fill(c.scenario, c.scenario, formulas.scenario);
  fill(c.item, c.item, formulas.item);
  fill(c.use, c.use, formulas.use);
  fill(c.unit, c.unit, formulas.unit);
  fill(c.verdict, c.verdict, formulas.verdict);
  fill(c.useIndex, c.useIndex, formulas.useIndex);
  fill(c.targets, c.targets, formulas.targets);
  fill(c.baseline, c.baseline, formulas.baseline);
  for (const b of blockFills(grown, formulas)) fill(b.c1, b.c2, b.formula);
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
    const row = findingRow(read, f);
    if (row === undefined) continue;
    byRow.set(row, [...(byRow.get(row) ?? []), f]);
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
  });
}

/** Everything a check writes, as one batch. */
export function resultsOps(read: ReadPlanResult, evaluation: Evaluation, opts: WriteOptions): WriteOp[] {
  const names = read.sheets;
  const refs = policyRefs(names.policy);
  const when = formatTimestamp(opts.evaluatedAt);
  const ops: WriteOp[] = [];
  for (const k of ['results', 'summary', 'log'] as SheetKey[]) ops.push({ kind: 'addSheet', sheet: names[k] });
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
    const period = evaluation.activity ? t.periodResult({ ok: evaluation.activity.ok, years: evaluation.activity.fullYears, boundary: evaluation.activity.boundary, kind: evaluation.activity.kind }) : null;
    const overseas = read.plan.overseas.map((_, i) => {
      const f = evaluation.findings.find((x) => x.path === `overseas[${i}]`);
      return !f ? t.overseasResult.none : f.code === 'overseas.prior-consultation' ? t.overseasResult.consult : t.overseasResult.actV;
    });
    ops.push(...activityResultOps(a, period, overseas));
  }

  ops.push(...summaryOps(read, evaluation, opts));
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

/** Read the plan, evaluate it with the bad cells as findings, write the results: one read, one write. */
export async function checkWorkbook(
  port: WorkbookPort,
  opts: { lang?: Lang; evaluatedAt: Date; version: string },
): Promise<{ read: ReadPlanResult; evaluation: Evaluation }> {
  const read = await readPlan(port);
  if (!read.hasPlan) throw new NotAPlanWorkbookError(opts.lang ?? read.lang);
  const evaluation = evaluate(read.plan, { inputFindings: read.inputFindings });
  await writeResults(port, read, evaluation, { lang: opts.lang ?? read.lang, evaluatedAt: opts.evaluatedAt, version: opts.version });
  return { read, evaluation };
}
