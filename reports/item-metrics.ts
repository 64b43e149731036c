// Per-item values of a suite's metric from the stored verdicts, reduced by the scorers' own reducer
// (itemMetricValue) with the suite scorer's answer equivalence: compare and gate pair these, so a
// paired difference always rests on the same reduction results.json reports.
import { answerEqualFor, itemMetricValue, pairedDiff, type PairedDiff } from '../scorers/index.ts';
import type { MetricId, SuiteResults } from '../types.ts';
import type { ItemOutcome } from './items.ts';

/** "pass@1", "cons@64": how every report names a metric. */
export const metricLabel = (m: MetricId): string => `${m.name}@${m.k}`;

/** Item id → the item's value of `metric`; items that cannot have one (k above their samples; cons@k of a code suite) are left out. */
export function itemValues(outcomes: ReadonlyMap<string, ItemOutcome>, metric: MetricId, scorer: SuiteResults['scorer']): Map<string, number> {
  const equal = answerEqualFor(scorer);
  const out = new Map<string, number>();
  for (const [id, o] of outcomes) {
    const v = itemMetricValue(metric, o.flags, o.extracted, equal);
    if (v !== null) out.set(id, v);
  }
  return out;
}

/**
 * Later − earlier (`b` − `a`) of one metric on the items both runs can value, or null when they
 * share none (no common items, or k above every shared item's samples). Each run's items are
 * reduced with its own suite's scorer.
 */
export function pairedMetricDiff(
  a: { outcomes: ReadonlyMap<string, ItemOutcome>; suite: Pick<SuiteResults, 'scorer'> },
  b: { outcomes: ReadonlyMap<string, ItemOutcome>; suite: Pick<SuiteResults, 'scorer'> },
  metric: MetricId,
): PairedDiff | null {
  const va = itemValues(a.outcomes, metric, a.suite.scorer);
  const vb = itemValues(b.outcomes, metric, b.suite.scorer);
  if (![...vb.keys()].some((id) => va.has(id))) return null;
  return pairedDiff(vb, va);
}
