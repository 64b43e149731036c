// The real engine (node-llama-cpp) on a tiny random GGUF made here: structure and measurements, not answers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Completion, LoadedSuite } from '../../types.ts';
import { GenerationError, type GenerationRequest } from '../endpoint.ts';
import { EndpointPool } from '../endpoint-pool.ts';
import { executeRun } from '../execute.ts';
import { runLoop } from '../run.ts';
import { RunStore } from '../store.ts';
import { createLocalEndpoint, type LocalEndpoint } from './index.ts';
import { makeTinyGguf, type TinyModel } from './testing/make-tiny-gguf.ts';

const hasEngine = await import('node-llama-cpp').then(
  () => true,
  () => false,
);
if (!hasEngine) console.warn('runners/local: node-llama-cpp is not installed; local engine tests are skipped');

const limits = { idleTimeoutMs: 10_000, totalTimeoutMs: 30_000 };
const ask = (content: string, extra: Partial<GenerationRequest> = {}): GenerationRequest => ({
  model: 'tiny',
  messages: [{ role: 'user', content }],
  temperature: 0.6,
  topP: 0.95,
  maxTokens: 64,
  ...extra,
});
const suite: LoadedSuite = {
  id: 'tiny-math',
  version: 1,
  scorer: 'math',
  samples: 2,
  contentHash: 'test',
  source: 'test',
  items: ['one plus one', 'two times three', 'square root of nine'].map((q, i) => ({
    id: `q${i}`,
    prompt: [{ role: 'user' as const, content: `What is ${q}? Please reason step by step.` }],
    reference: { kind: 'math' as const, answer: '2' },
  })),
};

/** Checks one record has the shape every completion has, whatever made it. */
function expectWellFormed(c: { reasoning: string | null; answer: string | null; finishReason: string | null; usage?: any; timing: any; serverTimings?: any }) {
  expect(['stop', 'length']).toContain(c.finishReason);
  expect(c.usage.completionTokens).toBeGreaterThanOrEqual(1);
  expect(c.usage.reasoningTokens).toBeLessThanOrEqual(c.usage.completionTokens);
  expect(c.timing.sentAt).toBeGreaterThan(Date.now() - 600_000);
  expect(c.timing.endMs).toBeGreaterThanOrEqual(c.timing.firstTokenMs ?? 0);
  if (c.answer !== null) expect(c.timing.firstAnswerTokenMs).toBeGreaterThanOrEqual(c.timing.firstTokenMs);
  expect(c.serverTimings.promptTokens).toBe(c.usage.promptTokens);
  // The prompt pass yields the first token; every later one is one engine decode.
  expect(c.serverTimings.predictedTokens).toBe(c.usage.completionTokens - 1);
  expect(c.serverTimings.promptMs).toBeGreaterThan(0);
  expect(c.serverTimings.promptMs).toBeLessThanOrEqual(c.timing.firstTokenMs);
}

describe.skipIf(!hasEngine)('local endpoint on a tiny GGUF (one sequence: llama.cpp perf counters)', () => {
  let dir: string;
  let model: TinyModel;
  let ep: LocalEndpoint;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'r1b-local-'));
    model = makeTinyGguf(join(dir, 'tiny.gguf'));
    ep = await createLocalEndpoint(`local:${model.path}`, { threads: 1, gpu: false, rssIntervalMs: 50 });
  });
  afterAll(async () => {
    await ep?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs a suite end to end through runLoop into the store, with the same record shape as HTTP', async () => {
    const store = RunStore.open(join(dir, 'run1'));
    try {
      const pool = new EndpointPool([ep], { perEndpointConcurrency: Infinity, failuresToEject: 3, cooldownMs: 1000, maxCooldownMs: 1000 });
      const opts = { runId: 'r', model: 'tiny', sampling: { temperature: 0.6, topP: 0.95, maxTokens: 48, seed: 7 }, concurrency: 2, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, ...limits };
      const res = await runLoop([{ suite, samples: 2 }], store, pool, opts);
      expect(res).toMatchObject({ completed: 6, errors: 0, total: 6 });
      const rows: Completion[] = [...store.completions('tiny-math')];
      expect(rows).toHaveLength(6);
      for (const c of rows) {
        expect(c.endpoint).toBe(`local:${model.path}`);
        expectWellFormed(c);
        const item = suite.items.find((i) => i.id === c.itemId)!;
        expect(c.usage!.promptTokens).toBe(ep.engine.tokenizePrompt(ep.engine.renderPrompt(item.prompt)).length);
      }
      // The template opens <think>: text before </think> is reasoning, never answer.
      expect(rows.some((c) => c.reasoning)).toBe(true);
      expect(rows.every((c) => !c.answer?.startsWith('<think>'))).toBe(true);
    } finally {
      store.close();
    }
  });

  it('renders the GGUF chat template, which opens the think block', () => {
    expect(ep.engine.renderPrompt([{ role: 'user', content: 'hi' }])).toBe('<s><|user|>hi<|assistant|><think>\n');
    const tokens = ep.engine.tokenizePrompt('<s><|user|>hi<|assistant|><think>\n');
    expect(tokens[0]).toBe(1); // one BOS, from the template
    expect(tokens.filter((t) => t === 1)).toHaveLength(1);
    expect(tokens.slice(-2)[0]).toBe(5); // <think> is one token
  });

  it('the same seed gives the same completion; another seed another one', async () => {
    const a = await ep.generate(ask('add two and two', { seed: 11 }), limits);
    const b = await ep.generate(ask('add two and two', { seed: 11 }), limits);
    const texts = new Set<string>();
    for (const seed of [1, 2, 3, 4]) {
      const r = await ep.generate(ask('add two and two', { seed }), limits);
      texts.add(`${r.reasoning}|${r.answer}`);
    }
    expect([b.reasoning, b.answer, b.usage]).toEqual([a.reasoning, a.answer, a.usage]);
    expect(texts.size).toBeGreaterThan(1);
  });

  it('stops at max tokens with finish reason length; engine and harness count the same tokens', async () => {
    const r = await ep.generate(ask('count', { maxTokens: 9, seed: 3, extraBody: { ignore_eos: true } }), limits);
    expect(r.finishReason).toBe('length');
    expect(r.usage!.completionTokens).toBe(9);
    expectWellFormed(r);
    // llama.cpp's decode time fits inside the harness's first-to-last token span.
    expect(r.serverTimings!.predictedMs!).toBeLessThanOrEqual(r.timing.endMs - r.timing.firstTokenMs! + 0.01);
    expect(r.serverTimings!.predictedPerSecond).toBeCloseTo((8 / r.serverTimings!.predictedMs!) * 1000, 0);
  });

  it('stops on end-of-sequence with finish reason stop in most samples', async () => {
    const finishes = [];
    for (let seed = 0; seed < 12; seed++) finishes.push((await ep.generate(ask('why', { seed, maxTokens: 200 }), limits)).finishReason);
    expect(finishes.filter((f) => f === 'stop').length).toBeGreaterThan(6);
  });

  it('maps timeouts and aborts to the harness failure kinds', async () => {
    const long = ask('go on', { maxTokens: 3000, extraBody: { ignore_eos: true } });
    await expect(ep.generate(long, { idleTimeoutMs: 10_000, totalTimeoutMs: 30 })).rejects.toMatchObject({ kind: 'timeout', retryable: true });
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 20);
    await expect(ep.generate(long, { ...limits, signal: ac.signal })).rejects.toMatchObject({ kind: 'aborted', retryable: false });
    // The engine is free again afterwards, and the abandoned decodes do not leak into the next request's counters.
    const next = await ep.generate(ask('again', { maxTokens: 4, extraBody: { ignore_eos: true } }), limits);
    expect(next.usage!.completionTokens).toBe(4);
    expectWellFormed(next);
  });

  it('a prompt longer than the context is a non-retryable 400, which stops a run', async () => {
    const small = await createLocalEndpoint(`local:${model.path}`, { threads: 1, gpu: false, contextSize: 256 });
    try {
      const err = await small.generate(ask('so '.repeat(400)), limits).catch((e) => e);
      expect(err).toBeInstanceOf(GenerationError);
      expect(err).toMatchObject({ status: 400, retryable: false });
      expect(err.message).toMatch(/^prompt of \d+ tokens does not fit the context of 256 tokens/);
    } finally {
      await small.close();
    }
  });

  it('profiles the model from its GGUF and samples resident memory over time', async () => {
    await new Promise((r) => setTimeout(r, 120));
    const p = await ep.profile();
    expect(p.gguf).toMatchObject({ architecture: 'llama', quantization: 'F32', parameterCount: model.parameterCount, contextLength: 4096 });
    expect(p.engine).toMatchObject({ threads: 1, parallel: 1, contextSize: 4096, gpu: false, nodeLlamaCppVersion: '3.21.1' });
    const s = p.memory.rssSamples;
    expect(s.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < s.length; i++) expect(s[i]!.at).toBeGreaterThanOrEqual(s[i - 1]!.at);
    for (const x of s) expect(x.rssMb).toBeGreaterThan(20); // Node alone is more than that
    expect(p.memory.peakRssMb).toBeGreaterThanOrEqual(Math.max(...s.map((x) => x.rssMb)));
    expect(p.memory.peakRssMb).toBeLessThan(24 * 1024);
    expect(p.memory.modelFileMb).toBeCloseTo(model.fileSizeBytes / 2 ** 20, 6);
  });

  it('plugs into executeRun as the endpoint factory, and a second invocation resumes', async () => {
    const out = join(dir, 'run2');
    const opts = {
      model: 'tiny',
      endpoints: [`local:${model.path}`],
      sampling: { temperature: 0.6, topP: 0.95, maxTokens: 24, seed: 1 },
      suites: [{ spec: 'aime-sample', limit: 2, samples: 1 }],
      out,
      concurrency: 2,
      maxAttempts: 1,
      ...limits,
      endpointFactory: (t: string) => createLocalEndpoint(t, { threads: 1, gpu: false }),
    };
    const first = await executeRun(opts);
    expect(first.loop).toMatchObject({ completed: 2, errors: 0 });
    const again = await executeRun(opts);
    expect(again.resumed).toBe(true);
    expect(again.loop).toMatchObject({ completed: 0, alreadyStored: 2 });
  });
});
