// A small, safe evaluator for normalised LaTeX arithmetic: numbers, + - * / ^, \frac, \sqrt, \pi,
// \infty, \cdot, \times, \div, implicit multiplication and single-letter variables. It parses into
// a tree and walks it: no `eval`, no `Function`, nothing a model's answer could use to run code.

export type MathNode =
  | { op: 'num'; value: number }
  | { op: 'var'; name: string }
  | { op: 'neg'; arg: MathNode }
  | { op: '+' | '-' | '*' | '/' | '^'; left: MathNode; right: MathNode }
  | { op: 'sqrt'; arg: MathNode; index: MathNode | null };

type Token = { kind: 'num'; text: string } | { kind: 'cmd'; name: string } | { kind: 'ch'; ch: string };

const COMMANDS = new Set(['frac', 'sqrt', 'pi', 'infty', 'cdot', 'times', 'div']);

/** Tokens of `text`, or null when it holds anything the evaluator does not know (words, _ , \sin...). */
function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  const re = /\s+|(\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?)|\\([a-zA-Z]+)|([a-zA-Z]+)|([-+*/^(){}[\]])/y;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return null;
    at = re.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: 'num', text: m[1] });
    else if (m[2] !== undefined) {
      if (!COMMANDS.has(m[2])) return null;
      tokens.push({ kind: 'cmd', name: m[2] });
    } else if (m[3] !== undefined) {
      // Only single letters are variables: a word ("ellipse", "Navin") is text, compared as text.
      if (m[3].length > 1) return null;
      tokens.push({ kind: 'ch', ch: m[3] });
    } else if (m[4] !== undefined) tokens.push({ kind: 'ch', ch: m[4] });
  }
  return tokens;
}

class Parser {
  private at = 0;
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
    let left = this.term();
    while (this.isCh('+') || this.isCh('-')) {
      const op = (this.tokens[this.at++] as { ch: '+' | '-' }).ch;
      left = { op, left, right: this.term() };
    }
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
      } else if (this.startsPrimary()) {
        left = { op: '*', left, right: this.power() }; // implicit: 2\sqrt{2}, 12\pi, 3x
      } else return left;
    }
  }

  private startsPrimary(): boolean {
    const t = this.peek();
    if (t === undefined) return false;
    if (t.kind === 'num') return true;
    if (t.kind === 'cmd') return ['frac', 'sqrt', 'pi', 'infty'].includes(t.name);
    return /^[a-zA-Z({]$/.test(t.ch);
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
    const base = this.primary();
    if (!this.isCh('^')) return base;
    this.at++;
    // The exponent is a braced group or one (signed) primary, right-associative: 2^3^2 = 2^9.
    return { op: '^', left: base, right: this.isCh('{') ? this.primary() : this.unary() };
  }

  private primary(): MathNode {
    const t = this.tokens[this.at++];
    if (t === undefined) throw new SyntaxError('unexpected end');
    if (t.kind === 'num') return { op: 'num', value: Number(t.text) };
    if (t.kind === 'cmd') {
      if (t.name === 'pi') return { op: 'num', value: Math.PI };
      if (t.name === 'infty') return { op: 'num', value: Infinity };
      if (t.name === 'frac') {
        const left = this.argument();
        return { op: '/', left, right: this.argument() };
      }
      if (t.name === 'sqrt') {
        let index: MathNode | null = null;
        if (this.isCh('[')) {
          this.at++;
          index = this.expr();
          this.expect(']');
        }
        return { op: 'sqrt', arg: this.argument(), index };
      }
      throw new SyntaxError(`unexpected \\${t.name}`);
    }
    if (t.ch === '(' || t.ch === '{') {
      const inner = this.expr();
      this.expect(t.ch === '(' ? ')' : '}');
      return inner;
    }
    if (/^[a-zA-Z]$/.test(t.ch)) return { op: 'var', name: t.ch };
    throw new SyntaxError(`unexpected ${t.ch}`);
  }

  /** A LaTeX macro argument: a braced group, or ONE character (\frac12 is 1/2, \sqrt32 is \sqrt{3}·2). */
  private argument(): MathNode {
    const t = this.peek();
    if (t !== undefined && t.kind === 'num' && t.text.length > 1) {
      this.tokens.splice(this.at, 1, { kind: 'num', text: t.text[0] }, { kind: 'num', text: t.text.slice(1) });
    }
    return this.primary();
  }
}

/** The expression tree of `text`, or null when it is not plain arithmetic. */
export function parseMath(text: string): MathNode | null {
  const tokens = tokenize(text);
  if (tokens === null || tokens.length === 0) return null;
  try {
    return new Parser(tokens).parseAll();
  } catch {
    return null;
  }
}

/** Names of the variables in a tree. */
export function variablesOf(node: MathNode, into: Set<string> = new Set()): Set<string> {
  if (node.op === 'var') into.add(node.name);
  else if (node.op === 'neg') variablesOf(node.arg, into);
  else if (node.op === 'sqrt') {
    variablesOf(node.arg, into);
    if (node.index) variablesOf(node.index, into);
  } else if (node.op !== 'num') {
    variablesOf(node.left, into);
    variablesOf(node.right, into);
  }
  return into;
}

/** The value of a tree with `vars` bound; NaN where it is undefined (0/0, sqrt of a negative). */
export function evaluate(node: MathNode, vars: Record<string, number> = {}): number {
  switch (node.op) {
    case 'num':
      return node.value;
    case 'var':
      return vars[node.name] ?? NaN;
    case 'neg':
      return -evaluate(node.arg, vars);
    case 'sqrt': {
      const x = evaluate(node.arg, vars);
      const n = node.index ? evaluate(node.index, vars) : 2;
      if (n === 2) return Math.sqrt(x);
      if (n === 3) return Math.cbrt(x);
      return x < 0 && Number.isInteger(n) && n % 2 === 1 ? -Math.pow(-x, 1 / n) : Math.pow(x, 1 / n);
    }
    case '^':
      return Math.pow(evaluate(node.left, vars), evaluate(node.right, vars));
    default: {
      const a = evaluate(node.left, vars);
      const b = evaluate(node.right, vars);
      if (node.op === '+') return a + b;
      if (node.op === '-') return a - b;
      if (node.op === '*') return a * b;
      return b === 0 ? NaN : a / b; // 1/0 is undefined, not \infty: 1/0 ≠ 2/0 must not hold by accident
    }
  }
}
