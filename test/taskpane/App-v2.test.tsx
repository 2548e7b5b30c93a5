/** @jest-environment jsdom */
/**
 * The pane's v2 work as planners and managers do it, against a fake workbook: scenarios typed, copied with a
 * ± %, renamed and deleted; the lines list; pasting a row of numbers; the review list's order, filters and
 * acknowledgements; "set to required" and undo; preparing the submission; a ✔ typed in the sheet kept.
 */
import type { ReactElement, ReactNode } from 'react';
import { configure, fireEvent, render as rtlRender, screen, waitFor, within } from '@testing-library/react';
import { RendererProvider, createDOMRenderer } from '@fluentui/react-components';
import { App } from '../../src/taskpane/App';
import type { Lang } from '../../src/i18n/format';
import { FakeActions, confirmAll, shortPlan } from './fake-actions';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// Rendering Fluent in jsdom is slow on a busy two-core machine; no test here is about speed.
jest.setTimeout(30_000);
// …nor about how soon a message appears: a re-render of the Plan tab can take over a second there.
configure({ asyncUtilTimeout: 5_000 });

/**
 * Fluent's CSS goes into a document of its own: jsdom's getComputedStyle walks every style rule for every query,
 * which makes role queries crawl. The tests check words and behaviour, not looks.
 */
const styleSink = createDOMRenderer(document.implementation.createHTMLDocument('styles'));
// The one Fluent rule the queries need: a tab keeps a hidden bold copy of its label to reserve its width.
document.head.insertAdjacentHTML('beforeend', '<style>.fui-Tab__content--reserved-space { display: none; }</style>');
function Styles({ children }: { children: ReactNode }) {
  return (
    <RendererProvider renderer={styleSink} targetDocument={document}>
      {children}
    </RendererProvider>
  );
}
/** As testing-library's render, with Fluent's styles kept out of the page (`rerender` keeps them out too). */
function render(ui: ReactElement) {
  return rtlRender(ui, { wrapper: Styles });
}

async function mount(actions: FakeActions, lang: Lang = 'ja') {
  const utils = render(<App actions={actions} initialLang={lang} />);
  // The pane reads the workbook when it opens.
  await waitFor(() => expect(actions.callsOf('detect').length).toBeGreaterThan(0));
  await screen.findByRole('button', { name: lang === 'ja' ? /計画シートを作成|計画を入力/ : /Create plan sheets|Enter the plan/ });
  return utils;
}

function openTab(name: string) {
  fireEvent.click(screen.getByRole('tab', { name }));
}

async function choose(combobox: string, option: string) {
  fireEvent.click(screen.getByRole('combobox', { name: combobox }));
  fireEvent.click(await screen.findByRole('option', { name: option }));
}


/** Runs 評価する and waits until the pane is idle again (the result shows while the command finishes). */
async function evaluateInPane() {
  fireEvent.click(screen.getByRole('button', { name: '評価する' }));
  await screen.findByRole('heading', { name: '自己点検結果' });
  await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: '自己点検結果' })));
}

describe('Scenarios', () => {
  test('a new scenario typed into the scenario box, keystroke by keystroke and through an IME, keeps every character', async () => {
    const actions = new FakeActions();
    await mount(actions);
    openTab('行');
    const box = screen.getByRole('combobox', { name: /シナリオ/ }) as HTMLInputElement;
    expect(box.value).toBe('基本ケース');
    fireEvent.change(box, { target: { value: '' } });
    for (const text of ['増', '増産', '増産案']) fireEvent.change(box, { target: { value: text } });
    expect(box.value).toBe('増産案');
    // An IME composes 「高」→「高位」 before committing: the box keeps the composition as it goes.
    fireEvent.compositionStart(box);
    fireEvent.change(box, { target: { value: '増産案た' } });
    expect(box.value).toBe('増産案た');
    fireEvent.change(box, { target: { value: '増産案高' } });
    fireEvent.compositionEnd(box);
    expect(box.value).toBe('増産案高');

    await choose('品目', 'ボールねじ');
    await choose('使途', '工作機械のみ');
    fireEvent.change(screen.getByRole('textbox', { name: '2021年の国内生産能力' }), { target: { value: '100' } });
    fireEvent.change(screen.getByRole('textbox', { name: '2025年の見込み' }), { target: { value: '130' } });
    fireEvent.click(screen.getByRole('button', { name: '行を追加' }));
    await screen.findByText('シナリオ「増産案高」に行を追加しました。');
    expect((actions.callsOf('addLine')[0][0] as { scenario: string }).scenario).toBe('増産案高');
  });

  test('copy with -10%, rename, mark as 提出案 and delete, each from the pane', async () => {
    const actions = new FakeActions();
    await mount(actions);
    openTab('行');
    fireEvent.change(screen.getByRole('textbox', { name: '名前' }), { target: { value: '悲観' } });
    await choose('コピー元', '基本ケース');
    fireEvent.change(screen.getByRole('textbox', { name: /見込みの増減/ }), { target: { value: '-10' } });
    fireEvent.click(screen.getByRole('button', { name: 'シナリオを作成' }));
    await screen.findByText('シナリオ「悲観」を作成しました。');
    expect(actions.plan.lines[2]).toMatchObject({ scenario: '悲観', baseline2021: 100, capacity: { '2025': 108, '2026': 117, '2030': 144 } });

    // Side by side: the copy is 10% below the submission scenario.
    const table = screen.getAllByRole('table').find((t) => t.textContent?.includes('ボールねじ'))!;
    const row2030 = within(table).getByRole('row', { name: /^2030/ });
    expect(row2030.textContent).toContain('144');
    expect(row2030.textContent).toContain('−16');

    fireEvent.click(screen.getByRole('button', { name: '提出案にする（悲観）' }));
    await screen.findByText('シナリオ「悲観」を提出案にしました。');
    expect(actions.plan.submissionScenario).toBe('悲観');

    fireEvent.click(screen.getByRole('button', { name: '名前を変更（悲観）' }));
    fireEvent.change(screen.getByRole('textbox', { name: '新しい名前' }), { target: { value: '慎重' } });
    fireEvent.click(screen.getByRole('button', { name: '変更する' }));
    await screen.findByText('シナリオ「悲観」を「慎重」に変更しました。');
    expect(actions.plan.lines.map((l) => l.scenario)).toEqual(['base', 'conservative', '慎重']);
    // The submission follows the rename.
    expect(actions.plan.submissionScenario).toBe('慎重');

    fireEvent.click(screen.getByRole('button', { name: '削除（conservative）' }));
    expect(screen.getByText('シナリオ「conservative」の1行を削除します。よろしいですか？')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '実行する' }));
    await screen.findByText('シナリオ「conservative」を削除しました。');
    expect(actions.plan.lines.map((l) => l.scenario)).toEqual(['base', '慎重']);
  });
});

describe('Lines', () => {
  test('the list edits, duplicates and deletes lines; an edit the sheet moved underneath is refused, not applied', async () => {
    const actions = new FakeActions();
    await mount(actions);
    openTab('行');
    const actionsOf = (n: number) => screen.getByRole('group', { name: `行 ${n} の操作` });
    fireEvent.click(within(actionsOf(1)).getByRole('button', { name: '複製' }));
    await screen.findByText(/行を複製しました/);
    expect(actions.plan.lines).toHaveLength(3);
    expect(actions.plan.lines[2]).toEqual(actions.plan.lines[0]);

    fireEvent.click(within(actionsOf(3)).getByRole('button', { name: '編集' }));
    expect(screen.getByRole('heading', { name: '行 3 を編集' })).toBeTruthy();
    fireEvent.change(screen.getByRole('textbox', { name: /拠点・ライン/ }), { target: { value: '第二工場' } });
    fireEvent.click(screen.getByRole('button', { name: '行を更新' }));
    await screen.findByText('行を更新しました。');
    expect(actions.plan.lines[2].site).toBe('第二工場');

    fireEvent.click(within(actionsOf(2)).getByRole('button', { name: '削除' }));
    fireEvent.click(screen.getByRole('button', { name: '実行する' }));
    await screen.findByText('行を削除しました。');
    expect(actions.plan.lines.map((l) => l.scenario)).toEqual(['base', 'base']);

    // The sheet changes the line being deleted before the pane acts: the host refuses, and the pane says why.
    actions.plan.lines[1] = { ...actions.plan.lines[1], baseline2021: 999 };
    fireEvent.click(within(actionsOf(2)).getByRole('button', { name: '削除' }));
    fireEvent.click(screen.getByRole('button', { name: '実行する' }));
    expect(await screen.findByText(/シートの行が変わっていたため、変更しませんでした/)).toBeTruthy();
    expect(actions.plan.lines).toHaveLength(2);
  });

  test('a row of numbers pasted from Excel spreads across the years; a 1.200 on a 50,000 baseline is flagged', async () => {
    const actions = new FakeActions();
    await mount(actions);
    openTab('行');
    fireEvent.change(screen.getByRole('textbox', { name: '2021年の国内生産能力' }), { target: { value: '50,000' } });
    const y2026 = screen.getByRole('textbox', { name: '2026年の見込み' });
    fireEvent.paste(y2026, { clipboardData: { getData: () => '52000\t55000\t58000\r\n' } });
    expect((screen.getByRole('textbox', { name: '2026年の見込み' }) as HTMLInputElement).value).toBe('52000');
    expect((screen.getByRole('textbox', { name: '2028年の見込み' }) as HTMLInputElement).value).toBe('58000');
    expect(screen.getByText('2026年から3年分を貼り付けました。')).toBeTruthy();
    expect(screen.queryByTestId('jump-warning')).toBeNull();

    fireEvent.change(screen.getByRole('textbox', { name: '2025年の見込み' }), { target: { value: '1.200' } });
    const warning = screen.getByTestId('jump-warning');
    expect(warning.textContent).toContain('2025年の見込みが2021年の約41,667分の1です');
    expect(warning.textContent).toContain('「1.200」は小数の1.2と読みます');
  });
});

describe('Review list', () => {
  test('a manager filters by scenario and severity; each shortfall says what closes it in whole units', async () => {
    const actions = new FakeActions({ plan: confirmAll(shortPlan()) });
    await mount(actions);
    openTab('評価');
    await evaluateInPane();
    const list = screen.getByRole('list', { name: '指摘' });
    const reducer = within(list).getAllByRole('listitem').find((li) => li.textContent?.includes('減速機') && li.textContent.includes('2030年'))!;
    expect(reducer.textContent).toContain('シナリオ：基本ケース');
    expect(reducer.textContent).toContain('目標グループ：減速機（工作機械のみ）');
    expect(reducer.textContent).toContain('5,333台/年以上で達成');
    // Not whole units (t): no rounding advice.
    const tonnes = within(list).getAllByRole('listitem').filter((li) => li.textContent?.includes('ボールねじ') && li.textContent.includes('不足'));
    for (const li of tonnes) expect(li.textContent).not.toContain('以上で達成');

    fireEvent.click(screen.getByRole('checkbox', { name: '✖ エラー' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'ℹ 情報' }));
    const warnings = within(screen.getByRole('list', { name: '指摘' })).queryAllByRole('listitem');
    expect(warnings.every((li) => li.textContent?.includes('⚠'))).toBe(true);
    await choose('シナリオ', '計画全体（シナリオによらない）');
    expect(screen.getByText(/^表示：\d+ \/ \d+件/)).toBeTruthy();
  });

  test('a warning acknowledged with a note is kept by the workbook and shown on the summary', async () => {
    const actions = new FakeActions({ plan: confirmAll(shortPlan()) });
    actions.plan.lines[0].capacity['2035'] = 3000; // capacity declines after the last target: a warning
    await mount(actions);
    openTab('評価');
    await evaluateInPane();
    fireEvent.click(screen.getAllByRole('button', { name: '確認済みにする' })[0]);
    fireEvent.change(screen.getByRole('textbox', { name: '確認の内容（問題ない理由）' }), { target: { value: '2035年は旧ラインを廃止（新ラインで代替）' } });
    fireEvent.click(screen.getByRole('button', { name: '確認を保存' }));
    expect(await screen.findByText('✔ 確認済み：2035年は旧ラインを廃止（新ラインで代替）')).toBeTruthy();
    const [[path, code, note]] = actions.callsOf('acknowledge') as [[string, string, string]];
    expect([typeof path, code.length > 0, note]).toEqual(['string', true, '2035年は旧ラインを廃止（新ラインで代替）']);

    openTab('サマリー');
    expect(screen.getByText(/2035年は旧ラインを廃止/)).toBeTruthy();
  });

  test('set to required writes the forecast after a confirmation, and undo puts it back', async () => {
    const actions = new FakeActions({ plan: confirmAll(shortPlan()) });
    await mount(actions);
    openTab('評価');
    await evaluateInPane();
    const reducer = within(screen.getByRole('list', { name: '指摘' }))
      .getAllByRole('listitem')
      .find((li) => li.textContent?.includes('減速機') && li.textContent.includes('2030年'))!;
    fireEvent.click(within(reducer).getByRole('button', { name: '必要値に設定' }));
    expect(screen.getByText('2030年の見込みを 4,000 から 5,333 にします。よろしいですか？（［直前の変更を元に戻す］で戻せます）')).toBeTruthy();
    expect(actions.callsOf('editLines')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: '実行する' }));
    await screen.findByText('2030年の見込みを 5,333 にしました。評価し直すと結果に反映されます。');
    expect(actions.plan.lines[0].capacity['2030']).toBe(5333);

    fireEvent.click(screen.getByRole('button', { name: '直前の変更を元に戻す' }));
    await screen.findByText('直前の変更を元に戻しました。');
    expect(actions.plan.lines[0].capacity['2030']).toBe(4000);
    expect(screen.queryByRole('button', { name: '直前の変更を元に戻す' })).toBeNull();
  });
});

describe('Submission and forms', () => {
  test('prepare for submission writes the sheet and shows it', async () => {
    const actions = new FakeActions();
    await mount(actions);
    openTab('サマリー');
    fireEvent.click(screen.getByRole('button', { name: '提出用シートを作成' }));
    expect(await screen.findByText('提出用シートを作成しました（提出用!A1）。')).toBeTruthy();
    expect(actions.callsOf('prepareSubmission')).toHaveLength(1);
    expect(actions.callsOf('selectCell')).toEqual([[{ sheet: '提出用', address: 'A1' }]]);
  });

  test('a host without acknowledge or prepareSubmission shows neither control', async () => {
    const actions = new FakeActions({ plan: confirmAll(shortPlan()), optional: false });
    await mount(actions);
    openTab('サマリー');
    expect(screen.queryByRole('button', { name: '提出用シートを作成' })).toBeNull();
    openTab('評価');
    await evaluateInPane();
    expect(screen.queryByRole('button', { name: '確認済みにする' })).toBeNull();
  });

  test('a checklist save keeps a ✔ typed in the sheet meanwhile', async () => {
    const actions = new FakeActions();
    await mount(actions);
    openTab('チェックリスト');
    fireEvent.change(screen.getByRole('textbox', { name: '記載箇所 事業継続計画の策定' }), { target: { value: 'BCP 2023年版' } });
    expect(screen.getByTestId('checklist-unsaved')).toBeTruthy();
    // In the sheet, someone ticks another item.
    actions.plan.checklist['stability.compliance'] = { confirmed: true, evidence: 'コンプラ規程' };
    fireEvent.click(screen.getByRole('button', { name: 'チェックリストを保存' }));
    await screen.findByText('変更した項目をブックに保存しました。');
    expect(actions.callsOf('saveChecklist')).toEqual([[{ 'stability.bcp': { confirmed: false, evidence: 'BCP 2023年版' } }]]);
    expect(actions.plan.checklist['stability.compliance']).toEqual({ confirmed: true, evidence: 'コンプラ規程' });
    expect((screen.getByRole('checkbox', { name: /外為法及び国内関係法令の遵守/ }) as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByTestId('checklist-unsaved')).toBeNull();
  });

  test('(ウ) shows as not applicable where no listed core technology is a supplier\u2019s, and counts again once one is', async () => {
    const actions = new FakeActions();
    actions.plan.coreTechnologies = [{ name: '精密研削ノウハウ', items: ['ball-screw'], supplierHeld: false, note: '' }];
    const { unmount } = await mount(actions);
    openTab('チェックリスト');
    const supplierItem = screen.getByRole('checkbox', { name: /取引先における管理/ });
    expect(supplierItem.getAttribute('aria-describedby')).toBeTruthy();
    expect(screen.getByText(/対象外（取引先が有するコア技術なし）/)).toBeTruthy();
    const progress = (text: string) => Number(/\/ (\d+)/.exec(text)![1]);
    const without = progress(screen.getByText(/確認済み \d+ \/ \d+/).textContent!);
    unmount();

    actions.plan.coreTechnologies = [{ name: '精密研削ノウハウ', items: ['ball-screw'], supplierHeld: true, note: '' }];
    await mount(actions);
    openTab('チェックリスト');
    expect(screen.queryByText(/対象外（取引先が有するコア技術なし）/)).toBeNull();
    expect(screen.getByRole('checkbox', { name: /取引先における管理/ }).getAttribute('aria-describedby')).toBeNull();
    expect(progress(screen.getByText(/確認済み \d+ \/ \d+/).textContent!)).toBe(without + 1);
  });
});
