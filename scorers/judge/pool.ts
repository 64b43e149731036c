// A bounded worker pool shared by every judge() call of one Judge, plus "stop at the first failure"
// over a list of tests that run in parallel.
import pLimit, { type LimitFunction } from 'p-limit';

export class WorkerPool {
  private readonly limit: LimitFunction;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`judge workers must be a positive integer, got ${size}`);
    this.limit = pLimit(size);
  }

  run<T>(task: () => Promise<T>): Promise<T> {
    return this.limit(task);
  }

  /** Tasks waiting for a worker. */
  get pending(): number {
    return this.limit.pendingCount;
  }
}

export interface FirstFailure<T> {
  /** Outcomes by index for every task that ran (index <= failedIndex when there is a failure). */
  outcomes: (T | undefined)[];
  /** Lowest failing index, or -1. */
  failedIndex: number;
}

/**
 * Runs task(i) for i = 0..n-1 on the pool, in index order. Once test i fails, tasks above i that have
 * not started are skipped; tasks below i still finish, since one of them may fail first.
 */
export async function runUntilFirstFailure<T>(
  pool: WorkerPool, n: number, task: (i: number) => Promise<T>, failed: (outcome: T) => boolean,
): Promise<FirstFailure<T>> {
  const outcomes: (T | undefined)[] = new Array(n);
  let failedIndex = Infinity;
  await Promise.all(Array.from({ length: n }, (_, i) => pool.run(async () => {
    if (i > failedIndex) return;
    const outcome = await task(i);
    outcomes[i] = outcome;
    if (failed(outcome) && i < failedIndex) failedIndex = i;
  })));
  const idx = failedIndex === Infinity ? -1 : failedIndex;
  return { outcomes: idx < 0 ? outcomes : outcomes.slice(0, idx + 1), failedIndex: idx };
}
