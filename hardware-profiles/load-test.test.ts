import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpEndpoint } from '../runners/http-client.ts';
import { findSaturation, writeBenchFiles, type LoadLevelResult } from './bench-report.ts';
import { runLoadTest, LoadTestError } from './load-test.ts';
import { parseSlo, summarizePerformance } from './metrics.ts';
import { startKnownTimingServer } from './testing/known-timing-server.ts';
import { sse, startScriptedServer } from '../runners/testing/scripted-server.ts';

// A server that generates at most 4 streams at once: throughput stops growing past concurrency 4.
const CFG = { ttftMs: 50, interTokenMs: 5, reasoningTokens: 12, answerTokens: 4, tokensPerChunk: [1, 2, 4], maxRunning: 4 };
let server: Awaited<ReturnType<typeof startKnownTimingServer>>;
beforeAll(async () => {
  server = await startKnownTimingServer(CFG);
});
afterAll(async () => server?.close());

describe('runLoadTest', () => {
  it('closed loop: one level per concurrency, warm-up left out, saturation found at the server capacity', async () => {
    server.server.truths.length = 0;
    const endpoint = createHttpEndpoint(server.url);
    const seen: string[] = [];
    const report = await runLoadTest({
      endpoint,
      model: 'kts',
      concurrency: [1, 4, 16],
      requestsPerLevel: 8,
      warmupRequests: 2,
      promptTokens: 64,
      outputTokens: 16,
      ignoreEos: true,
      slo: parseSlo('ttft=100'),
      onCompletion: (c, l) => seen.push(`${l.mode}:${l.load}:${c.itemId}`),
    });
    await endpoint.close?.();
    expect(report.levels.map((l) => [l.mode, l.load, l.sent, l.performance.requests, l.performance.errors])).toEqual([
      ['concurrency', 1, 8, 8, 0],
      ['concurrency', 4, 8, 8, 0],
      ['concurrency', 16, 8, 8, 0],
    ]);
    expect(seen).toHaveLength(24);
    const truths = server.server.truths;
    expect(truths).toHaveLength(2 + 24); // the warm-up reached the server but not the numbers
    expect(truths.every((t) => t.ignoreEos && t.maxTokens === 16)).toBe(true);
    expect(truths.every((t) => t.promptChars > 64 * 2 && t.promptChars < 64 * 8)).toBe(true);

    const [c1, c4, c16] = report.levels.map((l) => l.performance);
    const e2e = CFG.ttftMs + 15 * CFG.interTokenMs; // 125 ms
    expect(c1!.outputTokensPerSec).toBeGreaterThan(0.8 * (16 * 1000) / e2e);
    expect(c4!.outputTokensPerSec).toBeGreaterThan(2.5 * c1!.outputTokensPerSec);
    expect(c16!.outputTokensPerSec).toBeLessThan(1.3 * c4!.outputTokensPerSec);
    expect(c16!.ttftMs!.max).toBeGreaterThan(c4!.ttftMs!.max + 0.8 * e2e); // queued behind a full batch
    expect(c1!.goodput!.fraction).toBe(1);
    expect(c16!.goodput!.fraction).toBeLessThanOrEqual(0.5);
    expect(report.saturation).toEqual([expect.objectContaining({ mode: 'concurrency', load: 4, reached: true })]);
    expect(report.curve.map((p) => p.load)).toEqual([1, 4, 16]);
    expect(report.curve[2]!.ttftP99Ms).toBe(c16!.ttftMs!.p99);
    expect(report.settings).toMatchObject({ prompts: 'synthetic', promptTokens: 64, outputTokens: 16, ignoreEos: true, warmupRequests: 2 });

    const dir = mkdtempSync(join(os.tmpdir(), 'r1bench-bench-'));
    const files = writeBenchFiles(dir, report);
    expect(JSON.parse(readFileSync(files.json, 'utf8')).levels).toHaveLength(3);
    const csv = readFileSync(files.csv, 'utf8').trim().split('\n');
    expect(csv).toHaveLength(4);
    expect(csv[0]).toMatch(/^mode,load,sent,requests,errors,duration_s,requests_per_s,output_tokens_per_s/);
    expect(csv[1]).toMatch(/^concurrency,1,8,8,0,/);
  });

  it('open loop: Poisson arrivals at the offered rate; given prompts are cycled', async () => {
    server.server.truths.length = 0;
    const endpoint = createHttpEndpoint(server.url);
    const prompts = [[{ role: 'user' as const, content: 'What is 2+2?' }], [{ role: 'user' as const, content: 'Name a prime.' }]];
    const sent: number[] = [];
    const report = await runLoadTest({ endpoint, model: 'kts', rates: [40], requestsPerLevel: 20, warmupRequests: 0, prompts, seed: 3, onCompletion: (c) => sent.push(c.timing.sentAt) });
    await endpoint.close?.();
    const l = report.levels[0]!;
    expect([l.mode, l.load, l.sent, l.performance.requests]).toEqual(['rate', 40, 20, 20]);
    sent.sort((a, b) => a - b);
    const meanGapMs = (sent.at(-1)! - sent[0]!) / (sent.length - 1);
    expect(meanGapMs).toBeGreaterThan(8); // a Poisson process at 40/s: 25 ms on average
    expect(meanGapMs).toBeLessThan(75);
    expect(new Set(server.server.truths.map((t) => t.promptChars))).toEqual(new Set([12, 13]));
    expect(report.settings.prompts).toBe('given');
    expect(report.saturation).toEqual([]); // one level: no curve to bend
  });

  it('a duration per level stops starting requests; in-flight ones still count', async () => {
    const endpoint = createHttpEndpoint(server.url);
    const report = await runLoadTest({ endpoint, model: 'kts', concurrency: [2], durationMs: 300, warmupRequests: 0, outputTokens: 8 });
    await endpoint.close?.();
    const l = report.levels[0]!;
    expect(l.sent).toBeGreaterThanOrEqual(4); // 2 streams × ≥ 2 rounds of 85 ms
    expect(l.sent).toBeLessThanOrEqual(10);
    expect(l.performance.requests).toBe(l.sent);
  });

  it('a ramp-up spreads the first requests of a closed-loop level evenly over it; without one they start together', async () => {
    // Each request takes over 800 ms, longer than the ramp-up, so the first four arrivals are the four streams' first requests.
    const slow = await startKnownTimingServer({ ttftMs: 800, interTokenMs: 5, reasoningTokens: 2, answerTokens: 2, tokensPerChunk: [1] });
    const arrivals = async (rampUpMs?: number) => {
      slow.server.truths.length = 0;
      const endpoint = createHttpEndpoint(slow.url);
      const report = await runLoadTest({ endpoint, model: 'kts', concurrency: [4], requestsPerLevel: 4, warmupRequests: 0, outputTokens: 4, rampUpMs });
      await endpoint.close?.();
      expect(report.levels[0]!.performance.requests).toBe(4);
      expect(report.settings.rampUpMs).toBe(rampUpMs);
      return slow.server.truths.map((t) => t.receivedAt).sort((a, b) => a - b);
    };
    try {
      // Streams start at 0, 150, 300 and 450 ms: no two together (half a gap of slack for a loaded machine).
      const ramped = await arrivals(600);
      for (let i = 1; i < 4; i++) expect(ramped[i]! - ramped[i - 1]!).toBeGreaterThanOrEqual(75);
      const together = await arrivals(undefined);
      expect(together[3]! - together[0]!).toBeLessThan(75);
    } finally {
      await slow.close();
    }
    await expect(runLoadTest({ endpoint: createHttpEndpoint(server.url), model: 'kts', rates: [2], rampUpMs: 100 })).rejects.toThrow(/--ramp-up-s spreads the start of --concurrency levels/);
  });

  it('a ramp-up cut short is visible: the peak in flight is below the level; Ctrl-C during a ramp-up ends it at once; --duration must outlast it', async () => {
    const endpoint = createHttpEndpoint(server.url);
    try {
      // 4 requests for 16 streams started over 10 s: the first streams use up the requests, the rest are woken and leave.
      const t0 = performance.now();
      const short = await runLoadTest({ endpoint, model: 'kts', concurrency: [16], requestsPerLevel: 4, warmupRequests: 0, outputTokens: 4, rampUpMs: 10_000 });
      const level = short.levels[0]!;
      expect(level.sent).toBe(4);
      // Streams start 625 ms apart and a request takes ~70 ms: one at a time (4 at once without the ramp-up).
      expect(level.peakInFlight).toBeLessThanOrEqual(2);
      expect(performance.now() - t0).toBeLessThan(8000); // not the whole 10 s ramp
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 300);
      const warnings: string[] = [];
      const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
      process.on('warning', onWarning);
      const t1 = performance.now();
      await runLoadTest({ endpoint, model: 'kts', concurrency: [64], requestsPerLevel: 10_000, warmupRequests: 0, outputTokens: 4, rampUpMs: 60_000, signal: ac.signal });
      expect(performance.now() - t1).toBeLessThan(5000);
      // 64 streams waiting on one signal is by design: no "possible memory leak" warning for the user.
      await new Promise((r) => setImmediate(r));
      process.off('warning', onWarning);
      expect(warnings.filter((w) => w.includes('MaxListeners'))).toEqual([]);
      await expect(runLoadTest({ endpoint, model: 'kts', concurrency: [4], durationMs: 1000, rampUpMs: 2000 })).rejects.toThrow(/--duration \(1 s\) must be longer than --ramp-up-s \(2 s\)/);
      const full = await runLoadTest({ endpoint, model: 'kts', concurrency: [4], requestsPerLevel: 8, warmupRequests: 0, outputTokens: 4 });
      expect(full.levels[0]!.peakInFlight).toBe(4);
    } finally {
      await endpoint.close?.();
    }
  });

  it("a closed-loop level opens its streams' connections before its first request (without a warm-up too)", async () => {
    const s = await startScriptedServer(() => [{ write: sse.chunk({ content: 'x' }, 'stop') }, { write: sse.done }]);
    const endpoint = createHttpEndpoint(s.url);
    try {
      // Streams start 150 ms apart: without preconnect the later ones would connect after the first requests.
      const report = await runLoadTest({ endpoint, model: 'm', concurrency: [4], requestsPerLevel: 8, warmupRequests: 0, outputTokens: 4, rampUpMs: 600 });
      expect(report.levels[0]!.performance.requests).toBe(8);
      expect(s.connections).toHaveLength(4);
      expect(Math.max(...s.connections)).toBeLessThan(Math.min(...s.received.map((r) => r.at)));
    } finally {
      await endpoint.close?.();
      await s.close();
    }
  });

  it('a dead endpoint: the warm-up fails in one line; without warm-up the errors are counted by kind', async () => {
    const dead = createHttpEndpoint('http://127.0.0.1:1/v1');
    await expect(runLoadTest({ endpoint: dead, model: 'm', concurrency: [1] })).rejects.toThrow(LoadTestError);
    await expect(runLoadTest({ endpoint: dead, model: 'm', concurrency: [1] })).rejects.toThrow(/^warm-up failed against http:\/\/127\.0\.0\.1:1\/v1: ECONNREFUSED/);
    const report = await runLoadTest({ endpoint: dead, model: 'm', concurrency: [2], requestsPerLevel: 3, warmupRequests: 0 });
    expect(report.levels[0]!.errorKinds).toEqual({ network: 3 });
    expect(report.levels[0]!.performance).toMatchObject({ requests: 0, errors: 3, outputTokensPerSec: 0 });
    await expect(runLoadTest({ endpoint: dead, model: 'm', concurrency: [0] })).rejects.toThrow(/bad --concurrency value 0/);
  });
});

describe('findSaturation', () => {
  const level = (load: number, tps: number): LoadLevelResult => ({
    mode: 'concurrency',
    load,
    sent: 1,
    durationMs: 1,
    errorKinds: {},
    performance: { ...summarizePerformance([]), outputTokensPerSec: tps },
  });
  it('the lowest load within 10% of the best throughput; not reached while still climbing', () => {
    expect(findSaturation([level(1, 100), level(4, 380), level(16, 800), level(64, 850)])).toEqual([
      { mode: 'concurrency', load: 16, outputTokensPerSec: 800, maxOutputTokensPerSec: 850, reached: true },
    ]);
    expect(findSaturation([level(1, 100), level(4, 380)])[0]).toMatchObject({ load: 4, reached: false });
  });
});
