// One client thread: runs the in-thread HTTP client (its own agent and event loop) for the requests the
// main thread sends it, and hands back finished results or errors. It never touches the store. Its event
// loop's lateness is sampled every SAMPLE_MS and sent to the main thread (client-load.ts) in batches.
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { GenerationError, type GenerationOptions, type GenerationRequest } from './endpoint.ts';
import { createHttpEndpoint } from './http-client.ts';
import { threadWaitMs } from './thread-wait.ts';
import type { FromWorker, ToWorker, WorkerInit } from './threaded-endpoint.ts';

const SAMPLE_MS = 10;
const FLUSH_MS = 250;

const port = parentPort!;
const init = workerData as WorkerInit;
const endpoint = createHttpEndpoint(init.baseUrl, { apiKey: init.apiKey, maxSockets: init.maxSockets });
const inFlight = new Map<number, AbortController>();
const send = (m: FromWorker) => port.postMessage(m);

// Loop delay: how late a SAMPLE_MS timer fires, as monitorEventLoopDelay measures it.
let delays: number[] = [];
let last = performance.now();
const sampler = setInterval(() => {
  const now = performance.now();
  delays.push(Math.max(0, now - last - SAMPLE_MS));
  last = now;
}, SAMPLE_MS);
// This thread's run-queue wait (thread-wait.ts), sent with each batch as the wait since the last. A
// measurement's first batch may hold up to FLUSH_MS of wait from before it began, and one after it ended
// is not counted: an error of at most FLUSH_MS at each end, small against a run or a load level.
let waitedMs = threadWaitMs();
const flush = () => {
  if (!delays.length) return;
  const now = threadWaitMs();
  send({ type: 'delays', ms: delays, waitMs: now === undefined || waitedMs === undefined ? undefined : now - waitedMs });
  waitedMs = now;
  delays = [];
};
const flusher = setInterval(flush, FLUSH_MS);

async function generate(id: number, req: GenerationRequest, opts: Omit<GenerationOptions, 'signal'>): Promise<void> {
  const controller = new AbortController();
  inFlight.set(id, controller);
  try {
    const result = await endpoint.generate(req, { ...opts, signal: controller.signal });
    send({ type: 'result', id, result });
  } catch (e) {
    const g = e instanceof GenerationError ? e : new GenerationError('protocol', `client thread: ${(e as Error)?.message ?? e}`, false);
    send({ type: 'error', id, error: { kind: g.kind, message: g.message, retryable: g.retryable, status: g.status, retryAfterMs: g.retryAfterMs } });
  } finally {
    inFlight.delete(id);
  }
}

port.on('message', (m: ToWorker) => {
  if (m.type === 'generate') void generate(m.id, m.req, m.opts);
  else if (m.type === 'abort') inFlight.get(m.id)?.abort();
  else if (m.type === 'preconnect') void endpoint.preconnect!(m.connections).then(() => send({ type: 'preconnected', id: m.id }));
  else if (m.type === 'close') {
    for (const c of inFlight.values()) c.abort();
    clearInterval(sampler);
    clearInterval(flusher);
    flush();
    void endpoint.close!().then(() => {
      send({ type: 'closed' });
      port.close();
    });
  }
});
send({ type: 'ready' });
