import { describe, expect, it } from 'vitest';
import { MATH_PROMPT_SUFFIX, mathPrompt } from './prompt.ts';

describe('mathPrompt', () => {
  it('is one user turn: the problem, then the boxed-answer instruction R1 recommends', () => {
    const messages = mathPrompt('Find $1+1$.');
    expect(messages).toEqual([
      { role: 'user', content: 'Find $1+1$.\nPlease reason step by step, and put your final answer within \\boxed{}.' },
    ]);
    expect(messages.some((m) => m.role === 'system')).toBe(false);
  });

  it('keeps the problem text byte for byte, LaTeX included', () => {
    const problem = 'Let $\\omega\\neq 1$ be a $13$th root of unity.\n\nFind $\\prod_{k=0}^{12}(2-2\\omega^k+\\omega^{2k})$.';
    expect(mathPrompt(problem)[0]!.content).toBe(problem + MATH_PROMPT_SUFFIX);
  });
});
