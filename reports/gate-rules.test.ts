import { describe, expect, it } from 'vitest';
import { GateConfigError, parseGateRules } from './gate-rules.ts';

describe('parseGateRules', () => {
  it('reads every kind of rule', () => {
    const r = parseGateRules(`
scores:
  - suite: aime
    metric: cons
    k: 64
    min: 0.5
  - suite: "*"
    maxDrop: 0.03
performance: { maxTtftP95Ms: 2000, maxTpotP95Ms: 60, minOutputTokensPerSec: 100, maxPeakMemoryMb: 80000 }
maxTruncationRate: 0.1
`);
    expect(r).toEqual({
      scores: [{ suite: 'aime', metric: { name: 'cons', k: 64 }, min: 0.5 }, { suite: '*', maxDrop: 0.03 }],
      performance: { maxTtftP95Ms: 2000, maxTpotP95Ms: 60, minOutputTokensPerSec: 100, maxPeakMemoryMb: 80000 },
      maxTruncationRate: 0.1,
    });
    expect(parseGateRules('')).toEqual({ scores: [], performance: {} });
  });

  it('reads metric accuracy as pass@1, the metric results actually hold', () => {
    expect(parseGateRules('scores: [{ suite: mmlu, metric: accuracy, min: 0.8 }, { suite: aime, metric: accuracy, k: 1, maxDrop: 0.05 }]').scores).toEqual([
      { suite: 'mmlu', metric: { name: 'pass', k: 1 }, min: 0.8 },
      { suite: 'aime', metric: { name: 'pass', k: 1 }, maxDrop: 0.05 },
    ]);
  });

  it.each([
    ['scorez: []', 'g.yaml: scorez is not a known key (expected one of: scores, performance, maxTruncationRate)'],
    ['performance: { maxTtftP99Ms: 5 }', 'g.yaml: performance.maxTtftP99Ms is not a known key'],
    ['scores: [{ suite: a, min: 50 }]', 'g.yaml: scores[0].min must be a number from 0 to 1, got 50'],
    ['scores: [{ suite: a, metric: acc, min: 0.5 }]', 'g.yaml: scores[0].metric must be pass, cons or accuracy (= pass@1), got "acc"'],
    ['scores: [{ suite: a, metric: accuracy, k: 4, min: 0.5 }]', 'g.yaml: scores[0].k must be 1 with metric accuracy (= pass@1); for more samples use metric: pass, k: 4'],
    ['scores: [{ suite: a }]', 'g.yaml: scores[0] needs min, maxDrop or minOfReference'],
    ['scores: [{ suite: a, k: 4, min: 0.1 }]', 'g.yaml: scores[0].k needs a metric beside it'],
    ['scores: { suite: a }', 'g.yaml: scores must be a list of rules'],
    ['maxTruncationRate: "5%"', 'g.yaml: maxTruncationRate must be a number from 0 to 1, got "5%"'],
    ['scores: [', 'g.yaml: not valid YAML'],
  ])('rejects %j with one line naming the key', (text, message) => {
    let err: unknown;
    try {
      parseGateRules(text, 'g.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GateConfigError);
    expect((err as Error).message.startsWith(message)).toBe(true);
    expect((err as Error).message).not.toContain('\n');
  });
});
