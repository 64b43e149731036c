// The run directory's lease: one holder at a time (atomic across processes), renewed while held, taken
// over once stale or once its holder's process is gone, released on the way out; readers never write.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { leaseStaleMs, readLiveHolder, RunLease, RunLockedError } from './lease.ts';
import { RunStore, STORE_FILE } from './store.ts';
import { TS_NODE_ARGS } from '../cli/ts-node-args.ts';

const dirs: string[] = [];
const leases: RunLease[] = [];
afterEach(() => {
  leases.splice(0).forEach((l) => l.release());
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});

function runDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'r1b-lease-'));
  dirs.push(dir);
  RunStore.open(dir).close();
  return dir;
}
const take = (dir: string, opts: Parameters<typeof RunLease.acquire>[1] = {}) => {
  const l = RunLease.acquire(dir, opts);
  leases.push(l);
  return l;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ownPidNamespace(): string {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '';
  }
}

/** Writes a lease row as another process (or another machine) would have left it. */
function plantLease(dir: string, row: { pid: number; host: string; ageMs: number; ns?: string }): void {
  const db = new Database(join(dir, STORE_FILE));
  db.exec(`CREATE TABLE IF NOT EXISTS lease (one INTEGER PRIMARY KEY CHECK (one = 1), token TEXT NOT NULL, pid INTEGER NOT NULL, host TEXT NOT NULL,
    pid_ns TEXT NOT NULL, started_at TEXT NOT NULL, heartbeat_ms REAL NOT NULL)`);
  const ns = row.ns ?? ownPidNamespace();
  db.prepare('INSERT OR REPLACE INTO lease VALUES (1, ?, ?, ?, ?, ?, ?)').run('planted', row.pid, row.host, ns, '2031-05-04T03:02:01.000Z', Date.now() - row.ageMs);
  db.close();
}

describe('RunLease', () => {
  it('refuses a second holder, naming the first, and lets it in once released', () => {
    const dir = runDir();
    const first = take(dir, { staleMs: 60_000 });
    let err: unknown;
    try {
      take(dir, { staleMs: 60_000 });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RunLockedError);
    expect((err as RunLockedError).exitCode).toBe(2);
    expect((err as Error).message).toMatch(new RegExp(`^${dir} is being written by PID ${process.pid} on ${hostname()} since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z \\(lease renewed \\d+ s ago\\)`));
    expect((err as Error).message).not.toContain('\n');
    first.release();
    expect(readLiveHolder(dir)).toBeNull();
    expect(() => take(dir, { staleMs: 60_000 })).not.toThrow();
  });

  it('keeps a renewed lease live past the stale period, and a lease nobody renews goes stale', async () => {
    const dir = runDir();
    take(dir, { staleMs: 1500, renewMs: 100 });
    await sleep(2500);
    expect(readLiveHolder(dir, 1500)?.pid).toBe(process.pid);
    expect(() => take(dir, { staleMs: 1500 })).toThrow(RunLockedError);

    const other = runDir();
    plantLease(other, { pid: 1, host: 'pod-7f9c-elsewhere', ageMs: 0 });
    expect(() => take(other, { staleMs: 1500 })).toThrow(/PID 1 on pod-7f9c-elsewhere since 2031-05-04T03:02:01.000Z/);
    await sleep(1600);
    expect(readLiveHolder(other, 1500)).toBeNull();
    expect(take(other, { staleMs: 1500 })).toBeInstanceOf(RunLease);
  });

  it('takes over at once from a holder on this host whose process is gone', async () => {
    const dir = runDir();
    const gone = spawn(process.execPath, ['-e', '0']);
    await new Promise((r) => gone.on('exit', r));
    plantLease(dir, { pid: gone.pid!, host: hostname(), ageMs: 0 });
    expect(take(dir, { staleMs: 60_000 })).toBeInstanceOf(RunLease);
    // The same PID seen from another PID namespace (another container) proves nothing: wait for staleness.
    const boxed = runDir();
    plantLease(boxed, { pid: gone.pid!, host: hostname(), ageMs: 0, ns: 'pid:[1]' });
    expect(() => take(boxed, { staleMs: 60_000 })).toThrow(RunLockedError);
  });

  it('tells the holder when another process took the lease over', async () => {
    const dir = runDir();
    let lostTo: unknown = 'not lost';
    take(dir, { staleMs: 60_000, renewMs: 30, onLost: (by) => (lostTo = by) });
    plantLease(dir, { pid: 4321, host: 'node-b', ageMs: 0 });
    await sleep(200);
    expect(lostTo).toMatchObject({ pid: 4321, host: 'node-b' });
  });

  it('a refused attempt and a reader leave the store file untouched', () => {
    const dir = runDir();
    plantLease(dir, { pid: process.pid, host: hostname(), ageMs: 0 });
    const file = join(dir, STORE_FILE);
    const before = { bytes: readFileSync(file), mtime: statSync(file).mtimeMs };
    expect(() => take(dir, { staleMs: 60_000 })).toThrow(RunLockedError);
    expect(readLiveHolder(dir, 60_000)?.pid).toBe(process.pid);
    expect(readFileSync(file).equals(before.bytes)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(before.mtime);
  });

  it('reads its stale period from R1BENCH_LEASE_STALE_S, 30 s by default, and rejects nonsense', () => {
    expect(leaseStaleMs({})).toBe(30_000);
    expect(leaseStaleMs({ R1BENCH_LEASE_STALE_S: '2.5' })).toBe(2500);
    expect(() => leaseStaleMs({ R1BENCH_LEASE_STALE_S: 'soon' })).toThrow(/R1BENCH_LEASE_STALE_S="soon": expected a positive number of seconds/);
    expect(() => leaseStaleMs({ R1BENCH_LEASE_STALE_S: '0' })).toThrow(/positive/);
  });

  it('is given back when the holder leaves through process.exit (a second Ctrl-C)', async () => {
    const dir = runDir();
    const script = join(dir, 'exit.mts');
    const leaseModule = fileURLToPath(new URL('./lease.ts', import.meta.url));
    writeFileSync(script, `import { RunLease } from ${JSON.stringify(leaseModule)};
      RunLease.acquire(${JSON.stringify(dir)}, { staleMs: 600000 });
      setTimeout(() => process.exit(130), 50);`);
    const child = spawn(process.execPath, [...TS_NODE_ARGS, script], { stdio: 'ignore' });
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(130);
    const db = new Database(join(dir, STORE_FILE), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM lease').get()).toEqual({ n: 0 });
    db.close();
  }, 30_000);

  it('is atomic across processes: of five racing for one directory, exactly one wins', async () => {
    const dir = runDir();
    const script = join(dir, 'race.mts');
    const leaseModule = fileURLToPath(new URL('./lease.ts', import.meta.url));
    writeFileSync(script, `import { RunLease } from ${JSON.stringify(leaseModule)};
      const start = Number(process.argv[2]);
      await new Promise((r) => setTimeout(r, Math.max(0, start - Date.now())));
      try { RunLease.acquire(${JSON.stringify(dir)}, { staleMs: 60000 }); console.log('won'); setTimeout(() => {}, 1500); }
      catch (e) { console.log(e.code === 'ERUNLOCKED' ? 'refused' : 'error ' + e.message); }`);
    const start = Date.now() + 2500;
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, () => {
        const child = spawn(process.execPath, [...TS_NODE_ARGS, script, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (b) => (out += b));
        child.stderr.on('data', (b) => (out += b));
        return new Promise<string>((r) => child.on('close', () => r(out.trim())));
      }),
    );
    expect(outcomes.filter((o) => o === 'won'), outcomes.join(' | ')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'refused')).toHaveLength(4);
  }, 30_000);
});
