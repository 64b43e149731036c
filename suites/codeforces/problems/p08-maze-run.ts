// 1500: shortest path in a grid. Edge cases: unreachable exit, 1x1 grids, a long snake corridor.
import { lines, type BundledProblem } from '../problem.ts';

function grid(rows: string[]): string {
  return lines([rows.length, rows[0]!.length], ...rows);
}

/** A corridor that winds through the whole grid: the path is about half the cells long. */
function snake(h: number, w: number): string[] {
  const rows: string[] = [];
  for (let i = 0; i < h; i++) {
    if (i % 2 === 0) rows.push('.'.repeat(w));
    else if (i % 4 === 1) rows.push('#'.repeat(w - 1) + '.');
    else rows.push('.' + '#'.repeat(w - 1));
  }
  rows[0] = 'S' + rows[0]!.slice(1);
  const last = rows[h - 1]!;
  rows[h - 1] = (h - 1) % 4 === 0 ? last.slice(0, w - 1) + 'T' : 'T' + last.slice(1);
  return rows;
}

export const problem: BundledProblem = {
  id: 'p08-maze-run',
  index: 'H',
  title: 'Maze Run',
  rating: 1500,
  tags: ['graphs', 'shortest paths'],
  timeLimitS: 2,
  memoryLimitMb: 256,
  description:
    'A maze is an h x w grid. Each cell is free (.), a wall (#), the start (S) or the exit (T); there is exactly one S and one T. ' +
    'In one step you move to a free, S or T cell that shares a side with your cell. Find the smallest number of steps from S to T, or report that T cannot be reached.',
  inputFormat:
    'The first line contains two integers h and w (1 <= h, w <= 1000, h * w >= 2). Each of the next h lines contains a string of w characters from ".#ST".',
  outputFormat: 'Print the smallest number of steps, or -1 if the exit cannot be reached.',
  exampleInputs: [grid(['S.#', '..#', '#.T']), grid(['S#', '#T'])],
  generate(rng) {
    const tests = [grid(['ST']), grid(['S', 'T']), grid(['S.#.T']), grid(['S.', '.#', '.T']), grid(['#S#', '#.#', '#T#'])];
    const random = (h: number, w: number, wallP: number) => {
      const rows = Array.from({ length: h }, () => Array.from({ length: w }, (): string => (rng.next() < wallP ? '#' : '.')));
      rows[rng.int(0, h - 1)]![rng.int(0, w - 1)] = 'S';
      let ti: number, tj: number;
      do [ti, tj] = [rng.int(0, h - 1), rng.int(0, w - 1)];
      while (rows[ti]![tj] === 'S');
      rows[ti]![tj] = 'T';
      return grid(rows.map((r) => r.join('')));
    };
    tests.push(random(50, 60, 0.3), random(40, 40, 0.45), random(300, 300, 0.25));
    tests.push(grid(snake(301, 300)));
    return tests;
  },
  solve(input) {
    const [head, ...rows] = input.trim().split('\n');
    const [h, w] = head!.split(' ').map(Number) as [number, number];
    const cells = rows.join('');
    const dist = new Int32Array(h * w).fill(-1);
    const start = cells.indexOf('S');
    const queue = new Int32Array(h * w);
    let qh = 0;
    let qt = 0;
    queue[qt++] = start;
    dist[start] = 0;
    while (qh < qt) {
      const v = queue[qh++]!;
      if (cells[v] === 'T') return `${dist[v]}\n`;
      const i = Math.floor(v / w);
      const j = v % w;
      for (const [di, dj] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
        const ni = i + di;
        const nj = j + dj;
        const u = ni * w + nj;
        if (ni < 0 || nj < 0 || ni >= h || nj >= w || cells[u] === '#' || dist[u]! >= 0) continue;
        dist[u] = dist[v]! + 1;
        queue[qt++] = u;
      }
    }
    return '-1\n';
  },
  reference: {
    cpp: `#include <cstdio>
#include <vector>
#include <string>
#include <iostream>
int main() {
    int h, w;
    std::cin >> h >> w;
    std::vector<std::string> g(h);
    for (auto &r : g) std::cin >> r;
    std::vector<int> dist(h * w, -1), q;
    q.reserve(h * w);
    for (int i = 0; i < h; i++)
        for (int j = 0; j < w; j++)
            if (g[i][j] == 'S') { dist[i * w + j] = 0; q.push_back(i * w + j); }
    const int di[] = {1, -1, 0, 0}, dj[] = {0, 0, 1, -1};
    for (size_t k = 0; k < q.size(); k++) {
        int v = q[k], i = v / w, j = v % w;
        if (g[i][j] == 'T') { printf("%d\\n", dist[v]); return 0; }
        for (int d = 0; d < 4; d++) {
            int ni = i + di[d], nj = j + dj[d];
            if (ni < 0 || nj < 0 || ni >= h || nj >= w || g[ni][nj] == '#' || dist[ni * w + nj] >= 0) continue;
            dist[ni * w + nj] = dist[v] + 1;
            q.push_back(ni * w + nj);
        }
    }
    printf("-1\\n");
}
`,
    python: `import sys
from collections import deque
def main():
    data = sys.stdin.read().split()
    h, w = int(data[0]), int(data[1])
    cells = "".join(data[2:2 + h])
    start = cells.index("S")
    dist = [-1] * (h * w)
    dist[start] = 0
    q = deque([start])
    while q:
        v = q.popleft()
        if cells[v] == "T":
            print(dist[v])
            return
        i, j = divmod(v, w)
        d = dist[v] + 1
        if i > 0 and cells[v - w] != "#" and dist[v - w] < 0:
            dist[v - w] = d; q.append(v - w)
        if i < h - 1 and cells[v + w] != "#" and dist[v + w] < 0:
            dist[v + w] = d; q.append(v + w)
        if j > 0 and cells[v - 1] != "#" and dist[v - 1] < 0:
            dist[v - 1] = d; q.append(v - 1)
        if j < w - 1 and cells[v + 1] != "#" and dist[v + 1] < 0:
            dist[v + 1] = d; q.append(v + 1)
    print(-1)
main()
`,
  },
  flawed: [
    {
      flaw: 'also allows diagonal steps',
      language: 'cpp',
      verdict: 'WA',
      code: `#include <cstdio>
#include <vector>
#include <string>
#include <iostream>
int main() {
    int h, w;
    std::cin >> h >> w;
    std::vector<std::string> g(h);
    for (auto &r : g) std::cin >> r;
    std::vector<int> dist(h * w, -1), q;
    for (int i = 0; i < h; i++)
        for (int j = 0; j < w; j++)
            if (g[i][j] == 'S') { dist[i * w + j] = 0; q.push_back(i * w + j); }
    for (size_t k = 0; k < q.size(); k++) {
        int v = q[k], i = v / w, j = v % w;
        if (g[i][j] == 'T') { printf("%d\\n", dist[v]); return 0; }
        for (int di = -1; di <= 1; di++)
            for (int dj = -1; dj <= 1; dj++) {
                int ni = i + di, nj = j + dj;
                if (ni < 0 || nj < 0 || ni >= h || nj >= w || g[ni][nj] == '#' || dist[ni * w + nj] >= 0) continue;
                dist[ni * w + nj] = dist[v] + 1;
                q.push_back(ni * w + nj);
            }
    }
    printf("-1\\n");
}
`,
    },
    {
      flaw: 'searches depth-first and prints the length of the first path found, not the shortest',
      language: 'python',
      verdict: 'WA',
      code: `import sys
def main():
    data = sys.stdin.read().split()
    h, w = int(data[0]), int(data[1])
    g = data[2:2 + h]
    for i in range(h):
        for j in range(w):
            if g[i][j] == "S":
                si, sj = i, j
    seen = {(si, sj)}
    stack = [(si, sj, 0)]
    while stack:
        i, j, d = stack.pop()
        if g[i][j] == "T":
            print(d)
            return
        for ni, nj in ((i + 1, j), (i - 1, j), (i, j + 1), (i, j - 1)):
            if 0 <= ni < h and 0 <= nj < w and g[ni][nj] != "#" and (ni, nj) not in seen:
                seen.add((ni, nj))
                stack.append((ni, nj, d + 1))
    print(-1)
main()
`,
    },
  ],
};
