// The math scorer: the final answer of the answer part (boxes, else a stated answer line, else the
// last number), compared with the gold answer by value.
import type { Reference } from '../types.ts';
import { answerPart, scorableAnswer, unscorableVerdict, type SampleInput } from './answer-part.ts';
import { mathEqual } from './math-equal.ts';
import { findMathAnswer } from './math-extract.ts';
import type { SampleVerdict, Scorer } from './scorer.ts';

/** Whether a full raw output (reasoning included) states the gold answer. */
export function scoreMath(output: string, gold: string): boolean {
  const part = answerPart(output);
  const found = part === null ? null : findMathAnswer(part, gold);
  return found !== null && mathEqual(found.answer, gold);
}

export const mathScorer: Scorer = {
  id: 'math',
  // 2: several boxes for a list gold, answer-line and last-number fallbacks, routes.
  version: 2,
  score(sample: SampleInput, reference: Reference): SampleVerdict {
    if (reference.kind !== 'math') throw new TypeError(`math scorer given a '${reference.kind}' reference`);
    const part = scorableAnswer(sample);
    // Failed (not scorable), truncated (never scored) or empty: see scorableAnswer.
    if ('verdict' in part) return unscorableVerdict(part);
    const found = findMathAnswer(part.text, reference.answer);
    if (found === null) return { correct: false, extracted: null, verdict: 'no-answer' };
    // `extracted` is what cons@k votes on: for a list gold, every box joined (`1, 2`).
    const correct = mathEqual(found.answer, reference.answer);
    return { correct, extracted: found.answer, verdict: correct ? 'correct' : 'wrong', route: found.route };
  },
  equal: mathEqual,
};
