import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countReasoningTokens, promptOpensThinking, ThinkSplitter, type Delta } from './think-split.ts';

/** Feeds `pieces` and returns the joined reasoning and content, plus every delta sent. */
function run(pieces: string[], startsInReasoning: boolean, finishReason = 'stop') {
  const s = new ThinkSplitter(startsInReasoning);
  const deltas: Delta[] = [...pieces.map((p) => s.push(p)), s.flush(finishReason)];
  return {
    reasoning: deltas.map((d) => d.reasoning ?? '').join(''),
    content: deltas.map((d) => d.content ?? '').join(''),
    deltas,
  };
}

/** Every way of cutting `text` into pieces of 1..3 characters, by a seeded walk. */
function cuts(text: string, seed: number): string[] {
  const out: string[] = [];
  let i = 0;
  let x = seed;
  while (i < text.length) {
    x = (x * 1103515245 + 12345) % 2147483648;
    const n = 1 + (x % 3);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

describe('ThinkSplitter', () => {
  it('splits at </think> when the template opened the think block', () => {
    expect(run(['so 2+2', ' is 4', '</think>', '\n\nThe answer is 4.'], true)).toMatchObject({ reasoning: 'so 2+2 is 4', content: '\n\nThe answer is 4.' });
  });

  it('finds tags cut anywhere between tokens', () => {
    const text = 'first think</think>answer <b>bold</b>';
    for (let seed = 1; seed < 40; seed++) expect(run(cuts(text, seed), true)).toMatchObject({ reasoning: 'first think', content: 'answer <b>bold</b>' });
    const open = '  <think>why</think>because';
    for (let seed = 1; seed < 40; seed++) expect(run(cuts(open, seed), false)).toMatchObject({ reasoning: 'why', content: 'because' });
  });

  it('holds back only what could still be a tag, and sends it when it is not', () => {
    const s = new ThinkSplitter(true);
    expect(s.push('a </th')).toEqual({ reasoning: 'a ' });
    expect(s.push('ing')).toEqual({ reasoning: '</thing' });
    expect(s.push('</')).toEqual({});
    expect(s.flush()).toEqual({ reasoning: '</' });
  });

  it('treats a response without any think block as answer, and an unclosed one as reasoning only', () => {
    expect(run(['The answer', ' is 4'], false)).toMatchObject({ reasoning: '', content: 'The answer is 4' });
    expect(run(['still thinking', ' when cut'], true)).toMatchObject({ reasoning: 'still thinking when cut', content: '' });
    expect(run(['<thi', 'nk>cut off'], false)).toMatchObject({ reasoning: 'cut off', content: '' });
  });

  it('tells whether a rendered prompt leaves <think> open', () => {
    expect(promptOpensThinking('<|user|>hi<|assistant|><think>\n')).toBe(true);
    expect(promptOpensThinking('<|user|>hi<|assistant|>')).toBe(false);
    expect(promptOpensThinking('<|assistant|><think>x</think>y<|user|>again<|assistant|>')).toBe(false);
  });

  it('splits real R1 distill outputs (prompt ended with <think>) as a plain search for </think> does', (ctx) => {
    const file = new URL('../../../shared/real-outputs/math500_r1distill-qwen-14b_thinking-llms-interp.json', import.meta.url);
    if (!existsSync(file)) return ctx.skip('shared/real-outputs is absent (a user clone has none)');
    const outputs: string[] = JSON.parse(readFileSync(file, 'utf8')).tasks.map((t: any) => t.model_answers.thinking_model);
    let finished = 0;
    for (const [i, text] of outputs.entries()) {
      const close = text.indexOf('</think>');
      const want = close < 0 ? { reasoning: text, content: '' } : { reasoning: text.slice(0, close), content: text.slice(close + '</think>'.length) };
      if (close >= 0) finished++;
      // Pieces of 1-3 characters: every tag boundary gets split somewhere across the set.
      const got = run(cuts(text, i + 1), true);
      expect({ reasoning: got.reasoning, content: got.content }).toEqual(want);
    }
    expect(finished).toBeGreaterThan(100);
  });

  it('splits at the first </think> when neither the template nor the model opened the block (as StreamAccumulator does)', () => {
    const text = 'reasoning without an opening tag</think>\n\nThe answer is 4.';
    for (let seed = 1; seed < 40; seed++) expect(run(cuts(text, seed), false)).toMatchObject({ reasoning: 'reasoning without an opening tag', content: '\n\nThe answer is 4.' });
    // Nothing is sent before the </think> decides what the text was.
    const s = new ThinkSplitter(false);
    expect(s.push('maybe reasoning')).toEqual({});
    expect(s.push(' still</think>answer')).toEqual({ reasoning: 'maybe reasoning still', content: 'answer' });
  });

  it('reads tagless text cut off by the length limit as unfinished reasoning, and tagless text that stopped as the answer', () => {
    expect(run(['no tags', ' at all'], false, 'length')).toMatchObject({ reasoning: 'no tags at all', content: '' });
    expect(run(['no tags', ' at all'], false, 'stop')).toMatchObject({ reasoning: '', content: 'no tags at all' });
  });
});

describe('countReasoningTokens', () => {
  /** Feeds tokens one by one and counts as the engine does. */
  function count(tokens: string[], startsInReasoning: boolean, finishReason = 'stop') {
    const s = new ThinkSplitter(startsInReasoning);
    const ends: number[] = [];
    let length = 0;
    for (const t of tokens) {
      s.push(t);
      ends.push((length += t.length));
    }
    s.flush(finishReason);
    return countReasoningTokens(s, ends);
  }

  it('counts the tokens up to and including the one that completes </think>', () => {
    expect(count(['a', ' b', '</think>', 'x', ' y'], true)).toBe(3);
    expect(count(['a', ' b', '</thi', 'nk>', 'x'], true)).toBe(4);
    expect(count(['a', ' b</think>x', ' y'], true)).toBe(2);
    expect(count(['<think>', 'a', '</think>', 'x'], false)).toBe(3);
    expect(count(['no', ' open', '</think>', 'x', ' y', ' z'], false)).toBe(3);
  });

  it('counts every token of a generation that ended inside the reasoning, and none without reasoning', () => {
    expect(count(['a', ' b', ' c'], true, 'length')).toBe(3);
    expect(count(['a', ' b', ' c'], false, 'length')).toBe(3);
    expect(count(['a', ' b', ' c'], false, 'stop')).toBe(0);
    expect(count(['<think>', '\n\n', '</think>', 'Hi'], false)).toBe(3);
  });
});
