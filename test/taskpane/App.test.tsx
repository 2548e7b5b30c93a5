/** @jest-environment jsdom */
/**
 * The task pane as a planner uses it, against a fake workbook: what each button does, what the forms refuse, how
 * results and failures read, in both languages.
 */
import type { ReactElement, ReactNode } from 'react';
import { act, configure, fireEvent, render as rtlRender, screen, waitFor, within } from '@testing-library/react';
import { RendererProvider, createDOMRenderer } from '@fluentui/react-components';
import { App } from '../../src/taskpane/App';
import { ActionError } from '../../src/taskpane/actions';
import type { Lang } from '../../src/i18n/format';
import { FakeActions, confirmAll, samplePlan } from './fake-actions';

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

describe('Start', () => {
  test('a workbook without a plan offers one button, which creates the plan sheets in the pane language', async () => {
    const actions = new FakeActions({ hasPlan: false });
    await mount(actions);
    expect(screen.getByText('このブックにはまだ計画のシートがありません。')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '計画シートを作成' }));
    await screen.findByText('計画シートを作成しました。［行］で品目の行を追加してください。');
    expect(actions.callsOf('createPlan')).toEqual([['ja']]);
    expect(screen.queryByRole('button', { name: '計画シートを作成' })).toBeNull();
  });

  test('a workbook with a plan shows what was read: lines and scenarios', async () => {
    await mount(new FakeActions());
    expect(screen.getByText('品目の行：2行')).toBeTruthy();
    expect(screen.getByText('シナリオ：基本ケース、conservative')).toBeTruthy();
    expect(screen.getByText('申請者：東海精機工業株式会社')).toBeTruthy();
  });
});

describe('Plan: adding a line', () => {
  test('▲100 (a Japanese negative) and a unit typed into a number each say what to change; nothing is written', async () => {
    const actions = new FakeActions();
    await mount(actions);
    openTab('行');
    await choose('品目', 'ボールねじ');
    await choose('使途', '産業用ロボットのみ');
    fireEvent.change(screen.getByRole('textbox', { name: '2021年の国内生産能力' }), { target: { value: '▲100' } });
    fireEvent.change(screen.getByRole('textbox', { name: '2026年の見込み' }), { target: { value: '1,200台' } });
    fireEvent.click(screen.getByRole('button', { name: '行を追加' }));

    expect(await screen.findByText('負の値は使えません（▲・△は負の数の記号です）。正の数で入力してください')).toBeTruthy();
    expect(screen.getByText('数値だけを入力してください（単位は［単位］欄に。例：1,200台 → 1,200）')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: '2021年の国内生産能力' }).getAttribute('aria-invalid')).toBe('true');
    // Focus goes to the first field to fix.
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: '2021年の国内生産能力' }));
    expect(actions.callsOf('addLine')).toEqual([]);
  });

  test('missing item and use are named, and text that is not a number is refused', async () => {
    const actions = new FakeActions();
    await mount(actions);
    openTab('行');
    fireEvent.change(screen.getByRole('textbox', { name: '2021年の国内生産能力' }), { target: { value: '約100' } });
    fireEvent.click(screen.getByRole('button', { name: '行を追加' }));
    expect(await screen.findByText('品目を選んでください')).toBeTruthy();
    expect(screen.getByText('使途を選んでください')).toBeTruthy();
    expect(screen.getByText('数値を入力してください（例：1200、１，２００）')).toBeTruthy();
    expect(actions.callsOf('addLine')).toEqual([]);
  });

  test('full-width digits are accepted and the line is written with canonical ids', async () => {
    const actions = new FakeActions();
    await mount(actions);
    openTab('行');
    await choose('品目', 'ボールねじ');
    await choose('使途', '産業用ロボットのみ');
    fireEvent.change(screen.getByRole('textbox', { name: '2021年の国内生産能力' }), { target: { value: '１２０，０００' } });
    fireEvent.change(screen.getByRole('textbox', { name: '単位' }), { target: { value: '本/年' } });
    fireEvent.change(screen.getByRole('textbox', { name: '2025年の見込み' }), { target: { value: '１５６０００' } });
    fireEvent.change(screen.getByRole('textbox', { name: '2030年の見込み' }), { target: { value: '204,000' } });
    fireEvent.click(screen.getByRole('checkbox', { name: '2030年' }));
    fireEvent.click(screen.getByRole('button', { name: '行を追加' }));

    await screen.findByText('シナリオ「基本ケース」に行を追加しました。');
    expect(actions.callsOf('addLine')).toEqual([
      [
        {
          scenario: 'base',
          item: 'ball-screw',
          use: 'robots',
          baseline2021: 120000,
          unit: '本/年',
          capacity: { '2025': 156000, '2030': 204000 },
          targetYears: [2030],
        },
      ],
    ]);
    // The pane reads the workbook again, so the new line counts.
    openTab('開始');
    expect(await screen.findByText('品目の行：3行')).toBeTruthy();
  });

  test('activities are added and edited in the pane: kind, dates, investment, R&D targets and the follow-on', async () => {
    const actions = new FakeActions();
    await mount(actions);
    openTab('計画');
    expect((screen.getByRole('textbox', { name: '申請者名' }) as HTMLInputElement).value).toBe('東海精機工業株式会社');
    fireEvent.click(screen.getByRole('button', { name: '取組を追加' }));
    const r = screen.getByRole('group', { name: /取組 A2/ });
    fireEvent.click(within(r).getByRole('radio', { name: '研究開発' }));
    fireEvent.change(within(r).getByRole('textbox', { name: '名称' }), { target: { value: '高精度化' } });
    fireEvent.change(within(r).getByLabelText('開始日'), { target: { value: '2024-04-01' } });
    fireEvent.change(within(r).getByLabelText('終了日'), { target: { value: '2027-03-31' } });
    fireEvent.click(within(r).getByRole('button', { name: '目標を追加' }));
    fireEvent.change(within(r).getByRole('textbox', { name: '指標' }), { target: { value: '位置決め精度' } });
    fireEvent.change(within(r).getByRole('textbox', { name: '単位' }), { target: { value: 'μm' } });
    fireEvent.change(within(r).getByRole('textbox', { name: '目標値' }), { target: { value: '１' } });
    fireEvent.click(within(r).getByRole('combobox', { name: /後に続く国内生産能力強化の取組/ }));
    fireEvent.click(await screen.findByRole('option', { name: /A1/ }));
    // Unsaved changes show on the tab and by the button.
    expect(screen.getByRole('tab', { name: /計画.*未保存/ })).toBeTruthy();
    expect(screen.getByTestId('header-unsaved').textContent).toContain('取組');
    fireEvent.click(screen.getByRole('button', { name: '計画を保存' }));

    await screen.findByText('変更した項目をブックに保存しました。');
    expect(actions.callsOf('saveHeader')).toEqual([
      [
        {
          activities: [
            actions.plan.activities![0],
            { id: 'A2', kind: 'rnd', name: '高精度化', start: '2024-04-01', end: '2027-03-31', targets: [{ metric: '位置決め精度', unit: 'μm', target: 1 }], followOn: 'A1' },
          ],
        },
      ],
    ]);
    expect(screen.queryByTestId('header-unsaved')).toBeNull();
  });

  test('saving jobs created writes only that: a name typed into the sheet meanwhile is not put back', async () => {
    const actions = new FakeActions();
    await mount(actions);
    openTab('計画');
    const jobs = screen.getByRole('textbox', { name: '雇用創出数（人）' }) as HTMLInputElement;
    fireEvent.change(jobs, { target: { value: '約20人' } });
    fireEvent.click(screen.getByRole('button', { name: '計画を保存' }));
    expect(await screen.findByText('数値を入力してください（例：1200、１，２００）')).toBeTruthy();
    expect(document.activeElement).toBe(jobs);
    expect(actions.callsOf('saveHeader')).toEqual([]);

    // Someone renames the applicant in the sheet while the pane is open.
    actions.plan.applicant = { name: '東海精機株式会社', joint: false };
    fireEvent.change(jobs, { target: { value: '２４' } });
    fireEvent.click(screen.getByRole('button', { name: '計画を保存' }));
    await screen.findByText('変更した項目をブックに保存しました。');
    expect(actions.callsOf('saveHeader')).toEqual([[{ considerations: { jobsCreated: 24 } }]]);
    expect(actions.plan.applicant.name).toBe('東海精機株式会社');
    expect((screen.getByRole('textbox', { name: '申請者名' }) as HTMLInputElement).value).toBe('東海精機株式会社');
  });

  test('a field changed in the pane and in the sheet is a conflict: the planner picks which value wins', async () => {
    const actions = new FakeActions();
    await mount(actions);
    openTab('計画');
    fireEvent.change(screen.getByRole('textbox', { name: '申請者名' }), { target: { value: '東海精機（入力）' } });
    actions.plan.applicant = { name: '東海精機（シート）', joint: false };
    fireEvent.click(screen.getByRole('button', { name: '計画を保存' }));
    expect(await screen.findByText('ブック側でも変更された項目があります')).toBeTruthy();
    expect(screen.getByText(/この画面の入力：東海精機（入力）/)).toBeTruthy();
    expect(screen.getByText(/シートの値：東海精機（シート）/)).toBeTruthy();
    expect(actions.callsOf('saveHeader')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'シートの値を使う' }));
    expect((screen.getByRole('textbox', { name: '申請者名' }) as HTMLInputElement).value).toBe('東海精機（シート）');
    fireEvent.click(screen.getByRole('button', { name: '計画を保存' }));
    expect(await screen.findByText(/変更した項目はありません/)).toBeTruthy();
    expect(actions.callsOf('saveHeader')).toEqual([]);
  });

  test('an end date before the start date is refused in the form', async () => {
    const actions = new FakeActions();
    await mount(actions);
    openTab('計画');
    fireEvent.change(screen.getByLabelText('終了日'), { target: { value: '2020-01-01' } });
    fireEvent.click(screen.getByRole('button', { name: '計画を保存' }));
    expect(await screen.findByText('終了日が開始日より前です')).toBeTruthy();
    expect(actions.callsOf('saveHeader')).toEqual([]);
  });
});

describe('Evaluate', () => {
  test('shows the verdict per scenario with symbols and words, and findings sorted by severity with where they are', async () => {
    const actions = new FakeActions({ plan: confirmAll(samplePlan()) });
    await mount(actions);
    openTab('評価');
    fireEvent.click(screen.getByRole('button', { name: '評価する' }));

    const heading = await screen.findByRole('heading', { name: '自己点検結果' });
    await waitFor(() => expect(document.activeElement).toBe(heading));

    const result = heading.closest('section')!;
    expect(within(result).getByText('シナリオ「基本ケース」（提出案）').parentElement!.textContent).toContain('⚠ 要確認');
    expect(within(result).getByText('シナリオ「conservative」').parentElement!.textContent).toContain('✖ 未充足の項目あり');

    // One list, errors first; each finding names its scenario, group and policy section.
    const list = within(result).getByRole('list', { name: '指摘' });
    const items = within(list).getAllByRole('listitem').map((li) => li.textContent ?? '');
    const firstWarning = items.findIndex((x) => x.includes('⚠'));
    expect(items.slice(0, firstWarning).every((x) => x.includes('✖'))).toBe(true);
    const notEligible = within(result).getByRole('button', { name: /「鋳物」は対象品目/ });
    expect(notEligible.textContent).toContain('該当箇所: 第2章第2節(1)①');
    expect(notEligible.textContent).toContain('シナリオ：conservative');
    expect(notEligible.textContent).toContain('セル 計画!B6 へ移動');
    expect(actions.callsOf('evaluate')).toHaveLength(1);
  });

  test('clicking a finding selects its cell', async () => {
    const actions = new FakeActions();
    await mount(actions);
    openTab('評価');
    fireEvent.click(screen.getByRole('button', { name: '評価する' }));
    await screen.findByRole('heading', { name: '自己点検結果' });

    fireEvent.click(screen.getByRole('button', { name: /「鋳物」は対象品目/ }));
    await waitFor(() => expect(actions.callsOf('selectCell')).toEqual([[{ sheet: '計画', address: 'B6' }]]));
  });
});

describe('Evaluations the pane did not ask for', () => {
  test('an evaluation after an edit in the sheet replaces the verdict and findings, said politely, focus left alone', async () => {
    const actions = new FakeActions({ plan: confirmAll(samplePlan()) });
    const { unmount } = await mount(actions);
    openTab('評価');
    fireEvent.click(screen.getByRole('button', { name: '評価する' }));
    const heading = await screen.findByRole('heading', { name: '自己点検結果' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    const overall = () => within(heading.closest('section')!).getByText('全体（提出案）').parentElement!.textContent;
    // The overall result is the submission scenario's (基本ケース): the ineligible line is in another scenario.
    expect(overall()).toContain('⚠ 要確認');
    expect(screen.getByText('シナリオ「conservative」').parentElement!.textContent).toContain('✖ 未充足の項目あり');
    expect(screen.getByRole('button', { name: /「鋳物」は対象品目/ })).toBeTruthy();
    // The button's own evaluation is not announced as coming from elsewhere.
    expect(screen.queryByText(/ブックの変更を受けて評価し直しました/)).toBeNull();

    // The planner goes on working elsewhere; the ineligible line is removed in the sheet and the host evaluates.
    const tab = screen.getByRole('tab', { name: '評価' });
    tab.focus();
    actions.plan.lines = actions.plan.lines.filter((l) => l.scenario !== 'conservative');
    await act(async () => {
      await actions.evaluate();
    });

    expect(overall()).toContain('⚠ 要確認');
    expect(screen.queryByText('シナリオ「conservative」')).toBeNull();
    expect(screen.queryByRole('button', { name: /「鋳物」は対象品目/ })).toBeNull();
    expect(screen.getByText('評価した行：1行（目標グループ 1）')).toBeTruthy();
    const note = screen.getByText(/^ブックの変更を受けて評価し直しました。全体：⚠ 要確認、指摘：\d+件$/);
    expect(note.closest('[aria-live="polite"]')).not.toBeNull();
    expect(document.activeElement).toBe(tab);
    // Only one evaluation from the pane, one from outside.
    expect(actions.callsOf('evaluate')).toHaveLength(2);

    // The next evaluation from the button is the pane's own again: no note, focus to the result.
    fireEvent.click(screen.getByRole('button', { name: '評価する' }));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('heading', { name: '自己点検結果' })));
    expect(screen.queryByText(/ブックの変更を受けて評価し直しました/)).toBeNull();

    unmount();
    expect(actions.listening).toBe(0);
  });

  test('a result heard before the pane evaluated is shown too, on whichever tab the planner opens it', async () => {
    const actions = new FakeActions();
    await mount(actions, 'en');
    await act(async () => {
      await actions.evaluate();
    });
    openTab('Evaluate');
    expect(screen.getByRole('heading', { name: 'Self-check result' })).toBeTruthy();
    expect(screen.getByText('Overall (submission scenario)').parentElement!.textContent).toContain('✖ Requirements not yet met');
    expect(screen.getByText(/^Evaluated again after the workbook changed\. Overall: ✖ Requirements not yet met; findings: \d+$/)).toBeTruthy();
  });
});

describe('Language', () => {
  test('the switch changes every text, results included', async () => {
    const actions = new FakeActions();
    await mount(actions);
    openTab('評価');
    fireEvent.click(screen.getByRole('button', { name: '評価する' }));
    await screen.findByRole('heading', { name: '自己点検結果' });

    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Supply Plan Checker');
    expect(screen.getByRole('tab', { name: 'Evaluate' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Self-check result' })).toBeTruthy();
    const notEligible = screen.getByRole('button', { name: /"鋳物" is not an eligible item/ });
    expect(notEligible.textContent).toContain('Policy section: Ch. 2 Sec. 2 (1)-1');
    expect(screen.getByText('Scenario “conservative”').parentElement!.textContent).toContain('✖ Requirements not yet met');
    expect(screen.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: '日本語' }).getAttribute('aria-pressed')).toBe('false');
  });

  test('the pane starts in the language it is given and tells the host when it changes', async () => {
    const actions = new FakeActions({ hasPlan: false });
    const seen: Lang[] = [];
    render(<App actions={actions} initialLang="en" onLangChange={(l) => seen.push(l)} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Create plan sheets' }));
    await waitFor(() => expect(actions.callsOf('createPlan')).toEqual([['en']]));
    fireEvent.click(screen.getByRole('button', { name: '日本語' }));
    expect(seen).toEqual(['ja']);
    expect(screen.getByRole('tab', { name: '評価' })).toBeTruthy();
  });
});

describe('Language set by the host', () => {
  test('switching `lang` keeps what is typed in the line form, the tab and the last result: the pane is not mounted again', async () => {
    const actions = new FakeActions();
    const seen: Lang[] = [];
    const { rerender } = render(<App actions={actions} lang="ja" onLangChange={(l) => seen.push(l)} />);
    await screen.findByRole('button', { name: '計画を入力' });
    openTab('評価');
    fireEvent.click(screen.getByRole('button', { name: '評価する' }));
    await screen.findByRole('heading', { name: '自己点検結果' });
    openTab('行');
    fireEvent.change(screen.getByRole('textbox', { name: '2021年の国内生産能力' }), { target: { value: '１２０，０００' } });
    fireEvent.change(screen.getByRole('textbox', { name: '2026年の見込み' }), { target: { value: '156000' } });
    const reads = actions.callsOf('detect').length;

    rerender(<App actions={actions} lang="en" onLangChange={(l) => seen.push(l)} />);
    expect(screen.getByRole('tab', { name: 'Lines' }).getAttribute('aria-selected')).toBe('true');
    expect((screen.getByRole('textbox', { name: '2021 domestic capacity' }) as HTMLInputElement).value).toBe('１２０，０００');
    expect((screen.getByRole('textbox', { name: 'Forecast 2026' }) as HTMLInputElement).value).toBe('156000');
    expect(screen.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    openTab('Evaluate');
    expect(screen.getByRole('heading', { name: 'Self-check result' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /"鋳物" is not an eligible item/ })).toBeTruthy();
    // Not read again: the same pane, in another language.
    expect(actions.callsOf('detect')).toHaveLength(reads);
    expect(seen).toEqual([]);
  });

  test("the pane's own switch asks the host, and follows only when the host passes the language back", async () => {
    const actions = new FakeActions();
    const seen: Lang[] = [];
    render(<App actions={actions} lang="ja" onLangChange={(l) => seen.push(l)} />);
    await screen.findByRole('button', { name: '計画を入力' });
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(seen).toEqual(['en']);
    // The host did not pass "en" back: still Japanese.
    expect(screen.getByRole('tab', { name: '評価' })).toBeTruthy();
  });
});

describe('Failures', () => {
  test('a host failure shows the plain message with what to do', async () => {
    const actions = new FakeActions();
    await mount(actions);
    actions.failures.exportSummary = new ActionError('protected', 'AccessDenied');
    openTab('サマリー');
    fireEvent.click(screen.getByRole('button', { name: 'サマリーを書き出す' }));
    expect(
      await screen.findByText('シートが保護されているため書き込めません。［校閲］>［シート保護の解除］で保護を解除してから、もう一度お試しください。'),
    ).toBeTruthy();
    expect(screen.queryByText('サマリーシートを書き出しました。')).toBeNull();

    // In English too, and the message can be dismissed.
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(screen.getByText(/Unprotect the sheet \(Review > Unprotect Sheet\)/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/Unprotect the sheet/)).toBeNull();
  });

  test('cell edit mode says to press Enter or Esc', async () => {
    const actions = new FakeActions();
    await mount(actions, 'en');
    actions.failures.evaluate = new ActionError('cell-edit-mode');
    openTab('Evaluate');
    fireEvent.click(screen.getByRole('button', { name: 'Evaluate' }));
    expect(await screen.findByText('Excel is editing a cell. Press Enter or Esc to leave the cell, then try again.')).toBeTruthy();
  });

  test('an unexpected error still reaches the planner, not just the console', async () => {
    const actions = new FakeActions();
    actions.failures.detect = new Error('the workbook could not be read');
    render(<App actions={actions} initialLang="ja" />);
    expect(await screen.findByText('処理できませんでした：the workbook could not be read')).toBeTruthy();

    // Reloading after the cause is gone recovers.
    delete actions.failures.detect;
    fireEvent.click(screen.getByRole('button', { name: 'ブックから再読み込み' }));
    expect(await screen.findByText('品目の行：2行')).toBeTruthy();
    expect(screen.queryByText(/処理できませんでした/)).toBeNull();
  });

  test('a successful export says so', async () => {
    const actions = new FakeActions();
    await mount(actions);
    openTab('サマリー');
    fireEvent.click(screen.getByRole('button', { name: 'サマリーを書き出す' }));
    expect(await screen.findByText('サマリーシートを書き出しました。')).toBeTruthy();
    expect(actions.callsOf('exportSummary')).toHaveLength(1);
  });
});

describe('Checklist', () => {
  test('save passes each item confirmed with its evidence', async () => {
    const actions = new FakeActions();
    await mount(actions);
    openTab('チェックリスト');
    fireEvent.click(screen.getByRole('checkbox', { name: /事業継続計画の策定/ }));
    fireEvent.change(screen.getByRole('textbox', { name: '記載箇所 事業継続計画の策定' }), { target: { value: ' BCP 2023年版 ' } });
    expect(screen.getByText('確認済み 1 / 17')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'チェックリストを保存' }));

    await screen.findByText('変更した項目をブックに保存しました。');
    const [[saved]] = actions.callsOf('saveChecklist') as [[Record<string, { confirmed: boolean; evidence: string }>]];
    expect(saved['stability.bcp']).toEqual({ confirmed: true, evidence: 'BCP 2023年版' });
    // Only the item changed is written: a ✔ typed into the sheet for another item is not reverted.
    expect(saved['stability.compliance']).toBeUndefined();
  });

  test('the joint-application item appears only for a joint application', async () => {
    const actions = new FakeActions();
    await mount(actions);
    openTab('チェックリスト');
    expect(screen.queryByRole('checkbox', { name: /複数事業者申請/ })).toBeNull();

    openTab('計画');
    fireEvent.click(screen.getByRole('checkbox', { name: '複数事業者による共同申請' }));
    openTab('チェックリスト');
    expect(screen.getByRole('checkbox', { name: /複数事業者申請/ })).toBeTruthy();
    expect(screen.getByText('確認済み 0 / 18')).toBeTruthy();
  });
});

test('every command waits for the one before: a second click while busy does nothing', async () => {
  const actions = new FakeActions();
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const original = actions.exportSummary.bind(actions);
  actions.exportSummary = async () => {
    await gate;
    return original();
  };
  await mount(actions);
  openTab('サマリー');
  const button = screen.getByRole('button', { name: 'サマリーを書き出す' });
  fireEvent.click(button);
  fireEvent.click(screen.getByRole('button', { name: '処理中…' }));
  await act(async () => release());
  await screen.findByText('サマリーシートを書き出しました。');
  expect(actions.callsOf('exportSummary')).toHaveLength(1);
});
