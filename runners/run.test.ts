import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import type { LoadedSuite } from '../types.ts';
import { EndpointPool } from './endpoint-pool.ts';
import { createHttpEndpoint } from './http-client.ts';
import { connectionsToOpen, FatalRunError, runLoop, type RunLoopOptions } from './run.ts';
import { RunStore } from './store.ts';
import { sse, startScriptedServer, type Step } from './testing/scripted-server.ts';

const suite: LoadedSuite = {
  id: 'tiny',
  version: 1,
  scorer: 'math',
  samples: 2,
  contentHash: 'x',
  source: 'test',
  items: ['a', 'b', 'c'].map((id) => ({ id, prompt: [{ role: 'user' as const, content: `question ${id}` }], reference: { kind: 'math' as const, answer: '1' } })),
};
const loopOpts: RunLoopOptions = {
  runId: 'r',
  model: 'm',
  sampling: { temperature: 0.6, topP: 0.95, maxTokens: 50 },
  concurrency: 4,
  retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 },
  idleTimeoutMs: 2000,
  totalTimeoutMs: 10_000,
};
const ok: Step[] = [{ write: sse.chunk({ reasoning_content: 'r' }) }, { write: sse.chunk({ content: '\\boxed{1}' }, 'stop') }, { write: sse.usage(3, 2) }, { write: sse.done }];
const pool = (urls: string[]) => new EndpointPool(urls.map((u) => createHttpEndpoint(u)), { perEndpointConcurrency: Infinity, failuresToEject: 2, cooldownMs: 60_000, maxCooldownMs: 60_000 });

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});
function tempStore(): RunStore {
  const dir = mkdtempSync(join(tmpdir(), 'r1b-run-'));
  const store = RunStore.open(dir);
  cleanup.push(() => (store.close(), rmSync(dir, { recursive: true, force: true })));
  return store;
}

describe('runLoop', () => {
  it('a ramp-up starts the first requests of the workers evenly over it; without one they start together', async () => {
    const arrivals = async (rampUpMs?: number) => {
      // Each answer takes 800 ms, longer than the ramp-up: the three arrivals are the three workers' first requests.
      const server = await startScriptedServer(() => [{ write: sse.chunk({ reasoning_content: 'r' }), delayMs: 800 }, ...ok.slice(1)]);
      cleanup.push(server.close);
      const res = await runLoop([{ suite, samples: 1 }], tempStore(), pool([server.url]), { ...loopOpts, concurrency: 3, rampUpMs });
      expect(res.completed).toBe(3);
      return server.received.map((r) => r.at).sort((a, b) => a - b);
    };
    const ramped = await arrivals(600); // workers start at 0, 200 and 400 ms (half a gap of slack for a loaded machine)
    for (let i = 1; i < 3; i++) expect(ramped[i]! - ramped[i - 1]!).toBeGreaterThanOrEqual(100);
    const together = await arrivals(undefined);
    expect(together[2]! - together[0]!).toBeLessThan(100);
  });

  it('workers still waiting for their ramp-up start leave as soon as the queue is empty', async () => {
    const server = await startScriptedServer(() => ok);
    cleanup.push(server.close);
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    const t0 = performance.now();
    // 3 samples for 64 workers started over 60 s: the run ends when the samples are stored, not a minute later.
    const res = await runLoop([{ suite, samples: 1 }], tempStore(), pool([server.url]), { ...loopOpts, concurrency: 64, rampUpMs: 60_000 });
    expect(res.completed).toBe(3);
    expect(performance.now() - t0).toBeLessThan(10_000);
    // 64 workers waiting on one signal is by design: no "possible memory leak" warning for the user.
    await new Promise((r) => setImmediate(r));
    process.off('warning', onWarning);
    expect(warnings.filter((w) => w.includes('MaxListeners'))).toEqual([]);
  });

  it("opens the workers' connections before the first request, spread over the replicas; with a ramp-up only for the first 2 s of starts", async () => {
    const a = await startScriptedServer(() => ok);
    const b = await startScriptedServer(() => ok);
    cleanup.push(a.close, b.close);
    // Workers start 150 ms apart: without preconnect the later ones would connect after the first requests.
    const res = await runLoop([{ suite, samples: 2 }], tempStore(), pool([a.url, b.url]), { ...loopOpts, concurrency: 4, rampUpMs: 600 });
    expect(res.completed).toBe(6);
    for (const s of [a, b]) {
      // Two each, both accepted before that replica's first request: the six requests open no more.
      expect(s.connections).toHaveLength(2);
      expect(Math.max(...s.connections)).toBeLessThan(Math.min(...s.received.map((r) => r.at)));
    }
    // Never more connections than samples to send.
    const c = await startScriptedServer(() => ok);
    cleanup.push(c.close);
    await runLoop([{ suite, samples: 1 }], tempStore(), pool([c.url]), { ...loopOpts, concurrency: 16 });
    expect(c.connections).toHaveLength(3);
    expect(connectionsToOpen(512)).toBe(512);
    expect(connectionsToOpen(512, 1180)).toBe(512);
    expect(connectionsToOpen(100, 10_000)).toBe(20); // workers starting in the first 2 s of a 10 s ramp
  });

  it('retries 503, 429 and resets, then stores each sample exactly once', async () => {
    const byKey = new Map<string, number>();
    const server = await startScriptedServer((n) => {
      const faults: Step[][] = [[{ status: 503 }], [{ destroy: true }], [{ status: 429, headers: { 'retry-after': '0' } }]];
      return n < 3 ? faults[n]! : ok;
    });
    cleanup.push(server.close);
    const store = tempStore();
    const res = await runLoop([{ suite, samples: 2 }], store, pool([server.url]), loopOpts);
    expect(res).toMatchObject({ completed: 6, errors: 0, total: 6, aborted: false });
    for (const r of server.received) {
      const key = r.headers['x-r1bench-sample'] as string;
      byKey.set(key, (byKey.get(key) ?? 0) + 1);
    }
    expect(byKey.size).toBe(6);
    const rows = [...store.completions('tiny')];
    expect(rows).toHaveLength(6);
    expect(rows.every((c) => c.answer === '\\boxed{1}' && !c.error)).toBe(true);
    expect(rows.reduce((a, c) => a + c.attempts, 0)).toBe(9);
  });

  it('records a sample as an error after its attempts, and a later run retries only that one', async () => {
    const server = await startScriptedServer((_, body) => (body.messages[0].content === 'question b' ? [{ status: 500 }] : ok));
    cleanup.push(server.close);
    const store = tempStore();
    const res = await runLoop([{ suite, samples: 2 }], store, pool([server.url]), loopOpts);
    expect(res).toMatchObject({ completed: 4, errors: 2 });
    expect(store.counts()).toEqual([{ suiteId: 'tiny', completed: 4, errors: 2 }]);
    // The failed samples were in flight through their attempts and backoffs: that time is busy time.
    const failed = [...store.completions('tiny')].filter((c) => c.error);
    expect(failed).toHaveLength(2);
    for (const c of failed) expect(c.timing.endMs).toBeGreaterThanOrEqual(5);
    const before = server.received.length;
    const again = await runLoop([{ suite, samples: 2 }], store, pool([server.url]), loopOpts);
    expect(again).toMatchObject({ completed: 0, errors: 2, alreadyStored: 4 });
    expect(server.received.length - before).toBe(2 * 3);
  });

  it('stops the whole run on 401 with a message naming the endpoint', async () => {
    const server = await startScriptedServer(() => [{ status: 401, headers: { 'content-type': 'application/json' } }, { write: '{"error":{"message":"invalid api key"}}' }]);
    cleanup.push(server.close);
    const store = tempStore();
    const p = runLoop([{ suite, samples: 2 }], store, pool([server.url]), loopOpts);
    await expect(p).rejects.toBeInstanceOf(FatalRunError);
    await expect(p).rejects.toThrow(/refused the API key \(HTTP 401\).*invalid api key/);
    expect(server.received.length).toBeLessThanOrEqual(loopOpts.concurrency);
  });

  it('moves work off a replica that keeps failing', async () => {
    const bad = await startScriptedServer(() => [{ status: 502 }]);
    const good = await startScriptedServer(() => ok);
    cleanup.push(bad.close, good.close);
    const store = tempStore();
    const big = { ...suite, items: Array.from({ length: 20 }, (_, i) => ({ ...suite.items[0]!, id: `i${i}` })) };
    const res = await runLoop([{ suite: big, samples: 2 }], store, pool([bad.url, good.url]), { ...loopOpts, concurrency: 2 });
    expect(res).toMatchObject({ completed: 40, errors: 0 });
    // Ejected after 2 failures for a minute: the bad replica saw only a handful of requests.
    expect(bad.received.length).toBeLessThanOrEqual(3);
  });

  it('aborting keeps what finished and stores nothing half-done', async () => {
    const server = await startScriptedServer((n) => (n < 2 ? ok : [{ write: sse.chunk({ content: 'x' }) }, { write: sse.done, delayMs: 3000 }]));
    cleanup.push(server.close);
    const store = tempStore();
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const res = await runLoop([{ suite, samples: 2 }], store, pool([server.url]), { ...loopOpts, concurrency: 1 }, {}, ac.signal);
    expect(res.aborted).toBe(true);
    expect(res.completed).toBe(2);
    expect([...store.completions()]).toHaveLength(2);
  });
});
