// R1's reasoning tags and the one rule for where reasoning starts, shared by the streaming client, the
// local engine and the scorers (which split raw outputs the same way).
export const THINK_OPEN = '<think>';
export const THINK_CLOSE = '</think>';

/** Whether a text starts (after white space) with `<think>`: only there does the tag open reasoning. */
export function opensReasoning(text: string): boolean {
  return text.trimStart().startsWith(THINK_OPEN);
}
