import { describe, expect, it } from 'vitest';
import type { Reference } from '../types.ts';
import { choiceScorer } from './choice.ts';

const ref: Reference = { kind: 'choice', answer: 'B', choices: ['w', 'x', 'y', 'z'] };
const score = (answer: string | null, finishReason: string | null = 'stop', error?: { kind: string; message: string }) =>
  choiceScorer.score({ answer, finishReason, ...(error ? { error } : {}) }, ref);

describe('choiceScorer', () => {
  it('is the versioned choice scorer', () => {
    expect(choiceScorer.id).toBe('choice');
    expect(choiceScorer.version).toBe(2);
  });

  it('marks the right letter correct and another letter wrong', () => {
    expect(score('Reasoning done.\n\nAnswer: B')).toEqual({ correct: true, extracted: 'B', verdict: 'correct' });
    expect(score('**Answer: (d)**')).toEqual({ correct: false, extracted: 'D', verdict: 'wrong' });
  });

  it('gives no-answer when nothing can be read, or the letter is outside the choices', () => {
    expect(score('I cannot tell.')).toEqual({ correct: false, extracted: null, verdict: 'no-answer' });
    expect(score('Answer: G')).toEqual({ correct: false, extracted: null, verdict: 'no-answer' });
    expect(score('', 'stop')).toMatchObject({ correct: false, verdict: 'no-answer' });
  });

  it('gives truncated for every length-cut sample, never reading a letter, and says whether it had stated one', () => {
    expect(score(null, 'length')).toEqual({ correct: false, extracted: null, verdict: 'truncated', truncatedWithBox: false });
    // An answer that finished its letter before the cut is still not scored: the model had not stopped.
    expect(score('Answer: B\n\nLet me double-check the third', 'length')).toEqual({ correct: false, extracted: null, verdict: 'truncated', truncatedWithBox: true });
    expect(score('So the pick is $\\boxed{B}$, though (C', 'length')).toMatchObject({ verdict: 'truncated', truncatedWithBox: true });
    expect(score('Comparing the two remaining options, the', 'length')).toMatchObject({ correct: false, verdict: 'truncated', truncatedWithBox: false });
  });

  it('reads a stored answer as it is: a literal think tag in it is text, not a boundary', () => {
    expect(score('The model writes <think> first; here Answer: B')).toEqual({ correct: true, extracted: 'B', verdict: 'correct' });
    expect(score('Answer: B\n\n(Everything before </think> was reasoning.)')).toMatchObject({ correct: true, extracted: 'B' });
  });

  it('an explicit answer is not overridden by a later mention of an option', () => {
    expect(score('Answer: B\n\nOption A is correct only when the field is uniform.')).toMatchObject({ correct: true, extracted: 'B' });
    expect(score('The answer is B.\n\n(A) Mitochondria\n(B) Ribosome\n(C) Golgi')).toMatchObject({ correct: true, extracted: 'B' });
  });

  it('gives error (not scorable) for a failed request', () => {
    expect(score(null, null, { kind: 'http', message: '500' })).toEqual({ correct: null, extracted: null, verdict: 'error' });
  });

  it('rejects a reference of another kind', () => {
    expect(() => choiceScorer.score({ answer: 'Answer: B', finishReason: 'stop' }, { kind: 'math', answer: '3' })).toThrow(/math/);
  });

  it('treats letters as equal regardless of case for cons@k', () => {
    expect(choiceScorer.equal!('b', 'B')).toBe(true);
    expect(choiceScorer.equal!('A', 'B')).toBe(false);
  });

  it('accepts a lower-case reference letter', () => {
    expect(choiceScorer.score({ answer: 'Answer: C', finishReason: 'stop' }, { kind: 'choice', answer: 'c', choices: ['1', '2', '3'] })).toMatchObject({ correct: true });
  });
});
