// Number theory, modular arithmetic and digit problems: closed forms beside brute-force counts.
import { binom, defineTemplate, factorize, gcd, modPow, primePowers, type AnyTemplate } from './templates.ts';

const isSquare = (x: number): boolean => Math.round(Math.sqrt(x)) ** 2 === x;
const isCube = (x: number): boolean => Math.round(Math.cbrt(x)) ** 3 === x;
const digitsOf = (n: number, base: number): number[] => {
  const out: number[] = [];
  for (; n > 0; n = Math.floor(n / base)) out.unshift(n % base);
  return out;
};

const squareOrCubeDivisors = defineTemplate<{ factors: [number, number][] }>({
  name: 'square-or-cube-divisors',
  topic: 'number-theory',
  draw(rng) {
    for (;;) {
      const primes = [2, 3, 5, 7, 11].filter(() => rng.next() < 0.7).slice(0, 3);
      if (primes.length < 2) continue;
      const factors = primes.map((p): [number, number] => [p, rng.int(2, 12)]);
      // N at most 10^12, so the brute force can trial-divide up to sqrt(N).
      if (factors.reduce((n, [p, e]) => n * p ** e, 1) <= 1e12) return { factors };
    }
  },
  render: ({ factors }) =>
    `How many positive integer divisors of $${primePowers(factors)}$ are perfect squares or perfect cubes (or both)?`,
  solve({ factors }) {
    // A divisor is a k-th power when every exponent is a multiple of k: floor(e/k)+1 choices each.
    const powers = (k: number) => factors.reduce((n, [, e]) => n * (Math.floor(e / k) + 1), 1);
    return powers(2) + powers(3) - powers(6);
  },
  brute({ factors }) {
    const n = factors.reduce((acc, [p, e]) => acc * p ** e, 1);
    let count = 0;
    for (let d = 1; d * d <= n; d++) {
      if (n % d !== 0) continue;
      for (const x of d * d === n ? [d] : [d, n / d]) if (isSquare(x) || isCube(x)) count++;
    }
    return count;
  },
});

const powerTower = defineTemplate<{ a: number; b: number; c: number }>({
  name: 'power-tower-mod-1000',
  topic: 'modular-arithmetic',
  draw(rng) {
    const b = rng.int(2, 9);
    // b^c between 100 (so the exponent reduction below is valid) and 2*10^6 (so the brute force is quick).
    let lo = 1;
    while (b ** lo < 100) lo++;
    let hi = lo;
    while (b ** (hi + 1) <= 2e6) hi++;
    return { a: rng.int(3, 999), b, c: rng.int(lo, hi) };
  },
  render: ({ a, b, c }) => `Find the remainder when $${a}^{${b}^{${c}}}$ is divided by $1000$.`,
  solve({ a, b, c }) {
    // Carmichael: lambda(1000) = 100, and for exponents >= 3 the powers of 2 and 5 are already 0 mod 8 and 125.
    return modPow(a, modPow(b, c, 100) + 100, 1000);
  },
  brute({ a, b, c }) {
    let r = 1;
    for (let i = 0; i < b ** c; i++) r = (r * a) % 1000;
    return r;
  },
});

/** Strings of k decimal digits (leading zeros allowed) with digit sum t, by inclusion-exclusion. */
function digitStrings(k: number, t: number): number {
  if (k === 0) return t === 0 ? 1 : 0;
  let total = 0;
  for (let j = 0; 10 * j <= t && j <= k; j++) total += (-1) ** j * binom(k, j) * binom(t - 10 * j + k - 1, k - 1);
  return total;
}

const digitSum = defineTemplate<{ n: number; s: number }>({
  name: 'digit-sum-count',
  topic: 'digits',
  draw: (rng) => ({ n: rng.int(2000, 999_999), s: rng.int(3, 45) }),
  render: ({ n, s }) => `How many positive integers $n \\le ${n}$ have the property that the sum of the digits of $n$ is $${s}$?`,
  solve({ n, s }) {
    const digits = digitsOf(n, 10);
    let count = 0;
    let used = 0;
    digits.forEach((top, i) => {
      for (let d = 0; d < top; d++) if (s - used - d >= 0) count += digitStrings(digits.length - i - 1, s - used - d);
      used += top;
    });
    return count + (used === s ? 1 : 0);
  },
  brute({ n, s }) {
    let count = 0;
    for (let i = 1; i <= n; i++) {
      let sum = 0;
      for (let x = i; x > 0; x = Math.floor(x / 10)) sum += x % 10;
      if (sum === s) count++;
    }
    return count;
  },
});

const coprimeCount = defineTemplate<{ n: number; m: number }>({
  name: 'coprime-count',
  topic: 'number-theory',
  draw(rng) {
    const primes = [2, 3, 5, 7, 11, 13].filter(() => rng.next() < 0.5);
    const m = primes.reduce((acc, p) => acc * p ** rng.int(1, 2), 1);
    return { n: rng.int(300, 3000), m: primes.length >= 2 ? m : m * 3 * 7 };
  },
  render: ({ n, m }) => `Find the number of integers $k$ with $1 \\le k \\le ${n}$ such that $\\gcd(k, ${m}) = 1$.`,
  solve({ n, m }) {
    // Inclusion-exclusion over the distinct primes of m.
    const primes = factorize(m).map(([p]) => p);
    let total = 0;
    for (let mask = 0; mask < 1 << primes.length; mask++) {
      const chosen = primes.filter((_, i) => mask & (1 << i));
      total += (-1) ** chosen.length * Math.floor(n / chosen.reduce((a, p) => a * p, 1));
    }
    return total;
  },
  brute({ n, m }) {
    let count = 0;
    for (let k = 1; k <= n; k++) if (gcd(k, m) === 1) count++;
    return count;
  },
});

/** x with a*x = 1 (mod m), by the extended Euclidean algorithm. */
function inverse(a: number, m: number): number {
  let [r0, r1, s0, s1] = [a % m, m, 1, 0];
  while (r1) {
    const q = Math.floor(r0 / r1);
    [r0, r1, s0, s1] = [r1, r0 - q * r1, s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

const chineseRemainder = defineTemplate<{ mods: number[]; rems: number[] }>({
  name: 'chinese-remainder',
  topic: 'modular-arithmetic',
  draw(rng) {
    for (;;) {
      const mods = [rng.int(3, 12), rng.int(5, 17), rng.int(7, 23)];
      const product = mods[0]! * mods[1]! * mods[2]!;
      const coprime = gcd(mods[0]!, mods[1]!) === 1 && gcd(mods[0]!, mods[2]!) === 1 && gcd(mods[1]!, mods[2]!) === 1;
      if (coprime && product >= 200 && product <= 999) return { mods, rems: mods.map((m) => rng.int(1, m - 1)) };
    }
  },
  render: ({ mods, rems }) =>
    `Find the least positive integer $n$ such that $n$ leaves a remainder of $${rems[0]}$ when divided by $${mods[0]}$, ` +
    `a remainder of $${rems[1]}$ when divided by $${mods[1]}$, and a remainder of $${rems[2]}$ when divided by $${mods[2]}$.`,
  solve({ mods, rems }) {
    const product = mods.reduce((a: number, m: number) => a * m, 1);
    let x = 0;
    mods.forEach((m: number, i: number) => {
      const rest = product / m;
      x = (x + rems[i]! * rest * inverse(rest % m, m)) % product;
    });
    return x === 0 ? product : x;
  },
  brute({ mods, rems }) {
    for (let n = 1; ; n++) if (mods.every((m: number, i: number) => n % m === rems[i])) return n;
  },
});

const basePalindromes = defineTemplate<{ n: number; base: number }>({
  name: 'base-palindromes',
  topic: 'digits',
  draw: (rng) => ({ base: rng.int(2, 9), n: rng.int(500, 200_000) }),
  render: ({ n, base }) =>
    `How many positive integers less than or equal to $${n}$ have a base-$${base}$ representation that is a palindrome?`,
  solve({ n, base }) {
    const digits = digitsOf(n, base);
    const len = digits.length;
    let count = 0;
    // Shorter lengths: a nonzero leading digit, then the free first half.
    for (let l = 1; l < len; l++) count += (base - 1) * base ** (Math.ceil(l / 2) - 1);
    const half = Math.ceil(len / 2);
    const prefix = digits.slice(0, half);
    count += prefix.reduce((a, d) => a * base + d, 0) - base ** (half - 1);
    const mirrored = [...prefix, ...prefix.slice(0, len - half).reverse()];
    return count + (mirrored.reduce((a, d) => a * base + d, 0) <= n ? 1 : 0);
  },
  brute({ n, base }) {
    let count = 0;
    for (let i = 1; i <= n; i++) {
      const s = i.toString(base);
      if (s === [...s].reverse().join('')) count++;
    }
    return count;
  },
});

export const numberTemplates: AnyTemplate[] = [
  squareOrCubeDivisors,
  powerTower,
  digitSum,
  coprimeCount,
  chineseRemainder,
  basePalindromes,
];
