// Clean stop: SIGINT or SIGTERM in the middle of long streams stops the CLI within seconds, keeps every
// finished sample, exits 130 and prints the command that resumes; that command then finishes the run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../runners/simulator/index.ts';
import { runCli, spawnCli, waitCli } from './support/cli.ts';
import { cleanTempDirs, completedCount, keyOf, storedRows, tempDir, waitFor } from './support/run-dir.ts';
import { join } from 'node:path';

let sim: RunningSimulator;

beforeAll(async () => {
  // Streams from ~0.6 s to ~7.5 s long: when the signal comes, some are done and some have seconds to go.
  sim = await startSimulator({ model: 'r1', suites: ['aime-sample'], reasoningTokens: 100, reasoningJitter: 0.9, ttftMs: 50, interTokenMs: 40, tokensPerChunk: 2 });
});
afterAll(async () => {
  await sim?.close();
  cleanTempDirs();
});

async function stopAndResume(signal: 'SIGINT' | 'SIGTERM'): Promise<void> {
  const out = join(tempDir(`sig-${signal}`), 'run');
  const args = ['run', '--suite', 'aime-sample', '--samples', '1', '--endpoint', sim.url, '--model', 'r1', '--out', out, '--concurrency', '12', '--no-report'];
  const child = spawnCli(args);
  const done = waitCli(child);
  expect(await waitFor(() => completedCount(out) >= 4, 40_000), 'samples arrive').toBe(true);
  const storedBefore = storedRows(out).map(keyOf);
  const inFlight = sim.requestLog.filter((e) => e.outcome === 'pending').length;
  expect(inFlight, 'long streams are in flight when the signal comes').toBeGreaterThan(0);

  const t0 = Date.now();
  child.kill(signal);
  const res = await done;
  const stopMs = Date.now() - t0;

  expect(res.code, res.stderr).toBe(130);
  expect(stopMs, `stopped in ${stopMs} ms`).toBeLessThan(4_000);
  expect(res.stderr).toContain(signal);
  expect(res.stderr).not.toMatch(/^\s+at /m);
  const rows = storedRows(out);
  // Everything finished before the signal is kept; nothing cut short by the stop is stored as a sample or an error.
  const keys = new Set(rows.map(keyOf));
  expect(storedBefore.every((k) => keys.has(k))).toBe(true);
  expect(rows.filter((r) => r.error_kind !== null)).toEqual([]);
  expect(rows.length).toBeLessThan(36);

  // The printed command, as a user would paste it.
  const m = /To resume:\s*\n\s*r1bench (run .*)$/m.exec(res.stderr);
  expect(m, res.stderr).not.toBeNull();
  const resumeArgs = m![1]!.trim().split(/\s+/);
  expect(resumeArgs).toContain('--resume');
  expect(resumeArgs.slice(resumeArgs.indexOf('--out'), resumeArgs.indexOf('--out') + 2)).toEqual(['--out', out]);
  const requestsBefore = sim.requestLog.length;
  const resumed = await runCli(resumeArgs);
  expect(resumed.code, resumed.stderr).toBe(0);
  const final = storedRows(out);
  expect(final).toHaveLength(36);
  expect(final.every((r) => r.error_kind === null && r.answer !== null)).toBe(true);
  // Resuming asks only for what was missing.
  const asked = sim.requestLog.slice(requestsBefore).map((e) => e.sampleKey);
  expect(asked.filter((k) => keys.has(k))).toEqual([]);
}

describe('clean stop on signals', () => {
  it('SIGINT stops within seconds, exits 130, prints how to resume; resuming finishes', () => stopAndResume('SIGINT'), 90_000);
  it('SIGTERM stops within seconds, exits 130, prints how to resume; resuming finishes', () => stopAndResume('SIGTERM'), 90_000);
});
