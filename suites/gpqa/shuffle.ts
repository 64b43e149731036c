// GPQA's options in a different order for every (question, sample), the same on every machine: a
// sha256 of the Record ID and the sample index seeds mulberry32, which drives a Fisher–Yates shuffle.
import { createHash } from 'node:crypto';
import { mulberry32 } from '../../random.ts';

/** order[p]: the original option (0 = the correct answer, 1..3 = incorrect answers 1..3) shown at letter p. */
export function optionOrder(recordId: string, sample: number, options = 4): number[] {
  const seed = createHash('sha256').update(`gpqa\u0000${recordId}\u0000${sample}`).digest().readUInt32BE(0);
  const next = mulberry32(seed);
  const order = Array.from({ length: options }, (_, i) => i);
  for (let i = options - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
