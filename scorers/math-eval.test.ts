import { describe, expect, it } from 'vitest';
import { evaluate, parseMath, variablesOf } from './math-eval.ts';

const value = (text: string, vars?: Record<string, number>): number => {
  const node = parseMath(text);
  if (node === null) throw new Error(`did not parse: ${text}`);
  return evaluate(node, vars);
};

describe('parseMath / evaluate', () => {
  it.each([
    ['1+2*3', 7],
    ['(1+2)*3', 9],
    ['2^3^2', 512],
    ['-2^2', -4],
    ['2^-1', 0.5],
    ['2^{10}', 1024],
    ['\\frac{1}{2}', 0.5],
    ['\\frac12', 0.5],
    ['\\frac 59', 5 / 9],
    ['\\frac9{19}', 9 / 19],
    ['\\frac{\\frac{1}{2}}{4}', 0.125],
    ['\\sqrt{16}', 4],
    ['\\sqrt3', Math.sqrt(3)],
    ['\\sqrt32', Math.sqrt(3) * 2],
    ['\\sqrt[3]{-8}', -2],
    ['2\\sqrt{2}', 2 * Math.SQRT2],
    ['12\\pi', 12 * Math.PI],
    ['3\\cdot4', 12],
    ['3\\times4', 12],
    ['12\\div4', 3],
    ['2(3+4)', 14],
    ['1.5e3', 1500],
    ['.25', 0.25],
    ['-\\infty', -Infinity],
  ])('%s = %d', (text, expected) => {
    expect(value(text)).toBeCloseTo(expected, 12);
  });

  it('binds single-letter variables and lists them', () => {
    expect(value('3x^2+1', { x: 2 })).toBe(13);
    const node = parseMath('\\frac{a+b}{c}')!;
    expect([...variablesOf(node)].sort()).toEqual(['a', 'b', 'c']);
  });

  it('gives NaN for undefined values', () => {
    expect(value('1/0')).toBeNaN();
    expect(value('\\sqrt{-1}')).toBeNaN();
  });

  it.each(['', 'ellipse', '\\sin x', 'x_1', '1+', '(1', '\\frac{1}', 'a=b', 'x!', '2,3', 'process.exit()'])(
    'refuses %j',
    (text) => {
      expect(parseMath(text)).toBeNull();
    },
  );
});
