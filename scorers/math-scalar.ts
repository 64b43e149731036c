// Equality of two single values (numbers, expressions, equations' sides) through the safe evaluator.
// Expressions with free variables are compared as functions: evaluated at fixed pseudo-random points.
import type { Complex } from './math-complex.ts';
import { evaluateComplex, parseMath, variablesOf, type MathNode } from './math-eval.ts';

// A whole-number-and-fraction answer is a mixed number, as in the MATH answers `1\frac{4}{5}` = 9/5.
const MIXED = /^([-+]?)(\d+)\\frac(?:\{(\d+)\}|(\d))(?:\{(\d+)\}|(\d))$/;

const parsed = new Map<string, MathNode | null>();
function parseCached(text: string): MathNode | null {
  let node = parsed.get(text);
  if (node === undefined) {
    const mixed = MIXED.exec(text);
    const source = mixed ? `${mixed[1]}(${mixed[2]}+\\frac{${mixed[3] ?? mixed[4]}}{${mixed[5] ?? mixed[6]}})` : text;
    node = parseMath(source);
    if (parsed.size > 20_000) parsed.clear();
    parsed.set(text, node);
  }
  return node;
}

/**
 * Numbers are equal when both are the same integer, or within a relative 1e-9 otherwise; a value
 * within 1e-12 of an exact 0 is 0 (floating-point residue such as \sqrt{2}^2-2).
 */
export function numbersEqual(a: number, b: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  if (Number.isInteger(a) && Number.isInteger(b)) return false;
  if (a === 0 || b === 0) return Math.abs(a - b) < 1e-12;
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
}

const complexEqual = (a: Complex, b: Complex): boolean => numbersEqual(a.re, b.re) && numbersEqual(a.im, b.im);

/** Values of functions at a sample point agree within a relative 1e-8 (absolute near 0). */
function closeAt(a: Complex, b: Complex): boolean {
  const scale = Math.max(1, Math.hypot(a.re, a.im), Math.hypot(b.re, b.im));
  return Math.hypot(a.re - b.re, a.im - b.im) <= 1e-8 * scale;
}

const isReal = (z: Complex): boolean => Math.abs(z.im) <= 1e-12 * Math.max(1, Math.abs(z.re));
const bad = (z: Complex): boolean => !Number.isFinite(z.re) || !Number.isFinite(z.im);

// Eight points per variable, irrational-looking, both signs, away from 0 and ±1; each variable gets
// its own shift so that x and y never take equal values. Distinct polynomials of small degree agree
// at all eight only by accident.
const POINTS = [0.7310585786, 1.6180339887, -1.2247448714, 2.2360679775, -0.5772156649, 1.4142135624, 3.1415926536, -2.7182818285];

type Mode = { imaginary: boolean };

const values = [new WeakMap<MathNode, Complex>(), new WeakMap<MathNode, Complex>()];
function constantValue(node: MathNode, mode: Mode): Complex {
  const cache = values[mode.imaginary ? 1 : 0]!;
  let v = cache.get(node);
  if (v === undefined) {
    v = evaluateComplex(node, mode.imaginary ? { i: { re: 0, im: 1 }, e: { re: Math.E, im: 0 } } : {});
    cache.set(node, v);
  }
  return v;
}

function sample(nx: MathNode, ny: MathNode, names: string[], mode: Mode, proportional: boolean): boolean {
  const free = names.filter((n) => !(mode.imaginary && (n === 'i' || n === 'e')));
  const constants: Record<string, Complex> = mode.imaginary ? { i: { re: 0, im: 1 }, e: { re: Math.E, im: 0 } } : {};
  if (free.length === 0 && !proportional) return complexEqual(constantValue(nx, mode), constantValue(ny, mode));
  let ratio: Complex | null = null;
  let compared = 0;
  for (let p = 0; p < POINTS.length; p++) {
    const env: Record<string, Complex> = { ...constants };
    free.forEach((name, k) => (env[name] = { re: POINTS[(p + 3 * k) % POINTS.length]! + 0.3183098862 * k, im: 0 }));
    const a = evaluateComplex(nx, env);
    const b = evaluateComplex(ny, env);
    // Outside one side's domain (a removed singularity, a pole), or real on one side only
    // (`x^{2/3}` is complex at x < 0 where `\sqrt[3]{x}^2` is real): the point says nothing.
    if (bad(a) || bad(b) || isReal(a) !== isReal(b)) continue;
    compared++;
    if (!proportional) {
      if (!closeAt(a, b)) return false;
      continue;
    }
    // Equations: lhs−rhs of one is a non-zero constant multiple of the other's.
    const az = closeAt(a, { re: 0, im: 0 });
    const bz = closeAt(b, { re: 0, im: 0 });
    if (az || bz) {
      if (az !== bz) return false;
      continue;
    }
    const d = b.re * b.re + b.im * b.im;
    const r = { re: (a.re * b.re + a.im * b.im) / d, im: (a.im * b.re - a.re * b.im) / d };
    if (ratio === null) ratio = r;
    else if (!closeAt(r, ratio)) return false;
  }
  return compared >= 3;
}

/**
 * Two values (or, with `proportional`, two equations given as lhs−rhs) are equal. Tried with every
 * letter a variable first; then, when `i` or `e` appears, with `i` the imaginary unit and `e` Euler's
 * number (`i(2-i)` = `1+2i`, `e^{i\pi}` = `-1`). Text the evaluator does not read is compared as text.
 */
export function scalarEqual(x: string, y: string, proportional: boolean): boolean {
  if (x === y && !proportional) return true;
  const nx = parseCached(x);
  const ny = parseCached(y);
  if (nx === null || ny === null) return !proportional && loose(x) === loose(y);
  const names = [...new Set([...variablesOf(nx), ...variablesOf(ny)])].sort();
  if (sample(nx, ny, names, { imaginary: false }, proportional)) return true;
  if (!proportional && names.length === 0 && (roundedTo(x, y, ny) || roundedTo(y, x, nx))) return true;
  if ((names.includes('i') || names.includes('e')) && sample(nx, ny, names, { imaginary: true }, proportional)) return true;
  // Short words read as products of letters (`yes` = y·e·s) are still words: `Yes` = `\text{yes}`.
  return !proportional && /^[a-zA-Z]{2,}$/.test(x) && x.toLowerCase() === y.toLowerCase();
}

const DECIMAL = /^[-+]?(\d*)\.(\d+)$/;
const WRITTEN = /^[-+]?(?:\d+\.?\d*|\.\d+)$/;

/**
 * A written decimal with at least 4 significant digits (`0.3333`, `1.732`, `125.663`) stands for an
 * exact constant (`\frac13`, `\sqrt3`, `40\pi`) that it rounds or truncates to its own number of
 * places. Fewer digits never: `0.333` ≠ `\frac13`, `3.14` ≠ `\pi`. Two written numbers are never
 * rounded to each other: `0.3333` ≠ `0.33333`, `5` ≠ `5.001`.
 */
function roundedTo(decimal: string, exactText: string, exact: MathNode): boolean {
  const m = DECIMAL.exec(decimal);
  if (!m || WRITTEN.test(exactText)) return false;
  if ((m[1]! + m[2]!).replace(/^0+/, '').length < 4) return false;
  const v = constantValue(exact, { imaginary: false });
  if (bad(v) || !isReal(v)) return false;
  const places = m[2]!.length;
  const scale = 10 ** places;
  const written = Math.round(Number(decimal) * scale);
  const scaled = v.re * scale;
  const slack = 1e-9 * Math.max(1, Math.abs(scaled));
  return Math.abs(scaled - written) <= 0.5 + slack || Math.trunc(scaled + Math.sign(scaled) * slack) === written;
}

/** Text answers ("ellipse", `4343_{6}`) compare without braces and, when they are words, without case. */
function loose(s: string): string {
  const t = s.replace(/[{}]/g, '');
  return /^[a-zA-Z ]+$/.test(t) ? t.toLowerCase() : t;
}
