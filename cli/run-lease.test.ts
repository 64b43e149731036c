// The run command's hold on its directory: taken once, checked at once when a store exists, and a lease
// taken over by another process stops the run with a message that names who took it.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RunLockedError } from '../runners/lease.ts';
import { RunStore, STORE_FILE } from '../runners/store.ts';
import { RunDirLease } from './run-lease.ts';

const dirs: string[] = [];
const held: RunDirLease[] = [];
afterEach(() => {
  held.splice(0).forEach((l) => l.release());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});
function runDir(withStore: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'r1b-runlease-'));
  dirs.push(dir);
  if (withStore) RunStore.open(dir).close();
  return dir;
}
const hold = (onLost: () => void = () => {}) => {
  const l = new RunDirLease(onLost);
  held.push(l);
  return l;
};

describe('RunDirLease', () => {
  it('checks a directory with a store at once, and leaves one without a store for later', () => {
    const empty = runDir(false);
    hold().takeIfStored(empty);
    hold().takeIfStored(undefined);
    const stored = runDir(true);
    const first = hold();
    first.takeIfStored(stored);
    first.take(stored); // taking again in the same process is a no-op, not a refusal
    expect(() => hold().takeIfStored(stored)).toThrow(RunLockedError);
    first.release();
    expect(() => hold().take(stored)).not.toThrow();
  });

  it('reports a lease taken over by another process and calls back so the run stops', async () => {
    const dir = runDir(true);
    let stopped = 0;
    const lease = hold(() => stopped++);
    lease.take(dir);
    expect(lease.lostMessage()).toBeUndefined();
    const db = new Database(join(dir, STORE_FILE));
    db.prepare(`UPDATE lease SET token = 'other', pid = 7, host = 'node-9', started_at = '2031-01-02T03:04:05.000Z'`).run();
    db.close();
    // The default stale period is 30 s, renewed every 5 s: wait for one renewal at most.
    const until = Date.now() + 7_000;
    while (stopped === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    expect(stopped).toBe(1);
    expect(lease.lostMessage()).toBe(`lost the lease on ${dir} to PID 7 on node-9 since 2031-01-02T03:04:05.000Z: this process did not renew it for 30 s; stopped, and what it stored is kept`);
  }, 15_000);
});
