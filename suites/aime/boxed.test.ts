import { describe, expect, it } from 'vitest';
import { lastBoxed } from './boxed.ts';

describe('lastBoxed', () => {
  it('takes the last boxed answer of a solution', () => {
    expect(lastBoxed('First $\\boxed{3}$, corrected: $\\boxed{5}$.')).toBe('5');
  });

  it('matches nested braces', () => {
    expect(lastBoxed('So $x = \\boxed{\\frac{1}{\\sqrt{2}}}$.')).toBe('\\frac{1}{\\sqrt{2}}');
    expect(lastBoxed('$\\boxed{\\text{(C)}\\ 12}$')).toBe('\\text{(C)}\\ 12');
  });

  it('treats escaped braces as literal characters', () => {
    expect(lastBoxed('The set is $\\boxed{\\{1,2\\}}$')).toBe('\\{1,2\\}');
    expect(lastBoxed('$\\boxed{\\left\\{ x>1 \\right.}$')).toBe('\\left\\{ x>1 \\right.');
  });

  it('accepts \\fbox and \\boxed without braces', () => {
    expect(lastBoxed('\\fbox{42}')).toBe('42');
    expect(lastBoxed('the answer is $\\boxed 7$.')).toBe('7');
  });

  it('returns null when there is no well-formed boxed answer', () => {
    expect(lastBoxed('no answer here')).toBeNull();
    expect(lastBoxed('$\\boxed{\\frac{1}{2}$')).toBeNull();
    expect(lastBoxed('\\boxedx{3}')).toBeNull();
  });

  it('skips a malformed last box for the last well-formed one', () => {
    expect(lastBoxed('$\\boxed{12}$ and then \\boxed{unclosed')).toBe('12');
  });
});
