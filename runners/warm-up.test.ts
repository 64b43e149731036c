import { describe, expect, it } from 'vitest';
import type { Item } from '../types.ts';
import { warmUpSampleCode } from './warm-up.ts';

const item = (answer: string) => ({ id: 'q1', reference: { kind: 'math', answer } }) as unknown as Item;

describe('warmUpSampleCode', () => {
  it("streams a made-up sample through the decoder and accumulator and gives it to each scorer with that item's reference", () => {
    const seen: { answer: string | null; finishReason: string | null; reasoning?: string | null; reference: unknown }[] = [];
    const score = (x: { answer: string | null; finishReason: string | null; reasoning?: string | null }, reference: unknown) => seen.push({ ...x, reference });
    warmUpSampleCode([
      { score, item: item('2') },
      { score, item: item('7') },
    ]);
    expect(seen.map((s) => s.reference)).toEqual([
      { kind: 'math', answer: '2' },
      { kind: 'math', answer: '7' },
    ]);
    // The stream was decoded as a real one: reasoning apart from the answer, the finish reason from its last chunk.
    expect(seen[0]).toMatchObject({ reasoning: 'Adding 1 and 1 gives 2.', answer: 'The answer is $\\boxed{2}$.\n\nAnswer: A', finishReason: 'stop' });
  });

  it('a scorer that throws does not stop the warm-up, nor the scorers after it', () => {
    let after = 0;
    expect(() =>
      warmUpSampleCode([
        { score: () => { throw new Error('bad reference'); }, item: item('2') },
        { score: () => after++, item: item('2') },
      ]),
    ).not.toThrow();
    expect(after).toBe(1);
  });
});
