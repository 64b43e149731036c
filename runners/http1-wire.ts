// The bytes of HTTP/1.1 for runners/http1.ts: the request head it writes, and the parser of the response it
// reads, fed one read at a time (a head or a line split across reads is kept until it completes). It reads
// what a chat-completions stream can come in: chunked, Content-Length or close-delimited bodies, interim
// 1xx heads, trailers (skipped); anything else is a malformed response (Http1Error HPE_INVALID).

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

/** What the parser reports for one response: its head, its body bytes (framing removed), its end. */
export interface ResponseSink {
  onHead(head: ResponseHead): void;
  /** Body bytes with the transfer framing removed; `atMs` (performance.now()) is when their read arrived.
   * The bytes are valid only during the call (they sit in the pool's read buffer, reused by the next
   * read): copy what you keep. */
  onBody(bytes: Buffer, atMs: number): void;
  onEnd(atMs: number): void;
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

const MAX_HEAD_BYTES = 64 * 1024;
const MAX_LINE_BYTES = 4096;
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

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
export class ResponseParser {
  state: State = 'head';
  keepAlive = false;
  /** Bytes of a line or head not yet complete. */
  private partial: Buffer | null = null;
  private left = 0;
  /** Bytes after the end of the response (a server that sent more than it framed). */
  extra = false;
  /** The server's own idle limit for this connection (`Keep-Alive: timeout=N`), ms. */
  serverIdleMs: number | undefined;

  constructor(private readonly h: ResponseSink) {}

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
