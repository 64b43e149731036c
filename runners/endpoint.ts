// The contract between the scheduler and anything that generates: an HTTP deployment or a local engine.
import type { ChatMessage, CompletionTiming, ServerTimings, Usage } from '../types.ts';

export interface GenerationRequest {
  model: string;
  messages: ChatMessage[];
  temperature: number;
  topP: number;
  maxTokens: number;
  seed?: number;
  /** Extra JSON body fields from the config (e.g. { ignore_eos: true }). */
  extraBody?: Record<string, unknown>;
}

export interface GenerationOptions {
  signal?: AbortSignal;
  /** No bytes for this long: the stream is stalled. */
  idleTimeoutMs: number;
  /** Whole request, however long R1 thinks. */
  totalTimeoutMs: number;
  /** Extra request headers, e.g. x-r1bench-sample (which sample this is; real servers ignore it). */
  headers?: Record<string, string>;
}

export interface GenerationResult {
  /** The reasoning: the server's reasoning field, or the text inside inline `<think>…</think>`. */
  reasoning: string | null;
  /**
   * The answer part, already split from the reasoning and trimmed (null when empty); stored as is and
   * never split again. With a reasoning field: all of `content`. Inline: the text after the FIRST
   * `</think>` (a later `<think>`/`</think>` is answer text). `<think>` never closed, or no tag at all
   * with finish_reason `length`: null (unfinished reasoning). No tag at all otherwise: all of `content`.
   */
  answer: string | null;
  finishReason: string | null;
  usage?: Usage;
  timing: CompletionTiming;
  serverTimings?: ServerTimings;
}

/**
 * Why a request failed. `retryable` errors are retried with backoff; the others stop the run
 * (401/403/404/400: retrying cannot help).
 */
export type FailureKind =
  | 'http' // non-2xx status
  | 'network' // refused, reset, DNS
  | 'stalled' // idle timeout
  | 'timeout' // total timeout
  | 'protocol' // malformed stream, cut without [DONE], error event in stream
  | 'aborted'; // our own abort (Ctrl-C)

export class GenerationError extends Error {
  constructor(
    readonly kind: FailureKind,
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'GenerationError';
  }
}

export interface Endpoint {
  /** Display id: the base URL without credentials, or `local:<file>`. Never holds a secret. */
  readonly id: string;
  /** Most requests it can serve at once (a local engine's parallel sequences); the pool never exceeds it. */
  readonly maxConcurrency?: number;
  /** What the endpoint knows of its own setup (a local engine: model file, GGUF metadata, threads, memory). */
  profile?(): Promise<unknown>;
  generate(req: GenerationRequest, opts: GenerationOptions): Promise<GenerationResult>;
  /** Opens up to `connections` connections ahead of the first requests (HTTP endpoints); never fails. */
  preconnect?(connections: number): Promise<void>;
  close?(): Promise<void>;
}
