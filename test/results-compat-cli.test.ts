// The CLI on runs it must not judge silently: `r1bench gate` and `r1bench compare` exit 2 with one
// line naming `r1bench score DIR` for an old scorer version, the gate refuses a partial run unless
// --force, and `r1bench leaderboard --suite` ranks on that suite. Real child processes.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFixtureRun, type FixtureSuite } from '../reports/testing/fixture-run.ts';
import { runCli } from './support/cli.ts';
import { cleanTempDirs, tempDir } from './support/run-dir.ts';

afterAll(cleanTempDirs);

const suite = (extra: Partial<FixtureSuite> = {}): FixtureSuite => ({ id: 'math500', items: 40, samples: 2, correct: (i, k) => (i + k) % 3 !== 0, ...extra });
const dirs: Record<string, string> = {};
beforeAll(() => {
  const root = tempDir('compat');
  for (const [name, s] of Object.entries({ base: suite(), cand: suite(), old: suite({ scorerVersion: 0 }), partial: suite({ missing: (i) => i >= 30 }) }))
    buildFixtureRun((dirs[name] = join(root, name)), { runId: name, suites: [s] });
});

const lines = (s: string) => s.trim().split('\n').filter(Boolean);

describe('gate and compare from the command line', () => {
  it('gate against a baseline scored by an older scorer: exit 2, one line naming r1bench score', async () => {
    const res = await runCli(['gate', '--baseline', dirs.old!, '--candidate', dirs.cand!]);
    expect(res.code).toBe(2);
    expect(lines(res.stderr)).toHaveLength(1);
    expect(res.stderr).toContain(`re-score the older run with \`r1bench score ${dirs.old}\``);
    expect(res.stderr).not.toMatch(/^\s+at /m);
  });

  it('gate on a partial candidate: exit 2 saying why and how; --force gates on what was measured', async () => {
    const res = await runCli(['gate', '--baseline', dirs.base!, '--candidate', dirs.partial!]);
    expect(res.code).toBe(2);
    expect(lines(res.stderr)).toHaveLength(1);
    expect(res.stderr).toMatch(/the candidate is a partial run \(math500: 20 of 80 samples missing\): finish it by running again with --out .*--force/);
    const forced = await runCli(['gate', '--baseline', dirs.base!, '--candidate', dirs.partial!, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('Compared with --force despite:');
  });

  it('compare with an old scorer version: exit 2 one line, --force compares and warns', async () => {
    const res = await runCli(['compare', dirs.old!, dirs.cand!]);
    expect(res.code).toBe(2);
    expect(lines(res.stderr)).toHaveLength(1);
    expect(res.stderr).toMatch(/r1bench score .*old`/);
    const forced = await runCli(['compare', dirs.old!, dirs.cand!, '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/warning: compared with --force: math500: scored with math scorer versions 0 and 1/);
  });

  it('leaderboard --suite ranks on that suite', async () => {
    const site = join(tempDir('compat-site'), 'site');
    const res = await runCli(['leaderboard', dirs.base!, dirs.cand!, '-o', site, '--suite', 'math500']);
    expect(res.code, res.stderr).toBe(0);
    const missing = await runCli(['leaderboard', dirs.base!, '-o', site, '--suite', 'gpqa']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toBe('r1bench leaderboard: --suite gpqa: no run given has a scored suite of that id');
  });
});
