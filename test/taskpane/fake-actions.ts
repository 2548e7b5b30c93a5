/**
 * A hand-written PaneActions for the pane's tests: it records every call and answers from a plan held in memory,
 * the way the workbook would after each command.
 */
import { evaluate } from '../../src/evaluate';
import type { EvaluablePlan } from '../../src/evaluate';
import type { Lang } from '../../src/i18n/format';
import type { PlanLine } from '../../src/plan/schema';
import {
  EvaluatedListeners,
  type CellRef,
  type Checklist,
  type DetectResult,
  type EvaluatedListener,
  type EvaluateResult,
  type EvaluateStage,
  type PaneActions,
  type PaneCommands,
  type PlanHeader,
} from '../../src/taskpane/actions';

export type ActionName = keyof PaneCommands;

export interface Call {
  name: ActionName;
  args: unknown[];
}

export function emptyPlan(): EvaluablePlan {
  return {
    format: 'supply-plan/1',
    applicant: { name: '', joint: false },
    yearBasis: 'calendar',
    lines: [],
    checklist: {},
    overseas: [],
  };
}

export function samplePlan(): EvaluablePlan {
  return {
    format: 'supply-plan/1',
    applicant: { name: '東海精機工業株式会社', joint: false },
    yearBasis: 'fiscal',
    activity: { kind: 'capacity', start: '2024-04-01', end: '2034-03-31' },
    lines: [
      { scenario: 'base', item: 'ボールねじ', use: 'machine-tools', baseline2021: 100, unit: '本/年', capacity: { '2025': 120, '2026': 130, '2030': 160 } },
      { scenario: 'conservative', item: '鋳物', use: 'robots', baseline2021: 10, unit: '台/年', capacity: { '2025': 13, '2030': 17 } },
    ],
    checklist: {},
    overseas: [],
  };
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

  constructor(opts: { hasPlan?: boolean; plan?: EvaluablePlan } = {}) {
    this.hasPlan = opts.hasPlan ?? true;
    this.plan = opts.plan ?? (this.hasPlan ? samplePlan() : emptyPlan());
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
    return { hasPlan: this.hasPlan, lang: this.lang, plan: JSON.parse(JSON.stringify(this.plan)) as EvaluablePlan, inputFindings: [] };
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

  async saveHeader(header: PlanHeader): Promise<void> {
    this.record('saveHeader', [header]);
  }

  async saveChecklist(checklist: Checklist): Promise<void> {
    this.record('saveChecklist', [checklist]);
    this.plan.checklist = checklist;
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
