// Streaming client for any OpenAI-compatible server, on r1bench's own HTTP/1.1 pool (http1.ts): the SDK is
// 5x slower per chunk and its request queue puts hundreds of ms into measured TTFT under load
// (ENVIRONMENT.md), and node:http's response streams made timestamps late at hundreds of streams. Times
// follow the wire: t0 is taken when the request's bytes go out, chunk times when their read arrived.
import { performance } from 'node:perf_hooks';
import { GenerationError, type Endpoint, type GenerationOptions, type GenerationRequest, type GenerationResult } from './endpoint.ts';
import { Http1Pool, requestHead, type Exchange, type Http1Target } from './http1.ts';
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
      const acc = new StreamAccumulator();
      let t0 = performance.now();
      let sentAt = Date.now();
      let settled = false;
      let idleTimer: NodeJS.Timeout | undefined;
      let exchange: Exchange | undefined;
      /** When [DONE] arrived (ms from t0): from then on the sample is complete. */
      let doneAtMs: number | undefined;
      /** When the latest read's bytes arrived (performance.now()): every event in one read gets that time, taken before any decoding. */
      let readMs = 0;
      const finish = (err: GenerationError | null) => {
        if (settled) return;
        // After [DONE], a connection that breaks, stalls or times out no longer matters; only our own abort does.
        if (err && doneAtMs !== undefined && err.kind !== 'aborted') err = null;
        settled = true;
        clearTimeout(idleTimer);
        clearTimeout(totalTimer);
        o.signal?.removeEventListener('abort', onAbort);
        if (err) {
          exchange?.destroy();
          reject(err);
        } else resolve(acc.result(sentAt, doneAtMs ?? performance.now() - t0));
      };
      // The idle deadline moves with every read, but its timer is not re-armed per read (a timer object per
      // chunk is most of a stream's garbage): when it fires early it waits out the rest of the window.
      let lastByteAt = 0;
      const onIdleTimer = () => {
        const quietMs = performance.now() - lastByteAt;
        if (quietMs >= o.idleTimeoutMs) finish(new GenerationError('stalled', `no bytes for ${o.idleTimeoutMs} ms (stream stalled)`, true));
        else idleTimer = setTimeout(onIdleTimer, o.idleTimeoutMs - quietMs);
      };
      const armIdle = (now = performance.now()) => {
        lastByteAt = now;
        idleTimer ??= setTimeout(onIdleTimer, o.idleTimeoutMs);
      };
      const totalTimer = setTimeout(() => finish(new GenerationError('timeout', `request took over ${o.totalTimeoutMs} ms`, true)), o.totalTimeoutMs);
      const onAbort = () => finish(new GenerationError('aborted', 'aborted', false));
      o.signal?.addEventListener('abort', onAbort);

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
        // e.g. a header value with a line break: fail this request, and leave no timer behind to keep the process alive.
        settled = true;
        clearTimeout(totalTimer);
        o.signal?.removeEventListener('abort', onAbort);
        return reject(new GenerationError('protocol', `cannot send the request: ${(e as Error).message}`, false));
      }

      /** How the body is read: an SSE stream, one JSON body (a server that ignored `stream: true`), or an error body. */
      let mode: 'sse' | 'json' | 'error' = 'sse';
      let status = 0;
      let retryAfter: string | undefined;
      const parts: Buffer[] = [];
      let size = 0;
      const decoder = new SseDecoder((data) => acc.onData(data, readMs - t0));
      exchange = pool.send(head, body, {
        // The request's bytes wait until the socket can send: after TCP connect for http, after the TLS
        // handshake for https; on a reused socket they go out at once.
        onSent(at) {
          t0 = at;
          sentAt = performance.timeOrigin + at;
        },
        onHead(h) {
          armIdle();
          status = h.status;
          retryAfter = h.headers['retry-after'];
          mode = status < 200 || status >= 300 ? 'error' : isJson(h.headers['content-type']) ? 'json' : 'sse';
        },
        onBody(bytes, at) {
          if (settled || doneAtMs !== undefined) return;
          if (mode !== 'sse') {
            // Error bodies are kept up to 64 KiB; a whole JSON body entirely.
            if (mode === 'json' || size < 65536) parts.push(Buffer.from(bytes));
            size += bytes.length;
            if (mode === 'json') armIdle(at);
            return;
          }
          readMs = at;
          armIdle(at);
          try {
            decoder.push(bytes);
          } catch (e) {
            return finish(e as GenerationError);
          }
          if (acc.done) onDone();
        },
        onEnd(at) {
          clearTimeout(grace);
          if (settled) return;
          readMs = at;
          if (mode === 'error') return finish(statusError(status, Buffer.concat(parts).toString('utf8'), retryAfter));
          try {
            if (mode === 'json') {
              acc.onMessage(Buffer.concat(parts).toString('utf8'), at - t0);
              return finish(null);
            }
            decoder.end();
          } catch (e) {
            return finish(e as GenerationError);
          }
          // Without [DONE] a stream is complete only if it said how it finished; otherwise it was cut.
          if (acc.done || acc.finishReason !== null) finish(null);
          else finish(new GenerationError('protocol', 'stream ended without [DONE] (cut mid-way)', true));
        },
        onError(e) {
          clearTimeout(grace);
          if (e.code === 'ERR_CLOSED') finish(new GenerationError('aborted', 'endpoint closed', false));
          else if (status === 0) finish(new GenerationError('network', `${e.code}: ${e.message}`.slice(0, 200), true));
          else if (mode === 'error') finish(statusError(status, Buffer.concat(parts).toString('utf8'), retryAfter));
          else if (e.code === 'HPE_INVALID') finish(new GenerationError('protocol', e.message.slice(0, 200), true));
          else finish(new GenerationError('network', e.message === 'aborted' ? `stream aborted by the server` : `stream broke: ${e.message}`.slice(0, 200), true));
        },
      });
      // [DONE] ends the sample at once, with its times fixed. Settling waits one turn of the event loop so a
      // response end that came in the same read (the usual case) frees the socket for the next request first.
      // A response still open DONE_GRACE_MS later is dropped, so a server that holds it cannot pin a socket.
      let grace: NodeJS.Timeout | undefined;
      const onDone = () => {
        doneAtMs = readMs - t0;
        clearTimeout(idleTimer);
        setImmediate(() => finish(null));
        grace = setTimeout(() => exchange!.destroy(), DONE_GRACE_MS);
        grace.unref();
      };
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
