// Serving performance recomputed from the stored samples with hardware-profiles' definitions, so
// every report, comparison and gate sees the same numbers.
import { requestMetrics, summarizePerformance, type Performance } from '../hardware-profiles/index.ts';
import { clientLoadWarning, cpuWaitText, type ClientLoad } from '../hardware-profiles/index.ts';
import type { RunStore } from '../runners/store.ts';
import type { RunResults } from '../types.ts';
import { esc, num } from './html.ts';

export interface PerfSummary {
  performance: Performance | null;
  /** See peakMemoryMb(). */
  peakMemoryMb: number | null;
}

/** Memory series of the timeline (hardware-profiles' sampler: gpu, gpu-app, server, harness), seconds from the first sample. */
export function memorySeries(store: RunStore): { tSec: number; source: string; name: string; series: string; valueMb: number }[] {
  const rows = store.timeline().filter((r) => /mem|rss|hwm/i.test(r.name));
  const t0 = rows.reduce((m, r) => Math.min(m, r.tMs), Infinity);
  return rows.map((r) => ({ tSec: (r.tMs - t0) / 1000, source: r.source, name: r.name, series: `${r.source}: ${r.name}`, valueMb: r.value }));
}

/**
 * The deployment's peak memory: total GPU memory where sampled, else the server process's RSS/HWM.
 * The harness's own RSS is not the deployment's and never counts.
 */
export function peakMemoryMb(rows: ReturnType<typeof memorySeries>): number | null {
  const max = (xs: typeof rows) => (xs.length ? xs.reduce((m, r) => Math.max(m, r.valueMb), -Infinity) : null);
  return max(rows.filter((r) => r.source === 'gpu' && r.name === 'memoryUsedMb')) ?? max(rows.filter((r) => r.source === 'server')) ?? max(rows.filter((r) => r.source !== 'harness'));
}

export function summarizePerf(store: RunStore | null): PerfSummary {
  if (!store) return { performance: null, peakMemoryMb: null };
  const performance = summarizePerformance(store.completions(undefined, { texts: false }));
  return { performance: performance.requests ? performance : null, peakMemoryMb: peakMemoryMb(memorySeries(store)) };
}

/** Per-request latencies for the distribution charts. */
export function latencySamples(store: RunStore): { metric: 'TTFT' | 'TTFA' | 'TPOT'; ms: number }[] {
  const out: { metric: 'TTFT' | 'TTFA' | 'TPOT'; ms: number }[] = [];
  for (const c of store.completions(undefined, { texts: false })) {
    const m = requestMetrics(c);
    if (!m) continue;
    if (m.ttftMs !== undefined) out.push({ metric: 'TTFT', ms: m.ttftMs });
    if (m.ttfaMs !== undefined) out.push({ metric: 'TTFA', ms: m.ttfaMs });
    if (m.tpotMs !== undefined) out.push({ metric: 'TPOT', ms: m.tpotMs });
  }
  return out;
}

/** The harness's own load (results.json performance.client): a warning when it may have skewed the latencies. */
export function clientLoadHtml(r: Pick<RunResults, 'performance'>): string {
  const perf = r.performance as { client?: ClientLoad; ttftMs?: { p50: number } | null } | undefined;
  const c = perf?.client;
  if (!c) return '';
  const line = `Client (this harness): event-loop delay p50 ${num(c.loopDelayP50Ms, 1)} ms, p99 ${num(c.loopDelayP99Ms, 1)} ms; CPU ${num(c.cpuPct, 0)}% of a core${cpuWaitText(c)}; ${c.threads} thread${c.threads === 1 ? '' : 's'}.`;
  const warning = clientLoadWarning(c, perf?.ttftMs?.p50);
  return warning ? `<p id="client-load" class="worse">${esc(line)} Warning: ${esc(warning)}.</p>` : `<p id="client-load" class="muted">${esc(line)}</p>`;
}
