// Multiple-choice answer forms of issue 11: quoted and bracketed letters, negated answers, an explicit
// answer followed by a listing or a mention of another option, and listings that are no answer.
import { describe, expect, it } from 'vitest';
import { extractChoice, extractChoiceFromAnswer } from './choice-extract.ts';

type Case = [what: string, answer: string, expected: string | null];

const MARKED: Case[] = [
  ['double quotes', 'Answer: "D"', 'D'],
  ['single quotes', "Answer: 'B'", 'B'],
  ['typographic quotes', 'Answer: \u201cA\u201d', 'A'],
  ['guillemets', 'Answer: \u00abC\u00bb', 'C'],
  ['square brackets', 'Answer: [D]', 'D'],
  ['braces', 'Answer: {B}', 'B'],
  ['closing paren only', 'Answer: D)', 'D'],
  ['both parens', 'Answer: (A)', 'A'],
  ['trailing full stop', 'Answer: B.', 'B'],
  ['bold label then box', '**Answer:** \\boxed{D}', 'D'],
  ['box around text', '$\\boxed{\\text{B}}$', 'B'],
  ['box around bold parens', 'Hence $\\boxed{\\textbf{(A)}}$', 'A'],
  ['quoted after final answer', "Final Answer: 'C'.", 'C'],
  ['code span letter', 'Answer: `D`', 'D'],
  ['quoted after the answer is', 'The correct answer is "B".', 'B'],
  ['quoted letter ten choices', "Answer: 'H'", 'H'],
];

const NEGATED: Case[] = [
  ['not X; it is Y', 'The answer is not (B); it is (D).', 'D'],
  ['not X. It is Y.', 'The answer is not C. It is B.', 'B'],
  ['would not be X, but Y', 'The answer would not be B, but D.', 'D'],
  ['correct option is not X; it is Y', 'The correct option is not (B); it is (D).', 'D'],
  ['not X, Y is the correct one', 'The answer is not B, C is the correct one.', 'C'],
  ["isn't X but Y", "The answer isn't A but C.", 'C'],
  ['neither X nor Y, it is Z', 'The answer is neither A nor B \u2014 it\u2019s D.', 'D'],
  ['not option X, rather option Y', 'The correct answer is not option C, rather option A.', 'A'],
  ['cannot be X, so it must be Y', 'The answer cannot be (D), so it must be (B).', 'B'],
  ['answer line negated', 'Answer: not C, but B', 'B'],
  ['several negated letters', 'The answer is not A, B or C; it is D.', 'D'],
  ['negated then a marked letter', 'The final answer is not (A); (C).', 'C'],
  ['only a negation', 'The answer is not (A).', null],
  ['negation then prose starting with an article', 'The answer is not B. A reading of the passage shows nothing more.', null],
  ['positive before a negated aside', 'The answer is (C), not (A).', 'C'],
];

const STATED_THEN_MENTIONED: Case[] = [
  ['answer then a listing', 'The answer is B.\n\n(A) Left atrium\n(B) Left ventricle\n(C) Right atrium\n(D) Aorta', 'B'],
  ['bold answer then a bulleted listing', '**Answer:** D\n\n- (A) The first amendment protects speech\n- (B) The right to bear arms', 'D'],
  ['answer then option X is correct only when', 'Answer: B\n\nOption C is correct only for an ideal gas.', 'B'],
  ['answer then (X) is correct if', 'Final answer: A\n\n(C) is correct if the system is closed.', 'A'],
  ['box then a why-not listing', '\\boxed{C}\n\nWhy not the others:\nA) too small\nB) wrong sign\nD) right only at zero', 'C'],
  ['answer then a bold option line', 'Answer: D\n\n**(B) Wrong, because the enzyme is denatured.**', 'D'],
  ['correct option then a lettered line', 'The correct option is (A).\n\nD) Correct in some textbooks, not here.', 'A'],
  ['answer then a bare letter line', 'Answer: C\n\nThe other candidates:\nA\nB', 'C'],
  ['box then option X is the right choice only', 'The final answer is $\\boxed{B}$.\n\nOption A is the right choice only at low temperature.', 'B'],
  ['answer then an explanation listing', 'The correct answer is (C).\n\nExplanation:\n- (A) is incorrect: the sign is wrong.\n- (B) is correct only in a vacuum.', 'C'],
  ['answer then a lettered-dot listing', 'Answer: B\n\nA. Right ventricle\nB. Left ventricle', 'B'],
  ['a later statement still corrects an earlier one', 'Answer: A\n\nOn reflection clue 3 rules it out.\n\nAnswer: C', 'C'],
];

const LISTINGS_AND_MENTIONS: Case[] = [
  ['a listing alone is no answer', 'The options are:\n(A) Right atrium\n(B) Left ventricle\n(C) Aorta', null],
  ['a bulleted listing alone', '- (A) The right choice for small inputs\n- (B) A linear scan', null],
  ['numbered listing', '1. (A) Right angle\n2. (B) Obtuse angle', null],
  ['a mention alone still counts', 'Checking each in turn, only (C) is correct.', 'C'],
  ['option X is correct alone', 'After the substitution, option D is correct.', 'D'],
  ['statement at the start of a line', 'Comparing both:\n(B) is correct because the rate doubles.', 'B'],
  ['X is the correct answer', 'Thus (B) is the correct answer.', 'B'],
  ['upper-case letter is the answer', 'So D is the best choice here.', 'D'],
  ['I will go with', "I'll go with (C).", 'C'],
  ['I choose', 'Weighing all of it, I choose B.', 'B'],
  ['choose with an article is prose', 'I choose a different route to check it.', null],
];

const HEDGES: Case[] = [
  ['condition is no claim', 'If the answer is A, the ratio exceeds 1. Hence (D) is the answer.', 'D'],
  ['whether is no claim', 'Whether the answer is B depends on the temperature.', null],
  ['condition earlier in the sentence does not hide the claim', 'Even if A looks tempting, the answer is C.', 'C'],
  ['adverb before the letter', 'The answer is therefore (C).', 'C'],
  ['most likely', 'So the answer is most likely B.', 'B'],
];

describe('extractChoiceFromAnswer: the forms of issue 11', () => {
  const all = [...MARKED, ...NEGATED, ...STATED_THEN_MENTIONED, ...LISTINGS_AND_MENTIONS, ...HEDGES];
  it('has at least 40 cases', () => expect(all.length).toBeGreaterThanOrEqual(40));
  for (const [group, cases] of Object.entries({ MARKED, NEGATED, STATED_THEN_MENTIONED, LISTINGS_AND_MENTIONS, HEDGES })) {
    describe(group, () => {
      for (const [what, answer, expected] of cases) it(what, () => expect(extractChoiceFromAnswer(answer, 10)).toBe(expected));
    });
  }
});

describe('stored answers and raw outputs', () => {
  it('a stored answer is read as it is: think tags in it are text', () => {
    expect(extractChoiceFromAnswer('The <think> tag opens the reasoning. Answer: C', 4)).toBe('C');
    expect(extractChoiceFromAnswer('Text before </think> is hidden. Answer: A', 4)).toBe('A');
    // As a raw output, only a <think> that starts the text opens reasoning: unclosed, it was cut off.
    expect(extractChoice('The <think> tag opens the reasoning. Answer: C', 4)).toBe('C');
    expect(extractChoice('<think>The tag opens the reasoning. Answer: C', 4)).toBeNull();
  });

  it('a raw output is read from its first </think>', () => {
    expect(extractChoice('<think>Answer: A?</think>\nAnswer: B\n\nNote: a literal </think> here is text.', 4)).toBe('B');
  });
});
