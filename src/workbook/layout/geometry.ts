/**
 * Where things are: the fixed positions of the sheets we generate (policy, results, summary, log, and the
 * templates of the plan and activity sheets), and the geometry of a plan table as found or as created.
 *
 * Input sheets (plan, activity & checklist) are read by their labels, wherever a planner moved them; the fixed
 * positions below are only where a template puts them. Generated sheets are rewritten at fixed positions.
 */
import { BASELINE_YEAR, CHECKLIST, ITEMS, LAST_TARGET_YEAR, MULTIPLIER_YEARS, NATIONAL_TARGETS, SECTIONS, USES } from '../../policy';
import { TRUE_WORDS, type PlanColumnKey } from '../../i18n/workbook';
import { columnLetters, quoteSheetName } from '../a1';

/** Extra empty rows a plan table gets below its last line, with formats, lists and live formulas ready. */
export const SPARE_ROWS = 20;
/** Decimal places of the comparisons in formulas: inputs have up to 5, a multiple × baseline up to 6. */
export const ROUND_DIGITS = 6;
/** Significant digits the formulas compare large values at (double precision keeps 15–16; LibreOffice ~14.4). */
export const SIGNIFICANT_DIGITS = 14;
/** The Excel table over the plan's input columns. */
export const PLAN_TABLE_NAME = 'SupplyPlanLines';
/** The scenario of a line whose scenario cell is empty (the plan format's default). */
export const DEFAULT_SCENARIO = 'base';
/** Default year columns of a new plan sheet. */
export const DEFAULT_YEARS: readonly number[] = Array.from({ length: 14 }, (_, i) => 2022 + i);
/** At most this many target-point notes per check (Office writes each note separately). */
export const NOTE_CAP = 2000;
/** The summary lists at most this many findings and this many target points; the rest are on the results sheet. */
export const SUMMARY_FINDINGS_CAP = 300;
export const SUMMARY_TARGETS_CAP = 300;
/** Lines drawn in the summary's chart data. */
export const CHART_LINES_CAP = 6;
/** Above this many characters of findings text in total, the results sheet lists findings compactly. */
export const FINDINGS_TEXT_BUDGET = 1_500_000;

export const COLORS = {
  input: '#FFF9D6',
  computed: '#EDEDED',
  header: '#1F4E78',
  headerFont: '#FFFFFF',
  section: '#DDEBF7',
  metFill: '#C6EFCE',
  metFont: '#006100',
  shortFill: '#FFC7CE',
  shortFont: '#9C0006',
  warnFont: '#9C5700',
  muted: '#595959',
  tabInput: '#2E75B6',
  tabPolicy: '#7F7F7F',
  tabResults: '#548235',
  tabSummary: '#C55A11',
} as const;

export const col = columnLetters;

/** "'計画'!$B5"-style references for formulas. */
export function ref(sheet: string, address: string): string {
  return `${quoteSheetName(sheet)}!${address}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Plan sheet template

export const PLAN_TEMPLATE = {
  titleRow: 1,
  infoRow: 2,
  hintRow: 3,
  headerRow: 4,
  /** Input columns, left to right; year columns follow. */
  columns: ['scenario', 'item', 'use', 'baseline', 'unit', 'targets'] as PlanColumnKey[],
  /**
   * Input columns right of the years (v2): a v1 template's year columns keep their letters, so what planners built on
   * them (links, their own formulas, printed instructions naming J for 2025) still points at the same years.
   */
  afterYears: ['site'] as PlanColumnKey[],
} as const;

/** The plan table as found on the sheet (or as a template makes it). Rows and columns are 1-based. */
export interface PlanGeometry {
  sheet: string;
  headerRow: number;
  /** First row under the header. */
  firstRow: number;
  /** Last row with a planner's input (firstRow - 1 when there is none). */
  lastDataRow: number;
  /** Last row the live formulas, lists and formats cover (lastDataRow plus spare rows). */
  lastRow: number;
  cols: Partial<Record<PlanColumnKey, number>>;
  /** Year columns in sheet order. */
  years: { year: number; col: number }[];
  inputLeft: number;
  inputRight: number;
  /** The verdict column; the status mirror follows it, one column per year. */
  computedLeft: number;
  /** Columns holding our computed headers from an earlier run (cleared before writing again). */
  oldComputed: number[];
  /** Whether the table range holds merged cells (an Excel table cannot). */
  mergesInTable: boolean;
}

export function statusMirrorCol(g: PlanGeometry, k: number): number {
  return g.computedLeft + 1 + k;
}

/** Runs of year indexes whose plan columns are adjacent and in order: one fill per run keeps writes small. */
export function yearRuns(g: Pick<PlanGeometry, 'years'>): { from: number; to: number }[] {
  const runs: { from: number; to: number }[] = [];
  g.years.forEach((y, k) => {
    const last = runs[runs.length - 1];
    if (last && last.to === k - 1 && g.years[k - 1].col === y.col - 1) last.to = k;
    else runs.push({ from: k, to: k });
  });
  return runs;
}

// ---------------------------------------------------------------------------------------------------------------
// Activity & checklist template

export const ACTIVITY_TEMPLATE = {
  titleRow: 1,
  legendRow: 2,
  /** Checklist columns (A requirement, B confirmed, C status, D evidence, E section, F id). */
  checklistCols: { requirement: 1, confirmed: 2, status: 3, evidence: 4, section: 5, id: 6 },
  activityCols: { id: 1, kind: 2, name: 3, start: 4, end: 5, capitalInvestment: 6, investment: 7, followOn: 8, result: 9 },
  targetCols: { activity: 1, metric: 2, unit: 3, target: 4, current: 5, currentDate: 6 },
  coreTechCols: { name: 1, items: 2, supplierHeld: 3, note: 4 },
  transferCols: { act: 1, by: 2, counterparty: 3, country: 4, technology: 5, item: 6, before: 7, after: 8, share: 9, risk: 10, metiRequested: 11, result: 12 },
  ackCols: { code: 1, path: 2, note: 3 },
  labelCol: 1,
  valueCol: 2,
  /** Where a template puts the year basis (the results sheet's formula reads it when the sheet has none found). */
  yearBasis: 7,
} as const;

/**
 * The rows of a new activity sheet, top to bottom: the applicant's fields, then each table (with the rows given)
 * under its section title, the checklist, the transfer acts, the considerations and the acknowledged warnings.
 */
export function activityTemplateRows(n: { activities: number; targets: number; coreTech: number; transfers: number; acks: number }) {
  let r = 4;
  const applicantSection = r++;
  const fields: Record<string, number> = {};
  for (const k of ['applicantName', 'joint', 'yearBasis', 'submissionScenario', 'applicationDate']) fields[k] = r++;
  r++;
  const activitiesSection = r++;
  const activitiesHeader = r;
  r += n.activities + 2;
  const targetsSection = r++;
  const targetsHeader = r;
  r += n.targets + 2;
  const coreTechSection = r++;
  const coreTechHeader = r;
  r += n.coreTech + 2;
  const checklistSection = r++;
  const checklistHeader = r;
  r += CHECKLIST.length + 2;
  const transfersSection = r++;
  const transfersHeader = r;
  r += n.transfers + 2;
  const considerationsSection = r++;
  for (const k of ['regionalContribution', 'jobsCreated', 'humanRights', 'humanRightsNote', 'cybersecurity', 'cybersecurityNote']) fields[k] = r++;
  r++;
  const acksSection = r++;
  const acksHeader = r;
  return {
    applicantSection,
    fields: fields as Record<'applicantName' | 'joint' | 'yearBasis' | 'submissionScenario' | 'applicationDate' | 'regionalContribution' | 'jobsCreated' | 'humanRights' | 'humanRightsNote' | 'cybersecurity' | 'cybersecurityNote', number>,
    activitiesSection,
    activitiesHeader,
    targetsSection,
    targetsHeader,
    coreTechSection,
    coreTechHeader,
    checklistSection,
    checklistHeader,
    transfersSection,
    transfersHeader,
    considerationsSection,
    acksSection,
    acksHeader,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Policy sheet: rewritten at every check at these fixed positions; formulas and lists point here.

const P_LIST_HEADER = 7;
const P_LIST_FIRST = 8;

/** Every name a use may be typed as, with its row in the multiplier table (1-based). */
export function useLookupNames(): { name: string; index: number }[] {
  const seen = new Set<string>();
  const out: { name: string; index: number }[] = [];
  USES.forEach((u, i) => {
    for (const name of [u.ja, u.en, u.id, ...u.aliases]) {
      const key = name.trim().toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ name, index: i + 1 });
    }
  });
  return out;
}

/** Words that count as "confirmed" in a checklist cell (the live status formula matches against them). */
export function trueTokens(): string[] {
  return [...TRUE_WORDS, 'TRUE'].filter((w, i, all) => all.findIndex((x) => x.toLowerCase() === w.toLowerCase()) === i);
}

export const POLICY = {
  titleRow: 1,
  seedRow: 2,
  publisherRow: 3,
  generatedRow: 4,
  multSection: 6,
  multHeader: 7,
  multFirst: 8,
  multLast: 8 + USES.length - 1,
  multFirstCol: 3,
  multLastCol: 3 + MULTIPLIER_YEARS.length - 1,
  get constSection() {
    return this.multLast + 2;
  },
  get baselineRow() {
    return this.constSection + 1;
  },
  get firstColumnRow() {
    return this.constSection + 2;
  },
  get lastTargetRow() {
    return this.constSection + 3;
  },
  get nationalSection() {
    return this.lastTargetRow + 2;
  },
  get nationalHeader() {
    return this.nationalSection + 1;
  },
  get sectionsSection() {
    return this.nationalHeader + NATIONAL_TARGETS.length + 2;
  },
  get sectionsHeader() {
    return this.sectionsSection + 1;
  },
  get sectionsLast() {
    return this.sectionsHeader + Object.keys(SECTIONS).length;
  },
  listHeader: P_LIST_HEADER,
  listFirst: P_LIST_FIRST,
  itemCol: 10, // J: label, K: id, L: other language, M: note
  itemLast: P_LIST_FIRST + ITEMS.length - 1,
  useNameCol: 15, // O: name, P: index
  get useNameLast() {
    return P_LIST_FIRST + useLookupNames().length - 1;
  },
  scenarioCol: 18, // R
  scenarioRows: 30,
  get scenarioLast() {
    return P_LIST_FIRST + this.scenarioRows - 1;
  },
  yesNoCol: 20, // T
  confirmCol: 21, // U
  yearBasisCol: 22, // V
  kindCol: 23, // W
  trueCol: 24, // X
  get trueLast() {
    return P_LIST_FIRST + trueTokens().length - 1;
  },
  /** The multiplier-table row labels use this column (the use label in the workbook's language). */
  useLabelCol: 1,
  useIdCol: 2,
};

/** Absolute references into the policy sheet, as formulas and lists use them. */
export function policyRefs(policySheet: string) {
  const p = POLICY;
  const abs = (c: number, r: number) => `$${col(c)}$${r}`;
  const area = (c1: number, r1: number, c2: number, r2: number) => ref(policySheet, `${abs(c1, r1)}:${abs(c2, r2)}`);
  return {
    multTable: area(p.multFirstCol, p.multFirst, p.multLastCol, p.multLast),
    multYears: area(p.multFirstCol, p.multHeader, p.multLastCol, p.multHeader),
    baselineYear: ref(policySheet, abs(2, p.baselineRow)),
    firstYear: ref(policySheet, abs(2, p.firstColumnRow)),
    lastYear: ref(policySheet, abs(2, p.lastTargetRow)),
    useNames: area(p.useNameCol, p.listFirst, p.useNameCol, p.useNameLast),
    useIndex: area(p.useNameCol + 1, p.listFirst, p.useNameCol + 1, p.useNameLast),
    items: area(p.itemCol, p.listFirst, p.itemCol, p.itemLast),
    itemIds: area(p.itemCol + 1, p.listFirst, p.itemCol + 1, p.itemLast),
    itemOther: area(p.itemCol + 2, p.listFirst, p.itemCol + 2, p.itemLast),
    uses: area(p.useLabelCol, p.multFirst, p.useLabelCol, p.multLast),
    scenarios: area(p.scenarioCol, p.listFirst, p.scenarioCol, p.scenarioLast),
    yesNo: area(p.yesNoCol, p.listFirst, p.yesNoCol, p.listFirst + 1),
    confirm: area(p.confirmCol, p.listFirst, p.confirmCol, p.listFirst + 1),
    yearBasis: area(p.yearBasisCol, p.listFirst, p.yearBasisCol, p.listFirst + 1),
    kinds: area(p.kindCol, p.listFirst, p.kindCol, p.listFirst + 1),
    trueTokens: area(p.trueCol, p.listFirst, p.trueCol, p.trueLast),
  };
}
export type PolicyRefs = ReturnType<typeof policyRefs>;

// ---------------------------------------------------------------------------------------------------------------
// Results sheet: one row per plan row (same order), fixed columns, then one block of year columns per figure.

export const RESULTS = {
  titleRow: 1,
  yearBasisRow: 2,
  asOfRow: 3,
  legendRow: 4,
  blockTitleRow: 5,
  headerRow: 6,
  firstRow: 7,
  /**
   * Fixed columns. From `group` on they judge target groups (v2): the group key (scenario, item, use — the lines
   * judged together), the group's 2021 baseline, whether the line names target years, whether its inputs are in the
   * range where the formulas are exact, whether its whole group is (live), and its key with its unit (units differ).
   */
  cols: {
    row: 1,
    scenario: 2,
    item: 3,
    use: 4,
    unit: 5,
    verdict: 6,
    findings: 7,
    errors: 8,
    warnings: 9,
    useIndex: 10,
    targets: 11,
    baseline: 12,
    group: 13,
    groupBaseline: 14,
    named: 15,
    exact: 16,
    live: 17,
    groupUnit: 18,
    scenarioUse: 19,
  },
  firstBlockCol: 20,
  /**
   * Blocks, left to right. `forecast` holds the plan's forecasts as the engine reads them (the group sums add them
   * up), `groupForecast` the group's sum, `named` 1 where the line names the year, `last` the status of the last
   * evaluation (shown where the formulas are not exact).
   */
  blocks: ['status', 'multiplier', 'required', 'shortfall', 'groupForecast', 'ratio', 'forecast', 'named', 'last'] as const,
  /**
   * Rows after the plan's rows for lines typed into rows inserted inside the plan table since the last check (a
   * program that has no table formulas to carry down, such as LibreOffice, leaves such a row without its marks and
   * results row): the k-th such line is read into the k-th of these rows, and its group's sums take it in.
   */
  pendingRows: 10,
};
export type BlockKey = (typeof RESULTS.blocks)[number];
/** Blocks that only years which can be target points (2022–2030) have: the others would always be empty. */
export const TARGET_BLOCKS: readonly BlockKey[] = ['multiplier', 'required', 'shortfall', 'named'];

/** Whether a year can be a target point at all (after the baseline year, up to 2030). */
export function canBeTarget(year: number): boolean {
  return year > BASELINE_YEAR && year <= LAST_TARGET_YEAR;
}

export interface BlockLayout {
  /** The year indexes (into the plan's years) a block has a column for, left to right. */
  years(block: BlockKey): number[];
  /** The block's first column. */
  start(block: BlockKey): number;
  /** The column of a block for year index k, or null when the block has none for that year. */
  col(block: BlockKey, k: number): number | null;
}

/** Where the results blocks are for a plan's years. */
export function resultsBlocks(g: Pick<PlanGeometry, 'years'>): BlockLayout {
  const all = g.years.map((_, k) => k);
  const targets = all.filter((k) => canBeTarget(g.years[k].year));
  const years = (block: BlockKey) => (TARGET_BLOCKS.includes(block) ? targets : all);
  const starts = new Map<BlockKey, number>();
  let c = RESULTS.firstBlockCol;
  for (const b of RESULTS.blocks) {
    starts.set(b, c);
    c += years(b).length;
  }
  return {
    years,
    start: (b) => starts.get(b)!,
    col: (b, k) => {
      const j = years(b).indexOf(k);
      return j < 0 ? null : starts.get(b)! + j;
    },
  };
}

/**
 * The results rows for lines in rows inserted since the last check (RESULTS.pendingRows of them, after the row of
 * the plan's last row), and the cell below them that counts such lines (more than there are rows: nothing is live).
 */
export function pendingRows(g: Pick<PlanGeometry, 'firstRow' | 'lastRow'>): { top: number; bottom: number; countRow: number } {
  const top = resultsRow(g, g.lastRow) + 1;
  const bottom = top + RESULTS.pendingRows - 1;
  return { top, bottom, countRow: bottom + 1 };
}

/** The results row that mirrors a plan row. */
export function resultsRow(g: Pick<PlanGeometry, 'firstRow'>, planRow: number): number {
  return RESULTS.firstRow + (planRow - g.firstRow);
}

// ---------------------------------------------------------------------------------------------------------------
// Summary and log

export const SUMMARY = {
  widths: { A: 5, B: 23, C: 27, D: 30, E: 10, F: 54, G: 13, H: 13, I: 11, J: 10, K: 9 } as Record<string, number>,
  lastCol: 11,
  /** Chart data goes right of the print area. */
  chartCol: 13,
};

export const LOG = { titleRow: 1, headerRow: 3 };
