// Cost per solved problem counts the correct samples actually stored: a stopped run (samples never
// stored) is not credited with solves it never made.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RunStore } from '../runners/store.ts';
import { buildFixtureRun } from '../reports/testing/fixture-run.ts';
import { solvedSamples, summarizeRunPerformance } from './performance.ts';

const root = mkdtempSync(join(tmpdir(), 'r1-cost-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('cost per solved problem', () => {
  it('divides by the correct samples that were stored, not planned items × samples × pass@1', async () => {
    const dir = join(root, 'partial');
    // 10 items × 4 planned samples; items 0–4 got 4 samples (2 right each), items 5–9 only sample 0 (right).
    const results = buildFixtureRun(dir, {
      suites: [{ id: 'math500', items: 10, samples: 4, correct: (i, k) => (i < 5 ? k < 2 : true), missing: (i, k) => i >= 5 && k > 0 }],
    });
    expect(results.suites[0]).toMatchObject({ items: 10, missingSamples: 15, plannedItems: 10 });
    const store = RunStore.open(dir);
    store.setMeta('hardware', { profile: { id: 'rented', host: { cpu: 'x', cores: 1, memoryMb: 1, gpus: [] }, hostRole: 'client', declared: { pricePerHourUsd: 36 } } });
    expect(solvedSamples(store, results)).toBe(15);
    store.close();
    const { hardware, performance } = await summarizeRunPerformance(dir, { results });
    const cost = (hardware as { cost: { costUsd: number; usdPerSolvedProblem: number } }).cost;
    expect((performance as { wallMs: number }).wallMs).toBeGreaterThan(0);
    expect(cost.usdPerSolvedProblem).toBeCloseTo(cost.costUsd / 15, 12);
    // pass@1 is (5·0.5 + 5·1)/10 = 0.75: the planned count would have claimed 10 × 4 × 0.75 = 30 solves.
    expect(results.suites[0]!.metrics[0]!.value).toBeCloseTo(0.75, 12);
  });
});
