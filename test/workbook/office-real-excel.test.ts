/**
 * What real Excel does that a kinder fake hid, and what the planner would see if the adapter ignored it — on every
 * Excel the manifest admits (fake-excel/profiles.ts): responses over 5 MB on the web, more than 512 merged areas,
 * protected sheets in a Japanese Excel, an API the host lacks, tables that rename their headers, rules that a
 * `clear` removes first, and writes that fail half-way.
 */
import { OfficePort } from '../../src/workbook/office/office-port';
import type { WriteOp } from '../../src/workbook/port';
import { FakeExcel, PROFILES, supportsOn, WEB, type HostProfile } from './fake-excel';

const MB = 1024 * 1024;
const PLAN = '計画';

describe.each(PROFILES.map((p) => [p.name, p] as const))('on %s', (_name, profile) => {
  const excelFor = (extra: Partial<HostProfile> = {}) => new FakeExcel({ profile: { ...profile, ...extra } });
  const portFor = (excel: FakeExcel, options: ConstructorParameters<typeof OfficePort>[1] = {}) =>
    new OfficePort(excel.run, { supports: supportsOn(excel.profile), ...options });

  test('a plan sheet larger than one response is read whole, in windows, every response under 5 MB', async () => {
    const excel = excelFor();
    // 8,000 rows × 30 columns of Japanese text: ~15 MB of cells, three times what Excel on the web sends back at once.
    const rows = Array.from({ length: 8000 }, (_, i) => Array.from({ length: 30 }, (_, j) => `工作機械向けサーボ機構 ${i}-${j}`));
    excel.addSheet(PLAN, rows);
    const read = await portFor(excel).readSheets([PLAN]);
    expect(read[PLAN]!.values).toHaveLength(8000);
    expect(read[PLAN]!.values[7999][29]).toBe('工作機械向けサーボ機構 7999-29');
    expect(read[PLAN]!.values[4321][7]).toBe('工作機械向けサーボ機構 4321-7');
    expect(excel.maxResponseBytes).toBeLessThan(5 * MB);
  });

  test('a window Excel refuses as too large is asked again in halves', async () => {
    const excel = excelFor();
    const rows = Array.from({ length: 12_000 }, (_, i) => Array.from({ length: 20 }, (_, j) => `サーボ ${i}-${j} 計画値の根拠`));
    excel.addSheet(PLAN, rows);
    // A budget far above the host's limit: on the web the first answers are refused and the reads halve.
    const read = await portFor(excel, { maxResponseBytes: 64 * MB }).readSheets([PLAN]);
    expect(read[PLAN]!.values[11_999][19]).toBe('サーボ 11999-19 計画値の根拠');
    expect(read[PLAN]!.values[3000][0]).toBe('サーボ 3000-0 計画値の根拠');
    if (profile.responseLimitBytes !== null) {
      expect(excel.requests.some((r) => r.refused)).toBe(true);
      expect(excel.maxResponseBytes).toBeLessThan(5 * MB);
    }
  });

  test('a sheet with 600 merged areas reads every one of them (Excel lists at most 512 at once)', async () => {
    const excel = excelFor();
    const sheet = excel.addSheet('取組・チェックリスト', Array.from({ length: 600 }, (_, i) => [`項目 ${i + 1}`, null, '確認']));
    sheet.merges = Array.from({ length: 600 }, (_, i) => `A${i + 1}:B${i + 1}`);
    const read = await portFor(excel).readSheets(['取組・チェックリスト']);
    expect(read['取組・チェックリスト']!.merges).toHaveLength(600);
    expect(read['取組・チェックリスト']!.values[599]).toEqual(['項目 600', null, '確認']);
  });

  test('a protected sheet reads as "protected" to the planner, whatever language Excel speaks', async () => {
    const excel = excelFor();
    excel.addSheet(PLAN, [['品目']]).protected = true;
    const port = portFor(excel);
    await port.readSheets([PLAN]); // reading a protected sheet is allowed
    const error = await port.apply([{ kind: 'values', sheet: PLAN, at: 'B2', rows: [[1]] }]).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ExcelHostError', kind: 'protected', code: 'AccessDenied' });
    // The message is Excel's, in its language; the kind does not depend on it.
    expect((error as Error).message).toBe(excel.message('AccessDenied'));
  });

  test('a workbook the planner may not change reads as "permission", not "protected"', async () => {
    const excel = excelFor();
    excel.addSheet(PLAN, [['品目']]);
    excel.readOnly = true;
    const error = await portFor(excel).apply([{ kind: 'values', sheet: PLAN, at: 'B2', rows: [[1]] }]).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'permission', code: 'AccessDenied' });
  });

  test('an Excel below the manifest’s requirement set fails as "unsupported", not as a broken workbook', async () => {
    const excel = excelFor({ excelApi: 12 });
    excel.addSheet(PLAN, [['品目']]);
    await expect(portFor(excel).readSheets([PLAN])).rejects.toMatchObject({ kind: 'unsupported', code: 'ApiNotFound' });
  });

  test('the plan table is created once and resized: headers stay as Excel made them, the planner’s formulas keep their table references', async () => {
    const excel = excelFor();
    excel.addSheet(PLAN, [[null, 2022, '品目'], [1, 2, 'a'], [3, 4, 'b']]);
    const port = portFor(excel);
    const table = (range: string): WriteOp => ({ kind: 'table', sheet: PLAN, name: '計画表', range, style: 'TableStyleLight9' });
    await port.apply([table('A1:C3')]);
    // Excel's headers: text, and a blank one named after its position in the UI language.
    const blank = profile.locale === 'ja-JP' ? '列1' : 'Column1';
    expect(excel.sheet(PLAN).values('A1:C1')).toEqual([[blank, '2022', '品目']]);
    excel.sheet(PLAN).setCell('E1', null, '=SUM(計画表[2022])');
    await port.apply([{ kind: 'values', sheet: PLAN, at: 'A4', rows: [[5, 6, 'c']] }, table('A1:C4')]);
    expect([...excel.tables.values()].map((t) => [t.name, t.range])).toEqual([['計画表', 'A1:C4']]);
    expect(excel.sheet(PLAN).cell('E1').formula).toBe('=SUM(計画表[2022])');
  });

  test('our rules are removed by id before the clear that would remove them first; the planner’s stay', async () => {
    const excel = excelFor();
    const plan = excel.addSheet(PLAN, [['品目', '2026'], ['サーボ', 10]]);
    plan.conditionalFormats = [
      { id: '{planner}', range: 'B2:B50', type: 'Custom', formula: '=B2>100', font: {} },
      { id: '{ours-1}', range: 'B2:B50', type: 'Custom', formula: '=B2<$Z$1', font: {} },
      { id: '{ours-2}', range: 'B2:B50', type: 'Custom', formula: '=B2>=$Z$1', font: {} },
    ];
    const port = portFor(excel);
    await port.readSheets([PLAN]);
    const ours = ['=B2<$Z$1', '=B2>=$Z$1'];
    await port.apply([
      { kind: 'clearConditionalFormats', sheet: PLAN, ownedBy: ours },
      { kind: 'clear', sheet: PLAN, range: 'C1:C50' },
      { kind: 'conditionalFormat', sheet: PLAN, range: 'B2:B50', formula: '=B2<$Z$1', format: { fill: { color: '#FFC7CE' } } },
      { kind: 'conditionalFormat', sheet: PLAN, range: 'B2:B50', formula: '=B2>=$Z$1', format: { fill: { color: '#C6EFCE' } } },
    ]);
    expect(plan.conditionalFormats.map((cf) => cf.formula)).toEqual(['=B2>100', '=B2<$Z$1', '=B2>=$Z$1']);
    expect(plan.conditionalFormats[0].id).toBe('{planner}');
  });

  test('a write that fails after one of its syncs went through is not run again from a half-written workbook', async () => {
    const excel = excelFor();
    excel.addSheet(PLAN);
    const port = portFor(excel, { maxRequestBytes: 64 * 1024 });
    await port.readSheets([PLAN]);
    const rows = Array.from({ length: 4000 }, (_, i) => [i, `行 ${i} ${'計画の根拠'.repeat(8)}`]);
    const before = excel.syncCount;
    excel.failSync(before + 3, 'ItemNotFound'); // the third sync of the write
    await expect(port.apply([{ kind: 'values', sheet: PLAN, at: 'A1', rows }])).rejects.toMatchObject({ code: 'ItemNotFound' });
    expect(excel.syncCount - before).toBe(3);
  });
});

describe('the fake is as strict as Excel', () => {
  test('an API outside the host’s requirement sets fails the sync with ApiNotFound', async () => {
    const excel = new FakeExcel({ profile: { ...WEB, excelApi: 12 } });
    excel.addSheet(PLAN);
    const error = await excel
      .run(async (ctx) => {
        ctx.workbook.worksheets.getItem(PLAN).getRange('A1:B2').getMergedAreasOrNullObject().load('address');
        await ctx.sync();
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ApiNotFound' });
  });

  test('a response over 5 MB is refused on the web, not on the desktop', async () => {
    for (const profile of PROFILES) {
      const excel = new FakeExcel({ profile });
      excel.addSheet(PLAN, Array.from({ length: 20_000 }, (_, i) => [`${'長い説明文'.repeat(20)} ${i}`]));
      const outcome = await excel
        .run(async (ctx) => {
          ctx.workbook.worksheets.getItem(PLAN).getRange('A1:A20000').load('values');
          await ctx.sync();
          return 'ok';
        })
        .catch((e: { code: string }) => e.code);
      expect([profile.name, outcome]).toEqual([profile.name, profile.responseLimitBytes === null ? 'ok' : 'ResponsePayloadSizeLimitExceeded']);
    }
  });

  test('clear removes the conditional formats and validation inside the cleared range', async () => {
    const excel = new FakeExcel();
    const sheet = excel.addSheet(PLAN);
    sheet.conditionalFormats = [
      { id: '{a}', range: 'C2:C9', type: 'Custom', formula: '=C2>1', font: {} },
      { id: '{b}', range: 'A1:Z99', type: 'Custom', formula: '=A1>1', font: {} },
    ];
    sheet.validation.set('C3', { list: { source: '=X' } });
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(PLAN).getRange('C1:C50').clear('All');
      await ctx.sync();
    });
    expect(sheet.conditionalFormats.map((cf) => cf.id)).toEqual(['{b}']);
    expect(sheet.validation.size).toBe(0);
  });

  test('getItemAt on a rule that shares cells with another fails with ItemNotFound (office-js #5222)', async () => {
    const excel = new FakeExcel();
    excel.addSheet(PLAN).conditionalFormats = [
      { id: '{a}', range: 'A1:A9', type: 'Custom', formula: '=A1>1', font: {} },
      { id: '{b}', range: 'A1:A9', type: 'Custom', formula: '=A1>2', font: {} },
    ];
    const error = await excel
      .run(async (ctx) => {
        ctx.workbook.worksheets.getItem(PLAN).getRange().conditionalFormats.getItemAt(0).delete();
        await ctx.sync();
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'ItemNotFound' });
  });

  test('converting a table to a range turns structured references into A1 references', async () => {
    const excel = new FakeExcel();
    const sheet = excel.addSheet(PLAN, [['品目', '2026'], ['a', 1], ['b', 2]]);
    await excel.run(async (ctx) => {
      const t = ctx.workbook.worksheets.getItem(PLAN).tables.add('A1:B3', true);
      t.name = '表';
      await ctx.sync();
    });
    sheet.setCell('D1', null, '=SUM(表[2026])');
    sheet.setCell('C2', null, '=表[@2026]*2');
    await excel.run(async (ctx) => {
      ctx.workbook.tables.getItem('表').convertToRange();
      await ctx.sync();
    });
    expect(sheet.cell('D1').formula).toBe('=SUM($B$2:$B$3)');
    expect(sheet.cell('C2').formula).toBe('=B2*2');
  });

  test('the planner’s edit joins the undo stack; an add-in write keeps it only from ExcelApi 1.20', async () => {
    for (const profile of PROFILES) {
      const excel = new FakeExcel({ profile });
      excel.addSheet(PLAN);
      await excel.userEdit(PLAN, 'B2', 10);
      await new OfficePort(excel.run, { supports: supportsOn(profile) }).apply([{ kind: 'values', sheet: PLAN, at: 'C2', rows: [[1]] }]);
      const kept = excel.undoStack.includes(`user: ${PLAN}!B2`);
      expect([profile.name, kept]).toEqual([profile.name, profile.excelApi >= 20]);
    }
  });
});
