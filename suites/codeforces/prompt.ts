// The Codeforces prompt: statement, formats, examples and limits, then what to answer. No system prompt.
import type { ChatMessage } from '../../types.ts';
import type { CodeforcesRecord } from './record.ts';

export interface PromptOptions {
  /** The language the model must answer in (default 'cpp'). */
  language?: 'cpp' | 'python';
}

const INSTRUCTION = {
  cpp:
    'Reason about the problem and its constraints, choose an algorithm fast enough for the largest inputs, and then give one complete ' +
    'C++17 program that solves it. {io} Put the whole program in a single fenced code block that starts with ```cpp.',
  python:
    'Reason about the problem and its constraints, choose an algorithm fast enough for the largest inputs, and then give one complete ' +
    'Python 3 program that solves it. {io} Put the whole program in a single fenced code block that starts with ```python.',
} as const;

const IO = {
  stdio: 'It must read the input from standard input and write the answer to standard output, printing nothing else.',
  file: 'It must read the input from the file input.txt and write the answer to the file output.txt.',
} as const;

function fenced(text: string): string {
  return '```\n' + text.replace(/\s+$/, '') + '\n```';
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** The user message for one problem. */
export function codeforcesPrompt(r: CodeforcesRecord, opts: PromptOptions = {}): ChatMessage[] {
  const language = opts.language ?? 'cpp';
  const parts = [
    `# ${r.title || 'Problem'}`,
    `Time limit per test: ${plural(r.time_limit, 'second')}\nMemory limit per test: ${plural(r.memory_limit, 'megabyte')}`,
    r.description.trim(),
  ];
  if (r.input_format.trim()) parts.push(`## Input\n\n${r.input_format.trim()}`);
  if (r.output_format.trim()) parts.push(`## Output\n\n${r.output_format.trim()}`);
  r.examples.forEach((e, i) => {
    const n = r.examples.length > 1 ? ` ${i + 1}` : '';
    parts.push(`## Example${n}\n\nInput:\n${fenced(e.input)}\n\nOutput:\n${fenced(e.output)}`);
  });
  if (r.note.trim()) parts.push(`## Note\n\n${r.note.trim()}`);
  parts.push(INSTRUCTION[language].replace('{io}', IO[r.input_mode]));
  return [{ role: 'user', content: parts.join('\n\n') }];
}
