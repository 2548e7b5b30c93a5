/**
 * Workbooks in the 1904 date system (a per-workbook option in Excel, once the Mac default): a date serial there is
 * 1,462 days lower than in the 1900 system. The activity's start and end must read and write as the same days in
 * either system, through both adapters.
 */
import { createPlanWorkbook, readPlan, writeActivities } from '../../src/workbook/layout';
import { OfficePort } from '../../src/workbook/office/office-port';
import { createWorkbook, readXlsx, writeXlsx } from '../../src/workbook/xlsx/io';
import { XlsxPort } from '../../src/workbook/xlsx/xlsx-port';
import { samplePlan } from '../layout/helpers';
import { FakeExcel } from './fake-excel';

const SERIAL_2024_04_01 = 45383; // in the 1900 system

/** The sample with one activity and no application date: its only dates are that activity's start and end. */
async function oneActivityPlan() {
  const { applicationDate: _date, ...plan } = await samplePlan();
  void _date;
  const capacity = plan.activities.find((a) => a.kind === 'capacity')!;
  return { ...plan, activities: [capacity], lines: plan.lines.map((l) => ({ ...l, activity: capacity.id })) };
}

/** The serial in the activity sheet's start cell, found by the value the template writes there. */
function startCell(excel: FakeExcel): number | undefined {
  const sheet = excel.sheets.find((s) => s.name === '取組・チェックリスト')!;
  for (let r = 1; r <= 40; r++) {
    for (let c = 1; c <= 6; c++) {
      const v = sheet.cellAt(r, c).value;
      if (typeof v === 'number' && v > 40000 && v < 50000) return v;
    }
  }
  return undefined;
}

describe('dates in the 1904 date system', () => {
  test.each([false, true])('Office: a plan written into a workbook (1904 system: %s) reads back with the same dates', async (date1904) => {
    const plan = await oneActivityPlan();
    const excel = new FakeExcel();
    excel.date1904 = date1904;
    excel.addSheet('Sheet1');
    const port = new OfficePort(excel.run);
    await createPlanWorkbook(port, { lang: 'ja', plan: { ...plan, activities: [{ ...plan.activities[0], start: '2024-04-01' }] } });
    // Excel shows a serial in the workbook's own system: there, 2024-04-01 is 1,462 lower in 1904 workbooks.
    expect(startCell(excel)).toBe(date1904 ? SERIAL_2024_04_01 - 1462 : SERIAL_2024_04_01);

    excel.syncCount = 0;
    const read = await readPlan(port);
    expect(excel.syncCount).toBe(2); // learning the date system costs no extra round trip
    expect(read.plan.activities?.[0].start).toBe('2024-04-01');
    expect(read.plan.activities?.[0].end).toBe(plan.activities[0].end);
  });

  test('Office: the pane writing a new start date into a 1904 workbook writes the 1904 serial', async () => {
    const excel = new FakeExcel();
    excel.date1904 = true;
    excel.addSheet('Sheet1');
    const port = new OfficePort(excel.run);
    await createPlanWorkbook(port, { lang: 'ja' });
    const read = await readPlan(port);
    const activity = { id: 'A1', kind: 'capacity' as const, name: '', start: '2024-04-01', end: '2034-03-31', investment: '' };
    await writeActivities(port, read, [activity]);
    expect(startCell(excel)).toBe(SERIAL_2024_04_01 - 1462);
    expect((await readPlan(port)).plan.activities).toEqual([activity]);
  });

  test('.xlsx: a plan written into a 1904 workbook is saved with those dates, and read back as the same days', async () => {
    const plan = await oneActivityPlan();
    const wb = createWorkbook();
    wb.properties.date1904 = true;
    await createPlanWorkbook(new XlsxPort(wb), { lang: 'en', plan });
    const reopened = await readXlsx(await writeXlsx(wb));
    expect(reopened.properties.date1904).toBe(true);
    // What Excel shows: the date cells hold the plan's days (ExcelJS reads serials in the file's system).
    const shown: string[] = [];
    reopened.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
      if (cell.value instanceof Date) shown.push(cell.value.toISOString().slice(0, 10));
    })));
    expect(shown).toEqual([plan.activities[0].start, plan.activities[0].end]);
    const read = await readPlan(new XlsxPort(reopened));
    expect(read.plan.activities).toEqual(plan.activities);
  });
});
