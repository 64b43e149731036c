// The math scorer: the last \boxed{} of the answer part, compared with the gold answer by value.
import type { Reference } from '../types.ts';
import { scorableAnswer, type SampleInput } from './answer-part.ts';
import { mathEqual } from './math-equal.ts';
import { extractFromAnswer, extractMathAnswer } from './math-extract.ts';
import type { SampleVerdict, Scorer } from './scorer.ts';

/** Whether a full raw output (reasoning included) states the gold answer. */
export function scoreMath(output: string, gold: string): boolean {
  const extracted = extractMathAnswer(output);
  return extracted !== null && mathEqual(extracted, gold);
}

export const mathScorer: Scorer = {
  id: 'math',
  version: 1,
  score(sample: SampleInput, reference: Reference): SampleVerdict {
    if (reference.kind !== 'math') throw new TypeError(`math scorer given a '${reference.kind}' reference`);
    const part = scorableAnswer(sample);
    // A failed request is not scorable (correct: null); the metrics count it as incorrect.
    if ('verdict' in part) return { correct: part.verdict === 'error' ? null : false, extracted: null, verdict: part.verdict };
    const extracted = extractFromAnswer(part.text);
    if (extracted === null) {
      // Answer text that stops before any final answer because of the length limit is truncated.
      return { correct: false, extracted: null, verdict: sample.finishReason === 'length' ? 'truncated' : 'no-answer' };
    }
    const correct = mathEqual(extracted, reference.answer);
    return { correct, extracted, verdict: correct ? 'correct' : 'wrong' };
  },
  equal: mathEqual,
};
