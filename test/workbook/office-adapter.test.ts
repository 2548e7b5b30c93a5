import { ExcelHostError, errorKind } from '../../src/workbook/office/errors';
import { charsToPoints, OfficePort, parseAreas } from '../../src/workbook/office/office-port';
import type { WriteOp } from '../../src/workbook/port';
import { FakeExcel, PROFILES, supportsOn, WEB, type HostProfile } from './fake-excel';

const PLAN = '計画';
const MB = 1024 * 1024;

function planExcel(profile: HostProfile = WEB): FakeExcel {
  const excel = new FakeExcel({ profile });
  excel.addSheet('基準', [['品目'], ['工作機械'], ['産業用ロボット']]);
  excel.addSheet(PLAN, [[null, '品目', '数量']]);
  return excel;
}

/** Writes to sheets that exist: what the layout sends on every re-run. */
function typicalBatch(): WriteOp[] {
  return [
    { kind: 'clear', sheet: PLAN, range: 'B3:H200' },
    { kind: 'values', sheet: PLAN, at: 'B3', rows: [['工作機械', 12, true], ['産業用ロボット', 3, false]] },
    { kind: 'fillFormula', sheet: PLAN, range: 'E3:E4', formula: '=C3*2' },
    { kind: 'format', sheet: PLAN, range: 'B2:E2', format: { fill: { color: '#1F4E78' }, font: { bold: true, color: '#FFFFFF' }, border: true } },
    { kind: 'format', sheet: PLAN, range: 'C3:C200', format: { numberFormat: '#,##0', horizontal: 'right' } },
    { kind: 'columnWidths', sheet: PLAN, widths: { B: 24, C: 10 } },
    { kind: 'clearConditionalFormats', sheet: PLAN },
    { kind: 'conditionalFormat', sheet: PLAN, range: 'C3:C200', formula: '=C3<0', format: { fill: { color: '#FFC7CE' } } },
    { kind: 'conditionalFormat', sheet: PLAN, range: 'C3:C200', formula: '=C3>10', format: { fill: { color: '#FFEB9C' }, font: { bold: true } } },
    { kind: 'listValidation', sheet: PLAN, range: 'B3:B200', source: { formula: '=基準!$A$2:$A$3' } },
    { kind: 'freeze', sheet: PLAN, rows: 2, columns: 1 },
    { kind: 'pageSetup', sheet: PLAN, landscape: true, paper: 'A4', fitToWidth: true, printArea: 'A1:H200', printTitleRows: '1:2' },
    { kind: 'activate', sheet: PLAN, select: 'B3' },
  ];
}

/** The adapter on every Excel the manifest admits (see fake-excel/profiles.ts). */
describe.each(PROFILES.map((p) => [p.name, p] as const))('on %s', (_name, profile) => {
  /** Excel on the web refuses requests over 5 MB; the desktops have no such limit. */
  const webOnly = profile.requestLimitBytes !== null ? it : it.skip;
  /** Notes need ExcelApi 1.18 (Office 2021 stops at 1.14). */
  const withNotes = profile.excelApi >= 18 ? it : it.skip;

  describe('OfficePort.readSheets', () => {
    it('reads any number of sheets in at most 2 syncs, padding to A1', async () => {
      const excel = new FakeExcel({ profile });
      const a = excel.addSheet('計画 A');
      a.setCell('C5', 'x');
      a.setCell('D6', 12.5);
      a.setCell('E6', { error: '#REF!' });
      a.setCell('D7', 3, '=D6*2'); // a formula with its cached result
      a.cellAt(6, 4).numberFormat = '0.0';
      a.merges = ['C5:D5', 'F1:G1'];
      excel.addSheet('空');
      excel.addSheet('B', [[true, '#N/A as text']]);
      const port = new OfficePort(excel.run, { supports: supportsOn(profile) });

      const read = await port.readSheets(['計画 A', '空', 'なし', 'b']);
      expect(excel.syncCount).toBe(2);
      expect(read['なし']).toBeUndefined();
      expect(read['空']).toEqual({ name: '空', values: [], merges: [] });
      expect(read.b).toEqual({ name: 'B', values: [[true, '#N/A as text']], merges: [] });
      const snap = read['計画 A']!;
      expect(snap.values).toEqual([
        [null, null, null, null, null],
        [null, null, null, null, null],
        [null, null, null, null, null],
        [null, null, null, null, null],
        [null, null, 'x', null, null],
        [null, null, null, 12.5, { error: '#REF!' }],
        [null, null, null, 3, null],
      ]);
      // Number formats are not loaded: nothing reads them, and they would double the response.
      expect(snap.numberFormats).toBeUndefined();
      expect(snap.merges).toEqual(['C5:D5', 'F1:G1']);
    });

    it('costs one sync when no sheet exists, none when nothing is asked', async () => {
      const excel = new FakeExcel({ profile });
      const port = new OfficePort(excel.run, { supports: supportsOn(profile) });
      expect(await port.readSheets(['a', 'b', 'c'])).toEqual({ a: undefined, b: undefined, c: undefined });
      expect(excel.syncCount).toBe(1);
      expect(await port.readSheets([])).toEqual({});
      expect(excel.syncCount).toBe(1);
    });

    it('lists sheet names in tab order in one sync', async () => {
      const excel = planExcel(profile);
      expect(await new OfficePort(excel.run, { supports: supportsOn(profile) }).sheetNames()).toEqual(['基準', PLAN]);
      expect(excel.syncCount).toBe(1);
    });

    it('parses merged-area addresses with quoted sheet names', () => {
      expect(parseAreas("'My, sheet'!$B$4:$C$4, 'My, sheet'!E1:F1")).toEqual(['B4:C4', 'E1:F1']);
      expect(parseAreas('計画!A1:B2')).toEqual(['A1:B2']);
    });
  });

  describe('OfficePort.apply', () => {
    it('writes a typical batch in one sync', async () => {
      const excel = planExcel(profile);
      await new OfficePort(excel.run, { supports: supportsOn(profile) }).apply(typicalBatch());
      expect(excel.syncCount).toBe(1);

      const plan = excel.sheet(PLAN);
      expect(plan.values('B3:D4')).toEqual([['工作機械', 12, true], ['産業用ロボット', 3, false]]);
      expect(plan.cell('E4').formula).toBe('=C4*2');
      expect(plan.cell('C150').numberFormat).toBe('#,##0');
      expect(plan.cell('B2').format).toMatchObject({ fill: '#1F4E78', font: { bold: true, color: '#FFFFFF' } });
      expect(plan.cell('E2').format.borders).toMatchObject({ EdgeTop: { style: 'Continuous', weight: 'Thin' }, InsideVertical: { style: 'Continuous' } });
      expect(plan.cell('C3').format.horizontalAlignment).toBe('Right');
      expect(plan.columnWidths.get(2)).toBe(charsToPoints(24));
      expect(plan.validation.get('B100')).toEqual({ list: { inCellDropDown: true, source: '=基準!$A$2:$A$3' } });
      expect(plan.freeze).toEqual({ rows: 2, columns: 1 });
      expect(plan.pageLayout).toEqual({
        orientation: 'Landscape',
        paperSize: 'A4',
        zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
        printArea: 'A1:H200',
        printTitleRows: 'A1:XFD2',
      });
      expect(excel.activeSheet).toBe(PLAN);
      expect(plan.selection).toBe('B3');
    });

    it('sets the manual page breaks, replacing those of the last run, in the same sync', async () => {
      const excel = planExcel(profile);
      const port = new OfficePort(excel.run, { supports: supportsOn(profile) });
      await port.apply([{ kind: 'rowBreaks', sheet: PLAN, rows: [40, 12] }]);
      expect(excel.syncCount).toBe(1);
      expect(excel.sheet(PLAN).horizontalPageBreaks).toEqual([12, 40]);
      // A re-check with a shorter plan: the old breaks go, or a page would end where the section no longer does.
      await port.apply([{ kind: 'rowBreaks', sheet: PLAN, rows: [20] }]);
      expect(excel.sheet(PLAN).horizontalPageBreaks).toEqual([20]);
      await port.apply([{ kind: 'rowBreaks', sheet: PLAN, rows: [] }]);
      expect(excel.sheet(PLAN).horizontalPageBreaks).toEqual([]);
      // Row 1 has no page before it: refused before anything is sent.
      await expect(port.apply([{ kind: 'rowBreaks', sheet: PLAN, rows: [1] }])).rejects.toThrow(/row 1/);
    });

    it('keeps conditional formats in the order added (first wins) and does not pile them up on re-runs', async () => {
      const excel = planExcel(profile);
      const port = new OfficePort(excel.run, { supports: supportsOn(profile) });
      await port.apply(typicalBatch());
      await port.apply(typicalBatch());
      const cfs = excel.sheet(PLAN).conditionalFormats;
      expect(cfs.map((c) => c.formula)).toEqual(['=C3<0', '=C3>10']);
      expect(cfs.every((c) => c.stopIfTrue)).toBe(true);
      expect(cfs[1]).toMatchObject({ range: 'C3:C200', fill: '#FFEB9C', font: { bold: true } });
    });

    it('gives a conditional format its number format (the status mark before the number), leaving the cells\u2019 own format and values alone', async () => {
      const excel = planExcel(profile);
      const port = new OfficePort(excel.run, { supports: supportsOn(profile) });
      await port.apply([
        { kind: 'values', sheet: PLAN, at: 'C3', rows: [[120000], [4332.9]] },
        { kind: 'format', sheet: PLAN, range: 'C3:C4', format: { numberFormat: '#,##0.#####' } },
        { kind: 'conditionalFormat', sheet: PLAN, range: 'C3:C4', formula: '=C3<130000', format: { fill: { color: '#FFC7CE' }, numberFormat: '"✖ "#,##0' } },
      ]);
      const plan = excel.sheet(PLAN);
      expect(plan.conditionalFormats).toHaveLength(1);
      expect(plan.conditionalFormats[0]).toMatchObject({ range: 'C3:C4', formula: '=C3<130000', fill: '#FFC7CE', numberFormat: '"✖ "#,##0' });
      expect(plan.values('C3:C4')).toEqual([[120000], [4332.9]]);
      expect(plan.cell('C3').numberFormat).toBe('#,##0.#####');
    });

    it('writes strings as text, never as formulas, numbers or dates', async () => {
      const excel = planExcel(profile);
      excel.sheet(PLAN).setCell('F3', 'old');
      const rows = [['=1+1', '+81-3-0000', '-x', '@user', '001', '2024-04-01', 'TRUE', "'quoted", '', null, { error: '#N/A' }]];
      await new OfficePort(excel.run, { supports: supportsOn(profile) }).apply([{ kind: 'values', sheet: PLAN, at: 'A3', rows }]);
      const plan = excel.sheet(PLAN);
      expect(plan.values('A3:K3')).toEqual([['=1+1', '+81-3-0000', '-x', '@user', '001', '2024-04-01', 'TRUE', "'quoted", null, null, { error: '#N/A' }]]);
      expect(plan.cell('A3').formula).toBeUndefined();
      // A port blank overwrites what was there (Office's null would have left "old" in place).
      expect(plan.cell('F3').value).toBe('2024-04-01');
      expect(plan.cell('J3').value).toBeNull();
    });

    it('clears a cell when the port writes null over it', async () => {
      const excel = planExcel(profile);
      excel.sheet(PLAN).setCell('B1', 'stale');
      await new OfficePort(excel.run, { supports: supportsOn(profile) }).apply([{ kind: 'values', sheet: PLAN, at: 'A1', rows: [[1, null]] }]);
      expect(excel.sheet(PLAN).values('A1:B1')).toEqual([[1, null]]);
    });

    it('splits a 20,000 × 25 values write into requests under 5 MB', async () => {
      const excel = planExcel(profile);
      const rows = Array.from({ length: 20_000 }, (_, i) => Array.from({ length: 25 }, (_, j) => 1_000_000 + i + j / 4));
      await new OfficePort(excel.run, { supports: supportsOn(profile) }).apply([{ kind: 'values', sheet: PLAN, at: 'B3', rows }]);
      // ~250 bytes a row, 5 MB in all: two requests under the 4.5 MB budget.
      expect(excel.syncCount).toBe(2);
      expect(excel.maxRequestBytes).toBeLessThan(4.5 * MB);
      expect(excel.requests.reduce((n, r) => n + r.bytes, 0)).toBeGreaterThan(4.5 * MB);
      const plan = excel.sheet(PLAN);
      expect(plan.cell('B3').value).toBe(1_000_000);
      expect(plan.cell('Z20002').value).toBe(1_000_000 + 19_999 + 24 / 4);
      expect(plan.values('B17000:B17040').flat()).toEqual(Array.from({ length: 41 }, (_, i) => 1_000_000 + 16_997 + i));
    });

    webOnly('reports a request Excel refuses as too-large', async () => {
      const excel = planExcel(profile);
      const rows = Array.from({ length: 20_000 }, (_, i) => Array.from({ length: 25 }, () => 1_000_000.123456 + i));
      // A budget above the host's limit: the fake, like Excel on the web, refuses the 7 MB request.
      const port = new OfficePort(excel.run, { supports: supportsOn(profile), maxRequestBytes: 50 * MB });
      const err = await port.apply([{ kind: 'values', sheet: PLAN, at: 'A1', rows }]).catch((e) => e);
      expect(err).toBeInstanceOf(ExcelHostError);
      expect(err).toMatchObject({ kind: 'too-large', code: 'RequestPayloadSizeLimitExceeded' });
    });

    it('fills a formula over 20,000 rows with one small request', async () => {
      const excel = planExcel(profile);
      await new OfficePort(excel.run, { supports: supportsOn(profile) }).apply([{ kind: 'fillFormula', sheet: PLAN, range: 'E3:E20002', formula: '=C3*$C$1+SUM(C$3:C3)' }]);
      expect(excel.syncCount).toBe(1);
      expect(excel.maxRequestBytes).toBeLessThan(1024);
      const plan = excel.sheet(PLAN);
      expect(plan.cell('E3').formula).toBe('=C3*$C$1+SUM(C$3:C3)');
      expect(plan.cell('E20002').formula).toBe('=C20002*$C$1+SUM(C$3:C20002)');
    });

    it('leaves calculation to Excel: known results are not sent', async () => {
      const excel = planExcel(profile);
      const results = Array.from({ length: 20_000 }, () => [123456.789]);
      await new OfficePort(excel.run, { supports: supportsOn(profile) }).apply([
        { kind: 'values', sheet: PLAN, at: 'A5', rows: [[{ formula: '=B1', result: '品目' }]] },
        { kind: 'fillFormula', sheet: PLAN, range: 'E3:E20002', formula: '=C3*2', results },
      ]);
      expect(excel.syncCount).toBe(1);
      expect(excel.maxRequestBytes).toBeLessThan(1024);
      expect(excel.sheet(PLAN).cell('A5')).toMatchObject({ formula: '=B1', value: null });
    });

    it('probes once for ops that replace or create, then writes in one sync', async () => {
      const excel = planExcel(profile);
      const port = new OfficePort(excel.run, { supports: supportsOn(profile) });
      const batch: WriteOp[] = [
        { kind: 'addSheet', sheet: '結果', tabColor: '#1F4E78' },
        { kind: 'addSheet', sheet: PLAN }, // exists: no-op
        { kind: 'values', sheet: '結果', at: 'A1', rows: [['区分', '件数'], ['OK', 3], ['NG', 1]] },
        { kind: 'table', sheet: '結果', name: '結果表', range: 'A1:B3', style: 'TableStyleLight9' },
        { kind: 'defineName', name: '品目一覧', ref: '=基準!$A$2:$A$3' },
        ...typicalBatch(),
      ];
      await port.apply(batch);
      expect(excel.syncCount).toBe(2);
      expect(excel.sheetNames()).toEqual(['基準', PLAN, '結果']);
      expect(excel.sheet('結果').tabColor).toBe('#1F4E78');
      expect(excel.tables.get('結果表')).toMatchObject({ name: '結果表', range: 'A1:B3', style: 'TableStyleLight9' });
      expect(excel.names.get('品目一覧')).toEqual({ name: '品目一覧', formula: '=基準!$A$2:$A$3' });

      // Run again with a longer table and another name target: replaced, data kept, nothing piles up.
      await port.apply([
        { kind: 'values', sheet: '結果', at: 'A4', rows: [['保留', 2]] },
        { kind: 'table', sheet: '結果', name: '結果表', range: 'A1:B4' },
        { kind: 'defineName', name: '品目一覧', ref: '=基準!$A$2:$A$2' },
      ]);
      expect(excel.syncCount).toBe(4);
      expect([...excel.tables.values()].map((t) => [t.name, t.range])).toEqual([['結果表', 'A1:B4']]);
      expect(excel.sheet('結果').values()).toEqual([['区分', '件数'], ['OK', 3], ['NG', 1], ['保留', 2]]);
      expect(excel.names.get('品目一覧')!.formula).toBe('=基準!$A$2:$A$2');
    });

    withNotes('replaces charts and notes on existing sheets (one more probe) and creates them on new ones', async () => {
      const excel = planExcel(profile);
      const port = new OfficePort(excel.run, { supports: supportsOn(profile) });
      const chart: WriteOp = { kind: 'chart', sheet: PLAN, name: '推移', dataRange: 'B2:D4', anchor: 'G2', title: '推移' };
      await port.apply([chart, { kind: 'note', sheet: PLAN, cell: 'C2', text: '台数' }]);
      expect(excel.syncCount).toBe(3); // sheets probe + chart/note probe + writes
      await port.apply([{ ...chart, title: '新' }, { kind: 'note', sheet: PLAN, cell: 'C2', text: '台数を入力' }]);
      const plan = excel.sheet(PLAN);
      expect(plan.charts).toEqual([{ name: '推移', type: 'Line', source: '計画!B2:D4', seriesBy: 'Rows', title: '新', position: { start: 'G2' } }]);
      expect(plan.notes.get('C2')).toBe('台数を入力');
      await port.apply([{ kind: 'note', sheet: PLAN, cell: 'C2', text: null }, { kind: 'note', sheet: PLAN, cell: 'D9', text: null }]);
      expect(plan.notes.size).toBe(0);

      const before = excel.syncCount;
      await port.apply([
        { kind: 'addSheet', sheet: '新' },
        { kind: 'chart', sheet: '新', name: 'c', dataRange: 'A1:B2', anchor: 'D1', title: 't' },
        { kind: 'note', sheet: '新', cell: 'A1', text: 'n' },
      ]);
      expect(excel.syncCount - before).toBe(2); // no second probe: a new sheet has no charts or notes
      expect(excel.sheet('新').notes.get('A1')).toBe('n');
    });

    it('skips notes on hosts without ExcelApi 1.18', async () => {
      const excel = planExcel(profile);
      const port = new OfficePort(excel.run, { supports: () => false });
      await port.apply([{ kind: 'note', sheet: PLAN, cell: 'C2', text: '台数' }]);
      expect(excel.sheet(PLAN).notes.size).toBe(0);
      expect(excel.syncCount).toBe(0);
    });

    it('freezes rows only, columns only, or none', async () => {
      const excel = planExcel(profile);
      const port = new OfficePort(excel.run, { supports: supportsOn(profile) });
      await port.apply([{ kind: 'freeze', sheet: PLAN, rows: 3, columns: 0 }]);
      expect(excel.sheet(PLAN).freeze).toEqual({ rows: 3, columns: 0 });
      await port.apply([{ kind: 'freeze', sheet: PLAN, rows: 0, columns: 2 }]);
      expect(excel.sheet(PLAN).freeze).toEqual({ rows: 0, columns: 2 });
      await port.apply([{ kind: 'freeze', sheet: PLAN, rows: 0, columns: 0 }]);
      expect(excel.sheet(PLAN).freeze).toEqual({ rows: 0, columns: 0 });
    });

    it('replaces list validation, with literal lists too', async () => {
      const excel = planExcel(profile);
      const port = new OfficePort(excel.run, { supports: supportsOn(profile) });
      await port.apply([{ kind: 'listValidation', sheet: PLAN, range: 'E3:E5', source: { values: ['はい', 'いいえ'] } }]);
      await port.apply([{ kind: 'listValidation', sheet: PLAN, range: 'E3:E5', source: { values: ['有', '無'] } }]);
      expect(excel.sheet(PLAN).validation.get('E4')).toEqual({ list: { inCellDropDown: true, source: '有,無' } });
      await port.apply([{ kind: 'clearValidation', sheet: PLAN, range: 'E3:E4' }]);
      expect([...excel.sheet(PLAN).validation.keys()]).toEqual(['E5']);
    });

    it('rejects an unknown op or a bad address before writing anything', async () => {
      const excel = planExcel(profile);
      const port = new OfficePort(excel.run, { supports: supportsOn(profile) });
      await expect(port.apply([typicalBatch()[1], { kind: 'sparkline', sheet: PLAN } as unknown as WriteOp])).rejects.toThrow(
        /unsupported workbook operation "sparkline"/,
      );
      await expect(port.apply([{ kind: 'format', sheet: PLAN, range: 'B3:ZZZZ9', format: {} }])).rejects.toThrow(/format: range/);
      expect(excel.syncCount).toBe(0);
    });

    it('maps Office errors to ExcelHostError kinds', async () => {
      const excel = planExcel(profile);
      const port = new OfficePort(excel.run, { supports: supportsOn(profile) });
      excel.failNextSync('InvalidOperationInCellEditMode', 'Excel is in cell-editing mode.');
      await expect(port.apply(typicalBatch())).rejects.toMatchObject({ name: 'ExcelHostError', kind: 'cell-edit-mode' });
      await expect(port.apply([{ kind: 'values', sheet: 'なし', at: 'A1', rows: [[1]] }])).rejects.toMatchObject({ kind: 'other', code: 'ItemNotFound' });
    });
  });
});

describe('errorKind', () => {
  // By code only: messages are localised (a protected sheet is told from AccessDenied by the port).
  it.each([
    ['InvalidOperationInCellEditMode', 'cell-edit-mode'],
    ['RequestPayloadSizeLimitExceeded', 'too-large'],
    ['ResponsePayloadSizeLimitExceeded', 'too-large'],
    ['AccessDenied', 'permission'],
    ['ApiNotFound', 'unsupported'],
    ['GeneralException', 'other'],
  ])('%s → %s', (code, kind) => {
    expect(errorKind(code)).toBe(kind);
  });
});

describe('FakeExcel is strict', () => {
  it('throws PropertyNotLoaded when a property is read before load() and sync()', async () => {
    const excel = planExcel();
    await excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem(PLAN).getRange('B1:C1');
      expect(() => range.values).toThrow(/PropertyNotLoaded|not available/);
      range.load('values');
      expect(() => range.values).toThrow(/not available/); // loaded but not synced yet
      await ctx.sync();
      expect(range.values).toEqual([['品目', '数量']]);
      expect(() => range.address).toThrow(/'address' is not available/);
    });
  });

  it('rejects a batch that returns with queued work never synced', async () => {
    const excel = planExcel();
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(PLAN).getRange('A1').values = [[1]];
      }),
    ).rejects.toThrow(/1 queued operation\(s\) were never synced/);
    expect(excel.sheet(PLAN).cell('A1').value).toBeNull();
  });

  it('applies nothing before sync and reports isNullObject only after it', async () => {
    const excel = planExcel();
    await excel.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('なし');
      expect(() => missing.isNullObject).toThrow(/not available/);
      ctx.workbook.worksheets.getItem(PLAN).getRange('A1').values = [[1]];
      expect(excel.sheet(PLAN).cell('A1').value).toBeNull();
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(excel.sheet(PLAN).cell('A1').value).toBe(1);
    });
  });

  it('fails the sync when a method is called on a null object', async () => {
    const excel = planExcel();
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItemOrNullObject('なし').getUsedRangeOrNullObject().load('values');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidOperation', message: expect.stringMatching(/null object/) });
  });

  it('checks that a 2-D array matches the range', async () => {
    const excel = planExcel();
    await expect(
      excel.run(async (ctx) => {
        ctx.workbook.worksheets.getItem(PLAN).getRange('A1:B1').values = [[1]];
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});
