import { describe, expect, it } from 'vitest';
import { codeforcesPrompt } from './prompt.ts';
import { parseRecord } from './record.ts';

const record = parseRecord(
  {
    title: 'Sum of Two',
    description: 'Print a + b.',
    input_format: 'Two integers a and b ($$$|a|, |b| \\le 10^9$$$).',
    output_format: 'One integer.',
    note: 'Easy.',
    examples: [
      { input: '1 2\n', output: '3\n' },
      { input: '5 -5\n', output: '0\n' },
    ],
    time_limit: 1,
    memory_limit: 256,
  },
  'p.jsonl',
  1,
);

describe('codeforcesPrompt', () => {
  it('is one user message (no system prompt) with statement, formats, examples and limits, asking for C++17', () => {
    const messages = codeforcesPrompt(record);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.role).toBe('user');
    const text = messages[0]!.content;
    for (const part of ['# Sum of Two', 'Time limit per test: 1 second\n', 'Memory limit per test: 256 megabytes', 'Print a + b.', '## Input', '$$$|a|', '## Output', '## Note\n\nEasy.'])
      expect(text).toContain(part);
    expect(text).toContain('## Example 1\n\nInput:\n```\n1 2\n```\n\nOutput:\n```\n3\n```');
    expect(text).toContain('## Example 2');
    expect(text).toMatch(/Reason about the problem.*C\+\+17.*```cpp\.$/s);
    expect(text).toContain('standard input');
    // The statement comes before the instruction.
    expect(text.indexOf('Print a + b.')).toBeLessThan(text.indexOf('Reason about'));
  });

  it('asks for Python 3 when chosen', () => {
    const text = codeforcesPrompt(record, { language: 'python' })[0]!.content;
    expect(text).toContain('Python 3 program');
    expect(text).toContain('```python');
    expect(text).not.toContain('C++17');
  });

  it('tells a file-mode problem to use input.txt and output.txt', () => {
    const text = codeforcesPrompt({ ...record, input_mode: 'file' })[0]!.content;
    expect(text).toContain('input.txt');
    expect(text).toContain('output.txt');
    expect(text).not.toContain('standard input');
  });

  it('omits empty sections and uses plural units', () => {
    const text = codeforcesPrompt({ ...record, note: '', examples: [], output_format: '', time_limit: 2.5 })[0]!.content;
    expect(text).not.toContain('## Note');
    expect(text).not.toContain('## Example');
    expect(text).not.toContain('## Output');
    expect(text).toContain('Time limit per test: 2.5 seconds');
  });
});
