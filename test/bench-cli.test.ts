// `r1bench bench` through the CLI against the simulator: a row per level, files written, a report that
// opens with the load-test table and charts and no empty accuracy sections.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSimulator } from '../runners/simulator/index.ts';
import { runCli } from './support/cli.ts';
import { cleanTempDirs, tempDir } from './support/run-dir.ts';

afterAll(cleanTempDirs);

describe('r1bench bench', () => {
  it('closed-loop levels: bench.json, bench.csv, results.json and a load-test report', async () => {
    // maxRunning 4: beyond 4 streams requests queue, so throughput must stop growing.
    const sim = await startSimulator({ ttftMs: 20, interTokenMs: 2, maxRunning: 4 });
    try {
      const out = join(tempDir('bench'), 'b');
      const res = await runCli(['bench', '--endpoint', sim.url, '--model', 'deepseek-r1-sim', '--concurrency', '1,4,8', '--requests', '8', '--output-tokens', '40', '--slo', 'ttft=1000', '--out', out]);
      expect(res.code, res.stderr).toBe(0);
      const levelLines = res.stdout.split('\n').filter((l) => l.startsWith('concurrency'));
      expect(levelLines).toHaveLength(3);
      // Each level's line says what the harness measured of itself (the CPU wait on Linux).
      for (const line of levelLines)
        expect(line).toMatch(process.platform === 'linux' ? /client loop delay p99 [\d.]+ ms, CPU \d+%, waiting for a CPU [\d.]+% of the time$/ : /client loop delay p99 [\d.]+ ms, CPU \d+%$/);
      const bench = JSON.parse(readFileSync(join(out, 'bench.json'), 'utf8'));
      expect(bench.levels.map((l: { load: number }) => l.load)).toEqual([1, 4, 8]);
      const [c1, c4, c8] = bench.curve;
      expect(c4.outputTokensPerSec).toBeGreaterThan(2 * c1.outputTokensPerSec);
      // Queued requests wait: TTFT at 8 streams is well above the 4-stream one.
      expect(c8.ttftP50Ms).toBeGreaterThan(c4.ttftP50Ms);
      expect(existsSync(join(out, 'bench.csv'))).toBe(true);
      // requests.jsonl: every measured request (not the warm-up), keyed by level, with its times.
      const requests = readFileSync(join(out, 'requests.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
      expect(requests).toHaveLength(24);
      expect(new Set(requests.map((r: { key: string }) => r.key.split('/')[0]))).toEqual(new Set(['bench:c1', 'bench:c4', 'bench:c8']));
      for (const r of requests) expect(r.ttftMs).toBeGreaterThan(0);
      expect(requests.every((r: { e2eMs: number; ttftMs: number }) => r.e2eMs >= r.ttftMs)).toBe(true);
      const html = readFileSync(join(out, 'report.html'), 'utf8');
      expect(html).toContain('r1bench load test');
      expect(html).toContain('Throughput vs concurrency');
      expect(html).toContain('concurrency 8');
      expect(html).not.toContain('id="scores"');
    } finally {
      await sim.close();
    }
  }, 120_000);

  it('--ramp-up-s: recorded in bench.json; a bad value, or one with only --rate levels, is a one-line error', async () => {
    const sim = await startSimulator({ ttftMs: 5, interTokenMs: 1 });
    try {
      const out = join(tempDir('bench-ramp'), 'b');
      const res = await runCli(['bench', '--endpoint', sim.url, '--model', 'deepseek-r1-sim', '--concurrency', '4', '--ramp-up-s', '0.2', '--requests', '8', '--output-tokens', '8', '--out', out]);
      expect(res.code, res.stderr).toBe(0);
      expect(JSON.parse(readFileSync(join(out, 'bench.json'), 'utf8')).settings.rampUpMs).toBe(200);
      for (const [args, message] of [
        [['--concurrency', '4', '--ramp-up-s=-1'], /--ramp-up-s expects a number in \[0, 3600\], got "-1"/],
        [['--rate', '2', '--ramp-up-s', '1'], /--ramp-up-s spreads the start of --concurrency levels/],
      ] as const) {
        const bad = await runCli(['bench', '--endpoint', sim.url, '--model', 'm', ...args, '--out', join(tempDir('bench-ramp-bad'), 'b')]);
        expect(bad.code).not.toBe(0);
        expect(bad.stderr.trim().split('\n')).toHaveLength(1);
        expect(bad.stderr).toMatch(message);
      }
      const run = await runCli(['run', '--suite', 'aime-sample', '--endpoint', sim.url, '--model', 'm', '--ramp-up-s', 'soon']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/--ramp-up-s expects a number in \[0, 3600\], got "soon"/);
    } finally {
      await sim.close();
    }
  }, 120_000);
});
