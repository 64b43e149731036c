// One process per run directory, end to end: a second `r1bench run` on a directory being written
// refuses at once (exit 2, one line naming the holder) and changes nothing; a holder killed with
// SIGKILL blocks nobody for long; score and report warn on a run being written.
import Database from 'better-sqlite3';
import { readFileSync, readlinkSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../runners/simulator/index.ts';
import { readLiveHolder } from '../runners/lease.ts';
import { spawnCli, waitCli } from './support/cli.ts';
import { cleanTempDirs, completedCount, expectOneLineFailure, listTree, runCliWithin, sleep, storedRows, tempDir, waitFor } from './support/run-dir.ts';

let slow: RunningSimulator;
let fast: RunningSimulator;
let spare: RunningSimulator;

beforeAll(async () => {
  // Slow streams (~2 s each): the holder is mid-run for as long as a test needs.
  slow = await startSimulator({ model: 'r1', suites: ['aime-sample'], reasoningTokens: 90, ttftMs: 100, interTokenMs: 20 });
  fast = await startSimulator({ model: 'r1', suites: ['aime-sample'], reasoningTokens: 30 });
  // Only the refused process is pointed here: any request it makes shows up in its counters.
  spare = await startSimulator({ model: 'r1', suites: ['aime-sample'], reasoningTokens: 30 });
});
afterAll(async () => {
  await Promise.all([slow, fast, spare].map((s) => s?.close()));
  cleanTempDirs();
});

const runArgs = (endpoint: string, out: string) => ['run', '--suite', 'aime-sample', '--samples', '1', '--endpoint', endpoint, '--model', 'r1', '--out', out, '--concurrency', '2', '--no-report'];

interface LeaseRow {
  pid: number;
  host: string;
  started_at: string;
  heartbeat_ms: number;
}
function leaseRows(dir: string): LeaseRow[] {
  const db = new Database(join(dir, 'store.sqlite'));
  try {
    return db.prepare(`SELECT * FROM lease`).all() as LeaseRow[];
  } finally {
    db.close();
  }
}
function manifestOf(dir: string): { runId: string; endpoints: string[] } {
  const db = new Database(join(dir, 'store.sqlite'), { readonly: true });
  try {
    return JSON.parse((db.prepare(`SELECT value FROM manifest WHERE key = 'run'`).get() as { value: string }).value);
  } finally {
    db.close();
  }
}
const iso = '\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z';

describe('one process per run directory', () => {
  it('a second run on a directory being written exits 2 at once, names the holder, sends nothing, writes nothing', async () => {
    const out = join(tempDir('lock-two'), 'run');
    const holder = spawnCli(runArgs(slow.url, out));
    const holderDone = waitCli(holder);
    expect(await waitFor(() => completedCount(out) >= 1, 40_000), 'the first run is storing samples').toBe(true);
    const before = manifestOf(out);

    const second = await runCliWithin(runArgs(spare.url, out), 20_000);
    expect(second.timedOut, second.stderr).toBe(false);
    expect(second.code, second.stderr).toBe(2);
    const line = expectOneLineFailure(second);
    expect(line).toMatch(new RegExp(`^r1bench run: ${out} is being written by PID ${holder.pid} on ${hostname()} since ${iso} `));
    expect(second.stderr).not.toMatch(/resuming|starting run/);
    expect(spare.stats().requests).toBe(0);
    // A resume would have added its endpoint to the manifest.
    expect(manifestOf(out)).toEqual(before);

    // The holder stops on SIGTERM as before and gives the lease back.
    holder.kill('SIGTERM');
    const res = await holderDone;
    expect(res.code, res.stderr).toBe(130);
    expect(leaseRows(out)).toEqual([]);
  }, 90_000);

  it('a SIGKILLed holder: taken over at once on its own host, after the stale period when it was elsewhere', async () => {
    const out = join(tempDir('lock-kill'), 'run');
    const patient = { R1BENCH_LEASE_STALE_S: '600' };
    const killAfterSamples = async (min: number) => {
      const child = spawnCli(runArgs(slow.url, out), patient);
      const done = waitCli(child);
      expect(await waitFor(() => readLiveHolder(out, 600_000)?.pid === child.pid && completedCount(out) >= min, 60_000), 'running').toBe(true);
      child.kill('SIGKILL');
      expect((await done).signal).toBe('SIGKILL');
      return child.pid!;
    };
    const firstPid = await killAfterSamples(1);
    expect(leaseRows(out).map((r) => r.pid)).toEqual([firstPid]);
    // Same host, process gone: the next run starts at once although the lease is far from stale.
    const secondPid = await killAfterSamples(completedCount(out) + 1);
    expect(leaseRows(out).map((r) => r.pid)).toEqual([secondPid]);

    // As if that holder were a pod on another node: it keeps renewing (here, the test does it for it)...
    const pod = new Database(join(out, 'store.sqlite'));
    pod.prepare(`UPDATE lease SET host = 'r1bench-shard-3-x7k2q'`).run();
    const renew = () => pod.prepare(`UPDATE lease SET heartbeat_ms = ?`).run(Date.now());
    renew();
    const renewer = setInterval(renew, 200);
    const stale = { R1BENCH_LEASE_STALE_S: '3' };
    const refused = await runCliWithin(runArgs(fast.url, out), 30_000, stale).finally(() => clearInterval(renewer));
    // ...and is then lost: its lease is renewed no more.
    const lostAt = Date.now();
    pod.close();
    expect(refused.code, refused.stderr).toBe(2);
    expect(expectOneLineFailure(refused)).toContain(`is being written by PID ${secondPid} on r1bench-shard-3-x7k2q since`);
    expect(refused.stderr).toContain('a lease not renewed for 3 s is taken over');

    const storedAtKill = new Set(storedRows(out).filter((r) => r.error_kind === null).map((r) => `${r.suite_id}/${r.item_id}/${r.sample}`));
    const requestsBefore = fast.requestLog.length;
    await sleep(Math.max(0, lostAt + 3_100 - Date.now()));
    const resumed = await runCliWithin(runArgs(fast.url, out), 60_000, stale);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain('resuming run');
    expect(storedRows(out).filter((r) => r.error_kind === null)).toHaveLength(36);
    expect(fast.requestLog.slice(requestsBefore).filter((e) => storedAtKill.has(e.sampleKey))).toEqual([]);
    expect(leaseRows(out)).toEqual([]);
  }, 150_000);

  it('score and report warn on a run being written and carry on; a refused run leaves every file as it was', async () => {
    const out = join(tempDir('lock-warn'), 'run');
    const first = await runCliWithin(runArgs(fast.url, out), 60_000);
    expect(first.code, first.stderr).toBe(0);
    // Make it an interrupted run (samples still to do), and give it a live holder: this test process.
    const db = new Database(join(out, 'store.sqlite'));
    db.exec(`DELETE FROM completions WHERE item_id IN (SELECT item_id FROM completions ORDER BY item_id LIMIT 5)`);
    db.prepare(`INSERT INTO lease VALUES (1, 'held-by-test', ?, ?, ?, '2031-05-04T03:02:01.000Z', ?)`).run(process.pid, hostname(), pidNs(), Date.now() + 3_600_000);
    db.close();

    const file = join(out, 'store.sqlite');
    const tree = listTree(out).map((p) => `${p} ${statSync(join(out, p)).mtimeMs}`);
    const bytes = readFileSync(file);
    const requests = spare.stats().requests;
    const refused = await runCliWithin(runArgs(spare.url, out), 20_000);
    expect(refused.code, refused.stderr).toBe(2);
    expect(expectOneLineFailure(refused)).toContain(`is being written by PID ${process.pid} on ${hostname()} since 2031-05-04T03:02:01.000Z`);
    expect(spare.stats().requests).toBe(requests);
    expect(readFileSync(file).equals(bytes)).toBe(true);
    expect(listTree(out).map((p) => `${p} ${statSync(join(out, p)).mtimeMs}`)).toEqual(tree);

    const warning = `warning: run ${out} is being written by PID ${process.pid} on ${hostname()} since 2031-05-04T03:02:01.000Z; results are partial`;
    const scored = await runCliWithin(['score', out, '--no-report'], 60_000);
    expect(scored.code, scored.stderr).toBe(0);
    expect(scored.stderr).toContain(warning);
    const reported = await runCliWithin(['report', out], 60_000);
    expect(reported.code, reported.stderr).toBe(0);
    expect(reported.stderr).toContain(warning);

    const free = new Database(file);
    free.exec('DELETE FROM lease');
    free.close();
    const quiet = await runCliWithin(['score', out, '--no-report'], 60_000);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stderr).not.toContain('being written');
  }, 150_000);
});

function pidNs(): string {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '';
  }
}
