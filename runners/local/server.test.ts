// The served engine, checked by the same client as any OpenAI-compatible server, and under load.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationRequest, GenerationResult } from '../endpoint.ts';
import { createHttpEndpoint } from '../http-client.ts';
import { SseDecoder } from '../sse.ts';
import { createLocalEndpoint, startLocalServer, type LocalServer } from './index.ts';
import { makeTinyGguf, type TinyModel } from './testing/make-tiny-gguf.ts';

const hasEngine = await import('node-llama-cpp').then(
  () => true,
  () => false,
);
if (!hasEngine) console.warn('runners/local: node-llama-cpp is not installed; local server tests are skipped');

const limits = { idleTimeoutMs: 10_000, totalTimeoutMs: 60_000 };
const ask = (content: string, extra: Partial<GenerationRequest> = {}): GenerationRequest => ({
  model: 'tiny.gguf',
  messages: [{ role: 'user', content }],
  temperature: 0.6,
  topP: 0.95,
  maxTokens: 48,
  ...extra,
});
const post = (url: string, body: unknown) => fetch(`${url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** The most requests whose token streams overlapped in time. */
function maxOverlap(results: GenerationResult[]): number {
  const events = results.flatMap((r) => [
    [r.timing.sentAt + r.timing.firstTokenMs!, 1],
    [r.timing.sentAt + r.timing.endMs, -1],
  ]);
  events.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
  let now = 0;
  let most = 0;
  for (const [, d] of events) most = Math.max(most, (now += d!));
  return most;
}

describe.skipIf(!hasEngine)('r1bench serve on a tiny GGUF', () => {
  let dir: string;
  let model: TinyModel;
  let server: LocalServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'r1b-serve-'));
    model = makeTinyGguf(join(dir, 'tiny.gguf'));
    server = await startLocalServer({ model: model.path, threads: 1, gpu: false, parallel: 1 });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers /health and /v1/models', async () => {
    expect(await (await fetch(server.url.replace(/\/v1$/, '/health'))).json()).toEqual({ status: 'ok' });
    const models = await (await fetch(`${server.url}/models`)).json();
    expect(models.data.map((m: any) => m.id)).toEqual(['tiny.gguf']);
    expect((await fetch(`${server.url}/nothing`)).status).toBe(404);
  });

  it("streams what r1bench's HTTP client reads into the same record as the in-process endpoint", async () => {
    const http = createHttpEndpoint(server.url);
    try {
      const req = ask('what is two plus two', { seed: 5 });
      const viaHttp = await http.generate(req, limits);
      const inProcess = await server.endpoint.generate(req, limits);
      // Same engine, same seed: the same tokens, whichever way they travel.
      expect({ r: viaHttp.reasoning, a: viaHttp.answer, f: viaHttp.finishReason, u: viaHttp.usage }).toEqual({
        r: inProcess.reasoning,
        a: inProcess.answer,
        f: inProcess.finishReason,
        u: inProcess.usage,
      });
      expect(viaHttp.serverTimings!.promptTokens).toBe(viaHttp.usage!.promptTokens);
      expect(viaHttp.serverTimings!.predictedTokens).toBe(viaHttp.usage!.completionTokens - 1);
      expect(viaHttp.timing.firstTokenMs).toBeGreaterThan(0);
    } finally {
      await http.close?.();
    }
  });

  it('puts reasoning_content and content deltas, timings and the usage chunk on the wire', async () => {
    const res = await post(server.url, { model: 'tiny.gguf', messages: [{ role: 'user', content: 'hello' }], stream: true, stream_options: { include_usage: true }, max_tokens: 30, seed: 2 });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const events: string[] = [];
    const decoder = new SseDecoder((d) => events.push(d));
    decoder.push(Buffer.from(await res.arrayBuffer()));
    decoder.end();
    expect(events.at(-1)).toBe('[DONE]');
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e));
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: null });
    const finish = chunks.find((c) => c.choices[0]?.finish_reason);
    expect(['stop', 'length']).toContain(finish.choices[0].finish_reason);
    expect(Object.keys(finish.timings)).toEqual(expect.arrayContaining(['prompt_n', 'prompt_ms', 'predicted_n', 'predicted_ms', 'predicted_per_second']));
    const usage = chunks.at(-1);
    expect(usage.choices).toEqual([]);
    const deltas = chunks.slice(1).filter((c) => c.choices[0]?.delta && !c.choices[0].finish_reason).map((c) => c.choices[0].delta);
    expect(deltas.every((d) => Object.keys(d).length === 1 && (typeof d.reasoning_content === 'string' || typeof d.content === 'string'))).toBe(true);
    // Reasoning comes first and never follows the answer.
    const firstContent = deltas.findIndex((d) => d.content);
    if (firstContent >= 0) expect(deltas.slice(firstContent).some((d) => d.reasoning_content)).toBe(false);
    expect(usage.usage.completion_tokens).toBe(finish.timings.predicted_n + 1);
  });

  it('answers without streaming too, with usage and timings', async () => {
    const body = await (await post(server.url, { messages: [{ role: 'user', content: 'hello' }], max_tokens: 30, seed: 2 })).json();
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0].message.role).toBe('assistant');
    expect(typeof body.choices[0].message.content).toBe('string');
    expect(body.usage.completion_tokens).toBe(body.timings.predicted_n + 1);
    // The streamed request above used the same seed and prompt: same text either way.
    const streamed = await createHttpEndpoint(server.url).generate(ask('hello', { seed: 2, maxTokens: 30 }), limits);
    expect(body.choices[0].message.reasoning_content ?? null).toBe(streamed.reasoning);
  });

  it('rejects bad requests with a 400 and a message', async () => {
    const bad = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: '{nope' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toBe('request body is not valid JSON');
    const noMessages = await post(server.url, { model: 'x' });
    expect(noMessages.status).toBe(400);
    expect((await noMessages.json()).error.message).toMatch(/"messages" must be a non-empty array/);
    const tooLong = await post(server.url, { messages: [{ role: 'user', content: 'so '.repeat(5000) }] });
    expect(tooLong.status).toBe(400);
  });

  it('a client that hangs up stops its generation and frees the engine for the next request', async () => {
    const body = { messages: [{ role: 'user', content: 'go' }], stream: true, max_tokens: 1500, ignore_eos: true };
    const full = Date.now();
    await (await post(server.url, body)).arrayBuffer();
    const fullMs = Date.now() - full;
    const ac = new AbortController();
    const res = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: JSON.stringify(body), signal: ac.signal });
    await res.body!.getReader().read();
    ac.abort();
    const t0 = Date.now();
    const next = await createHttpEndpoint(server.url).generate(ask('next', { maxTokens: 5 }), limits);
    expect(next.usage!.completionTokens).toBeGreaterThan(0);
    // Had the 1500 tokens run on, the next request would have waited for most of them.
    expect(Date.now() - t0).toBeLessThan(fullMs / 2);
  });
});

describe.skipIf(!hasEngine)('load: parallel sequences in one context', () => {
  let dir: string;
  let model: TinyModel;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'r1b-load-'));
    model = makeTinyGguf(join(dir, 'tiny.gguf'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves 24 concurrent requests with 3 sequences, in process and over HTTP', async () => {
    const server = await startLocalServer({ model: `local:${model.path}`, threads: 1, gpu: false, parallel: 3 });
    const http = createHttpEndpoint(server.url);
    try {
      expect(server.endpoint.engine.parallel).toBe(3);
      const reqs = Array.from({ length: 24 }, (_, i) => ask(`question ${i}`, { seed: i, maxTokens: 40 }));
      const t0 = Date.now();
      const local = await Promise.all(reqs.slice(0, 12).map((r) => server.endpoint.generate(r, limits)));
      const remote = await Promise.all(reqs.slice(12).map((r) => http.generate(r, limits)));
      const wallMs = Date.now() - t0;
      for (const r of [...local, ...remote]) {
        expect(['stop', 'length']).toContain(r.finishReason);
        // With several sequences per context, each sequence's own clock times it.
        expect(r.serverTimings!.predictedTokens).toBe(r.usage!.completionTokens - 1);
        expect(r.serverTimings!.promptTokens).toBe(r.usage!.promptTokens);
      }
      // Sequences really ran side by side, and never more than the context holds.
      expect(maxOverlap(local)).toBeGreaterThanOrEqual(2);
      expect(maxOverlap(local)).toBeLessThanOrEqual(3);
      const tokens = [...local, ...remote].reduce((n, r) => n + r.usage!.completionTokens, 0);
      expect(tokens / (wallMs / 1000)).toBeGreaterThan(10);
    } finally {
      await http.close?.();
      await server.close();
    }
  });
});
