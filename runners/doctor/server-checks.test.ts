// Engine, version and context from what servers say about themselves (llama.cpp's /props, vLLM's /version
// and owned_by), and the bounded context probes for a server that states no limit.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { runDoctor } from './index.ts';

/** A server answering GETs from `pages` and POSTs with `chat(body)` (status only: streams start and end at once). */
async function fakeEngine(pages: Record<string, { status?: number; json: unknown; headers?: Record<string, string> }>, chat: (body: any) => number) {
  const posts: any[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (b) => (text += b));
    req.on('end', () => {
      if (req.method === 'POST') {
        const body = JSON.parse(text);
        posts.push(body);
        const status = chat(body);
        if (status !== 200) return void res.writeHead(status, { 'content-type': 'application/json' }).end('{"error":{"message":"max_tokens is too large"}}');
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        return void res.end('data: {"choices":[{"index":0,"delta":{"content":"x"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n');
      }
      const page = pages[(req.url ?? '').split('?')[0]!];
      if (!page) return void res.writeHead(404).end('not found');
      res.writeHead(page.status ?? 200, { 'content-type': 'application/json', ...page.headers }).end(JSON.stringify(page.json));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return { url, posts, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});
const opts = { attempts: 1, retryBaseMs: 1, requestTimeoutMs: 5000 };

describe('doctor reads what the server says about itself', () => {
  it('llama.cpp: engine and build from /props, the context per slot from n_ctx, its fix', async () => {
    const s = await fakeEngine(
      {
        '/v1/models': { json: { data: [{ id: 'r1.gguf', owned_by: 'llamacpp' }] } },
        '/props': { json: { build_info: 'b5123-1a2b3c4', default_generation_settings: { n_ctx: 8192 } } },
      },
      () => 200,
    );
    close = s.close;
    const r = await runDoctor({ baseUrl: s.url, model: 'r1.gguf', ...opts }, { checks: ['context'] });
    expect(r.server).toEqual({ engine: 'llama.cpp', version: 'b5123-1a2b3c4' });
    expect(r.checks[0]).toMatchObject({ id: 'context', status: 'fail', observed: expect.stringContaining('8192 tokens (/props n_ctx (per slot)) <') });
    expect(r.checks[0]!.fix).toMatch(/^llama\.cpp: start llama-server with -c\/--ctx-size/);
    expect(s.posts).toHaveLength(0);
  });

  it('vLLM: engine from owned_by, version from /version; no stated limit, so bounded probes stop at the first 400', async () => {
    const s = await fakeEngine(
      { '/v1/models': { json: { data: [{ id: 'deepseek-r1', owned_by: 'vllm' }] } }, '/version': { json: { version: '0.8.5' } } },
      (body) => (body.max_tokens > 20_000 ? 400 : 200),
    );
    close = s.close;
    const r = await runDoctor({ baseUrl: s.url, model: 'deepseek-r1', ...opts }, { checks: ['context', 'metrics'] });
    expect(r.server).toEqual({ engine: 'vLLM', version: '0.8.5' });
    expect(r.checks[0]).toMatchObject({ status: 'fail', observed: expect.stringMatching(/^accepts max_tokens 16384, refuses max_tokens 33\d{3} \(HTTP 400\)/) });
    expect(r.checks[0]!.fix).toBe('vLLM: start vLLM with --max-model-len 36864 (or more, memory allowing)');
    expect(s.posts.map((b) => b.max_tokens)).toEqual([8192, 16384, expect.any(Number)]);
    expect(r.checks[1]).toMatchObject({ id: 'metrics', status: 'warn' });
    expect(r.checks[1]!.fix).toContain('check a proxy passes it through');
  });

  it('a server that states no limit and accepts every probe passes; an unknown engine gets every fix', async () => {
    const s = await fakeEngine({ '/v1/models': { json: { data: [{ id: 'm' }] } } }, () => 200);
    close = s.close;
    const r = await runDoctor({ baseUrl: s.url, model: 'x', ...opts }, { checks: ['context', 'model-listed'] });
    expect(r.server).toEqual({ engine: null, version: null });
    expect(r.checks[0]).toMatchObject({ status: 'warn', id: 'model-listed' });
    expect(r.checks[0]!.fix).toMatch(/^vLLM: .*; SGLang: .*; llama\.cpp: .*; Ollama: .*; hosted API: /);
    expect(r.checks[1]).toMatchObject({ id: 'context', status: 'pass', observed: expect.stringMatching(/^accepts max_tokens 33\d{3} \(probed/) });
  });
});
