// The performance and hardware sections of results.json, from the stored timings and memory timeline.
import type { RunResults } from '../types.ts';

export async function summarizeRunPerformance(
  dir: string,
  opts: { slo?: { ttftMs?: number; tpotMs?: number; e2eMs?: number }; results: RunResults },
): Promise<Pick<RunResults, 'performance' | 'hardware'>> {
  void dir;
  void opts;
  return {};
}
