// 2200: distinct values on segments, offline with a Fenwick tree. Edge cases: l = r, all equal,
// values that repeat far apart; wide queries make the per-query scan O(n*q).
import { lines, reader, type BundledProblem } from '../problem.ts';

export const problem: BundledProblem = {
  id: 'p15-distinct-queries',
  index: 'O',
  title: 'Distinct on Segments',
  rating: 2200,
  tags: ['data structures', 'sortings'],
  timeLimitS: 2,
  memoryLimitMb: 256,
  description:
    'You are given an array a_1, ..., a_n and q questions; the j-th question asks how many different values there are among a_{l_j}, a_{l_j + 1}, ..., a_{r_j}. Answer all questions.',
  inputFormat:
    'The first line contains two integers n and q (1 <= n, q <= 10^5). The second line contains n integers a_1, ..., a_n (1 <= a_i <= 10^9). ' +
    'Each of the next q lines contains two integers l_j and r_j (1 <= l_j <= r_j <= n).',
  outputFormat: 'Print q lines: the answers in the order of the questions.',
  exampleInputs: [lines([6, 3], [1, 2, 1, 3, 2, 2], [1, 3], [2, 6], [5, 6])],
  generate(rng) {
    const tests = [
      lines([1, 1], [1e9], [1, 1]),
      lines([5, 4], [7, 7, 7, 7, 7], [1, 5], [2, 3], [4, 4], [1, 1]),
      lines([6, 3], [1, 2, 3, 1, 2, 3], [1, 6], [2, 4], [3, 5]),
      lines([5, 2], [1e9, 1, 1e9, 1, 1e9], [1, 5], [2, 2]),
    ];
    const random = (n: number, q: number, values: number, wide: boolean) => {
      const qs = Array.from({ length: q }, () => {
        const l = wide ? rng.int(1, 100) : rng.int(1, n);
        return [l, wide ? rng.int(n - 100, n) : rng.int(l, n)];
      });
      return lines([n, q], rng.ints(n, 1, values).map((x) => x * 9973), ...qs);
    };
    tests.push(random(50, 50, 8, false), random(2000, 2000, 500, false), random(12000, 12000, 20000, true));
    return tests;
  },
  solve(input) {
    const r = reader(input);
    const n = r.num();
    const q = r.num();
    const a = Array.from({ length: n }, () => r.num());
    const queries = Array.from({ length: q }, (_, j) => ({ l: r.num(), r: r.num(), j })).sort((x, y) => x.r - y.r);
    // Sweep r; a Fenwick tree marks only the last occurrence of each value seen so far.
    const tree = new Int32Array(n + 1);
    const add = (i: number, v: number) => {
      for (; i <= n; i += i & -i) tree[i]! += v;
    };
    const prefix = (i: number) => {
      let s = 0;
      for (; i > 0; i -= i & -i) s += tree[i]!;
      return s;
    };
    const last = new Map<number, number>();
    const answer = new Array<number>(q);
    let k = 0;
    for (let i = 1; i <= n; i++) {
      const prev = last.get(a[i - 1]!);
      if (prev) add(prev, -1);
      add(i, 1);
      last.set(a[i - 1]!, i);
      for (; k < q && queries[k]!.r === i; k++) answer[queries[k]!.j] = prefix(i) - prefix(queries[k]!.l - 1);
    }
    return answer.join('\n') + '\n';
  },
  reference: {
    cpp: `#include <cstdio>
#include <vector>
#include <algorithm>
#include <unordered_map>
int n;
std::vector<int> tree;
void add(int i, int v) { for (; i <= n; i += i & -i) tree[i] += v; }
int prefix(int i) { int s = 0; for (; i > 0; i -= i & -i) s += tree[i]; return s; }
int main() {
    int q;
    scanf("%d %d", &n, &q);
    std::vector<int> a(n + 1);
    for (int i = 1; i <= n; i++) scanf("%d", &a[i]);
    std::vector<int> l(q), r(q), order(q), answer(q);
    for (int j = 0; j < q; j++) { scanf("%d %d", &l[j], &r[j]); order[j] = j; }
    std::sort(order.begin(), order.end(), [&](int x, int y) { return r[x] < r[y]; });
    tree.assign(n + 1, 0);
    std::unordered_map<int, int> last;
    last.reserve(2 * n);
    int k = 0;
    for (int i = 1; i <= n; i++) {
        auto it = last.find(a[i]);
        if (it != last.end()) add(it->second, -1);
        add(i, 1);
        last[a[i]] = i;
        for (; k < q && r[order[k]] == i; k++) answer[order[k]] = prefix(i) - prefix(l[order[k]] - 1);
    }
    for (int j = 0; j < q; j++) printf("%d\\n", answer[j]);
}
`,
    python: `import sys
def main():
    data = sys.stdin.buffer.read().split()
    n, q = int(data[0]), int(data[1])
    a = data[2:2 + n]
    ls = [int(x) for x in data[2 + n::2]]
    rs = [int(x) for x in data[3 + n::2]]
    by_r = [[] for _ in range(n + 1)]
    for j in range(q):
        by_r[rs[j]].append(j)
    tree = [0] * (n + 1)
    answer = [0] * q
    last = {}
    for i in range(1, n + 1):
        x = a[i - 1]
        p = last.get(x)
        if p:
            while p <= n:
                tree[p] -= 1
                p += p & -p
        p = i
        while p <= n:
            tree[p] += 1
            p += p & -p
        last[x] = i
        if by_r[i]:
            # every question ending here: prefix(i) minus prefix(l - 1)
            s = 0
            p = i
            while p > 0:
                s += tree[p]
                p -= p & -p
            for j in by_r[i]:
                t = 0
                p = ls[j] - 1
                while p > 0:
                    t += tree[p]
                    p -= p & -p
                answer[j] = s - t
    sys.stdout.write("\\n".join(map(str, answer)) + "\\n")
main()
`,
  },
  flawed: [
    {
      flaw: 'counts the places where a value differs from its left neighbour, which only works for grouped values',
      language: 'cpp',
      verdict: 'WA',
      code: `#include <cstdio>
#include <vector>
int main() {
    int n, q;
    scanf("%d %d", &n, &q);
    std::vector<int> a(n + 1), change(n + 1, 0);
    for (int i = 1; i <= n; i++) scanf("%d", &a[i]);
    for (int i = 2; i <= n; i++) change[i] = change[i - 1] + (a[i] != a[i - 1]);
    while (q--) {
        int l, r;
        scanf("%d %d", &l, &r);
        printf("%d\\n", change[r] - change[l] + 1);
    }
}
`,
    },
    {
      flaw: 'collects the values of every question into a set: O(n*q)',
      language: 'python',
      verdict: 'TLE',
      code: `import sys
def main():
    data = sys.stdin.read().split()
    n, q = int(data[0]), int(data[1])
    a = data[2:2 + n]
    out = []
    for j in range(q):
        l, r = int(data[2 + n + 2 * j]), int(data[3 + n + 2 * j])
        seen = set()
        for i in range(l - 1, r):
            seen.add(a[i])
        out.append(len(seen))
    print("\\n".join(map(str, out)))
main()
`,
    },
  ],
};
