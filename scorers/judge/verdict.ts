// Turns what a finished run did into a verdict. Shared by the local sandbox and the Piston backend so
// both give the same verdict for the same behaviour.
import type { SandboxLimits } from './sandbox.ts';

export type Verdict = 'AC' | 'WA' | 'TLE' | 'MLE' | 'RE' | 'CE' | 'OLE';

/** Largest output (stdout or output.txt) a solution may write: beyond it the verdict is OLE. */
export const OUTPUT_LIMIT_BYTES = 32 * 1024 * 1024;
const SIGKILL = 9;
const SIGXCPU = 24;
const SIGXFSZ = 25;
/** What runtimes print when an allocation fails under the address-space limit. */
const OUT_OF_MEMORY = /std::bad_alloc|MemoryError|Cannot allocate memory|out of memory/i;

export interface RunFacts {
  exitCode: number;
  /** Signal number, or 0; an exit code above 128 from bwrap also means a signal. */
  signal: number;
  cpuMs: number;
  maxRssKb: number;
  wallKilled: boolean;
  outputBytes: number;
  stderrHead: string;
}

export interface RunLimits {
  timeLimitMs: number;
  memoryLimitMb: number;
  outputLimitBytes: number;
}

/** Limits of one test run: RLIMIT_CPU is whole seconds, so it is only a backstop above the ms limit. */
export function runLimits(timeLimitMs: number, memoryLimitMb: number): { sandbox: SandboxLimits; wallGuardMs: number } {
  const cpuSeconds = Math.ceil(timeLimitMs / 1000) + 1;
  return {
    sandbox: { memoryMb: memoryLimitMb, cpuSeconds, processes: 32, fileSizeBytes: OUTPUT_LIMIT_BYTES, scratchMb: 32 },
    // Generous: a loaded 2-core machine must not turn a correct solution into a TLE; only a
    // program that sleeps or blocks ever reaches this guard (spinning ones hit the CPU limit).
    wallGuardMs: 3 * cpuSeconds * 1000 + 2000,
  };
}

export function signalOf(f: Pick<RunFacts, 'exitCode' | 'signal'>): number {
  if (f.signal) return f.signal;
  return f.exitCode > 128 && f.exitCode < 160 ? f.exitCode - 128 : 0;
}

/** null: the run finished cleanly within its limits and its output goes to the checker. */
export function classifyRun(f: RunFacts, lim: RunLimits): { verdict: Verdict; detail: string } | null {
  const sig = signalOf(f);
  if (f.outputBytes >= lim.outputLimitBytes || sig === SIGXFSZ) {
    return { verdict: 'OLE', detail: `output reached the ${lim.outputLimitBytes >> 20} MiB limit` };
  }
  if (f.wallKilled) return { verdict: 'TLE', detail: 'killed by the wall-clock guard (sleeping or blocked)' };
  if (f.cpuMs > lim.timeLimitMs || sig === SIGXCPU) {
    return { verdict: 'TLE', detail: `CPU ${Math.round(f.cpuMs)} ms > ${lim.timeLimitMs} ms` };
  }
  if (f.exitCode === 0 && sig === 0) return null;
  const peakMb = f.maxRssKb / 1024;
  // A failed allocation under RLIMIT_AS often happens long before the resident set is near the
  // limit (one big request), so the runtime's own message counts as evidence too.
  if (peakMb >= 0.9 * lim.memoryLimitMb || OUT_OF_MEMORY.test(f.stderrHead)) {
    return { verdict: 'MLE', detail: `peak ${Math.round(peakMb)} MB of ${lim.memoryLimitMb} MB` };
  }
  if (sig === SIGKILL && f.cpuMs >= lim.timeLimitMs) return { verdict: 'TLE', detail: 'killed at the CPU limit' };
  const why = sig ? `killed by signal ${sig}` : `exit code ${f.exitCode}`;
  return { verdict: 'RE', detail: `${why}${f.stderrHead ? `: ${shorten(lastLine(f.stderrHead), 160)}` : ''}` };
}

function lastLine(s: string): string {
  const lines = s.trim().split('\n');
  return lines[lines.length - 1] ?? '';
}

export function shorten(s: string, max: number): string {
  const t = s.replace(/[\u0000-\u0008\u000b-\u001f]/g, '?');
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}
