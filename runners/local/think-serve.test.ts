// `r1bench serve` and the in-process endpoint split reasoning the same way (one splitter, in the engine),
// whether the chat template opens `<think>` or leaves it to the model, and count reasoning tokens exactly.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerationRequest } from '../endpoint.ts';
import { createHttpEndpoint } from '../http-client.ts';
import { SseDecoder } from '../sse.ts';
import { startLocalServer, type LocalServer } from './index.ts';
import { makeTinyGguf, TINY_CHAT_TEMPLATE, TINY_CHAT_TEMPLATE_NO_THINK } from './testing/make-tiny-gguf.ts';

const hasEngine = await import('node-llama-cpp').then(
  () => true,
  () => false,
);

const limits = { idleTimeoutMs: 10_000, totalTimeoutMs: 60_000 };
const ask = (seed: number, maxTokens: number): GenerationRequest => ({
  model: 'tiny.gguf',
  messages: [{ role: 'user', content: 'what is two plus two' }],
  temperature: 0.6,
  topP: 0.95,
  maxTokens,
  seed,
});

/** The raw stream: every delta in order, and the usage chunk. */
async function rawStream(url: string, seed: number, maxTokens: number) {
  const res = await fetch(`${url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'what is two plus two' }], stream: true, stream_options: { include_usage: true }, max_tokens: maxTokens, seed }),
  });
  const events: string[] = [];
  const decoder = new SseDecoder((d) => events.push(d));
  decoder.push(Buffer.from(await res.arrayBuffer()));
  decoder.end();
  const chunks = events.filter((e) => e !== '[DONE]').map((e) => JSON.parse(e));
  const deltas = chunks.flatMap((c) => (c.choices?.[0]?.delta ? [c.choices[0].delta] : []));
  return {
    reasoning: deltas.map((d) => d.reasoning_content ?? '').join(''),
    content: deltas.map((d) => d.content ?? '').join(''),
    finish: chunks.find((c) => c.choices?.[0]?.finish_reason)?.choices[0].finish_reason as string,
    usage: chunks.find((c) => c.usage)?.usage,
  };
}

for (const [name, template] of [
  ['a template that opens <think>', TINY_CHAT_TEMPLATE],
  ['a template without <think>', TINY_CHAT_TEMPLATE_NO_THINK],
] as const) {
  describe.skipIf(!hasEngine)(`serve and in-process on ${name}`, () => {
    let dir: string;
    let server: LocalServer;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'r1b-think-'));
      const model = makeTinyGguf(join(dir, 'tiny.gguf'), { chatTemplate: template });
      server = await startLocalServer({ model: model.path, threads: 1, gpu: false, parallel: 1 });
    });
    afterAll(async () => {
      await server?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('sends reasoning as reasoning_content, split at the first </think>, and both paths agree', async () => {
      const http = createHttpEndpoint(server.url);
      let withReasoning = 0;
      try {
        for (let seed = 1; seed <= 6; seed++) {
          const raw = await rawStream(server.url, seed, 60);
          // Split at the first </think>: a later one (random weights write several) is answer text.
          expect(raw.reasoning).not.toContain('</think>');
          const reasoningTokens = raw.usage.completion_tokens_details.reasoning_tokens;
          if (raw.content.includes('</think>')) expect(reasoningTokens).toBeGreaterThan(0);
          if (raw.reasoning) withReasoning++;
          if (raw.reasoning) expect(reasoningTokens).toBeGreaterThan(0);
          const viaHttp = await http.generate(ask(seed, 60), limits);
          const inProcess = await server.endpoint.generate(ask(seed, 60), limits);
          expect({ r: viaHttp.reasoning, a: viaHttp.answer, u: viaHttp.usage }).toEqual({ r: inProcess.reasoning, a: inProcess.answer, u: inProcess.usage });
          expect(inProcess.reasoning ?? '').toBe(raw.reasoning);
        }
      } finally {
        await http.close?.();
      }
      expect(withReasoning).toBeGreaterThan(0);
    });

    it('samples: identical requests without a seed, sent within one second, differ', async () => {
      const texts = new Set<string>();
      for (let i = 0; i < 4; i++) {
        const r = await server.endpoint.generate({ ...ask(0, 48), seed: undefined }, limits);
        texts.add(`${r.reasoning}|${r.answer}|${r.usage!.completionTokens}`);
      }
      expect(texts.size).toBeGreaterThan(1);
    });

    it('counts reasoning tokens exactly: a limit at the count ends on </think>, one less ends inside the reasoning', async () => {
      // A seed whose reasoning closes and is followed by an answer.
      let seed = 0;
      let full: Awaited<ReturnType<typeof rawStream>> | undefined;
      for (seed = 1; seed <= 40; seed++) {
        full = await rawStream(server.url, seed, 60);
        if (full.reasoning && full.content.trim() && full.usage.completion_tokens_details.reasoning_tokens > 1) break;
      }
      expect(seed).toBeLessThanOrEqual(40);
      const r: number = full!.usage.completion_tokens_details.reasoning_tokens;
      // Same seed, cut at exactly r tokens: the whole reasoning with its </think>, and no answer yet.
      const atEnd = await rawStream(server.url, seed, r);
      expect({ reasoning: atEnd.reasoning, content: atEnd.content, finish: atEnd.finish }).toEqual({ reasoning: full!.reasoning, content: '', finish: 'length' });
      expect(atEnd.usage.completion_tokens).toBe(r);
      expect(atEnd.usage.completion_tokens_details.reasoning_tokens).toBe(r);
      // One token less: </think> never came, so everything generated is reasoning.
      const before = await rawStream(server.url, seed, r - 1);
      expect(before.content).toBe('');
      expect(full!.reasoning.startsWith(before.reasoning.replace(/<\/?t?h?i?n?k?$/, ''))).toBe(true);
      expect(before.usage.completion_tokens_details.reasoning_tokens).toBe(r - 1);
      // One token more: the first answer token is not reasoning.
      const after = await rawStream(server.url, seed, r + 1);
      expect(after.usage.completion_tokens_details.reasoning_tokens).toBe(r);
      expect(after.content.length).toBeGreaterThan(0);
    });
  });
}
