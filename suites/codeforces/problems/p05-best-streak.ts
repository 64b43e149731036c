// 1200: maximum subarray sum. Edge cases: all negative, sums past 2^31; large n separates O(n) from O(n^2).
import { lines, reader, type BundledProblem } from '../problem.ts';

export const problem: BundledProblem = {
  id: 'p05-best-streak',
  index: 'E',
  title: 'Best Streak',
  rating: 1200,
  tags: ['dp', 'greedy'],
  timeLimitS: 2,
  memoryLimitMb: 256,
  description:
    'A trader recorded the profit of each of n consecutive days: a_1, ..., a_n (a loss is a negative profit). ' +
    'Find the largest total profit of a non-empty block of consecutive days.',
  inputFormat:
    'The first line contains one integer n (1 <= n <= 2*10^5). The second line contains n integers a_1, ..., a_n (-10^9 <= a_i <= 10^9).',
  outputFormat: 'Print one integer: the largest sum of a non-empty block of consecutive days.',
  note: 'In the first example the best block is days 2 to 5: 1 + 4 - 1 + 3 = 7.',
  exampleInputs: [lines(6, [-2, 1, 4, -1, 3, -8]), lines(3, [-5, -2, -9])],
  generate(rng) {
    const tests = [
      lines(1, [-1e9]),
      lines(1, [0]),
      lines(4, [-3, -1, -4, -1]),
      lines(5, [1e9, 1e9, 1e9, -1, 1e9]),
      lines(6, [5, -10, 4, 4, -100, 7]),
    ];
    const big = rng.ints(10000, -1e9, 1e9);
    tests.push(lines(big.length, big));
    const n = 30000;
    tests.push(lines(n, rng.ints(n, -99, 100)));
    tests.push(lines(n, rng.ints(n, -999, -1)));
    return tests;
  },
  solve(input) {
    const r = reader(input);
    const n = r.num();
    let best = -Infinity;
    let cur = 0; // best sum of a block ending here: |sum| <= 2*10^14, exact in a double
    for (let i = 0; i < n; i++) {
      const x = r.num();
      cur = Math.max(cur + x, x);
      best = Math.max(best, cur);
    }
    return `${best}\n`;
  },
  reference: {
    cpp: `#include <cstdio>
#include <algorithm>
int main() {
    int n;
    scanf("%d", &n);
    long long best = -(1LL << 62), cur = 0;
    for (int i = 0; i < n; i++) {
        long long x;
        scanf("%lld", &x);
        cur = std::max(cur + x, x);
        best = std::max(best, cur);
    }
    printf("%lld\\n", best);
}
`,
    python: `import sys
def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    best = None
    cur = 0
    for x in map(int, data[1:1 + n]):
        cur = cur + x if cur > 0 else x
        if best is None or cur > best:
            best = cur
    print(best)
main()
`,
  },
  flawed: [
    {
      flaw: 'starts the best sum at 0, so an all-negative array prints 0',
      language: 'cpp',
      verdict: 'WA',
      code: `#include <cstdio>
#include <algorithm>
int main() {
    int n;
    scanf("%d", &n);
    long long best = 0, cur = 0;
    for (int i = 0; i < n; i++) {
        long long x;
        scanf("%lld", &x);
        cur = std::max(0LL, cur + x);
        best = std::max(best, cur);
    }
    printf("%lld\\n", best);
}
`,
    },
    {
      flaw: 'keeps sums in 32-bit ints',
      language: 'cpp',
      verdict: 'WA',
      code: `#include <cstdio>
#include <algorithm>
int main() {
    int n;
    scanf("%d", &n);
    int best = -2000000000, cur = 0;
    for (int i = 0; i < n; i++) {
        int x;
        scanf("%d", &x);
        cur = std::max(cur + x, x);
        best = std::max(best, cur);
    }
    printf("%d\\n", best);
}
`,
    },
    {
      flaw: 'tries every block with prefix sums: O(n^2)',
      language: 'python',
      verdict: 'TLE',
      code: `n = int(input())
a = list(map(int, input().split()))
pre = [0]
for x in a:
    pre.append(pre[-1] + x)
best = a[0]
for i in range(n):
    for j in range(i + 1, n + 1):
        best = max(best, pre[j] - pre[i])
print(best)
`,
    },
  ],
};
