// Hands out a context's sequences one request at a time; requests beyond `parallel` wait in arrival order.
import { addAbortWaiter, removeAbortWaiter } from '../abort-watch.ts';
import { GenerationError } from '../endpoint.ts';

export class SequencePool<S> {
  private readonly free: S[];
  private readonly waiting: { resolve(s: S): void; reject(e: Error): void; signal?: AbortSignal; onAbort(): void }[] = [];

  constructor(sequences: S[]) {
    this.free = [...sequences];
  }

  /** Requests waiting for a sequence. */
  get queued(): number {
    return this.waiting.length;
  }

  acquire(signal?: AbortSignal): Promise<S> {
    if (signal?.aborted) return Promise.reject(new GenerationError('aborted', 'aborted', false));
    const s = this.free.shift();
    if (s !== undefined) return Promise.resolve(s);
    return new Promise<S>((resolve, reject) => {
      const entry = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.waiting.indexOf(entry);
          if (i >= 0) this.waiting.splice(i, 1);
          reject(new GenerationError('aborted', 'aborted', false));
        },
      };
      addAbortWaiter(signal, entry.onAbort);
      this.waiting.push(entry);
    });
  }

  release(s: S): void {
    const next = this.waiting.shift();
    if (!next) {
      this.free.push(s);
      return;
    }
    removeAbortWaiter(next.signal, next.onAbort);
    next.resolve(s);
  }
}
