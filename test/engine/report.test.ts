/**
 * The JSON report (`supply-plan evaluate --format json`): what users' scripts read.
 */
import fs from 'fs';
import path from 'path';
import { evaluate } from '../../src/evaluate';
import { toReport, REPORT_FORMAT } from '../../src/evaluate/report';
import { parsePlanText } from '../../src/plan/parse';
import { SECTIONS } from '../../src/policy';
import { TOOL_NAME, TOOL_VERSION } from '../../src/version';
import { evaluateLines, goodLine } from './plans';

// The v1 sample as it was published: its report keeps every v1 field with the same values.
const SAMPLE = path.resolve(__dirname, '../cli/fixtures/sample-plan-v1.json');

function sampleEvaluation() {
  const r = parsePlanText(fs.readFileSync(SAMPLE, 'utf8'));
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return evaluate(r.plan, { legacy: r.legacy });
}

describe('toReport', () => {
  test('carries the tool, the verdicts, the activity, lines in input order and findings', () => {
    const report = toReport(sampleEvaluation(), 'en');
    expect(report.format).toBe(REPORT_FORMAT);
    expect(report.tool).toEqual({ name: TOOL_NAME, version: TOOL_VERSION });
    expect(report.lang).toBe('en');
    // The plan's verdict is its submission scenario's (base): an unconfirmed checklist item is an error (v2).
    expect(report.submissionScenario).toBe('base');
    expect(report.verdict).toBe('ineligible');
    expect(report.scenarios.map((s) => [s.name, s.verdict, s.submission])).toEqual([
      ['base', 'ineligible', true],
      ['conservative', 'ineligible', false],
    ]);
    expect(report.activity).toMatchObject({ kind: 'capacity', start: '2024-04-01', end: '2034-03-31', fullYears: 10, ok: true });
    expect(report.lines.map((l) => [l.index, l.scenario, l.item, l.use])).toEqual([
      [0, 'base', 'ball-screw', 'machine-tools'],
      [1, 'base', 'reducer', 'robots'],
      [2, 'base', 'cnc', 'machine-tools-and-robots'],
      [3, 'conservative', 'ball-screw', 'machine-tools'],
      [4, 'conservative', 'reducer', 'robots'],
    ]);
    // 10 short years, the unconfirmed (ウ) as an error; declines after target ×2; fiscal basis and act (ⅴ) noted.
    expect(report.summary).toEqual({ error: 11, warning: 2, info: 2 });
  });

  test('each year has year, capacity, target, required, ratio, shortfall and status', () => {
    const report = toReport(sampleEvaluation(), 'ja');
    const y = report.lines[4].years.find((x) => x.year === 2025)!;
    expect(y).toEqual({ year: 2025, capacity: 4332.8, target: true, required: 1.3, requiredCapacity: 4332.9, ratio: 1.29997, shortfall: 0.1, status: 'short' });
    const info = report.lines[0].years.find((x) => x.year === 2024)!;
    expect(info).toEqual({ year: 2024, capacity: 130000, target: false, required: null, requiredCapacity: null, ratio: 1.083333, shortfall: null, status: 'info' });
  });

  test('findings carry code, severity, section, path, the message in the chosen language and both messages', () => {
    const e = sampleEvaluation();
    const ja = toReport(e, 'ja');
    const en = toReport(e, 'en');
    expect(ja.findings).toHaveLength(e.findings.length);
    const sectionValues = new Set<string>(Object.values(SECTIONS));
    for (const [i, f] of ja.findings.entries()) {
      expect(Object.keys(f)).toEqual(expect.arrayContaining(['code', 'severity', 'section', 'path', 'message', 'messages']));
      expect(sectionValues.has(f.section)).toBe(true);
      expect(f.message).toBe(f.messages.ja);
      expect(en.findings[i].message).toBe(f.messages.en);
      expect(en.findings[i].messages).toEqual(f.messages);
    }
    const short = ja.findings.find((f) => f.path === 'lines[4].capacity.2025')!;
    expect(short).toMatchObject({ code: 'target.short', severity: 'error', section: '第3章第2節 i', line: 4, year: 2025 });
    expect(short.message).toBe('2025年：見込み 4,332.8台/年 は必要な 4,332.9台/年（2021年比1.3倍）に 0.1台/年 不足');
    expect(en.findings.find((f) => f.path === 'lines[4].capacity.2025')!.message).toBe(
      '2025: forecast 4,332.8 台/年 is 0.1 台/年 short of the required 4,332.9 台/年 (1.3× 2021)',
    );
  });

  test('names items and uses in the chosen language; an ineligible item keeps its text', () => {
    const e = evaluateLines(goodLine({ item: 'ＣＮＣ' }), goodLine({ item: 'spindle', use: 'robots' }));
    expect(toReport(e, 'ja').lines.map((l) => [l.item, l.itemName, l.useName])).toEqual([
      ['cnc', 'ＣＮＣ', '工作機械のみ'],
      ['spindle', 'spindle', '産業用ロボットのみ'],
    ]);
    expect(toReport(e, 'en').lines.map((l) => [l.itemName, l.useName])).toEqual([
      ['CNC', 'machine tools only'],
      ['spindle', 'industrial robots only'],
    ]);
  });

  test('survives JSON round trip unchanged (no undefined, no Decimal objects)', () => {
    const report = toReport(sampleEvaluation(), 'ja');
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });

  test('English messages have no stray space when a line has no unit', () => {
    const e = evaluateLines(goodLine({ unit: '', capacity: { 2030: 150 } }));
    expect(toReport(e, 'en').findings[0].message).toBe('2030: forecast 150 is 10 short of the required 160 (1.6× 2021)');
  });
});
