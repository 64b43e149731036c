// The HTTP server: routes, the API key check, and the small endpoints (/v1/models, /health, /metrics).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { handleCompletion, PROBE_HEADER, reject } from './completion.ts';
import { renderMetrics } from './metrics.ts';
import { errorBody } from './sse.ts';
import type { SimulatorState } from './state.ts';
import { nowMs } from './timing.ts';

const MAX_BODY_BYTES = 32 * 1024 * 1024;

export function createSimulatorServer(state: SimulatorState): Server {
  const server = createServer((req, res) => {
    route(state, req, res).catch((e: unknown) => {
      // A bug of ours, not a simulated fault: say so loudly in the response.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(errorBody(`simulator bug: ${(e as Error)?.message ?? String(e)}`, 'server_error', 500));
    });
  });
  // Clients keep connections for a long time; node's 5 s default races with their reuse.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 0;
  return server;
}

async function route(state: SimulatorState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const receivedAt = nowMs();
  const path = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '') || '/';
  const o = state.opts;
  if (path === '/health' && req.method === 'GET') return void res.writeHead(200).end();
  if (path === '/metrics' && req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
    return void res.end(renderMetrics(state.stats, o.model ?? 'deepseek-r1-sim', o.kvCacheTokens));
  }
  const isChat = path === '/v1/chat/completions' && req.method === 'POST';
  // Doctor probes are served, but counted nowhere: tests that count requests stay exact.
  const probe = req.headers[PROBE_HEADER] !== undefined;
  const entry = isChat ? state.newEntry(false, receivedAt, probe) : null;
  if (isChat && !probe) state.stats.requests++;
  if (path.startsWith('/v1/') && o.apiKey !== null && req.headers.authorization !== `Bearer ${o.apiKey}`) {
    req.resume();
    const body = errorBody('Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
    if (entry) return reject(state, entry, res, 401, 'unauthorized', body);
    return void res.writeHead(401, { 'content-type': 'application/json' }).end(body);
  }
  if (path === '/v1/models' && req.method === 'GET') {
    const id = o.model ?? 'deepseek-r1-sim';
    const data = [{ id, object: 'model', created: Math.floor(Date.now() / 1000), owned_by: 'r1bench-simulator', max_model_len: o.contextTokens }];
    return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ object: 'list', data }));
  }
  if (!entry) {
    req.resume();
    return void res.writeHead(404, { 'content-type': 'application/json' }).end(errorBody(`No route for ${req.method} ${path}.`, 'NotFoundError', 404));
  }
  const raw = await readBody(req);
  if (raw === null) return reject(state, entry, res, 413, 'bad-request', errorBody('Request body too large.', 'BadRequestError', 413));
  await handleCompletion(state, req, res, entry, raw);
}

/** The body as text; null when over the size limit. */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, rejectBody) => {
    const parts: Buffer[] = [];
    let size = 0;
    req.on('data', (b: Buffer) => {
      size += b.length;
      if (size <= MAX_BODY_BYTES) parts.push(b);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(parts).toString('utf8')));
    req.on('error', rejectBody);
  });
}
