// The answer part of a model output, and what a scorer may read of one stored sample.
import { opensReasoning, THINK_CLOSE as CLOSE } from '../runners/think-tags.ts';

/**
 * The answer part of a RAW model output (reasoning and answer in one text), split where the client
 * splits a stream (runners/stream-accumulator.ts): after the FIRST `</think>`, so a `</think>` the
 * answer quotes stays text. An output that opens with `<think>` and never closes it has no answer part
 * (cut off while reasoning); a `<think>` later in a tagless text is text; text with no tags at all is
 * all answer. Not for a stored `answer`: that is already split.
 */
export function answerPart(output: string): string | null {
  const close = output.indexOf(CLOSE);
  if (close >= 0) return output.slice(close + CLOSE.length);
  if (opensReasoning(output)) return null;
  return output;
}

export { opensReasoning };

/** What a scorer sees of one stored sample: `answer` is the client's answer part, reasoning already split off. */
export interface SampleInput {
  answer: string | null;
  finishReason: string | null;
  /** The request failed after its retries. */
  error?: { kind: string; message: string };
}

/** `\boxed{` or `\fbox{` (closed or not, `\boxed {` too): the text already held a final-answer box. */
export function hasAnswerBox(text: string): boolean {
  return /\\(?:boxed|fbox)\s*\{/.test(text);
}

export type Unscorable =
  | { verdict: 'error' | 'no-answer' }
  /** Cut by the length limit: never scored. `truncatedWithBox`: the answer text held an answer-looking box. */
  | { verdict: 'truncated'; truncatedWithBox: boolean };

/**
 * The answer text a scorer may read, or why there is none.
 * - A failed request: 'error'.
 * - finish_reason 'length': 'truncated', whatever the text holds: a cut answer is never scored, not
 *   even an earlier box (`\boxed{5}. Wait, recheck: \boxed{12` is not 5). `truncatedWithBox` says whether
 *   the answer text held a box (or whatever `answered` recognises as a final answer, per scorer).
 * - No answer text: 'no-answer'.
 * The stored answer is used as it is: a `<think>` or `</think>` inside it is text, never a new split.
 */
export function scorableAnswer(s: SampleInput, answered?: (text: string) => boolean): { text: string } | Unscorable {
  if (s.error) return { verdict: 'error' };
  const text = s.answer ?? '';
  if (s.finishReason === 'length') return { verdict: 'truncated', truncatedWithBox: hasAnswerBox(text) || (answered?.(text) ?? false) };
  if (text.trim() === '') return { verdict: 'no-answer' };
  return { text };
}

/** The verdict of an unscorable sample: an error is not scorable (null), truncated and no-answer count as wrong. */
export function unscorableVerdict(u: Unscorable): { correct: boolean | null; extracted: null; verdict: string; truncatedWithBox?: boolean } {
  if (u.verdict === 'truncated') return { correct: false, extracted: null, verdict: 'truncated', truncatedWithBox: u.truncatedWithBox };
  return { correct: u.verdict === 'error' ? null : false, extracted: null, verdict: u.verdict };
}
