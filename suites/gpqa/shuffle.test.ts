import { describe, expect, it } from 'vitest';
import { optionOrder } from './shuffle.ts';

describe('optionOrder', () => {
  it('is fixed by (Record ID, sample): these values hold on every machine and Node version', () => {
    expect([0, 1, 2, 3].map((s) => optionOrder('recT3stAlpha000001', s))).toEqual([
      [0, 3, 2, 1],
      [3, 0, 1, 2],
      [2, 0, 3, 1],
      [3, 1, 2, 0],
    ]);
  });

  it('differs across samples and records, and puts the correct answer at each letter about equally often', () => {
    const orders = Array.from({ length: 8 }, (_, s) => optionOrder('recX', s).join(''));
    expect(new Set(orders).size).toBeGreaterThan(3);
    expect(optionOrder('recX', 0)).not.toEqual(optionOrder('recY', 0));
    expect(optionOrder('recX ', 0)).not.toEqual(optionOrder('recX', 0)); // identity is the id as written
    const at = [0, 0, 0, 0];
    const perms = new Set<string>();
    for (let r = 0; r < 200; r++)
      for (let s = 0; s < 20; s++) {
        const o = optionOrder(`rec${r}`, s);
        expect([...o].sort()).toEqual([0, 1, 2, 3]);
        at[o.indexOf(0)]!++;
        perms.add(o.join(''));
      }
    expect(perms.size).toBe(24);
    for (const n of at) expect(Math.abs(n - 1000)).toBeLessThan(120); // 4000 draws, sd ≈ 27
  });
});
