import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { GenerationError, type GenerationResult } from './endpoint.ts';
import { createHttpEndpoint, parseBaseUrl } from './http-client.ts';
import { sse, startScriptedServer, type Step } from './testing/scripted-server.ts';

const req = { model: 'r1', messages: [{ role: 'user' as const, content: 'What is 2+2?' }], temperature: 0.6, topP: 0.95, maxTokens: 100 };
const opts = { idleTimeoutMs: 2000, totalTimeoutMs: 10_000 };
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((c) => c()));
  closers = [];
});

async function generateWith(steps: Step[] | ((n: number) => Step[]), o = opts): Promise<{ result: GenerationResult; received: any[] }> {
  const server = await startScriptedServer(typeof steps === 'function' ? steps : () => steps);
  closers.push(server.close);
  const ep = createHttpEndpoint(server.url, { apiKey: 'sk-test-secret' });
  closers.push(() => ep.close!());
  const result = await ep.generate(req, o);
  return { result, received: server.received };
}

const role = sse.chunk({ role: 'assistant', content: '' });

describe('http client: reasoning formats', () => {
  it('DeepSeek API / llama.cpp: reasoning_content beside content (null while reasoning)', async () => {
    const { result, received } = await generateWith([
      { write: role },
      { write: sse.chunk({ reasoning_content: 'Let me think', content: null }), delayMs: 30 },
      { write: sse.chunk({ reasoning_content: ' \\boxed{5} no', content: null }) },
      { write: sse.chunk({ content: 'The answer is \\boxed{4}.' }), delayMs: 30 },
      { write: sse.chunk({}, 'stop') },
      { write: sse.usage(12, 9, 5) },
      { write: sse.done },
    ]);
    expect(result.reasoning).toBe('Let me think \\boxed{5} no');
    expect(result.answer).toBe('The answer is \\boxed{4}.');
    expect(result.finishReason).toBe('stop');
    expect(result.usage).toEqual({ promptTokens: 12, completionTokens: 9, reasoningTokens: 5 });
    // The role-only chunk is not a token: the first token is the reasoning chunk sent ~30 ms later.
    expect(result.timing.firstTokenMs!).toBeGreaterThanOrEqual(25);
    expect(result.timing.firstAnswerTokenMs! - result.timing.firstTokenMs!).toBeGreaterThanOrEqual(25);
    expect(result.timing.chunkGapsMs).toHaveLength(2);
    const body = received[0]!.body;
    expect(body).toMatchObject({ model: 'r1', temperature: 0.6, top_p: 0.95, max_tokens: 100, stream: true, stream_options: { include_usage: true } });
    expect(received[0]!.headers.authorization).toBe('Bearer sk-test-secret');
    expect(received[0]!.url).toBe('/v1/chat/completions');
  });

  it('vLLM: the renamed `reasoning` field', async () => {
    const { result } = await generateWith([{ write: role }, { write: sse.chunk({ reasoning: 'hmm' }) }, { write: sse.chunk({ content: 'Answer: B' }, 'stop') }, { write: sse.done }]);
    expect(result).toMatchObject({ reasoning: 'hmm', answer: 'Answer: B' });
  });

  it('raw inline <think> tags, split across chunks', async () => {
    const { result } = await generateWith([
      { write: sse.chunk({ content: '<thi' }) },
      { write: sse.chunk({ content: 'nk>\nreason \\boxed{1}' }) },
      { write: sse.chunk({ content: '</th' }) },
      { write: sse.chunk({ content: 'ink>' }), delayMs: 40 },
      { write: sse.chunk({ content: '\n\n\\boxed{2}' }, 'stop'), delayMs: 40 },
      { write: sse.done },
    ]);
    expect(result.reasoning).toBe('\nreason \\boxed{1}');
    expect(result.answer).toBe('\\boxed{2}');
    // The first answer token is the chunk after `</think>` (the fifth), not the one holding the tag (the fourth):
    // its time is the first token's plus all four gaps (exact, however late the machine delivered the chunks).
    const gaps = result.timing.chunkGapsMs!;
    expect(gaps).toHaveLength(4);
    expect(result.timing.firstAnswerTokenMs!).toBeCloseTo(result.timing.firstTokenMs! + gaps.reduce((a, b) => a + b, 0), 6);
  });

  it('inline without the opening tag (the chat template added it)', async () => {
    const { result } = await generateWith([{ write: sse.chunk({ content: 'thinking...' }) }, { write: sse.chunk({ content: '</think>42' }, 'stop') }, { write: sse.done }]);
    expect(result).toMatchObject({ reasoning: 'thinking...', answer: '42' });
  });

  it('truncated inside the reasoning: no answer part at all', async () => {
    const { result } = await generateWith([{ write: sse.chunk({ content: '<think>so \\boxed{7} maybe' }, 'length') }, { write: sse.done }]);
    expect(result).toMatchObject({ answer: null, finishReason: 'length', reasoning: 'so \\boxed{7} maybe' });
    expect(result.timing.firstAnswerTokenMs).toBeUndefined();
  });

  it('no tags and cut off by the length limit: unfinished reasoning, never an answer', async () => {
    const { result } = await generateWith([{ write: sse.chunk({ content: 'Okay, so \\boxed{42} hmm wait, let me re' }, 'length') }, { write: sse.done }]);
    expect(result).toMatchObject({ answer: null, finishReason: 'length', reasoning: 'Okay, so \\boxed{42} hmm wait, let me re' });
    expect(result.timing.firstAnswerTokenMs).toBeUndefined();
  });

  it('no tags at all: everything is the answer', async () => {
    const { result } = await generateWith([{ write: sse.chunk({ content: 'Answer: C' }, 'stop') }, { write: sse.done }]);
    expect(result).toMatchObject({ reasoning: null, answer: 'Answer: C' });
  });

  it('llama.cpp timings are kept beside the client timings', async () => {
    const last = `data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }], timings: { prompt_n: 10, prompt_ms: 5.5, predicted_n: 3, predicted_ms: 30, predicted_per_second: 100 } })}\n\n`;
    const { result } = await generateWith([{ write: sse.chunk({ content: 'x' }) }, { write: last }, { write: sse.done }]);
    expect(result.serverTimings).toEqual({ promptTokens: 10, promptMs: 5.5, predictedTokens: 3, predictedMs: 30, predictedPerSecond: 100 });
  });
});

describe('http client: failures', () => {
  async function failure(steps: Step[], o = opts): Promise<GenerationError> {
    try {
      await generateWith(steps, o);
    } catch (e) {
      return e as GenerationError;
    }
    throw new Error('expected a failure');
  }

  it('429 with Retry-After is retryable and carries the delay', async () => {
    const e = await failure([{ status: 429, headers: { 'retry-after': '2', 'content-type': 'application/json' } }, { write: '{"error":{"message":"slow down"}}' }]);
    expect(e).toMatchObject({ kind: 'http', status: 429, retryable: true, retryAfterMs: 2000 });
    expect(e.message).toContain('slow down');
  });

  it('401, 404 and 400 are not retryable and show the server message', async () => {
    for (const status of [401, 404, 400]) {
      const e = await failure([{ status, headers: { 'content-type': 'application/json' } }, { write: `{"error":{"message":"problem ${status}"}}` }]);
      expect(e).toMatchObject({ status, retryable: false });
      expect(e.message).toContain(`problem ${status}`);
    }
  });

  it('5xx and a reset connection are retryable', async () => {
    expect(await failure([{ status: 503 }])).toMatchObject({ status: 503, retryable: true });
    expect(await failure([{ destroy: true }])).toMatchObject({ kind: 'network', retryable: true });
  });

  it('a stream cut without [DONE] or finish_reason is an error, never a short answer', async () => {
    const e = await failure([{ write: sse.chunk({ content: 'partial \\boxed{3}' }) }, { destroy: true, delayMs: 20 }]);
    expect(e.retryable).toBe(true);
    const e2 = await failure([{ write: sse.chunk({ content: 'partial' }) }, { end: true }]);
    expect(e2.kind).toBe('protocol');
  });

  it('malformed JSON and an error event inside the stream are protocol errors', async () => {
    expect(await failure([{ write: 'data: {"choices": [\n\n' }])).toMatchObject({ kind: 'protocol', retryable: true });
    const e = await failure([{ write: sse.chunk({ content: 'a' }) }, { write: 'data: {"error":{"code":500,"message":"slot unavailable"}}\n\n' }]);
    expect(e.message).toContain('slot unavailable');
  });

  it('a stalled stream hits the idle timeout', async () => {
    const e = await failure([{ write: sse.chunk({ content: 'a' }) }, { write: sse.done, delayMs: 1500 }], { idleTimeoutMs: 300, totalTimeoutMs: 10_000 });
    expect(e).toMatchObject({ kind: 'stalled', retryable: true });
  });

  it('the total limit ends a stream whose bytes keep coming, though the idle limit never fires', async () => {
    const drip: Step[] = Array.from({ length: 30 }, () => ({ write: sse.chunk({ content: 'a' }), delayMs: 60 }));
    const t0 = performance.now();
    const e = await failure([...drip, { write: sse.done }], { idleTimeoutMs: 300, totalTimeoutMs: 700 });
    expect(e).toMatchObject({ kind: 'timeout', retryable: true });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(690);
    expect(performance.now() - t0).toBeLessThan(1500);
  });

  it('before the response head only the total limit runs: a long queue or prefill is not a stall', async () => {
    // A server that takes the request and never answers.
    const sockets: net.Socket[] = [];
    const server = net.createServer((s) => sockets.push(s.on('error', () => {})));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    closers.push(async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    });
    const ep = createHttpEndpoint(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}/v1`);
    closers.push(() => ep.close!());
    const t0 = performance.now();
    await expect(ep.generate(req, { idleTimeoutMs: 100, totalTimeoutMs: 500 })).rejects.toMatchObject({ kind: 'timeout' });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(490);
  });

  it('abort stops the request at once', async () => {
    const server = await startScriptedServer(() => [{ write: sse.chunk({ content: 'a' }) }, { write: sse.done, delayMs: 5000 }]);
    closers.push(server.close);
    const ep = createHttpEndpoint(server.url);
    const ac = new AbortController();
    const p = ep.generate(req, { ...opts, signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    const t0 = Date.now();
    await expect(p).rejects.toMatchObject({ kind: 'aborted' });
    expect(Date.now() - t0).toBeLessThan(1000);
    await ep.close!();
  });

  it('a query string on the base URL stays on every request (Azure-style ?api-version=)', async () => {
    const server = await startScriptedServer(() => [{ write: sse.chunk({ content: 'ok' }, 'stop') }, { write: sse.done }]);
    closers.push(server.close);
    const ep = createHttpEndpoint(`${server.url}?api-version=2024-10-21`);
    closers.push(() => ep.close!());
    await ep.generate(req, opts);
    expect(server.received[0]!.url).toBe('/v1/chat/completions?api-version=2024-10-21');
  });

  it('a request after close() fails at once, not retryable (the run stops rather than backing off)', async () => {
    const server = await startScriptedServer(() => [{ write: sse.done }]);
    closers.push(server.close);
    const ep = createHttpEndpoint(server.url);
    await ep.close!();
    await expect(ep.generate(req, opts)).rejects.toMatchObject({ kind: 'aborted', retryable: false, message: 'endpoint closed' });
    expect(server.received).toHaveLength(0);
  });

  it('bad base URLs are one-line errors', () => {
    expect(() => parseBaseUrl('localhost:8000')).toThrow(/bad endpoint URL/);
    expect(() => parseBaseUrl('ftp://x/v1')).toThrow(/only http/);
    expect(() => parseBaseUrl('http://user:pw@x/v1')).toThrow(/credentials/);
  });
});
