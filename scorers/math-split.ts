// Bracket-aware splitting of normalised math answers, shared by the normaliser and the comparer.

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);

/** Splits `s` at `sep` where no bracket of any kind (including `\{`) is open; `\in` never splits `\infty`. */
export function splitTop(s: string, sep: string): string[] {
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
    const ch = s[i]!;
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
export function enclosed(s: string, width: number): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
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
