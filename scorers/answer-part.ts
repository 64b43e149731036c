// The answer part of a raw model output: never look inside the reasoning.

/**
 * Text after the last `</think>` is the answer part; `<think>` with no `</think>` has none (cut off
 * while reasoning); text with no tags at all is all answer (already split by the server, or no reasoning).
 */
export function answerPart(output: string): string | null {
  const close = output.lastIndexOf('</think>');
  if (close >= 0) return output.slice(close + '</think>'.length);
  if (output.includes('<think>')) return null;
  return output;
}

/** What a scorer sees of one stored sample: the client has already split reasoning from answer. */
export interface SampleInput {
  answer: string | null;
  finishReason: string | null;
  /** The request failed after its retries. */
  error?: { kind: string; message: string };
}

/**
 * The answer text a scorer may read, or why there is none. A generation cut off by the length limit
 * before any answer text counts as truncated: a \boxed{} in unfinished reasoning is never scored.
 */
export function scorableAnswer(s: SampleInput): { text: string } | { verdict: 'error' | 'truncated' | 'no-answer' } {
  if (s.error) return { verdict: 'error' };
  const text = s.answer === null ? null : answerPart(s.answer);
  if (text === null || text.trim() === '') return { verdict: s.finishReason === 'length' ? 'truncated' : 'no-answer' };
  return { text };
}
