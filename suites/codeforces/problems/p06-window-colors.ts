// 1300: distinct values in every window of length k. Edge cases: k = 1, k = n, large colour values.
import { lines, reader, type BundledProblem } from '../problem.ts';

export const problem: BundledProblem = {
  id: 'p06-window-colors',
  index: 'F',
  title: 'Window Colors',
  rating: 1300,
  tags: ['two pointers', 'data structures'],
  timeLimitS: 2,
  memoryLimitMb: 256,
  description:
    'A row of n tiles is painted; tile i has colour c_i. For every block of k consecutive tiles, from the block starting at tile 1 to the block starting at tile n - k + 1, ' +
    'find how many different colours it contains.',
  inputFormat:
    'The first line contains two integers n and k (1 <= k <= n <= 10^5). The second line contains n integers c_1, ..., c_n (1 <= c_i <= 10^9).',
  outputFormat: 'Print n - k + 1 integers: the number of different colours in each block, in order.',
  exampleInputs: [lines([6, 3], [1, 2, 1, 3, 3, 3]), lines([3, 3], [7, 7, 7])],
  generate(rng) {
    const tests = [
      lines([1, 1], [1e9]),
      lines([5, 1], [4, 4, 2, 4, 2]),
      lines([5, 5], [1e9, 1, 1e9, 2, 1]),
      lines([7, 2], [1, 1, 1, 2, 2, 1, 1]),
      lines([8, 4], [5, 6, 5, 6, 5, 6, 7, 5]),
    ];
    const n = 30000;
    tests.push(lines([n, 15000], rng.ints(n, 1, 9999)));
    tests.push(lines([n / 2, 137], rng.ints(n / 2, 1, 200).map((x) => x * 4999999)));
    return tests;
  },
  solve(input) {
    const r = reader(input);
    const n = r.num();
    const k = r.num();
    const c = Array.from({ length: n }, () => r.num());
    const count = new Map<number, number>();
    const out: number[] = [];
    for (let i = 0; i < n; i++) {
      count.set(c[i]!, (count.get(c[i]!) ?? 0) + 1);
      if (i >= k) {
        const left = c[i - k]!;
        const m = count.get(left)! - 1;
        if (m === 0) count.delete(left);
        else count.set(left, m);
      }
      if (i >= k - 1) out.push(count.size);
    }
    return out.join(' ') + '\n';
  },
  reference: {
    cpp: `#include <cstdio>
#include <vector>
#include <unordered_map>
int main() {
    int n, k;
    scanf("%d %d", &n, &k);
    std::vector<int> c(n);
    for (auto &x : c) scanf("%d", &x);
    std::unordered_map<int, int> count;
    count.reserve(2 * n);
    int distinct = 0;
    for (int i = 0; i < n; i++) {
        if (count[c[i]]++ == 0) distinct++;
        if (i >= k && --count[c[i - k]] == 0) distinct--;
        if (i >= k - 1) printf("%d%c", distinct, i == n - 1 ? '\\n' : ' ');
    }
}
`,
    python: `import sys
def main():
    data = sys.stdin.buffer.read().split()
    n, k = int(data[0]), int(data[1])
    c = data[2:2 + n]
    count = {}
    out = []
    for i in range(n):
        x = c[i]
        count[x] = count.get(x, 0) + 1
        if i >= k:
            y = c[i - k]
            m = count[y] - 1
            if m:
                count[y] = m
            else:
                del count[y]
        if i >= k - 1:
            out.append(len(count))
    print(" ".join(map(str, out)))
main()
`,
  },
  flawed: [
    {
      flaw: 'builds a new set for every window: O(n*k)',
      language: 'python',
      verdict: 'TLE',
      code: `n, k = map(int, input().split())
c = list(map(int, input().split()))
res = []
for i in range(n - k + 1):
    seen = set()
    for j in range(i, i + k):
        seen.add(c[j])
    res.append(len(seen))
print(*res)
`,
    },
    {
      flaw: 'decrements the distinct count whenever a tile leaves the window, even if its colour is still inside',
      language: 'cpp',
      verdict: 'WA',
      code: `#include <cstdio>
#include <vector>
#include <map>
int main() {
    int n, k;
    scanf("%d %d", &n, &k);
    std::vector<int> c(n);
    for (auto &x : c) scanf("%d", &x);
    std::map<int, int> count;
    int distinct = 0;
    for (int i = 0; i < n; i++) {
        if (count[c[i]]++ == 0) distinct++;
        if (i >= k) { count[c[i - k]]--; distinct--; }
        if (i >= k - 1) printf("%d ", distinct);
    }
    printf("\\n");
}
`,
    },
  ],
};
