// Runs one compiled program on one test in the sandbox and decides that test's verdict.
import type { CodeReference, TestCase } from '../../types.ts';
import { firstDifference, runChecker } from './checker.ts';
import type { Program } from './compile.ts';
import { classifyRun, OUTPUT_LIMIT_BYTES, runLimits, type Verdict } from './verdict.ts';
import { readCapped, withRunDir, type JudgeEnv } from './workspace.ts';

export interface TestOutcome {
  /** null: passed. */
  verdict: Exclude<Verdict, 'AC' | 'CE'> | null;
  cpuMs: number;
  memoryMb: number;
  detail?: string;
}

export async function runTest(env: JudgeEnv, program: Program, test: TestCase, ref: CodeReference): Promise<TestOutcome> {
  const fileMode = ref.inputMode === 'file';
  const { sandbox, wallGuardMs } = runLimits(ref.timeLimitMs, ref.memoryLimitMb);
  const run = await withRunDir(env, async (dir) => {
    dir.file('input.txt', test.input);
    if (fileMode) dir.file('output.txt', '', true);
    const argv = program.language === 'cpp' ? ['./prog'] : ['/usr/bin/python3', 'sol.py'];
    dir.mount(program.path, program.language === 'cpp' ? 'prog' : 'sol.py');
    const r = await dir.exec(argv, sandbox, wallGuardMs, 'input.txt');
    const output = readCapped(fileMode ? `${dir.path}/output.txt` : r.stdoutPath, OUTPUT_LIMIT_BYTES);
    const stderrHead = readCapped(r.stderrPath, 2048).text;
    return { r, output, stderrHead };
  });
  const { r, output, stderrHead } = run;
  const measured = { cpuMs: r.cpuMs, memoryMb: r.maxRssKb / 1024 };
  const failed = classifyRun(
    { exitCode: r.exitCode, signal: r.signal, cpuMs: r.cpuMs, maxRssKb: r.maxRssKb, wallKilled: r.wallKilled, outputBytes: output.bytes, stderrHead },
    { timeLimitMs: ref.timeLimitMs, memoryLimitMb: ref.memoryLimitMb, outputLimitBytes: OUTPUT_LIMIT_BYTES },
  );
  if (failed) return { ...measured, verdict: failed.verdict as TestOutcome['verdict'], detail: failed.detail };
  if (ref.checker) {
    const c = await runChecker(env, ref.checker, test.input, test.output, output.text);
    return { ...measured, verdict: c.accepted ? null : 'WA', detail: c.detail };
  }
  const diff = firstDifference(test.output, output.text);
  return { ...measured, verdict: diff === null ? null : 'WA', detail: diff ?? undefined };
}
