import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchTtftFloor, buildC } from './ttft-floor.ts';

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
    // Each client's number is the median of its rounds, and every round is listed beside it with the
    // hypervisor's steal during it; the quiet-rounds row is the median of the rounds under 2% steal.
    const round = /(-?[\d.]+) \(steal ([\d.]+)%\)/g;
    for (const r of rows.filter((x) => x.name.startsWith('TTFT error') && !x.name.includes('quiet rounds') && !x.name.includes('receive side'))) {
      const listed = [...r.target.matchAll(round)].map((m) => ({ value: Number(m[1]), steal: Number(m[2]) }));
      expect(listed.length, r.name).toBe(2);
      expect(r.value).toBeCloseTo((listed[0]!.value + listed[1]!.value) / 2, 0);
      if (!r.name.startsWith('TTFT error p99')) continue;
      const quiet = rows.find((x) => x.name === `${r.name}, quiet rounds (steal < 2%)`);
      const calm = listed.filter((x) => x.steal < 2).map((x) => x.value);
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
