// From a resolved configuration to what runs: suites loaded, limited and sharded, and the run manifest.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadedSuite, SamplingSettings } from '../types.ts';
import { absoluteSpec, loadSuite, type LoadOptions } from '../suites/index.ts';
import { limitPerSubject } from '../suites/mmlu/index.ts';
import type { PlannedSuite } from './run.ts';
import { RunStore, STORE_FILE, type RunManifest, type SuiteManifest } from './store.ts';

/** The suites asked for cannot make one run. */
export class PlanError extends Error {}

/** One suite asked for: its spec, id, k and limits, plus what its loader is asked (subjects, columns, …). */
export interface SuiteRequest extends Omit<LoadOptions, 'suiteId'> {
  spec: string;
  id?: string;
  samples?: number;
  limit?: number;
  /** MMLU: at most N items of each subject. */
  limitPerSubject?: number;
}

export interface PlanRequest {
  model: string;
  endpoints: string[];
  sampling: SamplingSettings;
  suites: SuiteRequest[];
  extraBody?: Record<string, unknown>;
  /** 1-based shard index and shard count. */
  shard?: { index: number; count: number };
  /** The run directory: when it already holds a run, its hf:// suites load the commits recorded there (resume). */
  out?: string;
}

/** Which shard an item belongs to: a hash of its identity, so the split is the same whatever the file order. */
export function shardOf(suiteId: string, itemId: string, count: number): number {
  const h = createHash('sha256').update(`${suiteId}\u0000${itemId}`).digest();
  return (h.readUInt32BE(0) % count) + 1;
}

export async function loadPlannedSuite(req: SuiteRequest, shard?: PlanRequest['shard']): Promise<{ suite: LoadedSuite; samples: number }> {
  const suite = await loadSuite(req.spec, { suiteId: req.id, subjects: req.subjects, columns: req.columns, fewShot: req.fewShot, language: req.language, since: req.since, until: req.until, difficulties: req.difficulties });
  let items = suite.items;
  if (req.limitPerSubject !== undefined) items = limitPerSubject(items, req.limitPerSubject);
  if (req.limit !== undefined) items = items.slice(0, req.limit);
  if (shard) items = items.filter((it) => shardOf(suite.id, it.id, shard.count) === shard.index);
  return { suite: { ...suite, items }, samples: req.samples ?? suite.samples };
}

function gitCommit(): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { stdio: ['ignore', 'pipe', 'ignore'], cwd: new URL('..', import.meta.url) }).toString().trim();
  } catch {
    return undefined;
  }
}

function packageVersion(): string {
  return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
}

const isHubSpec = (spec: string) => spec.slice(spec.indexOf(':') + 1).startsWith('hf://');

/** hf:// specs of the run already in `out`, each mapped to the commit-pinned spec its manifest recorded. */
function recordedHubPins(out: string | undefined): Map<string, string> {
  const pins = new Map<string, string>();
  if (!out || !existsSync(join(out, STORE_FILE))) return pins;
  const store = RunStore.openExisting(out);
  try {
    for (const s of store.manifest()?.suites ?? []) if (isHubSpec(s.request.spec)) pins.set(s.spec, s.request.spec);
  } finally {
    store.close();
  }
  return pins;
}

/** Suite ids the run already in `out` recorded, by absolute spec: a run named before today's naming rules keeps its ids. */
function recordedIds(out: string | undefined): Map<string, string> {
  const ids = new Map<string, string>();
  if (!out || !existsSync(join(out, STORE_FILE))) return ids;
  const store = RunStore.openExisting(out);
  try {
    for (const s of store.manifest()?.suites ?? []) ids.set(s.request.spec, s.id);
  } finally {
    store.close();
  }
  return ids;
}

export async function buildPlan(req: PlanRequest): Promise<{ plan: PlannedSuite[]; manifest: RunManifest }> {
  const plan: PlannedSuite[] = [];
  const suites: SuiteManifest[] = [];
  const pins = recordedHubPins(req.out);
  const ids = recordedIds(req.out);
  for (const s of req.suites) {
    // Resuming: an hf:// suite loads the commit the run started with, never the branch's new head.
    const load = { ...s, id: s.id ?? ids.get(absoluteSpec(s.spec)) };
    const p = await loadPlannedSuite(pins.has(s.spec) ? { ...load, spec: pins.get(s.spec)! } : load, req.shard);
    if (plan.some((x) => x.suite.id === p.suite.id)) throw new PlanError(`suite "${p.suite.id}" is listed twice: give each suite once (per-suite settings go in the config's suites list)`);
    plan.push(p);
    suites.push({
      id: p.suite.id,
      spec: s.spec,
      version: p.suite.version,
      scorer: p.suite.scorer,
      contentHash: p.suite.contentHash,
      source: p.suite.source,
      samples: p.samples,
      items: p.suite.items.length,
      ...(p.suite.skipped ? { skipped: p.suite.skipped } : {}),
      // Absolute, so that `r1bench score` and `merge` load the same file from any directory; an hf:// path
      // pinned to the commit it was loaded at (the loaded suite's source).
      request: { spec: isHubSpec(s.spec) ? `${s.spec.slice(0, s.spec.indexOf(':'))}:${p.suite.source}` : absoluteSpec(s.spec), id: s.id, limit: s.limit, limitPerSubject: s.limitPerSubject, subjects: s.subjects, columns: s.columns, fewShot: s.fewShot, language: s.language, since: s.since, until: s.until, difficulties: s.difficulties },
    });
  }
  const manifest: RunManifest = {
    runId: `${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}-${randomBytes(3).toString('hex')}`,
    createdAt: new Date().toISOString(),
    model: req.model,
    endpoints: req.endpoints,
    sampling: req.sampling,
    suites,
    ...(req.extraBody ? { extraBody: req.extraBody } : {}),
    ...(req.shard ? { shard: req.shard } : {}),
    versions: { r1bench: packageVersion(), node: process.version, gitCommit: gitCommit() },
  };
  return { plan, manifest };
}

/** The first suite option (limit, subjects, few-shot, ...) that differs, named. The path is left out: it
 * may differ between machines (shards) or working directories, and the content hash is what counts. */
function requestDiff(a: SuiteManifest['request'], b: SuiteManifest['request']): string | null {
  const show = (x: unknown) => (x === undefined ? 'none' : JSON.stringify(x));
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof SuiteManifest['request']>) {
    if (key === 'spec') continue;
    if (JSON.stringify(a[key]) !== JSON.stringify(b[key])) return `${key} ${show(a[key])} vs ${show(b[key])}`;
  }
  return null;
}

/** What must match to resume a run or merge shards: a mismatch is an error, never a silent mix. */
export function settingsDiff(a: RunManifest, b: RunManifest, opts: { ignoreShard?: boolean } = {}): string | null {
  if (a.model !== b.model) return `model "${a.model}" vs "${b.model}"`;
  for (const k of ['temperature', 'topP', 'maxTokens', 'seed'] as const)
    if (a.sampling[k] !== b.sampling[k]) return `sampling ${k} ${a.sampling[k]} vs ${b.sampling[k]}`;
  if (JSON.stringify(a.extraBody ?? {}) !== JSON.stringify(b.extraBody ?? {})) return 'extra body fields differ';
  if (!opts.ignoreShard && JSON.stringify(a.shard ?? null) !== JSON.stringify(b.shard ?? null)) return 'shard differs';
  const ids = (m: RunManifest) => m.suites.map((s) => s.id).join(', ');
  if (ids(a) !== ids(b)) return `suites [${ids(a)}] vs [${ids(b)}]`;
  for (const [i, s] of a.suites.entries()) {
    const t = b.suites[i]!;
    if (s.contentHash !== t.contentHash) return `suite ${s.id}: data changed (content hash ${s.contentHash.slice(0, 12)} vs ${t.contentHash.slice(0, 12)})`;
    if (s.samples !== t.samples) return `suite ${s.id}: samples ${s.samples} vs ${t.samples}`;
    const option = requestDiff(s.request, t.request);
    if (option) return `suite ${s.id}: ${option}`;
    if (s.version !== t.version) return `suite ${s.id}: suite version ${s.version} vs ${t.version} (its prompt or data changed)`;
    if (!opts.ignoreShard && s.items !== t.items) return `suite ${s.id}: ${s.items} items vs ${t.items}`;
  }
  return null;
}
