// Judges Python solutions to LiveCodeBench problems in the local sandbox: one sandboxed python3 per
// sample runs lcb-harness.py, which follows LiveCodeBench's own evaluator (see its header) and prints
// one verdict line. The harness is the judge's code: the model's code is only sol.py.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LocalSandbox } from './local.ts';
import { SandboxUnavailableError, type JudgeResult, type Verdict } from './types.ts';
import { classifyRun, OUTPUT_LIMIT_BYTES, shorten } from './verdict.ts';
import { readCapped, withRunDir, type JudgeEnv } from './workspace.ts';

// Copied into each run directory (not bind-mounted from the checkout): the sandbox user may not be able
// to read the folder r1bench is installed in (a private clone, a 0700 home).
const HARNESS_SOURCE = readFileSync(fileURLToPath(new URL('./lcb-harness.py', import.meta.url)), 'utf8');
/** LiveCodeBench sets no memory limit of its own (reliability_guard(None)); the sandbox needs one. */
export const LCB_MEMORY_MB = 4096;

export interface LcbTestCase {
  input: string;
  output: string;
}

export interface LcbJudgeRequest {
  code: string;
  tests: LcbTestCase[];
  /** null: stdin tests (the code is a program); else the function functional tests call. */
  funcName: string | null;
  timeLimitMs: number;
}

export interface LcbJudgeOptions {
  unsafe?: boolean;
  workers?: number;
  cacheDir?: string;
}

interface HarnessLine {
  verdict: Verdict;
  test: number | null;
  detail: string | null;
  passed: number;
}

function parseHarnessLine(stdout: string): HarnessLine | null {
  const last = stdout.trim().split('\n').pop() ?? '';
  try {
    const v = JSON.parse(last) as HarnessLine;
    return typeof v?.verdict === 'string' ? v : null;
  } catch {
    return null;
  }
}

export class LiveCodeBenchJudge {
  private readonly sandbox: LocalSandbox;

  constructor(opts: LcbJudgeOptions = {}) {
    this.sandbox = new LocalSandbox(opts);
  }

  async judge(req: LcbJudgeRequest): Promise<JudgeResult> {
    if (req.tests.length === 0) throw new Error('LiveCodeBench problem has no tests: nothing to judge against');
    const env = await this.sandbox.environment();
    return this.sandbox.pool.run(() => this.run(env, req));
  }

  private async run(env: JudgeEnv, req: LcbJudgeRequest): Promise<JudgeResult> {
    const spec = JSON.stringify({ timeoutSeconds: req.timeLimitMs / 1000, funcName: req.funcName, tests: req.tests });
    const largestInput = Math.max(...req.tests.map((t) => Buffer.byteLength(t.input)));
    const n = req.tests.length;
    // Each test's limit is enforced by the harness; these are backstops for the whole process, as
    // LiveCodeBench's global timeout ((timeout + 1) × tests) is.
    const cpuSeconds = Math.ceil((req.timeLimitMs / 1000 + 1) * n) + 2;
    const limits = { memoryMb: LCB_MEMORY_MB, cpuSeconds, processes: 32, fileSizeBytes: OUTPUT_LIMIT_BYTES, scratchMb: 64 + 2 * Math.ceil(largestInput / (1 << 20)) };
    const wallGuardMs = 3 * cpuSeconds * 1000 + 5000;
    const { r, stdout, stderrHead } = await withRunDir(env, async (dir) => {
      dir.file('tests.json', spec);
      dir.file('sol.py', req.code);
      dir.file('harness.py', HARNESS_SOURCE);
      const r = await dir.exec(['/usr/bin/python3', 'harness.py'], limits, wallGuardMs);
      return { r, stdout: readCapped(r.stdoutPath, 64 * 1024).text, stderrHead: readCapped(r.stderrPath, 2048).text };
    });
    const cpuMs = r.cpuMs;
    const memoryMb = Math.round((r.maxRssKb / 1024) * 10) / 10;
    const line = parseHarnessLine(stdout);
    if (line) {
      if (line.verdict === 'AC') return { verdict: 'AC', testsRun: n, timeMs: Math.round(cpuMs), memoryMb };
      if (line.verdict === 'CE') return { verdict: 'CE', testsRun: 0, timeMs: 0, detail: line.detail ?? 'syntax error' };
      const failed = line.test ?? 0;
      return { verdict: line.verdict, failedTest: failed, testsRun: failed + 1, timeMs: Math.round(cpuMs), memoryMb, detail: `test ${failed + 1}: ${line.detail ?? line.verdict}` };
    }
    // No verdict line: the process itself was stopped (CPU or memory limit, a signal, the wall guard).
    const facts = { exitCode: r.exitCode, signal: r.signal, cpuMs, maxRssKb: r.maxRssKb, wallKilled: r.wallKilled, outputBytes: 0, stderrHead };
    const c = classifyRun(facts, { timeLimitMs: cpuSeconds * 1000, memoryLimitMb: LCB_MEMORY_MB, outputLimitBytes: OUTPUT_LIMIT_BYTES });
    if (c) return { verdict: c.verdict, testsRun: 0, timeMs: Math.round(cpuMs), memoryMb, detail: shorten(c.detail, 200) };
    if (/No such file|can't open file/.test(stderrHead)) throw new SandboxUnavailableError(`the LiveCodeBench harness did not start (${shorten(stderrHead.trim(), 120)})`);
    return { verdict: 'RE', testsRun: 0, timeMs: Math.round(cpuMs), memoryMb, detail: shorten(stderrHead.trim() || `exit code ${r.exitCode}`, 200) };
  }

  async close(): Promise<void> {
    // Nothing persistent: every sandbox is gone when its run resolves.
  }
}
