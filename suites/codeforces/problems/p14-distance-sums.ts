// 2100: sum of distances from every vertex of a tree (rerooting). Edge cases: n = 1, a star, a path of
// 66000 vertices (deep recursion; sums past 2^31), where the O(n^2) "BFS from every vertex" is too slow.
import { lines, reader, type BundledProblem } from '../problem.ts';

export const problem: BundledProblem = {
  id: 'p14-distance-sums',
  index: 'N',
  title: 'Meeting Point',
  rating: 2100,
  tags: ['dfs and similar', 'dp', 'trees'],
  timeLimitS: 2,
  memoryLimitMb: 256,
  description:
    'A village has n houses joined by n - 1 paths of length 1 so that every house can reach every other one; house i (i >= 2) is joined to house p_i < i. ' +
    'For a house v, let S(v) be the sum of the distances from v to all the other houses. The villagers want to know both how convenient and how inconvenient a meeting point can be: ' +
    'print the smallest and the largest value of S(v) over all houses v.',
  inputFormat:
    'The first line contains one integer n (1 <= n <= 10^5). If n >= 2, the second line contains n - 1 integers p_2, ..., p_n (1 <= p_i < i).',
  outputFormat: 'Print two integers: the minimum and the maximum of S(v).',
  note: 'In the first example the houses form a path 1 - 2 - 3 - 4: S = 6, 4, 4, 6.',
  exampleInputs: [lines(4, [1, 2, 3]), lines(5, [1, 1, 1, 1])],
  generate(rng) {
    const tests = [lines(1, ''), lines(2, [1]), lines(6, [1, 2, 2, 4, 4]), lines(7, [1, 1, 2, 2, 3, 3])];
    const random = (n: number, spread: number) =>
      lines(n, Array.from({ length: n - 1 }, (_, i) => rng.int(Math.max(1, i + 2 - spread), i + 1)));
    tests.push(random(300, 1000), random(3000, 3));
    // A path: S(1) = n(n-1)/2 > 2^31, and the tree is 66000 levels deep.
    tests.push(lines(66000, Array.from({ length: 65999 }, (_, i) => i + 1)));
    tests.push(random(10000, 10000));
    return tests;
  },
  solve(input) {
    const r = reader(input);
    const n = r.num();
    const parent = new Int32Array(n + 1);
    for (let i = 2; i <= n; i++) parent[i] = r.num();
    // Parents come before children, so index order is a valid top-down order: no recursion needed.
    const size = new Float64Array(n + 1).fill(1);
    const down = new Float64Array(n + 1); // sum of distances into the subtree
    for (let v = n; v >= 2; v--) {
      size[parent[v]!]! += size[v]!;
      down[parent[v]!]! += down[v]! + size[v]!;
    }
    const s = new Float64Array(n + 1);
    s[1] = down[1]!;
    for (let v = 2; v <= n; v++) s[v] = s[parent[v]!]! + n - 2 * size[v]!;
    let min = Infinity;
    let max = -Infinity;
    for (let v = 1; v <= n; v++) {
      min = Math.min(min, s[v]!);
      max = Math.max(max, s[v]!);
    }
    return `${min} ${max}\n`;
  },
  reference: {
    cpp: `#include <cstdio>
#include <vector>
#include <algorithm>
int main() {
    int n;
    scanf("%d", &n);
    std::vector<int> p(n + 1, 0);
    for (int i = 2; i <= n; i++) scanf("%d", &p[i]);
    std::vector<long long> size(n + 1, 1), down(n + 1, 0), s(n + 1, 0);
    for (int v = n; v >= 2; v--) { size[p[v]] += size[v]; down[p[v]] += down[v] + size[v]; }
    s[1] = down[1];
    for (int v = 2; v <= n; v++) s[v] = s[p[v]] + n - 2 * size[v];
    printf("%lld %lld\\n", *std::min_element(s.begin() + 1, s.end()), *std::max_element(s.begin() + 1, s.end()));
}
`,
    python: `import sys
def main():
    data = sys.stdin.buffer.read().split()
    n = int(data[0])
    p = [0, 0] + [int(x) for x in data[1:n]]
    size = [1] * (n + 1)
    down = [0] * (n + 1)
    for v in range(n, 1, -1):
        size[p[v]] += size[v]
        down[p[v]] += down[v] + size[v]
    s = [0] * (n + 1)
    s[1] = down[1]
    for v in range(2, n + 1):
        s[v] = s[p[v]] + n - 2 * size[v]
    print(min(s[1:]), max(s[1:]))
main()
`,
  },
  flawed: [
    {
      flaw: 'recursive depth-first search, which overflows the stack on a deep tree',
      language: 'python',
      verdict: 'RE',
      code: `import sys
def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    children = [[] for _ in range(n + 1)]
    for i in range(2, n + 1):
        children[int(data[i - 1])].append(i)
    size = [1] * (n + 1)
    down = [0] * (n + 1)
    def dfs(v):
        for c in children[v]:
            dfs(c)
            size[v] += size[c]
            down[v] += down[c] + size[c]
    dfs(1)
    s = [0] * (n + 1)
    def reroot(v):
        for c in children[v]:
            s[c] = s[v] + n - 2 * size[c]
            reroot(c)
    s[1] = down[1]
    reroot(1)
    print(min(s[1:]), max(s[1:]))
main()
`,
    },
    {
      flaw: 'keeps the sums in 32-bit ints',
      language: 'cpp',
      verdict: 'WA',
      code: `#include <cstdio>
#include <vector>
#include <algorithm>
int main() {
    int n;
    scanf("%d", &n);
    std::vector<int> p(n + 1, 0), size(n + 1, 1), down(n + 1, 0), s(n + 1, 0);
    for (int i = 2; i <= n; i++) scanf("%d", &p[i]);
    for (int v = n; v >= 2; v--) { size[p[v]] += size[v]; down[p[v]] += down[v] + size[v]; }
    s[1] = down[1];
    for (int v = 2; v <= n; v++) s[v] = s[p[v]] + n - 2 * size[v];
    printf("%d %d\\n", *std::min_element(s.begin() + 1, s.end()), *std::max_element(s.begin() + 1, s.end()));
}
`,
    },
    {
      flaw: 'runs a breadth-first search from every house: O(n^2)',
      language: 'cpp',
      verdict: 'TLE',
      code: `#include <cstdio>
#include <vector>
#include <algorithm>
int main() {
    int n;
    scanf("%d", &n);
    std::vector<std::vector<int>> adj(n + 1);
    for (int i = 2; i <= n; i++) { int p; scanf("%d", &p); adj[p].push_back(i); adj[i].push_back(p); }
    long long mn = -1, mx = -1;
    std::vector<int> dist(n + 1), q(n);
    for (int s = 1; s <= n; s++) {
        std::fill(dist.begin(), dist.end(), -1);
        int h = 0, t = 0;
        q[t++] = s; dist[s] = 0;
        long long total = 0;
        while (h < t) {
            int v = q[h++];
            total += dist[v];
            for (int u : adj[v]) if (dist[u] < 0) { dist[u] = dist[v] + 1; q[t++] = u; }
        }
        if (mn < 0 || total < mn) mn = total;
        if (total > mx) mx = total;
    }
    printf("%lld %lld\\n", mn, mx);
}
`,
    },
  ],
};
