// The load test, the performance summary and the memory sampler against the project's R1 simulator
// (a different server from our known-timing one, with its own timing conventions).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpEndpoint } from '../runners/http-client.ts';
import { startSimulator, type RunningSimulator } from '../runners/simulator/index.ts';
import { runLoadTest } from './load-test.ts';
import { startMemorySampler, type TimelineRow } from './memory-sampler.ts';

let sim: RunningSimulator;
beforeAll(async () => {
  // 40 reasoning tokens; first token at 150 ms, then one every 10 ms, 1 or 3 tokens per chunk; 4 generate at once.
  sim = await startSimulator({ ttftMs: 150, interTokenMs: 10, reasoningTokens: 40, tokensPerChunk: [1, 3], maxRunning: 4, timings: true, suites: [] });
});
afterAll(async () => sim?.close());

describe('against the simulator', () => {
  it('bench levels: TTFT and TPOT within 5% of its timing at low load, queueing visible past capacity; /metrics sampled', { retry: 2 }, async () => {
    const endpoint = createHttpEndpoint(sim.url);
    const rows: TimelineRow[] = [];
    const sampler = startMemorySampler({ metricsUrl: sim.url.replace(/\/v1$/, '/metrics'), intervalMs: 50, onSamples: (r) => rows.push(...r) });
    const report = await runLoadTest({ endpoint, model: 'sim', concurrency: [1, 8], requestsPerLevel: 8, warmupRequests: 1, promptTokens: 32, outputTokens: 4096 });
    const memory = await sampler.stop();
    await endpoint.close?.();

    const [c1, c8] = report.levels.map((l) => l.performance);
    expect(c1!.requests).toBe(8);
    expect(c1!.errors + c8!.errors).toBe(0);
    expect(Math.abs(c1!.ttftMs!.p50 - 150) / 150).toBeLessThanOrEqual(0.05);
    expect(Math.abs(c1!.tpotMs!.p50 - 10) / 10).toBeLessThanOrEqual(0.05);
    expect(c1!.ttfaMs!.p50).toBeGreaterThan(150 + 35 * 10); // the answer comes after ~40 reasoning tokens
    expect(c1!.reasoningTokensPerRequest!.p50).toBeGreaterThanOrEqual(38);
    expect(c1!.serverTimings?.requests).toBe(8); // llama.cpp-style timings recorded beside ours
    // 8 streams on a server that generates 4 at once: half of them wait a whole generation.
    expect(c8!.ttftMs!.max).toBeGreaterThan(c8!.ttftMs!.p50 + 300);
    expect(c8!.outputTokensPerSec).toBeGreaterThan(2.5 * c1!.outputTokensPerSec);
    expect(memory.peakRequestsRunning).toBe(4);
    expect(memory.peakRequestsWaiting).toBeGreaterThanOrEqual(1);
    expect(memory.peakKvCacheUsage).toBeGreaterThan(0);
    expect(rows.some((r) => r.source === 'server-metrics' && r.name === 'generationTokensTotal')).toBe(true);
  });
});
