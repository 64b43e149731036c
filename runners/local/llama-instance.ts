// One llama.cpp instance per process: its log callback is process-wide, and through it llama.cpp reports
// its own performance counters (llama_perf_context_print), which we parse into engine timings.

/** llama.cpp's counters for one context since the last report. */
export interface PerfReport {
  promptTokens: number;
  promptMs: number;
  /** Single-token decodes: every generated token but the first (which the prompt pass yields) and the unfed last. */
  evalRuns: number;
  evalMs: number;
}

const PROMPT_RE = /prompt eval time =\s*([\d.]+) ms \/\s*(\d+) tokens/;
const EVAL_RE = /:\s+eval time =\s*([\d.]+) ms \/\s*(\d+) runs/;

/** Matches each printTimings() call to the lines it makes, in call order (the log queue keeps that order). */
export class PerfCollector {
  private waiting: ((r: PerfReport | undefined) => void)[] = [];
  private partial: { promptTokens: number; promptMs: number } | undefined;

  /** Feeds one log line; returns true when it was a perf line (not to be shown to the user). */
  onLog(line: string): boolean {
    if (!line.includes('llama_perf_context_print')) return false;
    const p = PROMPT_RE.exec(line);
    if (p) this.partial = { promptMs: Number(p[1]), promptTokens: Number(p[2]) };
    const e = EVAL_RE.exec(line);
    if (e) {
      const report = { ...(this.partial ?? { promptTokens: 0, promptMs: 0 }), evalMs: Number(e[1]), evalRuns: Number(e[2]) };
      this.partial = undefined;
      this.waiting.shift()?.(report);
    }
    return true;
  }

  /** Prints and resets a context's counters; resolves with them (undefined if the lines never came). */
  async read(context: { printTimings(): Promise<void> }, waitMs = 2000): Promise<PerfReport | undefined> {
    let settle!: (r: PerfReport | undefined) => void;
    const got = new Promise<PerfReport | undefined>((resolve) => (settle = resolve));
    this.waiting.push(settle);
    const timer = setTimeout(() => {
      this.waiting = this.waiting.filter((w) => w !== settle);
      settle(undefined);
    }, waitMs);
    try {
      await context.printTimings();
    } catch {
      // No report will come for this call: take the waiter out so later reports still match their callers.
      this.waiting = this.waiting.filter((w) => w !== settle);
      settle(undefined);
    }
    try {
      return await got;
    } finally {
      clearTimeout(timer);
    }
  }
}

export const perfCollector = new PerfCollector();

const instances = new Map<string, Promise<any>>();

/** The process's Llama for this GPU choice; llama.cpp warnings and errors still reach stderr. */
export function sharedLlama(nlc: any, gpu: 'auto' | false): Promise<any> {
  const key = String(gpu);
  let llama = instances.get(key);
  if (!llama) {
    llama = nlc.getLlama({
      gpu,
      logLevel: nlc.LlamaLogLevel.info,
      logger: (level: string, message: string) => {
        if (perfCollector.onLog(message)) return;
        if (level === 'error' || level === 'fatal' || level === 'warn') process.stderr.write(`llama.cpp ${level}: ${message.trimEnd()}\n`);
      },
    });
    instances.set(key, llama!);
    llama!.catch(() => instances.delete(key));
  }
  return llama!;
}
