/**
 * The one table of findings (src/policy/findings.ts): every code the engine can give has its severity and section
 * there and its words in src/i18n/findings.ts, and the severities are those of policy-rules.md §6.
 */
import fs from 'fs';
import path from 'path';
import { findingText } from '../../src/i18n/findings';
import { FINDING_CODES, FINDING_RULES } from '../../src/policy/findings';
import { SPEC_CODES } from './plans';

/** A source file without its comments: they cite the seed's sections on purpose. */
function code(file: string): string {
  return fs
    .readFileSync(path.join(__dirname, '../../src', file), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');
}

describe('the findings table', () => {
  test('every code of §6 is in the table with the severity the spec gives it', () => {
    for (const [code, severity] of Object.entries(SPEC_CODES)) {
      expect(FINDING_RULES).toHaveProperty([code]);
      expect(FINDING_RULES[code as keyof typeof FINDING_RULES].severity).toBe(severity);
    }
  });

  test('every code in the table has its words in both languages', () => {
    expect(Object.keys(findingText).sort()).toEqual([...FINDING_CODES].sort());
  });

  test('the engine writes no severity or section of its own: both come from the table', () => {
    const source = code('evaluate/evaluate.ts');
    expect(source).not.toMatch(/severity:\s*'(error|warning|info)'/);
    expect(source).not.toMatch(/第\d+章/);
  });

  test('the texts repeat no item list or period length that src/policy owns', () => {
    const source = code('i18n/findings.ts');
    expect(source).not.toMatch(/ボールねじ|リニアガイド|ball screw/);
    expect(source).not.toMatch(/10年|5年|10 years|5 years/);
    expect(source).not.toMatch(/from '\.\.\/evaluate/);
  });
});
