// 2000, checker with tolerance: the largest average of a segment of length >= k (binary search on
// the answer). Edge cases: k = n, k = 1, a longer segment beating every length-k one.
import { lines, reader, type BundledProblem } from '../problem.ts';

/** Accepts an absolute or relative error of 1e-6 against the expected answer. */
const CHECKER = `import sys

def main():
    expected = float(open(sys.argv[2]).read().split()[0])
    out = open(sys.argv[3]).read().split()
    if len(out) != 1:
        return False
    try:
        got = float(out[0])
    except ValueError:
        return False
    if got != got:  # NaN
        return False
    return abs(got - expected) <= 1e-6 * max(1.0, abs(expected))

print(1 if main() else 0)
`;

export const problem: BundledProblem = {
  id: 'p13-best-average',
  index: 'M',
  title: 'Best Average',
  rating: 2000,
  tags: ['binary search', 'prefix sums'],
  timeLimitS: 2,
  memoryLimitMb: 256,
  description:
    'A runner logged her speed on each of n consecutive minutes: a_1, ..., a_n. A coach wants to praise her best effort that lasted at least k minutes: ' +
    'find the largest average a_l + ... + a_r divided by (r - l + 1) over all segments with r - l + 1 >= k.',
  inputFormat:
    'The first line contains two integers n and k (1 <= k <= n <= 10^5). The second line contains n integers a_1, ..., a_n (0 <= a_i <= 10^6).',
  outputFormat: 'Print the largest average. Your answer is accepted if its absolute or relative error is at most 10^-6.',
  note: 'In the first example the whole array, of average 20/3 = 6.666..., beats both segments of length 2 (average 5).',
  exampleInputs: [lines([3, 2], [10, 0, 10]), lines([5, 1], [3, 1, 4, 1, 5])],
  generate(rng) {
    const tests = [
      lines([1, 1], [0]),
      lines([1, 1], [1000000]),
      lines([4, 4], [1, 2, 3, 5]),
      lines([6, 3], [9, 0, 9, 9, 0, 9]),
      lines([7, 2], [0, 0, 7, 1, 7, 0, 0]),
    ];
    tests.push(lines([200, 17], rng.ints(200, 0, 1e6)));
    const n = 20000;
    tests.push(lines([n, 5000], rng.ints(n, 0, 1e6)));
    // Mostly low values with a long plateau: the best segment is much longer than k.
    const plateau = rng.ints(n, 0, 1000);
    for (let i = 7000; i < 12000; i++) plateau[i] = 999000 + rng.int(0, 1000);
    tests.push(lines([n, 300], plateau));
    return tests;
  },
  solve(input) {
    const r = reader(input);
    const n = r.num();
    const k = r.num();
    const a = Array.from({ length: n }, () => r.num());
    // Exact: is there a segment of length >= k with sum(a - avg) >= 0? Binary search on avg.
    const feasible = (avg: number) => {
      let pre = 0;
      let lagged = 0; // prefix sum k positions back
      let minLagged = Infinity;
      const prefix = [0];
      for (let i = 0; i < n; i++) {
        pre += a[i]! - avg;
        prefix.push(pre);
        if (i + 1 >= k) {
          lagged = prefix[i + 1 - k]!;
          minLagged = Math.min(minLagged, lagged);
          if (pre - minLagged >= 0) return true;
        }
      }
      return false;
    };
    let lo = 0;
    let hi = 1e6;
    for (let it = 0; it < 60; it++) {
      const mid = (lo + hi) / 2;
      if (feasible(mid)) lo = mid;
      else hi = mid;
    }
    return `${lo.toFixed(9)}\n`;
  },
  checker: CHECKER,
  reference: {
    cpp: `#include <cstdio>
#include <vector>
#include <algorithm>
int main() {
    int n, k;
    scanf("%d %d", &n, &k);
    std::vector<double> a(n), pre(n + 1);
    for (auto &x : a) scanf("%lf", &x);
    double lo = 0, hi = 1e6;
    for (int it = 0; it < 50; it++) {
        double mid = (lo + hi) / 2, minPre = 1e300;
        bool ok = false;
        pre[0] = 0;
        for (int i = 0; i < n && !ok; i++) {
            pre[i + 1] = pre[i] + a[i] - mid;
            if (i + 1 >= k) {
                minPre = std::min(minPre, pre[i + 1 - k]);
                if (pre[i + 1] - minPre >= 0) ok = true;
            }
        }
        if (ok) lo = mid; else hi = mid;
    }
    printf("%.9f\\n", lo);
}
`,
    python: `import sys
def main():
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    a = [int(x) for x in data[2:2 + n]]
    # prefix sums of a; the test subtracts avg * length, so no per-step float work on a
    pre = [0] * (n + 1)
    for i in range(n):
        pre[i + 1] = pre[i] + a[i]
    def feasible(avg):
        best = float("inf")
        for r in range(k, n + 1):
            v = pre[r - k] - avg * (r - k)
            if v < best:
                best = v
            if pre[r] - avg * r >= best:
                return True
        return False
    lo, hi = 0.0, 1e6
    for _ in range(42):
        mid = (lo + hi) / 2
        if feasible(mid):
            lo = mid
        else:
            hi = mid
    print("%.9f" % lo)
main()
`,
  },
  flawed: [
    {
      flaw: 'only looks at segments of length exactly k',
      language: 'cpp',
      verdict: 'WA',
      code: `#include <cstdio>
#include <vector>
#include <algorithm>
int main() {
    int n, k;
    scanf("%d %d", &n, &k);
    std::vector<long long> a(n);
    for (auto &x : a) scanf("%lld", &x);
    long long s = 0, best = 0;
    for (int i = 0; i < n; i++) {
        s += a[i];
        if (i >= k) s -= a[i - k];
        if (i >= k - 1) best = std::max(best, s);
    }
    printf("%.9f\\n", (double)best / k);
}
`,
    },
    {
      flaw: 'tries every segment with prefix sums: O(n^2)',
      language: 'python',
      verdict: 'TLE',
      code: `n, k = map(int, input().split())
a = list(map(int, input().split()))
pre = [0]
for x in a:
    pre.append(pre[-1] + x)
best = 0.0
for l in range(n):
    for r in range(l + k, n + 1):
        best = max(best, (pre[r] - pre[l]) / (r - l))
print("%.9f" % best)
`,
    },
  ],
};
