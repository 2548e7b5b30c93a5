/**
 * A hand-written PaneActions for the pane's tests: it records every call and answers from a plan held in memory,
 * the way the workbook would after each command.
 */
import { evaluate } from '../../src/evaluate';
import { CHECKLIST } from '../../src/policy';
import type { EvaluablePlan } from '../../src/evaluate';
import type { Lang } from '../../src/i18n/format';
import type { PlanLine } from '../../src/plan/schema';
import { applyLineEdit } from '../../src/taskpane/scenarios';
import {
  ActionError,
  EvaluatedListeners,
  type Acknowledgement,
  type CellRef,
  type Checklist,
  type DetectResult,
  type EvaluatedListener,
  type EvaluateResult,
  type EvaluateStage,
  type LineEdit,
  type PaneActions,
  type PaneCommands,
  type PlanHeader,
} from '../../src/taskpane/actions';

export type ActionName = keyof PaneCommands;

export interface Call {
  name: ActionName;
  args: unknown[];
}

const NO_CONSIDERATIONS = () => ({ regionalContribution: '', humanRights: { confirmed: false, note: '' }, cybersecurity: { confirmed: false, note: '' } });

export function emptyPlan(): EvaluablePlan {
  return {
    format: 'supply-plan/2',
    applicant: { name: '', joint: false },
    yearBasis: 'calendar',
    activities: [],
    lines: [],
    coreTechnologies: [],
    transfers: [],
    checklist: {},
    considerations: NO_CONSIDERATIONS(),
  };
}

export function samplePlan(): EvaluablePlan {
  return {
    format: 'supply-plan/2',
    applicant: { name: '東海精機工業株式会社', joint: false },
    yearBasis: 'fiscal',
    activities: [{ id: 'A1', kind: 'capacity', name: '浜松工場の増設', start: '2024-04-01', end: '2034-03-31', capitalInvestment: true, investment: '' }],
    lines: [
      { scenario: 'base', item: 'ボールねじ', use: 'machine-tools', baseline2021: 100, unit: '本/年', capacity: { '2025': 120, '2026': 130, '2030': 160 } },
      { scenario: 'conservative', item: '鋳物', use: 'robots', baseline2021: 10, unit: '台/年', capacity: { '2025': 13, '2030': 17 } },
    ],
    coreTechnologies: [],
    transfers: [],
    checklist: {},
    considerations: NO_CONSIDERATIONS(),
  };
}

/** The plan with every checklist item confirmed (unconfirmed items are errors that would hide the rest). */
export function confirmAll<P extends EvaluablePlan>(plan: P): P {
  for (const item of CHECKLIST) plan.checklist[item.id] = { confirmed: true, evidence: '申請書' };
  return plan;
}

/** A plan whose reducer line falls short in 2030: 3,333 × 1.6 = 5,332.8 required, 4,000 forecast. */
export function shortPlan(): EvaluablePlan {
  const plan = samplePlan();
  plan.lines = [
    { scenario: 'base', item: 'reducer', use: 'machine-tools', baseline2021: 3333, unit: '台/年', capacity: { '2025': 4000, '2030': 4000 } },
    { scenario: 'base', item: 'ball-screw', use: 'machine-tools', baseline2021: 100, unit: 't', capacity: { '2025': 119, '2030': 170 } },
  ];
  return plan;
}

/** Where the fake workbook puts each finding: lines on the plan sheet, the rest on the checklist sheet. */
export function fakeLocate(f: { line?: number; year?: number; path: string }): CellRef | null {
  if (f.line !== undefined) return { sheet: '計画', address: `${f.year ? 'F' : 'B'}${f.line + 5}` };
  if (f.path.startsWith('checklist.')) return { sheet: 'チェックリスト', address: 'C4' };
  return null;
}

export class FakeActions implements PaneActions {
  readonly calls: Call[] = [];
  hasPlan: boolean;
  lang: Lang = 'ja';
  plan: EvaluablePlan;
  /** Makes the named action fail with this error (once per call, until cleared). */
  failures: Partial<Record<ActionName, unknown>> = {};
  private readonly evaluated = new EvaluatedListeners();
  /** How many listeners hear evaluations now. */
  listening = 0;
  /** Acknowledged warnings, as the workbook would keep them. */
  acknowledgements: Acknowledgement[] = [];
  /** Where the submission sheet starts. */
  submissionCell: CellRef = { sheet: '提出用', address: 'A1' };

  constructor(opts: { hasPlan?: boolean; plan?: EvaluablePlan; optional?: boolean } = {}) {
    this.hasPlan = opts.hasPlan ?? true;
    this.plan = opts.plan ?? (this.hasPlan ? samplePlan() : emptyPlan());
    // A host without the optional commands (the pane hides their controls).
    if (opts.optional === false) {
      (this as { acknowledge?: unknown }).acknowledge = undefined;
      (this as { prepareSubmission?: unknown }).prepareSubmission = undefined;
    }
  }

  callsOf(name: ActionName): unknown[][] {
    return this.calls.filter((c) => c.name === name).map((c) => c.args);
  }

  private record(name: ActionName, args: unknown[]): void {
    this.calls.push({ name, args });
    if (this.failures[name] !== undefined) throw this.failures[name];
  }

  async detect(): Promise<DetectResult> {
    this.record('detect', []);
    return {
      hasPlan: this.hasPlan,
      lang: this.lang,
      plan: JSON.parse(JSON.stringify(this.plan)) as EvaluablePlan,
      inputFindings: [],
      acknowledgements: this.acknowledgements.map((a) => ({ ...a })),
    };
  }

  async createPlan(lang: Lang): Promise<void> {
    this.record('createPlan', [lang]);
    this.hasPlan = true;
    this.lang = lang;
  }

  async addLine(line: PlanLine): Promise<void> {
    this.record('addLine', [line]);
    this.plan.lines.push(line);
  }

  async editLines(edit: LineEdit): Promise<void> {
    this.record('editLines', [edit]);
    // As a host should: refuse when the rows are not what the pane saw.
    for (const e of [...(edit.update ?? []), ...(edit.remove ?? [])]) {
      if (e.expected && JSON.stringify(this.plan.lines[e.index]) !== JSON.stringify(e.expected)) throw new ActionError('changed');
    }
    this.plan.lines = applyLineEdit(this.plan.lines, edit);
  }

  /** Writes only the fields given, as the workbook does. */
  async saveHeader(header: PlanHeader): Promise<void> {
    this.record('saveHeader', [header]);
    const { considerations, ...rest } = header;
    for (const [k, v] of Object.entries(rest)) {
      if (v === '' && (k === 'submissionScenario' || k === 'applicationDate')) delete (this.plan as Record<string, unknown>)[k];
      else (this.plan as Record<string, unknown>)[k] = v;
    }
    if (considerations) this.plan.considerations = { ...this.plan.considerations, ...considerations };
  }

  /** Writes only the items given. */
  async saveChecklist(checklist: Checklist): Promise<void> {
    this.record('saveChecklist', [checklist]);
    this.plan.checklist = { ...this.plan.checklist, ...checklist };
  }

  async acknowledge(path: string, code: string, note: string): Promise<void> {
    this.record('acknowledge', [path, code, note]);
    this.acknowledgements = this.acknowledgements.filter((a) => !(a.path === path && a.code === code));
    if (note !== '') this.acknowledgements.push({ path, code, note });
  }

  async prepareSubmission(): Promise<CellRef | null> {
    this.record('prepareSubmission', []);
    return this.submissionCell;
  }

  async evaluate(onProgress?: (stage: EvaluateStage) => void): Promise<EvaluateResult> {
    this.record('evaluate', []);
    onProgress?.('reading');
    onProgress?.('evaluating');
    const evaluation = evaluate(this.plan);
    onProgress?.('writing');
    const result = { evaluation, findings: evaluation.findings.map((f) => ({ ...f, cell: fakeLocate(f) })) };
    this.evaluated.emit(result);
    return result;
  }

  onEvaluated(listener: EvaluatedListener): () => void {
    const stop = this.evaluated.add(listener);
    this.listening++;
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      this.listening--;
      stop();
    };
  }

  async exportSummary(): Promise<void> {
    this.record('exportSummary', []);
  }

  async selectCell(ref: CellRef): Promise<void> {
    this.record('selectCell', [ref]);
  }
}
