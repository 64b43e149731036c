// From per-sample verdicts to a suite's metrics: reduce each item's samples (pass@k, cons@k), then
// average over items with a standard error clustered by item (see stats.ts).
import type { Metric } from '../types.ts';
import { itemMetricValue } from './item-reduce.ts';
import { mean, proportionInterval, stderrOfMean } from './stats.ts';

export interface ItemSamples {
  itemId: string;
  /** One verdict per sample, by sample index; error, no-answer and truncated samples are false. */
  correct: boolean[];
  /** The extracted answer of each sample (null when none), in the same order as `correct`. */
  extracted: (string | null)[];
}

export interface SuiteMetricOptions {
  /**
   * Answer equivalence (the scorer's `equal`); when given, cons@k is reported too. The consensus
   * answer is correct when the sample it was taken from (the first-seen member of the winning
   * group) was scored correct: no second comparison with the gold, so cons@k rests on exactly the
   * verdicts that pass@k uses.
   */
  equal?: (a: string, b: string) => boolean;
}

/** 2, 4, 8, … below n, then n itself: the ks reported beside pass@1. */
export function reportedKs(n: number): number[] {
  const ks: number[] = [];
  for (let k = 2; k < n; k *= 2) ks.push(k);
  if (n >= 2) ks.push(n);
  return ks;
}

/**
 * One metric over items: the mean, the clustered standard error (0 when all items agree) and the
 * boundary-safe interval (stats.ts proportionInterval, Wilson with n = items). One item: both null.
 */
export function metric(name: Metric['name'], k: number, perItem: number[]): Metric {
  const value = mean(perItem);
  const n = perItem.length;
  const stderr = n < 2 ? null : stderrOfMean(perItem);
  return { name, k, value, stderr, ci95: proportionInterval(value, stderr, n), n };
}

/**
 * Metrics of one suite, headline first: pass@1 (each item's fraction of correct samples), pass@k
 * for k = 2, 4, …, n, then cons@k for the same ks when `opts.equal` is given. Values are fractions.
 *
 * Items may have different sample counts (some samples lost): each item uses its own n for pass@k,
 * and k goes only up to the smallest n among items that have samples. cons@k votes over the FIRST
 * k samples by index. Callers pass only the items that have stored samples (scoreSuite leaves an item
 * with none out, so a partial run's estimate is over what was measured and says so with
 * `missingSamples`/`plannedItems`); an item given here with no samples would count 0 and limit no k.
 * No items: no metrics.
 */
export function suiteMetrics(items: readonly ItemSamples[], opts: SuiteMetricOptions = {}): Metric[] {
  for (const item of items) {
    if (item.correct.length !== item.extracted.length) {
      throw new RangeError(`item ${item.itemId}: ${item.correct.length} verdicts but ${item.extracted.length} extracted answers`);
    }
  }
  if (items.length === 0) return [];
  const counts = items.map((item) => item.correct.length).filter((n) => n > 0);
  const minN = counts.length === 0 ? 1 : Math.min(...counts);
  const ks = reportedKs(minN);

  // An item passed in with no samples counts 0 (scoreSuite never passes one: see above).
  const perItem = (name: 'pass' | 'cons', k: number) => items.map((item) => itemMetricValue({ name, k }, item.correct, item.extracted, opts.equal) ?? 0);
  const metrics = [metric('pass', 1, perItem('pass', 1))];
  for (const k of ks) metrics.push(metric('pass', k, perItem('pass', k)));
  if (opts.equal) for (const k of ks) metrics.push(metric('cons', k, perItem('cons', k)));
  return metrics;
}
