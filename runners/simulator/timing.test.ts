import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startSimulator } from './index.ts';
import { mathSuite, promptOf, testSuites } from './fixtures.ts';
import { assemble, chat, post } from './testing.ts';
import { Schedule } from './timing.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base = { suites: [], loadedSuites: testSuites, seed: 3 };

describe('Schedule', () => {
  it('first chunk holds one token at ttft; later chunks tokensPerChunk, written at their last token', () => {
    const s = new Schedule(10, 100, 20, 4);
    expect(s.chunks).toBe(4);
    expect([0, 1, 2, 3].map((c) => s.range(c))).toEqual([[0, 1], [1, 5], [5, 9], [9, 10]]);
    expect([0, 1, 2, 3].map((c) => s.dueMs(c))).toEqual([100, 180, 260, 280]);
    expect(s.endMs()).toBe(100 + 9 * 20);
    expect(new Schedule(0, 50, 10, 1).chunks).toBe(0);
    expect(new Schedule(1, 50, 10, 3).endMs()).toBe(50);
  });
});

describe('timing by construction', () => {
  it('TTFT and inter-token times hold at low concurrency, server side and client side', async () => {
    const sim = await startSimulator({ ...base, ttftMs: 150, interTokenMs: 10, reasoningTokens: 40 });
    try {
      // The first request of a process pays one-off costs (code loading, JIT) that are not the server's timing.
      await post(`${sim.url}/chat/completions`, chat('warm up', { stream: true, max_tokens: 2 }), { 'x-r1bench-sample': 'warm' });
      const runs = await Promise.all(
        [0, 1, 2, 3].map((i) => post(`${sim.url}/chat/completions`, chat(promptOf(mathSuite), { stream: true }), { 'x-r1bench-sample': `t-math/m1/${i}` })),
      );
      for (const r of runs) {
        const a = assemble(r);
        const clientTtft = a.firstTokenAt! - r.sentAt;
        expect(clientTtft).toBeGreaterThanOrEqual(150);
        // Upper bounds are wide: a loaded CI machine delays either process; a wrong pace would be far off.
        expect(clientTtft).toBeLessThan(250);
        const tokenAt = r.events.filter((e) => e.data !== '[DONE]' && JSON.parse(e.data).choices[0]?.delta?.role === undefined && JSON.parse(e.data).choices[0]?.finish_reason === null).map((e) => e.at);
        const gaps = tokenAt.slice(1).map((t, i) => t - tokenAt[i]!);
        expect(Math.abs(median(gaps) - 10)).toBeLessThan(2.5);
        const n = tokenAt.length;
        const span = tokenAt[n - 1]! - tokenAt[0]!;
        expect(Math.abs(span - (n - 1) * 10)).toBeLessThan(80);
      }
      for (const e of sim.requestLog.filter((x) => x.sampleKey !== 'warm')) {
        expect(e.firstTokenAt! - e.startedAt!).toBeGreaterThanOrEqual(150);
        expect(e.firstTokenAt! - e.startedAt!).toBeLessThan(230);
        expect(e.startedAt! - e.receivedAt).toBeLessThan(60);
      }
    } finally {
      await sim.close();
    }
  });

  it('tokensPerSec sets the pace; a non-streaming body comes when the last token would', async () => {
    const sim = await startSimulator({ ...base, ttftMs: 50, tokensPerSec: 200, reasoningTokens: 30 });
    try {
      const r = await post(`${sim.url}/chat/completions`, chat(promptOf(mathSuite), { max_tokens: 31 }));
      const elapsed = r.arrivals[0]! - r.sentAt;
      expect(elapsed).toBeGreaterThanOrEqual(50 + 30 * 5 - 1);
      expect(elapsed).toBeLessThan(50 + 30 * 5 + 150);
    } finally {
      await sim.close();
    }
  });

  it('several tokens per chunk, the count cycling per request', async () => {
    const sim = await startSimulator({ ...base, tokensPerChunk: [1, 3], reasoningTokens: 20 });
    try {
      for (const expected of [1, 3, 1]) {
        const r = await post(`${sim.url}/chat/completions`, chat(promptOf(mathSuite), { stream: true, max_tokens: 20 }));
        const sizes = r.events
          .map((e) => (e.data === '[DONE]' ? '' : (JSON.parse(e.data).choices[0]?.delta?.reasoning_content ?? '')))
          .filter((t: string) => t !== '')
          .map((t: string) => t.trim().split(/\s+/).length);
        // First token alone, then `expected` per chunk (the last may be short).
        expect(sizes[0]).toBe(1);
        expect(sizes.slice(1, -1).every((s) => s === expected)).toBe(true);
        expect(sizes.reduce((x, y) => x + y, 0)).toBe(20);
      }
    } finally {
      await sim.close();
    }
  });

  it('zero delays: streams hundreds of thousands of chunks per second', async () => {
    const sim = await startSimulator({ ...base, reasoningTokens: 200_000 });
    try {
      const t0 = performance.now();
      const r = await post(`${sim.url}/chat/completions`, chat(promptOf(mathSuite), { stream: true, stream_options: { include_usage: true } }));
      const seconds = (performance.now() - t0) / 1000;
      const a = assemble(r);
      expect(a.done).toBe(true);
      expect(a.tokenChunks).toBeGreaterThan(200_000);
      const perSec = a.tokenChunks / seconds;
      // ~1M/s on an idle core; the bar leaves room for a busy shared machine.
      expect(perSec).toBeGreaterThan(80_000);
      // Batched: far fewer socket reads than chunks.
      expect(r.arrivals.length).toBeLessThan(a.tokenChunks / 10);
    } finally {
      await sim.close();
    }
  });

  it('maxRunning: extra requests wait their turn (vllm:num_requests_waiting)', async () => {
    const sim = await startSimulator({ ...base, maxRunning: 1, ttftMs: 100, reasoningTokens: 5 });
    try {
      const all = Promise.all([0, 1, 2].map((i) => post(`${sim.url}/chat/completions`, chat(promptOf(mathSuite), { stream: true }), { 'x-r1bench-sample': `q/${i}` })));
      // All three in before the first one ends (100 ms); poll rather than guess the machine's speed.
      const deadline = Date.now() + 90;
      while (sim.stats().waiting < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
      expect(sim.stats()).toMatchObject({ running: 1, waiting: 2 });
      await all;
      const log = [...sim.requestLog].sort((a, b) => a.startedAt! - b.startedAt!);
      expect(log[1]!.startedAt!).toBeGreaterThanOrEqual(log[0]!.endedAt! - 1);
      expect(log[2]!.firstTokenAt! - log[0]!.startedAt!).toBeGreaterThanOrEqual(3 * 100);
      expect(sim.stats()).toMatchObject({ running: 0, waiting: 0 });
    } finally {
      await sim.close();
    }
  });

  it('a client that leaves mid-stream frees its slot and its KV tokens', async () => {
    const sim = await startSimulator({ ...base, maxRunning: 1, interTokenMs: 5, reasoningTokens: 400 });
    try {
      await new Promise<void>((resolve) => {
        const req = request(`${sim.url}/chat/completions`, { method: 'POST' }, (res) => {
          res.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', () => {});
        req.end(JSON.stringify(chat(promptOf(mathSuite), { stream: true })));
      });
      const deadline = Date.now() + 2000;
      while (sim.requestLog[0]!.outcome === 'pending' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      expect(sim.requestLog[0]!.outcome).toBe('client-closed');
      expect(sim.requestLog[0]!.completionTokens).toBeLessThan(400);
      expect(sim.stats()).toMatchObject({ running: 0, waiting: 0, kvTokens: 0 });
      // The slot is free: the next request runs at once.
      const r = await post(`${sim.url}/chat/completions`, chat(promptOf(mathSuite), { stream: true, max_tokens: 3 }));
      expect(assemble(r).finishReason).toBe('length');
    } finally {
      await sim.close();
    }
  });
});
