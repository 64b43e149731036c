import { describe, expect, it } from 'vitest';
import type { Reference } from '../types.ts';
import { choiceScorer } from './choice.ts';
import { consensus } from './consensus.ts';
import { gpqaScorer } from './gpqa.ts';
import type { SampleVerdict } from './scorer.ts';
import { answerEqualFor, itemMetricValue } from './item-reduce.ts';

// Original order: index 0 is the correct answer (GPQA's "Correct Answer" column).
const ref: Reference = { kind: 'choice', answer: 'A', choices: ['A tetrahedral complex', 'A square planar complex', '4.2 eV', 'Octahedral'] };
const score = (answer: string | null, order?: number[], finishReason = 'stop') =>
  gpqaScorer.score({ answer, finishReason, ...(order ? { variant: { order } } : {}) }, ref) as SampleVerdict;

describe('gpqaScorer', () => {
  it('maps the letter written back through the sample\'s order to the original option', () => {
    // Shown: A = 4.2 eV, B = tetrahedral (correct), C = Octahedral, D = square planar.
    const order = [2, 0, 3, 1];
    expect(score('So it must be the second.\n\nAnswer: B', order)).toEqual({ correct: true, extracted: 'B (Correct Answer)', verdict: 'correct' });
    expect(score('Answer: A', order)).toEqual({ correct: false, extracted: 'A (Incorrect Answer 2)', verdict: 'wrong' });
    // The same letter in another sample's order is another option.
    expect(score('Answer: B', [1, 2, 0, 3])).toMatchObject({ correct: false, extracted: 'B (Incorrect Answer 2)' });
    expect(score('Answer: C', [1, 2, 0, 3])).toMatchObject({ correct: true, extracted: 'C (Correct Answer)' });
  });

  it('counts an answer naming exactly one option\'s text, even one that starts like a letter; MMLU\'s scorer is unchanged', () => {
    const order = [3, 1, 0, 2];
    expect(score('**Answer:** A tetrahedral complex.', order)).toEqual({ correct: true, extracted: 'C (Correct Answer)', verdict: 'correct', detail: 'named the option by its text' });
    expect(score('The answer is $4.2\\text{ eV}$', order)).toMatchObject({ correct: false, extracted: 'D (Incorrect Answer 2)' });
    expect(score('Final answer: \\boxed{octahedral}', order)).toMatchObject({ extracted: 'A (Incorrect Answer 3)' });
    expect(score('Weighing it all:\n\n4.2 eV', order)).toMatchObject({ extracted: 'D (Incorrect Answer 2)' });
    // A letter still wins over option-like words: "Answer: C) A tetrahedral complex" is C.
    expect(score('Answer: C) A tetrahedral complex', order)).toMatchObject({ correct: true, extracted: 'C (Correct Answer)' });
    // Text matching no option, or more than one, is no answer by text.
    expect(score('Answer: a complex of some kind', order)).toEqual({ correct: false, extracted: null, verdict: 'no-answer' });
    const twice: Reference = { kind: 'choice', answer: 'A', choices: ['Two', 'Two', 'One', 'Three'] };
    expect(gpqaScorer.score({ answer: 'Answer: Two', finishReason: 'stop', variant: { order: [0, 1, 2, 3] } }, twice)).toMatchObject({ verdict: 'no-answer' });
    // The choice scorer (MMLU) never reads option texts.
    expect(choiceScorer.score({ answer: 'Answer: 4.2 eV', finishReason: 'stop' }, ref)).toMatchObject({ verdict: 'no-answer' });
    expect(choiceScorer.version).toBe(2);
    expect(gpqaScorer).toMatchObject({ id: 'gpqa', version: 1 });
  });

  it('never scores a truncated sample, and an error is unscorable, as the other scorers', () => {
    expect(score('Answer: B\n\nHmm, or', [2, 0, 3, 1], 'length')).toEqual({ correct: false, extracted: null, verdict: 'truncated', truncatedWithBox: true });
    expect(score(null, [2, 0, 3, 1], 'length')).toMatchObject({ verdict: 'truncated', truncatedWithBox: false });
    expect(gpqaScorer.score({ answer: null, finishReason: null, error: { kind: 'http', message: '502' } }, ref)).toEqual({ correct: null, extracted: null, verdict: 'error' });
    expect(score('   ', [0, 1, 2, 3])).toMatchObject({ verdict: 'no-answer' });
  });

  it('lets cons@k vote on the original option across samples shown different orders, never on the letter', () => {
    const samples = [
      { answer: 'Answer: D', order: [1, 2, 3, 0] }, // correct
      { answer: 'Answer: A', order: [1, 2, 3, 0] }, // Incorrect 1
      { answer: 'Answer: A', order: [0, 3, 2, 1] }, // correct
      { answer: 'Answer: A', order: [1, 0, 2, 3] }, // Incorrect 1
      { answer: 'Answer: B', order: [2, 0, 1, 3] }, // correct
    ];
    const verdicts = samples.map((s) => score(s.answer, s.order));
    const extracted = verdicts.map((v) => v.extracted);
    const correct = verdicts.map((v) => v.correct === true);
    // Letter votes would make A win (3 of 5); the original options make the correct answer win (3 of 5).
    expect(consensus(extracted.map((e) => e!.slice(0, 1)))).toBe('A');
    expect(consensus(extracted, gpqaScorer.equal)).toBe('D (Correct Answer)');
    const equal = answerEqualFor('gpqa');
    expect(equal).toBe(gpqaScorer.equal);
    expect(itemMetricValue({ name: 'cons', k: 5 }, correct, extracted, equal)).toBe(1);
    // First four: two votes each; the tie goes to the first seen (correct).
    expect(itemMetricValue({ name: 'cons', k: 4 }, correct, extracted, equal)).toBe(1);
    expect(itemMetricValue({ name: 'cons', k: 2 }, correct.slice(1), extracted.slice(1), equal)).toBe(0);
  });
});
