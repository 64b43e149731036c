import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { percentileSorted } from '../hardware-profiles/stats.ts';
import type { StreamTruth } from '../hardware-profiles/testing/known-timing-server.ts';
import { maxStealWindowMs } from './steal.ts';
import { benchTtftFloor, buildC, errorStats, isQuietRound, type Measured } from './ttft-floor.ts';

describe('benchTtftFloor', () => {
  it('measures the C floor, the library client, r1bench bench and run side by side, in interleaved rounds', async () => {
    const { rows } = await benchTtftFloor({ workers: 8, requestsPerWorker: 2, rounds: 2 });
    const at = '8 workers × 2, continuous';
    const value = (name: string) => rows.find((r) => r.name === name)?.value;
    for (const who of ['C epoll client (floor)', 'r1bench library client (createHttpEndpoint)', 'r1bench bench (per request, from requests.jsonl)', 'r1bench run (per sample, from its store)'])
      expect(Number.isFinite(value(`TTFT error p99, ${at}, ${who}`)), who).toBe(true);
    // The C client's TTFT is within tens of ms of the server's truth (a parsing bug would be off by a token, 20 ms, or by the TTFT itself).
    expect(Math.abs(value(`TTFT error p50, ${at}, C epoll client (floor)`)!)).toBeLessThan(20);
    expect(value(`client CPU per request, ${at}, C epoll client (floor)`)).toBeGreaterThan(0);
    expect(rows.find((r) => r.name.startsWith('TTFT error p99') && r.name.includes('library'))!.target).toMatch(/^C floor \d/);
    expect(value(`client event-loop delay p99, ${at}, r1bench bench (bench.json client)`)).toBeGreaterThanOrEqual(0);
    for (const name of [`client event-loop delay p99, ${at}, r1bench bench (bench.json client)`, `client event-loop delay p99, ${at}, r1bench run (results.json performance.client)`])
      if (process.platform === 'linux') expect(rows.find((r) => r.name === name)!.target, name).toMatch(/^CPU \d+% of a core, waiting for a CPU [\d.]+% of the time \(medians of the rounds\)/);
    // Each client's number is the median of its rounds, and every round is listed beside it with the
    // hypervisor's steal during it (its share, and the most in one 100 ms window); the quiet-rounds row is
    // the median of the rounds under 2% steal with no burst of 30 ms or more.
    // `bench` and `run` also list how long their streaming thread waited for a CPU in each round (Linux).
    const round = /(-?[\d.]+) \(steal ([\d.]+)%, burst (\d+) ms(?:, CPU wait ([\d.]+)%)?\)/g;
    for (const r of rows.filter((x) => x.name.startsWith('TTFT error') && !x.name.includes('quiet rounds') && !x.name.includes('receive side'))) {
      const listed = [...r.target.matchAll(round)].map((m) => ({ value: Number(m[1]), steal: Number(m[2]), burst: Number(m[3]), wait: m[4] }));
      expect(listed.length, r.name).toBe(2);
      const selfMeasured = process.platform === 'linux' && (r.name.includes('r1bench bench') || r.name.includes('r1bench run'));
      for (const x of listed) expect(x.wait === undefined, r.name).toBe(!selfMeasured);
      expect(r.value).toBeCloseTo((listed[0]!.value + listed[1]!.value) / 2, 0);
      if (!r.name.startsWith('TTFT error p99')) continue;
      const quiet = rows.find((x) => x.name === `${r.name}, quiet rounds (steal < 2%, no burst ≥ 30 ms)`);
      const calm = listed.filter((x) => x.steal < 2 && x.burst < 30).map((x) => x.value);
      expect(quiet?.target, r.name).toContain(`median of ${calm.length} of 2 rounds`);
      if (calm.length === 0) expect(quiet!.value).toBeNaN();
      else expect(quiet!.value).toBeCloseTo(calm.reduce((a, b) => a + b, 0) / calm.length, 0);
    }
    // Each client's error split where the server read the request. Both sides come from the same epoch
    // clock: with 8 workers the server reads a request within a few ms of its send, so nearly all of the
    // error is on the receive side (a send time on another clock, or in ms since the process began, would
    // put seconds or years on the send side).
    for (const who of ['C epoll client (floor)', 'r1bench library client (createHttpEndpoint)', 'r1bench bench (per request, from requests.jsonl)', 'r1bench run (per sample, from its store)']) {
      const split = rows.find((r) => r.name === `TTFT error p99 after the server read the request (receive side), ${at}, ${who}`);
      const send = Number(/p99 (-?[\d.]+) ms/.exec(split?.target ?? '')?.[1]);
      expect(send, who).toBeGreaterThan(-2);
      expect(send, who).toBeLessThan(50);
      expect(Math.abs(split!.value - value(`TTFT error p99, ${at}, ${who}`)!), who).toBeLessThan(50);
      expect([...split!.target.matchAll(round)].length, who).toBe(2);
    }
  }, 120_000);

  it("splits each request's error where the server read it: send = server's arrival − client's send, receive = the rest", () => {
    // Request i: the server reads it i/10 ms after the client sent it, and the client stamps the first token
    // (99 − i)/4 ms after the server wrote it; the true TTFT varies, so the error must be taken per request.
    const measured: Measured = new Map();
    const records: StreamTruth[] = [];
    const send: number[] = [];
    const receive: number[] = [];
    for (let i = 0; i < 100; i++) {
      const sentAt = 1.7e12 + 1000 * i;
      const ttftMs = 600 + i;
      send.push(i / 10);
      receive.push((99 - i) / 4);
      measured.set(`r${i}`, { sentAt, ttftMs: ttftMs + i / 10 + (99 - i) / 4 });
      records.push({ id: `r${i}`, receivedAt: sentAt + i / 10, ttftMs } as StreamTruth);
    }
    records.push({ id: 'warm-up', receivedAt: 0, ttftMs: 600 } as StreamTruth); // in the truth, not measured: ignored
    const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const total = sorted(send.map((x, i) => x + receive[i]!));
    const s = errorStats(measured, records, 50); // epoch ms near 1.7e12 hold about 0.0002 ms of precision
    expect(s.n).toBe(100);
    expect(s.p50).toBeCloseTo(percentileSorted(total, 50), 9);
    expect(s.p99).toBeCloseTo(percentileSorted(total, 99), 9);
    expect(s.sendP99).toBeCloseTo(percentileSorted(sorted(send), 99), 3);
    expect(s.receiveP99).toBeCloseTo(percentileSorted(sorted(receive), 99), 3);
    expect(s.cpuMsPerRequest).toBe(0.5);
    // A measured request the server has no record of is an error, not a silent gap.
    expect(() => errorStats(new Map([['lost', { sentAt: 0, ttftMs: 1 }]]), records)).toThrow('request lost: no server record');
  });

  it('without a C compiler the floor is skipped with a note', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfloor-test-'));
    const before = process.env.CC;
    process.env.CC = join(dir, 'no-such-cc');
    try {
      expect(await buildC(dir)).toEqual({ skipped: 'no C compiler (cc) on this machine: install gcc or clang, or set CC' });
    } finally {
      if (before === undefined) delete process.env.CC;
      else process.env.CC = before;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('maxStealWindowMs', () => {
  it('is the largest steal between consecutive /proc/stat readings, in ms (10 ms a tick), not the average', () => {
    const reading = (steal: number) => [100, 0, 50, 1000, 0, 0, 0, steal, 0, 0];
    // 0, 1, 1, 6, 6, 7 ticks of steal: windows of 1, 0, 5, 0, 1 ticks.
    expect(maxStealWindowMs([0, 1, 1, 6, 6, 7].map(reading))).toBe(50);
    expect(maxStealWindowMs([reading(3)])).toBe(0);
  });
});

describe('isQuietRound', () => {
  it('needs the steal known, under 2% as listed (one decimal), and no 100 ms burst of 30 ms or more', () => {
    expect(isQuietRound({ stealPct: 0.4, stealBurstMs: 10 })).toBe(true);
    expect(isQuietRound({ stealPct: 1.96, stealBurstMs: 20 })).toBe(false); // listed as 2.0%
    expect(isQuietRound({ stealPct: 0.6, stealBurstMs: 30 })).toBe(false); // one burst, though 0.6% on average
    expect(isQuietRound({ stealPct: 3, stealBurstMs: 0 })).toBe(false);
    expect(isQuietRound({ stealPct: undefined, stealBurstMs: undefined })).toBe(false);
  });
});
