// GPQA's answer reading: the choice extraction's letter, or, for GPQA only, an answer that names an
// option's text instead of its letter ("Answer: 4.2 eV") when that text matches exactly one option.
import { choiceLetters, extractChoiceFromAnswer } from './choice-extract.ts';

export interface GpqaChoice {
  /** The letter as shown in this sample ('A'..'D'). */
  letter: string;
  /** How it was found: a letter, or an option's text. */
  by: 'letter' | 'text';
}

/** Markup, math delimiters, a closing period and case dropped, so that `**$4.2\text{ eV}$.**` reads `4.2 eV`. */
export function normalizeOptionText(text: string): string {
  let t = text.replace(/\\(?:boxed|text(?:bf|it|rm)?|mathrm|mathbf|textnormal)\s*\{([^{}]*)\}/g, '$1');
  t = t.replace(/\\boxed\s*\{(.*)\}/g, '$1').replace(/\\[()[\]]/g, ' ');
  t = t.replace(/[*_$`]/g, '').replace(/\s+/g, ' ').trim();
  return t.replace(/[.;]+$/, '').trim().toLowerCase();
}

/** The option whose text `statement` is, when exactly one option has that text; a bare letter is never text. */
function optionNamed(statement: string, shown: readonly string[]): string | null {
  const s = normalizeOptionText(statement);
  if (s === '' || /^[(\[]?[a-j][)\].]?$/i.test(s)) return null;
  const hits = shown.flatMap((o, i) => (normalizeOptionText(o) === s ? [i] : []));
  return hits.length === 1 ? choiceLetters(shown.length)[hits[0]!]! : null;
}

/** What the last answer statement says: after the last "Answer:" / "the answer is", or inside the last \boxed{}. */
function lastStatement(answer: string): string | null {
  let best: { at: number; text: string } | null = null;
  const consider = (at: number, text: string) => {
    if (!best || at >= best.at) best = { at, text };
  };
  for (const m of answer.matchAll(/\banswer\b\**\s*(?:is\s*)?[:：]?\**[ \t]*([^\n]+)/gi)) consider(m.index, m[1]!);
  for (const m of answer.matchAll(/\\boxed\s*\{((?:[^{}]|\{[^{}]*\})*)\}/g)) consider(m.index, m[1]!);
  return best === null ? null : (best as { text: string }).text;
}

/**
 * The chosen option of a GPQA answer part, with `shown` the options in the order this sample saw
 * them. The last answer statement naming exactly one option's text wins ("Answer: A tetrahedral
 * complex" is that option, not letter A); otherwise the choice extraction's letter; with neither, a
 * last line that is exactly one option's text.
 */
export function extractGpqaChoice(answer: string, shown: readonly string[]): GpqaChoice | null {
  const statement = lastStatement(answer);
  const named = statement === null ? null : optionNamed(statement, shown);
  if (named) return { letter: named, by: 'text' };
  const letter = extractChoiceFromAnswer(answer, shown.length);
  if (letter) return { letter, by: 'letter' };
  const lines = answer.split('\n').filter((l) => l.trim() !== '');
  const last = lines.length ? optionNamed(lines[lines.length - 1]!, shown) : null;
  return last ? { letter: last, by: 'text' } : null;
}
