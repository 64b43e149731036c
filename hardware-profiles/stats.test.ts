import { describe, expect, it } from 'vitest';
import { latencyStats, percentileSorted, statsOrNull } from './stats.ts';

describe('latencyStats', () => {
  it('matches numpy percentiles (linear interpolation) on 1..10', () => {
    const s = latencyStats([10, 1, 9, 2, 8, 3, 7, 4, 6, 5]);
    expect(s.mean).toBe(5.5);
    expect(s.p50).toBeCloseTo(5.5, 10);
    expect(s.p90).toBeCloseTo(9.1, 10);
    expect(s.p95).toBeCloseTo(9.55, 10);
    expect(s.p99).toBeCloseTo(9.91, 10);
    expect(s.max).toBe(10);
  });

  it('handles a single value and drops NaN', () => {
    expect(latencyStats([42, NaN])).toEqual({ mean: 42, p50: 42, p90: 42, p95: 42, p99: 42, max: 42 });
  });

  it('p50 of an even count interpolates; p0 and p100 are the extremes', () => {
    expect(percentileSorted([1, 2, 3, 100], 50)).toBe(2.5);
    expect(percentileSorted([1, 2, 3, 100], 0)).toBe(1);
    expect(percentileSorted([1, 2, 3, 100], 100)).toBe(100);
  });

  it('refuses an empty list; statsOrNull gives null', () => {
    expect(() => latencyStats([])).toThrow(RangeError);
    expect(statsOrNull([])).toBeNull();
    expect(statsOrNull([NaN])).toBeNull();
  });
});
