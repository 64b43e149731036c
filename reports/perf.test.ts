import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RunStore } from '../runners/store.ts';
import { benchPoints } from './charts/perf.ts';
import { memorySeries, peakMemoryMb, summarizePerf } from './perf.ts';
import { buildFixtureRun } from './testing/fixture-run.ts';

const root = mkdtempSync(join(tmpdir(), 'r1-perf-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('performance read back from a run', () => {
  it('takes peak memory from the GPU total, never from the harness', () => {
    const dir = join(root, 'r');
    buildFixtureRun(dir, { memory: true, suites: [{ id: 's', items: 3, samples: 1, correct: () => true }] });
    const store = RunStore.open(dir);
    try {
      const rows = memorySeries(store);
      expect(rows[0]!.tSec).toBe(0);
      expect(rows.at(-1)!.tSec).toBe(60);
      const p = summarizePerf(store);
      expect(p.performance!.requests).toBe(3);
      expect(p.peakMemoryMb).toBeGreaterThan(67_000);
      expect(p.peakMemoryMb).toBeLessThan(68_600);
    } finally {
      store.close();
    }
    const row = (source: string, name: string, valueMb: number) => ({ tSec: 0, source, name, series: '', valueMb });
    expect(peakMemoryMb([row('harness', 'rssMb', 900), row('server', 'rssMb', 500), row('server', 'hwmMb', 700)])).toBe(700);
    expect(peakMemoryMb([row('harness', 'rssMb', 900)])).toBeNull();
  });

  it('reads throughput points from a bench report curve, closed-loop levels only', () => {
    const bench = { kind: 'bench', curve: [
      { mode: 'concurrency', load: 8, outputTokensPerSec: 300, requestsPerSec: 1 },
      { mode: 'concurrency', load: 1, outputTokensPerSec: 50, requestsPerSec: 0.2 },
      { mode: 'rate', load: 2, outputTokensPerSec: 120, requestsPerSec: 2 },
    ] };
    expect(benchPoints(bench).map((p) => [p.concurrency, p.outputTokensPerSec])).toEqual([[1, 50], [8, 300]]);
    expect(benchPoints({ levels: [{ concurrency: 4, outputTokensPerSec: 9 }] })).toEqual([]);
    expect(benchPoints(undefined)).toEqual([]);
  });
});
