// Judging on a pool of Piston executors (https://github.com/engineer-man/piston, the engine open-r1
// runs at scale): POST {url}/api/v2/execute per test, verdicts decided by the same rules as the local
// sandbox (verdict.ts, checker.ts). Piston compiles on every request and has no output.txt, so
// inputMode 'file' is refused. Its servers must allow large outputs (output_max_size), or every long
// answer comes back as OL.
import type { CodeReference, SourceCode, TestCase } from '../../types.ts';
import { acceptedByCheckerOutput, firstDifference } from './checker.ts';
import { runUntilFirstFailure, WorkerPool } from './pool.ts';
import type { TestOutcome } from './run-test.ts';
import { summarize } from './local.ts';
import { JudgeConfigError, type JudgeBackend, type JudgeResult } from './types.ts';
import { classifyRun, OUTPUT_LIMIT_BYTES, runLimits, shorten } from './verdict.ts';
import { constants } from 'node:os';

export interface PistonStage {
  stdout: string;
  stderr: string;
  code: number | null;
  signal: string | null;
  status?: string | null;
  message?: string | null;
  cpu_time?: number;
  wall_time?: number;
  memory?: number;
}

export interface PistonResponse { language: string; version: string; run?: PistonStage; compile?: PistonStage }

export interface PistonOptions {
  urls: string[];
  workers?: number;
  /** Piston runtime per language; defaults: c++ and python, any version. */
  runtimes?: Partial<Record<'cpp' | 'python', { language: string; version: string }>>;
  requestTimeoutMs?: number;
}

/** The server failed (network, 5xx, internal error): worth retrying on another server. */
export class PistonUnavailableError extends Error {}

const PY_SYNTAX_CHECK = "compile(open('sol.py','rb').read(),'sol.py','exec')";

export class PistonBackend implements JudgeBackend {
  private readonly pool: WorkerPool;
  private readonly inFlight: number[];
  private readonly runtimes: Record<'cpp' | 'python', { language: string; version: string }>;

  constructor(private readonly opts: PistonOptions) {
    if (opts.urls.length === 0) throw new JudgeConfigError('piston backend needs at least one URL');
    for (const u of opts.urls) if (!/^https?:\/\//.test(u)) throw new JudgeConfigError(`--piston-url must start with http:// or https://: ${u}`);
    this.pool = new WorkerPool(opts.workers ?? 4 * opts.urls.length);
    this.inFlight = opts.urls.map(() => 0);
    this.runtimes = { cpp: { language: 'c++', version: '*' }, python: { language: 'python', version: '*' }, ...opts.runtimes };
  }

  /** Sends one request to the least busy server, moving on to the next one when a server fails. */
  async execute(body: Record<string, unknown>): Promise<PistonResponse> {
    let lastError: unknown;
    const order = this.opts.urls.map((_, i) => i).sort((a, b) => this.inFlight[a]! - this.inFlight[b]!);
    for (const i of order) {
      this.inFlight[i]!++;
      try {
        return await this.post(this.opts.urls[i]!, body);
      } catch (e) {
        if (!(e instanceof PistonUnavailableError)) throw e;
        lastError = e;
      } finally {
        this.inFlight[i]!--;
      }
    }
    throw lastError;
  }

  private async post(base: string, body: Record<string, unknown>): Promise<PistonResponse> {
    const url = `${base.replace(/\/+$/, '')}/api/v2/execute`;
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.opts.requestTimeoutMs ?? 120_000),
      });
    } catch (e) {
      throw new PistonUnavailableError(`piston ${url}: ${(e as Error).message}`);
    }
    const text = await res.text();
    if (res.status >= 500) throw new PistonUnavailableError(`piston ${url}: HTTP ${res.status}`);
    let json: { message?: string } & Partial<PistonResponse>;
    try { json = JSON.parse(text); } catch { throw new PistonUnavailableError(`piston ${url}: response is not JSON`); }
    if (res.status !== 200) throw new Error(`piston ${url} rejected the request: ${json.message ?? `HTTP ${res.status}`}`);
    // A failed compile stage may come without a run stage; anything else needs one.
    const compileFailed = json.compile && (json.compile.code !== 0 || json.compile.status);
    if (!json.run && !compileFailed) throw new PistonUnavailableError(`piston ${url}: response without a run stage`);
    if (json.run?.status === 'XX' || json.compile?.status === 'XX') throw new PistonUnavailableError(`piston ${url}: internal error`);
    return json as PistonResponse;
  }

  private request(source: SourceCode, ref: CodeReference, stdin: string): Record<string, unknown> {
    const { wallGuardMs } = runLimits(ref.timeLimitMs, ref.memoryLimitMb);
    return {
      ...this.runtimes[source.language],
      files: [{ name: source.language === 'cpp' ? 'main.cpp' : 'main.py', content: source.code }],
      stdin, args: [],
      compile_timeout: 90_000, compile_cpu_time: 30_000, compile_memory_limit: -1,
      run_timeout: wallGuardMs, run_cpu_time: ref.timeLimitMs, run_memory_limit: ref.memoryLimitMb * 1024 * 1024,
    };
  }

  async judge(source: SourceCode, ref: CodeReference): Promise<JudgeResult> {
    if (ref.tests.length === 0) throw new Error('code reference has no tests: nothing to judge against');
    if (ref.inputMode === 'file') throw new Error("piston backend cannot judge inputMode 'file' problems (Piston returns no output.txt); use the local backend");
    const ce = await this.pool.run(() => this.compileError(source, ref));
    if (ce !== null) return { verdict: 'CE', testsRun: 0, timeMs: 0, detail: ce };
    const { outcomes, failedIndex } = await runUntilFirstFailure<TestOutcome>(
      this.pool, ref.tests.length, (i) => this.runTest(source, ref, ref.tests[i]!), (o) => o.verdict !== null);
    return summarize(outcomes, failedIndex, ref.tests.length);
  }

  /** Same as the local judge: C++ must compile, Python must parse (Piston itself has no such stage). */
  private async compileError(source: SourceCode, ref: CodeReference): Promise<string | null> {
    const body = source.language === 'python'
      ? { ...this.runtimes.python, files: [{ name: 'check.py', content: PY_SYNTAX_CHECK }, { name: 'sol.py', content: source.code }], stdin: '', args: [], run_timeout: 30_000 }
      : { ...this.request(source, ref, ''), run_timeout: 1, run_cpu_time: 1 };
    const res = await this.execute(body);
    const stage = source.language === 'python' ? res.run : res.compile;
    if (source.language === 'python' && !stage) throw new PistonUnavailableError('piston answered without a run stage');
    if (!stage || (stage.code === 0 && !stage.status)) return null;
    if (stage.status === 'TO') return 'compilation exceeded its time limit';
    const lines = stage.stderr.split('\n').filter((l) => /error|Error/.test(l));
    return shorten((lines.length ? lines.slice(0, 3) : stage.stderr.trim().split('\n').slice(-2)).join(' | '), 300) || `compiler exit code ${stage.code}`;
  }

  private async runTest(source: SourceCode, ref: CodeReference, test: TestCase): Promise<TestOutcome> {
    const res = await this.execute(this.request(source, ref, test.input));
    const run = res.run;
    if (!run) throw new PistonUnavailableError('piston answered a test run without a run stage');
    const signal = run.signal ? (constants.signals as Record<string, number>)[run.signal] ?? 9 : 0;
    const measured = { cpuMs: run.cpu_time ?? 0, memoryMb: (run.memory ?? 0) / (1024 * 1024) };
    const failed = classifyRun({
      exitCode: run.code ?? (signal ? 128 + signal : 0), signal, cpuMs: measured.cpuMs,
      maxRssKb: (run.memory ?? 0) / 1024, wallKilled: run.status === 'TO' && (run.cpu_time ?? 0) <= ref.timeLimitMs,
      outputBytes: run.status === 'OL' || run.status === 'EL' ? OUTPUT_LIMIT_BYTES : Buffer.byteLength(run.stdout),
      stderrHead: run.stderr.slice(0, 2048),
    }, { timeLimitMs: ref.timeLimitMs, memoryLimitMb: ref.memoryLimitMb, outputLimitBytes: OUTPUT_LIMIT_BYTES });
    if (failed) return { ...measured, verdict: failed.verdict as TestOutcome['verdict'], detail: failed.detail };
    if (ref.checker) {
      const c = await this.execute({
        ...this.runtimes.python,
        files: [{ name: 'checker.py', content: ref.checker }, { name: 'input.txt', content: test.input },
          { name: 'correct_output.txt', content: test.output }, { name: 'participant_output.txt', content: run.stdout }],
        stdin: '', args: ['input.txt', 'correct_output.txt', 'participant_output.txt'], run_timeout: 30_000, run_cpu_time: 10_000,
      });
      const out = c.run?.stdout ?? '';
      const ok = c.run?.code === 0 && acceptedByCheckerOutput(out);
      return { ...measured, verdict: ok ? null : 'WA', detail: ok ? undefined : `checker said '${shorten(out.trim(), 40)}'` };
    }
    const diff = firstDifference(test.output, run.stdout);
    return { ...measured, verdict: diff === null ? null : 'WA', detail: diff ?? undefined };
  }

  async close(): Promise<void> {
    // fetch keeps no state of ours to release.
  }
}
