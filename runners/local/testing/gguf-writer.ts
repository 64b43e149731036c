// A GGUF v3 writer (ggml docs/gguf.md): header, typed metadata, tensor infos, aligned tensor data.
// Enough to make test models that llama.cpp loads; values are written little-endian as the format requires.
import { closeSync, openSync, writeSync } from 'node:fs';

export const GGUF_ALIGNMENT = 32;

/** GGUF metadata value types (gguf_type). */
const T = { u8: 0, i8: 1, u16: 2, i16: 3, u32: 4, i32: 5, f32: 6, bool: 7, str: 8, arr: 9, u64: 10, i64: 11, f64: 12 } as const;
type Scalar = 'u32' | 'i32' | 'f32' | 'bool' | 'str' | 'u64';

export type GgufValue =
  | { type: 'u32' | 'i32' | 'f32' | 'u64'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'str'; value: string }
  | { type: 'arr'; of: Scalar; value: (string | number | boolean)[] };

export interface GgufTensor {
  name: string;
  /** ggml order: dims[0] is the innermost (row length), e.g. a [n_embd, n_vocab] embedding. */
  dims: number[];
  data: Float32Array;
}

/** ggml tensor types we write. */
export const GGML_TYPE_F32 = 0;

class ByteSink {
  private parts: Buffer[] = [];
  length = 0;
  push(b: Buffer): void {
    this.parts.push(b);
    this.length += b.length;
  }
  u32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v);
    this.push(b);
  }
  i32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeInt32LE(v);
    this.push(b);
  }
  u64(v: number): void {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(v));
    this.push(b);
  }
  f32(v: number): void {
    const b = Buffer.alloc(4);
    b.writeFloatLE(v);
    this.push(b);
  }
  str(s: string): void {
    const bytes = Buffer.from(s, 'utf8');
    this.u64(bytes.length);
    this.push(bytes);
  }
  scalar(type: Scalar, v: string | number | boolean): void {
    if (type === 'str') this.str(String(v));
    else if (type === 'bool') this.push(Buffer.from([v ? 1 : 0]));
    else if (type === 'u32') this.u32(Number(v));
    else if (type === 'i32') this.i32(Number(v));
    else if (type === 'u64') this.u64(Number(v));
    else this.f32(Number(v));
  }
  pad(to: number): void {
    const rest = this.length % to;
    if (rest) this.push(Buffer.alloc(to - rest));
  }
  concat(): Buffer {
    return Buffer.concat(this.parts);
  }
}

function padded(n: number): number {
  return Math.ceil(n / GGUF_ALIGNMENT) * GGUF_ALIGNMENT;
}

/** Writes a GGUF v3 file with F32 tensors; returns its size in bytes. */
export function writeGguf(path: string, metadata: [string, GgufValue][], tensors: GgufTensor[]): number {
  const head = new ByteSink();
  head.push(Buffer.from('GGUF', 'ascii'));
  head.u32(3);
  head.u64(tensors.length);
  head.u64(metadata.length);
  for (const [key, v] of metadata) {
    head.str(key);
    head.u32(T[v.type]);
    if (v.type === 'arr') {
      head.u32(T[v.of]);
      head.u64(v.value.length);
      for (const item of v.value) head.scalar(v.of, item);
    } else head.scalar(v.type, v.value);
  }
  // Offsets are relative to the start of the data section; each tensor starts on the alignment.
  let offset = 0;
  for (const t of tensors) {
    const count = t.dims.reduce((a, b) => a * b, 1);
    if (count !== t.data.length) throw new Error(`tensor ${t.name}: dims ${t.dims.join('x')} hold ${count} values, data has ${t.data.length}`);
    head.str(t.name);
    head.u32(t.dims.length);
    for (const d of t.dims) head.u64(d);
    head.u32(GGML_TYPE_F32);
    head.u64(offset);
    offset += padded(t.data.byteLength);
  }
  head.pad(GGUF_ALIGNMENT);
  const fd = openSync(path, 'w');
  try {
    let size = writeSync(fd, head.concat());
    for (const t of tensors) {
      // Float32Array bytes are the host's order: little-endian on every platform llama.cpp prebuilds for.
      size += writeSync(fd, Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
      const gap = padded(t.data.byteLength) - t.data.byteLength;
      if (gap) size += writeSync(fd, Buffer.alloc(gap));
    }
    return size;
  } finally {
    closeSync(fd);
  }
}
