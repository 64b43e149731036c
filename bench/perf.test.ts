import { describe, expect, it } from 'vitest';
import { benchPerf } from './perf.ts';

describe('benchPerf', () => {
  it('measures both clients against the known-timing server and reports every row', async () => {
    const { rows } = await benchPerf({ streams: [1, 4] });
    const names = rows.map((r) => r.name);
    for (const n of ['1 stream', '4 streams']) {
      expect(names).toContain(`TTFT error p50, ${n}, r1bench client`);
      expect(names).toContain(`TTFT error p99, ${n}, openai SDK`);
      expect(names).toContain(`TPOT error p99, ${n}, r1bench client`);
    }
    expect(names).toContain('client CPU per streamed token, 4 streams, r1bench client');
    for (const r of rows) expect(Number.isFinite(r.value), r.name).toBe(true);
    // One stream on a local socket: the client's TTFT is off by milliseconds, not tens of them.
    expect(rows.find((r) => r.name === 'TTFT error p50, 1 stream, r1bench client')!.value).toBeLessThan(25);
    expect(rows.find((r) => r.name === 'TPOT error p50, 1 stream, r1bench client')!.value).toBeLessThan(1);
  });
});
