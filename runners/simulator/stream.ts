// Sends one planned generation: as SSE chunks on the schedule, or as one JSON body at the end.
// Chunks that are already due go out together in one write (zero delays: 64 KiB batches), so a
// fast stream costs one timer and one write per batch, not per chunk.
import type { ServerResponse } from 'node:http';
import type { StreamFault } from './faults.ts';
import type { Plan } from './plan.ts';
import { ChunkRenderer, completionBody, DONE, type TimingsCounts, type UsageCounts } from './sse.ts';
import { nowMs, Schedule, Sink } from './timing.ts';

const BATCH_CHARS = 65536;

export interface SendHooks {
  /** Called once, right after the first token-bearing chunk was written. */
  firstToken(at: number): void;
  /** Tokens written so far grew by n (for counters). */
  tokens(n: number): void;
}

export interface SendInput {
  res: ServerResponse;
  sink: Sink;
  plan: Plan;
  schedule: Schedule;
  /** Epoch ms the schedule counts from. */
  startAt: number;
  id: string;
  created: number;
  model: string;
  promptTokens: number;
  includeUsage: boolean;
  timings: boolean;
  /** A fault inside the stream, at chunk `atChunk`. */
  fault: { kind: StreamFault; stallMs: number } | null;
  hooks: SendHooks;
}

export type SendOutcome = 'done' | 'client-closed' | StreamFault;

/** Where a mid-stream fault strikes: halfway, after at least one token chunk when there is one. */
export function faultChunk(schedule: Schedule): number {
  return schedule.chunks <= 1 ? schedule.chunks : Math.max(1, Math.floor(schedule.chunks / 2));
}

const ERROR_EVENT = 'data: {"error":{"code":500,"message":"simulated error during generation","type":"server_error"}}\n\n';

export async function sendStream(x: SendInput): Promise<SendOutcome> {
  const { sink, schedule, plan, hooks } = x;
  const r = new ChunkRenderer(x.id, x.created, x.model, plan);
  const faultAt = x.fault ? faultChunk(schedule) : -1;
  let firstTokenAt = 0;
  await sink.write(r.role());
  let c = 0;
  for (;;) {
    if (sink.closed) return 'client-closed';
    if (c === faultAt) {
      const kind = x.fault!.kind;
      if (kind === 'cut') {
        await sink.flushed();
        x.res.destroy();
        return kind;
      }
      if (kind === 'stall') {
        await sink.until(nowMs() + x.fault!.stallMs);
        x.res.end();
        return kind;
      }
      if (kind === 'error-event') {
        await sink.write(ERROR_EVENT);
        x.res.end();
        return kind;
      }
      // malformed / bad-json: one broken line, then the stream goes on as if nothing happened.
      await sink.write(kind === 'malformed' ? 'data {bad\n\n' : `data: {"id":"${x.id}","choices":[{"delta":{"content":"x"}\n\n`);
    }
    if (c >= schedule.chunks) break;
    if (!(await sink.until(x.startAt + schedule.dueMs(c)))) return 'client-closed';
    const now = nowMs();
    let text = '';
    let tokens = 0;
    const first = c;
    // Every chunk that is due by now, up to the batch size or the fault point.
    while (c < schedule.chunks && (c === first || (x.startAt + schedule.dueMs(c) <= now && c !== faultAt && text.length < BATCH_CHARS))) {
      const [from, to] = schedule.range(c);
      text += r.tokens(from, to);
      tokens += to - from;
      c++;
    }
    await sink.write(text);
    if (firstTokenAt === 0) {
      firstTokenAt = nowMs();
      hooks.firstToken(firstTokenAt);
    }
    hooks.tokens(tokens);
  }
  const end = nowMs();
  let tail = r.finish(x.timings ? timingsOf(x, firstTokenAt || end, end) : undefined);
  if (x.includeUsage) tail += r.usage(usageOf(x));
  await sink.write(tail + DONE);
  x.res.end();
  return sink.closed && !x.res.writableFinished ? 'client-closed' : 'done';
}

/** Non-streaming: status and body are written when the last token would have been. Faults spoil the body. */
export async function sendWhole(x: SendInput): Promise<SendOutcome> {
  const { schedule, plan } = x;
  if (!(await x.sink.until(x.startAt + schedule.ttftMs))) return 'client-closed';
  x.hooks.firstToken(nowMs());
  if (!(await x.sink.until(x.startAt + schedule.endMs()))) return 'client-closed';
  x.hooks.tokens(plan.tokens.length);
  const end = nowMs();
  const body = completionBody(x.id, x.created, x.model, plan, usageOf(x), x.timings ? timingsOf(x, x.startAt + schedule.ttftMs, end) : undefined);
  const kind = x.fault?.kind;
  if (kind === 'error-event') {
    x.res.writeHead(500, { 'content-type': 'application/json' });
    await x.sink.write('{"error":{"code":500,"message":"simulated error during generation","type":"server_error"}}');
    x.res.end();
    return kind;
  }
  x.res.writeHead(200, { 'content-type': 'application/json' });
  if (kind === 'cut' || kind === 'stall') {
    await x.sink.write(body.slice(0, body.length >> 1));
    if (kind === 'cut') {
      await x.sink.flushed();
      x.res.destroy();
    } else {
      await x.sink.until(nowMs() + x.fault!.stallMs);
      x.res.end();
    }
    return kind;
  }
  if (kind === 'malformed' || kind === 'bad-json') {
    await x.sink.write(body.slice(0, body.length >> 1) + '{bad');
    x.res.end();
    return kind;
  }
  await x.sink.write(body);
  x.res.end();
  return x.sink.closed && !x.res.writableFinished ? 'client-closed' : 'done';
}

function usageOf(x: SendInput): UsageCounts {
  return { promptTokens: x.promptTokens, completionTokens: x.plan.tokens.length, reasoningTokens: x.plan.reasoningCount };
}

function timingsOf(x: SendInput, firstAt: number, endAt: number): TimingsCounts {
  return { promptTokens: x.promptTokens, promptMs: firstAt - x.startAt, predictedTokens: x.plan.tokens.length, predictedMs: endAt - firstAt };
}
