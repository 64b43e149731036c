// The hardware section of a run: the profile (declared and probed), memory sampled during the run, and cost
// per solved problem counted over every sample sent.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../runners/simulator/index.ts';
import { runCli } from './support/cli.ts';
import { cleanTempDirs, readSamplesCsv, tempDir } from './support/run-dir.ts';

afterAll(cleanTempDirs);

describe('hardware section of results.json', () => {
  it('declared profile, memory timeline summary, and cost per correct sample', async () => {
    const sim = await startSimulator({ ttftMs: 5, interTokenMs: 0.2, correctRate: 0.5, noAnswerRate: 0 });
    try {
      const dir = tempDir('hw');
      const profile = join(dir, 'profile.yaml');
      writeFileSync(profile, 'id: sim-node\nengine: r1bench-simulator\ngpu:\n  model: H200\n  count: 8\npricePerHourUsd: 36\n');
      const out = join(dir, 'run');
      const res = await runCli(['run', '--suite', 'aime-sample', '--limit', '6', '--samples', '4', '--endpoint', sim.url, '--model', 'deepseek-r1-sim', '--profile', profile, '--out', out, '--no-report']);
      expect(res.code, res.stderr).toBe(0);
      const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
      const hw = results.hardware;
      expect(hw.profile).toMatchObject({ id: 'sim-node', hostRole: 'deployment', declared: { pricePerHourUsd: 36 } });
      expect(hw.memory.harnessPeakRssMb).toBeGreaterThan(20);
      const correct = readSamplesCsv(out).filter((r) => r.correct === '1').length;
      expect(correct).toBeGreaterThan(0);
      // Cost covers every sample sent, so it is divided by every correct sample, not by items × pass@1.
      expect(hw.cost.usdPerSolvedProblem * correct).toBeCloseTo(hw.cost.costUsd, 9);
      expect(hw.cost.costUsd).toBeCloseTo((36 * results.performance.wallMs) / 3_600_000, 9);
    } finally {
      await sim.close();
    }
  }, 60_000);
});
