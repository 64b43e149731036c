// Tokens and the filler reasoning text. A token here is one whitespace-separated word together with
// the whitespace before it (/\s*\S+/): counting is cheap, and concatenating tokens gives the text back.
import { prng } from './random.ts';

const TOKEN = /\s*\S+/g;

/** Splits text into tokens (each keeps its leading whitespace; trailing whitespace is dropped). */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/** Number of tokens in text, as the simulator counts them (whitespace-separated words). */
export function countTokens(text: string): number {
  let n = 0;
  TOKEN.lastIndex = 0;
  while (TOKEN.exec(text) !== null) n++;
  return n;
}

// Sentences written for this simulator; {a} {b} {c} become small numbers.
const OPENERS = [
  'Okay, so I need to work out what this problem is really asking.',
  'Alright, let me read the question again and pick out the key facts.',
  'Okay, let me start by restating the problem in my own words.',
];
const SENTENCES = [
  'Let me write down what I know so far.',
  'Hmm, that gives {a}, but I should check the condition again.',
  'Wait, maybe I made an arithmetic slip in that last step.',
  'If I substitute {a} there, the left side becomes {b}.',
  'So the difference is {c}, which seems consistent with the earlier step.',
  'Let me try a smaller case first to see the pattern.',
  'Alternatively, I could count the complementary cases and subtract.',
  'That works for the first few values, so the pattern probably holds.',
  'Let me double-check by going through it once more.',
  'Hmm, so far so good.',
  'Actually, there might be an edge case when the value is {a}.',
  'Right, that case is excluded by the constraints.',
  'Putting these pieces together, the total should follow.',
  'But wait, does the order matter here? I think it does.',
  'So each of the {a} parts contributes {b}, giving {c} in total.',
  'Let me verify this with a quick sanity check.',
  'No, that cannot be right, because it would exceed the bound.',
  'Okay, recomputing carefully: {a} plus {b} is {c}.',
];

export interface ReasoningSpec {
  /** Exact number of tokens wanted. */
  tokens: number;
  /** Seed for the filler words (from the request's decision hash). */
  seed: number;
  /** Decoy sentences (e.g. a wrong \boxed{}) placed at about 1/3 and 2/3 of the text. */
  decoys: string[];
}

/** Plausible reasoning text of exactly `spec.tokens` tokens, containing the decoys where they fit. */
export function reasoningTokens(spec: ReasoningSpec): string[] {
  const rand = prng(spec.seed);
  // As many decoys (in order) as leave at least as much real filler around them.
  const decoyTokens: string[][] = [];
  let decoyTotal = 0;
  for (const d of spec.decoys.map(tokenize)) {
    if ((decoyTotal + d.length) * 2 > spec.tokens) break;
    decoyTokens.push(d);
    decoyTotal += d.length;
  }
  const useDecoys = decoyTokens.length > 0;
  const fillerWanted = spec.tokens - decoyTotal;
  const out: string[] = [];
  const fill = (until: number) => {
    while (out.length < until) {
      const first = out.length === 0;
      const pool = first ? OPENERS : SENTENCES;
      const sentence = pool[Math.floor(rand() * pool.length)]!
        .replace('{a}', String(2 + Math.floor(rand() * 40)))
        .replace('{b}', String(3 + Math.floor(rand() * 90)))
        .replace('{c}', String(5 + Math.floor(rand() * 400)));
      const words = tokenize(sentence);
      // A paragraph break now and then, as R1 writes.
      if (!first) words[0] = (rand() < 0.2 ? '\n\n' : ' ') + words[0]!.trimStart();
      for (const w of words) {
        if (out.length >= until) break;
        out.push(w);
      }
    }
  };
  if (!useDecoys) {
    fill(fillerWanted);
    return out;
  }
  const n = decoyTokens.length;
  let placed = 0;
  for (let i = 0; i < n; i++) {
    fill(Math.round((fillerWanted * (i + 1)) / (n + 1)) + placed);
    placed += decoyTokens[i]!.length;
    const d = decoyTokens[i]!.slice();
    if (d.length > 0) d[0] = (out.length === 0 ? '' : ' ') + d[0]!.trimStart();
    for (const w of d) out.push(w);
  }
  fill(spec.tokens);
  return out;
}
