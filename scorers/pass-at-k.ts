// pass@k, unbiased (Chen et al. 2021, the Codex paper): the chance that at least one of k samples
// drawn without replacement from n, of which c are correct, is correct.

/**
 * 1 − C(n−c, k)/C(n, k), computed as 1 − Π_{i=n−c+1..n} (1 − k/i): the binomials overflow for
 * n = 200, the product does not. 1 when n − c < k (every draw of k holds a correct sample).
 */
export function passAtK(n: number, c: number, k: number): number {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`pass@k: n must be a positive integer, got ${n}`);
  if (!Number.isInteger(c) || c < 0 || c > n) throw new RangeError(`pass@k: c must be an integer in [0, ${n}], got ${c}`);
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`pass@k: k must be an integer in [1, ${n}], got ${k}`);
  if (n - c < k) return 1;
  let allWrong = 1;
  for (let i = n - c + 1; i <= n; i++) allWrong *= 1 - k / i;
  return 1 - allWrong;
}
