// GPQA scorer: the letter the model wrote, mapped back through its sample's option order to the
// original option. Votes (cons@k) and verdicts are on that original option, never on the letter.
import type { Reference } from '../types.ts';
import { scorableAnswer, unscorableVerdict } from './answer-part.ts';
import { choiceLetters } from './choice-extract.ts';
import { extractGpqaChoice } from './gpqa-extract.ts';
import type { SampleVerdict, Scorer, ScorerInput } from './scorer.ts';

/** The original options' names, as GPQA's columns call them (index 0 is the correct answer). */
const ORIGINAL_NAMES = ['Correct Answer', 'Incorrect Answer 1', 'Incorrect Answer 2', 'Incorrect Answer 3'];
const originalName = (i: number) => ORIGINAL_NAMES[i] ?? `option ${i + 1}`;

/** `extracted` is "C (Incorrect Answer 2)": the letter as written, then the original option it stands for. */
export function gpqaExtracted(letter: string, original: number): string {
  return `${letter} (${originalName(original)})`;
}

/** The original option an extracted answer stands for (the part in parentheses), what cons@k votes on. */
export function originalOption(extracted: string): string {
  const m = /\(([^()]*)\)\s*$/.exec(extracted.trim());
  return (m ? m[1]! : extracted).trim().toLowerCase();
}

export const gpqaScorer: Scorer = {
  id: 'gpqa',
  // 1: the choice extraction (choice scorer 2) plus answers naming exactly one option's text.
  version: 1,
  score(sample: ScorerInput, reference: Reference): SampleVerdict {
    if (reference.kind !== 'choice') throw new TypeError(`gpqa scorer given a ${reference.kind} reference`);
    // A sample stored without its order (none are, for gpqa:PATH) is read as shown in the original order.
    const order = sample.variant?.order ?? reference.choices.map((_, i) => i);
    const shown = order.map((i) => reference.choices[i] ?? '');
    const scorable = scorableAnswer(sample, (text) => extractGpqaChoice(text, shown) !== null);
    if ('verdict' in scorable) return unscorableVerdict(scorable);
    const found = extractGpqaChoice(scorable.text, shown);
    if (found === null) return { correct: false, extracted: null, verdict: 'no-answer' };
    const original = order[choiceLetters(shown.length).indexOf(found.letter)]!;
    const correct = original === choiceLetters().indexOf(reference.answer.trim().toUpperCase());
    return {
      correct,
      extracted: gpqaExtracted(found.letter, original),
      verdict: correct ? 'correct' : 'wrong',
      ...(found.by === 'text' ? { detail: 'named the option by its text' } : {}),
    };
  },
  equal: (a, b) => originalOption(a) === originalOption(b),
};
