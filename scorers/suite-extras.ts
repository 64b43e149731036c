// The parts of a suite's results that depend on its kind: MMLU's subject breakdown, code verdicts and rating.
import type { Item, Score, SuiteResults } from '../types.ts';
import type { ItemSamples } from './aggregate.ts';
import { liveCodeBenchBreakdown } from './livecodebench.ts';
import { mmluBreakdown } from './mmlu-breakdown.ts';
import { ratingBuckets, ratingEstimate, type RatedResult } from './rating.ts';

function codeExtras(items: Item[], samples: ItemSamples[], verdicts: Score[]): Partial<SuiteResults> {
  const counts: Record<string, number> = {};
  for (const v of verdicts) counts[v.verdict ?? 'unknown'] = (counts[v.verdict ?? 'unknown'] ?? 0) + 1;
  const byId = new Map(samples.map((s) => [s.itemId, s]));
  const rated: RatedResult[] = [];
  for (const it of items) {
    const rating = it.reference.kind === 'code' ? it.reference.rating : undefined;
    const s = byId.get(it.id);
    if (rating === undefined || !s || s.correct.length === 0) continue;
    rated.push({ rating, solved: s.correct.filter(Boolean).length / s.correct.length });
  }
  if (rated.length === 0) return { verdicts: counts };
  return {
    verdicts: counts,
    rating: ratingEstimate(rated),
    ratingBuckets: ratingBuckets(rated),
  };
}

export function suiteExtras(
  scorer: SuiteResults['scorer'],
  items: Item[],
  samples: ItemSamples[],
  verdicts: Score[],
  equal?: (a: string, b: string) => boolean,
): Partial<SuiteResults> {
  if (scorer === 'code' && items.some((i) => i.reference.kind === 'livecodebench'))
    return { ...codeExtras(items, samples, verdicts), ...liveCodeBenchBreakdown(items, samples, { equal }) };
  if (scorer === 'code') return codeExtras(items, samples, verdicts);
  if (scorer === 'choice' && items.some((i) => i.meta?.subject !== undefined)) return mmluBreakdown(items, samples, { equal });
  return {};
}
