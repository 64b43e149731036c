// The simulator against GPQA items: its answers, read back through each sample's option order by the gpqa scorer.
import { describe, expect, it } from 'vitest';
import { gpqaScorer } from '../scorers/gpqa.ts';
import { gpqaItem } from '../suites/gpqa/index.ts';
import { composeAnswer } from '../runners/simulator/answers.ts';
import { shownIndexOf } from '../runners/simulator/shown-choices.ts';

const item = gpqaItem({ recordId: 'recSim', question: 'Which is heaviest?', options: ['Lead', 'Tin', 'Zinc', 'Iron'] });

describe('simulated answers to per-sample option orders', () => {
  it('finds the gold option at the letter this sample showed it, and answers with that letter (or its text)', () => {
    for (let s = 0; s < 6; s++) {
      const { prompt, variant } = item.forSample!(s);
      const text = prompt[0]!.content;
      const gold = variant.order!.indexOf(0);
      expect(shownIndexOf(item, text, 0)).toBe(gold);
      const answer = composeAnswer({ suiteId: 'gpqa:t', item }, 'prompt:x', 'right', 1, `gpqa:t/recSim/${s}`, text).text;
      // Read back through this sample's order, the letter written is the correct option.
      expect(gpqaScorer.score({ answer, finishReason: 'stop', variant }, item.reference)).toMatchObject({ correct: true, extracted: `${'ABCD'[gold]} (Correct Answer)` });
      const wrong = composeAnswer({ suiteId: 'gpqa:t', item }, 'prompt:x', 'wrong', 1, `gpqa:t/recSim/${s}`, text).text;
      expect(gpqaScorer.score({ answer: wrong, finishReason: 'stop', variant }, item.reference)).toMatchObject({ correct: false, verdict: 'wrong' });
    }
  });

  it('falls back to the reference letter when the prompt does not list the options', () => {
    expect(shownIndexOf(item, 'some other prompt', 0)).toBeNull();
    expect(shownIndexOf({ ...item, forSample: undefined }, item.forSample!(1).prompt[0]!.content, 0)).toBeNull();
  });
});
