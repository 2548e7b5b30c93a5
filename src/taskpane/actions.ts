/**
 * What the task pane can ask of the workbook. Components receive a `PaneActions` as a prop and never see Excel:
 * the add-in hands them actions over Office.js (office-host.ts), the browser preview and the tests hand them
 * actions over an in-memory workbook or a fake.
 */
import type { Lang } from '../i18n/format';
import type { PaneErrorKind } from '../i18n/ui';
import type { EvaluablePlan, Evaluation, Finding } from '../evaluate';
import type { Plan, PlanLine } from '../plan/schema';
import type { CellRef } from '../workbook/layout';

export type { CellRef };

/** What the pane knows about the workbook after reading it. */
export interface DetectResult {
  /** Whether the workbook holds the plan sheets. */
  hasPlan: boolean;
  /** The language the plan sheets are written in. */
  lang: Lang;
  plan: EvaluablePlan;
  /** Cells that could not be read as the plan needs them. */
  inputFindings: Finding[];
  /** Warnings the planner acknowledged, with their notes (kept in the workbook), where the host keeps them. */
  acknowledgements?: Acknowledgement[];
}

/**
 * The plan's fields outside the plan table that the Plan tab edits. A field left out is left as the workbook has
 * it: the pane sends only what the planner changed (see taskpane/merge.ts), so a save never puts back an old value
 * of a field someone typed into the sheet meanwhile. Lists (activities, core technologies, transfers) are one field
 * each: the pane sends the whole list when any entry of it changed.
 */
export type PlanHeader = Partial<
  Pick<Plan, 'applicant' | 'applicationDate' | 'yearBasis' | 'submissionScenario' | 'activities' | 'coreTechnologies' | 'transfers'>
> & {
  /** 第3章第8節 (recorded, not pass/fail): only the parts given are written. */
  considerations?: Partial<Plan['considerations']>;
};

/** Checklist entries to write: only the items given are written (the pane sends the ones the planner changed). */
export type Checklist = Plan['checklist'];

/**
 * Changes to the plan table in one command: lines replaced in place, lines removed, lines appended. Indexes are
 * into `plan.lines` as the pane last read them; `expected` (the lines as the pane saw them) lets a host refuse an
 * edit when the rows moved underneath (ActionError 'changed').
 */
export interface LineEdit {
  update?: { index: number; line: PlanLine; expected?: PlanLine }[];
  remove?: { index: number; expected?: PlanLine }[];
  add?: PlanLine[];
}

/** A warning the planner has looked at and accepted, with why (shown on the summary). */
export interface Acknowledgement {
  path: string;
  code: string;
  note: string;
}

/** The stages of an evaluation, in order, for a progress bar. */
export type EvaluateStage = 'reading' | 'evaluating' | 'writing';
export const EVALUATE_STAGES: readonly EvaluateStage[] = ['reading', 'evaluating', 'writing'];

/** A finding with the cell it points at, where the layout can place it. */
export type LocatedFinding = Finding & { cell: CellRef | null };

export interface EvaluateResult {
  evaluation: Evaluation;
  findings: LocatedFinding[];
}

/** Hears an evaluation's result. */
export type EvaluatedListener = (result: EvaluateResult) => void;

/** The commands the pane runs against the workbook: each one a promise, run one at a time. */
export interface PaneCommands {
  /** Read the workbook: is there a plan, and what does it hold? */
  detect(): Promise<DetectResult>;
  /** Add the plan sheets, written in `lang`, to the workbook. */
  createPlan(lang: Lang): Promise<void>;
  /** Append one line (canonical item and use ids) to the plan table. */
  addLine(line: PlanLine): Promise<void>;
  /** Replace, remove and append lines (the lines list, scenario copy / rename / delete, "set to required", undo). */
  editLines(edit: LineEdit): Promise<void>;
  /** Write the fields given, and only those. */
  saveHeader(header: PlanHeader): Promise<void>;
  saveChecklist(checklist: Checklist): Promise<void>;
  /** Read, evaluate and write the results sheet; `onProgress` hears each stage as it starts. */
  evaluate(onProgress?: (stage: EvaluateStage) => void): Promise<EvaluateResult>;
  /** Evaluate and write the summary sheet. */
  exportSummary(): Promise<void>;
  /** Select a cell in the workbook (and show its sheet). */
  selectCell(ref: CellRef): Promise<void>;
  /**
   * Keep the planner's acknowledgement of a warning (its note) in the workbook; an empty note withdraws it. Optional:
   * the pane hides the control where the host cannot keep it.
   */
  acknowledge?(path: string, code: string, note: string): Promise<void>;
  /**
   * Write the submission sheet (the submission scenario's figures, the checklist and the acknowledged warnings) and
   * return where it starts, for the pane to show it. Optional: the pane hides the command where the host has none.
   */
  prepareSubmission?(): Promise<CellRef | null>;
}

export interface PaneActions extends PaneCommands {
  /**
   * Hear the result of every evaluation, whoever asked for it: the pane's Evaluate button, or the host re-evaluating
   * after the planner edited the sheets (the preview's sheet view, Excel's worksheet change event). Returns the
   * function that stops listening.
   */
  onEvaluated(listener: EvaluatedListener): () => void;
}

/** The commands every host has. */
type RequiredCommand = { [K in keyof PaneCommands]-?: undefined extends PaneCommands[K] ? never : K }[keyof PaneCommands];
/** The commands a host may lack (the pane hides their controls then). */
export type OptionalCommand = Exclude<keyof PaneCommands, RequiredCommand>;

/** Every required command's name; a Record so that adding a command without listing it here does not compile. */
const ACTION_NAMES: Record<RequiredCommand, true> = {
  detect: true,
  createPlan: true,
  addLine: true,
  editLines: true,
  saveHeader: true,
  saveChecklist: true,
  evaluate: true,
  exportSummary: true,
  selectCell: true,
};
const OPTIONAL_NAMES: Record<OptionalCommand, true> = {
  acknowledge: true,
  prepareSubmission: true,
};
/**
 * The names of the commands every host has (everything of `PaneActions` but the `onEvaluated` subscription and
 * the optional commands), for wrappers.
 */
export const PANE_ACTION_NAMES = Object.keys(ACTION_NAMES) as RequiredCommand[];
/**
 * The optional commands. A wrapper wraps one only where the wrapped actions have it: a wrapper standing in for a
 * missing command would make the pane show a control that cannot work.
 */
export const OPTIONAL_ACTION_NAMES = Object.keys(OPTIONAL_NAMES) as OptionalCommand[];

/**
 * The listeners of `onEvaluated`, for an implementation of `PaneActions`. A listener that throws does not stop the
 * others or fail the evaluation that was heard; its error is reported asynchronously, as an event handler's would be.
 */
export class EvaluatedListeners {
  private readonly listeners = new Set<EvaluatedListener>();

  add(listener: EvaluatedListener): () => void {
    // A wrapper per subscription, so the same function subscribed twice is also unsubscribed twice.
    const entry: EvaluatedListener = (r) => listener(r);
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  emit(result: EvaluateResult): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(result);
      } catch (e) {
        setTimeout(() => {
          throw e;
        }, 0);
      }
    }
  }
}

/**
 * A failure the planner can do something about (Excel is in cell edit mode, the sheet is protected, the plan sheets
 * are gone …). Actions translate their host's errors into this so that the pane shows a plain message, in its
 * current language, without knowing which host it runs in.
 */
export class ActionError extends Error {
  constructor(
    readonly kind: PaneErrorKind,
    readonly detail: string = '',
    options?: { cause?: unknown },
  ) {
    super(detail ? `${kind}: ${detail}` : kind);
    this.name = 'ActionError';
    if (options && 'cause' in options) (this as { cause?: unknown }).cause = options.cause;
  }
}
