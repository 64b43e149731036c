import { describe, expect, it } from 'vitest';
import type { Item, Metric } from '../types.ts';
import type { ItemSamples } from './aggregate.ts';
import { macroAverage, mmluBreakdown } from './mmlu-breakdown.ts';

const item = (id: string, subject: string, category: string): Item => ({
  id,
  prompt: [{ role: 'user', content: id }],
  reference: { kind: 'choice', answer: 'B', choices: ['a', 'b', 'c', 'd'] },
  meta: { subject, category },
});
const samples = (itemId: string, extracted: string[]): ItemSamples => ({ itemId, extracted, correct: extracted.map((x) => x === 'B') });
const get = (ms: Metric[], name: Metric['name'], k: number) => ms.find((m) => m.name === name && m.k === k)!;
const equal = (a: string, b: string) => a === b;

// college_physics (STEM): a always right, b always wrong        → pass@1 0.5,   se 0.5
// philosophy (humanities): c half right, d and e always right   → pass@1 5/6,   se √(1/12)/√3 = 1/6
// anatomy (other): f half right, first vote wrong                → pass@1 0.5,   no se (one item)
const items = [
  item('a', 'college_physics', 'stem'),
  item('b', 'college_physics', 'stem'),
  item('c', 'philosophy', 'humanities'),
  item('d', 'philosophy', 'humanities'),
  item('e', 'philosophy', 'humanities'),
  item('f', 'anatomy', 'other'),
  item('g', 'anatomy', 'other'), // never sampled: left out, as from the suite's own metrics
];
const runSamples = [
  samples('a', ['B', 'B']),
  samples('b', ['C', 'D']),
  samples('c', ['B', 'C']),
  samples('d', ['B', 'B']),
  samples('e', ['B', 'B']),
  samples('f', ['A', 'B']),
];

describe('mmluBreakdown', () => {
  const r = mmluBreakdown(items, runSamples, { equal });

  it('lists subjects alphabetically with their category and item counts', () => {
    expect(r.subjects.map((s) => [s.id, s.category, s.items])).toEqual([
      ['anatomy', 'other', 1],
      ['college_physics', 'stem', 2],
      ['philosophy', 'humanities', 3],
    ]);
  });

  it('computes each subject with the suite metrics (pass@1, pass@2, cons@2)', () => {
    const physics = r.subjects[1]!.metrics;
    expect(physics.map((m) => `${m.name}@${m.k}`)).toEqual(['pass@1', 'pass@2', 'cons@2']);
    expect(get(physics, 'pass', 1)).toMatchObject({ value: 0.5, n: 2 });
    expect(get(physics, 'pass', 1).stderr).toBeCloseTo(0.5, 12);
    const philosophy = r.subjects[2]!.metrics;
    expect(get(philosophy, 'pass', 1).value).toBeCloseTo(5 / 6, 12);
    expect(get(philosophy, 'pass', 1).stderr).toBeCloseTo(1 / 6, 12);
    expect(get(philosophy, 'cons', 2).value).toBe(1); // c ties 1-1: the first-seen answer (B) wins
    expect(get(r.subjects[0]!.metrics, 'cons', 2).value).toBe(0); // f ties: first-seen A wins, wrong
  });

  it('orders categories as the paper does and computes them over their items', () => {
    expect(r.categories.map((c) => [c.id, c.items])).toEqual([
      ['stem', 2],
      ['humanities', 3],
      ['other', 1],
    ]);
    expect(get(r.categories[1]!.metrics, 'pass', 1).value).toBeCloseTo(5 / 6, 12);
  });

  it('macro-averages over subjects with se = sqrt(Σ v_s/n_s)/S, a one-item subject taking the pooled variance', () => {
    const pass1 = get(r.macroMetrics, 'pass', 1);
    expect(pass1.value).toBeCloseTo((0.5 + 5 / 6 + 0.5) / 3, 12);
    // physics: v = 0.5 over 2 items; philosophy: v = 1/12 over 3; anatomy (1 item): pooled (0.5·1 + 1/12·2) / 3.
    const pooled = (0.5 + (1 / 12) * 2) / 3;
    expect(pass1.stderr).toBeCloseTo(Math.sqrt(0.25 + 1 / 36 + pooled) / 3, 12);
    expect(pass1.ci95![0]).toBeCloseTo(pass1.value - 1.959963984540054 * pass1.stderr!, 9);
    expect(pass1.n).toBe(6);
    const cons2 = get(r.macroMetrics, 'cons', 2);
    expect(cons2.value).toBeCloseTo((0.5 + 1 + 0) / 3, 12);
    // cons@2 variances: physics 0.5, philosophy 0, anatomy pooled (0.5·1 + 0·2) / 3.
    expect(cons2.stderr).toBeCloseTo(Math.sqrt(0.25 + 0 + 0.5 / 3) / 3, 12);
  });

  it('differs from the micro average when subjects differ in size', () => {
    // micro pass@1 over the 6 items: (1 + 0 + 0.5 + 1 + 1 + 0.5) / 6 = 2/3; macro is 11/18.
    expect(get(r.macroMetrics, 'pass', 1).value).not.toBeCloseTo(4 / 6, 6);
  });

  it('reports no cons@k without an equality, and nothing for no samples', () => {
    expect(mmluBreakdown(items, runSamples).macroMetrics.map((m) => m.name)).toEqual(['pass', 'pass']);
    expect(mmluBreakdown(items, [])).toEqual({ subjects: [], categories: [], macroMetrics: [] });
  });
});

describe('macroAverage', () => {
  it('keeps only the metrics every subject has, and clips the interval to [0, 1]', () => {
    const m = (name: Metric['name'], k: number, value: number, stderr: number, n: number): Metric => ({ name, k, value, stderr, ci95: [0, 1], n });
    const out = macroAverage([
      { items: 3, metrics: [m('pass', 1, 1, 0.3, 3), m('pass', 4, 1, 0, 3)] },
      { items: 2, metrics: [m('pass', 1, 0.9, 0.4, 2)] },
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]!.value).toBeCloseTo(0.95, 12);
    expect(out[0]!.stderr).toBeCloseTo(0.25, 12);
    expect(out[0]!.ci95![1]).toBe(1);
    expect(out[0]!.n).toBe(5);
  });
});
