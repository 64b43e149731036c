// Progress on the terminal: a bar redrawn in place on a TTY, a plain line every few seconds otherwise.
import type { Completion } from '../types.ts';

export interface ProgressOptions {
  total: number;
  alreadyDone: number;
  stream?: NodeJS.WriteStream;
  /** Plain-line period when not a terminal. */
  lineEveryMs?: number;
}

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export class Progress {
  private readonly startMs = Date.now();
  private done = 0;
  private errors = 0;
  private tokens = 0;
  private scored = 0;
  private correct = 0;
  private lastDrawMs = 0;
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;

  constructor(private readonly opts: ProgressOptions) {
    this.stream = opts.stream ?? process.stderr;
    this.tty = !!this.stream.isTTY;
  }

  /** A stored sample; `correct` when the sample could be scored on arrival (undefined: not scored live). */
  add(c: Completion, correct?: boolean): void {
    this.done++;
    if (c.error) this.errors++;
    this.tokens += c.usage?.completionTokens ?? 0;
    if (correct !== undefined) {
      this.scored++;
      if (correct) this.correct++;
    }
    const now = Date.now();
    if (now - this.lastDrawMs >= (this.tty ? 100 : (this.opts.lineEveryMs ?? 10_000))) {
      this.lastDrawMs = now;
      this.draw();
    }
  }

  line(): string {
    const elapsedS = (Date.now() - this.startMs) / 1000;
    const remaining = this.opts.total - this.opts.alreadyDone - this.done;
    const rate = this.done / Math.max(elapsedS, 1e-3);
    const all = this.opts.alreadyDone + this.done;
    const acc = this.scored ? `${((100 * this.correct) / this.scored).toFixed(1)}%` : '—';
    const errs = this.errors ? `  errors ${this.errors}` : '';
    return `${all}/${this.opts.total}  ${rate.toFixed(1)} samples/s  ${Math.round(this.tokens / Math.max(elapsedS, 1e-3))} tok/s  acc ${acc}${errs}  ETA ${duration(remaining / rate)}`;
  }

  private draw(): void {
    if (this.tty) {
      const width = 24;
      const filled = Math.round((width * (this.opts.alreadyDone + this.done)) / Math.max(this.opts.total, 1));
      this.stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(Math.max(0, width - filled))}] ${this.line()}\x1b[K`);
    } else this.stream.write(`progress: ${this.line()}\n`);
  }

  finish(): void {
    if (this.tty) this.stream.write(`\r[${'#'.repeat(24)}] ${this.line()}\x1b[K\n`);
    else this.stream.write(`progress: ${this.line()}\n`);
  }
}
