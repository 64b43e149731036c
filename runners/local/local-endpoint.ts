// `local:PATH.gguf` as an Endpoint: the engine's chunks go through the same StreamAccumulator as an HTTP
// stream, so records (reasoning split, usage, timings, TTFT/TTFA) have the same shape and meaning.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addAbortWaiter, removeAbortWaiter } from '../abort-watch.ts';
import { GenerationError, type Endpoint, type GenerationOptions, type GenerationRequest, type GenerationResult } from '../endpoint.ts';
import { StreamAccumulator } from '../stream-accumulator.ts';
import { loadEngineModules, parseLocalTarget, resolveModelPath, type Importer, type ResolveOptions } from './engine-loader.ts';
import { LocalEngine, type EngineOptions, type EngineRequest } from './engine.ts';
import { ggufProfile, type GgufProfile } from './gguf-reader.ts';
import { RssSampler, type RssSample } from './rss-sampler.ts';

export interface LocalEndpointOptions extends EngineOptions {
  /** How node-llama-cpp is imported (tests simulate a lean install with it). */
  importer?: Importer;
  /** For `hf:` targets: download folder and how long to wait for the hub. */
  hub?: ResolveOptions;
  /** Resident-memory sampling interval. */
  rssIntervalMs?: number;
}

export interface LocalProfile {
  target: string;
  modelPath: string;
  gguf: GgufProfile;
  engine: { name: string; nodeLlamaCppVersion: string | null; gpu: string | false; threads: number; parallel: number; contextSize: number };
  memory: { modelFileMb: number; peakRssMb: number; rssSamples: RssSample[] };
}

export interface LocalEndpoint extends Endpoint {
  readonly engine: LocalEngine;
  /** Model, engine settings and memory so far: for the run's hardware profile. */
  profile(): Promise<LocalProfile>;
  close(): Promise<void>;
}

function nodeLlamaCppVersion(): string | null {
  try {
    // Its package.json is not in its exports map: find it beside the resolved entry point (dist/index.js).
    const entry = createRequire(import.meta.url).resolve('node-llama-cpp');
    return JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')).version ?? null;
  } catch {
    return null;
  }
}

/** Engine request from a harness request; `extraBody.ignore_eos` is honoured as llama.cpp and vLLM do. */
export function engineRequest(req: GenerationRequest): EngineRequest {
  return {
    messages: req.messages,
    temperature: req.temperature,
    topP: req.topP,
    maxTokens: req.maxTokens,
    seed: req.seed,
    ignoreEos: req.extraBody?.ignore_eos === true,
  };
}

/** Runs one generation on the engine with the harness's timeouts; `onChunk` sees each chunk as it is made. */
export function generateOnEngine(engine: LocalEngine, req: EngineRequest, o: GenerationOptions, onChunk: (chunk: Record<string, unknown>) => void): Promise<void> {
  if (o.signal?.aborted) return Promise.reject(new GenerationError('aborted', 'aborted', false));
  const controller = new AbortController();
  let failure: GenerationError | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  const stop = (e: GenerationError) => {
    failure ??= e;
    controller.abort(e);
  };
  // Idle time counts once tokens flow: waiting for a free sequence or evaluating a long prompt is not a stall.
  const armIdle = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => stop(new GenerationError('stalled', `no token for ${o.idleTimeoutMs} ms (engine stalled)`, true)), o.idleTimeoutMs);
  };
  const totalTimer = setTimeout(() => stop(new GenerationError('timeout', `request took over ${o.totalTimeoutMs} ms`, true)), o.totalTimeoutMs);
  const onAbort = () => stop(new GenerationError('aborted', 'aborted', false));
  addAbortWaiter(o.signal, onAbort);
  const stopped = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(failure), { once: true }));
  const running = engine.generate(req, (chunk) => (armIdle(), onChunk(chunk)), controller.signal);
  running.catch(() => {}); // after a timeout the engine stops at its next token; its rejection is not news
  return Promise.race([running, stopped])
    .catch((e) => {
      if (failure) throw failure;
      if (e instanceof GenerationError) throw e;
      throw new GenerationError('protocol', `local engine failed: ${String((e as Error)?.message ?? e).split('\n')[0]}`, true);
    })
    .finally(() => {
      clearTimeout(idleTimer);
      clearTimeout(totalTimer);
      removeAbortWaiter(o.signal, onAbort);
    });
}

export async function createLocalEndpoint(target: string, opts: LocalEndpointOptions = {}): Promise<LocalEndpoint> {
  const rss = new RssSampler(opts.rssIntervalMs).start();
  try {
    parseLocalTarget(target);
    const mods = await loadEngineModules(opts.importer);
    const modelPath = await resolveModelPath(target, mods.nlc, opts.hub);
    const engine = await LocalEngine.open(modelPath, mods, opts);
    const id = target.startsWith('local:') ? target : `local:${target}`;
    return {
      id,
      engine,
      maxConcurrency: engine.parallel,
      async generate(req: GenerationRequest, o: GenerationOptions): Promise<GenerationResult> {
        const acc = new StreamAccumulator();
        const t0 = performance.now();
        const sentAt = performance.timeOrigin + t0;
        await generateOnEngine(engine, engineRequest(req), o, (chunk) => acc.onData(JSON.stringify(chunk), performance.now() - t0));
        return acc.result(sentAt, performance.now() - t0);
      },
      async profile(): Promise<LocalProfile> {
        rss.sample();
        const gguf = await ggufProfile(modelPath);
        return {
          target: id,
          modelPath,
          gguf,
          engine: {
            name: 'llama.cpp (node-llama-cpp, in-process)',
            nodeLlamaCppVersion: nodeLlamaCppVersion(),
            gpu: engine.gpu,
            threads: engine.threads,
            parallel: engine.parallel,
            contextSize: engine.contextSize,
          },
          memory: { modelFileMb: gguf.fileSizeMb, peakRssMb: rss.peakRssMb, rssSamples: [...rss.samples] },
        };
      },
      async close() {
        rss.stop();
        await engine.close();
      },
    };
  } catch (e) {
    rss.stop();
    throw e;
  }
}
