// Loop delay with client threads: the worst thread's percentiles, counted only while a measurement is open.
import { describe, expect, it } from 'vitest';
import { recordThreadLoopDelays, startClientLoad } from './client-load.ts';

describe('client load with client threads', () => {
  it("reports the worst thread's p50/p99/max and the number of threads; samples before or after a measurement do not count", () => {
    recordThreadLoopDelays(901, [500]); // before: no measurement open
    const load = startClientLoad();
    recordThreadLoopDelays(901, Array.from({ length: 100 }, (_, i) => (i < 98 ? 1 : 40)));
    recordThreadLoopDelays(902, Array.from({ length: 100 }, (_, i) => (i < 40 ? 2 : 5)));
    const out = load.stop();
    recordThreadLoopDelays(902, [900]); // after stop
    expect(out.threads).toBe(2);
    expect(out.loopDelayP50Ms).toBeCloseTo(5, 0); // thread 902's p50
    expect(out.loopDelayP99Ms).toBeCloseTo(40, 0); // thread 901's p99
    expect(out.loopDelayMaxMs).toBeCloseTo(40, 0);
    expect(load.read().loopDelayMaxMs).toBeCloseTo(40, 0);
  });

  it("the worst thread's wait for a CPU, over the measurement's wall time; reports outside it do not count", async () => {
    recordThreadLoopDelays(911, [1], 500); // before: no measurement open
    const load = startClientLoad();
    recordThreadLoopDelays(911, [1], 10);
    recordThreadLoopDelays(912, [1], 30);
    recordThreadLoopDelays(912, [1], 30);
    recordThreadLoopDelays(913, [1]); // a thread whose OS does not say
    await new Promise((r) => setTimeout(r, 300));
    const out = load.stop();
    recordThreadLoopDelays(912, [1], 900); // after stop
    const expected = (100 * 60) / (out.wallSec * 1000); // thread 912: 60 ms of ~300
    expect(out.cpuWaitPct).toBeGreaterThan(expected - 1);
    expect(out.cpuWaitPct).toBeLessThan(expected + 1);
    expect(out.threads).toBe(3);
  });

  it('without client threads: the main thread, threads 1', () => {
    const load = startClientLoad();
    expect(load.stop().threads).toBe(1);
  });
});
