// The harness side of the pipeline benchmark, in its own process so that its peak RSS is its own.
// Usage: tsx bench/pipeline-child.ts URL ITEMS SAMPLES CONCURRENCY → prints one JSON line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedSuite } from '../types.ts';
import { createHttpEndpoint, EndpointPool, RunStore, runLoop } from '../runners/index.ts';

const [url, itemsArg, samplesArg, concurrencyArg] = process.argv.slice(2);
const items = Number(itemsArg);
const samples = Number(samplesArg);
const suite: LoadedSuite = {
  id: 'bench',
  version: 1,
  scorer: 'math',
  samples,
  contentHash: 'bench',
  source: 'bench',
  items: Array.from({ length: items }, (_, i) => ({ id: `q${i}`, prompt: [{ role: 'user' as const, content: `Benchmark question ${i}: what is ${i} + 1?` }], reference: { kind: 'math' as const, answer: String(i + 1) } })),
};
const dir = mkdtempSync(join(tmpdir(), 'r1b-bench-'));
const store = RunStore.open(dir);
const pool = new EndpointPool([createHttpEndpoint(url!)], { perEndpointConcurrency: Infinity, failuresToEject: 3, cooldownMs: 1000, maxCooldownMs: 1000 });
const t0 = performance.now();
const res = await runLoop([{ suite, samples }], store, pool, {
  runId: 'bench',
  model: 'm',
  sampling: { temperature: 0.6, topP: 0.95, maxTokens: 100_000 },
  concurrency: Number(concurrencyArg),
  retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100 },
  idleTimeoutMs: 30_000,
  totalTimeoutMs: 300_000,
});
const seconds = (performance.now() - t0) / 1000;
const stored = store.counts()[0]?.completed ?? 0;
store.close();
rmSync(dir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ completed: res.completed, stored, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n');
process.exit(0);
