import { describe, expect, it } from 'vitest';
import type { Reference } from '../types.ts';
import { choiceScorer } from './choice.ts';

const ref: Reference = { kind: 'choice', answer: 'B', choices: ['w', 'x', 'y', 'z'] };
const score = (answer: string | null, finishReason: string | null = 'stop', error?: { kind: string; message: string }) =>
  choiceScorer.score({ answer, finishReason, ...(error ? { error } : {}) }, ref);

describe('choiceScorer', () => {
  it('is the versioned choice scorer', () => {
    expect(choiceScorer.id).toBe('choice');
    expect(choiceScorer.version).toBe(1);
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

  it('gives truncated when the length limit cut the reasoning, never reading a letter inside it', () => {
    expect(score('<think>\nthe answer is B, surely', 'length')).toEqual({ correct: false, extracted: null, verdict: 'truncated' });
    expect(score(null, 'length')).toMatchObject({ verdict: 'truncated' });
  });

  it('scores an answer that finished even at the length limit', () => {
    expect(score('<think>hm</think>Answer: B', 'length')).toMatchObject({ correct: true, verdict: 'correct' });
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
