// `--client-threads N` end to end through the CLI: worker threads stream and timestamp, the main thread
// keeps the scheduler and the store. Every sample stored once with true times, a clean stop on SIGINT, and
// 2,048 streams at once.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../runners/simulator/index.ts';
import { runCli, spawnCli, waitCli } from './support/cli.ts';
import { cleanTempDirs, completedCount, keyOf, storedRows, tempDir, waitFor } from './support/run-dir.ts';

const TTFT_MS = 120;
let fast: RunningSimulator;
let slow: RunningSimulator;

beforeAll(async () => {
  fast = await startSimulator({ model: 'r1', suites: ['aime-sample'], reasoningTokens: 6, ttftMs: TTFT_MS, interTokenMs: 4, preload: true });
  // Streams ~0.6 s to ~7.5 s long, as in test/signals.test.ts: some done and some in flight when the signal comes.
  slow = await startSimulator({ model: 'r1', suites: ['aime-sample'], reasoningTokens: 100, reasoningJitter: 0.9, ttftMs: 50, interTokenMs: 40, tokensPerChunk: 2 });
});
afterAll(async () => {
  await Promise.all([fast?.close(), slow?.close()]);
  cleanTempDirs();
});

interface TimedRow {
  suite_id: string;
  item_id: string;
  sample: number;
  sent_at: number;
  first_token_ms: number | null;
  error_kind: string | null;
}

function timedRows(dir: string): TimedRow[] {
  const db = new Database(join(dir, 'store.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT suite_id, item_id, sample, sent_at, first_token_ms, error_kind FROM completions').all() as TimedRow[];
  } finally {
    db.close();
  }
}

/** Every sample was asked exactly once, and each stored TTFT against the time the simulator wrote the token (ms). */
function checkOnceAndTiming(sim: RunningSimulator, from: number, rows: TimedRow[]): number[] {
  const asked = sim.requestLog.slice(from).filter((e) => e.seq >= 0);
  const perKey = new Map<string, typeof asked>();
  for (const e of asked) perKey.set(e.sampleKey, [...(perKey.get(e.sampleKey) ?? []), e]);
  expect([...perKey.values()].filter((v) => v.length !== 1)).toEqual([]);
  expect(new Set(rows.map(keyOf)).size).toBe(rows.length);
  expect(rows.filter((r) => r.error_kind !== null)).toEqual([]);
  return rows.map((r) => {
    const e = perKey.get(keyOf(r))![0]!;
    return r.sent_at + r.first_token_ms! - e.firstTokenAt!;
  });
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

describe('--client-threads', () => {
  it('2 threads: every sample stored once, TTFT within a few ms of the simulator, threads in results.json', async () => {
    const out = join(tempDir('ct2'), 'run');
    const from = fast.requestLog.length;
    const res = await runCli(['run', '--suite', 'aime-sample', '--samples', '2', '--endpoint', fast.url, '--model', 'r1', '--out', out, '--concurrency', '24', '--client-threads', '2', '--no-report']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).not.toMatch(/^\s+at /m);
    const rows = timedRows(out);
    expect(rows).toHaveLength(72);
    const errors = checkOnceAndTiming(fast, from, rows);
    expect(Math.min(...errors)).toBeGreaterThanOrEqual(-1); // never before the server wrote the token
    expect(pct(errors, 50)).toBeLessThan(10);
    expect(Math.min(...rows.map((r) => r.first_token_ms!))).toBeGreaterThanOrEqual(TTFT_MS - 1);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.performance.client.threads).toBe(2);
    expect(results.performance.client.cpuPct).toBeGreaterThan(0);
    // Each client thread reports its own wait for a CPU (Linux) as the wait since its last report; the worst
    // thread's is kept. (A thread sending its running total instead would read far above this.)
    if (process.platform === 'linux') {
      expect(results.performance.client.cpuWaitPct).toBeGreaterThanOrEqual(0);
      expect(results.performance.client.cpuWaitPct).toBeLessThan(50);
    }
  }, 120_000);

  it('a bad --client-threads is one line, exit 2', async () => {
    for (const bad of ['0', '1.5', '300']) {
      const res = await runCli(['run', '--suite', 'aime-sample', '--endpoint', fast.url, '--model', 'r1', '--client-threads', bad]);
      expect(res.code).toBe(2);
      expect(res.stderr.trim()).toMatch(/^r1bench run: --client-threads expects an integer/);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('SIGINT with 2 threads stops within seconds, keeps every finished sample, resumes to the end', async () => {
    const out = join(tempDir('ct-sig'), 'run');
    const args = ['run', '--suite', 'aime-sample', '--samples', '1', '--endpoint', slow.url, '--model', 'r1', '--out', out, '--concurrency', '12', '--client-threads', '2', '--no-report'];
    const child = spawnCli(args);
    const done = waitCli(child);
    expect(await waitFor(() => completedCount(out) >= 4, 40_000), 'samples arrive').toBe(true);
    const storedBefore = storedRows(out).map(keyOf);
    expect(slow.requestLog.filter((e) => e.outcome === 'pending').length, 'streams in flight').toBeGreaterThan(0);
    const t0 = Date.now();
    child.kill('SIGINT');
    const res = await done;
    expect(res.code, res.stderr).toBe(130);
    expect(Date.now() - t0).toBeLessThan(4_000);
    expect(res.stderr).not.toMatch(/^\s+at /m);
    const rows = storedRows(out);
    const keys = new Set(rows.map(keyOf));
    expect(storedBefore.every((k) => keys.has(k))).toBe(true);
    expect(rows.filter((r) => r.error_kind !== null)).toEqual([]); // nothing cut by the stop is stored
    expect(rows.length).toBeLessThan(36);
    const from = slow.requestLog.length;
    const resumed = await runCli([...args, '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(storedRows(out)).toHaveLength(36);
    expect(slow.requestLog.slice(from).filter((e) => e.seq >= 0 && keys.has(e.sampleKey))).toEqual([]);
  }, 120_000);

  it('2,048 concurrent streams over 2 threads: every sample stored once, timing errors reported', async () => {
    const out = join(tempDir('ct2048'), 'run');
    // A first token after 5 s: longer than it takes to open 2,048 connections, so all are in flight together.
    const wide = await startSimulator({ model: 'r1', suites: ['aime-sample'], reasoningTokens: 6, ttftMs: 5000, interTokenMs: 4, preload: true });
    try {
      await runWide(wide, out);
    } finally {
      await wide.close();
    }
  }, 240_000);
});

async function runWide(sim: RunningSimulator, out: string): Promise<void> {
  const from = sim.requestLog.length;
  const res = await runCli(['run', '--suite', 'aime-sample', '--samples', '57', '--endpoint', sim.url, '--model', 'r1', '--out', out, '--concurrency', '2048', '--client-threads', '2', '--max-tokens', '64', '--no-report']);
  expect(res.code, res.stderr).toBe(0);
  const rows = timedRows(out);
  expect(rows).toHaveLength(36 * 57);
  // All 2,048 were in flight together: the simulator received the first 2,048 before any of them ended.
  const asked = sim.requestLog.slice(from).filter((e) => e.seq >= 0);
  const firstEnd = Math.min(...asked.map((e) => e.endedAt!));
  expect(asked.filter((e) => e.receivedAt < firstEnd).length).toBeGreaterThanOrEqual(2048);
  const errors = checkOnceAndTiming(sim, from, rows);
  expect(Math.min(...errors)).toBeGreaterThanOrEqual(-1);
  const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
  expect(results.performance.client.threads).toBe(2);
  expect(results.performance.client.loopDelayP99Ms).toBeGreaterThanOrEqual(0);
  process.stderr.write(`2,048 streams, 2 threads: TTFT error p50 ${pct(errors, 50).toFixed(1)} ms, p99 ${pct(errors, 99).toFixed(1)} ms; worst thread loop delay p99 ${results.performance.client.loopDelayP99Ms} ms\n`);
}
