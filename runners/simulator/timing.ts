// Timing by construction. Token j (0-based) is generated at ttftMs + j × interTokenMs after the
// request starts; the first chunk carries token 0 alone, every later chunk up to tokensPerChunk
// tokens, and a chunk is written when its last token is generated. So TTFT = ttftMs,
// E2E = ttftMs + (N − 1) × interTokenMs and TPOT = interTokenMs exactly (server side).
import type { ServerResponse } from 'node:http';
import { addAbortWaiter, removeAbortWaiter } from '../abort-watch.ts';

/** Epoch ms with sub-ms precision (comparable with Date.now() and a client's performance clock). */
export function nowMs(): number {
  return performance.timeOrigin + performance.now();
}

export class Schedule {
  readonly chunks: number;

  constructor(
    readonly tokenCount: number,
    readonly ttftMs: number,
    readonly interTokenMs: number,
    readonly tokensPerChunk: number,
  ) {
    this.chunks = tokenCount === 0 ? 0 : 1 + Math.ceil((tokenCount - 1) / tokensPerChunk);
  }

  /** Tokens [from, to) of chunk c. */
  range(c: number): [number, number] {
    if (c === 0) return [0, 1];
    const from = 1 + (c - 1) * this.tokensPerChunk;
    return [from, Math.min(this.tokenCount, from + this.tokensPerChunk)];
  }

  /** When chunk c is written, ms after the start. */
  dueMs(c: number): number {
    return this.ttftMs + (this.range(c)[1] - 1) * this.interTokenMs;
  }

  /** When the last token is written, ms after the start (0 tokens: ttftMs). */
  endMs(): number {
    return this.ttftMs + Math.max(0, this.tokenCount - 1) * this.interTokenMs;
  }
}

/**
 * One request's output: writes with backpressure, and waits on the schedule. Per chunk it costs one
 * plain timer and one write; the abort listener (client gone, simulator closing) is set up once.
 * In trickle mode the first bytes go out one at a time every `byteMs` until `untilAt`.
 */
export class Sink {
  private trickle: { byteMs: number; untilAt: number } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private wake: ((ok: boolean) => void) | null = null;
  private unflushed = 0;
  private onFlushed: (() => void) | null = null;

  constructor(
    private readonly res: ServerResponse,
    private readonly signal: AbortSignal,
  ) {
    const onAbort = () => this.interrupt();
    addAbortWaiter(signal, onAbort);
    res.once('close', () => {
      // The simulator-wide signal outlives the request: leave no listener behind.
      removeAbortWaiter(signal, onAbort);
      this.interrupt();
    });
  }

  startTrickle(byteMs: number, forMs: number): void {
    this.trickle = { byteMs, untilAt: nowMs() + forMs };
  }

  get closed(): boolean {
    return this.signal.aborted || this.res.destroyed;
  }

  /** Waits until an epoch-ms instant; false when the request ended first. */
  async until(at: number): Promise<boolean> {
    // libuv timers count whole ms from a cached loop time and can fire up to 1 ms early: round up, recheck.
    for (let wait = at - nowMs(); wait > 0.05; wait = at - nowMs()) {
      if (this.closed) return false;
      const ok = await new Promise<boolean>((resolve) => {
        this.wake = resolve;
        this.timer = setTimeout(() => resolve(true), Math.ceil(wait));
      });
      this.wake = null;
      if (!ok) return false;
    }
    return !this.closed;
  }

  async write(text: string): Promise<void> {
    if (this.closed || text.length === 0) return;
    if (this.trickle && nowMs() < this.trickle.untilAt) return this.dribble(Buffer.from(text));
    await this.writeRaw(text);
  }

  /** Resolves once everything written has reached the socket (before a fault destroys it). */
  flushed(): Promise<void> {
    if (this.unflushed === 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => (this.onFlushed = resolve));
  }

  private async dribble(bytes: Buffer): Promise<void> {
    const t = this.trickle!;
    let i = 0;
    while (i < bytes.length && nowMs() < t.untilAt && !this.closed) {
      await this.writeRaw(bytes.subarray(i, i + 1));
      i++;
      if (!(await this.until(nowMs() + t.byteMs))) return;
    }
    if (i < bytes.length) await this.writeRaw(bytes.subarray(i));
  }

  private async writeRaw(data: string | Buffer): Promise<void> {
    if (this.closed) return;
    this.unflushed++;
    const more = this.res.write(data, () => {
      if (--this.unflushed === 0 && this.onFlushed) this.onFlushed();
    });
    if (!more && !this.closed) {
      await new Promise<void>((resolve) => {
        this.wake = () => resolve();
        this.res.once('drain', () => resolve());
      });
      this.wake = null;
    }
  }

  private interrupt(): void {
    if (this.timer) clearTimeout(this.timer);
    this.wake?.(false);
    this.onFlushed?.();
  }
}
