/**
 * A real spreadsheet program agrees with the engine on random plans: lines from several random valid plans (hostile
 * text, numbers typed as text, items and uses in either language) are batched into one workbook, made by
 * `template --from` and checked by `check`; LibreOffice opens it headless, recalculates every formula, and each
 * line's verdict and each year's status and mark it computes must be the engine's. One soffice run for the lot.
 *
 * The plans are drawn afresh each run; set HARDENING_SEED to replay one (the seed is printed on failure).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { evaluate } from '../../src/evaluate';
import { workbookText } from '../../src/i18n/workbook';
import { parsePlan } from '../../src/plan/parse';
import { readPlan } from '../../src/workbook/layout';
import { RESULTS, resultsBlocks, statusMirrorCol } from '../../src/workbook/layout/geometry';
import { forgetOrigin, loadWorkbook, saveWorkbook } from '../../src/workbook/xlsx/io';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';
import { freshProfile, readCsvSheet, toCsv } from '../libreoffice/soffice';
import { planPair } from './arbitraries';
import { cli, removeTmpDirs, tmpDir } from './helpers';

jest.setTimeout(180_000);

afterAll(removeTmpDirs);

test('LibreOffice’s recalculated statuses, marks and verdicts equal the engine’s on random plans batched into one workbook', async () => {
  const seed = Number(process.env.HARDENING_SEED ?? Date.now() % 2 ** 31);
  const plans = fc.sample(planPair, { numRuns: 8, seed }).map((p) => p.plain);
  const lines = plans.flatMap((p) => p.lines as unknown[]);
  const batch = { ...plans[0], lines };
  const parsed = parsePlan(batch);
  if (!parsed.ok) throw new Error(`seed ${seed}: ${JSON.stringify(parsed.errors)}`);
  const engine = evaluate(parsed.plan);

  const dir = await tmpDir();
  await fs.writeFile(path.join(dir, 'batch.json'), JSON.stringify(batch));
  expect((await cli(dir, 'template', 'batch.xlsx', '--from', 'batch.json', '--lang', 'en')).code).toBe(0);
  expect([0, 1]).toContain((await cli(dir, 'check', 'batch.xlsx', '--lang', 'en', '--format', 'json')).code);
  // Every cached formula result on the results and plan sheets is replaced by "STALE": what LibreOffice shows can
  // only come from its own recalculation.
  const wb = await loadWorkbook(path.join(dir, 'batch.checked.xlsx'));
  // The cached results are rewritten straight in ExcelJS: saved whole, not as a patch.
  forgetOrigin(wb);
  const read = await readPlan(new XlsxPort(wb));
  for (const name of [read.sheets.results, read.sheets.plan]) {
    wb.getWorksheet(name)!.eachRow((r) =>
      r.eachCell((cell) => {
        const v = cell.value as Record<string, unknown> | null;
        if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) cell.value = { ...v, result: 'STALE' } as never;
      }),
    );
  }
  const file = path.join(dir, 'batch.stale.xlsx');
  await saveWorkbook(wb, file);
  const out = path.join(dir, 'csv');
  await fs.mkdir(out);
  const profile = await freshProfile();
  try {
    await toCsv(profile, [file], out);
  } finally {
    await fs.rm(profile, { recursive: true, force: true });
  }
  const results = await readCsvSheet(out, 'batch.stale', read.sheets.results);
  const planSheet = await readCsvSheet(out, 'batch.stale', read.sheets.plan);

  const g = read.planLayout.geometry!;
  const blocks = resultsBlocks(g);
  const t = workbookText('en');
  const wrong: string[] = [];
  let compared = 0;
  engine.lines.forEach((line, i) => {
    const row = read.lineRows[i];
    const rr = RESULTS.firstRow + (row - g.firstRow);
    // A line the formulas cannot judge exactly (an item spelt as only the engine knows it, 6 decimals …) shows the
    // statuses of the last evaluation, and its verdict says so.
    const live = results.cell(rr, RESULTS.cols.live) !== '0';
    const verdict = t.verdict[line.verdict] + (live ? '' : t.fromLastEvaluation);
    if (results.cell(rr, RESULTS.cols.verdict) !== verdict) wrong.push(`line ${i}: verdict "${results.cell(rr, RESULTS.cols.verdict)}" ≠ "${verdict}"`);
    if (planSheet.cell(row, g.computedLeft) !== verdict) wrong.push(`line ${i}: plan verdict "${planSheet.cell(row, g.computedLeft)}" ≠ "${verdict}"`);
    g.years.forEach(({ year }, k) => {
      const y = line.years.find((x) => x.year === year);
      const status = y ? t.status[y.status] : '';
      compared++;
      const got = results.cell(rr, blocks.col('status', k)!);
      if (got !== status) wrong.push(`line ${i} ${year}: status "${got}" ≠ "${status}" (forecast ${y?.capacity}, baseline ${line.baseline2021}, ${line.use})`);
      const mark = planSheet.cell(row, statusMirrorCol(g, k));
      if (mark !== status.slice(0, 1)) wrong.push(`line ${i} ${year}: mark "${mark}" ≠ "${status.slice(0, 1)}"`);
    });
  });
  if (wrong.length) console.log(`HARDENING_SEED=${seed}: ${wrong.length} mismatches`);
  expect({ seed, wrong }).toEqual({ seed, wrong: [] });
  expect(engine.lines.length === 0 || compared > 0).toBe(true);
  console.log(`LibreOffice agreed on ${engine.lines.length} lines × ${g.years.length} years (seed ${seed})`);
});
