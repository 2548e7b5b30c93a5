/** @jest-environment jsdom */
/**
 * The add-in's only contact with Office.js: starting (inside and outside Excel), the Excel.run options, and what
 * the planner reads when Excel refuses a request.
 */
import { ExcelHostError } from '../../src/workbook/office/errors';
import { OfficePort } from '../../src/workbook/office/office-port';
import { FakeExcel } from '../workbook/fake-excel';
import { ActionError } from '../../src/taskpane/actions';
import { describeError } from '../../src/taskpane/describe-error';
import type { EvaluateResult } from '../../src/taskpane/actions';
import {
  CommandGate,
  OWN_WRITE_GRACE_MS,
  excelRunner,
  langFromTag,
  toActionError,
  watchSheetEdits,
  whenOfficeReady,
  withHostErrors,
  type SheetChange,
} from '../../src/taskpane/office-host';
import { FakeActions, confirmAll } from './fake-actions';
import { render, screen } from '@testing-library/react';
import { UnsupportedExcel } from '../../src/taskpane/components/UnsupportedExcel';
import { REQUIRED_EXCEL_API } from '../../src/workbook/office/requirements';

type Globals = { Office?: unknown; Excel?: unknown; OfficeExtension?: unknown };
const g = globalThis as unknown as Globals;

afterEach(() => {
  delete g.Office;
  delete g.Excel;
  delete g.OfficeExtension;
});

function fakeOffice(opts: { host: string | null; displayLanguage?: string; sets?: string[] }) {
  g.Office = {
    HostType: { Excel: 'Excel', Word: 'Word' },
    onReady: () => Promise.resolve({ host: opts.host, platform: null }),
    context: {
      displayLanguage: opts.displayLanguage ?? 'en-US',
      requirements: { isSetSupported: (set: string, version: string) => (opts.sets ?? []).includes(`${set} ${version}`) },
    },
  };
}

test('the pane speaks Japanese when Office does, English otherwise', () => {
  expect(langFromTag('ja-JP')).toBe('ja');
  expect(langFromTag('JA')).toBe('ja');
  expect(langFromTag('en-US')).toBe('en');
  expect(langFromTag('de-DE')).toBe('en');
  expect(langFromTag(undefined)).toBe('en');
});

test('outside Office (no Office.js) the page starts anyway and knows it is not in Excel', async () => {
  await expect(whenOfficeReady()).resolves.toEqual({ inExcel: false, supported: true, lang: expect.stringMatching(/^(ja|en)$/) });
});

test('inside Excel it takes the display language', async () => {
  fakeOffice({ host: 'Excel', displayLanguage: 'ja-JP', sets: [`ExcelApi ${REQUIRED_EXCEL_API}`] });
  await expect(whenOfficeReady()).resolves.toEqual({ inExcel: true, supported: true, lang: 'ja' });
});

test('inside an Excel without the requirement set the add-in needs, the pane names the Excel it needs and writes nothing', async () => {
  fakeOffice({ host: 'Excel', displayLanguage: 'ja-JP', sets: ['ExcelApi 1.12'] });
  await expect(whenOfficeReady()).resolves.toEqual({ inExcel: true, supported: false, lang: 'ja' });
  for (const [lang, words] of [
    ['ja', ['この Excel では使えません', 'Microsoft 365 の Excel、または Excel 2021 以降', `API ${REQUIRED_EXCEL_API} 以上`]],
    ['en', ['This Excel cannot run the checker', 'Excel for Microsoft 365, or Excel 2021 or later', `API ${REQUIRED_EXCEL_API} or later`]],
  ] as const) {
    const { unmount } = render(<UnsupportedExcel lang={lang} />);
    const panel = screen.getByTestId('unsupported-excel');
    for (const w of words) expect(panel.textContent).toContain(w);
    unmount();
  }
});

test('in another Office host it does not pretend to be in Excel', async () => {
  fakeOffice({ host: 'Word', displayLanguage: 'ja-JP' });
  expect((await whenOfficeReady()).inExcel).toBe(false);
});

describe('Excel.run options', () => {
  function recordRuns() {
    const runs: unknown[][] = [];
    g.Excel = { run: (...args: unknown[]) => (runs.push(args), Promise.resolve('done')) };
    return runs;
  }

  test('one undo step per run where ExcelApi 1.20 is there', async () => {
    fakeOffice({ host: 'Excel', sets: ['ExcelApi 1.20'] });
    const runs = recordRuns();
    const batch = async () => 'x';
    await expect(excelRunner()(batch)).resolves.toBe('done');
    expect(runs).toEqual([[{ mergeUndoGroup: true }, batch]]);
  });

  test('plain Excel.run on older hosts', async () => {
    fakeOffice({ host: 'Excel', sets: ['ExcelApi 1.12'] });
    const runs = recordRuns();
    const batch = async () => 'x';
    await excelRunner()(batch);
    expect(runs).toEqual([[batch]]);
  });
});

describe('Excel failures become plain messages', () => {
  test('cell edit mode, protected sheet, permission and size each say what to do', async () => {
    const cases = [
      ['cell-edit-mode', 'InvalidOperationInCellEditMode', /Press Enter or Esc to leave the cell/],
      ['protected', 'AccessDenied', /Unprotect the sheet \(Review > Unprotect Sheet\)/],
      ['permission', 'AccessDenied', /permission to change this workbook/],
      ['too-large', 'RequestPayloadSizeLimitExceeded', /too large/],
      ['other', 'GeneralException', /try again/i],
    ] as const;
    for (const [kind, code, text] of cases) {
      const actions = new FakeActions();
      actions.failures.evaluate = new ExcelHostError(kind, code, 'raw Office text');
      const error = await withHostErrors(actions).evaluate().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ActionError);
      expect((error as ActionError).kind).toBe(kind);
      expect(describeError(error, 'en')).toMatch(text);
      expect(describeError(error, 'ja')).not.toMatch(/raw Office text/);
    }
  });

  test('an Office error that got past the port is classified too', () => {
    class FakeOfficeError extends Error {
      constructor(readonly code: string, message: string) {
        super(message);
      }
    }
    g.OfficeExtension = { Error: FakeOfficeError };
    const mapped = toActionError(new FakeOfficeError('InvalidOperationInCellEditMode', 'edit mode'));
    expect(mapped).toBeInstanceOf(ActionError);
    expect(describeError(mapped, 'ja')).toContain('Enter キーまたは Esc キー');
  });

  test('other errors pass through with their own message, and results pass through untouched', async () => {
    const actions = new FakeActions();
    const wrapped = withHostErrors(actions);
    actions.failures.addLine = new Error('the plan table is missing');
    const error = await wrapped.addLine({ scenario: 'base', item: 'plc', use: 'robots', baseline2021: 1, unit: '', capacity: {} }).catch((e: unknown) => e);
    expect(describeError(error, 'en')).toBe('Something went wrong: the plan table is missing');
    await expect(wrapped.detect()).resolves.toMatchObject({ hasPlan: true });
  });
});

test('a sync refused in cell edit mode, through the real Office port, reads as "press Enter or Esc"', async () => {
  fakeOffice({ host: 'Excel' });
  const excel = new FakeExcel();
  excel.addSheet('計画');
  g.Excel = { run: excel.run };
  const port = new OfficePort(excelRunner());
  await expect(port.sheetNames()).resolves.toEqual(['計画']);

  excel.failNextSync('InvalidOperationInCellEditMode', 'The operation is not allowed in cell edit mode.');
  const error = toActionError(await port.sheetNames().catch((e: unknown) => e));
  expect(error).toBeInstanceOf(ActionError);
  expect(describeError(error, 'en')).toBe('Excel is editing a cell. Press Enter or Esc to leave the cell, then try again.');
});

describe('evaluating again after an edit in the plan sheets (Excel)', () => {
  /** Just enough of Excel for worksheet change events: sheets with ids, `onChanged.add` and `remove`. */
  function eventsExcel(sheetNames: string[]) {
    const handlers = new Map<string, ((e: SheetChange) => Promise<void>)[]>();
    let syncs = 0;
    const context = {
      sync: async () => {
        syncs++;
      },
      workbook: {
        worksheets: {
          getItemOrNullObject(name: string) {
            const exists = sheetNames.includes(name);
            const id = `{${name}}`;
            const sheet = {
              isNullObject: !exists,
              id,
              load: () => sheet,
              onChanged: {
                add(handler: (e: SheetChange) => Promise<void>) {
                  handlers.set(id, [...(handlers.get(id) ?? []), handler]);
                  return { context, remove: () => handlers.set(id, (handlers.get(id) ?? []).filter((h) => h !== handler)) };
                },
              },
            };
            return sheet;
          },
        },
      },
    };
    const run = <T,>(batch: (ctx: Excel.RequestContext) => Promise<T>) => batch(context as unknown as Excel.RequestContext);
    /** The user (or we) changed cells of `sheet`. */
    const change = async (sheet: string, event: Partial<SheetChange> = {}) => {
      for (const h of handlers.get(`{${sheet}}`) ?? []) await h({ source: 'Local', worksheetId: `{${sheet}}`, ...event } as SheetChange);
    };
    const watching = (sheet: string) => (handlers.get(`{${sheet}}`) ?? []).length;
    return { run, change, watching, syncs: () => syncs };
  }

  /** The fake workbook's actions through the gate the add-in uses, and a watcher over them. */
  function setup(sheets = ['計画', '取組・チェックリスト', '結果']) {
    const excel = eventsExcel(sheets);
    const fake = new FakeActions();
    const gate = new CommandGate();
    const actions = gate.wrap(fake);
    const watcher = watchSheetEdits(actions, { ownWrite: () => gate.ownWrite(), busy: () => gate.busy, run: excel.run, debounceMs: 400 });
    const heard: EvaluateResult[] = [];
    actions.onEvaluated((r) => heard.push(r));
    return { excel, fake, gate, actions, watcher, heard };
  }

  /** Let timers and the promises they start run. */
  async function advance(ms: number) {
    await jest.advanceTimersByTimeAsync(ms);
  }

  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  test('nothing is watched until the pane has evaluated; then only the plan and activity sheets', async () => {
    const { excel, actions, watcher } = setup();
    expect(excel.watching('計画')).toBe(0);
    await actions.evaluate();
    await advance(0);
    expect(excel.watching('計画')).toBe(1);
    expect(excel.watching('取組・チェックリスト')).toBe(1);
    expect(excel.watching('結果')).toBe(0);
    // A second evaluation does not add the handlers twice.
    await actions.evaluate();
    await advance(0);
    expect(excel.watching('計画')).toBe(1);
    await watcher.stop();
    expect(excel.watching('計画')).toBe(0);
  });

  test('an edit is evaluated once the planner pauses, and the pane hears the new result', async () => {
    const { excel, fake, actions, heard, watcher } = setup();
    // Submitted: the scenario with the ineligible line (the checklist confirmed, so that line decides the verdict).
    confirmAll(fake.plan);
    fake.plan.submissionScenario = 'conservative';
    await actions.evaluate();
    await advance(OWN_WRITE_GRACE_MS);
    expect(heard.map((r) => r.evaluation.verdict)).toEqual(['ineligible']);

    // The planner deletes the ineligible line and types on: one evaluation after the last keystroke.
    fake.plan.lines = fake.plan.lines.filter((l) => l.scenario !== 'conservative');
    delete fake.plan.submissionScenario;
    await excel.change('計画');
    await advance(300);
    await excel.change('計画');
    await advance(300);
    expect(fake.callsOf('evaluate')).toHaveLength(1);
    await advance(100);
    expect(fake.callsOf('evaluate')).toHaveLength(2);
    expect(heard.map((r) => r.evaluation.verdict)).toEqual(['ineligible', 'attention']);
    await watcher.stop();
  });

  test('no endless loop: our own writes, a co-author’s edits and an unchanged plan do not evaluate again', async () => {
    const { excel, fake, actions, gate, watcher } = setup();
    // While our evaluation writes the statuses into the plan sheet, its change events are ours.
    let during: boolean | null = null;
    const evaluate = fake.evaluate.bind(fake);
    fake.evaluate = async (onProgress) => {
      during = gate.ownWrite();
      await excel.change('計画');
      return evaluate(onProgress);
    };
    await actions.evaluate();
    expect(during).toBe(true);
    // Late events of that write (older hosts), events Excel marks as ours (ExcelApi 1.14), and remote ones.
    await excel.change('計画');
    await advance(OWN_WRITE_GRACE_MS);
    await excel.change('計画', { triggerSource: 'ThisLocalAddin' });
    await excel.change('取組・チェックリスト', { source: 'Remote' });
    await advance(5_000);
    expect(fake.callsOf('evaluate')).toHaveLength(1);

    // A real edit is evaluated once — the events of that evaluation's own write do not start another one.
    fake.plan.lines[0].capacity['2026'] = 140;
    await excel.change('計画');
    await advance(5_000);
    expect(fake.callsOf('evaluate')).toHaveLength(2);
    // An edit that leaves the plan as it was evaluated (formatting, the same value typed again) is only read.
    await excel.change('計画');
    await advance(5_000);
    expect(fake.callsOf('evaluate')).toHaveLength(2);
    expect(fake.callsOf('detect').length).toBeGreaterThanOrEqual(2);
    await watcher.stop();
  });

  test('a pane command in progress goes first; cell edit mode is waited out', async () => {
    const { excel, fake, actions, watcher } = setup();
    await actions.evaluate();
    await advance(OWN_WRITE_GRACE_MS);

    fake.plan.lines[0].capacity['2026'] = 140;
    fake.failures.evaluate = new ExcelHostError('cell-edit-mode', 'InvalidOperationInCellEditMode', 'edit mode');
    await excel.change('計画');
    await advance(400);
    expect(fake.callsOf('evaluate')).toHaveLength(2);
    delete fake.failures.evaluate;
    await advance(400);
    expect(fake.callsOf('evaluate')).toHaveLength(3);

    // An edit while a pane command runs (Excel tells it from our write: ExcelApi 1.14): the re-evaluation waits for
    // the command, and runs after it.
    let release!: () => void;
    const gateOpen = new Promise<void>((r) => (release = r));
    const saveChecklist = fake.saveChecklist.bind(fake);
    fake.saveChecklist = async (c) => {
      await gateOpen;
      return saveChecklist(c);
    };
    const saving = actions.saveChecklist({});
    fake.plan.lines[0].capacity['2026'] = 150;
    // "Unknown" is Excel's word for any source it cannot name, our own write included
    // (https://learn.microsoft.com/javascript/api/excel/excel.eventtriggersource): while we write it counts as ours.
    await excel.change('取組・チェックリスト', { triggerSource: 'Unknown' });
    await advance(2_000);
    expect(fake.callsOf('evaluate')).toHaveLength(3);
    release();
    await saving;
    await advance(2_000);
    expect(fake.callsOf('evaluate')).toHaveLength(3);
    // The planner's next edit, after our write, is theirs, and brings the plan up to date.
    await excel.change('取組・チェックリスト', { triggerSource: 'Unknown' });
    await advance(2_000);
    expect(fake.callsOf('evaluate')).toHaveLength(4);
    await watcher.stop();
  });

  test('the commands run one at a time, and the host errors wrapper passes the subscription through', async () => {
    const fake = new FakeActions();
    const gate = new CommandGate();
    const actions = withHostErrors(gate.wrap(fake));
    const order: string[] = [];
    const detect = fake.detect.bind(fake);
    fake.detect = async () => {
      order.push('detect:start');
      await new Promise((r) => setTimeout(r, 50));
      order.push('detect:end');
      return detect();
    };
    const evaluate = fake.evaluate.bind(fake);
    fake.evaluate = async (p) => {
      order.push('evaluate');
      return evaluate(p);
    };
    const heard: string[] = [];
    const stop = actions.onEvaluated((r) => heard.push(r.evaluation.verdict));
    const both = Promise.all([actions.detect(), actions.evaluate()]);
    expect(gate.busy).toBe(true);
    await advance(50);
    await both;
    expect(order).toEqual(['detect:start', 'detect:end', 'evaluate']);
    expect(heard).toEqual(['ineligible']);
    stop();
    expect(fake.listening).toBe(0);
  });
});

test('wrapping keeps an optional command where the actions have it and leaves it out where they do not', () => {
  expect(typeof withHostErrors(new FakeActions()).acknowledge).toBe('function');
  expect(typeof withHostErrors(new FakeActions()).prepareSubmission).toBe('function');
  expect(withHostErrors(new FakeActions({ optional: false })).acknowledge).toBeUndefined();
  expect(withHostErrors(new FakeActions({ optional: false })).prepareSubmission).toBeUndefined();
});
