// LiveCodeBench's code-generation prompt, in the form its runner gives reasoning models (LMStyle
// OpenAIReason in lcb_runner/prompts/code_generation.py, commit 4fa15949edfc48871be612fc83dcb7961b012ad3):
// the instruction that other styles send as a system message opens the user turn. R1's protocol has
// no system message, so this is the one LiveCodeBench form that fits it.
import type { ChatMessage } from '../../types.ts';
import type { LcbProblem } from './record.ts';

const INSTRUCTION =
  'You are an expert Python programmer. You will be given a question (problem specification) and will generate a correct ' +
  'Python program that matches the specification and passes all tests. You will NOT return anything except for the program.';
const WITH_STARTER = 'You will use the following starter code to write the solution to the problem and enclose your code within delimiters.';
const WITHOUT_STARTER =
  'Read the inputs from stdin solve the problem and write the answer to stdout (do not directly test on the sample inputs). ' +
  'Enclose your code within delimiters as follows.';

/** The one user message for a problem. */
export function liveCodeBenchPrompt(p: Pick<LcbProblem, 'content' | 'starterCode'>): ChatMessage[] {
  let body = `### Question:\n${p.content}\n\n`;
  if (p.starterCode) body += `### Format: ${WITH_STARTER}\n\`\`\`python\n${p.starterCode}\n\`\`\`\n\n`;
  else body += `### Format: ${WITHOUT_STARTER}\n\`\`\`python\n# YOUR CODE HERE\n\`\`\`\n\n`;
  body += '### Answer: (use the provided format with backticks)\n\n';
  return [{ role: 'user', content: `${INSTRUCTION}\n\n${body}` }];
}
