// Codeforces rating from offline results: the r at which the expected number of solved problems equals
// the observed one, with P(solve | r) = 1 / (1 + 10^((rating - r) / 400)) (a problem rated R is solved
// half the time by a contestant rated R). Observed solves are each problem's pass@1.
import { percentileSorted } from './stats.ts';
import { mulberry32 } from '../random.ts';
import type { RatingEstimate } from '../types.ts';

export interface RatedResult {
  /** The problem's rating. */
  rating: number;
  /** Its solve rate in [0, 1] (pass@1 over the samples). */
  solved: number;
}

/** Estimates are clamped to this range: with every problem solved (or none) the equation has no finite root. */
export const RATING_MIN = 0;
export const RATING_MAX = 4000;

export class RatingInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RatingInputError';
  }
}

export function solveProbability(problemRating: number, r: number): number {
  return 1 / (1 + 10 ** ((problemRating - r) / 400));
}

function check(results: readonly RatedResult[]): void {
  if (results.length === 0) throw new RatingInputError('rating: no rated problems to estimate from');
  results.forEach((x, i) => {
    if (!Number.isFinite(x.rating)) throw new RatingInputError(`rating: result ${i + 1} has no finite problem rating (${x.rating})`);
    if (!(x.solved >= 0 && x.solved <= 1)) throw new RatingInputError(`rating: result ${i + 1} has solved = ${x.solved}, expected a rate in [0, 1]`);
  });
}

function estimate(results: readonly RatedResult[]): number {
  const observed = results.reduce((s, x) => s + x.solved, 0);
  const excess = (r: number) => results.reduce((s, x) => s + solveProbability(x.rating, r), 0) - observed;
  // Expected solves rise with r, so the root is unique; past the range's ends we clamp.
  if (excess(RATING_MIN) >= 0) return RATING_MIN;
  if (excess(RATING_MAX) <= 0) return RATING_MAX;
  let lo = RATING_MIN;
  let hi = RATING_MAX;
  while (hi - lo > 1e-7) {
    const mid = (lo + hi) / 2;
    if (excess(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The estimated rating, in [RATING_MIN, RATING_MAX]: RATING_MAX when every problem is always solved,
 * RATING_MIN when none ever is. Example: ratings 800, 1200, 1600 solved 1, 0.5, 0 give 1200.
 */
export function estimateRating(results: readonly RatedResult[]): number {
  check(results);
  return estimate(results);
}


/** Percentile bootstrap 95% interval over problems (resampled with replacement). */
export function ratingInterval(results: readonly RatedResult[], opts: { resamples?: number; seed?: number } = {}): [number, number] {
  check(results);
  const resamples = opts.resamples ?? 1000;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RatingInputError(`rating: resamples must be a positive integer, got ${resamples}`);
  const random = mulberry32(opts.seed ?? 0x5eed);
  const n = results.length;
  const estimates: number[] = [];
  for (let b = 0; b < resamples; b++) {
    const sample = Array.from({ length: n }, () => results[Math.floor(random() * n)]!);
    estimates.push(estimate(sample));
  }
  estimates.sort((a, b) => a - b);
  return [percentileSorted(estimates, 2.5), percentileSorted(estimates, 97.5)];
}

/**
 * What results.json reports: the estimate with its bootstrap interval, or, when the equation has no
 * finite root, no value but a bound. No problem ever solved: value null, `upperBound` = the easiest
 * rated problem's rating ("below the easiest rated problem"). Every problem always solved: value
 * null, `lowerBound` = the hardest's. One rated problem: the estimate, but no interval (nothing to resample).
 */
export function ratingEstimate(results: readonly RatedResult[], opts: { resamples?: number; seed?: number } = {}): RatingEstimate {
  check(results);
  const ratings = results.map((x) => x.rating);
  if (results.every((x) => x.solved === 0)) {
    const bound = Math.min(...ratings);
    return { value: null, ci95: null, upperBound: bound, note: `below the easiest rated problem (${bound}): no problem solved` };
  }
  if (results.every((x) => x.solved === 1)) {
    const bound = Math.max(...ratings);
    return { value: null, ci95: null, lowerBound: bound, note: `above the hardest rated problem (${bound}): every problem always solved` };
  }
  return { value: estimate(results), ci95: results.length < 2 ? null : ratingInterval(results, opts) };
}

/** A rating estimate in words for reports: "1234 [1100, 1400]", "below 800 (…)", or "n/a". */
export function ratingText(r: RatingEstimate | undefined | null): string {
  if (!r) return 'n/a';
  if (r.value === null || r.value === undefined) {
    if (r.upperBound !== undefined) return `below ${Math.round(r.upperBound)} (no problem solved: below the easiest rated problem)`;
    if (r.lowerBound !== undefined) return `above ${Math.round(r.lowerBound)} (every problem solved: above the hardest rated problem)`;
    return 'n/a';
  }
  return `${Math.round(r.value)} ${r.ci95 ? `[${Math.round(r.ci95[0])}, ${Math.round(r.ci95[1])}]` : '[no interval: one rated problem]'}`;
}

export interface RatingBucket {
  /** Lower edge of the bucket (the rating itself with the default width of 100). */
  rating: number;
  items: number;
  /** Mean solve rate of the bucket's problems. */
  solveRate: number;
}

/** Solve rates per rating bucket, lowest first. Codeforces ratings are multiples of 100. */
export function ratingBuckets(results: readonly RatedResult[], opts: { width?: number } = {}): RatingBucket[] {
  const width = opts.width ?? 100;
  const buckets = new Map<number, { items: number; solved: number }>();
  for (const x of results) {
    const key = Math.floor(x.rating / width) * width;
    const b = buckets.get(key) ?? { items: 0, solved: 0 };
    b.items++;
    b.solved += x.solved;
    buckets.set(key, b);
  }
  return [...buckets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([rating, b]) => ({ rating, items: b.items, solveRate: b.solved / b.items }));
}
