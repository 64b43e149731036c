// mathEqual on the answer forms of math-equal-cases.ts, both directions.
import { describe, expect, it } from 'vitest';
import { CASES } from './math-equal-cases.ts';
import { isMultiValued, mathEqual } from './math-equal.ts';

describe('mathEqual against public-grader answer forms', () => {
  const all = Object.entries(CASES).flatMap(([category, cases]) => cases.map((c) => [category, ...c] as const));

  it('holds at least 150 cases, positives and negatives', () => {
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(all.filter((c) => !c[3]).length).toBeGreaterThanOrEqual(40);
  });

  it.each(all)('%s: %s vs %s → %s (both directions)', (_category, answer, gold, equal) => {
    expect(mathEqual(answer, gold)).toBe(equal);
    expect(mathEqual(gold, answer)).toBe(equal);
  });
});

describe('isMultiValued', () => {
  it.each([
    ['1, 2', true],
    ['\\{1,2\\}', true],
    ['(0,1)\\cup(2,3)', true],
    ['k = 45, n = 2', true],
    ['(1,2)', false],
    ['12,000', false],
    ['[2,5]', false],
    ['x \\ge 3', false],
  ])('%s → %s', (gold, multi) => {
    expect(isMultiValued(gold)).toBe(multi);
  });
});
