// 1800: Dijkstra with 64-bit distances. Edge cases: unreachable, parallel edges, a chain past 2^31.
import { lines, reader, type BundledProblem } from '../problem.ts';

export const problem: BundledProblem = {
  id: 'p11-toll-roads',
  index: 'K',
  title: 'Toll Roads',
  rating: 1800,
  tags: ['graphs', 'shortest paths'],
  timeLimitS: 2,
  memoryLimitMb: 256,
  description:
    'A country has n towns and m two-way roads; the i-th road joins towns u_i and v_i and costs w_i coins to use. ' +
    'Several roads may join the same pair of towns. Find the cheapest way to travel from town 1 to town n.',
  inputFormat:
    'The first line contains two integers n and m (2 <= n <= 10^5, 0 <= m <= 2*10^5). Each of the next m lines contains three integers u_i, v_i and w_i (1 <= u_i, v_i <= n, u_i != v_i, 1 <= w_i <= 10^9).',
  outputFormat: 'Print the smallest total cost of a trip from town 1 to town n, or -1 if town n cannot be reached.',
  exampleInputs: [lines([4, 4], [1, 2, 5], [2, 4, 5], [1, 3, 2], [3, 4, 9]), lines([3, 1], [1, 2, 7])],
  generate(rng) {
    const tests = [lines([2, 0]), lines([2, 2], [1, 2, 9], [2, 1, 4]), lines([3, 3], [1, 3, 100], [1, 2, 1], [2, 3, 1])];
    // A chain of 5 roads of 10^9: the cost does not fit in 32 bits.
    tests.push(lines([6, 5], ...[1, 2, 3, 4, 5].map((u) => [u, u + 1, 1e9])));
    const random = (n: number, m: number, maxW: number) => {
      const edges: number[][] = [];
      for (let v = 2; v <= n; v++) edges.push([rng.int(1, v - 1), v, rng.int(1, maxW)]); // connected
      while (edges.length < m) {
        const u = rng.int(1, n);
        const v = rng.int(1, n);
        if (u !== v) edges.push([u, v, rng.int(1, maxW)]);
      }
      return lines([n, edges.length], ...rng.shuffle(edges));
    };
    tests.push(random(50, 120, 20), random(1000, 3000, 1e9), random(8000, 16000, 1000));
    return tests;
  },
  solve(input) {
    const r = reader(input);
    const n = r.num();
    const m = r.num();
    const adj: [number, number][][] = Array.from({ length: n + 1 }, () => []);
    for (let i = 0; i < m; i++) {
      const u = r.num();
      const v = r.num();
      const w = r.num();
      adj[u]!.push([v, w]);
      adj[v]!.push([u, w]);
    }
    // Binary heap of [dist, vertex]; distances stay below 10^14, exact in a double.
    const dist = new Float64Array(n + 1).fill(Infinity);
    const heap: [number, number][] = [[0, 1]];
    dist[1] = 0;
    const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j]!, heap[i]!]);
    while (heap.length) {
      const [d, v] = heap[0]!;
      const last = heap.pop()!;
      if (heap.length) {
        heap[0] = last;
        for (let i = 0; ; ) {
          const l = 2 * i + 1;
          const c = l + 1 < heap.length && heap[l + 1]![0] < heap[l]![0] ? l + 1 : l;
          if (c >= heap.length || heap[c]![0] >= heap[i]![0]) break;
          swap(i, c);
          i = c;
        }
      }
      if (d > dist[v]!) continue;
      for (const [u, w] of adj[v]!) {
        if (d + w >= dist[u]!) continue;
        dist[u] = d + w;
        heap.push([d + w, u]);
        for (let i = heap.length - 1; i > 0 && heap[(i - 1) >> 1]![0] > heap[i]![0]; i = (i - 1) >> 1) swap(i, (i - 1) >> 1);
      }
    }
    return `${dist[n] === Infinity ? -1 : dist[n]}\n`;
  },
  reference: {
    cpp: `#include <cstdio>
#include <vector>
#include <queue>
#include <functional>
int main() {
    int n, m;
    scanf("%d %d", &n, &m);
    std::vector<std::vector<std::pair<int, long long>>> adj(n + 1);
    for (int i = 0; i < m; i++) {
        int u, v; long long w;
        scanf("%d %d %lld", &u, &v, &w);
        adj[u].push_back({v, w});
        adj[v].push_back({u, w});
    }
    const long long INF = 1LL << 62;
    std::vector<long long> dist(n + 1, INF);
    std::priority_queue<std::pair<long long, int>, std::vector<std::pair<long long, int>>, std::greater<>> pq;
    dist[1] = 0;
    pq.push({0, 1});
    while (!pq.empty()) {
        auto [d, v] = pq.top(); pq.pop();
        if (d > dist[v]) continue;
        for (auto [u, w] : adj[v])
            if (d + w < dist[u]) { dist[u] = d + w; pq.push({dist[u], u}); }
    }
    printf("%lld\\n", dist[n] == INF ? -1LL : dist[n]);
}
`,
    python: `import sys
import heapq
def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    adj = [[] for _ in range(n + 1)]
    for i in range(m):
        u, v, w = int(data[2 + 3 * i]), int(data[3 + 3 * i]), int(data[4 + 3 * i])
        adj[u].append((v, w))
        adj[v].append((u, w))
    INF = float("inf")
    dist = [INF] * (n + 1)
    dist[1] = 0
    pq = [(0, 1)]
    while pq:
        d, v = heapq.heappop(pq)
        if d > dist[v]:
            continue
        for u, w in adj[v]:
            nd = d + w
            if nd < dist[u]:
                dist[u] = nd
                heapq.heappush(pq, (nd, u))
    print(-1 if dist[n] == INF else dist[n])
main()
`,
  },
  flawed: [
    {
      flaw: 'keeps distances in 32-bit ints',
      language: 'cpp',
      verdict: 'WA',
      code: `#include <cstdio>
#include <vector>
#include <queue>
#include <functional>
int main() {
    int n, m;
    scanf("%d %d", &n, &m);
    std::vector<std::vector<std::pair<int, int>>> adj(n + 1);
    for (int i = 0; i < m; i++) {
        int u, v, w;
        scanf("%d %d %d", &u, &v, &w);
        adj[u].push_back({v, w});
        adj[v].push_back({u, w});
    }
    const int INF = 2147483647;
    std::vector<int> dist(n + 1, INF);
    std::priority_queue<std::pair<int, int>, std::vector<std::pair<int, int>>, std::greater<>> pq;
    dist[1] = 0;
    pq.push({0, 1});
    while (!pq.empty()) {
        auto [d, v] = pq.top(); pq.pop();
        if (d > dist[v]) continue;
        for (auto [u, w] : adj[v])
            if (d + w < dist[u]) { dist[u] = d + w; pq.push({dist[u], u}); }
    }
    printf("%d\\n", dist[n] == INF ? -1 : dist[n]);
}
`,
    },
    {
      flaw: 'finds the path with the fewest roads (BFS), ignoring the costs',
      language: 'python',
      verdict: 'WA',
      code: `import sys
from collections import deque
def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    adj = [[] for _ in range(n + 1)]
    for i in range(m):
        u, v, w = int(data[2 + 3 * i]), int(data[3 + 3 * i]), int(data[4 + 3 * i])
        adj[u].append((v, w))
        adj[v].append((u, w))
    cost = [-1] * (n + 1)
    cost[1] = 0
    q = deque([1])
    while q:
        v = q.popleft()
        for u, w in adj[v]:
            if cost[u] < 0 and u != 1:
                cost[u] = cost[v] + w
                q.append(u)
    print(cost[n])
main()
`,
    },
  ],
};
