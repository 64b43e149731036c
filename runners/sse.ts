// Server-sent events decoder: accepts an event split at any byte, including inside a UTF-8 character.
import { StringDecoder } from 'node:string_decoder';

/** Feeds bytes in, calls onData with each event's data (multi-line data joined by \n). */
export class SseDecoder {
  private readonly utf8 = new StringDecoder('utf8');
  private pending = '';
  private data: string[] = [];

  constructor(private readonly onData: (data: string) => void) {}

  push(bytes: Uint8Array): void {
    this.feed(this.utf8.write(bytes));
  }

  /** End of stream: flush a last event that had no blank line after it. */
  end(): void {
    this.feed(this.utf8.end());
    if (this.pending) this.line(this.pending);
    this.pending = '';
    this.dispatch();
  }

  private feed(text: string): void {
    let buf = this.pending + text;
    let start = 0;
    for (;;) {
      const nl = buf.indexOf('\n', start);
      if (nl < 0) break;
      let line = buf.slice(start, nl);
      if (line.endsWith('\r')) line = line.slice(0, -1);
      this.line(line);
      start = nl + 1;
    }
    this.pending = start === 0 ? buf : buf.slice(start);
  }

  private line(line: string): void {
    if (line === '') return this.dispatch();
    // The common case first: "data: {...}".
    if (line.startsWith('data: ')) {
      this.data.push(line.slice(6));
      return;
    }
    if (line.startsWith(':')) return; // comment / keep-alive
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    if (field !== 'data') return;
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    this.data.push(value);
  }

  private dispatch(): void {
    if (this.data.length === 0) return;
    const data = this.data.length === 1 ? this.data[0]! : this.data.join('\n');
    this.data = [];
    this.onData(data);
  }
}
