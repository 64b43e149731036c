// The command line as a user meets it: help on every subcommand, strict flags, one-line errors.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commands } from '../cli/commands.ts';
import { ROOT, runCli } from './support/cli.ts';

describe('r1bench CLI', () => {
  it('the package bin works without a build step and lists every command', () => {
    const out = execFileSync(process.execPath, ['cli/bin.mjs', '--help'], { cwd: ROOT }).toString();
    for (const c of commands) expect(out).toContain(c.name);
  });

  it('each entry of the command list loads the command of its name (commands load only when run)', async () => {
    for (const c of commands) expect((await c.load()).name).toBe(c.name);
  });

  it('every subcommand has --help', async () => {
    for (const c of commands) {
      const res = await runCli([c.name, '--help']);
      expect(res.code, c.name).toBe(0);
      expect(res.stdout).toMatch(/r1bench|Usage/i);
    }
  }, 120_000);

  it('unknown flags and commands are one-line errors with exit 2', async () => {
    const res = await runCli(['run', '--suite', 'aime-sample', '--sampels', '4']);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('--sampels');
    const res2 = await runCli(['frobnicate']);
    expect(res2.code).toBe(2);
    expect(res2.stderr).toContain('unknown command "frobnicate"');
  });

  it('score, report and gate on a directory without a run create nothing and exit 2', async () => {
    const dir = join(tmpdir(), `r1b-none-${process.pid}`);
    for (const args of [['score', dir], ['report', dir]]) {
      const res = await runCli(args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
      expect(existsSync(dir)).toBe(false);
    }
  });

  it('documents R1 defaults in run --help', async () => {
    const res = await runCli(['run', '--help']);
    for (const s of ['default 32', '16 for aime-sample', 'default 0.6', 'default 0.95', 'default 32768']) expect(res.stdout).toContain(s);
  });
});
