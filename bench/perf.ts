// Measurement error of TTFT and TPOT, r1bench's client beside the openai SDK, against the known-timing
// server in its own process, with 1, 64 and 512 streams started at once; and the client's CPU time per token.
// Truth is what the server did: it records when each request arrived and when it wrote each chunk.
import OpenAI from 'openai';
import { performance } from 'node:perf_hooks';
import { createHttpEndpoint } from '../runners/http-client.ts';
import { percentileSorted } from '../hardware-profiles/stats.ts';
import { spawnKnownTimingServer, type KnownTimingProcess } from '../hardware-profiles/testing/known-timing-process.ts';
import type { KnownTiming, StreamTruth } from '../hardware-profiles/testing/known-timing-server.ts';

const CFG: KnownTiming = { ttftMs: 300, interTokenMs: 10, reasoningTokens: 30, answerTokens: 10, tokensPerChunk: [1, 2, 4] };
const TOKENS = CFG.reasoningTokens + CFG.answerTokens;

interface Measured {
  id: string;
  /** Epoch ms at the client's t0 (for ours: when the request went to the socket; for the SDK: before create()). */
  sentAt: number;
  ttftMs: number;
  tpotMs: number;
  tokens: number;
}

type Client = (url: string, n: number, tag: string, maxTokens?: number) => Promise<Measured[]>;

const ours = (ep: ReturnType<typeof createHttpEndpoint>): Client => async (url, n, tag, maxTokens = TOKENS) => {
    const req = { model: 'kts', messages: [{ role: 'user' as const, content: 'hi' }], temperature: 0.6, topP: 0.95, maxTokens };
    const out = await Promise.all(
      Array.from({ length: n }, (_, i) => ep.generate(req, { idleTimeoutMs: 30_000, totalTimeoutMs: 60_000, headers: { 'x-kts-id': `${tag}-${i}` } })),
    );
    return out.map((g, i) => {
      const tokens = g.usage!.completionTokens;
      return { id: `${tag}-${i}`, sentAt: g.timing.sentAt, ttftMs: g.timing.firstTokenMs!, tpotMs: (g.timing.endMs - g.timing.firstTokenMs!) / (tokens - 1), tokens };
    });
};

// The SDK as a user would time it: t0 just before create(), a token when a delta carries text.
const sdk = (client: OpenAI): Client => async (url, n, tag, maxTokens = TOKENS) => {
  const one = async (i: number): Promise<Measured> => {
    const t0 = performance.now();
    const sentAt = performance.timeOrigin + t0;
    const stream = await client.chat.completions.create(
      { model: 'kts', messages: [{ role: 'user', content: 'hi' }], max_tokens: maxTokens, stream: true, stream_options: { include_usage: true } },
      { headers: { 'x-kts-id': `${tag}-${i}` } },
    );
    let first: number | undefined;
    let last = 0;
    let tokens = 0;
    for await (const chunk of stream) {
      const d = chunk.choices[0]?.delta as { content?: string | null; reasoning_content?: string | null } | undefined;
      if (d?.content || d?.reasoning_content) {
        last = performance.now() - t0;
        first ??= last;
      }
      if (chunk.usage) tokens = chunk.usage.completion_tokens;
    }
    return { id: `${tag}-${i}`, sentAt, ttftMs: first!, tpotMs: (last - first!) / (tokens - 1), tokens };
  };
  return Promise.all(Array.from({ length: n }, (_, i) => one(i)));
};

interface LevelError {
  ttftP50: number;
  ttftP99: number;
  /** Where the TTFT error arises: before the server saw the request, or after it wrote the first token. */
  requestSideP50: number;
  requestSideP99: number;
  responseSideP50: number;
  responseSideP99: number;
  tpotP50: number;
  tpotP99: number;
  cpuUsPerToken: number;
}

async function measure(server: KnownTimingProcess, client: Client, n: number, tag: string): Promise<LevelError> {
  // Open n keep-alive connections first (one-token requests): the steady state of a long run, where no
  // request pays for a connect. The measured batch then starts all n streams at once.
  await client(server.url, n, `${tag}-open`, 1);
  await server.truth(true);
  const cpu0 = process.cpuUsage();
  const got = await client(server.url, n, tag);
  const cpu = process.cpuUsage(cpu0);
  const truth = new Map<string, StreamTruth>((await server.truth(true)).map((t) => [t.id, t]));
  const ttftErr: number[] = [];
  const tpotErr: number[] = [];
  const requestSide: number[] = [];
  const responseSide: number[] = [];
  for (const m of got) {
    const t = truth.get(m.id);
    if (!t || m.tokens !== t.tokens || m.tokens !== TOKENS) throw new Error(`request ${m.id}: no matching server record`);
    ttftErr.push(Math.abs(m.ttftMs - t.ttftMs));
    // Both processes read the same system clock; split the error at the server's arrival time.
    const before = t.receivedAt - m.sentAt;
    requestSide.push(before);
    responseSide.push(m.ttftMs - t.ttftMs - before);
    tpotErr.push(Math.abs(m.tpotMs - (t.e2eMs - t.ttftMs) / (t.tokens - 1)));
  }
  for (const xs of [ttftErr, tpotErr, requestSide, responseSide]) xs.sort((a, b) => a - b);
  return {
    requestSideP50: percentileSorted(requestSide, 50),
    requestSideP99: percentileSorted(requestSide, 99),
    responseSideP50: percentileSorted(responseSide, 50),
    responseSideP99: percentileSorted(responseSide, 99),
    ttftP50: percentileSorted(ttftErr, 50),
    ttftP99: percentileSorted(ttftErr, 99),
    tpotP50: percentileSorted(tpotErr, 50),
    tpotP99: percentileSorted(tpotErr, 99),
    cpuUsPerToken: (cpu.user + cpu.system) / (n * TOKENS),
  };
}

export async function benchPerf(opts: { streams?: number[] } = {}): Promise<{ rows: { name: string; value: number; unit: string; target: string }[] }> {
  const streams = opts.streams ?? [1, 64, 512];
  const server = await spawnKnownTimingServer(CFG);
  const rows: { name: string; value: number; unit: string; target: string }[] = [];
  const endpoint = createHttpEndpoint(server.url);
  const oursClient = ours(endpoint);
  const sdkClient = sdk(new OpenAI({ baseURL: server.url, apiKey: 'none', maxRetries: 0, timeout: 60_000 }));
  try {
    // Warm-up: JIT both clients and the server before anything is measured.
    await measure(server, oursClient, 8, 'warm-ours');
    await measure(server, sdkClient, 8, 'warm-sdk');
    for (const n of streams) {
      const a = await measure(server, oursClient, n, `ours-${n}`);
      const b = await measure(server, sdkClient, n, `sdk-${n}`);
      const top = n === Math.max(...streams);
      const at = `${n} stream${n === 1 ? '' : 's'}`;
      rows.push(
        { name: `TTFT error p50, ${at}, r1bench client`, value: a.ttftP50, unit: 'ms', target: top ? '≤ 2 ms' : `SDK ${b.ttftP50.toFixed(1)} ms` },
        { name: `TTFT error p99, ${at}, r1bench client`, value: a.ttftP99, unit: 'ms', target: top ? '≤ 10 ms' : `SDK ${b.ttftP99.toFixed(1)} ms` },
        { name: `TTFT error p50, ${at}, openai SDK`, value: b.ttftP50, unit: 'ms', target: 'baseline' },
        { name: `TTFT error p99, ${at}, openai SDK`, value: b.ttftP99, unit: 'ms', target: 'baseline' },
        { name: `TTFT error before the server saw the request, p50/p99, ${at}, r1bench client`, value: a.requestSideP50, unit: 'ms', target: `p99 ${a.requestSideP99.toFixed(1)} ms; SDK ${b.requestSideP50.toFixed(1)}/${b.requestSideP99.toFixed(1)} ms` },
        { name: `TTFT error after the server wrote the token, p50/p99, ${at}, r1bench client`, value: a.responseSideP50, unit: 'ms', target: `p99 ${a.responseSideP99.toFixed(1)} ms; SDK ${b.responseSideP50.toFixed(1)}/${b.responseSideP99.toFixed(1)} ms` },
        { name: `TPOT error p50, ${at}, r1bench client`, value: a.tpotP50, unit: 'ms', target: `SDK ${b.tpotP50.toFixed(2)} ms` },
        { name: `TPOT error p99, ${at}, r1bench client`, value: a.tpotP99, unit: 'ms', target: `SDK ${b.tpotP99.toFixed(2)} ms` },
      );
      if (top)
        rows.push(
          { name: `client CPU per streamed token, ${at}, r1bench client`, value: a.cpuUsPerToken, unit: 'µs', target: `SDK ${b.cpuUsPerToken.toFixed(1)} µs` },
          { name: `client CPU per streamed token, ${at}, openai SDK`, value: b.cpuUsPerToken, unit: 'µs', target: 'baseline' },
        );
    }
  } finally {
    await endpoint.close?.();
    await server.close();
  }
  return { rows };
}
