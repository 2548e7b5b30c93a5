/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Node export conditions: ExcelJS's uuid has only an ES module build under jsdom's default "browser" condition.
/**
 * The whole pane over a real in-memory workbook and the real layout, as the preview runs it: a planner starts
 * from an empty workbook, creates the plan, fills in the Plan tab, adds a line, evaluates, jumps to a finding's
 * cell, and fixes the forecast in the sheet, after which the pane shows the host's new evaluation. The v2 pane's
 * words are taken from src/i18n/ui.ts, as the planner reads them.
 */
import { deserialize, serialize } from 'node:v8';
import type { ReactElement } from 'react';
import { act, fireEvent, render as rtlRender, screen, waitFor, within } from '@testing-library/react';
import { RendererProvider, createDOMRenderer } from '@fluentui/react-components';
import { App } from '../../src/taskpane/App';
import { createWorkbookActions } from '../../src/taskpane/workbook-actions';
import type { WorkbookPort, WriteOp } from '../../src/workbook/port';
import { createWorkbook } from '../../src/workbook/xlsx/io';
import { scenarioLabel, uiText } from '../../src/i18n/ui';
import { SHEET_NAMES } from '../../src/i18n/workbook';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// Browsers and Node have structuredClone; jest's jsdom environment does not pass it through.
globalThis.structuredClone ??= <T,>(value: T): T => deserialize(serialize(value)) as T;
jest.setTimeout(60_000);

const styleSink = createDOMRenderer(document.implementation.createHTMLDocument('styles'));
document.head.insertAdjacentHTML('beforeend', '<style>.fui-Tab__content--reserved-space { display: none; }</style>');
function render(ui: ReactElement) {
  return rtlRender(<RendererProvider renderer={styleSink} targetDocument={document}>{ui}</RendererProvider>);
}

/** The in-memory port, remembering the writes so the test can see what the pane asked of the workbook. */
function recordingPort(): WorkbookPort & { ops: WriteOp[] } {
  const inner = new XlsxPort(createWorkbook());
  const ops: WriteOp[] = [];
  return {
    ops,
    sheetNames: () => inner.sheetNames(),
    readSheets: (names) => inner.readSheets(names),
    get date1904() {
      return inner.date1904;
    },
    apply: async (batch) => {
      ops.push(...batch);
      await inner.apply(batch);
    },
  };
}

/** Each command reads and writes a real workbook: slower than a fake, on a busy machine a few seconds. */
const WORKBOOK = { timeout: 20_000 };

async function choose(combobox: string, option: string) {
  fireEvent.click(screen.getByRole('combobox', { name: combobox }));
  fireEvent.click(await screen.findByRole('option', { name: option }));
}

/** The pane's words, as it shows them (the test finds its controls as a planner does, by label). */
const t = uiText('ja');
const base = scenarioLabel('base', 'ja');

/** The findings the pane lists, as their entries' text. */
function findingEntries(): HTMLElement[] {
  return [...document.querySelectorAll<HTMLElement>('#panel-evaluate li[data-finding]')];
}

test('empty workbook → plan sheets → plan → a line → evaluation → the cell of a finding → an edit in the sheet', async () => {
  const port = recordingPort();
  const actions = createWorkbookActions(port, { version: '0.0.0-test', lang: () => 'ja', now: () => new Date(Date.UTC(2025, 0, 1)) });
  render(<App actions={actions} initialLang="ja" />);

  // An empty workbook: the pane offers to create the plan sheets.
  await screen.findByText(t.start.noPlan, {}, WORKBOOK);
  fireEvent.click(screen.getByRole('button', { name: t.start.create }));
  await screen.findByText(t.start.created, {}, WORKBOOK);
  expect(port.ops.some((op) => op.kind === 'addSheet' && op.sheet === SHEET_NAMES.ja.plan)).toBe(true);

  // The Plan tab: applicant and one capacity activity with its dates, saved to the workbook.
  fireEvent.click(screen.getByRole('tab', { name: t.tabs.plan }));
  fireEvent.change(await screen.findByRole('textbox', { name: t.plan.applicantName }), { target: { value: '東海精機工業株式会社' } });
  if (screen.queryAllByRole('group', { name: /^取組 / }).length === 0) fireEvent.click(screen.getByRole('button', { name: t.plan.addActivity }));
  const activity = (await screen.findAllByRole('group', { name: /^取組 / }))[0];
  fireEvent.click(within(activity).getByRole('radio', { name: t.plan.kindCapacity }));
  fireEvent.change(within(activity).getByLabelText(t.plan.start), { target: { value: '2024-04-01' } });
  fireEvent.change(within(activity).getByLabelText(t.plan.end), { target: { value: '2034-03-31' } });
  fireEvent.click(screen.getByRole('button', { name: t.plan.saveHeader }));
  await screen.findByText(t.plan.headerSaved, {}, WORKBOOK);

  // The Lines tab: a reducer line for robots, typed as planners do (full-width digits, a thousands comma).
  fireEvent.click(screen.getByRole('tab', { name: t.tabs.lines }));
  fireEvent.change(await screen.findByRole('combobox', { name: t.lines.scenario }), { target: { value: base } });
  await choose(t.lines.item, '減速機');
  await choose(t.lines.use, '産業用ロボットのみ');
  fireEvent.change(screen.getByRole('textbox', { name: t.lines.baseline }), { target: { value: '３３３３' } });
  fireEvent.change(screen.getByRole('textbox', { name: t.lines.unit }), { target: { value: '台/年' } });
  fireEvent.change(screen.getByRole('textbox', { name: t.lines.forecastYear(2025) }), { target: { value: '4332.8' } });
  fireEvent.change(screen.getByRole('textbox', { name: t.lines.forecastYear(2030) }), { target: { value: '5,666.1' } });
  fireEvent.click(screen.getByRole('button', { name: t.lines.addLine }));
  await screen.findByText(t.lines.lineAdded(base), {}, WORKBOOK);

  // Evaluate: the plan falls short.
  fireEvent.click(screen.getByRole('tab', { name: t.tabs.evaluate }));
  fireEvent.click(screen.getByRole('button', { name: t.evaluate.run }));
  await screen.findByRole('heading', { name: t.evaluate.resultHeading }, WORKBOOK);
  expect(screen.getAllByText(t.evaluate.verdicts.ineligible).length).toBeGreaterThan(0);

  // 4332.8 is 0.1 short of 1.3 × 3333 = 4332.9: compared exactly, so it is short, and the finding cites its section.
  const short = findingEntries().find((li) => li.textContent!.includes('4,332.8'));
  expect(short).toBeDefined();
  expect(short!.textContent).toContain('4,332.9');
  expect(short!.textContent).toContain('第3章第2節');
  port.ops.length = 0;
  fireEvent.click(within(short!).getAllByRole('button')[0]);
  await waitFor(() => expect(port.ops.some((op) => op.kind === 'activate' && op.sheet === SHEET_NAMES.ja.plan && Boolean(op.select))).toBe(true), WORKBOOK);

  // The planner fixes the forecast in the sheet and the host evaluates again (as the preview does after an edit):
  // the pane lists the new findings and says so, without the Evaluate button.
  const activate = port.ops.find((op) => op.kind === 'activate')!;
  const at = activate.kind === 'activate' ? activate.select! : '';
  await port.apply([{ kind: 'values', sheet: SHEET_NAMES.ja.plan, at, rows: [[4332.9]] }]);
  await act(async () => {
    await actions.evaluate();
  });
  await waitFor(() => expect(findingEntries().some((li) => li.textContent!.includes('4,332.8'))).toBe(false), WORKBOOK);
  expect(screen.getByText(/^ブックの変更を受けて評価し直しました。/)).toBeTruthy();
});
