// The boxes of an answer part: `\boxed{...}`, `\fbox{...}` (nested braces) and `\boxed 5`.
import { closingBrace } from './math-normalize.ts';

/**
 * Contents of every complete box, in order of appearance, trimmed. A box whose braces never close
 * (cut off) is passed over, and so is an empty one (`\boxed{}`). `\{`, `\}` inside are literal.
 */
export function allBoxed(text: string): string[] {
  const re = /\\(?:boxed|fbox)(?![a-zA-Z])\s*/g;
  const found: string[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    if (text[start] === '{') {
      const close = closingBrace(text, start);
      if (close < 0) continue;
      const inner = unwrapBox(text.slice(start + 1, close - 1).trim());
      if (inner !== '') found.push(inner);
      re.lastIndex = close;
    } else {
      // `\boxed 5`: one bare token up to whitespace or the `$` closing the math.
      const token = /^[^\s${}]+/.exec(text.slice(start));
      const value = token?.[0].replace(/[.,;]+$/, '');
      if (value) found.push(value);
    }
  }
  return found;
}

/** `\boxed{\boxed{5}}` is one box of 5. */
function unwrapBox(s: string): string {
  const m = /^\\(?:boxed|fbox)\s*\{/.exec(s);
  if (!m || closingBrace(s, m[0].length - 1) !== s.length) return s;
  return unwrapBox(s.slice(m[0].length, -1).trim());
}

/** Content of the last complete, non-empty box, or null. */
export function lastBoxed(text: string): string | null {
  const boxes = allBoxed(text);
  return boxes.length ? boxes[boxes.length - 1]! : null;
}

/** Splits at top-level commas (outside any bracket), keeping thousands groups like `1,000` whole. */
function topLevelItems(s: string): string[] {
  const items: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\') {
      if (s[i + 1] === '{') depth++;
      else if (s[i + 1] === '}') depth--;
      i++;
    } else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (ch === ',' && depth === 0 && !(/\d$/.test(s.slice(0, i)) && /^\d{3}(?!\d)/.test(s.slice(i + 1)))) {
      items.push(s.slice(start, i));
      start = i + 1;
    }
  }
  items.push(s.slice(start));
  return items;
}

const key = (s: string): string => s.replace(/\s+/g, '');

/**
 * The answer formed by several boxes, for a gold that holds several values: the boxes in order,
 * joined with ", ". A box adds nothing when every one of its comma-separated items already came
 * from an earlier box, so the same answer boxed twice (a summary and the end, or `\boxed{1, 2}`
 * beside `\boxed{1}, \boxed{2}`) stays one answer.
 */
export function joinBoxes(boxes: string[]): string | null {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const box of boxes) {
    const items = topLevelItems(box).map(key);
    if (items.every((it) => seen.has(it))) continue;
    items.forEach((it) => seen.add(it));
    kept.push(box);
  }
  return kept.length ? kept.join(', ') : null;
}
