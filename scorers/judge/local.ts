// The default backend: compile and run in the bubblewrap sandbox on this machine.
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { CodeReference, SourceCode } from '../../types.ts';
import { compileSource } from './compile.ts';
import { ensureHelper } from './exec.ts';
import { runUntilFirstFailure, WorkerPool } from './pool.ts';
import { runTest, type TestOutcome } from './run-test.ts';
import { detectHost, type SandboxHost } from './sandbox.ts';
import { SandboxUnavailableError, type JudgeBackend, type JudgeResult } from './types.ts';
import { defaultCacheDir, prepareCacheDir, withRunDir, type JudgeEnv } from './workspace.ts';

export interface LocalOptions {
  unsafe?: boolean;
  workers?: number;
  cacheDir?: string;
}

const probes = new Map<string, Promise<{ ok: boolean; reason?: string }>>();

/** Starts a trivial program in the real sandbox once per cache dir: installed is not the same as working. */
export function probeSandbox(cacheDir = defaultCacheDir()): Promise<{ ok: boolean; reason?: string }> {
  let p = probes.get(cacheDir);
  if (!p) {
    p = (async () => {
      const host = detectHost();
      if ('error' in host) return { ok: false, reason: host.error };
      let helper: string;
      try {
        prepareCacheDir(cacheDir, host.dropPrivileges);
        helper = await ensureHelper(cacheDir);
      } catch (e) {
        return { ok: false, reason: `cannot prepare the judge: ${(e as Error).message.split('\n')[0]}` };
      }
      const env: JudgeEnv = { host, helper, cacheDir };
      const limits = { memoryMb: 256, cpuSeconds: 5, processes: 8, fileSizeBytes: 1 << 20, scratchMb: 1 };
      const r = await withRunDir(env, (dir) => dir.exec(['/usr/bin/true'], limits, 30_000));
      if (r.wallKilled || r.exitCode !== 0) return { ok: false, reason: `bubblewrap could not start a sandbox (exit code ${r.exitCode}); user namespaces may be disabled` };
      return { ok: true };
    })();
    probes.set(cacheDir, p);
  }
  return p;
}

/** The sandbox this machine offers, or the unsafe fallback the user asked for, or an error. */
export async function openEnvironment(cacheDir: string, unsafe: boolean): Promise<JudgeEnv> {
  const probe = await probeSandbox(cacheDir);
  if (!probe.ok && !unsafe) throw new SandboxUnavailableError(probe.reason ?? 'unknown reason');
  mkdirSync(cacheDir, { recursive: true, mode: 0o755 });
  const helper = await ensureHelper(cacheDir);
  if (probe.ok) return { host: detectHost() as SandboxHost, helper, cacheDir };
  return { host: { mode: 'unsafe', dropPrivileges: false, bwrapPath: '' }, helper, cacheDir };
}

/** The local sandbox, opened on first use (and again after a failed opening), with its worker pool. */
export class LocalSandbox {
  readonly pool: WorkerPool;
  private env?: Promise<JudgeEnv>;

  constructor(private readonly opts: LocalOptions = {}) {
    this.pool = new WorkerPool(opts.workers ?? availableParallelism());
  }

  environment(): Promise<JudgeEnv> {
    this.env ??= openEnvironment(this.opts.cacheDir ?? defaultCacheDir(), this.opts.unsafe ?? false);
    this.env.catch(() => { this.env = undefined; });
    return this.env;
  }
}

export class LocalBackend implements JudgeBackend {
  private readonly sandbox: LocalSandbox;

  constructor(opts: LocalOptions = {}) {
    this.sandbox = new LocalSandbox(opts);
  }

  async judge(source: SourceCode, ref: CodeReference): Promise<JudgeResult> {
    if (ref.tests.length === 0) throw new Error('code reference has no tests: nothing to judge against');
    const env = await this.sandbox.environment();
    const { pool } = this.sandbox;
    const compiled = await pool.run(() => compileSource(env, source));
    if (!compiled.ok) return { verdict: 'CE', testsRun: 0, timeMs: 0, detail: compiled.detail };
    const program = compiled.program;
    const { outcomes, failedIndex } = await runUntilFirstFailure<TestOutcome>(
      pool, ref.tests.length, (i) => runTest(env, program, ref.tests[i]!, ref), (o) => o.verdict !== null);
    return summarize(outcomes, failedIndex, ref.tests.length);
  }

  async close(): Promise<void> {
    // Nothing persistent: every sandbox is gone when its judge() call resolves.
  }
}

export function summarize(outcomes: (TestOutcome | undefined)[], failedIndex: number, total: number): JudgeResult {
  const ran = outcomes.filter((o): o is TestOutcome => o !== undefined);
  const timeMs = Math.round(Math.max(0, ...ran.map((o) => o.cpuMs)));
  const memoryMb = Math.round(Math.max(0, ...ran.map((o) => o.memoryMb)) * 10) / 10;
  if (failedIndex < 0) return { verdict: 'AC', testsRun: total, timeMs, memoryMb };
  const f = outcomes[failedIndex]!;
  return {
    verdict: f.verdict!, failedTest: failedIndex, testsRun: failedIndex + 1, timeMs, memoryMb,
    detail: `test ${failedIndex + 1}: ${f.detail ?? f.verdict}`,
  };
}
