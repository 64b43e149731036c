// POST /v1/chat/completions: checks, then the fault draw, the queue, the plan and the send.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { lastUserText, promptKeyOf } from './answers.ts';
import { pickFault, streamFaults, type FaultKind, type StreamFault } from './faults.ts';
import { bump } from './metrics.ts';
import { interTokenMsOf } from './options.ts';
import { buildPlan } from './plan.ts';
import { countTokens } from './reasoning.ts';
import { errorBody } from './sse.ts';
import type { RequestLogEntry, SimulatorState } from './state.ts';
import { sendStream, sendWhole } from './stream.ts';
import { nowMs, Schedule, Sink } from './timing.ts';

export const SAMPLE_HEADER = 'x-r1bench-sample';
/** Marks a doctor probe: served like any request, but left out of the request counts and the request log. */
export { PROBE_HEADER } from '../doctor/types.ts';

interface ChatBody {
  model?: unknown;
  messages?: unknown;
  stream?: unknown;
  max_tokens?: unknown;
  max_completion_tokens?: unknown;
  stream_options?: { include_usage?: unknown };
  seed?: unknown;
}

/** Answers with an error status and finishes the log entry. */
export function reject(state: SimulatorState, entry: RequestLogEntry, res: ServerResponse, status: number, outcome: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body);
  state.finish(entry, outcome, status, nowMs());
}

export async function handleCompletion(state: SimulatorState, req: IncomingMessage, res: ServerResponse, entry: RequestLogEntry, raw: string): Promise<void> {
  const o = state.opts;
  let body: ChatBody;
  try {
    body = JSON.parse(raw) as ChatBody;
    if (typeof body !== 'object' || body === null) throw new Error('not an object');
  } catch {
    return reject(state, entry, res, 400, 'bad-request', errorBody('Request body is not valid JSON.', 'BadRequestError', 400));
  }
  entry.stream = body.stream === true;
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0 || messages.some((m) => typeof m !== 'object' || m === null || typeof m.role !== 'string')) {
    return reject(state, entry, res, 400, 'bad-request', errorBody('messages must be a non-empty list of {role, content}.', 'BadRequestError', 400, 'messages'));
  }
  const model = typeof body.model === 'string' ? body.model : '';
  if (o.model !== null && model !== o.model) {
    return reject(state, entry, res, 404, 'unknown-model', errorBody(`The model \`${model}\` does not exist.`, 'NotFoundError', 404, 'model'));
  }
  const maxRaw = body.max_tokens ?? body.max_completion_tokens;
  if (maxRaw !== undefined && maxRaw !== null && !(Number.isInteger(maxRaw) && (maxRaw as number) >= 1)) {
    return reject(state, entry, res, 400, 'bad-request', errorBody(`max_tokens must be at least 1, got ${JSON.stringify(maxRaw)}.`, 'BadRequestError', 400, 'max_tokens'));
  }
  const maxTokens = typeof maxRaw === 'number' ? maxRaw : null;
  const injected = o.injectSystemPrompt === null ? 0 : countTokens(o.injectSystemPrompt);
  const promptTokens = messages.reduce((n: number, m: { content?: unknown }) => n + countTokens(contentText(m.content)), injected);
  if (promptTokens + (maxTokens ?? 0) > o.contextTokens) {
    const message = `This model's maximum context length is ${o.contextTokens} tokens. However, you requested ${promptTokens + (maxTokens ?? 0)} tokens (${promptTokens} in the messages, ${maxTokens ?? 0} in the completion). Please reduce the length of the messages or completion.`;
    return reject(state, entry, res, 400, 'bad-request', errorBody(message, 'BadRequestError', 400));
  }

  const promptText = lastUserText(messages);
  const header = req.headers[SAMPLE_HEADER];
  const sampleKey = sampleKeyOf(state, promptKeyOf(promptText), header, body.seed);
  entry.sampleKey = sampleKey;
  entry.attempt = state.nextAttempt(sampleKey);
  await state.ready();
  const known = state.index.find(promptText, typeof header === 'string' ? header : null);
  const fault = pickFault(o.faults, o.seed, sampleKey, entry.attempt);
  entry.fault = fault;
  if (fault) bump(state.stats.faults, fault);
  if (fault && sendHttpFault(state, entry, res, fault)) return;

  if (!(await state.acquire())) return reject(state, entry, res, 503, 'closing', errorBody('Server is shutting down.', 'server_error', 503));
  const startAt = nowMs();
  entry.startedAt = startAt;
  const plan = buildPlan(o, { known, promptText, sampleKey, maxTokens, ignoreMaxTokens: fault === 'ignore-max-tokens' });
  entry.itemKey = plan.itemKey;
  entry.correctness = plan.correctness;
  entry.finishReason = plan.finishReason;
  const perChunk = Array.isArray(o.tokensPerChunk) ? o.tokensPerChunk[Math.max(0, entry.seq) % o.tokensPerChunk.length]! : o.tokensPerChunk;
  const schedule = new Schedule(plan.tokens.length, o.ttftMs, interTokenMsOf(o), perChunk);
  state.stats.promptTokensTotal += promptTokens;
  state.stats.kvTokens += promptTokens;
  let written = 0;

  const sink = new Sink(res, state.closing.signal);
  if (fault === 'trickle') sink.startTrickle(o.trickleByteMs, o.trickleMs);
  const input = {
    res,
    sink,
    plan,
    schedule,
    startAt,
    id: entry.probe ? 'chatcmpl-sim-probe' : `chatcmpl-sim-${entry.seq}`,
    created: Math.floor(Date.now() / 1000),
    model: model || o.model || 'deepseek-r1-sim',
    promptTokens,
    includeUsage: body.stream_options?.include_usage === true,
    timings: o.timings,
    fault: fault && streamFaults.includes(fault) ? { kind: fault as StreamFault, stallMs: o.stallMs } : null,
    hooks: {
      firstToken: (at: number) => (entry.firstTokenAt = at),
      tokens: (n: number) => {
        written += n;
        entry.completionTokens = written;
        state.stats.generationTokensTotal += n;
        state.stats.kvTokens += n;
      },
    },
  };
  if (o.noUsage) input.includeUsage = false;
  let outcome: string;
  try {
    if (entry.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      outcome = await sendStream(input);
    } else outcome = await sendWhole(input);
  } finally {
    state.release();
    state.stats.kvTokens -= promptTokens + written;
  }
  if (outcome === 'done') outcome = fault ?? plan.finishReason;
  state.finish(entry, outcome, res.statusCode, nowMs());
}

/** Faults answered before any generation. True when the response is handled. */
function sendHttpFault(state: SimulatorState, entry: RequestLogEntry, res: ServerResponse, fault: FaultKind): boolean {
  switch (fault) {
    case '429':
    case '429-no-retry-after': {
      const headers: Record<string, string> = fault === '429' ? { 'retry-after': String(state.opts.retryAfterS) } : {};
      reject(state, entry, res, 429, fault, errorBody('Rate limit reached for requests. Please try again later.', 'requests', 'rate_limit_exceeded'), headers);
      return true;
    }
    case '500':
      reject(state, entry, res, 500, fault, errorBody('The server had an error while processing your request.', 'server_error', 500));
      return true;
    case '502':
      // What a reverse proxy sends when the engine behind it is gone: HTML, not JSON.
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>\n');
      state.finish(entry, fault, 502, nowMs());
      return true;
    case '503':
      reject(state, entry, res, 503, fault, errorBody('The server is overloaded or not ready yet.', 'server_error', 503));
      return true;
    case 'reset':
      res.socket?.destroy();
      state.finish(entry, fault, null, nowMs());
      return true;
    default:
      return false;
  }
}

/**
 * Which sample this request is: the x-r1bench-sample header, else the prompt's own counter. Ignored
 * sampling makes every request of a prompt the first one; an honoured seed makes the seed the sample.
 */
function sampleKeyOf(state: SimulatorState, promptKey: string, header: unknown, seed: unknown): string {
  if (state.opts.ignoreSampling) return `${promptKey}/0`;
  if (state.opts.honourSeed && Number.isInteger(seed)) return `${promptKey}/seed:${String(seed)}`;
  return typeof header === 'string' && header !== '' ? header : state.promptSample(promptKey);
}

function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((p: { text?: unknown }) => (typeof p?.text === 'string' ? p.text : '')).join(' ');
  return '';
}
