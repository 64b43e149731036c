// 1000: count pairs with a given sum. Edge cases: equal halves (k even), no pairs, a count past 2^31.
import { lines, reader, type BundledProblem } from '../problem.ts';

export const problem: BundledProblem = {
  id: 'p03-pairs-with-sum',
  index: 'C',
  title: 'Pairs with Sum',
  rating: 1000,
  tags: ['data structures', 'math'],
  timeLimitS: 2,
  memoryLimitMb: 256,
  description:
    'You are given an array a_1, ..., a_n and an integer k. Count the pairs of indices (i, j) with i < j such that a_i + a_j = k.',
  inputFormat:
    'The first line contains two integers n and k (1 <= n <= 10^5, 2 <= k <= 2*10^9). The second line contains n integers a_1, ..., a_n (1 <= a_i <= 10^9).',
  outputFormat: 'Print one integer: the number of such pairs.',
  note: 'In the first example the pairs are (1, 4), (2, 3) and (3, 5): a_1 + a_4 = 1 + 5, a_2 + a_3 = 2 + 4 and a_3 + a_5 = 4 + 2.',
  exampleInputs: [lines([5, 6], [1, 2, 4, 5, 2]), lines([3, 10], [1, 2, 3])],
  generate(rng) {
    const tests = [
      lines([1, 2], [1]),
      lines([2, 2], [1, 1]),
      lines([4, 2000000000], [1e9, 1e9, 1e9, 999999999]),
      lines([6, 8], [4, 4, 4, 4, 1, 7]),
    ];
    const n = 50000;
    tests.push(lines([n, 51], rng.ints(n, 1, 50)));
    // Large values: pairs are rare, sums pass 2^31.
    const big = rng.ints(10000, 1, 1e9);
    tests.push(lines([big.length, big[0]! + big[1]!], big));
    // C(70000, 2) > 2^31: the count needs 64 bits.
    tests.push(lines([70000, 2], Array(70000).fill(1)));
    return tests;
  },
  solve(input) {
    const r = reader(input);
    const n = r.num();
    const k = r.num();
    const seen = new Map<number, number>();
    let pairs = 0;
    for (let i = 0; i < n; i++) {
      const x = r.num();
      pairs += seen.get(k - x) ?? 0;
      seen.set(x, (seen.get(x) ?? 0) + 1);
    }
    return `${pairs}\n`;
  },
  reference: {
    cpp: `#include <cstdio>
#include <vector>
#include <algorithm>
int main() {
    int n;
    long long k;
    scanf("%d %lld", &n, &k);
    std::vector<long long> a(n);
    for (auto &v : a) scanf("%lld", &v);
    std::sort(a.begin(), a.end());
    long long pairs = 0;
    for (int i = 0; i < n; i++) {
        // partners of a[i] among later positions in sorted order
        auto range = std::equal_range(a.begin() + i + 1, a.end(), k - a[i]);
        pairs += range.second - range.first;
    }
    printf("%lld\\n", pairs);
}
`,
    python: `import sys
def main():
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    seen = {}
    pairs = 0
    for x in map(int, data[2:2 + n]):
        pairs += seen.get(k - x, 0)
        seen[x] = seen.get(x, 0) + 1
    print(pairs)
main()
`,
  },
  flawed: [
    {
      flaw: 'counts pairs in a 32-bit int, which overflows past 2^31',
      language: 'cpp',
      verdict: 'WA',
      code: `#include <cstdio>
#include <unordered_map>
int main() {
    int n;
    long long k;
    scanf("%d %lld", &n, &k);
    std::unordered_map<long long, int> seen;
    int pairs = 0;
    for (int i = 0; i < n; i++) {
        long long x;
        scanf("%lld", &x);
        auto it = seen.find(k - x);
        if (it != seen.end()) pairs += it->second;
        seen[x]++;
    }
    printf("%d\\n", pairs);
}
`,
    },
    {
      flaw: 'checks every pair: O(n^2)',
      language: 'python',
      verdict: 'TLE',
      code: `n, k = map(int, input().split())
a = list(map(int, input().split()))
pairs = 0
for i in range(n):
    for j in range(i + 1, n):
        if a[i] + a[j] == k:
            pairs += 1
print(pairs)
`,
    },
  ],
};
