// A tiny node:http client for this folder's tests: raw bytes, SSE events with arrival times.
// Independent of the project's streaming client on purpose: the simulator is tested on its own.
import { request } from 'node:http';
import { nowMs } from './timing.ts';

export interface RawResponse {
  status: number | null;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** `data:` payloads in order, with the epoch ms the bytes holding them arrived. */
  events: { data: string; at: number }[];
  /** Lines that are neither `data: ...` nor blank. */
  otherLines: string[];
  /** Epoch ms: just before sending; every arrival of bytes. */
  sentAt: number;
  arrivals: number[];
  /** Epoch ms the response ended (or failed). */
  endAt: number;
  /** The connection failed or ended without a complete response. */
  error?: string;
}

/** POSTs JSON and reads the whole response, never throwing on network errors. */
export function post(url: string, body: unknown, headers: Record<string, string> = {}, timeoutMs = 20_000): Promise<RawResponse> {
  return new Promise((resolve) => {
    const out: RawResponse = { status: null, headers: {}, text: '', events: [], otherLines: [], sentAt: 0, arrivals: [], endAt: 0 };
    let pending = '';
    const consume = (final: boolean, at: number) => {
      const lines = pending.split('\n');
      pending = final ? '' : lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('data: ')) out.events.push({ data: line.slice(6), at });
        else if (line !== '') out.otherLines.push(line);
      }
    };
    const payload = JSON.stringify(body);
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers }, agent: false });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no bytes for ${timeoutMs} ms`)));
    req.on('response', (res) => {
      out.status = res.statusCode ?? null;
      out.headers = res.headers;
      res.setEncoding('utf8');
      res.on('data', (s: string) => {
        const at = nowMs();
        out.arrivals.push(at);
        out.text += s;
        pending += s;
        consume(false, at);
      });
      res.on('end', () => {
        out.endAt = nowMs();
        consume(true, out.endAt);
        resolve(out);
      });
      res.on('error', (e) => {
        out.endAt = nowMs();
        out.error = e.message;
        resolve(out);
      });
      res.on('aborted', () => {
        out.error ??= 'aborted';
      });
    });
    req.on('error', (e) => {
      out.endAt = nowMs();
      out.error = e.message;
      consume(true, nowMs());
      resolve(out);
    });
    out.sentAt = nowMs();
    req.end(payload);
  });
}

export interface Assembled {
  firstDelta: unknown;
  reasoning: string;
  content: string;
  finishReason: string | null;
  usage: Record<string, unknown> | null;
  timings: Record<string, unknown> | null;
  done: boolean;
  /** Arrival time of the first chunk carrying a token (reasoning or content). */
  firstTokenAt: number | null;
  tokenChunks: number;
}

/** Puts a stream's events together as a client would (reasoning_content or reasoning field). */
export function assemble(r: RawResponse): Assembled {
  const a: Assembled = { firstDelta: null, reasoning: '', content: '', finishReason: null, usage: null, timings: null, done: false, firstTokenAt: null, tokenChunks: 0 };
  for (const e of r.events) {
    if (e.data === '[DONE]') {
      a.done = true;
      continue;
    }
    const chunk = JSON.parse(e.data);
    if (chunk.usage) a.usage = chunk.usage;
    if (chunk.timings) a.timings = chunk.timings;
    const choice = chunk.choices?.[0];
    if (!choice) continue;
    if (a.firstDelta === null) a.firstDelta = choice.delta;
    const piece = (choice.delta.reasoning_content ?? choice.delta.reasoning ?? '') + (choice.delta.content ?? '');
    if (piece !== '') {
      a.firstTokenAt ??= e.at;
      a.tokenChunks++;
    }
    a.reasoning += choice.delta.reasoning_content ?? choice.delta.reasoning ?? '';
    a.content += choice.delta.content ?? '';
    if (choice.finish_reason) a.finishReason = choice.finish_reason;
  }
  return a;
}

export function chat(content: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'deepseek-r1', messages: [{ role: 'user', content }], ...extra };
}
