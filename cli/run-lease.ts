// `r1bench run` holds its run directory's lease from before the first request to the last file written.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describeHolder, leaseStaleMs, RunLease, type LeaseHolder } from '../runners/lease.ts';
import { STORE_FILE } from '../runners/store.ts';

export class RunDirLease {
  private lease: RunLease | undefined;
  private lostTo: LeaseHolder | null | undefined;

  /** `onLost`: another process took the lease over (this one stalled past the stale period). */
  constructor(private readonly onLost: () => void) {}

  /** Takes the lease (once). Throws RunLockedError, having changed nothing, when a live process holds it. */
  take(dir: string): void {
    this.lease ??= RunLease.acquire(dir, {
      onLost: (by) => {
        this.lostTo = by;
        this.onLost();
      },
    });
  }

  /** Before anything else (plan, preflight, manifest): a directory that holds a store is checked at once. */
  takeIfStored(dir: string | undefined): void {
    if (dir !== undefined && existsSync(join(dir, STORE_FILE))) this.take(dir);
  }

  /** Why the run stopped, when it lost its lease. */
  lostMessage(): string | undefined {
    if (this.lostTo === undefined || !this.lease) return undefined;
    const by = this.lostTo ? ` to ${describeHolder(this.lostTo)}` : '';
    return `lost the lease on ${this.lease.dir}${by}: this process did not renew it for ${leaseStaleMs() / 1000} s; stopped, and what it stored is kept`;
  }

  release(): void {
    this.lease?.release();
  }
}
