// Streaming client for any OpenAI-compatible server, on node:http: the SDK is 5x slower per chunk and its
// request queue puts hundreds of ms into measured TTFT under load (ENVIRONMENT.md). Times follow the wire:
// t0 is taken when the request's bytes go out, chunk times when their bytes arrive.
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { TLSSocket } from 'node:tls';
import { GenerationError, type Endpoint, type GenerationOptions, type GenerationRequest, type GenerationResult } from './endpoint.ts';
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

/** A client TLS socket still in its handshake (Node's `secureConnecting`, cleared just before 'secureConnect'). */
const handshaking = (socket: TLSSocket) => (socket as TLSSocket & { secureConnecting?: boolean }).secureConnecting === true;

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
  const path = base.pathname.replace(/\/+$/, '') + '/chat/completions';
  const mod = base.protocol === 'https:' ? https : http;
  const agent = new mod.Agent({ keepAlive: true, maxSockets: opts.maxSockets ?? Infinity, maxFreeSockets: 1024 });
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
      /** When [DONE] arrived (ms from t0): from then on the sample is complete. */
      let doneAtMs: number | undefined;
      const finish = (err: GenerationError | null) => {
        if (settled) return;
        // After [DONE], a connection that breaks, stalls or times out no longer matters; only our own abort does.
        if (err && doneAtMs !== undefined && err.kind !== 'aborted') err = null;
        settled = true;
        clearTimeout(idleTimer);
        clearTimeout(totalTimer);
        o.signal?.removeEventListener('abort', onAbort);
        if (err) {
          request?.destroy();
          reject(err);
        } else resolve(acc.result(sentAt, doneAtMs ?? performance.now() - t0));
      };
      const armIdle = () => {
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => finish(new GenerationError('stalled', `no bytes for ${o.idleTimeoutMs} ms (stream stalled)`, true)), o.idleTimeoutMs);
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
      let request: http.ClientRequest;
      try {
        request = mod.request({ protocol: base.protocol, hostname: base.hostname, port: base.port, path, method: 'POST', agent, headers });
      } catch (e) {
        // e.g. a header value Node refuses: fail this request, and leave no timer behind to keep the process alive.
        settled = true;
        clearTimeout(totalTimer);
        o.signal?.removeEventListener('abort', onAbort);
        return reject(new GenerationError('protocol', `cannot send the request: ${(e as Error).message}`, false));
      }
      const markSent = () => {
        t0 = performance.now();
        sentAt = performance.timeOrigin + t0;
      };
      // The request's bytes wait in the socket until it can send: after TCP connect for http, after the TLS
      // handshake (secureConnect) for https; on a reused socket they go out at once.
      request.on('socket', (socket) => {
        if (socket instanceof TLSSocket) {
          // Node gives TLS sockets no noDelay (https.Agent's default reaches only plain sockets): without it
          // the request, written right after the handshake's last message, can wait for that message's ACK.
          socket.setNoDelay(true);
          if (socket.connecting || handshaking(socket)) socket.once('secureConnect', markSent);
          else markSent();
        } else if (socket.connecting) socket.once('connect', markSent);
        else markSent();
      });
      request.on('error', (e: NodeJS.ErrnoException) => {
        finish(new GenerationError('network', `${e.code ?? 'network error'}: ${e.message}`.slice(0, 200), true));
      });
      request.on('response', (res) => {
        armIdle();
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          const parts: Buffer[] = [];
          let size = 0;
          res.on('data', (b: Buffer) => {
            if (size < 65536) parts.push(b);
            size += b.length;
          });
          res.on('end', () => finish(statusError(status, Buffer.concat(parts).toString('utf8'), res.headers['retry-after'] as string | undefined)));
          res.on('error', () => finish(statusError(status, '', undefined)));
          return;
        }
        if (isJson(res.headers['content-type'])) return readWholeBody(res);
        const decoder = new SseDecoder((data) => acc.onData(data, performance.now() - t0));
        res.on('data', (bytes: Buffer) => {
          if (settled || doneAtMs !== undefined) return;
          armIdle();
          try {
            decoder.push(bytes);
          } catch (e) {
            return finish(e as GenerationError);
          }
          if (acc.done) onDone(res);
        });
        res.on('end', () => {
          if (settled) return;
          try {
            decoder.end();
          } catch (e) {
            return finish(e as GenerationError);
          }
          // Without [DONE] a stream is complete only if it said how it finished; otherwise it was cut.
          if (acc.done || acc.finishReason !== null) finish(null);
          else finish(new GenerationError('protocol', 'stream ended without [DONE] (cut mid-way)', true));
        });
        res.on('error', (e) => finish(new GenerationError('network', `stream broke: ${e.message}`, true)));
        res.on('aborted', () => finish(new GenerationError('network', 'stream aborted by the server', true)));
      });
      // [DONE] ends the sample at once, with its times fixed. Settling waits one turn of the event loop so a
      // response end that came in the same read (the usual case) frees the socket for the next request first.
      // A response still open DONE_GRACE_MS later is dropped, so a server that holds it cannot pin a socket.
      const onDone = (res: http.IncomingMessage) => {
        doneAtMs = performance.now() - t0;
        clearTimeout(idleTimer);
        setImmediate(() => finish(null));
        if (res.complete) return;
        const grace = setTimeout(() => res.destroy(), DONE_GRACE_MS);
        grace.unref();
        res.once('close', () => clearTimeout(grace));
      };
      // A server that ignored `stream: true` and sent one chat.completion body.
      const readWholeBody = (res: http.IncomingMessage) => {
        const parts: Buffer[] = [];
        res.on('data', (b: Buffer) => {
          armIdle();
          parts.push(b);
        });
        res.on('end', () => {
          if (settled) return;
          try {
            acc.onMessage(Buffer.concat(parts).toString('utf8'), performance.now() - t0);
          } catch (e) {
            return finish(e as GenerationError);
          }
          finish(null);
        });
        res.on('error', (e) => finish(new GenerationError('network', `response broke: ${e.message}`, true)));
        res.on('aborted', () => finish(new GenerationError('network', 'response aborted by the server', true)));
      };
      request.end(body);
    });
  }

  return {
    id,
    generate,
    async close() {
      agent.destroy();
    },
  };
}
