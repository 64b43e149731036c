// The hardware section of a run: the profile (declared and probed), memory sampled during the run, and cost
// per solved problem counted over every sample sent.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { GPU_LOOP_QUERY, GPU_QUERY } from '../hardware-profiles/nvidia-smi.ts';
import { fakeNvidiaSmi } from '../hardware-profiles/testing/fake-nvidia-smi.ts';
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

  it('GPU memory of a local deployment: nvidia-smi in loop mode through the run, asked directly only at the start and the end', async () => {
    // A stand-in nvidia-smi first on PATH (this machine has no GPU); the simulator on 127.0.0.1 makes the
    // deployment local, so its GPUs are sampled. The run lasts a few seconds: several loop polls (1 s).
    const smi = fakeNvidiaSmi(tempDir('smi'));
    const sim = await startSimulator({ ttftMs: 300, interTokenMs: 2, correctRate: 1, noAnswerRate: 0 });
    try {
      const out = join(tempDir('hw-gpu'), 'run');
      const t0 = Date.now();
      const res = await runCli(['run', '--suite', 'aime-sample', '--limit', '3', '--samples', '2', '--concurrency', '1', '--endpoint', sim.url, '--model', 'deepseek-r1-sim', '--out', out, '--no-report', '--skip-doctor'], {
        PATH: `${dirname(smi.bin)}:${process.env.PATH}`,
      });
      expect(res.code, res.stderr).toBe(0);
      const seconds = (Date.now() - t0) / 1000;
      const memory = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).hardware.memory;
      const calls = smi.calls();
      // One loop per query for the whole run, however long it lasted.
      expect(calls.filter((c) => c.includes('-lms'))).toHaveLength(2);
      expect(calls).toContain(`${GPU_LOOP_QUERY.join(' ')} -lms 1000`);
      // Direct GPU queries: the sampler's first and last (the probe asks other fields).
      expect(calls.filter((c) => c === GPU_QUERY.join(' '))).toHaveLength(2);
      expect(seconds).toBeGreaterThan(3);
      // Loop polls report 1000 MiB more on GPU 0 each time (the direct queries 77 + 500): the peak is a loop poll's.
      expect(memory.peakGpuMemoryMb).toBeGreaterThanOrEqual(1500);
      expect((memory.peakGpuMemoryMb - 500) % 1000).toBe(0);
    } finally {
      await sim.close();
    }
  }, 60_000);
});
