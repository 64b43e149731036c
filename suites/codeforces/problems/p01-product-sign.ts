// 800: sign of a product. Edge cases: zeros, an even/odd count of negatives, products far past 64 bits.
import { lines, reader, type BundledProblem } from '../problem.ts';

export const problem: BundledProblem = {
  id: 'p01-product-sign',
  index: 'A',
  title: 'Product Sign',
  rating: 800,
  tags: ['implementation', 'math'],
  timeLimitS: 2,
  memoryLimitMb: 256,
  description:
    'You are given n integers a_1, a_2, ..., a_n. Determine whether their product a_1 * a_2 * ... * a_n is positive, negative or zero.',
  inputFormat:
    'The first line contains one integer n (1 <= n <= 10^5). The second line contains n integers a_1, ..., a_n (-10^9 <= a_i <= 10^9).',
  outputFormat: 'Print POSITIVE, NEGATIVE or ZERO.',
  note: 'In the first example the product is (-2) * 3 * (-4) = 24.',
  exampleInputs: [lines(3, [-2, 3, -4]), lines(4, [5, -1, 0, 7]), lines(1, [-1000000000])],
  generate(rng) {
    const tests = [
      lines(1, [0]),
      lines(1, [7]),
      lines(2, [-1, -1]),
      // 2^64 wraps to 0 in 64-bit arithmetic: the answer is POSITIVE, not ZERO.
      lines(64, Array(64).fill(2)),
      lines(63, [...Array(62).fill(2), -2]),
      lines(5, [1e9, 1e9, 1e9, -1e9, 1e9]),
    ];
    // Maximum n with small values, then large values (the ZERO case is among the small tests).
    const n = 100000;
    tests.push(lines(n, rng.ints(n, -9, 9).map((x) => x || 1)));
    const big = rng.ints(9999, 1, 1e9).map((x, i) => (i % 2 === 0 ? -x : x));
    tests.push(lines(big.length, big));
    return tests;
  },
  solve(input) {
    const r = reader(input);
    const n = r.num();
    let negatives = 0;
    for (let i = 0; i < n; i++) {
      const x = r.num();
      if (x === 0) return 'ZERO\n';
      if (x < 0) negatives++;
    }
    return negatives % 2 ? 'NEGATIVE\n' : 'POSITIVE\n';
  },
  reference: {
    cpp: `#include <cstdio>
int main() {
    int n;
    if (scanf("%d", &n) != 1) return 0;
    bool zero = false;
    int negatives = 0;
    for (int i = 0; i < n; i++) {
        long long x;
        scanf("%lld", &x);
        if (x == 0) zero = true;
        else if (x < 0) negatives++;
    }
    puts(zero ? "ZERO" : (negatives % 2 ? "NEGATIVE" : "POSITIVE"));
}
`,
    python: `import sys
def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    a = data[1:1 + n]
    if any(int(x) == 0 for x in a):
        print("ZERO")
    else:
        negatives = sum(1 for x in a if x.startswith(b"-"))
        print("NEGATIVE" if negatives % 2 else "POSITIVE")
main()
`,
  },
  flawed: [
    {
      flaw: 'multiplies into a 64-bit integer, which overflows',
      language: 'cpp',
      verdict: 'WA',
      code: `#include <cstdio>
int main() {
    int n;
    scanf("%d", &n);
    long long p = 1;
    for (int i = 0; i < n; i++) {
        long long x;
        scanf("%lld", &x);
        p *= x;
    }
    puts(p == 0 ? "ZERO" : (p < 0 ? "NEGATIVE" : "POSITIVE"));
}
`,
    },
    {
      flaw: 'ignores zeros and only counts the negative numbers',
      language: 'python',
      verdict: 'WA',
      code: `n = int(input())
a = list(map(int, input().split()))
neg = sum(1 for x in a if x < 0)
print("NEGATIVE" if neg % 2 else "POSITIVE")
`,
    },
  ],
};
