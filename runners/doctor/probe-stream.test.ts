// The doctor reads a stream as the run's client does: an empty `data:` event is no chunk, and `[DONE]`
// ends the probe even when the server holds the connection open afterwards. A real server on 127.0.0.1.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheapChecks } from './index.ts';

let server: Server;
let baseUrl = '';
const held: { end(): void }[] = [];

function chunk(delta: Record<string, unknown>, finish: string | null = null): string {
  return `data: ${JSON.stringify({ choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (b) => (body += b));
    req.on('end', () => {
      if (req.url?.endsWith('/models')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [{ id: 'r1' }] }));
        return;
      }
      if (req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      const { max_tokens: maxTokens } = JSON.parse(body);
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data:\n\n'); // an empty event, as some proxies send for keep-alive
      const n = Math.min(maxTokens ?? 8, 8);
      for (let i = 0; i < n - 1; i++) res.write(chunk({ reasoning_content: `step ${i} ` }));
      res.write(chunk({ content: 'The answer is 4.' }, n < 8 ? 'length' : 'stop'));
      res.write(`data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 5, completion_tokens: n, total_tokens: n + 5 } })}\n\n`);
      res.write('data: [DONE]\n\n');
      held.push(res); // never ended: the server keeps the connection open after [DONE]
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  for (const r of held) r.end();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe('doctor probes read streams like the run client', () => {
  it('skips empty events and stops at [DONE] on a held-open connection', async () => {
    const started = Date.now();
    const report = await runCheapChecks({ baseUrl, model: 'r1', requestTimeoutMs: 8000 });
    const streaming = report.checks.find((c) => c.id === 'streaming')!;
    expect(streaming.status).toBe('pass');
    expect(report.checks.find((c) => c.id === 'reasoning-split')!.status).toBe('pass');
    // Without stopping at [DONE], each probe would wait for its 8 s timeout.
    expect(Date.now() - started).toBeLessThan(6000);
  }, 30_000);
});
