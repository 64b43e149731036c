// What a run cost on rented hardware: the price per hour over the run's wall time, per 1M output tokens and
// per solved problem. A benchmark that saturates the hardware gives the honest lower bound of these.

export interface CostSummary {
  pricePerHourUsd: number;
  wallHours: number;
  costUsd: number;
  usdPerMillionOutputTokens: number | null;
  /** null when nothing was solved (or the count was not given). */
  usdPerSolvedProblem: number | null;
}

/**
 * @param solved problems solved: e.g. the sum over items of pass@1 (expected solves per sample), or a count.
 */
export function costSummary(input: { pricePerHourUsd: number; wallMs: number; outputTokens: number; solved?: number }): CostSummary {
  const wallHours = input.wallMs / 3_600_000;
  const costUsd = input.pricePerHourUsd * wallHours;
  return {
    pricePerHourUsd: input.pricePerHourUsd,
    wallHours,
    costUsd,
    usdPerMillionOutputTokens: input.outputTokens > 0 ? (costUsd * 1e6) / input.outputTokens : null,
    usdPerSolvedProblem: input.solved !== undefined && input.solved > 0 ? costUsd / input.solved : null,
  };
}
