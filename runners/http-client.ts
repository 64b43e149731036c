// Streaming client for any OpenAI-compatible server, on r1bench's own HTTP/1.1 pool (http1.ts): the SDK is
// 5x slower per chunk and its request queue puts hundreds of ms into measured TTFT under load
// (ENVIRONMENT.md), and node:http's response streams made timestamps late at hundreds of streams. Times
// follow the wire: t0 is taken when the request's bytes go out, chunk times when their read arrived.
import { performance } from 'node:perf_hooks';
import { GenerationError, type Endpoint, type GenerationOptions, type GenerationRequest, type GenerationResult } from './endpoint.ts';
import { addAbortWaiter, removeAbortWaiter } from './abort-watch.ts';
import { Http1Pool, type Exchange, type ExchangeHandler } from './http1.ts';
import { requestHead, type Http1Error, type Http1Target, type ResponseHead } from './http1-wire.ts';
import { SseDecoder } from './sse.ts';
import { StreamAccumulator } from './stream-accumulator.ts';

export interface HttpEndpointOptions {
  apiKey?: string;
  /** Sockets kept per endpoint; one per concurrent stream. */
  maxSockets?: number;
}

export class BadEndpointUrlError extends Error {}

/** How long a response may stay open after `data: [DONE]` before its connection is dropped (ms); the sample does not wait. */
const DONE_GRACE_MS = 1000;

const isJson = (type: string | undefined) => type !== undefined && /^application\/(?:[\w.+-]+\+)?json\b/i.test(type);

/** Parses and checks a base URL as the OpenAI SDK takes it (`http://host:8000/v1`). */
export function parseBaseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new BadEndpointUrlError(`bad endpoint URL "${raw}": expected e.g. http://127.0.0.1:8000/v1`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new BadEndpointUrlError(`bad endpoint URL "${raw}": only http:// and https:// are supported`);
  if (url.username || url.password) throw new BadEndpointUrlError(`endpoint URL must not hold credentials: use --api-key-env`);
  return url;
}

/** Body of a chat-completions request with R1's sampling and usage on the last chunk. */
export function requestBody(req: GenerationRequest): string {
  return JSON.stringify({
    ...req.extraBody,
    model: req.model,
    messages: req.messages,
    temperature: req.temperature,
    top_p: req.topP,
    max_tokens: req.maxTokens,
    ...(req.seed === undefined ? {} : { seed: req.seed }),
    stream: true,
    stream_options: { include_usage: true },
  });
}

function statusError(status: number, body: string, retryAfter: string | undefined): GenerationError {
  let message = body.slice(0, 300);
  try {
    const parsed = JSON.parse(body);
    message = String(parsed?.error?.message ?? parsed?.message ?? parsed?.detail ?? message);
  } catch {
    /* not JSON: keep the text */
  }
  message = message.replace(/\s+/g, ' ').trim().slice(0, 300);
  const retryable = status === 408 || status === 409 || status === 429 || status >= 500;
  const seconds = retryAfter === undefined ? NaN : Number(retryAfter);
  const retryAfterMs = Number.isFinite(seconds) ? seconds * 1000 : retryAfter ? Math.max(0, Date.parse(retryAfter) - Date.now()) || undefined : undefined;
  return new GenerationError('http', `HTTP ${status}${message ? `: ${message}` : ''}`, retryable, status, retryAfterMs);
}

/** How the body is read: an SSE stream, one JSON body (a server that ignored `stream: true`), or an error body. */
type BodyMode = 'sse' | 'json' | 'error';

/**
 * One streamed request, from the pool's first callback to the caller's promise, settled once. A class whose
 * callbacks are methods or anonymous, not named closures (http1.ts says why: a loader with keepNames makes
 * each named closure a garbage dictionary, which showed in TTFT p99 at hundreds of streams).
 */
class StreamRequest implements ExchangeHandler {
  private readonly acc = new StreamAccumulator();
  private readonly decoder: SseDecoder;
  exchange: Exchange | undefined;
  private t0 = performance.now();
  private sentAt = Date.now();
  private settled = false;
  /** When [DONE] arrived (ms from t0): from then on the sample is complete. */
  private doneAtMs: number | undefined;
  /** When the latest read's bytes arrived (performance.now()): every event in one read gets that time, taken before any decoding. */
  private readMs = 0;
  private lastByteAt = 0;
  /** The one timer for both limits (a stream keeps one timer object, not two): it fires at the nearer of
   * the total deadline and, once bytes flow, the idle deadline, and re-arms itself for the other. */
  private timer: NodeJS.Timeout;
  /** performance.now() by which the whole request must be done. */
  private readonly totalDeadline: number;
  /** Whether the idle limit runs (from the response head on). */
  private idleArmed = false;
  private grace: NodeJS.Timeout | undefined;
  private readonly onAbort: () => void;
  private mode: BodyMode = 'sse';
  private status = 0;
  private retryAfter: string | undefined;
  private readonly parts: Buffer[] = [];
  private size = 0;

  constructor(
    private readonly o: GenerationOptions,
    private readonly resolve: (r: GenerationResult) => void,
    private readonly reject: (e: GenerationError) => void,
  ) {
    this.decoder = new SseDecoder((data) => this.acc.onData(data, this.readMs - this.t0));
    this.totalDeadline = this.t0 + o.totalTimeoutMs;
    this.timer = setTimeout(() => this.onTimer(), o.totalTimeoutMs);
    this.onAbort = () => this.finish(new GenerationError('aborted', 'aborted', false));
    addAbortWaiter(o.signal, this.onAbort);
  }

  /** Fails before anything was sent (e.g. a header value with a line break), leaving no timer behind to keep the process alive. */
  abandon(err: GenerationError): void {
    this.settled = true;
    clearTimeout(this.timer);
    removeAbortWaiter(this.o.signal, this.onAbort);
    this.reject(err);
  }

  private finish(err: GenerationError | null): void {
    if (this.settled) return;
    // After [DONE], a connection that breaks, stalls or times out no longer matters; only our own abort does.
    if (err && this.doneAtMs !== undefined && err.kind !== 'aborted') err = null;
    this.settled = true;
    clearTimeout(this.timer);
    removeAbortWaiter(this.o.signal, this.onAbort);
    if (err) {
      this.exchange?.destroy();
      this.reject(err);
    } else this.resolve(this.acc.result(this.sentAt, this.doneAtMs ?? performance.now() - this.t0));
  }

  // The idle deadline moves with every read, but the timer is not re-armed per read (a timer object per
  // chunk is most of a stream's garbage): when it fires before a deadline it waits out the rest.
  private onTimer(): void {
    const now = performance.now();
    if (now >= this.totalDeadline) return this.finish(new GenerationError('timeout', `request took over ${this.o.totalTimeoutMs} ms`, true));
    let waitMs = this.totalDeadline - now;
    if (this.idleArmed) {
      const quietMs = now - this.lastByteAt;
      if (quietMs >= this.o.idleTimeoutMs) return this.finish(new GenerationError('stalled', `no bytes for ${this.o.idleTimeoutMs} ms (stream stalled)`, true));
      waitMs = Math.min(waitMs, this.o.idleTimeoutMs - quietMs);
    }
    this.timer = setTimeout(() => this.onTimer(), waitMs);
  }

  private armIdle(now: number): void {
    this.lastByteAt = now;
    if (this.idleArmed) return;
    this.idleArmed = true;
    // The timer waits for the total deadline; the idle one comes first if it is nearer.
    if (now + this.o.idleTimeoutMs < this.totalDeadline) {
      clearTimeout(this.timer);
      this.timer = setTimeout(() => this.onTimer(), this.o.idleTimeoutMs);
    }
  }

  // The request's bytes wait until the socket can send: after TCP connect for http, after the TLS
  // handshake for https; on a reused socket they go out at once.
  onSent(at: number): void {
    this.t0 = at;
    this.sentAt = performance.timeOrigin + at;
  }

  onHead(h: ResponseHead): void {
    this.armIdle(performance.now());
    this.status = h.status;
    this.retryAfter = h.headers['retry-after'];
    this.mode = h.status < 200 || h.status >= 300 ? 'error' : isJson(h.headers['content-type']) ? 'json' : 'sse';
  }

  onBody(bytes: Buffer, at: number): void {
    if (this.settled || this.doneAtMs !== undefined) return;
    if (this.mode !== 'sse') {
      // Error bodies are kept up to 64 KiB; a whole JSON body entirely.
      if (this.mode === 'json' || this.size < 65536) this.parts.push(Buffer.from(bytes));
      this.size += bytes.length;
      if (this.mode === 'json') this.armIdle(at);
      return;
    }
    this.readMs = at;
    this.armIdle(at);
    try {
      this.decoder.push(bytes);
    } catch (e) {
      return this.finish(e as GenerationError);
    }
    if (this.acc.done) this.onDone();
  }

  onEnd(at: number): void {
    clearTimeout(this.grace);
    if (this.settled) return;
    this.readMs = at;
    if (this.mode === 'error') return this.finish(this.errorFromBody());
    try {
      if (this.mode === 'json') {
        this.acc.onMessage(Buffer.concat(this.parts).toString('utf8'), at - this.t0);
        return this.finish(null);
      }
      this.decoder.end();
    } catch (e) {
      return this.finish(e as GenerationError);
    }
    // Without [DONE] a stream is complete only if it said how it finished; otherwise it was cut.
    if (this.acc.done || this.acc.finishReason !== null) this.finish(null);
    else this.finish(new GenerationError('protocol', 'stream ended without [DONE] (cut mid-way)', true));
  }

  onError(e: Http1Error): void {
    clearTimeout(this.grace);
    if (e.code === 'ERR_CLOSED') this.finish(new GenerationError('aborted', 'endpoint closed', false));
    else if (this.status === 0) this.finish(new GenerationError('network', `${e.code}: ${e.message}`.slice(0, 200), true));
    else if (this.mode === 'error') this.finish(this.errorFromBody());
    else if (e.code === 'HPE_INVALID') this.finish(new GenerationError('protocol', e.message.slice(0, 200), true));
    else this.finish(new GenerationError('network', e.message === 'aborted' ? `stream aborted by the server` : `stream broke: ${e.message}`.slice(0, 200), true));
  }

  /** The error an HTTP error status and its body (kept up to 64 KiB) make. */
  private errorFromBody(): GenerationError {
    return statusError(this.status, Buffer.concat(this.parts).toString('utf8'), this.retryAfter);
  }

  // [DONE] ends the sample at once, with its times fixed. Settling waits one turn of the event loop so a
  // response end that came in the same read (the usual case) frees the socket for the next request first.
  // A response still open DONE_GRACE_MS later is dropped, so a server that holds it cannot pin a socket.
  private onDone(): void {
    this.doneAtMs = this.readMs - this.t0;
    clearTimeout(this.timer); // the sample is complete: neither limit applies any more
    setImmediate(() => this.finish(null));
    this.grace = setTimeout(() => this.exchange!.destroy(), DONE_GRACE_MS);
    this.grace.unref();
  }
}

export function createHttpEndpoint(baseUrl: string, opts: HttpEndpointOptions = {}): Endpoint {
  const base = parseBaseUrl(baseUrl);
  // A query string stays on the request (Azure-style ?api-version=...).
  const path = base.pathname.replace(/\/+$/, '') + '/chat/completions' + base.search;
  const target: Http1Target = {
    tls: base.protocol === 'https:',
    host: base.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: Number(base.port) || (base.protocol === 'https:' ? 443 : 80),
    hostHeader: base.host,
  };
  const pool = new Http1Pool(target, { maxSockets: opts.maxSockets });
  const id = `${base.protocol}//${base.host}${base.pathname.replace(/\/+$/, '')}`;

  function generate(req: GenerationRequest, o: GenerationOptions): Promise<GenerationResult> {
    if (o.signal?.aborted) return Promise.reject(new GenerationError('aborted', 'aborted', false));
    const body = requestBody(req);
    return new Promise<GenerationResult>((resolve, reject) => {
      const stream = new StreamRequest(o, resolve, reject);
      const headers: Record<string, string | number> = {
        'content-type': 'application/json',
        accept: 'text/event-stream',
        'content-length': Buffer.byteLength(body),
        ...o.headers,
      };
      if (opts.apiKey) headers.authorization = `Bearer ${opts.apiKey}`;
      let head: string;
      try {
        head = requestHead('POST', path, target, headers);
      } catch (e) {
        return stream.abandon(new GenerationError('protocol', `cannot send the request: ${(e as Error).message}`, false));
      }
      stream.exchange = pool.send(head, body, stream);
    });
  }

  return {
    id,
    generate,
    async preconnect(connections: number) {
      await pool.preconnect(connections);
    },
    async close() {
      pool.close();
    },
  };
}
