/**
 * The corpus: every hostile or awkward file gets a clear message or is read correctly — never a stack trace, never
 * a hang — and a check that reads a file changes none of its input cells (values, styles, notes), writes nothing
 * when it refuses, and leaves the input file byte for byte as it was.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import type * as ExcelJS from 'exceljs';
import { EXCEL_MAX_TEXT } from '../../src/workbook/xlsx/limits';
import { loadWorkbook, saveWorkbook } from '../../src/workbook/xlsx/io';
import { brokenFiles, corpusPlan, planWorkbook, xmlTraps, type CorpusFile } from './corpus';
import { cli, crashSigns, removeTmpDirs, tempFiles, timed, tmpDir } from './helpers';
import { inputChanges } from './inputs';

jest.setTimeout(60_000);

let dir: string;
afterAll(removeTmpDirs);
beforeAll(async () => {
  dir = await tmpDir();
});

async function refused(f: CorpusFile): Promise<void> {
  if (!('refuse' in f.expect)) throw new Error('corpus: expected a refusal');
  const before = await fs.readFile(f.file);
  for (const command of ['check', 'export']) {
    const { value: r, ms } = await timed(() => cli(dir, command, path.basename(f.file), '--lang', 'en'));
    expect({ file: f.name, command, code: r.code, stderr: r.stderr }).toEqual({ file: f.name, command, code: 2, stderr: expect.stringMatching(f.expect.refuse) });
    expect(crashSigns(r.stderr)).toEqual([]);
    expect(ms).toBeLessThan(10_000);
  }
  expect((await fs.readFile(f.file)).equals(before)).toBe(true);
  await expect(fs.access(f.file.replace(/\.xlsx$/, '.checked.xlsx'))).rejects.toThrow();
  expect(await tempFiles(dir)).toEqual([]);
}

describe('broken archives: a plain message, exit 2, nothing written', () => {
  let files: CorpusFile[];
  beforeAll(async () => {
    files = await brokenFiles(dir);
  });
  test.each([
    'empty.xlsx',
    'pk-only.xlsx',
    'csv.xlsx',
    'html.xlsx',
    'ole2.xlsx',
    'truncated-half.xlsx',
    'truncated-tail.xlsx',
    'hole.xlsx',
    'bitrot.xlsx',
    'zip-of-text.xlsx',
    'bad-xml.xlsx',
    'bzip2.xlsx',
    'encrypted-part.xlsx',
    'size-lie-small.xlsx',
    'crc-mismatch.xlsx',
  ])('%s', async (name) => {
    await refused(files.find((f) => f.name === name)!);
  });

  test('Japanese with --lang ja', async () => {
    const r = await cli(dir, 'check', 'truncated-half.xlsx', '--lang', 'ja');
    expect(r.stderr).toContain('.xlsx ブックではありません: truncated-half.xlsx を読み取れません（ファイルが途中で切れているか壊れています');
    const c = await cli(dir, 'check', 'crc-mismatch.xlsx', '--lang', 'ja');
    expect(c.stderr).toContain('チェックサムが一致しない部分があります');
  });
});

describe('XML traps: no entity expansion, no file read, no stack overflow, no hang', () => {
  let files: CorpusFile[];
  beforeAll(async () => {
    files = await xmlTraps(dir);
  });
  test.each(['billion-laughs.xlsx', 'xxe.xlsx', 'deep.xlsx'])('%s', async (name) => {
    const f = files.find((x) => x.name === name)!;
    await refused(f);
    const r = await cli(dir, 'check', name, '--lang', 'en');
    expect(r.stderr).not.toContain('root:');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Workbooks a planner could send

interface Report {
  verdict: string;
  lines: { verdict: string; years: { year: number; status: string }[] }[];
  activity: unknown;
  findings: { code: string; path: string; message: string }[];
}

const statuses = (r: Report) => r.lines.map((l) => [l.verdict, l.years.map((y) => `${y.year}:${y.status}`).join(' ')]);

let baseline: Report;

async function checkFile(name: string, edit: (wb: ExcelJS.Workbook) => void, lang: 'ja' | 'en' = 'ja') {
  const wb = await planWorkbook(corpusPlan(), lang);
  edit(wb);
  const file = path.join(dir, name);
  await saveWorkbook(wb, file);
  const bytes = await fs.readFile(file);
  const r = await cli(dir, 'check', name, '--format', 'json', '--lang', 'en');
  expect(crashSigns(r.stderr)).toEqual([]);
  // The input file is never written.
  expect((await fs.readFile(file)).equals(bytes)).toBe(true);
  const out = file.replace(/\.xlsx$/, '.checked.xlsx');
  const report: Report | null = r.stdout ? JSON.parse(r.stdout) : null;
  return { r, report, file, out };
}

/** The output opens, no cell is longer than Excel allows unless the planner's own cell was, and no input changed. */
async function wellFormed(file: string, out: string): Promise<void> {
  const input = await loadWorkbook(file);
  const output = await loadWorkbook(out);
  expect(await inputChanges(input, output)).toEqual([]);
  const long: string[] = [];
  for (const ws of output.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as unknown;
        const text = typeof v === 'string' ? v : v && typeof v === 'object' && 'result' in v && typeof (v as { result: unknown }).result === 'string' ? (v as { result: string }).result : '';
        if (text.length > EXCEL_MAX_TEXT && input.getWorksheet(ws.name)?.getCell(cell.address).value !== v) long.push(`${ws.name}!${cell.address} ${text.length}`);
        if (typeof cell.note === 'string' && cell.note.length > EXCEL_MAX_TEXT) long.push(`${ws.name}!${cell.address} note ${cell.note.length}`);
      }),
    );
  }
  expect(long).toEqual([]);
}

describe('planner workbooks: read correctly or a clear finding; inputs untouched', () => {
  beforeAll(async () => {
    const b = await checkFile('baseline.xlsx', () => undefined);
    expect(b.r.code).toBe(1);
    baseline = b.report!;
    expect(statuses(baseline)[0][1]).toContain('2027:short');
  });

  test('numbers typed as text: full-width digits, thousands separators, spaces — read as the numbers', async () => {
    const { r, report, file, out } = await checkFile('numbers-as-text.xlsx', (wb) => {
      const s = wb.getWorksheet('計画')!;
      s.getCell('D5').value = '１，２００';
      s.getCell('J5').value = '1,440';
      s.getCell('L5').value = ' 1600 ';
      s.getCell('O5').value = '１９２０';
      s.getCell('D6').value = '3,333.0';
    });
    expect(r.code).toBe(1);
    expect(statuses(report!)).toEqual(statuses(baseline));
    expect(report!.findings.filter((f) => f.code === 'input.invalid')).toEqual([]);
    await wellFormed(file, out);
  });

  test('"NaN", "Infinity", "-Infinity", a boolean and a full-width minus in number cells: each an input.invalid finding at its cell', async () => {
    const { r, report, file, out } = await checkFile('nan-infinity.xlsx', (wb) => {
      const s = wb.getWorksheet('計画')!;
      s.getCell('D5').value = 'NaN';
      s.getCell('J6').value = 'Infinity';
      s.getCell('O6').value = '-Infinity';
      s.getCell('L5').value = true;
      s.getCell('O5').value = '－５';
    });
    expect(r.code).toBe(1);
    const bad = report!.findings.filter((f) => f.code === 'input.invalid').map((f) => f.path);
    expect(bad.sort()).toEqual(['計画!D5', '計画!J6', '計画!L5', '計画!O5', '計画!O6']);
    expect(r.stderr).toContain('計画!D5');
    await wellFormed(file, out);
  });

  test('Excel date serials, Date cells and dates typed as text (2024/4/1, 令和16年3月31日) read as the same activity', async () => {
    const variants: [string, (s: ExcelJS.Worksheet) => void][] = [
      [
        'serials',
        (s) => {
          s.getCell('D13').value = 45383; // 2024-04-01
          s.getCell('D13').numFmt = 'yyyy-mm-dd';
          s.getCell('E13').value = 49034; // 2034-03-31
        },
      ],
      [
        'dates',
        (s) => {
          s.getCell('D13').value = new Date(Date.UTC(2024, 3, 1));
          s.getCell('E13').value = new Date(Date.UTC(2034, 2, 31));
        },
      ],
      [
        'text',
        (s) => {
          s.getCell('D13').value = '2024/4/1';
          s.getCell('E13').value = '令和16年3月31日';
        },
      ],
    ];
    for (const [name, edit] of variants) {
      const { report, file, out } = await checkFile(`dates-${name}.xlsx`, (wb) => edit(wb.getWorksheet('取組・チェックリスト')!));
      expect([name, report!.activity]).toEqual([name, baseline.activity]);
      await wellFormed(file, out);
    }
  });

  // The port hands the layout serials in the file's own date system (as Office.js does) and says which system that
  // is (WorkbookPort.date1904); read as the 1900 system, every date of a 1904 workbook would be 4 years and a day early.
  test('a workbook in the 1904 date system (old Mac Excel): dates read as the same days', async () => {
    const { report } = await checkFile('date1904.xlsx', (wb) => {
      wb.properties.date1904 = true;
      const s = wb.getWorksheet('取組・チェックリスト')!;
      s.getCell('D13').value = new Date(Date.UTC(2024, 3, 1));
      s.getCell('E13').value = new Date(Date.UTC(2034, 2, 31));
    });
    expect(report!.activity).toEqual(baseline.activity);
  });

  test('formulas that return errors (#DIV/0!, #REF!, #N/A): an input.invalid finding naming the error, at the cell', async () => {
    const { r, report, file, out } = await checkFile('formula-errors.xlsx', (wb) => {
      const s = wb.getWorksheet('計画')!;
      s.getCell('D5').value = { formula: '1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
      s.getCell('J6').value = { formula: '#REF!*2', result: { error: '#REF!' } } as ExcelJS.CellFormulaValue;
      s.getCell('B6').value = { formula: 'NA()', result: { error: '#N/A' } } as ExcelJS.CellFormulaValue;
    });
    expect(r.code).toBe(1);
    const bad = report!.findings.filter((f) => f.code === 'input.invalid');
    expect(bad.map((f) => f.path).sort()).toEqual(['計画!B6', '計画!D5', '計画!J6']);
    expect(bad.map((f) => f.message).join('\n')).toMatch(/#DIV\/0!/);
    expect(bad.map((f) => f.message).join('\n')).toMatch(/#REF!/);
    await wellFormed(file, out);
  });

  test('formulas with results (=1000+200) read as their value', async () => {
    const { report, file, out } = await checkFile('formulas.xlsx', (wb) => {
      wb.getWorksheet('計画')!.getCell('D5').value = { formula: '1000+200', result: 1200 } as ExcelJS.CellFormulaValue;
    });
    expect(statuses(report!)).toEqual(statuses(baseline));
    await wellFormed(file, out);
  });

  test('cells of 32,767 characters (the most a cell holds) in every kind of text input: read, checked, nothing longer written', async () => {
    const { r, report, file, out } = await checkFile('long-text.xlsx', (wb) => {
      const plan = wb.getWorksheet('計画')!;
      const act = wb.getWorksheet('取組・チェックリスト')!;
      act.getCell('B5').value = '申'.repeat(EXCEL_MAX_TEXT);
      act.getCell('D42').value = '証'.repeat(EXCEL_MAX_TEXT);
      plan.getCell('E5').value = '台'.repeat(EXCEL_MAX_TEXT);
      plan.getCell('A6').value = 'S'.repeat(EXCEL_MAX_TEXT);
      plan.getCell('B6').value = `=${'X'.repeat(EXCEL_MAX_TEXT - 1)}`; // not an item, and looks like a formula
    });
    expect(r.code).toBe(1);
    expect(report!.findings.map((f) => f.code)).toContain('item.not-eligible');
    await wellFormed(file, out);
    // The plan exported from it is the text, exactly.
    const e = await cli(dir, 'export', 'long-text.xlsx');
    expect(e.code).toBe(0);
    const plan = JSON.parse(e.stdout);
    expect(plan.applicant.name).toBe('申'.repeat(EXCEL_MAX_TEXT));
    expect(plan.lines[1].item).toBe(`=${'X'.repeat(EXCEL_MAX_TEXT - 1)}`);
    expect(plan.lines[1].scenario).toHaveLength(EXCEL_MAX_TEXT);
  });

  test('a cell longer than Excel allows (made by a script): checked; export says which field is too long', async () => {
    const { r, file, out } = await checkFile('over-long.xlsx', (wb) => {
      wb.getWorksheet('計画')!.getCell('B5').value = 'Y'.repeat(40_000);
    });
    expect(r.code).toBe(1);
    await wellFormed(file, out);
    const e = await cli(dir, 'export', 'over-long.xlsx', '--lang', 'en');
    expect(e.code).toBe(2);
    expect(e.stderr).toContain('lines[0].item: too long: at most 32,767 characters');
  });

  test('rich text, a hyperlink and merged scenario cells read as their text', async () => {
    const { report, file, out } = await checkFile('rich.xlsx', (wb) => {
      const s = wb.getWorksheet('計画')!;
      s.getCell('B5').value = { richText: [{ text: 'ボール', font: { bold: true } }, { text: 'ねじ' }] };
      s.getCell('E5').value = { text: '本/年', hyperlink: 'https://example.invalid/' };
      s.mergeCells('A5:A6');
    });
    expect(statuses(report!)).toEqual(statuses(baseline));
    await wellFormed(file, out);
  });

  test('the plan table moved: rows inserted above, columns inserted left — same lines, same verdicts', async () => {
    const { report, file, out } = await checkFile('moved.xlsx', (wb) => {
      const s = wb.getWorksheet('計画')!;
      // A planner's file as Excel would leave it after the inserts; ExcelJS cannot shift formulas or tables, so
      // the computed cells (which the check writes again anyway) and the table go first.
      s.eachRow((row) =>
        row.eachCell((cell) => {
          const v = cell.value as object | null;
          if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) cell.value = null;
        }),
      );
      for (const t of s.getTables() as unknown as { name: string }[]) s.removeTable(t.name);
      s.spliceRows(1, 0, ['挿入した行'], [], []);
      s.spliceColumns(1, 0, [], []);
    });
    expect(statuses(report!)).toEqual(statuses(baseline));
    expect(report!.findings.filter((f) => f.code === 'target.short').map((f) => f.path)).toEqual(['計画!N8']);
    await wellFormed(file, out);
  });

  test('the planner’s own sheet, colours and notes on input cells survive a check', async () => {
    const { file, out } = await checkFile('planner-styles.xlsx', (wb) => {
      const s = wb.getWorksheet('計画')!;
      s.getCell('B5').font = { bold: true, color: { argb: 'FFFF0000' } };
      s.getCell('H5').value = 'メモ';
      const own = wb.addWorksheet('根拠資料');
      own.getCell('A1').value = { formula: "'計画'!D5*2", result: 2400 } as ExcelJS.CellFormulaValue;
      own.getCell('B2').value = '=not a formula';
      own.getCell('C3').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00FF00' } };
      own.getCell('C3').value = 3;
    });
    await wellFormed(file, out);
  });

  test('a check keeps the planner’s own note on a forecast cell', async () => {
    const { file, out } = await checkFile('planner-note.xlsx', (wb) => {
      wb.getWorksheet('計画')!.getCell('O5').note = '根拠: 2030 年度の増設計画（取締役会承認済み）';
    });
    expect(await inputChanges(await loadWorkbook(file), await loadWorkbook(out))).toEqual([]);
  });

  test('a check keeps a planner-coloured input cell as the planner styled it', async () => {
    const { file, out } = await checkFile('planner-fill.xlsx', (wb) => {
      wb.getWorksheet('計画')!.getCell('D5').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } };
    });
    expect(await inputChanges(await loadWorkbook(file), await loadWorkbook(out))).toEqual([]);
  });

  test('plan sheet renamed or deleted: exit 2, "no plan sheet", nothing written', async () => {
    for (const [name, edit] of [
      ['renamed.xlsx', (wb: ExcelJS.Workbook) => void (wb.getWorksheet('計画')!.name = '計画 (2)')],
      ['deleted.xlsx', (wb: ExcelJS.Workbook) => wb.removeWorksheet(wb.getWorksheet('計画')!.id)],
    ] as const) {
      const { r, out } = await checkFile(name, edit);
      expect([name, r.code]).toEqual([name, 2]);
      expect(r.stderr).toContain('no plan sheet ("計画" or "Plan")');
      await expect(fs.access(out)).rejects.toThrow();
    }
  });

  test('the activity sheet deleted: checked, the missing activity is an error finding; generated sheets deleted: written again', async () => {
    const noActivity = await checkFile('no-activity.xlsx', (wb) => wb.removeWorksheet(wb.getWorksheet('取組・チェックリスト')!.id));
    expect(noActivity.r.code).toBe(1);
    expect(noActivity.report!.findings.map((f) => f.code)).toContain('activity.missing');
    expect(statuses(noActivity.report!)).toEqual(statuses(baseline));
    const noGenerated = await checkFile('no-generated.xlsx', (wb) => {
      for (const n of ['基準', '結果']) wb.removeWorksheet(wb.getWorksheet(n)!.id);
    });
    expect(statuses(noGenerated.report!)).toEqual(statuses(baseline));
    const names = (await loadWorkbook(noGenerated.out)).worksheets.map((w) => w.name);
    expect(names).toEqual(expect.arrayContaining(['計画', '取組・チェックリスト', '基準', '結果', 'サマリー', '履歴']));
    await wellFormed(noGenerated.file, noGenerated.out);
  });

  test('an English tab name in a Japanese workbook (計画 renamed Plan): read, not confused', async () => {
    const { r, report } = await checkFile('mixed-names.xlsx', (wb) => void (wb.getWorksheet('計画')!.name = 'Plan'));
    expect([1, 2]).toContain(r.code);
    if (r.code === 1) expect(statuses(report!)).toEqual(statuses(baseline));
  });

  test('1e308 in a forecast cell and 1e-300 as a baseline: named as out of range by address, never a crash', async () => {
    const { r } = await checkFile('huge-number.xlsx', (wb) => {
      const s = wb.getWorksheet('計画')!;
      s.getCell('D5').value = 1e-300;
      s.getCell('J5').value = 1e308;
    });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/計画!D5|Plan!D5/);
  });
});
