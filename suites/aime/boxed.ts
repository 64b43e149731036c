// The last \boxed{} of a reference solution. A small local copy: suites must not import scorers.

/**
 * Content of the last well-formed `\boxed{...}` or `\fbox{...}` in `text` (nested braces matched,
 * `\{` and `\}` are literal braces), or of `\boxed 5` written without braces; null when there is none.
 */
export function lastBoxed(text: string): string | null {
  const re = /\\(?:boxed|fbox)(?![A-Za-z])/g;
  let found: string | null = null;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const content = readArgument(text, m.index + m[0].length);
    if (content !== null) found = content;
  }
  return found;
}

/** The braced group (or bare token) starting at `start`, or null if the braces never close. */
function readArgument(text: string, start: number): string | null {
  let i = start;
  while (text[i] === ' ') i++;
  if (text[i] !== '{') {
    // `\boxed 5`: a bare token up to whitespace or the closing `$` of the math.
    if (i === start) return null;
    const token = /^[^\s$]+/.exec(text.slice(i));
    return token ? token[0] : null;
  }
  let depth = 0;
  for (let j = i; j < text.length; j++) {
    const ch = text[j];
    if (ch === '\\') {
      j++; // skip the escaped character, so \{ and \} do not count
    } else if (ch === '{') depth++;
    else if (ch === '}') {
      depth--;
      if (depth === 0) return text.slice(i + 1, j).trim();
    }
  }
  return null;
}
