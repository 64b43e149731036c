import { describe, expect, it } from 'vitest';
import { poissonGapMs, seededRandom, syntheticPrompt } from './synthetic.ts';

describe('synthetic load inputs', () => {
  it('seeded random is deterministic, in [0, 1) and roughly uniform', () => {
    const a = seededRandom(7), b = seededRandom(7);
    const xs = Array.from({ length: 10000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((s, x) => s + x, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it('a prompt has one word per requested token and a distinct lead', () => {
    const r = seededRandom(1);
    const p = syntheticPrompt(128, 3, r);
    expect(p.split(' ')).toHaveLength(128);
    expect(p.startsWith('3: ')).toBe(true);
    expect(syntheticPrompt(128, 4, r)).not.toBe(p);
  });

  it('Poisson gaps average 1/rate', () => {
    const r = seededRandom(42);
    const gaps = Array.from({ length: 20000 }, () => poissonGapMs(4, r));
    const mean = gaps.reduce((s, x) => s + x, 0) / gaps.length;
    expect(mean).toBeGreaterThan(240);
    expect(mean).toBeLessThan(260);
    // exponential: the standard deviation equals the mean
    const sd = Math.sqrt(gaps.reduce((s, x) => s + (x - mean) ** 2, 0) / gaps.length);
    expect(sd / mean).toBeCloseTo(1, 1);
  });
});
