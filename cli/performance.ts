// The performance and hardware sections of results.json, and the memory sampling that feeds them.
import type { RunResults } from '../types.ts';
import {
  buildProfile,
  hardwareSection,
  loadProfile,
  probeHost,
  startMemorySampler,
  summarizePerformance,
  type HardwareProfile,
  type MemorySummary,
  type Slo,
} from '../hardware-profiles/index.ts';
import { startClientLoad, worstClientLoad, type ClientLoad } from '../hardware-profiles/index.ts';
import { RunStore } from '../runners/index.ts';

interface StoredHardware {
  profile: HardwareProfile;
  memory?: MemorySummary;
  /** The harness's own event-loop delay and CPU (the worst session of a resumed run). */
  client?: ClientLoad;
}

export interface SamplingOptions {
  profileFile?: string;
  serverPid?: number;
  metricsUrl?: string;
  intervalMs?: number;
  /** The endpoints: GPUs of this machine are the deployment's only when the model runs here. */
  endpoints?: string[];
}

/** Does the model run on this machine: a local engine, a loopback server, or a server process we watch? */
export function deploymentIsLocal(endpoints: string[], serverPid?: number): boolean {
  if (serverPid !== undefined) return true;
  return endpoints.length > 0 && endpoints.every((e) => e.startsWith('local:') || /^https?:\/\/(127\.[\d.]+|localhost|\[::1\])(:|\/|$)/i.test(e));
}

/** Peaks over every session of a resumed run; means from the latest session. */
function mergeMemory(prev: MemorySummary | undefined, next: MemorySummary): MemorySummary {
  if (!prev) return next;
  const out: Record<string, number | undefined> = { ...(next as unknown as Record<string, number>) };
  for (const [k, v] of Object.entries(prev)) if (/^peak|Peak/.test(k) && typeof v === 'number') out[k] = Math.max(v, out[k] ?? -Infinity);
  out.samples = prev.samples + next.samples;
  return out as unknown as MemorySummary;
}

/**
 * Probes the machine, reads the declared profile, and samples memory (the harness's RSS, a local
 * server's RSS, nvidia-smi, the server's /metrics) into the run's timeline until stop().
 */
export async function startRunSampling(dir: string, opts: SamplingOptions): Promise<{ stop(): Promise<void> }> {
  const local = deploymentIsLocal(opts.endpoints ?? [], opts.serverPid);
  const profile = buildProfile(await probeHost(), opts.profileFile ? loadProfile(opts.profileFile) : undefined, local ? 'deployment' : 'client');
  const store = RunStore.open(dir);
  const stored = store.meta<StoredHardware>('hardware');
  const previous = stored?.memory;
  store.setMeta('hardware', { profile, ...(previous ? { memory: previous } : {}), ...(stored?.client ? { client: stored.client } : {}) } satisfies StoredHardware);
  const clientLoad = startClientLoad();
  const sampler = startMemorySampler({
    serverPid: opts.serverPid,
    metricsUrl: opts.metricsUrl,
    // This machine's GPUs are the deployment's only when the model runs here.
    nvidiaSmi: local,
    intervalMs: opts.intervalMs ?? 1000,
    // Memory samples are a record of the run, not the run: a full disk must not stop it from here.
    onSamples: (rows) => {
      try {
        store.addTimeline(rows);
      } catch {
        /* the run loop reports the disk; the timeline has a gap */
      }
    },
  });
  return {
    async stop() {
      const client = worstClientLoad([stored?.client, clientLoad.stop()]);
      const memory = mergeMemory(previous, await sampler.stop());
      try {
        store.setMeta('hardware', { profile, memory, ...(client ? { client } : {}) } satisfies StoredHardware);
      } finally {
        store.close();
      }
    },
  };
}

/**
 * Correct samples among those actually stored (the verdicts scoreRun put in the store): the cost covers
 * every sample sent, so a run at k = 16 is not charged 16 times per solve, and a partial run is not
 * credited with the solves of samples it never made (planned items × samples per item × pass@1 was).
 */
export function solvedSamples(store: RunStore, results: Pick<RunResults, 'suites'>): number {
  let solved = 0;
  for (const s of results.suites) for (const v of store.scores(s.id)) if (v.correct === true) solved++;
  return solved;
}

export async function summarizeRunPerformance(dir: string, opts: { slo?: Slo; results: RunResults }): Promise<Pick<RunResults, 'performance' | 'hardware'>> {
  const store = RunStore.openExisting(dir);
  try {
    const performance = summarizePerformance(store.completions(undefined, { texts: false }), { slo: opts.slo });
    const stored = store.meta<StoredHardware>('hardware');
    const solved = solvedSamples(store, opts.results);
    const engines = store.meta<unknown[]>('engines');
    // A merged run: every shard's client, the worst of them (shards may run on different machines).
    const client = worstClientLoad([stored?.client, ...(store.meta<(StoredHardware | null)[]>('shardHardware') ?? []).map((h) => h?.client)]);
    if (client) (performance as unknown as Record<string, unknown>).client = client;
    const hardware = stored ? { ...hardwareSection({ profile: stored.profile, memory: stored.memory, performance, solved }), ...(engines ? { engines } : {}) } : undefined;
    return { performance: performance as unknown as Record<string, unknown>, ...(hardware ? { hardware: hardware as unknown as Record<string, unknown> } : {}) };
  } finally {
    store.close();
  }
}
