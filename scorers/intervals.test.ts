// Issue 11's intervals: none from one item, never zero-width at 0% or 100%, a real one for MMLU's
// macro average when each subject holds one item, and a rating with no finite value.
import { describe, expect, it } from 'vitest';
import type { Item, Metric } from '../types.ts';
import { suiteMetrics, type ItemSamples } from './aggregate.ts';
import { macroAverage, mmluBreakdown } from './mmlu-breakdown.ts';
import { ratingEstimate, ratingText } from './rating.ts';
import { suiteExtras } from './suite-extras.ts';
import { ci95, proportionInterval, wilson } from './stats.ts';

const Z2 = 1.959963984540054 ** 2;
const get = (ms: Metric[], name: Metric['name'], k: number) => ms.find((m) => m.name === name && m.k === k)!;
const item = (id: string, correct: boolean[]): ItemSamples => ({ itemId: id, correct, extracted: correct.map((c) => (c ? '7' : '8')) });

describe('intervals of a suite', () => {
  it('gives one item no interval at all: stderr and ci95 null, not zero-width', () => {
    const [p1, p2] = suiteMetrics([item('only', [true, false])]);
    expect(p1).toMatchObject({ name: 'pass', k: 1, value: 0.5, n: 1, stderr: null, ci95: null });
    expect(p2).toMatchObject({ name: 'pass', k: 2, value: 1, stderr: null, ci95: null });
  });

  it('all 12 samples of 6 items wrong: 0% with a Wilson upper limit, not [0, 0]', () => {
    const items = Array.from({ length: 6 }, (_, i) => item(`q${i}`, [false, false]));
    const p1 = suiteMetrics(items)[0]!;
    expect(p1.value).toBe(0);
    // The clustered standard error really is 0 (every item agrees); the interval is Wilson's with n = 6 items.
    expect(p1.stderr).toBe(0);
    expect(p1.ci95![0]).toBe(0);
    expect(p1.ci95![1]).toBeCloseTo(Z2 / (6 + Z2), 12);
    expect(p1.ci95![1]).toBeGreaterThan(0.35);
  });

  it('pass@8 = 100% reads [lower < 100%, 100%], narrowing with more items', () => {
    const run = (n: number) => get(suiteMetrics(Array.from({ length: n }, (_, i) => item(`q${i}`, Array.from({ length: 8 }, (_, k) => k === i % 8)))), 'pass', 8);
    const ten = run(10);
    expect(ten.value).toBe(1);
    expect(ten.ci95![1]).toBe(1);
    expect(ten.ci95![0]).toBeCloseTo(10 / (10 + Z2), 12);
    expect(run(200).ci95![0]).toBeGreaterThan(ten.ci95![0]);
    expect(run(200).ci95![0]).toBeLessThan(1);
  });

  it('never narrower than the clustered normal interval, and inside [0, 1]', () => {
    for (const [v, se, n] of [[0.5, 0.3, 4], [0.02, 0.05, 30], [0.9, 0.001, 30], [0.97, 0.2, 3]] as const) {
      const [lo, hi] = proportionInterval(v, se, n)!;
      const [nl, nh] = ci95(v, se);
      expect(lo).toBeLessThanOrEqual(nl + 1e-15);
      expect(hi).toBeGreaterThanOrEqual(nh - 1e-15);
      expect(lo).toBeGreaterThanOrEqual(0);
      expect(hi).toBeLessThanOrEqual(1);
      const [wl, wh] = wilson(v, n);
      expect(lo).toBeLessThanOrEqual(wl);
      expect(hi).toBeGreaterThanOrEqual(wh);
    }
    expect(proportionInterval(0.5, null, 1)).toBeNull();
  });
});

describe('MMLU macro average', () => {
  const subjects = ['anatomy', 'astronomy', 'law', 'logic', 'virology'];
  const items: Item[] = subjects.map((subject, i) => ({ id: `m${i}`, prompt: [{ role: 'user', content: subject }], reference: { kind: 'choice', answer: 'A', choices: ['a', 'b'] }, meta: { subject, category: 'other' } }));

  it('with one item per subject (--limit-per-subject 1) has a real interval from the spread over subjects', () => {
    // Right on 3 of the 5 subjects: each subject alone has no interval, the macro average has one.
    const samples = items.map((it, i) => ({ itemId: it.id, correct: [i < 3, i < 3], extracted: ['x', 'x'] }));
    const r = mmluBreakdown(items, samples);
    for (const s of r.subjects) expect(s.metrics[0]).toMatchObject({ stderr: null, ci95: null });
    const macro = r.macroMetrics[0]!;
    expect(macro.value).toBeCloseTo(0.6, 12);
    // Subjects as clusters: sd of (1,1,1,0,0) / √5.
    expect(macro.stderr).toBeCloseTo(Math.sqrt(0.3) / Math.sqrt(5), 12);
    expect(macro.ci95![1] - macro.ci95![0]).toBeGreaterThan(0.5);
  });

  it('all right with one item per subject is still not certain', () => {
    const samples = items.map((it) => ({ itemId: it.id, correct: [true], extracted: ['A'] }));
    const macro = mmluBreakdown(items, samples).macroMetrics[0]!;
    expect(macro.value).toBe(1);
    expect(macro.ci95![0]).toBeCloseTo(5 / (5 + Z2), 12); // Wilson with 5 effective items
    expect(macro.ci95![1]).toBe(1);
  });

  it('gives a one-item subject the pooled variance of the others (stratified)', () => {
    const m = (value: number, stderr: number | null, n: number): Metric => ({ name: 'pass', k: 1, value, stderr, ci95: null, n });
    // Subjects of 3 and 5 items with variances 0.3 and 0.2; a third subject of one item.
    const se3 = Math.sqrt(0.3 / 3), se5 = Math.sqrt(0.2 / 5);
    const out = macroAverage([{ items: 3, metrics: [m(0.4, se3, 3)] }, { items: 5, metrics: [m(0.6, se5, 5)] }, { items: 1, metrics: [m(1, null, 1)] }])[0]!;
    const pooled = (0.3 * 2 + 0.2 * 4) / 6;
    expect(out.stderr).toBeCloseTo(Math.sqrt(0.1 + 0.04 + pooled) / 3, 12);
    expect(out.n).toBe(9);
    // Kish's effective number of items for equal subject weights: 9 / (1/3 + 1/5 + 1).
    const nEff = 9 / (1 / 3 + 1 / 5 + 1);
    expect(out.ci95![0]).toBeLessThanOrEqual(wilson(out.value, nEff)[0]);
    // One subject of one item: nothing to estimate from.
    expect(macroAverage([{ items: 1, metrics: [m(1, null, 1)] }])[0]).toMatchObject({ stderr: null, ci95: null });
  });
});

describe('rating with no finite estimate', () => {
  it('nothing solved: value null, bounded above by the easiest rated problem, said in words', () => {
    const r = ratingEstimate([{ rating: 1400, solved: 0 }, { rating: 900, solved: 0 }, { rating: 2100, solved: 0 }]);
    expect(r).toMatchObject({ value: null, ci95: null, upperBound: 900 });
    expect(r.note).toMatch(/below the easiest rated problem \(900\)/);
    expect(ratingText(r)).toMatch(/^below 900 .*easiest rated problem/);
  });

  it('reaches results.json through the code suite\'s extras: null value and the bound, not 0 with [0, 0]', () => {
    const items: Item[] = [900, 1300].map((rating, i) => ({ id: `p${i}`, prompt: [{ role: 'user', content: 'solve' }], reference: { kind: 'code', tests: [], timeLimitMs: 1000, memoryLimitMb: 256, rating } }));
    const samples = items.map((it) => ({ itemId: it.id, correct: [false, false], extracted: ['cpp', 'cpp'] }));
    const extras = suiteExtras('code', items, samples, []);
    expect(extras.rating).toMatchObject({ value: null, ci95: null, upperBound: 900 });
  });

  it('everything always solved: value null, bounded below by the hardest', () => {
    const r = ratingEstimate([{ rating: 1000, solved: 1 }, { rating: 1700, solved: 1 }]);
    expect(r).toMatchObject({ value: null, ci95: null, lowerBound: 1700 });
    expect(ratingText(r)).toMatch(/^above 1700/);
  });

  it('a finite estimate keeps its interval; one rated problem has none', () => {
    const r = ratingEstimate([{ rating: 800, solved: 1 }, { rating: 1200, solved: 0.5 }, { rating: 1600, solved: 0 }], { resamples: 200 });
    expect(r.value).toBeCloseTo(1200, 4);
    expect(r.ci95![0]).toBeLessThan(1200);
    const one = ratingEstimate([{ rating: 1500, solved: 0.5 }]);
    expect(one.value).toBeCloseTo(1500, 4);
    expect(one.ci95).toBeNull();
    expect(ratingText({ value: 1500, ci95: null })).toMatch(/^1500 \[no interval/);
  });
});
