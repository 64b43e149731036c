// Statistics over items: means, standard errors clustered by item, intervals, paired comparisons.
//
// Why cluster by item (Miller 2024, "Adding Error Bars to Evals"): an eval's items are a sample
// from a population of possible questions, and the k samples of one item are correlated (an easy
// item is easy every time). Treating all n·k samples as independent understates the standard error.
// Averaging each item's k samples first and taking the standard error over the n item means is
// the cluster-robust estimate when every item has the same k; more samples per item shrink only
// the within-item part of the variance, never the between-item part. Two runs on the same items
// are compared by the per-item difference (Miller's paired analysis): item difficulty cancels.

const Z95 = 1.959963984540054;

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('mean of no values');
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/**
 * sqrt(Σ(x − x̄)² / (n − 1)) / √n over per-item values (each already the mean of its samples).
 * 0 for a single item: no spread can be estimated from one value.
 */
export function stderrOfMean(xs: readonly number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) ** 2;
  return Math.sqrt(ss / (n - 1)) / Math.sqrt(n);
}

/** Normal 95% interval mean ± 1.96·stderr, clipped to `bounds` ([0, 1] for proportions; null: none). */
export function ci95(m: number, stderr: number, bounds: [number, number] | null = [0, 1]): [number, number] {
  const lo = m - Z95 * stderr;
  const hi = m + Z95 * stderr;
  return bounds ? [Math.max(bounds[0], lo), Math.min(bounds[1], hi)] : [lo, hi];
}

/** Wilson's score interval for a proportion `p` observed over `n` units (at 95%): never zero-width at 0 or 1. */
export function wilson(p: number, n: number): [number, number] {
  if (!(n > 0)) throw new RangeError(`wilson: n must be positive, got ${n}`);
  const q = Math.min(1, Math.max(0, p));
  const z2 = Z95 * Z95;
  const centre = (q + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((q * (1 - q)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * The 95% interval results.json reports for a mean of per-item values in [0, 1]: the hull of Wilson's
 * score interval with `units` (the number of items, or an effective number) and the clustered normal
 * interval `value ± 1.96·stderr`, both within [0, 1]. Wilson keeps 0% and 100% from reading as
 * certain; the normal part keeps the interval from ever being narrower than the clustered standard
 * error says. null with fewer than 2 units: one item has no spread to estimate.
 */
export function proportionInterval(value: number, stderr: number | null, units: number): [number, number] | null {
  if (!(units >= 2) || stderr === null) return null;
  const [wl, wh] = wilson(value, units);
  const [nl, nh] = ci95(value, stderr);
  return [Math.min(wl, nl), Math.max(wh, nh)];
}

/** erfc(x) for x ≥ 0: a positive-term series below 3, a continued fraction above (both ~1e-15). */
function erfcPositive(x: number): number {
  if (x < 3) {
    // erf(x) = 2/√π · e^{−x²} · Σ 2ⁿ x^{2n+1} / (1·3·…·(2n+1)): no cancellation between terms.
    let term = x;
    let sum = x;
    for (let n = 1; n < 200 && term > 1e-17 * sum; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
  }
  // erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated from the tail.
  let f = x;
  for (let n = 60; n >= 1; n--) f = x + n / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

/** Φ(x), the standard normal distribution function. */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const tail = 0.5 * erfcPositive(Math.abs(x) / Math.SQRT2);
  return x >= 0 ? 1 - tail : tail;
}

/** Φ⁻¹(p): Acklam's rational approximation polished by one Halley step (near machine precision). */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`normal quantile: p must be in [0, 1], got ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const a = [-39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  let x: number;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    x = (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
    if (p > 1 - low) x = -x;
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  }
  const e = normalCdf(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

export interface PairedDiff {
  /** Items present in both runs. */
  n: number;
  /** Mean of a − b over the shared items. */
  meanDiff: number;
  stderr: number;
  ci95: [number, number];
  /** Two-sided, normal approximation, for "no difference". */
  pValue: number;
}

/** a − b on the items both runs scored (per-item values, e.g. each item's pass@1). */
export function pairedDiff(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): PairedDiff {
  const diffs: number[] = [];
  for (const [id, x] of a) {
    const y = b.get(id);
    if (y !== undefined) diffs.push(x - y);
  }
  if (diffs.length === 0) throw new RangeError('paired difference: the two runs share no items');
  const n = diffs.length;
  const meanDiff = mean(diffs);
  const stderr = stderrOfMean(diffs);
  // With no spread the normal approximation says "certain": use the exact sign test instead (every one of
  // n items moved the same way: p = 2·0.5^n), so one or two shared items never count as proof.
  const pValue = stderr === 0 ? (meanDiff === 0 ? 1 : Math.min(1, 2 * 0.5 ** n)) : 2 * normalCdf(-Math.abs(meanDiff / stderr));
  // One item has no spread to estimate: the interval is everything a difference of proportions can be.
  const interval: [number, number] = n < 2 ? [-1, 1] : ci95(meanDiff, stderr, null);
  return { n, meanDiff, stderr, ci95: interval, pValue };
}

/** Holm's step-down correction: which hypotheses are rejected at family-wise level `alpha`, in input order. */
export function holm(pValues: readonly number[], alpha = 0.05): boolean[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
  const rejected = new Array<boolean>(m).fill(false);
  for (let rank = 0; rank < m; rank++) {
    const { p, i } = order[rank]!;
    if (!(p <= alpha / (m - rank))) break;
    rejected[i] = true;
  }
  return rejected;
}

/** Percentile `p` (0..100) of values already sorted ascending, by linear interpolation between closest ranks. */
export function percentileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of an empty list');
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}
