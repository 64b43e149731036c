import { describe, expect, it } from 'vitest';
import { startKnownTimingServer } from './testing/known-timing-server.ts';
import { createHttpEndpoint } from '../runners/http-client.ts';
import { runLoadTest } from './load-test.ts';
import { clientLoadWarning, cpuWaitText, startClientLoad, worstClientLoad, type ClientLoad } from './client-load.ts';

const load = (p99: number, extra: Partial<ClientLoad> = {}): ClientLoad => ({ loopDelayP50Ms: 0.5, loopDelayP99Ms: p99, loopDelayMaxMs: p99, cpuPct: 30, threads: 1, wallSec: 10, ...extra });

describe('client load', () => {
  it('sees a blocked event loop: the delay past the timer, and CPU over wall time', async () => {
    const l = startClientLoad();
    const busy = setInterval(() => {
      const until = performance.now() + 60;
      while (performance.now() < until);
    }, 80);
    await new Promise((r) => setTimeout(r, 700));
    clearInterval(busy);
    const c = l.stop();
    expect(c.loopDelayP99Ms).toBeGreaterThan(30);
    expect(c.cpuPct).toBeGreaterThan(5);
    expect(c.threads).toBe(1);
    expect(c.wallSec).toBeGreaterThan(0.6);
  });

  it('warns over 20 ms, or over 10% of the TTFT p50 from 2 ms up; never without a measurement', () => {
    expect(clientLoadWarning(load(25), 10_000)).toMatch(/delay p99 25\.0 ms, over 20 ms.*not the deployment/);
    expect(clientLoadWarning(load(6), 50)).toMatch(/12% of the TTFT p50 50\.0 ms/);
    expect(clientLoadWarning(load(6), 100)).toBeNull();
    expect(clientLoadWarning(load(1.5), 5)).toBeNull(); // under what the timer resolves
    expect(clientLoadWarning(load(19), undefined)).toBeNull();
    expect(clientLoadWarning(undefined, 10)).toBeNull();
  });

  it('the worst of several sessions or shards, wall time summed', () => {
    const w = worstClientLoad([load(3, { cpuPct: 80, wallSec: 2, cpuWaitPct: 12 }), null, load(30, { cpuPct: 10, wallSec: 3, cpuWaitPct: 4 })])!;
    expect([w.loopDelayP99Ms, w.cpuPct, w.wallSec, w.cpuWaitPct]).toEqual([30, 80, 5, 12]);
    // A session measured where the OS does not report the wait: the others' worst, or none at all.
    expect(worstClientLoad([load(3), load(4, { cpuWaitPct: 7 })])!.cpuWaitPct).toBe(7);
    expect(worstClientLoad([load(3), load(4)])).not.toHaveProperty('cpuWaitPct');
    expect(worstClientLoad([undefined])).toBeUndefined();
  });

  it('names waiting for a CPU as the cause from 5% of the time, with the advice that fits it', () => {
    const waited = clientLoadWarning(load(25, { cpuWaitPct: 18 }), 10_000)!;
    expect(waited).toMatch(/CPU 30% of a core; its streaming thread waited for a CPU 18% of the time\)/);
    expect(waited).toMatch(/other work took the client's cores.*cores to itself.*fewer --client-threads/);
    expect(waited).not.toMatch(/more --client-threads/);
    for (const x of [load(25, { cpuWaitPct: 4.9 }), load(25)]) {
      const busy = clientLoadWarning(x, 10_000)!;
      expect(busy).not.toMatch(/waited for a CPU/);
      expect(busy).toMatch(/lower --concurrency, or more --client-threads/);
    }
    expect(clientLoadWarning(load(5, { cpuWaitPct: 60 }), 10_000)).toBeNull(); // the loop was on time: nothing skewed
    // The phrase every line that describes a ClientLoad uses (report, bench's level line, ttft-floor).
    expect(cpuWaitText({ cpuWaitPct: 7.25 })).toBe(', waiting for a CPU 7.3% of the time');
    expect(cpuWaitText({})).toBe(''); // not measured (off Linux)
    expect(cpuWaitText({ cpuWaitPct: NaN })).toBe(''); // a median over rounds without it
  });

  it('runLoadTest records the client load of every level (bench.json levels[].client)', async () => {
    const server = await startKnownTimingServer({ ttftMs: 20, interTokenMs: 2, reasoningTokens: 4, answerTokens: 4, tokensPerChunk: [1] });
    const endpoint = createHttpEndpoint(server.url);
    try {
      const report = await runLoadTest({ endpoint, model: 'kts', concurrency: [1, 4], requestsPerLevel: 4, warmupRequests: 0 });
      expect(report.levels).toHaveLength(2);
      for (const l of report.levels) {
        expect(l.client!.threads).toBe(1);
        expect(l.client!.wallSec).toBeGreaterThan(0);
        expect(l.client!.loopDelayP99Ms).toBeGreaterThanOrEqual(0);
      }
    } finally {
      await endpoint.close?.();
      await server.close();
    }
  });
});
