// Multiple-choice answer extraction from the answer part (never the reasoning): the last explicit answer statement, else the last mention of an option.
import { answerPart } from './answer-part.ts';
import { PATTERNS, type ChoicePattern } from './choice-patterns.ts';

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
  /** An explicit answer statement, which outranks mentions of options after it. */
  strong: boolean;
}

/**
 * Is the letter an answer, or a word? "answer is a bit unclear" (article), "the answer, I think" (pronoun).
 * A letter in marks or followed by punctuation or the line's end is an answer; one followed by a word
 * counts only when upper-case, on the keyword's line, and not "I".
 */
function isAnswerLetter(text: string, matchStart: number, letterAt: number, marked: boolean): boolean {
  if (marked) return true;
  if (!/^[ \t]+[A-Za-z]/.test(text.slice(letterAt + 1, letterAt + 4))) return true;
  const letter = text[letterAt]!;
  if (letter !== letter.toUpperCase() || letter === 'I') return false;
  return !text.slice(matchStart, letterAt).includes('\n');
}

/** The letter opens a line of an option listing ("(A) Right ventricle", "- (B) The right to…", "C) text"): not an answer. */
function isListingMarker(text: string, letterAt: number): boolean {
  const before = text.slice(text.lastIndexOf('\n', letterAt - 1) + 1, letterAt);
  if (!/^[ \t>*+-]*(?:\d+[.)][ \t]*)?[([]?$/.test(before)) return false;
  const end = text.indexOf('\n', letterAt);
  const after = text.slice(letterAt + 1, end < 0 ? undefined : end);
  // Option text follows the marker; "(A) is correct" at a line's start is a statement about the option.
  return /^[)\].:]?[ \t]+\S/.test(after) && !/^[)\]]?[ \t]+is\b/i.test(after);
}

/** "If the answer is A, …", "whether option B is correct": a condition, not a claim. */
function isConditional(text: string, matchStart: number): boolean {
  const from = Math.max(...[...'.!?;:,\n'].map((ch) => text.lastIndexOf(ch, matchStart - 1)));
  return /\b(?:if|whether|suppose|supposing|assume|assuming|unless)\b/i.test(text.slice(from + 1, matchStart));
}

function collect(text: string, p: ChoicePattern, out: Candidate[]): void {
  for (const m of text.matchAll(p.re)) {
    const g = m.groups!;
    const letterAt = m.indices!.groups!.l![0];
    if (p.mayBeWord && !isAnswerLetter(text, m.index, letterAt, !!g.o || !!g.c)) continue;
    // A negated answer with no word before the letter after the turn: that letter must stand marked.
    if ('intro' in g && !g.intro && !g.o && !g.c && /^[ \t]+[A-Za-z]/.test(text.slice(letterAt + 1, letterAt + 4))) continue;
    if (!p.strong && isListingMarker(text, letterAt)) continue;
    if (insideQuotes(text, m.index) || isConditional(text, m.index)) continue;
    out.push({ line: lineOf(text, letterAt), at: letterAt, letter: g.l!.toUpperCase(), strong: p.strong });
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
    if (m) return { line: i, at: 0, letter: (m.groups!.a ?? m.groups!.b)!.toUpperCase(), strong: false };
  }
  return null;
}

/**
 * The chosen letter (upper case) of a multiple-choice answer, or null when there is none or it is not
 * one of the choices. `answer` is the answer part alone (a stored answer: tags in it are text).
 * The last explicit answer statement wins ("Answer: B ... wait, Answer: C" gives C) and outranks any
 * mere mention of an option after it; with no statement, the last mention decides. A negated letter
 * ("not (A)") never counts. Tolerates markup, quotes, brackets, LaTeX and full-width letters.
 */
export function extractChoiceFromAnswer(answer: string, choices?: number | string[]): string | null {
  const raw = toAscii(answer);
  const text = stripMarkup(raw);
  const found: Candidate[] = [];
  for (const p of PATTERNS) collect(text, p, found);
  let best: Candidate | null = null;
  for (const c of found) if (!best || (c.strong && !best.strong) || (c.strong === best.strong && c.at >= best.at)) best = c;
  // The bold option line is the weakest signal: used only when nothing comes on a later line, and never after a statement.
  const bold = boldOptionLine(raw);
  if (bold && (!best || (!best.strong && best.line < bold.line))) best = bold;
  if (!best) return null;
  return choiceLetters(choices).includes(best.letter) ? best.letter : null;
}

/** extractChoiceFromAnswer on a raw output: reads only the answer part (after the first `</think>`). */
export function extractChoice(output: string, choices?: number | string[]): string | null {
  const part = answerPart(output);
  return part === null ? null : extractChoiceFromAnswer(part, choices);
}
