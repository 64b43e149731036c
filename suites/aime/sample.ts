// The bundled `aime-sample` suite: problems instantiated from templates with fixed seeds, so it never changes.
import type { Item, LoadedSuite } from '../../types.ts';
import { sha256 } from '../table.ts';
import { mathPrompt } from './prompt.ts';
import { createRng, seedOf, type AnyTemplate } from './templates.ts';
import { countingTemplates } from './templates-counting.ts';
import { geometryTemplates } from './templates-geometry.ts';
import { numberTemplates } from './templates-number.ts';

export const AIME_SAMPLE_ID = 'aime-sample';
/** Bump when a problem changes: results are comparable only on the same version. */
export const AIME_SAMPLE_VERSION = 1;
export const AIME_SAMPLE_SAMPLES = 16;
/** Problems drawn from each template. */
const ROUNDS = 2;
/** A draw whose answer is outside 1..999 (or repeats a statement) is redrawn; this bounds the retries. */
const MAX_DRAWS = 10_000;

export const templates: AnyTemplate[] = [...numberTemplates, ...countingTemplates, ...geometryTemplates];

/** One bundled problem with the template and parameters it came from, so the tests can re-check it. */
export interface SampleProblem {
  id: string;
  topic: string;
  template: AnyTemplate;
  params: unknown;
  statement: string;
  answer: number;
}

/**
 * Instantiates every template ROUNDS times. Each (template, round) has its own seed, so adding a
 * template leaves the others' problems as they were.
 */
export function sampleProblems(): SampleProblem[] {
  const out: SampleProblem[] = [];
  const statements = new Set<string>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const template of templates) {
      const rng = createRng(seedOf(`${template.name}#${round}`));
      for (let attempt = 0; ; attempt++) {
        if (attempt === MAX_DRAWS) throw new Error(`template ${template.name}: no answer in 1..999 after ${MAX_DRAWS} draws`);
        const params = template.draw(rng);
        const answer = template.solve(params);
        const statement = template.render(params);
        if (!Number.isInteger(answer) || answer < 1 || answer > 999 || statements.has(statement)) continue;
        statements.add(statement);
        const number = String(out.length + 1).padStart(2, '0');
        out.push({ id: `${AIME_SAMPLE_ID}-${number}-${template.topic}`, topic: template.topic, template, params, statement, answer });
        break;
      }
    }
  }
  return out;
}

export function sampleItems(): Item[] {
  return sampleProblems().map((p) => ({
    id: p.id,
    prompt: mathPrompt(p.statement),
    reference: { kind: 'math', answer: String(p.answer) },
    meta: { topic: p.topic, template: p.template.name, aimeLike: true },
  }));
}

export async function loadAimeSample(): Promise<LoadedSuite> {
  const items = sampleItems();
  return {
    id: AIME_SAMPLE_ID,
    version: AIME_SAMPLE_VERSION,
    scorer: 'math',
    samples: AIME_SAMPLE_SAMPLES,
    contentHash: sha256(JSON.stringify(items)),
    source: 'bundled',
    items,
  };
}
