// Checks read from streamed answers: streaming, usage, reasoning-split, max-tokens, latency.
import { DoctorContext, httpProblem, MAIN_MAX_TOKENS, R1_SAMPLING, REASONING_PROMPTS, streamParts } from './context.ts';
import type { StreamProbe } from './probe.ts';
import type { Finding } from './types.ts';

const ok = (p: StreamProbe) => p.status >= 200 && p.status < 300 && p.contentType.includes('text/event-stream') && !p.protocolError;

export async function checkStreaming(ctx: DoctorContext): Promise<Finding> {
  const p = await ctx.mainStream();
  // Still 5xx after the retries: the check could not finish (skip); any other error status is the deployment's answer.
  if (p.status >= 500) return ctx.finding('streaming', 'skip', `could not check: a streamed request got ${httpProblem(p)} after retries`);
  if (p.status < 200 || p.status >= 300) return ctx.finding('streaming', 'fail', `a streamed request got ${httpProblem(p)}`, p.status === 404 ? 'model-name' : 'stream-broken');
  if (!p.contentType.includes('text/event-stream'))
    return ctx.finding('streaming', 'fail', `stream: true was answered with content-type "${p.contentType}", not an SSE stream`, 'stream-broken');
  if (p.protocolError) return ctx.finding('streaming', 'fail', `the stream broke: ${p.protocolError}`, 'stream-broken');
  const { finishReason } = streamParts(p);
  if (!finishReason) return ctx.finding('streaming', 'fail', `the stream ended ${p.done ? 'with [DONE] but' : 'with neither [DONE] nor'} a finish_reason`, 'stream-broken');
  if (!p.done) return ctx.finding('streaming', 'warn', `finish_reason ${finishReason} but no [DONE] at the end (r1bench accepts it; other clients may wait)`, 'stream-broken');
  return ctx.finding('streaming', 'pass', `${p.chunks.length} chunks, finish_reason ${finishReason}, then [DONE]`);
}

export async function checkUsage(ctx: DoctorContext): Promise<Finding> {
  const p = await ctx.mainStream();
  if (!ok(p)) return ctx.finding('usage', 'skip', 'no readable stream to check (see streaming)');
  const parts = streamParts(p);
  const u = parts.usage;
  if (!u) return ctx.finding('usage', 'fail', 'no usage chunk although the request set stream_options.include_usage', 'no-usage');
  const completion = u.completion_tokens;
  if (typeof completion !== 'number') return ctx.finding('usage', 'fail', `the usage chunk has no completion_tokens: ${JSON.stringify(u).slice(0, 80)}`, 'no-usage');
  const bytes = Buffer.byteLength(parts.reasoningContent + parts.reasoning + parts.content);
  const reasoning = u.completion_tokens_details?.reasoning_tokens;
  // Each token-bearing chunk holds at least one token (end-of-sequence and hidden think tags hold none
  // visible); a token is at least one byte of text, tags and end-of-sequence aside.
  const said = `usage says ${completion} completion tokens${typeof reasoning === 'number' ? ` (${reasoning} reasoning)` : ''}`;
  if (parts.tokenChunks > completion + 2 || completion > bytes + 4)
    return ctx.finding('usage', 'fail', `${said}, but ${parts.tokenChunks} chunks carrying ${bytes} bytes were streamed`, 'no-usage');
  if (typeof reasoning === 'number' && reasoning > completion) return ctx.finding('usage', 'fail', `${said}: more reasoning tokens than tokens`, 'no-usage');
  return ctx.finding('usage', 'pass', `${said} for ${parts.tokenChunks} streamed chunks; prompt ${u.prompt_tokens ?? '?'} tokens`);
}

type Shape = 'reasoning_content' | 'reasoning' | 'inline' | 'inline-no-open' | 'skipped' | 'untagged' | 'none' | 'broken';

/** How one answer carried its reasoning. */
export function reasoningShape(p: StreamProbe): Shape {
  if (!ok(p)) return 'broken';
  const { reasoningContent, reasoning, content, finishReason } = streamParts(p);
  if (reasoningContent.trim()) return 'reasoning_content';
  if (reasoning.trim()) return 'reasoning';
  if (reasoningContent || reasoning) return 'skipped';
  const open = content.indexOf('<think>');
  const close = content.indexOf('</think>');
  if (close >= 0) {
    const opened = open >= 0 && open < close;
    if (!content.slice(opened ? open + 7 : 0, close).trim()) return 'skipped';
    return opened ? 'inline' : 'inline-no-open';
  }
  if (open >= 0) return 'inline';
  return finishReason === 'length' ? 'untagged' : 'none';
}

const REAL: Shape[] = ['reasoning_content', 'reasoning', 'inline', 'inline-no-open'];

export async function checkReasoningSplit(ctx: DoctorContext): Promise<Finding> {
  const shapes: Shape[] = [reasoningShape(await ctx.mainStream())];
  // R1 may skip thinking on one prompt: ask the others before concluding there is no reasoning.
  for (let i = 1; i < REASONING_PROMPTS.length && !REAL.includes(shapes.at(-1)!); i++) {
    const p = await ctx.once(`reasoning-${i}`, () => ctx.prober.chat({ messages: [{ role: 'user', content: REASONING_PROMPTS[i] }], ...R1_SAMPLING, max_tokens: MAIN_MAX_TOKENS }));
    shapes.push(reasoningShape(p));
  }
  const n = shapes.length;
  const last = shapes.at(-1)!;
  if (last === 'reasoning_content') return ctx.finding('reasoning-split', 'pass', 'reasoning arrives in reasoning_content, the answer in content');
  if (last === 'reasoning') return ctx.finding('reasoning-split', 'pass', "reasoning arrives in reasoning (vLLM's newer name), the answer in content");
  if (last === 'inline')
    return ctx.finding('reasoning-split', 'warn', 'reasoning arrives inline in content between <think> tags (no reasoning parser): r1bench splits it, other clients show the tags', 'reasoning-parser');
  if (last === 'inline-no-open')
    return ctx.finding('reasoning-split', 'warn', 'reasoning arrives inline in content ending at </think> with no opening tag (the template opened it; no reasoning parser): r1bench splits at </think>', 'reasoning-parser');
  if (shapes.every((s) => s === 'broken')) return ctx.finding('reasoning-split', 'skip', 'no readable stream to check (see streaming)');
  if (shapes.includes('untagged'))
    return ctx.finding('reasoning-split', 'fail', `reasoning in content with no tag to split on (cut off at ${MAIN_MAX_TOKENS} tokens with no </think>)`, 'reasoning-parser');
  if (shapes.every((s) => s === 'skipped' || s === 'broken'))
    return ctx.finding('reasoning-split', 'warn', `R1 skipped thinking (an empty think block) on all ${n} prompts`, 'skipped-thinking');
  return ctx.finding('reasoning-split', 'fail', `no reasoning on ${n} prompts that need it: no reasoning field and no think tags in content`, 'no-reasoning');
}

/** The max_tokens probe's limit: far below what R1 writes for any reasoning prompt. */
export const MAX_TOKENS_LIMIT = 16;

export async function checkMaxTokens(ctx: DoctorContext): Promise<Finding> {
  const limit = MAX_TOKENS_LIMIT;
  const p = await ctx.prober.chat({ messages: [{ role: 'user', content: REASONING_PROMPTS[1] }], ...R1_SAMPLING, max_tokens: limit });
  // An HTTP error says nothing about max_tokens: the check could not be made (the streaming check names the error).
  if (p.status < 200 || p.status >= 300) return ctx.finding('max-tokens', 'skip', `could not check: the request got ${httpProblem(p)}`);
  if (!ok(p)) return ctx.finding('max-tokens', 'skip', 'no readable stream to check (see streaming)');
  const parts = streamParts(p);
  const counted = typeof parts.usage?.completion_tokens === 'number';
  const tokens: number = counted ? parts.usage.completion_tokens : parts.tokenChunks;
  const what = `${tokens} ${counted ? 'tokens (usage)' : 'token chunks'}`;
  // Without usage each chunk holds at least one token: more chunks than the limit (and an end token) is over it.
  const over = counted ? tokens > limit : tokens > limit + 1;
  if (over) return ctx.finding('max-tokens', 'fail', `max_tokens ${limit} ignored: ${what}, finish_reason ${parts.finishReason}`, 'max-tokens-ignored');
  if (parts.finishReason === 'length') return ctx.finding('max-tokens', 'pass', `max_tokens ${limit} stopped the stream after ${what} with finish_reason length`);
  return ctx.finding('max-tokens', 'warn', `finish_reason ${parts.finishReason} after ${what}, within max_tokens ${limit}: the model stopped first, so the limit was not tested`);
}

export async function checkLatency(ctx: DoctorContext): Promise<Finding> {
  const p = await ctx.mainStream();
  const t = p.result?.timing;
  if (!ok(p) || !t || t.firstTokenMs === undefined) return ctx.finding('latency', 'skip', 'no readable stream to time (see streaming)');
  const parts = streamParts(p);
  const tokens: number = parts.usage?.completion_tokens ?? parts.tokenChunks;
  const decodeMs = t.endMs - t.firstTokenMs;
  const rate = tokens > 1 && decodeMs > 0 ? `${(((tokens - 1) * 1000) / decodeMs).toFixed(1)} tokens/s` : 'tokens/s n/a';
  const ttfa = t.firstAnswerTokenMs === undefined ? 'no answer token' : `TTFA ${Math.round(t.firstAnswerTokenMs)} ms`;
  return ctx.finding('latency', 'pass', `TTFT ${Math.round(t.firstTokenMs)} ms, ${ttfa}, ${rate} over ${tokens} tokens (one stream, no load)`);
}
