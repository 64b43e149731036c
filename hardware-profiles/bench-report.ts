// The load test's output: the shape of DIR/bench.json (read by the HTML report), the throughput–latency
// curve, the saturation point, and DIR/bench.csv with one row per level.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Performance, Slo } from './metrics.ts';
import type { ClientLoad } from './client-load.ts';
import type { Completion } from '../types.ts';

export type LoadMode = 'concurrency' | 'rate';

export interface LoadLevelResult {
  mode: LoadMode;
  /** Streams kept in flight (closed loop), or requests per second offered (open loop, Poisson). */
  load: number;
  /** Requests sent at this level, warm-up excluded. */
  sent: number;
  /** The most requests in flight at once: below a closed-loop `load` when a ramp-up was cut short. */
  peakInFlight?: number;
  /** Time from the level's first send to its last finish, ms. */
  durationMs: number;
  performance: Performance;
  /** Failed requests by kind ('http', 'network', 'stalled', ...), and the first message seen. */
  errorKinds: Record<string, number>;
  firstError?: string;
  /** The harness's own event-loop delay and CPU during this level. */
  client?: ClientLoad;
}

/** One point of the throughput–latency curve. */
export interface CurvePoint {
  mode: LoadMode;
  load: number;
  outputTokensPerSec: number;
  requestsPerSec: number;
  ttftP50Ms: number | null;
  ttftP99Ms: number | null;
  tpotP50Ms: number | null;
  tpotP99Ms: number | null;
  e2eP50Ms: number | null;
  goodputPerSec: number | null;
}

/**
 * The knee: the lowest load whose output throughput is within 10% of the best seen. `reached` is false
 * when that is the highest load tried (throughput was still climbing: try more load).
 */
export interface Saturation {
  mode: LoadMode;
  load: number;
  outputTokensPerSec: number;
  maxOutputTokensPerSec: number;
  reached: boolean;
}

/** DIR/bench.json. */
export interface BenchReport {
  schemaVersion: 1;
  kind: 'bench';
  createdAt: string;
  endpoint: string;
  model: string;
  settings: {
    prompts: 'synthetic' | 'given';
    promptTokens?: number;
    outputTokens?: number;
    ignoreEos: boolean;
    requestsPerLevel?: number;
    durationMs?: number;
    /** Closed-loop levels started their streams evenly over this long (ms). */
    rampUpMs?: number;
    warmupRequests: number;
    slo?: Slo;
    seed: number;
  };
  levels: LoadLevelResult[];
  curve: CurvePoint[];
  saturation: Saturation[];
}

export type LoadTestResult = BenchReport;

export function curvePoint(l: LoadLevelResult): CurvePoint {
  const p = l.performance;
  return {
    mode: l.mode,
    load: l.load,
    outputTokensPerSec: p.outputTokensPerSec,
    requestsPerSec: p.requestsPerSec,
    ttftP50Ms: p.ttftMs?.p50 ?? null,
    ttftP99Ms: p.ttftMs?.p99 ?? null,
    tpotP50Ms: p.tpotMs?.p50 ?? null,
    tpotP99Ms: p.tpotMs?.p99 ?? null,
    e2eP50Ms: p.e2eMs?.p50 ?? null,
    goodputPerSec: p.goodput?.requestsPerSec ?? null,
  };
}

/** Saturation per mode, over levels in increasing load; none for a mode with fewer than two levels. */
export function findSaturation(levels: LoadLevelResult[]): Saturation[] {
  const out: Saturation[] = [];
  for (const mode of ['concurrency', 'rate'] as const) {
    const ls = levels.filter((l) => l.mode === mode).sort((a, b) => a.load - b.load);
    if (ls.length < 2) continue;
    const max = Math.max(...ls.map((l) => l.performance.outputTokensPerSec));
    const knee = ls.findIndex((l) => l.performance.outputTokensPerSec >= 0.9 * max);
    out.push({ mode, load: ls[knee]!.load, outputTokensPerSec: ls[knee]!.performance.outputTokensPerSec, maxOutputTokensPerSec: max, reached: knee < ls.length - 1 });
  }
  return out;
}

const CSV_COLUMNS = [
  'mode', 'load', 'sent', 'requests', 'errors', 'duration_s', 'requests_per_s', 'output_tokens_per_s', 'total_tokens_per_s',
  'ttft_p50_ms', 'ttft_p90_ms', 'ttft_p99_ms', 'ttfa_p50_ms', 'tpot_p50_ms', 'tpot_p90_ms', 'tpot_p99_ms',
  'itl_p50_ms', 'itl_p99_ms', 'e2e_p50_ms', 'e2e_p99_ms', 'goodput_per_s', 'goodput_fraction',
];

const r3 = (x: number | undefined | null) => (x === undefined || x === null || !Number.isFinite(x) ? '' : Math.round(x * 1000) / 1000);

export function benchCsv(report: BenchReport): string {
  const rows = report.levels.map((l) => {
    const p = l.performance;
    return [
      l.mode, l.load, l.sent, p.requests, p.errors, r3(l.durationMs / 1000), r3(p.requestsPerSec), r3(p.outputTokensPerSec), r3(p.totalTokensPerSec),
      r3(p.ttftMs?.p50), r3(p.ttftMs?.p90), r3(p.ttftMs?.p99), r3(p.ttfaMs?.p50), r3(p.tpotMs?.p50), r3(p.tpotMs?.p90), r3(p.tpotMs?.p99),
      r3(p.itlMs?.p50), r3(p.itlMs?.p99), r3(p.e2eMs?.p50), r3(p.e2eMs?.p99), r3(p.goodput?.requestsPerSec), r3(p.goodput?.fraction),
    ];
  });
  return stringify([CSV_COLUMNS, ...rows]);
}

/** One line of requests.jsonl: a measured request of a level, as it was timed. */
export function requestRecord(c: Completion): Record<string, unknown> {
  return {
    key: `${c.suiteId}/${c.itemId}`,
    sentAt: c.timing.sentAt,
    ttftMs: c.timing.firstTokenMs ?? null,
    ttfaMs: c.timing.firstAnswerTokenMs ?? null,
    e2eMs: c.timing.endMs,
    outputTokens: c.usage?.completionTokens ?? null,
    finishReason: c.finishReason,
    ...(c.error ? { error: c.error } : {}),
  };
}

/** Writes DIR/bench.json and DIR/bench.csv; returns their paths. */
export function writeBenchFiles(dir: string, report: BenchReport): { json: string; csv: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'bench.json');
  const csv = join(dir, 'bench.csv');
  writeFileSync(json, JSON.stringify(report, null, 2) + '\n');
  writeFileSync(csv, benchCsv(report));
  return { json, csv };
}
