// --client-threads: the threaded endpoint against real servers on 127.0.0.1 (the R1 simulator, scripted
// servers). Results, errors, aborts and times must cross the thread boundary exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClientLoad } from '../hardware-profiles/client-load.ts';
import { startSimulator, type RunningSimulator } from './simulator/index.ts';
import { GenerationError } from './endpoint.ts';
import { createHttpEndpoint } from './http-client.ts';
import { createThreadedHttpEndpoint, defaultClientThreads } from './threaded-endpoint.ts';
import { sse, startScriptedServer } from './testing/scripted-server.ts';

const req = { model: 'r1', messages: [{ role: 'user' as const, content: 'What is 2+2?' }], temperature: 0.6, topP: 0.95, maxTokens: 200 };
const opts = { idleTimeoutMs: 5000, totalTimeoutMs: 20_000 };
const TTFT_MS = 150;
let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ model: 'r1', suites: ['aime-sample'], reasoningTokens: 12, ttftMs: TTFT_MS, interTokenMs: 5, preload: true, seed: 3 });
});
afterAll(async () => sim?.close());

const outcome = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: GenerationError) => ({ name: e.name, kind: e.kind, retryable: e.retryable, status: e.status, retryAfterMs: e.retryAfterMs }),
  );

describe('threaded endpoint', () => {
  it('two threads: the same results as the in-thread client, TTFT on the simulator clock within a few ms, loop delay per thread', async () => {
    const load = startClientLoad();
    const ep = createThreadedHttpEndpoint(sim.url, { threads: 2 });
    try {
      expect(ep.id).toBe(sim.url);
      const headers = (i: number) => ({ 'x-r1bench-sample': `t${i}` });
      const threaded = await Promise.all(Array.from({ length: 8 }, (_, i) => ep.generate(req, { ...opts, headers: headers(i) })));
      const plain = createHttpEndpoint(sim.url);
      const inThread = await Promise.all(Array.from({ length: 8 }, (_, i) => plain.generate(req, { ...opts, headers: headers(i) })));
      await plain.close!();
      for (const [i, r] of threaded.entries()) {
        const { timing, ...rest } = r;
        const { timing: t2, ...rest2 } = inThread[i]!;
        expect(rest).toEqual(rest2); // same sample key, same seed: the same text, usage and finish
        expect(timing.chunkGapsMs!.length).toBe(t2.chunkGapsMs!.length);
        const entry = sim.requestLog.find((e) => e.sampleKey === `t${i}` && e.firstTokenAt !== undefined)!;
        // sentAt is epoch ms taken in the worker: the simulator received the request right after it.
        expect(entry.receivedAt - timing.sentAt).toBeGreaterThanOrEqual(-1);
        expect(entry.receivedAt - timing.sentAt).toBeLessThan(50);
        // The token arrives after the server wrote it, and at most a few ms later.
        const error = timing.sentAt + timing.firstTokenMs! - entry.firstTokenAt!;
        expect(error).toBeGreaterThanOrEqual(-1);
        expect(error).toBeLessThan(25);
        expect(timing.firstTokenMs!).toBeGreaterThanOrEqual(TTFT_MS - 1);
      }
    } finally {
      await ep.close!();
    }
    const client = load.stop();
    expect(client.threads).toBe(2);
    expect(client.loopDelayP99Ms).toBeGreaterThanOrEqual(0);
    expect(client.loopDelayP99Ms).toBeLessThan(1000);
  });

  it('errors keep their kind, retryable flag, status and Retry-After across the boundary', async () => {
    const server = await startScriptedServer((n) =>
      n === 0
        ? [{ status: 429, headers: { 'retry-after': '3', 'content-type': 'application/json' } }, { write: '{"error":{"message":"slow down"}}' }]
        : n === 1
          ? [{ status: 401, headers: { 'content-type': 'application/json' } }, { write: '{"error":{"message":"bad key"}}' }]
          : [{ write: sse.chunk({ content: 'x' }) }, { end: true, delayMs: 10 }],
    );
    const ep = createThreadedHttpEndpoint(server.url, { threads: 2 });
    try {
      const e429 = await ep.generate(req, opts).catch((e) => e);
      expect(e429).toBeInstanceOf(GenerationError);
      expect(e429).toMatchObject({ kind: 'http', retryable: true, status: 429, retryAfterMs: 3000, message: 'HTTP 429: slow down' });
      expect(await outcome(ep.generate(req, opts))).toEqual({ name: 'GenerationError', kind: 'http', retryable: false, status: 401, retryAfterMs: undefined });
      // Cut without [DONE] or a finish reason: a retryable protocol error.
      expect(await outcome(ep.generate(req, opts))).toMatchObject({ kind: 'protocol', retryable: true });
    } finally {
      await ep.close!();
      await server.close();
    }
  });

  it('idle timeout in the worker; an abort settles at once and the worker drops the stream', async () => {
    const server = await startScriptedServer(() => [{ write: sse.chunk({ content: 'x' }) }, { end: true, delayMs: 3000 }]);
    const ep = createThreadedHttpEndpoint(server.url, { threads: 2 });
    try {
      const t0 = Date.now();
      expect(await outcome(ep.generate(req, { idleTimeoutMs: 300, totalTimeoutMs: 10_000 }))).toMatchObject({ kind: 'stalled', retryable: true });
      expect(Date.now() - t0).toBeLessThan(2500);
      const c = new AbortController();
      const p = outcome(ep.generate(req, { ...opts, signal: c.signal }));
      await new Promise((r) => setTimeout(r, 300));
      const t1 = Date.now();
      c.abort();
      expect(await p).toMatchObject({ kind: 'aborted', retryable: false });
      expect(Date.now() - t1).toBeLessThan(50);
      // Already aborted: refused without a request.
      const before = server.received.length;
      expect(await outcome(ep.generate(req, { ...opts, signal: c.signal }))).toMatchObject({ kind: 'aborted' });
      expect(server.received.length).toBe(before);
    } finally {
      await ep.close!();
      await server.close();
    }
  });

  it('closed: refuses new requests with a one-line error', async () => {
    const ep = createThreadedHttpEndpoint(sim.url, { threads: 2 });
    await ep.close!();
    expect(await outcome(ep.generate(req, opts))).toMatchObject({ kind: 'protocol', retryable: false });
  });

  it('preconnect: each thread opens its share before any request; the requests that follow open no more', async () => {
    const server = await startScriptedServer(() => [{ write: sse.chunk({ content: 'x' }, 'stop') }, { write: sse.done }]);
    const ep = createThreadedHttpEndpoint(server.url, { threads: 2 });
    try {
      await ep.preconnect!(5);
      // The server accepts a moment after the client is connected.
      for (let i = 0; i < 100 && server.connections.length < 5; i++) await new Promise((r) => setTimeout(r, 5));
      expect(server.connections).toHaveLength(5);
      expect(server.received).toHaveLength(0);
      const results = await Promise.all(Array.from({ length: 5 }, () => ep.generate(req, opts)));
      expect(results.map((r) => r.answer)).toEqual(['x', 'x', 'x', 'x', 'x']);
      expect(server.connections).toHaveLength(5); // 3 + 2: each thread's requests found its connections open
    } finally {
      await ep.close!();
      await server.close();
    }
  });

  it('default thread count: 1 up to 64 streams or on 2 cores, then one per 256 streams up to cores − 1', () => {
    expect(defaultClientThreads(64, 16)).toBe(1);
    expect(defaultClientThreads(2048, 2)).toBe(1);
    expect(defaultClientThreads(65, 16)).toBe(1);
    expect(defaultClientThreads(512, 16)).toBe(2);
    expect(defaultClientThreads(2048, 4)).toBe(3);
    expect(defaultClientThreads(100_000, 16)).toBe(15);
  });
});
