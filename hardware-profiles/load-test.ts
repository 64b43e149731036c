// `r1bench bench`: load levels against any endpoint — closed loop (N streams kept in flight) or open loop
// (Poisson arrivals at R requests/s) — with a warm-up excluded from the numbers.
import { performance } from 'node:perf_hooks';
import { GenerationError, type Endpoint, type GenerationRequest } from '../runners/endpoint.ts';
import { connectionsToOpen, sleep } from '../runners/run.ts';
import type { ChatMessage, Completion } from '../types.ts';
import { curvePoint, findSaturation, type BenchReport, type LoadLevelResult, type LoadMode } from './bench-report.ts';
import { summarizePerformance, type Slo } from './metrics.ts';
import { startClientLoad } from './client-load.ts';
import { poissonGapMs, seededRandom, syntheticPrompt } from './synthetic.ts';

export interface LoadTestOptions {
  endpoint: Endpoint;
  model: string;
  /** Closed-loop levels: streams kept in flight. */
  concurrency?: number[];
  /** Open-loop levels: Poisson arrivals, requests per second. */
  rates?: number[];
  /** Requests per level (default: max(16, 4 × concurrency) closed loop, max(16, 10 × rate) open loop unless durationMs is given). */
  requestsPerLevel?: number;
  /** Stop starting requests after this long per level; in-flight ones finish and count. */
  durationMs?: number;
  /** Closed loop: the level's streams start evenly spread over this long instead of all at once (ms, default 0),
   * so that a level measures a steady state in which requests keep arriving while others stream. */
  rampUpMs?: number;
  /** Requests sent all at once before the first level and left out of the numbers (default 2). */
  warmupRequests?: number;
  /** Synthetic prompt length in tokens, about (default 256); ignored when prompts are given. */
  promptTokens?: number;
  /** max_tokens (default 256 for synthetic prompts, 32768 for given prompts). */
  outputTokens?: number;
  /** Prompts to cycle through (e.g. a suite's items) instead of synthetic ones. */
  prompts?: ChatMessage[][];
  slo?: Slo;
  /** Send ignore_eos: true so that every request generates exactly outputTokens (vLLM, SGLang). */
  ignoreEos?: boolean;
  temperature?: number;
  topP?: number;
  /** Seeds synthetic prompts and Poisson arrivals (default 1). */
  seed?: number;
  idleTimeoutMs?: number;
  totalTimeoutMs?: number;
  signal?: AbortSignal;
  /** Every measured completion, as it arrives (e.g. to store it). */
  onCompletion?(c: Completion, level: { mode: LoadMode; load: number }): void;
  /** After each level, for progress output. */
  onLevel?(level: LoadLevelResult): void;
}

export class LoadTestError extends Error {}

export async function runLoadTest(opts: LoadTestOptions): Promise<BenchReport> {
  const seed = opts.seed ?? 1;
  const random = seededRandom(seed);
  const synthetic = !opts.prompts?.length;
  const promptTokens = opts.promptTokens ?? 256;
  const maxTokens = opts.outputTokens ?? (synthetic ? 256 : 32768);
  const warmup = opts.warmupRequests ?? 2;
  let counter = 0;
  const levels: LoadLevelResult[] = [];
  const concurrency = opts.concurrency ?? (opts.rates?.length ? [] : [1]);
  const rampUpMs = opts.rampUpMs ?? 0;
  if (!(rampUpMs >= 0)) throw new LoadTestError(`bad --ramp-up-s: must be 0 or more seconds`);
  if (rampUpMs > 0 && concurrency.length === 0) throw new LoadTestError('--ramp-up-s spreads the start of --concurrency levels; --rate levels already arrive spread out');
  if (rampUpMs > 0 && opts.durationMs !== undefined && opts.durationMs <= rampUpMs)
    throw new LoadTestError(`--duration (${opts.durationMs / 1000} s) must be longer than --ramp-up-s (${rampUpMs / 1000} s): streams would never all start`);
  for (const [name, values] of [['--concurrency', concurrency], ['--rate', opts.rates ?? []]] as const)
    for (const v of values) if (!(v > 0) || (name === '--concurrency' && !Number.isInteger(v))) throw new LoadTestError(`bad ${name} value ${v}: must be a positive ${name === '--rate' ? 'number' : 'integer'}`);

  function request(): GenerationRequest {
    const n = counter++;
    const messages = synthetic ? [{ role: 'user' as const, content: syntheticPrompt(promptTokens, n, random) }] : opts.prompts![n % opts.prompts!.length]!;
    return {
      model: opts.model,
      messages,
      temperature: opts.temperature ?? 0.6,
      topP: opts.topP ?? 0.95,
      maxTokens,
      ...(opts.ignoreEos ? { extraBody: { ignore_eos: true } } : {}),
    };
  }

  /** One request, never throwing: a failure becomes a completion with an error. */
  async function fire(suiteId: string, itemId: string): Promise<Completion> {
    const sentAt = Date.now();
    const t0 = performance.now();
    const base = { runId: 'bench', suiteId, itemId, sample: 0, endpoint: opts.endpoint.id, attempts: 1 };
    try {
      // The request's key on the wire, as `run` sends its sample keys: server logs can be matched to requests.jsonl.
      const headers = { 'x-r1bench-sample': `${suiteId}/${itemId}` };
      const g = await opts.endpoint.generate(request(), { idleTimeoutMs: opts.idleTimeoutMs ?? 120_000, totalTimeoutMs: opts.totalTimeoutMs ?? 3_600_000, signal: opts.signal, headers });
      return { ...base, ...g };
    } catch (e) {
      const kind = e instanceof GenerationError ? e.kind : 'internal';
      return { ...base, reasoning: null, answer: null, finishReason: null, timing: { sentAt, endMs: performance.now() - t0 }, error: { kind, message: (e as Error).message } };
    }
  }

  if (warmup > 0) {
    const results = await Promise.all(Array.from({ length: warmup }, (_, i) => fire('warmup', String(i))));
    const failed = results.find((c) => c.error);
    if (failed && results.every((c) => c.error)) throw new LoadTestError(`warm-up failed against ${opts.endpoint.id}: ${failed.error!.message}`);
  }

  async function level(mode: LoadMode, load: number): Promise<void> {
    const suiteId = `bench:${mode === 'concurrency' ? 'c' : 'r'}${load}`;
    const limit = opts.requestsPerLevel ?? (opts.durationMs ? Infinity : Math.max(16, Math.ceil((mode === 'concurrency' ? 4 : 10) * load)));
    // Before the level's clock starts: opening connections is not part of its --duration.
    if (mode === 'concurrency') await opts.endpoint.preconnect?.(Math.min(limit, connectionsToOpen(load, rampUpMs)));
    const deadline = performance.now() + (opts.durationMs ?? Infinity);
    const done: Completion[] = [];
    let sent = 0;
    let inFlight = 0;
    let peakInFlight = 0;
    const more = () => sent < limit && performance.now() < deadline && !opts.signal?.aborted;
    // Wakes streams still waiting for their ramp-up start when nothing more will be sent (or on Ctrl-C).
    const rampOver = new AbortController();
    const onAbort = () => rampOver.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const run = async () => {
      peakInFlight = Math.max(peakInFlight, ++inFlight);
      const c = await fire(suiteId, String(sent++));
      inFlight--;
      done.push(c);
      opts.onCompletion?.(c, { mode, load });
    };
    const start = performance.now();
    const clientLoad = startClientLoad();
    if (mode === 'concurrency') {
      // Stream i starts at start + i/load of the ramp-up (all at once without one).
      const worker = async (_: unknown, i: number) => {
        if (rampUpMs > 0) await sleep(start + (i * rampUpMs) / load - performance.now(), rampOver.signal);
        while (more()) await run();
        // This stream found nothing more to send: neither will those still waiting. Once (abort() builds its
        // DOMException, stack and all, on every call, and hundreds of streams get here while others still stream).
        if (!rampOver.signal.aborted) rampOver.abort();
      };
      await Promise.all(Array.from({ length: load }, worker));
    } else {
      const inFlight: Promise<void>[] = [];
      // Arrivals at absolute times, so a late timer does not lower the offered rate.
      let due = start;
      while (more()) {
        inFlight.push(run());
        due += poissonGapMs(load, random);
        if (due > deadline) break;
        await sleep(due - performance.now());
      }
      await Promise.all(inFlight);
    }
    opts.signal?.removeEventListener('abort', onAbort);
    const client = clientLoad.stop();
    const errorKinds: Record<string, number> = {};
    for (const c of done) if (c.error) errorKinds[c.error.kind] = (errorKinds[c.error.kind] ?? 0) + 1;
    const firstError = done.find((c) => c.error)?.error!.message;
    const result: LoadLevelResult = {
      mode,
      load,
      sent,
      peakInFlight,
      durationMs: performance.now() - start,
      performance: summarizePerformance(done, { slo: opts.slo }),
      errorKinds,
      ...(firstError ? { firstError } : {}),
      client,
    };
    levels.push(result);
    opts.onLevel?.(result);
  }

  for (const c of concurrency) if (!opts.signal?.aborted) await level('concurrency', c);
  for (const r of opts.rates ?? []) if (!opts.signal?.aborted) await level('rate', r);

  return {
    schemaVersion: 1,
    kind: 'bench',
    createdAt: new Date().toISOString(),
    endpoint: opts.endpoint.id,
    model: opts.model,
    settings: {
      prompts: synthetic ? 'synthetic' : 'given',
      ...(synthetic ? { promptTokens } : {}),
      outputTokens: maxTokens,
      ignoreEos: opts.ignoreEos ?? false,
      ...(opts.requestsPerLevel !== undefined ? { requestsPerLevel: opts.requestsPerLevel } : {}),
      ...(opts.durationMs !== undefined ? { durationMs: opts.durationMs } : {}),
      ...(rampUpMs > 0 ? { rampUpMs } : {}),
      warmupRequests: warmup,
      ...(opts.slo ? { slo: opts.slo } : {}),
      seed,
    },
    levels,
    curve: levels.map(curvePoint),
    saturation: findSaturation(levels),
  };
}
