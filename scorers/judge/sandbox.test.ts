import { describe, expect, it } from 'vitest';
import { buildSandboxCommand, SANDBOX_UID, type SandboxPlan } from './sandbox.ts';

const plan: SandboxPlan = {
  argv: ['./prog'],
  mounts: [{ host: '/h/prog', name: 'prog' }, { host: '/h/out.txt', name: 'output.txt', writable: true }],
  limits: { memoryMb: 256, cpuSeconds: 2, processes: 32, fileSizeBytes: 1024, scratchMb: 32 },
};
const host = { mode: 'bwrap' as const, dropPrivileges: true, bwrapPath: '/usr/bin/bwrap' };

describe('buildSandboxCommand', () => {
  it('drops to the sandbox uid before bwrap when running as root', () => {
    const cmd = buildSandboxCommand(plan, host);
    expect(cmd.slice(0, 4)).toEqual(['/usr/bin/setpriv', `--reuid=${SANDBOX_UID}`, `--regid=${SANDBOX_UID}`, '--clear-groups']);
    expect(buildSandboxCommand(plan, { ...host, dropPrivileges: false })[0]).toBe('/usr/bin/bwrap');
  });
  it('shows only /usr and the mounts, read-only unless writable, with no network', () => {
    const s = buildSandboxCommand(plan, host).join(' ');
    expect(s).toContain('--ro-bind /usr /usr');
    expect(s).toContain('--ro-bind /h/prog /work/prog');
    expect(s).toContain('--bind /h/out.txt /work/output.txt');
    expect(s).toContain('--unshare-all');
    expect(s).toContain('--die-with-parent');
    expect(s).toContain('--remount-ro /');
    expect(s).not.toMatch(/--(ro-)?bind \/ /);
    expect(s).not.toContain('--share-net');
  });
  it('applies the limits inside the sandbox, right before the program', () => {
    const cmd = buildSandboxCommand(plan, host);
    const p = cmd.indexOf('/usr/bin/prlimit');
    expect(p).toBeGreaterThan(cmd.indexOf('/usr/bin/bwrap'));
    expect(cmd.slice(p)).toEqual(['/usr/bin/prlimit', `--as=${256 << 20}`, `--stack=${256 << 20}`, '--cpu=2', '--nproc=32', '--fsize=1024', '--core=0', '--nofile=256', '--', './prog']);
  });
  it('unsafe mode keeps the limits and nothing else', () => {
    expect(buildSandboxCommand(plan, { ...host, mode: 'unsafe' })[0]).toBe('/usr/bin/prlimit');
  });
  it('rejects mount names that could escape the working dir', () => {
    expect(() => buildSandboxCommand({ ...plan, mounts: [{ host: '/x', name: '../etc' }] }, host)).toThrow(/plain file name/);
  });
});
