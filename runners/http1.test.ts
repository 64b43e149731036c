// http1.ts against real servers on 127.0.0.1: raw `net` servers write exact response bytes (split one byte
// per write, malformed, cut mid-way), and count connections and requests on their side, so framing, the
// keep-alive pool, errors and destroy/close are checked on the wire. No mocks.
import { once } from 'node:events';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { Http1Pool, type Exchange, type ExchangeHandler, type PoolOptions } from './http1.ts';
import { chunkSize, Http1Error, requestHead, type Http1Target, type ResponseHead } from './http1-wire.ts';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Fails with `what` if `p` has not settled within `ms` (a test that would otherwise hang to the 60 s timeout). */
function within<T>(p: Promise<T>, what: string, ms = 1500): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const fail = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms);
  });
  return Promise.race([p, fail]).finally(() => clearTimeout(timer));
}

interface ServerRequest {
  /** Index of the server-side connection it came on (0 = the first connection accepted). */
  conn: number;
  method: string;
  path: string;
  /** The request head as received, without the final CRLF CRLF. */
  head: string;
  headers: Record<string, string>;
  body: string;
  socket: net.Socket;
}

type Responder = (req: ServerRequest, socket: net.Socket) => unknown;

/** A TCP server that parses requests and lets each test write the response bytes itself. */
class RawServer {
  readonly server = net.createServer();
  readonly connections: net.Socket[] = [];
  readonly requests: ServerRequest[] = [];
  private readonly closes: { promise: Promise<void>; resolve: () => void }[] = [];
  private waiters: { n: number; resolve: () => void }[] = [];
  port = 0;

  constructor(public respond: Responder) {
    this.server.on('connection', (socket) => this.onConnection(socket));
  }

  async listen(): Promise<this> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.port = (this.server.address() as net.AddressInfo).port;
    return this;
  }

  get target(): Http1Target {
    return { tls: false, host: '127.0.0.1', port: this.port, hostHeader: `127.0.0.1:${this.port}` };
  }

  /** Resolves when the server side of connection `conn` has closed (waiting for that connection if it is not there yet). */
  closed(conn: number): Promise<void> {
    return this.closeOf(conn).promise;
  }

  private closeOf(conn: number): { promise: Promise<void>; resolve: () => void } {
    let entry = this.closes[conn];
    if (!entry) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => (resolve = r));
      entry = this.closes[conn] = { promise, resolve };
    }
    return entry;
  }

  isClosed(conn: number): boolean {
    return this.connections[conn]!.destroyed;
  }

  waitForRequests(n: number): Promise<void> {
    if (this.requests.length >= n) return Promise.resolve();
    return within(new Promise<void>((resolve) => this.waiters.push({ n, resolve })), `${n} requests at the server`);
  }

  private onConnection(socket: net.Socket): void {
    const conn = this.connections.length;
    this.connections.push(socket);
    socket.setNoDelay(true);
    socket.on('error', () => {});
    const closed = this.closeOf(conn);
    socket.once('close', () => closed.resolve());
    let buf = Buffer.alloc(0);
    socket.on('data', (b: Buffer) => {
      buf = Buffer.concat([buf, b]);
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = buf.toString('latin1', 0, end);
        const lines = head.split('\r\n');
        const [method = '', path = ''] = lines[0]!.split(' ');
        const headers: Record<string, string> = {};
        for (const line of lines.slice(1)) {
          const colon = line.indexOf(':');
          headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
        const length = Number(headers['content-length'] ?? 0);
        if (buf.length < end + 4 + length) return;
        const body = buf.toString('latin1', end + 4, end + 4 + length);
        buf = buf.subarray(end + 4 + length);
        const req: ServerRequest = { conn, method, path, head, headers, body, socket };
        this.requests.push(req);
        const ready = this.waiters.filter((w) => this.requests.length >= w.n);
        this.waiters = this.waiters.filter((w) => this.requests.length < w.n);
        for (const w of ready) w.resolve();
        void Promise.resolve()
          .then(() => this.respond(req, socket))
          .catch(() => {});
      }
    });
  }

  async close(): Promise<void> {
    for (const s of this.connections) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Records every callback, in order, with its time; `done` settles at the first onEnd or onError. */
class Recorder implements ExchangeHandler {
  readonly calls: string[] = [];
  readonly sentAt: number[] = [];
  readonly heads: ResponseHead[] = [];
  headAt = NaN;
  readonly chunks: Buffer[] = [];
  readonly endAt: number[] = [];
  readonly errors: Http1Error[] = [];
  /** Extra actions a test runs inside a callback (e.g. destroy() from onBody). */
  readonly hooks: { sent?: () => void; head?: () => void; body?: () => void } = {};
  private resolve!: () => void;
  readonly done = new Promise<void>((r) => (this.resolve = r));
  private resolveBody!: () => void;
  /** Settles at the first onBody. */
  readonly bodySeen = new Promise<void>((r) => (this.resolveBody = r));

  onSent(at: number): void {
    this.calls.push('sent');
    this.sentAt.push(at);
    this.hooks.sent?.();
  }
  onHead(head: ResponseHead): void {
    this.calls.push('head');
    this.heads.push(head);
    this.headAt = performance.now();
    this.hooks.head?.();
  }
  onBody(bytes: Buffer, atMs: number): void {
    expect(typeof atMs).toBe('number');
    this.calls.push('body');
    this.chunks.push(Buffer.from(bytes));
    this.hooks.body?.();
    this.resolveBody();
  }
  onEnd(atMs: number): void {
    this.calls.push('end');
    this.endAt.push(atMs);
    this.resolve();
  }
  onError(err: Http1Error): void {
    this.calls.push('error');
    this.errors.push(err);
    this.resolve();
  }

  get head(): ResponseHead {
    expect(this.heads).toHaveLength(1);
    return this.heads[0]!;
  }
  get bytes(): Buffer {
    return Buffer.concat(this.chunks);
  }
  get body(): string {
    return this.bytes.toString('latin1');
  }
  get terminals(): string[] {
    return this.calls.filter((c) => c === 'end' || c === 'error');
  }
  /** Waits for the end and checks it was a clean onEnd, exactly once. */
  async ok(): Promise<this> {
    await within(this.done, 'the response to end');
    expect(this.errors.map((e) => `${e.code}: ${e.message}`)).toEqual([]);
    expect(this.terminals).toEqual(['end']);
    return this;
  }
  /** Waits for the end and checks it was one onError, returned. */
  async failed(): Promise<Http1Error> {
    await within(this.done, 'the response to fail');
    expect(this.terminals).toEqual(['error']);
    const err = this.errors[0]!;
    expect(err).toBeInstanceOf(Http1Error);
    return err;
  }
}

const servers: RawServer[] = [];
const pools: Http1Pool[] = [];

afterEach(async () => {
  for (const p of pools.splice(0)) p.close();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(respond: Responder): Promise<RawServer> {
  const s = await new RawServer(respond).listen();
  servers.push(s);
  return s;
}

function poolFor(target: Http1Target, opts?: PoolOptions): Http1Pool {
  const p = new Http1Pool(target, opts);
  pools.push(p);
  return p;
}

function get(pool: Http1Pool, target: Http1Target, path = '/'): { rec: Recorder; ex: Exchange } {
  const rec = new Recorder();
  const ex = pool.send(requestHead('GET', path, target, {}), '', rec);
  return { rec, ex };
}

/** Writes `data` one byte per write, with a timer between writes so each byte is its own read. */
async function dribble(socket: net.Socket, data: Buffer | string, delayMs = 1): Promise<void> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
  for (let i = 0; i < bytes.length; i++) {
    if (socket.destroyed) return;
    socket.write(bytes.subarray(i, i + 1));
    await sleep(delayMs);
  }
}

const okResponse = (body: string, extra = '') => `HTTP/1.1 200 OK\r\nContent-Length: ${Buffer.byteLength(body, 'latin1')}\r\n${extra}\r\n${body}`;

/** A connection refused: a port that was listening a moment ago. */
async function closedPort(): Promise<number> {
  const s = net.createServer();
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('chunked framing', () => {
  it('one byte per write: exact body bytes in order, chunk extensions skipped, trailers consumed, onEnd once, connection reused', async () => {
    // Data that looks like framing (CRLF, "0\r\n\r\n") and every byte value class must pass through untouched.
    const binary = Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x30, 0x0d, 0x0a, 0x0d, 0x0a, 0x80, 0x7f]);
    const chunks: [string, Buffer][] = [
      ['5;foo=bar', Buffer.from('Hello')],
      ['A', Buffer.from(', chunked ')], // upper-case hex 10
      ['a', Buffer.from('0123456789')], // lower-case hex 10
      ['B;name="quoted;value";x', binary], // 11, an extension with a quoted ';'
    ];
    const response = Buffer.concat([
      Buffer.from('HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n'),
      ...chunks.flatMap(([size, data]) => [Buffer.from(`${size}\r\n`), data, Buffer.from('\r\n')]),
      Buffer.from('0\r\nX-Trailer: yes\r\nX-Other: 1\r\n\r\n'),
    ]);
    const server = await serve(async (req, s) => {
      if (req.path === '/dribble') await dribble(s, response);
      else s.write(okResponse('next'));
    });
    const pool = poolFor(server.target);
    const { rec } = get(pool, server.target, '/dribble');
    await (await rec.ok()).done;
    expect(rec.bytes.equals(Buffer.concat(chunks.map(([, d]) => d)))).toBe(true);
    expect(rec.head.status).toBe(200);
    // Trailers are not headers.
    expect(rec.head.headers['x-trailer']).toBeUndefined();
    // The bytes really came in many reads.
    expect(rec.chunks.length).toBeGreaterThan(5);
    expect(rec.calls[0]).toBe('sent');
    expect(rec.calls[1]).toBe('head');
    expect(rec.calls.at(-1)).toBe('end');
    // The trailers and final CRLF were consumed exactly: the next response on the same connection parses.
    const next = get(pool, server.target, '/next');
    await next.rec.ok();
    expect(next.rec.body).toBe('next');
    expect(server.connections).toHaveLength(1);
    expect(server.requests.map((r) => r.conn)).toEqual([0, 0]);
    expect(rec.terminals).toEqual(['end']);
  });

  it('upper- and lower-case multi-digit hex sizes (1F4, 1f4) and a whole response in one write', async () => {
    const a = 'a'.repeat(500);
    const b = 'b'.repeat(500);
    const c = 'c'.repeat(0x10);
    const server = await serve((_req, s) => {
      s.write(`HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1F4\r\n${a}\r\n1f4\r\n${b}\r\n00010\r\n${c}\r\n0\r\n\r\n`);
    });
    const pool = poolFor(server.target);
    const { rec } = get(pool, server.target);
    await rec.ok();
    expect(rec.body).toBe(a + b + c);
  });

  it('a body split across writes at awkward places (inside the size line, between data and CRLF)', async () => {
    const server = await serve(async (_req, s) => {
      const parts = ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chun', 'ked\r\n\r', '\n', 'A;e', 'xt=1\r', '\n0123456789', '\r', '\n3\r\nabc', '\r\n0\r', '\n\r', '\n'];
      for (const p of parts) {
        s.write(p);
        await sleep(2);
      }
    });
    const { rec } = get(poolFor(server.target), server.target);
    await rec.ok();
    expect(rec.body).toBe('0123456789abc');
  });
});

describe('chunk-size lines', () => {
  it('are read from the bytes exactly as the string rule reads them (the part before ";", trimmed, 1–15 hex digits)', () => {
    const byStrings = (line: string) => {
      const hex = line.split(';', 1)[0]!.trim();
      return /^[0-9a-fA-F]{1,15}$/.test(hex) ? parseInt(hex, 16) : -1;
    };
    const alphabet = ['0', '7', '9', 'a', 'f', 'A', 'F', 'g', 'G', ' ', '\t', ';', 'x', '=', '-', '\x0b', '\xa0', '1'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const lines = ['', '0', 'ff', ' 1F4 ', '1f4;name=value', '5 ;ext', '5 x', '-5', 'fffffffffffffff', '1000000000000000', '\xa05\xa0'];
    for (let n = 0; n < 5000; n++) lines.push(Array.from({ length: Math.floor(random() * 19) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
    for (const line of lines) {
      // Inside a larger buffer, as a read holds it: bytes around the line must not count.
      const b = Buffer.from(`1f${line}\r\n`, 'latin1');
      expect(chunkSize(b, 2, b.length - 2), JSON.stringify(line)).toBe(byStrings(line));
    }
  });
});

describe('reads', () => {
  it("the pool's connections read into one buffer: interleaved bodies over 64 KiB, UTF-8 split across reads, each arrives exact", async () => {
    // Each body is its own multi-byte text (2-, 3- and 4-byte characters), larger than the read buffer, sent
    // in pieces of odd sizes that cut characters in two, the connections taking turns: a byte of one
    // connection left in the shared buffer past its own read would show up in another's body.
    const text = (n: number) => `${n}: é€𝄞 ${'αβγ—'.repeat(1000 + n)} ${'ж'.repeat(30_000)} end ${n}`;
    const server = await serve(async (req, socket) => {
      const n = Number(req.path.slice(1));
      const body = Buffer.from(text(n), 'utf8');
      socket.write(`HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n`);
      for (let i = 0; i < body.length; ) {
        const piece = 997 + ((n * 131 + i) % 4096);
        socket.write(body.subarray(i, i + piece));
        i += piece;
        await sleep(0);
      }
    });
    const pool = poolFor(server.target);
    const recs = Array.from({ length: 6 }, (_, n) => get(pool, server.target, `/${n}`).rec);
    await Promise.all(recs.map((r) => r.ok()));
    recs.forEach((r, n) => expect(r.bytes.toString('utf8') === text(n), `body ${n}`).toBe(true));
    expect(Math.max(...recs.map((r) => r.bytes.length))).toBeGreaterThan(64 * 1024);
  });
});

describe('other framing', () => {
  it('Content-Length: the body ends after exactly that many bytes, even dribbled', async () => {
    const server = await serve(async (req, s) => {
      if (req.path === '/a') await dribble(s, okResponse('hello world'));
      else s.write(okResponse('second'));
    });
    const pool = poolFor(server.target);
    const a = get(pool, server.target, '/a');
    await a.rec.ok();
    expect(a.rec.body).toBe('hello world');
    const b = get(pool, server.target, '/b');
    await b.rec.ok();
    expect(b.rec.body).toBe('second');
    expect(server.connections).toHaveLength(1);
  });

  it('Content-Length: 0 ends at the head, no onBody, and the connection is reused', async () => {
    const server = await serve((_req, s) => s.write('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n'));
    const pool = poolFor(server.target);
    const a = get(pool, server.target);
    await a.rec.ok();
    expect(a.rec.calls).toEqual(['sent', 'head', 'end']);
    const b = get(pool, server.target);
    await b.rec.ok();
    expect(server.connections).toHaveLength(1);
  });

  it('204 and 304 have no body even without a length, and the connection is reused', async () => {
    const server = await serve((req, s) => s.write(req.path === '/204' ? 'HTTP/1.1 204 No Content\r\n\r\n' : 'HTTP/1.1 304 Not Modified\r\nETag: "x"\r\n\r\n'));
    const pool = poolFor(server.target);
    const a = get(pool, server.target, '/204');
    await a.rec.ok();
    expect(a.rec.calls).toEqual(['sent', 'head', 'end']);
    expect(a.rec.head.status).toBe(204);
    const b = get(pool, server.target, '/304');
    await b.rec.ok();
    expect(b.rec.calls).toEqual(['sent', 'head', 'end']);
    expect(b.rec.head.status).toBe(304);
    expect(server.connections).toHaveLength(1);
  });

  it('a close-delimited body (no length, not chunked) ends at the server close with every byte', async () => {
    const server = await serve(async (req, s) => {
      if (req.path !== '/close') return void s.write(okResponse('fresh'));
      s.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nfirst ');
      await sleep(5);
      s.write('second ');
      await sleep(5);
      s.end('third');
    });
    const pool = poolFor(server.target);
    const a = get(pool, server.target, '/close');
    await a.rec.ok();
    expect(a.rec.body).toBe('first second third');
    // That connection is gone: the next request opens another one.
    const b = get(pool, server.target, '/b');
    await b.rec.ok();
    expect(b.rec.body).toBe('fresh');
    expect(server.requests.map((r) => r.conn)).toEqual([0, 1]);
  });

  it('Transfer-Encoding other than chunked last is read to the close', async () => {
    const server = await serve((_req, s) => s.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: identity\r\nContent-Length: 2\r\n\r\nall of it'));
    const { rec } = get(poolFor(server.target), server.target);
    await rec.ok();
    expect(rec.body).toBe('all of it');
  });

  it('bytes after the framed end: the body stops at Content-Length and the connection is not reused', async () => {
    const server = await serve((req, s) => s.write(req.path === '/extra' ? okResponse('ok') + 'GARBAGE' : okResponse('clean')));
    const pool = poolFor(server.target);
    const a = get(pool, server.target, '/extra');
    await a.rec.ok();
    expect(a.rec.body).toBe('ok');
    const b = get(pool, server.target, '/b');
    await b.rec.ok();
    expect(b.rec.body).toBe('clean');
    expect(server.requests.map((r) => r.conn)).toEqual([0, 1]);
    await within(server.closed(0), 'the client to close the connection with extra bytes');
  });
});

describe('interim 1xx heads', () => {
  it('100 Continue and 103 Early Hints (separate writes) are skipped; their headers are not reported', async () => {
    const server = await serve(async (_req, s) => {
      s.write('HTTP/1.1 100 Continue\r\n\r\n');
      await sleep(3);
      s.write('HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\n\r\n');
      await sleep(3);
      s.write(okResponse('real', 'X-Real: 1\r\n'));
    });
    const { rec } = get(poolFor(server.target), server.target);
    await rec.ok();
    expect(rec.calls.filter((c) => c === 'head')).toHaveLength(1);
    expect(rec.head.status).toBe(200);
    expect(rec.head.headers['x-real']).toBe('1');
    expect(rec.head.headers.link).toBeUndefined();
    expect(rec.body).toBe('real');
  });

  it('interim heads in the same read as the real one, dribbled too', async () => {
    const server = await serve(async (req, s) => {
      const all = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n' + okResponse('body');
      if (req.path === '/dribble') await dribble(s, all);
      else s.write(all);
    });
    const pool = poolFor(server.target);
    for (const path of ['/whole', '/dribble']) {
      const { rec } = get(pool, server.target, path);
      await rec.ok();
      expect(rec.head.status).toBe(200);
      expect(rec.body).toBe('body');
    }
  });

  it('101 Switching Protocols is an error', async () => {
    const server = await serve((_req, s) => s.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n'));
    const { rec } = get(poolFor(server.target), server.target);
    const err = await rec.failed();
    expect(err.code).toBe('HPE_INVALID');
    expect(rec.calls).toEqual(['sent', 'error']);
  });
});

describe('response head', () => {
  it('names lower-cased, repeated headers joined with ", ", values trimmed, folded lines joined, status parsed', async () => {
    const server = await serve((_req, s) =>
      s.write(
        'HTTP/1.1 201 Created\r\n' +
          'X-Mixed-Case: Value Keeps Case\r\n' +
          'Set-Cookie: a=1\r\n' +
          'set-cookie: b=2\r\n' +
          'SET-COOKIE: c=3\r\n' +
          'X-Spaces:    padded   \r\n' +
          'X-Fold: first\r\n' +
          '   second\r\n' +
          'Content-Length: 2\r\n' +
          '\r\nhi',
      ),
    );
    const { rec } = get(poolFor(server.target), server.target);
    await rec.ok();
    const { status, headers } = rec.head;
    expect(status).toBe(201);
    expect(headers).toEqual({
      'x-mixed-case': 'Value Keeps Case',
      'set-cookie': 'a=1, b=2, c=3',
      'x-spaces': 'padded',
      'x-fold': 'first second',
      'content-length': '2',
    });
  });

  it('a status line without a reason phrase; HTTP/1.0', async () => {
    const server = await serve((req, s) => s.write(req.path === '/a' ? 'HTTP/1.1 404\r\nContent-Length: 1\r\n\r\nx' : 'HTTP/1.0 503 Busy\r\nContent-Length: 1\r\n\r\ny'));
    const pool = poolFor(server.target);
    const a = get(pool, server.target, '/a');
    await a.rec.ok();
    expect(a.rec.head.status).toBe(404);
    const b = get(pool, server.target, '/b');
    await b.rec.ok();
    expect(b.rec.head.status).toBe(503);
    expect(b.rec.body).toBe('y');
  });

  it('a repeated identical Content-Length is accepted; conflicting ones are HPE_INVALID', async () => {
    const server = await serve((req, s) =>
      s.write(req.path === '/same' ? 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc' : 'HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd'),
    );
    const pool = poolFor(server.target);
    const same = get(pool, server.target, '/same');
    await same.rec.ok();
    expect(same.rec.body).toBe('abc');
    const conflict = get(pool, server.target, '/conflict');
    expect((await conflict.rec.failed()).code).toBe('HPE_INVALID');
    expect(conflict.rec.chunks).toEqual([]);
  });
});

describe('keep-alive pool', () => {
  it('two sequential requests reuse one server-side connection', async () => {
    const server = await serve((req, s) => s.write(okResponse(req.path)));
    const pool = poolFor(server.target);
    const a = get(pool, server.target, '/one');
    await a.rec.ok();
    const b = get(pool, server.target, '/two');
    await b.rec.ok();
    const c = get(pool, server.target, '/three');
    await c.rec.ok();
    expect([a.rec.body, b.rec.body, c.rec.body]).toEqual(['/one', '/two', '/three']);
    expect(server.connections).toHaveLength(1);
    expect(server.requests.map((r) => r.conn)).toEqual([0, 0, 0]);
  });

  it('concurrent requests open one connection each; afterwards both are reused', async () => {
    let gate!: () => void;
    const opened = new Promise<void>((r) => (gate = r));
    const server = await serve(async (req, s) => {
      if (req.path.startsWith('/first')) await opened;
      s.write(okResponse(req.path));
    });
    const pool = poolFor(server.target);
    const a = get(pool, server.target, '/first-a');
    const b = get(pool, server.target, '/first-b');
    await server.waitForRequests(2);
    gate();
    await a.rec.ok();
    await b.rec.ok();
    expect(server.connections).toHaveLength(2);
    const c = get(pool, server.target, '/c');
    const d = get(pool, server.target, '/d');
    await c.rec.ok();
    await d.rec.ok();
    expect(server.connections).toHaveLength(2);
    expect(new Set(server.requests.slice(2).map((r) => r.conn))).toEqual(new Set([0, 1]));
  });

  it('Connection: close in the response: the client closes that connection and the next request opens a new one', async () => {
    const server = await serve((req, s) => s.write(okResponse('x', req.conn === 0 ? 'Connection: close\r\n' : '')));
    const pool = poolFor(server.target);
    const a = get(pool, server.target);
    await a.rec.ok();
    // The server does not close it: the client must.
    await within(server.closed(0), 'the client to close a Connection: close connection');
    const b = get(pool, server.target);
    await b.rec.ok();
    expect(server.requests.map((r) => r.conn)).toEqual([0, 1]);
  });

  it('HTTP/1.0 without keep-alive is not reused; HTTP/1.0 with Connection: keep-alive is', async () => {
    const server = await serve((req, s) => {
      if (req.path === '/plain10') s.write('HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\na');
      else s.write('HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 1\r\n\r\nb');
    });
    const pool = poolFor(server.target);
    await get(pool, server.target, '/plain10').rec.ok();
    await within(server.closed(0), 'the client to close an HTTP/1.0 connection');
    await get(pool, server.target, '/ka10').rec.ok();
    await get(pool, server.target, '/ka10').rec.ok();
    expect(server.requests.map((r) => r.conn)).toEqual([0, 1, 1]);
  });

  it('an idle connection older than idleMs is closed, not reused', async () => {
    const server = await serve((_req, s) => s.write(okResponse('x')));
    const pool = poolFor(server.target, { idleMs: 80 });
    await get(pool, server.target).rec.ok();
    // Within idleMs: reused.
    await get(pool, server.target).rec.ok();
    expect(server.connections).toHaveLength(1);
    await sleep(250);
    await get(pool, server.target).rec.ok();
    expect(server.requests.map((r) => r.conn)).toEqual([0, 0, 1]);
    await within(server.closed(0), 'the client to close the stale connection');
  });

  it('a connection the server closes while idle is dropped; the next request succeeds on a new connection', async () => {
    const server = await serve((req, s) => {
      s.write(okResponse(`conn${req.conn}`));
      if (req.conn === 0) s.end();
    });
    const pool = poolFor(server.target);
    await get(pool, server.target).rec.ok();
    await within(server.closed(0), 'the server-side close');
    await sleep(50); // let the client see its side close too
    const b = get(pool, server.target);
    await b.rec.ok();
    expect(b.rec.body).toBe('conn1');
    expect(server.requests.map((r) => r.conn)).toEqual([0, 1]);
  });

  it('a connection the server resets (RST) while idle is dropped without an uncaught error; the next request succeeds', async () => {
    const server = await serve((req, s) => s.write(okResponse(`conn${req.conn}`)));
    const pool = poolFor(server.target);
    await get(pool, server.target).rec.ok();
    server.connections[0]!.resetAndDestroy();
    await within(server.closed(0), 'the server-side reset');
    await sleep(50); // let the client read the reset on its idle socket
    const b = get(pool, server.target);
    await b.rec.ok();
    expect(b.rec.body).toBe('conn1');
    expect(server.requests.map((r) => r.conn)).toEqual([0, 1]);
  });

  it('bytes that arrive on an idle connection (nobody asked for them) drop it; the next request goes out on a new one', async () => {
    const server = await serve((req, s) => {
      s.write(okResponse(`conn${req.conn}`));
      if (req.conn === 0) setTimeout(() => s.write('HTTP/1.1 200 OK\r\n'), 30);
    });
    const pool = poolFor(server.target);
    await get(pool, server.target).rec.ok();
    await within(server.closed(0), 'the client to close the connection that sent unasked bytes');
    const b = get(pool, server.target);
    await b.rec.ok();
    expect(b.rec.body).toBe('conn1');
    expect(server.requests.map((r) => r.conn)).toEqual([0, 1]);
  });

  it("a connection's listeners are set once: requests on it add and remove none", async () => {
    const server = await serve((_req, s) => s.write(okResponse('x')));
    const pool = poolFor(server.target);
    const g = get(pool, server.target);
    await g.rec.ok();
    // The pool's own connection, reached through the request (as destroy() reaches it); from now on every
    // listener added to it or removed from it is counted.
    const socket = (g.ex as unknown as { socket: net.Socket }).socket;
    const changes: string[] = [];
    for (const m of ['on', 'once', 'off', 'addListener', 'removeListener', 'prependListener'] as const) {
      const original = socket[m] as (event: string | symbol, fn: (...args: any[]) => void) => net.Socket;
      (socket as unknown as Record<string, unknown>)[m] = function (this: net.Socket, event: string | symbol, fn: (...args: any[]) => void) {
        changes.push(`${m} ${String(event)}`);
        return original.call(this, event, fn);
      };
    }
    for (let i = 0; i < 100; i++) await get(pool, server.target).rec.ok();
    expect(server.connections).toHaveLength(1);
    expect(changes).toEqual([]);
  });

  it('maxIdle: connections beyond it are closed after their response', async () => {
    let gate!: () => void;
    const opened = new Promise<void>((r) => (gate = r));
    const server = await serve(async (_req, s) => {
      await opened;
      s.write(okResponse('x'));
    });
    const pool = poolFor(server.target, { maxIdle: 1 });
    const a = get(pool, server.target);
    const b = get(pool, server.target);
    await server.waitForRequests(2);
    gate();
    await a.rec.ok();
    await b.rec.ok();
    // One of the two is kept, the other closed by the client.
    await within(Promise.race([server.closed(0), server.closed(1)]), 'one connection to be closed');
    await sleep(20);
    expect([server.isClosed(0), server.isClosed(1)].filter(Boolean)).toHaveLength(1);
  });

  it('maxSockets: 1: a second request waits for the first to finish, then goes out on the same connection', async () => {
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const server = await serve(async (req, s) => {
      log.push(`request ${req.path} on conn${req.conn}`);
      if (req.path === '/a') await gate;
      log.push(`response ${req.path}`);
      s.write(okResponse(req.path));
    });
    const pool = poolFor(server.target, { maxSockets: 1 });
    const a = get(pool, server.target, '/a');
    const b = get(pool, server.target, '/b');
    await server.waitForRequests(1);
    await sleep(50); // a B sent too early would arrive in this time
    expect(server.requests).toHaveLength(1);
    expect(b.rec.calls).toEqual([]);
    release();
    await a.rec.ok();
    await b.rec.ok();
    expect(log).toEqual(['request /a on conn0', 'response /a', 'request /b on conn0', 'response /b']);
    expect(server.connections).toHaveLength(1);
    expect(b.rec.body).toBe('/b');
    // B's bytes went out after A ended.
    expect(b.rec.sentAt[0]!).toBeGreaterThanOrEqual(a.rec.endAt[0]!);
  });

  it('maxSockets: 1: a request waiting behind a failed one still goes out, on a new connection', async () => {
    const server = await serve((req, s) => {
      if (req.path === '/hangup') s.end();
      else s.write(okResponse('after'));
    });
    const pool = poolFor(server.target, { maxSockets: 1 });
    const a = get(pool, server.target, '/hangup');
    const b = get(pool, server.target, '/b');
    await a.rec.failed();
    await b.rec.ok();
    expect(b.rec.body).toBe('after');
    expect(server.requests.map((r) => r.conn)).toEqual([0, 1]);
  });
});

describe('preconnect', () => {
  /** The server accepts a connection a moment after the client sees it connected. */
  const accepted = (server: RawServer, n: number) =>
    within(
      (async () => {
        while (server.connections.length < n) await sleep(2);
      })(),
      `${n} connections at the server`,
    );

  it('opens n connections before any request; the requests that follow use them and open no more', async () => {
    let gate!: () => void;
    const held = new Promise<void>((r) => (gate = r));
    const server = await serve(async (req, s) => {
      await held;
      s.write(okResponse(req.path));
    });
    const pool = poolFor(server.target);
    expect(await pool.preconnect(3)).toBe(3);
    await accepted(server, 3);
    expect(server.requests).toHaveLength(0);
    // Three at once: each takes an open connection (none is opened for them); they were sent at once.
    const sent = [get(pool, server.target, '/a'), get(pool, server.target, '/b'), get(pool, server.target, '/c')];
    for (const x of sent) expect(x.rec.calls[0]).toBe('sent');
    await server.waitForRequests(3);
    gate();
    for (const x of sent) await x.rec.ok();
    expect(server.connections).toHaveLength(3);
    expect(new Set(server.requests.map((r) => r.conn))).toEqual(new Set([0, 1, 2]));
    // Already 3 idle: asking for 2 opens nothing; for 5, two more.
    expect(await pool.preconnect(2)).toBe(0);
    expect(await pool.preconnect(5)).toBe(2);
    await accepted(server, 5);
    await sleep(20);
    expect(server.connections).toHaveLength(5);
  });

  it('never beyond maxSockets or maxIdle', async () => {
    const server = await serve((req, s) => s.write(okResponse(req.path)));
    expect(await poolFor(server.target, { maxSockets: 2 }).preconnect(10)).toBe(2);
    expect(await poolFor(server.target, { maxIdle: 3 }).preconnect(10)).toBe(3);
    await accepted(server, 5);
    await sleep(20);
    expect(server.connections).toHaveLength(5);
  });

  it('a refused connection is dropped quietly; the request after it reports ECONNREFUSED itself', async () => {
    const port = await closedPort();
    const target: Http1Target = { tls: false, host: '127.0.0.1', port, hostHeader: `127.0.0.1:${port}` };
    const pool = poolFor(target);
    expect(await within(pool.preconnect(4), 'preconnect to a closed port to settle')).toBe(0);
    const err = await get(pool, target).rec.failed();
    expect(err.code).toBe('ECONNREFUSED');
  });

  it('a connection still not ready after the timeout (a TLS handshake never answered) is closed, and preconnect resolves', async () => {
    const server = await serve(() => {}); // reads the ClientHello, never answers
    const pool = poolFor({ ...server.target, tls: true });
    const t0 = performance.now();
    expect(await within(pool.preconnect(2, 200), 'preconnect to time out', 3000)).toBe(0);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(190);
    await accepted(server, 2);
    await within(Promise.all([server.closed(0), server.closed(1)]), 'the timed-out connections to be closed');
  });

  it('an opened connection that the server closes before use is not used: the request goes out on a new one', async () => {
    const server = await serve((req, s) => s.write(okResponse(req.path)));
    const pool = poolFor(server.target);
    expect(await pool.preconnect(1)).toBe(1);
    server.connections[0]!.end();
    await within(server.closed(0), 'the server-side close');
    await sleep(20);
    await get(pool, server.target, '/x').rec.ok();
    expect(server.requests.map((r) => r.conn)).toEqual([1]);
  });
});

describe('errors reach onError exactly once', () => {
  /** After the error: the client closed the connection, and nothing more was called. */
  async function quietAfter(server: RawServer, rec: Recorder, conn = 0): Promise<void> {
    await within(server.closed(conn), 'the connection to close after the error');
    await sleep(20);
    expect(rec.calls.at(-1)).toBe('error');
    expect(rec.terminals).toEqual(['error']);
  }

  it('connection refused: ECONNREFUSED, no onSent', async () => {
    const port = await closedPort();
    const target: Http1Target = { tls: false, host: '127.0.0.1', port, hostHeader: `127.0.0.1:${port}` };
    const pool = poolFor(target);
    const { rec } = get(pool, target);
    const err = await rec.failed();
    expect(err.code).toBe('ECONNREFUSED');
    expect(err.message).toMatch(/ECONNREFUSED/);
    await sleep(20);
    expect(rec.calls).toEqual(['error']);
  });

  it('the server closes before any response byte: "socket hang up", ECONNRESET', async () => {
    const server = await serve((_req, s) => s.end());
    const { rec } = get(poolFor(server.target), server.target);
    const err = await rec.failed();
    expect(err.code).toBe('ECONNRESET');
    expect(err.message).toBe('socket hang up');
    expect(rec.calls).toEqual(['sent', 'error']);
    await quietAfter(server, rec);
  });

  it('the server closes in the middle of a chunked body: "aborted", after the bytes that came', async () => {
    const server = await serve((_req, s) => s.end('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhel'));
    const { rec } = get(poolFor(server.target), server.target);
    const err = await rec.failed();
    expect(err.message).toBe('aborted');
    expect(err.code).toBe('ECONNRESET');
    expect(rec.body).toBe('hel');
    expect(rec.calls[0]).toBe('sent');
    expect(rec.calls[1]).toBe('head');
    await quietAfter(server, rec);
  });

  it('the server closes short of Content-Length: "aborted"', async () => {
    const server = await serve((_req, s) => s.end('HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc'));
    const { rec } = get(poolFor(server.target), server.target);
    const err = await rec.failed();
    expect(err.message).toBe('aborted');
    expect(rec.body).toBe('abc');
  });

  it('a connection reset in the middle of a close-delimited body is an error, not a clean end', async () => {
    const server = await serve((_req, s) => s.write('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\npartial'));
    const { rec } = get(poolFor(server.target), server.target);
    rec.hooks.body = () => server.connections[0]!.resetAndDestroy();
    await within(rec.done, 'the response to settle');
    expect(rec.body).toBe('partial');
    // The RST means the body was cut: reporting onEnd would pass off a truncated body as complete.
    expect(rec.terminals).toEqual(['error']);
    expect(rec.errors[0]?.code).toBe('ECONNRESET');
  });

  const malformedCases: [string, string, RegExp][] = [
    ['a malformed status line', 'HTTX/1.1 200 OK\r\nContent-Length: 0\r\n\r\n', /status line/],
    ['an HTTP/2 status line', 'HTTP/2 200\r\nContent-Length: 0\r\n\r\n', /status line/],
    ['a header line without a colon', 'HTTP/1.1 200 OK\r\nNoColonHere\r\nContent-Length: 0\r\n\r\n', /header line/],
    ['a non-numeric Content-Length', 'HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n', /content-length/],
    ['a bad chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n', /chunk size/],
    ['a negative chunk size', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n', /chunk size/],
    ['a chunk size of 16 hex digits', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1000000000000000\r\nx', /chunk size/],
    ['an empty chunk size line', 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n\r\nhello', /chunk size/],
  ];
  for (const [what, response, message] of malformedCases) {
    it(`${what}: HPE_INVALID, connection closed`, async () => {
      const server = await serve((_req, s) => s.write(response));
      const { rec } = get(poolFor(server.target), server.target);
      const err = await rec.failed();
      expect(err.code).toBe('HPE_INVALID');
      expect(err.message).toMatch(message);
      await quietAfter(server, rec);
    });
  }

  it('a chunk not followed by CRLF: HPE_INVALID after the chunk data, also when split byte by byte', async () => {
    const response = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhelloXY0\r\n\r\n';
    const server = await serve(async (req, s) => {
      if (req.path === '/dribble') await dribble(s, response);
      else s.write(response);
    });
    const pool = poolFor(server.target);
    for (const [i, path] of ['/whole', '/dribble'].entries()) {
      const { rec } = get(pool, server.target, path);
      const err = await rec.failed();
      expect(err.code).toBe('HPE_INVALID');
      expect(err.message).toMatch(/chunk not followed by CRLF/);
      expect(rec.body).toBe('hello');
      await quietAfter(server, rec, i);
    }
  });

  it('a response head over 64 KiB that never ends: HPE_INVALID', async () => {
    const server = await serve((_req, s) => s.write(`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(70 * 1024)}`));
    const { rec } = get(poolFor(server.target), server.target);
    const err = await rec.failed();
    expect(err.code).toBe('HPE_INVALID');
    expect(err.message).toMatch(/64 KiB/);
    expect(rec.calls).toEqual(['sent', 'error']);
    await quietAfter(server, rec);
  });

  it('a complete response head over 64 KiB (70 KiB, its end in the last read): HPE_INVALID', async () => {
    const server = await serve(async (_req, s) => {
      s.write(`HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(60 * 1024)}`);
      await sleep(30); // the first 60 KiB arrive on their own
      s.write(`${'a'.repeat(10 * 1024)}\r\nContent-Length: 2\r\n\r\nok`);
    });
    const { rec } = get(poolFor(server.target), server.target);
    await within(rec.done, 'the response to settle');
    expect(rec.calls).toEqual(['sent', 'error']);
    expect(rec.errors[0]?.code).toBe('HPE_INVALID');
  });

  it('after a parse error, bytes still arriving cause no callbacks', async () => {
    const server = await serve(async (_req, s) => {
      s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n');
      await sleep(10);
      s.write('5\r\nhello\r\n0\r\n\r\n');
    });
    const { rec } = get(poolFor(server.target), server.target);
    await rec.failed();
    await quietAfter(server, rec);
    expect(rec.calls).toEqual(['sent', 'head', 'error']);
  });
});

describe('destroy()', () => {
  it('stops all callbacks at once (even for bytes of the same read) and closes that connection', async () => {
    const server = await serve((req, s) => {
      if (req.path === '/stream') s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n5\r\nworld\r\n');
      else s.write(okResponse('after'));
    });
    const pool = poolFor(server.target);
    const { rec, ex } = get(pool, server.target, '/stream');
    rec.hooks.body = () => ex.destroy();
    await within(rec.bodySeen, 'the first body bytes');
    await within(server.closed(0), 'the server to see the destroyed connection close');
    await sleep(20);
    expect(rec.calls).toEqual(['sent', 'head', 'body']);
    expect(rec.body).toBe('hello');
    // The pool goes on: a new connection for the next request.
    const next = get(pool, server.target, '/next');
    await next.rec.ok();
    expect(next.rec.body).toBe('after');
    expect(server.requests.map((r) => r.conn)).toEqual([0, 1]);
  });

  it('destroy() before the response head: no callback after it, the server sees the close', async () => {
    const server = await serve(() => {}); // never answers
    const pool = poolFor(server.target);
    const { rec, ex } = get(pool, server.target);
    await server.waitForRequests(1);
    ex.destroy();
    await within(server.closed(0), 'the server to see the close');
    await sleep(20);
    expect(rec.calls).toEqual(['sent']);
  });

  it('destroy() of a request waiting for a socket under maxSockets: it is never sent and hears nothing', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const server = await serve(async (req, s) => {
      if (req.path === '/a') await gate;
      s.write(okResponse(req.path));
    });
    const pool = poolFor(server.target, { maxSockets: 1 });
    const a = get(pool, server.target, '/a');
    const b = get(pool, server.target, '/b');
    await server.waitForRequests(1);
    b.ex.destroy();
    release();
    await a.rec.ok();
    const c = get(pool, server.target, '/c');
    await c.rec.ok();
    await sleep(20);
    expect(server.requests.map((r) => r.path)).toEqual(['/a', '/c']);
    expect(server.requests.map((r) => r.conn)).toEqual([0, 0]);
    expect(b.rec.calls).toEqual([]);
  });

  it('destroy() after onEnd does not touch the connection that a later request now uses', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const server = await serve(async (req, s) => {
      if (req.path === '/b') await gate;
      s.write(okResponse(req.path));
    });
    const pool = poolFor(server.target);
    const a = get(pool, server.target, '/a');
    await a.rec.ok();
    const b = get(pool, server.target, '/b');
    await server.waitForRequests(2);
    expect(server.requests[1]!.conn).toBe(0); // B reuses A's connection
    a.ex.destroy(); // A is over; this must be a no-op
    release();
    await within(b.rec.done, 'B to settle');
    expect(b.rec.errors.map((e) => e.message)).toEqual([]);
    expect(b.rec.body).toBe('/b');
    expect(a.rec.calls).toEqual(['sent', 'head', 'body', 'end']);
  });
});

describe('requestHead', () => {
  const target: Http1Target = { tls: false, host: '127.0.0.1', port: 8000, hostHeader: '127.0.0.1:8000' };

  it('rejects header values with CR, LF or NUL (Http1Error ERR_INVALID_CHAR)', () => {
    for (const value of ['a\r\nInjected: 1', 'a\nInjected: 1', 'a\rb', 'a\0b', '\r\n']) {
      let thrown: unknown;
      try {
        requestHead('GET', '/', target, { 'x-value': value });
      } catch (e) {
        thrown = e;
      }
      expect(thrown, JSON.stringify(value)).toBeInstanceOf(Http1Error);
      expect((thrown as Http1Error).code).toBe('ERR_INVALID_CHAR');
    }
  });

  it('rejects invalid header names (Http1Error ERR_INVALID_HTTP_TOKEN)', () => {
    for (const name of ['bad name', 'x:y', '', 'x\r\ny', 'naïve', 'a(b)', 'x\0']) {
      let thrown: unknown;
      try {
        requestHead('GET', '/', target, { [name]: 'v' });
      } catch (e) {
        thrown = e;
      }
      expect(thrown, JSON.stringify(name)).toBeInstanceOf(Http1Error);
      expect((thrown as Http1Error).code).toBe('ERR_INVALID_HTTP_TOKEN');
    }
  });

  it('accepts token names and ordinary values, numbers included', () => {
    const head = requestHead('POST', '/v1/chat/completions', target, { "x-ok_!#$%&'*+.^`|~": 'v', 'content-length': 42, authorization: 'Bearer a b\tc' });
    const lines = head.split('\r\n');
    expect(lines[0]).toBe('POST /v1/chat/completions HTTP/1.1');
    expect(lines).toContain('Host: 127.0.0.1:8000');
    expect(lines).toContain("x-ok_!#$%&'*+.^`|~: v");
    expect(lines).toContain('content-length: 42');
    expect(lines).toContain('authorization: Bearer a b\tc');
    expect(head.endsWith('\r\n\r\n')).toBe(true);
    expect(head.indexOf('\r\n\r\n')).toBe(head.length - 4);
  });

  it('the server receives the method, path, Host, the given headers and the body', async () => {
    const server = await serve((_req, s) => s.write(okResponse('done')));
    const pool = poolFor(server.target);
    const body = JSON.stringify({ model: 'r1', messages: [{ role: 'user', content: 'hé' }] });
    const head = requestHead('POST', '/v1/chat/completions', server.target, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'X-Custom': 'yes',
    });
    const rec = new Recorder();
    pool.send(head, body, rec);
    await rec.ok();
    const req = server.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/v1/chat/completions');
    expect(req.headers.host).toBe(`127.0.0.1:${server.port}`);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-custom']).toBe('yes');
    expect(Buffer.from(req.body, 'latin1').toString('utf8')).toBe(body);
    expect(req.head.split('\r\n').filter((l) => /^host:/i.test(l))).toHaveLength(1);
  });
});

describe('close()', () => {
  it('closes idle and active connections; the active request gets one onError; later sends fail with ERR_CLOSED', async () => {
    const server = await serve((req, s) => {
      if (req.path === '/idle') s.write(okResponse('idle'));
      else s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n');
    });
    const pool = poolFor(server.target);
    const busy = get(pool, server.target, '/busy');
    const idle = get(pool, server.target, '/idle');
    await idle.rec.ok();
    await within(busy.rec.bodySeen, 'the busy response to start');
    expect(server.connections).toHaveLength(2);
    pool.close();
    await within(Promise.all([server.closed(0), server.closed(1)]), 'both connections to close');
    await within(busy.rec.done, 'the busy request to fail');
    await sleep(20);
    expect(busy.rec.terminals).toEqual(['error']);
    expect(busy.rec.calls.at(-1)).toBe('error');
    const after = get(pool, server.target, '/late');
    const err = await after.rec.failed();
    expect(err.code).toBe('ERR_CLOSED');
    expect(after.rec.calls).toEqual(['error']);
    expect(server.connections).toHaveLength(2);
    expect(server.requests).toHaveLength(2);
  });

  it('requests waiting for a socket under maxSockets are not sent after close(): they fail', async () => {
    const server = await serve((req, s) => {
      if (req.path !== '/busy') s.write(okResponse(req.path));
    });
    const pool = poolFor(server.target, { maxSockets: 1 });
    const busy = get(pool, server.target, '/busy');
    const waiting = get(pool, server.target, '/waiting');
    await server.waitForRequests(1);
    pool.close();
    await within(busy.rec.done, 'the busy request to fail');
    await within(waiting.rec.done, 'the waiting request to settle');
    await sleep(20);
    expect(busy.rec.terminals).toEqual(['error']);
    expect(server.requests.map((r) => r.path)).toEqual(['/busy']);
    expect(server.connections).toHaveLength(1);
    expect(waiting.rec.terminals).toEqual(['error']);
    expect(waiting.rec.calls).not.toContain('sent');
  });
});

describe('onSent', () => {
  it('is called once per request, before onHead, with a performance.now() time; on fresh and reused connections', async () => {
    const server = await serve(async (_req, s) => {
      await sleep(5);
      s.write(okResponse('x'));
    });
    const pool = poolFor(server.target);
    for (let i = 0; i < 3; i++) {
      const before = performance.now();
      const { rec } = get(pool, server.target);
      await rec.ok();
      expect(rec.sentAt).toHaveLength(1);
      expect(rec.calls).toEqual(['sent', 'head', 'body', 'end']);
      expect(rec.sentAt[0]!).toBeGreaterThanOrEqual(before);
      expect(rec.sentAt[0]!).toBeLessThanOrEqual(rec.headAt);
      expect(rec.endAt[0]!).toBeGreaterThanOrEqual(rec.sentAt[0]!);
      expect(rec.endAt[0]!).toBeLessThanOrEqual(performance.now());
    }
    expect(server.connections).toHaveLength(1);
  });

  it('on a fresh connection it comes after the TCP connect: the server has the connection by then', async () => {
    const server = await serve((_req, s) => s.write(okResponse('x')));
    const pool = poolFor(server.target);
    const { rec } = get(pool, server.target);
    expect(rec.calls).toEqual([]); // not sent synchronously: the socket is still connecting
    await rec.ok();
    expect(rec.sentAt).toHaveLength(1);
  });

  it('the request bytes are let go once written: a long prompt is not kept for the whole stream', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const server = await serve(async (_req, s) => {
      await held; // the response waits while the test looks at the exchange
      s.write(okResponse('x'));
    });
    const pool = poolFor(server.target);
    const body = JSON.stringify({ messages: [{ role: 'user', content: 'word '.repeat(20_000) }] });
    const rec = new Recorder();
    const ex = pool.send(requestHead('POST', '/v1/chat/completions', server.target, { 'content-length': Buffer.byteLength(body) }), body, rec) as Exchange & { payload: string };
    expect(ex.payload.length).toBeGreaterThan(100_000); // waiting for the connection: still needed
    await server.waitForRequests(1);
    expect(server.requests[0]!.body).toBe(body); // every byte arrived
    expect(ex.payload).toBe('');
    release();
    await rec.ok();
  });
});

describe('review mends', () => {
  it('Keep-Alive: timeout=N shortens how long an idle connection is reused (to a second under N)', async () => {
    for (const [header, connections] of [['timeout=1', 2], ['timeout=30, max=100', 1]] as const) {
      const server = await serve((_req, s) => s.write(okResponse('x', `Keep-Alive: ${header}\r\n`)));
      const pool = poolFor(server.target);
      await get(pool, server.target).rec.ok();
      await sleep(20);
      await get(pool, server.target).rec.ok();
      expect(server.connections, header).toHaveLength(connections);
    }
  });

  it('chunked together with Content-Length is read as chunked, then the connection is closed, not reused', async () => {
    const server = await serve((_req, s) => s.write('HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n'));
    const pool = poolFor(server.target);
    const { rec } = get(pool, server.target);
    expect((await rec.ok()).body).toBe('abc');
    await within(server.closed(0), 'the ambiguous connection to close');
    await get(pool, server.target).rec.ok();
    expect(server.connections).toHaveLength(2);
  });

  it('requestHead: one line per header name whatever its case (the later wins), Host replaceable; control characters refused', () => {
    const t: Http1Target = { tls: false, host: 'h', port: 80, hostHeader: 'h' };
    const head = requestHead('POST', '/v1/x?api-version=1', t, { 'content-type': 'a', 'Content-Type': 'b', host: 'other:9' });
    expect(head.split('\r\n').filter((l) => /^content-type:/i.test(l))).toEqual(['Content-Type: b']);
    expect(head.split('\r\n').filter((l) => /^host:/i.test(l))).toEqual(['host: other:9']);
    expect(head.startsWith('POST /v1/x?api-version=1 HTTP/1.1\r\n')).toBe(true);
    for (const bad of ['a\x01b', 'tab\x7f', 'snow\u2603'])
      expect(() => requestHead('GET', '/', t, { 'x-v': bad }), JSON.stringify(bad)).toThrow(Http1Error);
    expect(requestHead('GET', '/', t, { 'x-v': 'caf\u00e9\tok' })).toContain('x-v: caf\u00e9\tok');
    expect(() => requestHead('GET', '/a b', t, {})).toThrow(/invalid character in the request line/);
  });
});
