// LiveCodeBench's breakdowns reach the report as charts: difficulties in their own order, platforms by score.
import { describe, expect, it } from 'vitest';
import type { Metric, RunResults, SuiteResults } from '../../types.ts';
import { breakdownCharts, codeforcesChart } from './suite-detail.ts';

const pass1 = (value: number, items: number): Metric[] => [{ name: 'pass', k: 1, value, stderr: items > 1 ? 0.1 : null, ci95: items > 1 ? [Math.max(0, value - 0.2), Math.min(1, value + 0.2)] : null, n: items }];
const suite = {
  id: 'livecodebench:test5',
  difficulties: [
    { id: 'easy', items: 4, metrics: pass1(0.9, 4) },
    { id: 'medium', items: 3, metrics: pass1(0.5, 3) },
    { id: 'hard', items: 1, metrics: pass1(0, 1) },
  ],
  platforms: [
    { id: 'leetcode', items: 5, metrics: pass1(0.4, 5) },
    { id: 'atcoder', items: 3, metrics: pass1(0.8, 3) },
  ],
} as unknown as SuiteResults;

describe('breakdownCharts', () => {
  it('draws pass@1 per difficulty (easy to hard) and per platform, with item counts', () => {
    const [difficulty, platform] = breakdownCharts(suite);
    expect(difficulty).toContain('pass@1 per difficulty');
    expect(platform).toContain('pass@1 per platform');
    const order = ['easy (4)', 'medium (3)', 'hard (1)'].map((label) => difficulty!.indexOf(label));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(platform!.indexOf('atcoder (3)')).toBeLessThan(platform!.indexOf('leetcode (5)'));
  });

  it('draws nothing for a suite without breakdowns', () => {
    expect(breakdownCharts({ id: 'aime-sample' } as unknown as SuiteResults)).toEqual([]);
  });
});

describe('codeforcesChart', () => {
  const buckets = [{ rating: 800, items: 2, solveRate: 0.5 }];
  const run = { model: 'deepseek-ai/DeepSeek-R1' } as unknown as RunResults;
  it("never marks open-r1's Codeforces set with R1's contest rating", () => {
    for (const id of ['codeforces', 'codeforces:open-r1/test']) {
      const [svg] = codeforcesChart({ id, ratingBuckets: buckets } as unknown as SuiteResults, run);
      expect(svg).not.toContain('2029');
    }
    const [sample] = codeforcesChart({ id: 'codeforces-sample', ratingBuckets: buckets } as unknown as SuiteResults, run);
    expect(sample).toContain('2029');
  });
});
