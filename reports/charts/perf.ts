// Performance charts: latency distributions, throughput vs concurrency from load tests, memory over time.
import { percentileSorted } from '../../hardware-profiles/index.ts';
import type { RunStore } from '../../runners/store.ts';
import { latencySamples, memorySeries } from '../perf.ts';
import { Plot, chart, noChart } from './plot.ts';

const pick = (o: Record<string, unknown>, keys: string[]): number | undefined => {
  for (const k of keys) if (typeof o[k] === 'number' && Number.isFinite(o[k])) return o[k] as number;
  return undefined;
};

export interface BenchPoint {
  concurrency: number;
  outputTokensPerSec: number;
  requestsPerSec?: number;
}

/** Load-test points from bench.json: its curve, or failing that any list of records with a concurrency and a tokens/s. */
export function benchPoints(bench: unknown): BenchPoint[] {
  // hardware-profiles' BenchReport: curve points of the closed-loop (concurrency) levels.
  const curve = (bench as { curve?: { mode?: string; load?: number; outputTokensPerSec?: number; requestsPerSec?: number }[] } | null)?.curve;
  if (Array.isArray(curve)) {
    const pts = curve
      .filter((p) => p.mode === 'concurrency' && typeof p.load === 'number' && typeof p.outputTokensPerSec === 'number')
      .map((p) => ({ concurrency: p.load!, outputTokensPerSec: p.outputTokensPerSec!, requestsPerSec: p.requestsPerSec }));
    if (pts.length) return pts.sort((a, b) => a.concurrency - b.concurrency);
  }
  const lists: unknown[] = [];
  const visit = (v: unknown, depth: number) => {
    if (depth > 3 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) lists.push(v);
    else for (const x of Object.values(v)) visit(x, depth + 1);
  };
  visit(bench, 0);
  for (const list of lists as unknown[][]) {
    const pts: BenchPoint[] = [];
    for (const raw of list) {
      if (raw === null || typeof raw !== 'object') continue;
      const o = raw as Record<string, unknown>;
      const perf = (typeof o.performance === 'object' && o.performance ? o.performance : o) as Record<string, unknown>;
      const concurrency = pick(o, ['concurrency', 'maxConcurrency', 'streams']);
      const tps = pick(perf, ['outputTokensPerSec', 'outputTokensPerSecond', 'tokensPerSec']);
      if (concurrency !== undefined && tps !== undefined) pts.push({ concurrency, outputTokensPerSec: tps, requestsPerSec: pick(perf, ['requestsPerSec', 'requestsPerSecond']) });
    }
    if (pts.length) return pts.sort((a, b) => a.concurrency - b.concurrency);
  }
  return [];
}

export function latencyCharts(store: RunStore | null): string[] {
  const samples = store ? latencySamples(store) : [];
  const out: string[] = [];
  const what = {
    TTFT: 'time to first token (reasoning or answer)',
    TTFA: 'time to first answer token (what a user waits for)',
    TPOT: 'time per output token after the first',
  } as const;
  for (const metric of ['TTFT', 'TTFA', 'TPOT'] as const) {
    const data = samples.filter((s) => s.metric === metric);
    const title = `${metric} distribution`;
    if (!data.length) {
      out.push(noChart(title, `No sample recorded a ${metric}.`));
      continue;
    }
    const sorted = data.map((d) => d.ms).sort((a, b) => a - b);
    const marks = [{ label: 'p50', ms: percentileSorted(sorted, 50) }, { label: 'p95', ms: percentileSorted(sorted, 95) }];
    out.push(
      chart(
        title,
        {
          height: 220,
          x: { label: `${metric} (ms)` },
          y: { grid: true, label: 'requests' },
          marks: [
            Plot.rectY(data, Plot.binX<Plot.RectYOptions>({ y: 'count' }, { x: 'ms', thresholds: 30, fill: '#4c78a8' })),
            Plot.ruleX(marks, { x: 'ms', stroke: '#d9480f', strokeDasharray: '4,3' }),
            Plot.text(marks, { x: 'ms', text: (d: any) => `${d.label} ${d.ms.toFixed(0)} ms`, frameAnchor: 'top', dy: 4, dx: 4, textAnchor: 'start', fill: '#d9480f' }),
            Plot.ruleY([0]),
          ],
        },
        what[metric],
      ),
    );
  }
  return out;
}

export function throughputChart(bench: unknown): string {
  const title = 'Throughput vs concurrency (load test)';
  const pts = benchPoints(bench);
  if (!pts.length) return noChart(title, 'No load test in this run directory (bench.json is written by `r1bench bench`).');
  return chart(title, {
    height: 260,
    x: { type: 'log', base: 2, label: 'concurrent streams', ticks: pts.map((p) => p.concurrency) },
    y: { grid: true, label: 'output tokens/s' },
    marks: [Plot.line(pts, { x: 'concurrency', y: 'outputTokensPerSec', stroke: '#1f5fbf', marker: 'circle' }), Plot.ruleY([0])],
  });
}

export function memoryChart(store: RunStore | null): string {
  const title = 'Memory over time';
  // Per-process GPU rows repeat the per-GPU ones; the harness's RSS is shown, labelled as such.
  const rows = store ? memorySeries(store).filter((r) => r.source !== 'gpu-app') : [];
  if (!rows.length) return noChart(title, 'No memory samples were recorded during this run.');
  return chart(title, {
    height: 260,
    marginLeft: 60,
    x: { label: 'seconds since start' },
    y: { grid: true, label: 'MB' },
    color: { legend: true },
    marks: [Plot.line(rows, { x: 'tSec', y: 'valueMb', stroke: 'series' }), Plot.ruleY([0])],
  });
}
