// Relations in math answers: labels (`x = 5`, `(p,q)=(3,2)`, `|AB|=1`, `V_1:V_2=11:21`), chains
// (`x = 5+5+1 = 7 = 11` → 11, `\frac{9.5}{\pi} \approx 3.02` → `\frac{9.5}{\pi}`), equations kept as
// equations (`2x+4y-3=0`), and inequalities read as intervals (`-2 \le x \le 7` → `[-2,7]`).
import { evaluate, parseMath, variablesOf } from './math-eval.ts';
import { splitTop } from './math-split.ts';

const GREEK = 'alpha|beta|gamma|delta|epsilon|varepsilon|theta|vartheta|lambda|mu|nu|rho|sigma|tau|phi|varphi|psi|omega|xi|eta|kappa|zeta|chi';
// One named quantity: x, AB, a_1, x_{n}, f(x), g'(2), \theta, \angle ABC, m\angle A, \overline{AB}, |AB|.
const NAME = String.raw`(?:m?\\angle ?[A-Z]{1,3}|\\overline\{[A-Z]{1,3}\}|\\(?:${GREEK})|[a-zA-Z]{1,3})(?:_\{?[a-zA-Z0-9,]+\}?)?'*(?:\([a-zA-Z0-9,]+\))?`;
const ATOM = String.raw`(?:${NAME}|\|${NAME}\||\\\|${NAME}\\\|)`;
const LABEL = new RegExp(String.raw`^(?:${ATOM}|\(${ATOM}(?:,${ATOM})+\)|${ATOM}(?::${ATOM})+)$`);

/** Whether `s` (normalised) names a quantity rather than giving a value. */
export function isLabel(s: string): boolean {
  return LABEL.test(s);
}

export type Relation = {
  /** The named left side of `label = value` or `label \in value`, else null. */
  label: string | null;
  /** What the answer states: the right side of a label, the last link of a chain, or the whole text. */
  value: string;
  /** A single `lhs = rhs` whose sides may both be expressions (`2x+4y-3=0`, `y=2x+3`), else null. */
  equation: [string, string] | null;
};

/**
 * Reads one answer item. `\approx` after an exact value is ignored (`a \approx b` → a; `x \approx b` → b),
 * a chain `a = b = c` states its last link, and a named left side is a label.
 */
export function readRelation(s: string): Relation {
  const approx = splitTop(s, '\\approx').map((p) => p.trim());
  if (approx.length > 1) s = approx[0] === '' || isLabel(approx[0]!) ? approx[approx.length - 1]! : approx[0]!;
  const links = splitTop(s, '=').map((p) => p.trim());
  if (links.length >= 3) {
    const label = isLabel(links[0]!) ? links[0]! : null;
    return { label, value: links[links.length - 1]!, equation: null };
  }
  if (links.length === 2) {
    const [lhs, rhs] = links as [string, string];
    if (lhs === '' || rhs === '') return { label: null, value: lhs || rhs, equation: null };
    return { label: isLabel(lhs) ? lhs : null, value: isLabel(lhs) ? rhs : s, equation: [lhs, rhs] };
  }
  const member = splitTop(s, '\\in').map((p) => p.trim());
  if (member.length === 2 && isLabel(member[0]!)) return { label: member[0]!, value: member[1]!, equation: null };
  return { label: null, value: s, equation: null };
}

type Op = '<' | '>' | '\\le' | '\\ge' | '\\ne';

/** Splits at top-level `<`, `>`, `\le`, `\ge`, `\ne` (already canonical, see normalizeAnswer). */
function splitInequality(s: string): { parts: string[]; ops: Op[] } {
  const parts: string[] = [];
  const ops: Op[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    let op: Op | null = null;
    if (ch === '\\') {
      const m = /^\\(le|ge|ne)(?![a-zA-Z])/.exec(s.slice(i, i + 4));
      if (m && depth === 0) op = `\\${m[1]}` as Op;
      else {
        if (s[i + 1] === '{') depth++;
        else if (s[i + 1] === '}') depth--;
        i++;
        continue;
      }
    } else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if ((ch === '<' || ch === '>') && depth === 0) op = ch;
    if (op !== null) {
      parts.push(s.slice(start, i));
      ops.push(op);
      start = i + op.length;
      i += op.length - 1;
    }
  }
  parts.push(s.slice(start));
  return { parts: parts.map((p) => p.trim()), ops };
}

const FLIP: Record<Op, Op> = { '<': '>', '>': '<', '\\le': '\\ge', '\\ge': '\\le', '\\ne': '\\ne' };

/** `x op v` as an interval or union of intervals, with the name. */
function oneSided(label: string, op: Op, v: string): { label: string; interval: string } {
  const interval =
    op === '<' ? `(-\\infty,${v})`
    : op === '\\le' ? `(-\\infty,${v}]`
    : op === '>' ? `(${v},\\infty)`
    : op === '\\ge' ? `[${v},\\infty)`
    : `(-\\infty,${v})\\cup(${v},\\infty)`;
  return { label, interval };
}

/**
 * `a op b` where a−b is linear in one variable (`-x > -1`, `2x+3 \le 7`): solved for it, the bound
 * written as a number (`-x > -1` → x < 1). Null when it is not linear in exactly one variable.
 */
function linear(a: string, op: Op, b: string): { label: string; interval: string } | null {
  const na = parseMath(a);
  const nb = parseMath(b);
  if (na === null || nb === null) return null;
  const names = new Set([...variablesOf(na), ...variablesOf(nb)]);
  if (names.size !== 1) return null;
  const [x] = [...names] as [string];
  const f = (v: number) => evaluate(na, { [x]: v }) - evaluate(nb, { [x]: v });
  const c = f(0);
  const slope = f(1) - c;
  const check = f(2.5) - (c + 2.5 * slope);
  if (!Number.isFinite(c) || !Number.isFinite(slope) || slope === 0 || Math.abs(check) > 1e-9 * Math.max(1, Math.abs(c), Math.abs(slope))) return null;
  const root = -c / slope;
  return oneSided(x, slope > 0 ? op : FLIP[op], String(Object.is(root, -0) ? 0 : root));
}

/** One inequality (`x > 3`, `5 \ge x`, `0 < f(x) < 1`) as an interval over one named quantity, or null. */
function inequalityInterval(s: string): { label: string; interval: string } | null {
  const { parts, ops } = splitInequality(s);
  if (ops.length === 1) {
    const [a, b] = parts as [string, string];
    if (a === '' || b === '') return null;
    if (isLabel(a) && !isLabel(b)) return oneSided(a, ops[0]!, b);
    if (isLabel(b) && !isLabel(a)) return oneSided(b, FLIP[ops[0]!], a);
    return linear(a, ops[0]!, b);
  }
  if (ops.length === 2) {
    const [a, x, b] = parts as [string, string, string];
    if (!isLabel(x) || isLabel(a) || isLabel(b) || a === '' || b === '') return null;
    const up = ops.every((o) => o === '<' || o === '\\le');
    const down = ops.every((o) => o === '>' || o === '\\ge');
    if (up) return { label: x, interval: `${ops[0] === '<' ? '(' : '['}${a},${b}${ops[1] === '<' ? ')' : ']'}` };
    if (down) return { label: x, interval: `${ops[1] === '>' ? '(' : '['}${b},${a}${ops[0] === '>' ? ')' : ']'}` };
  }
  return null;
}

/**
 * Inequalities over one named quantity as intervals: `x > 3` → `(3,\infty)`, `-2 \le x \le 7` →
 * `[-2,7]`, `x<-1,x>2` (from "x < -1 or x > 2") → `(-\infty,-1)\cup(2,\infty)`; anything else unchanged.
 */
export function inequalitiesToIntervals(s: string): string {
  if (!/[<>]|\\[lgn]e(?![a-zA-Z])/.test(s)) return s;
  const items = splitTop(s, ',');
  const read = items.map(inequalityInterval);
  if (read.some((r) => r === null)) return s;
  const ok = read as { label: string; interval: string }[];
  if (ok.some((r) => r.label !== ok[0]!.label)) return s;
  return ok.map((r) => r.interval).join('\\cup');
}
