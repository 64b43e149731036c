// Hundreds of in-flight requests wait on one run's AbortSignal. An EventTarget walks its whole listener
// list on every addEventListener and removeEventListener (to refuse a duplicate), so with 512 streams each
// request's add cost ~50 µs of the thread that timestamps chunks (measured in a 512-stream run: 1,536 adds
// took 71–97 ms) and a ramp-up's 512 sleeps held it ~30 ms at once. Here each signal has one listener
// and the waiters are a Set: adding and removing one is O(1). Same behaviour as a listener of one's own:
// called once, in the order added, when the signal aborts; never called when added after the abort.
const waiters = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `fn` when `signal` aborts (unless `removeAbortWaiter` removed it first). */
export function addAbortWaiter(signal: AbortSignal | undefined, fn: () => void): void {
  if (!signal) return;
  let set = waiters.get(signal);
  if (!set) {
    const fns = new Set<() => void>();
    set = fns;
    waiters.set(signal, fns);
    signal.addEventListener(
      'abort',
      () => {
        const all = [...fns];
        fns.clear();
        for (const f of all) f();
      },
      { once: true },
    );
  }
  set.add(fn);
}

export function removeAbortWaiter(signal: AbortSignal | undefined, fn: () => void): void {
  if (signal) waiters.get(signal)?.delete(fn);
}
