// A final answer stated in words when there is no box: "Final Answer: …", "The final answer is …",
// "Answer: …", "the answer is …". Each finder returns the values of its LAST match, or null.

/** Index just past the math span opened at `at` (`$$`, `$`, `\[`, `\(`), or -1. */
function mathSpanEnd(text: string, at: number): { content: string; end: number } | null {
  const pairs: [string, string][] = [
    ['$$', '$$'],
    ['\\[', '\\]'],
    ['\\(', '\\)'],
    ['$', '$'],
  ];
  for (const [open, close] of pairs) {
    if (!text.startsWith(open, at)) continue;
    let i = at + open.length;
    while (i < text.length) {
      const j = text.indexOf(close, i);
      if (j < 0) return null;
      if (text[j - 1] === '\\' && close === '$') {
        i = j + 1; // `\$` is a dollar sign inside the math
        continue;
      }
      // Inline `$…$` and `\(…\)` never span a blank line.
      const content = text.slice(at + open.length, j);
      if ((open === '$' || open === '\\(') && /\n\s*\n/.test(content)) return null;
      return { content: content.trim(), end: j + close.length };
    }
    return null;
  }
  return null;
}

/** Drops emphasis, quotes and trailing punctuation around a plain-text value. */
function tidy(v: string): string {
  let s = v.trim();
  for (let guard = 0; guard < 5; guard++) {
    const before = s;
    s = s
      .replace(/^[*_"'`“”]+|[*_"'`“”]+$/g, '')
      .replace(/[.,;:!?]+$/, '')
      .trim();
    if (s === before) break;
  }
  return s;
}

// Between two math spans of one answer: nothing, a comma, "and", "or".
const CONNECT = /^\s*(?:,|and|or)?\s*(?=\$|\\\(|\\\[)/;
const LEAD = /^(?:[\s*_#>:=\-"“]|\\"|\\quad|\\qquad)+/;
const PHRASE = /^(?:the\s+)?(?:final\s+)?answer\s*(?:is\b|:)\s*/i;

/**
 * The value at the start of `rest` (the text after an answer marker): a math span (`$…$`, `$$…$$`,
 * `\[…\]`, `\(…\)`, with any further spans joined to it by "and", "or" or a comma), a bold span, or
 * the plain text up to the end of the sentence. A repeated marker ("Final Answer: The final answer
 * is 7") is skipped first. `end`: where the value ends in `rest`.
 */
function valueSpan(rest: string, depth = 0): { values: string[]; end: number; math: boolean } | null {
  let s = rest.replace(LEAD, '');
  for (let guard = 0; guard < 3 && PHRASE.test(s); guard++) s = s.replace(PHRASE, '').replace(LEAD, '');
  const offset = rest.length - s.length;
  const first = mathSpanEnd(s, 0);
  if (first) {
    const values = first.content ? [first.content] : [];
    let end = first.end;
    for (let m = CONNECT.exec(s.slice(end)); m; m = CONNECT.exec(s.slice(end))) {
      const next = mathSpanEnd(s, end + m[0].length);
      if (!next) break;
      if (next.content) values.push(next.content);
      end = next.end;
    }
    return values.length ? { values, end: offset + end, math: true } : null;
  }
  const bold = /^\*\*([^*\n]+)\*\*/.exec(s);
  if (bold) {
    const inner = tidy(bold[1]!);
    return inner ? { values: [inner], end: offset + bold[0].length, math: false } : null;
  }
  // Plain text: up to the end of the sentence (a full stop before a space, or the end of the line).
  const whole = (s.split('\n')[0] ?? '').split(/[.!?;](?=\s|$)|,\s+(?:because|since|as|which|where|so)\b/i)[0] ?? '';
  // A closing remark in parentheses ("5 (since x > 0)") is not part of the value.
  const sentence = whole.replace(/\s+\([^()]*[A-Za-z]{3}[^()]*\)$/, '');
  // A sentence with a verb ("The number of ways is 35", "the area is $12$ square units"): what
  // follows the last "is" / "are" / "=".
  const verbs = [...sentence.matchAll(/(?:\s(?:is|are|equals|was|were|be)\b\s*:?|=)\s*(?=\S)/gi)];
  const verb = verbs[verbs.length - 1];
  if (verb && depth < 2) {
    const inner = valueSpan(sentence.slice(verb.index! + verb[0].length), depth + 1);
    if (inner) return { values: inner.values, end: offset + whole.length, math: false };
  }
  const value = tidy(sentence);
  // A sentence of words around one number ("Jane started 3 hours ago"): the number.
  const numbers = value.match(/-?\d+(?:\.\d+)?(?:\/\d+)?%?/g);
  if (numbers?.length === 1 && value.split(/\s+/).length >= 4) return { values: numbers, end: offset + whole.length, math: false };
  return value === '' ? null : { values: [value], end: offset + whole.length, math: false };
}

export function valueAt(rest: string): string[] | null {
  return valueSpan(rest)?.values ?? null;
}

function lastValues(re: RegExp, text: string): string[] | null {
  let found: string[] | null = null;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const values = valueAt(text.slice(m.index + m[0].length));
    if (values) found = values;
    if (m[0].length === 0) re.lastIndex++;
  }
  return found;
}

// Tried in this order; the first kind found anywhere in the answer part decides, its last match wins.
const FINDERS: RegExp[] = [
  // "Final Answer: …", "The final answer is …", "**Final Answer**" on a line of its own (value below).
  /final\s+answer\b(?:[^\n.:$]{0,40}?(?:\bis\b|:|=)|[ \t*_#:]*\n)/gi,
  // A line "Answer: …" ("**Answer:** …", "## Answer:"), "Answer $9$" (math right after the word),
  // or "Answer" alone on its line (value below).
  /^[ \t>#*_]*answer[ \t*_]*(?::|\n|(?=\$|\\\[|\\\())/gim,
  // "the answer is …", "answer is: …", "the correct answer would be …".
  /\banswer\s+(?:is|would\s+be|should\s+be|will\s+be)\b\s*:?/gi,
];

// A closing statement: the answer part ENDS with "… is $X$." / "… = \\[X\\]" (math after "is", "are",
// "equals", "=" or ":", then nothing but punctuation): "Thus the probability is $\\frac{1}{2}$."
const CLOSING = /(?:\b(?:is|are|equals|be)|=|:)[ \t]*\n?[ \t]*(?=\$|\\\[|\\\()/gi;

function closingStatement(part: string): string[] | null {
  let found: string[] | null = null;
  CLOSING.lastIndex = 0;
  for (let m = CLOSING.exec(part); m; m = CLOSING.exec(part)) {
    const at = m.index + m[0].length;
    const span = valueSpan(part.slice(at));
    // Only math that ends the answer part (then nothing but punctuation or closing emphasis).
    if (span?.math && /^[\s.!,;*)]*$/.test(part.slice(at + span.end))) found = span.values;
  }
  return found;
}

// After the last math span of an answer part: nothing but punctuation, or a short remark
// ("$x \\ge 5$ is the solution.", "$x < 3$ is our answer").
const SPAN_TAIL = /^[\s.!,;*)]*(?:(?:is|are)\s+(?:the|our)\s+(?:solution|answer)s?\b[\s.!]*)?$/i;
const RELATION = /\\(?:le|ge|leq|geq|ne|neq|lt|gt|in|leqslant|geqslant)(?![a-zA-Z])|[<>≤≥≠]|!=/;
const SPAN_OPEN = /\$\$|\\\[|\\\(|\$/g;

/** The last math span of the answer part when it ends the part ("We find that $x \\lt 3$."), or null. */
function endingSpan(part: string): string[] | null {
  let found: string[] | null = null;
  SPAN_OPEN.lastIndex = 0;
  for (let m = SPAN_OPEN.exec(part); m; m = SPAN_OPEN.exec(part)) {
    if (part[m.index - 1] === '\\') continue;
    const span = mathSpanEnd(part, m.index);
    if (!span) continue;
    SPAN_OPEN.lastIndex = span.end;
    const content = span.content.replace(/(?<!\.)\s*[.,;]$/, ''); // sentence punctuation, not an ellipsis
    // Math, not a sentence inside dollar signs ("$? just about 1$").
    const math = content !== '' && !/[?]|(?<![\\a-zA-Z])[a-zA-Z]{3,}/.test(content.replace(/\\(?:text|mathrm|mbox)\{[^{}]*\}/g, ''));
    // Only the whole answer part, or a relation ("we find $y \\le -4$."): "We find $y = 5$." and
    // "… for $a_1$." leave it to the last number.
    const whole = part.slice(0, m.index).trim() === '';
    found = math && (whole || RELATION.test(content)) && SPAN_TAIL.test(part.slice(span.end)) ? [content] : null;
  }
  return found;
}

/**
 * The values of the stated final answer (several only for "$1$ and $2$"), or null: an answer line,
 * else a closing statement ("… is $X$."), else a math span that ends the answer part.
 */
export function statedAnswer(part: string): string[] | null {
  for (const re of FINDERS) {
    const values = lastValues(re, part);
    if (values) return values;
  }
  return closingStatement(part) ?? endingSpan(part);
}

/** A "Final Answer: …" line after a given index (the end of the last box), or null. */
export function finalAnswerAfter(part: string, from: number): string[] | null {
  return lastValues(FINDERS[0]!, part.slice(from));
}
