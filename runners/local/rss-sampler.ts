// Resident memory of this process over time: with an in-process engine, the model and its KV cache live here.
export interface RssSample {
  /** Epoch ms. */
  at: number;
  rssMb: number;
}

/** Keeps at most this many samples: a long run halves its resolution rather than growing without end. */
const MAX_SAMPLES = 10_000;

export class RssSampler {
  private readonly samplesList: RssSample[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stride = 1;
  private ticks = 0;
  private peakMb = 0;

  constructor(private readonly intervalMs = 1000) {}

  start(): this {
    this.sample();
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref(); // never keeps the process alive
    return this;
  }

  private tick(): void {
    this.ticks++;
    if (this.ticks % this.stride === 0) this.sample();
    else this.peakMb = Math.max(this.peakMb, process.memoryUsage.rss() / 2 ** 20);
  }

  sample(): RssSample {
    const s = { at: Date.now(), rssMb: process.memoryUsage.rss() / 2 ** 20 };
    this.peakMb = Math.max(this.peakMb, s.rssMb);
    this.samplesList.push(s);
    if (this.samplesList.length > MAX_SAMPLES) {
      // Drop every other sample and sample half as often from now on.
      for (let i = this.samplesList.length - 1; i > 0; i -= 2) this.samplesList.splice(i - 1, 1);
      this.stride *= 2;
    }
    return s;
  }

  get samples(): readonly RssSample[] {
    return this.samplesList;
  }

  /** Highest RSS seen, including ticks not kept as samples. */
  get peakRssMb(): number {
    return this.peakMb;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.sample();
  }
}
