// Reads a GGUF file's header, metadata and tensor infos (not the weights) without node-llama-cpp, so a
// hardware profile can name the model's size, quantization and context even on a lean install.
import { open, stat, type FileHandle } from 'node:fs/promises';

export class GgufFormatError extends Error {}

/** llama_ftype names (general.file_type), as in the quantized file names users know. */
const FILE_TYPES: Record<number, string> = {
  0: 'F32', 1: 'F16', 2: 'Q4_0', 3: 'Q4_1', 7: 'Q8_0', 8: 'Q5_0', 9: 'Q5_1', 10: 'Q2_K', 11: 'Q3_K_S', 12: 'Q3_K_M',
  13: 'Q3_K_L', 14: 'Q4_K_S', 15: 'Q4_K_M', 16: 'Q5_K_S', 17: 'Q5_K_M', 18: 'Q6_K', 19: 'IQ2_XXS', 20: 'IQ2_XS',
  21: 'Q2_K_S', 22: 'IQ3_XS', 23: 'IQ3_XXS', 24: 'IQ1_S', 25: 'IQ4_NL', 26: 'IQ3_S', 27: 'IQ3_M', 28: 'IQ2_S',
  29: 'IQ2_M', 30: 'IQ4_XS', 31: 'IQ1_M', 32: 'BF16', 36: 'TQ1_0', 37: 'TQ2_0', 38: 'MXFP4_MOE',
};

/** ggml_type names of tensors. */
const TENSOR_TYPES: Record<number, string> = {
  0: 'F32', 1: 'F16', 2: 'Q4_0', 3: 'Q4_1', 6: 'Q5_0', 7: 'Q5_1', 8: 'Q8_0', 9: 'Q8_1', 10: 'Q2_K', 11: 'Q3_K', 12: 'Q4_K',
  13: 'Q5_K', 14: 'Q6_K', 15: 'Q8_K', 16: 'IQ2_XXS', 17: 'IQ2_XS', 18: 'IQ3_XXS', 19: 'IQ1_S', 20: 'IQ4_NL', 21: 'IQ3_S',
  22: 'IQ2_S', 23: 'IQ4_XS', 24: 'I8', 25: 'I16', 26: 'I32', 27: 'I64', 28: 'F64', 29: 'IQ1_M', 30: 'BF16', 34: 'TQ1_0',
  35: 'TQ2_0', 39: 'MXFP4',
};

export type GgufScalar = number | bigint | string | boolean;
/** Arrays are summarised: their length, and their items only when short (tokens lists run to 150k strings). */
export type GgufMeta = GgufScalar | { arrayLength: number; items?: GgufScalar[] };

export interface GgufTensorInfo {
  name: string;
  dims: number[];
  type: string;
}

export interface GgufHeader {
  version: number;
  metadata: Map<string, GgufMeta>;
  tensors: GgufTensorInfo[];
}

const SHORT_ARRAY = 64;

/** Buffered sequential reader over a file handle. */
class Cursor {
  private buf = Buffer.alloc(0);
  private bufStart = 0;
  pos = 0;
  constructor(private readonly fh: FileHandle, private readonly size: number, private readonly path: string) {}

  private async ensure(n: number): Promise<void> {
    if (this.pos + n <= this.bufStart + this.buf.length) return;
    if (this.pos + n > this.size) throw new GgufFormatError(`${this.path}: not a complete GGUF file (ends at byte ${this.size} inside the header)`);
    const length = Math.max(n, 1 << 20);
    const next = Buffer.alloc(Math.min(length, this.size - this.pos));
    await this.fh.read(next, 0, next.length, this.pos);
    this.buf = next;
    this.bufStart = this.pos;
  }
  private async take(n: number): Promise<Buffer> {
    await this.ensure(n);
    const at = this.pos - this.bufStart;
    this.pos += n;
    return this.buf.subarray(at, at + n);
  }
  async u32(): Promise<number> {
    return (await this.take(4)).readUInt32LE(0);
  }
  async u64(): Promise<number> {
    const v = (await this.take(8)).readBigUInt64LE(0);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new GgufFormatError(`${this.path}: implausible length ${v} at byte ${this.pos - 8}`);
    return Number(v);
  }
  async str(): Promise<string> {
    const n = await this.u64();
    return (await this.take(n)).toString('utf8');
  }
  async value(type: number): Promise<GgufScalar> {
    switch (type) {
      case 0: return (await this.take(1)).readUInt8(0);
      case 1: return (await this.take(1)).readInt8(0);
      case 2: return (await this.take(2)).readUInt16LE(0);
      case 3: return (await this.take(2)).readInt16LE(0);
      case 4: return this.u32();
      case 5: return (await this.take(4)).readInt32LE(0);
      case 6: return (await this.take(4)).readFloatLE(0);
      case 7: return (await this.take(1)).readUInt8(0) !== 0;
      case 8: return this.str();
      case 10: return (await this.take(8)).readBigUInt64LE(0);
      case 11: return (await this.take(8)).readBigInt64LE(0);
      case 12: return (await this.take(8)).readDoubleLE(0);
      default: throw new GgufFormatError(`${this.path}: unknown metadata value type ${type} at byte ${this.pos}`);
    }
  }
}

/** Header, metadata and tensor infos of a GGUF file (versions 2 and 3). */
export async function readGgufHeader(path: string): Promise<GgufHeader> {
  const size = (await stat(path)).size;
  const fh = await open(path, 'r');
  try {
    const c = new Cursor(fh, size, path);
    if (size < 24) throw new GgufFormatError(`${path}: not a GGUF file (only ${size} bytes)`);
    const m = await c.u32();
    if (m !== 0x46554747) throw new GgufFormatError(`${path}: not a GGUF file (no "GGUF" magic at the start)`);
    const version = await c.u32();
    if (version < 2 || version > 3) throw new GgufFormatError(`${path}: GGUF version ${version} is not supported (expected 2 or 3)`);
    const tensorCount = await c.u64();
    const kvCount = await c.u64();
    const metadata = new Map<string, GgufMeta>();
    for (let i = 0; i < kvCount; i++) {
      const key = await c.str();
      const type = await c.u32();
      if (type !== 9) {
        metadata.set(key, await c.value(type));
        continue;
      }
      const itemType = await c.u32();
      const n = await c.u64();
      const items: GgufScalar[] = [];
      for (let j = 0; j < n; j++) {
        const v = await c.value(itemType);
        if (n <= SHORT_ARRAY) items.push(v);
      }
      metadata.set(key, n <= SHORT_ARRAY ? { arrayLength: n, items } : { arrayLength: n });
    }
    const tensors: GgufTensorInfo[] = [];
    for (let i = 0; i < tensorCount; i++) {
      const name = await c.str();
      const nDims = await c.u32();
      const dims: number[] = [];
      for (let d = 0; d < nDims; d++) dims.push(await c.u64());
      const type = await c.u32();
      await c.u64(); // offset into the data section: not needed for a profile
      tensors.push({ name, dims, type: TENSOR_TYPES[type] ?? `type${type}` });
    }
    return { version, metadata, tensors };
  } finally {
    await fh.close();
  }
}

export interface GgufProfile {
  path: string;
  fileSizeMb: number;
  ggufVersion: number;
  architecture: string | null;
  name: string | null;
  /** From general.file_type (e.g. Q4_K_M), else the type holding most weights. */
  quantization: string | null;
  /** Weights per tensor type, e.g. { Q4_K: 1_200_000_000, F32: 300_000 }. */
  weightsByType: Record<string, number>;
  parameterCount: number;
  contextLength: number | null;
  embeddingLength: number | null;
  blockCount: number | null;
  headCount: number | null;
  headCountKv: number | null;
  expertCount: number | null;
  vocabSize: number | null;
  tokenizer: string | null;
  hasChatTemplate: boolean;
}

const num = (v: GgufMeta | undefined): number | null => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null);
const text = (v: GgufMeta | undefined): string | null => (typeof v === 'string' ? v : null);

/** What a hardware profile needs to know about a model file, from its GGUF metadata. */
export async function ggufProfile(path: string): Promise<GgufProfile> {
  const { version, metadata: md, tensors } = await readGgufHeader(path);
  const arch = text(md.get('general.architecture'));
  const k = (suffix: string) => md.get(`${arch}.${suffix}`);
  const weightsByType: Record<string, number> = {};
  let parameterCount = 0;
  for (const t of tensors) {
    const n = t.dims.reduce((a, b) => a * b, 1);
    parameterCount += n;
    weightsByType[t.type] = (weightsByType[t.type] ?? 0) + n;
  }
  const fileType = num(md.get('general.file_type'));
  const dominant = Object.entries(weightsByType).sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const tokens = md.get('tokenizer.ggml.tokens');
  return {
    path,
    fileSizeMb: (await stat(path)).size / 2 ** 20,
    ggufVersion: version,
    architecture: arch,
    name: text(md.get('general.name')),
    quantization: fileType !== null ? (FILE_TYPES[fileType] ?? `file_type ${fileType}`) : dominant,
    weightsByType,
    parameterCount,
    contextLength: num(k('context_length')),
    embeddingLength: num(k('embedding_length')),
    blockCount: num(k('block_count')),
    headCount: num(k('attention.head_count')),
    headCountKv: num(k('attention.head_count_kv')),
    expertCount: num(k('expert_count')),
    vocabSize: typeof tokens === 'object' && tokens !== null && 'arrayLength' in tokens ? tokens.arrayLength : num(k('vocab_size')),
    tokenizer: text(md.get('tokenizer.ggml.model')),
    hasChatTemplate: typeof md.get('tokenizer.chat_template') === 'string',
  };
}
