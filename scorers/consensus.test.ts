import { describe, expect, it } from 'vitest';
import { consensus, consensusIndex } from './consensus.ts';
import { mathEqual } from './math-equal.ts';

describe('consensus', () => {
  it('returns the most frequent answer', () => {
    expect(consensus(['1', '2', '2', '3'])).toBe('2');
  });

  it('gives a tie to the group seen first', () => {
    expect(consensus(['3', '2', '2', '3'])).toBe('3');
    expect(consensus(['2', '3', '3', '2'])).toBe('2');
    expect(consensusIndex(['a', 'b'])).toBe(0);
  });

  it('never lets null win', () => {
    expect(consensus([null, null, '5'])).toBe('5');
    expect(consensus([null, null])).toBeNull();
    expect(consensus([])).toBeNull();
    expect(consensusIndex([null])).toBe(-1);
  });

  it('compares trimmed strings by default', () => {
    expect(consensus([' 7', '8', '7 '])).toBe(' 7');
    expect(consensus(['0.5', '\\frac12', '1/2', '3', '3'])).toBe('3');
  });

  it('lets equivalent answers vote together and returns the first-seen member', () => {
    const answers = ['3', '0.5', '\\frac12', '3', '1/2'];
    expect(consensus(answers, mathEqual)).toBe('0.5');
    expect(consensusIndex(answers, mathEqual)).toBe(1);
  });

  it('compares each answer with group representatives only', () => {
    const calls: [string, string][] = [];
    const equal = (a: string, b: string): boolean => {
      calls.push([a, b]);
      return a.length === b.length;
    };
    expect(consensus(['x', 'y', 'zz', 'x', 'y'], equal)).toBe('x');
    // distinct answers: x, y, zz; y is compared with x (joins), zz with x only.
    expect(calls).toEqual([
      ['x', 'y'],
      ['x', 'zz'],
    ]);
  });

  it('is fast enough for k = 64 over 14,042 items with mathEqual', () => {
    const started = performance.now();
    for (let item = 0; item < 14_042; item++) {
      const answers = Array.from({ length: 64 }, (_, i) => (i % 5 === 0 ? null : i % 3 === 0 ? `\\frac{${item}}{2}` : `${item % 97}`));
      consensus(answers, mathEqual);
    }
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
