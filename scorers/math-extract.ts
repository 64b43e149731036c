// The final answer of a math output, and the route it came by: boxes first, then a stated answer
// line, then the last number of the answer part. Only the answer part (after `</think>`) is read.
import type { AnswerRoute } from '../types.ts';
import { answerPart } from './answer-part.ts';
import { isMultiValued } from './math-equal.ts';
import { allBoxed, joinBoxes, lastBoxed } from './math-extract-boxes.ts';
import { lastNumber } from './math-extract-number.ts';
import { finalAnswerAfter, statedAnswer } from './math-extract-stated.ts';
import { closingBrace } from './math-normalize.ts';

export { allBoxed, lastBoxed };

export interface FoundAnswer {
  answer: string;
  route: AnswerRoute;
}

/**
 * The final answer of an answer part (reasoning already split off), in this fixed order:
 * 0. `answer-line`: a "Final Answer: …" line written after the last box (it restates or corrects it);
 * 1. `boxed`: the last `\boxed{…}` / `\fbox{…}`; when the gold holds several values (a list, a set,
 *    a union: `isMultiValued(gold)`), all boxes, joined with ", " (see joinBoxes);
 * 2. `answer-line`: "Final Answer: …" / "The final answer is …" / "**Final Answer**" with the value
 *    on the next line; then a line "Answer: …"; then "the answer is …" (see statedAnswer);
 * 3. `last-number`: the last number of the answer part (see lastNumber).
 * Null when none of them finds anything.
 */
export function findMathAnswer(part: string, gold?: string): FoundAnswer | null {
  const multi = gold !== undefined && isMultiValued(gold);
  const boxes = allBoxed(part);
  // A "Final Answer: …" line written after the last box restates or corrects it: it decides.
  const after = boxes.length ? finalAnswerAfter(part, lastBoxEnd(part)) : null;
  if (after) return { answer: multi ? after.join(', ') : after[after.length - 1]!, route: 'answer-line' };
  if (boxes.length) {
    const answer = multi ? joinBoxes(boxes) : boxes[boxes.length - 1]!;
    if (answer) return { answer, route: 'boxed' };
  }
  const stated = statedAnswer(part);
  if (stated) return { answer: multi ? stated.join(', ') : stated[stated.length - 1]!, route: 'answer-line' };
  const number = lastNumber(part);
  return number === null ? null : { answer: number, route: 'last-number' };
}

/** Index just past the last `\\boxed{…}` / `\\fbox{…}` of `part` (its end when unclosed). */
function lastBoxEnd(part: string): number {
  const at = Math.max(part.lastIndexOf('\\boxed'), part.lastIndexOf('\\fbox'));
  const open = part.indexOf('{', at);
  const close = open < 0 ? -1 : closingBrace(part, open);
  return close < 0 ? part.length : close;
}

/** The same as extractMathAnswer for text that is already the answer part alone. */
export function extractFromAnswer(part: string, gold?: string): string | null {
  return findMathAnswer(part, gold)?.answer ?? null;
}

/**
 * The final answer in a FULL raw output (reasoning included): only the answer part after `</think>`
 * is read, so an output cut off inside its reasoning has none (null). Give the gold answer to let a
 * list or set gold collect every box (`\boxed{1}, \boxed{2}` → `1, 2`); without it the last box wins.
 */
export function extractMathAnswer(output: string, gold?: string): string | null {
  const part = answerPart(output);
  return part === null ? null : extractFromAnswer(part, gold);
}
