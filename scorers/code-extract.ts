// The solution in a model's answer: the last fenced code block of the answer part (never the
// reasoning) whose language the judge runs. A trailing block of sample output or of another language
// is skipped, so "here is the code ... and the output is ```3```" still finds the code.
import type { Language, SourceCode } from '../types.ts';
import { answerPart } from './answer-part.ts';

const TAGS: Record<string, Language> = {
  cpp: 'cpp', 'c++': 'cpp', cc: 'cpp', cxx: 'cpp', hpp: 'cpp',
  python: 'python', py: 'python', python3: 'python', py3: 'python',
};

/** An opening fence (3+ backticks or tildes, maybe indented), its info string, the body, the same fence closing it. */
const FENCE = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*([^\n`]*)\n([\s\S]*?)^[ \t]{0,3}\1[ \t]*$/gm;

/** The language of untagged code, from tell-tale lines; null when it looks like neither. */
export function detectLanguage(code: string): Language | null {
  if (/^\s*#\s*include\s*[<"]/m.test(code) || /\bint\s+main\s*\(/.test(code)) return 'cpp';
  if (/^\s*(def |import |from \S+ import )/m.test(code) || /\b(print|input)\s*\(/.test(code)) return 'python';
  return null;
}

function languageOf(info: string, code: string): Language | null | 'other' {
  const tag = info.trim().split(/[\s{]/)[0]!.toLowerCase();
  if (tag === '') return detectLanguage(code);
  return TAGS[tag] ?? 'other';
}

/** The code to judge in an answer part alone (a stored answer: tags in it are text), or null when there is none. */
export function extractCodeFromAnswer(answer: string): SourceCode | null {
  const blocks = [...answer.matchAll(FENCE)];
  for (let i = blocks.length - 1; i >= 0; i--) {
    const [, , info, body] = blocks[i]!;
    // Models sometimes open a fence twice ("```python\n```python\n..."): drop the stray opener.
    const code = body!.replace(/^([ \t]*(`{3,}|~{3,})[^\n]*\n)+/, '').replace(/\s+$/, '') + '\n';
    if (code.trim() === '') continue;
    const language = languageOf(info!, code);
    if (language === 'cpp' || language === 'python') return { language, code };
  }
  return null;
}

/** The code to judge in a raw model output (reasoning included or not): the answer part after the first `</think>`. */
export function extractCode(output: string): SourceCode | null {
  const answer = answerPart(output);
  return answer === null ? null : extractCodeFromAnswer(answer);
}
