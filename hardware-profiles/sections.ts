// The `hardware` section of results.json: the profile, memory peaks and means (absent sources left out),
// and the cost when the profile declares a price.
import { costSummary, type CostSummary } from './cost.ts';
import type { MemorySummary } from './memory-sampler.ts';
import type { Performance } from './metrics.ts';
import type { HardwareProfile } from './profile.ts';

export interface HardwareSection {
  profile: HardwareProfile;
  memory?: MemorySummary;
  cost?: CostSummary;
}

/** `solved`: problems solved in the run (for cost per solved problem). */
export function hardwareSection(input: { profile: HardwareProfile; memory?: MemorySummary; performance?: Performance; solved?: number }): HardwareSection {
  const out: HardwareSection = { profile: input.profile };
  if (input.memory) out.memory = input.memory;
  const price = input.profile.declared?.pricePerHourUsd;
  if (price !== undefined && input.performance)
    out.cost = costSummary({ pricePerHourUsd: price, wallMs: input.performance.wallMs, outputTokens: input.performance.outputTokens, solved: input.solved });
  return out;
}
