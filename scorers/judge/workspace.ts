// A per-run host directory whose files are shown to the sandbox, and one call that runs a plan in it.
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, openSync, readSync, closeSync, fstatSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execSandboxed, type ExecOutcome } from './exec.ts';
import { buildSandboxCommand, SANDBOX_UID, type Mount, type SandboxHost, type SandboxPlan } from './sandbox.ts';

export interface JudgeEnv {
  host: SandboxHost;
  helper: string;
  cacheDir: string;
  /** false: compile C++ against the plain bits/stdc++.h, never the precompiled one (default true). */
  precompiledHeader?: boolean;
}

export function defaultCacheDir(): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 0;
  return join(tmpdir(), `r1bench-judge-${uid}`);
}

/**
 * Creates the cache dir. When the judge drops to the sandbox uid, that uid resolves bind-mount
 * sources itself, so it must be able to search every dir on the way (not list or read them).
 */
export function prepareCacheDir(cacheDir: string, dropPrivileges: boolean): void {
  mkdirSync(cacheDir, { recursive: true, mode: 0o755 });
  if (!dropPrivileges) return;
  const st = statSync(cacheDir);
  if ((st.mode & 0o001) === 0) chmodSync(cacheDir, (st.mode & 0o7777) | 0o711);
  for (let d = dirname(cacheDir); d !== dirname(d); d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) {
      throw new Error(`judge cache dir ${cacheDir} is unreachable for the sandbox user: ${d} is not searchable by others (chmod o+x ${d} or choose another cacheDir)`);
    }
  }
}

export class RunDir {
  readonly path: string;
  private readonly mounts: Mount[] = [];

  constructor(private readonly env: JudgeEnv) {
    const runs = join(env.cacheDir, 'runs');
    mkdirSync(runs, { recursive: true, mode: 0o755 });
    this.path = mkdtempSync(join(runs, 'r-'));
    // The sandbox uid resolves bind sources itself: it needs to traverse (not list) this dir.
    chmodSync(this.path, 0o711);
  }

  /** A file the sandbox sees as /work/<name>, read-only unless writable. */
  file(name: string, content: string | Buffer, writable = false): string {
    const p = join(this.path, name);
    writeFileSync(p, content, { mode: 0o644 });
    chmodSync(p, 0o644);
    if (writable) this.giveToSandbox(p);
    this.mounts.push({ host: p, name, writable });
    return p;
  }

  /** An empty dir the sandbox may write into. */
  dir(name: string): string {
    const p = join(this.path, name);
    mkdirSync(p, { mode: 0o755 });
    this.giveToSandbox(p);
    this.mounts.push({ host: p, name, writable: true });
    return p;
  }

  /** A host file or dir outside the run dir, shown read-only. */
  mount(hostPath: string, name: string): void {
    this.mounts.push({ host: hostPath, name });
    if (this.env.host.mode === 'unsafe') symlinkSync(hostPath, join(this.path, name));
  }

  private giveToSandbox(p: string): void {
    if (this.env.host.mode === 'bwrap' && this.env.host.dropPrivileges) chownSync(p, SANDBOX_UID, SANDBOX_UID);
  }

  /** Runs argv with the mounts made so far; stdout/stderr land in host files of this dir (not mounted). */
  async exec(argv: string[], limits: SandboxPlan['limits'], wallGuardMs: number, stdinName?: string): Promise<RunResult> {
    const plan: SandboxPlan = { argv, mounts: this.mounts, limits };
    const io = { stdoutPath: join(this.path, '.stdout'), stderrPath: join(this.path, '.stderr') };
    const outcome = await execSandboxed(this.env.helper, {
      argv: buildSandboxCommand(plan, this.env.host),
      stdinPath: stdinName ? join(this.path, stdinName) : undefined,
      ...io,
      resultPath: join(this.path, '.result'),
      wallGuardMs,
      cwd: this.path,
    });
    return { ...outcome, ...io };
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

export interface RunResult extends ExecOutcome {
  stdoutPath: string;
  stderrPath: string;
}

/** Reads at most maxBytes of a file (a huge output must not be pulled into memory whole). */
export function readCapped(path: string, maxBytes: number): { text: string; bytes: number } {
  if (!existsSync(path)) return { text: '', bytes: 0 };
  const fd = openSync(path, 'r');
  try {
    const bytes = fstatSync(fd).size;
    const buf = Buffer.alloc(Math.min(bytes, maxBytes));
    let n = 0;
    while (n < buf.length) {
      const r = readSync(fd, buf, n, buf.length - n, n);
      if (r === 0) break;
      n += r;
    }
    return { text: buf.subarray(0, n).toString('utf8'), bytes };
  } finally {
    closeSync(fd);
  }
}

export async function withRunDir<T>(env: JudgeEnv, fn: (dir: RunDir) => Promise<T>): Promise<T> {
  const dir = new RunDir(env);
  try {
    return await fn(dir);
  } finally {
    dir.remove();
  }
}
