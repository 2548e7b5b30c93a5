/**
 * The activity & checklist sheet (取組・チェックリスト / Activity & checklist): applicant, joint application, year
 * basis, the activity and its period, R&D targets and follow-on, regional contribution and jobs (第3章第8節), the
 * checklist of the seed with confirmation marks and evidence notes, and the overseas bases.
 *
 * Fields are found by their labels (value in the cell to the right of the label), tables by their header rows, so
 * a planner may move them about.
 */
import type { Finding } from '../../evaluate/types';
import { sectionIn, type Bilingual, type Lang } from '../../i18n/format';
import {
  CHECKLIST_COLUMN_KEYS,
  CHECKLIST_COLUMN_SYNONYMS,
  FIELD_KEYS,
  FIELD_SYNONYMS,
  KIND_WORDS,
  OVERSEAS_COLUMN_KEYS,
  OVERSEAS_COLUMN_SYNONYMS,
  WORKBOOK_TEXTS,
  YEAR_BASIS_WORDS,
  inputText,
  workbookText,
  type ChecklistColumnKey,
  type FieldKey,
  type OverseasColumnKey,
} from '../../i18n/workbook';
import type { Activity, OverseasBase, Plan } from '../../plan/schema';
import { CHECKLIST, SECTIONS, type ActivityKind, type ChecklistId } from '../../policy';
import type { CellInput, SheetSnapshot, WriteOp } from '../port';
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
import { ACTIVITY_TEMPLATE as A, COLORS, col, overseasSectionRow, type PolicyRefs } from './geometry';
import { cellAddr } from './ops';
import { HEADER_FORMAT, SECTION_FORMAT, SheetOps, TITLE_FORMAT } from './ops';
import { inputFinding } from './plan-sheet';

const both = <K extends string>(keys: readonly K[], pick: (l: Lang, k: K) => string, synonyms: Readonly<Record<K, readonly string[]>>) =>
  labelIndex<K>(keys.flatMap((k) => [[k, pick('ja', k)] as [K, string], [k, pick('en', k)] as [K, string], ...synonyms[k].map((s) => [k, s] as [K, string])]));

const fieldIndex = both(FIELD_KEYS, (l, k) => WORKBOOK_TEXTS[l].fields[k], FIELD_SYNONYMS);
const checklistIndex = both(CHECKLIST_COLUMN_KEYS, (l, k) => WORKBOOK_TEXTS[l].checklistColumns[k], CHECKLIST_COLUMN_SYNONYMS);
const overseasIndex = both(OVERSEAS_COLUMN_KEYS, (l, k) => WORKBOOK_TEXTS[l].overseasColumns[k], OVERSEAS_COLUMN_SYNONYMS);
const checklistByLabel = new Map<string, ChecklistId>();
for (const c of CHECKLIST) {
  checklistByLabel.set(foldHeader(c.id), c.id);
  checklistByLabel.set(foldHeader(c.ja), c.id);
  checklistByLabel.set(foldHeader(c.en), c.id);
}

export interface Cell {
  row: number;
  col: number;
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
  overseasHeader?: number;
  overseasCols: Partial<Record<OverseasColumnKey, number>>;
  /** Row of each overseas base read (index = plan.overseas index). */
  overseasRows: number[];
  /** Rows of the overseas table, first to last (blank ones included). */
  overseasLastRow?: number;
  /** The workbook counts dates from 1904 (WorkbookPort.date1904): date serials are read and written in it. */
  date1904?: boolean;
}

export interface ActivityRead {
  geometry: ActivityGeometry;
  applicant: Plan['applicant'];
  yearBasis: Plan['yearBasis'];
  activity?: Activity;
  checklist: Plan['checklist'];
  overseas: OverseasBase[];
  regional?: Plan['regional'];
  findings: Finding[];
}

export function emptyActivityGeometry(sheet: string, date1904 = false): ActivityGeometry {
  return { sheet, fields: {}, checklistCols: {}, checklistRows: {}, overseasCols: {}, overseasRows: [], date1904 };
}

const FIELD_SECTION: Record<FieldKey, string> = {
  applicantName: SECTIONS.scope,
  joint: SECTIONS.multiApplicant,
  yearBasis: SECTIONS.capacityTargets,
  kind: SECTIONS.scope,
  start: SECTIONS.periods,
  end: SECTIONS.periods,
  rndTargets: SECTIONS.rndTargets,
  followOn: SECTIONS.rndTargets,
  regionalContribution: SECTIONS.considerations,
  jobsCreated: SECTIONS.considerations,
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

export function readActivitySheet(snapshot: SheetSnapshot | undefined, sheetName: string, lang: Lang, date1904 = false): ActivityRead {
  const out: ActivityRead = {
    geometry: emptyActivityGeometry(sheetName, date1904),
    applicant: { name: '', joint: false },
    yearBasis: 'calendar',
    checklist: {},
    overseas: [],
    findings: [],
  };
  if (!snapshot) return out;
  const grid = new Grid(snapshot);
  const g = out.geometry;
  const t = workbookText(lang);
  const sheet = grid.name;
  const problem = (row: number, c: number, what: Bilingual, section: string) => out.findings.push(inputFinding(sheet, row, c, what, section));

  const checklistHead = findHeaderRow(grid, checklistIndex, ['requirement', 'confirmed']);
  const overseasHead = findHeaderRow(grid, overseasIndex, ['base', 'before', 'after']);
  const tableRows = new Set<number>([checklistHead?.row ?? -1, overseasHead?.row ?? -1]);

  // Fields: the first label found (outside the tables' header rows); the value is the next cell to the right.
  for (let r = 1; r <= grid.rows; r++) {
    if (tableRows.has(r)) continue;
    for (let c = 1; c <= grid.cols; c++) {
      const v = grid.raw(r, c);
      if (typeof v !== 'string') continue;
      const k = fieldIndex.get(foldHeader(v));
      if (k && !g.fields[k]) g.fields[k] = { row: r, col: grid.nextCol(r, c) };
    }
  }
  const field = <T>(k: FieldKey, parse: (v: ReturnType<Grid['value']>) => Parsed<T>): T | undefined => {
    const at = g.fields[k];
    if (!at) return undefined;
    const p = parse(grid.raw(at.row, at.col));
    if (p.kind === 'bad') problem(at.row, at.col, p.what, FIELD_SECTION[k]);
    return p.kind === 'ok' ? p.value : undefined;
  };
  const yesNo = [t.yes, t.no];
  out.applicant = { name: field('applicantName', parseTextCell) ?? '', joint: field('joint', (v) => parseBoolCell(v, yesNo)) ?? false };
  out.yearBasis = field('yearBasis', (v) => parseChoiceCell(v, YEAR_BASIS_WORDS, [t.yearBasis.calendar, t.yearBasis.fiscal])) ?? 'calendar';

  const kind = field<ActivityKind>('kind', (v) => parseChoiceCell(v, KIND_WORDS, [t.kind.capacity, t.kind.rnd]));
  const start = field('start', (v) => parseDateCell(v, date1904));
  const end = field('end', (v) => parseDateCell(v, date1904));
  const targetsText = field('rndTargets', parseTextCell);
  const followOn = field('followOn', (v) => parseBoolCell(v, yesNo));
  if (kind && start && end) {
    if (end < start) {
      problem(g.fields.end!.row, g.fields.end!.col, inputText.endBeforeStart(start, end), SECTIONS.periods);
    } else {
      const activity: Activity = { kind, start, end };
      const targets = (targetsText ?? '').split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
      if (targets.length) activity.quantitativeTargets = targets;
      if (followOn !== undefined) activity.followOn = followOn;
      out.activity = activity;
    }
  }
  const contribution = field('regionalContribution', parseTextCell);
  const jobs = field('jobsCreated', (v) => parseNumberCell(v, 'nonNegative'));
  if (contribution !== undefined || jobs !== undefined) {
    out.regional = { contribution: contribution ?? '' };
    if (jobs !== undefined) out.regional.jobsCreated = jobs;
  }

  if (checklistHead) readChecklist(grid, checklistHead, out, lang, problem);
  if (overseasHead) readOverseas(grid, overseasHead, out, lang, problem);
  return out;
}

function readChecklist(
  grid: Grid,
  head: { row: number; cols: Partial<Record<ChecklistColumnKey, number>> },
  out: ActivityRead,
  lang: Lang,
  problem: (row: number, c: number, what: Bilingual, section: string) => void,
): void {
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

function readOverseas(
  grid: Grid,
  head: { row: number; cols: Partial<Record<OverseasColumnKey, number>> },
  out: ActivityRead,
  lang: Lang,
  problem: (row: number, c: number, what: Bilingual, section: string) => void,
): void {
  const g = out.geometry;
  const t = workbookText(lang);
  g.overseasHeader = head.row;
  g.overseasCols = head.cols;
  const cols = head.cols;
  const inputs = (['base', 'item', 'before', 'after', 'share', 'risk', 'metiRequested'] as const)
    .map((k) => cols[k])
    .filter((c): c is number => c !== undefined);
  const section = SECTIONS.overseasActV;
  // The table runs to the end of the sheet; blank rows inside it are skipped.
  let lastRow = head.row;
  for (let r = head.row + 1; r <= grid.rows; r++) {
    if (cols.result && !isBlank(grid.raw(r, cols.result))) lastRow = Math.max(lastRow, r);
    if (inputs.every((c) => isBlank(grid.raw(r, c)))) continue;
    lastRow = r;
    let ok = true;
    const num = (k: 'before' | 'after'): number => {
      const c = cols[k]!;
      const p = parseNumberCell(grid.raw(r, c), 'nonNegative');
      if (p.kind === 'ok') return p.value;
      ok = false;
      problem(r, c, p.kind === 'bad' ? p.what : inputText.required({ ja: t.overseasColumns[k], en: WORKBOOK_TEXTS.en.overseasColumns[k] }), section);
      return 0;
    };
    const before = num('before');
    const after = num('after');
    let share = 0;
    if (cols.share) {
      const p = parseShareCell(grid.raw(r, cols.share));
      if (p.kind === 'ok') share = p.value;
      else {
        ok = false;
        problem(r, cols.share, p.kind === 'bad' ? p.what : inputText.required({ ja: WORKBOOK_TEXTS.ja.overseasColumns.share, en: WORKBOOK_TEXTS.en.overseasColumns.share }), section);
      }
    }
    const bool = (k: 'risk' | 'metiRequested'): boolean => {
      const c = cols[k];
      if (!c) return false;
      const p = parseBoolCell(grid.raw(r, c), [t.yes, t.no]);
      if (p.kind === 'bad') {
        ok = false;
        problem(r, c, p.what, section);
      }
      return p.kind === 'ok' ? p.value : false;
    };
    const risk = bool('risk');
    const metiRequested = bool('metiRequested');
    const text = (k: 'base' | 'item'): string => {
      const c = cols[k];
      if (!c) return '';
      const p = parseTextCell(grid.value(r, c));
      if (p.kind === 'bad') {
        ok = false;
        problem(r, c, p.what, section);
      }
      return p.kind === 'ok' ? p.value : '';
    };
    const base = text('base');
    const item = text('item');
    if (!ok) continue;
    g.overseasRows.push(r);
    out.overseas.push({ base, item, capacityBefore: before, capacityAfter: after, localConsumptionShare: share, risk, metiRequested });
  }
  g.overseasLastRow = lastRow;
}

// ---------------------------------------------------------------------------------------------------------------
// Writing

/** The geometry a new activity sheet has. */
export function templateActivityGeometry(sheet: string, overseasCount: number, date1904 = false): ActivityGeometry {
  const g = emptyActivityGeometry(sheet, date1904);
  for (const k of FIELD_KEYS) g.fields[k] = { row: A[k], col: A.valueCol };
  g.checklistHeader = A.checklistHeader;
  g.checklistCols = { ...A.checklistCols };
  CHECKLIST.forEach((c, i) => (g.checklistRows[c.id] = A.checklistHeader + 1 + i));
  g.overseasHeader = overseasSectionRow() + 1;
  g.overseasCols = { ...A.overseasCols };
  g.overseasRows = Array.from({ length: overseasCount }, (_, i) => g.overseasHeader! + 1 + i);
  g.overseasLastRow = g.overseasHeader + Math.max(A.overseasRows, overseasCount + 5);
  return g;
}

export interface HeaderInput {
  applicant?: { name: string; joint: boolean };
  yearBasis?: 'calendar' | 'fiscal';
  activity?: Partial<Activity>;
  regional?: { contribution?: string; jobsCreated?: number };
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
  const a = header.activity;
  if (a) {
    if (a.kind) put('kind', t.kind[a.kind]);
    if (a.start) put('start', isoToSerial(a.start, g.date1904), 'yyyy-mm-dd');
    if (a.end) put('end', isoToSerial(a.end, g.date1904), 'yyyy-mm-dd');
    if (a.quantitativeTargets) put('rndTargets', a.quantitativeTargets.join('\n'));
    if (a.followOn !== undefined) put('followOn', a.followOn ? t.yes : t.no);
  }
  if (header.regional) {
    if (header.regional.contribution !== undefined) put('regionalContribution', header.regional.contribution);
    if (header.regional.jobsCreated !== undefined) put('jobsCreated', header.regional.jobsCreated);
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

export function overseasOps(g: ActivityGeometry, bases: readonly OverseasBase[], lang: Lang): WriteOp[] {
  const t = workbookText(lang);
  if (!bases.length || g.overseasHeader === undefined) return [];
  const c = A.overseasCols;
  const rows: CellInput[][] = bases.map((b) => [
    b.base,
    b.item,
    b.capacityBefore,
    b.capacityAfter,
    b.localConsumptionShare,
    b.risk ? t.yes : t.no,
    b.metiRequested ? t.yes : t.no,
  ]);
  return new SheetOps(g.sheet).values(g.overseasHeader + 1, c.base, rows).ops;
}

/** A new activity & checklist sheet with its labels, lists and formats (values from the plan when given). */
export function activityTemplateOps(g: ActivityGeometry, lang: Lang, policy: PolicyRefs, plan?: Partial<Plan>): WriteOp[] {
  const t = workbookText(lang);
  const o = new SheetOps(g.sheet);
  o.push({ kind: 'addSheet', sheet: g.sheet, tabColor: COLORS.tabInput });
  o.cell(A.titleRow, 1, t.activityTitle).format(A.titleRow, 1, A.titleRow, 1, TITLE_FORMAT);
  o.values(A.legendRow, 1, [[t.legendInput, t.legendComputed]]);
  o.format(A.legendRow, 1, A.legendRow, 1, { fill: { color: COLORS.input }, border: true, horizontal: 'center' });
  o.format(A.legendRow, 2, A.legendRow, 2, { fill: { color: COLORS.computed }, border: true, horizontal: 'center' });

  const sections: [number, string][] = [
    [A.applicantSection, t.sectionApplicant],
    [A.activitySection, t.sectionActivity],
    [A.regionalSection, t.sectionRegional],
    [A.checklistSection, t.sectionChecklist],
    [overseasSectionRow(), t.sectionOverseas],
  ];
  for (const [r, text] of sections) o.cell(r, 1, text).format(r, 1, r, 1, SECTION_FORMAT);
  for (const k of FIELD_KEYS) {
    o.cell(A[k], A.labelCol, t.fields[k]);
    o.format(A[k], A.labelCol, A[k], A.labelCol, { font: { bold: true }, vertical: 'top' });
    o.format(A[k], A.valueCol, A[k], A.valueCol, { fill: { color: COLORS.input }, border: true, vertical: 'top' });
  }
  o.format(A.start, A.valueCol, A.end, A.valueCol, { numberFormat: 'yyyy-mm-dd', horizontal: 'left' });
  o.format(A.rndTargets, A.valueCol, A.rndTargets, A.valueCol, { wrap: true });
  o.format(A.end, A.statusCol, A.end, A.statusCol, { fill: { color: COLORS.computed } });
  const listAt = (r: number, source: string) => o.list(r, A.valueCol, r, A.valueCol, `=${source}`);
  listAt(A.joint, policy.yesNo);
  listAt(A.yearBasis, policy.yearBasis);
  listAt(A.kind, policy.kinds);
  listAt(A.followOn, policy.yesNo);

  // Checklist: one row per requirement of the seed; the status follows the mark live.
  const cc = A.checklistCols;
  const headerRow: CellInput[] = [];
  for (const k of ['requirement', 'confirmed', 'status', 'evidence', 'section', 'id'] as const) headerRow[cc[k] - 1] = t.checklistColumns[k];
  o.values(A.checklistHeader, 1, [headerRow]);
  o.format(A.checklistHeader, 1, A.checklistHeader, cc.id, HEADER_FORMAT);
  const first = A.checklistHeader + 1;
  const lastRow = A.checklistHeader + CHECKLIST.length;
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
  o.push(...checklistStatusOps(templateActivityGeometry(g.sheet, 0), lang, policy));

  // Overseas bases.
  const oc = A.overseasCols;
  const oh = g.overseasHeader!;
  const ohRow: CellInput[] = [];
  for (const k of OVERSEAS_COLUMN_KEYS) ohRow[oc[k] - 1] = t.overseasColumns[k];
  o.values(oh, 1, [ohRow]);
  o.format(oh, 1, oh, oc.result, HEADER_FORMAT);
  const oLast = g.overseasLastRow!;
  o.format(oh + 1, 1, oLast, oc.metiRequested, { fill: { color: COLORS.input }, border: true });
  o.format(oh + 1, oc.result, oLast, oc.result, { fill: { color: COLORS.computed }, border: true });
  o.list(oh + 1, oc.risk, oLast, oc.metiRequested, `=${policy.yesNo}`);

  o.widths({ A: 44, B: 22, C: 16, D: 34, E: 20, F: 18, G: 16, H: 22 });
  if (plan) {
    o.push(
      ...headerOps(g, { applicant: plan.applicant, yearBasis: plan.yearBasis, activity: plan.activity, regional: plan.regional }, lang),
      ...checklistOps(g, plan.checklist ?? {}, lang),
      ...overseasOps(g, plan.overseas ?? [], lang),
    );
  }
  return o.ops;
}

/** The live status formula of every checklist row found (joint-only rows say "not applicable" unless joint). */
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
    o.cell(r, cols.status, { formula: `=${f}` });
  }
  return o.ops;
}

/** Static results next to the activity's inputs: the period check and each overseas base's outcome. */
export function activityResultOps(
  g: ActivityGeometry,
  period: string | null,
  overseas: (string | null)[],
): WriteOp[] {
  const o = new SheetOps(g.sheet);
  const end = g.fields.end;
  if (end) {
    o.cell(end.row, end.col + 1, period ?? null);
    o.format(end.row, end.col + 1, end.row, end.col + 1, { fill: { color: COLORS.computed } });
  }
  const rc = g.overseasCols.result;
  if (rc && g.overseasHeader !== undefined) {
    const last = Math.max(g.overseasLastRow ?? g.overseasHeader, ...g.overseasRows);
    if (last > g.overseasHeader) {
      const byRow = new Map(g.overseasRows.map((r, i) => [r, overseas[i] ?? null]));
      const rows: CellInput[][] = [];
      for (let r = g.overseasHeader + 1; r <= last; r++) rows.push([byRow.get(r) ?? null]);
      o.values(g.overseasHeader + 1, rc, rows);
    }
  }
  return o.ops;
}
