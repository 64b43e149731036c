// DeepSeek's published numbers (R1-PROTOCOL.md, from the model card), for reference marks. They are
// for the full benchmarks; a suite here may be a subset, so charts label them as the model card's.
import type { MetricId } from '../types.ts';

export const MODEL_CARD_LABEL = 'DeepSeek-R1 (model card)';

type Bench = 'aime' | 'aimeCons' | 'math500' | 'gpqa' | 'livecodebench' | 'codeforces' | 'mmlu';

// Percent for scores, Elo-like rating for Codeforces; absent: not published.
const TABLE: Record<string, Partial<Record<Bench, number>>> = {
  'DeepSeek-R1': { aime: 79.8, math500: 97.3, gpqa: 71.5, livecodebench: 65.9, codeforces: 2029, mmlu: 90.8 },
  'R1-Zero': { aime: 71.0, aimeCons: 86.7, math500: 95.9, gpqa: 73.3, livecodebench: 50.0, codeforces: 1444 },
  'Distill-Qwen-1.5B': { aime: 28.9, aimeCons: 52.7, math500: 83.9, gpqa: 33.8, livecodebench: 16.9, codeforces: 954 },
  'Distill-Qwen-7B': { aime: 55.5, aimeCons: 83.3, math500: 92.8, gpqa: 49.1, livecodebench: 37.6, codeforces: 1189 },
  'Distill-Qwen-14B': { aime: 69.7, aimeCons: 80.0, math500: 93.9, gpqa: 59.1, livecodebench: 53.1, codeforces: 1481 },
  'Distill-Qwen-32B': { aime: 72.6, aimeCons: 83.3, math500: 94.3, gpqa: 62.1, livecodebench: 57.2, codeforces: 1691 },
  'Distill-Llama-8B': { aime: 50.4, aimeCons: 80.0, math500: 89.1, gpqa: 49.0, livecodebench: 39.6, codeforces: 1205 },
  'Distill-Llama-70B': { aime: 70.0, aimeCons: 86.7, math500: 94.5, gpqa: 65.2, livecodebench: 57.5, codeforces: 1633 },
};

/** Which published benchmark a suite id stands for, if any. */
export function benchOf(suiteId: string): Exclude<Bench, 'aimeCons'> | null {
  const s = suiteId.toLowerCase();
  if (s.includes('aime')) return 'aime';
  if (s.includes('math500') || s.includes('math-500') || s.includes('math_500')) return 'math500';
  // The published GPQA number is for Diamond: the release's other sets (main, extended, experts) have none.
  if (s.includes('gpqa')) return /main|extended|experts/.test(s) ? null : 'gpqa';
  if (s.includes('livecodebench') || s.includes('lcb')) return 'livecodebench';
  if (s.includes('codeforces') || s === 'cf' || s.startsWith('cf-')) return 'codeforces';
  if (s.includes('mmlu')) return 'mmlu';
  return null;
}

/** The model-card row that best matches a served model name (e.g. "deepseek-r1-distill-qwen-7b"). */
export function modelCardRow(model: string): string {
  const m = model.toLowerCase().replace(/[_\s]/g, '-');
  for (const row of Object.keys(TABLE)) {
    const parts = row.toLowerCase().split('-').filter((p) => p !== 'distill');
    if (row.startsWith('Distill') && m.includes('distill') && parts.every((p) => m.includes(p))) return row;
  }
  if (m.includes('zero')) return 'R1-Zero';
  return 'DeepSeek-R1';
}

export interface Reference {
  row: string;
  /** In the suite's units: a fraction for scores, a rating for Codeforces ratings. */
  value: number;
  label: string;
}

/** The published score for a suite and metric (fraction 0..1), or null. pass@1, and cons@64 for AIME. */
export function publishedScore(suiteId: string, metric: MetricId, model: string): Reference | null {
  const bench = benchOf(suiteId);
  if (!bench || bench === 'codeforces') return null;
  const row = modelCardRow(model);
  const key: Bench | null = metric.k === 1 && metric.name !== 'cons' ? bench : bench === 'aime' && metric.name === 'cons' && metric.k === 64 ? 'aimeCons' : null;
  const pct = key ? TABLE[row]?.[key] : undefined;
  if (pct === undefined) return null;
  return { row, value: pct / 100, label: `${MODEL_CARD_LABEL}: ${row} ${pct}%` };
}

export function publishedRating(model: string): Reference | null {
  const row = modelCardRow(model);
  const r = TABLE[row]?.codeforces;
  return r === undefined ? null : { row, value: r, label: `${MODEL_CARD_LABEL}: ${row} ${r}` };
}
