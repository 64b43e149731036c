// The final answer of a math output: the last \boxed{} of the answer part, else a stated answer.
import { answerPart } from './answer-part.ts';
import { closingBrace } from './math-normalize.ts';

/**
 * Content of the last complete `\boxed{...}` / `\fbox{...}` (nested braces; `\{`, `\}` literal), or
 * of `\boxed 5` without braces. A box whose braces never close (cut off) is passed over.
 */
export function lastBoxed(text: string): string | null {
  const re = /\\(?:boxed|fbox)(?![a-zA-Z])\s*/g;
  let found: string | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    if (text[start] === '{') {
      const close = closingBrace(text, start);
      if (close > 0) found = text.slice(start + 1, close - 1).trim();
    } else {
      // `\boxed 5`: one bare token up to whitespace or the `$` closing the math.
      const token = /^[^\s$]+/.exec(text.slice(start));
      if (token) found = token[0].replace(/[.,;]$/, '');
    }
  }
  return found;
}

/** Drops emphasis, math delimiters and a final full stop around a stated answer. */
function cleanStated(value: string): string | null {
  let v = value.trim().replace(/^\*+|\*+$/g, '').trim();
  v = v.replace(/[.;]\s*$/, '').trim();
  const delim = /^(?:\$\$([^]*)\$\$|\$([^]*)\$|\\\(([^]*)\\\)|\\\[([^]*)\\\])$/.exec(v);
  if (delim) v = (delim[1] ?? delim[2] ?? delim[3] ?? delim[4] ?? '').trim();
  v = v.replace(/[.;]\s*$/, '').trim();
  return v === '' ? null : v;
}

// Fallbacks when there is no box, tried in this order; the LAST match of a pattern wins:
// 1. "final answer is X" / "final answer: X" (any case, rest of the line);
// 2. a line "Answer: X", also as "**Answer:** X" or "**Answer: X**";
// 3. a heading line "**Final Answer**" followed by a line that is only math ($...$, \[...\]).
const STATED: RegExp[] = [/final answer[\s*_]*(?:is|:)[\s*_]*:?\s*(.+)$/gim, /^[ \t>#*_]*answer[ \t*_]*:[ \t]*(.+)$/gim];
const HEADING = /^[ \t#*_]*final answer[ \t*_:]*\n+[ \t]*(\$\$[^\n]+\$\$|\$[^\n]+\$|\\\[[^]*?\\\])[ \t]*$/gim;

function lastMatch(re: RegExp, text: string): string | null {
  let last: string | null = null;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) last = m[1] ?? null;
  return last;
}

/**
 * The final answer in a FULL raw output (reasoning included): only the answer part after `</think>`
 * is read, so an output cut off inside its reasoning has none (null). The last box wins; without a
 * box, a stated final answer (see STATED and HEADING above); otherwise null.
 */
export function extractMathAnswer(output: string): string | null {
  const part = answerPart(output);
  if (part === null) return null;
  return extractFromAnswer(part);
}

/** The same as extractMathAnswer for text that is already the answer part alone. */
export function extractFromAnswer(part: string): string | null {
  const boxed = lastBoxed(part);
  if (boxed !== null) return boxed === '' ? null : boxed;
  for (const re of STATED) {
    const stated = lastMatch(re, part);
    if (stated !== null) return cleanStated(stated);
  }
  const heading = lastMatch(HEADING, part);
  return heading === null ? null : cleanStated(heading);
}
