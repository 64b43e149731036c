// The scorer contract: one sample in, one verdict out; `equal` lets equivalent answers vote together.
import type { Reference, Score } from '../types.ts';
import type { SampleInput } from './answer-part.ts';

export type SampleVerdict = Omit<Score, 'itemId' | 'sample'>;

export interface Scorer {
  id: 'math' | 'choice' | 'code';
  /** Bump when verdicts can change: runs are comparable only with the same scorer versions. */
  version: number;
  score(sample: SampleInput, reference: Reference): Promise<SampleVerdict> | SampleVerdict;
  /** Answer equivalence for cons@k; absent: the suite reports no cons@k. */
  equal?(a: string, b: string): boolean;
}
