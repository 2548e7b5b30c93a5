/**
 * The workbook commands as a planner runs them: template, check (never in place, exit codes as evaluate, bad cells
 * listed with addresses) and export.
 */
import { CHECKLIST } from '../../src/policy';
import { promises as fs } from 'fs';
import * as path from 'path';
import { runWorkbookCommand } from '../../src/cli/workbook-commands';
import type { CliIO } from '../../src/cli/io';
import { forgetOrigin, loadWorkbook, saveWorkbook } from '../../src/workbook/xlsx/io';
import { boundaryPlan } from './fixtures';
import { SAMPLE_PLAN_FILE, samplePlan, tmpDir } from './helpers';

function io(cwd: string, env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  const cli: CliIO = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    readStdin: async () => '',
    env: { LANG: 'ja_JP.UTF-8', ...env },
    cwd,
  };
  return { cli, out };
}

async function run(cwd: string, command: 'template' | 'check' | 'export', ...args: string[]) {
  const { cli, out } = io(cwd);
  const code = await runWorkbookCommand(command, args, cli);
  return { code, ...out };
}

// Each test runs the CLI several times over a whole workbook: seconds when the machine is busy.
jest.setTimeout(60_000);

let dir: string;
beforeEach(async () => {
  dir = await tmpDir('supply-plan-cli-');
});

test('template makes a workbook from a plan file; it never overwrites a file', async () => {
  const r = await run(dir, 'template', 'plan.xlsx', '--from', SAMPLE_PLAN_FILE);
  expect(r).toMatchObject({ code: 0, stdout: '書き込みました: plan.xlsx\n' });
  const wb = await loadWorkbook(path.join(dir, 'plan.xlsx'));
  expect(wb.worksheets.map((w) => w.name)).toEqual(['計画', '取組・チェックリスト', '基準', '結果']);
  expect(wb.getWorksheet('計画')!.getCell('B5').value).toBe('ボールねじ');
  const again = await run(dir, 'template', 'plan.xlsx');
  expect(again.code).toBe(2);
  expect(again.stderr).toContain('plan.xlsx は既にあります');
  const en = await run(dir, 'template', 'blank.xlsx', '--lang', 'en');
  expect(en.code).toBe(0);
  expect((await loadWorkbook(path.join(dir, 'blank.xlsx'))).worksheets.map((w) => w.name)).toEqual(['Plan', 'Activity & checklist', 'Policy', 'Results']);
});

test('template --from a bad plan file: exit 2 with the paths', async () => {
  await fs.writeFile(path.join(dir, 'bad.json'), JSON.stringify({ format: 'supply-plan/1', lines: [{ item: 'x', use: 'boats' }] }));
  const r = await run(dir, 'template', 'out.xlsx', '--from', 'bad.json', '--lang', 'en');
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('bad.json is not a valid supply-plan/1 plan');
  expect(r.stderr).toContain('lines[0].use: unknown use "boats"');
});

test('check writes IN.checked.xlsx beside the input, prints the table with cell addresses, exits 1 on errors; the input is untouched', async () => {
  await run(dir, 'template', 'plan.xlsx', '--from', SAMPLE_PLAN_FILE);
  const before = await fs.readFile(path.join(dir, 'plan.xlsx'));
  const r = await run(dir, 'check', 'plan.xlsx');
  expect(r.code).toBe(1);
  expect(r.stdout).toContain('target.short');
  expect(r.stdout).toContain('計画!J8');
  expect(r.stderr).toContain('書き込みました: plan.checked.xlsx');
  expect(await fs.readFile(path.join(dir, 'plan.xlsx'))).toEqual(before);
  const wb = await loadWorkbook(path.join(dir, 'plan.checked.xlsx'));
  expect(wb.worksheets.map((w) => w.name)).toEqual(['計画', '取組・チェックリスト', '基準', '結果', 'サマリー', 'シナリオ比較', '履歴']);
  // Checking the checked file again is fine (to another file); -o onto the input is refused.
  expect((await run(dir, 'check', 'plan.checked.xlsx', '-o', 'again.xlsx')).code).toBe(1);
  const same = await run(dir, 'check', 'plan.xlsx', '-o', './plan.xlsx');
  expect(same.code).toBe(2);
  expect(same.stderr).toContain('入力ファイル plan.xlsx には書き込みません');
});

test('check exits 0 when the plan has no error', async () => {
  const plan = await samplePlan();
  plan.lines = plan.lines.filter((l) => l.scenario === 'base' && l.item !== '減速機');
  // Rules v2: every checklist requirement is a condition (unconfirmed is an error), and core technologies are listed.
  plan.checklist = Object.fromEntries(CHECKLIST.map((c) => [c.id, { confirmed: true, evidence: '申請書 2章' }]));
  plan.coreTechnologies = [{ name: '精密研削', items: ['ball-screw'], supplierHeld: false, note: '' }];
  await fs.writeFile(path.join(dir, 'ok.json'), JSON.stringify(plan));
  await run(dir, 'template', 'ok.xlsx', '--from', 'ok.json');
  const r = await run(dir, 'check', 'ok.xlsx', '-o', 'ok-out.xlsx', '--lang', 'en');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/requirements met|needs attention/);
});

test('check: bad cells are printed with their addresses and make the exit code 1', async () => {
  await run(dir, 'template', 'plan.xlsx', '--from', SAMPLE_PLAN_FILE);
  const file = path.join(dir, 'plan.xlsx');
  const wb = await loadWorkbook(file);
  // A planner's edits in a spreadsheet program, made here straight in ExcelJS: saved whole, not as a patch.
  forgetOrigin(wb);
  wb.getWorksheet('計画')!.getCell('J5').value = 'abc';
  wb.getWorksheet('計画')!.getCell('C6').value = '船舶';
  await saveWorkbook(wb, file);
  const r = await run(dir, 'check', 'plan.xlsx');
  expect(r.code).toBe(1);
  expect(r.stderr).toContain('plan.xlsx に不正なセルがあります（2件）');
  expect(r.stderr).toContain('計画!J5: 数値ではありません "abc"');
  expect(r.stderr).toContain('計画!C6: 使途「船舶」は所要倍率の表にありません');
  expect(r.stdout).toContain('input.invalid');
});

test('check: a file that is not an .xlsx workbook, or a workbook without a plan sheet, is exit 2 with a clear message', async () => {
  await fs.copyFile(SAMPLE_PLAN_FILE, path.join(dir, 'plan.xlsx'));
  let r = await run(dir, 'check', 'plan.xlsx', '--lang', 'en');
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/not an \.xlsx workbook: plan\.xlsx is not a zip archive/);
  r = await run(dir, 'check', 'missing.xlsx', '--lang', 'en');
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('missing.xlsx');
  const wb = (await import('../../src/workbook/xlsx/io')).createWorkbook();
  wb.addWorksheet('Sheet1').getCell('A1').value = 1;
  await saveWorkbook(wb, path.join(dir, 'other.xlsx'));
  r = await run(dir, 'check', 'other.xlsx', '--lang', 'en');
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('no plan sheet ("計画" or "Plan")');
  expect((await run(dir, 'check')).code).toBe(2);
  expect((await run(dir, 'check', 'a.xlsx', '--bogus')).stderr).toContain('不明なオプション: --bogus');
});

test('export writes the plan file; it is the plan the template was made from', async () => {
  const plan = boundaryPlan();
  await fs.writeFile(path.join(dir, 'b.json'), JSON.stringify(plan));
  await run(dir, 'template', 'b.xlsx', '--from', 'b.json', '--lang', 'en');
  const r = await run(dir, 'export', 'b.xlsx', '-o', 'back.json');
  expect(r.code).toBe(0);
  const back = JSON.parse(await fs.readFile(path.join(dir, 'back.json'), 'utf8'));
  expect(back.format).toBe('supply-plan/2');
  expect(back.lines).toHaveLength(plan.lines.length);
  expect(back.lines[0]).toEqual({ ...plan.lines[0], item: 'reducer' });
  expect(back.activities).toEqual(plan.activities);
  expect(back.transfers).toEqual(plan.transfers);
  expect(back.considerations).toEqual(plan.considerations);
  // Without -o the plan goes to standard output.
  const stdout = await run(dir, 'export', 'b.xlsx');
  expect(JSON.parse(stdout.stdout)).toEqual(back);
});

test('export: bad cells are exit 2 with their addresses', async () => {
  await run(dir, 'template', 'plan.xlsx', '--from', SAMPLE_PLAN_FILE);
  const file = path.join(dir, 'plan.xlsx');
  const wb = await loadWorkbook(file);
  forgetOrigin(wb);
  wb.getWorksheet('計画')!.getCell('D6').value = '多い';
  // The only activity's row emptied: the plan has no activity.
  for (const c of 'ABCDEFGH') wb.getWorksheet('取組・チェックリスト')!.getCell(`${c}13`).value = null;
  await saveWorkbook(wb, file);
  const r = await run(dir, 'export', 'plan.xlsx', '-o', 'out.json');
  expect(r.code).toBe(2);
  expect(r.stderr).toContain('計画!D6: 数値ではありません "多い"');
  await expect(fs.access(path.join(dir, 'out.json'))).rejects.toThrow();
  wb.getWorksheet('計画')!.getCell('D6').value = 3333;
  await saveWorkbook(wb, file);
  const missing = await run(dir, 'export', 'plan.xlsx', '-o', 'out.json');
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('取組の種類・開始日・終了日がありません');
  expect(missing.stderr).toContain('取組・チェックリスト!B13');
});
