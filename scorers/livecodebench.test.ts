// LiveCodeBench judging through the real sandbox (bubblewrap, /usr/bin/python3): each fixture problem's
// reference solution passes and its flawed one fails, for stdin and functional tests, with
// LiveCodeBench's comparisons; plus the breakdown by difficulty and platform.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSuite } from '../suites/registry.ts';
import { fixtureProblems, jsonl, publishedRows } from '../suites/livecodebench/testing.ts';
import type { Reference } from '../types.ts';
import { createCodeScorer } from './code.ts';
import { liveCodeBenchBreakdown } from './livecodebench.ts';

const dir = mkdtempSync(join(tmpdir(), 'r1bench-lcb-judge-'));
const cacheDir = mkdtempSync(join(tmpdir(), 'r1bench-lcb-cache-'));
const scorer = createCodeScorer({ cacheDir, workers: 2 });
afterAll(async () => {
  await scorer.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});
const file = join(dir, 'test.jsonl');
writeFileSync(file, jsonl(publishedRows(fixtureProblems)));
const suite = await loadSuite(`livecodebench:${file}`);
const ref = (id: string): Reference => suite.items.find((i) => i.id === id)!.reference;
const answer = (code: string, tag = 'python') => ({ answer: `Here it is.\n\n\`\`\`${tag}\n${code}\`\`\`\n`, finishReason: 'stop' });

describe('LiveCodeBench judging in the sandbox', () => {
  for (const p of fixtureProblems) {
    it(`${p.question_id} (${p.funcName ? 'functional' : 'stdin'}): the reference passes, the flawed solution fails`, async () => {
      expect(await scorer.score(answer(p.reference), ref(p.question_id))).toMatchObject({ correct: true, verdict: 'AC', extracted: 'python' });
      const bad = await scorer.score(answer(p.flawed), ref(p.question_id));
      expect(bad).toMatchObject({ correct: false, verdict: 'WA' });
    });
  }

  it('says where a functional answer differs (a tuple counts as a list; a wrong value does not)', async () => {
    const v = await scorer.score(answer(fixtureProblems[1]!.flawed), ref('9101'));
    expect(v.detail).toBe('test 3: expected [-2, 9], got [5, 0]');
  });

  it('compares stdin output line by line, as decimals when the text differs, and counts lines', async () => {
    const extraLine = 'n = int(input())\nxs = list(map(int, input().split()))\nprint(sum(x for x in xs if x % 2 == 0))\nprint()\nprint("done")\n';
    expect(await scorer.score(answer(extraLine), ref('abc900_a'))).toMatchObject({ verdict: 'WA', detail: 'test 1: expected 1 lines, got 3' });
    // Trailing spaces and blank lines at the ends are stripped; 6.000 equals 6 as a decimal.
    const padded = 'import sys\nd = sys.stdin.buffer.read().split()\nprint("\\n  %s.000  \\n" % sum(int(x) for x in d[1:] if int(x) % 2 == 0))\n';
    expect(await scorer.score(answer(padded), ref('abc900_a'))).toMatchObject({ verdict: 'AC' });
  });

  it('gives the import block (typing, collections, heapq) and reads open(0) as stdin', async () => {
    const code = 'def main():\n    data = open(0).read().split()\n    q = list(map(int, data[1:]))\n    heapify(q)\n    c: Counter = Counter(x % 2 for x in q)\n    print(sum(x for x in q if x % 2 == 0))\n\nif __name__ == "__main__":\n    main()\n';
    expect(await scorer.score(answer(code), ref('abc900_a'))).toMatchObject({ verdict: 'AC' });
  });

  it('TLE past the 6 s per test, RE with the exception, CE for a syntax error, C++ refused', async () => {
    const spin = 'class Solution:\n    def minMaxPair(self, nums):\n        while True:\n            pass\n';
    expect(await scorer.score(answer(spin), ref('9101'))).toMatchObject({ verdict: 'TLE', detail: 'test 1: over 6 s' });
    const raise = 'class Solution:\n    def minMaxPair(self, nums):\n        return [nums[5], 0]\n';
    expect(await scorer.score(answer(raise), ref('9101'))).toMatchObject({ verdict: 'RE', detail: 'test 1: IndexError: list index out of range' });
    expect(await scorer.score(answer('def f(:\n  pass\n'), ref('9101'))).toMatchObject({ verdict: 'CE' });
    const cpp = await scorer.score(answer('#include <cstdio>\nint main(){puts("0");}\n', 'cpp'), ref('abc900_a'));
    expect(cpp).toMatchObject({ correct: false, verdict: 'CE', detail: "LiveCodeBench judges Python; the answer's code is cpp" });
  }, 60_000);

  it('a top-level function serves functional tests when there is no Solution class', async () => {
    const code = 'def minMaxPair(nums):\n    return sorted(nums)[0], sorted(nums)[-1]\n';
    expect(await scorer.score(answer(code), ref('9101'))).toMatchObject({ verdict: 'AC' });
  });
});

describe('liveCodeBenchBreakdown', () => {
  it('gives pass@1 per difficulty (easy, medium, hard) and per platform', () => {
    const samples = [
      { itemId: 'abc900_a', correct: [true, true], extracted: [null, null] },
      { itemId: '9101', correct: [true, false], extracted: [null, null] },
      { itemId: '2077C', correct: [false, false], extracted: [null, null] },
    ];
    const b = liveCodeBenchBreakdown(suite.items, samples);
    expect(b.difficulties!.map((d) => [d.id, d.items, d.metrics[0]!.value])).toEqual([['easy', 1, 1], ['medium', 1, 0.5], ['hard', 1, 0]]);
    expect(b.platforms!.map((d) => [d.id, d.metrics[0]!.value])).toEqual([['leetcode', 0.5], ['atcoder', 1], ['codeforces', 0]]);
  });
});
