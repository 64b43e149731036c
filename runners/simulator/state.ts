// Shared state of one simulator: the items it knows, counters, the request log, the run queue.
import { appendFileSync } from 'node:fs';
import { loadSuite } from '../../suites/registry.ts';
import { addAbortWaiter, removeAbortWaiter } from '../abort-watch.ts';
import { ItemIndex, type Correctness } from './answers.ts';
import type { FaultKind } from './faults.ts';
import { bump, emptyStats, type SimulatorStats } from './metrics.ts';
import type { SimulatorOptions } from './options.ts';

export interface RequestLogEntry {
  seq: number;
  /** `suiteId/itemId/sample` from x-r1bench-sample, else `prompt:<hash>/<n>`; '' when rejected before reading. */
  sampleKey: string;
  /** 0 for the first request of this sample key, 1 for its first retry, ... */
  attempt: number;
  /** `suiteId/itemId` of the recognised item, or `prompt:<hash>`. */
  itemKey?: string;
  stream: boolean;
  /** Epoch ms (sub-ms precision): request received, left the queue, first token written, finished. */
  receivedAt: number;
  startedAt?: number;
  firstTokenAt?: number;
  endedAt?: number;
  /** HTTP status sent; null when the connection was reset before any byte. */
  status: number | null;
  /** 'pending' until finished; then 'stop' | 'length' | 'client-closed' | a fault kind | 'unauthorized' | 'unknown-model' | 'bad-request'. */
  outcome: string;
  fault: FaultKind | null;
  correctness?: Correctness;
  /** Tokens actually written. */
  completionTokens: number;
  finishReason?: 'stop' | 'length';
  /** A doctor probe (x-r1bench-probe): kept out of the log and the counters. */
  probe?: boolean;
}

export class SimulatorState {
  readonly stats: SimulatorStats = emptyStats();
  readonly requestLog: RequestLogEntry[] = [];
  readonly index = new ItemIndex();
  /** Aborted on close: ends every stall, sleep and stream. */
  readonly closing = new AbortController();
  private readonly attempts = new Map<string, number>();
  private readonly promptCounts = new Map<string, number>();
  private readonly queue: (() => void)[] = [];
  private seq = 0;
  private indexReady: Promise<void> | null = null;

  // Every open request waits on `closing` (through abort-watch: one listener, however many requests).
  constructor(readonly opts: SimulatorOptions) {}

  /** Loads the suites once, on the first request; a suite that fails is noted in stats and skipped. */
  ready(): Promise<void> {
    this.indexReady ??= (async () => {
      for (const s of this.opts.loadedSuites) this.index.add(s);
      const results = await Promise.allSettled(this.opts.suites.map((spec) => loadSuite(spec)));
      results.forEach((r, i) => {
        if (r.status === 'fulfilled') this.index.add(r.value);
        else this.stats.loadErrors.push(`${this.opts.suites[i]}: ${(r.reason as Error)?.message ?? String(r.reason)}`.split('\n')[0]!);
      });
      this.stats.itemsIndexed = this.index.size;
    })();
    return this.indexReady;
  }

  newEntry(stream: boolean, receivedAt: number, probe = false): RequestLogEntry {
    const entry: RequestLogEntry = { seq: probe ? -1 : this.seq++, sampleKey: '', attempt: 0, stream, receivedAt, status: null, outcome: 'pending', fault: null, completionTokens: 0 };
    if (probe) {
      entry.probe = true;
      return entry;
    }
    this.requestLog.push(entry);
    if (this.requestLog.length > this.opts.requestLogLimit * 1.1) this.requestLog.splice(0, this.requestLog.length - this.opts.requestLogLimit);
    return entry;
  }

  /** Marks a request finished: counters, and one line in the log file. */
  finish(entry: RequestLogEntry, outcome: string, status: number | null, endedAt: number): void {
    entry.outcome = outcome;
    entry.status = status;
    entry.endedAt = endedAt;
    if (entry.probe) return;
    bump(this.stats.outcomes, outcome);
    bump(this.stats.byStatus, status === null ? 'reset' : String(status));
    if (this.opts.logFile) appendFileSync(this.opts.logFile, JSON.stringify(entry) + '\n');
  }

  /** The attempt number of this sample key (0 the first time). */
  nextAttempt(sampleKey: string): number {
    const n = this.attempts.get(sampleKey) ?? 0;
    this.attempts.set(sampleKey, n + 1);
    return n;
  }

  /** A sample key for a request without x-r1bench-sample: the prompt's own counter. */
  promptSample(promptKey: string): string {
    const n = this.promptCounts.get(promptKey) ?? 0;
    this.promptCounts.set(promptKey, n + 1);
    return `${promptKey}/${n}`;
  }

  /** Waits for a generation slot (maxRunning); resolves false if the simulator closes first. */
  async acquire(): Promise<boolean> {
    const max = this.opts.maxRunning;
    if (max > 0 && this.stats.running >= max) {
      this.stats.waiting++;
      await new Promise<void>((resolve) => {
        const onAbort = () => resolve();
        addAbortWaiter(this.closing.signal, onAbort);
        this.queue.push(() => {
          removeAbortWaiter(this.closing.signal, onAbort);
          resolve();
        });
      });
      this.stats.waiting--;
      if (this.closing.signal.aborted) return false;
    }
    this.stats.running++;
    return true;
  }

  release(): void {
    this.stats.running--;
    this.queue.shift()?.();
  }
}
