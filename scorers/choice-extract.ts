// Multiple-choice answer extraction: the last explicit answer letter in the answer part, never in the reasoning.
import { answerPart } from './answer-part.ts';

const LETTERS = 'ABCDEFGHIJ';

/** Letters a question with `choices` allows: 4 → 'ABCD'; absent → A–J (MMLU-Pro's maximum). */
export function choiceLetters(choices?: number | string[]): string {
  const n = choices === undefined ? LETTERS.length : typeof choices === 'number' ? choices : choices.length;
  return LETTERS.slice(0, Math.max(0, Math.min(n, LETTERS.length)));
}

/** Full-width forms (Ｃ, （Ｃ）, ：) as their ASCII twins: models writing CJK text use them. */
function toAscii(text: string): string {
  return text.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** Drops emphasis and LaTeX wrappers so that `**Answer:** $\textbf{(B)}$` reads `Answer: (B)`; keeps \boxed as a marker. */
function stripMarkup(text: string): string {
  let t = text.replace(/\\(?:text(?:bf|it|rm|tt)?|math(?:bf|rm|it|tt)|emph|mbox)\s*\{([^{}]*)\}/g, '$1');
  t = t.replace(/\\(?:text(?:bf|it|rm|tt)?|math(?:bf|rm|it|tt)|emph|mbox)\s*\{([^{}]*)\}/g, '$1'); // nested once more
  t = t.replace(/\\[()[\]]/g, ' ').replace(/<\/?(?:b|strong|em|i|u)>/gi, '');
  return t.replace(/[*_$`~#]/g, '').replace(/[ \t]+/g, ' ');
}

interface Candidate {
  line: number;
  at: number;
  letter: string;
}

// Each pattern names its letter `l`, and the brackets around it `o`/`c` where a bare letter could be a word.
// "answer is C", "Final answer: D", "The best answer is: (B)", "ANSWER: B", "Answer: C) text", "(Answer B)".
const ANSWER_RE =
  /\b(?:(?:final|best|correct|right|my)\s+)?answer(?:\s+(?:choice|option|letter))?\s*(?:(?:is|would be|should be|must be|will be|remains)\b\s*)?(?:[:=]|-(?!\w))?\s*(?:(?:option|choice)\s*)?(?<o>[([]?)(?<l>[A-J])\b(?<c>[)\]]?)/dgi;
// "the correct option is (C)", "best choice: B".
const OPTION_RE = /\b(?:correct|best|right|final)\s+(?:option|choice)\s*(?:is\b)?\s*:?\s*(?<o>[([]?)(?<l>[A-J])\b(?<c>[)\]]?)/dgi;
// "(C) is correct", "making (A) correct".
const CORRECT_RE = /\((?<l>[A-J])\)\s+(?:is\s+)?(?:the\s+)?(?:correct|right)\b/dgi;
// "option B is correct".
const OPTION_CORRECT_RE = /\b(?:option|choice)\s+(?<l>[A-J])\s+is\s+(?:the\s+)?(?:correct|right)\b/dgi;
// \boxed{C}, \boxed{(C)}, \boxed{C. text}; a boxed number or word is no letter.
const BOXED_RE = /\\(?:boxed|fbox)\s*\{\s*[([]?(?<l>[A-Ja-j])[)\]]?(?:[.:)]\s*[^{}]*)?\s*\}/dg;
// A line that holds only a letter: "B", "(B)", "**B**".
const BARE_LINE_RE = /^[ \t>-]*[([]?(?<l>[A-J])[)\]]?\.?[ \t]*$/dgm;

/**
 * Is the letter an answer, or a word? "answer is a bit unclear" (article), "the answer, I think" (pronoun).
 * A letter in brackets or followed by punctuation or the line's end is an answer; one followed by a word
 * counts only when upper-case, on the keyword's line, and not "I".
 */
function isAnswerLetter(text: string, matchStart: number, letterAt: number, bracketed: boolean): boolean {
  if (bracketed) return true;
  if (!/^[ \t]+[A-Za-z]/.test(text.slice(letterAt + 1, letterAt + 4))) return true;
  const letter = text[letterAt]!;
  if (letter !== letter.toUpperCase() || letter === 'I') return false;
  return !text.slice(matchStart, letterAt).includes('\n');
}

function collect(text: string, re: RegExp, out: Candidate[]): void {
  for (const m of text.matchAll(re)) {
    const g = m.groups!;
    const letterAt = m.indices!.groups!.l![0];
    const mayBeWord = g.o !== undefined;
    if (mayBeWord && !isAnswerLetter(text, m.index, letterAt, g.o !== '' || g.c !== '')) continue;
    if (insideQuotes(text, m.index)) continue;
    out.push({ line: lineOf(text, letterAt), at: letterAt, letter: g.l!.toUpperCase() });
  }
}

/** 'the note says "the correct answer is (A)"' reports someone else's answer: an odd count of quotes before it on its line. */
function insideQuotes(text: string, at: number): boolean {
  const line = text.slice(text.lastIndexOf('\n', at) + 1, at);
  return (line.match(/["\u201c\u201d]/g)?.length ?? 0) % 2 === 1;
}

function lineOf(text: string, at: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** "**(D) The mangoes are the most expensive.**" among the last lines: a bolded option line is the answer. */
function boldOptionLine(raw: string): Candidate | null {
  const lines = raw.split('\n');
  let seen = 0;
  for (let i = lines.length - 1; i >= 0 && seen < 3; i--) {
    const line = lines[i]!;
    if (!line.trim() || /^\s*[-=_*]{3,}\s*$/.test(line)) continue;
    seen++;
    const bold = /^\s*(?:[-*>]\s+)?(?:\*\*|__)(.+?)(?:\*\*|__)\s*\.?\s*$/.exec(line);
    if (!bold) continue;
    const m = /^\s*(?:answer\s*:?\s*)?(?:[([](?<a>[A-J])[)\]][\s.:]|(?<b>[A-J])[.)]\s)/i.exec(stripMarkup(bold[1]!));
    if (m) return { line: i, at: 0, letter: (m.groups!.a ?? m.groups!.b)!.toUpperCase() };
  }
  return null;
}

/**
 * The chosen letter (upper case) of a multiple-choice answer, or null when there is none or it is not
 * one of the choices. Reads only the answer part (after `</think>`) and takes the last explicit answer:
 * "Answer: B ... wait, Answer: C" gives C. Tolerates markup, brackets, LaTeX and full-width letters.
 */
export function extractChoice(output: string, choices?: number | string[]): string | null {
  const part = answerPart(output);
  if (part === null) return null;
  const raw = toAscii(part);
  const text = stripMarkup(raw);
  const found: Candidate[] = [];
  for (const re of [ANSWER_RE, OPTION_RE, CORRECT_RE, OPTION_CORRECT_RE, BOXED_RE, BARE_LINE_RE]) collect(text, re, found);
  let best: Candidate | null = null;
  for (const c of found) if (!best || c.at >= best.at) best = c;
  // The bold option line is a weaker signal: used only when nothing explicit comes on a later line.
  const bold = boldOptionLine(raw);
  if (bold && (!best || best.line < bold.line)) best = bold;
  if (!best) return null;
  return choiceLetters(choices).includes(best.letter) ? best.letter : null;
}
