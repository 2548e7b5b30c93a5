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
import { excelRunner, langFromTag, toActionError, whenOfficeReady, withHostErrors } from '../../src/taskpane/office-host';
import { FakeActions } from './fake-actions';

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
  await expect(whenOfficeReady()).resolves.toEqual({ inExcel: false, lang: expect.stringMatching(/^(ja|en)$/) });
});

test('inside Excel it takes the display language', async () => {
  fakeOffice({ host: 'Excel', displayLanguage: 'ja-JP' });
  await expect(whenOfficeReady()).resolves.toEqual({ inExcel: true, lang: 'ja' });
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
