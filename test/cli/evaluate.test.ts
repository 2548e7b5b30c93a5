/**
 * `supply-plan evaluate`: exit codes, the JSON report, the table, languages, standard input and bad input.
 */
import fs from 'fs';
import path from 'path';
import { displayWidth } from '../../src/cli/width';
import { ROOT, run, SAMPLE } from './run';

const GOOD = 'test/cli/fixtures/good-plan.json';
const good = () => JSON.parse(fs.readFileSync(path.join(ROOT, GOOD), 'utf8'));
const NO_STACK = /^\s+at /m;

describe('exit codes', () => {
  test('0 when no finding is an error', async () => {
    const r = await run(['evaluate', GOOD]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).verdict).toBe('eligible');
  });

  test('0 with warnings only (attention)', async () => {
    const plan = good();
    plan.lines[0].capacity['2031'] = 4.7; // below 2030: capacity secured must be kept (a warning)
    const r = await run(['evaluate', '-'], { stdin: JSON.stringify(plan) });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).verdict).toBe('attention');
  });

  test('1 when a finding is an error', async () => {
    const plan = good();
    plan.lines[0].capacity['2025'] = 3.5;
    const r = await run(['evaluate', '-'], { stdin: JSON.stringify(plan) });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).verdict).toBe('ineligible');
  });

  test('1 when the checklist is empty: every item is a condition of certification', async () => {
    const r = await run(['evaluate', '-'], { stdin: JSON.stringify({ ...good(), checklist: {} }) });
    expect(r.code).toBe(1);
  });

  test('0 when only a scenario other than the submission scenario falls short (scenarios are alternatives)', async () => {
    const r = await run(['evaluate', SAMPLE]);
    const report = JSON.parse(r.stdout);
    expect(report.scenarios.find((s: { name: string }) => s.name === 'conservative').verdict).toBe('ineligible');
    expect(report.submissionScenario).toBe('base');
    expect(report.verdict).toBe('attention');
    expect(r.code).toBe(0);
    // Naming the downside as the submission makes it the plan's verdict.
    const plan = JSON.parse(fs.readFileSync(path.join(ROOT, SAMPLE), 'utf8'));
    const downside = await run(['evaluate', '-'], { stdin: JSON.stringify({ ...plan, submissionScenario: 'conservative' }) });
    expect(downside.code).toBe(1);
  });

  test('an item outside the nine is a finding (exit 1), not bad input', async () => {
    const plan = good();
    plan.lines[0].item = '鋳物';
    const r = await run(['evaluate', '-'], { stdin: JSON.stringify(plan) });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { code: string }) => f.code)).toEqual(['item.not-eligible']);
  });
});

describe('the JSON report', () => {
  test('has verdict, scenarios, lines in input order with years, findings with messages, tool and activity', async () => {
    const report = JSON.parse((await run(['evaluate', SAMPLE, '--format', 'json', '--lang', 'en'])).stdout);
    expect(report.tool).toEqual({ name: 'Supply Plan Checker', version: expect.any(String) });
    expect(report.activity).toMatchObject({ id: 'RND-1', kind: 'rnd', ok: true });
    expect(report.activities.map((a: { id: string; kind: string; ok: boolean }) => [a.id, a.kind, a.ok])).toEqual([
      ['RND-1', 'rnd', true],
      ['CAP-1', 'capacity', true],
      ['CAP-2', 'capacity', true],
    ]);
    expect(report.scenarios).toEqual([
      { name: 'base', verdict: 'attention', submission: true, lines: [0, 1, 2, 3], groups: [0, 1, 2] },
      { name: 'conservative', verdict: 'ineligible', submission: false, lines: [4, 5], groups: [3, 4] },
    ]);
    expect(report.lines.map((l: { item: string }) => l.item)).toEqual(['ball-screw', 'ball-screw', 'reducer', 'cnc', 'ball-screw', 'reducer']);
    // The two ball-screw plants are one target group, judged on their sum.
    expect(report.groups[0]).toMatchObject({ item: 'ball-screw', lines: [0, 1], baseline2021: 120000, verdict: 'eligible' });
    expect(report.lines[1]).toMatchObject({ site: '長野工場', group: 0 });
    expect(Object.keys(report.lines[0].years[0])).toEqual(expect.arrayContaining(['year', 'capacity', 'target', 'required', 'ratio', 'shortfall', 'status']));
    const f = report.findings.find((x: { path: string }) => x.path === 'lines[5].capacity.2025');
    expect(f).toMatchObject({ code: 'target.short', severity: 'error', section: '第3章第2節 i' });
    expect(f.message).toBe(f.messages.en);
    expect(f.messages.ja).toContain('不足');
  });

  test('JSON is the default format', async () => {
    const r = await run(['evaluate', SAMPLE]);
    expect(JSON.parse(r.stdout).lines).toHaveLength(6);
  });

  test('a supply-plan/1 file still reads, with its own paths', async () => {
    const r = await run(['evaluate', 'test/cli/fixtures/sample-plan-v1.json', '--lang', 'en']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.lines).toHaveLength(5);
    expect(report.findings.map((f: { path: string }) => f.path)).toContain('overseas[0]');
  });
});

describe('languages', () => {
  test('--lang switches the message language', async () => {
    const ja = JSON.parse((await run(['evaluate', SAMPLE, '--lang', 'ja'])).stdout);
    const en = JSON.parse((await run(['evaluate', SAMPLE, '--lang=en'])).stdout);
    expect(ja.lang).toBe('ja');
    expect(en.lang).toBe('en');
    expect(ja.findings[0].message).toBe(ja.findings[0].messages.ja);
    expect(en.findings[0].message).toBe(en.findings[0].messages.en);
    expect(ja.findings[0].message).not.toBe(en.findings[0].message);
  });

  test('default: ja, unless LC_ALL / LC_MESSAGES / LANG starts with en', async () => {
    const lang = async (env: Record<string, string | undefined>) => JSON.parse((await run(['evaluate', SAMPLE], { env })).stdout).lang;
    expect(await lang({})).toBe('ja');
    expect(await lang({ LANG: 'C.UTF-8' })).toBe('ja');
    expect(await lang({ LANG: 'ja_JP.UTF-8' })).toBe('ja');
    expect(await lang({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(await lang({ LANG: 'en_US.UTF-8', LC_ALL: 'ja_JP.UTF-8' })).toBe('ja');
    expect(await lang({ LANG: 'ja_JP.UTF-8', LC_MESSAGES: 'en_GB.UTF-8' })).toBe('en');
    expect(JSON.parse((await run(['evaluate', SAMPLE, '--lang', 'ja'], { env: { LANG: 'en_US.UTF-8' } })).stdout).lang).toBe('ja');
  });
});

describe('standard input', () => {
  test('"-" reads the plan from stdin', async () => {
    const r = await run(['evaluate', '-', '--lang', 'en'], { stdin: fs.readFileSync(path.join(ROOT, SAMPLE), 'utf8') });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).lines).toHaveLength(6);
  });

  test('a UTF-8 byte order mark is fine', async () => {
    const r = await run(['evaluate', '-'], { stdin: '\uFEFF' + JSON.stringify(good()) });
    expect(r.code).toBe(0);
  });
});

describe('the table', () => {
  test('Japanese: verdicts, ✔/✖ and - marks, shortfalls, findings with sections', async () => {
    const r = await run(['evaluate', SAMPLE, '--format', 'table', '--lang', 'ja']);
    expect(r.code).toBe(0);
    const out = r.stdout;
    expect(out).toContain('自己点検結果（提出案）: ! 要確認');
    expect(out).toContain('== シナリオ「基本ケース」: ! 要確認  ★ 提出案 ==');
    expect(out).toContain('シナリオ「conservative」  ✖ 未充足の項目あり');
    // The group's sum, then its lines indented beneath with their own figures.
    expect(out).toMatch(/目標グループ（2行の合計）  ボールねじ  工作機械のみ  2021年 120,000本\/年  ✔ 要件を満たす/);
    expect(out).toMatch(/\n  lines\[1\]  ボールねじ  工作機械のみ  拠点・ライン: 長野工場/);
    expect(out).toMatch(/✔/);
    expect(out).toMatch(/✖/);
    expect(out).toMatch(/判定\s+-\s+✔/); // 2024 is informational in the first line
    expect(out).toMatch(/不足\s+0\.1\s+0\s+66\.2/);
    expect(out).toContain('指摘（エラー 10件、警告 2件、情報 3件）');
    expect(out).toContain('第3章第2節 i');
    expect(out).toContain('第3章第6節(3)(エ)(ⅴ)');
    expect(out).toContain('2025年：見込み 4,332.8台/年 は必要な 4,332.9台/年（2021年比1.3倍）に 0.1台/年 不足');
  });

  test('English', async () => {
    const out = (await run(['evaluate', SAMPLE, '--format=table', '--lang', 'en'])).stdout;
    expect(out).toContain('Self-check result (submission scenario): ! needs attention');
    expect(out).toContain('Scenario "conservative"');
    expect(out).toContain('target group (sum of 2 lines)');
    expect(out).toContain('Findings (10 errors, 2 warnings, 3 info)');
    expect(out).toContain('Ch. 3 Sec. 2 (i)');
    expect(out).not.toMatch(/[\u3040-\u309f]/); // no hiragana outside the plan's own units and names
  });

  test('year columns line up in display width, Japanese included', async () => {
    const out = (await run(['evaluate', SAMPLE, '--format', 'table', '--lang', 'ja'])).stdout.split('\n');
    const headers = out.map((l, i) => [l, i] as const).filter(([l]) => /^\s+年\s+\d{4}/.test(l));
    expect(headers.length).toBeGreaterThanOrEqual(5);
    // Year grids of a line or a group end in their status row; a line under a group shows only its own figures.
    const graded = headers.filter(([, i]) => /^\s+判定/.test(out[i + 6] ?? ''));
    expect(graded.length).toBeGreaterThanOrEqual(5);
    for (const [header, i] of graded) {
      const status = out[i + 6];
      expect(status).toMatch(/^\s+判定/);
      expect(displayWidth(status)).toBe(displayWidth(header));
      // Every year's mark sits under the right edge of its year.
      const yearEnds = [...header.matchAll(/\d{4}/g)].map((m) => displayWidth(header.slice(0, m.index! + 4)));
      const markEnds = [...status.matchAll(/[✔✖-]/g)].map((m) => displayWidth(status.slice(0, m.index! + 1)));
      expect(markEnds).toEqual(yearEnds);
    }
  });

  test('wraps year columns to COLUMNS', async () => {
    const out = (await run(['evaluate', SAMPLE, '--format', 'table'], { env: { COLUMNS: '60' } })).stdout;
    const grid = out.split('\n').filter((l) => /^\s+(年|見込み|判定)\s/.test(l));
    for (const l of grid) expect(displayWidth(l)).toBeLessThanOrEqual(60);
    expect(out).toContain('2032');
  });
});

describe('bad input: exit 2, each bad field named by path, no stack trace', () => {
  const evaluateText = (text: string, lang = 'en') => run(['evaluate', '-', '--lang', lang], { stdin: text });
  const withLine = (patch: Record<string, unknown>) => {
    const plan = good();
    Object.assign(plan.lines[0], patch);
    return JSON.stringify(plan);
  };

  test.each([
    ['not JSON', '{"format": "supply-plan/1",', ['(file): not JSON']],
    ['wrong format tag', JSON.stringify({ ...good(), format: 'supply-plan/3' }), ['format: expected "supply-plan/2" (or "supply-plan/1"), got "supply-plan/3"']],
    ['missing baseline2021', withLine({ baseline2021: undefined }), ['lines[0].baseline2021: expected a number, got nothing']],
    ['negative baseline2021', withLine({ baseline2021: -5 }), ['lines[0].baseline2021: must not be negative']],
    ['capacity "abc"', withLine({ capacity: { 2026: 'abc' } }), ['lines[0].capacity.2026: expected a number, got "abc"']],
    ['negative capacity', withLine({ capacity: { 2026: -1 } }), ['lines[0].capacity.2026: must not be negative']],
    ['capacity key not a year', withLine({ capacity: { '20x6': 1 } }), ['lines[0].capacity.20x6: a capacity key must be a year such as "2026"']],
    ['capacity key before 2021', withLine({ capacity: { 2020: 1 } }), ['lines[0].capacity.2020: a year from 2021 to 2100']],
    ['unknown use', withLine({ use: 'spaceships' }), ['lines[0].use: unknown use "spaceships"']],
    [
      'end before start',
      JSON.stringify({ ...good(), activity: { kind: 'capacity', start: '2024-04-01', end: '2024-03-31' } }),
      ['activity.end: ends (2024-03-31) before it starts (2024-04-01)'],
    ],
    [
      'share outside 0–1',
      JSON.stringify({ ...good(), overseas: [{ capacityBefore: 1, capacityAfter: 2, localConsumptionShare: 85 }] }),
      ['overseas[0].localConsumptionShare: must be between 0 and 1'],
    ],
  ])('%s', async (_name, text, expected) => {
    const r = await evaluateText(text);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^supply-plan: standard input is not a valid plan file \(supply-plan\/2, or supply-plan\/1\)/);
    for (const e of expected) expect(r.stderr).toContain(`  ${e}`);
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  test('every bad field at once, each on its own line', async () => {
    const plan = good();
    plan.format = 'x';
    plan.lines[0].use = 'spaceships';
    plan.lines[0].baseline2021 = -1;
    plan.lines[0].capacity = { 2026: 'abc', 2027: -1 };
    plan.overseas = [{ capacityBefore: 1, capacityAfter: 2, localConsumptionShare: 1.5 }];
    const r = await evaluateText(JSON.stringify(plan));
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n').slice(1).map((l) => l.trim().split(':')[0]);
    expect(lines.sort()).toEqual(
      ['format', 'lines[0].use', 'lines[0].baseline2021', 'lines[0].capacity.2026', 'lines[0].capacity.2027', 'overseas[0].localConsumptionShare'].sort(),
    );
    expect(r.stderr).toContain('(6 problems)');
  });

  test('in Japanese too', async () => {
    const r = await evaluateText(withLine({ capacity: { 2026: 'abc' } }), 'ja');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('標準入力 は計画ファイル（supply-plan/2、または supply-plan/1）として正しくありません（1件）');
    expect(r.stderr).toContain('  lines[0].capacity.2026: expected a number, got "abc"');
  });

  test('a file that does not exist, or a directory', async () => {
    const missing = await run(['evaluate', 'no-such-plan.json', '--lang', 'en']);
    expect(missing).toEqual({ code: 2, stdout: '', stderr: 'supply-plan: cannot read no-such-plan.json: no such file\n' });
    const dir = await run(['evaluate', 'examples', '--lang', 'en']);
    expect(dir.code).toBe(2);
    expect(dir.stderr).toContain('cannot read examples');
    expect(dir.stderr).not.toMatch(NO_STACK);
  });

  test('relative paths resolve against the working directory', async () => {
    const r = await run(['evaluate', 'sample-plan.json'], { cwd: path.join(ROOT, 'examples') });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).lines).toHaveLength(6);
  });
});
