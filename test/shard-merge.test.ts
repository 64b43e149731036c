// `--shard i/n` splits items by identity, whatever order the data comes in; `r1bench merge` rebuilds one
// run equal to an unsharded run with the same seed, refuses shards made with other settings (exit 2)
// and names missing shards.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../runners/simulator/index.ts';
import { cleanTempDirs, expectOneLineFailure, readResults, readSamplesCsv, runCliWithin, storedRows, tempDir } from './support/run-dir.ts';

const N = 3;
let sim: RunningSimulator;
let dir: string;
let fileA: string;
let fileB: string;
const problems = Array.from({ length: 30 }, (_, i) => ({ id: `q${String(i).padStart(2, '0')}`, problem: `Compute ${i} squared plus ${i + 1}.`, answer: String(i * i + i + 1) }));

beforeAll(async () => {
  dir = tempDir('shard');
  fileA = join(dir, 'order-a', 'set.jsonl');
  fileB = join(dir, 'order-b', 'set.jsonl');
  const write = (file: string, rows: typeof problems) => {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  };
  write(fileA, problems);
  // The same rows in another order (reversed, then every other one swapped).
  write(fileB, [...problems].reverse().map((_, i, a) => a[i % 2 === 0 ? Math.min(i + 1, a.length - 1) : i - 1]!));
  sim = await startSimulator({ model: 'r1', reasoningTokens: 20, suites: [`math:${fileA}`], correctRate: 0.5 });
});
afterAll(async () => {
  await sim?.close();
  cleanTempDirs();
});

const runArgs = (file: string, out: string, extra: string[] = []) => ['run', '--suite', `math:${file}`, '--suite-id', 'set', '--samples', '2', '--seed', '7', '--endpoint', sim.url, '--model', 'r1', '--out', out, '--no-report', ...extra];

async function run(args: string[]): Promise<void> {
  const res = await runCliWithin(args, 60_000);
  expect(res.code, res.stderr).toBe(0);
}

/** item → its verdicts by sample, from samples.csv (what a user sees). */
function verdicts(out: string): Map<string, string> {
  return new Map(readSamplesCsv(out).map((r) => [`${r.item}/${r.sample}`, `${r.correct}|${r.extracted}`]));
}

const itemsOf = (out: string) => [...new Set(storedRows(out).map((r) => r.item_id))].sort();

describe('sharding and merging', () => {
  const shardDirs = (tag: string) => Array.from({ length: N }, (_, i) => join(dir, `${tag}-shard${i + 1}`));

  it('splits items the same way whatever the order of the file, into disjoint shards covering every item', async () => {
    const a = shardDirs('a');
    const b = shardDirs('b');
    await Promise.all(a.map((out, i) => run(runArgs(fileA, out, ['--shard', `${i + 1}/${N}`]))));
    await Promise.all(b.map((out, i) => run(runArgs(fileB, out, ['--shard', `${i + 1}/${N}`]))));
    const shardsA = a.map(itemsOf);
    const shardsB = b.map(itemsOf);
    expect(shardsB).toEqual(shardsA);
    expect(shardsA.flat().sort()).toEqual(problems.map((p) => p.id).sort());
    expect(shardsA.every((s) => s.length > 0 && s.length < problems.length)).toBe(true);
  }, 120_000);

  it('merge of all shards equals the unsharded run with the same seed: same items, same verdicts', async () => {
    const whole = join(dir, 'whole');
    await run(runArgs(fileA, whole));
    const merged = join(dir, 'merged');
    const res = await runCliWithin(['merge', ...shardDirs('a'), '-o', merged], 60_000);
    expect(res.code, res.stderr).toBe(0);
    expect(itemsOf(merged)).toEqual(itemsOf(whole));
    expect(storedRows(merged)).toHaveLength(problems.length * 2);
    expect(verdicts(merged)).toEqual(verdicts(whole));
    // The shards' hardware records travel with the merge, and throughput counts only busy time.
    expect(readResults(merged).hardware.profile.hostRole).toBe('deployment');
    const [m, w] = [readResults(merged).suites[0], readResults(whole).suites[0]];
    expect(m.items).toBe(w.items);
    expect(m.metrics.map((x: any) => [x.name, x.k, x.value])).toEqual(w.metrics.map((x: any) => [x.name, x.k, x.value]));
  }, 90_000);

  it('refuses to merge a shard made with other settings (exit 2, one line naming it)', async () => {
    const odd = join(dir, 'odd-shard3');
    await run(runArgs(fileA, odd, ['--shard', `3/${N}`, '--temperature', '0.9']));
    const out = join(dir, 'merged-odd');
    const [s1, s2] = shardDirs('a');
    const res = await runCliWithin(['merge', s1!, s2!, odd, '-o', out], 60_000);
    const line = expectOneLineFailure(res);
    expect(res.code).toBe(2);
    expect(line).toContain(odd);
    expect(line).toMatch(/temperature/);
    expect(existsSync(join(out, 'store.sqlite'))).toBe(false);
  }, 90_000);

  it('refuses shards of differently ordered data files (their content differs), exit 2', async () => {
    const [s1, s2] = shardDirs('a');
    const b3 = shardDirs('b')[2]!;
    const res = await runCliWithin(['merge', s1!, s2!, b3, '-o', join(dir, 'merged-mixed')], 60_000);
    expect(expectOneLineFailure(res)).toMatch(/data changed|content hash/);
    expect(res.code).toBe(2);
  }, 60_000);

  it('names the missing shard; with --partial merges what there is and says what is missing', async () => {
    const [s1, , s3] = shardDirs('a');
    const refused = await runCliWithin(['merge', s1!, s3!, '-o', join(dir, 'merged-missing')], 60_000);
    expect(expectOneLineFailure(refused)).toContain(`2/${N}`);
    expect(refused.code).toBe(2);

    const out = join(dir, 'merged-partial');
    const partial = await runCliWithin(['merge', s1!, s3!, '-o', out, '--partial'], 60_000);
    expect(partial.code, partial.stderr).toBe(0);
    expect(partial.stderr).toMatch(/missing shards?: 2/);
    expect(itemsOf(out)).toEqual([...itemsOf(s1!), ...itemsOf(s3!)].sort());
  }, 60_000);
});
