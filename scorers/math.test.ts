import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Reference } from '../types.ts';
import { extractMathAnswer } from './math-extract.ts';
import { mathEqual } from './math-equal.ts';
import { mathScorer, scoreMath } from './math.ts';

const gold = (answer: string): Reference => ({ kind: 'math', answer });

describe('scoreMath', () => {
  it('compares the last box of the answer part with the gold by value', () => {
    expect(scoreMath('<think>\n\\boxed{1}\n</think>\nSo $\\boxed{033}$', '33')).toBe(true);
    expect(scoreMath('<think>\n\\boxed{33}\n</think>\nSo $\\boxed{34}$', '33')).toBe(false);
    expect(scoreMath('<think>\n\\boxed{33}', '33')).toBe(false);
  });
});

describe('mathScorer', () => {
  it('has the contract fields', () => {
    expect(mathScorer.id).toBe('math');
    expect(mathScorer.version).toBe(1);
    expect(mathScorer.equal?.('\\frac12', '0.5')).toBe(true);
  });

  it.each([
    [{ answer: 'The answer is \\boxed{\\dfrac{1}{2}}.', finishReason: 'stop' }, { correct: true, extracted: '\\dfrac{1}{2}', verdict: 'correct' }],
    [{ answer: '\\boxed{3}', finishReason: 'stop' }, { correct: false, extracted: '3', verdict: 'wrong' }],
    [{ answer: 'I am not sure.', finishReason: 'stop' }, { correct: false, extracted: null, verdict: 'no-answer' }],
    [{ answer: 'So we compute \\boxed{', finishReason: 'length' }, { correct: false, extracted: null, verdict: 'truncated' }],
    [{ answer: null, finishReason: 'length' }, { correct: false, extracted: null, verdict: 'truncated' }],
    [{ answer: '<think>\nhmm \\boxed{0.5}', finishReason: 'length' }, { correct: false, extracted: null, verdict: 'truncated' }],
    [{ answer: '', finishReason: 'stop' }, { correct: false, extracted: null, verdict: 'no-answer' }],
    [{ answer: null, finishReason: null, error: { kind: 'http', message: '500' } }, { correct: null, extracted: null, verdict: 'error' }],
  ])('%j → %j', async (sample, expected) => {
    expect(await mathScorer.score(sample, gold('0.5'))).toEqual(expected);
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
    const extracted = finished.map((o) => ({ ...o, answer: extractMathAnswer(o.output) })).filter((o) => o.answer !== null);
    const agree = extracted.filter((o) => mathEqual(o.answer!, o.gold));
    // Inspected by hand: 36 finished outputs hit the token cap inside the answer (no final answer);
    // of the 156 with an answer, the 3 that disagree are wrong answers (E vs C, 5.1 vs 5.4, 6 vs 5).
    expect(extracted.length).toBeGreaterThanOrEqual(150);
    expect(agree.length / extracted.length).toBeGreaterThanOrEqual(0.97);
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
