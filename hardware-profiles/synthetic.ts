// Inputs for load tests: prompts of about N tokens with no tokenizer at hand, and Poisson arrival times.
// Both come from a seeded generator, so two runs of a benchmark send the same load.

/** Picks words and arrival gaps. */
export { mulberry32 as seededRandom } from '../random.ts';

// Short common words, each a single token (with its leading space) in the BPE vocabularies R1 and its distills use.
const WORDS = (
  'the of and to in is it that for on with as was at by be this from or have an they which one you were all we ' +
  'can her has there been if more when will would who so no time day way man new year two may first any well ' +
  'over such our even most made after also did many before must through back much good where right still ' +
  'world life work down own just long both each tell same does set three want air play small end put home ' +
  'read hand port large spell add land here big high act why ask men change went light kind off need house'
).split(' ');

/**
 * A user prompt of about `tokens` tokens (one per word; the chat template adds a few more). A distinct
 * number leads each prompt so that a server's prefix cache cannot serve one request from another.
 */
export function syntheticPrompt(tokens: number, index: number, random: () => number): string {
  const words: string[] = [`${index}:`];
  for (let i = 1; i < tokens; i++) words.push(WORDS[Math.floor(random() * WORDS.length)]!);
  return words.join(' ');
}

/** Gaps in ms between arrivals of a Poisson process of `ratePerSec` requests per second. */
export function poissonGapMs(ratePerSec: number, random: () => number): number {
  return (-Math.log(1 - random()) * 1000) / ratePerSec;
}
