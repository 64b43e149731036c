import { describe, expect, it } from 'vitest';
import { mathEqual, numbersEqual } from './math-equal.ts';

// [a, b]: pairs that must be equal (checked in both directions).
const EQUAL: [string, string][] = [
  // the protocol's scoring facts
  ['033', '33'],
  ['1,000', '1000'],
  ['\\frac{1}{2}', '\\dfrac12'],
  ['\\frac{1}{2}', '0.5'],
  ['\\frac{1}{2}', '1/2'],
  ['\\sqrt3', '\\sqrt{3}'],
  ['x = 5', '5'],
  ['10\\text{ cm}', '10'],
  ['90^\\circ', '90'],
  ['\\{1,2\\}', '\\{2,1\\}'],
  // integers and separators
  ['007', '7'],
  ['0', '-0'],
  ['+5', '5'],
  ['1\\,000', '1000'],
  ['1{,}000', '1000'],
  ['10,\\!080', '10080'],
  ['11,\\! 111,\\! 111,\\! 100', '11111111100'],
  ['1,234,567.5', '1234567.5'],
  ['\\$32,\\!348', '32348'],
  ['\\$18.90', '18.9'],
  // fractions, decimals, mixed numbers
  ['\\tfrac{1}{2}', '\\frac{1}{2}'],
  ['\\frac 59', '\\frac{5}{9}'],
  ['\\frac9{19}', '9/19'],
  ['\\dfrac{33}{100}', '0.33'],
  ['-\\frac{24}{25}', '-0.96'],
  ['\\frac{-3}{8}', '-\\frac{3}{8}'],
  ['.0000672', '0.0000672'],
  ['.35625', '\\frac{57}{160}'],
  ['4.5', '\\frac92'],
  ['1\\frac{4}{5}', '\\frac{9}{5}'],
  ['137 \\frac{1}{2}', '137.5'],
  ['-2\\frac12', '-2.5'],
  ['\\frac{6}{4}', '\\frac{3}{2}'],
  // roots and pi
  ['\\frac{\\sqrt{3}}{3}', '\\frac{1}{\\sqrt{3}}'],
  ['2\\sqrt{2}', '\\sqrt{8}'],
  ['\\sqrt[3]{27}', '3'],
  ['18+2\\pi', '2\\pi+18'],
  ['288 \\pi', '288\\pi'],
  ['\\frac{20000}{\\pi}', '20000/\\pi'],
  ['\\pi r^2', 'r^2\\pi'],
  ['1+2\\sqrt{3}', '2\\sqrt3+1'],
  ['11 \\sqrt{5} + 11', '11(\\sqrt{5}+1)'],
  // scientific notation and powers
  ['6.72\\times10^{-5}', '.0000672'],
  ['6.72e-5', '0.0000672'],
  ['1.5 \\cdot 10^3', '1500'],
  ['2^{10}', '1024'],
  ['3^2\\cdot 2', '18'],
  // units, degrees, percent, money
  ['864 \\mbox{ inches}^2', '864'],
  ['15\\mbox{ cm}^2', '15'],
  ['5.4 \\text{ cents}', '5.4'],
  ['90^{\\circ}', '90'],
  ['30°', '30'],
  ['50\\%', '50'],
  ['12.5%', '12.5'],
  ['15 cm', '15'],
  // delimiters and spacing
  ['$5$', '5'],
  ['\\(\\frac{1}{4}\\)', '0.25'],
  ['\\[ 7 \\]', '7'],
  ['\\boxed{42}', '42'],
  ['\\left( \\frac{3}{2}, -13 \\right)', '(1.5,-13)'],
  ['\\left(\\frac{3}{5},\\frac{8}{3}\\right]', '(0.6, 8/3]'],
  ['5\\!', '5'],
  ['\\displaystyle\\frac{1}{3}', '\\frac13'],
  ['2\\times 3', '6'],
  ['−7', '-7'],
  // tuples, intervals, sets, lists
  ['(1,2)', '(1, 2)'],
  ['(-\\infty, 0]', '(-\\infty,0]'],
  ['(5,\\infty)', '\\left(5, \\infty\\right)'],
  ['(0,9) \\cup (9,36)', '(9,36)\\cup(0,9)'],
  ['x \\in [-2,7]', '[-2,7]'],
  ['-2,1', '1,-2'],
  ['x=2, x=3', '3, 2'],
  ['3 \\pm 2 \\sqrt{2}', '3+2\\sqrt{2}, 3-2\\sqrt{2}'],
  ['\\{1\\pm\\sqrt{5},-2\\}', '-2, 1-\\sqrt5, 1+\\sqrt5'],
  ['\\{1,2,3\\}', '\\{3, 1, 2\\}'],
  // matrices and vectors
  ['\\begin{pmatrix} 1/5 \\\\ -18/5 \\end{pmatrix}', '\\begin{pmatrix}\\frac15\\\\-\\frac{18}{5}\\end{pmatrix}'],
  ['\\begin{pmatrix} -1 & 0 \\\\ 0 & -1 \\end{pmatrix}', '\\begin{bmatrix}-\\frac{2}{2}&0.0\\\\0&-1\\end{bmatrix}'],
  // expressions with variables
  ['y = 2x + 3', '3+2x'],
  ['y = -2x', '-2x'],
  ['\\frac{11+9a}{20}', '\\frac{9a+11}{20}'],
  ['6r^2-4r-24', '2(3r^2-2r-12)'],
  ['x^2-1', '(x-1)(x+1)'],
  ['8n^2 + 4n + 1', '1+4n+8n^2'],
  ['f(x) = 15x - 80', '15x-80'],
  ['1+2i', '2i+1'],
  ['2k', 'k\\cdot 2'],
  // text answers
  ['\\text{(C)}', '(C)'],
  ['\\text{(C)}', 'C'],
  ['\\textbf{(B)}', '\\text{(B)}'],
  ['\\text{(E) Cylinder}', '(E)'],
  ['\\text{ellipse}', 'Ellipse'],
  ['\\text{Navin}', 'Navin'],
  ['4343_6', '4343_{6}'],
  ['5x - 7y + 11z + 4 = 0', '5x-7y+11z+4=0'],
  ['x \\leq 3', 'x\\le 3'],
  ['1,000.', '1000'],
  ['x=2 \\text{ or } x=3', '3, 2'],
  ['\\frac{1}{2}\\pi', '\\frac{\\pi}{2}'],
  // issue 11: labelled answers
  ['(p,q)=(3,2)', '(3,2)'],
  ['AB=4, CD=5', '4, 5'],
  ['|AB|=1', '1'],
  ['V_1:V_2=11:21', '11:21'],
  ['k = 45, n = 2', 'k=45, n=2'],
  // issue 11: inequalities and intervals
  ['-2 \\le x \\le 7', '[-2,7]'],
  ['-2 \\le x \\le 7', 'x \\in [-2,7]'],
  ['0<f(x)<1', '(0,1)'],
  ['x \\ge 1', 'x \\geq 1'],
  ['x \\ge 1', 'x >= 1'],
  ['x \\gt 1', 'x > 1'],
  ['x \\lt 1', 'x < 1'],
  ['x \\le 1', 'x \\leq 1'],
  ['x \\le 1', 'x <= 1'],
  ['x \\ne 1', 'x \\neq 1'],
  ['x \\ne 1', 'x != 1'],
  ['5 \\geq x', 'x \\leq 5'],
  ['x > 3', '(3, \\infty)'],
  // issue 11: chains
  ['x = 5+5+1 = 7 = 11', '11'],
  ['\\frac{9.5}{3.14159} \\approx 3.01', '\\frac{9.5}{3.14159}'],
  // issue 11: LaTeX forms
  ['\\cfrac{1}{2}', '0.5'],
  ['14{,}916', '14916'],
  ['$$\\frac{1}{2}$$', '0.5'],
  ['\\sqrt[3]{8}', '2'],
  // issue 11: thousands separators vs lists, percent
  ['1,000.99', '1000.99'],
  ['12,000,023', '12000023'],
  ['100, 200', '200, 100'],
  ['10', '10\\%'],
  ['0.1', '10\\%'],
  // issue 11: simple algebraic equivalence
  ['x^2+2x+1', '(x+1)^2'],
  ['i(2-i)', '1+2i'],
  ['y=-\\frac12x+\\frac34', '2x+4y-3=0'],
];

// [a, b]: pairs that must NOT be equal.
const NOT_EQUAL: [string, string][] = [
  ['-5', '5'],
  ['2\\sqrt{2}', '2'],
  ['4\\sqrt{2}', '4'],
  ['(1,2)', '(2,1)'],
  ['[1,2)', '[1,2]'],
  ['(1,2)', '[1,2]'],
  ['(1,2)', '\\{1,2\\}'],
  ['\\{1,2\\}', '\\{1,2,3\\}'],
  ['\\frac{1}{3}', '0.333'],
  ['\\frac{1}{3}', '0.3334'],
  ['\\frac{1}{3}', '0.33'],
  ['33', '34'],
  ['1000', '100'],
  ['1,000', '1'],
  ['0.5', '5'],
  ['\\sqrt{3}', '3'],
  ['\\sqrt{3}', '\\sqrt{2}'],
  ['\\pi', '3.14'],
  ['2\\pi', '\\pi'],
  ['x^2', 'x'],
  ['2k', '2'],
  ['2k', '2m'],
  ['6r^2-4r-24', '6r^2-4r+24'],
  ['1+2i', '1-2i'],
  ['(C)', '(D)'],
  ['\\text{(E) Cylinder}', '\\text{(C)}'],
  ['ellipse', 'parabola'],
  ['5.4 \\text{ cents}', '5.1'],
  ['1\\frac{4}{5}', '0.8'],
  ['-2,1', '-2,1,3'],
  ['-2,1', '2,-1'],
  ['3 \\pm 2\\sqrt2', '3+2\\sqrt2'],
  ['(0,9) \\cup (9,36)', '(0,36)'],
  ['\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}', '\\begin{pmatrix} 2 \\\\ 1 \\end{pmatrix}'],
  ['\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}', '(2,1)'], // a vector equals its entries in order only
  ['10^{20}', '10^{21}'],
  ['2^10', '2^{11}'],
  ['1/0', '2/0'],
  ['', '0'],
  ['4343_6', '4343'],
  ['x \\in [-2,7]', '[-2,7)'],
  // issue 11: pairing, lists, negatives
  ['x=1, y=2', '2, 1'],
  ['32, 349', '32349'],
  ['100, 200', '100200'],
  ['1-1/e', '1+1/e'],
  ['\\sqrt{2}', '2'],
  ['x+1', 'x+2'],
  ['2x', 'x^2'],
  ['0.01', '10\\%'],
  ['y=-\\frac12x+\\frac34', '2x+4y+3=0'],
  ['x > 3', '[3, \\infty)'],
];

describe('mathEqual', () => {
  it('has a large table of cases', () => {
    expect(EQUAL.length + NOT_EQUAL.length).toBeGreaterThanOrEqual(120);
  });

  it.each(EQUAL)('%s = %s', (a, b) => {
    expect(mathEqual(a, b)).toBe(true);
    expect(mathEqual(b, a)).toBe(true);
  });

  it.each(NOT_EQUAL)('%s ≠ %s', (a, b) => {
    expect(mathEqual(a, b)).toBe(false);
    expect(mathEqual(b, a)).toBe(false);
  });

  it('stays fast on answers built to be slow (huge powers, long and deep expressions)', () => {
    const started = performance.now();
    expect(mathEqual('10^{10^{10}}', '10^{10^{11}}')).toBe(false);
    expect(mathEqual('10^{10^{10}}', '10^{10^{10}}')).toBe(true);
    expect(mathEqual('1000000!', '1000001!')).toBe(false);
    expect(mathEqual('x+'.repeat(2500) + '1', '1+x')).toBe(false);
    expect(mathEqual('('.repeat(3000) + '1' + ')'.repeat(3000), '1')).toBe(false);
    expect(mathEqual('a=b=c=d,'.repeat(600), 'x')).toBe(false);
    expect(mathEqual('1,'.repeat(2500) + '1', '1,'.repeat(2500) + '2')).toBe(false); // over 2000 characters: text
    expect(mathEqual('1,'.repeat(999) + '1', '1,'.repeat(999) + '2')).toBe(false); // under: compared item by item
    expect(mathEqual('(x+1)'.repeat(390), '(x+1)^{390}')).toBe(false); // over 400: not evaluated
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('never runs an answer as code', () => {
    expect(mathEqual('process.exit(1)', '1')).toBe(false);
    expect(mathEqual('constructor', 'constructor')).toBe(true); // equal as text, never evaluated
    expect(mathEqual('\\frac{1}{2', '0.5')).toBe(false); // unbalanced: compared as text
  });
});

describe('numbersEqual', () => {
  it('is exact for integers and relative 1e-9 otherwise', () => {
    expect(numbersEqual(3, 3)).toBe(true);
    expect(numbersEqual(1e15, 1e15 + 1)).toBe(false);
    expect(numbersEqual(0.1 + 0.2, 0.3)).toBe(true);
    expect(numbersEqual(1.0000000001, 1.0000000002)).toBe(true);
    expect(numbersEqual(1.00001, 1.00002)).toBe(false);
    expect(numbersEqual(Math.sqrt(2) ** 2 - 2, 0)).toBe(true);
    expect(numbersEqual(Infinity, Infinity)).toBe(true);
    expect(numbersEqual(Infinity, -Infinity)).toBe(false);
    expect(numbersEqual(NaN, NaN)).toBe(false);
  });
});
