// DeepSeek's published numbers (R1-PROTOCOL.md), for reference marks and the gate's minOfReference.
// Matched exactly: a suite gets a benchmark's number only when its id is that benchmark's preset name
// (suites/presets.ts) and it covers the whole benchmark; a model only when its name names a row (or
// --reference does). Everything else gets no mark rather than a wrong one.
import type { MetricId, SuiteResults } from '../types.ts';
import { PRESETS } from '../suites/presets.ts';
import { ReportInputError } from './errors.ts';

export const MODEL_CARD_LABEL = 'DeepSeek-R1 (model card)';

export type Bench = 'aime24' | 'aime24Cons' | 'math500' | 'gpqaDiamond' | 'livecodebench' | 'codeforces' | 'mmlu' | 'mmluPro' | 'mmluRedux';

const R1_CARD = 'DeepSeek-R1 model card (huggingface.co/deepseek-ai/DeepSeek-R1), "DeepSeek-R1-Evaluation" table';
const DISTILL_CARD = 'DeepSeek-R1 model card (huggingface.co/deepseek-ai/DeepSeek-R1), "Distilled Model Evaluation" table';
const ZERO_PAPER = 'DeepSeek-R1 paper (arXiv:2501.12948), Table 2 (R1-Zero vs OpenAI o1)';

// Percent for scores, Elo-like rating for Codeforces; absent: not published.
const TABLE: Record<string, { source: string; numbers: Partial<Record<Bench, number>> }> = {
  'DeepSeek-R1': { source: R1_CARD, numbers: { aime24: 79.8, math500: 97.3, gpqaDiamond: 71.5, livecodebench: 65.9, codeforces: 2029, mmlu: 90.8, mmluPro: 84.0, mmluRedux: 92.9 } },
  'R1-Zero': { source: ZERO_PAPER, numbers: { aime24: 71.0, aime24Cons: 86.7, math500: 95.9, gpqaDiamond: 73.3, livecodebench: 50.0, codeforces: 1444 } },
  'Distill-Qwen-1.5B': { source: DISTILL_CARD, numbers: { aime24: 28.9, aime24Cons: 52.7, math500: 83.9, gpqaDiamond: 33.8, livecodebench: 16.9, codeforces: 954 } },
  'Distill-Qwen-7B': { source: DISTILL_CARD, numbers: { aime24: 55.5, aime24Cons: 83.3, math500: 92.8, gpqaDiamond: 49.1, livecodebench: 37.6, codeforces: 1189 } },
  'Distill-Qwen-14B': { source: DISTILL_CARD, numbers: { aime24: 69.7, aime24Cons: 80.0, math500: 93.9, gpqaDiamond: 59.1, livecodebench: 53.1, codeforces: 1481 } },
  'Distill-Qwen-32B': { source: DISTILL_CARD, numbers: { aime24: 72.6, aime24Cons: 83.3, math500: 94.3, gpqaDiamond: 62.1, livecodebench: 57.2, codeforces: 1691 } },
  'Distill-Llama-8B': { source: DISTILL_CARD, numbers: { aime24: 50.4, aime24Cons: 80.0, math500: 89.1, gpqaDiamond: 49.0, livecodebench: 39.6, codeforces: 1205 } },
  'Distill-Llama-70B': { source: DISTILL_CARD, numbers: { aime24: 70.0, aime24Cons: 86.7, math500: 94.5, gpqaDiamond: 65.2, livecodebench: 57.5, codeforces: 1633 } },
};

export const MODEL_CARD_ROWS = Object.keys(TABLE);

/** The published benchmark of each suite id that has one. aime25 (no published R1 number) and codeforces (open-r1's set, not R1's contests) have none. */
const BENCH_OF_ID: Record<string, Exclude<Bench, 'aime24Cons' | 'codeforces'>> = {
  aime24: 'aime24',
  math500: 'math500',
  'gpqa-diamond': 'gpqaDiamond',
  livecodebench: 'livecodebench',
  mmlu: 'mmlu',
  'mmlu-pro': 'mmluPro',
  'mmlu-redux': 'mmluRedux',
};

/** Other exact ids of a whole published copy: the published file names and the presets' hf:// ids. No LiveCodeBench alias: its window is not in the id. */
const ALIASES: Record<string, string> = {
  'gpqa:gpqa_diamond': 'gpqa-diamond',
  'gpqa:Idavidrein/gpqa/gpqa_diamond': 'gpqa-diamond',
  'math:MATH-500/test': 'math500',
  'math:HuggingFaceH4/MATH-500/test': 'math500',
};

const presetOf = (suiteId: string): string => ALIASES[suiteId] ?? suiteId;

/** Which published benchmark a suite id stands for: exactly a preset's name (or a listed alias), or null. */
export function benchOf(suiteId: string): Exclude<Bench, 'aime24Cons' | 'codeforces'> | null {
  return BENCH_OF_ID[presetOf(suiteId)] ?? null;
}

/** The model-card row a served model name names (e.g. "deepseek-r1-distill-qwen-7b"), or null when it names none. */
export function modelCardRow(model: string): string | null {
  const m = model.toLowerCase().replace(/[_\s]/g, '-');
  const exact = MODEL_CARD_ROWS.find((row) => row.toLowerCase() === m);
  if (exact) return exact;
  for (const row of MODEL_CARD_ROWS) {
    const parts = row.toLowerCase().split('-').filter((p) => p !== 'distill');
    if (row.startsWith('Distill') && m.includes('distill') && parts.every((p) => m.includes(p))) return row;
  }
  if (m.includes('distill')) return null; // a distill that is not one of the six (another base or size)
  if (/r1-?zero/.test(m)) return 'R1-Zero';
  // R1 itself only under its own names (an organisation prefix and a `:tag` or `@rev` allowed):
  // `deepseek-r1-my-finetune` or `deepseek-r1-sim` is another model and gets no reference.
  const name = m.replace(/^[^/]*\//, '');
  if (/^(?:deepseek-r1|r1)(?:[:@].*)?$/.test(name) || name === 'deepseek-reasoner') return 'DeepSeek-R1';
  return null;
}

let referenceOverride: string | undefined;

/** `--reference NAME`: the model-card row to compare with whatever the served model is called. Exit-2 error text for an unknown row. */
export function setReferenceModel(name: string | undefined): void {
  if (name !== undefined && !referenceRow(name)) throw new ReportInputError(`--reference ${JSON.stringify(name)}: not a model-card row (use one of ${MODEL_CARD_ROWS.join(', ')})`);
  referenceOverride = name;
}

function referenceRow(name: string): string | null {
  return MODEL_CARD_ROWS.find((r) => r.toLowerCase() === name.toLowerCase()) ?? modelCardRow(name);
}

/** The row a run is compared with: --reference when given, else the row its model name names. */
export function rowFor(model: string): string | null {
  return referenceOverride !== undefined ? referenceRow(referenceOverride) : modelCardRow(model);
}

export interface Reference {
  row: string;
  /** In the suite's units: a fraction for scores, a rating for Codeforces ratings. */
  value: number;
  label: string;
  /** Where the number was published. */
  source: string;
}

type SuiteLike = Pick<SuiteResults, 'id' | 'items'> & Partial<Pick<SuiteResults, 'plannedItems'>>;

/** Why a suite has no mark although its id names a benchmark: it covers fewer items than the benchmark. */
export function subsetOf(suite: SuiteLike): string | null {
  const full = PRESETS[presetOf(suite.id)]?.items;
  const planned = suite.plannedItems ?? suite.items;
  return full !== undefined && planned !== full ? `${suite.id} covers ${planned} of the benchmark's ${full} items` : null;
}

/**
 * The published score for a suite and metric (fraction 0..1), or null: pass@1, and cons@64 for AIME 2024.
 * A bare id cannot show a subset; pass the suite's results so that a --limit run gets no mark.
 */
export function publishedScore(suite: string | SuiteLike, metric: MetricId, model: string): Reference | null {
  const s = typeof suite === 'string' ? null : suite;
  const bench = benchOf(typeof suite === 'string' ? suite : suite.id);
  if (!bench || (s && subsetOf(s))) return null;
  const row = rowFor(model);
  if (!row) return null;
  const key: Bench | null = metric.k === 1 && metric.name !== 'cons' ? bench : bench === 'aime24' && metric.name === 'cons' && metric.k === 64 ? 'aime24Cons' : null;
  const pct = key ? TABLE[row]!.numbers[key] : undefined;
  if (pct === undefined) return null;
  return { row, value: pct / 100, label: `${MODEL_CARD_LABEL}: ${row} ${pct}%`, source: TABLE[row]!.source };
}

/** R1's Codeforces rating (10 Div. 2 contests): no r1bench suite is that set, so only as a note, never as a mark on a suite. */
export function publishedRating(model: string): Reference | null {
  const row = rowFor(model);
  const r = row ? TABLE[row]!.numbers.codeforces : undefined;
  return r === undefined ? null : { row: row!, value: r, label: `${MODEL_CARD_LABEL}: ${row} ${r}`, source: TABLE[row!]!.source };
}
