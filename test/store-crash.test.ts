// A store left by a crash mid-write opens cleanly: the harness is SIGKILLed while dozens of samples a
// second are being written; the store (with its WAL left behind, with or without the shared-memory
// file, even with a torn frame at the WAL's end) passes SQLite's integrity check and `r1bench score` works.
import Database from 'better-sqlite3';
import { appendFileSync, cpSync, existsSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../runners/simulator/index.ts';
import { spawnCli, waitCli } from './support/cli.ts';
import { cleanTempDirs, completedCount, keyOf, readResults, readSamplesCsv, runCliWithin, storedRows, tempDir, waitFor } from './support/run-dir.ts';

let sim: RunningSimulator;
let crashed: string;
let keysAtCrash: Set<string>;

beforeAll(async () => {
  sim = await startSimulator({ model: 'r1', suites: ['mmlu-sample'], reasoningTokens: 150, tokensPerChunk: 8 });
  crashed = join(tempDir('crash'), 'run');
  const child = spawnCli(['run', '--suite', 'mmlu-sample', '--samples', '8', '--endpoint', sim.url, '--model', 'r1', '--out', crashed, '--concurrency', '64', '--no-report']);
  const done = waitCli(child);
  const landed = await waitFor(() => completedCount(crashed) >= 200, 60_000, 20);
  child.kill('SIGKILL');
  const res = await done;
  expect(landed, 'samples were being written when the kill came').toBe(true);
  expect(res.signal).toBe('SIGKILL');
  keysAtCrash = new Set(storedRows(crashed).map(keyOf));
}, 90_000);

afterAll(async () => {
  await sim?.close();
  cleanTempDirs();
});

/** Opens the store as the harness does (read-write, so SQLite recovers the WAL) and checks it. */
function integrity(dir: string): { ok: string; rows: number } {
  const db = new Database(join(dir, 'store.sqlite'));
  try {
    const ok = db.pragma('integrity_check', { simple: true }) as string;
    const rows = (db.prepare('SELECT COUNT(*) AS n FROM completions').get() as { n: number }).n;
    return { ok, rows };
  } finally {
    db.close();
  }
}

/** `r1bench score` works and its numbers agree with the store. */
async function scoresCleanly(dir: string): Promise<void> {
  const res = await runCliWithin(['score', dir, '--no-report'], 60_000);
  expect(res.code, res.stderr).toBe(0);
  const rows = storedRows(dir);
  const results = readResults(dir);
  expect(results.suites[0].items).toBe(new Set(rows.map((r) => r.item_id)).size);
  expect(results.suites[0].errors).toBe(rows.filter((r) => r.error_kind !== null).length);
  expect(readSamplesCsv(dir)).toHaveLength(rows.length);
}

function copyOf(tag: string): string {
  const dir = join(tempDir(`crash-${tag}`), 'run');
  cpSync(crashed, dir, { recursive: true });
  return dir;
}

describe('a store left by SIGKILL during heavy writes', () => {
  it('keeps its WAL file, which holds the last commits', () => {
    expect(existsSync(join(crashed, 'store.sqlite-wal'))).toBe(true);
    expect(statSync(join(crashed, 'store.sqlite-wal')).size).toBeGreaterThan(0);
    expect(keysAtCrash.size).toBeGreaterThanOrEqual(200);
  });

  it('copied without its -shm file: opens, passes the integrity check, scores', async () => {
    const dir = copyOf('noshm');
    rmSync(join(dir, 'store.sqlite-shm'), { force: true });
    expect(integrity(dir)).toEqual({ ok: 'ok', rows: keysAtCrash.size });
    await scoresCleanly(dir);
  }, 60_000);

  it('with a torn frame at the end of the WAL (a write cut short): opens, loses no committed sample, scores', async () => {
    const dir = copyOf('torn');
    appendFileSync(join(dir, 'store.sqlite-wal'), randomBytes(3000));
    expect(integrity(dir)).toEqual({ ok: 'ok', rows: keysAtCrash.size });
    expect(new Set(storedRows(dir).map(keyOf))).toEqual(keysAtCrash);
    await scoresCleanly(dir);
  }, 60_000);

  it('as it was left: `r1bench score DIR` works, and every sample stored at the crash is still there', async () => {
    await scoresCleanly(crashed);
    expect(integrity(crashed).ok).toBe('ok');
    const now = new Set(storedRows(crashed).map(keyOf));
    expect([...keysAtCrash].every((k) => now.has(k))).toBe(true);
  }, 60_000);
});
