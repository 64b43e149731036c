// Reads a JSONL file of any size as a stream of lines, each with its byte offset and length, so that one
// line can be read again later without holding the file (or the line) in memory meanwhile.
import { createHash } from 'node:crypto';
import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import { DatasetError } from '../table.ts';

export interface Line {
  /** 1-based line number. */
  line: number;
  /** Byte offset of the line's first byte, and its length without the newline. */
  offset: number;
  bytes: number;
  text: string;
}

/** Larger than any one problem of the published files; a longer line is refused rather than read. */
export const MAX_LINE_BYTES = 256 << 20;

/**
 * Yields the non-blank lines of `file`; `onEnd` gets the sha256 of all its bytes once the stream is done.
 * Chunks are `chunkBytes` long; a line longer than a chunk is joined from its pieces.
 */
export async function* readLines(file: string, onEnd: (sha256: string) => void, chunkBytes = 1 << 20): AsyncGenerator<Line> {
  const hash = createHash('sha256');
  const stream = createReadStream(file, { highWaterMark: chunkBytes });
  let pieces: Buffer[] = [];
  let pending = 0;
  let lineStart = 0;
  let position = 0;
  let lineNo = 0;
  const finish = (end: Buffer, endAt: number): Line | null => {
    lineNo++;
    const buf = pieces.length ? Buffer.concat([...pieces, end]) : end;
    pieces = [];
    pending = 0;
    const start = lineStart;
    lineStart = endAt + 1;
    let text = buf.toString('utf8');
    if (text.endsWith('\r')) text = text.slice(0, -1);
    return text.trim() ? { line: lineNo, offset: start, bytes: buf.length, text } : null;
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      let from = 0;
      for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, from)) {
        const l = finish(chunk.subarray(from, nl), position + nl);
        from = nl + 1;
        if (l) yield l;
      }
      if (from < chunk.length) {
        pieces.push(chunk.subarray(from));
        pending += chunk.length - from;
        if (pending > MAX_LINE_BYTES) throw new DatasetError(file, lineNo + 1, `line longer than ${MAX_LINE_BYTES >> 20} MiB`);
      }
      position += chunk.length;
    }
    if (pending > 0) {
      const l = finish(Buffer.alloc(0), position);
      if (l) yield l;
    }
  } catch (e) {
    if (e instanceof DatasetError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new DatasetError(file, null, code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? (e as Error).message})`);
  } finally {
    stream.destroy();
  }
  onEnd(hash.digest('hex'));
}

/** The text of `bytes` bytes at `offset`: one line found earlier by readLines. */
export function readSpan(file: string, offset: number, bytes: number): string {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    throw new DatasetError(file, null, `cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  try {
    const buf = Buffer.alloc(bytes);
    let n = 0;
    while (n < bytes) {
      const r = readSync(fd, buf, n, bytes - n, offset + n);
      if (r === 0) throw new DatasetError(file, null, `ends before byte ${offset + bytes}: the file changed since it was loaded`);
      n += r;
    }
    return buf.toString('utf8');
  } finally {
    closeSync(fd);
  }
}
