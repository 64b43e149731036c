import { describe, expect, it } from 'vitest';
import type { Metric } from '../types.ts';
import { reportedKs, suiteMetrics, type ItemSamples } from './aggregate.ts';
import { mathEqual } from './math-equal.ts';

const T = true;
const F = false;

// A small run of 4 items × 4 samples, values worked out by hand below.
const RUN: ItemSamples[] = [
  { itemId: 'q1', correct: [T, F, T, F], extracted: ['5', '4', '5.0', '4'] },
  { itemId: 'q2', correct: [F, F, F, F], extracted: ['1', '1', '2', null] },
  { itemId: 'q3', correct: [T, T, T, T], extracted: ['\\frac12', '0.5', '1/2', '0.5'] },
  { itemId: 'q4', correct: [F, T, F, T], extracted: ['7', '3', '7', '3'] },
];

const find = (metrics: Metric[], name: string, k: number): Metric => {
  const m = metrics.find((x) => x.name === name && x.k === k);
  if (!m) throw new Error(`no ${name}@${k}`);
  return m;
};

describe('reportedKs', () => {
  it('lists powers of two below n, then n', () => {
    expect(reportedKs(64)).toEqual([2, 4, 8, 16, 32, 64]);
    expect(reportedKs(10)).toEqual([2, 4, 8, 10]);
    expect(reportedKs(2)).toEqual([2]);
    expect(reportedKs(1)).toEqual([]);
  });
});

describe('suiteMetrics', () => {
  it('reports pass@1 first, then pass@k, then cons@k', () => {
    const metrics = suiteMetrics(RUN, { equal: mathEqual });
    expect(metrics.map((m) => `${m.name}@${m.k}`)).toEqual(['pass@1', 'pass@2', 'pass@4', 'cons@2', 'cons@4']);
    expect(metrics.every((m) => m.n === 4)).toBe(true);
  });

  it('computes pass@k per item, then averages with a stderr clustered by item', () => {
    const metrics = suiteMetrics(RUN);
    // per-item pass@1: 0.5, 0, 1, 0.5 → mean 0.5, stderr sqrt(0.5/3)/2
    const p1 = find(metrics, 'pass', 1);
    expect(p1.value).toBe(0.5);
    expect(p1.stderr).toBeCloseTo(Math.sqrt(0.5 / 3) / 2, 12);
    expect(p1.ci95![0]).toBeCloseTo(0.5 - 1.959963984540054 * p1.stderr!, 12);
    // pass@2 of (4, 2): 1 − (1 − 2/3)(1 − 2/4) = 5/6 → (5/6 + 0 + 1 + 5/6)/4 = 2/3
    expect(find(metrics, 'pass', 2).value).toBeCloseTo(2 / 3, 12);
    expect(find(metrics, 'pass', 4).value).toBe(0.75);
    expect(find(metrics, "pass", 4).ci95![1]).toBeLessThanOrEqual(1);
    expect(metrics.some((m) => m.name === 'cons')).toBe(false);
  });

  it('votes over the first k samples, equivalent answers together, ties to the first seen', () => {
    const metrics = suiteMetrics(RUN, { equal: mathEqual });
    // cons@2: q1 tie 5/4 → 5 (right); q2 1 (wrong); q3 ½ (right); q4 tie 7/3 → 7 (wrong)
    expect(find(metrics, 'cons', 2).value).toBe(0.5);
    // cons@4: q1 {5, 5.0} ties {4, 4} → 5 (right); q4 again 7 → same 0.5
    expect(find(metrics, 'cons', 4).value).toBe(0.5);
    // with plain string equality 5 and 5.0 split, 4 wins q1: only q3 is right
    const plain = suiteMetrics(RUN, { equal: (a, b) => a === b });
    expect(find(plain, 'cons', 4).value).toBe(0.25);
  });

  it('uses each item its own n, and k up to the smallest n', () => {
    const uneven: ItemSamples[] = [
      { itemId: 'a', correct: [T, F, F, F], extracted: ['1', '2', '2', '2'] },
      { itemId: 'b', correct: [T, F, F], extracted: ['1', '2', '3'] },
    ];
    const metrics = suiteMetrics(uneven, { equal: mathEqual });
    expect(metrics.map((m) => `${m.name}@${m.k}`)).toEqual(['pass@1', 'pass@2', 'pass@3', 'cons@2', 'cons@3']);
    // pass@1: (1/4 + 1/3)/2; pass@3: a: 1 − (3/4)(2/3)(1/2)… = 1 − C(3,3)/C(4,3) = 3/4, b: 1
    expect(find(metrics, 'pass', 1).value).toBeCloseTo((1 / 4 + 1 / 3) / 2, 12);
    expect(find(metrics, 'pass', 3).value).toBeCloseTo((3 / 4 + 1) / 2, 12);
    // cons@3 over a's first 3: 2 wins (wrong); b: three-way tie → 1 (right)
    expect(find(metrics, 'cons', 3).value).toBe(0.5);
  });

  it('scores an item with no samples 0 without limiting k', () => {
    const metrics = suiteMetrics([...RUN, { itemId: 'lost', correct: [], extracted: [] }]);
    expect(find(metrics, 'pass', 4).value).toBeCloseTo(3 / 5, 12);
    expect(find(metrics, 'pass', 4).n).toBe(5);
  });

  it('reports only pass@1 with one sample per item, nothing with no items', () => {
    expect(suiteMetrics([{ itemId: 'x', correct: [T], extracted: ['1'] }], { equal: mathEqual }).map((m) => m.k)).toEqual([1]);
    expect(suiteMetrics([])).toEqual([]);
  });

  it('refuses mismatched verdicts and answers', () => {
    expect(() => suiteMetrics([{ itemId: 'q9', correct: [T, F], extracted: ['1'] }])).toThrow(/item q9: 2 verdicts but 1 extracted/);
  });
});
