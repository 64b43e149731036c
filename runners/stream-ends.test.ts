// How a stream ends, over a real HTTP server on 127.0.0.1: [DONE] on a connection the server keeps
// open, line ends of every kind split across TCP reads, empty events, a last event with no blank line.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { GenerationResult } from './endpoint.ts';
import { createHttpEndpoint } from './http-client.ts';
import { sse, startScriptedServer, type Step } from './testing/scripted-server.ts';

const req = { model: 'r1', messages: [{ role: 'user' as const, content: 'Name a prime.' }], temperature: 0.6, topP: 0.95, maxTokens: 64 };
const opts = { idleTimeoutMs: 3000, totalTimeoutMs: 10_000 };
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((c) => c()));
  closers = [];
});

async function serve(respond: (n: number) => Step[]) {
  const server = await startScriptedServer(respond);
  closers.push(server.close);
  const ep = createHttpEndpoint(server.url);
  closers.push(() => ep.close!());
  return { server, ep };
}

async function generate(steps: Step[]): Promise<GenerationResult> {
  const { ep } = await serve(() => steps);
  return ep.generate(req, opts);
}

/** An SSE event with another line end: `eol` after the data line and again for the blank line. */
const withEol = (event: string, eol: string) => event.replace(/\n/g, eol);
const reasoning = sse.chunk({ reasoning_content: 'Primes are' });
const answer = sse.chunk({ content: 'Answer: 7' }, 'stop');

describe('stream end: [DONE]', () => {
  it('ends the sample at once while the server keeps the connection open', async () => {
    // After [DONE] the server holds the response open for 8 s, far past the 3 s idle timeout.
    const { ep, server } = await serve((n) =>
      n === 0 ? [{ write: reasoning }, { write: answer }, { write: sse.done }, { end: true, delayMs: 8000 }] : [{ write: answer }, { write: sse.done }],
    );
    const t0 = Date.now();
    const result = await ep.generate(req, opts);
    expect(Date.now() - t0).toBeLessThan(500);
    expect(result).toMatchObject({ reasoning: 'Primes are', answer: 'Answer: 7', finishReason: 'stop' });
    // The held connection does not block the next request, and nothing was requested twice.
    expect((await ep.generate(req, opts)).answer).toBe('Answer: 7');
    expect(server.received).toHaveLength(2);
  });

  it('ends the sample on a [DONE] line whose blank line never comes', async () => {
    const t0 = Date.now();
    const result = await generate([{ write: answer }, { write: 'data: [DONE]\n' }, { end: true, delayMs: 8000 }]);
    expect(Date.now() - t0).toBeLessThan(500);
    expect(result.answer).toBe('Answer: 7');
  });

  it('a connection reset right after [DONE] does not undo the finished sample', async () => {
    const result = await generate([{ write: reasoning }, { write: answer }, { write: sse.done }, { destroy: true, delayMs: 20 }]);
    expect(result).toMatchObject({ reasoning: 'Primes are', answer: 'Answer: 7', finishReason: 'stop' });
  });

  it('a response that ends with [DONE] gives its socket back: sequential requests share one connection', async () => {
    let connections = 0;
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(answer);
        res.end(sse.done); // [DONE] and the end of the response in one write, as servers usually send them
      });
    });
    server.on('connection', () => connections++);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));
    const ep = createHttpEndpoint(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`);
    closers.push(() => ep.close!());
    for (let i = 0; i < 3; i++) expect((await ep.generate(req, opts)).answer).toBe('Answer: 7');
    expect(connections).toBe(1);
  });

  it('a response held open after [DONE] has its connection dropped in the background, about a second later', async () => {
    let closedAt = 0;
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(answer + sse.done); // and never ends
      });
      req.socket.on('close', () => (closedAt = Date.now()));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));
    const ep = createHttpEndpoint(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`);
    closers.push(() => ep.close!());
    expect((await ep.generate(req, opts)).answer).toBe('Answer: 7');
    const settledAt = Date.now();
    while (!closedAt && Date.now() - settledAt < 5000) await new Promise((r) => setTimeout(r, 20));
    expect(closedAt - settledAt).toBeGreaterThan(500);
    expect(closedAt - settledAt).toBeLessThan(3000);
  });

  it('ignores whatever a server sends after [DONE]', async () => {
    const result = await generate([{ write: answer }, { write: sse.done }, { write: 'data: {not json\n\n' }, { write: sse.chunk({ content: ' and 11' }) }]);
    expect(result.answer).toBe('Answer: 7');
  });
});

describe('stream end: line ends split across TCP reads', () => {
  it('lines ended by a lone CR, the CR of each blank line arriving in its own read', async () => {
    const steps: Step[] = [];
    for (const ev of [reasoning, answer, sse.done]) {
      const text = withEol(ev, '\r');
      steps.push({ write: text.slice(0, -1), delayMs: 15 }, { write: '\r', delayMs: 15 });
    }
    const result = await generate(steps);
    expect(result).toMatchObject({ reasoning: 'Primes are', answer: 'Answer: 7', finishReason: 'stop' });
  });

  it('CRLF split between the CR and the LF, in the data line and in the blank line', async () => {
    const steps: Step[] = [];
    for (const ev of [reasoning, sse.chunk({ content: 'Answer:' }), sse.chunk({ content: ' 7' }, 'stop'), sse.done]) {
      const text = withEol(ev, '\r\n');
      const firstCr = text.indexOf('\r');
      steps.push({ write: text.slice(0, firstCr + 1), delayMs: 10 }, { write: text.slice(firstCr + 1, -1), delayMs: 10 }, { write: '\n', delayMs: 10 });
    }
    const result = await generate(steps);
    expect(result).toMatchObject({ reasoning: 'Primes are', answer: 'Answer: 7', finishReason: 'stop' });
    expect(result.timing.chunkGapsMs).toHaveLength(2);
  });
});

describe('stream end: empty events and a last event without its blank line', () => {
  it('an empty `data:` event is skipped, not a malformed chunk', async () => {
    const result = await generate([{ write: 'data:\n\n' }, { write: reasoning }, { write: 'data: \r\n\r\n' }, { write: 'data:\ndata:\n\n' }, { write: answer }, { write: sse.done }]);
    expect(result).toMatchObject({ reasoning: 'Primes are', answer: 'Answer: 7', finishReason: 'stop' });
  });

  it('a last data line with no blank line (no [DONE]) is still read when the server closes', async () => {
    const result = await generate([{ write: reasoning }, { write: answer.trimEnd() }, { end: true, delayMs: 10 }]);
    expect(result).toMatchObject({ answer: 'Answer: 7', finishReason: 'stop' });
  });

  it('a last data line ending in a bare CR is still read when the server closes', async () => {
    const result = await generate([{ write: reasoning }, { write: answer.trimEnd() + '\r' }, { end: true, delayMs: 10 }]);
    expect(result).toMatchObject({ answer: 'Answer: 7', finishReason: 'stop' });
  });
});
