import { describe, expect, it } from 'vitest';
import { costSummary } from './cost.ts';

describe('costSummary', () => {
  it('prices the wall time and divides by output tokens and solved problems', () => {
    // 30 minutes at $28/h = $14; 2M output tokens -> $7 per 1M; 7 solved -> $2 each.
    expect(costSummary({ pricePerHourUsd: 28, wallMs: 1_800_000, outputTokens: 2_000_000, solved: 7 })).toEqual({
      pricePerHourUsd: 28,
      wallHours: 0.5,
      costUsd: 14,
      usdPerMillionOutputTokens: 7,
      usdPerSolvedProblem: 2,
    });
  });
  it('nothing solved or no tokens: null rather than infinity', () => {
    const c = costSummary({ pricePerHourUsd: 2, wallMs: 60_000, outputTokens: 0, solved: 0 });
    expect(c.usdPerMillionOutputTokens).toBeNull();
    expect(c.usdPerSolvedProblem).toBeNull();
    expect(costSummary({ pricePerHourUsd: 2, wallMs: 60_000, outputTokens: 10 }).usdPerSolvedProblem).toBeNull();
  });
});

import { hardwareSection } from './sections.ts';
import { summarizePerformance } from './metrics.ts';

describe('hardwareSection', () => {
  const host = { cpu: 'x', cores: 2, memoryGb: 4, gpus: [], os: 'linux', node: 'v20' };
  it('adds cost only with a declared price, from the run wall time and output tokens', () => {
    const performance = { ...summarizePerformance([]), wallMs: 3_600_000, outputTokens: 4_000_000 };
    const priced = hardwareSection({ profile: { id: 'p', host, hostRole: 'client' as const, declared: { pricePerHourUsd: 8 } }, performance, solved: 4 });
    expect(priced.cost).toMatchObject({ costUsd: 8, usdPerMillionOutputTokens: 2, usdPerSolvedProblem: 2 });
    const unpriced = hardwareSection({ profile: { id: 'p', host, hostRole: 'deployment' as const }, performance, memory: { samples: 1, harnessPeakRssMb: 50, harnessMeanRssMb: 50 } });
    expect(Object.keys(unpriced)).toEqual(['profile', 'memory']);
  });
});
