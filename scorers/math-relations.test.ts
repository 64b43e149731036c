import { describe, expect, it } from 'vitest';
import { inequalitiesToIntervals, isLabel, readRelation } from './math-relations.ts';

describe('isLabel', () => {
  it.each(['x', 'AB', 'a_1', 'x_{n}', 'f(x)', "g'(2)", '\\theta', '|AB|', '(p,q)', 'V_1:V_2', '\\angle ABC', '\\overline{CD}'])(
    '%s names a quantity',
    (s) => expect(isLabel(s)).toBe(true),
  );
  it.each(['2x', 'x+y', '5', '(3,2)', '\\frac{1}{2}', 'abcd', '11:21'])('%s is a value', (s) => expect(isLabel(s)).toBe(false));
});

describe('readRelation', () => {
  it('splits a label from its value, keeping the equation', () => {
    expect(readRelation('y=2x+3')).toEqual({ label: 'y', value: '2x+3', equation: ['y', '2x+3'] });
    expect(readRelation('(p,q)=(3,2)')).toEqual({ label: '(p,q)', value: '(3,2)', equation: ['(p,q)', '(3,2)'] });
    expect(readRelation('x\\in[1,2)')).toEqual({ label: 'x', value: '[1,2)', equation: null });
  });

  it('keeps an equation between expressions whole', () => {
    expect(readRelation('2x+4y-3=0')).toEqual({ label: null, value: '2x+4y-3=0', equation: ['2x+4y-3', '0'] });
  });

  it('takes the last link of a chain and the exact value before \\approx', () => {
    expect(readRelation('x=5+5+1=7=11').value).toBe('11');
    expect(readRelation('\\frac{9.5}{3.14159}\\approx3.01').value).toBe('\\frac{9.5}{3.14159}');
    expect(readRelation('x\\approx3.01').value).toBe('3.01');
    expect(readRelation('x=\\frac{1}{3}\\approx0.33').value).toBe('\\frac{1}{3}');
  });
});

describe('inequalitiesToIntervals', () => {
  it.each([
    ['x>3', '(3,\\infty)'],
    ['x\\le-1', '(-\\infty,-1]'],
    ['5\\ge x', '(-\\infty,5]'],
    ['-2\\le x<7', '[-2,7)'],
    ['7>t\\ge-2', '[-2,7)'],
    ['0<f(x)<1', '(0,1)'],
    ['x\\ne0', '(-\\infty,0)\\cup(0,\\infty)'],
    ['x<-1,x>2', '(-\\infty,-1)\\cup(2,\\infty)'],
    ['-x>-1', '(-\\infty,1)'],
    ['3x-6\\ge0', '[2,\\infty)'],
  ])('%s → %s', (s, interval) => expect(inequalitiesToIntervals(s)).toBe(interval));

  it.each(['x<y', 'x^2<4', 'x<1,y>2', '1<2<x<3', 'x<1<y'])('leaves %s alone', (s) => expect(inequalitiesToIntervals(s)).toBe(s));
});
