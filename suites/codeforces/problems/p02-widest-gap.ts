// 800: the largest gap between neighbouring points. Edge cases: unsorted input, duplicates, a 4*10^9 gap.
import { lines, reader, type BundledProblem } from '../problem.ts';

export const problem: BundledProblem = {
  id: 'p02-widest-gap',
  index: 'B',
  title: 'Widest Gap',
  rating: 800,
  tags: ['sortings', 'implementation'],
  timeLimitS: 2,
  memoryLimitMb: 256,
  description:
    'There are n lanterns on a straight road; the i-th one stands at coordinate x_i (several lanterns may stand at the same point). ' +
    'Find the length of the longest stretch of road between two lanterns that has no lantern inside it, that is, the largest distance between two neighbouring lanterns when they are listed from left to right.',
  inputFormat:
    'The first line contains one integer n (2 <= n <= 10^5). The second line contains n integers x_1, ..., x_n (-2*10^9 <= x_i <= 2*10^9), in any order.',
  outputFormat: 'Print one integer: the largest distance between two neighbouring lanterns.',
  exampleInputs: [lines(4, [1, 10, 4, 6]), lines(3, [5, 5, 5])],
  generate(rng) {
    const tests = [
      lines(2, [-2e9, 2e9]),
      lines(2, [2e9, -2e9]),
      lines(3, [1e9, -1e9, 1e9]),
      lines(5, [3, -7, 3, 100, -7]),
      lines(6, [9, 8, 7, 6, 5, -5]),
    ];
    const n = 50000;
    tests.push(lines(n, rng.ints(n, -99, 99)));
    const far = rng.ints(10000, -2e9, 2e9);
    far[rng.int(0, far.length - 1)] = 2e9;
    tests.push(lines(far.length, far));
    return tests;
  },
  solve(input) {
    const r = reader(input);
    const n = r.num();
    const x = Array.from({ length: n }, () => r.num()).sort((a, b) => a - b);
    let best = 0;
    for (let i = 1; i < n; i++) best = Math.max(best, x[i]! - x[i - 1]!);
    return `${best}\n`;
  },
  reference: {
    cpp: `#include <cstdio>
#include <vector>
#include <algorithm>
int main() {
    int n;
    scanf("%d", &n);
    std::vector<long long> x(n);
    for (auto &v : x) scanf("%lld", &v);
    std::sort(x.begin(), x.end());
    long long best = 0;
    for (int i = 1; i < n; i++) best = std::max(best, x[i] - x[i - 1]);
    printf("%lld\\n", best);
}
`,
    python: `import sys
def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    x = sorted(map(int, data[1:1 + n]))
    print(max(x[i] - x[i - 1] for i in range(1, n)))
main()
`,
  },
  flawed: [
    {
      flaw: 'stores coordinates in 32-bit ints, which cannot hold 2*10^9',
      language: 'cpp',
      verdict: 'WA',
      code: `#include <cstdio>
#include <vector>
#include <algorithm>
int main() {
    int n;
    scanf("%d", &n);
    std::vector<int> x(n);
    for (auto &v : x) scanf("%d", &v);
    std::sort(x.begin(), x.end());
    int best = 0;
    for (int i = 1; i < n; i++) best = std::max(best, x[i] - x[i - 1]);
    printf("%d\\n", best);
}
`,
    },
    {
      flaw: 'assumes the lanterns are given in sorted order',
      language: 'python',
      verdict: 'WA',
      code: `n = int(input())
x = list(map(int, input().split()))
print(max(abs(x[i] - x[i - 1]) for i in range(1, n)))
`,
    },
  ],
};
