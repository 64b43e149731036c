// The MMLU prompt: zero-shot, no system prompt, one user turn ending with the required answer format.
import type { ChatMessage } from '../../types.ts';

const LETTERS = 'ABCDEFGHIJ';

/** Simple-evals style: the model is told to finish with a line "Answer: $LETTER". Written for this project. */
export const INSTRUCTION = (letters: string) =>
  `Answer the following multiple-choice question. Think it through, then make the last line of your reply ` +
  `exactly "Answer: $LETTER", where LETTER is one of ${letters.split('').join(', ')}.`;

export interface McQuestion {
  question: string;
  choices: string[];
  /** Present on few-shot examples: the correct letter. */
  answer?: string;
}

/** The question with its lettered options, as shown to the model. */
export function questionBlock(q: McQuestion): string {
  return `${q.question.trim()}\n\n${q.choices.map((c, i) => `${LETTERS[i]}) ${c}`).join('\n')}`;
}

/** One user message: the instruction, optional solved examples (each ending "Answer: X"), then the question. */
export function buildPrompt(q: McQuestion, examples: McQuestion[] = [], block = questionBlock(q)): ChatMessage[] {
  const parts = [INSTRUCTION(LETTERS.slice(0, q.choices.length))];
  if (examples.length) {
    parts.push('Here are solved examples:');
    for (const ex of examples) parts.push(`${questionBlock(ex)}\n\nAnswer: ${ex.answer}`);
    parts.push('Now the question to answer:');
  }
  parts.push(block);
  return [{ role: 'user', content: parts.join('\n\n') }];
}
