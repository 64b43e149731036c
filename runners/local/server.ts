// `r1bench serve local:PATH.gguf`: the local engine behind the OpenAI-compatible API, streaming reasoning as
// `reasoning_content` (llama.cpp's deepseek format) with llama.cpp-style `timings`, so any client can use it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChatMessage } from '../../types.ts';
import { GenerationError } from '../endpoint.ts';
import { createLocalEndpoint, generateOnEngine, type LocalEndpoint, type LocalEndpointOptions } from './local-endpoint.ts';
import type { Chunk, EngineRequest } from './engine.ts';

export interface LocalServerOptions extends Omit<LocalEndpointOptions, 'rssIntervalMs'> {
  /** `local:PATH.gguf`, `PATH.gguf` or `hf:user/repo:QUANT`. */
  model: string;
  /** 0 or unset: any free port. */
  port?: number;
  host?: string;
}

export interface LocalServer {
  /** Base URL ending in /v1, as clients take it. */
  url: string;
  endpoint: LocalEndpoint;
  close(): Promise<void>;
}

/** R1's recommended sampling when a request leaves it out. */
const R1_DEFAULTS = { temperature: 0.6, topP: 0.95 };
const MAX_BODY_BYTES = 16 * 2 ** 20;

class BadRequest extends Error {}

function parseRequest(body: any, contextSize: number): { req: EngineRequest; stream: boolean; includeUsage: boolean } {
  if (!body || typeof body !== 'object') throw new BadRequest('request body must be a JSON object');
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) throw new BadRequest('"messages" must be a non-empty array');
  for (const [i, m] of messages.entries())
    if (!m || typeof m.role !== 'string' || typeof m.content !== 'string') throw new BadRequest(`messages[${i}] needs a string "role" and "content"`);
  const num = (key: string, v: unknown, fallback: number) => {
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new BadRequest(`"${key}" must be a number`);
    return v;
  };
  const maxTokens = num('max_tokens', body.max_tokens ?? body.max_completion_tokens, contextSize);
  if (maxTokens < 1) throw new BadRequest('"max_tokens" must be at least 1');
  return {
    req: {
      messages: messages.map((m: any): ChatMessage => ({ role: m.role, content: m.content })),
      temperature: num('temperature', body.temperature, R1_DEFAULTS.temperature),
      topP: num('top_p', body.top_p, R1_DEFAULTS.topP),
      maxTokens: Math.floor(maxTokens),
      seed: body.seed === undefined || body.seed === null ? undefined : num('seed', body.seed, 0),
      ignoreEos: body.ignore_eos === true,
    },
    stream: body.stream === true,
    includeUsage: body.stream_options?.include_usage === true,
  };
}

function sendJson(res: http.ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const errorBody = (message: string, type = 'invalid_request_error') => ({ error: { message, type } });

async function readBody(req: http.IncomingMessage): Promise<any> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    size += part.length;
    if (size > MAX_BODY_BYTES) throw new BadRequest(`request body over ${MAX_BODY_BYTES} bytes`);
    parts.push(part);
  }
  try {
    return JSON.parse(Buffer.concat(parts).toString('utf8'));
  } catch {
    throw new BadRequest('request body is not valid JSON');
  }
}

async function chatCompletions(endpoint: LocalEndpoint, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const { req: engineReq, stream, includeUsage } = parseRequest(await readBody(req), endpoint.engine.contextSize);
  const disconnected = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) disconnected.abort();
  });
  const limits = { signal: disconnected.signal, idleTimeoutMs: 600_000, totalTimeoutMs: 7 * 24 * 3600_000 };
  if (!stream) {
    const reasoning: string[] = [];
    const content: string[] = [];
    let last: Chunk = {};
    let finishReason: string | null = null;
    await generateOnEngine(endpoint.engine, engineReq, limits, (c: any) => {
      const choice = c.choices?.[0];
      if (choice?.delta?.reasoning_content) reasoning.push(choice.delta.reasoning_content);
      if (choice?.delta?.content) content.push(choice.delta.content);
      if (choice?.finish_reason) finishReason = choice.finish_reason;
      last = c;
    });
    const { id, created, model, usage, timings } = last as any;
    const message = { role: 'assistant', content: content.join(''), ...(reasoning.length ? { reasoning_content: reasoning.join('') } : {}) };
    return sendJson(res, 200, { id, object: 'chat.completion', created, model, choices: [{ index: 0, message, finish_reason: finishReason }], usage, timings });
  }
  let started = false;
  let finish: any;
  const write = (c: unknown) => res.write(`data: ${JSON.stringify(c)}\n\n`);
  await generateOnEngine(endpoint.engine, engineReq, limits, (c: any) => {
    if (!started) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      write({ ...c, choices: [{ index: 0, delta: { role: 'assistant', content: null }, finish_reason: null }] });
      started = true;
    }
    if (c.usage) {
      // llama-server puts its timings on the last choice chunk; usage follows only when asked for.
      write({ ...finish, timings: c.timings });
      if (includeUsage) write({ ...c, timings: undefined });
    } else if (c.choices?.[0]?.finish_reason) finish = c;
    else write(c);
  }).catch((e) => {
    if (!started) throw e;
    write({ error: { message: (e as Error).message, type: 'server_error' } });
  });
  res.end('data: [DONE]\n\n');
}

export async function startLocalServer(opts: LocalServerOptions): Promise<LocalServer> {
  const target = /^local:/.test(opts.model) ? opts.model : `local:${opts.model}`;
  const endpoint = await createLocalEndpoint(target, opts);
  const created = Math.floor(Date.now() / 1000);
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '') || '/';
    const handle = async () => {
      if (req.method === 'GET' && path === '/health') return sendJson(res, 200, { status: 'ok' });
      if (req.method === 'GET' && path === '/v1/models')
        return sendJson(res, 200, { object: 'list', data: [{ id: endpoint.engine.modelId, object: 'model', created, owned_by: 'r1bench', max_model_len: endpoint.engine.contextSize }] });
      if (req.method === 'POST' && (path === '/v1/chat/completions' || path === '/chat/completions')) return chatCompletions(endpoint, req, res);
      return sendJson(res, 404, errorBody(`no route ${req.method} ${path}`, 'not_found_error'));
    };
    handle().catch((e) => {
      if (res.headersSent) return res.destroy();
      if (e instanceof BadRequest) return sendJson(res, 400, errorBody(e.message));
      if (e instanceof GenerationError && e.status === 400) return sendJson(res, 400, errorBody(e.message));
      if (e instanceof GenerationError && e.kind === 'aborted') return res.destroy();
      sendJson(res, 500, errorBody(String((e as Error)?.message ?? e), 'server_error'));
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
    });
  } catch (e) {
    await endpoint.close();
    throw e;
  }
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}/v1`,
    endpoint,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await endpoint.close();
    },
  };
}
