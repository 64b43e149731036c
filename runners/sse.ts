// Server-sent events decoder: accepts an event split at any byte, including inside a UTF-8 character.
// Lines end with LF, CRLF or a lone CR (the SSE specification allows all three), also when a CRLF is split
// across two reads. Two tolerances beyond the specification, both kept on purpose:
// - a last `data:` line with no blank line after it (or no line end at all) is still delivered at end();
//   the specification drops such an unfinished event, but a server that closes right after its last
//   chunk has still said it, and dropping it would turn a finished sample into a cut one;
// - a `data: [DONE]` line is delivered at once, before its blank line, so a server that sends it and
//   then keeps the connection open does not stall the sample.
import { StringDecoder } from 'node:string_decoder';

const LF = 10;

/**
 * Whether `b` ends part-way through a UTF-8 character: its last lead byte (the last byte that is not
 * 10xxxxxx, within a character's length of the end) starts a character longer than the bytes after it.
 */
export function endsInsideCharacter(b: Uint8Array): boolean {
  const n = b.length;
  for (let i = n - 1; i >= 0 && i >= n - 4; i--) {
    const c = b[i]!;
    if ((c & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return length > n - i;
  }
  return false; // no lead byte in the last four: complete, or not UTF-8 (the decoder replaces it either way)
}

/** Feeds bytes in, calls onData with each event's data (multi-line data joined by \n). */
export class SseDecoder {
  /** Made only once a read ends inside a UTF-8 character (rare): until then each read decodes on its own,
   * and a stream does not keep a decoder and its buffers alive for all of its life. */
  private utf8: StringDecoder | undefined;
  private pending = '';
  /** The event's data lines so far: the first alone (nearly every event has one line), the rest in `more`. */
  private first: string | undefined;
  private more: string[] | undefined;
  /** The last read ended in CR: a LF that starts the next read belongs to that CRLF. */
  private afterCr = false;

  constructor(private readonly onData: (data: string) => void) {}

  push(bytes: Uint8Array): void {
    if (this.utf8 === undefined && endsInsideCharacter(bytes)) this.utf8 = new StringDecoder('utf8');
    if (this.utf8 !== undefined) return this.feed(this.utf8.write(bytes));
    const b = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.feed(b.toString('utf8'));
  }

  /** End of stream: flush a last line with no line end and a last event with no blank line after it. */
  end(): void {
    if (this.utf8 !== undefined) this.feed(this.utf8.end());
    if (this.pending) this.line(this.pending);
    this.pending = '';
    this.dispatch();
  }

  private feed(text: string): void {
    if (text.length === 0) return;
    if (this.afterCr) {
      this.afterCr = false;
      if (text.charCodeAt(0) === LF) text = text.slice(1);
    }
    const buf = this.pending + text;
    // Hot path: no CR anywhere (LF-only servers, nearly all of them): split on LF alone.
    const cr = buf.indexOf('\r');
    if (cr < 0) {
      let start = 0;
      for (;;) {
        const nl = buf.indexOf('\n', start);
        if (nl < 0) break;
        this.line(buf.slice(start, nl));
        start = nl + 1;
      }
      this.pending = start === 0 ? buf : buf.slice(start);
      return;
    }
    this.feedWithCr(buf, cr);
  }

  /** Splits on LF, CRLF and lone CR; `cr` is the first CR's index. */
  private feedWithCr(buf: string, cr: number): void {
    let start = 0;
    let nl = buf.indexOf('\n');
    for (;;) {
      if (cr >= 0 && cr < start) cr = buf.indexOf('\r', start);
      if (nl >= 0 && nl < start) nl = buf.indexOf('\n', start);
      if (cr < 0 && nl < 0) break;
      if (cr >= 0 && (nl < 0 || cr < nl)) {
        this.line(buf.slice(start, cr));
        if (cr + 1 === buf.length) {
          // CR at the end of this read: the line is complete; a LF at the start of the next read is its pair.
          this.afterCr = true;
          start = cr + 1;
          break;
        }
        start = buf.charCodeAt(cr + 1) === LF ? cr + 2 : cr + 1;
      } else {
        this.line(buf.slice(start, nl));
        start = nl + 1;
      }
    }
    this.pending = start === 0 ? buf : buf.slice(start);
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    // The common case first: "data: {...}".
    if (line.startsWith('data: ')) {
      return this.add(line.slice(6));
    }
    if (line.charCodeAt(0) === 58 /* ':' */) return; // comment / keep-alive
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    if (field !== 'data') return;
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    this.add(value);
  }

  private add(value: string): void {
    if (this.first === undefined) {
      if (value === '[DONE]') return this.onData(value);
      this.first = value;
    } else (this.more ??= []).push(value);
  }

  private dispatch(): void {
    if (this.first === undefined) return;
    const data = this.more ? [this.first, ...this.more].join('\n') : this.first;
    this.first = undefined;
    this.more = undefined;
    this.onData(data);
  }
}
