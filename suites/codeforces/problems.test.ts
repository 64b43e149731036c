// Every bundled problem through the real judge: both references pass, every flawed solution fails
// with the verdict it is meant to get (the O(n^2) ones by TLE). About a minute on 2 cores.
import { afterAll, describe, expect, it } from 'vitest';
import { createJudge, sandboxAvailable, type JudgeResult } from '../../scorers/judge/index.ts';
import type { CodeReference, SourceCode } from '../../types.ts';
import { loadCodeforcesSample } from './index.ts';
import type { BundledProblem } from './problem.ts';
import { problems } from './problems/index.ts';

// These programs are our own, so without a sandbox (no bubblewrap) they may run unsandboxed.
const sandbox = await sandboxAvailable();
const judge = createJudge({ unsafe: !sandbox.ok });
const suite = await loadCodeforcesSample();
afterAll(() => judge.close());

interface Run {
  name: string;
  source: SourceCode;
  want: JudgeResult['verdict'];
}

function runsOf(p: BundledProblem): Run[] {
  return [
    { name: 'C++ reference', source: { language: 'cpp', code: p.reference.cpp }, want: 'AC' },
    { name: 'Python reference', source: { language: 'python', code: p.reference.python }, want: 'AC' },
    ...p.flawed.map((f) => ({ name: `flawed ${f.language}: ${f.flaw}`, source: { language: f.language, code: f.code }, want: f.verdict })),
  ];
}

/** Starts judging now; a failure surfaces when the test awaits it, not as an unhandled rejection. */
function judgeLater(source: SourceCode, ref: CodeReference): Promise<JudgeResult> {
  const p = judge.judge(source, ref);
  p.catch(() => {});
  return p;
}

// Start every judging at once: the judge's pool keeps both cores busy while the tests await in turn.
const verdicts = new Map(
  problems.map((p) => {
    const ref = suite.items.find((it) => it.id === p.id)!.reference as CodeReference;
    return [p.id, runsOf(p).map((run) => ({ run, result: judgeLater(run.source, ref) }))] as const;
  }),
);

describe.each(problems.map((p) => [p.id, p] as const))('%s', (id) => {
  it('passes both references and fails every flawed solution as intended', { timeout: 600_000 }, async () => {
    for (const { run, result } of verdicts.get(id)!) {
      const r = await result;
      expect(`${run.name}: ${r.verdict}`, r.detail).toBe(`${run.name}: ${run.want}`);
      if (run.want !== 'AC') expect(r.failedTest).toBeDefined();
    }
  });
});

describe('flawed solutions', () => {
  it('include slow ones that must time out, in both languages', () => {
    const slow = problems.flatMap((p) => p.flawed).filter((f) => /O\(n\^2\)|O\(n\*[kq]\)/.test(f.flaw));
    expect(slow.length).toBeGreaterThanOrEqual(5);
    for (const f of slow) expect(f.verdict).toBe('TLE');
    expect(new Set(slow.map((f) => f.language))).toEqual(new Set(['cpp', 'python']));
  });

  it('cover wrong answers, time limits and crashes', () => {
    expect(new Set(problems.flatMap((p) => p.flawed.map((f) => f.verdict)))).toEqual(new Set(['WA', 'TLE', 'RE']));
  });
});

describe('checkers', () => {
  const find = (id: string) => ({
    problem: problems.find((p) => p.id === id)!,
    ref: suite.items.find((it) => it.id === id)!.reference as CodeReference,
  });
  const variant = (code: string, from: string, to: string): SourceCode => {
    expect(code).toContain(from);
    return { language: 'python', code: code.replace(from, to) };
  };

  it('p07 accepts another valid order (the reverse) and rejects a repeated jump', { timeout: 120_000 }, async () => {
    const { problem, ref } = find('p07-distinct-jumps');
    const line = 'out.append(" ".join(map(str, p)))';
    const reversed = variant(problem.reference.python, line, 'out.append(" ".join(map(str, p[::-1])))');
    expect((await judge.judge(reversed, ref)).verdict).toBe('AC');
    // Swapping the last two stones of 1 n 2 n-1 ... repeats a jump length once n >= 4.
    const swapped = variant(problem.reference.python, line, 'if n >= 4:\n            p[-1], p[-2] = p[-2], p[-1]\n        out.append(" ".join(map(str, p)))');
    expect((await judge.judge(swapped, ref)).verdict).toBe('WA');
  });

  it('p13 accepts a relative error of 5e-7 and rejects one of 5e-6', { timeout: 120_000 }, async () => {
    const { problem, ref } = find('p13-best-average');
    const line = 'print("%.9f" % lo)';
    expect((await judge.judge(variant(problem.reference.python, line, 'print("%.9f" % (lo * (1 + 5e-7) + 5e-7))'), ref)).verdict).toBe('AC');
    expect((await judge.judge(variant(problem.reference.python, line, 'print("%.9f" % (lo * (1 + 5e-6) + 5e-6))'), ref)).verdict).toBe('WA');
  });
});
