// How long the calling thread was ready to run but had no CPU: Linux's run-queue wait, the second field
// of /proc/thread-self/schedstat (ns). A streaming thread that waits for a core timestamps its chunks
// that much late although it is not busy itself: other processes on the client machine (a local server,
// another job) or its own other threads took the cores. Time the hypervisor takes while the thread runs
// (steal) is not in it: the guest's scheduler sees the thread as running. A read costs a few µs; it is
// taken at the start and end of a measurement, and by each client thread when it reports its loop delays.
import { readFileSync } from 'node:fs';

const SCHEDSTAT = '/proc/thread-self/schedstat';
let unavailable = process.platform !== 'linux';

/** The calling thread's run-queue wait since it started (ms); undefined where the OS does not say. */
export function threadWaitMs(): number | undefined {
  if (unavailable) return undefined;
  try {
    const fields = readFileSync(SCHEDSTAT, 'latin1').split(' ');
    const ns = Number(fields[1]);
    if (Number.isFinite(ns)) return ns / 1e6;
  } catch {
    /* a kernel without it (or a sandbox hiding /proc) */
  }
  unavailable = true;
  return undefined;
}
