// An OpenAI-style streaming server whose timing is known by construction, to test measured metrics
// against the truth. Token j of a stream is ready at ttftMs + j·interTokenMs after the request arrived;
// a chunk goes out when its last token is ready. The first reasoning token and the first answer token each
// travel alone, so by construction TTFT = ttftMs, TTFA = ttftMs + R·interTokenMs, TPOT = interTokenMs.
// The server records when it actually wrote each chunk (the server-side truth) and serves it at /truth.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface KnownTiming {
  ttftMs: number;
  interTokenMs: number;
  reasoningTokens: number;
  answerTokens: number;
  /** Stream i (in arrival order) sends tokensPerChunk[i % length] tokens per chunk. */
  tokensPerChunk: number[];
  promptTokens?: number;
  /** Put completion_tokens_details.reasoning_tokens in usage (DeepSeek API style). */
  reportReasoningTokens?: boolean;
  /** Add a llama.cpp-style `timings` object to the usage chunk. */
  llamaTimings?: boolean;
  /** Streams generated at once; later requests wait in a queue (a server at capacity). Unlimited when absent. */
  maxRunning?: number;
}

/** What the server did for one request, times in ms relative to when the request arrived. */
export interface StreamTruth {
  id: string;
  index: number;
  /** Epoch ms (sub-ms) at which the request arrived. */
  receivedAt: number;
  tokens: number;
  chunkSizes: number[];
  chunkWriteMs: number[];
  ttftMs: number;
  ttfaMs?: number;
  e2eMs: number;
  finishReason: 'stop' | 'length';
  /** ms spent queued before generation began (with maxRunning). */
  queuedMs: number;
  /** What the request asked for. */
  maxTokens: number | null;
  ignoreEos: boolean;
  promptChars: number;
}

/** Chunk sizes of a stream with `n` tokens, `reasoning` of them reasoning, `per` per chunk. */
export function chunkPlan(n: number, reasoning: number, per: number): number[] {
  const sizes: number[] = [];
  let j = 0;
  while (j < n) {
    // Token 0 and the first answer token start a chunk of their own; no chunk crosses into the answer.
    const alone = j === 0 || j === reasoning;
    const limit = j < reasoning ? reasoning : n;
    const size = alone ? 1 : Math.min(per, limit - j);
    sizes.push(size);
    j += size;
  }
  return sizes;
}

const sse = (obj: unknown) => `data: ${JSON.stringify(obj)}\n\n`;

export function createKnownTimingServer(cfg: KnownTiming): http.Server & { truths: StreamTruth[] } {
  const truths: StreamTruth[] = [];
  let arrivals = 0;
  let running = 0;
  let generated = 0;
  const queue: (() => void)[] = [];
  const admit = (start: () => void) => (cfg.maxRunning === undefined || running < cfg.maxRunning ? start() : queue.push(start));
  const release = () => {
    running--;
    queue.shift()?.();
  };
  const server = http.createServer({ noDelay: true, keepAliveTimeout: 60_000 }, (req, res) => {
    const arrived = performance.now();
    if (req.method === 'GET' && req.url?.startsWith('/truth')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(truths));
      if (req.url.includes('clear=1')) truths.length = 0;
      return;
    }
    if (req.method === 'GET' && req.url === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(
        `# TYPE vllm:num_requests_running gauge\nvllm:num_requests_running{model_name="kts"} ${running}\n` +
          `vllm:num_requests_waiting{model_name="kts"} ${queue.length}\nvllm:kv_cache_usage_perc{model_name="kts"} ${Math.min(1, running / 64)}\n` +
          `# TYPE vllm:generation_tokens_total counter\nvllm:generation_tokens_total{model_name="kts"} ${generated}\n`,
      );
      return;
    }
    const body: Buffer[] = [];
    req.on('data', (b: Buffer) => body.push(b));
    req.on('end', () => admit(() => stream()));
    const stream = () => {
      const admitted = performance.now();
      let parsed: any = {};
      try {
        parsed = JSON.parse(Buffer.concat(body).toString('utf8'));
      } catch {
        return void res.writeHead(400).end('{"error":{"message":"bad JSON"}}');
      }
      const index = arrivals++;
      const wanted = cfg.reasoningTokens + cfg.answerTokens;
      const n = Math.max(1, Math.min(wanted, Number(parsed.max_tokens) || wanted));
      const reasoning = Math.min(cfg.reasoningTokens, n);
      const sizes = chunkPlan(n, reasoning, cfg.tokensPerChunk[index % cfg.tokensPerChunk.length]!);
      const truth: StreamTruth = {
        // The test's own id, else r1bench run's sample key (suite/item/sample), else the arrival index.
        id: String(req.headers['x-kts-id'] ?? req.headers['x-r1bench-sample'] ?? index),
        index,
        receivedAt: performance.timeOrigin + arrived,
        tokens: n,
        chunkSizes: sizes,
        chunkWriteMs: [],
        ttftMs: NaN,
        e2eMs: NaN,
        finishReason: n < wanted ? 'length' : 'stop',
        queuedMs: admitted - arrived,
        maxTokens: typeof parsed.max_tokens === 'number' ? parsed.max_tokens : null,
        ignoreEos: parsed.ignore_eos === true,
        promptChars: (parsed.messages ?? []).reduce((a: number, m: { content?: string }) => a + String(m.content ?? '').length, 0),
      };
      running++;
      const id = `chatcmpl-${index}`;
      const base = { id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: parsed.model ?? 'kts' };
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(sse({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] }));
      let chunk = 0;
      let sentTokens = 0;
      const next = () => {
        if (res.destroyed) return release();
        const size = sizes[chunk]!;
        const first = sentTokens;
        const isAnswer = first >= reasoning;
        const text = (isAnswer ? 'word ' : 'think ').repeat(size);
        const delta = isAnswer ? { content: text } : { reasoning_content: text, content: null };
        const last = chunk === sizes.length - 1;
        let out = sse({ ...base, choices: [{ index: 0, delta, finish_reason: null }] });
        if (last) out += lastChunks(base, n, reasoning, truth.finishReason);
        const at = performance.now() - arrived;
        res.write(out);
        truth.chunkWriteMs.push(at);
        if (chunk === 0) truth.ttftMs = at;
        if (isAnswer && truth.ttfaMs === undefined) truth.ttfaMs = at;
        sentTokens += size;
        generated += size;
        chunk++;
        if (last) {
          truth.e2eMs = at;
          truths.push(truth);
          release();
          return void res.end();
        }
        // Aim at absolute times, so timer lateness does not accumulate along the stream.
        const due = cfg.ttftMs + (sentTokens + sizes[chunk]! - 1) * cfg.interTokenMs;
        setTimeout(next, Math.max(0, due - (performance.now() - admitted)));
      };
      const lastChunks = (b: object, tokens: number, r: number, finish: string) => {
        const usage: Record<string, unknown> = { prompt_tokens: cfg.promptTokens ?? 16, completion_tokens: tokens, total_tokens: (cfg.promptTokens ?? 16) + tokens };
        if (cfg.reportReasoningTokens) usage.completion_tokens_details = { reasoning_tokens: r };
        const tail: Record<string, unknown> = { ...b, choices: [], usage };
        if (cfg.llamaTimings)
          tail.timings = { prompt_n: cfg.promptTokens ?? 16, prompt_ms: cfg.ttftMs, predicted_n: tokens, predicted_ms: (tokens - 1) * cfg.interTokenMs, predicted_per_second: 1000 / cfg.interTokenMs };
        return sse({ ...b, choices: [{ index: 0, delta: {}, finish_reason: finish }] }) + sse(tail) + 'data: [DONE]\n\n';
      };
      setTimeout(next, Math.max(0, cfg.ttftMs - (performance.now() - admitted)));
    };
  }) as http.Server & { truths: StreamTruth[] };
  server.truths = truths;
  return server;
}

/** Starts the server in this process on 127.0.0.1 (a free port); `url` is the OpenAI base URL. */
export async function startKnownTimingServer(cfg: KnownTiming): Promise<{ url: string; port: number; server: http.Server & { truths: StreamTruth[] }; close(): Promise<void> }> {
  const server = createKnownTimingServer(cfg);
  // A deep accept queue: 512 streams are opened at once in the benchmark.
  await new Promise<void>((resolve) => server.listen({ host: '127.0.0.1', port: 0, backlog: 4096 }, resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
