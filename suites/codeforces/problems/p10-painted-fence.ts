// 1700: total length of a union of segments. Edge cases: nested segments, touching ends, one huge segment.
import { lines, reader, type BundledProblem } from '../problem.ts';

export const problem: BundledProblem = {
  id: 'p10-painted-fence',
  index: 'J',
  title: 'Painted Fence',
  rating: 1700,
  tags: ['sortings', 'greedy'],
  timeLimitS: 2,
  memoryLimitMb: 256,
  description:
    'A fence stretches from point 0 to point 10^9. n painters came by; the i-th one painted the part of the fence from point l_i to point r_i. ' +
    'Parts may overlap, and a part painted several times is still just painted. Find the total length of the painted parts of the fence.',
  inputFormat:
    'The first line contains one integer n (1 <= n <= 10^5). Each of the next n lines contains two integers l_i and r_i (0 <= l_i < r_i <= 10^9).',
  outputFormat: 'Print one integer: the total painted length.',
  note: 'In the first example the painted parts are [1, 6] and [8, 10], of total length 5 + 2 = 7.',
  exampleInputs: [lines(3, [1, 4], [3, 6], [8, 10]), lines(2, [0, 1000000000], [5, 7])],
  generate(rng) {
    const tests = [
      lines(1, [0, 1]),
      lines(2, [0, 5], [5, 9]),
      lines(3, [0, 100], [10, 20], [30, 40]),
      lines(4, [10, 20], [0, 100], [50, 60], [90, 110]),
      lines(3, [5, 6], [5, 6], [5, 6]),
    ];
    const random = (n: number, maxLen: number) =>
      Array.from({ length: n }, () => {
        const l = rng.int(0, 1e9 - 1);
        return [l, Math.min(1e9, l + rng.int(1, maxLen))];
      });
    tests.push(lines(300, ...random(300, 1e7)));
    const many = random(10000, 2e5);
    many.push([3e8, 7e8]); // swallows many others, wherever it lands in sorted order
    tests.push(lines(many.length, ...rng.shuffle(many)));
    return tests;
  },
  solve(input) {
    const r = reader(input);
    const n = r.num();
    const seg = Array.from({ length: n }, () => [r.num(), r.num()] as [number, number]).sort((a, b) => a[0] - b[0]);
    let total = 0;
    let curL = -1;
    let curR = -1;
    for (const [l, rr] of seg) {
      if (l > curR) {
        total += curR - curL;
        curL = l;
        curR = rr;
      } else curR = Math.max(curR, rr);
    }
    return `${total + curR - curL}\n`;
  },
  reference: {
    cpp: `#include <cstdio>
#include <vector>
#include <algorithm>
int main() {
    int n;
    scanf("%d", &n);
    std::vector<std::pair<long long, long long>> s(n);
    for (auto &p : s) scanf("%lld %lld", &p.first, &p.second);
    std::sort(s.begin(), s.end());
    long long total = 0, curL = -1, curR = -1;
    for (auto [l, r] : s) {
        if (l > curR) { total += curR - curL; curL = l; curR = r; }
        else curR = std::max(curR, r);
    }
    printf("%lld\\n", total + curR - curL);
}
`,
    python: `import sys
def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    vals = list(map(int, data[1:1 + 2 * n]))
    seg = sorted(zip(vals[0::2], vals[1::2]))
    total = 0
    cur_l = cur_r = -1
    for l, r in seg:
        if l > cur_r:
            total += cur_r - cur_l
            cur_l, cur_r = l, r
        elif r > cur_r:
            cur_r = r
    print(total + cur_r - cur_l)
main()
`,
  },
  flawed: [
    {
      flaw: 'extends the current run to the new right end instead of the larger one, so nested segments shrink it',
      language: 'cpp',
      verdict: 'WA',
      code: `#include <cstdio>
#include <vector>
#include <algorithm>
int main() {
    int n;
    scanf("%d", &n);
    std::vector<std::pair<long long, long long>> s(n);
    for (auto &p : s) scanf("%lld %lld", &p.first, &p.second);
    std::sort(s.begin(), s.end());
    long long total = 0, curL = -1, curR = -1;
    for (auto [l, r] : s) {
        if (l > curR) { total += curR - curL; curL = l; curR = r; }
        else curR = r;
    }
    printf("%lld\\n", total + curR - curL);
}
`,
    },
    {
      flaw: 'subtracts only the overlap with the previous segment in input order',
      language: 'python',
      verdict: 'WA',
      code: `n = int(input())
total = 0
prev = None
for _ in range(n):
    l, r = map(int, input().split())
    total += r - l
    if prev is not None:
        total -= max(0, min(r, prev[1]) - max(l, prev[0]))
    prev = (l, r)
print(total)
`,
    },
  ],
};
