// What the simulated model answers: the item a prompt belongs to, whether this sample is right, and
// the answer text (with decoys for the reasoning that a scorer must never read).
import type { Item, LoadedSuite } from '../../types.ts';
import { hash53, pickIndex, unit } from './random.ts';
import { namedAnswer, shownIndexOf } from './shown-choices.ts';

export interface KnownItem {
  suiteId: string;
  item: Item;
}

/** Items by the exact text of their last user message, and by `suiteId/itemId`. */
export class ItemIndex {
  private readonly byPrompt = new Map<string, KnownItem>();
  private readonly byId = new Map<string, KnownItem>();

  add(suite: LoadedSuite): void {
    for (const item of suite.items) {
      const known = { suiteId: suite.id, item };
      const text = lastUserText(item.prompt);
      if (text !== null && !this.byPrompt.has(text)) this.byPrompt.set(text, known);
      this.byId.set(`${suite.id}/${item.id}`, known);
    }
  }

  get size(): number {
    return this.byId.size;
  }

  /** By prompt text first; else by the suite/item named in the sample key (a prompt template may differ). */
  find(promptText: string | null, sampleKey: string | null): KnownItem | undefined {
    const hit = promptText === null ? undefined : this.byPrompt.get(promptText);
    if (hit || !sampleKey) return hit;
    const slash = sampleKey.lastIndexOf('/');
    return slash > 0 ? this.byId.get(sampleKey.slice(0, slash)) : undefined;
  }
}

/** Text of the last user message; content may be a string or OpenAI content parts. */
export function lastUserText(messages: readonly { role: string; content: unknown }[]): string | null {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role !== 'user') continue;
    if (typeof m.content === 'string') return m.content;
    if (Array.isArray(m.content)) {
      return m.content.map((p: { text?: unknown }) => (typeof p?.text === 'string' ? p.text : '')).join('');
    }
    return null;
  }
  return null;
}

export type Correctness = 'right' | 'wrong' | 'none';

/** One uniform draw per (seed, item, sample): right below correctRate, then no answer, else wrong. */
export function decide(seed: number, itemKey: string, sampleKey: string, correctRate: number, noAnswerRate: number): Correctness {
  const u = unit(seed, 'answer', itemKey, sampleKey);
  if (u < correctRate) return 'right';
  if (u < correctRate + noAnswerRate) return 'none';
  return 'wrong';
}

export interface Answer {
  /** The answer part (after the reasoning). */
  text: string;
  /** Sentences for the reasoning: the gold answer when the sample is wrong, a wrong one when right. */
  decoys: string[];
}

const NO_ANSWER = 'I have gone back and forth on this and cannot settle on a final result with confidence.';
const LETTERS = 'ABCDEFGHIJ';

/** The answer for a known item (or a generic math answer when `known` is undefined); `promptText` as shown (GPQA's shuffled options). */
export function composeAnswer(known: KnownItem | undefined, promptKey: string, correctness: Correctness, seed: number, sampleKey: string, promptText: string | null = null): Answer {
  const pick = (n: number, what: string) => pickIndex(n, seed, what, promptKey, sampleKey);
  const ref = known?.item.reference;
  if (!ref || ref.kind === 'math') {
    const gold = ref ? ref.answer : String(pickIndex(1000, seed, 'gold', promptKey));
    const wrong = wrongInteger(gold, 1 + pick(998, 'wrong'));
    const shown = correctness === 'right' ? gold : wrong;
    const decoy = correctness === 'right' ? wrong : gold;
    const forms = [
      `So the final answer is $\\boxed{${shown}}$.`,
      `Putting it all together, the result is\n\n$$\\boxed{${shown}}$$`,
      `**Final Answer**\n\n\\[\n\\boxed{${shown}}\n\\]`,
    ];
    return {
      text: correctness === 'none' ? NO_ANSWER : forms[pick(forms.length, 'form')]!,
      decoys: [`So is the answer \\boxed{${decoy}}? Wait, let me recheck that step.`, `Hmm, maybe it is ${decoy} after all, no, not so fast.`],
    };
  }
  if (ref.kind === 'choice') {
    const n = Math.max(2, Math.min(LETTERS.length, ref.choices.length));
    const canonicalGold = Math.max(0, LETTERS.indexOf(ref.answer.trim().toUpperCase()));
    const goldIndex = shownIndexOf(known!.item, promptText, canonicalGold) ?? canonicalGold;
    const wrongIndex = (goldIndex + 1 + pick(n - 1, 'wrong')) % n;
    const shown = LETTERS[correctness === 'right' ? goldIndex : wrongIndex]!;
    const decoy = LETTERS[correctness === 'right' ? wrongIndex : goldIndex]!;
    // The messy formats real models use; the choice scorer must accept them all.
    const forms = [`Answer: ${shown}`, `**Answer: ${shown}**`, `Answer: $\\boxed{${shown}}$`, `The answer is (${shown}).`];
    const named = namedAnswer(known!.item, promptText, LETTERS.indexOf(shown));
    if (named) forms.push(named);
    const lead = 'Weighing each option against the facts above, only one of them holds up.\n\n';
    return {
      text: correctness === 'none' ? NO_ANSWER : lead + forms[pick(forms.length, 'form')]!,
      decoys: [`Maybe Answer: ${decoy}? Hmm, no, let me look again.`, `The answer is (${decoy}), or is it? Let me reconsider.`],
    };
  }
  const solutions = solutionsOf(known!.item);
  const fence = (language: string, code: string) => `\`\`\`${language}\n${code.trimEnd()}\n\`\`\``;
  const draft = fence('python', 'print(0)  # first draft, too naive');
  const decoys = [`Let me sketch a quick draft first:\n${draft}\nNo, this ignores the constraints.`];
  if (correctness === 'none') return { text: NO_ANSWER, decoys };
  if (correctness === 'right') {
    const r = solutions.reference;
    const code = r.cpp ? fence('cpp', r.cpp) : r.python ? fence('python', r.python) : fence('python', '# no reference solution bundled');
    return { text: `Here is my solution.\n\n${code}`, decoys };
  }
  const flawed = solutions.flawed;
  if (flawed.length === 0) return { text: `Here is my solution.\n\n${fence('python', 'print(-1)')}`, decoys };
  const f = flawed[pick(flawed.length, 'flawed')]!;
  return { text: `Here is my solution.\n\n${fence(f.language, f.code)}`, decoys };
}

/** An integer different from gold: gold ± offset within 0..999 when gold is an integer, else any. */
export function wrongInteger(gold: string, offset: number): string {
  const g = Number(gold.replace(/[\s,]/g, ''));
  if (!/^-?[\d,\s]+$/.test(gold.trim()) || !Number.isSafeInteger(g)) return String(offset);
  if (g >= 0 && g <= 999) return String((g + offset) % 1000 === g ? (g + 1) % 1000 : (g + offset) % 1000);
  return String(g + offset);
}

interface Solutions {
  reference: { cpp?: string; python?: string };
  flawed: { language: string; code: string }[];
}

function solutionsOf(item: Item): Solutions {
  const s = (item.meta?.solutions ?? {}) as Partial<Solutions>;
  const flawed = Array.isArray(s.flawed) ? s.flawed.filter((f) => typeof f?.code === 'string') : [];
  return { reference: s.reference ?? {}, flawed: flawed.map((f) => ({ language: String(f.language ?? 'cpp'), code: f.code })) };
}

/** A short stable key for a prompt text. */
export function promptKeyOf(text: string | null): string {
  return `prompt:${hash53(text ?? '').toString(36)}`;
}
