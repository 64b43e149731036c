import { describe, expect, it } from 'vitest';
import { SseDecoder } from './sse.ts';

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
