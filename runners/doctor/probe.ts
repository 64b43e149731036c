// Doctor's requests: GETs of what a server says about itself, and streamed chat requests kept raw (every
// chunk with its arrival time) as well as read by the harness's own StreamAccumulator. Every request carries
// x-r1bench-probe, and is retried on 429, 5xx and network errors as samples are, honouring Retry-After.
import { performance } from 'node:perf_hooks';
import type { GenerationResult } from '../endpoint.ts';
import { parseBaseUrl } from '../http-client.ts';
import { SseDecoder } from '../sse.ts';
import { StreamAccumulator } from '../stream-accumulator.ts';
import { PROBE_HEADER, type DoctorTarget } from './types.ts';

/** A request that could not be answered after its retries (network, timeout, 429/5xx throughout). */
export class ProbeError extends Error {
  constructor(
    message: string,
    readonly network: boolean,
  ) {
    super(message);
    this.name = 'ProbeError';
  }
}

export interface GetResult {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export interface StreamProbe {
  status: number;
  contentType: string;
  /** The error text of a non-2xx answer. */
  errorText?: string;
  /** Parsed chunks in order, with their arrival in ms after the request was sent. */
  chunks: { chunk: any; tMs: number }[];
  done: boolean;
  /** How r1bench itself reads this stream; null when it is not a readable stream. */
  result: GenerationResult | null;
  /** Why StreamAccumulator refused the stream (malformed chunk, error event). */
  protocolError?: string;
}

/** The connection broke mid-stream: retried, and reported as a broken stream when it keeps breaking. */
class StreamBroke extends Error {
  constructor(readonly probe: StreamProbe) {
    super(probe.protocolError);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const retryable = (status: number) => status === 429 || status >= 500;

export class Prober {
  readonly base: URL;
  /** Base URL without a trailing /v1: where /metrics, /version, /props live. */
  readonly root: string;
  readonly endpoint: string;
  private readonly timeoutMs: number;
  private readonly attempts: number;
  private readonly retryBaseMs: number;

  constructor(readonly target: DoctorTarget) {
    this.base = parseBaseUrl(target.baseUrl);
    this.endpoint = `${this.base.protocol}//${this.base.host}${this.base.pathname.replace(/\/+$/, '')}`;
    this.root = this.endpoint.replace(/\/v1$/, '');
    this.timeoutMs = target.requestTimeoutMs ?? 120_000;
    this.attempts = Math.max(1, target.attempts ?? 3);
    this.retryBaseMs = target.retryBaseMs ?? 500;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { [PROBE_HEADER]: '1', ...(this.target.apiKey ? { authorization: `Bearer ${this.target.apiKey}` } : {}), ...extra };
  }

  /** fetch with retries; resolves with the last response (maybe 429/5xx), rejects only when none came. */
  private async send(url: string, init: RequestInit, signal: AbortSignal): Promise<Response> {
    let last: Response | undefined;
    let lastError = '';
    for (let attempt = 1; attempt <= this.attempts; attempt++) {
      try {
        last = await fetch(url, { ...init, signal });
        if (!retryable(last.status) || attempt === this.attempts) return last;
        const retryAfterS = Number(last.headers.get('retry-after'));
        await last.arrayBuffer().catch(() => undefined);
        const backoff = this.retryBaseMs * 2 ** (attempt - 1) * (0.5 + Math.random() * 0.5);
        await sleep(Number.isFinite(retryAfterS) && retryAfterS > 0 ? Math.min(10_000, Math.max(backoff, retryAfterS * 1000)) : backoff);
      } catch (e) {
        if (signal.aborted) throw new ProbeError(`${url}: no answer within ${this.timeoutMs} ms`, true);
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        lastError = cause?.code ?? cause?.message ?? (e as Error).message;
        if (attempt === this.attempts) break;
        await sleep(this.retryBaseMs * 2 ** (attempt - 1));
      }
    }
    throw new ProbeError(`${url}: ${lastError || 'no answer'}`, true);
  }

  /** GET a path under the base URL (`/models`) or, with `fromRoot`, under the server root (`/metrics`). */
  async get(path: string, fromRoot = false): Promise<GetResult> {
    const url = (fromRoot ? this.root : this.endpoint) + path;
    const signal = AbortSignal.timeout(Math.min(this.timeoutMs, 15_000));
    const res = await this.send(url, { headers: this.headers() }, signal);
    const text = await res.text().catch(() => '');
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  /**
   * POSTs a streamed chat request for the model and reads it whole. `headersOnly`: stop as soon as the
   * status is known (a context probe must not generate 32k tokens). A 429/5xx after every retry throws.
   */
  async chat(body: Record<string, unknown>, headersOnly = false): Promise<StreamProbe> {
    // A stream that breaks is retried as a sample would be; one that breaks every time is the answer.
    for (let attempt = 1; ; attempt++) {
      try {
        const p = await this.chatOnce(body, headersOnly);
        if (!p.protocolError || attempt >= this.attempts) return p;
      } catch (e) {
        if (!(e instanceof StreamBroke)) throw e;
        if (attempt >= this.attempts) return e.probe;
      }
      await sleep(this.retryBaseMs * 2 ** (attempt - 1));
    }
  }

  private async chatOnce(body: Record<string, unknown>, headersOnly: boolean): Promise<StreamProbe> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    const payload = JSON.stringify({ model: this.target.model, stream: true, stream_options: { include_usage: true }, ...body });
    try {
      const t0 = performance.now();
      const sentAt = performance.timeOrigin + t0;
      const res = await this.send(`${this.endpoint}/chat/completions`, { method: 'POST', headers: this.headers({ 'content-type': 'application/json' }), body: payload }, controller.signal);
      const contentType = res.headers.get('content-type') ?? '';
      const out: StreamProbe = { status: res.status, contentType, chunks: [], done: false, result: null };
      if (retryable(res.status)) throw new ProbeError(`HTTP ${res.status} after ${this.attempts} attempts`, false);
      if (headersOnly || res.status < 200 || res.status >= 300) {
        if (headersOnly && res.ok) controller.abort();
        else out.errorText = (await res.text().catch(() => '')).replace(/\s+/g, ' ').slice(0, 200);
        return out;
      }
      if (!contentType.includes('text/event-stream')) {
        out.errorText = (await res.text()).slice(0, 200);
        return out;
      }
      const acc = new StreamAccumulator();
      const decoder = new SseDecoder((data) => {
        const tMs = performance.now() - t0;
        if (out.done) return; // nothing after [DONE] belongs to the stream
        if (data === '[DONE]') out.done = true;
        else if (data.trim() === '') return; // an empty event carries no chunk (as the run's client reads it)
        else {
          try {
            out.chunks.push({ chunk: JSON.parse(data), tMs });
          } catch {
            out.protocolError ??= `malformed chunk: ${data.slice(0, 60)}`;
          }
        }
        try {
          if (!out.protocolError) acc.onData(data, tMs);
        } catch (e) {
          out.protocolError = (e as Error).message;
        }
      });
      try {
        for await (const bytes of res.body as unknown as AsyncIterable<Uint8Array>) {
          decoder.push(bytes);
          if (out.done) break; // [DONE] ends the probe even when the server holds the connection open
        }
        if (!out.done) decoder.end();
      } catch (e) {
        if (controller.signal.aborted) throw e;
        out.protocolError = `the stream broke after ${out.chunks.length} chunks (${(e as Error).message})`;
        throw new StreamBroke(out);
      }
      out.result = out.protocolError ? null : acc.result(sentAt, performance.now() - t0);
      return out;
    } catch (e) {
      if (e instanceof ProbeError || e instanceof StreamBroke) throw e;
      if (controller.signal.aborted && !headersOnly) throw new ProbeError(`no complete answer within ${this.timeoutMs} ms`, true);
      throw new ProbeError(`stream broke: ${(e as Error).message}`, true);
    } finally {
      clearTimeout(timer);
    }
  }
}
