// gpqa:PATH — the published GPQA files unchanged (gpqa_diamond.csv, gpqa_main.csv, gpqa_extended.csv,
// and the same columns as JSONL or Parquet). Only the question, the four answers and the Record ID
// are read; the ~70 other columns (validator feedback, revisions, timings) are ignored.
import { basename, extname, resolve } from 'node:path';
import type { ChatMessage, Item, LoadedSuite, SampleVariant } from '../../types.ts';
import { buildPrompt } from '../mmlu/prompt.ts';
import type { LoadOptions } from '../load-options.ts';
import { DatasetError, readTable } from '../table.ts';
import { optionOrder } from './shuffle.ts';

/** Bump when the prompt or the shuffle changes: stored runs then refuse to resume. */
export const GPQA_VERSION = 1;
/** Samples per item: the options' order changes with each, so k also averages out position bias. */
export const GPQA_SAMPLES = 8;

/** The columns read, in the original order of the options (index 0 is the correct answer). */
export const OPTION_COLUMNS = ['Correct Answer', 'Incorrect Answer 1', 'Incorrect Answer 2', 'Incorrect Answer 3'] as const;
const QUESTION = 'Question';
const RECORD_ID = 'Record ID';
/** Descriptive columns copied into item meta when present. */
const META_COLUMNS: Record<string, string> = { 'High-level domain': 'domain', Subdomain: 'subdomain' };

/** A question as read: display texts trimmed, the Record ID exactly as written. */
export interface GpqaQuestion {
  recordId: string;
  question: string;
  /** Trimmed texts in the original order: [correct, incorrect 1, incorrect 2, incorrect 3]. */
  options: string[];
}

/** The prompt and stored variant of one sample: the options in this sample's order, lettered A–D. */
export function gpqaSample(q: GpqaQuestion, sample: number): { prompt: ChatMessage[]; variant: SampleVariant } {
  const order = optionOrder(q.recordId, sample, q.options.length);
  const shown = order.map((i) => q.options[i]!);
  return { prompt: buildPrompt({ question: q.question, choices: shown }), variant: { order, shown } };
}

export function gpqaItem(q: GpqaQuestion, meta: Record<string, unknown> = {}): Item {
  return {
    id: q.recordId,
    prompt: gpqaSample(q, 0).prompt,
    // In the original order, so the correct answer is always A here; a sample's letters go through its order.
    reference: { kind: 'choice', answer: 'A', choices: [...q.options] },
    meta,
    forSample: (sample) => gpqaSample(q, sample),
  };
}

function text(path: string, row: number, data: Record<string, unknown>, column: string): string {
  if (!(column in data)) throw new DatasetError(path, row, `no "${column}" column (expected the published GPQA columns)`);
  const v = data[column];
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v !== 'string') throw new DatasetError(path, row, `column "${column}" is ${v === null || v === undefined ? 'empty' : 'not text'}`);
  if (v.trim() === '') throw new DatasetError(path, row, `column "${column}" is empty`);
  return v;
}

/** Loads a GPQA CSV, JSONL or Parquet file. Item id: `Record ID` (as written); suite id `gpqa:<file name>`. */
export async function loadGpqaFile(path: string, opts: LoadOptions = {}): Promise<LoadedSuite> {
  const table = await readTable(path);
  const items: Item[] = [];
  const seen = new Map<string, number>();
  for (const { row, data } of table.rows) {
    const recordId = text(path, row, data, RECORD_ID);
    const earlier = seen.get(recordId);
    if (earlier !== undefined) throw new DatasetError(path, row, `column "${RECORD_ID}": duplicate id "${recordId.trim()}" (also row ${earlier})`);
    seen.set(recordId, row);
    const question = text(path, row, data, QUESTION).trim();
    const options = OPTION_COLUMNS.map((c) => text(path, row, data, c).trim());
    const meta: Record<string, unknown> = { row };
    for (const [column, key] of Object.entries(META_COLUMNS)) if (typeof data[column] === 'string' && (data[column] as string).trim()) meta[key] = (data[column] as string).trim();
    items.push(gpqaItem({ recordId, question, options }, meta));
  }
  return {
    id: opts.suiteId ?? `gpqa:${basename(path, extname(path))}`,
    version: GPQA_VERSION,
    scorer: 'gpqa',
    samples: GPQA_SAMPLES,
    contentHash: table.contentHash,
    source: resolve(path),
    items,
  };
}
