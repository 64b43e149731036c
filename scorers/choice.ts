// Multiple-choice scorer: the extracted letter against the reference letter.
import type { Reference } from '../types.ts';
import { scorableAnswer, type SampleInput } from './answer-part.ts';
import { extractChoice } from './choice-extract.ts';
import type { SampleVerdict, Scorer } from './scorer.ts';

export const choiceScorer: Scorer = {
  id: 'choice',
  version: 1,
  score(sample: SampleInput, reference: Reference): SampleVerdict {
    if (reference.kind !== 'choice') throw new TypeError(`choice scorer given a ${reference.kind} reference`);
    const scorable = scorableAnswer(sample);
    if ('verdict' in scorable) return { correct: scorable.verdict === 'error' ? null : false, extracted: null, verdict: scorable.verdict };
    const letter = extractChoice(scorable.text, reference.choices);
    if (letter === null) return { correct: false, extracted: null, verdict: 'no-answer' };
    const correct = letter === reference.answer.toUpperCase();
    return { correct, extracted: letter, verdict: correct ? 'correct' : 'wrong' };
  },
  equal: (a, b) => a.trim().toUpperCase() === b.trim().toUpperCase(),
};
