// `--shard auto/N` as a Kubernetes Indexed Job runs it: the index comes from JOB_COMPLETION_INDEX
// (0-based, k → shard k+1), the shards merge into the whole run, and a missing or out-of-range index
// stops before any request with one line (exit 2).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../runners/simulator/index.ts';
import { RunStore } from '../runners/store.ts';
import { cleanTempDirs, expectOneLineFailure, readResults, runCliWithin, storedRows, tempDir } from './support/run-dir.ts';

let sim: RunningSimulator;
let dir: string;
let file: string;
const problems = Array.from({ length: 12 }, (_, i) => ({ id: `p${i}`, problem: `What is ${i} plus ${i * 3}?`, answer: String(i * 4) }));

beforeAll(async () => {
  dir = tempDir('shard-auto');
  file = join(dir, 'data', 'sums.jsonl');
  mkdirSync(join(dir, 'data'), { recursive: true });
  writeFileSync(file, problems.map((p) => JSON.stringify(p)).join('\n') + '\n');
  sim = await startSimulator({ model: 'r1', reasoningTokens: 10, suites: [`math:${file}`], correctRate: 0.5 });
});
afterAll(async () => {
  await sim?.close();
  cleanTempDirs();
});

const runArgs = (out: string, shard: string) => ['run', '--suite', `math:${file}`, '--suite-id', 'sums', '--samples', '1', '--seed', '3', '--endpoint', sim.url, '--model', 'r1', '--out', out, '--no-report', '--shard', shard];
const items = (out: string) => [...new Set(storedRows(out).map((r) => r.item_id))].sort();

describe('--shard auto/N', () => {
  it('JOB_COMPLETION_INDEX 0 and 1 are shards 1/2 and 2/2; merged they are the whole suite', async () => {
    const outs = [0, 1].map((k) => join(dir, `job-${k}`));
    const results = await Promise.all(outs.map((out, k) => runCliWithin(runArgs(out, 'auto/2'), 60_000, { JOB_COMPLETION_INDEX: String(k) })));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    outs.forEach((out, k) => {
      const store = RunStore.openExisting(out);
      expect(store.manifest()!.shard).toEqual({ index: k + 1, count: 2 });
      store.close();
    });
    // The same split as explicit --shard 1/2 gives.
    const explicit = join(dir, 'explicit-1');
    expect((await runCliWithin(runArgs(explicit, '1/2'), 60_000)).code).toBe(0);
    expect(items(outs[0]!)).toEqual(items(explicit));
    expect([...items(outs[0]!), ...items(outs[1]!)].sort()).toEqual(problems.map((p) => p.id).sort());
    const merged = join(dir, 'merged');
    const m = await runCliWithin(['merge', ...outs, '-o', merged], 60_000);
    expect(m.code, m.stderr).toBe(0);
    expect(storedRows(merged)).toHaveLength(problems.length);
    // The harness's own load survives the merge (rebuilt from the shards' stores).
    const client = readResults(merged).performance.client;
    expect(client.threads).toBe(1);
    expect(client.loopDelayP99Ms).toBeGreaterThanOrEqual(0);
  }, 120_000);

  it('without JOB_COMPLETION_INDEX: exit 2, one line naming the variable, nothing written', async () => {
    const out = join(dir, 'no-index');
    const res = await runCliWithin(runArgs(out, 'auto/3'), 30_000, { JOB_COMPLETION_INDEX: '' });
    expect(res.code).toBe(2);
    expect(expectOneLineFailure(res)).toMatch(/JOB_COMPLETION_INDEX is not set.*--shard I\/N/);
    expect(existsSync(out)).toBe(false);
  });

  it('an index out of range (3 with auto/3, or not a number): exit 2, one line with the range', async () => {
    for (const bad of ['3', '-1', 'x']) {
      const res = await runCliWithin(runArgs(join(dir, `bad-${bad}`), 'auto/3'), 30_000, { JOB_COMPLETION_INDEX: bad });
      expect(res.code).toBe(2);
      expect(expectOneLineFailure(res)).toContain(`JOB_COMPLETION_INDEX must be a whole number from 0 to 2, got "${bad}"`);
    }
  });
});
