// The scorer contract: one sample in, one verdict out; `equal` lets equivalent answers vote together.
import type { Reference, SampleVariant, Score } from '../types.ts';
import type { SampleInput } from './answer-part.ts';

/** A stored sample as a scorer reads it: with what it was shown when the item's samples differ (GPQA). */
export type ScorerInput = SampleInput & { variant?: SampleVariant };

export type SampleVerdict = Omit<Score, 'itemId' | 'sample'>;

export interface Scorer {
  id: 'math' | 'choice' | 'code' | 'gpqa';
  /** Bump when verdicts can change: runs are comparable only with the same scorer versions. */
  version: number;
  score(sample: ScorerInput, reference: Reference): Promise<SampleVerdict> | SampleVerdict;
  /** Answer equivalence for cons@k; absent: the suite reports no cons@k. */
  equal?(a: string, b: string): boolean;
}
