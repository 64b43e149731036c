// Geometry, sequence and algebra problems: closed forms beside brute-force searches.
import { defineTemplate, factorize, gcd, type AnyTemplate } from './templates.ts';

const isSquare = (x: number): boolean => Math.round(Math.sqrt(x)) ** 2 === x;

const circlePoints = defineTemplate<{ n: number }>({
  name: 'lattice-points-on-circle',
  topic: 'geometry',
  draw(rng) {
    for (;;) {
      let n = 2 ** rng.int(0, 3) * rng.pick([1, 9, 49, 3]); // a 3 to an odd power leaves no points at all
      for (const p of [5, 13, 17, 29]) n *= p ** rng.int(0, 3);
      if (n > 1 && n <= 1e10) return { n };
    }
  },
  render: ({ n }) => `Find the number of ordered pairs $(x, y)$ of integers such that $x^2 + y^2 = ${n}$.`,
  solve({ n }) {
    // Jacobi: r2(n) = 4 * prod over p = 1 mod 4 of (e + 1), and 0 if some p = 3 mod 4 has an odd exponent.
    let count = 4;
    for (const [p, e] of factorize(n)) {
      if (p % 4 === 1) count *= e + 1;
      else if (p % 4 === 3 && e % 2 === 1) return 0;
    }
    return count;
  },
  brute({ n }) {
    let count = 0;
    for (let x = -Math.floor(Math.sqrt(n)); x * x <= n; x++) {
      const rest = n - x * x;
      if (isSquare(rest)) count += rest === 0 ? 1 : 2;
    }
    return count;
  },
});

const rightTriangles = defineTemplate<{ leg: number }>({
  name: 'right-triangles-with-leg',
  topic: 'geometry',
  draw(rng) {
    for (;;) {
      const leg = 2 ** rng.int(0, 4) * 3 ** rng.int(0, 2) * 5 ** rng.int(0, 2) * 7 ** rng.int(0, 1) * 11 ** rng.int(0, 1);
      if (leg >= 12 && leg <= 2000) return { leg };
    }
  },
  render: ({ leg }) => `How many noncongruent right triangles with integer side lengths have a leg of length $${leg}$?`,
  solve({ leg }) {
    // leg^2 = (c - b)(c + b) with both factors of the same parity and c - b < c + b.
    const factors = factorize(leg);
    const twos = factors.find(([p]) => p === 2)?.[1] ?? 0;
    const oddSquareDivisors = factors.filter(([p]) => p !== 2).reduce((n, [, e]) => n * (2 * e + 1), 1);
    return twos === 0 ? (oddSquareDivisors - 1) / 2 : ((2 * twos - 1) * oddSquareDivisors - 1) / 2;
  },
  brute({ leg }) {
    let count = 0;
    for (let b = 1; 2 * b < leg * leg; b++) if (isSquare(leg * leg + b * b)) count++;
    return count;
  },
});

type Point = [number, number];

const triangleInterior = defineTemplate<{ v: Point[] }>({
  name: 'lattice-points-in-triangle',
  topic: 'geometry',
  draw(rng) {
    for (;;) {
      const v = [0, 1, 2].map((): Point => [rng.int(-25, 25), rng.int(-25, 25)]);
      const [[x1, y1], [x2, y2], [x3, y3]] = v as [Point, Point, Point];
      if ((x2 - x1) * (y3 - y1) - (x3 - x1) * (y2 - y1) !== 0) return { v };
    }
  },
  render: ({ v }) =>
    `Find the number of points with integer coordinates that lie strictly inside the triangle with vertices ` +
    `$(${v[0]!.join(', ')})$, $(${v[1]!.join(', ')})$, and $(${v[2]!.join(', ')})$.`,
  solve({ v }) {
    // Pick's theorem: A = I + B/2 - 1, with B counted by gcds of the edge vectors.
    const [[x1, y1], [x2, y2], [x3, y3]] = v as [Point, Point, Point];
    const twiceArea = Math.abs((x2 - x1) * (y3 - y1) - (x3 - x1) * (y2 - y1));
    const boundary = gcd(x2 - x1, y2 - y1) + gcd(x3 - x2, y3 - y2) + gcd(x1 - x3, y1 - y3);
    return (twiceArea - boundary + 2) / 2;
  },
  brute({ v }) {
    const xs = v.map((p: Point) => p[0]);
    const ys = v.map((p: Point) => p[1]);
    const side = (a: Point, b: Point, x: number, y: number) => Math.sign((b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]));
    let count = 0;
    for (let x = Math.min(...xs); x <= Math.max(...xs); x++)
      for (let y = Math.min(...ys); y <= Math.max(...ys); y++) {
        const s = [side(v[0], v[1], x, y), side(v[1], v[2], x, y), side(v[2], v[0], x, y)];
        if (s.every((d) => d === 1) || s.every((d) => d === -1)) count++;
      }
    return count;
  },
});

const trianglesByPerimeter = defineTemplate<{ perimeter: number }>({
  name: 'integer-triangles-by-perimeter',
  topic: 'geometry',
  draw: (rng) => ({ perimeter: rng.int(20, 215) }),
  render: ({ perimeter }) =>
    `How many noncongruent triangles with positive integer side lengths have perimeter $${perimeter}$?`,
  // Alcuin's sequence: the nearest integer to p^2/48 (p even) or (p+3)^2/48 (p odd).
  solve: ({ perimeter: p }) => Math.round((p % 2 === 0 ? p * p : (p + 3) * (p + 3)) / 48),
  brute({ perimeter: p }) {
    let count = 0;
    for (let a = 1; a <= p; a++) for (let b = a; a + b < p; b++) if (p - a - b >= b && a + b > p - a - b) count++;
    return count;
  },
});

type Matrix = [number, number, number, number];
const mul = ([a, b, c, d]: Matrix, [e, f, g, h]: Matrix): Matrix =>
  [(a * e + b * g) % 1000, (a * f + b * h) % 1000, (c * e + d * g) % 1000, (c * f + d * h) % 1000];

/** F(n) mod 1000 by powers of [[1,1],[1,0]]. */
function fibonacci(n: number): number {
  let result: Matrix = [1, 0, 0, 1];
  let base: Matrix = [1, 1, 1, 0];
  for (let e = n; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result = mul(result, base);
    base = mul(base, base);
  }
  return result[1];
}

const fibonacciSum = defineTemplate<{ first: number; second: number; n: number }>({
  name: 'recurrence-sum-mod-1000',
  topic: 'sequences',
  draw: (rng) => ({ first: rng.int(1, 40), second: rng.int(1, 40), n: rng.int(1000, 1_000_000) }),
  render: ({ first, second, n }) =>
    `A sequence is defined by $a_1 = ${first}$, $a_2 = ${second}$, and $a_{k+2} = a_{k+1} + a_k$ for all $k \\ge 1$. ` +
    `Find the remainder when $a_1 + a_2 + a_3 + \\cdots + a_{${n}}$ is divided by $1000$.`,
  solve({ first, second, n }) {
    // a_k = first*F(k-2) + second*F(k-1), and the sum telescopes: a_1 + ... + a_n = a_{n+2} - a_2.
    const term = (k: number) => (first * fibonacci(k - 2) + second * fibonacci(k - 1)) % 1000;
    return (((term(n + 2) - second) % 1000) + 1000) % 1000;
  },
  brute({ first, second, n }) {
    let [a, b, sum] = [first, second, first + second];
    for (let k = 3; k <= n; k++) {
      [a, b] = [b, (a + b) % 1000];
      sum = (sum + b) % 1000;
    }
    return sum % 1000;
  },
});

/** `x^3 - 4x^2 + x + 6` from the coefficients of x^3, x^2, x, 1. */
function polynomial(coefficients: number[]): string {
  const degree = coefficients.length - 1;
  let out = '';
  coefficients.forEach((c, i) => {
    const power = degree - i;
    if (c === 0) return;
    const sign = c < 0 ? ' - ' : out ? ' + ' : '';
    const size = Math.abs(c) === 1 && power > 0 ? '' : `${Math.abs(c)}`;
    out += sign + size + (power === 0 ? '' : power === 1 ? 'x' : `x^${power}`);
  });
  return out;
}

const rootPowers = defineTemplate<{ roots: number[]; power: number }>({
  name: 'vieta-power-sum',
  topic: 'algebra',
  draw(rng) {
    for (;;) {
      const roots = [rng.int(-12, 12), rng.int(-12, 12), rng.int(-12, 12)];
      if (new Set(roots).size === 3) return { roots, power: rng.int(2, 4) };
    }
  },
  render({ roots: [r, s, t], power }) {
    const e = [r! + s! + t!, r! * s! + r! * t! + s! * t!, r! * s! * t!];
    return (
      `Let $r$, $s$, and $t$ be the three roots of the equation $${polynomial([1, -e[0]!, e[1]!, -e[2]!])} = 0$. ` +
      `Find $r^${power} + s^${power} + t^${power}$.`
    );
  },
  solve({ roots: [r, s, t], power }) {
    // Newton's identities from the elementary symmetric functions the statement gives.
    const [e1, e2, e3] = [r! + s! + t!, r! * s! + r! * t! + s! * t!, r! * s! * t!];
    const p = [3, e1, e1 * e1 - 2 * e2];
    for (let k = 3; k <= power; k++) p.push(e1 * p[k - 1]! - e2 * p[k - 2]! + e3 * p[k - 3]!);
    return p[power]!;
  },
  brute({ roots: [r, s, t], power }) {
    // Find the roots again by searching the integers within the Cauchy bound of the stated cubic.
    const c = [-(r! + s! + t!), r! * s! + r! * t! + s! * t!, -(r! * s! * t!)];
    const bound = 1 + Math.max(...c.map(Math.abs));
    const found: number[] = [];
    for (let x = -bound; x <= bound; x++) if (x ** 3 + c[0]! * x ** 2 + c[1]! * x + c[2]! === 0) found.push(x);
    if (found.length !== 3) throw new Error(`expected 3 integer roots, found ${found.length}`);
    return found.reduce((sum, x) => sum + x ** power, 0);
  },
});

export const geometryTemplates: AnyTemplate[] = [
  circlePoints,
  rightTriangles,
  triangleInterior,
  trianglesByPerimeter,
  fibonacciSum,
  rootPowers,
];
