// `r1bench merge` and a shard still being written by a live `r1bench run`: refused (exit 2, one line
// naming the shard and its holder) unless --partial, which merges what is stored and warns.
import { existsSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunLease } from '../runners/lease.ts';
import { startSimulator, type RunningSimulator } from '../runners/simulator/index.ts';
import { cleanTempDirs, expectOneLineFailure, runCliWithin, storedRows, tempDir } from './support/run-dir.ts';

let sim: RunningSimulator;
let root: string;
let shards: string[];

beforeAll(async () => {
  root = tempDir('merge-lock');
  const file = join(root, 'sums.jsonl');
  writeFileSync(file, Array.from({ length: 12 }, (_, i) => JSON.stringify({ id: `s${i}`, problem: `What is ${i} plus ${2 * i}?`, answer: String(3 * i) })).join('\n') + '\n');
  sim = await startSimulator({ model: 'r1', reasoningTokens: 20, suites: [`math:${file}`] });
  shards = [1, 2].map((i) => join(root, `shard${i}`));
  const runs = await Promise.all(
    shards.map((out, i) => runCliWithin(['run', '--suite', `math:${file}`, '--samples', '1', '--endpoint', sim.url, '--model', 'r1', '--shard', `${i + 1}/2`, '--out', out, '--no-report'], 60_000)),
  );
  for (const r of runs) expect(r.code, r.stderr).toBe(0);
}, 90_000);
afterAll(async () => {
  await sim?.close();
  cleanTempDirs();
});

describe('merge and a shard being written', () => {
  it('refuses it without --partial, merges and warns with it, merges quietly once it is released', async () => {
    const lease = RunLease.acquire(shards[1]!, { staleMs: 60_000 });
    try {
      const refusedOut = join(root, 'refused');
      const refused = await runCliWithin(['merge', ...shards, '-o', refusedOut], 60_000);
      expect(refused.code, refused.stderr).toBe(2);
      const line = expectOneLineFailure(refused);
      expect(line).toContain(`${shards[1]} is being written by PID ${process.pid} on ${hostname()} since`);
      expect(line).toContain('--partial');
      expect(existsSync(join(refusedOut, 'store.sqlite'))).toBe(false);

      const partialOut = join(root, 'partial');
      const partial = await runCliWithin(['merge', ...shards, '-o', partialOut, '--partial'], 60_000);
      expect(partial.code, partial.stderr).toBe(0);
      expect(partial.stderr).toMatch(new RegExp(`warning: run ${shards[1]} is being written by PID ${process.pid} on ${hostname()} since \\S+; results are partial`));
      expect(storedRows(partialOut)).toHaveLength(12);
    } finally {
      lease.release();
    }
    const after = await runCliWithin(['merge', ...shards, '-o', join(root, 'after')], 60_000);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stderr).not.toContain('being written');
  }, 120_000);
});
