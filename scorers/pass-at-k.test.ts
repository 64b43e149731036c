import { describe, expect, it } from 'vitest';
import { passAtK } from './pass-at-k.ts';

/** C(n−c, k)/C(n, k) with exact BigInt binomials, for checking the product form. */
function exact(n: number, c: number, k: number): number {
  const binom = (a: number, b: number): bigint => {
    if (b < 0 || b > a) return 0n;
    let r = 1n;
    for (let i = 1; i <= b; i++) r = (r * BigInt(a - b + i)) / BigInt(i);
    return r;
  };
  const num = binom(n - c, k);
  const den = binom(n, k);
  // 1 − num/den to ~1e-15 through a scaled integer division.
  const scale = 10n ** 18n;
  return 1 - Number((num * scale) / den) / 1e18;
}

describe('passAtK', () => {
  it('matches the protocol examples to 1e-7', () => {
    expect(Math.abs(passAtK(10, 3, 5) - 0.9166667)).toBeLessThan(1e-7);
    expect(Math.abs(passAtK(200, 1, 100) - 0.5)).toBeLessThan(1e-7);
    expect(Math.abs(passAtK(64, 32, 8) - 0.9976236)).toBeLessThan(1e-7);
  });

  it('agrees with exact binomials', () => {
    for (const [n, c, k] of [[10, 3, 5], [64, 5, 16], [200, 7, 50], [16, 1, 1], [4, 2, 3]] as const) {
      expect(passAtK(n, c, k)).toBeCloseTo(exact(n, c, k), 12);
    }
  });

  it('is 1 when every draw of k holds a correct sample, 0 when none is correct', () => {
    expect(passAtK(10, 6, 5)).toBe(1);
    expect(passAtK(10, 10, 1)).toBe(1);
    expect(passAtK(10, 0, 5)).toBe(0);
  });

  it('equals c/n at k = 1 and grows with k', () => {
    for (let n = 1; n <= 20; n++) {
      for (let c = 0; c <= n; c++) {
        expect(passAtK(n, c, 1)).toBeCloseTo(c / n, 12);
        for (let k = 2; k <= n; k++) expect(passAtK(n, c, k)).toBeGreaterThanOrEqual(passAtK(n, c, k - 1) - 1e-12);
      }
    }
  });

  it.each([
    [4, 1, 5],
    [4, 1, 0],
    [4, 5, 1],
    [4, -1, 1],
    [0, 0, 1],
    [4.5, 1, 1],
    [4, 1, NaN],
  ])('throws RangeError for n=%d c=%d k=%d', (n, c, k) => {
    expect(() => passAtK(n, c, k)).toThrow(RangeError);
  });
});
