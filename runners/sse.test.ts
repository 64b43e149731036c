import { describe, expect, it } from 'vitest';
import { endsInsideCharacter, SseDecoder } from './sse.ts';

function decodeInPieces(text: string, cuts: number[]): string[] {
  const out: string[] = [];
  const d = new SseDecoder((x) => out.push(x));
  const bytes = Buffer.from(text, 'utf8');
  let prev = 0;
  for (const c of [...cuts, bytes.length]) {
    d.push(bytes.subarray(prev, c));
    prev = c;
  }
  d.end();
  return out;
}

const stream =
  'data: {"a":"é✓ 中"}\n\n' + ': keep-alive\n\n' + 'data:{"b":2}\r\n\r\n' + 'event: x\ndata: line1\ndata: line2\n\n' + 'data: [DONE]\n\n';
const expected = ['{"a":"é✓ 中"}', '{"b":2}', 'line1\nline2', '[DONE]'];

describe('SseDecoder', () => {
  it('decodes events, comments, CRLF and multi-line data', () => {
    expect(decodeInPieces(stream, [])).toEqual(expected);
  });

  it('accepts an event split at every single byte, including inside UTF-8 characters and "data: "', () => {
    const n = Buffer.byteLength(stream);
    for (let cut = 1; cut < n; cut++) expect(decodeInPieces(stream, [cut])).toEqual(expected);
    expect(decodeInPieces(stream, Array.from({ length: n - 1 }, (_, i) => i + 1))).toEqual(expected);
  });

  it('flushes a last event that has no blank line after it', () => {
    expect(decodeInPieces('data: {"x":1}', [])).toEqual(['{"x":1}']);
  });
});

describe('SseDecoder: reads that end inside a character', () => {
  // Characters of 1, 2, 3 and 4 bytes in UTF-8.
  const text = 'a é ✓ 中 𝑥 😀 z';

  it('endsInsideCharacter is true exactly where a prefix of the bytes cuts a character', () => {
    const bytes = Buffer.from(text, 'utf8');
    const boundaries = new Set<number>([0]);
    let at = 0;
    for (const ch of text) boundaries.add((at += Buffer.byteLength(ch)));
    for (let k = 0; k <= bytes.length; k++) expect(endsInsideCharacter(bytes.subarray(0, k)), `prefix of ${k} bytes`).toBe(!boundaries.has(k));
  });

  it('a stream whose reads are first whole, then cut inside characters, then whole again, decodes exactly', () => {
    const events = Array.from({ length: 40 }, (_, i) => `{"i":${i},"t":"${text}"}`);
    const wire = Buffer.from(events.map((e) => `data: ${e}\n\n`).join(''), 'utf8');
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let trial = 0; trial < 200; trial++) {
      // Ten reads at random places; plain Uint8Arrays as well as Buffers.
      const cuts = Array.from({ length: 10 }, () => 1 + Math.floor(random() * (wire.length - 1))).sort((a, b) => a - b);
      const out: string[] = [];
      const d = new SseDecoder((x) => out.push(x));
      let prev = 0;
      for (const c of [...cuts, wire.length]) {
        const piece = wire.subarray(prev, c);
        d.push(trial % 2 ? new Uint8Array(piece) : piece);
        prev = c;
      }
      d.end();
      expect(out).toEqual(events);
    }
  });

  it('a stream that ends inside a character gives the replacement character, as a decoder does', () => {
    const bytes = Buffer.from('data: x😀', 'utf8');
    const out: string[] = [];
    const d = new SseDecoder((x) => out.push(x));
    d.push(bytes.subarray(0, bytes.length - 1));
    d.end();
    expect(out).toEqual(['x\ufffd']);
  });
});

describe('SseDecoder: line ends and stream ends', () => {
  const decode = (pieces: string[]) => {
    const out: string[] = [];
    const d = new SseDecoder((x) => out.push(x));
    for (const p of pieces) d.push(Buffer.from(p, 'utf8'));
    return { out, end: () => (d.end(), out) };
  };

  it('a lone CR ends a line, and CR CR ends an event, however the reads fall', () => {
    const text = 'data: {"n":1}\r\rdata:{"n":2}\r: ping\r\rdata: [DONE]\r\r';
    const want = ['{"n":1}', '{"n":2}', '[DONE]'];
    for (let cut = 1; cut < text.length; cut++) expect(decode([text.slice(0, cut), text.slice(cut)]).end()).toEqual(want);
  });

  it('mixed LF, CRLF and CR in one stream; a CRLF split between two reads is one line end, not two', () => {
    const { out } = decode(['data: a\r', '\ndata: b\r', '\n\r', '\ndata: c\n\r', '\r\n']);
    // a and b form one two-line event; the split CRLF did not insert an empty line between them.
    expect(out).toEqual(['a\nb', 'c']);
  });

  it('an event is delivered as soon as its blank line arrives, even when that line ends in a CR at the end of a read', () => {
    const { out } = decode(['data: {"k":1}\r', '\r']);
    expect(out).toEqual(['{"k":1}']);
  });

  it('[DONE] is delivered at once, before its blank line (the server may keep the connection open)', () => {
    expect(decode(['data: [DONE]\n']).out).toEqual(['[DONE]']);
    expect(decode(['data:[DONE]\r']).out).toEqual(['[DONE]']);
  });

  it('tolerant ends: a last line with no blank line after it, or ending in a bare CR, is still read at end()', () => {
    expect(decode(['data: {"last":1}\r']).end()).toEqual(['{"last":1}']);
    expect(decode(['data: {"last":2}\n']).end()).toEqual(['{"last":2}']);
    expect(decode(['data: {"last":3}']).end()).toEqual(['{"last":3}']);
  });
});
