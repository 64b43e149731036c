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
import { RunStore } from '../runners/index.ts';

interface StoredHardware {
  profile: HardwareProfile;
  memory?: MemorySummary;
}

export interface SamplingOptions {
  profileFile?: string;
  serverPid?: number;
  metricsUrl?: string;
  intervalMs?: number;
}

/**
 * Probes the machine, reads the declared profile, and samples memory (the harness's RSS, a local
 * server's RSS, nvidia-smi, the server's /metrics) into the run's timeline until stop().
 */
export async function startRunSampling(dir: string, opts: SamplingOptions): Promise<{ stop(): Promise<void> }> {
  const profile = buildProfile(await probeHost(), opts.profileFile ? loadProfile(opts.profileFile) : undefined);
  const store = RunStore.open(dir);
  store.setMeta('hardware', { profile } satisfies StoredHardware);
  const sampler = startMemorySampler({
    serverPid: opts.serverPid,
    metricsUrl: opts.metricsUrl,
    nvidiaSmi: true,
    intervalMs: opts.intervalMs ?? 1000,
    onSamples: (rows) => store.addTimeline(rows),
  });
  return {
    async stop() {
      const memory = await sampler.stop();
      store.setMeta('hardware', { profile, memory } satisfies StoredHardware);
      store.close();
    },
  };
}

export async function summarizeRunPerformance(dir: string, opts: { slo?: Slo; results: RunResults }): Promise<Pick<RunResults, 'performance' | 'hardware'>> {
  const store = RunStore.openExisting(dir);
  try {
    const performance = summarizePerformance(store.completions(undefined, { texts: false }), { slo: opts.slo });
    const stored = store.meta<StoredHardware>('hardware');
    const solved = opts.results.suites.reduce((a, s) => a + s.items * (s.metrics[0]?.value ?? 0), 0);
    const engines = store.meta<unknown[]>('engines');
    const hardware = stored ? { ...hardwareSection({ profile: stored.profile, memory: stored.memory, performance, solved }), ...(engines ? { engines } : {}) } : undefined;
    return { performance: performance as unknown as Record<string, unknown>, ...(hardware ? { hardware: hardware as unknown as Record<string, unknown> } : {}) };
  } finally {
    store.close();
  }
}
