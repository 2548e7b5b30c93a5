/**
 * The rest of the command line: help, version, usage errors, `rules`, `schema`, the workbook commands' dispatch and
 * internal errors.
 */
import fs from 'fs';
import path from 'path';
import * as evaluateModule from '../../src/evaluate/evaluate';
import { planJsonSchema } from '../../src/plan/parse';
import { MULTIPLIERS } from '../../src/policy';
import { TOOL_VERSION } from '../../src/version';
import { ROOT, run, SAMPLE } from './run';

jest.mock('../../src/cli/workbook-commands', () => ({
  runWorkbookCommand: jest.fn(async () => 0),
}));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runWorkbookCommand } = require('../../src/cli/workbook-commands') as { runWorkbookCommand: jest.Mock };

const NO_STACK = /^\s+at /m;
const SCHEMA_FILE = path.join(ROOT, 'schema/supply-plan-2.schema.json');

describe('help and version', () => {
  test('--version prints the version, which is package.json’s', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(TOOL_VERSION).toBe(pkg.version);
    for (const flag of ['--version', '-V']) expect(await run([flag])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  test('--help prints the usage in the chosen language, exit 0', async () => {
    const ja = await run(['--help']);
    expect(ja.code).toBe(0);
    expect(ja.stdout).toContain('使い方:');
    expect(ja.stdout).toContain('supply-plan evaluate');
    const en = await run(['--help', '--lang', 'en']);
    expect(en.stdout).toContain('Usage:');
    expect(en.stdout).toContain('Exit codes: 0 no error in the submission scenario, 1 an error finding there (or in the plan as a whole), 2 bad input or usage, 3 internal error');
    expect((await run(['evaluate', '--help'], { env: { LANG: 'en_US.UTF-8' } })).stdout).toContain('Usage:');
    expect((await run(['help'])).code).toBe(0);
  });

  test('the package declares the bin', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('supply-plan');
    expect(pkg.bin).toEqual({ 'supply-plan': 'bin/supply-plan.js' });
    expect(fs.readFileSync(path.join(ROOT, 'bin/supply-plan.js'), 'utf8')).toMatch(/^#!\/usr\/bin\/env node/);
  });
});

describe('usage errors: exit 2 with the usage on stderr', () => {
  test.each([
    [[], ''],
    [['frobnicate'], 'unknown command: frobnicate'],
    [['evaluate'], 'name a plan file'],
    [['evaluate', 'a.json', 'b.json'], 'unexpected argument: b.json'],
    [['evaluate', SAMPLE, '--colour'], 'unknown option: --colour'],
    [['evaluate', SAMPLE, '--format', 'xml'], '--format "xml" is not one of json, table'],
    [['evaluate', SAMPLE, '--format'], '--format needs a value'],
    [['evaluate', SAMPLE, '--lang', 'fr'], '--lang "fr" is not one of ja, en'],
    [['rules', 'extra'], 'unexpected argument: extra'],
    [['schema', '--format', 'table'], 'unknown option: --format'],
  ])('%j', async (argv, message) => {
    const r = await run(argv, { env: { LANG: 'en_US.UTF-8' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain('Usage:');
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  test('in Japanese by default', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('不明なコマンドです: frobnicate');
    expect(r.stderr).toContain('使い方:');
  });
});

describe('rules', () => {
  test('JSON: the items and the multiplier table from policy/', async () => {
    const r = await run(['rules', '--lang', 'en']);
    expect(r.code).toBe(0);
    const rules = JSON.parse(r.stdout);
    expect(rules.items.map((i: { id: string }) => i.id)).toEqual(['cnc', 'servo', 'cnc-system', 'reducer', 'plc', 'ball-screw', 'linear-guide', 'linear-scale', 'mineral-cast']);
    expect(rules.multipliers.years).toEqual([2025, 2026, 2027, 2028, 2029, 2030]);
    for (const use of rules.multipliers.uses) {
      for (const [year, m] of Object.entries(MULTIPLIERS[use.id as keyof typeof MULTIPLIERS])) expect(use.multipliers[year]).toBe(Number(m));
    }
    expect(rules.multipliers.uses.find((u: { id: string }) => u.id === 'robots').multipliers).toEqual({ 2025: 1.3, 2026: 1.3, 2027: 1.4, 2028: 1.5, 2029: 1.6, 2030: 1.7 });
    expect(rules.periods).toEqual([
      { kind: 'capacity', years: 10, bound: 'min', section: '第3章第4節' },
      { kind: 'rnd', years: 5, bound: 'max', section: '第3章第4節' },
    ]);
    expect(rules.overseas).toMatchObject({ growthAbove: 0.1, localConsumptionAtLeast: 0.85 });
    expect(rules.checklist).toHaveLength(18);
  });

  test('table, in both languages', async () => {
    const ja = await run(['rules', '--format', 'table']);
    expect(ja.code).toBe(0);
    expect(ja.stdout).toContain('2025年以前');
    expect(ja.stdout).toMatch(/産業用ロボットのみ\s+1\.3\s+1\.3\s+1\.4\s+1\.5\s+1\.6\s+1\.7/);
    expect(ja.stdout).toMatch(/ボールねじ\s+ball screw/);
    expect(ja.stdout).toContain('開始から10年以上');
    const en = await run(['rules', '--format', 'table', '--lang', 'en']);
    expect(en.stdout).toMatch(/machine tools only\s+1\.2\s+1\.3\s+1\.4\s+1\.4\s+1\.5\s+1\.6/);
    expect(en.stdout).toContain('<=2025');
    expect(en.stdout).toContain('more than 10%');
    expect(en.stdout).toContain('85% or more');
  });
});

describe('schema', () => {
  test('prints the JSON Schema, equal to the committed schema/supply-plan-2.schema.json', async () => {
    const r = await run(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(planJsonSchema());
    // Regenerate with `npm run schema` when the plan schema changes.
    expect(r.stdout).toBe(fs.readFileSync(SCHEMA_FILE, 'utf8'));
  });

  test('the sample plan is valid against its own schema’s required fields', () => {
    const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8'));
    const sample = JSON.parse(fs.readFileSync(path.join(ROOT, SAMPLE), 'utf8'));
    for (const key of schema.required) expect(sample).toHaveProperty(key);
    expect(schema.properties.format.const).toBe('supply-plan/2');
  });
});

describe('workbook commands go to runWorkbookCommand', () => {
  test.each(['template', 'check', 'export'])('%s', async (command) => {
    runWorkbookCommand.mockClear();
    runWorkbookCommand.mockResolvedValueOnce(1);
    const io = await run([command, 'plan.xlsx', '--lang', 'en', '--format', 'table']);
    expect(io.code).toBe(1);
    expect(runWorkbookCommand).toHaveBeenCalledTimes(1);
    const [cmd, args, cli] = runWorkbookCommand.mock.calls[0];
    expect(cmd).toBe(command);
    expect(args).toEqual(['plan.xlsx', '--lang', 'en', '--format', 'table']);
    expect(Object.keys(cli).sort()).toEqual(['cwd', 'env', 'readStdin', 'stderr', 'stdout']);
  });

  test('options before the command are passed on too', async () => {
    runWorkbookCommand.mockClear();
    await run(['--lang', 'en', 'check', 'plan.xlsx']);
    expect(runWorkbookCommand.mock.calls[0].slice(0, 2)).toEqual(['check', ['--lang', 'en', 'plan.xlsx']]);
  });
});

describe('internal errors', () => {
  afterEach(() => jest.restoreAllMocks());

  test('exit 3 with a one-line "internal error" message and no stack', async () => {
    jest.spyOn(evaluateModule, 'evaluate').mockImplementation(() => {
      throw new TypeError('boom');
    });
    const r = await run(['evaluate', SAMPLE, '--lang', 'en']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('supply-plan: internal error: boom\n(run again with SUPPLY_PLAN_DEBUG=1 for details)\n');
  });

  test('SUPPLY_PLAN_DEBUG=1 adds the stack', async () => {
    jest.spyOn(evaluateModule, 'evaluate').mockImplementation(() => {
      throw new TypeError('boom');
    });
    const r = await run(['evaluate', SAMPLE, '--lang', 'en'], { env: { SUPPLY_PLAN_DEBUG: '1' } });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('internal error: boom');
    expect(r.stderr).toMatch(NO_STACK);
  });
});
