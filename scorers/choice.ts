// Multiple-choice scorer: the extracted letter against the reference letter.
import type { Reference } from '../types.ts';
import { scorableAnswer, unscorableVerdict, type SampleInput } from './answer-part.ts';
import { extractChoiceFromAnswer } from './choice-extract.ts';
import type { SampleVerdict, Scorer } from './scorer.ts';

export const choiceScorer: Scorer = {
  id: 'choice',
  // 2: a length-cut sample is truncated (never scored); tags in a stored answer are text; an explicit
  // answer outranks later mentions of options; quoted letters and negated answers are read.
  version: 2,
  score(sample: SampleInput, reference: Reference): SampleVerdict {
    if (reference.kind !== 'choice') throw new TypeError(`choice scorer given a ${reference.kind} reference`);
    // A truncated answer that had already stated a letter (box or answer statement) counts in truncatedWithBox.
    const scorable = scorableAnswer(sample, (text) => extractChoiceFromAnswer(text) !== null);
    if ('verdict' in scorable) return unscorableVerdict(scorable);
    const letter = extractChoiceFromAnswer(scorable.text, reference.choices);
    if (letter === null) return { correct: false, extracted: null, verdict: 'no-answer' };
    const correct = letter === reference.answer.toUpperCase();
    return { correct, extracted: letter, verdict: correct ? 'correct' : 'wrong' };
  },
  equal: (a, b) => a.trim().toUpperCase() === b.trim().toUpperCase(),
};
