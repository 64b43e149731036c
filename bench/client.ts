// Streamed chunks/s through r1bench's client vs the openai SDK, on the same local server, same run.
import OpenAI from 'openai';
import { createHttpEndpoint } from '../runners/index.ts';
import { startChild } from './child.ts';
import type { BenchRow } from './row.ts';

const CHUNKS = 200_000;

async function ours(url: string): Promise<number> {
  const ep = createHttpEndpoint(url);
  const t0 = performance.now();
  const res = await ep.generate(
    { model: 'm', messages: [{ role: 'user', content: 'x' }], temperature: 0.6, topP: 0.95, maxTokens: CHUNKS },
    { idleTimeoutMs: 30_000, totalTimeoutMs: 120_000 },
  );
  const seconds = (performance.now() - t0) / 1000;
  await ep.close!();
  const received = (res.timing.chunkGapsMs?.length ?? 0) + 1;
  if (received !== CHUNKS) throw new Error(`client saw ${received} chunks, expected ${CHUNKS}`);
  return received / seconds;
}

async function sdk(url: string): Promise<number> {
  const client = new OpenAI({ baseURL: url, apiKey: 'none' });
  const t0 = performance.now();
  const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true });
  let n = 0;
  for await (const chunk of stream) if (chunk.choices[0]?.delta?.content) n++;
  const seconds = (performance.now() - t0) / 1000;
  if (n !== CHUNKS) throw new Error(`SDK saw ${n} chunks, expected ${CHUNKS}`);
  return n / seconds;
}

export async function benchClient(): Promise<{ rows: BenchRow[] }> {
  const { child, firstLine } = await startChild(new URL('./chunk-server.ts', import.meta.url).pathname, [String(CHUNKS)]);
  try {
    const url = `http://127.0.0.1:${firstLine}/v1`;
    await ours(url); // warm-up: JIT and connection
    await sdk(url);
    const oursBest = Math.max(await ours(url), await ours(url));
    const sdkBest = Math.max(await sdk(url), await sdk(url));
    return {
      rows: [
        { name: 'streamed chunks/s, r1bench client', value: oursBest, unit: 'chunks/s', target: '≥ 5× the SDK' },
        { name: 'streamed chunks/s, openai SDK 6.49', value: sdkBest, unit: 'chunks/s', target: 'baseline' },
        { name: 'client speed-up over the SDK', value: oursBest / sdkBest, unit: '×', target: '≥ 5' },
      ],
    };
  } finally {
    child.kill();
  }
}
