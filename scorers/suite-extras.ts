// The parts of a suite's results that depend on its kind: MMLU's subject breakdown, code verdicts and rating.
import type { Item, Score, SuiteResults } from '../types.ts';
import type { ItemSamples } from './aggregate.ts';
import { mmluBreakdown } from './mmlu-breakdown.ts';

export function suiteExtras(
  scorer: SuiteResults['scorer'],
  items: Item[],
  samples: ItemSamples[],
  verdicts: Score[],
  equal?: (a: string, b: string) => boolean,
): Partial<SuiteResults> {
  if (scorer === 'code') {
    const counts: Record<string, number> = {};
    for (const v of verdicts) counts[v.verdict ?? 'unknown'] = (counts[v.verdict ?? 'unknown'] ?? 0) + 1;
    return { verdicts: counts };
  }
  if (scorer === 'choice' && items.some((i) => i.meta?.subject !== undefined)) return mmluBreakdown(items, samples, { equal });
  return {};
}
