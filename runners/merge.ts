// Combines the stores of a sharded run (`--shard i/n` on several machines) into one run directory.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beingWrittenWarning, describeHolder, readLiveHolder } from './lease.ts';
import { settingsDiff } from './plan.ts';
import { RunStore, STORE_FILE, type RunManifest } from './store.ts';

export class MergeError extends Error {
  readonly exitCode = 2;
}

export interface MergeResult {
  out: string;
  manifest: RunManifest;
  shards: number[];
  missingShards: number[];
  completions: number;
  /** --partial: shards still being written (their lease is live), as warnings to print. */
  warnings: string[];
}

export function mergeRuns(dirs: string[], out: string, opts: { partial?: boolean } = {}): MergeResult {
  if (dirs.length === 0) throw new MergeError('give the run directories to merge');
  const warnings: string[] = [];
  for (const d of dirs) {
    const holder = readLiveHolder(d);
    if (!holder) continue;
    if (!opts.partial)
      throw new MergeError(`${d} is being written by ${describeHolder(holder)}: merge it once that run has finished, or pass --partial to merge what it has stored so far`);
    warnings.push(beingWrittenWarning(d, holder));
  }
  const manifests = dirs.map((d) => {
    if (!existsSync(join(d, STORE_FILE))) throw new MergeError(`${d}: not an r1bench run directory (${STORE_FILE} missing)`);
    const s = RunStore.open(d);
    const m = s.manifest();
    s.close();
    if (!m) throw new MergeError(`${d}: the store holds no run manifest`);
    return m;
  });
  const first = manifests[0]!;
  for (const [i, m] of manifests.entries()) {
    const diff = settingsDiff(first, m, { ignoreShard: true });
    if (diff) throw new MergeError(`${dirs[i]} was run with other settings than ${dirs[0]} (${diff}): refusing to mix them`);
    if ((m.shard?.count ?? 1) !== (first.shard?.count ?? 1)) throw new MergeError(`${dirs[i]}: shard count ${m.shard?.count ?? 1} differs from ${first.shard?.count ?? 1}`);
  }
  const count = first.shard?.count ?? 1;
  const shards = manifests.map((m) => m.shard?.index ?? 1);
  const dup = shards.find((s, i) => shards.indexOf(s) !== i);
  if (dup !== undefined) throw new MergeError(`shard ${dup}/${count} is given twice`);
  const missingShards = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !shards.includes(i));
  if (missingShards.length && !opts.partial)
    throw new MergeError(`missing shards ${missingShards.map((i) => `${i}/${count}`).join(', ')}: merge them too, or pass --partial`);
  if (existsSync(out) && readdirSync(out).length > 0) throw new MergeError(`${out} is not empty: merge into a new directory`);

  const target = RunStore.open(out);
  try {
    const suites = first.suites.map((s, i) => ({ ...s, items: manifests.reduce((a, m) => a + m.suites[i]!.items, 0) }));
    const { shard: _shard, deployment: _deployment, ...rest } = first;
    const deployment = mergeDeployment(manifests);
    const manifest: RunManifest = { ...rest, endpoints: [...new Set(manifests.flatMap((m) => m.endpoints))], suites, ...(deployment ? { deployment } : {}) };
    target.setManifest(manifest);
    const db = target.db;
    // Complete samples first from every shard, then errors only where no shard has the sample complete.
    for (const [pass, where] of ['error_kind IS NULL', 'error_kind IS NOT NULL'].entries())
      for (const d of dirs) {
        db.prepare('ATTACH DATABASE ? AS src').run(join(d, STORE_FILE));
        db.exec(`INSERT OR IGNORE INTO completions SELECT * FROM src.completions WHERE ${where}`);
        if (pass === 0) db.exec('INSERT INTO timeline SELECT * FROM src.timeline');
        db.exec('DETACH DATABASE src');
      }
    // Each shard's hardware record; the merged run keeps them all (shards may run on different machines).
    const hardware = dirs.map((d) => {
      const s = RunStore.open(d);
      const h = s.meta('hardware');
      s.close();
      return h;
    });
    if (hardware.some(Boolean)) {
      target.setMeta('hardware', hardware.find(Boolean));
      target.setMeta('shardHardware', hardware);
    }
    const completions = (db.prepare('SELECT COUNT(*) AS n FROM completions').get() as { n: number }).n;
    return { out, manifest, shards: shards.sort((a, b) => a - b), missingShards, completions, warnings };
  } finally {
    target.close();
  }
}

/** Every shard's deployment checks: each replica once, as its newest check found it. */
function mergeDeployment(manifests: RunManifest[]): RunManifest['deployment'] {
  const checked = manifests.flatMap((m) => (m.deployment ? [m.deployment] : [])).sort((a, b) => a.checkedAt.localeCompare(b.checkedAt));
  if (!checked.length) return undefined;
  const byEndpoint = new Map(checked.flatMap((d) => d.checks.map((r) => [r.endpoint, r] as const)));
  return { checkedAt: checked.at(-1)!.checkedAt, ...(checked.some((d) => d.skipDoctor) ? { skipDoctor: true } : {}), checks: [...byEndpoint.values()] };
}
