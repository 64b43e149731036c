import { describe, expect, it } from 'vitest';
import { acceptedByCheckerOutput, compareOutput, firstDifference } from './checker.ts';

describe('compareOutput', () => {
  it('compares whitespace-separated tokens', () => {
    expect(compareOutput('1 2\n3\n', '1\n2 3')).toBe(true);
    expect(compareOutput('1 2 3', '  1   2 3  \r\n\n')).toBe(true);
    expect(compareOutput('1 2 3', '1 2')).toBe(false);
    expect(compareOutput('1 2', '1 2 3')).toBe(false);
    expect(compareOutput('', '\n')).toBe(true);
  });
  it('YES/NO in any case, everything else exactly', () => {
    expect(compareOutput('YES\nNO', 'yes\nNo')).toBe(true);
    expect(compareOutput('YES', 'NO')).toBe(false);
    expect(compareOutput('Alice', 'alice')).toBe(false);
    expect(compareOutput('1.0', '1')).toBe(false);
  });
  it('says where the first difference is', () => {
    expect(firstDifference('1 2 3', '1 5 3')).toBe("token 2: expected '2', got '5'");
    expect(firstDifference('1 2', '1')).toBe('expected 2 tokens, got 1');
  });
});

describe('checker output convention', () => {
  it('accepts a last token of 1 or 100', () => {
    expect(acceptedByCheckerOutput('1\n')).toBe(true);
    expect(acceptedByCheckerOutput('ok\n100')).toBe(true);
    expect(acceptedByCheckerOutput('0')).toBe(false);
    expect(acceptedByCheckerOutput('')).toBe(false);
    expect(acceptedByCheckerOutput('10')).toBe(false);
  });
});
