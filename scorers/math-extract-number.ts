// The last resort of math extraction: the last number of the answer part.

// A plain number: thousands groups with commas (`12,000,023`, `1,000.99`) or LaTeX `{,}`, decimals, `.5`.
const PLAIN = String.raw`\d{1,3}(?:(?:,|\{,\})\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+`;
// `\frac{3}{4}`, `\dfrac{-1}{2}`, `\tfrac12`: a fraction of two plain numbers.
const FRAC = String.raw`\\[dtc]?frac\s*(?:\{\s*-?(?:${PLAIN})\s*\}|\d)\s*(?:\{\s*(?:${PLAIN})\s*\}|\d)`;
// `3/4`: a slash fraction of two plain numbers (no spaces).
const SLASH = String.raw`(?:${PLAIN})/(?:${PLAIN})`;
// A percent sign right after the number stays with it (`25%`, `25\%`): the gold decides what it means.
const NUMBER = new RegExp(String.raw`-?(?:${FRAC}|${SLASH}|${PLAIN})(?:\\?%)?`, 'g');

/**
 * The last number of `text`: an integer, a decimal, a thousands-separated number, a fraction (`3/4`,
 * `\frac{3}{4}`), with its minus sign and a percent sign right after it. Digits inside a word or a name
 * (`x2`, `AZ2A`), an exponent or a subscript (`x^2`, `a_1`, `10^{6}`'s 6) are not numbers; a minus
 * sign counts only where it cannot be a subtraction (after a space, `$`, `(`, `=`, or at the start).
 */
export function lastNumber(text: string): string | null {
  let found: string | null = null;
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m; m = NUMBER.exec(text)) {
    let value = m[0];
    let at = m.index;
    if (value.startsWith('-')) {
      const prev = text[at - 1] ?? '';
      if (prev !== '' && !/[\s$(=:{\[,]/.test(prev)) {
        value = value.slice(1);
        at++;
      }
    }
    const prev = text[at - 1] ?? '';
    const prev2 = text.slice(Math.max(0, at - 2), at);
    if (/[A-Za-z_^.\d]/.test(prev) && !value.startsWith('\\')) continue;
    if (prev2 === '^{' || prev2 === '_{') continue;
    found = value.replace(/\{,\}/g, ',');
  }
  return found;
}
