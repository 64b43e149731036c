// Items whose options are shuffled per sample (GPQA): the simulator answers in the order the request
// showed them, read from the prompt itself ("A) text" lines), so a right answer names the right letter.
import type { Item } from '../../types.ts';

const LETTERS = 'ABCDEFGHIJ';

/** The options' texts by shown letter, when the item's samples differ and the prompt lists every option. */
function shownOptions(item: Item, promptText: string | null): string[] | null {
  if (!item.forSample || item.reference.kind !== 'choice' || promptText === null) return null;
  const choices = item.reference.choices;
  const shown: string[] = [];
  for (let p = 0; p < choices.length; p++) {
    const text = choices.find((c) => new RegExp(`(?:^|\\n)${LETTERS[p]}\\) ${escapeRe(c)}(?:\\n|$)`).test(promptText));
    if (text === undefined) return null;
    shown.push(text);
  }
  return shown;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The shown letter index of the original choice `original`, or null when the prompt does not show the item's options. */
export function shownIndexOf(item: Item, promptText: string | null, original: number): number | null {
  const shown = shownOptions(item, promptText);
  if (!shown || item.reference.kind !== 'choice') return null;
  const i = shown.indexOf(item.reference.choices[original]!);
  return i < 0 ? null : i;
}

/** "Answer: <the option's text>" for a one-line option (models sometimes name the option instead of its letter). */
export function namedAnswer(item: Item, promptText: string | null, shownIndex: number): string | null {
  const text = shownOptions(item, promptText)?.[shownIndex];
  return text !== undefined && !text.includes('\n') && text.length <= 80 ? `Answer: ${text}` : null;
}
