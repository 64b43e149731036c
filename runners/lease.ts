// One writer per run directory: a lease row in the run's own store, renewed by the process that holds
// it. It lives in the store (not a PID file) because run directories sit on shared volumes too (the
// shards of a Kubernetes Job), where a PID means nothing: a lease not renewed for the stale period is
// taken over, so a holder killed by SIGKILL or lost with its pod never blocks the next run for long.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { existsSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { STORE_FILE } from './store.ts';

/** Seconds without a renewal after which a lease is stale (default 30). */
export const LEASE_STALE_ENV = 'R1BENCH_LEASE_STALE_S';
export const DEFAULT_LEASE_STALE_S = 30;

export interface LeaseHolder {
  pid: number;
  host: string;
  /** The PID namespace (Linux), so that a PID is compared only where it means the same process. */
  pidNamespace: string;
  /** ISO time the holder took the lease. */
  startedAt: string;
  /** Wall-clock time (ms since the epoch) of the last renewal. */
  heartbeatMs: number;
}

/** Another live process holds the run directory: exit 2, nothing changed. */
export class RunLockedError extends Error {
  readonly exitCode = 2;
  readonly code = 'ERUNLOCKED';
  constructor(
    message: string,
    readonly holder: LeaseHolder,
  ) {
    super(message);
  }
}

const TABLE = `CREATE TABLE IF NOT EXISTS lease (
  one INTEGER PRIMARY KEY CHECK (one = 1), token TEXT NOT NULL, pid INTEGER NOT NULL, host TEXT NOT NULL,
  pid_ns TEXT NOT NULL, started_at TEXT NOT NULL, heartbeat_ms REAL NOT NULL)`;

/** R1BENCH_LEASE_STALE_S is not a positive number: exit 2. */
export class LeaseConfigError extends Error {
  readonly exitCode = 2;
  readonly code = 'EBADENV';
}

/** The stale period in ms: R1BENCH_LEASE_STALE_S when set (a positive number of seconds), else 30 s. */
export function leaseStaleMs(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[LEASE_STALE_ENV];
  if (raw === undefined || raw === '') return DEFAULT_LEASE_STALE_S * 1000;
  const s = Number(raw);
  if (!Number.isFinite(s) || s <= 0) throw new LeaseConfigError(`${LEASE_STALE_ENV}="${raw}": expected a positive number of seconds`);
  return s * 1000;
}

function pidNamespace(): string {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '';
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

interface Row {
  token: string;
  pid: number;
  host: string;
  pid_ns: string;
  started_at: string;
  heartbeat_ms: number;
}

const holderOf = (r: Row): LeaseHolder => ({ pid: r.pid, host: r.host, pidNamespace: r.pid_ns, startedAt: r.started_at, heartbeatMs: r.heartbeat_ms });

/** Whether a stored lease still binds: renewed within the stale period, and (on this host, in this PID
 * namespace) its process still exists. A heartbeat from the future (clock skew) counts as fresh. */
function isLive(r: Row, staleMs: number, now: number): boolean {
  if (now - r.heartbeat_ms >= staleMs) return false;
  if (r.host === hostname() && r.pid_ns === pidNamespace() && !pidAlive(r.pid)) return false;
  return true;
}

/** "PID 812 on node-3 since 2025-03-01T09:12:44.120Z" */
export function describeHolder(h: LeaseHolder): string {
  return `PID ${h.pid} on ${h.host} since ${h.startedAt}`;
}

/** The live holder of a run directory, read without writing anything; null when none (or no store). */
export function readLiveHolder(dir: string, staleMs = leaseStaleMs()): LeaseHolder | null {
  const file = join(dir, STORE_FILE);
  if (!existsSync(file)) return null;
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  try {
    if (!db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'lease'`).get()) return null;
    const row = db.prepare('SELECT * FROM lease WHERE one = 1').get() as Row | undefined;
    return row && isLive(row, staleMs, Date.now()) ? holderOf(row) : null;
  } finally {
    db.close();
  }
}

/** The warning `score`, `report` and `merge --partial` print for a run still being written. */
export function beingWrittenWarning(dir: string, h: LeaseHolder): string {
  return `run ${dir} is being written by ${describeHolder(h)}; results are partial`;
}

export interface LeaseOptions {
  staleMs?: number;
  /** How often the holder renews (default: a sixth of the stale period). */
  renewMs?: number;
  /** Another process took the lease over (this one stalled past the stale period). */
  onLost?: (by: LeaseHolder | null) => void;
}

export class RunLease {
  private readonly db: Database.Database;
  private readonly token = randomBytes(12).toString('hex');
  private timer: NodeJS.Timeout | undefined;
  private released = false;
  private readonly onExit = () => this.release();

  private constructor(
    readonly dir: string,
    private readonly opts: LeaseOptions,
  ) {
    this.db = new Database(join(dir, STORE_FILE), { fileMustExist: true, timeout: 5000 });
  }

  /** Takes the lease of a run directory whose store exists, in one BEGIN IMMEDIATE transaction (atomic
   * across processes); throws RunLockedError, having written nothing, when a live process holds it. */
  static acquire(dir: string, opts: LeaseOptions = {}): RunLease {
    const staleMs = opts.staleMs ?? leaseStaleMs();
    const lease = new RunLease(dir, opts);
    try {
      lease.db
        .transaction(() => {
          lease.db.exec(TABLE);
          const row = lease.db.prepare('SELECT * FROM lease WHERE one = 1').get() as Row | undefined;
          const now = Date.now();
          if (row && isLive(row, staleMs, now)) {
            const age = Math.max(0, Math.round((now - row.heartbeat_ms) / 1000));
            throw new RunLockedError(
              `${dir} is being written by ${describeHolder(holderOf(row))} (lease renewed ${age} s ago): wait for that run to finish or stop it; a lease not renewed for ${staleMs / 1000} s is taken over`,
              holderOf(row),
            );
          }
          lease.db
            .prepare('INSERT OR REPLACE INTO lease VALUES (1, ?, ?, ?, ?, ?, ?)')
            .run(lease.token, process.pid, hostname(), pidNamespace(), new Date(now).toISOString(), now);
        })
        .immediate();
    } catch (e) {
      lease.db.close();
      throw e;
    }
    lease.timer = setInterval(() => lease.renew(), opts.renewMs ?? Math.max(50, staleMs / 6));
    lease.timer.unref();
    // process.exit() (a second Ctrl-C) skips `finally`: release on the way out all the same.
    process.on('exit', lease.onExit);
    return lease;
  }

  /** Writes a fresh heartbeat; tells onLost when the row is no longer ours. */
  renew(): void {
    if (this.released) return;
    let changes: number;
    try {
      changes = this.db.prepare('UPDATE lease SET heartbeat_ms = ? WHERE one = 1 AND token = ?').run(Date.now(), this.token).changes;
    } catch {
      return; // busy or a passing I/O error: the next tick tries again, well within the stale period
    }
    if (changes > 0) return;
    const row = this.db.prepare('SELECT * FROM lease WHERE one = 1').get() as Row | undefined;
    this.stopTimer();
    this.opts.onLost?.(row ? holderOf(row) : null);
  }

  /** Gives the lease back (only if it is still ours). Safe to call twice. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.stopTimer();
    process.off('exit', this.onExit);
    try {
      this.db.prepare('DELETE FROM lease WHERE token = ?').run(this.token);
    } catch {
      // The stale period frees it anyway.
    } finally {
      this.db.close();
    }
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
