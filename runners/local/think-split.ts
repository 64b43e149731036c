// Splits a token stream into reasoning and answer deltas at `<think>`/`</think>`, the one split the local
// engine makes: `r1bench serve` sends it as `reasoning_content`, and the in-process endpoint reads the same
// chunks, so both paths see the same reasoning, answer and reasoning-token count.
// A tag may arrive split across tokens: text that could be the start of a tag is held back until it is not.
// With no `<think>` in the prompt and none at the start of the output (a template that does not open the
// block), the text is held until a `</think>` shows it was reasoning, or the end shows it was not: the
// same rule as StreamAccumulator's for raw text (split at the first `</think>`; tagless and cut off by the
// length limit = unfinished reasoning).

import { THINK_CLOSE as CLOSE, THINK_OPEN as OPEN } from '../think-tags.ts';

export interface Delta {
  reasoning?: string;
  content?: string;
}

/** True when the rendered prompt leaves a `<think>` open (R1 templates end with `<think>\n`). */
export function promptOpensThinking(prompt: string): boolean {
  const open = prompt.lastIndexOf(OPEN);
  return open >= 0 && prompt.indexOf(CLOSE, open) < 0;
}

/** Length of the longest suffix of `s` that is a proper prefix of `tag`. */
function partialTagAt(s: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, s.length); n > 0; n--) if (tag.startsWith(s.slice(s.length - n))) return n;
  return 0;
}

type State = 'start' | 'undecided' | 'reasoning' | 'answer';

export class ThinkSplitter {
  /** 'start': nothing seen yet, the model may open a think block itself; 'undecided': text with no opening tag. */
  private state: State;
  private held = '';
  /** Characters pushed so far (all pieces together). */
  private fed = 0;
  private reasoningEndAt: number | null = null;
  private sawReasoning: boolean;

  constructor(startsInReasoning: boolean) {
    this.state = startsInReasoning ? 'reasoning' : 'start';
    this.sawReasoning = startsInReasoning;
  }

  /** Inside the think block now (text fed now would be reasoning). */
  get reasoning(): boolean {
    return this.state === 'reasoning';
  }

  /**
   * Offset in the whole generated text just after the `</think>` that ended the reasoning; null while
   * it has not ended (or there was none).
   */
  get reasoningEnd(): number | null {
    return this.reasoningEndAt;
  }

  /** After flush: whether any of the output was reasoning (a think block, or tagless text cut off). */
  get hadReasoning(): boolean {
    return this.sawReasoning;
  }

  /** Feeds one piece of generated text; returns what can be sent now. */
  push(text: string): Delta {
    // `at`: offset of s[0] in the whole text.
    let at = this.fed - this.held.length;
    let s = this.held + text;
    this.fed += text.length;
    this.held = '';
    const out: Delta = {};
    const add = (key: keyof Delta, v: string) => {
      if (v) out[key] = (out[key] ?? '') + v;
    };
    for (;;) {
      if (this.state === 'start') {
        const lead = s.length - s.trimStart().length;
        const trimmed = s.slice(lead);
        if (trimmed.startsWith(OPEN)) {
          s = trimmed.slice(OPEN.length);
          at += lead + OPEN.length;
          this.state = 'reasoning';
          this.sawReasoning = true;
          continue;
        }
        if (trimmed === '' || OPEN.startsWith(trimmed)) {
          this.held = s; // still could become `<think>`
          return out;
        }
        this.state = 'undecided';
      }
      if (this.state === 'undecided' || this.state === 'reasoning') {
        const close = s.indexOf(CLOSE);
        if (close >= 0) {
          add('reasoning', s.slice(0, close));
          this.reasoningEndAt = at + close + CLOSE.length;
          this.sawReasoning = true;
          s = s.slice(close + CLOSE.length);
          at += close + CLOSE.length;
          this.state = 'answer';
          continue;
        }
        if (this.state === 'undecided') {
          this.held = s; // reasoning if a `</think>` follows, else the answer
          return out;
        }
        const keep = partialTagAt(s, CLOSE);
        add('reasoning', s.slice(0, s.length - keep));
        this.held = s.slice(s.length - keep);
        return out;
      }
      add('content', s);
      return out;
    }
  }

  /**
   * End of generation: whatever was held back is sent. Text with no tag at all is the answer, unless the
   * length limit cut it off (then it is unfinished reasoning, as StreamAccumulator reads raw text).
   */
  flush(finishReason: string | null = 'stop'): Delta {
    const s = this.held;
    this.held = '';
    if (this.state === 'undecided' && finishReason === 'length') this.state = 'reasoning';
    if (this.state === 'reasoning') this.sawReasoning = true;
    if (!s) return {};
    return this.state === 'reasoning' ? { reasoning: s } : { content: s };
  }
}

/**
 * Reasoning tokens of one generation, exactly: the tokens up to and including the one that completed
 * `</think>`; every token when the output ended inside the reasoning; none when there was no reasoning.
 * `tokenEnds[i]`: offset in the generated text where token i's text ends (end-of-sequence excluded).
 */
export function countReasoningTokens(splitter: ThinkSplitter, tokenEnds: readonly number[]): number {
  const end = splitter.reasoningEnd;
  if (end === null) return splitter.hadReasoning ? tokenEnds.length : 0;
  let n = 0;
  // Token i starts where token i-1 ended; it is reasoning when it starts before the end of `</think>`.
  while (n < tokenEnds.length && (n === 0 ? 0 : tokenEnds[n - 1]!) < end) n++;
  return n;
}
