// A small HTTP/1.1 client for streamed responses: a keep-alive connection pool per endpoint, each request
// written in one piece once its connection is up, and response body bytes handed over as they arrive with
// the time of their read. It does only what a chat-completions stream needs (no redirects, no compression,
// no proxies). Why not node:http: its response streams cost about 1.6× the CPU and garbage per chunk, and
// with hundreds of streams on one event loop that became late timestamps (TTFT error p99 at 512 streams
// 12–37 ms against the C floor's 5–7 ms; this client measured 7–11 ms in the same runs: bench/RESULTS.md,
// ttft-floor).
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import tls from 'node:tls';
import { Http1Error, ResponseParser, type Http1Target, type ResponseHead, type ResponseSink } from './http1-wire.ts';

/** What the pool reports for one request: the parser's reports, and when the request went out or failed.
 * After onEnd or onError nothing more is called. */
export interface ExchangeHandler extends ResponseSink {
  /** The request's bytes went out: after TCP connect, after the TLS handshake, or at once on a reused socket. */
  onSent(atMs: number): void;
  onError(err: Http1Error): void;
}

export interface Exchange {
  /** Drops the request and its connection; the handler hears nothing more. */
  destroy(): void;
}

/** Bytes one read may bring: the size of the buffer every connection of a pool reads into. */
const READ_BUFFER_BYTES = 64 * 1024;
/** A connection's pool, set once when it is opened. */
const POOL = Symbol('r1bench.http1.pool');
/** The response a connection carries now (set while it is in use). */
const CARRIES = Symbol('r1bench.http1.carries');
/** park()'s entry while the connection is idle in its pool. */
const IDLE = Symbol('r1bench.http1.idle');
type PoolSocket = net.Socket & { [POOL]: Http1Pool; [CARRIES]?: Transfer; [IDLE]?: Idle };

// A connection's listeners are set once, when it is opened, and find what the connection is doing through
// the symbols above: a request adds and removes no listener and makes no closure for them (at hundreds of
// streams, per-request objects that live as long as the stream are what each young-generation collection
// copies). `this` is the socket.

/**
 * A plain connection reads through net's `onread` into its pool's one buffer, and this is called for each
 * read: no Buffer, stream chunk or next-tick per read, as the 'data' event makes (at 512 streams those
 * were a quarter of the client's garbage). A TLS connection decrypts into a Buffer of its own and goes
 * through 'data' to the same place.
 */
function deliverRead(this: PoolSocket, n: number, buf: Uint8Array): boolean {
  this[POOL].onRead(this, (buf as Buffer).subarray(0, n));
  return true; // keep reading
}
function deliverData(this: PoolSocket, bytes: Buffer): void {
  this[POOL].onRead(this, bytes);
}
function onSocketError(this: PoolSocket, err: Error): void {
  const t = this[CARRIES];
  if (t) t.error = err; // reported at 'close', which follows
  else this[POOL].dropIdle(this);
}
function onSocketClose(this: PoolSocket): void {
  const t = this[CARRIES];
  if (t) this[POOL].closedDuring(t);
  else this[POOL].dropIdle(this);
}
/** The server half-closed: an idle connection leaves the pool; one in use ends at 'close'. */
function onSocketEnd(this: PoolSocket): void {
  if (!this[CARRIES]) this[POOL].dropIdle(this);
}

export interface PoolOptions {
  /** Connections open at once; further requests wait for one (default: no limit). */
  maxSockets?: number;
  /** Idle connections kept for reuse (default 1024). */
  maxIdle?: number;
  /** An idle connection older than this is not reused but closed (ms, default 4000): servers close idle
   * keep-alive connections after about 5 s (uvicorn, so vLLM and SGLang; Node), and a request written into
   * one that the server is closing fails. */
  idleMs?: number;
}

interface Idle {
  socket: PoolSocket;
  since: number;
  /** How long it may stay idle: the pool's limit, or less when the server announced a shorter one. */
  maxIdleMs: number;
}

/** One request through the pool, from send() to its end: the guard between the parser and the caller's
 * handler (after the end, an error or destroy(), nothing more), and the connection that carries it. */
class PoolRequest implements ExchangeHandler, Exchange {
  ended = false;
  socket: net.Socket | undefined;

  constructor(
    /** The pool's connections in use: destroy() closes this request's only while it carries it. */
    private readonly active: Set<net.Socket>,
    /** The request's bytes; dropped once written, so that a prompt of many KB is not kept (and copied by
     * every scavenge, then promoted) for the whole of a stream that may last minutes. */
    public payload: string,
    private readonly handler: ExchangeHandler,
  ) {}

  onSent(atMs: number): void {
    if (!this.ended) this.handler.onSent(atMs);
  }
  onHead(head: ResponseHead): void {
    if (!this.ended) this.handler.onHead(head);
  }
  onBody(bytes: Buffer, atMs: number): void {
    if (!this.ended) this.handler.onBody(bytes, atMs);
  }
  onEnd(atMs: number): void {
    if (this.ended) return;
    this.ended = true;
    this.handler.onEnd(atMs);
  }
  onError(err: Http1Error): void {
    if (this.ended) return;
    this.ended = true;
    this.handler.onError(err);
  }
  destroy(): void {
    // After the end the connection may already carry another request: leave it alone.
    if (this.ended) return;
    this.ended = true;
    if (this.socket && this.active.has(this.socket)) this.socket.destroy();
  }
}

/** One response on one connection: its parser, and the socket error that came before the close. */
class Transfer {
  readonly parser: ResponseParser;
  error: (Error & { code?: string }) | undefined;
  /** Writes the request once a new connection is ready (undefined on a reused one). */
  onReady: (() => void) | undefined;

  constructor(
    readonly socket: PoolSocket,
    readonly request: PoolRequest,
  ) {
    this.parser = new ResponseParser(request);
  }
}

// Per-request objects here are classes and their callbacks anonymous or assigned to members, never named
// closures: a TypeScript loader with esbuild's keepNames (tsx) gives each named closure a ~250-byte
// dictionary of properties, and at hundreds of streams that garbage lengthened the collector's pauses
// enough to show in TTFT p99 (cli/ts-hooks.mjs).
export class Http1Pool {
  private readonly idle: Idle[] = [];
  private readonly active = new Set<net.Socket>();
  private readonly waiting: PoolRequest[] = [];
  private closed = false;
  /** The latest TLS session, offered on the next new connection (a shorter handshake, as https.Agent does). */
  private tlsSession: Buffer | undefined;
  /** Every plain connection's reads land here; each read is parsed (and its body bytes decoded) before the next. */
  private readonly readBuffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);

  constructor(
    private readonly target: Http1Target,
    private readonly opts: PoolOptions = {},
  ) {}

  /** Sends one request (its head from requestHead, then the body) and reports the response to `handler`. */
  send(head: string, body: string, handler: ExchangeHandler): Exchange {
    const r = new PoolRequest(this.active, head + body, handler);
    if (this.closed) queueMicrotask(() => this.start(r)); // fails in start, after send has returned
    else if (this.active.size < (this.opts.maxSockets ?? Infinity)) this.start(r);
    else this.waiting.push(r);
    return r;
  }

  private start(r: PoolRequest): void {
    if (r.ended) return this.next();
    if (this.closed) return r.onError(new Http1Error('endpoint closed', 'ERR_CLOSED'));
    const reused = this.take();
    const socket = reused ?? this.connect();
    r.socket = socket;
    this.exchange(socket, reused === undefined, r);
  }

  /**
   * Opens connections now, up to `n` idle ones in all (never beyond maxSockets), and keeps them for the
   * requests that follow. Resolves once each has connected (after the TLS handshake for https), failed, or
   * taken over `timeoutMs` (then it is closed: an unreachable host must not hold the run for the OS's
   * two-minute connect timeout). A failure is dropped here: the request that finds no open connection
   * opens its own and reports its error.
   */
  async preconnect(n: number, timeoutMs = 5000): Promise<number> {
    if (this.closed) return 0;
    const room = Math.min(n, (this.opts.maxSockets ?? Infinity) - this.active.size, this.opts.maxIdle ?? 1024) - this.idle.length;
    const open = async (): Promise<boolean> => {
      const socket = this.connect();
      const ok = await new Promise<boolean>((resolve) => {
        const timer = setTimeout(() => done(false), timeoutMs);
        const done = (yes: boolean) => {
          clearTimeout(timer);
          socket.off(this.readyEvent, onUp);
          socket.off('error', onDown);
          socket.off('close', onDown);
          resolve(yes);
        };
        const onUp = () => done(true);
        const onDown = () => done(false);
        socket.once(this.readyEvent, onUp);
        socket.once('error', onDown);
        socket.once('close', onDown);
      });
      if (!ok || this.closed) {
        socket.destroy();
        return false;
      }
      this.park(socket, undefined);
      return true;
    };
    const opened = await Promise.all(Array.from({ length: Math.max(0, room) }, open));
    return opened.filter(Boolean).length;
  }

  /** Closes every connection, idle or in use. */
  close(): void {
    this.closed = true;
    for (const i of this.idle.splice(0)) i.socket.destroy();
    for (const s of this.active) s.destroy();
    for (const r of this.waiting.splice(0)) this.start(r);
  }

  /** When a new connection can carry a request: after the TCP connect, or after the TLS handshake. */
  private get readyEvent(): 'connect' | 'secureConnect' {
    return this.target.tls ? 'secureConnect' : 'connect';
  }

  private connect(): PoolSocket {
    const { host, port } = this.target;
    const socket = (
      this.target.tls
        ? tls
            .connect({ host, port, servername: net.isIP(host) ? undefined : host, ALPNProtocols: ['http/1.1'], session: this.tlsSession })
            .on('session', (s: Buffer) => (this.tlsSession = s))
            .on('data', deliverData)
        : net.connect({ host, port, onread: { buffer: this.readBuffer, callback: deliverRead } })
    ) as PoolSocket;
    socket[POOL] = this;
    socket.on('error', onSocketError);
    socket.on('close', onSocketClose);
    socket.on('end', onSocketEnd);
    // No Nagle: the request, written right after the handshake's last message, must not wait for its ACK.
    socket.setNoDelay(true);
    // TCP keep-alive probes, as node's keep-alive agent sets them: a peer that vanished while a long
    // prefill or queue produces no bytes is noticed by the kernel, not only by the idle timeout.
    socket.setKeepAlive(true, 1000);
    return socket;
  }

  /** The most recently used idle connection that is still fresh; stale ones are closed. */
  private take(): PoolSocket | undefined {
    const now = performance.now();
    for (let i = this.idle.pop(); i; i = this.idle.pop()) {
      this.unwatch(i);
      // Closed and half-closed connections ('close', 'end') have already left the pool (dropIdle).
      if (now - i.since <= i.maxIdleMs && !i.socket.destroyed) return i.socket;
      i.socket.destroy();
    }
    return undefined;
  }

  private exchange(socket: PoolSocket, fresh: boolean, r: PoolRequest): void {
    this.active.add(socket);
    socket.ref();
    const t = new Transfer(socket, r);
    socket[CARRIES] = t;
    if (fresh) {
      t.onReady = () => this.write(t);
      socket.once(this.readyEvent, t.onReady);
    } else this.write(t);
  }

  /** The clock is read just before the write: a thread descheduled around the write then adds to the
   * measured latency rather than hiding part of it. */
  private write(t: Transfer): void {
    t.request.onSent(performance.now());
    t.socket.write(t.request.payload);
    t.request.payload = '';
  }

  /** A read on one of this pool's connections: the response it carries, else bytes nobody asked for
   * (an idle connection leaves the pool; one already let go drops them). */
  onRead(socket: PoolSocket, bytes: Buffer): void {
    const t = socket[CARRIES];
    if (t) this.read(t, bytes);
    else this.dropIdle(socket);
  }

  private read(t: Transfer, bytes: Buffer): void {
    const at = performance.now();
    try {
      t.parser.feed(bytes, at);
    } catch (e) {
      t.request.onError(e as Http1Error);
      return void t.socket.destroy();
    }
    if (t.parser.state === 'done') this.release(t);
  }

  /** The connection carrying `t` closed (from its 'close' listener). */
  closedDuring(t: Transfer): void {
    this.active.delete(t.socket);
    this.detach(t);
    const { parser, error } = t;
    // A body without framing ends at the server's close; a reset or other socket error cut it.
    if (parser.state === 'close' && !error) t.request.onEnd(performance.now());
    else if (parser.state !== 'done') {
      // Closed before the response was complete: a socket error, or the server hung up.
      const message = error?.message ?? (parser.headSeen ? 'aborted' : 'socket hang up');
      t.request.onError(new Http1Error(message, error?.code ?? 'ECONNRESET'));
    }
    this.next();
  }

  private detach(t: Transfer): void {
    t.socket[CARRIES] = undefined;
    if (t.onReady) t.socket.off(this.readyEvent, t.onReady);
  }

  /** After the response (once: detach takes the connection's reader away): back to the pool if the
   * connection may carry another request, else closed. */
  private release(t: Transfer): void {
    this.detach(t);
    const { socket, parser } = t;
    this.active.delete(socket);
    if (parser.keepAlive && !parser.extra && !this.closed && this.idle.length < (this.opts.maxIdle ?? 1024) && !socket.destroyed) this.park(socket, parser.serverIdleMs);
    else socket.destroy();
    this.next();
  }

  private park(socket: PoolSocket, serverIdleMs: number | undefined): void {
    socket.unref();
    const poolIdleMs = this.opts.idleMs ?? 4000;
    const entry: Idle = {
      socket,
      since: performance.now(),
      // A second under the server's own limit, so that it is never reused as the server closes it.
      maxIdleMs: serverIdleMs === undefined ? poolIdleMs : Math.min(poolIdleMs, serverIdleMs - 1000),
    };
    socket[IDLE] = entry;
    this.idle.push(entry);
  }

  /** An idle connection that closed, half-closed, failed or sent bytes nobody asked for: out of the pool
   * (and closed). A connection neither idle nor in use (already let go) is left as it is. */
  dropIdle(socket: PoolSocket): void {
    const entry = socket[IDLE];
    if (!entry) return;
    this.unwatch(entry);
    const at = this.idle.indexOf(entry);
    if (at >= 0) this.idle.splice(at, 1);
    socket.destroy();
  }

  /** The connection is no longer idle in the pool. */
  private unwatch(i: Idle): void {
    i.socket[IDLE] = undefined;
  }

  private next(): void {
    while (this.waiting.length > 0 && this.active.size < (this.opts.maxSockets ?? Infinity)) this.start(this.waiting.shift()!);
  }
}
