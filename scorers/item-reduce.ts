// One item's value of a metric ({name, k}) from its sample verdicts and extracted answers: the same
// reduction suiteMetrics (aggregate.ts) averages over items, for callers that need it item by item
// (paired comparisons in reports, CI gates).
import type { MetricId, SuiteResults } from '../types.ts';
import { choiceScorer } from './choice.ts';
import { gpqaScorer } from './gpqa.ts';
import { consensusIndex } from './consensus.ts';
import { mathScorer } from './math.ts';
import { passAtK } from './pass-at-k.ts';

export type AnswerEqual = (a: string, b: string) => boolean;

/**
 * The answer equivalence cons@k votes with, by the suite's scorer: the scorer's own `equal`.
 * Code suites have none (extracted is only the language), so they report no cons@k.
 */
export function answerEqualFor(scorer: SuiteResults['scorer']): AnswerEqual | undefined {
  if (scorer === 'math') return mathScorer.equal;
  if (scorer === 'choice') return choiceScorer.equal;
  if (scorer === 'gpqa') return gpqaScorer.equal;
  return undefined;
}

/**
 * The item's value of `metric`, or null when the item cannot have one: no samples, k above its
 * samples, or cons@k without an answer equivalence. `correct` and `extracted` are per sample, by
 * sample index (an error or unanswered sample is false / null).
 *
 * pass@k: the unbiased estimator over all n samples (pass@1 is the fraction correct). cons@k: the
 * vote over the FIRST k samples; the item counts 1 when the winning group's first-seen sample was
 * scored correct — exactly what suiteMetrics does. Any other name reads as pass@k.
 */
export function itemMetricValue(
  metric: MetricId,
  correct: readonly boolean[],
  extracted: readonly (string | null)[],
  equal?: AnswerEqual,
): number | null {
  if (correct.length !== extracted.length) throw new RangeError(`item reduce: ${correct.length} verdicts but ${extracted.length} extracted answers`);
  const n = correct.length;
  if (n === 0 || metric.k > n) return null;
  if (metric.name === 'cons') {
    if (!equal) return null;
    const winner = consensusIndex(extracted.slice(0, metric.k), equal);
    return winner >= 0 && correct[winner] ? 1 : 0;
  }
  return passAtK(n, correct.filter(Boolean).length, metric.k);
}
