// The measured numbers must be right, not only plausible: our streaming client against a server in another
// process whose timing is known by construction, at concurrency 1 and 16, within 5% of the truth.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpEndpoint } from '../runners/http-client.ts';
import type { Completion } from '../types.ts';
import { requestMetrics, summarizePerformance } from './metrics.ts';
import { spawnKnownTimingServer, type KnownTimingProcess } from './testing/known-timing-process.ts';
import type { KnownTiming } from './testing/known-timing-server.ts';

const CFG: KnownTiming = { ttftMs: 600, interTokenMs: 40, reasoningTokens: 16, answerTokens: 8, tokensPerChunk: [1, 3, 2, 5], promptTokens: 12, llamaTimings: true };
const TRUE_TTFT = CFG.ttftMs;
const TRUE_TTFA = CFG.ttftMs + CFG.reasoningTokens * CFG.interTokenMs;
const TRUE_TPOT = CFG.interTokenMs;
const TOKENS = CFG.reasoningTokens + CFG.answerTokens;
const TRUE_E2E = CFG.ttftMs + (TOKENS - 1) * CFG.interTokenMs;
const within5 = (measured: number, truth: number) => expect(Math.abs(measured - truth) / truth, `${measured} vs ${truth}`).toBeLessThanOrEqual(0.05);

let server: KnownTimingProcess;
beforeAll(async () => {
  server = await spawnKnownTimingServer(CFG);
});
afterAll(async () => server?.close());

async function run(concurrency: number, rounds: number): Promise<Completion[]> {
  const endpoint = createHttpEndpoint(server.url);
  const out: Completion[] = [];
  try {
    // Round -1 warms the keep-alive sockets: a cold connect is real latency but not an error of measurement.
    for (let r = -1; r < rounds; r++) {
      const batch = await Promise.all(
        Array.from({ length: concurrency }, (_, i) =>
          endpoint.generate(
            { model: 'kts', messages: [{ role: 'user', content: 'hi' }], temperature: 0.6, topP: 0.95, maxTokens: 1000 },
            { idleTimeoutMs: 10_000, totalTimeoutMs: 30_000, headers: { 'x-kts-id': `${r}-${i}` } },
          ),
        ),
      );
      if (r >= 0) batch.forEach((g, i) => out.push({ ...g, runId: 'exact', suiteId: 'kts', itemId: `${r}-${i}`, sample: 0, endpoint: endpoint.id, attempts: 1 }));
    }
  } finally {
    await endpoint.close?.();
  }
  return out;
}

describe.each([
  [1, 2],
  [16, 2],
])('against a known-timing server at concurrency %i', (concurrency, rounds) => {
  // One test per level, so that a retry measures afresh: other processes on a shared 2-core machine can stall
  // the client or the server for tens of ms; a systematic error fails every try.
  it('TTFT, TTFA, TPOT, E2E and ITL within 5% of the truth', { retry: 2 }, async () => {
    await server.truth(true); // drop what an earlier try left
    const completions = await run(concurrency, rounds);
    const truths = new Map((await server.truth(true)).map((t) => [t.id, t]));

    // The server kept to its construction (else the comparison with it would prove little).
    for (const t of truths.values()) {
      expect(t.tokens).toBe(TOKENS);
      within5(t.ttftMs, TRUE_TTFT);
      within5(t.ttfaMs!, TRUE_TTFA);
      within5((t.e2eMs - t.ttftMs) / (t.tokens - 1), TRUE_TPOT);
    }

    // Each request against what the server did.
    expect(completions).toHaveLength(concurrency * rounds);
    for (const c of completions) {
      const m = requestMetrics(c)!;
      const t = truths.get(c.itemId)!;
      within5(m.ttftMs!, t.ttftMs);
      within5(m.ttfaMs!, t.ttfaMs!);
      within5(m.tpotMs!, (t.e2eMs - t.ttftMs) / (t.tokens - 1));
      within5(m.e2eMs, t.e2eMs);
      expect(m.outputTokens).toBe(TOKENS);
      // Without usage.reasoning_tokens the split is estimated from timing: off by one token at most.
      expect(Math.abs(m.answerTokens! - CFG.answerTokens)).toBeLessThanOrEqual(1);
      expect(m.reasoningTokens! + m.answerTokens!).toBe(TOKENS);
    }

    // ITL gaps follow the chunk sizes the server used (several tokens per chunk in some streams).
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    for (const c of completions) {
      const t = truths.get(c.itemId)!;
      const expected = t.chunkSizes.slice(1).map((size) => size * CFG.interTokenMs);
      expect(c.timing.chunkGapsMs).toHaveLength(expected.length);
      within5(sum(c.timing.chunkGapsMs!), sum(expected));
    }
    if (concurrency > 1) expect(new Set([...truths.values()].map((t) => t.chunkSizes.length)).size).toBeGreaterThan(1);

    // Run summary: p50 and mean within 5% of the construction; throughput is tokens over the wall time.
    const p = summarizePerformance(completions);
    for (const k of ['mean', 'p50'] as const) {
      within5(p.ttftMs![k], TRUE_TTFT);
      within5(p.ttfaMs![k], TRUE_TTFA);
      within5(p.tpotMs![k], TRUE_TPOT);
    }
    expect(p.requests).toBe(concurrency * rounds);
    expect(p.outputTokens).toBe(TOKENS * concurrency * rounds);
    expect(p.totalTokensPerSec).toBeCloseTo(((TOKENS + 12) * concurrency * rounds * 1000) / p.wallMs, 6);
    if (concurrency > 1) within5(p.wallMs, rounds * TRUE_E2E);
    // llama.cpp-style server timings sit beside ours: the difference is queue + network, near zero locally.
    expect(p.serverTimings!.queueAndNetworkMs!.p50).toBeLessThan(0.05 * TRUE_TTFT);
  });
});
