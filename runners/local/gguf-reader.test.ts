import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ggufProfile, readGgufHeader } from './gguf-reader.ts';
import { makeTinyGguf } from './testing/make-tiny-gguf.ts';
import { writeGguf } from './testing/gguf-writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'r1b-gguf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ggufProfile', () => {
  it('reads size, architecture, quantization, parameters and context from a GGUF we wrote', async () => {
    const m = makeTinyGguf(join(dir, 'tiny.gguf'), { embeddingLength: 32, blockCount: 3, feedForwardLength: 48, contextLength: 2048 });
    const p = await ggufProfile(m.path);
    expect(p).toMatchObject({
      ggufVersion: 3,
      architecture: 'llama',
      quantization: 'F32',
      parameterCount: m.parameterCount,
      contextLength: 2048,
      embeddingLength: 32,
      blockCount: 3,
      headCount: 4,
      headCountKv: 2,
      vocabSize: m.vocab.length,
      tokenizer: 'llama',
      hasChatTemplate: true,
      weightsByType: { F32: m.parameterCount },
    });
    expect(p.fileSizeMb * 2 ** 20).toBe(m.fileSizeBytes);
    // 2 matrices of vocab x 32, norms, and per block q/o (32x32), k/v (32x16), 3 FFN (32x48), 2 norms.
    expect(m.parameterCount).toBe(2 * m.vocab.length * 32 + 32 + 3 * (2 * 32 * 32 + 2 * 32 * 16 + 3 * 32 * 48 + 2 * 32));
  });

  it('agrees with node-llama-cpp reading the same file (an independent reader), when it is installed', async (ctx) => {
    const nlc: any = await import('node-llama-cpp').catch(() => null);
    if (!nlc) return ctx.skip('node-llama-cpp is not installed (lean install): nothing to compare with');
    const m = makeTinyGguf(join(dir, 'cmp.gguf'));
    const info = await nlc.readGgufFileInfo(m.path, { readTensorInfo: true });
    const ours = await readGgufHeader(m.path);
    expect(info.metadata.general.architecture).toBe('llama');
    expect(info.metadata.llama.context_length).toBe(4096);
    expect(info.metadata.tokenizer.ggml.tokens).toEqual(m.vocab);
    expect(info.tensorInfo.map((t: any) => t.name)).toEqual(ours.tensors.map((t) => t.name));
    expect(info.tensorInfo.map((t: any) => t.dimensions.map(Number))).toEqual(ours.tensors.map((t) => t.dims));
  });

  it('names the quantization from general.file_type, and arrays by their length', async () => {
    const path = join(dir, 'q.gguf');
    writeGguf(
      path,
      [
        ['general.architecture', { type: 'str', value: 'qwen2' }],
        ['general.file_type', { type: 'u32', value: 15 }],
        ['qwen2.context_length', { type: 'u32', value: 131072 }],
        ['tokenizer.ggml.tokens', { type: 'arr', of: 'str', value: Array.from({ length: 100 }, (_, i) => `t${i}`) }],
      ],
      [{ name: 'w', dims: [4, 2], data: new Float32Array(8) }],
    );
    expect(await ggufProfile(path)).toMatchObject({ architecture: 'qwen2', quantization: 'Q4_K_M', contextLength: 131072, vocabSize: 100, parameterCount: 8, hasChatTemplate: false });
    expect((await readGgufHeader(path)).metadata.get('tokenizer.ggml.tokens')).toEqual({ arrayLength: 100 });
  });

  it('rejects files that are not GGUF, or cut short, with one line naming the file', async () => {
    const notGguf = join(dir, 'model.bin');
    writeFileSync(notGguf, Buffer.alloc(64, 7));
    await expect(ggufProfile(notGguf)).rejects.toThrow(new RegExp(`^${notGguf}: not a GGUF file \\(no "GGUF" magic`));
    const m = makeTinyGguf(join(dir, 'whole.gguf'));
    const cut = join(dir, 'cut.gguf');
    writeFileSync(cut, (await import('node:fs')).readFileSync(m.path).subarray(0, 3000));
    await expect(ggufProfile(cut)).rejects.toThrow(/cut.gguf: not a complete GGUF file/);
  });
});
