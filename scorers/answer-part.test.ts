// The reasoning/answer boundary on the scorer side, and what a scorer may read of a stored sample.
import { describe, expect, it } from 'vitest';
import { StreamAccumulator } from '../runners/stream-accumulator.ts';
import { answerPart, hasAnswerBox, scorableAnswer, unscorableVerdict } from './answer-part.ts';
import { extractChoice } from './choice-extract.ts';
import { extractCode } from './code-extract.ts';
import { extractMathAnswer } from './math-extract.ts';
import { scoreMath } from './math.ts';

describe('answerPart of a raw output', () => {
  it('splits at the first </think>, as the streaming client does: a later </think> is answer text', () => {
    const raw = '<think>add them</think>\nSo the sum is $\\boxed{9}$. (In the raw text, </think> ended the reasoning.)';
    expect(answerPart(raw)).toBe('\nSo the sum is $\\boxed{9}$. (In the raw text, </think> ended the reasoning.)');
  });

  it('agrees with the client on where the answer starts', () => {
    for (const raw of ['<think>a</think>one</think>two', 'a</think>b', '<think>x</think>\n\nAnswer: C\n\n</think>']) {
      const acc = new StreamAccumulator();
      acc.onData(JSON.stringify({ choices: [{ delta: { content: raw }, finish_reason: 'stop' }] }), 1);
      expect(answerPart(raw)!.trim()).toBe(acc.result(0, 2).answer);
    }
  });

  it('a <think> quoted inside a tagless answer is text, for the client and the scorer alike', () => {
    const raw = 'The tag <think> opens the reasoning block, so the count is \\boxed{5}.';
    const acc = new StreamAccumulator();
    acc.onData(JSON.stringify({ choices: [{ delta: { content: raw }, finish_reason: 'stop' }] }), 1);
    expect(acc.result(0, 2).answer).toBe(raw);
    expect(answerPart(raw)).toBe(raw);
    expect(extractMathAnswer(raw)).toBe('5');
    // Only a <think> that starts the text opens reasoning (leading white space allowed).
    expect(answerPart('  \n<think>still thinking about <think> tags')).toBeNull();
  });

  it('has no answer part when reasoning was opened and never closed; untagged text is all answer', () => {
    expect(answerPart('<think>\nstill going \\boxed{4}')).toBeNull();
    expect(answerPart('Answer: B')).toBe('Answer: B');
    expect(answerPart('thought without an opening tag</think>Answer: D')).toBe('Answer: D');
  });

  it('math, choice and code extraction on a raw output read from the first </think>', () => {
    const raw = (answer: string) => `<think>\nfirst try \\boxed{3}, option (A)\n</think>\n${answer}\nA stray </think> closes this note.`;
    expect(extractMathAnswer(raw('The total is \\boxed{7}.'))).toBe('7');
    expect(scoreMath(raw('The total is \\boxed{7}.'), '7')).toBe(true);
    expect(extractChoice(raw('Answer: (D)'), 4)).toBe('D');
    expect(extractCode(raw('```python\nprint(7)\n```'))).toEqual({ language: 'python', code: 'print(7)\n' });
  });
});

describe('hasAnswerBox', () => {
  it('sees \\boxed{ and \\fbox{, closed or cut, with or without a space', () => {
    expect(hasAnswerBox('so \\boxed{12')).toBe(true);
    expect(hasAnswerBox('$\\fbox{x=2}$')).toBe(true);
    expect(hasAnswerBox('\\boxed {5}')).toBe(true);
    expect(hasAnswerBox('a boxed answer would be 5')).toBe(false);
    expect(hasAnswerBox('\\boxedx')).toBe(false);
  });
});

describe('scorableAnswer', () => {
  it('never scores a length-cut sample, even an earlier complete box', () => {
    const cut = scorableAnswer({ answer: '\\boxed{5}. Wait, recheck: \\boxed{12', finishReason: 'length' });
    expect(cut).toEqual({ verdict: 'truncated', truncatedWithBox: true });
    expect(scorableAnswer({ answer: 'Answer: 5. Let me double-check the second', finishReason: 'length' })).toEqual({ verdict: 'truncated', truncatedWithBox: false });
    expect(scorableAnswer({ answer: null, finishReason: 'length' })).toEqual({ verdict: 'truncated', truncatedWithBox: false });
  });

  it('lets a scorer say what else counts as an answer already given before the cut', () => {
    const saysAnswer = (t: string) => /Answer:/.test(t);
    expect(scorableAnswer({ answer: 'Answer: B, but also', finishReason: 'length' }, saysAnswer)).toEqual({ verdict: 'truncated', truncatedWithBox: true });
    expect(scorableAnswer({ answer: 'Hmm, B or', finishReason: 'length' }, saysAnswer)).toEqual({ verdict: 'truncated', truncatedWithBox: false });
  });

  it('reads a stored answer as it is: <think> and </think> inside it are text', () => {
    const answer = 'The tag <think> is how R1 opens its reasoning, so the count is \\boxed{5}.';
    expect(scorableAnswer({ answer, finishReason: 'stop' })).toEqual({ text: answer });
    const closing = 'Everything before </think> is hidden from the user; the answer is \\boxed{2}.';
    expect(scorableAnswer({ answer: closing, finishReason: 'stop' })).toEqual({ text: closing });
  });

  it('an error wins over everything; empty text is no-answer; other finish reasons are scored', () => {
    expect(scorableAnswer({ answer: '\\boxed{1', finishReason: 'length', error: { kind: 'http', message: '500' } })).toEqual({ verdict: 'error' });
    expect(scorableAnswer({ answer: '  \n', finishReason: 'stop' })).toEqual({ verdict: 'no-answer' });
    expect(scorableAnswer({ answer: null, finishReason: 'stop' })).toEqual({ verdict: 'no-answer' });
    expect(scorableAnswer({ answer: 'Answer: A', finishReason: null })).toEqual({ text: 'Answer: A' });
  });
});

describe('unscorableVerdict', () => {
  it('truncated and no-answer count as wrong, an error is not scorable, and the box flag travels', () => {
    expect(unscorableVerdict({ verdict: 'truncated', truncatedWithBox: true })).toEqual({ correct: false, extracted: null, verdict: 'truncated', truncatedWithBox: true });
    expect(unscorableVerdict({ verdict: 'no-answer' })).toEqual({ correct: false, extracted: null, verdict: 'no-answer' });
    expect(unscorableVerdict({ verdict: 'error' })).toEqual({ correct: null, extracted: null, verdict: 'error' });
  });
});
