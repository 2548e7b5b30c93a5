/**
 * @jest-environment jsdom
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// Node export conditions: ExcelJS's uuid has only an ES module build under jsdom's default "browser" condition.
/**
 * The whole pane over a real in-memory workbook and the real layout, as the preview runs it: a planner starts
 * from an empty workbook, creates the plan, adds a line, evaluates, and jumps to a finding's cell.
 */
import { deserialize, serialize } from 'node:v8';
import type { ReactElement } from 'react';
import { act, fireEvent, render as rtlRender, screen, waitFor } from '@testing-library/react';
import { RendererProvider, createDOMRenderer } from '@fluentui/react-components';
import { App } from '../../src/taskpane/App';
import { createWorkbookActions } from '../../src/taskpane/workbook-actions';
import type { WorkbookPort, WriteOp } from '../../src/workbook/port';
import { createWorkbook } from '../../src/workbook/xlsx/io';
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

// The v1 pane's walk (one activity form, the Plan tab's line form, v1 wording). The v2 pane walks the same path in
// test/taskpane/App-v2.test.tsx and, over the real workbook actions in a browser, in e2e scenario 9; this copy is to
// be rewritten for the v2 pane's labels and is skipped until then (listed in the closing note).
test.skip('empty workbook → plan sheets → a line → evaluation → the cell of a finding', async () => {
  const port = recordingPort();
  const actions = createWorkbookActions(port, { version: '0.0.0-test', lang: () => 'ja', now: () => new Date(Date.UTC(2025, 0, 1)) });
  render(<App actions={actions} initialLang="ja" />);

  fireEvent.click(await screen.findByRole('button', { name: '計画シートを作成' }, WORKBOOK));
  await screen.findByText('計画シートを作成しました。［行］で品目の行を追加してください。', {}, WORKBOOK);
  expect(screen.getByText('品目の行：0行')).toBeTruthy();

  fireEvent.click(screen.getByRole('tab', { name: '計画' }));
  fireEvent.change(screen.getByRole('textbox', { name: '申請者名' }), { target: { value: '東海精機工業株式会社' } });
  fireEvent.change(screen.getByLabelText('開始日'), { target: { value: '2024-04-01' } });
  fireEvent.change(screen.getByLabelText('終了日'), { target: { value: '2034-03-31' } });
  fireEvent.click(screen.getByRole('button', { name: '取組と申請者を保存' }));
  await screen.findByText('取組と申請者をブックに保存しました。', {}, WORKBOOK);

  await choose('品目', '減速機');
  await choose('使途', '産業用ロボットのみ');
  fireEvent.change(screen.getByRole('textbox', { name: '2021年の国内生産能力' }), { target: { value: '３３３３' } });
  fireEvent.change(screen.getByRole('textbox', { name: '単位' }), { target: { value: '台/年' } });
  fireEvent.change(screen.getByRole('textbox', { name: '2025年の見込み' }), { target: { value: '4332.8' } });
  fireEvent.change(screen.getByRole('textbox', { name: '2030年の見込み' }), { target: { value: '5,666.1' } });
  fireEvent.click(screen.getByRole('button', { name: '行を追加' }));
  await screen.findByText('シナリオ「base」に行を追加しました。', {}, WORKBOOK);

  fireEvent.click(screen.getByRole('tab', { name: '評価' }));
  fireEvent.click(screen.getByRole('button', { name: '評価する' }));
  await screen.findByRole('heading', { name: '評価結果' }, WORKBOOK);
  expect(screen.getByText('シナリオ「base」').parentElement!.textContent).toContain('✖ 要件を満たしていません');

  // 4332.8 is 0.1 short of 1.3 × 3333 = 4332.9: compared exactly, so it is short.
  const short = screen.getByRole('button', { name: /2025年：見込み 4,332\.8台\/年 は必要な 4,332\.9台\/年（2021年比1\.3倍）に 0\.1台\/年 不足/ });
  expect(short.textContent).toContain('根拠: 第3章第2節 i');
  port.ops.length = 0;
  fireEvent.click(short);
  await waitFor(() => expect(port.ops.some((op) => op.kind === 'activate' && op.sheet === '計画')).toBe(true), WORKBOOK);

  // The planner fixes the forecasts in the sheet and the host evaluates again (as the preview does after an edit):
  // the pane lists the new findings and verdict without the Evaluate button.
  const forecast2025 = port.ops.find((op) => op.kind === 'activate')!;
  const at = forecast2025.kind === 'activate' ? forecast2025.select! : '';
  const row = at.replace(/^[A-Z]+/, '');
  const col2025 = at.replace(/\d+$/, '');
  // 2025 → 1.3 × 3333 = 4332.9 (met); 2030 → 1.7 × 3333 = 5666.1 (met already).
  await port.apply([{ kind: 'values', sheet: '計画', at: `${col2025}${row}`, rows: [[4332.9]] }]);
  await act(async () => {
    await actions.evaluate();
  });
  expect(screen.queryByRole('button', { name: /2025年：見込み 4,332\.8台\/年/ })).toBeNull();
  expect(screen.getByText('シナリオ「base」').parentElement!.textContent).not.toContain('✖');
  expect(screen.getByText(/^ブックの変更を受けて評価し直しました。/)).toBeTruthy();
});
