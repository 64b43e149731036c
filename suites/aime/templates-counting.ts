// Counting, combinatorics and probability problems: closed forms beside brute-force enumerations.
import { binom, defineTemplate, reducedSum, type AnyTemplate } from './templates.ts';

const popcount = (x: number): number => {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
};

const latticePaths = defineTemplate<{ m: number; n: number; a: number; b: number }>({
  name: 'lattice-paths-avoiding-point',
  topic: 'counting',
  draw(rng) {
    const m = rng.int(3, 9);
    const n = rng.int(3, 16 - m);
    return { m, n, a: rng.int(1, m - 1), b: rng.int(1, n - 1) };
  },
  render: ({ m, n, a, b }) =>
    `A lattice path from $(0,0)$ to $(${m},${n})$ consists of unit steps, each either one unit to the right or one unit up. ` +
    `How many such paths do not pass through the point $(${a},${b})$?`,
  // All paths minus those through (a, b): paths to it times paths from it.
  solve: ({ m, n, a, b }) => binom(m + n, m) - binom(a + b, a) * binom(m - a + n - b, m - a),
  brute({ m, n, a, b }) {
    let count = 0;
    for (let mask = 0; mask < 1 << (m + n); mask++) {
      if (popcount(mask) !== m) continue; // bit set = a step right
      let [x, y, hits] = [0, 0, false];
      for (let i = 0; i < m + n; i++) {
        if (mask & (1 << i)) x++;
        else y++;
        if (x === a && y === b) hits = true;
      }
      if (!hits) count++;
    }
    return count;
  },
});

const boundedSums = defineTemplate<{ vars: number; cap: number; total: number }>({
  name: 'bounded-sums',
  topic: 'combinatorics',
  draw(rng) {
    const vars = rng.int(3, 4);
    const cap = rng.int(3, 12);
    return { vars, cap, total: rng.int(cap + 1, vars * cap - 1) };
  },
  render: ({ vars, cap, total }) => {
    const names = Array.from({ length: vars }, (_, i) => `x_${i + 1}`);
    return (
      `Find the number of ordered ${vars === 3 ? 'triples' : 'quadruples'} $(${names.join(', ')})$ of integers ` +
      `with $0 \\le x_i \\le ${cap}$ for each $i$ such that $${names.join(' + ')} = ${total}$.`
    );
  },
  solve({ vars, cap, total }) {
    // Stars and bars, subtracting by inclusion-exclusion the solutions where j variables exceed the cap.
    let count = 0;
    for (let j = 0; j <= vars && j * (cap + 1) <= total; j++)
      count += (-1) ** j * binom(vars, j) * binom(total - j * (cap + 1) + vars - 1, vars - 1);
    return count;
  },
  brute({ vars, cap, total }) {
    const ways = (left: number, remaining: number): number => {
      if (left === 0) return remaining === 0 ? 1 : 0;
      let c = 0;
      for (let x = 0; x <= cap && x <= remaining; x++) c += ways(left - 1, remaining - x);
      return c;
    };
    return ways(vars, total);
  },
});

const pairSumProbability = defineTemplate<{ n: number; k: number }>({
  name: 'pair-sum-divisible',
  topic: 'probability',
  draw: (rng) => ({ n: rng.int(10, 60), k: rng.int(3, 9) }),
  render: ({ n, k }) =>
    `Two distinct integers are chosen at random from the set $\\{1, 2, 3, \\ldots, ${n}\\}$. ` +
    `The probability that their sum is divisible by $${k}$ is $\\tfrac{m}{n}$, where $m$ and $n$ are relatively prime ` +
    `positive integers. Find $m+n$.`,
  solve({ n, k }) {
    // Count by residues: r pairs with k - r, and residues 0 and k/2 pair among themselves.
    const size = (r: number) => Math.floor((n - r) / k) + (r === 0 ? 0 : 1);
    let pairs = binom(size(0), 2);
    for (let r = 1; 2 * r < k; r++) pairs += size(r) * size(k - r);
    if (k % 2 === 0) pairs += binom(size(k / 2), 2);
    return reducedSum(pairs, binom(n, 2));
  },
  brute({ n, k }) {
    let [good, all] = [0, 0];
    for (let x = 1; x <= n; x++)
      for (let y = x + 1; y <= n; y++) {
        all++;
        if ((x + y) % k === 0) good++;
      }
    return reducedSum(good, all);
  },
});

const urnDraw = defineTemplate<{ red: number; blue: number; drawn: number; want: number }>({
  name: 'urn-draw',
  topic: 'probability',
  draw(rng) {
    const red = rng.int(3, 8);
    const blue = rng.int(3, 16 - red);
    const drawn = rng.int(3, Math.min(6, red + blue - 2));
    return { red, blue, drawn, want: rng.int(1, Math.min(red, drawn - 1)) };
  },
  render: ({ red, blue, drawn, want }) =>
    `A box contains $${red}$ red balls and $${blue}$ blue balls. Balls are drawn one at a time, without replacement, ` +
    `until $${drawn}$ balls have been drawn. The probability that exactly $${want}$ of the drawn balls are red is ` +
    `$\\tfrac{m}{n}$, where $m$ and $n$ are relatively prime positive integers. Find $m+n$.`,
  solve: ({ red, blue, drawn, want }) =>
    reducedSum(binom(red, want) * binom(blue, drawn - want), binom(red + blue, drawn)),
  brute({ red, blue, drawn, want }) {
    // Every set of drawn balls is equally likely: enumerate them, balls 0..red-1 being red.
    let [good, all] = [0, 0];
    for (let mask = 0; mask < 1 << (red + blue); mask++) {
      if (popcount(mask) !== drawn) continue;
      all++;
      if (popcount(mask & ((1 << red) - 1)) === want) good++;
    }
    return reducedSum(good, all);
  },
});

const spacedSubsets = defineTemplate<{ n: number; k: number }>({
  name: 'no-consecutive-subsets',
  topic: 'combinatorics',
  draw: (rng) => {
    const n = rng.int(8, 20);
    return { n, k: rng.int(2, Math.ceil(n / 2)) };
  },
  render: ({ n, k }) =>
    `Find the number of $${k}$-element subsets of $\\{1, 2, 3, \\ldots, ${n}\\}$ that contain no two consecutive integers.`,
  // Removing i-1 from the i-th smallest element maps such subsets onto all k-subsets of {1..n-k+1}.
  solve: ({ n, k }) => binom(n - k + 1, k),
  brute({ n, k }) {
    let count = 0;
    for (let mask = 0; mask < 1 << n; mask++) if (popcount(mask) === k && (mask & (mask >> 1)) === 0) count++;
    return count;
  },
});

const fixedPoints = defineTemplate<{ n: number; j: number }>({
  name: 'permutation-fixed-points',
  topic: 'combinatorics',
  draw: (rng) => {
    const n = rng.int(5, 9);
    return { n, j: rng.int(0, n - 2) };
  },
  render: ({ n, j }) =>
    `Find the number of permutations $(a_1, a_2, \\ldots, a_{${n}})$ of $(1, 2, \\ldots, ${n})$ for which ` +
    `exactly $${j}$ ${j === 1 ? 'index $i$ satisfies' : 'indices $i$ satisfy'} $a_i = i$.`,
  solve({ n, j }) {
    // Choose the fixed points, derange the rest: D(m) = sum (-1)^i m!/i!.
    let derangements = 0;
    let term = 1; // m!/i! for i = m down to 0
    const m = n - j;
    for (let i = m; i >= 0; i--) {
      derangements += (-1) ** i * term;
      term *= i;
    }
    return binom(n, j) * derangements;
  },
  brute({ n, j }) {
    let count = 0;
    const perm: number[] = [];
    const used = new Array<boolean>(n).fill(false);
    const extend = (): void => {
      if (perm.length === n) {
        if (perm.filter((v, i) => v === i).length === j) count++;
        return;
      }
      for (let v = 0; v < n; v++) {
        if (used[v]) continue;
        used[v] = true;
        perm.push(v);
        extend();
        perm.pop();
        used[v] = false;
      }
    };
    extend();
    return count;
  },
});

export const countingTemplates: AnyTemplate[] = [
  latticePaths,
  boundedSums,
  pairSumProbability,
  urnDraw,
  spacedSubsets,
  fixedPoints,
];
