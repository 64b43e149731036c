import { describe, expect, it } from 'vitest';
import { createLocalEndpoint, LocalEngineUnavailableError } from './index.ts';
import { loadEngineModules, parseLocalTarget, resolveModelPath, type Importer } from './engine-loader.ts';

const hasEngine = await import('node-llama-cpp').then(
  () => true,
  () => false,
);

/** Simulates a lean install (`npm ci --omit=optional`): node-llama-cpp cannot be found. */
const leanInstall: Importer = async (specifier) => {
  if (specifier === 'node-llama-cpp') throw Object.assign(new Error(`Cannot find package 'node-llama-cpp'`), { code: 'ERR_MODULE_NOT_FOUND' });
  return import(specifier);
};

describe('loading the optional engine', () => {
  it('without node-llama-cpp, a local: target fails with one line saying how to install it (simulated lean install)', async () => {
    const p = createLocalEndpoint('local:/models/r1-distill-qwen-1.5b.Q4_K_M.gguf', { importer: leanInstall });
    await expect(p).rejects.toBeInstanceOf(LocalEngineUnavailableError);
    const err = (await p.catch((e: Error) => e)) as Error;
    expect(err.message).not.toContain('\n');
    expect(err.message).toContain('npm install node-llama-cpp@3.21.1');
    expect(err.message).toContain('npm ci --omit=optional');
    expect(err.message).toMatch(/is not installed/);
  });

  it('a node-llama-cpp that fails to load (e.g. no binary for this platform) is named as such', async () => {
    const broken: Importer = async () => {
      throw new Error('No prebuilt binary for linux-s390x\n  at getLlama');
    };
    await expect(loadEngineModules(broken)).rejects.toThrow(/^local endpoints need node-llama-cpp, which failed to load \(No prebuilt binary for linux-s390x\): install/);
  });

  it('parses local targets', () => {
    expect(parseLocalTarget('local:/m/a.gguf')).toEqual({ kind: 'file', ref: '/m/a.gguf' });
    expect(parseLocalTarget('local:hf:someone/r1-distill-GGUF:Q4_K_M')).toEqual({ kind: 'hub', ref: 'hf:someone/r1-distill-GGUF:Q4_K_M' });
    expect(() => parseLocalTarget('local:')).toThrow(/expected local:PATH.gguf or local:hf:user\/repo:QUANT/);
  });

  it('a hub that never answers is cut off at the connect timeout', async () => {
    // A resolver that hangs until aborted, as a fetch to an unreachable host can.
    const hanging = { resolveModelFile: (_: string, o: { signal: AbortSignal }) => new Promise((_r, reject) => o.signal.addEventListener('abort', () => reject(o.signal.reason))) };
    const t0 = Date.now();
    await expect(resolveModelPath('local:hf:a/b:Q4_K_M', hanging, { connectTimeoutMs: 300 })).rejects.toThrow(/no answer for 300 ms/);
    expect(Date.now() - t0).toBeLessThan(2000);
  });
  it('names a missing model file', async () => {
    await expect(resolveModelPath('local:/nonexistent/model.gguf', {})).rejects.toThrow(/^local model file not found: \/nonexistent\/model.gguf$/);
  });
});

describe.skipIf(!hasEngine)('hub models (hf: URIs) with no network', () => {
  it('fail fast with one line that says what to do; the wait is bounded', async () => {
    const { nlc } = await loadEngineModules();
    const t0 = Date.now();
    const err = await resolveModelPath('local:hf:someone/r1-distill-tiny-GGUF:Q4_K_M', nlc, { directory: '/tmp/r1b-no-download', connectTimeoutMs: 5000 }).catch(
      (e: Error) => e,
    );
    expect(Date.now() - t0).toBeLessThan(8000);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/^cannot fetch model "hf:someone\/r1-distill-tiny-GGUF:Q4_K_M" from the hub \(no network\?\): .*use local:PATH.gguf$/);
    expect((err as Error).message).not.toContain('\n');
  });

});

if (!hasEngine) console.warn('runners/local: node-llama-cpp is not installed; hub tests are skipped');
