// What the memory sampler costs the thread that timestamps chunks while requests stream.
// GPU memory: starting nvidia-smi forks the harness, which holds that thread up; the sampler's loop mode
// starts it once per run instead. Each mode runs in a child with a harness-sized heap
// (bench/sampler-child.ts), against a stand-in nvidia-smi (the fork costs the same whatever runs), sampling
// every 100 ms for 4 s, in 3 interleaved rounds (medians).
// Server metrics: one scrape of an 8-engine vLLM's /metrics (data-parallel attention, as R1 is served),
// parsed whole (before) and for the serving metrics alone (now).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parsePrometheus, SERVING_METRIC_NAMES, servingMetrics } from '../hardware-profiles/prometheus.ts';
import { fakeNvidiaSmi } from '../hardware-profiles/testing/fake-nvidia-smi.ts';
import { median } from '../hardware-profiles/stats.ts';
import { startChild } from './child.ts';
import type { BenchRow } from './row.ts';

type Mode = 'none' | 'per-sample' | 'loop';
interface Out {
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  heldP50Ms: number;
  heldMaxMs: number;
  rssMb: number;
}
const INTERVAL_MS = 100;

async function measure(mode: Mode, bin: string): Promise<Out> {
  const { child, firstLine } = await startChild(new URL('./sampler-child.ts', import.meta.url).pathname, [mode, bin, String(INTERVAL_MS), '4']);
  child.kill();
  return JSON.parse(firstLine) as Out;
}

/** A vLLM /metrics as 8 engines serve it: 40 histograms of 25 buckets each per engine, and the gauges read. */
function vllmMetrics(engines: number): string {
  const lines: string[] = [];
  const labels = (e: number) => `engine="${e}",model_name="deepseek-ai/DeepSeek-R1"`;
  for (let e = 0; e < engines; e++) {
    for (let h = 0; h < 40; h++) {
      const name = `vllm:histogram_${h}_seconds`;
      lines.push(`# HELP ${name} A latency histogram.`, `# TYPE ${name} histogram`);
      for (let b = 0; b < 25; b++) lines.push(`${name}_bucket{${labels(e)},le="${(b * 0.25).toFixed(2)}"} ${b * 1234}.0`);
      lines.push(`${name}_sum{${labels(e)}} 123.4`, `${name}_count{${labels(e)}} 1234.0`);
    }
    lines.push(`vllm:num_requests_running{${labels(e)}} 12.0`, `vllm:kv_cache_usage_perc{${labels(e)}} 0.5`, `vllm:generation_tokens_total{${labels(e)}} 123456.0`);
  }
  return lines.join('\n') + '\n';
}

/** Median ms of one scrape's parse, over 40 after 10 to warm up. */
function parseMs(text: string, only?: ReadonlySet<string>): number {
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    servingMetrics(parsePrometheus(text, only));
    if (i >= 10) times.push(performance.now() - t);
  }
  return median(times);
}

export async function benchSampler(): Promise<{ rows: BenchRow[] }> {
  const metrics = vllmMetrics(8);
  const before = parseMs(metrics);
  const now = parseMs(metrics, SERVING_METRIC_NAMES);
  const scrape = `one /metrics scrape of an 8-engine vLLM (${(metrics.length / 1e6).toFixed(2)} MB, ${metrics.split('\n').length - 1} lines)`;

  const dir = mkdtempSync(join(tmpdir(), 'r1bench-sampler-'));
  const results: Record<Mode, Out[]> = { none: [], 'per-sample': [], loop: [] };
  try {
    const smi = fakeNvidiaSmi(dir);
    for (let round = 0; round < 3; round++) for (const mode of ['none', 'per-sample', 'loop'] as const) results[mode].push(await measure(mode, smi.bin));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const med = (mode: Mode, k: keyof Out) => median(results[mode].map((x) => x[k]));
  const at = `a ${med('loop', 'rssMb').toFixed(0)} MB harness, GPU memory sampled every ${INTERVAL_MS} ms`;
  const rows: BenchRow[] = [
    { name: `thread held per ${scrape}: parsed for the serving metrics only (now)`, value: now, unit: 'ms', target: `every line parsed (before): ${before.toFixed(1)} ms` },
    { name: `thread held per sample by starting nvidia-smi twice (GPUs, compute apps), p50, ${at}`, value: med('per-sample', 'heldP50Ms'), unit: 'ms', target: `max ${med('per-sample', 'heldMaxMs').toFixed(1)} ms; the loop mode starts none while requests stream` },
  ];
  for (const [mode, label] of [['none', 'no GPU sampling'], ['per-sample', 'nvidia-smi started per sample (before)'], ['loop', 'nvidia-smi loop mode (now)']] as const)
    rows.push(
      { name: `event-loop delay p99, ${at}, ${label}`, value: med(mode, 'loopDelayP99Ms'), unit: 'ms', target: mode === 'loop' ? `no GPU sampling: ${med('none', 'loopDelayP99Ms').toFixed(2)} ms` : 'baseline' },
      { name: `event-loop delay max, ${at}, ${label}`, value: med(mode, 'loopDelayMaxMs'), unit: 'ms', target: mode === 'loop' ? `no GPU sampling: ${med('none', 'loopDelayMaxMs').toFixed(2)} ms` : 'baseline' },
    );
  return { rows };
}
