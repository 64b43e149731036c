// The harness measuring itself: how late its event loop runs (perf_hooks.monitorEventLoopDelay) and how
// much CPU it uses, over a run or a load level. A late loop timestamps chunks late, so when the delay is
// large against the latencies measured, the numbers describe this client machine, not the deployment.
import { createHistogram, monitorEventLoopDelay, type RecordableHistogram } from 'node:perf_hooks';
import { threadWaitMs } from '../runners/thread-wait.ts';

/** results.json performance.client and bench.json levels[].client. */
export interface ClientLoad {
  /** Event-loop delay past the sampling timer's interval, ms. */
  loopDelayP50Ms: number;
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  /** Harness CPU (user + system) over wall time, percent of one core (over 100 with several threads). */
  cpuPct: number;
  /** Threads that stream (1: the main thread only). */
  threads: number;
  /** Share of the wall time the streaming thread was ready to run but had no CPU (Linux run-queue wait:
   * other processes, the harness's own other threads), percent; with client threads the worst thread's.
   * Time the hypervisor takes from a running thread (steal) is not in it. Absent where the OS does not
   * report it. */
  cpuWaitPct?: number;
  /** Wall time sampled, s. */
  wallSec: number;
}

/** The histogram's timer; each recorded interval includes it, so it is subtracted. */
const RESOLUTION_MS = 10;
const round2 = (x: number) => Math.round(x * 100) / 100;

type ThreadListener = (threadId: number, delaysMs: readonly number[], waitMs: number | undefined) => void;
/** Open measurements, fed the loop delays that client threads (runners/threaded-endpoint.ts) report. */
const listeners = new Set<ThreadListener>();

/** A client thread's loop delays (ms past its own 10 ms timer), sampled in that thread and sent in batches,
 * with its run-queue wait since its previous batch (ms; undefined where the OS does not say). */
export function recordThreadLoopDelays(threadId: number, delaysMs: readonly number[], waitMs?: number): void {
  for (const l of listeners) l(threadId, delaysMs, waitMs);
}

/**
 * With client threads, the timestamps are taken in the threads: the loop delay reported is the worst
 * thread's (p50, p99 and max each the worst of the threads), and `threads` counts them. Without, the main
 * thread's. CPU is the whole process (every thread).
 */
export function startClientLoad(): { read(): ClientLoad; stop(): ClientLoad } {
  const h = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  h.enable();
  const perThread = new Map<number, RecordableHistogram>();
  /** Each client thread's run-queue wait reported while this measurement is open, ms. */
  const threadWait = new Map<number, number>();
  const listener: ThreadListener = (threadId, delaysMs, waitMs) => {
    let th = perThread.get(threadId);
    if (!th) perThread.set(threadId, (th = createHistogram()));
    for (const ms of delaysMs) th.record(Math.max(1, Math.round(ms * 1e6)));
    if (waitMs !== undefined) threadWait.set(threadId, (threadWait.get(threadId) ?? 0) + waitMs);
  };
  listeners.add(listener);
  const worstThread = (f: (x: RecordableHistogram) => number) => round2(Math.max(...[...perThread.values()].map((x) => (x.count > 0 ? f(x) : 0))) / 1e6);
  const cpu0 = process.cpuUsage();
  const wait0 = threadWaitMs();
  const t0 = process.hrtime.bigint();
  const delay = (ns: number) => (Number.isFinite(ns) && h.count > 0 ? round2(Math.max(0, ns / 1e6 - RESOLUTION_MS)) : 0);
  /** The main thread's wait since the start (ms), or undefined where the OS does not say. */
  const mainWaitMs = () => {
    const now = wait0 === undefined ? undefined : threadWaitMs();
    return now === undefined ? undefined : now - wait0!;
  };
  const worstThreadWaitMs = () => (threadWait.size ? Math.max(...threadWait.values()) : undefined);
  const read = (): ClientLoad => {
    const cpu = process.cpuUsage(cpu0);
    const wallUs = Number(process.hrtime.bigint() - t0) / 1000;
    const threaded = perThread.size > 0;
    const waitMs = threaded ? worstThreadWaitMs() : mainWaitMs();
    return {
      loopDelayP50Ms: threaded ? worstThread((x) => x.percentile(50)) : delay(h.percentile(50)),
      loopDelayP99Ms: threaded ? worstThread((x) => x.percentile(99)) : delay(h.percentile(99)),
      loopDelayMaxMs: threaded ? worstThread((x) => x.max) : delay(h.max),
      cpuPct: wallUs > 0 ? round2((100 * (cpu.user + cpu.system)) / wallUs) : 0,
      threads: Math.max(1, perThread.size),
      wallSec: round2(wallUs / 1e6),
      ...(waitMs !== undefined && wallUs > 0 ? { cpuWaitPct: round2(Math.min(100, (100 * waitMs * 1000) / wallUs)) } : {}),
    };
  };
  return {
    read,
    stop() {
      const out = read();
      h.disable();
      listeners.delete(listener);
      return out;
    },
  };
}

/** Several sessions (a resumed run) or shards (merged): the worst of each, the wall time summed. */
export function worstClientLoad(loads: readonly (ClientLoad | null | undefined)[]): ClientLoad | undefined {
  const xs = loads.filter((x): x is ClientLoad => !!x);
  if (!xs.length) return undefined;
  const max = (k: Exclude<keyof ClientLoad, 'cpuWaitPct'>) => Math.max(...xs.map((x) => x[k]));
  const waits = xs.flatMap((x) => (x.cpuWaitPct === undefined ? [] : [x.cpuWaitPct]));
  return {
    loopDelayP50Ms: max('loopDelayP50Ms'),
    loopDelayP99Ms: max('loopDelayP99Ms'),
    loopDelayMaxMs: max('loopDelayMaxMs'),
    cpuPct: max('cpuPct'),
    threads: max('threads'),
    wallSec: round2(xs.reduce((a, x) => a + x.wallSec, 0)),
    ...(waits.length ? { cpuWaitPct: Math.max(...waits) } : {}),
  };
}

/** Above this loop delay p99 the client is the bottleneck whatever the latencies. */
export const CLIENT_DELAY_LIMIT_MS = 20;
/** ... and above this share of the TTFT p50; delays under FLOOR_MS are below what the timer resolves. */
export const CLIENT_DELAY_TTFT_SHARE = 0.1;
const FLOOR_MS = 2;

/** From this share of waiting for a CPU up, the warning names it as the cause: a thread busy all the time
 * on an otherwise idle 2-core VM waited 0.03–0.96% of it. */
export const CPU_WAIT_CAUSE_PCT = 5;

/** ", waiting for a CPU X% of the time" for the lines that describe a ClientLoad; '' where it was not measured. */
export function cpuWaitText(c: Pick<ClientLoad, 'cpuWaitPct'>): string {
  return c.cpuWaitPct === undefined || Number.isNaN(c.cpuWaitPct) ? '' : `, waiting for a CPU ${c.cpuWaitPct.toFixed(1)}% of the time`;
}

/** One line when the harness's own delay may have skewed the latencies measured, else null. */
export function clientLoadWarning(client: ClientLoad | undefined, ttftP50Ms: number | undefined): string | null {
  if (!client) return null;
  const p99 = client.loopDelayP99Ms;
  const overShare = ttftP50Ms !== undefined && ttftP50Ms > 0 && p99 >= FLOOR_MS && p99 > CLIENT_DELAY_TTFT_SHARE * ttftP50Ms;
  if (p99 <= CLIENT_DELAY_LIMIT_MS && !overShare) return null;
  const against = overShare ? `${Math.round((100 * p99) / ttftP50Ms!)}% of the TTFT p50 ${ttftP50Ms!.toFixed(1)} ms` : `over ${CLIENT_DELAY_LIMIT_MS} ms`;
  const waited = client.cpuWaitPct !== undefined && client.cpuWaitPct >= CPU_WAIT_CAUSE_PCT;
  return (
    `the harness's event loop ran late (delay p99 ${p99.toFixed(1)} ms, ${against}; CPU ${client.cpuPct.toFixed(0)}% of a core` +
    `${waited ? `; its streaming thread waited for a CPU ${client.cpuWaitPct!.toFixed(0)}% of the time` : ''}): ` +
    `the latencies describe this client machine, not the deployment; ` +
    (waited
      ? `other work took the client's cores (other processes, or the harness's own threads): run it where it has cores to itself, on a bigger machine, or with fewer --client-threads if they outnumber the cores`
      : `use a bigger client machine, lower --concurrency, or more --client-threads`)
  );
}
