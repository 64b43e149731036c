// Deciding whether an output is accepted: the default token comparison, or the problem's checker.
//
// Checker convention (open-r1/codeforces `generated_checker`): a Python program run as
//   python3 checker.py input.txt correct_output.txt participant_output.txt
// in a working dir holding those three files; it accepts by printing 1 (or 100, a full score) as its
// last output token and exiting 0. It runs in the same sandbox as solutions.
import { shorten } from './verdict.ts';
import { readCapped, withRunDir, type JudgeEnv } from './workspace.ts';

const YES_NO = new Set(['yes', 'no']);

function tokens(s: string): string[] {
  return s.split(/\s+/).filter((t) => t.length > 0);
}

/** The default checker: whitespace-separated tokens equal; YES/NO in any letter case. */
export function compareOutput(expected: string, actual: string): boolean {
  return firstDifference(expected, actual) === null;
}

/** Where the default checker's comparison fails, for a short verdict detail; null when equal. */
export function firstDifference(expected: string, actual: string): string | null {
  const e = tokens(expected);
  const a = tokens(actual);
  const n = Math.min(e.length, a.length);
  for (let i = 0; i < n; i++) {
    const x = e[i]!;
    const y = a[i]!;
    if (x === y) continue;
    if (YES_NO.has(x.toLowerCase()) && x.toLowerCase() === y.toLowerCase()) continue;
    return `token ${i + 1}: expected '${shorten(x, 24)}', got '${shorten(y, 24)}'`;
  }
  if (e.length !== a.length) return `expected ${e.length} tokens, got ${a.length}`;
  return null;
}

/** The checker's own limits: generous, never the solution's. */
const CHECKER_LIMITS = { memoryMb: 1024, cpuSeconds: 10, processes: 32, fileSizeBytes: 1 << 20, scratchMb: 16 };
const CHECKER_WALL_MS = 30_000;

export interface CheckResult {
  accepted: boolean;
  detail?: string;
}

export function acceptedByCheckerOutput(stdout: string): boolean {
  const t = tokens(stdout);
  const last = t[t.length - 1];
  return last === '1' || last === '100';
}

export async function runChecker(env: JudgeEnv, checker: string, input: string, expected: string, actual: string): Promise<CheckResult> {
  return withRunDir(env, async (dir) => {
    dir.file('checker.py', checker);
    dir.file('input.txt', input);
    dir.file('correct_output.txt', expected);
    dir.file('participant_output.txt', actual);
    const r = await dir.exec(
      ['/usr/bin/python3', 'checker.py', 'input.txt', 'correct_output.txt', 'participant_output.txt'],
      CHECKER_LIMITS, CHECKER_WALL_MS);
    const out = readCapped(r.stdoutPath, 4096).text;
    if (r.wallKilled || r.exitCode !== 0) {
      // A checker that crashes on malformed participant output is a rejection, not a judge failure.
      return { accepted: false, detail: r.wallKilled ? 'checker timed out' : `checker exited with code ${r.exitCode}` };
    }
    return acceptedByCheckerOutput(out) ? { accepted: true } : { accepted: false, detail: `checker said '${shorten(out.trim(), 40)}'` };
  });
}
