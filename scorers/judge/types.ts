// The judge's public types (re-exported by index.ts).
import type { CodeReference, SourceCode } from '../../types.ts';
import type { Verdict } from './verdict.ts';

export type { Verdict };

export interface JudgeOptions {
  /** 'local' (default): the bubblewrap sandbox on this machine; 'piston': a pool of Piston executors. */
  backend?: 'local' | 'piston';
  /** Base URLs of Piston servers (e.g. http://10.0.0.5:2000); requests go to /api/v2/execute. */
  pistonUrls?: string[];
  /** Run code without a sandbox when none is available (limits only; the program sees the host). */
  unsafe?: boolean;
  /** Tests and compiles run at once; default: the number of cores (local), 4 per URL (piston). */
  workers?: number;
  /** Compiled binaries, keyed by source hash, and a precompiled bits/stdc++.h (~100 MB, built on first
   *  need); default: <tmpdir>/r1bench-judge-<uid>. */
  cacheDir?: string;
}

export interface JudgeResult {
  verdict: Verdict;
  /** 0-based index of the first failing test. */
  failedTest?: number;
  /** Tests judged up to the verdict: all of them for AC, failedTest + 1 otherwise, 0 for CE. */
  testsRun: number;
  /** Largest CPU time of one test, ms. */
  timeMs: number;
  /** Largest peak resident memory of one test, MB. */
  memoryMb?: number;
  /** Short, capped; never host file contents. */
  detail?: string;
}

export interface Judge {
  judge(source: SourceCode, ref: CodeReference): Promise<JudgeResult>;
  close(): Promise<void>;
}

/** No usable sandbox and the user did not opt into running code unsandboxed. */
export class SandboxUnavailableError extends Error {
  constructor(reason: string) {
    super(`no code sandbox: ${reason}; install bubblewrap (apt-get install -y bubblewrap) or pass the unsafe flag to run code unsandboxed`);
    this.name = 'SandboxUnavailableError';
  }
}

/** One backend judges a source against all tests of a reference. */
export interface JudgeBackend {
  judge(source: SourceCode, ref: CodeReference): Promise<JudgeResult>;
  close(): Promise<void>;
}

/** The judge's own settings are wrong (a Piston URL, a missing URL): the user's to fix. */
export class JudgeConfigError extends Error {}
