// livecodebench:PATH end to end without a model: the simulator answers with the file's reference or flawed
// solution, the run is stored, and scoring judges every sample in the sandbox; results break pass@1 down
// by difficulty and platform.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { executeRun } from '../runners/index.ts';
import { startSimulator } from '../runners/simulator/index.ts';
import { createCodeScorer } from '../scorers/code.ts';
import { scoreRun } from '../scorers/score-run.ts';
import { fixtureProblems, jsonl, publishedRows } from '../suites/livecodebench/testing.ts';
import { cleanTempDirs, tempDir } from './support/run-dir.ts';

// The sandbox user must be able to reach the judge's cache: a fresh dir straight under the system tmpdir.
const judgeCache = mkdtempSync(join(tmpdir(), 'r1bench-lcb-e2e-'));
afterAll(() => {
  cleanTempDirs();
  rmSync(judgeCache, { recursive: true, force: true });
});

describe('livecodebench:PATH through the simulator', () => {
  it('scores right answers as solved and flawed ones as not, with breakdowns', async () => {
    const dir = tempDir('lcb');
    const data = join(dir, 'test5.jsonl');
    writeFileSync(data, jsonl(publishedRows(fixtureProblems, { withSolutions: true })));
    const spec = `livecodebench:${data}`;
    const sim = await startSimulator({ suites: [spec], correctRate: 0.5, noAnswerRate: 0 });
    try {
      const out = join(dir, 'run');
      await executeRun({
        model: 'deepseek-r1-sim', endpoints: [sim.url], sampling: { temperature: 0.6, topP: 0.95, maxTokens: 4096 },
        suites: [{ spec, samples: 4 }], out, concurrency: 4, maxAttempts: 2, idleTimeoutMs: 5000, totalTimeoutMs: 30_000,
      });
      const right = sim.requestLog.filter((e) => e.correctness === 'right').length;
      expect(right).toBeGreaterThan(0);
      expect(right).toBeLessThan(12);
      const results = await scoreRun(out, { codeScorer: async () => createCodeScorer({ cacheDir: judgeCache, workers: 2 }) });
      const s = results.suites[0]!;
      expect(s).toMatchObject({ id: 'livecodebench:test5', scorer: 'code', items: 3, samplesPerItem: 4, errors: 0 });
      expect(s.metrics[0]!.value).toBeCloseTo(right / 12, 10);
      expect(s.verdicts).toEqual({ AC: right, WA: 12 - right });
      expect(s.difficulties!.map((d) => d.id)).toEqual(['easy', 'medium', 'hard']);
      expect(s.platforms!.map((d) => d.id)).toEqual(['leetcode', 'atcoder', 'codeforces']);
      const perItem = (id: string) => sim.requestLog.filter((e) => e.itemKey === `${s.id}/${id}` && e.correctness === 'right').length / 4;
      expect(s.difficulties![1]!.metrics[0]!.value).toBeCloseTo(perItem('9101'), 10);
    } finally {
      await sim.close();
    }
  }, 120_000);

  it('keeps the --since/--until selection through run, resume and re-scoring', async () => {
    const dir = tempDir('lcb-window');
    const data = join(dir, 'test6.jsonl');
    writeFileSync(data, jsonl(publishedRows(fixtureProblems, { withSolutions: true })));
    const spec = `livecodebench:${data}`;
    const sim = await startSimulator({ suites: [spec], correctRate: 1, noAnswerRate: 0 });
    try {
      const out = join(dir, 'run');
      // R1's window: the problem dated 2025-03-01 is left out, in the plan and when the store is re-scored.
      const suites = [{ spec, samples: 1, since: '2024-08-01', until: '2025-01-31' }];
      const opts = {
        model: 'deepseek-r1-sim', endpoints: [sim.url], sampling: { temperature: 0.6, topP: 0.95, maxTokens: 4096 },
        suites, out, concurrency: 2, maxAttempts: 2, idleTimeoutMs: 5000, totalTimeoutMs: 30_000,
      };
      await executeRun(opts);
      expect(sim.requestLog).toHaveLength(2);
      await executeRun(opts); // resume: the same selection, nothing left to send
      expect(sim.requestLog).toHaveLength(2);
      const results = await scoreRun(out, { codeScorer: async () => createCodeScorer({ cacheDir: judgeCache, workers: 2 }) });
      expect(results.suites[0]).toMatchObject({ items: 2, errors: 0 });
      expect(results.suites[0]!.missingSamples).toBeUndefined();
    } finally {
      await sim.close();
    }
  }, 120_000);
});
