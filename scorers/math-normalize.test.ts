import { describe, expect, it } from 'vitest';
import { closingBrace, normalizeAnswer } from './math-normalize.ts';

describe('normalizeAnswer', () => {
  it.each([
    ['$\\dfrac{1}{2}$', '\\frac{1}{2}'],
    ['\\boxed{\\boxed{7}}', '7'],
    ['\\left( 1, 2 \\right)', '(1,2)'],
    ['1{,}000', '1000'],
    ['10,\\!080', '10080'],
    ['-2,1', '-2,1'],
    ['1,23', '1,23'],
    ['50\\%', '50'],
    ['\\$36', '36'],
    ['90^{\\circ}', '90'],
    ['10\\text{ cm}', '10'],
    ['864 \\mbox{ inches}^2', '864'],
    ['\\text{(C)}', '(C)'],
    ['\\text{ellipse}', 'ellipse'],
    ['2 \\text{ and } 3', '2,3'],
    ['x \\in [-2,7]', 'x\\in[-2,7]'],
    ['y = 2x + 3', 'y=2x+3'],
    ['1,000.99', '1000.99'],
    ['12,000,023', '12000023'],
    ['32, 349', '32,349'],
    ['100,200', '100200'],
    ['1,000, 2,500', '1000,2500'],
    ['[1,100]', '[1,100]'],
    ['14{,}916', '14916'],
    ['\\cfrac{3}{4}', '\\frac{3}{4}'],
    ['x \\geq 2', '[2,\\infty)'],
    ['x >= 2', '[2,\\infty)'],
    ['x ≥ 2', '[2,\\infty)'],
    ['x \\gt 2', '(2,\\infty)'],
    ['5 \\geqslant x', '(-\\infty,5]'],
    ['-2 \\leq x < 7', '[-2,7)'],
    ['3 > y > -1', '(-1,3)'],
    ['x \\neq 1', '(-\\infty,1)\\cup(1,\\infty)'],
    ['x < 0 \\text{ or } x > 4', '(-\\infty,0)\\cup(4,\\infty)'],
    ['5!=120', '5!=120'],
    ['\\mathbb{R}', '(-\\infty,\\infty)'],
    ['\\varnothing', '\\{\\}'],
    ['3 \\text{ m/s}', '3'],
    ['185 \\\\', '185'],
    ['C. x = 42', 'C'],
    ['(B) 12 apples', 'B'],
    ['\\left\\lbrace 1, 2 \\right\\rbrace', '\\{1,2\\}'],
    ['1; 2', '1,2'],
    ['7\\hspace{1mm}\\text{cm}', '7'],
    ['\\pi r^2', '\\pi r^2'],
    ['15 cm^2', '15'],
    ['2xy', '2xy'],
    ['5.', '5'],
  ])('%s → %s', (raw, normal) => {
    expect(normalizeAnswer(raw)).toBe(normal);
  });
});

describe('closingBrace', () => {
  it('matches nested braces and skips escaped ones', () => {
    expect(closingBrace('{a{b}c}d', 0)).toBe(7);
    expect(closingBrace('{\\}}', 0)).toBe(4);
    expect(closingBrace('{{}', 0)).toBe(-1);
  });
});
