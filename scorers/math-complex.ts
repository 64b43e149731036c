// Complex arithmetic for the math evaluator: `i(2-i)` = `1+2i`, `e^{i\pi}` = `-1`. A value is
// { re, im }; every function is principal-branch and returns NaN parts where undefined.

export type Complex = { re: number; im: number };

export const real = (re: number): Complex => ({ re, im: 0 });
export const NAN: Complex = { re: NaN, im: NaN };
export const isNaNC = (z: Complex): boolean => Number.isNaN(z.re) || Number.isNaN(z.im);
export const isReal = (z: Complex): boolean => z.im === 0;

export const add = (a: Complex, b: Complex): Complex => ({ re: a.re + b.re, im: a.im + b.im });
export const sub = (a: Complex, b: Complex): Complex => ({ re: a.re - b.re, im: a.im - b.im });
export const neg = (a: Complex): Complex => ({ re: -a.re, im: -a.im });

export function mul(a: Complex, b: Complex): Complex {
  if (a.im === 0 && b.im === 0) return real(a.re * b.re);
  return { re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re };
}

export function div(a: Complex, b: Complex): Complex {
  if (b.re === 0 && b.im === 0) return NAN; // 1/0 is undefined, not \infty
  if (a.im === 0 && b.im === 0) return real(a.re / b.re);
  const d = b.re * b.re + b.im * b.im;
  return { re: (a.re * b.re + a.im * b.im) / d, im: (a.im * b.re - a.re * b.im) / d };
}

export const abs = (a: Complex): number => Math.hypot(a.re, a.im);

export function exp(a: Complex): Complex {
  const m = Math.exp(a.re);
  return a.im === 0 ? real(m) : { re: m * Math.cos(a.im), im: m * Math.sin(a.im) };
}

export function log(a: Complex): Complex {
  if (a.im === 0 && a.re > 0) return real(Math.log(a.re));
  if (a.re === 0 && a.im === 0) return NAN;
  return { re: Math.log(abs(a)), im: Math.atan2(a.im, a.re) };
}

/** a^b, principal value: a negative base with a fractional exponent is complex, as in SymPy. */
export function pow(a: Complex, b: Complex): Complex {
  if (a.im === 0 && b.im === 0) {
    if (a.re < 0 && !Number.isInteger(b.re)) return exp(mul(b, log(a)));
    return real(Math.pow(a.re, b.re));
  }
  if (a.re === 0 && a.im === 0) return b.re > 0 ? real(0) : NAN;
  if (b.im === 0 && Number.isInteger(b.re) && Math.abs(b.re) <= 64) {
    let r = real(1);
    for (let k = 0; k < Math.abs(b.re); k++) r = mul(r, a);
    return b.re < 0 ? div(real(1), r) : r;
  }
  return exp(mul(b, log(a)));
}

/** The n-th root: real for a real radicand (odd roots of negatives are negative), principal otherwise. */
export function root(a: Complex, n: Complex): Complex {
  if (a.im === 0 && n.im === 0) {
    const x = a.re;
    const k = n.re;
    if (k === 2) return x >= 0 ? real(Math.sqrt(x)) : { re: 0, im: Math.sqrt(-x) };
    if (k === 3) return real(Math.cbrt(x));
    if (x < 0 && Number.isInteger(k) && k % 2 === 1) return real(-Math.pow(-x, 1 / k));
    if (x >= 0) return real(Math.pow(x, 1 / k));
  }
  return pow(a, div(real(1), n));
}

const sinhR = Math.sinh;
const coshR = Math.cosh;

export function sin(a: Complex): Complex {
  return a.im === 0 ? real(Math.sin(a.re)) : { re: Math.sin(a.re) * coshR(a.im), im: Math.cos(a.re) * sinhR(a.im) };
}

export function cos(a: Complex): Complex {
  return a.im === 0 ? real(Math.cos(a.re)) : { re: Math.cos(a.re) * coshR(a.im), im: -Math.sin(a.re) * sinhR(a.im) };
}

/** Real-only functions (inverse trigonometric, factorial, binomial) give NaN for complex arguments. */
export function realOnly(f: (x: number) => number, a: Complex): Complex {
  if (a.im !== 0) return NAN;
  const v = f(a.re);
  return Number.isNaN(v) ? NAN : real(v);
}

/** n! for whole n up to 170 (beyond that a double overflows); NaN otherwise. */
export function factorial(n: number): number {
  if (!Number.isInteger(n) || n < 0 || n > 170) return NaN;
  let r = 1;
  for (let k = 2; k <= n; k++) r *= k;
  return r;
}

/** C(n, k) for whole k ≥ 0 (n may be any real: C(1/2, 2)); NaN otherwise. */
export function binomial(n: number, k: number): number {
  if (!Number.isInteger(k) || k < 0 || k > 1000) return NaN;
  let r = 1;
  for (let j = 0; j < k; j++) r = (r * (n - j)) / (j + 1);
  return Number.isInteger(n) ? Math.round(r) : r;
}
