import { describe, expect, it } from 'vitest';
import { sampleProblems, templates } from './sample.ts';
import { binom, createRng, factorize, gcd, modPow, reducedSum, seedOf } from './templates.ts';

describe('every bundled answer', () => {
  // The answer stored in the suite comes from the closed form; the brute force recomputes it from scratch.
  for (const p of sampleProblems()) {
    it(`${p.id} (${p.template.name}) = ${p.answer}, by brute force`, () => {
      expect(p.template.brute(p.params)).toBe(p.answer);
    });
  }
});

describe('closed forms agree with brute force on fresh parameters', () => {
  for (const t of templates) {
    it(t.name, () => {
      const rng = createRng(seedOf(`test:${t.name}`));
      for (let i = 0; i < 6; i++) {
        const params = t.draw(rng);
        expect(t.solve(params), `${t.name} ${JSON.stringify(params)}`).toBe(t.brute(params));
      }
    });
  }
});

describe('template helpers', () => {
  it('the PRNG is deterministic, seeded and in range', () => {
    const a = createRng(42);
    const b = createRng(42);
    const draws = Array.from({ length: 1000 }, () => a.int(3, 7));
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b.int(3, 7)));
    expect(new Set(draws)).toEqual(new Set([3, 4, 5, 6, 7]));
    expect(createRng(43).next()).not.toBe(createRng(42).next());
  });

  it('exact arithmetic', () => {
    expect(binom(20, 10)).toBe(184756);
    expect(binom(5, 7)).toBe(0);
    expect(factorize(360)).toEqual([[2, 3], [3, 2], [5, 1]]);
    expect(factorize(97)).toEqual([[97, 1]]);
    expect(gcd(-12, 18)).toBe(6);
    expect(modPow(7, 222, 1000)).toBe(Number(7n ** 222n % 1000n));
    expect(reducedSum(6, 8)).toBe(7);
  });
});
