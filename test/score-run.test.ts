// Scoring a stored run through the library API: the same numbers every time, no request sent, a refusal
// when the data changed since the run, and a count of samples where the server ignored max_tokens.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { executeRun, RunStore } from '../runners/index.ts';
import { parseFaultSpec, startSimulator } from '../runners/simulator/index.ts';
import { scoreRun } from '../scorers/score-run.ts';
import { cleanTempDirs, tempDir } from './support/run-dir.ts';

afterAll(cleanTempDirs);

const exec = (url: string, spec: string, out: string, maxTokens = 4096, samples = 3) =>
  executeRun({
    model: 'deepseek-r1-sim',
    endpoints: [url],
    sampling: { temperature: 0.6, topP: 0.95, maxTokens },
    suites: [{ spec, samples }],
    out,
    concurrency: 8,
    maxAttempts: 2,
    idleTimeoutMs: 5000,
    totalTimeoutMs: 30_000,
  });

describe('scoreRun', () => {
  it('is repeatable, sends nothing, and refuses data that changed since the run', async () => {
    const dir = tempDir('score');
    const data = join(dir, 'set.jsonl');
    writeFileSync(data, [1, 2, 3, 4, 5].map((i) => JSON.stringify({ id: `q${i}`, problem: `What is ${i} + ${i}?`, answer: String(2 * i) })).join('\n') + '\n');
    const sim = await startSimulator({ suites: [`math:${data}`], correctRate: 0.6, noAnswerRate: 0 });
    try {
      const out = join(dir, 'run');
      await exec(sim.url, `math:${data}`, out);
      const requests = sim.requestLog.length;
      const a = await scoreRun(out);
      const b = await scoreRun(out);
      expect(sim.requestLog.length).toBe(requests);
      expect(b.suites).toEqual(a.suites);
      const suite = a.suites[0]!;
      expect(suite).toMatchObject({ id: 'math:set', items: 5, samplesPerItem: 3, errors: 0 });
      expect(suite.missingSamples).toBeUndefined();
      // pass@1 is the mean over items of each item's fraction of correct samples.
      const correct = sim.requestLog.filter((e) => e.correctness === 'right').length;
      expect(suite.metrics[0]!.value).toBeCloseTo(correct / 15, 10);

      writeFileSync(data, JSON.stringify({ id: 'q1', problem: 'changed', answer: '1' }) + '\n');
      await expect(scoreRun(out)).rejects.toThrow(/data changed since the run/);
    } finally {
      await sim.close();
    }
  });

  it('marks a run scored before it finished: missing samples and planned items', async () => {
    const sim = await startSimulator({ suites: ['aime-sample'] });
    try {
      const out = join(tempDir('score'), 'run');
      await exec(sim.url, 'aime-sample', out);
      const store = RunStore.open(out);
      store.db.prepare(`DELETE FROM completions WHERE item_id IN (SELECT DISTINCT item_id FROM completions LIMIT 2) OR (sample = 2 AND item_id = (SELECT MAX(item_id) FROM completions))`).run();
      store.close();
      const suite = (await scoreRun(out)).suites[0]!;
      expect(suite).toMatchObject({ items: 34, plannedItems: 36, missingSamples: 2 * 3 + 1 });
    } finally {
      await sim.close();
    }
  });

  it('writes schemaVersion 2: all 12 samples of 6 items wrong is 0% with a Wilson upper limit; one item has no interval', async () => {
    const dir = tempDir('score');
    const data = join(dir, 'six.jsonl');
    writeFileSync(data, [1, 2, 3, 4, 5, 6].map((i) => JSON.stringify({ id: `q${i}`, problem: `What is ${i} times 7?`, answer: String(7 * i) })).join('\n') + '\n');
    const single = join(dir, 'one.jsonl');
    writeFileSync(single, JSON.stringify({ id: 'only', problem: 'What is 3 + 4?', answer: '7' }) + '\n');
    const sim = await startSimulator({ suites: [`math:${data}`, `math:${single}`], correctRate: 0, noAnswerRate: 0 });
    try {
      const out = join(dir, 'wrong');
      await exec(sim.url, `math:${data}`, out, 4096, 2);
      const r = await scoreRun(out);
      expect(r.schemaVersion).toBe(2);
      const p1 = r.suites[0]!.metrics[0]!;
      expect(p1).toMatchObject({ name: 'pass', k: 1, value: 0, n: 6, stderr: 0 });
      expect(p1.ci95![0]).toBe(0);
      expect(p1.ci95![1]).toBeCloseTo(1.959963984540054 ** 2 / (6 + 1.959963984540054 ** 2), 12);

      const one = join(dir, 'one');
      await exec(sim.url, `math:${single}`, one, 4096, 2);
      for (const m of (await scoreRun(one)).suites[0]!.metrics) expect(m).toMatchObject({ n: 1, stderr: null, ci95: null });
    } finally {
      await sim.close();
    }
  });

  it('counts samples longer than max_tokens when the server ignores the limit', async () => {
    const sim = await startSimulator({ reasoningTokens: 200, faults: parseFaultSpec('ignore-max-tokens=1') });
    try {
      const out = join(tempDir('score'), 'run');
      await exec(sim.url, 'aime-sample', out, 50);
      const r = await scoreRun(out);
      expect(r.suites[0]!.overMaxTokens).toBe(36 * 3);
    } finally {
      await sim.close();
    }
  });
});
