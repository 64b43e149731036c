// Performance charts: latency distributions, throughput vs concurrency from load tests, memory over time.
import { percentileSorted } from '../../hardware-profiles/index.ts';
import type { RunStore } from '../../runners/store.ts';
import { latencySamples, memorySeries } from '../perf.ts';
import { Plot, chart, noChart } from './plot.ts';
import type { CurvePoint } from '../../hardware-profiles/index.ts';
import { num, table } from '../html.ts';


export interface BenchPoint {
  concurrency: number;
  outputTokensPerSec: number;
  requestsPerSec?: number;
}

type CurveRecord = CurvePoint & Record<string, unknown>;

const curveOf = (bench: unknown): CurveRecord[] => {
  const curve = (bench as { curve?: CurveRecord[] } | null | undefined)?.curve;
  return Array.isArray(curve) ? curve : [];
};

/** Load-test points from bench.json (hardware-profiles' BenchReport): the closed-loop (concurrency) levels. */
export function benchPoints(bench: unknown): BenchPoint[] {
  return curveOf(bench)
    .filter((p) => p.mode === 'concurrency' && typeof p.load === 'number' && typeof p.outputTokensPerSec === 'number')
    .map((p) => ({ concurrency: p.load, outputTokensPerSec: p.outputTokensPerSec, requestsPerSec: p.requestsPerSec }))
    .sort((a, b) => a.concurrency - b.concurrency);
}

/** One row per load-test level: throughput, latency percentiles, goodput. */
export function benchTable(bench: unknown): string {
  const rows = curveOf(bench);
  if (rows.length === 0) return '';
  return table(
    ['level', 'output tokens/s', 'requests/s', 'TTFT p50 ms', 'TTFT p99 ms', 'TPOT p50 ms', 'TPOT p99 ms', 'E2E p50 ms', 'goodput req/s'],
    rows.map((p) => [
      `${p.mode === 'concurrency' ? 'concurrency' : 'rate'} ${p.load}`,
      num(p.outputTokensPerSec),
      num(p.requestsPerSec, 2),
      num(p.ttftP50Ms),
      num(p.ttftP99Ms),
      num(p.tpotP50Ms),
      num(p.tpotP99Ms),
      num(p.e2eP50Ms),
      num(p.goodputPerSec, 2),
    ]),
  );
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
