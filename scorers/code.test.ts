// The code scorer end to end: model-style outputs through extraction and the real local judge.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StreamAccumulator } from '../runners/stream-accumulator.ts';
import type { CodeReference } from '../types.ts';
import { createCodeScorer, JudgeUnavailableError } from './code.ts';
import { JudgeConfigError } from './judge/index.ts';

const cacheDir = mkdtempSync(join(tmpdir(), 'r1bench-code-scorer-'));
const scorer = createCodeScorer({ cacheDir, workers: 2 });
afterAll(async () => { await scorer.close(); rmSync(cacheDir, { recursive: true, force: true }); });

const REF: CodeReference = { kind: 'code', tests: [{ input: '2 3\n', output: '5\n' }, { input: '10 -4\n', output: '6\n' }], timeLimitMs: 2000, memoryLimitMb: 256 };
const sample = (answer: string | null, finishReason = 'stop') => ({ answer, finishReason });

describe('code scorer', () => {
  it('identity and version', () => {
    expect(scorer.id).toBe('code');
    expect(scorer.version).toBe(2);
  });
  it('AC for a correct Python answer after the reasoning', async () => {
    // The stored answer is what the streaming client keeps of a raw output with inline think tags.
    const out = '<think>\nSum them.\n```python\nprint(0)\n```\n</think>\nHere is the solution:\n```python\na, b = map(int, input().split())\nprint(a + b)\n```';
    const acc = new StreamAccumulator();
    acc.onData(JSON.stringify({ choices: [{ delta: { content: out }, finish_reason: 'stop' }] }), 1);
    expect(await scorer.score(sample(acc.result(0, 2).answer), REF)).toEqual({ correct: true, extracted: 'python', verdict: 'AC' });
  });
  it('WA with the judge detail for a wrong C++ answer', async () => {
    const out = '```cpp\n#include <iostream>\nint main(){int a,b;std::cin>>a>>b;std::cout<<a*b;}\n```';
    const v = await scorer.score(sample(out), REF);
    expect(v).toMatchObject({ correct: false, extracted: 'cpp', verdict: 'WA' });
    expect(v.detail).toContain('test 1');
  });
  it('no code is a no-answer verdict, not a crash', async () => {
    expect(await scorer.score(sample('I would add the two numbers.'), REF)).toEqual({ correct: false, extracted: null, verdict: 'no-answer' });
  });
  it('cut off while reasoning is truncated; a failed request is an error', async () => {
    expect(await scorer.score(sample('<think>\nlong thought', 'length'), REF)).toMatchObject({ correct: false, verdict: 'truncated' });
    expect(await scorer.score({ answer: null, finishReason: null, error: { kind: 'http', message: '500' } }, REF)).toMatchObject({ correct: null, verdict: 'error' });
  });
  it('a length-cut answer is truncated even with a complete solution before the cut, and says it had one', async () => {
    const solved = 'Here it is:\n```python\na, b = map(int, input().split())\nprint(a + b)\n```\nComplexity: the loop runs';
    expect(await scorer.score(sample(solved, 'length'), REF)).toEqual({ correct: false, extracted: null, verdict: 'truncated', truncatedWithBox: true });
    const unfinished = 'Here it is:\n```python\na, b = map(int, input().split())\nprint(a +';
    expect(await scorer.score(sample(unfinished, 'length'), REF)).toEqual({ correct: false, extracted: null, verdict: 'truncated', truncatedWithBox: false });
  });
  it('a stored answer is read as it is: a literal think tag in it is text', async () => {
    const out = 'R1 wraps its reasoning in <think> tags; the program ignores them.\n```python\na, b = map(int, input().split())\nprint(a + b)\n```\nA stray </think> after the code changes nothing.';
    expect(await scorer.score(sample(out), REF)).toEqual({ correct: true, extracted: 'python', verdict: 'AC' });
  });
  it('rejects a non-code reference', async () => {
    await expect(async () => scorer.score(sample('x'), { kind: 'math', answer: '1' })).rejects.toThrow(TypeError);
  });
});

describe('a judge that cannot judge', () => {
  it('stops scoring with JudgeUnavailableError instead of counting the sample wrong', async () => {
    // A Piston pool that refuses connections (a closed port on this machine): no verdict is possible.
    const server = (await import('node:net')).createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    await new Promise<void>((r) => server.close(() => r()));
    const piston = createCodeScorer({ backend: 'piston', pistonUrls: [`http://127.0.0.1:${port}`] });
    try {
      await expect(piston.score(sample('```python\nprint(5)\n```'), REF)).rejects.toBeInstanceOf(JudgeUnavailableError);
    } finally {
      await piston.close();
    }
  });

  it('a Piston URL that is not http(s) is a configuration error', () => {
    expect(() => createCodeScorer({ backend: 'piston', pistonUrls: ['ftp://x'] })).toThrow(JudgeConfigError);
  });
});
