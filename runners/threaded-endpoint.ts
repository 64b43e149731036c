// --client-threads N: an Endpoint that spreads requests over N worker threads, each running the in-thread
// HTTP client (http-client.ts) with its own agent and event loop. Workers only stream, timestamp and hand
// finished results back; the scheduler and the store stay on the main thread. Times are taken in the
// worker: sentAt is epoch ms (timeOrigin + now, the same clock as the main thread's), the rest relative.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { recordThreadLoopDelays } from '../hardware-profiles/client-load.ts';
import { GenerationError, type Endpoint, type FailureKind, type GenerationOptions, type GenerationRequest, type GenerationResult } from './endpoint.ts';
import { addAbortWaiter, removeAbortWaiter } from './abort-watch.ts';
import { parseBaseUrl, type HttpEndpointOptions } from './http-client.ts';

export interface WorkerInit {
  baseUrl: string;
  apiKey?: string;
  maxSockets?: number;
}
export type ToWorker =
  | { type: 'generate'; id: number; req: GenerationRequest; opts: Omit<GenerationOptions, 'signal'> }
  | { type: 'abort'; id: number }
  | { type: 'preconnect'; id: number; connections: number }
  | { type: 'close' };
export interface WireError {
  kind: FailureKind;
  message: string;
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
}
export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: GenerationResult }
  | { type: 'error'; id: number; error: WireError }
  | { type: 'preconnected'; id: number }
  | { type: 'delays'; ms: number[]; waitMs?: number }
  | { type: 'closed' };

/**
 * The default: 1 (today's in-thread client) when concurrency ≤ 64 or the machine has ≤ 2 cores, else
 * one thread per 256 streams, at most cores − 1 (one core stays with the scheduler and the store).
 */
export function defaultClientThreads(concurrency: number, cores = availableParallelism()): number {
  if (concurrency <= 64 || cores <= 2) return 1;
  return Math.max(1, Math.min(cores - 1, Math.ceil(concurrency / 256)));
}

interface Pending {
  resolve(r: GenerationResult): void;
  reject(e: GenerationError): void;
  cleanup(): void;
}

interface Thread {
  worker: Worker;
  index: number;
  pending: Map<number, Pending>;
  /** preconnect() calls waiting for this thread's answer. */
  preconnecting: Map<number, () => void>;
  alive: boolean;
  closed: Promise<void>;
}

const BOOT = new URL('./stream-worker-boot.mjs', import.meta.url);

export interface ThreadedEndpointOptions extends HttpEndpointOptions {
  threads: number;
}

export function createThreadedHttpEndpoint(baseUrl: string, opts: ThreadedEndpointOptions): Endpoint & { readonly threads: number } {
  const base = parseBaseUrl(baseUrl); // a bad URL fails here, on the main thread, as the in-thread client does
  const id = `${base.protocol}//${base.host}${base.pathname.replace(/\/+$/, '')}`;
  const init: WorkerInit = { baseUrl, apiKey: opts.apiKey, maxSockets: opts.maxSockets };
  let nextId = 0;
  let closing = false;
  let firstFailure: string | undefined;

  const start = (index: number): Thread => {
    const worker = new Worker(BOOT, { workerData: init, stdout: false, stderr: false });
    const t: Thread = { worker, index, pending: new Map(), preconnecting: new Map(), alive: true, closed: Promise.resolve() };
    let closedResolve!: () => void;
    t.closed = new Promise((r) => (closedResolve = r));
    const settle = (reqId: number) => {
      const p = t.pending.get(reqId);
      if (!p) return undefined; // aborted on this side already
      t.pending.delete(reqId);
      p.cleanup();
      if (t.pending.size === 0 && t.preconnecting.size === 0) worker.unref();
      return p;
    };
    const preconnected = (reqId: number) => {
      t.preconnecting.get(reqId)?.();
      t.preconnecting.delete(reqId);
      if (t.pending.size === 0 && t.preconnecting.size === 0) worker.unref();
    };
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'result') settle(m.id)?.resolve(m.result);
      else if (m.type === 'error') {
        const e = m.error;
        settle(m.id)?.reject(new GenerationError(e.kind, e.message, e.retryable, e.status, e.retryAfterMs));
      } else if (m.type === 'preconnected') preconnected(m.id);
      else if (m.type === 'delays') recordThreadLoopDelays(worker.threadId, m.ms, m.waitMs);
      else if (m.type === 'closed') closedResolve();
    });
    const stopped = (why: string) => {
      if (!t.alive) return;
      t.alive = false;
      closedResolve();
      for (const reqId of [...t.preconnecting.keys()]) preconnected(reqId); // preconnect never fails
      if (closing) {
        for (const reqId of [...t.pending.keys()]) settle(reqId)?.reject(new GenerationError('aborted', 'aborted', false));
        return;
      }
      firstFailure ??= why;
      // The samples it held go back to the scheduler as retryable failures; the other threads carry on.
      for (const reqId of [...t.pending.keys()]) settle(reqId)?.reject(new GenerationError('network', `client thread ${index + 1} stopped: ${why}`, true));
    };
    worker.on('error', (e) => stopped(String(e?.message ?? e).split('\n')[0]!.slice(0, 200)));
    worker.on('exit', (code) => stopped(`exited with code ${code}`));
    worker.unref(); // held only while it has requests in flight
    return t;
  };
  const threads = Array.from({ length: Math.max(1, opts.threads) }, (_, i) => start(i));

  function generate(req: GenerationRequest, o: GenerationOptions): Promise<GenerationResult> {
    if (o.signal?.aborted) return Promise.reject(new GenerationError('aborted', 'aborted', false));
    let t: Thread | undefined;
    for (const c of threads) if (c.alive && (!t || c.pending.size < t.pending.size)) t = c;
    if (!t || closing) return Promise.reject(new GenerationError('protocol', `every client thread stopped (${firstFailure ?? 'closed'})`, false));
    const thread = t;
    const reqId = nextId++;
    return new Promise<GenerationResult>((resolve, reject) => {
      // Our own abort settles at once, as in the in-thread client; the worker drops the request when told.
      const onAbort = () => {
        const p = thread.pending.get(reqId);
        if (!p) return;
        thread.pending.delete(reqId);
        p.cleanup();
        if (thread.pending.size === 0 && thread.preconnecting.size === 0) thread.worker.unref();
        thread.worker.postMessage({ type: 'abort', id: reqId } satisfies ToWorker);
        reject(new GenerationError('aborted', 'aborted', false));
      };
      addAbortWaiter(o.signal, onAbort);
      thread.pending.set(reqId, { resolve, reject, cleanup: () => removeAbortWaiter(o.signal, onAbort) });
      thread.worker.ref();
      const { signal: _signal, ...plain } = o;
      thread.worker.postMessage({ type: 'generate', id: reqId, req, opts: plain } satisfies ToWorker);
    });
  }

  /** Each thread opens its share of the connections (requests go to the thread with the fewest in flight, so evenly). */
  async function preconnect(connections: number): Promise<void> {
    const live = threads.filter((t) => t.alive);
    await Promise.all(
      live.map(
        (t, i) =>
          new Promise<void>((resolve) => {
            const share = Math.floor(connections / live.length) + (i < connections % live.length ? 1 : 0);
            if (share === 0 || closing) return resolve();
            const reqId = nextId++;
            t.preconnecting.set(reqId, resolve);
            t.worker.ref();
            t.worker.postMessage({ type: 'preconnect', id: reqId, connections: share } satisfies ToWorker);
          }),
      ),
    );
  }

  return {
    id,
    threads: threads.length,
    generate,
    preconnect,
    async close() {
      closing = true;
      await Promise.all(
        threads.map(async (t) => {
          if (t.alive) {
            t.worker.ref();
            t.worker.postMessage({ type: 'close' } satisfies ToWorker);
            // A worker that does not answer within a second is ended anyway.
            await Promise.race([t.closed, new Promise((r) => setTimeout(r, 1000).unref())]);
          }
          await t.worker.terminate();
        }),
      );
    },
  };
}
