import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { addAbortWaiter, removeAbortWaiter } from './abort-watch.ts';

describe('addAbortWaiter / removeAbortWaiter', () => {
  it('keeps one listener on the signal however many wait, and calls each waiter once, in the order added', () => {
    const c = new AbortController();
    const calls: number[] = [];
    const fns = Array.from({ length: 1000 }, (_, i) => () => calls.push(i));
    for (const f of fns) addAbortWaiter(c.signal, f);
    expect(getEventListeners(c.signal, 'abort')).toHaveLength(1);
    for (const f of fns.filter((_, i) => i % 2)) removeAbortWaiter(c.signal, f); // the odd ones finished first
    c.abort();
    c.abort(); // a second abort calls nobody again
    expect(calls).toEqual(fns.map((_, i) => i).filter((i) => i % 2 === 0));
  });

  it('does not call a waiter added after the abort, nor one added twice more than once, and ignores a missing signal', () => {
    const c = new AbortController();
    let before = 0;
    const f = () => before++;
    addAbortWaiter(c.signal, f);
    addAbortWaiter(c.signal, f);
    c.abort();
    expect(before).toBe(1);
    let after = 0;
    addAbortWaiter(c.signal, () => after++);
    const late = new AbortController();
    late.abort();
    addAbortWaiter(late.signal, () => after++);
    expect(after).toBe(0);
    expect(() => addAbortWaiter(undefined, () => after++)).not.toThrow();
    expect(() => removeAbortWaiter(undefined, () => after++)).not.toThrow();
  });

  it('each signal has its own waiters', () => {
    const a = new AbortController();
    const b = new AbortController();
    const seen: string[] = [];
    addAbortWaiter(a.signal, () => seen.push('a'));
    addAbortWaiter(b.signal, () => seen.push('b'));
    b.abort();
    expect(seen).toEqual(['b']);
    a.abort();
    expect(seen).toEqual(['b', 'a']);
  });
});
