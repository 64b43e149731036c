import { describe, expect, it } from 'vitest';
import { estimateRating, RATING_MAX, RATING_MIN, ratingBuckets, RatingInputError, ratingInterval, solveProbability } from './rating.ts';

const ladder = (solved: number[]) => solved.map((s, i) => ({ rating: 800 + 100 * i, solved: s }));

describe('estimateRating', () => {
  it('gives 1200 for ratings 800, 1200, 1600 solved 1, 0.5, 0 (the documented example)', () => {
    const r = estimateRating([
      { rating: 800, solved: 1 },
      { rating: 1200, solved: 0.5 },
      { rating: 1600, solved: 0 },
    ]);
    expect(r).toBeCloseTo(1200, 4);
  });

  it('finds the r where expected solves equal observed solves', () => {
    const results = ladder([1, 1, 0.75, 1, 0.5, 0.5, 0.25, 0, 0.25, 0, 0, 0, 0, 0, 0]);
    const r = estimateRating(results);
    const expected = results.reduce((s, x) => s + solveProbability(x.rating, r), 0);
    expect(expected).toBeCloseTo(5.25, 6);
    expect(r).toBeGreaterThan(1000);
    expect(r).toBeLessThan(1500);
  });

  it('a single problem solved half the time gives its own rating', () => {
    expect(estimateRating([{ rating: 1900, solved: 0.5 }])).toBeCloseTo(1900, 4);
  });

  it('rises when any problem is solved more often, and with harder problems solved', () => {
    const base = ladder([1, 0.5, 0.5, 0.25, 0, 0]);
    const better = ladder([1, 0.5, 0.75, 0.25, 0, 0]);
    const harder = base.map((x) => ({ ...x, rating: x.rating + 300 }));
    expect(estimateRating(better)).toBeGreaterThan(estimateRating(base));
    expect(estimateRating(harder)).toBeCloseTo(estimateRating(base) + 300, 4);
    let previous = -Infinity;
    for (let k = 0; k <= 6; k++) {
      const r = estimateRating(ladder([0, 0, 0, 0, 0, 0].map((_, i) => (i < k ? 1 : 0))));
      expect(r).toBeGreaterThanOrEqual(previous);
      previous = r;
    }
  });

  it('clamps to the documented range when all or none are solved', () => {
    expect(estimateRating(ladder([1, 1, 1]))).toBe(RATING_MAX);
    expect(estimateRating(ladder([0, 0, 0]))).toBe(RATING_MIN);
    expect(RATING_MIN).toBe(0);
    expect(RATING_MAX).toBe(4000);
  });

  it('rejects empty input and solve rates outside [0, 1] with one-line messages', () => {
    expect(() => estimateRating([])).toThrow(RatingInputError);
    expect(() => estimateRating([{ rating: 800, solved: 1.5 }])).toThrow(/result 1 has solved = 1.5/);
    expect(() => estimateRating([{ rating: Number.NaN, solved: 1 }])).toThrow(/no finite problem rating/);
  });
});

describe('ratingInterval', () => {
  const results = ladder([1, 1, 1, 0.75, 1, 0.5, 0.75, 0.25, 0.5, 0, 0.25, 0, 0, 0, 0]);

  it('contains the point estimate and has positive width', () => {
    const r = estimateRating(results);
    const [lo, hi] = ratingInterval(results);
    expect(lo).toBeLessThan(r);
    expect(hi).toBeGreaterThan(r);
    expect(hi - lo).toBeGreaterThan(50);
    expect(hi - lo).toBeLessThan(1500);
  });

  it('is deterministic for a seed and changes with it', () => {
    expect(ratingInterval(results, { seed: 7, resamples: 300 })).toEqual(ratingInterval(results, { seed: 7, resamples: 300 }));
    expect(ratingInterval(results, { seed: 7, resamples: 300 })).not.toEqual(ratingInterval(results, { seed: 8, resamples: 300 }));
  });

  it('narrows with more problems of the same pattern', () => {
    const wide = ratingInterval(results);
    const four = [...results, ...results, ...results, ...results];
    const narrow = ratingInterval(four);
    expect(narrow[1] - narrow[0]).toBeLessThan(wide[1] - wide[0]);
  });

  it('collapses to the clamp when every problem is solved', () => {
    expect(ratingInterval(ladder([1, 1, 1]), { resamples: 50 })).toEqual([RATING_MAX, RATING_MAX]);
  });

  it('rejects a bad resample count', () => {
    expect(() => ratingInterval(results, { resamples: 0 })).toThrow(/resamples/);
  });
});

describe('ratingBuckets', () => {
  it('groups by rating, lowest first, with mean solve rates', () => {
    const b = ratingBuckets([
      { rating: 1200, solved: 0.5 },
      { rating: 800, solved: 1 },
      { rating: 1200, solved: 0 },
      { rating: 800, solved: 0.5 },
      { rating: 2100, solved: 0.25 },
    ]);
    expect(b).toEqual([
      { rating: 800, items: 2, solveRate: 0.75 },
      { rating: 1200, items: 2, solveRate: 0.25 },
      { rating: 2100, items: 1, solveRate: 0.25 },
    ]);
  });

  it('uses wider buckets on request', () => {
    const b = ratingBuckets(ladder([1, 1, 0, 0]), { width: 200 });
    expect(b).toEqual([
      { rating: 800, items: 2, solveRate: 1 },
      { rating: 1000, items: 2, solveRate: 0 },
    ]);
    expect(ratingBuckets([])).toEqual([]);
  });
});
