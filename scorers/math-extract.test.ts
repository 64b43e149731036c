import { describe, expect, it } from 'vitest';
import { extractMathAnswer, lastBoxed } from './math-extract.ts';

// [full raw output, expected extraction]
const CASES: [string, string | null][] = [
  // boxes
  ['<think>\nsome work\n</think>\nSo the answer is $\\boxed{42}$.', '42'],
  ['<think>x</think>\\boxed{\\frac{1}{2}}', '\\frac{1}{2}'],
  ['<think>x</think>\\boxed{\\frac{\\sqrt{3}}{\\left(2\\right)}}', '\\frac{\\sqrt{3}}{\\left(2\\right)}'],
  ['<think>x</think>First \\boxed{1}, then \\boxed{2}.', '2'],
  ['<think>x</think>\\fbox{7}', '7'],
  ['<think>x</think>The answer is $\\boxed 5$.', '5'],
  ['<think>x</think>$\\boxed5$', '5'],
  ['<think>x</think>\\boxed{\\{1,2\\}}', '\\{1,2\\}'],
  ['<think>x</think>\\boxed{ 12 }', '12'],
  ['<think>x</think>\\boxed{\\text{(C)}}', '\\text{(C)}'],
  ['<think>x</think>\\boxed{\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}}', '\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}'],
  ['<think>x</think>\\[\\boxed{3 \\pm 2\\sqrt{2}}\\]', '3 \\pm 2\\sqrt{2}'],
  // a box cut off (braces never close) is passed over for an earlier complete one
  ['<think>x</think>\\boxed{4} and then \\boxed{\\frac{1}{', '4'],
  ['<think>x</think>\\boxed{', null],
  ['<think>x</think>\\boxed{}', null],
  // the reasoning is never read
  ['<think>\nmaybe \\boxed{99}\n</think>\nThe answer is \\boxed{100}.', '100'],
  ['<think>\nmaybe \\boxed{99}\n</think>\nI could not decide.', null],
  ['<think>\nstill thinking \\boxed{99} and', null],
  // the FIRST </think> ends the reasoning: a later tag is answer text
  ['<think>a</think><think>b \\boxed{1}</think>\\boxed{2}', '2'],
  ['<think>a \\boxed{1}</think>So \\boxed{3}; the tag </think> ends a reasoning block.', '3'],
  // no tags at all: the server already split the reasoning off, all of it is answer
  ['The answer is \\boxed{8}.', '8'],
  // fallbacks when there is no box
  ['<think>x</think>The final answer is 17.', '17'],
  ['<think>x</think>Therefore, the final answer is $\\frac{3}{4}$.', '\\frac{3}{4}'],
  ['<think>x</think>**Final Answer:** 12', '12'],
  ['<think>x</think>Final answer: (2, 3)', '(2, 3)'],
  ['<think>x</think>**Answer:** 9', '9'],
  ['<think>x</think>**Answer: 9**', '9'],
  ['<think>x</think>Work...\nAnswer: $x = 4$', 'x = 4'],
  ['<think>x</think>Answer: 3\nAnswer: 5', '5'],
  ['<think>x</think>**Final Answer**\n\n$\\dfrac{1}{6}$', '\\dfrac{1}{6}'],
  ['<think>x</think>**Final Answer**\n\\[\n2\\sqrt{3}\n\\]', '2\\sqrt{3}'],
  ['<think>x</think>The final answer is \\boxed{6}. Answer: 7', '6'],
  // no box and no answer line: the last number of the answer part
  ['<think>x</think>We find that x equals 3, so 3 it is.', '3'],
  ['<think>x</think>We find that x equals three.', null],
  ['<think>x</think>', null],
  ['', null],
];

describe('extractMathAnswer', () => {
  it.each(CASES)('%j → %j', (output, expected) => {
    expect(extractMathAnswer(output)).toBe(expected);
  });
});

describe('extractMathAnswer with a gold answer', () => {
  it('joins every box for a list gold and keeps the last box for a one-value gold', () => {
    const output = '<think>\\boxed{9}</think>The solutions are $\\boxed{-1}$ and $\\boxed{4}$.';
    expect(extractMathAnswer(output, '-1, 4')).toBe('-1, 4');
    expect(extractMathAnswer(output, '\\{4, -1\\}')).toBe('-1, 4');
    expect(extractMathAnswer(output, '4')).toBe('4');
    expect(extractMathAnswer(output)).toBe('4');
  });
});

describe('lastBoxed', () => {
  it('treats \\{ and \\} as literal braces', () => {
    expect(lastBoxed('\\boxed{\\{1\\}}')).toBe('\\{1\\}');
    expect(lastBoxed('\\boxed{\\}')).toBeNull();
  });
  it('does not take \\boxedfoo for a box', () => {
    expect(lastBoxed('\\boxedfoo{1}')).toBeNull();
  });
});
