import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../random.ts';
import { suiteMetrics, type ItemSamples } from './aggregate.ts';
import { answerEqualFor, itemMetricValue } from './item-reduce.ts';

describe('itemMetricValue', () => {
  it('pass@k is the unbiased estimator; pass@1 the fraction correct', () => {
    const correct = [true, false, false, true, false];
    const none = correct.map(() => null);
    expect(itemMetricValue({ name: 'pass', k: 1 }, correct, none)).toBeCloseTo(2 / 5, 12);
    // 1 − C(3,2)/C(5,2) = 1 − 3/10
    expect(itemMetricValue({ name: 'pass', k: 2 }, correct, none)).toBeCloseTo(0.7, 12);
    expect(itemMetricValue({ name: 'pass', k: 4 }, correct, none)).toBe(1);
  });

  it('cons@k votes over the first k samples with the given equivalence and takes the winner’s own verdict', () => {
    const extracted = ['7', '5', '5.0', '\\frac{10}{2}', '7', '7', '7'];
    const correct = [false, true, true, true, false, false, false];
    const math = answerEqualFor('math')!;
    expect(itemMetricValue({ name: 'cons', k: 4 }, correct, extracted, math)).toBe(1);
    // Written differently, so as plain strings every answer is alone and the first one ('7') wins.
    expect(itemMetricValue({ name: 'cons', k: 4 }, correct, extracted, (a, b) => a === b)).toBe(0);
    expect(itemMetricValue({ name: 'cons', k: 7 }, correct, extracted, math)).toBe(0);
    // The winner is sample 2 (group index 1): its verdict, not sample 1's, decides.
    expect(itemMetricValue({ name: 'cons', k: 5 }, [false, false, true, true, true], ['8', '8', '5', '5.0', '5'], math)).toBe(1);
    expect(itemMetricValue({ name: 'cons', k: 2 }, [false, false], [null, null], math)).toBe(0);
  });

  it('is null where the item has no value: no samples, k above them, cons without an equivalence', () => {
    expect(itemMetricValue({ name: 'pass', k: 1 }, [], [])).toBeNull();
    expect(itemMetricValue({ name: 'pass', k: 3 }, [true, true], ['1', '1'])).toBeNull();
    expect(itemMetricValue({ name: 'cons', k: 2 }, [true, true], ['1', '1'])).toBeNull();
    expect(() => itemMetricValue({ name: 'pass', k: 1 }, [true], [])).toThrow('item reduce: 1 verdicts but 0 extracted answers');
  });

  it('agrees with suiteMetrics: the suite value is the mean of the item values', () => {
    const rand = mulberry32(11);
    const answers = ['3', '3.0', '\\frac{6}{2}', '4', '0.5', '\\frac12', null];
    const items: ItemSamples[] = Array.from({ length: 60 }, (_, i) => {
      const extracted = Array.from({ length: 8 }, () => answers[Math.floor(rand() * answers.length)]!);
      return { itemId: `i${i}`, extracted, correct: extracted.map((a) => a !== null && Number(a.replace('\\frac{6}{2}', '3')) === 3) };
    });
    const equal = answerEqualFor('math')!;
    const metrics = suiteMetrics(items, { equal });
    expect(metrics.map((m) => `${m.name}@${m.k}`)).toEqual(['pass@1', 'pass@2', 'pass@4', 'pass@8', 'cons@2', 'cons@4', 'cons@8']);
    for (const m of metrics) {
      const values = items.map((it) => itemMetricValue(m, it.correct, it.extracted, equal)!);
      expect(values.reduce((a, b) => a + b, 0) / values.length, `${m.name}@${m.k}`).toBeCloseTo(m.value, 12);
    }
  });
});

describe('answerEqualFor', () => {
  it('is the suite scorer’s equivalence; code suites have none', () => {
    expect(answerEqualFor('math')!('0.5', '\\frac12')).toBe(true);
    expect(answerEqualFor('math')!('0.5', '0.6')).toBe(false);
    expect(answerEqualFor('choice')!(' b', 'B')).toBe(true);
    expect(answerEqualFor('choice')!('A', 'B')).toBe(false);
    expect(answerEqualFor('code')).toBeUndefined();
  });
});
