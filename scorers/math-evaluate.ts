// Values of the trees parseMath builds: complex arithmetic, principal branches, NaN where a value is
// undefined or overflows (so two huge numbers never compare equal as \infty).
import * as C from './math-complex.ts';
import type { Complex } from './math-complex.ts';
import type { Fn, MathNode } from './math-eval.ts';

/** Names of the variables in a tree. */
export function variablesOf(node: MathNode, into: Set<string> = new Set()): Set<string> {
  if (node.op === 'var') into.add(node.name);
  else if ('arg' in node) {
    variablesOf(node.arg, into);
    if (node.op === 'sqrt' && node.index) variablesOf(node.index, into);
    if (node.op === 'fn' && node.base) variablesOf(node.base, into);
  } else if ('left' in node) {
    variablesOf(node.left, into);
    variablesOf(node.right, into);
  }
  return into;
}

const REAL_FNS: Partial<Record<Fn, (x: number) => number>> = {
  arcsin: Math.asin, arccos: Math.acos, arctan: Math.atan, sinh: Math.sinh, cosh: Math.cosh, tanh: Math.tanh,
};

function applyFn(name: Fn, x: Complex, base: Complex | null): Complex {
  switch (name) {
    case 'sin':
      return C.sin(x);
    case 'cos':
      return C.cos(x);
    case 'tan':
      return C.div(C.sin(x), C.cos(x));
    case 'sec':
      return C.div(C.real(1), C.cos(x));
    case 'csc':
      return C.div(C.real(1), C.sin(x));
    case 'cot':
      return C.div(C.cos(x), C.sin(x));
    case 'exp':
      return C.exp(x);
    case 'abs':
      return C.real(C.abs(x));
    case 'ln':
      return C.log(x);
    case 'log': // \log is the natural logarithm (as in SymPy-based graders) unless a base is written
      return base ? C.div(C.log(x), C.log(base)) : C.log(x);
    default:
      return C.realOnly(REAL_FNS[name]!, x);
  }
}

/** The complex value of a tree with `vars` bound; NaN parts where it is undefined or overflows. */
export function evaluateComplex(node: MathNode, vars: Record<string, Complex>): Complex {
  return evalNode(node, vars);
}

function evalNode(node: MathNode, vars: Record<string, Complex>): Complex {
  switch (node.op) {
    case 'num':
      return C.real(node.value);
    case 'var':
      return vars[node.name] ?? C.NAN;
    case 'neg':
      return C.neg(evalNode(node.arg, vars));
    case 'fact':
      return C.realOnly(C.factorial, evalNode(node.arg, vars));
    case 'sqrt':
      return C.root(evalNode(node.arg, vars), node.index ? evalNode(node.index, vars) : C.real(2));
    case 'fn':
      return applyFn(node.name, evalNode(node.arg, vars), node.base ? evalNode(node.base, vars) : null);
    default: {
      const a = evalNode(node.left, vars);
      const b = evalNode(node.right, vars);
      let r: Complex;
      if (node.op === '+') r = C.add(a, b);
      else if (node.op === '-') r = C.sub(a, b);
      else if (node.op === '*') r = C.mul(a, b);
      else if (node.op === '/') r = C.div(a, b);
      else if (node.op === '^') r = C.pow(a, b);
      else r = a.im === 0 && b.im === 0 ? C.real(C.binomial(a.re, b.re)) : C.NAN;
      // An overflow (10^{10^{10}}) is no value: two huge numbers must not compare equal as \infty.
      const finiteIn = Number.isFinite(a.re) && Number.isFinite(a.im) && Number.isFinite(b.re) && Number.isFinite(b.im);
      if (finiteIn && (!Number.isFinite(r.re) || !Number.isFinite(r.im))) return C.NAN;
      return r;
    }
  }
}

/** The real value of a tree with real `vars` bound; NaN where it is undefined or not real. */
export function evaluate(node: MathNode, vars: Record<string, number> = {}): number {
  const bound: Record<string, Complex> = {};
  for (const [k, x] of Object.entries(vars)) bound[k] = C.real(x);
  const v = evalNode(node, bound);
  return v.im === 0 ? v.re : NaN;
}
