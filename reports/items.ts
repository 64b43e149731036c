// Per-item outcomes from the stored verdicts: the unit for paired comparisons (an item's value is
// the mean of its samples) and for the per-item tables.
import type { RunStore } from '../runners/store.ts';
import type { Score } from '../types.ts';

export interface ItemOutcome {
  itemId: string;
  samples: number;
  correct: number;
  /** Fraction of samples correct: the item's pass@1. A null verdict counts as incorrect. */
  mean: number;
  verdicts: string[];
  /** Per sample, by sample index. */
  flags: boolean[];
  extracted: (string | null)[];
}

function verdictOf(s: Score): string {
  return s.verdict ?? (s.correct === true ? 'correct' : s.correct === false ? 'wrong' : 'no-answer');
}

export function itemOutcomes(store: RunStore, suiteId: string): Map<string, ItemOutcome> {
  const out = new Map<string, ItemOutcome>();
  for (const s of store.scores(suiteId)) {
    let o = out.get(s.itemId);
    if (!o) out.set(s.itemId, (o = { itemId: s.itemId, samples: 0, correct: 0, mean: 0, verdicts: [], flags: [], extracted: [] }));
    o.samples++;
    if (s.correct === true) o.correct++;
    o.verdicts.push(verdictOf(s));
    o.flags.push(s.correct === true);
    o.extracted.push(s.extracted);
  }
  for (const o of out.values()) o.mean = o.samples ? o.correct / o.samples : 0;
  return out;
}

/** Verdict per (item, sample), for joining with completions in the drill-down. */
export function scoreIndex(store: RunStore, suiteId: string): Map<string, Score> {
  const m = new Map<string, Score>();
  for (const s of store.scores(suiteId)) m.set(`${s.itemId}\u0000${s.sample}`, s);
  return m;
}
