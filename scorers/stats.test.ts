import { describe, expect, it } from 'vitest';
import { ci95, holm, mean, normalCdf, normalQuantile, pairedDiff, stderrOfMean } from './stats.ts';

const close = (actual: number, expected: number, relative = 1e-12): void => {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(relative * Math.abs(expected) + 1e-300);
};

describe('mean and stderrOfMean', () => {
  it('match hand-computed values', () => {
    // x̄ = 0.75; Σ(x − x̄)² = 0.75; sqrt(0.75/3)/√4 = 0.25
    expect(mean([1, 0, 1, 1])).toBe(0.75);
    expect(stderrOfMean([1, 0, 1, 1])).toBe(0.25);
    // item means of 4 samples each: 0.5, 0.25, 1 → x̄ = 7/12, Σ = 0.291666…, sqrt(0.1458333/1)… /√3
    close(stderrOfMean([0.5, 0.25, 1]), Math.sqrt((1 / 144 + 1 / 9 + 25 / 144) / 2) / Math.sqrt(3));
  });

  it('gives 0 spread for one item and refuses no items', () => {
    expect(stderrOfMean([0.4])).toBe(0);
    expect(() => mean([])).toThrow(RangeError);
  });
});

describe('ci95', () => {
  it('is mean ± 1.96·stderr clipped to [0, 1] by default', () => {
    const [lo, hi] = ci95(0.75, 0.25);
    close(lo, 0.75 - 1.959963984540054 * 0.25);
    expect(hi).toBe(1);
    expect(ci95(0.01, 0.1)[0]).toBe(0);
    const [a, b] = ci95(0.5, 0.1, null);
    close(a, 0.5 - 0.1959963984540054);
    close(b, 0.5 + 0.1959963984540054);
  });
});

describe('normalCdf and normalQuantile', () => {
  it.each([
    [0, 0.5],
    [1.96, 0.9750021048517795],
    [-1, 1 - 0.8413447460685429],
    [-3, 0.0013498980316300957],
    [-2.2, 0.01390344751349861],
    [-5, 2.866515718791946e-7],
    [-8.5, 9.479534822203355e-18],
  ])('Φ(%d) = %d', (x, p) => {
    close(normalCdf(x), p, 1e-12);
  });

  it('inverts the distribution function', () => {
    close(normalQuantile(0.975), 1.959963984540054, 1e-13);
    expect(Math.abs(normalQuantile(0.5))).toBeLessThan(1e-15);
    for (const p of [1e-12, 1e-6, 0.01, 0.02425, 0.3, 0.7, 0.99, 1 - 1e-9]) close(normalCdf(normalQuantile(p)), p, 1e-9);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
  });
});

describe('pairedDiff', () => {
  it('uses only the shared items and matches hand-computed values', () => {
    const a = new Map([['i1', 1], ['i2', 0.5], ['i3', 1], ['i4', 0]]);
    const b = new Map([['i1', 0.5], ['i2', 0.5], ['i3', 0], ['i4', 0], ['i5', 1]]);
    const d = pairedDiff(a, b);
    // differences 0.5, 0, 1, 0: mean 0.375, Σ(d − d̄)² = 0.6875, stderr = sqrt(0.6875/3)/2
    expect(d.n).toBe(4);
    expect(d.meanDiff).toBe(0.375);
    close(d.stderr, 0.23935677693908453);
    close(d.pValue, 0.11718508719813805, 1e-10);
    close(d.ci95[0], 0.375 - 1.959963984540054 * 0.23935677693908453);
  });

  it('is far tighter than two independent errors when items vary a lot', () => {
    const a = new Map<string, number>();
    const b = new Map<string, number>();
    for (let i = 0; i < 100; i++) {
      a.set(`q${i}`, i % 2);
      b.set(`q${i}`, i % 2 === 1 && i % 10 !== 1 ? 1 : 0);
    }
    const d = pairedDiff(a, b);
    const separate = Math.hypot(stderrOfMean([...a.values()]), stderrOfMean([...b.values()]));
    expect(d.stderr).toBeLessThan(separate / 2);
  });

  it('handles zero spread and no overlap', () => {
    expect(pairedDiff(new Map([['x', 1]]), new Map([['x', 1]])).pValue).toBe(1);
    // Two items both moving the same way: the exact sign test, not "certain".
    expect(pairedDiff(new Map([['x', 1], ['y', 1]]), new Map([['x', 0], ['y', 0]])).pValue).toBe(0.5);
    const ten = (v: number) => new Map(Array.from({ length: 10 }, (_, i) => [`q${i}`, v]));
    expect(pairedDiff(ten(1), ten(0)).pValue).toBe(2 / 1024);
    // One shared item: no evidence, and an interval as wide as a difference of proportions can be.
    const one = pairedDiff(new Map([['x', 0.75]]), new Map([['x', 1]]));
    expect(one).toMatchObject({ n: 1, meanDiff: -0.25, pValue: 1, ci95: [-1, 1] });
    expect(() => pairedDiff(new Map([['x', 1]]), new Map([['y', 1]]))).toThrow(/share no items/);
  });
});

describe('holm', () => {
  it('rejects step-down and stops at the first failure', () => {
    // sorted: 0.005 ≤ 0.05/4, 0.01 ≤ 0.05/3, 0.03 > 0.05/2: stop
    expect(holm([0.01, 0.04, 0.03, 0.005], 0.05)).toEqual([true, false, false, true]);
    expect(holm([0.001, 0.002], 0.05)).toEqual([true, true]);
    expect(holm([0.2, 0.001], 0.05)).toEqual([false, true]);
    expect(holm([], 0.05)).toEqual([]);
    expect(holm([0.03, 0.04])).toEqual([false, false]);
  });
});
