// Equality of two math answers by value: normalise the strings, read their shape (number, tuple,
// interval, set, list, matrix) and compare part by part, numbers with the safe evaluator.
import { evaluate, parseMath, variablesOf, type MathNode } from './math-eval.ts';
import { normalizeAnswer, stripAssignment } from './math-normalize.ts';

type Shape =
  | { kind: 'scalar'; text: string }
  | { kind: 'unordered'; items: string[]; set: boolean } // \{..\} or a bare list (`-2,1`, `3\pm\sqrt2`)
  | { kind: 'union'; items: string[] }
  | { kind: 'tuple'; open: string; close: string; items: string[] } // points and intervals: ordered
  | { kind: 'matrix'; rows: string[][] };

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);

/** Splits `s` at `sep` where no bracket of any kind (including `\{`) is open. */
function splitTop(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (depth === 0 && s.startsWith(sep, i) && !(sep.startsWith('\\') && /[a-zA-Z]/.test(s[i + sep.length] ?? ''))) {
      parts.push(s.slice(start, i));
      start = i + sep.length;
      i += sep.length - 1;
      continue;
    }
    const ch = s[i];
    if (ch === '\\') {
      const next = s[i + 1];
      if (next === '{') depth++;
      else if (next === '}') depth--;
      i++;
    } else if (OPEN.has(ch)) depth++;
    else if (CLOSE.has(ch)) depth--;
  }
  parts.push(s.slice(start));
  return parts;
}

/** True when the bracket opened at 0 (of `width` characters) closes exactly at the end of `s`. */
function enclosed(s: string, width: number): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\') {
      const next = s[i + 1];
      if (next === '{') depth++;
      else if (next === '}' && --depth === 0) return i === s.length - width;
      i++;
    } else if (OPEN.has(ch)) depth++;
    else if (CLOSE.has(ch) && --depth === 0) return i === s.length - width;
  }
  return false;
}

/** `a\pm b` as the two answers a+b and a-b; anything else as itself. */
function expandPm(item: string): string[] {
  for (const sep of ['\\pm', '\\mp']) {
    const parts = splitTop(item, sep);
    if (parts.length === 2) {
      const [a, b] = parts as [string, string];
      return sep === '\\pm' ? [`${a}+${b}`, `${a}-${b}`] : [`${a}-${b}`, `${a}+${b}`];
    }
  }
  return [item];
}

function items(parts: string[]): string[] {
  return parts.flatMap(expandPm).map((p) => stripAssignment(p));
}

function shapeOf(s: string): Shape {
  const matrix = /^\\begin\{([pbvBV]?matrix|array)\}(?:\{[^{}]*\})?(.*)\\end\{\1\}$/.exec(s);
  if (matrix) return { kind: 'matrix', rows: splitTop(matrix[2] ?? '', '\\\\').filter((r) => r !== '').map((r) => splitTop(r, '&')) };
  const union = splitTop(s, '\\cup');
  if (union.length > 1) return { kind: 'union', items: union };
  if (s.startsWith('\\{') && s.endsWith('\\}') && enclosed(s, 2)) {
    return { kind: 'unordered', items: items(splitTop(s.slice(2, -2), ',')), set: true };
  }
  if (/^[([]/.test(s) && /[)\]]$/.test(s) && enclosed(s, 1)) {
    const inner = splitTop(s.slice(1, -1), ',');
    if (inner.length > 1) return { kind: 'tuple', open: s[0]!, close: s[s.length - 1]!, items: inner };
  }
  const list = splitTop(s, ',');
  if (list.length > 1 || expandPm(s).length > 1) return { kind: 'unordered', items: items(list), set: false };
  return { kind: 'scalar', text: s };
}

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

// Expressions with variables are compared at fixed points (polynomial identity by sampling).
const POINTS = [0.7310585786, 1.6180339887, -1.2247448714];

function scalarEqual(x: string, y: string): boolean {
  if (x === y) return true;
  const nx = parseCached(x);
  const ny = parseCached(y);
  if (nx === null || ny === null) return loose(x) === loose(y);
  const vx = [...variablesOf(nx)].sort();
  const vy = [...variablesOf(ny)].sort();
  if (vx.join() !== vy.join()) return false;
  if (vx.length === 0) return numbersEqual(evaluate(nx), evaluate(ny));
  let compared = 0;
  for (let p = 0; p < POINTS.length; p++) {
    const env: Record<string, number> = {};
    vx.forEach((name, i) => (env[name] = POINTS[p]! + 0.5731 * i * (p + 1)));
    const a = evaluate(nx, env);
    const b = evaluate(ny, env);
    if (Number.isNaN(a) && Number.isNaN(b)) continue;
    if (!numbersEqual(a, b)) return false;
    compared++;
  }
  return compared > 0;
}

/** Text answers ("ellipse", `4343_{6}`) compare without braces and, when they are words, without case. */
function loose(s: string): string {
  const t = s.replace(/[{}]/g, '');
  return /^[a-zA-Z ]+$/.test(t) ? t.toLowerCase() : t;
}

function unorderedEqual(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const used = new Array<boolean>(b.length).fill(false);
  return a.every((x) => {
    const j = b.findIndex((y, i) => !used[i] && equalNormalized(x, y));
    if (j < 0) return false;
    used[j] = true;
    return true;
  });
}

function orderedEqual(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => equalNormalized(x, b[i]!));
}

function equalNormalized(x: string, y: string): boolean {
  if (x === y) return true;
  const a = shapeOf(x);
  const b = shapeOf(y);
  if (a.kind === 'scalar' && b.kind === 'scalar') return scalarEqual(a.text, b.text);
  if (a.kind === 'unordered' && b.kind === 'unordered') return unorderedEqual(a.items, b.items);
  if (a.kind === 'union' && b.kind === 'union') return unorderedEqual(a.items, b.items);
  if (a.kind === 'tuple' && b.kind === 'tuple') {
    return a.open === b.open && a.close === b.close && orderedEqual(a.items, b.items);
  }
  if (a.kind === 'matrix' && b.kind === 'matrix') {
    return a.rows.length === b.rows.length && a.rows.every((row, i) => orderedEqual(row, b.rows[i]!));
  }
  return false;
}

/**
 * Whether two answers have the same value: `033` = `33`, `\dfrac12` = `0.5`, `x = 5` = `5`,
 * `(1,2)` ≠ `(2,1)`, `\{1,2\}` = `\{2,1\}`, `[1,2)` ≠ `[1,2]`. A bare list (`-2, 1`) is unordered,
 * like a set: MATH asks for "all solutions, separated by commas". See normalizeAnswer for what is dropped.
 */
export function mathEqual(a: string, b: string): boolean {
  if (a.trim() === b.trim()) return true;
  return equalNormalized(normalizeAnswer(a), normalizeAnswer(b));
}

/**
 * Whether a (gold) answer holds several values: a bare list, a set or a union. Such a gold is
 * compared with all boxes of an answer, not only the last one.
 */
export function isMultiValued(answer: string): boolean {
  const shape = shapeOf(normalizeAnswer(answer));
  return shape.kind === 'unordered' || shape.kind === 'union';
}
