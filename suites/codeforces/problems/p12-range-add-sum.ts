// 1900: range add and range sum (Fenwick trees). Edge cases: single cells, sums past 2^31;
// 1.2*10^4 nearly full-range operations make the naive O(n*q) loop too slow.
import { lines, reader, type BundledProblem } from '../problem.ts';

export const problem: BundledProblem = {
  id: 'p12-range-add-sum',
  index: 'L',
  title: 'Range Add, Range Sum',
  rating: 1900,
  tags: ['data structures'],
  timeLimitS: 2,
  memoryLimitMb: 256,
  description:
    'You are given an array a_1, ..., a_n and q operations of two kinds: "1 l r x" adds x to every a_i with l <= i <= r; "2 l r" asks for the sum a_l + ... + a_r. Answer every question.',
  inputFormat:
    'The first line contains two integers n and q (1 <= n, q <= 10^5). The second line contains n integers a_1, ..., a_n (|a_i| <= 10^6). ' +
    'Each of the next q lines is "1 l r x" (1 <= l <= r <= n, |x| <= 10^6) or "2 l r" (1 <= l <= r <= n).',
  outputFormat: 'For each operation of the second kind print the sum on its own line.',
  exampleInputs: [lines([5, 4], [1, 2, 3, 4, 5], [2, 1, 5], [1, 2, 4, 10], [2, 3, 5], [2, 1, 1])],
  generate(rng) {
    const tests = [
      lines([1, 3], [-7], [2, 1, 1], [1, 1, 1, 1000000], [2, 1, 1]),
      lines([3, 4], [0, 0, 0], [1, 1, 3, -1000000], [1, 2, 2, 5], [2, 2, 3], [2, 1, 3]),
      lines([4, 3], [1e6, 1e6, 1e6, 1e6], [1, 1, 4, 1e6], [1, 1, 4, 1e6], [2, 1, 4]), // 1.2*10^7: fits; the next one does not
    ];
    const random = (n: number, q: number, wide: boolean) => {
      const ops: number[][] = [];
      for (let i = 0; i < q; i++) {
        const l = wide ? rng.int(1, 50) : rng.int(1, n);
        const r = wide ? rng.int(n - 50, n) : rng.int(l, n);
        ops.push(rng.next() < 0.5 ? [1, l, r, rng.int(-1e6, 1e6)] : [2, l, r]);
      }
      return lines([n, q], rng.ints(n, -1e6, 1e6), ...ops);
    };
    tests.push(random(10, 20, false), random(300, 300, false));
    tests.push(lines([3000, 1], Array(3000).fill(1e6), [2, 1, 3000])); // 3*10^9
    tests.push(random(12000, 12000, true));
    return tests;
  },
  solve(input) {
    const r = reader(input);
    const n = r.num();
    const q = r.num();
    // Two Fenwick trees in BigInt: sums reach 10^16, past exact doubles.
    const b1 = new Array<bigint>(n + 2).fill(0n);
    const b2 = new Array<bigint>(n + 2).fill(0n);
    const add = (t: bigint[], i: number, v: bigint) => {
      for (; i <= n; i += i & -i) t[i]! += v;
    };
    const sum = (t: bigint[], i: number) => {
      let s = 0n;
      for (; i > 0; i -= i & -i) s += t[i]!;
      return s;
    };
    const rangeAdd = (l: number, rr: number, x: bigint) => {
      add(b1, l, x);
      add(b1, rr + 1, -x);
      add(b2, l, x * BigInt(l - 1));
      add(b2, rr + 1, -x * BigInt(rr));
    };
    const prefix = (i: number) => sum(b1, i) * BigInt(i) - sum(b2, i);
    for (let i = 1; i <= n; i++) rangeAdd(i, i, r.big());
    const out: string[] = [];
    for (let k = 0; k < q; k++) {
      const type = r.num();
      const l = r.num();
      const rr = r.num();
      if (type === 1) rangeAdd(l, rr, r.big());
      else out.push(String(prefix(rr) - prefix(l - 1)));
    }
    return out.join('\n') + '\n';
  },
  reference: {
    cpp: `#include <cstdio>
#include <vector>
int n;
std::vector<long long> b1, b2;
void add(std::vector<long long> &t, int i, long long v) { for (; i <= n; i += i & -i) t[i] += v; }
long long sum(const std::vector<long long> &t, int i) { long long s = 0; for (; i > 0; i -= i & -i) s += t[i]; return s; }
void rangeAdd(int l, int r, long long x) { add(b1, l, x); add(b1, r + 1, -x); add(b2, l, x * (l - 1)); add(b2, r + 1, -x * r); }
long long prefix(int i) { return sum(b1, i) * i - sum(b2, i); }
int main() {
    int q;
    scanf("%d %d", &n, &q);
    b1.assign(n + 2, 0); b2.assign(n + 2, 0);
    for (int i = 1; i <= n; i++) { long long a; scanf("%lld", &a); rangeAdd(i, i, a); }
    while (q--) {
        int type, l, r;
        scanf("%d %d %d", &type, &l, &r);
        if (type == 1) { long long x; scanf("%lld", &x); rangeAdd(l, r, x); }
        else printf("%lld\\n", prefix(r) - prefix(l - 1));
    }
}
`,
    python: `import sys
def main():
    data = sys.stdin.buffer.read().split()
    n, q = int(data[0]), int(data[1])
    b1 = [0] * (n + 2)
    b2 = [0] * (n + 2)
    def add(t, i, v):
        while i <= n:
            t[i] += v
            i += i & -i
    def total(t, i):
        s = 0
        while i > 0:
            s += t[i]
            i -= i & -i
        return s
    def range_add(l, r, x):
        add(b1, l, x); add(b1, r + 1, -x)
        add(b2, l, x * (l - 1)); add(b2, r + 1, -x * r)
    def prefix(i):
        return total(b1, i) * i - total(b2, i)
    # initial values: a prefix-difference build in O(n) instead of n range adds
    a = [0] + [int(x) for x in data[2:2 + n]]
    for i in range(1, n + 1):
        d = a[i] - a[i - 1]
        add(b1, i, d)
        add(b2, i, d * (i - 1))
    pos = 2 + n
    out = []
    for _ in range(q):
        if data[pos] == b"1":
            range_add(int(data[pos + 1]), int(data[pos + 2]), int(data[pos + 3]))
            pos += 4
        else:
            l, r = int(data[pos + 1]), int(data[pos + 2])
            out.append(prefix(r) - prefix(l - 1))
            pos += 3
    sys.stdout.write("\\n".join(map(str, out)) + "\\n")
main()
`,
  },
  flawed: [
    {
      flaw: 'updates and sums cell by cell: O(n*q)',
      language: 'python',
      verdict: 'TLE',
      code: `import sys
def main():
    data = sys.stdin.read().split()
    n, q = int(data[0]), int(data[1])
    a = [0] + [int(x) for x in data[2:2 + n]]
    pos = 2 + n
    out = []
    for _ in range(q):
        if data[pos] == "1":
            l, r, x = int(data[pos + 1]), int(data[pos + 2]), int(data[pos + 3])
            for i in range(l, r + 1):
                a[i] += x
            pos += 4
        else:
            l, r = int(data[pos + 1]), int(data[pos + 2])
            s = 0
            for i in range(l, r + 1):
                s += a[i]
            out.append(s)
            pos += 3
    print("\\n".join(map(str, out)))
main()
`,
    },
    {
      flaw: 'keeps the Fenwick sums in 32-bit ints',
      language: 'cpp',
      verdict: 'WA',
      code: `#include <cstdio>
#include <vector>
int n;
std::vector<int> b1, b2;
void add(std::vector<int> &t, int i, int v) { for (; i <= n; i += i & -i) t[i] += v; }
int sum(const std::vector<int> &t, int i) { int s = 0; for (; i > 0; i -= i & -i) s += t[i]; return s; }
void rangeAdd(int l, int r, int x) { add(b1, l, x); add(b1, r + 1, -x); add(b2, l, x * (l - 1)); add(b2, r + 1, -x * r); }
int prefix(int i) { return sum(b1, i) * i - sum(b2, i); }
int main() {
    int q;
    scanf("%d %d", &n, &q);
    b1.assign(n + 2, 0); b2.assign(n + 2, 0);
    for (int i = 1; i <= n; i++) { int a; scanf("%d", &a); rangeAdd(i, i, a); }
    while (q--) {
        int type, l, r;
        scanf("%d %d %d", &type, &l, &r);
        if (type == 1) { int x; scanf("%d", &x); rangeAdd(l, r, x); }
        else printf("%d\\n", prefix(r) - prefix(l - 1));
    }
}
`,
    },
  ],
};
