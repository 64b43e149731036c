// Runs one sandboxed command through the exec helper and reports exit status, CPU time and peak
// memory of the whole process tree. The wall-clock guard kills the helper's process group; bwrap's
// --die-with-parent then tears down the sandbox's pid namespace, so nothing of the program survives.
import { spawn, execFile } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const HELPER_SOURCE = fileURLToPath(new URL('./exec-helper.c', import.meta.url));
const run = promisify(execFile);

export interface ExecRequest {
  argv: string[];
  /** Host file for the program's stdin; /dev/null when absent. */
  stdinPath?: string;
  stdoutPath: string;
  stderrPath: string;
  /** Where the helper writes its one-line result. */
  resultPath: string;
  wallGuardMs: number;
  /** Working dir of the command on the host (matters in unsafe mode only). */
  cwd?: string;
}

export interface ExecOutcome {
  /** Exit code; through bwrap a signal shows as 128 + signal number. */
  exitCode: number;
  /** Signal that killed the direct child (unsafe mode); through bwrap see exitCode. */
  signal: number;
  cpuMs: number;
  wallMs: number;
  maxRssKb: number;
  /** Killed by the wall-clock guard: no usage figures then. */
  wallKilled: boolean;
}

const helpers = new Map<string, Promise<string>>();

/** Compiles the helper once per cache dir (keyed by its source hash). */
export function ensureHelper(cacheDir: string): Promise<string> {
  let p = helpers.get(cacheDir);
  if (!p) {
    p = (async () => {
      const source = readFileSync(HELPER_SOURCE);
      const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
      const target = join(cacheDir, `exec-helper-${hash}`);
      if (existsSync(target)) return target;
      mkdirSync(cacheDir, { recursive: true, mode: 0o755 });
      const tmp = `${target}.${process.pid}.tmp`;
      await run('/usr/bin/gcc', ['-O2', '-x', 'c', '-o', tmp, HELPER_SOURCE]);
      renameSync(tmp, target);
      return target;
    })();
    p.catch(() => helpers.delete(cacheDir));
    helpers.set(cacheDir, p);
  }
  return p;
}

function parseResult(text: string): Omit<ExecOutcome, 'wallKilled'> | null {
  const f = text.trim().split(/\s+/).map(Number);
  if (f.length !== 5 || f.some((x) => !Number.isFinite(x))) return null;
  return { exitCode: f[0]!, signal: f[1]!, cpuMs: f[2]! / 1000, maxRssKb: f[3]!, wallMs: f[4]! / 1000 };
}

export async function execSandboxed(helper: string, req: ExecRequest): Promise<ExecOutcome> {
  const stdin = openSync(req.stdinPath ?? '/dev/null', 'r');
  const stdout = openSync(req.stdoutPath, 'w', 0o600);
  const stderr = openSync(req.stderrPath, 'w', 0o600);
  const started = performance.now();
  let wallKilled = false;
  try {
    // detached: the helper leads a new process group, which the guard kills as a whole. bwrap clears
    // the environment itself; in unsafe mode g++ needs PATH to find `ld`.
    const child = spawn(helper, [req.resultPath, ...req.argv], {
      stdio: [stdin, stdout, stderr], detached: true, cwd: req.cwd, env: { PATH: '/usr/bin:/bin' },
    });
    const killGroup = () => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* already gone */ } };
    const timer = setTimeout(() => { wallKilled = true; killGroup(); }, req.wallGuardMs);
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (c) => resolve(c));
    }).finally(() => clearTimeout(timer));
    const wallMs = performance.now() - started;
    if (wallKilled) return { exitCode: -1, signal: 9, cpuMs: 0, wallMs, maxRssKb: 0, wallKilled };
    const parsed = existsSync(req.resultPath) ? parseResult(readFileSync(req.resultPath, 'utf8')) : null;
    if (code !== 0 || !parsed) throw new Error(`judge exec helper failed (exit ${code}) running ${req.argv[0]}`);
    return { ...parsed, wallKilled };
  } finally {
    closeSync(stdin); closeSync(stdout); closeSync(stderr);
  }
}
