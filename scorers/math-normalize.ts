// String normalisation of a LaTeX math answer: drop what never changes the value (delimiters,
// spacing macros, \left/\right, units, degree signs, percent signs, thousands separators).
import { inequalitiesToIntervals } from './math-relations.ts';

/** Index just past the `}` that closes the `{` at `open`, or -1 when it never closes. `\{`, `\}` are literal. */
export function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i + 1;
  }
  return -1;
}

const UNICODE: [RegExp, string][] = [
  [/[\u2212\u2013\u2014]/g, '-'],
  [/\u00d7/g, '\\times '],
  [/[\u00b7\u22c5]/g, '\\cdot '],
  [/\u03c0/g, '\\pi '],
  [/\u221e/g, '\\infty '],
  [/\u221a/g, '\\sqrt'],
  [/\u00b0/g, '^\\circ'],
  [/\u00a0/g, ' '],
];

// Text macros: their content is either the answer (`\text{(C)}`, `\text{ellipse}`) or a unit after a value.
const TEXT_MACRO = /\\(?:text(?:bf|it|rm|normal)?|mbox|mathrm|mathbf|mathit|textsf|operatorname)\s*\{/g;

/**
 * `\text{..}` and friends: a group of words that follows something else is a unit (`10\text{ cm}`,
 * `864 \mbox{ inches}^2`) and goes, with its power; "and"/"or" between answers become commas;
 * anything else is unwrapped (`\text{(C)}` → `(C)`).
 */
function dropTextMacros(s: string): string {
  for (let guard = 0; guard < 50; guard++) {
    TEXT_MACRO.lastIndex = 0;
    const m = TEXT_MACRO.exec(s);
    if (!m) return s;
    const open = m.index + m[0].length - 1;
    const close = closingBrace(s, open);
    if (close < 0) return s;
    const inner = s.slice(open + 1, close - 1);
    const before = s.slice(0, m.index);
    let after = s.slice(close);
    let replacement = inner;
    if (/^\s*(?:and|or)\s*$/i.test(inner)) replacement = ',';
    else if (before.trim() !== '' && /^\s*[a-zA-Z][a-zA-Z\s./^\d{}-]*$/.test(inner) && !/[,=(\[]\s*$/.test(before)) {
      replacement = '';
      after = after.replace(/^\s*\^\s*(?:\{\s*[23]\s*\}|[23])/, '');
    }
    s = before + replacement + after;
  }
  return s;
}

/** The content of a whole-string wrapper such as `\boxed{...}` or `$...$`, repeatedly. */
function unwrap(s: string): string {
  for (;;) {
    const t = s.trim();
    let inner: string | null = null;
    const box = /^\\(?:boxed|fbox)\s*\{/.exec(t);
    if (box && closingBrace(t, box[0].length - 1) === t.length) inner = t.slice(box[0].length, -1);
    else if (/^\$\$[^]*\$\$$/.test(t) && t.length >= 4) inner = t.slice(2, -2);
    else if (/^\$[^]*\$$/.test(t) && t.length >= 2) inner = t.slice(1, -1);
    else if (/^\\\([^]*\\\)$/.test(t) || /^\\\[[^]*\\\]$/.test(t)) inner = t.slice(2, -2);
    if (inner === null) return t;
    s = inner;
  }
}

/** Squeezes whitespace out, keeping one space where it ends a command before a letter (`\pi r`). */
function squeeze(s: string): string {
  return s
    .replace(/(\\[a-zA-Z]+)\s+(?=[a-zA-Z])/g, '$1\u0000')
    .replace(/\s+/g, '')
    .replace(/\u0000/g, ' ');
}

const GROUPED = /^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/**
 * Digit grouping, before spaces go: `12,000,023` and `1,000.99` are numbers (so is `1,000`), but a comma
 * followed by a space separates list items (`32, 349` is two numbers). Inside brackets a comma always
 * separates (`(1,000)` is not grouped: `[1,100]` is an interval).
 */
function joinThousands(s: string): string {
  if (GROUPED.test(s.trim())) return s.replace(/,/g, '');
  if (/[()[\]{}]/.test(s) || !/,\s/.test(s)) return s;
  return s
    .split(/,(?=\s)/)
    .map((part) => (GROUPED.test(part.trim()) ? part.replace(/,/g, '') : part))
    .join(',');
}

const RELATIONS: [RegExp, string][] = [
  [/\u2264|\u2a7d/g, '\\le '],
  [/\u2265|\u2a7e/g, '\\ge '],
  [/\u2260/g, '\\ne '],
  [/\\(?:leq?slant|leqq|leq)(?![a-zA-Z])|<=/g, '\\le '],
  [/\\(?:geq?slant|geqq|geq)(?![a-zA-Z])|>=/g, '\\ge '],
  [/\\neq(?![a-zA-Z])|(?<![\d)!])!=/g, '\\ne '],
  [/\\lt(?![a-zA-Z])/g, '<'],
  [/\\gt(?![a-zA-Z])/g, '>'],
];

const SETS: [RegExp, string][] = [
  [/^\\mathbb\{?R\}?$|^\\R$|^\(-\\infty,\+?\\infty\)$/, '(-\\infty,\\infty)'],
  [/^(?:\\emptyset|\\varnothing|\\\{\\\}|\{\})$/, '\\{\\}'],
];

const cache = new Map<string, string>();

/**
 * The normalised form of an answer (cached). Choices made here (and so in mathEqual):
 * - a percent sign is dropped here (mathEqual reads it first: `10\%` = `10` = `0.1`);
 * - degree signs are dropped: `90^\circ` = `90`; units after a value are dropped;
 * - `\le`, `\leq`, `<=`, `≤` (and the like for ≥, ≠, `\lt`, `\gt`) are one relation each;
 * - `1,000`, `1{,}000`, `1,\!000`, `1\,000` are 1000; `1, 000` (comma and space) is a list;
 * - inequalities over one name become intervals: `x > 3` → `(3,\infty)`; `\mathbb{R}` → `(-\infty,\infty)`.
 */
export function normalizeAnswer(answer: string): string {
  let out = cache.get(answer);
  if (out === undefined) {
    out = normalizeUncached(answer);
    if (cache.size > 20_000) cache.clear();
    cache.set(answer, out);
  }
  return out;
}

function normalizeUncached(answer: string): string {
  let s = answer.normalize('NFKC');
  for (const [re, to] of UNICODE) s = s.replace(re, to);
  // A doubled backslash before a command name is one (answers copied from escaped JSON: `\\\\dfrac`).
  s = s.replace(/\\\\(?=(?:[dtc]?frac|sqrt|pi|cdot|times|left|right|text|mathrm|boxed|infty|le|ge|ne)(?![a-zA-Z]))/g, '\\');
  s = s.replace(/\\\$/g, '').replace(/\\%|%/g, '');
  s = unwrap(s.replace(/\\(?:displaystyle|textstyle)/g, ''));
  s = s.replace(/\$/g, '');
  s = s.replace(/\\(?:left|right)\./g, '').replace(/\\lbrace(?![a-zA-Z])/g, '\\{').replace(/\\rbrace(?![a-zA-Z])/g, '\\}');
  s = s.replace(/\\[hv]space\*?\{[^{}]*\}/g, ' ');
  s = s.replace(/\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|big|Big|bigg|Bigg)(?![a-zA-Z])/g, '');
  s = s.replace(/(\d)\s*(?:,\\!\s*|\{\s*,\s*\}\s*|\\,)(?=\d{3}(?!\d))/g, '$1');
  s = s.replace(/(?<!\\)\\(?:[!,;:> ]|quad|qquad)|~/g, ' ').replace(/\{\s*,\s*\}/g, ',');
  s = s.replace(/\\[dtc]frac/g, '\\frac').replace(/\\[dt]binom/g, '\\binom');
  for (const [re, to] of RELATIONS) s = s.replace(re, to);
  s = s.replace(/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|\\circ|\\degree/g, '');
  // Trailing `\\` or a lone trailing `\` goes; so does an empty item left by `\text{ and }` (`7, -2, , -5`).
  s = dropTextMacros(s).replace(/^\s*(?:\\\\\s*)+|\s*\\+\s*$/g, '').replace(/,(?:\s*,)+/g, ',');
  // A mixed number written with a space, `1 1/2`, is 1½; a power then a number, `2^6 3^5`, a product.
  s = s.replace(/^\s*([-+]?\d+)\s+(\d+)\s*\/\s*(\d+)\s*$/, '$1\\frac{$2}{$3}');
  s = s.replace(/(\^\s*(?:\d+|\{[^{}]*\}))\s+(?=\d)/g, '$1\\cdot ');
  // A choice letter with its option text (`C. x = 42`, `(B) 12 apples`) is the choice.
  s = s.replace(/^\s*\(?([A-J])(?:\)|\.)\s+[^]*$/, '$1');
  s = s.replace(/\s+(?:and|or)\s+|\s*;\s*/g, ', ');
  s = joinThousands(s.replace(/\.\s*$/, ''));
  s = squeeze(s.trim());
  // Bare units after a number: `15cm^2`, `5dollars`, `10degrees` (two letters only as a known unit: `2xy` stays).
  s = s.replace(/^([-+]?[\d.,]+)(?:[a-zA-Z]{4,}|cm|mm|km|kg|mg|ft|in|yd|mi|hr|ml|oz|lb|ms|sec|min|hrs|mph|kph|deg|pct)(?:\^\{?[23]\}?)?$/, '$1');
  // A choice with its option text, `\text{(C) Cylinder}`, is the choice.
  s = s.replace(/^\(([A-J])\)[a-zA-Z][a-zA-Z ]*$/, '($1)');
  s = s.replace(/\.$/, '').replace(/^\{([^{}]*)\}$/, '$1');
  for (const [re, to] of SETS) s = s.replace(re, to);
  // A matrix in brackets (`\left[\begin{array}{cc}..\end{array}\right]`) is the matrix.
  s = s.replace(/^[[(](\\begin\{([a-zA-Z]*matrix|array)\}.*\\end\{\2\})[\])]$/, '$1');
  return inequalitiesToIntervals(s);
}
