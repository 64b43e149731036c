import { describe, expect, it } from 'vitest';
import type { Scorer } from '../scorers/scorer.ts';
import type { Reference } from '../types.ts';
import { warmUpSampleCode } from './warm-up.ts';

const math = (answer: string) => ({ kind: 'math', answer }) as Reference;
const recording = (seen: unknown[]): Scorer => ({
  id: 'math',
  version: 1,
  score: (sample, reference) => {
    seen.push({ ...sample, reference });
    return { correct: true, extracted: null };
  },
});

describe('warmUpSampleCode', () => {
  it('streams a made-up sample through the decoder and accumulator and gives it to each scorer with its reference', () => {
    const seen: Record<string, unknown>[] = [];
    const scorer = recording(seen);
    warmUpSampleCode([
      { scorer, reference: math('2') },
      { scorer, reference: math('7') },
    ]);
    expect(seen.map((s) => s.reference)).toEqual([math('2'), math('7')]);
    // The stream was decoded as a real one: reasoning apart from the answer, the finish reason from its last chunk.
    expect(seen[0]).toMatchObject({ reasoning: 'Adding 1 and 1 gives 2.', answer: 'The answer is $\\boxed{2}$.\n\nAnswer: A', finishReason: 'stop' });
  });

  it('a scorer that throws, or rejects, does not stop the warm-up, nor the scorers after it', async () => {
    const seen: unknown[] = [];
    const throws: Scorer = { id: 'math', version: 1, score: () => { throw new Error('bad reference'); } };
    const rejects: Scorer = { id: 'math', version: 1, score: () => Promise.reject(new Error('bad reference')) };
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      expect(() => warmUpSampleCode([{ scorer: throws, reference: math('2') }, { scorer: rejects, reference: math('2') }, { scorer: recording(seen), reference: math('2') }])).not.toThrow();
      await new Promise((r) => setTimeout(r, 20));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(seen).toHaveLength(1);
    expect(unhandled).toEqual([]);
  });
});
