import { describe, expect, it } from 'vitest';
import { evaluate, evaluateComplex, parseMath, variablesOf } from './math-eval.ts';

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
    ['5!', 120],
    ['\\binom{6}{2}', 15],
    ['|-3|', 3],
    ['|2-5||1-4|', 9],
    ['\\sin^2 1 + \\cos^2 1', 1],
    ['\\log_2 8', 3],
    ['\\sin 2\\pi', 0],
    ['\\exp(0)', 1],
    ['\\tan\\frac{\\pi}{4}', 1],
  ])('%s = %d', (text, expected) => {
    expect(value(text)).toBeCloseTo(expected, 12);
  });

  it('binds single-letter variables and lists them', () => {
    expect(value('3x^2+1', { x: 2 })).toBe(13);
    const node = parseMath('\\frac{a+b}{c}')!;
    expect([...variablesOf(node)].sort()).toEqual(['a', 'b', 'c']);
  });

  it('reads subscripted and Greek variables, and products of letters', () => {
    expect(value('x_1+x_{2}', { x_1: 1, x_2: 2 })).toBe(3);
    expect(value('2\\theta', { '\\theta': 4 })).toBe(8);
    expect(value('xy', { x: 2, y: 5 })).toBe(10);
  });

  it('evaluates with complex numbers when i is bound to the imaginary unit', () => {
    const v = evaluateComplex(parseMath('i(2-i)')!, { i: { re: 0, im: 1 } });
    expect(v).toEqual({ re: 1, im: 2 });
    const euler = evaluateComplex(parseMath('e^{i\\pi}')!, { i: { re: 0, im: 1 }, e: { re: Math.E, im: 0 } });
    expect(euler.re).toBeCloseTo(-1, 12);
    expect(euler.im).toBeCloseTo(0, 12);
  });

  it('gives NaN for an overflow instead of infinity, and bounds factorials', () => {
    expect(value('10^{10^{10}}')).toBeNaN();
    expect(value('1000!')).toBeNaN();
  });

  it('gives NaN for undefined values', () => {
    expect(value('1/0')).toBeNaN();
    expect(value('\\sqrt{-1}')).toBeNaN(); // not real (evaluateComplex gives i)
  });

  it.each(['', 'ellipse', '\\sum x', '4343_6', '1+', '(1', '\\frac{1}', 'a=b', '2,3', 'process.exit()', `${'('.repeat(100)}1${')'.repeat(100)}`, '1+'.repeat(300) + '1'])(
    'refuses %j',
    (text) => {
      expect(parseMath(text)).toBeNull();
    },
  );
});
