/**
 * Random plans, three ways in, one answer:
 * - a valid plan typed the way people type it ("1,200", "１２００", ＣＮＣ, 工作機械のみ) gets from `supply-plan evaluate`
 *   exactly the engine's report on the plan, and exit 1 exactly when there is an error finding;
 * - the same plan made into a workbook (template --from) and checked (check) carries the engine's verdict and
 *   year statuses in the cells the layout writes (results sheet and plan sheet marks), line by line, year by year;
 * - a plan file made invalid in one field gets exit 2 and a message naming that field's path, from `evaluate` and
 *   from `template --from`, never a stack trace; text that is not JSON at all gets exit 2 and "(file)".
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { evaluate } from '../../src/evaluate';
import { toReport } from '../../src/evaluate/report';
import { workbookText } from '../../src/i18n/workbook';
import { parsePlan } from '../../src/plan/parse';
import { readPlan } from '../../src/workbook/layout';
import { RESULTS, resultsBlocks, statusMirrorCol } from '../../src/workbook/layout/geometry';
import { loadWorkbook } from '../../src/workbook/xlsx/io';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';
import { layoutColumns } from '../../src/cli/width';
import { BROKEN_TEXTS, mutationOf, planPair } from './arbitraries';
import { cached, cli, crashSigns, removeTmpDirs, tmpDir } from './helpers';

jest.setTimeout(120_000);

let dir: string;
let n = 0;

beforeAll(async () => {
  dir = await tmpDir();
});
afterAll(removeTmpDirs);

async function writePlan(plan: unknown): Promise<string> {
  const name = `plan-${n++}.json`;
  await fs.writeFile(path.join(dir, name), typeof plan === 'string' ? plan : JSON.stringify(plan, null, 1));
  return name;
}

const lang = fc.constantFrom('ja' as const, 'en' as const);

/** Runs per property: modest here; HARDENING_RUNS=10 multiplies them for a long fuzzing session. */
const runs = (n: number) => n * (Number(process.env.HARDENING_RUNS) || 1);

test('valid plans typed as people type them: the CLI prints exactly the engine’s report; exit 1 exactly on an error finding', async () => {
  await fc.assert(
    fc.asyncProperty(planPair, lang, async ({ plain, typed }, lg) => {
      const canonical = parsePlan(plain);
      if (!canonical.ok) throw new Error(`generator made an invalid plan: ${JSON.stringify(canonical.errors)}`);
      const asTyped = parsePlan(typed);
      expect(asTyped.ok && asTyped.plan).toEqual(canonical.plan);
      const engine = evaluate(canonical.plan, { legacy: canonical.legacy });
      const file = await writePlan(typed);
      const r = await cli(dir, 'evaluate', file, '--lang', lg, '--format', 'json');
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual(JSON.parse(JSON.stringify(toReport(engine, lg))));
      expect(r.code).toBe(engine.findings.some((f) => f.severity === 'error') ? 1 : 0);
      // The terminal table too, long text included (its layout is linear since the trim fix tested at the end).
      const table = await cli(dir, 'evaluate', file, '--lang', lg, '--format', 'table');
      expect(table.code).toBe(r.code);
      expect(crashSigns(table.stderr)).toEqual([]);
    }),
    { numRuns: runs(40) },
  );
});

test('valid plans through a workbook: template --from, check — the cached verdicts and statuses are the engine’s, per line and year', async () => {
  await fc.assert(
    fc.asyncProperty(planPair, lang, async ({ plain }, lg) => {
      const parsed = parsePlan(plain);
      if (!parsed.ok) throw new Error('generator made an invalid plan');
      const engine = evaluate(parsed.plan);
      const file = await writePlan(plain);
      const book = file.replace(/\.json$/, '.xlsx');
      const made = await cli(dir, 'template', book, '--from', file, '--lang', lg);
      expect([made.code, made.stderr]).toEqual([0, '']);
      const checked = await cli(dir, 'check', book, '--lang', lg, '--format', 'json');
      expect(crashSigns(checked.stderr)).toEqual([]);
      expect(checked.code).toBe(engine.verdict === 'ineligible' ? 1 : 0);
      const report = JSON.parse(checked.stdout);
      expect(report.verdict).toBe(engine.verdict);
      expect(report.lines.map((l: { verdict: string }) => l.verdict)).toEqual(engine.lines.map((l) => l.verdict));
      const codes = (fs: { code: string; severity: string; line?: number; year?: number }[]) => fs.map((f) => `${f.code}/${f.severity}/${f.line ?? ''}/${f.year ?? ''}`).sort();
      expect(codes(report.findings)).toEqual(codes(engine.findings));

      // The cells: what Excel shows before it recalculates, and what viewers without a calculation engine show.
      const wb = await loadWorkbook(path.join(dir, book.replace(/\.xlsx$/, '.checked.xlsx')));
      const read = await readPlan(new XlsxPort(wb));
      const g = read.planLayout.geometry!;
      const t = workbookText(lg);
      const results = wb.getWorksheet(read.sheets.results)!;
      const planSheet = wb.getWorksheet(read.sheets.plan)!;
      const blocks = resultsBlocks(g);
      const wrong: string[] = [];
      engine.lines.forEach((line, i) => {
        const row = read.lineRows[i];
        const rr = RESULTS.firstRow + (row - g.firstRow);
        // A line outside what the formulas judge exactly says its statuses are the last evaluation's.
        const live = !String(cached(results.getCell(rr, RESULTS.cols.verdict))).endsWith(t.fromLastEvaluation);
        const verdict = t.verdict[line.verdict] + (live ? '' : t.fromLastEvaluation);
        if (cached(results.getCell(rr, RESULTS.cols.verdict)) !== verdict) wrong.push(`line ${i}: results verdict ${String(cached(results.getCell(rr, RESULTS.cols.verdict)))} ≠ ${verdict}`);
        if (cached(planSheet.getCell(row, g.computedLeft)) !== verdict) wrong.push(`line ${i}: plan verdict ${String(cached(planSheet.getCell(row, g.computedLeft)))} ≠ ${verdict}`);
        g.years.forEach(({ year }, k) => {
          const y = line.years.find((x) => x.year === year);
          const status = y ? t.status[y.status] : '';
          const got = cached(results.getCell(rr, blocks.col('status', k)!)) ?? '';
          if (got !== status) wrong.push(`line ${i} ${year}: status "${String(got)}" ≠ "${status}"`);
          const mark = cached(planSheet.getCell(row, statusMirrorCol(g, k))) ?? '';
          if (mark !== status.slice(0, 1)) wrong.push(`line ${i} ${year}: mark "${String(mark)}" ≠ "${status.slice(0, 1)}"`);
        });
      });
      expect(wrong).toEqual([]);
    }),
    { numRuns: runs(10) },
  );
});

test('a plan file made invalid in one field: exit 2 naming the field’s path (evaluate and template --from), never a stack trace', async () => {
  const case_ = planPair.chain(({ plain }) => fc.tuple(fc.constant(plain), mutationOf(plain)));
  await fc.assert(
    fc.asyncProperty(case_, lang, async ([plain, mutation], lg) => {
      const bad = structuredClone(plain);
      mutation.apply(bad);
      const file = await writePlan(bad);
      const r = await cli(dir, 'evaluate', file, '--lang', lg);
      expect({ path: mutation.path, code: r.code, stdout: r.stdout }).toEqual({ path: mutation.path, code: 2, stdout: '' });
      expect(r.stderr).toContain(`  ${mutation.path}: `);
      expect(crashSigns(r.stderr)).toEqual([]);
      const book = file.replace(/\.json$/, '.xlsx');
      const t = await cli(dir, 'template', book, '--from', file, '--lang', lg);
      expect(t.code).toBe(2);
      expect(t.stderr).toContain(`  ${mutation.path}: `);
      expect(crashSigns(t.stderr)).toEqual([]);
      await expect(fs.access(path.join(dir, book))).rejects.toThrow();
    }),
    { numRuns: runs(60) },
  );
});

test.each(BROKEN_TEXTS.map((text) => [JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text), text]))('plan file text %s: exit 2 with a path, no stack trace', async (_, text) => {
  const file = await writePlan(text);
  for (const argv of [['evaluate', file], ['template', file.replace(/\.json$/, '.xlsx'), '--from', file]]) {
    const r = await cli(dir, ...argv, '--lang', 'en');
    expect([argv[0], r.code]).toEqual([argv[0], 2]);
    expect(r.stderr).toMatch(/^ {2}(\(file\)|\(plan\)|[\w[\].]+): /m);
    expect(crashSigns(r.stderr)).toEqual([]);
  }
});

test('a table with a 40,000-character cell is laid out with no trailing padding (trimEnd, not a backtracking regexp)', () => {
  // A regular expression trim was quadratic in the padding: `check` of a plan with a 32,767-character scenario name
  // printed its table for ~35 s. Timing is the bench's job; this checks the layout itself.
  const rows = [['x'.repeat(40_000), 'y'], ['a', 'b'], ['c', 'd']];
  const out = layoutColumns(rows, ['left', 'left']);
  expect(out[1]).toBe('a' + ' '.repeat(40_000 - 1 + 2) + 'b');
  for (const line of out) expect(line).toBe(line.trimEnd());
});

describe('numbers at the edges in a plan file (JSON): read correctly or named as bad, never a crash', () => {
  const withLine = (line: Record<string, unknown>) =>
    `{"format":"supply-plan/1","activity":{"kind":"capacity","start":"2024-04-01","end":"2034-03-31"},"lines":[${JSON.stringify({ item: 'cnc', use: 'robots', baseline2021: 1000, ...line }).replace(/"@(-?[\w.+-]+)@"/g, '$1')}]}`;
  test.each([
    ['baseline 1e308', withLine({ baseline2021: '@1e308@', capacity: {} }), /lines\[0\]\.baseline2021: too large/],
    ['forecast 1e308', withLine({ capacity: { 2025: '@1e308@' } }), /lines\[0\]\.capacity\.2025: too large/],
    ['forecast 1e400 (Infinity once parsed)', withLine({ capacity: { 2025: '@1e400@' } }), /lines\[0\]\.capacity\.2025: expected a finite number/],
    ['baseline 1e-300', withLine({ baseline2021: '@1e-300@', capacity: {} }), /lines\[0\]\.baseline2021: too small/],
    ['"NaN" in a number field', withLine({ capacity: { 2025: 'NaN' } }), /lines\[0\]\.capacity\.2025: expected a number, got "NaN"/],
    ['"Infinity" in a number field', withLine({ baseline2021: 'Infinity', capacity: {} }), /lines\[0\]\.baseline2021: expected a number, got "Infinity"/],
    ['"-Infinity" in a number field', withLine({ capacity: { 2025: '-Infinity' } }), /lines\[0\]\.capacity\.2025: expected a number, got "-Infinity"/],
    ['NaN as a bare word (not JSON)', withLine({ capacity: { 2025: '@NaN@' } }), /\(file\): not JSON/],
  ])('%s: exit 2 naming it', async (_, text, message) => {
    const file = await writePlan(text);
    const r = await cli(dir, 'evaluate', file, '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(crashSigns(r.stderr)).toEqual([]);
  });

  test('-0, "１，２００", "1,200" and " 1200 " read as 0 and 1200', async () => {
    const file = await writePlan(withLine({ capacity: { 2025: '@-0@', 2026: '１，２００', 2027: '1,200', 2028: ' 1200 ' } }));
    const r = await cli(dir, 'evaluate', file, '--format', 'json');
    const years = JSON.parse(r.stdout).lines[0].years.map((y: { year: number; capacity: number }) => [y.year, y.capacity]);
    expect(years).toEqual(expect.arrayContaining([[2025, 0], [2026, 1200], [2027, 1200], [2028, 1200]]));
    expect(Object.is(JSON.parse(r.stdout).lines[0].years[0].capacity, -0)).toBe(false);
  });
});
