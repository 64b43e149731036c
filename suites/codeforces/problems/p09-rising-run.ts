// 1600: longest strictly increasing subsequence of a generated sequence. n = 2*10^5 separates
// O(n log n) from O(n^2) in both languages; edge cases: constant, decreasing, equal neighbours.
import { lines, reader, type BundledProblem } from '../problem.ts';

export const problem: BundledProblem = {
  id: 'p09-rising-run',
  index: 'I',
  title: 'Rising Run',
  rating: 1600,
  tags: ['binary search', 'dp'],
  timeLimitS: 2,
  memoryLimitMb: 256,
  description:
    'A sensor produced readings x_1, x_2, ..., x_n. Because there are many of them, they are given by a generator: ' +
    'x_1 is given, and x_{i+1} = (x_i * A + B) mod M for i >= 1. ' +
    'Find the largest number of readings you can choose so that, in their original order, each chosen reading is strictly greater than the previous chosen one.',
  inputFormat:
    'The only line contains five integers n, x_1, A, B and M (1 <= n <= 2*10^5, 1 <= M <= 10^9, 0 <= x_1, A, B < M).',
  outputFormat: 'Print one integer: the length of the longest strictly increasing subsequence of x.',
  note: 'In the first example the readings are 3, 8, 3, 8, 3 (mod 10: 3*1+5 = 8, 8*1+5 = 13 -> 3, ...), and the answer is 2.',
  exampleInputs: [lines([5, 3, 1, 5, 10]), lines([6, 1, 2, 0, 1000])],
  generate(rng) {
    const tests = [
      lines([1, 0, 0, 0, 1]),
      lines([10, 0, 1, 1, 1000000000]), // 0, 1, 2, ...: all of them
      lines([10, 999999999, 1, 999999999, 1000000000]), // strictly decreasing
      lines([7, 5, 1, 0, 9]), // constant: strictness matters
      lines([200000, 4, 1, 1, 5]), // 4, 0, 1, 2, 3, 4, 0, ...
    ];
    for (let i = 0; i < 2; i++) tests.push(lines([200000, rng.int(0, 999999936), rng.int(1, 999999936), rng.int(0, 999999936), 999999937]));
    tests.push(lines([200000, 1, 48271, 0, 2147483647 % 1000000000]));
    return tests;
  },
  solve(input) {
    const r = reader(input);
    const n = r.num();
    let x = r.big();
    const A = r.big();
    const B = r.big();
    const M = r.big();
    const tails: number[] = []; // tails[len-1]: smallest last value of an increasing run of length len
    for (let i = 0; i < n; i++) {
      const v = Number(x);
      let lo = 0;
      let hi = tails.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (tails[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      tails[lo] = v;
      x = (x * A + B) % M;
    }
    return `${tails.length}\n`;
  },
  reference: {
    cpp: `#include <cstdio>
#include <vector>
#include <algorithm>
int main() {
    long long n, x, A, B, M;
    scanf("%lld %lld %lld %lld %lld", &n, &x, &A, &B, &M);
    std::vector<long long> tails;
    for (long long i = 0; i < n; i++) {
        auto it = std::lower_bound(tails.begin(), tails.end(), x);
        if (it == tails.end()) tails.push_back(x);
        else *it = x;
        x = (x * A + B) % M;
    }
    printf("%zu\\n", tails.size());
}
`,
    python: `import sys
from bisect import bisect_left
def main():
    n, x, A, B, M = map(int, sys.stdin.read().split())
    tails = []
    for _ in range(n):
        k = bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
        else:
            tails[k] = x
        x = (x * A + B) % M
    print(len(tails))
main()
`,
  },
  flawed: [
    {
      flaw: 'uses upper_bound, so equal readings count as increasing',
      language: 'cpp',
      verdict: 'WA',
      code: `#include <cstdio>
#include <vector>
#include <algorithm>
int main() {
    long long n, x, A, B, M;
    scanf("%lld %lld %lld %lld %lld", &n, &x, &A, &B, &M);
    std::vector<long long> tails;
    for (long long i = 0; i < n; i++) {
        auto it = std::upper_bound(tails.begin(), tails.end(), x);
        if (it == tails.end()) tails.push_back(x);
        else *it = x;
        x = (x * A + B) % M;
    }
    printf("%zu\\n", tails.size());
}
`,
    },
    {
      flaw: 'quadratic dynamic programming over all pairs: O(n^2)',
      language: 'cpp',
      verdict: 'TLE',
      code: `#include <cstdio>
#include <vector>
#include <algorithm>
int main() {
    long long n, x, A, B, M;
    scanf("%lld %lld %lld %lld %lld", &n, &x, &A, &B, &M);
    std::vector<long long> a(n);
    for (long long i = 0; i < n; i++) { a[i] = x; x = (x * A + B) % M; }
    std::vector<int> best(n, 1);
    int answer = 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < i; j++)
            if (a[j] < a[i] && best[j] + 1 > best[i]) best[i] = best[j] + 1;
        answer = std::max(answer, best[i]);
    }
    printf("%d\\n", answer);
}
`,
    },
  ],
};
