import { describe, expect, it } from 'vitest';
import { benchJudge } from './judge.ts';

describe('benchJudge', () => {
  it('measures compiles, test runs and sandbox overhead on the real judge', async () => {
    const { rows } = await benchJudge({ compiles: 2, tests: 10, overheadRuns: 3 });
    expect(rows.map((r) => r.unit)).toEqual(['s', 'compiles/s', 'runs/s', 'ms', 'ms']);
    for (const r of rows) expect(Number.isFinite(r.value)).toBe(true);
    expect(rows[0]!.value).toBeGreaterThan(0);
    expect(rows[1]!.value).toBeGreaterThan(0);
    expect(rows[2]!.value).toBeGreaterThan(0);
    // The sandbox costs something over a bare spawn, and not seconds.
    expect(rows[3]!.value).toBeGreaterThan(0);
    expect(rows[3]!.value).toBeLessThan(2000);
  });
});
