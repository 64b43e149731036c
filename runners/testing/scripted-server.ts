// A real HTTP server on 127.0.0.1 whose every response is scripted by the test: exact bytes, statuses,
// delays and broken connections, so the client is tested against what real servers put on the wire.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Step =
  | { status: number; headers?: Record<string, string> }
  | { write: string; delayMs?: number }
  | { destroy: true; delayMs?: number }
  | { end: true; delayMs?: number };

export interface Received {
  body: any;
  headers: http.IncomingHttpHeaders;
  url: string;
  /** When the request's body had arrived (epoch ms, sub-ms). */
  at: number;
}

/** `respond(requestNumber, body)` returns the steps for that request (0-based). */
export async function startScriptedServer(respond: (n: number, body: any) => Step[]) {
  const received: Received[] = [];
  const probes: Received[] = [];
  /** When each connection was accepted (epoch ms, sub-ms). */
  const connections: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? JSON.parse(text) : null;
      // Doctor probes get a well-formed R1 answer and stay out of `received`, so request numbers stay exact.
      if (req.headers['x-r1bench-probe'] !== undefined) {
        probes.push({ body, headers: req.headers, url: req.url ?? '', at: performance.timeOrigin + performance.now() });
        return answerProbe(body, res);
      }
      const n = received.length;
      received.push({ body, headers: req.headers, url: req.url ?? '', at: performance.timeOrigin + performance.now() });
      let headersSent = false;
      for (const step of respond(n, body)) {
        if ('delayMs' in step && step.delayMs) await new Promise((r) => setTimeout(r, step.delayMs));
        if ('status' in step) {
          res.writeHead(step.status, { 'content-type': 'text/event-stream', ...step.headers });
          headersSent = true;
        } else if ('write' in step) {
          if (!headersSent) res.writeHead(200, { 'content-type': 'text/event-stream' }), (headersSent = true);
          res.write(step.write);
        } else if ('destroy' in step) {
          req.socket.destroy();
          return;
        } else if ('end' in step) break;
      }
      res.end();
    });
  });
  server.on('connection', () => connections.push(performance.timeOrigin + performance.now()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    received,
    probes,
    connections,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

/** A probe's answer: reasoning, then `4`, cut at max_tokens like a real server; a GET gets a 404. */
function answerProbe(body: any, res: http.ServerResponse): void {
  if (!body) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not scripted"}}');
  const tokens: [string, string][] = [['reasoning_content', 'Two'], ['reasoning_content', ' plus two.'], ['content', '4']];
  const n = Math.min(tokens.length, body.max_tokens ?? tokens.length);
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const [field, text] of tokens.slice(0, n)) res.write(sse.chunk({ [field]: text }));
  res.write(sse.chunk({}, n < tokens.length ? 'length' : 'stop'));
  if (body.stream_options?.include_usage) res.write(sse.usage(5, n, Math.min(n, 2)));
  res.end(sse.done);
}

/** SSE helpers for building scripts. */
export const sse = {
  chunk: (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`,
  usage: (prompt: number, completion: number, reasoning?: number) =>
    `data: ${JSON.stringify({ id: 'c', choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, ...(reasoning === undefined ? {} : { completion_tokens_details: { reasoning_tokens: reasoning } }) } })}\n\n`,
  done: 'data: [DONE]\n\n',
};
