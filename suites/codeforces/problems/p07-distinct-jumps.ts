// 1400, checker: any permutation whose neighbouring differences are all different. Edge cases: n = 1, 2, odd n.
import { lines, reader, type BundledProblem } from '../problem.ts';

/** Accepts any valid answer for each test case; the expected file is not needed. */
const CHECKER = `import sys

def main():
    inp = open(sys.argv[1]).read().split()
    out = open(sys.argv[3]).read().split()
    t = int(inp[0])
    pos = 0
    for case in range(t):
        n = int(inp[1 + case])
        if pos + n > len(out):
            return False
        try:
            p = [int(x) for x in out[pos:pos + n]]
        except ValueError:
            return False
        pos += n
        if sorted(p) != list(range(1, n + 1)):
            return False
        diffs = [abs(p[i] - p[i - 1]) for i in range(1, n)]
        if len(set(diffs)) != len(diffs):
            return False
    return pos == len(out)

print(1 if main() else 0)
`;

export const problem: BundledProblem = {
  id: 'p07-distinct-jumps',
  index: 'G',
  title: 'Distinct Jumps',
  rating: 1400,
  tags: ['constructive algorithms'],
  timeLimitS: 2,
  memoryLimitMb: 256,
  description:
    'A frog visits each of n stones, numbered 1 to n along a line, exactly once, in the order p_1, p_2, ..., p_n, and the length of a jump is the distance between the numbers of its stones. ' +
    'The frog is bored by repetition: all n - 1 jumps must have different lengths. Find any such order p (a permutation of 1..n).',
  inputFormat:
    'The first line contains one integer t (1 <= t <= 100), the number of test cases. Each of the next t lines contains one integer n (1 <= n <= 10^5). The sum of n over all test cases is at most 2*10^5.',
  outputFormat:
    'For each test case print n integers p_1, ..., p_n: a permutation of 1..n in which the n - 1 values |p_{i+1} - p_i| are all different. If there are several answers, print any of them.',
  note: 'In the first example, for n = 4 the jumps of 1 4 2 3 have lengths 3, 2 and 1.',
  exampleInputs: [lines(2, 4, 1)],
  generate(rng) {
    const small = Array.from({ length: 12 }, (_, i) => i + 1);
    const tests = [lines(1, 2), lines(1, 3), lines(small.length, ...small)];
    const mixed = [29999, ...rng.ints(9, 1, 1000)];
    tests.push(lines(mixed.length, ...mixed));
    return tests;
  },
  solve(input) {
    const r = reader(input);
    const t = r.num();
    const out: string[] = [];
    for (let c = 0; c < t; c++) {
      const n = r.num();
      // 1, n, 2, n-1, ...: the jumps are n-1, n-2, ..., 1.
      const p: number[] = [];
      for (let lo = 1, hi = n; lo <= hi; lo++, hi--) {
        p.push(lo);
        if (lo !== hi) p.push(hi);
      }
      out.push(p.join(' '));
    }
    return out.join('\n') + '\n';
  },
  checker: CHECKER,
  reference: {
    cpp: `#include <cstdio>
int main() {
    int t;
    scanf("%d", &t);
    while (t--) {
        int n;
        scanf("%d", &n);
        for (int lo = 1, hi = n; lo <= hi; lo++, hi--) {
            printf("%d ", lo);
            if (lo != hi) printf("%d ", hi);
        }
        printf("\\n");
    }
}
`,
    python: `import sys
def main():
    data = sys.stdin.read().split()
    t = int(data[0])
    out = []
    for c in range(t):
        n = int(data[1 + c])
        p = []
        lo, hi = 1, n
        while lo <= hi:
            p.append(lo)
            if lo != hi:
                p.append(hi)
            lo += 1
            hi -= 1
        out.append(" ".join(map(str, p)))
    print("\\n".join(out))
main()
`,
  },
  flawed: [
    {
      flaw: 'alternates from both ends but drops the middle stone when n is odd',
      language: 'python',
      verdict: 'WA',
      code: `t = int(input())
for _ in range(t):
    n = int(input())
    p = []
    for i in range(n // 2):
        p.append(i + 1)
        p.append(n - i)
    print(*p)
`,
    },
    {
      flaw: 'alternates small and large jumps, which repeats lengths for larger n',
      language: 'cpp',
      verdict: 'WA',
      code: `#include <cstdio>
int main() {
    int t;
    scanf("%d", &t);
    while (t--) {
        int n;
        scanf("%d", &n);
        // odd numbers up, then even numbers down
        for (int i = 1; i <= n; i += 2) printf("%d ", i);
        for (int i = (n % 2 == 0 ? n : n - 1); i >= 2; i -= 2) printf("%d ", i);
        printf("\\n");
    }
}
`,
    },
  ],
};
