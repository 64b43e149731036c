// MMLU: the bundled mmlu-sample suite and mmlu:PATH for the user's own copy of the dataset.
import type { Item, LoadedSuite } from '../../types.ts';
import { sha256 } from '../table.ts';
import { categoryOf } from './categories.ts';
import { MMLU_SAMPLES, MMLU_VERSION } from './load.ts';
import { buildPrompt } from './prompt.ts';
import { MMLU_SAMPLE } from './sample-data.ts';

export { loadMmluPath, limitPerSubject, MMLU_SAMPLES, MMLU_VERSION } from './load.ts';
export { CATEGORY_LABELS, MMLU_SUBJECTS, SUBJECT_CATEGORY, categoryOf, normalizeSubject, type MmluCategory } from './categories.ts';
export { buildPrompt, questionBlock, INSTRUCTION, type McQuestion } from './prompt.ts';
export { detectLayout, type Layout } from './layout.ts';

export async function loadMmluSample(): Promise<LoadedSuite> {
  const perSubject = new Map<string, number>();
  const items: Item[] = MMLU_SAMPLE.map(([subject, question, choices, answer]) => {
    const n = (perSubject.get(subject) ?? 0) + 1;
    perSubject.set(subject, n);
    return {
      id: `${subject}-${String(n).padStart(2, '0')}`,
      prompt: buildPrompt({ question, choices }),
      reference: { kind: 'choice', answer, choices: [...choices] },
      meta: { subject, category: categoryOf(subject) },
    };
  });
  return {
    id: 'mmlu-sample',
    version: MMLU_VERSION,
    scorer: 'choice',
    samples: MMLU_SAMPLES,
    contentHash: sha256(JSON.stringify(MMLU_SAMPLE)),
    source: 'bundled',
    items,
  };
}
