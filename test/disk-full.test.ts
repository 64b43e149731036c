// Disk full while writing: one line that says so, names where, says how to go on; nothing stored is
// lost, and once there is space again the same command finishes the run.
// Two ways to fill a disk: a symlink to /dev/full (works for any user, for files written by name),
// and a small tmpfs for the SQLite store itself (needs mount rights; the test says so when it has none).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../runners/simulator/index.ts';
import { runCli } from './support/cli.ts';
import { cleanTempDirs, expectOneLineFailure, keyOf, nonEmptyLines, storedRows, tempDir } from './support/run-dir.ts';

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ model: 'r1', suites: ['aime-sample', 'mmlu-sample'], reasoningTokens: 30 });
});
afterAll(async () => {
  await sim?.close();
  cleanTempDirs();
});

/** Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN); probed once. */
function canMountTmpfs(): boolean {
  const probe = tempDir('mount-probe');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const mountable = canMountTmpfs();
if (!mountable) console.warn('disk-full.test.ts: cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN); the store-on-a-full-disk test is skipped');

describe('disk full', () => {
  it('results.json on a full disk: one line, exit non-zero, previous results kept, works again once there is space', async () => {
    const out = join(tempDir('full'), 'run');
    const args = ['run', '--suite', 'aime-sample', '--samples', '2', '--endpoint', sim.url, '--model', 'r1', '--out', out, '--no-report'];
    const first = await runCli(args);
    expect(first.code, first.stderr).toBe(0);
    const results = readFileSync(join(out, 'results.json'), 'utf8');
    const rows = storedRows(out);

    // The harness writes results.json.tmp then renames it: make that name point at a full disk.
    symlinkSync('/dev/full', join(out, 'results.json.tmp'));
    const score = await runCli(['score', out, '--no-report']);
    const line = expectOneLineFailure(score);
    expect(line).toMatch(/disk full/i);
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe(results);

    // The same through `run` (resuming a finished run, then scoring).
    const again = await runCli(args);
    expect(again.code).not.toBe(0);
    const errors = nonEmptyLines(again.stderr).filter((l) => l.startsWith('r1bench'));
    expect(errors, again.stderr).toHaveLength(1);
    expect(errors[0]).toMatch(/disk full/i);
    expect(again.stderr).not.toMatch(/^\s+at /m);
    expect(storedRows(out)).toEqual(rows);

    unlinkSync(join(out, 'results.json.tmp'));
    const fixed = await runCli(['score', out, '--no-report']);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).suites[0].items).toBe(36);
    // Last, so that everything above is checked whatever the wording: the line says where it could not write.
    expect(line, 'the message names the file or run directory it could not write').toContain(out);
  }, 60_000);

  it.skipIf(!mountable)('the store on a disk that fills up mid-run: one line naming the run and how to resume; resuming after freeing space finishes it', async () => {
    const mnt = tempDir('tmpfs');
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mnt]);
    try {
      // Leave ~160 KB: enough for the schema and some samples, far too little for 544 of them.
      const filler = join(mnt, 'filler');
      writeFileSync(filler, Buffer.alloc(8 * 1024 * 1024 - 160 * 1024));
      const out = join(mnt, 'run');
      mkdirSync(out);
      const args = ['run', '--suite', 'mmlu-sample', '--samples', '4', '--endpoint', sim.url, '--model', 'r1', '--out', out, '--no-report', '--concurrency', '16'];
      const full = await runCli(args);
      expect(full.code).not.toBe(0);
      expect(full.stderr).not.toMatch(/^\s+at /m);
      const errors = nonEmptyLines(full.stderr).filter((l) => l.startsWith('r1bench'));
      expect(errors, full.stderr).toHaveLength(1);
      expect(errors[0]).toMatch(/disk.{0,4}full/i);

      // What was stored before the disk filled is readable and intact.
      const db = new Database(join(out, 'store.sqlite'), { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
      const kept = storedRows(out).filter((r) => r.error_kind === null).map(keyOf);

      rmSync(filler);
      const resumed = await runCli(args);
      expect(resumed.code, resumed.stderr).toBe(0);
      const rows = storedRows(out);
      expect(rows).toHaveLength(136 * 4);
      expect(rows.every((r) => r.error_kind === null)).toBe(true);
      const now = new Set(rows.map(keyOf));
      expect(kept.every((k) => now.has(k))).toBe(true);
      // Last, so that recovery above is checked whatever the wording: the line says where, and how to go on.
      expect(errors[0], 'the message names the run directory or its store').toContain(out);
      expect(errors[0], 'the message says how to go on').toMatch(/resume|same command|again/i);
    } finally {
      execFileSync('umount', ['-l', mnt]);
    }
  }, 90_000);
});
