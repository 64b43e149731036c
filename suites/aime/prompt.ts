// The math prompt DeepSeek recommends for R1: no system prompt, the instruction after the problem.
import type { ChatMessage } from '../../types.ts';

export const MATH_PROMPT_SUFFIX = '\nPlease reason step by step, and put your final answer within \\boxed{}.';

/** One user turn: the problem text followed by the boxed-answer instruction. */
export function mathPrompt(problem: string): ChatMessage[] {
  return [{ role: 'user', content: problem + MATH_PROMPT_SUFFIX }];
}
