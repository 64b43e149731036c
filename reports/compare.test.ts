import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compareRuns } from './compare.ts';
import { renderCompareHtml, renderCompareJson, renderCompareText } from './compare-render.ts';
import { buildFixtureRun, chance, itemIdOf, itemSkill, type FixtureSuite } from './testing/fixture-run.ts';

const root = mkdtempSync(join(tmpdir(), 'r1-cmp-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Per-item correct samples out of 2: A = [2, 1, 0, 2], B = [1, 1, 2, 0] (B − A means: −.5, 0, +1, −1).
const A = [2, 1, 0, 2], B = [1, 1, 2, 0];
const tiny = (name: string, counts: number[], extra = 0) => {
  const dir = join(root, name);
  buildFixtureRun(dir, { runId: name, latencyOffsetMs: extra, suites: [{ id: 'aime', items: counts.length + (name === 'b' ? 1 : 0), samples: 2, correct: (i, k) => k < (counts[i] ?? 0) }] });
  return dir;
};

describe('compareRuns', () => {
  const a = tiny('a', A), b = tiny('b', B, 300);
  const c = compareRuns([a, b]);

  it('pairs on the shared items with the per-item mean of samples', () => {
    const row = c.metrics.find((m) => m.suite === 'aime' && m.metric.name === 'pass' && m.metric.k === 1)!;
    const d = row.pairs[0]!.diff!;
    expect(d.n).toBe(4); // b's fifth item has no partner
    expect(d.meanDiff).toBeCloseTo(-0.125, 12);
    // sqrt(Σ(x − x̄)²/(n − 1))/√n over the diffs [−.5, 0, 1, −1]
    expect(d.stderr).toBeCloseTo(Math.sqrt(2.1875 / 3) / 2, 12);
    expect(row.pairs[0]!.verdict).toBe('no detectable difference');
    expect(row.values.map((v) => v?.value)).toEqual([5 / 8, 4 / 10]);
  });

  it('pairs pass@2 per item with the unbiased estimator', () => {
    const row = c.metrics.find((m) => m.metric.name === 'pass' && m.metric.k === 2)!;
    // pass@2 with n = 2: solved when any sample is right. A: [1,1,0,1], B: [1,1,1,0] → mean diff 0.
    expect(row.pairs[0]!.diff!.meanDiff).toBe(0);
  });

  it('pairs cons@k per item: equivalent answers written differently vote together, the winning sample’s own verdict counts', () => {
    // Five samples per item; null: no answer. Right answers: 5, 0.5, 5, 2.5.
    const answers = [
      ['7', '5', '5.0', '\\frac{10}{2}', '7'],
      ['0.5', '\\frac12', '3', '3', '3'],
      ['8', '8', '5', '5.0', '5'],
      [null, '2.50', '5/2', null, '2.5'],
    ];
    const right = [[0, 1, 1, 1, 0], [1, 1, 0, 0, 0], [0, 0, 1, 1, 1], [0, 1, 1, 0, 1]];
    const mk = (name: string, suite: Partial<FixtureSuite>) => {
      const dir = join(root, name);
      buildFixtureRun(dir, { runId: name, suites: [{ id: 'cons', items: 4, samples: 5, correct: () => false, ...suite }] });
      return dir;
    };
    const votes = mk('votes', { extracted: (i, k) => answers[i]![k]!, correct: (i, k) => (answers[i]![k] === null ? null : right[i]![k] === 1) });
    const wrong = mk('wrong', { extracted: (_, k) => String(100 + k) }); // every vote wrong and alone: cons@k 0 everywhere
    const r = compareRuns([wrong, votes]);
    const row = (k: number) => r.metrics.find((m) => m.suite === 'cons' && m.metric.name === 'cons' && m.metric.k === k)!;
    // Per item, cons@2: 7|5 tie → 7 ✗; 0.5 ≡ 1/2 ✓; 8 ✗; 2.50 ✓ → 1/2.
    // cons@4: {5, 5.0, 10/2} ✓; {0.5, 1/2} ties {3, 3} and was first ✓; {8, 8} ties {5, 5.0} and was first ✗; {2.50, 5/2} ✓ → 3/4.
    // cons@5: ✓; {3, 3, 3} ✗; {5, 5.0, 5} wins, first seen at sample 2 (it is group number 1) ✓; ✓ → 3/4.
    // As plain strings cons@4 and cons@5 would be 1/4; taking the group's index instead of its sample's, cons@5 would be 1/2.
    for (const [k, expected] of [[2, 0.5], [4, 0.75], [5, 0.75]] as const) {
      const d = row(k).pairs[0]!.diff!;
      expect(d.n, `cons@${k}`).toBe(4);
      expect(d.meanDiff, `cons@${k}`).toBeCloseTo(expected, 12);
      // The paired items reduce exactly as results.json's suite value does.
      expect(row(k).values[1]!.value, `cons@${k}`).toBeCloseTo(expected, 12);
      expect(row(k).values[0]!.value, `cons@${k}`).toBe(0);
    }
    expect(compareRuns([votes, wrong]).metrics.find((m) => m.metric.name === 'cons' && m.metric.k === 4)!.pairs[0]!.diff!.meanDiff).toBeCloseTo(-0.75, 12);
  });

  it('lists items that flipped each way; an item at half right is neither', () => {
    expect(c.flips[0]).toMatchObject({ suite: 'aime', rightToWrong: [itemIdOf('aime', 3)], wrongToRight: [itemIdOf('aime', 2)] });
  });

  it('puts performance side by side', () => {
    const ttft = c.performance.find((p) => p.name === 'TTFT p50')!;
    expect(ttft.values[1]! - ttft.values[0]!).toBeGreaterThan(200);
    expect(c.performance.find((p) => p.name === 'peak memory')!.values).toEqual([null, null]);
  });

  it('renders text, JSON and HTML', () => {
    const text = renderCompareText(c);
    expect(text).toMatch(/aime\s+pass@1\s+B−A\s+-12\.5 pts \[/);
    expect(text).toContain(`right in A, wrong in B (1): ${itemIdOf('aime', 3)}`);
    expect(JSON.parse(renderCompareJson(c)).metrics[0].pairs[0].diff.n).toBe(4);
    const html = renderCompareHtml(c);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
  });

  it('detects a real difference on a large suite and calls it better/worse', () => {
    const mk = (name: string, shift: number) => {
      const dir = join(root, name);
      buildFixtureRun(dir, { runId: name, suites: [{ id: 'mmlu', scorer: 'choice', items: 400, samples: 1, correct: (i, k) => chance(name.length, i, k) < itemSkill(i) + shift }] });
      return dir;
    };
    const r = compareRuns([mk('low', -0.2), mk('high', 0)]);
    expect(r.metrics[0]!.pairs[0]!.verdict).toBe('better');
    expect(r.metrics[0]!.pairs[0]!.diff!.ci95[0]).toBeGreaterThan(0);
  });

  it('compares three runs pairwise and refuses fewer than two', () => {
    const three = compareRuns([a, b, tiny('c', A)]);
    expect(three.metrics[0]!.pairs.map((p) => [p.a, p.b])).toEqual([[0, 1], [0, 2], [1, 2]]);
    expect(three.metrics[0]!.pairs[1]!.diff!.meanDiff).toBe(0);
    expect(() => compareRuns([a])).toThrow('compare: needs at least two run directories, got 1');
  });
});
