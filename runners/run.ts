// The run loop: every (suite, item, sample) not yet stored is one request; N workers pull from one lazy
// queue (memory stays flat for a million samples), retry what can be retried, store what arrives.
import { performance } from 'node:perf_hooks';
import type { Completion, Item, LoadedSuite, SampleVariant, SamplingSettings } from '../types.ts';
import { addAbortWaiter, removeAbortWaiter } from './abort-watch.ts';
import { GenerationError, type GenerationResult } from './endpoint.ts';
import type { EndpointPool } from './endpoint-pool.ts';
import type { RunStore } from './store.ts';

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface RunLoopOptions {
  runId: string;
  model: string;
  sampling: SamplingSettings;
  extraBody?: Record<string, unknown>;
  concurrency: number;
  /** Worker i sends its first request i/concurrency of this into the run (ms, default 0: all at once). */
  rampUpMs?: number;
  retry: RetryPolicy;
  idleTimeoutMs: number;
  totalTimeoutMs: number;
}

export interface PlannedSuite {
  suite: LoadedSuite;
  samples: number;
}

export interface RunEvents {
  /** Before the first request: samples in the plan and how many the store already holds. */
  onCounted?(counts: { total: number; alreadyStored: number }): void;
  /** A sample arrived and is on disk (or failed after its retries: `c.error` is set). */
  onStored?(c: Completion, item: Item): void;
  onRetry?(err: GenerationError, attempt: number, item: Item): void;
}

/** A failure retrying cannot fix (401, 403, 404, 400): the whole run stops. */
export class FatalRunError extends Error {}

export interface RunLoopResult {
  /** Samples this invocation stored as complete / as errors. */
  completed: number;
  errors: number;
  /** Samples that were already in the store. */
  alreadyStored: number;
  total: number;
  aborted: boolean;
}

interface Task {
  suite: LoadedSuite;
  item: Item;
  sample: number;
}

/** The prompt a sample is sent, and what is stored with it when the item's samples differ (Item.forSample). */
export function samplePrompt(item: Item, sample: number): { prompt: Item['prompt']; variant?: SampleVariant } {
  return item.forSample ? item.forSample(sample) : { prompt: item.prompt };
}

/** Workers starting within this time of the start get their connection opened before it. */
const PRECONNECT_WINDOW_MS = 2000;

/**
 * How many connections to open before the first request (run, and bench's closed-loop levels): one per
 * worker that starts within PRECONNECT_WINDOW_MS (all of them without a ramp-up). Hundreds of new
 * connections at once are an accept storm that would otherwise land on the first requests' TTFT; idle
 * connections are not kept much longer than that window, so later workers connect when they start.
 */
export function connectionsToOpen(concurrency: number, rampUpMs = 0): number {
  return rampUpMs > 0 ? Math.ceil((concurrency * Math.min(rampUpMs, PRECONNECT_WINDOW_MS)) / rampUpMs) : concurrency;
}

/** The samples not yet stored, in the order they are sent; `counts` is filled at once. */
function pendingTasks(plan: PlannedSuite[], store: RunStore, counts: { already: number; total: number }, events: RunEvents): Generator<Task> {
  const done = plan.map((p) => store.completedKeys(p.suite.id));
  const maxSamples = Math.max(...plan.map((p) => p.samples));
  for (const [i, p] of plan.entries()) {
    counts.total += p.suite.items.length * p.samples;
    counts.already += done[i]!.size;
  }
  events.onCounted?.({ total: counts.total, alreadyStored: counts.already });
  // Sample-major order: a run stopped half-way has every item at least once rather than half the items k times.
  return (function* () {
    for (let sample = 0; sample < maxSamples; sample++)
      for (const [i, p] of plan.entries()) {
        if (sample >= p.samples) continue;
        for (const item of p.suite.items) if (!done[i]!.has(`${item.id}\u0000${sample}`)) yield { suite: p.suite, item, sample };
      }
  })();
}

function storeFailure(e: unknown, file: string): string {
  const err = e as { code?: string; message?: string };
  const full = err.code === 'SQLITE_FULL' || err.code === 'ENOSPC';
  return `${full ? 'disk full' : 'cannot write'} while storing a sample in ${file} (${err.message ?? e}): everything stored so far is safe; ${full ? 'free space, then ' : ''}run the same command again to resume`;
}

function fatalMessage(e: GenerationError, endpoint: string, model: string): string {
  const where = `endpoint ${endpoint}`;
  if (e.status === 401 || e.status === 403) return `${where} refused the API key (HTTP ${e.status}): check --api-key-env. Server said: ${e.message}`;
  if (e.status === 404) return `${where} answered 404: unknown model "${model}" or wrong URL (expected the base URL ending in /v1). Server said: ${e.message}`;
  if (e.status === 400 || e.status === 422)
    return `${where} rejected the request (${e.message}); if max_tokens exceeds the server's context, lower --max-tokens`;
  return `${where}: ${e.message}`;
}

/** Ids come from datasets: a header may carry only visible ASCII, so anything else is percent-encoded. */
function headerSafe(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
}

function backoffMs(policy: RetryPolicy, attempt: number, retryAfterMs?: number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = exp * (0.5 + Math.random() * 0.5);
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}

/** Waits `ms` (0 when negative), or less when `signal` aborts; never rejects. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(t);
      removeAbortWaiter(signal, done);
      resolve();
    };
    const t = setTimeout(done, Math.max(0, ms));
    addAbortWaiter(signal, done);
  });
}

export async function runLoop(
  plan: PlannedSuite[],
  store: RunStore,
  pool: EndpointPool,
  opts: RunLoopOptions,
  events: RunEvents = {},
  outerSignal?: AbortSignal,
): Promise<RunLoopResult> {
  const counts = { already: 0, total: 0 };
  const tasks = pendingTasks(plan, store, counts, events);
  const controller = new AbortController();
  const signal = controller.signal;
  const onOuterAbort = () => controller.abort();
  outerSignal?.addEventListener('abort', onOuterAbort);
  let fatal: FatalRunError | undefined;
  const result: RunLoopResult = { completed: 0, errors: 0, alreadyStored: 0, total: 0, aborted: false };

  async function attempt(
    task: Task,
  ): Promise<{ res: GenerationResult; endpoint: string; attempts: number } | { error: GenerationError; endpoint: string; attempts: number; startedAt: number }> {
    let last: GenerationError | undefined;
    const { prompt } = samplePrompt(task.item, task.sample);
    // A sample that failed for good was still in flight: its time counts as busy time for throughput.
    let startedAt = 0;
    let endpointId = '';
    for (let attemptNo = 1; attemptNo <= opts.retry.maxAttempts; attemptNo++) {
      const endpoint = await pool.acquire(signal);
      endpointId = endpoint.id;
      if (startedAt === 0) startedAt = Date.now();
      try {
        const res = await endpoint.generate(
          { model: opts.model, messages: prompt, ...opts.sampling, extraBody: opts.extraBody },
          {
            signal,
            idleTimeoutMs: opts.idleTimeoutMs,
            totalTimeoutMs: opts.totalTimeoutMs,
            headers: { 'x-r1bench-sample': headerSafe(`${task.suite.id}/${task.item.id}/${task.sample}`) },
          },
        );
        pool.release(endpoint, 'ok');
        return { res, endpoint: endpoint.id, attempts: attemptNo };
      } catch (e) {
        const err = e instanceof GenerationError ? e : new GenerationError('protocol', String((e as Error)?.message ?? e), true);
        pool.release(endpoint, err.retryable ? 'retryable' : 'fatal');
        if (err.kind === 'aborted' || signal.aborted) throw err;
        if (!err.retryable) throw new FatalRunError(fatalMessage(err, endpoint.id, opts.model));
        last = err;
        events.onRetry?.(err, attemptNo, task.item);
        if (attemptNo < opts.retry.maxAttempts) await sleep(backoffMs(opts.retry, attemptNo, err.retryAfterMs), signal);
      }
    }
    return { error: last!, endpoint: endpointId, attempts: opts.retry.maxAttempts, startedAt };
  }

  const rampUpMs = opts.rampUpMs ?? 0;
  await pool.preconnect(Math.min(connectionsToOpen(opts.concurrency, rampUpMs), counts.total - counts.already));
  const startedAt = performance.now();
  // Wakes workers still waiting for their ramp-up start once the queue is empty (a resume with little
  // left) or the run stops.
  const rampOver = new AbortController();
  signal.addEventListener('abort', () => rampOver.abort(), { once: true });
  async function worker(index: number): Promise<void> {
    if (rampUpMs > 0) await sleep(startedAt + (index * rampUpMs) / Math.max(1, opts.concurrency) - performance.now(), rampOver.signal);
    for (;;) {
      if (signal.aborted) return;
      const next = tasks.next();
      // Once: abort() builds its DOMException (with a stack) on every call, even on an aborted signal, and
      // each of hundreds of workers gets here while the last samples stream.
      if (next.done) return void (rampOver.signal.aborted || rampOver.abort());
      const task = next.value;
      let out;
      try {
        out = await attempt(task);
      } catch (e) {
        if (e instanceof FatalRunError && !fatal) {
          fatal = e;
          controller.abort();
        }
        return;
      }
      if (signal.aborted && 'error' in out) return;
      const { variant } = samplePrompt(task.item, task.sample);
      const c: Completion = {
        runId: opts.runId,
        suiteId: task.suite.id,
        itemId: task.item.id,
        sample: task.sample,
        endpoint: out.endpoint,
        attempts: out.attempts,
        ...('res' in out
          ? out.res
          : {
              reasoning: null,
              answer: null,
              finishReason: null,
              timing: { sentAt: out.startedAt, endMs: Date.now() - out.startedAt },
              error: { kind: out.error.kind, message: out.error.message },
            }),
        ...(variant ? { variant } : {}),
      };
      try {
        store.put(c);
      } catch (e) {
        // The store cannot take it (disk full, read-only): stop everything; what is stored stays valid.
        if (!fatal) fatal = new FatalRunError(storeFailure(e, store.file));
        controller.abort();
        return;
      }
      if (c.error) result.errors++;
      else result.completed++;
      events.onStored?.(c, task.item);
    }
  }

  try {
    const workers = Array.from({ length: Math.max(1, opts.concurrency) }, (_, i) => worker(i));
    await Promise.all(workers);
  } finally {
    outerSignal?.removeEventListener('abort', onOuterAbort);
  }
  if (fatal) throw fatal;
  result.alreadyStored = counts.already;
  result.total = counts.total;
  result.aborted = signal.aborted;
  return result;
}
