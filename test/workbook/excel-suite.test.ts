/**
 * The checks `npm run test:excel` runs inside real Excel (test/excel/adapter-suite.ts), here over the strict fake of
 * each Excel the manifest admits — so the suite itself is known to pass before it meets a real workbook.
 */
import { EXCEL_CHECKS } from '../excel/adapter-suite';
import { FakeExcel, PROFILES, supportsOn } from './fake-excel';

describe.each(PROFILES.map((p) => [p.name, p] as const))('on %s', (_name, profile) => {
  test.each(EXCEL_CHECKS.map((c) => [c.name, c] as const))('%s', async (_check, check) => {
    const excel = new FakeExcel({ profile });
    excel.addSheet('計画');
    await check.run(excel.run, supportsOn(profile));
    expect(excel.sheetNames()).toEqual(['計画']); // the check cleaned up after itself
  });
});
