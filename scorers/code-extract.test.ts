import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectLanguage, extractCode } from './code-extract.ts';

describe('extractCode', () => {
  it('takes the last fenced block of the answer part, never the reasoning', () => {
    const out = '<think>\n```python\nprint("draft")\n```\n</think>\nFirst try:\n```cpp\nint main(){return 1;}\n```\nFinal:\n```cpp\n#include <cstdio>\nint main(){puts("x");}\n```\nDone.';
    expect(extractCode(out)).toEqual({ language: 'cpp', code: '#include <cstdio>\nint main(){puts("x");}\n' });
  });
  it('reasoning cut off before any answer has no code', () => {
    expect(extractCode('<think>\n```python\nprint(1)\n```\nstill thinking')).toBeNull();
  });
  it('maps fence tags to languages', () => {
    for (const [tag, lang] of [['cpp', 'cpp'], ['C++', 'cpp'], ['cc', 'cpp'], ['python', 'python'], ['py', 'python'], ['Python3', 'python']] as const) {
      expect(extractCode(`\`\`\`${tag}\nx = 1\n\`\`\``)?.language).toBe(lang);
    }
  });
  it('untagged fences: the language comes from the code', () => {
    expect(extractCode('```\n#include <bits/stdc++.h>\nint main(){}\n```')?.language).toBe('cpp');
    expect(extractCode('```\nn = int(input())\nprint(n * 2)\n```')?.language).toBe('python');
    expect(extractCode('```\ndef solve():\n    pass\n```')?.language).toBe('python');
    expect(extractCode('```\n3 4\n```')).toBeNull();
  });
  it('skips a trailing block of sample output or of another language', () => {
    const out = 'Solution:\n```python\nprint(sum(map(int, input().split())))\n```\nSample output:\n```\n7\n```\n```java\nclass A{}\n```';
    expect(extractCode(out)).toEqual({ language: 'python', code: 'print(sum(map(int, input().split())))\n' });
  });
  it('keeps backticks inside the code and longer fences intact', () => {
    const out = '````python\ns = "```"\nprint(s)\n````';
    expect(extractCode(out)?.code).toBe('s = "```"\nprint(s)\n');
  });
  it('a doubled opening fence is not part of the code', () => {
    expect(extractCode('```python\n```python\nprint(1)\n```\n```')).toEqual({ language: 'python', code: 'print(1)\n' });
  });
  it('no fence at all is no code', () => {
    expect(extractCode('The answer is to loop over n and print it.')).toBeNull();
    expect(extractCode('')).toBeNull();
  });
  it('detectLanguage needs a tell-tale sign', () => {
    expect(detectLanguage('int main() { return 0; }')).toBe('cpp');
    expect(detectLanguage('x = [1, 2]')).toBeNull();
  });
});

const REAL = fileURLToPath(new URL('../../shared/real-outputs/codereval_python_r1distill7b_qwq32b_reasoning_content.jsonl', import.meta.url));

describe.skipIf(!existsSync(REAL))('real R1-distill outputs (skipped: ../shared/real-outputs is absent)', () => {
  const rows = existsSync(REAL)
    ? readFileSync(REAL, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { content: string | null; reasoning_content: string | null })
    : [];
  it('finds Python in every answer with a python fence, none where there is no fence', () => {
    let fenced = 0;
    for (const r of rows) {
      const content = r.content ?? '';
      const got = extractCode(content);
      if (content.includes('```python')) {
        fenced++;
        expect(got?.language).toBe('python');
        expect(got!.code).not.toMatch(/^\s*```/);
        expect(content).toContain(got!.code.trimEnd());
      }
      if (!content.includes('```')) expect(got).toBeNull();
    }
    expect(fenced).toBeGreaterThan(400);
  });
  it('never takes code from the reasoning when the answer has none', () => {
    for (const r of rows) {
      if ((r.content ?? '').includes('```')) continue;
      expect(extractCode(`<think>${r.reasoning_content ?? ''}</think>${r.content ?? ''}`)).toBeNull();
    }
  });
});
