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
}

/** `respond(requestNumber, body)` returns the steps for that request (0-based). */
export async function startScriptedServer(respond: (n: number, body: any) => Step[]) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const body = text ? JSON.parse(text) : null;
      const n = received.length;
      received.push({ body, headers: req.headers, url: req.url ?? '' });
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
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    received,
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

/** SSE helpers for building scripts. */
export const sse = {
  chunk: (delta: Record<string, unknown>, finish: string | null = null) =>
    `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`,
  usage: (prompt: number, completion: number, reasoning?: number) =>
    `data: ${JSON.stringify({ id: 'c', choices: [], usage: { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, ...(reasoning === undefined ? {} : { completion_tokens_details: { reasoning_tokens: reasoning } }) } })}\n\n`,
  done: 'data: [DONE]\n\n',
};
