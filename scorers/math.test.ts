import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Reference } from '../types.ts';
import { extractMathAnswer, findMathAnswer } from './math-extract.ts';
import { answerPart } from './answer-part.ts';
import { mathEqual } from './math-equal.ts';
import { mathScorer, scoreMath } from './math.ts';
import { consensus } from './consensus.ts';

const gold = (answer: string): Reference => ({ kind: 'math', answer });

describe('scoreMath', () => {
  it('compares the last box of the answer part with the gold by value', () => {
    expect(scoreMath('<think>\n\\boxed{1}\n</think>\nSo $\\boxed{033}$', '33')).toBe(true);
    expect(scoreMath('<think>\n\\boxed{33}\n</think>\nSo $\\boxed{34}$', '33')).toBe(false);
    expect(scoreMath('<think>\n\\boxed{33}', '33')).toBe(false);
  });

  it.each([
    ['\\boxed{1}, \\boxed{2}', '1, 2'],
    ['So $\\boxed{2}$ and $\\boxed{1}$.', '\\{1,2\\}'],
    ['\\boxed{(2,2)} \\quad\\text{and}\\quad \\boxed{(6,2)}', '(2,2), (6,2)'],
    ['\\boxed{k = 45} \\text{ and } \\boxed{n = 2}', 'k = 45, n = 2'],
    ['The roots are \\(\\boxed{-3}\\), \\(\\boxed{0}\\) and \\(\\boxed{5}\\).', '-3, 0, 5'],
    // the same answer boxed twice (a summary, then the end) is still one answer
    ['In short, \\boxed{1, 2}.\n\nThe solutions are \\boxed{1} and \\boxed{2}.', '1, 2'],
    ['\\boxed{4} and \\boxed{7}.\n\n**Final Answer**\n\\boxed{4}, \\boxed{7}', '4, 7'],
  ])('several boxes form a list answer: %s = %s', (answer, gold) => {
    expect(scoreMath(`<think>\n\\boxed{0}\n</think>\n${answer}`, gold)).toBe(true);
  });

  it.each([
    // one-value gold: the last box decides
    ['\\boxed{1}, \\boxed{2}', '2', true],
    ['\\boxed{1}, \\boxed{2}', '1', false],
    // list gold: a box that is not in the gold still counts, and an order-sensitive tuple keeps its order
    ['\\boxed{1}, \\boxed{2}, \\boxed{3}', '1, 2', false],
    ['\\boxed{1}', '1, 2', false],
    ['\\boxed{(6,2)} and \\boxed{(2,6)}', '(2,2), (6,2)', false],
  ])('%s against %s → %s', (answer, gold, expected) => {
    expect(scoreMath(`<think>x</think>${answer}`, gold)).toBe(expected);
  });
});

describe('mathScorer', () => {
  it('has the contract fields', () => {
    expect(mathScorer.id).toBe('math');
    expect(mathScorer.version).toBe(2);
    expect(mathScorer.equal?.('\\frac12', '0.5')).toBe(true);
  });

  it.each([
    [{ answer: 'The answer is \\boxed{\\dfrac{1}{2}}.', finishReason: 'stop' }, { correct: true, extracted: '\\dfrac{1}{2}', verdict: 'correct', route: 'boxed' }],
    [{ answer: '\\boxed{3}', finishReason: 'stop' }, { correct: false, extracted: '3', verdict: 'wrong', route: 'boxed' }],
    [{ answer: 'I am not sure.', finishReason: 'stop' }, { correct: false, extracted: null, verdict: 'no-answer' }],
    [{ answer: 'So we compute \\boxed{', finishReason: 'length' }, { correct: false, extracted: null, verdict: 'truncated', truncatedWithBox: true }],
    [{ answer: null, finishReason: 'length' }, { correct: false, extracted: null, verdict: 'truncated', truncatedWithBox: false }],
    // a length-cut answer is never scored, not even by an earlier complete box
    [{ answer: '\\boxed{0.5}. Wait, recheck: \\boxed{12', finishReason: 'length' }, { correct: false, extracted: null, verdict: 'truncated', truncatedWithBox: true }],
    [{ answer: 'So x = 0.5 and then', finishReason: 'length' }, { correct: false, extracted: null, verdict: 'truncated', truncatedWithBox: false }],
    // every scored verdict names its route
    [{ answer: 'The final answer is $\\frac{1}{2}$. I hope it is correct.', finishReason: 'stop' }, { correct: true, extracted: '\\frac{1}{2}', verdict: 'correct', route: 'answer-line' }],
    [{ answer: 'Halving 1 gives 0.5.', finishReason: 'stop' }, { correct: true, extracted: '0.5', verdict: 'correct', route: 'last-number' }],
    [{ answer: 'Halving 1 gives 0.25 in 2024.', finishReason: 'stop' }, { correct: false, extracted: '2024', verdict: 'wrong', route: 'last-number' }],
    [{ answer: '', finishReason: 'stop' }, { correct: false, extracted: null, verdict: 'no-answer' }],
    [{ answer: null, finishReason: null, error: { kind: 'http', message: '500' } }, { correct: null, extracted: null, verdict: 'error' }],
  ])('%j → %j', async (sample, expected) => {
    expect(await mathScorer.score(sample, gold('0.5'))).toEqual(expected);
  });

  it('stores the joined boxes as the extracted answer, so cons@k votes on the whole list', async () => {
    const samples = ['\\boxed{3} and \\boxed{-1}', 'So \\boxed{-1}, \\boxed{3}.', '\\boxed{3}'];
    const verdicts = await Promise.all(samples.map((answer) => mathScorer.score({ answer, finishReason: 'stop' }, gold('-1, 3'))));
    expect(verdicts.map((v) => v.extracted)).toEqual(['3, -1', '-1, 3', '3']);
    expect(verdicts.map((v) => v.correct)).toEqual([true, true, false]);
    expect(consensus(verdicts.map((v) => v.extracted), mathScorer.equal)).toBe('3, -1');
  });

  it('refuses a reference of another kind', () => {
    expect(() => mathScorer.score({ answer: '\\boxed{A}', finishReason: 'stop' }, { kind: 'choice', answer: 'A', choices: ['x', 'y'] })).toThrow(
      /math scorer given a 'choice' reference/,
    );
  });
});

// Real DeepSeek-R1-Distill-Qwen-14B outputs on MATH-500 (greedy, 2,000-token cap), kept outside the project.
const REAL = fileURLToPath(new URL('../../shared/real-outputs/math500_r1distill-qwen-14b_thinking-llms-interp.json', import.meta.url));

describe('real R1 outputs (MATH-500)', () => {
  it('extracts nothing from cut-off reasoning and agrees with the gold on finished outputs', (ctx) => {
    ctx.skip(!existsSync(REAL), `skipped: ${REAL} is absent (real outputs are not part of the project)`);
    const data = JSON.parse(readFileSync(REAL, 'utf8')) as {
      tasks: { correct_answer: string; model_answers: { thinking_model: string } }[];
    };
    // The prompt ended with "<think>\n", so each output starts inside the reasoning.
    const outputs = data.tasks.map((t) => ({ output: `<think>\n${t.model_answers.thinking_model}`, gold: t.correct_answer }));
    const cutOff = outputs.filter((o) => !o.output.includes('</think>'));
    expect(cutOff.length).toBe(140);
    expect(cutOff.filter((o) => extractMathAnswer(o.output) !== null)).toEqual([]);

    const finished = outputs.filter((o) => o.output.includes('</think>'));
    const found = finished.map((o) => ({ ...o, found: findMathAnswer(answerPart(o.output)!, o.gold) }));
    const boxed = found.filter((o) => o.found?.route === 'boxed');
    const agree = boxed.filter((o) => mathEqual(o.found!.answer, o.gold));
    // Inspected by hand: of the 156 boxed answers, the 3 that disagree are wrong answers (E vs C,
    // 5.1 vs 5.4, 6 vs 5).
    expect(boxed.length).toBeGreaterThanOrEqual(150);
    expect(agree.length / boxed.length).toBeGreaterThanOrEqual(0.97);
    // The other finished outputs hit the 2,000-token cap inside the answer (finish_reason 'length',
    // so never scored): none has a box or an answer line, and the last-number fallback is all that
    // reads them here.
    const rest = found.filter((o) => o.found?.route !== 'boxed');
    expect(rest.length).toBeLessThanOrEqual(36);
    expect(rest.filter((o) => o.found?.route === 'answer-line')).toEqual([]);
  });

  it('never calls two different gold answers of the set equal except by the documented rules', (ctx) => {
    ctx.skip(!existsSync(REAL), `skipped: ${REAL} is absent (real outputs are not part of the project)`);
    const data = JSON.parse(readFileSync(REAL, 'utf8')) as { tasks: { correct_answer: string }[] };
    const golds = [...new Set(data.tasks.map((t) => t.correct_answer))];
    const pairs: string[] = [];
    for (let i = 0; i < golds.length; i++) {
      for (let j = i + 1; j < golds.length; j++) if (mathEqual(golds[i]!, golds[j]!)) pairs.push(`${golds[i]} = ${golds[j]}`);
    }
    // Each is a dropped degree sign, unit or dollar sign, or a different spelling of one value.
    expect(pairs.sort()).toEqual(
      [
        '30^\\circ = 30',
        '\\frac{1}{4} = \\frac14',
        '10,\\!080 = 10080',
        '90 = 90^\\circ',
        '120^\\circ = 120',
        '15 = 15\\mbox{ cm}^2',
        '36^\\circ = 36',
        '36^\\circ = \\$36',
        '36 = \\$36',
        '2 \\sqrt{5} = 2\\sqrt{5}',
      ].sort(),
    );
  });
});
