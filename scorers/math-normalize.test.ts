import { describe, expect, it } from 'vitest';
import { closingBrace, normalizeAnswer, stripAssignment } from './math-normalize.ts';

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
    ['x \\in [-2,7]', '[-2,7]'],
    ['y = 2x + 3', '2x+3'],
    ['\\pi r^2', '\\pi r^2'],
    ['15 cm^2', '15'],
    ['2xy', '2xy'],
    ['5.', '5'],
  ])('%s → %s', (raw, normal) => {
    expect(normalizeAnswer(raw)).toBe(normal);
  });
});

describe('stripAssignment', () => {
  it('keeps the right-hand side of one-name assignments only', () => {
    expect(stripAssignment('x=5')).toBe('5');
    expect(stripAssignment('a_1=5')).toBe('5');
    expect(stripAssignment('f(x)=x^2')).toBe('x^2');
    expect(stripAssignment('\\theta=30')).toBe('30');
    expect(stripAssignment('x+y=5')).toBe('x+y=5');
    expect(stripAssignment('x=y=5')).toBe('x=y=5');
  });
});

describe('closingBrace', () => {
  it('matches nested braces and skips escaped ones', () => {
    expect(closingBrace('{a{b}c}d', 0)).toBe(7);
    expect(closingBrace('{\\}}', 0)).toBe(4);
    expect(closingBrace('{{}', 0)).toBe(-1);
  });
});
