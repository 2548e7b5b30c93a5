/**
 * Verdicts (policy-rules.md §6): ineligible with any error, attention with any warning, else eligible; per line, per
 * scenario (plan-wide findings count in every scenario) and overall (the worst scenario).
 */
import { verdictOf, worstVerdict, type Finding } from '../../src/evaluate';
import { evaluateInput, evaluateLines, fullChecklist, goodLine } from './plans';

const f = (severity: Finding['severity']): Finding => ({ code: 'target.short', severity, section: 'x', path: 'x', messages: { ja: '', en: '' } });

describe('verdict rules', () => {
  test('error → ineligible, warning → attention, info or nothing → eligible', () => {
    expect(verdictOf([])).toBe('eligible');
    expect(verdictOf([f('info')])).toBe('eligible');
    expect(verdictOf([f('info'), f('warning')])).toBe('attention');
    expect(verdictOf([f('warning'), f('error'), f('info')])).toBe('ineligible');
  });

  test('the worst verdict wins', () => {
    expect(worstVerdict([])).toBe('eligible');
    expect(worstVerdict(['eligible', 'attention'])).toBe('attention');
    expect(worstVerdict(['attention', 'ineligible', 'eligible'])).toBe('ineligible');
  });
});

describe('verdicts of a plan', () => {
  test("each scenario gets its own verdict; the plan gets the submission scenario's (the first line's by default)", () => {
    const e = evaluateLines(
      goodLine({ scenario: 'base' }),
      goodLine({ scenario: 'stretch', capacity: { 2030: 160, 2031: 150 } }),
      goodLine({ scenario: 'conservative', capacity: { 2030: 150 } }),
    );
    expect(e.scenarios).toEqual([
      { name: 'base', verdict: 'eligible', submission: true, lines: [0], groups: [0] },
      { name: 'stretch', verdict: 'attention', submission: false, lines: [1], groups: [1] },
      { name: 'conservative', verdict: 'ineligible', submission: false, lines: [2], groups: [2] },
    ]);
    expect(e.lines.map((l) => l.verdict)).toEqual(['eligible', 'attention', 'ineligible']);
    // Scenarios are alternatives: a downside that falls short does not make the submitted plan ineligible.
    expect(e.submissionScenario).toBe('base');
    expect(e.verdict).toBe('eligible');
  });

  test('without a scenario a line belongs to "base"', () => {
    expect(evaluateLines(goodLine()).scenarios).toEqual([{ name: 'base', verdict: 'eligible', submission: true, lines: [0], groups: [0] }]);
  });

  test('scenarios keep their first-seen order and collect their lines in input order', () => {
    const e = evaluateLines(goodLine({ scenario: 'b' }), goodLine({ scenario: 'a' }), goodLine({ scenario: 'b' }));
    expect(e.scenarios.map((s) => [s.name, s.lines])).toEqual([
      ['b', [0, 2]],
      ['a', [1]],
    ]);
    expect(e.lines.map((l) => l.index)).toEqual([0, 1, 2]);
  });

  test('plan-wide findings count in every scenario', () => {
    const checklist = { ...fullChecklist(), 'stability.bcp': { confirmed: false, evidence: '' } };
    const e = evaluateInput({ checklist, lines: [goodLine({ scenario: 'a' }), goodLine({ scenario: 'b' })] });
    // Every checklist item is a condition of certification: unconfirmed is an error (v2).
    expect(e.scenarios.map((s) => s.verdict)).toEqual(['ineligible', 'ineligible']);
    expect(e.lines.map((l) => l.verdict)).toEqual(['eligible', 'eligible']);

    const short = evaluateInput({ activity: { kind: 'capacity', start: '2024-04-01', end: '2030-03-31' }, lines: [goodLine({ scenario: 'a' }), goodLine({ scenario: 'b' })] });
    expect(short.scenarios.map((s) => s.verdict)).toEqual(['ineligible', 'ineligible']);
    expect(short.verdict).toBe('ineligible');
  });

  test('a plan without lines is ineligible (target.none at lines)', () => {
    const e = evaluateInput({ lines: [] });
    expect(e.findings.map((x) => [x.code, x.path])).toEqual([['target.none', 'lines']]);
    expect(e.scenarios).toEqual([]);
    expect(e.verdict).toBe('ineligible');
  });

  test('information alone keeps the plan eligible', () => {
    const e = evaluateInput({ overseas: [{ capacityBefore: 0, capacityAfter: 10, localConsumptionShare: 0 }] });
    expect(e.findings.map((x) => x.severity)).toEqual(['info']);
    expect(e.verdict).toBe('eligible');
  });
});
