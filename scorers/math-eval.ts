// A small, safe evaluator for normalised LaTeX math: numbers, + - * / ^, \frac, \sqrt, \binom, n!,
// |x|, \sin \cos \tan \sec \csc \cot \arcsin \arccos \arctan \sinh \cosh \tanh \ln \log \exp, \pi,
// \infty, implicit multiplication, variables (x, x_1, \theta). It parses into a tree, which
// math-evaluate.ts walks with complex numbers: no `eval`, no `Function`, nothing a model's answer
// could use to run code.
// Bounded: at most MAX_CHARS characters and MAX_DEPTH nesting; n! only up to 170; an overflow is NaN.
//
// Measured (issue 11), answer and gold as given, cases right. On the 203 cases of math-equal-cases.ts:
// this code 203, @cortex-js/compute-engine 0.30.2 (parse + isEqual; wants Node >= 21.7.3) 102, mathjs
// 15.2.0 (no LaTeX parser: behind our normaliser and a LaTeX-to-mathjs rewrite) 120, the previous
// evaluator 124. On 64 pairs taken from Math-Verify's and NeMo-Skills' own tests (not committed):
// 64 / 38 / 43 / 46. On the 111 single-value pairs alone: 103 / 92 / 92 / 85 (the 8 all miss need the
// percent and \approx rules, outside any evaluator). So no dependency: this one is more right.

const FUNCTIONS = ['sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'arcsin', 'arccos', 'arctan', 'sinh', 'cosh', 'tanh', 'ln', 'log', 'exp'] as const;
export type Fn = (typeof FUNCTIONS)[number] | 'abs';

export type MathNode =
  | { op: 'num'; value: number }
  | { op: 'var'; name: string }
  | { op: 'neg' | 'fact'; arg: MathNode }
  | { op: '+' | '-' | '*' | '/' | '^' | 'binom'; left: MathNode; right: MathNode }
  | { op: 'sqrt'; arg: MathNode; index: MathNode | null }
  | { op: 'fn'; name: Fn; arg: MathNode; base: MathNode | null };

type Token = { kind: 'num'; text: string } | { kind: 'cmd'; name: string } | { kind: 'var'; name: string } | { kind: 'ch'; ch: string };

const MAX_CHARS = 400;
const MAX_DEPTH = 60;
const GREEK = new Set(['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'varepsilon', 'theta', 'vartheta', 'lambda', 'mu', 'nu', 'rho', 'sigma', 'tau', 'phi', 'varphi', 'psi', 'omega', 'xi', 'eta', 'kappa', 'zeta', 'chi']);
const COMMANDS = new Set(['frac', 'sqrt', 'pi', 'infty', 'cdot', 'times', 'div', 'binom', ...FUNCTIONS]);
const FN_SET = new Set<string>(FUNCTIONS);

/** Tokens of `text`, or null when it holds anything the evaluator does not know (words, \sum, `_` after a number...). */
function tokenize(text: string): Token[] | null {
  if (text.length > MAX_CHARS) return null;
  const tokens: Token[] = [];
  const re = /\s+|(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|([a-zA-Z])_(?:\{([a-zA-Z0-9]+)\}|([a-zA-Z0-9]))|\\([a-zA-Z]+)|([a-zA-Z]+)|([-+*/^(){}[\]|!_])/y;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return null;
    at = re.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: 'num', text: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'var', name: `${m[2]}_${m[3] ?? m[4]}` });
    else if (m[5] !== undefined) {
      const name = m[5];
      if (GREEK.has(name)) tokens.push({ kind: 'var', name: `\\${name}` });
      else if (name === 'lvert' || name === 'rvert' || name === 'vert') tokens.push({ kind: 'ch', ch: '|' });
      else if (COMMANDS.has(name)) tokens.push({ kind: 'cmd', name });
      else return null;
    } else if (m[6] !== undefined) {
      const word = m[6];
      if (FN_SET.has(word) || word === 'sqrt') tokens.push({ kind: 'cmd', name: word });
      else if (word === 'pi') tokens.push({ kind: 'cmd', name: 'pi' });
      // Up to three letters are a product of variables (`xy`, `abc`); a longer word is text.
      else if (word.length > 3) return null;
      else for (const ch of word) tokens.push({ kind: 'var', name: ch });
    } else if (m[7] !== undefined) tokens.push({ kind: 'ch', ch: m[7] });
  }
  return tokens;
}

class Parser {
  private at = 0;
  private depth = 0;
  private absOpen = 0;
  constructor(private readonly tokens: Token[]) {}

  parseAll(): MathNode {
    const node = this.expr();
    if (this.at !== this.tokens.length) throw new SyntaxError('trailing tokens');
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }

  private isCh(ch: string): boolean {
    const t = this.peek();
    return t !== undefined && t.kind === 'ch' && t.ch === ch;
  }

  private isCmd(name: string): boolean {
    const t = this.peek();
    return t !== undefined && t.kind === 'cmd' && t.name === name;
  }

  private expect(ch: string): void {
    if (!this.isCh(ch)) throw new SyntaxError(`expected ${ch}`);
    this.at++;
  }

  private expr(): MathNode {
    if (++this.depth > MAX_DEPTH) throw new SyntaxError('too deep');
    let left = this.term();
    while (this.isCh('+') || this.isCh('-')) {
      const op = (this.tokens[this.at++] as { ch: '+' | '-' }).ch;
      left = { op, left, right: this.term() };
    }
    this.depth--;
    return left;
  }

  private term(): MathNode {
    let left = this.unary();
    for (;;) {
      if (this.isCh('*') || this.isCmd('cdot') || this.isCmd('times')) {
        this.at++;
        left = { op: '*', left, right: this.unary() };
      } else if (this.isCh('/') || this.isCmd('div')) {
        this.at++;
        left = { op: '/', left, right: this.unary() };
      } else if (this.startsPrimary(true)) {
        left = { op: '*', left, right: this.power() }; // implicit: 2\sqrt{2}, 12\pi, 3x, 2\sin x
      } else return left;
    }
  }

  private startsPrimary(functions: boolean): boolean {
    const t = this.peek();
    if (t === undefined) return false;
    if (t.kind === 'num' || t.kind === 'var') return true;
    if (t.kind === 'cmd') return ['frac', 'sqrt', 'pi', 'infty', 'binom'].includes(t.name) || (functions && FN_SET.has(t.name));
    if (t.ch === '|') return this.absOpen === 0;
    return t.ch === '(' || t.ch === '{';
  }

  private unary(): MathNode {
    if (this.isCh('-')) {
      this.at++;
      return { op: 'neg', arg: this.unary() };
    }
    if (this.isCh('+')) {
      this.at++;
      return this.unary();
    }
    return this.power();
  }

  private power(): MathNode {
    let base = this.primary();
    while (this.isCh('!')) {
      this.at++;
      base = { op: 'fact', arg: base };
    }
    if (!this.isCh('^')) return base;
    this.at++;
    // The exponent is a braced group or one (signed) primary, right-associative: 2^3^2 = 2^9.
    return { op: '^', left: base, right: this.isCh('{') ? this.primary() : this.unary() };
  }

  private primary(): MathNode {
    if (++this.depth > MAX_DEPTH) throw new SyntaxError('too deep');
    const node = this.primaryInner();
    this.depth--;
    return node;
  }

  private primaryInner(): MathNode {
    const t = this.tokens[this.at++];
    if (t === undefined) throw new SyntaxError('unexpected end');
    if (t.kind === 'num') return { op: 'num', value: Number(t.text) };
    if (t.kind === 'var') return { op: 'var', name: t.name };
    if (t.kind === 'cmd') return this.command(t.name);
    if (t.ch === '(' || t.ch === '{') {
      const inner = this.expr();
      this.expect(t.ch === '(' ? ')' : '}');
      return inner;
    }
    if (t.ch === '|' && this.absOpen === 0) {
      this.absOpen++;
      const inner = this.expr();
      this.absOpen--;
      this.expect('|');
      return { op: 'fn', name: 'abs', arg: inner, base: null };
    }
    throw new SyntaxError(`unexpected ${t.ch}`);
  }

  private command(name: string): MathNode {
    if (name === 'pi') return { op: 'num', value: Math.PI };
    if (name === 'infty') return { op: 'num', value: Infinity };
    if (name === 'frac' || name === 'binom') {
      const left = this.argument();
      return { op: name === 'frac' ? '/' : 'binom', left, right: this.argument() };
    }
    if (name === 'sqrt') {
      let index: MathNode | null = null;
      if (this.isCh('[')) {
        this.at++;
        index = this.expr();
        this.expect(']');
      }
      return { op: 'sqrt', arg: this.argument(), index };
    }
    if (!FN_SET.has(name)) throw new SyntaxError(`unexpected \\${name}`);
    // \sin^2 x is (\sin x)^2; \log_2 8 is a base-2 logarithm; \sin 2x is \sin(2x).
    let exponent: MathNode | null = null;
    let base: MathNode | null = null;
    if (this.isCh('^')) {
      this.at++;
      exponent = this.isCh('{') ? this.primary() : this.unary();
    }
    if (this.isCh('_')) {
      this.at++;
      base = this.argument();
    }
    let arg: MathNode;
    if (this.isCh('(') || this.isCh('{')) arg = this.primary();
    else {
      arg = this.power();
      while (this.startsPrimary(false)) arg = { op: '*', left: arg, right: this.power() };
    }
    const call: MathNode = { op: 'fn', name: name as Fn, arg, base };
    return exponent ? { op: '^', left: call, right: exponent } : call;
  }

  /** A LaTeX macro argument: a braced group, or ONE character (\frac12 is 1/2, \sqrt32 is \sqrt{3}·2). */
  private argument(): MathNode {
    const t = this.peek();
    if (t !== undefined && t.kind === 'num' && t.text.length > 1) {
      this.tokens.splice(this.at, 1, { kind: 'num', text: t.text[0]! }, { kind: 'num', text: t.text.slice(1) });
    }
    return this.primary();
  }
}

/** The expression tree of `text`, or null when it is not plain math. */
export function parseMath(text: string): MathNode | null {
  const tokens = tokenize(text);
  if (tokens === null || tokens.length === 0) return null;
  try {
    return new Parser(tokens).parseAll();
  } catch {
    return null;
  }
}

export { evaluate, evaluateComplex, variablesOf } from './math-evaluate.ts';
