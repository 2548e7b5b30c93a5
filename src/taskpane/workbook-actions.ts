/**
 * The pane's actions over any workbook port: Office.js in the add-in, an in-memory workbook in the preview and the
 * tests. Host-neutral on purpose — no Office or DOM globals here.
 *
 * Every command reads the workbook first, so whatever the planner typed into the sheets since the last command is
 * what gets evaluated and written next to.
 */
import { evaluate as evaluatePlan, type EvaluablePlan } from '../evaluate';
import type { Lang } from '../i18n/format';
import type { WorkbookPort } from '../workbook/port';
import { FINDING_RULES, type FindingCode } from '../policy/findings';
import type { PlanLine } from '../plan/schema';
import {
  NotAPlanWorkbookError,
  appendLines,
  createPlanWorkbook,
  readPlan,
  removeLines,
  replaceLines,
  selectCell as selectLayoutCell,
  writeAcknowledgement,
  writeActivities,
  writeChecklist,
  writeCoreTechnologies,
  writePlanHeader,
  writeResults,
  writeSummary,
  writeTransfers,
  type ReadPlanResult,
} from '../workbook/layout';
import { ActionError, EvaluatedListeners, type DetectResult, type EvaluateResult, type EvaluateStage, type PaneActions } from './actions';

export interface WorkbookActionsOptions {
  /** The clock written into results and summary ("evaluated at"); tests pin it. */
  now?: () => Date;
  /** The tool's version, written with every evaluation. */
  version: string;
  /** The pane's current language: results and summary are written in it. */
  lang: () => Lang;
}

/** Give the UI a chance to paint the progress bar before a long synchronous step. */
function nextTick(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The layout's "no plan sheets" as the pane explains it (it names the CLI command otherwise). */
async function needsPlan<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (e instanceof NotAPlanWorkbookError) throw new ActionError('no-plan', e.message, { cause: e });
    throw e;
  }
}

/**
 * The plan as read, with the v2 fields a layout still being migrated may leave out (its single v1 `activity`
 * becomes activity A1; absent lists and considerations take the schema's defaults), so that the pane's forms and
 * the engine always see a whole v2 plan. A no-op for a layout that reads v2 itself.
 */
export function completePlan(plan: EvaluablePlan): EvaluablePlan {
  const legacy = (plan as { activity?: { kind: 'capacity' | 'rnd'; start: string; end: string } }).activity;
  const out: EvaluablePlan = {
    ...plan,
    coreTechnologies: plan.coreTechnologies ?? [],
    transfers: plan.transfers ?? [],
    considerations: plan.considerations ?? { regionalContribution: '', humanRights: { confirmed: false, note: '' }, cybersecurity: { confirmed: false, note: '' } },
  };
  if (!out.activities && legacy) {
    out.activities = [
      legacy.kind === 'rnd'
        ? { id: 'A1', kind: 'rnd', name: '', start: legacy.start, end: legacy.end, targets: [] }
        : { id: 'A1', kind: 'capacity', name: '', start: legacy.start, end: legacy.end, investment: '' },
    ];
  }
  delete (out as { activity?: unknown }).activity;
  return out;
}

/** The line at `index` as read equals the line the pane saw (same figures and names). */
function sameLine(read: ReadPlanResult, index: number, expected: PlanLine): boolean {
  const now = read.plan.lines[index];
  return now !== undefined && JSON.stringify(canonicalLine(now)) === JSON.stringify(canonicalLine(expected));
}

function canonicalLine(l: PlanLine): unknown {
  return [l.scenario, l.item, l.use, l.site ?? '', l.activity ?? '', l.baseline2021, l.unit, Object.entries(l.capacity).sort(), [...(l.targetYears ?? [])].sort()];
}

export function createWorkbookActions(port: WorkbookPort, opts: WorkbookActionsOptions): PaneActions {
  const now = opts.now ?? (() => new Date());
  const evaluated = new EvaluatedListeners();

  /** Reads the plan; evaluating a workbook without one would only write results about nothing into it. */
  async function readExistingPlan() {
    const read = await readPlan(port);
    if (!read.hasPlan) throw new ActionError('no-plan');
    read.plan = completePlan(read.plan);
    return read;
  }

  async function readAndEvaluate() {
    const read = await readExistingPlan();
    const evaluation = evaluatePlan(read.plan, { inputFindings: read.inputFindings, legacy: read.legacy });
    return { read, evaluation };
  }

  return {
    async detect(): Promise<DetectResult> {
      const read = await readPlan(port);
      return { hasPlan: read.hasPlan, lang: read.lang, plan: completePlan(read.plan), inputFindings: read.inputFindings, acknowledgements: read.acknowledgements };
    },

    async createPlan(lang) {
      await createPlanWorkbook(port, { lang });
    },

    async addLine(line) {
      const read = await readPlan(port);
      await needsPlan(() => appendLines(port, read, [line]));
    },

    async editLines(edit) {
      const read = await readExistingPlan();
      // The rows the pane saw must still be there: the planner may have sorted or edited the sheet since.
      const same = (index: number, expected?: PlanLine) => expected === undefined || sameLine(read, index, expected);
      for (const u of edit.update ?? []) if (!same(u.index, u.expected)) throw new ActionError('changed', `lines[${u.index}]`);
      for (const r of edit.remove ?? []) if (!same(r.index, r.expected)) throw new ActionError('changed', `lines[${r.index}]`);
      await needsPlan(async () => {
        if (edit.update?.length) await replaceLines(port, read, edit.update);
        if (edit.remove?.length) await removeLines(port, read, edit.remove.map((r) => r.index));
        if (edit.add?.length) await appendLines(port, edit.update?.length || edit.remove?.length ? await readPlan(port) : read, edit.add);
      });
    },

    async saveHeader(header) {
      const read = await readPlan(port);
      const c = header.considerations;
      // Only the fields given are written (the pane sends the ones the planner changed).
      await needsPlan(async () => {
        await writePlanHeader(port, read, {
          ...(header.applicant ? { applicant: { name: header.applicant.name, joint: header.applicant.joint } } : {}),
          ...(header.yearBasis ? { yearBasis: header.yearBasis } : {}),
          ...(header.submissionScenario !== undefined ? { submissionScenario: header.submissionScenario } : {}),
          ...(header.applicationDate !== undefined ? { applicationDate: header.applicationDate } : {}),
          ...(c ? { considerations: c } : {}),
        });
        if (header.activities) await writeActivities(port, read, header.activities);
        if (header.coreTechnologies) await writeCoreTechnologies(port, read, header.coreTechnologies);
        if (header.transfers) await writeTransfers(port, read, header.transfers);
      });
    },

    async acknowledge(path, code, note) {
      const read = await readExistingPlan();
      const rule = FINDING_RULES[code as FindingCode];
      if (!rule) throw new ActionError('other', `unknown finding code ${code}`);
      await needsPlan(() => writeAcknowledgement(port, read, { path, code: code as FindingCode, severity: rule.severity }, note));
    },

    async prepareSubmission() {
      // In the workbook the planner has open, the summary is the reviewer's page: written in the self-check's words,
      // submission scenario first. The clean copy without internal sheets is `supply-plan submit` (and its PDF).
      const { read, evaluation } = await readAndEvaluate();
      await needsPlan(() => writeSummary(port, read, evaluation, { lang: opts.lang(), evaluatedAt: now(), version: opts.version }));
      return { sheet: read.sheets.summary, address: 'A1' };
    },

    async saveChecklist(checklist) {
      const read = await readPlan(port);
      await needsPlan(() => writeChecklist(port, read, checklist));
    },

    async evaluate(onProgress?: (stage: EvaluateStage) => void) {
      onProgress?.('reading');
      const read = await readExistingPlan();
      onProgress?.('evaluating');
      await nextTick();
      const evaluation = evaluatePlan(read.plan, { inputFindings: read.inputFindings, legacy: read.legacy });
      onProgress?.('writing');
      await nextTick();
      await needsPlan(() => writeResults(port, read, evaluation, { lang: opts.lang(), evaluatedAt: now(), version: opts.version }));
      const findings = evaluation.findings.map((f) => ({ ...f, cell: read.locate(f) }));
      const result: EvaluateResult = { evaluation, findings };
      // Whoever asked (the pane, or the host after a sheet edit), everyone listening sees the results just written.
      evaluated.emit(result);
      return result;
    },

    async exportSummary() {
      const { read, evaluation } = await readAndEvaluate();
      await needsPlan(() => writeSummary(port, read, evaluation, { lang: opts.lang(), evaluatedAt: now(), version: opts.version }));
    },

    async selectCell(ref) {
      await selectLayoutCell(port, ref);
    },

    onEvaluated(listener) {
      return evaluated.add(listener);
    },
  };
}
