// Latency statistics: mean, p50, p90, p95, p99 and max, percentiles by linear interpolation between
// closest ranks (numpy's default, also vLLM bench serve's), so a p99 over 10 values is not simply the max.
import type { LatencyStats } from '../types.ts';
import { percentileSorted } from '../scorers/stats.ts';

export { percentileSorted };

/** The median (p50, interpolated between the middle two for an even count). */
export function median(values: readonly number[]): number {
  return percentileSorted([...values].sort((a, b) => a - b), 50);
}

/** Summary of a list of values; NaN and infinite values are left out. Throws on an empty list. */
export function latencyStats(values: readonly number[]): LatencyStats {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) throw new RangeError('latencyStats of an empty list');
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    mean: sum / sorted.length,
    p50: percentileSorted(sorted, 50),
    p90: percentileSorted(sorted, 90),
    p95: percentileSorted(sorted, 95),
    p99: percentileSorted(sorted, 99),
    max: sorted[sorted.length - 1]!,
  };
}

/** latencyStats, or null when there is nothing to summarize (e.g. no request had an answer). */
export function statsOrNull(values: readonly number[]): LatencyStats | null {
  return values.some(Number.isFinite) ? latencyStats(values) : null;
}
