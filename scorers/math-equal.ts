// Equality of two math answers by value: normalise the strings, read their shape (number, tuple,
// interval, set, list, matrix, equation) and compare part by part, values with the safe evaluator.
import { normalizeAnswer } from './math-normalize.ts';
import { readRelation, type Relation } from './math-relations.ts';
import { scalarEqual } from './math-scalar.ts';
import { enclosed, splitTop } from './math-split.ts';

export { numbersEqual } from './math-scalar.ts';

type Shape =
  | { kind: 'scalar'; text: string }
  | { kind: 'unordered'; items: string[]; set: boolean } // \{..\} or a bare list (`-2,1`, `3\pm\sqrt2`)
  | { kind: 'union'; items: string[] }
  | { kind: 'tuple'; open: string; close: string; items: string[] } // points and intervals: ordered
  | { kind: 'matrix'; rows: string[][] };

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

/** A small bounded cache: cons@k compares each distinct answer with every group, so reads repeat. */
function memo<T>(f: (s: string) => T): (s: string) => T {
  const cache = new Map<string, T>();
  return (s: string) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = f(s);
      if (cache.size > 20_000) cache.clear();
      cache.set(s, v);
    }
    return v;
  };
}

const shapeOf = memo(readShape);
const readOne = memo(readRelation);

function readShape(s: string): Shape {
  const matrix = /^\\begin\{([pbvBV]?matrix|array)\}(?:\{[^{}]*\})?(.*)\\end\{\1\}$/.exec(s);
  if (matrix) return { kind: 'matrix', rows: splitTop(matrix[2] ?? '', '\\\\').filter((r) => r !== '').map((r) => splitTop(r, '&')) };
  const union = splitTop(s, '\\cup');
  if (union.length > 1) return { kind: 'union', items: union };
  if (s.startsWith('\\{') && s.endsWith('\\}') && enclosed(s, 2)) {
    const inner = s.slice(2, -2);
    return { kind: 'unordered', items: inner === '' ? [] : splitTop(inner, ','), set: true };
  }
  if (/^[([]/.test(s) && /[)\]]$/.test(s) && enclosed(s, 1)) {
    const inner = splitTop(s.slice(1, -1), ',');
    if (inner.length > 1) return { kind: 'tuple', open: s[0]!, close: s[s.length - 1]!, items: inner };
  }
  const list = splitTop(s, ',');
  if (list.length > 1 || expandPm(s).length > 1) return { kind: 'unordered', items: list, set: false };
  return { kind: 'scalar', text: s };
}

/** Items of a list read as relations, `\pm` expanded: `x = 1 \pm 2` gives two items labelled x. */
function relations(items: string[]): Relation[] {
  return items.flatMap((item) => {
    const r = readOne(item);
    const values = r.equation && r.label === null ? [r.value] : expandPm(r.value);
    return values.map((value) => ({ ...r, value, equation: values.length > 1 ? null : r.equation }));
  });
}

function relationEqual(a: Relation, b: Relation): boolean {
  if (a.equation && b.equation && equationsEqual(a.equation, b.equation)) return true;
  // An equation that names no value (`2x+4y-3=0`) equals only an equation with the same solutions.
  if ((a.equation && !a.label) || (b.equation && !b.label)) return false;
  return equalNormalized(a.value, b.value);
}

/**
 * Two lists. Both labelled with the same distinct labels: matched by label (`k=45, n=2` = `n=2, k=45`).
 * Labelled with distinct labels against bare values or other labels: in order, so assignments keep
 * their pairing (`x=1, y=2` = `1, 2` but ≠ `2, 1`). Otherwise unordered (`x=2, x=3` = `3, 2`).
 */
function listsEqual(xs: string[], ys: string[]): boolean {
  const a = relations(xs);
  const b = relations(ys);
  if (a.length !== b.length) return false;
  const distinct = (r: Relation[]) => r.every((x) => x.label !== null) && new Set(r.map((x) => x.label)).size === r.length;
  const da = distinct(a);
  const db = distinct(b);
  if (da && db && a.every((x) => b.some((y) => y.label === x.label))) {
    return a.every((x) => relationEqual(x, b.find((y) => y.label === x.label)!));
  }
  const bare = (r: Relation[]) => r.every((x) => x.label === null);
  if ((da && (db || bare(b))) || (db && bare(a))) return a.every((x, i) => relationEqual(x, b[i]!));
  return unordered(a, b, relationEqual);
}

function unordered<T>(a: T[], b: T[], eq: (x: T, y: T) => boolean): boolean {
  if (a.length !== b.length) return false;
  const used = new Array<boolean>(b.length).fill(false);
  return a.every((x) => {
    const j = b.findIndex((y, i) => !used[i] && eq(x, y));
    if (j < 0) return false;
    used[j] = true;
    return true;
  });
}

function orderedEqual(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => equalNormalized(x, b[i]!));
}

function equationsEqual([l1, r1]: [string, string], [l2, r2]: [string, string]): boolean {
  return scalarEqual(`(${l1})-(${r1})`, `(${l2})-(${r2})`, true);
}

function shapesEqual(x: string, y: string): boolean {
  const a = shapeOf(x);
  const b = shapeOf(y);
  if (a.kind === 'scalar' && b.kind === 'scalar') return scalarEqual(a.text, b.text, false);
  if (a.kind === 'unordered' && b.kind === 'unordered') return listsEqual(a.items, b.items);
  if (a.kind === 'union' && b.kind === 'union') return unordered(a.items, b.items, equalNormalized);
  if (a.kind === 'tuple' && b.kind === 'tuple') {
    return a.open === b.open && a.close === b.close && orderedEqual(a.items, b.items);
  }
  // Labelled values against a point: `x=1, y=2` = `(1,2)`.
  if (a.kind === 'tuple' && a.open === '(' && b.kind === 'unordered' && !b.set) return labelledInOrder(b.items, a.items);
  if (b.kind === 'tuple' && b.open === '(' && a.kind === 'unordered' && !a.set) return labelledInOrder(a.items, b.items);
  // A vector written as a one-column (or one-row) matrix against the same entries in brackets.
  if (a.kind === 'matrix' && b.kind === 'tuple') return vectorEqual(a.rows, b.items);
  if (b.kind === 'matrix' && a.kind === 'tuple') return vectorEqual(b.rows, a.items);
  if (a.kind === 'matrix' && b.kind === 'matrix') {
    return a.rows.length === b.rows.length && a.rows.every((row, i) => orderedEqual(row, b.rows[i]!));
  }
  return false;
}

function vectorEqual(rows: string[][], items: string[]): boolean {
  const entries = rows.every((r) => r.length === 1) ? rows.map((r) => r[0]!) : rows.length === 1 ? rows[0]! : [];
  return orderedEqual(entries, items);
}

function labelledInOrder(labelled: string[], point: string[]): boolean {
  const r = relations(labelled);
  return r.length === point.length && r.every((x) => x.label !== null) && r.every((x, i) => equalNormalized(x.value, point[i]!));
}

/** A one-item answer (a scalar, or a union such as `x \\in (0,1)\\cup(2,3)`) read as a relation. */
function whole(s: string): Relation {
  const kind = shapeOf(s).kind;
  return kind === 'scalar' || kind === 'union' ? readOne(s) : { label: null, value: s, equation: null };
}

function equalNormalized(x: string, y: string): boolean {
  if (x === y) return true;
  // One item: a label, chain or equation is read first: `(p,q)=(3,2)` = `(3,2)`.
  const a = whole(x);
  const b = whole(y);
  if (a.value !== x || b.value !== y || a.equation || b.equation) return relationEqual(a, b);
  return shapesEqual(x, y);
}

const MAX_CHARS = 2000;
const PERCENT = /\\?%|\bpercent(?:age)?\b|\bpct\b/i;
const INTEGER = /^\s*[-+]?\d{1,15}\s*$/;

/**
 * Whether two answers have the same value: `033` = `33`, `\dfrac12` = `0.5`, `x = 5` = `5`,
 * `(1,2)` ≠ `(2,1)`, `\{1,2\}` = `\{2,1\}`, `[1,2)` ≠ `[1,2]`, `x > 3` = `(3,\infty)`. A bare list
 * (`-2, 1`) is unordered, like a set. A percent on one side only: `10\%` = `10` and `10\%` = `0.1`.
 * Symmetric: mathEqual(a, b) = mathEqual(b, a). See normalizeAnswer for what is dropped.
 */
export function mathEqual(a: string, b: string): boolean {
  if (a.trim() === b.trim()) return true;
  if (INTEGER.test(a) && INTEGER.test(b)) return Number(a) === Number(b); // the common AIME case, fast
  const na = normalizeAnswer(a);
  const nb = normalizeAnswer(b);
  // A longer answer is compared as normalised text only: scoring time stays bounded.
  if (a.length > MAX_CHARS || b.length > MAX_CHARS) return na === nb;
  if (equalNormalized(na, nb)) return true;
  const pa = PERCENT.test(a);
  if (pa === PERCENT.test(b)) return false;
  const [pct, other] = pa ? [na, nb] : [nb, na];
  return shapeOf(pct).kind === 'scalar' && pct !== '' && equalNormalized(other, `\\frac{${pct}}{100}`);
}

/**
 * Whether a (gold) answer holds several values: a bare list, a set or a union. Such a gold is
 * compared with all boxes of an answer, not only the last one.
 */
export function isMultiValued(answer: string): boolean {
  const shape = shapeOf(normalizeAnswer(answer));
  return shape.kind === 'unordered' || shape.kind === 'union';
}
