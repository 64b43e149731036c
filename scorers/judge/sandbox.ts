// Builds the command line that runs one untrusted program inside the sandbox (see ENVIRONMENT.md):
//   [setpriv --reuid=U]  bwrap <mounts> --unshare-all ...  prlimit <limits>  <program>
// Root first drops to an unprivileged uid (RLIMIT_NPROC is ignored for root). prlimit runs *inside*
// bwrap so the process limit counts the processes of this sandbox's own user namespace only:
// parallel sandboxes under the same uid do not share one budget, and an ordinary user's other
// processes do not count against it.
import { existsSync } from 'node:fs';

/** Where untrusted code sees its working directory. */
export const SANDBOX_WORKDIR = '/work';
/** The uid the judge drops to when it runs as root: not a login user; tests look for it in /proc. */
export const SANDBOX_UID = 61000;

export interface SandboxLimits {
  /** Address-space limit (RLIMIT_AS); also the stack limit, as on Codeforces. */
  memoryMb: number;
  /** Whole seconds of CPU (RLIMIT_CPU): a backstop; the millisecond limit is applied to measured CPU. */
  cpuSeconds: number;
  /** Processes and threads inside this sandbox. */
  processes: number;
  /** Largest file the program may write, stdout included (RLIMIT_FSIZE). */
  fileSizeBytes: number;
  /** Size of each writable tmpfs (/tmp and the working dir). */
  scratchMb: number;
}

export interface Mount {
  /** Absolute host path. */
  host: string;
  /** Name relative to the working dir. */
  name: string;
  writable?: boolean;
}

export interface SandboxPlan {
  /** Program and arguments; relative names resolve in the working dir. */
  argv: string[];
  /** Host files/dirs shown in the working dir; nothing else of the host but /usr is visible. */
  mounts: Mount[];
  limits: SandboxLimits;
}

/** 'bwrap': the real sandbox; 'unsafe': limits only, host fully visible (explicit user opt-in). */
export type SandboxMode = 'bwrap' | 'unsafe';

export interface SandboxHost {
  mode: SandboxMode;
  /** Drop to SANDBOX_UID first (true when the judge runs as root). */
  dropPrivileges: boolean;
  bwrapPath: string;
}

const MB = 1024 * 1024;

function prlimitArgs(l: SandboxLimits): string[] {
  const bytes = Math.round(l.memoryMb * MB);
  return [
    '/usr/bin/prlimit',
    `--as=${bytes}`,
    `--stack=${bytes}`,
    `--cpu=${Math.max(1, Math.ceil(l.cpuSeconds))}`,
    `--nproc=${l.processes}`,
    `--fsize=${l.fileSizeBytes}`,
    '--core=0',
    '--nofile=256',
    '--',
  ];
}

/** The full argv; in 'unsafe' mode the caller must run it with cwd = the dir holding the mounts. */
export function buildSandboxCommand(plan: SandboxPlan, host: SandboxHost): string[] {
  if (host.mode === 'unsafe') return [...prlimitArgs(plan.limits), ...plan.argv];
  const scratch = String(Math.round(plan.limits.scratchMb * MB));
  const cmd: string[] = [];
  if (host.dropPrivileges) {
    cmd.push('/usr/bin/setpriv', `--reuid=${SANDBOX_UID}`, `--regid=${SANDBOX_UID}`, '--clear-groups');
  }
  cmd.push(host.bwrapPath,
    '--ro-bind', '/usr', '/usr',
    '--symlink', 'usr/bin', '/bin', '--symlink', 'usr/lib', '/lib', '--symlink', 'usr/lib64', '/lib64',
    '--proc', '/proc', '--dev', '/dev',
    '--size', scratch, '--tmpfs', '/tmp',
    '--size', scratch, '--tmpfs', SANDBOX_WORKDIR);
  for (const m of plan.mounts) {
    if (m.name.includes('/') || m.name.startsWith('.')) throw new Error(`sandbox mount name must be a plain file name: ${m.name}`);
    cmd.push(m.writable ? '--bind' : '--ro-bind', m.host, `${SANDBOX_WORKDIR}/${m.name}`);
  }
  // The root bwrap builds is a tmpfs without a size limit: read-only, or it is unbounded scratch.
  cmd.push('--remount-ro', '/');
  cmd.push('--chdir', SANDBOX_WORKDIR, '--unshare-all', '--die-with-parent', '--new-session',
    '--clearenv', '--setenv', 'PATH', '/usr/bin', '--setenv', 'HOME', SANDBOX_WORKDIR,
    '--', ...prlimitArgs(plan.limits), ...plan.argv);
  return cmd;
}

/** Which sandbox this process can build, before probing that it really starts. */
export function detectHost(): SandboxHost | { error: string } {
  const bwrapPath = ['/usr/bin/bwrap', '/bin/bwrap', '/usr/local/bin/bwrap'].find((p) => existsSync(p));
  if (!bwrapPath) return { error: 'bubblewrap (bwrap) is not installed: apt-get install -y bubblewrap' };
  if (!existsSync('/usr/bin/prlimit')) return { error: '/usr/bin/prlimit (util-linux) is missing' };
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (root && !existsSync('/usr/bin/setpriv')) return { error: '/usr/bin/setpriv (util-linux) is missing' };
  return { mode: 'bwrap', dropPrivileges: root, bwrapPath };
}
