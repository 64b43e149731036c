// Answer forms found by auditing r1bench against public graders' own test cases (Math-Verify,
// MARIO_EVAL, NeMo-Skills, hendrycks MATH, lighteval, verl): each rule with cases of our own,
// positives and the negatives that must stay negative.
import { describe, expect, it } from 'vitest';
import { mathEqual } from './math-equal.ts';
import { findMathAnswer } from './math-extract.ts';
import { scoreMath } from './math.ts';

const EQUAL: [string, string, string, boolean][] = [
  // A decimal with 4+ significant digits stands for the exact constant it rounds or truncates to.
  ['rounding', '\\sqrt{5}', '2.236', true],
  ['rounding', '\\frac{5}{7}', '0.71428', true], // truncated
  ['rounding', '\\frac{5}{7}', '0.7143', true], // rounded
  ['rounding', '\\frac{5}{7}', '0.7142857142857143', true],
  ['rounding', '30\\pi', '94.248', true],
  ['rounding', '\\frac{\\sqrt{2}}{2}, \\frac{1}{7}', '0.7071, 0.1429', true],
  ['rounding', '\\left(\\frac{1}{7}, 2\\right]', '(0.1429, 2]', true],
  ['rounding', '\\frac{5}{7}', '0.7144', false],
  ['rounding', '\\frac{5}{7}', '0.714', false], // 3 significant digits
  ['rounding', '\\sqrt{5}', '2.24', false],
  ['rounding', '\\pi', '3.143', false],
  ['rounding', '\\pi', '3.1416', true],
  ['rounding', '2.2360', '2.236', true], // same written value
  ['rounding', '2.2361', '2.236', false], // two written numbers: exact
  ['rounding', '7', '7.0001', false],
  ['rounding', '-\\sqrt{5}', '2.236', false],
  // A doubled backslash before a command name (escaped JSON) is one.
  ['escaped', '\\\\frac{3}{5}', '\\frac35', true],
  ['escaped', '\\\\sqrt{7}', '\\sqrt7', true],
  ['escaped', '\\\\frac{3}{5}', '\\frac53', false],
  // A lone trailing backslash goes.
  ['trailing', '64\\', '64', true],
  ['trailing', '64\\', '46', false],
  // A mixed number with a space.
  ['mixed', '3 1/4', '3.25', true],
  ['mixed', '-3 1/4', '-\\frac{13}{4}', true],
  ['mixed', '3 1/4', '\\frac{3}{4}', false],
  // A power then a number is a product.
  ['product', '2^3 5^2', '200', true],
  ['product', '3^{2} 7', '63', true],
  ['product', '2^3 5^2', '2^3\\cdot 5^2', true],
  ['product', '2^3 5^2', '8', false],
  // "and" as a text macro inside a list leaves no empty item.
  ['list', '4, 9, \\text{ and } 1', '1, 4, 9', true],
  ['list', '4, 9, \\text{ and } 1', '1, 4', false],
  // "pct" is a percent word.
  ['percent', '45 pct', '45\\%', true],
  ['percent', '45 pct', '0.45', true],
  ['percent', '45 pct', '54\\%', false],
];

describe('mathEqual: forms from the public-grader audit', () => {
  it.each(EQUAL)('%s: %s vs %s → %s (both directions)', (_rule, a, b, equal) => {
    expect(mathEqual(a, b)).toBe(equal);
    expect(mathEqual(b, a)).toBe(equal);
  });
});

const EXTRACT: [string, string, string | null, string | undefined][] = [
  // A math span that ends the answer part, with at most "is the solution/answer" after it.
  ['ending span', 'Solving the inequality, we get $y \\le -4$.', 'y \\le -4', 'answer-line'],
  ['ending span', 'Hence $t > 2$ is the solution.', 't > 2', 'answer-line'],
  ['ending span', 'So the domain is all of $t \\in (-1, 6]$', 't \\in (-1, 6]', 'answer-line'],
  ['ending span', 'The roots are $-3$ and $4$, and $1$ is not a root, so we stop here.', '1', 'last-number'],
  ['ending span', 'It costs about $? maybe 12$', '12', 'last-number'],
  ['ending span', 'The sequence is $2, 4, 6, \\ldots$', '2, 4, 6, \\ldots', 'answer-line'],
  // A "Final Answer" line after the last box decides.
  ['after box', 'First $3 \\cdot 4 = \\boxed{12}$. Then the total is 12 + 30 = 42. Final Answer: The final answer is $42$.', '42', 'answer-line'],
  ['after box', '**Final Answer**\n\\boxed{42}', '42', 'boxed'],
  ['after box', 'The final answer is $\\boxed{42}$. Check: 40 + 2 = 42.', '42', 'boxed'],
  // An answer line that is a sentence around one number gives the number.
  ['sentence', 'Final Answer: The tank fills in 9 minutes when both pipes run.', '9', 'answer-line'],
  ['sentence', 'Final Answer: Evelyn.', 'Evelyn', 'answer-line'],
];

describe('findMathAnswer: routes from the public-grader audit', () => {
  it.each(EXTRACT)('%s: %j → %s', (_rule, part, answer, route) => {
    const found = findMathAnswer(part);
    expect(found?.answer ?? null).toBe(answer);
    expect(found?.route).toBe(route);
  });

  it('scores a whole output whose last inline math is the inequality', () => {
    expect(scoreMath('</think>\nTherefore $y \\geq -4$ is the solution.', 'y >= -4')).toBe(true);
    expect(scoreMath('</think>\nTherefore $y \\leq -4$ is the solution.', 'y >= -4')).toBe(false);
    expect(scoreMath('</think>\nThe set is $y \\in [1, 5]$', '[1,5]')).toBe(true);
    expect(scoreMath('</think>\nThe set is $y \\in [1, 5)$', '[1,5]')).toBe(false);
  });
});

describe('mathEqual: a vector as a one-column matrix', () => {
  it.each([
    ['\\begin{pmatrix} \\frac14 \\\\ -3 \\end{pmatrix}', '[0.25, -3]', true],
    ['\\begin{pmatrix} \\frac14 \\\\ -3 \\end{pmatrix}', '(0.25, -3)', true],
    ['\\begin{pmatrix} \\frac14 & -3 \\end{pmatrix}', '(0.25, -3)', true],
    ['\\begin{pmatrix} \\frac14 \\\\ -3 \\end{pmatrix}', '(-3, 0.25)', false],
    ['\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}', '(1, 2, 3, 4)', false],
  ])('%s vs %s → %s (both directions)', (a, b, equal) => {
    expect(mathEqual(a, b)).toBe(equal);
    expect(mathEqual(b, a)).toBe(equal);
  });
});
