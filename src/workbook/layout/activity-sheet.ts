/**
 * The activity & checklist sheet (取組・チェックリスト / Activity & checklist), plan format v2: the applicant, year
 * basis, submission scenario and application date as label/value fields; then tables — the activities (取組ごとに:
 * id, kind, name, period, capital investment, R&D follow-on), the R&D quantitative targets, the core technologies,
 * the checklist, the transfer acts (ⅰ)–(ⅴ), the 第3章第8節 considerations, and the planner's acknowledged warnings.
 *
 * Fields are found by their labels (value in the cell to the right of the label), tables by their header rows, so a
 * planner may move them about. A table runs from its header to the next header or section title. A workbook made by
 * v1 (one activity as fields, an overseas-base table) still reads: it becomes one activity `A1` and acts (ⅴ), as
 * src/plan/migrate.ts migrates a v1 file, and `legacy` says so (findings then name the v1 fields).
 */
import type { Finding } from '../../evaluate/types';
import { sectionIn, type Bilingual, type Lang } from '../../i18n/format';
import {
  ACK_COLUMN_KEYS,
  ACTIVITY_COLUMN_KEYS,
  APPLICANT_FIELD_KEYS,
  CHECKLIST_COLUMN_KEYS,
  CHECKLIST_COLUMN_SYNONYMS,
  CONSIDERATION_FIELD_KEYS,
  CORE_TECH_COLUMN_KEYS,
  FIELD_KEYS,
  FIELD_SYNONYMS,
  KIND_WORDS,
  OVERSEAS_COLUMN_KEYS,
  OVERSEAS_COLUMN_SYNONYMS,
  TARGET_COLUMN_KEYS,
  TRANSFER_COLUMN_KEYS,
  WORKBOOK_TEXTS,
  YEAR_BASIS_WORDS,
  inputText,
  workbookText,
  type AckColumnKey,
  type ActivityColumnKey,
  type ChecklistColumnKey,
  type CoreTechColumnKey,
  type FieldKey,
  type OverseasColumnKey,
  type TargetColumnKey,
  type TransferColumnKey,
  type WorkbookTexts,
} from '../../i18n/workbook';
import { V1_ACTIVITY_ID, numberInText, type LegacyPaths } from '../../plan/migrate';
import type { Activity, CoreTechnology, Plan, RndTarget, Transfer } from '../../plan/schema';
import { CHECKLIST, SECTIONS, TRANSFER_ACTS, TRANSFER_ACTORS, type ActivityKind, type ChecklistId, type TransferActId, type TransferActor } from '../../policy';
import type { CellInput, CellValue, SheetSnapshot, WriteOp } from '../port';
import {
  Grid,
  cellText,
  foldHeader,
  isBlank,
  isoToSerial,
  labelIndex,
  parseBoolCell,
  parseChoiceCell,
  parseDateCell,
  parseNumberCell,
  parseShareCell,
  parseTextCell,
  type Parsed,
} from './cells';
import { lit } from './formulas';
import { ACTIVITY_TEMPLATE as A, COLORS, activityTemplateRows, col, trueTokens, type PolicyRefs } from './geometry';
import { cellAddr } from './ops';
import { HEADER_FORMAT, SECTION_FORMAT, SheetOps, TITLE_FORMAT } from './ops';
import { inputFinding } from './plan-sheet';

type Pair<K> = [K, string];
const both = <K extends string>(keys: readonly K[], pick: (t: WorkbookTexts, k: K) => string, synonyms?: Readonly<Record<K, readonly string[]>>) =>
  labelIndex<K>(
    keys.flatMap((k) => [[k, pick(WORKBOOK_TEXTS.ja, k)] as Pair<K>, [k, pick(WORKBOOK_TEXTS.en, k)] as Pair<K>, ...(synonyms?.[k] ?? []).map((s) => [k, s] as Pair<K>)]),
  );

const fieldIndex = both(FIELD_KEYS, (t, k) => t.fields[k], FIELD_SYNONYMS);
/** Only the template's own labels end a table (a synonym may well be a value typed in a table). */
const fieldLabels = new Set(FIELD_KEYS.flatMap((k) => [foldHeader(WORKBOOK_TEXTS.ja.fields[k]), foldHeader(WORKBOOK_TEXTS.en.fields[k])]));
const checklistIndex = both(CHECKLIST_COLUMN_KEYS, (t, k) => t.checklistColumns[k], CHECKLIST_COLUMN_SYNONYMS);
const overseasIndex = both(OVERSEAS_COLUMN_KEYS, (t, k) => t.overseasColumns[k], OVERSEAS_COLUMN_SYNONYMS);
const activityIndex = both(ACTIVITY_COLUMN_KEYS, (t, k) => t.activityColumns[k]);
const targetIndex = both(TARGET_COLUMN_KEYS, (t, k) => t.targetColumns[k]);
const coreTechIndex = both(CORE_TECH_COLUMN_KEYS, (t, k) => t.coreTechColumns[k]);
const transferIndex = both(TRANSFER_COLUMN_KEYS, (t, k) => t.transferColumns[k]);
const ackIndex = both(ACK_COLUMN_KEYS, (t, k) => t.ackColumns[k]);
const SECTION_KEYS = ['sectionApplicant', 'sectionActivity', 'sectionTargets', 'sectionCoreTech', 'sectionChecklist', 'sectionTransfers', 'sectionRegional', 'sectionAcks', 'sectionOverseas'] as const;
const sectionTitles = new Set(SECTION_KEYS.flatMap((k) => [foldHeader(WORKBOOK_TEXTS.ja[k]), foldHeader(WORKBOOK_TEXTS.en[k])]));

const checklistByLabel = new Map<string, ChecklistId>();
for (const c of CHECKLIST) {
  checklistByLabel.set(foldHeader(c.id), c.id);
  checklistByLabel.set(foldHeader(c.ja), c.id);
  checklistByLabel.set(foldHeader(c.en), c.id);
}

/** Every way an act may be typed: its drop-down label in either language, its id (v), its numeral (ⅴ), "(v)". */
const ACT_WORDS = Object.fromEntries(
  TRANSFER_ACTS.map((a) => [a.id, [WORKBOOK_TEXTS.ja.act[a.id], WORKBOOK_TEXTS.en.act[a.id], a.id, a.numeral, `(${a.id})`, `(${a.numeral})`, `（${a.numeral}）`]]),
) as Record<TransferActId, string[]>;
const ACTOR_WORDS = Object.fromEntries(TRANSFER_ACTORS.map((a) => [a, [WORKBOOK_TEXTS.ja.actor[a], WORKBOOK_TEXTS.en.actor[a], a]])) as Record<TransferActor, string[]>;

/** Rows a table at the foot of the sheet offers for writing beyond what is typed in it. */
const OPEN_TABLE_ROWS = 20;

export interface Cell {
  row: number;
  col: number;
}

/** A table as found: its header row, its columns, the row of each entry read, and its last row. */
export interface TableAt<K extends string> {
  header: number;
  cols: Partial<Record<K, number>>;
  /** Row of each entry read, in order (index = the plan's index: activities[i], transfers[i] …). */
  rows: number[];
  /** The table's last row (its blank rows included): it runs to the row before the next header or section. */
  last: number;
}

export interface ActivityTables {
  activities?: TableAt<ActivityColumnKey>;
  targets?: TableAt<TargetColumnKey>;
  coreTech?: TableAt<CoreTechColumnKey>;
  transfers?: TableAt<TransferColumnKey>;
  acks?: TableAt<AckColumnKey>;
  /** A v1 workbook's overseas-base table. */
  overseas?: TableAt<OverseasColumnKey>;
}

/** Where the activity sheet keeps things (found by label, or as the template put them). */
export interface ActivityGeometry {
  sheet: string;
  /** The value cell of each field found. */
  fields: Partial<Record<FieldKey, Cell>>;
  checklistHeader?: number;
  checklistCols: Partial<Record<ChecklistColumnKey, number>>;
  /** Row of each checklist item found. */
  checklistRows: Partial<Record<ChecklistId, number>>;
  tables: ActivityTables;
  /** Row of each R&D target read: key `${activity index}.${target index}`. */
  targetRows: Record<string, number>;
  /** The workbook counts dates from 1904 (WorkbookPort.date1904): date serials are read and written in it. */
  date1904?: boolean;
}

/** A warning the planner acknowledged: the finding (its code and what it is about) and why. */
export interface Acknowledgement {
  code: string;
  /** The finding's path (`lines[2].capacity.2026`, `transfers[0]` …): with the code, it names one finding. */
  path: string;
  note: string;
}

export interface ActivityRead {
  geometry: ActivityGeometry;
  applicant: Plan['applicant'];
  yearBasis: Plan['yearBasis'];
  submissionScenario?: string;
  applicationDate?: string;
  activities: Activity[];
  coreTechnologies: CoreTechnology[];
  transfers: Transfer[];
  checklist: Plan['checklist'];
  considerations: Plan['considerations'];
  acknowledgements: Acknowledgement[];
  /** Set when the sheet is a v1 one (its activity as fields): evaluate with it so findings name those fields. */
  legacy?: LegacyPaths;
  findings: Finding[];
}

export function emptyActivityGeometry(sheet: string, date1904 = false): ActivityGeometry {
  return { sheet, fields: {}, checklistCols: {}, checklistRows: {}, tables: {}, targetRows: {}, date1904 };
}

export function emptyConsiderations(): Plan['considerations'] {
  return { regionalContribution: '', humanRights: { confirmed: false, note: '' }, cybersecurity: { confirmed: false, note: '' } };
}

const FIELD_SECTION: Record<FieldKey, string> = {
  applicantName: SECTIONS.scope,
  joint: SECTIONS.multiApplicant,
  yearBasis: SECTIONS.capacityTargets,
  submissionScenario: SECTIONS.capacityTargets,
  applicationDate: SECTIONS.supplementary,
  kind: SECTIONS.scope,
  start: SECTIONS.periods,
  end: SECTIONS.periods,
  rndTargets: SECTIONS.rndTargets,
  followOn: SECTIONS.rndTargets,
  regionalContribution: SECTIONS.considerations,
  jobsCreated: SECTIONS.considerations,
  humanRights: SECTIONS.humanRights,
  humanRightsNote: SECTIONS.humanRights,
  cybersecurity: SECTIONS.cybersecurity,
  cybersecurityNote: SECTIONS.cybersecurity,
};

function findHeaderRow<K extends string>(grid: Grid, index: Map<string, K>, need: K[], from = 1): { row: number; cols: Partial<Record<K, number>> } | null {
  for (let r = from; r <= grid.rows; r++) {
    const cols: Partial<Record<K, number>> = {};
    for (let c = 1; c <= grid.cols; c++) {
      const v = grid.value(r, c);
      if (typeof v !== 'string') continue;
      const k = index.get(foldHeader(v));
      if (k && cols[k] === undefined) cols[k] = c;
    }
    if (need.every((k) => cols[k] !== undefined)) return { row: r, cols };
  }
  return null;
}

type Problem = (row: number, c: number, what: Bilingual, section: string) => void;

/** Reads the cells of one table row, reporting bad cells; `ok` turns false at the first bad one. */
class RowReader<K extends string> {
  ok = true;
  constructor(
    private readonly grid: Grid,
    private readonly row: number,
    private readonly cols: Partial<Record<K, number>>,
    private readonly problem: Problem,
    private readonly section: string,
    private readonly names: Record<K, string>,
    private readonly namesEn: Record<K, string>,
  ) {}

  private take<T>(k: K, parse: (v: CellValue) => Parsed<T>, required: boolean): T | undefined {
    const c = this.cols[k];
    if (c === undefined) return undefined;
    const p = parse(this.grid.raw(this.row, c));
    if (p.kind === 'ok') return p.value;
    if (p.kind === 'bad' || required) {
      this.ok = false;
      this.problem(this.row, c, p.kind === 'bad' ? p.what : inputText.required({ ja: this.names[k], en: this.namesEn[k] }), this.section);
    }
    return undefined;
  }

  get<T>(k: K, parse: (v: CellValue) => Parsed<T>): T | undefined {
    return this.take(k, parse, false);
  }

  need<T>(k: K, parse: (v: CellValue) => Parsed<T>): T | undefined {
    return this.take(k, parse, true);
  }

  blank(keys: readonly K[]): boolean {
    return keys.every((k) => this.cols[k] === undefined || isBlank(this.grid.raw(this.row, this.cols[k]!)));
  }
}

export function readActivitySheet(snapshot: SheetSnapshot | undefined, sheetName: string, lang: Lang, date1904 = false): ActivityRead {
  const out: ActivityRead = {
    geometry: emptyActivityGeometry(sheetName, date1904),
    applicant: { name: '', joint: false },
    yearBasis: 'calendar',
    activities: [],
    coreTechnologies: [],
    transfers: [],
    checklist: {},
    considerations: emptyConsiderations(),
    acknowledgements: [],
    findings: [],
  };
  if (!snapshot) return out;
  const grid = new Grid(snapshot);
  const g = out.geometry;
  const t = workbookText(lang);
  const sheet = grid.name;
  const problem: Problem = (row, c, what, section) => out.findings.push(inputFinding(sheet, row, c, what, section));

  const checklistHead = findHeaderRow(grid, checklistIndex, ['requirement', 'confirmed']);
  const heads = {
    activities: findHeaderRow(grid, activityIndex, ['id', 'kind', 'start', 'end']),
    targets: findHeaderRow(grid, targetIndex, ['activity', 'metric', 'target']),
    coreTech: findHeaderRow(grid, coreTechIndex, ['name', 'supplierHeld']),
    transfers: findHeaderRow(grid, transferIndex, ['act', 'counterparty']),
    acks: findHeaderRow(grid, ackIndex, ['code', 'path', 'note']),
    overseas: findHeaderRow(grid, overseasIndex, ['base', 'before', 'after']),
  };
  // v1's overseas table only where there is no transfer table (their headers share words).
  if (heads.transfers) heads.overseas = null;

  // Where tables end: the next header row, section title or field label.
  const stops = new Set<number>([checklistHead?.row ?? -1, ...Object.values(heads).map((h) => h?.row ?? -1)]);
  // Only column A: titles and labels stand there, and a table's own values (an actor 申請者) may read like one.
  for (let r = 1; r <= grid.rows; r++) {
    const v = grid.raw(r, 1);
    if (typeof v === 'string' && (sectionTitles.has(foldHeader(v)) || fieldLabels.has(foldHeader(v)))) stops.add(r);
  }
  const sortedStops = [...stops].filter((r) => r > 0).sort((a, b) => a - b);
  // The last table on the sheet runs on: its empty rows are not in the used range, but they are the table's.
  const endOf = (header: number) => {
    const next = sortedStops.find((r) => r > header);
    return next === undefined ? Math.max(grid.rows, header + OPEN_TABLE_ROWS) : next - 1;
  };
  const inTable = new Set<number>();
  const at = <K extends string>(h: { row: number; cols: Partial<Record<K, number>> } | null): TableAt<K> | undefined => {
    if (!h) return undefined;
    const last = endOf(h.row);
    for (let r = h.row; r <= last; r++) inTable.add(r);
    return { header: h.row, cols: h.cols, rows: [], last };
  };
  g.tables = {
    activities: at(heads.activities),
    targets: at(heads.targets),
    coreTech: at(heads.coreTech),
    transfers: at(heads.transfers),
    acks: at(heads.acks),
    overseas: at(heads.overseas),
  };
  if (checklistHead) for (let r = checklistHead.row; r <= endOf(checklistHead.row); r++) inTable.add(r);

  // Fields: the first label found outside the tables; the value is the next cell to the right.
  for (let r = 1; r <= grid.rows; r++) {
    if (inTable.has(r)) continue;
    for (let c = 1; c <= grid.cols; c++) {
      const v = grid.raw(r, c);
      if (typeof v !== 'string') continue;
      const k = fieldIndex.get(foldHeader(v));
      if (k && !g.fields[k]) g.fields[k] = { row: r, col: grid.nextCol(r, c) };
    }
  }
  const field = <T>(k: FieldKey, parse: (v: CellValue) => Parsed<T>): T | undefined => {
    const cell = g.fields[k];
    if (!cell) return undefined;
    const p = parse(grid.raw(cell.row, cell.col));
    if (p.kind === 'bad') problem(cell.row, cell.col, p.what, FIELD_SECTION[k]);
    return p.kind === 'ok' ? p.value : undefined;
  };
  const yesNo = (v: CellValue) => parseBoolCell(v, [t.yes, t.no]);
  const date = (v: CellValue) => parseDateCell(v, date1904);
  out.applicant = { name: field('applicantName', parseTextCell) ?? '', joint: field('joint', yesNo) ?? false };
  out.yearBasis = field('yearBasis', (v) => parseChoiceCell(v, YEAR_BASIS_WORDS, [t.yearBasis.calendar, t.yearBasis.fiscal])) ?? 'calendar';
  const submission = field('submissionScenario', parseTextCell);
  if (submission) out.submissionScenario = submission;
  const applied = field('applicationDate', date);
  if (applied) out.applicationDate = applied;

  const c = out.considerations;
  c.regionalContribution = field('regionalContribution', parseTextCell) ?? '';
  const jobs = field('jobsCreated', (v) => parseNumberCell(v, 'nonNegative'));
  if (jobs !== undefined) c.jobsCreated = jobs;
  c.humanRights = { confirmed: field('humanRights', yesNo) ?? false, note: field('humanRightsNote', parseTextCell) ?? '' };
  c.cybersecurity = { confirmed: field('cybersecurity', yesNo) ?? false, note: field('cybersecurityNote', parseTextCell) ?? '' };

  if (g.tables.activities) readActivities(grid, g.tables.activities, out, lang, problem);
  else readV1Activity(g, out, lang, field);
  if (g.tables.targets) readTargets(grid, g.tables.targets, out, problem);
  if (g.tables.coreTech) readCoreTech(grid, g.tables.coreTech, out, lang, problem);
  if (checklistHead) readChecklist(grid, checklistHead, out, lang, problem);
  if (g.tables.transfers) readTransfers(grid, g.tables.transfers, out, lang, problem);
  if (g.tables.overseas) readOverseas(grid, g.tables.overseas, out, lang, problem);
  if (g.tables.acks) readAcks(grid, g.tables.acks, out);
  return out;
}

/** A v1 sheet: the activity as fields (kind, start, end, target texts, follow-on yes/no), migrated as migrate.ts does. */
function readV1Activity(g: ActivityGeometry, out: ActivityRead, lang: Lang, field: <T>(k: FieldKey, parse: (v: CellValue) => Parsed<T>) => T | undefined): void {
  if (!g.fields.kind && !g.fields.start && !g.fields.end) return;
  const t = workbookText(lang);
  const kind = field<ActivityKind>('kind', (v) => parseChoiceCell(v, KIND_WORDS, [t.kind.capacity, t.kind.rnd]));
  const start = field('start', (v) => parseDateCell(v, g.date1904));
  const end = field('end', (v) => parseDateCell(v, g.date1904));
  const targetsText = field('rndTargets', parseTextCell);
  const followOn = field('followOn', (v) => parseBoolCell(v, [t.yes, t.no]));
  out.legacy = {
    format: 'supply-plan/1',
    activity: 'activity',
    rndTargets: 'activity.quantitativeTargets',
    followOn: 'activity.followOn',
    transfers: 'overseas',
    considerations: 'regional',
    followOnDeclared: kind === 'rnd' && followOn === true,
  };
  if (!kind || !start || !end) return;
  if (end < start) {
    out.findings.push(inputFinding(g.sheet, g.fields.end!.row, g.fields.end!.col, inputText.endBeforeStart(start, end), SECTIONS.periods));
    return;
  }
  if (kind === 'capacity') {
    out.activities.push({ id: V1_ACTIVITY_ID, kind, name: '', start, end, investment: '' });
  } else {
    const targets: RndTarget[] = (targetsText ?? '')
      .split(/\r?\n/)
      .map((s) => s.trim())
      .filter(Boolean)
      .map((text) => {
        const target = numberInText(text);
        return target === undefined ? { metric: text, unit: '' } : { metric: text, unit: '', target };
      });
    out.activities.push({ id: V1_ACTIVITY_ID, kind, name: '', start, end, targets });
  }
}

function readActivities(grid: Grid, table: TableAt<ActivityColumnKey>, out: ActivityRead, lang: Lang, problem: Problem): void {
  const t = workbookText(lang);
  const inputs: ActivityColumnKey[] = ['id', 'kind', 'name', 'start', 'end', 'capitalInvestment', 'investment', 'followOn'];
  for (let r = table.header + 1; r <= table.last; r++) {
    const row = new RowReader(grid, r, table.cols, problem, SECTIONS.periods, t.activityColumns, WORKBOOK_TEXTS.en.activityColumns);
    if (row.blank(inputs)) continue;
    // An activity with no id of its own is named by its place (A1, A2 …), as lines and follow-ons can name it.
    const id = row.get('id', parseTextCell) || `A${out.activities.length + 1}`;
    const kind = row.need<ActivityKind>('kind', (v) => parseChoiceCell(v, KIND_WORDS, [t.kind.capacity, t.kind.rnd]));
    const name = row.get('name', parseTextCell) ?? '';
    const start = row.need('start', (v) => parseDateCell(v, out.geometry.date1904));
    const end = row.need('end', (v) => parseDateCell(v, out.geometry.date1904));
    const capitalInvestment = row.get('capitalInvestment', (v) => parseBoolCell(v, [t.yes, t.no]));
    const investment = row.get('investment', parseTextCell) ?? '';
    const followOn = row.get('followOn', parseTextCell);
    if (!row.ok || !kind || !start || !end) continue;
    if (end < start) {
      problem(r, table.cols.end!, inputText.endBeforeStart(start, end), SECTIONS.periods);
      continue;
    }
    let activity: Activity;
    if (kind === 'capacity') {
      activity = { id, kind, name, start, end, investment };
      if (capitalInvestment !== undefined) activity.capitalInvestment = capitalInvestment;
    } else {
      activity = { id, kind, name, start, end, targets: [] };
      if (followOn) activity.followOn = followOn;
    }
    table.rows.push(r);
    out.activities.push(activity);
  }
}

function readTargets(grid: Grid, table: TableAt<TargetColumnKey>, out: ActivityRead, problem: Problem): void {
  const ja = WORKBOOK_TEXTS.ja.targetColumns;
  const en = WORKBOOK_TEXTS.en.targetColumns;
  const rnd = out.activities.map((a, i) => ({ a, i })).filter((x) => x.a.kind === 'rnd');
  for (let r = table.header + 1; r <= table.last; r++) {
    const row = new RowReader(grid, r, table.cols, problem, SECTIONS.rndTargets, ja, en);
    if (row.blank(TARGET_COLUMN_KEYS)) continue;
    const id = row.get('activity', parseTextCell);
    const metric = row.need('metric', parseTextCell);
    const unit = row.get('unit', parseTextCell) ?? '';
    const target = row.get('target', (v) => parseNumberCell(v));
    const current = row.get('current', (v) => parseNumberCell(v));
    const currentDate = row.get('currentDate', (v) => parseDateCell(v, out.geometry.date1904));
    // The one R&D activity is meant when the id is left empty.
    const owner = id ? rnd.find((x) => x.a.id === id) : rnd.length === 1 ? rnd[0] : undefined;
    if (!owner && table.cols.activity) {
      problem(r, table.cols.activity, id ? inputText.unknownActivity(id) : inputText.required({ ja: ja.activity, en: en.activity }), SECTIONS.rndTargets);
      continue;
    }
    if (!row.ok || !metric || !owner) continue;
    const entry: RndTarget = { metric, unit };
    if (target !== undefined) entry.target = target;
    if (current !== undefined) entry.current = current;
    if (currentDate !== undefined) entry.currentDate = currentDate;
    const a = owner.a as Extract<Activity, { kind: 'rnd' }>;
    out.geometry.targetRows[`${owner.i}.${a.targets.length}`] = r;
    a.targets.push(entry);
  }
}

function readCoreTech(grid: Grid, table: TableAt<CoreTechColumnKey>, out: ActivityRead, lang: Lang, problem: Problem): void {
  const t = workbookText(lang);
  for (let r = table.header + 1; r <= table.last; r++) {
    const row = new RowReader(grid, r, table.cols, problem, SECTIONS.coreTech, t.coreTechColumns, WORKBOOK_TEXTS.en.coreTechColumns);
    if (row.blank(CORE_TECH_COLUMN_KEYS)) continue;
    const name = row.need('name', parseTextCell);
    const items = (row.get('items', parseTextCell) ?? '').split(/[,、，\n]/).map((s) => s.trim()).filter(Boolean);
    const supplierHeld = row.get('supplierHeld', (v) => parseBoolCell(v, [t.yes, t.no])) ?? false;
    const note = row.get('note', parseTextCell) ?? '';
    if (!row.ok || !name) continue;
    table.rows.push(r);
    out.coreTechnologies.push({ name, items, supplierHeld, note });
  }
}

function readChecklist(grid: Grid, head: { row: number; cols: Partial<Record<ChecklistColumnKey, number>> }, out: ActivityRead, lang: Lang, problem: Problem): void {
  const g = out.geometry;
  const t = workbookText(lang);
  g.checklistHeader = head.row;
  g.checklistCols = head.cols;
  const cols = head.cols;
  const keyCols = [cols.id, cols.requirement, cols.confirmed, cols.evidence].filter((c): c is number => c !== undefined);
  for (let r = head.row + 1; r <= grid.rows; r++) {
    if (keyCols.every((c) => isBlank(grid.raw(r, c)))) break;
    const byId = cols.id ? checklistByLabel.get(foldHeader(cellText(grid.value(r, cols.id)))) : undefined;
    const byLabel = cols.requirement ? checklistByLabel.get(foldHeader(cellText(grid.value(r, cols.requirement)))) : undefined;
    const id = byId ?? byLabel;
    const confirmedCell = cols.confirmed ? grid.raw(r, cols.confirmed) : null;
    const evidenceCell = cols.evidence ? grid.raw(r, cols.evidence) : null;
    if (!id) {
      if (!isBlank(confirmedCell) || !isBlank(evidenceCell)) {
        const c = cols.requirement ?? cols.id!;
        problem(r, c, inputText.unknownChecklist(grid.text(r, c)), SECTIONS.scope);
      }
      continue;
    }
    if (g.checklistRows[id] !== undefined) continue;
    g.checklistRows[id] = r;
    const section = CHECKLIST.find((c) => c.id === id)!.section;
    const confirmed = parseBoolCell(confirmedCell, [t.confirmedMark, t.unconfirmedMark]);
    if (confirmed.kind === 'bad') problem(r, cols.confirmed!, confirmed.what, section);
    const evidence = parseTextCell(evidenceCell);
    if (evidence.kind === 'bad') problem(r, cols.evidence!, evidence.what, section);
    if (confirmed.kind === 'blank' && evidence.kind !== 'ok') continue;
    out.checklist[id] = {
      confirmed: confirmed.kind === 'ok' ? confirmed.value : false,
      evidence: evidence.kind === 'ok' ? evidence.value : '',
    };
  }
}

function readTransfers(grid: Grid, table: TableAt<TransferColumnKey>, out: ActivityRead, lang: Lang, problem: Problem): void {
  const t = workbookText(lang);
  const inputs = TRANSFER_COLUMN_KEYS.filter((k) => k !== 'result');
  const yesNo = (v: CellValue) => parseBoolCell(v, [t.yes, t.no]);
  for (let r = table.header + 1; r <= table.last; r++) {
    const row = new RowReader(grid, r, table.cols, problem, SECTIONS.techTransfer, t.transferColumns, WORKBOOK_TEXTS.en.transferColumns);
    if (row.blank(inputs)) continue;
    const act = row.need<TransferActId>('act', (v) => parseChoiceCell(v, ACT_WORDS, TRANSFER_ACTS.map((a) => t.act[a.id])));
    const by = row.get<TransferActor>('by', (v) => parseChoiceCell(v, ACTOR_WORDS, TRANSFER_ACTORS.map((a) => t.actor[a]))) ?? 'applicant';
    const text = (k: 'counterparty' | 'country' | 'technology' | 'item') => row.get(k, parseTextCell) ?? '';
    const transfer: Transfer = {
      act: act ?? 'i',
      by,
      counterparty: text('counterparty'),
      country: text('country'),
      description: '',
      technology: text('technology'),
      item: text('item'),
      risk: row.get('risk', yesNo) ?? false,
      metiRequested: row.get('metiRequested', yesNo) ?? false,
    };
    // Act (ⅴ) is decided by its figures: they are needed; for the other acts they are not read.
    if (act === 'v') {
      const before = row.need('before', (v) => parseNumberCell(v, 'nonNegative'));
      const after = row.need('after', (v) => parseNumberCell(v, 'nonNegative'));
      const share = row.need('share', parseShareCell);
      if (before !== undefined) transfer.capacityBefore = before;
      if (after !== undefined) transfer.capacityAfter = after;
      if (share !== undefined) transfer.localConsumptionShare = share;
    }
    if (!row.ok) continue;
    table.rows.push(r);
    out.transfers.push(transfer);
  }
}

/** A v1 overseas-base table: each base becomes an act (ⅴ) by the applicant. */
function readOverseas(grid: Grid, table: TableAt<OverseasColumnKey>, out: ActivityRead, lang: Lang, problem: Problem): void {
  const t = workbookText(lang);
  const inputs: OverseasColumnKey[] = ['base', 'item', 'before', 'after', 'share', 'risk', 'metiRequested'];
  for (let r = table.header + 1; r <= table.last; r++) {
    const row = new RowReader(grid, r, table.cols, problem, SECTIONS.overseasActV, t.overseasColumns, WORKBOOK_TEXTS.en.overseasColumns);
    if (row.blank(inputs)) continue;
    const before = row.need('before', (v) => parseNumberCell(v, 'nonNegative'));
    const after = row.need('after', (v) => parseNumberCell(v, 'nonNegative'));
    const share = table.cols.share ? row.need('share', parseShareCell) : 0;
    const risk = row.get('risk', (v) => parseBoolCell(v, [t.yes, t.no])) ?? false;
    const metiRequested = row.get('metiRequested', (v) => parseBoolCell(v, [t.yes, t.no])) ?? false;
    const base = row.get('base', parseTextCell) ?? '';
    const item = row.get('item', parseTextCell) ?? '';
    if (!row.ok) continue;
    table.rows.push(r);
    out.transfers.push({
      act: 'v',
      by: 'applicant',
      counterparty: base,
      country: '',
      description: '',
      technology: '',
      item,
      capacityBefore: before ?? 0,
      capacityAfter: after ?? 0,
      localConsumptionShare: share ?? 0,
      risk,
      metiRequested,
    });
  }
}

function readAcks(grid: Grid, table: TableAt<AckColumnKey>, out: ActivityRead): void {
  const text = (r: number, k: AckColumnKey) => (table.cols[k] ? grid.text(r, table.cols[k]!) : '');
  for (let r = table.header + 1; r <= table.last; r++) {
    const code = text(r, 'code');
    const path = text(r, 'path');
    const note = text(r, 'note');
    if (!code && !path && !note) continue;
    table.rows.push(r);
    out.acknowledgements.push({ code, path, note });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

/** Rows a template gives each table: enough for a plan's entries, with room to add more. */
export interface TemplateCounts {
  activities: number;
  targets: number;
  coreTech: number;
  transfers: number;
  acks: number;
}

export function templateCounts(plan?: Partial<Plan>): TemplateCounts {
  const room = (n: number, min: number) => Math.max(min, n + 5);
  const targets = (plan?.activities ?? []).reduce((n, a) => n + (a.kind === 'rnd' ? a.targets.length : 0), 0);
  return {
    activities: room(plan?.activities?.length ?? 0, 6),
    targets: room(targets, 8),
    coreTech: room(plan?.coreTechnologies?.length ?? 0, 6),
    transfers: room(plan?.transfers?.length ?? 0, 8),
    acks: 15,
  };
}

/** The geometry of a new activity sheet. */
export function templateActivityGeometry(sheet: string, counts: TemplateCounts, date1904 = false): ActivityGeometry {
  const L = activityTemplateRows(counts);
  const g = emptyActivityGeometry(sheet, date1904);
  for (const [k, row] of Object.entries(L.fields) as [FieldKey, number][]) g.fields[k] = { row, col: A.valueCol };
  g.checklistHeader = L.checklistHeader;
  g.checklistCols = { ...A.checklistCols };
  CHECKLIST.forEach((c, i) => (g.checklistRows[c.id] = L.checklistHeader + 1 + i));
  const table = <K extends string>(header: number, cols: Partial<Record<K, number>>, n: number): TableAt<K> => ({ header, cols: { ...cols }, rows: [], last: header + n });
  g.tables = {
    activities: table(L.activitiesHeader, A.activityCols, counts.activities),
    targets: table(L.targetsHeader, A.targetCols, counts.targets),
    coreTech: table(L.coreTechHeader, A.coreTechCols, counts.coreTech),
    transfers: table(L.transfersHeader, A.transferCols, counts.transfers),
    acks: table(L.acksHeader, A.ackCols, counts.acks),
  };
  return g;
}

/** What the pane may write into the label/value fields (only the parts given are written). */
export interface HeaderInput {
  applicant?: { name: string; joint: boolean };
  yearBasis?: 'calendar' | 'fiscal';
  submissionScenario?: string;
  applicationDate?: string;
  considerations?: Partial<Plan['considerations']>;
}

/** The writes of header fields into their value cells (only the fields given; cells not found are skipped). */
export function headerOps(g: ActivityGeometry, header: HeaderInput, lang: Lang): WriteOp[] {
  const t = workbookText(lang);
  const o = new SheetOps(g.sheet);
  const put = (k: FieldKey, v: CellInput, numberFormat?: string) => {
    const at = g.fields[k];
    if (!at) return;
    o.cell(at.row, at.col, v);
    if (numberFormat) o.format(at.row, at.col, at.row, at.col, { numberFormat });
  };
  if (header.applicant) {
    put('applicantName', header.applicant.name);
    put('joint', header.applicant.joint ? t.yes : t.no);
  }
  if (header.yearBasis) put('yearBasis', t.yearBasis[header.yearBasis]);
  if (header.submissionScenario !== undefined) put('submissionScenario', header.submissionScenario || null);
  if (header.applicationDate !== undefined) put('applicationDate', header.applicationDate ? isoToSerial(header.applicationDate, g.date1904) : null, 'yyyy-mm-dd');
  const c = header.considerations;
  if (c) {
    if (c.regionalContribution !== undefined) put('regionalContribution', c.regionalContribution);
    if (c.jobsCreated !== undefined) put('jobsCreated', c.jobsCreated);
    if (c.humanRights) {
      put('humanRights', c.humanRights.confirmed ? t.yes : t.no);
      put('humanRightsNote', c.humanRights.note);
    }
    if (c.cybersecurity) {
      put('cybersecurity', c.cybersecurity.confirmed ? t.yes : t.no);
      put('cybersecurityNote', c.cybersecurity.note);
    }
  }
  return o.ops;
}

export function checklistOps(g: ActivityGeometry, checklist: Plan['checklist'], lang: Lang): WriteOp[] {
  const t = workbookText(lang);
  const o = new SheetOps(g.sheet);
  for (const [id, entry] of Object.entries(checklist) as [ChecklistId, { confirmed: boolean; evidence: string }][]) {
    const r = g.checklistRows[id];
    if (r === undefined || !entry) continue;
    if (g.checklistCols.confirmed) o.cell(r, g.checklistCols.confirmed, entry.confirmed ? t.confirmedMark : t.unconfirmedMark);
    if (g.checklistCols.evidence) o.cell(r, g.checklistCols.evidence, entry.evidence);
  }
  return o.ops;
}

export class TableFullError extends Error {
  constructor(what: string, rows: number, wanted: number) {
    super(`the ${what} table on the activity sheet has ${rows} rows; ${wanted} are needed: insert rows in the table (above its last row) and try again`);
    this.name = 'TableFullError';
  }
}

/**
 * A table's entries written over its rows (the rest blanked), column by column as the table has them: columns a
 * planner removed are skipped, and a table too small for the entries is an error rather than a write over the next
 * section.
 */
function tableOps<K extends string>(sheet: string, table: TableAt<K> | undefined, what: string, keys: readonly K[], entries: Partial<Record<K, CellInput>>[]): WriteOp[] {
  if (!table) return [];
  const rows = table.last - table.header;
  if (entries.length > rows) throw new TableFullError(what, rows, entries.length);
  const o = new SheetOps(sheet);
  for (const k of keys) {
    const c = table.cols[k];
    if (c === undefined) continue;
    const values: CellInput[] = [];
    for (let i = 0; i < rows; i++) values.push(entries[i]?.[k] ?? null);
    o.column(table.header + 1, c, values);
  }
  return o.ops;
}

const dateCell = (iso: string | undefined, date1904?: boolean): CellInput => (iso ? isoToSerial(iso, date1904) : null);

/** The activities and their R&D targets, written over the two tables (what the pane's activity form saves). */
export function activitiesOps(g: ActivityGeometry, activities: readonly Activity[], lang: Lang): WriteOp[] {
  const t = workbookText(lang);
  const acts = activities.map((a) => ({
    id: a.id,
    kind: t.kind[a.kind],
    name: a.name || null,
    start: dateCell(a.start, g.date1904),
    end: dateCell(a.end, g.date1904),
    capitalInvestment: a.kind === 'capacity' && a.capitalInvestment !== undefined ? (a.capitalInvestment ? t.yes : t.no) : null,
    investment: a.kind === 'capacity' ? a.investment || null : null,
    followOn: a.kind === 'rnd' ? (a.followOn ?? null) : null,
  }));
  const targets = activities.flatMap((a) =>
    a.kind === 'rnd'
      ? a.targets.map((x) => ({ activity: a.id, metric: x.metric, unit: x.unit || null, target: x.target ?? null, current: x.current ?? null, currentDate: dateCell(x.currentDate, g.date1904) }))
      : [],
  );
  return [
    ...tableOps(g.sheet, g.tables.activities, 'activities', ACTIVITY_COLUMN_KEYS.filter((k) => k !== 'result'), acts),
    ...tableOps(g.sheet, g.tables.targets, 'R&D targets', TARGET_COLUMN_KEYS, targets),
  ];
}

export function coreTechnologiesOps(g: ActivityGeometry, list: readonly CoreTechnology[], lang: Lang): WriteOp[] {
  const t = workbookText(lang);
  const sep = lang === 'ja' ? '、' : ', ';
  return tableOps(
    g.sheet,
    g.tables.coreTech,
    'core technologies',
    CORE_TECH_COLUMN_KEYS,
    list.map((x) => ({ name: x.name, items: x.items.join(sep) || null, supplierHeld: x.supplierHeld ? t.yes : t.no, note: x.note || null })),
  );
}

export function transfersOps(g: ActivityGeometry, transfers: readonly Transfer[], lang: Lang): WriteOp[] {
  const t = workbookText(lang);
  return tableOps(
    g.sheet,
    g.tables.transfers,
    'transfer acts',
    TRANSFER_COLUMN_KEYS.filter((k) => k !== 'result'),
    transfers.map((x) => ({
      act: t.act[x.act],
      by: t.actor[x.by],
      counterparty: x.counterparty || null,
      country: x.country || null,
      technology: x.technology || null,
      item: x.item || null,
      before: x.capacityBefore ?? null,
      after: x.capacityAfter ?? null,
      share: x.localConsumptionShare ?? null,
      risk: x.risk ? t.yes : t.no,
      metiRequested: x.metiRequested ? t.yes : t.no,
    })),
  );
}

export function acknowledgementsOps(g: ActivityGeometry, acks: readonly Acknowledgement[]): WriteOp[] {
  return tableOps(g.sheet, g.tables.acks, 'acknowledged warnings', ACK_COLUMN_KEYS, acks.map((a) => ({ code: a.code, path: a.path, note: a.note })));
}

/** A table's header and its input/computed formats, drop-downs given per column. */
function tableTemplate<K extends string>(
  o: SheetOps,
  table: TableAt<K>,
  labels: Record<K, string>,
  lists: Partial<Record<K, string | string[]>>,
  computed: readonly K[] = [],
  formats: Partial<Record<K, string>> = {},
): void {
  const cols = Object.entries(table.cols) as [K, number][];
  const right = Math.max(...cols.map(([, c]) => c));
  const header: CellInput[] = Array.from({ length: right }, () => null);
  for (const [k, c] of cols) header[c - 1] = labels[k];
  o.values(table.header, 1, [header]);
  o.format(table.header, 1, table.header, right, HEADER_FORMAT);
  const first = table.header + 1;
  for (const [k, c] of cols) {
    o.format(first, c, table.last, c, { fill: { color: computed.includes(k) ? COLORS.computed : COLORS.input }, border: true, vertical: 'top', ...(formats[k] ? { numberFormat: formats[k] } : {}) });
    const list = lists[k];
    if (typeof list === 'string') o.list(first, c, table.last, c, `=${list}`);
    else if (list) o.push({ kind: 'listValidation', sheet: o.sheet, range: `${col(c)}${first}:${col(c)}${table.last}`, source: { values: list } });
  }
}

/** A new activity & checklist sheet with its labels, tables, lists and formats (values from the plan when given). */
export function activityTemplateOps(g: ActivityGeometry, lang: Lang, policy: PolicyRefs, plan?: Partial<Plan>): WriteOp[] {
  const t = workbookText(lang);
  const L = activityTemplateRows(templateCountsOf(g));
  const o = new SheetOps(g.sheet);
  o.push({ kind: 'addSheet', sheet: g.sheet, tabColor: COLORS.tabInput });
  o.cell(A.titleRow, 1, t.activityTitle).format(A.titleRow, 1, A.titleRow, 1, TITLE_FORMAT);
  o.values(A.legendRow, 1, [[t.legendInput, t.legendComputed]]);
  o.format(A.legendRow, 1, A.legendRow, 1, { fill: { color: COLORS.input }, border: true, horizontal: 'center' });
  o.format(A.legendRow, 2, A.legendRow, 2, { fill: { color: COLORS.computed }, border: true, horizontal: 'center' });

  const sections: [number, string][] = [
    [L.applicantSection, t.sectionApplicant],
    [L.activitiesSection, t.sectionActivity],
    [L.targetsSection, t.sectionTargets],
    [L.coreTechSection, t.sectionCoreTech],
    [L.checklistSection, t.sectionChecklist],
    [L.transfersSection, t.sectionTransfers],
    [L.considerationsSection, t.sectionRegional],
    [L.acksSection, t.sectionAcks],
  ];
  for (const [r, text] of sections) o.cell(r, 1, text).format(r, 1, r, 1, SECTION_FORMAT);
  for (const k of [...APPLICANT_FIELD_KEYS, ...CONSIDERATION_FIELD_KEYS]) {
    const r = L.fields[k];
    o.cell(r, A.labelCol, t.fields[k]);
    o.format(r, A.labelCol, r, A.labelCol, { font: { bold: true }, vertical: 'top', wrap: true });
    o.format(r, A.valueCol, r, A.valueCol, { fill: { color: COLORS.input }, border: true, vertical: 'top', wrap: true });
  }
  o.format(L.fields.applicationDate, A.valueCol, L.fields.applicationDate, A.valueCol, { numberFormat: 'yyyy-mm-dd', horizontal: 'left' });
  const listAt = (r: number, source: string) => o.list(r, A.valueCol, r, A.valueCol, `=${source}`);
  listAt(L.fields.joint, policy.yesNo);
  listAt(L.fields.yearBasis, policy.yearBasis);
  listAt(L.fields.submissionScenario, policy.scenarios);
  listAt(L.fields.humanRights, policy.yesNo);
  listAt(L.fields.cybersecurity, policy.yesNo);

  const tb = g.tables;
  const yesNo = [t.yes, t.no];
  tableTemplate<ActivityColumnKey>(o, tb.activities!, t.activityColumns, { kind: policy.kinds, capitalInvestment: yesNo }, ['result'], { start: 'yyyy-mm-dd', end: 'yyyy-mm-dd' });
  tableTemplate<TargetColumnKey>(o, tb.targets!, t.targetColumns, {}, [], { currentDate: 'yyyy-mm-dd', target: '#,##0.#####', current: '#,##0.#####' });
  tableTemplate<CoreTechColumnKey>(o, tb.coreTech!, t.coreTechColumns, { supplierHeld: yesNo });
  tableTemplate<TransferColumnKey>(
    o,
    tb.transfers!,
    t.transferColumns,
    { act: TRANSFER_ACTS.map((a) => t.act[a.id]), by: TRANSFER_ACTORS.map((a) => t.actor[a]), risk: yesNo, metiRequested: yesNo },
    ['result'],
    { before: '#,##0.#####', after: '#,##0.#####', share: '0.0%' },
  );
  tableTemplate<AckColumnKey>(o, tb.acks!, t.ackColumns, {});

  // Checklist: one row per requirement of the seed; the status follows the mark live.
  const cc = A.checklistCols;
  const headerRow: CellInput[] = [];
  for (const k of ['requirement', 'confirmed', 'status', 'evidence', 'section', 'id'] as const) headerRow[cc[k] - 1] = t.checklistColumns[k];
  o.values(L.checklistHeader, 1, [headerRow]);
  o.format(L.checklistHeader, 1, L.checklistHeader, cc.id, HEADER_FORMAT);
  const first = L.checklistHeader + 1;
  const lastRow = L.checklistHeader + CHECKLIST.length;
  o.values(
    first,
    1,
    CHECKLIST.map((c) => {
      const row: CellInput[] = [];
      row[cc.requirement - 1] = c[lang];
      row[cc.section - 1] = sectionIn(c.section, lang);
      row[cc.id - 1] = c.id;
      row[cc.confirmed - 1] = null;
      row[cc.status - 1] = null;
      row[cc.evidence - 1] = null;
      return row;
    }),
  );
  o.format(first, 1, lastRow, cc.id, { border: true, vertical: 'top' });
  o.format(first, cc.requirement, lastRow, cc.requirement, { wrap: true });
  o.format(first, cc.confirmed, lastRow, cc.confirmed, { fill: { color: COLORS.input }, horizontal: 'center' });
  o.format(first, cc.evidence, lastRow, cc.evidence, { fill: { color: COLORS.input }, wrap: true });
  o.format(first, cc.status, lastRow, cc.status, { fill: { color: COLORS.computed } });
  o.format(first, cc.id, lastRow, cc.id, { font: { color: COLORS.muted, size: 8 } });
  o.list(first, cc.confirmed, lastRow, cc.confirmed, `=${policy.confirm}`);
  o.push(...checklistStatusOps(g, lang, policy));

  o.widths({ A: 44, B: 22, C: 22, D: 34, E: 20, F: 18, G: 16, H: 18, I: 16, J: 16, K: 16, L: 22 });
  if (plan) {
    o.push(
      ...headerOps(g, { applicant: plan.applicant, yearBasis: plan.yearBasis, submissionScenario: plan.submissionScenario, applicationDate: plan.applicationDate, considerations: plan.considerations }, lang),
      ...activitiesOps(g, plan.activities ?? [], lang),
      ...coreTechnologiesOps(g, plan.coreTechnologies ?? [], lang),
      ...checklistOps(g, plan.checklist ?? {}, lang),
      ...transfersOps(g, plan.transfers ?? [], lang),
    );
  }
  return o.ops;
}

function templateCountsOf(g: ActivityGeometry): TemplateCounts {
  const n = (x: TableAt<string> | undefined) => (x ? x.last - x.header : 0);
  return { activities: n(g.tables.activities), targets: n(g.tables.targets), coreTech: n(g.tables.coreTech), transfers: n(g.tables.transfers), acks: n(g.tables.acks) };
}

/**
 * The live status formula of every checklist row found: joint-only rows say "not applicable" unless joint, and (ウ)
 * (supplierHeldOnly) says "not applicable" with its reason where the core-technology table lists technologies and
 * none is held by a supplier — the engine's rule (evaluateChecklist), so the sheet follows the planner's edits of
 * that table as the engine would.
 */
export function checklistStatusOps(g: ActivityGeometry, lang: Lang, policy: PolicyRefs): WriteOp[] {
  const t = workbookText(lang);
  const cols = g.checklistCols;
  if (!cols.status || !cols.confirmed) return [];
  const o = new SheetOps(g.sheet);
  const joint = g.fields.joint ? `$${col(g.fields.joint.col)}$${g.fields.joint.row}` : null;
  const confirmedOf = (r: number) => `ISNUMBER(MATCH(TRIM(${cellAddr(r, cols.confirmed!)}&""),${policy.trueTokens},0))`;
  const evidenceOf = (r: number) => (cols.evidence ? `TRIM(${cellAddr(r, cols.evidence)}&"")=""` : 'TRUE');
  for (const c of CHECKLIST) {
    const r = g.checklistRows[c.id];
    if (r === undefined) continue;
    const s = t.checklistStatus;
    let f = `IF(${confirmedOf(r)},IF(${evidenceOf(r)},${lit(s.noEvidence)},${lit(s.confirmed)}),${lit(s.unconfirmed)})`;
    if ('jointOnly' in c && c.jointOnly) {
      const isJoint = joint ? `ISNUMBER(MATCH(TRIM(${joint}&""),${policy.trueTokens},0))` : 'FALSE';
      f = `IF(${isJoint},${f},${lit(s.notApplicable)})`;
    }
    const core = g.tables.coreTech;
    if ('supplierHeldOnly' in c && c.supplierHeldOnly && core && core.cols.name !== undefined && core.cols.supplierHeld !== undefined) {
      // Rows with a name are the listed technologies (as the reader takes them); an empty list leaves (ウ) required.
      const bottom = Math.max(core.last, core.header + 1);
      const area = (c: number) => `$${col(c)}$${core.header + 1}:$${col(c)}$${bottom}`;
      // Element by element (TRIM and comparisons, no MATCH over an array): what every program, and the preview's
      // evaluator, computes the same way. The yes words are those the reader takes (TRIM(TRUE&"") is "TRUE").
      const named = `(TRIM(${area(core.cols.name)}&"")<>"")`;
      const heldText = `TRIM(${area(core.cols.supplierHeld)}&"")`;
      const isYes = trueTokens().map((w) => `(${heldText}=${lit(w)})`).join('+');
      const listed = `SUMPRODUCT(--${named})`;
      const held = `SUMPRODUCT(${named}*((${isYes})>0))`;
      f = `IF(AND(${listed}>0,${held}=0),${lit(s.notSupplierHeld)},${f})`;
    }
    o.cell(r, cols.status, { formula: `=${f}` });
  }
  return o.ops;
}

/** Static results of the last evaluation next to the inputs: each activity's period and each transfer act's outcome. */
export function activityResultOps(g: ActivityGeometry, periods: (string | null)[], transfers: (string | null)[]): WriteOp[] {
  const o = new SheetOps(g.sheet);
  const column = <K extends string>(table: TableAt<K> | undefined, key: K, values: (string | null)[]) => {
    const c = table?.cols[key];
    if (!table || c === undefined || table.last <= table.header) return;
    const byRow = new Map(table.rows.map((r, i) => [r, values[i] ?? null]));
    const cells: CellInput[] = [];
    for (let r = table.header + 1; r <= table.last; r++) cells.push(byRow.get(r) ?? null);
    o.column(table.header + 1, c, cells);
  };
  column(g.tables.activities, 'result', periods);
  column(g.tables.transfers, 'result', transfers);
  column(g.tables.overseas, 'result', transfers);
  return o.ops;
}
