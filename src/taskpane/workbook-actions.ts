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
import {
  NotAPlanWorkbookError,
  appendLines,
  createPlanWorkbook,
  readPlan,
  selectCell as selectLayoutCell,
  writeChecklist,
  writePlanHeader,
  writeResults,
  writeSummary,
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
    const evaluation = evaluatePlan(read.plan, { inputFindings: read.inputFindings });
    return { read, evaluation };
  }

  return {
    async detect(): Promise<DetectResult> {
      const read = await readPlan(port);
      return { hasPlan: read.hasPlan, lang: read.lang, plan: completePlan(read.plan), inputFindings: read.inputFindings };
    },

    async createPlan(lang) {
      await createPlanWorkbook(port, { lang });
    },

    async addLine(line) {
      const read = await readPlan(port);
      await needsPlan(() => appendLines(port, read, [line]));
    },

    async editLines(edit) {
      // The layout can append lines; replacing and removing rows needs a layout writer that does not exist yet
      // (the workbook side is moving to rules v2). Refuse before writing anything rather than half an edit.
      if ((edit.update?.length ?? 0) > 0 || (edit.remove?.length ?? 0) > 0) throw new ActionError('not-available', 'editLines: update/remove');
      const read = await readPlan(port);
      if (edit.add?.length) await needsPlan(() => appendLines(port, read, edit.add!));
    },

    async saveHeader(header) {
      const read = await readPlan(port);
      // Until the v2 layout writes them, the fields the v1 activity sheet has cells for are written, and the
      // planner is told which were not (nothing is dropped silently).
      const first = header.activities?.[0];
      const c = header.considerations;
      await needsPlan(() =>
        writePlanHeader(port, read, {
          ...(header.applicant ? { applicant: { name: header.applicant.name, joint: header.applicant.joint } } : {}),
          ...(header.yearBasis ? { yearBasis: header.yearBasis } : {}),
          ...(first ? { activity: { kind: first.kind, start: first.start, end: first.end } } : {}),
          ...(c && (c.regionalContribution !== undefined || c.jobsCreated !== undefined)
            ? { regional: { ...(c.regionalContribution !== undefined ? { contribution: c.regionalContribution } : {}), ...(c.jobsCreated !== undefined ? { jobsCreated: c.jobsCreated } : {}) } }
            : {}),
        }),
      );
      const unwritten = [
        header.applicationDate !== undefined && 'applicationDate',
        header.submissionScenario !== undefined && 'submissionScenario',
        (header.activities?.length ?? 0) > 1 && 'activities',
        header.coreTechnologies !== undefined && 'coreTechnologies',
        header.transfers !== undefined && 'transfers',
        c && (c.humanRights !== undefined || c.cybersecurity !== undefined) && 'considerations',
      ].filter(Boolean);
      if (unwritten.length > 0) throw new ActionError('not-available', unwritten.join(', '));
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
      const evaluation = evaluatePlan(read.plan, { inputFindings: read.inputFindings });
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
