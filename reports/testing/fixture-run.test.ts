// The fixture must write what the real pipeline writes: verdicts as the scorers give them, and
// results.json computed from them by the scorers' functions, never hand-made numbers.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../runners/store.ts';
import { buildFixtureRun, itemIdOf } from './fixture-run.ts';

const root = mkdtempSync(join(tmpdir(), 'r1-fixture-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('buildFixtureRun', () => {
  const dir = join(root, 'run');
  const results = buildFixtureRun(dir, {
    suites: [
      { id: 'aime', items: 3, samples: 4, correct: (i, k) => (i === 2 && k === 3 ? null : k <= i), finish: (i, k) => (i === 0 && k === 3 ? 'length' : 'stop') },
      { id: 'mmlu', scorer: 'choice', items: 8, samples: 1, correct: (i) => i < 5, subject: (i) => ({ subject: `s${i % 3}`, category: i % 3 ? 'stem' : 'other' }) },
      // Ratings 800, 1200, 1600 solved 1, 1/2, 0: the rating is 1200 (rating.ts's worked example).
      { id: 'cf', scorer: 'code', items: 3, samples: 2, correct: (i, k) => i === 0 || (i === 1 && k === 0), error: (i, k) => i === 2 && k === 1, rating: (i) => 800 + 400 * i },
    ],
  });
  const [aime, mmlu, cf] = results.suites;

  it('writes results.json equal to what it returns', () => {
    expect(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'))).toEqual(results);
  });

  it('reports the metrics suiteMetrics gives: pass@k, then cons@k with the scorer’s equivalence', () => {
    expect(aime!.metrics.map((m) => `${m.name}@${m.k}`)).toEqual(['pass@1', 'pass@2', 'pass@4', 'cons@2', 'cons@4']);
    // Correct samples per item, of 4: 1 (its last cut off), 2, 3 (its last unanswered).
    expect(aime!.metrics[0]!.value).toBeCloseTo(6 / 12, 12);
    expect(aime!.truncatedRate).toBe(1 / 12);
    expect(aime!.noAnswerRate).toBe(1 / 12);
    expect(aime!.errors).toBe(0);
    // Code answers cannot vote: no cons@k, as for a real code suite.
    expect(cf!.metrics.map((m) => `${m.name}@${m.k}`)).toEqual(['pass@1', 'pass@2']);
  });

  it('breaks MMLU down by subject and category with pass@1 and a macro average over subjects', () => {
    expect(mmlu!.subjects!.map((s) => [s.id, s.category, s.items, s.metrics[0]!.name, s.metrics[0]!.k])).toEqual([
      ['s0', 'other', 3, 'pass', 1], ['s1', 'stem', 3, 'pass', 1], ['s2', 'stem', 2, 'pass', 1],
    ]);
    expect(mmlu!.subjects!.map((s) => s.metrics[0]!.value)).toEqual([2 / 3, 2 / 3, 1 / 2]);
    expect(mmlu!.categories!.map((c) => [c.id, c.items, c.metrics[0]!.value])).toEqual([['stem', 5, 3 / 5], ['other', 3, 2 / 3]]);
    // Macro (mean of subjects) differs from micro (mean of items, 5/8).
    expect(mmlu!.macroMetrics![0]).toMatchObject({ name: 'pass', k: 1, n: 8 });
    expect(mmlu!.macroMetrics![0]!.value).toBeCloseTo(11 / 18, 12);
    expect(mmlu!.metrics[0]!.value).toBe(5 / 8);
  });

  it('gives code suites real verdict counts, errors and the estimated rating', () => {
    expect(cf!.verdicts).toEqual({ AC: 3, WA: 2, error: 1 });
    expect(cf!.errors).toBe(1);
    expect(cf!.rating!.value).toBeCloseTo(1200, 4);
    expect(cf!.rating!.ci95![0]).toBeLessThanOrEqual(1200);
    expect(cf!.rating!.ci95![1]).toBeGreaterThanOrEqual(1200);
    expect(cf!.ratingBuckets).toEqual([{ rating: 800, items: 1, solveRate: 1 }, { rating: 1200, items: 1, solveRate: 0.5 }, { rating: 1600, items: 1, solveRate: 0 }]);
  });

  it('stores verdicts as the scorers do: no answer is false, a failed request is null and stored as an error', () => {
    const store = RunStore.open(dir);
    try {
      const aimeScores = store.scores('aime');
      expect(aimeScores.find((s) => s.itemId === itemIdOf('aime', 2) && s.sample === 3)).toMatchObject({ correct: false, extracted: null, verdict: 'no-answer' });
      expect(aimeScores.find((s) => s.itemId === itemIdOf('aime', 0) && s.sample === 3)).toMatchObject({ correct: false, extracted: null, verdict: 'truncated' });
      expect(store.scores('cf').find((s) => s.itemId === itemIdOf('cf', 2) && s.sample === 1)).toMatchObject({ correct: null, verdict: 'error' });
      const failed = [...store.completions('cf', { texts: 'answer' })].filter((c) => c.error);
      expect(failed.map((c) => [c.itemId, c.sample, c.error!.kind])).toEqual([[itemIdOf('cf', 2), 1, 'http']]);
      expect(store.counts().find((c) => c.suiteId === 'cf')).toEqual({ suiteId: 'cf', completed: 5, errors: 1 });
    } finally {
      store.close();
    }
  });
});
