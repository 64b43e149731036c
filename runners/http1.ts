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

export interface Http1Target {
  tls: boolean;
  /** Host name or IP address, without IPv6 brackets. */
  host: string;
  port: number;
  /** The Host header: host[:port] as the URL wrote it. */
  hostHeader: string;
}

export interface ResponseHead {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
}

/** What the pool reports for one request. After onEnd or onError nothing more is called. */
export interface ExchangeHandler {
  /** The request's bytes went out: after TCP connect, after the TLS handshake, or at once on a reused socket. */
  onSent(atMs: number): void;
  onHead(head: ResponseHead): void;
  /** Body bytes with the transfer framing removed; `atMs` (performance.now()) is when their read arrived.
   * The bytes are valid only during the call (they sit in the pool's read buffer, reused by the next
   * read): copy what you keep. */
  onBody(bytes: Buffer, atMs: number): void;
  onEnd(atMs: number): void;
  onError(err: Http1Error): void;
}

export class Http1Error extends Error {
  constructor(
    message: string,
    /** A socket error's code (ECONNREFUSED, ECONNRESET, …) or HPE_INVALID for a malformed response. */
    readonly code: string,
  ) {
    super(message);
  }
}

export interface Exchange {
  /** Drops the request and its connection; the handler hears nothing more. */
  destroy(): void;
}

const MAX_HEAD_BYTES = 64 * 1024;
const MAX_LINE_BYTES = 4096;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

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

/** Bytes a string's trim() removes, read as latin1: tab, LF, VT, FF, CR, space, no-break space. */
const isTrimmed = (c: number) => (c >= 9 && c <= 13) || c === 32 || c === 0xa0;

/**
 * The size on a chunk-size line b[start..end): 1–15 hex digits, blanks around them, then the end or a `;`
 * (an extension, skipped); -1 when it is anything else. Read from the bytes, once per chunk of every
 * stream, so that it makes no string.
 */
export function chunkSize(b: Buffer, start: number, end: number): number {
  let i = start;
  while (i < end && isTrimmed(b[i]!)) i++;
  let size = 0;
  const digits = i;
  for (; i < end; i++) {
    const c = b[i]!;
    const v = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
    if (v < 0) break;
    size = size * 16 + v;
  }
  const n = i - digits;
  while (i < end && isTrimmed(b[i]!)) i++;
  return n >= 1 && n <= 15 && (i === end || b[i] === 59) /* ';' */ ? size : -1;
}

const malformed = (what: string) => new Http1Error(`malformed HTTP response: ${what}`, 'HPE_INVALID');

/** The request head, with header names and values checked (no CR, LF or NUL can smuggle a header in). */
export function requestHead(method: string, path: string, target: Http1Target, headers: Record<string, string | number>): string {
  if (/[\s\0]/.test(method + path + target.hostHeader)) throw new Http1Error('invalid character in the request line or host', 'ERR_INVALID_CHAR');
  // One line per header name, whatever its case: a later one replaces an earlier one (as node:http's setHeader).
  const lines = new Map<string, string>([
    ['host', `Host: ${target.hostHeader}`],
    ['connection', 'Connection: keep-alive'],
  ]);
  for (const [name, raw] of Object.entries(headers)) {
    const value = String(raw);
    if (!TOKEN.test(name)) throw new Http1Error(`invalid header name "${name}"`, 'ERR_INVALID_HTTP_TOKEN');
    // Tab, space, visible ASCII and obs-text (0x80–0xFF) only, as node:http allows.
    if (/[^\t\x20-\x7e\x80-\xff]/.test(value)) throw new Http1Error(`invalid character in header "${name}"`, 'ERR_INVALID_CHAR');
    lines.set(name.toLowerCase(), `${name}: ${value}`);
  }
  return `${method} ${path} HTTP/1.1\r\n${[...lines.values()].join('\r\n')}\r\n\r\n`;
}

type State = 'head' | 'size' | 'data' | 'data-end' | 'trailers' | 'length' | 'close' | 'done';

/** Parses one response from the bytes of its connection. */
class ResponseParser {
  state: State = 'head';
  keepAlive = false;
  /** Bytes of a line or head not yet complete. */
  private partial: Buffer | null = null;
  private left = 0;
  /** Bytes after the end of the response (a server that sent more than it framed). */
  extra = false;
  /** The server's own idle limit for this connection (`Keep-Alive: timeout=N`), ms. */
  serverIdleMs: number | undefined;

  constructor(private readonly h: ExchangeHandler) {}

  /** Whether the final (non-1xx) head has arrived. */
  get headSeen(): boolean {
    return this.state !== 'head';
  }

  feed(bytes: Buffer, at: number): void {
    let b = bytes;
    if (this.partial) {
      b = Buffer.concat([this.partial, b]);
      this.partial = null;
    }
    let i = 0;
    while (i < b.length) {
      switch (this.state) {
        case 'head': {
          const end = b.indexOf(HEAD_END, i);
          if (end < 0) return this.keep(b, i, MAX_HEAD_BYTES, 'response head over 64 KiB');
          if (end - i > MAX_HEAD_BYTES) throw malformed('response head over 64 KiB');
          this.onHead(b.toString('latin1', i, end), at);
          i = end + 4;
          break;
        }
        case 'size': {
          const end = b.indexOf(CRLF, i);
          if (end < 0) return this.keep(b, i, MAX_LINE_BYTES, 'chunk size line too long');
          const size = chunkSize(b, i, end);
          if (size < 0) throw malformed(`bad chunk size "${b.toString('latin1', i, Math.min(end, i + 20))}"`);
          this.left = size;
          this.state = this.left === 0 ? 'trailers' : 'data';
          i = end + 2;
          break;
        }
        case 'data':
          i = this.body(b, i, at);
          if (this.left === 0) this.state = 'data-end';
          break;
        case 'data-end': {
          if (b.length - i < 2) return this.keep(b, i, 2, '');
          if (b[i] !== 13 || b[i + 1] !== 10) throw malformed('chunk not followed by CRLF');
          this.state = 'size';
          i += 2;
          break;
        }
        case 'trailers': {
          // Trailer lines are skipped; an empty line ends them and the response.
          const end = b.indexOf(CRLF, i);
          if (end < 0) return this.keep(b, i, MAX_HEAD_BYTES, 'trailers over 64 KiB');
          const empty = end === i;
          i = end + 2;
          if (empty) this.finish(at);
          break;
        }
        case 'length':
          i = this.body(b, i, at);
          if (this.left === 0) this.finish(at);
          break;
        case 'close':
          this.h.onBody(i === 0 ? b : b.subarray(i), at);
          return;
        case 'done':
          this.extra = true;
          return;
      }
    }
  }

  /** Hands over up to `left` body bytes from b[i..]; returns where they end. */
  private body(b: Buffer, i: number, at: number): number {
    const take = Math.min(this.left, b.length - i);
    this.h.onBody(b.subarray(i, i + take), at);
    this.left -= take;
    return i + take;
  }

  /** Keeps b[i..] for the next read, unless it already exceeds `limit` bytes. */
  private keep(b: Buffer, i: number, limit: number, tooLong: string): void {
    if (b.length - i > limit && tooLong) throw malformed(tooLong);
    this.partial = Buffer.from(b.subarray(i));
  }

  private onHead(text: string, at: number): void {
    const lines = text.split('\r\n');
    const m = /^HTTP\/1\.([01]) (\d{3})(?: |$)/.exec(lines[0]!);
    if (!m) throw malformed(`status line "${lines[0]!.slice(0, 40)}"`);
    const status = Number(m[2]);
    const headers: Record<string, string> = {};
    let last = '';
    for (const line of lines.slice(1)) {
      if ((line.startsWith(' ') || line.startsWith('\t')) && last) {
        headers[last] += ' ' + line.trim(); // obsolete line folding
        continue;
      }
      const colon = line.indexOf(':');
      if (colon <= 0) throw malformed(`header line "${line.slice(0, 40)}"`);
      last = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[last] = headers[last] === undefined ? value : `${headers[last]}, ${value}`;
    }
    // 1xx (100 Continue, 103 Early Hints): an interim head; the real one follows.
    if (status >= 100 && status < 200) {
      if (status === 101) throw malformed('unexpected 101 Switching Protocols');
      return;
    }
    const connection = (headers.connection ?? '').toLowerCase();
    this.keepAlive = m[1] === '1' ? !/\bclose\b/.test(connection) : /\bkeep-alive\b/.test(connection);
    const timeout = /\btimeout\s*=\s*(\d+)/i.exec(headers['keep-alive'] ?? '');
    if (timeout) this.serverIdleMs = Number(timeout[1]) * 1000;
    this.h.onHead({ status, headers });
    const te = headers['transfer-encoding']?.toLowerCase();
    const cl = headers['content-length'];
    if (status === 204 || status === 304) this.state = 'done';
    else if (te !== undefined) {
      if (/(?:^|,)\s*chunked\s*$/.test(te)) {
        this.state = 'size';
        // Both framings at once is ambiguous (RFC 9112 §6.3): read as chunked, then close the connection.
        if (cl !== undefined) this.keepAlive = false;
      } else {
        this.state = 'close';
        this.keepAlive = false;
      }
    } else if (cl !== undefined) {
      const values = new Set(cl.split(',').map((v) => v.trim()));
      const only = [...values][0]!;
      if (values.size !== 1 || !/^\d{1,15}$/.test(only)) throw malformed(`content-length "${cl.slice(0, 40)}"`);
      this.left = Number(only);
      this.state = this.left === 0 ? 'done' : 'length';
    } else {
      this.state = 'close';
      this.keepAlive = false;
    }
    if (this.state === 'done') this.finish(at);
  }

  private finish(at: number): void {
    this.state = 'done';
    this.h.onEnd(at);
  }
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
