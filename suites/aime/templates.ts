// What a problem template is, a seeded PRNG to fix its parameters, and the exact arithmetic both sides use.
import { mulberry32 } from '../../random.ts';

/**
 * A family of competition problems. `solve` is the closed form the bundled answer comes from;
 * `brute` recomputes it independently by direct enumeration, so the tests can verify every answer.
 */
export interface Template<P> {
  /** Unique name, e.g. 'square-or-cube-divisors'. */
  name: string;
  /** Broad area, part of the item id: 'number-theory', 'counting', 'probability', ... */
  topic: string;
  /** Draws parameters; the generator redraws until the answer is an integer 1..999. */
  draw(rng: Rng): P;
  /** The problem statement, LaTeX-flavoured like a real AIME problem. */
  render(p: P): string;
  solve(p: P): number;
  brute(p: P): number;
}

// Templates differ in their parameter types; the list holds them type-erased.
export type AnyTemplate = Template<any>;

export function defineTemplate<P>(t: Template<P>): AnyTemplate {
  return t;
}

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
}

/** Identical on every platform, so the bundled suite never changes. */
export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int, pick: (items) => items[int(0, items.length - 1)]! };
}

/** A 32-bit seed from a string (FNV-1a), so each template's draws do not depend on the others. */
export function seedOf(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/** C(n, k) exactly for the small n used here (stays below 2^53). */
export function binom(n: number, k: number): number {
  if (k < 0 || k > n || n < 0) return 0;
  k = Math.min(k, n - k);
  let r = 1;
  for (let i = 1; i <= k; i++) r = (r * (n - k + i)) / i;
  return Math.round(r);
}

/** Prime factorisation as [prime, exponent] pairs, by trial division. */
export function factorize(n: number): [number, number][] {
  const out: [number, number][] = [];
  for (let p = 2; p * p <= n; p++) {
    let e = 0;
    while (n % p === 0) {
      n /= p;
      e++;
    }
    if (e) out.push([p, e]);
  }
  if (n > 1) out.push([n, 1]);
  return out;
}

/** base^exp mod m for m below 2^26 (products stay exact in doubles). */
export function modPow(base: number, exp: number, m: number): number {
  let r = 1 % m;
  let b = ((base % m) + m) % m;
  for (let e = exp; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) r = (r * b) % m;
    b = (b * b) % m;
  }
  return r;
}

/** m + n for the reduced fraction m/n = num/den: the usual AIME way to ask for a probability. */
export function reducedSum(num: number, den: number): number {
  const g = gcd(num, den);
  return num / g + den / g;
}

/** `2^{3}\cdot 5^{2}` style product of prime powers. */
export function primePowers(factors: [number, number][]): string {
  return factors.map(([p, e]) => (e === 1 ? `${p}` : `${p}^{${e}}`)).join('\\cdot ');
}
