// Splits a token stream into reasoning and answer deltas at `<think>`/`</think>`, as llama.cpp's
// `--reasoning-format deepseek` does, so the local engine sends what a reasoning-aware server sends.
// A tag may arrive split across tokens: text that could be the start of a tag is held back until it is not.

const OPEN = '<think>';
const CLOSE = '</think>';

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

export class ThinkSplitter {
  /** 'start': nothing seen yet, the model may open a think block itself. */
  private state: 'start' | 'reasoning' | 'answer';
  private held = '';

  constructor(startsInReasoning: boolean) {
    this.state = startsInReasoning ? 'reasoning' : 'start';
  }

  /** Inside the think block now (text fed now would be reasoning). */
  get reasoning(): boolean {
    return this.state === 'reasoning';
  }

  /** Feeds one piece of generated text; returns what can be sent now. */
  push(text: string): Delta {
    let s = this.held + text;
    this.held = '';
    const out: Delta = {};
    const add = (key: keyof Delta, v: string) => {
      if (v) out[key] = (out[key] ?? '') + v;
    };
    for (;;) {
      if (this.state === 'start') {
        const trimmed = s.trimStart();
        if (trimmed.startsWith(OPEN)) {
          s = trimmed.slice(OPEN.length);
          this.state = 'reasoning';
          continue;
        }
        if (trimmed === '' || OPEN.startsWith(trimmed)) {
          this.held = s; // still could become `<think>`
          return out;
        }
        this.state = 'answer';
      }
      if (this.state === 'reasoning') {
        const close = s.indexOf(CLOSE);
        if (close >= 0) {
          add('reasoning', s.slice(0, close));
          s = s.slice(close + CLOSE.length);
          this.state = 'answer';
          continue;
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

  /** End of generation: whatever was held back is plain text after all. */
  flush(): Delta {
    const s = this.held;
    this.held = '';
    if (!s) return {};
    return this.state === 'reasoning' ? { reasoning: s } : { content: s };
  }
}
