// The simulator's options, their defaults and checks, and the CLI flags that set them.
import type { LoadedSuite } from '../../types.ts';
import { checkFaultRates, type FaultRates } from './faults.ts';

/**
 * Where the reasoning goes: its own field (`reasoning_content`, vLLM's newer `reasoning`); inline in content
 * with both think tags (no reasoning parser) or only `</think>` (template opened the block); 'untagged': in
 * content with no tag at all (nothing to split on); 'none': the model does not reason.
 */
export type ReasoningFormat = 'reasoning_content' | 'reasoning' | 'inline' | 'inline-no-open' | 'untagged' | 'none';
export const reasoningFormats: readonly ReasoningFormat[] = ['reasoning_content', 'reasoning', 'inline', 'inline-no-open', 'untagged', 'none'];

export interface SimulatorOptions {
  host: string;
  /** 0: any free port. */
  port: number;
  /** Every random decision (right/wrong, faults, filler text) is a hash of this seed. */
  seed: number;
  /** Served model name; null: accept any model name (and echo it back). */
  model: string | null;
  /** When set, /v1/* needs `Authorization: Bearer <apiKey>`. */
  apiKey: string | null;
  /** prompt tokens + max_tokens above this: 400, as vLLM answers. */
  contextTokens: number;
  /** Suites whose prompts the simulator recognises: bundled ids or KIND:PATH. Loaded lazily; one failing is tolerated. */
  suites: string[];
  /** Suites already loaded (library use, tests), indexed along with `suites`. */
  loadedSuites: LoadedSuite[];
  /** Load the suites before startSimulator resolves, instead of on the first request. */
  preload: boolean;
  /** Probability of a right answer per sample. */
  correctRate: number;
  /** Probability of an answer part with no answer at all. */
  noAnswerRate: number;
  /** Reasoning length in tokens (words). */
  reasoningTokens: number;
  /** Reasoning length varies by ± this fraction per sample (0: always reasoningTokens). */
  reasoningJitter: number;
  reasoningFormat: ReasoningFormat;
  /** Misconfiguration: temperature ignored (or a cache answers): the same prompt always gets the same text. */
  ignoreSampling: boolean;
  /** A request's `seed` picks its text, so the same seed twice gives the same output (as vLLM does). */
  honourSeed: boolean;
  /** Misconfiguration: no usage chunk, even when stream_options.include_usage asks for one. */
  noUsage: boolean;
  /** Misconfiguration: a system prompt the server (or a gateway) adds to every request; counts in prompt tokens. */
  injectSystemPrompt: string | null;
  /** Delay from the request (or leaving the queue) to the first token-bearing chunk. */
  ttftMs: number;
  /** One token every interTokenMs after the first. 0: as fast as possible. */
  interTokenMs: number;
  /** Alternative to interTokenMs (interTokenMs = 1000 / tokensPerSec) when interTokenMs is 0. */
  tokensPerSec: number;
  /** Tokens per chunk after the first token; a list cycles per request. */
  tokensPerChunk: number | number[];
  /** Requests generating at once; more wait in a queue (vllm:num_requests_waiting). 0: no limit. */
  maxRunning: number;
  /** Simulated KV cache size in tokens, for vllm:kv_cache_usage_perc. */
  kvCacheTokens: number;
  /** Adds a llama.cpp-style `timings` object to the last chunk (or the response). */
  timings: boolean;
  faults: FaultRates;
  /** Retry-After value of the '429' fault, seconds. */
  retryAfterS: number;
  stallMs: number;
  trickleByteMs: number;
  trickleMs: number;
  /** Appends one JSON line per finished request (sample key, outcome, ...). */
  logFile: string | null;
  /** Entries kept in the in-memory request log (oldest dropped first). */
  requestLogLimit: number;
}

export const defaultSimulatorOptions: SimulatorOptions = {
  host: '127.0.0.1',
  port: 0,
  seed: 1,
  model: null,
  apiKey: null,
  contextTokens: 131072,
  suites: ['aime-sample', 'mmlu-sample', 'codeforces-sample'],
  loadedSuites: [],
  preload: false,
  correctRate: 0.7,
  noAnswerRate: 0.02,
  reasoningTokens: 300,
  reasoningJitter: 0,
  reasoningFormat: 'reasoning_content',
  ignoreSampling: false,
  honourSeed: false,
  noUsage: false,
  injectSystemPrompt: null,
  ttftMs: 0,
  interTokenMs: 0,
  tokensPerSec: 0,
  tokensPerChunk: 1,
  maxRunning: 0,
  kvCacheTokens: 262144,
  timings: false,
  faults: {},
  retryAfterS: 1,
  stallMs: 30000,
  trickleByteMs: 50,
  trickleMs: 5000,
  logFile: null,
  requestLogLimit: 100000,
};

/** A bad simulator option: one line naming the option. */
export class SimulatorOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SimulatorOptionError';
  }
}

/** Defaults filled in and every value checked. */
export function resolveOptions(partial: Partial<SimulatorOptions>): SimulatorOptions {
  const o: SimulatorOptions = { ...defaultSimulatorOptions };
  for (const [k, v] of Object.entries(partial)) if (v !== undefined) (o as unknown as Record<string, unknown>)[k] = v;
  const nonNegative: (keyof SimulatorOptions)[] = [
    'port', 'contextTokens', 'reasoningTokens', 'ttftMs', 'interTokenMs', 'tokensPerSec', 'maxRunning',
    'kvCacheTokens', 'retryAfterS', 'stallMs', 'trickleByteMs', 'trickleMs', 'requestLogLimit',
  ];
  for (const k of nonNegative) {
    const v = o[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new SimulatorOptionError(`simulator option ${k} must be a number ≥ 0, got ${String(v)}`);
  }
  for (const k of ['correctRate', 'noAnswerRate', 'reasoningJitter'] as const) {
    if (!(o[k] >= 0 && o[k] <= 1)) throw new SimulatorOptionError(`simulator option ${k} must be from 0 to 1, got ${String(o[k])}`);
  }
  if (!Number.isInteger(o.seed)) throw new SimulatorOptionError(`simulator option seed must be an integer, got ${String(o.seed)}`);
  if (!reasoningFormats.includes(o.reasoningFormat)) {
    throw new SimulatorOptionError(`simulator option reasoningFormat must be one of ${reasoningFormats.join(', ')}, got "${o.reasoningFormat}"`);
  }
  const perChunk = Array.isArray(o.tokensPerChunk) ? o.tokensPerChunk : [o.tokensPerChunk];
  if (perChunk.length === 0 || perChunk.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new SimulatorOptionError(`simulator option tokensPerChunk must be whole numbers ≥ 1, got ${String(o.tokensPerChunk)}`);
  }
  try {
    checkFaultRates(o.faults);
  } catch (e) {
    throw new SimulatorOptionError((e as Error).message);
  }
  return o;
}

/** ms between tokens by the options (interTokenMs wins, else tokensPerSec, else 0). */
export function interTokenMsOf(o: SimulatorOptions): number {
  if (o.interTokenMs > 0) return o.interTokenMs;
  return o.tokensPerSec > 0 ? 1000 / o.tokensPerSec : 0;
}
