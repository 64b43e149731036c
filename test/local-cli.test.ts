// `r1bench run --endpoint local:PATH.gguf` end to end through the CLI, on a tiny random GGUF made here.
// Random weights give random text: assert on structure and measurements, not on answers.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTinyGguf } from '../runners/local/testing/make-tiny-gguf.ts';
import { runCli } from './support/cli.ts';

const hasEngine = await import('node-llama-cpp').then(
  () => true,
  () => false,
);
if (!hasEngine) console.warn('test/local-cli: node-llama-cpp is not installed (npm ci --omit=optional); skipped');

const dir = mkdtempSync(join(tmpdir(), 'r1b-local-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!hasEngine)('local GGUF target through the CLI', () => {
  it('runs a suite, scores it and records engine timings and the GGUF profile', async () => {
    const model = join(dir, 'tiny.gguf');
    makeTinyGguf(model);
    const out = join(dir, 'run');
    const res = await runCli(['run', '--suite', 'aime-sample', '--limit', '3', '--samples', '2', '--endpoint', `local:${model}`, '--model', 'tiny', '--threads', '1', '--max-tokens', '48', '--out', out, '--no-report']);
    expect(res.code, res.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results.suites[0]).toMatchObject({ id: 'aime-sample', items: 3, samplesPerItem: 2, errors: 0 });
    expect(results.performance.requests).toBe(6);
    expect(results.performance.ttftMs.p50).toBeGreaterThan(0);
    const engine = results.hardware.engines[0];
    expect(engine.gguf.architecture).toBe('llama');
    expect(engine.gguf.parameterCount).toBeGreaterThan(0);
    expect(engine.memory.modelFileMb).toBeGreaterThan(0);
    expect(engine.engine.threads).toBe(1);
    // The local engine never runs more sequences than it has: the pool honours maxConcurrency.
    expect(engine.engine.parallel).toBe(1);
  }, 120_000);

  it('a missing model file is a one-line error', async () => {
    const res = await runCli(['run', '--suite', 'aime-sample', '--limit', '1', '--endpoint', `local:${join(dir, 'nope.gguf')}`, '--model', 'x', '--out', join(dir, 'r2')]);
    expect(res.code).toBe(2);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(res.stderr).toContain('nope.gguf');
  }, 60_000);
});
