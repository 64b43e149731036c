import { describe, expect, it } from 'vitest';
import { StreamAccumulator } from './stream-accumulator.ts';

const chunk = (delta: Record<string, string | null>, finish: string | null = null) => JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] });

/** Feeds each piece as one chunk of `field`, one ms apart, and returns the result. */
function accumulate(pieces: string[], field: 'content' | 'reasoning_content'): ReturnType<StreamAccumulator['result']> {
  const acc = new StreamAccumulator();
  pieces.forEach((p, i) => acc.onData(chunk({ [field]: p }), i + 1));
  acc.onData(chunk({}, 'stop'), pieces.length + 1);
  acc.onData('[DONE]', pieces.length + 1);
  return acc.result(0, pieces.length + 2);
}

describe('StreamAccumulator: the text of many chunks', () => {
  it('joins thousands of tokens of 1- to 4-byte characters exactly as the strings concatenate', () => {
    const alphabet = ['a', ' ', 'é', '✓', '中', '😀', '𝑥', '\\boxed{', '}', '\n'];
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pieces = Array.from({ length: 5000 }, () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => alphabet[Math.floor(random() * alphabet.length)]!).join(''));
    const reasoning = accumulate(pieces, 'reasoning_content');
    expect(reasoning.reasoning).toBe(pieces.join(''));
    const answer = accumulate(['<think>', ...pieces, '</think>', 'x'], 'content');
    expect(answer.reasoning).toBe(pieces.join(''));
    expect(answer.answer).toBe('x');
  });

  it('a character outside the BMP sent as two surrogate halves in two chunks joins into the character', () => {
    // "\ud83d" then "\ude00" (😀), as a server that cuts a UTF-16 string between chunks writes them.
    const acc = new StreamAccumulator();
    acc.onData('{"choices":[{"delta":{"reasoning_content":"smile \\ud83d"}}]}', 1);
    acc.onData('{"choices":[{"delta":{"reasoning_content":"\\ude00 done"}}]}', 2);
    acc.onData('{"choices":[{"delta":{"content":"ok \\ud83d"}}]}', 3);
    acc.onData('{"choices":[{"delta":{"content":"\\ude00"},"finish_reason":"stop"}]}', 4);
    const r = acc.result(0, 5);
    expect(r.reasoning).toBe('smile 😀 done');
    expect(r.answer).toBe('ok 😀');
    // Times still follow the chunks: first token at 1 ms, first answer token at 3 ms.
    expect(r.timing.firstTokenMs).toBe(1);
    expect(r.timing.firstAnswerTokenMs).toBe(3);
  });

  it('the first answer token after an inline </think> is timed by UTF-16 offset, with multi-byte reasoning before it', () => {
    const r = accumulate(['<think>', '中文推理😀', '</think>', '\n\n', 'Answer: 4'], 'content');
    expect(r.reasoning).toBe('中文推理😀');
    expect(r.answer).toBe('Answer: 4');
    expect(r.timing.firstAnswerTokenMs).toBe(5);
  });
});
