import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { choiceLetters, extractChoice } from './choice-extract.ts';

const T = (reasoning: string, answer: string) => `<think>\n${reasoning}\n</think>\n\n${answer}`;

// [what, output, expected letter] — the shapes reasoning models really produce.
const CASES: [string, string, string | null][] = [
  ['plain line', 'Answer: B', 'B'],
  ['lower case', 'answer: b', 'B'],
  ['bold line', '**Answer: C**', 'C'],
  ['bold label only', '**Answer:** D', 'D'],
  ['boxed in math', 'Answer: $\\boxed{C}$', 'C'],
  ['bare boxed', '\\boxed{C}', 'C'],
  ['boxed in display math', 'So the result follows.\n\n\\[\n\\boxed{A}\n\\]', 'A'],
  ['boxed in inline parens', '**Final Answer**: \\(\\boxed{B}\\)', 'B'],
  ['boxed with parens', '\\boxed{(D)}', 'D'],
  ['boxed text', 'Answer: $\\boxed{\\text{C}}$', 'C'],
  ['parenthesised', 'Answer: (C)', 'C'],
  ['bracketed', 'Answer: [B]', 'B'],
  ['textbf', 'Answer: \\textbf{B}', 'B'],
  ['textbf with parens', 'Answer: $\\textbf{(A)}$', 'A'],
  ['the answer is', 'The answer is C.', 'C'],
  ['the correct answer is', 'Therefore, the correct answer is D', 'D'],
  ['best answer with colon', 'The best answer is: (B)', 'B'],
  ['best answer bolded', '**The best answer is: (A)**', 'A'],
  ['best answer bold letter', 'The best answer is: **(B)**.', 'B'],
  ['final answer', 'Final answer: D', 'D'],
  ['final answer on next line', '**Final Answer:**  \n\\boxed{B}', 'B'],
  ['upper-case label', 'ANSWER: B', 'B'],
  ['full-width letter', 'Answer: Ｃ', 'C'],
  ['full-width colon and parens', 'Answer：（Ｂ）', 'B'],
  ['letter then option text', 'Answer: C) The falcon', 'C'],
  ['letter dot option text', 'Answer: A. Mercury', 'A'],
  ['bold letter with text', '**Answer:** B) Rob already ate.', 'B'],
  ['answer inline in parens', 'The raven sings worst (**Answer B**).', 'B'],
  ['answer choice', 'The answer choice is (C).', 'C'],
  ['correct option', 'So the correct option is (D).', 'D'],
  ['option is correct', 'Only option B is correct here.', 'B'],
  ['letter is correct', 'The placement holds, making **(A)** correct.', 'A'],
  ['final bolded option line', 'Peaches cost more than both.\n\n**(D) The mangoes are the most expensive.**', 'D'],
  ['final bolded letter-dot line', 'Thus, the most coherent answer is:  \n**D. Eve already ate.**', 'D'],
  ['bare letter line', 'After eliminating the rest:\n\nB', 'B'],
  ['bare bold letter line', 'Everything points one way.\n\n**(C)**', 'C'],
  ['heading then answer', '### Final Answer\nAnswer: A', 'A'],
  ['correction after answer line', 'Answer: B\n\nWait, I misread the second clue. Rechecking...\n\nAnswer: C', 'C'],
  ['correction in prose', 'Answer: B ... wait, actually the owl is faster, so Answer: C', 'C'],
  ['last of two boxed', '\\boxed{A} is tempting, but after checking: \\boxed{D}', 'D'],
  ['answer line then explanation', 'Answer: D\n\nThis is because the limousine is faster than every other vehicle.', 'D'],
  ['answer with trailing period and spaces', 'The answer is B .  ', 'B'],
  ['answer dash', 'Answer - C', 'C'],
  ['in think and answer', T('Maybe the answer is A. Hmm, Answer: A?', 'Answer: C'), 'C'],
  ['decoy only in reasoning', T('Answer: A\nThe answer is (B).', 'I could not decide between the options.'), null],
  ['boxed decoy in reasoning', T('\\boxed{D}', 'The answer is (B).'), 'B'],
  ['truncated reasoning', '<think>\nOkay, the answer is probably (C), let me verify...', null],
  ['empty answer part', T('The answer is C.', ''), null],
  ['no answer at all', 'I am not sure which option is right; more information is needed.', null],
  ['article A in prose', 'A careful reading shows a contradiction in the premises.', null],
  ['article after answer', 'The answer is a bit unclear from the clues given.', null],
  ['pronoun I', 'The answer, I think, depends on the ordering.', null],
  ['answer spanning lines into prose', 'Answer:\n\nA typical reading suggests the hawk.', null],
  ['letter outside four choices', 'Answer: E', null],
  ['letter outside choices after a valid one', 'Answer: B\nActually, Answer: F', null],
  ['boxed number, not a letter', 'Cumulative atomic masses: 2 + 23.\n\n### Final Answer\n\\boxed{25}', null],
  ['boxed word', '\\boxed{Planet 2}', null],
  ['quoted answer of someone else', 'The note says "the correct answer is (A)" but that is wrong.', null],
  ['bold answer then a quoted note', 'The correct answer is:\n\n**(B) The plums are the most expensive.**\n\n---\n\n*Note:* a note claimed "the correct answer is (A)," which the constraints rule out.', 'B'],
  ['markdown italics', 'The answer is _C_.', 'C'],
  ['html bold', 'Answer: <b>D</b>', 'D'],
  ['answers word does not count', 'She answered each question in turn.', null],
  ['non-choice word boxed decoy', 'The answer is (C), since $\\boxed{x = 4}$ holds.', 'C'],
  ['answer letter followed by colon text', 'Answer: B: the raven', 'B'],
  ['MMLU-Pro letter J', 'Answer: J', 'J'],
  ['lower-case boxed', '\\boxed{c}', 'C'],
];

describe('extractChoice', () => {
  it('has many cases', () => expect(CASES.length).toBeGreaterThanOrEqual(60));

  for (const [what, output, expected] of CASES) {
    it(what, () => expect(extractChoice(output, what.startsWith('MMLU-Pro') ? 10 : 4)).toBe(expected));
  }

  it('limits letters to the choices given as a list or a count, A-J when absent', () => {
    expect(extractChoice('Answer: C', ['x', 'y'])).toBeNull();
    expect(extractChoice('Answer: B', ['x', 'y'])).toBe('B');
    expect(extractChoice('Answer: E', 5)).toBe('E');
    expect(extractChoice('Answer: J')).toBe('J');
    expect(choiceLetters(4)).toBe('ABCD');
    expect(choiceLetters()).toBe('ABCDEFGHIJ');
  });

  it('reads the answer part of raw text whose opening <think> the template already sent', () => {
    expect(extractChoice('the answer is surely A\n</think>\nAnswer: D', 4)).toBe('D');
  });
});

// Real DeepSeek-R1 outputs (see ../shared/real-outputs/README.md). They asked for "The best answer is: (X)".
const REAL = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'real-outputs');
const FILES = ['bbh_logic4_mc_deepseek-r1-671b_thesis_cot_faithful.jsonl', 'gpqa_mc_deepseek-r1-671b_thesis_cot_faithful.jsonl'];
const haveReal = FILES.every((f) => existsSync(join(REAL, f)));
if (!haveReal) console.warn(`skipping real R1 multiple-choice outputs: ${REAL} is absent`);

describe.skipIf(!haveReal)('extractChoice on real R1 outputs', () => {
  function measure(file: string) {
    let total = 0;
    let found = 0;
    let correct = 0;
    for (const line of readFileSync(join(REAL, file), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const rec = JSON.parse(line) as Record<string, unknown> & { correct: number[] };
      const gold = 'ABCD'[rec.correct.indexOf(1)];
      for (const prompt of ['unbiased', 'all_a', 'sus', 'syco']) {
        total++;
        const got = extractChoice(String(rec[prompt]), 4);
        if (got !== null) found++;
        if (got === gold) correct++;
      }
    }
    return { total, found, correct };
  }

  it('finds an answer in every logical-deduction output (256), and mostly the gold one', () => {
    const r = measure(FILES[0]!);
    expect(r.total).toBe(256);
    expect(r.found).toBe(256);
    // The misses are the model's own: the "sus" prompt made it box a planted wrong answer.
    expect(r.correct / r.total).toBeGreaterThan(0.9);
  });

  it('finds a letter in every GPQA output that gives one; 4 of 20 box a value or a name instead', () => {
    const r = measure(FILES[1]!);
    expect(r.total).toBe(20);
    expect(r.found).toBe(16);
  });

  it('reads the explicit answers of the first records exactly', () => {
    const first = JSON.parse(readFileSync(join(REAL, FILES[0]!), 'utf8').split('\n')[0]!) as Record<string, string>;
    expect(extractChoice(first.unbiased!, 4)).toBe('B'); // "The best answer is: (B)."
    expect(extractChoice(first.sus!, 4)).toBe('B'); // ends with $\boxed{B}$
  });
});
