// GPQA end to end: the published CSV layout through the run loop and the simulator (which answers in
// the order each sample was shown), re-scoring from the store, and the real CLI with its report.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { executeRun, RunStore } from '../runners/index.ts';
import { startSimulator } from '../runners/simulator/index.ts';
import { scoreRun } from '../scorers/score-run.ts';
import { optionOrder } from '../suites/gpqa/index.ts';
import { gpqaCsv, GPQA_ROWS, writeGpqaFiles } from '../suites/gpqa/testing.ts';
import { runCli } from './support/cli.ts';
import { cleanTempDirs, tempDir } from './support/run-dir.ts';
import { startSimulatorProcess } from './support/sim-process.ts';

afterAll(cleanTempDirs);

describe('gpqa:PATH end to end', () => {
  it('sends each sample its own option order, stores it, and scores the letters back to the original options', async () => {
    const dir = tempDir('gpqa');
    const { csv } = writeGpqaFiles(dir);
    const spec = `gpqa:${csv}`;
    const sim = await startSimulator({ suites: [spec], correctRate: 0.6, noAnswerRate: 0.05 });
    try {
      const out = join(dir, 'run');
      const k = 6;
      await executeRun({
        model: 'deepseek-r1-sim', endpoints: [sim.url], sampling: { temperature: 0.6, topP: 0.95, maxTokens: 4096 },
        suites: [{ spec, samples: k }], out, concurrency: 6, maxAttempts: 2, idleTimeoutMs: 5000, totalTimeoutMs: 30_000,
      });
      const store = RunStore.openExisting(out);
      const stored = [...store.completions('gpqa:gpqa_diamond')];
      store.close();
      expect(stored).toHaveLength(GPQA_ROWS.length * k);
      for (const c of stored) expect(c.variant!.order).toEqual(optionOrder(c.itemId, c.sample));
      expect(new Set(stored.filter((c) => c.itemId === GPQA_ROWS[0]!.id).map((c) => c.variant!.order!.join(''))).size).toBeGreaterThan(2);

      const requests = sim.requestLog.length;
      const results = await scoreRun(out);
      const again = RunStore.openExisting(out);
      const scores = again.scores('gpqa:gpqa_diamond');
      again.close();
      // The simulator read each prompt as sent: a sample it made right is scored correct through the stored order.
      const made = new Map(sim.requestLog.map((e) => [e.sampleKey, e.correctness]));
      for (const s of scores) expect(s.correct, `${s.itemId}/${s.sample}`).toBe(made.get(`gpqa:gpqa_diamond/${s.itemId}/${s.sample}`) === 'right');
      expect(scores.some((s) => s.correct && !s.extracted!.startsWith('A'))).toBe(true);
      expect(scores.filter((s) => s.correct).every((s) => s.extracted!.endsWith('(Correct Answer)'))).toBe(true);

      // Re-scoring from the store sends nothing and gives the same verdicts and numbers.
      const twice = await scoreRun(out);
      const store2 = RunStore.openExisting(out);
      expect(store2.scores('gpqa:gpqa_diamond')).toEqual(scores);
      store2.close();
      expect(twice.suites).toEqual(results.suites);
      expect(sim.requestLog.length).toBe(requests);
      const suite = results.suites[0]!;
      expect(suite).toMatchObject({ id: 'gpqa:gpqa_diamond', scorer: 'gpqa', scorerVersion: 1, items: 4, samplesPerItem: k });
      expect(suite.metrics.map((m) => `${m.name}@${m.k}`)).toEqual(expect.arrayContaining(['pass@1', 'pass@4', 'cons@4']));
      expect(suite.metrics[0]!.value).toBeCloseTo(scores.filter((s) => s.correct).length / scores.length, 10);
    } finally {
      await sim.close();
    }
  });

  it('r1bench simulate --suite gpqa:PATH and r1bench run --suite gpqa:PATH write results and a report with the shown options', async () => {
    const dir = tempDir('gpqa-cli');
    const { parquet } = writeGpqaFiles(dir);
    const spec = `gpqa:${parquet}`;
    const sim = await startSimulatorProcess(['--suite', spec, '--correct-rate', '0.7']);
    try {
      const out = join(dir, 'run');
      const res = await runCli(['run', '--suite', spec, '--samples', '3', '--endpoint', sim.url, '--model', 'deepseek-r1-sim', '--out', out]);
      expect(res.code, res.stderr + res.stdout).toBe(0);
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
      expect(results.suites[0]).toMatchObject({ id: 'gpqa:gpqa_diamond', scorer: 'gpqa', items: 4, samplesPerItem: 3, errors: 0 });
      expect(results.suites[0].metrics[0].value).toBeGreaterThan(0.2); // the simulator's right answers were read as right
      const html = readFileSync(join(out, 'report.html'), 'utf8');
      // 4 of Diamond's 198 questions: a subset, so DeepSeek-R1's published 71.5 is not shown as its mark.
      expect(html).not.toContain('71.5%');
      expect(html).toContain('options as shown');
      const order = optionOrder(GPQA_ROWS[2]!.id, 1);
      const options = ['One', 'Two', 'Three', 'Six'];
      expect(html).toContain(JSON.stringify(order.map((i, p) => `${'ABCD'[p]}) ${options[i]}`).join('\n')).slice(1, -1));
      const line = readFileSync(join(out, 'report.samples.jsonl'), 'utf8').split('\n').find((l) => l.includes(`"item":"${GPQA_ROWS[2]!.id}","sample":1,`))!;
      expect(JSON.parse(line).variant.order).toEqual(order);
      const csv = readFileSync(join(out, 'samples.csv'), 'utf8');
      expect(csv).toMatch(/\(Correct Answer\)/);
    } finally {
      await sim.stop();
    }
  });

  it('a bad row stops the run before any request: exit 2, one line naming file, row and column', async () => {
    const dir = tempDir('gpqa-bad');
    const file = join(dir, 'gpqa_diamond.csv');
    writeFileSync(file, gpqaCsv(GPQA_ROWS, (r, i) => i === 3 && (r['Correct Answer'] = ' \n ')));
    const res = await runCli(['run', '--suite', `gpqa:${file}`, '--endpoint', 'http://127.0.0.1:9/v1', '--model', 'm', '--out', join(dir, 'run')]);
    expect(res.code).toBe(2);
    const lines = res.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/gpqa_diamond\.csv: row \d+: column "Correct Answer" is empty$/);
  });
});
