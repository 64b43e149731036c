import { describe, expect, it } from 'vitest';
import type { AnswerRoute } from '../types.ts';
import { findMathAnswer } from './math-extract.ts';
import { scoreMath } from './math.ts';

// [answer part, gold (only its shape matters: list or not), expected answer, expected route]
type Case = [string, string | undefined, string | null, AnswerRoute | null];

const BOXES: Case[] = [
  ['Hence $\\boxed{\\frac{7}{2}}$.', undefined, '\\frac{7}{2}', 'boxed'],
  ['\\boxed{\\sqrt{\\frac{a}{b+\\{c\\}}}}', undefined, '\\sqrt{\\frac{a}{b+\\{c\\}}}', 'boxed'],
  ['We get \\boxed 9.', undefined, '9', 'boxed'],
  ['So $\\boxed -4$', undefined, '-4', 'boxed'],
  ['The area is \\fbox{24} square feet.', undefined, '24', 'boxed'],
  ['\\[ \\boxed{x = 3} \\]', undefined, 'x = 3', 'boxed'],
  ['\\boxed{\\boxed{11}}', undefined, '11', 'boxed'],
  ['\\boxed{\\text{odd}}', undefined, '\\text{odd}', 'boxed'],
  ['\\boxed {12}', undefined, '12', 'boxed'],
  ['First guess \\boxed{8}, corrected: \\boxed{10}.', undefined, '10', 'boxed'],
  ['\\boxed{10} is the count; checked in 2021.', undefined, '10', 'boxed'],
  ['Answer: 7. Formally, \\boxed{8}.', undefined, '8', 'boxed'],
  ['\\boxed{} so the value is 6', undefined, '6', 'last-number'],
  ['\\boxed{3} then \\boxed{\\frac{1}{', undefined, '3', 'boxed'],
  // a list or set gold collects every box
  ['$\\boxed{-2}$, $\\boxed{5}$', '-2, 5', '-2, 5', 'boxed'],
  ['x = \\boxed{0} or x = \\boxed{1}', '\\{0, 1\\}', '0, 1', 'boxed'],
  ['\\boxed{(1,0)} \\text{ and } \\boxed{(0,1)}', '(1,0), (0,1)', '(1,0), (0,1)', 'boxed'],
  ['\\boxed{a = 2}, \\boxed{b = 7}', 'a = 2, b = 7', 'a = 2, b = 7', 'boxed'],
  ['\\boxed{2}\n\nSo again: \\boxed{2}', '2, 3', '2', 'boxed'],
  ['\\boxed{1, 5}.\n\nThat is, \\boxed{1} and \\boxed{5}.', '1, 5', '1, 5', 'boxed'],
  ['\\boxed{1,000} and \\boxed{2}', '1000, 2', '1,000, 2', 'boxed'],
  ['\\boxed{3 \\pm \\sqrt{2}}', '3 \\pm \\sqrt 2', '3 \\pm \\sqrt{2}', 'boxed'],
  // a one-value gold: the last box
  ['$\\boxed{-2}$, $\\boxed{5}$', '5', '5', 'boxed'],
  ['$\\boxed{-2}$, $\\boxed{5}$', '(-2, 5)', '5', 'boxed'],
];

const LINES: Case[] = [
  ['The final answer is $3$. I hope it is correct.', undefined, '3', 'answer-line'],
  ['Final Answer: The final answer is 7', undefined, '7', 'answer-line'],
  ['Final Answer: The final answer is $\\frac{5}{8}$. I hope it is correct.', undefined, '\\frac{5}{8}', 'answer-line'],
  ['**Final Answer**\n\\[ 5 \\]', undefined, '5', 'answer-line'],
  ['**Final Answer**\n\n$$\n2\\pi\n$$', undefined, '2\\pi', 'answer-line'],
  ['### Final Answer\n**42**', undefined, '42', 'answer-line'],
  ['The final answer is **12**.', undefined, '12', 'answer-line'],
  ['Final answer: 1,234', undefined, '1,234', 'answer-line'],
  ['final answer = 17', undefined, '17', 'answer-line'],
  ['My final answer is \\(\\sqrt{3}\\).', undefined, '\\sqrt{3}', 'answer-line'],
  ['Answer: 4', undefined, '4', 'answer-line'],
  ['Answer: $-\\frac{2}{3}$', undefined, '-\\frac{2}{3}', 'answer-line'],
  ['**Answer:** $x = 9$', undefined, 'x = 9', 'answer-line'],
  ['**Answer: 15**', undefined, '15', 'answer-line'],
  ['## Answer:\n\\[\n(1, -1)\n\\]', undefined, '(1, -1)', 'answer-line'],
  ['> Answer: \\text{Tuesday}', undefined, '\\text{Tuesday}', 'answer-line'],
  ['Answer: 3.25.', undefined, '3.25', 'answer-line'],
  ['Answer: 6\nAnswer: 8', undefined, '8', 'answer-line'],
  ['So the answer is 10.', undefined, '10', 'answer-line'],
  ['Thus the answer is: 5', undefined, '5', 'answer-line'],
  ['The answer is\n\\[\n\\frac{\\pi}{4}\n\\]\nwhich we check numerically: 0.785.', undefined, '\\frac{\\pi}{4}', 'answer-line'],
  ['Hence the correct answer would be $\\dfrac{9}{4}$, as shown.', undefined, '\\dfrac{9}{4}', 'answer-line'],
  ['the answer is $2$ and $6$.', '2, 6', '2, 6', 'answer-line'],
  ['the answer is $2$ and $6$.', '6', '6', 'answer-line'],
  ['The answer is 12. (Seen in AMC 2019, problem 4.)', undefined, '12', 'answer-line'],
  ['Answer $9$', undefined, '9', 'answer-line'],
  ['Answer \\( (9+1) \\)', undefined, '(9+1)', 'answer-line'],
  ['Answers vary; we take 3.', undefined, '3', 'last-number'],
  // a closing statement: the answer part ends with "is $X$." (math, then only punctuation)
  ['Therefore the probability is $\\frac{1}{2}$.', undefined, '\\frac{1}{2}', 'answer-line'],
  ['The inverse is $\\begin{pmatrix} 0 & 1 \\\\ 1 & 0 \\end{pmatrix}$.', undefined, '\\begin{pmatrix} 0 & 1 \\\\ 1 & 0 \\end{pmatrix}', 'answer-line'],
  ['So the sum equals\n\\[\n2\\sqrt{2}\n\\]', undefined, '2\\sqrt{2}', 'answer-line'],
  ['The solutions are $-1$ and $3$.', '-1, 3', '-1, 3', 'answer-line'],
  ['The value is $x$ when 4 terms remain', undefined, '4', 'last-number'],
  // a plain-text answer sentence: what follows its last "is" / "=", without a reason or a remark
  ['**Final Answer**\n\nThe number of ways is 35.', undefined, '35', 'answer-line'],
  ['Final Answer: the area is $12$ square units.', undefined, '12', 'answer-line'],
  ['Answer: 5 (since the root must be positive)', undefined, '5', 'answer-line'],
  ['The answer is 4, because 2 + 2 = 4 twice over.', undefined, '4', 'answer-line'],
  ['Answer: 2x + 3 = 11', undefined, '11', 'answer-line'],
  // the fallback order: a final-answer statement before an "Answer:" line before "answer is"
  ['Final Answer: 3\nAnswer: 4', undefined, '3', 'answer-line'],
  ['Answer: 4\nthe answer is 5', undefined, '4', 'answer-line'],
];

const NUMBERS: Case[] = [
  ['Therefore the probability is $\\frac{1}{2}$ or so, 1 in 2', undefined, '2', 'last-number'],
  ['The ratio simplifies to \\dfrac{3}{10}.', undefined, '\\dfrac{3}{10}', 'last-number'],
  ['so x equals -3/4.', undefined, '-3/4', 'last-number'],
  ['The total is 12,000,023 grains.', undefined, '12,000,023', 'last-number'],
  ['It costs $1,000.99 in all.', undefined, '1,000.99', 'last-number'],
  ['Thus $14{,}916$ is the least such number.', undefined, '14,916', 'last-number'],
  ['The mean is .75', undefined, '.75', 'last-number'],
  ['Sales rose by 25% in total', undefined, '25%', 'last-number'],
  ['a rise of $12.5\\%$ overall', undefined, '12.5\\%', 'last-number'],
  ['We find $y = -12$.', undefined, '-12', 'last-number'],
  ['The difference 10-4 gives 6, as in step 3', undefined, '3', 'last-number'],
  ['Subtracting, 10-4', undefined, '4', 'last-number'],
  ['After 5 rounds the score was 32, 349 points', undefined, '349', 'last-number'],
  ['So $x^2$ has value 9 for $a_1$.', undefined, '9', 'last-number'],
  ['The code AZ7Q is unrelated.', undefined, null, null],
  ['It grows like $x^2 + y_3$.', undefined, null, null],
  ['I cannot determine the value.', undefined, null, null],
  ['', undefined, null, null],
  ['$10^{6}$', undefined, '10^{6}', 'answer-line'], // the whole answer part is one math span
];

describe('findMathAnswer: forms of a final answer in an answer part', () => {
  it.each([...BOXES, ...LINES, ...NUMBERS])('%j (gold %j) → %j by %j', (part, gold, answer, route) => {
    const found = findMathAnswer(part, gold);
    expect(found?.answer ?? null).toBe(answer);
    expect(found?.route ?? null).toBe(route);
  });

  it('covers at least 60 forms', () => {
    expect(BOXES.length + LINES.length + NUMBERS.length).toBeGreaterThanOrEqual(60);
  });
});

// Whole raw outputs against a gold, through the scorer's equality.
const WHOLE: [string, string, boolean][] = [
  ['<think>\nlong work, maybe \\boxed{7}\n</think>\n\nThe sum is $\\boxed{12}$.', '12', true],
  ['<think>\nlong work\n</think>\n\nThe sum is $\\boxed{12}$.', '7', false],
  ['<think>w</think>Final Answer: The final answer is $28\\%$. I hope it is correct.', '28\\%', true],
  ['<think>w</think>**Final Answer**\n\\[\n\\dfrac{1}{6}\n\\]', '\\frac16', true],
  ['<think>w</think>So the value is $\\frac{1}{2}$.', '0.5', true],
  ['<think>w</think>So the value is $-\\frac{1}{2}$.', '\\frac12', false],
  ['<think>w</think>The answer is $\\text{Evelyn}$.', '\\text{Evelyn}', true],
  ['<think>w</think>Answer: $1,000.99$', '1000.99', true],
  ['<think>w</think>The roots are $\\boxed{2}$ and $\\boxed{-3}$.', '-3, 2', true],
  ['<think>w</think>The roots are $\\boxed{2}$ and $\\boxed{-3}$.', '-3', true],
  ['<think>w</think>The roots are $\\boxed{2}$ and $\\boxed{-3}$.', '2', false],
  ['<think>w \\boxed{5}</think>I am unsure.', '5', false],
  ['<think>w \\boxed{5}', '5', false],
];

describe('scoreMath on whole outputs', () => {
  it.each(WHOLE)('%j against %j → %j', (output, gold, expected) => {
    expect(scoreMath(output, gold)).toBe(expected);
  });
});
