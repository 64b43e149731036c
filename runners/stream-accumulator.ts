// Builds one completion from stream chunks: reasoning split from answer however the server sends it,
// and the timestamps of every token-bearing chunk. A role-only chunk is not a token.
import type { ServerTimings, Usage } from '../types.ts';
import { GenerationError, type GenerationResult } from './endpoint.ts';
import { opensReasoning, THINK_CLOSE as CLOSE, THINK_OPEN as OPEN } from './think-tags.ts';

/**
 * A stream's text, appended token by token, kept as UTF-8 in one growing buffer outside V8's heap: not
 * thousands of small strings that every young-generation collection copies and then promotes (at 512
 * streams those were a large share of each collection's pause, which showed in TTFT p99). A surrogate pair
 * split across two tokens (a character outside the BMP sent as two `\u` escapes in two chunks) is held
 * until its second half comes, so the text joins exactly as concatenated strings would. (A surrogate with
 * no pair at all is not text: it becomes U+FFFD, as it would anyway when the store writes it as UTF-8.)
 * Buffers under 4 KiB come from Node's shared pool (Buffer.allocUnsafe), so a short answer makes no
 * buffer of its own.
 */
class Utf8Text {
  private buf: Buffer | undefined;
  private bytes = 0;
  /** A high surrogate that ended the last token: its pair may start the next. */
  private high = '';

  /** Whether nothing was appended yet (the first append makes the buffer; an empty token is never appended). */
  get empty(): boolean {
    return this.buf === undefined;
  }

  append(s: string): void {
    if (this.high !== '') {
      s = this.high + s;
      this.high = '';
    }
    const last = s.charCodeAt(s.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.high = s[s.length - 1]!;
      s = s.slice(0, -1);
    }
    const need = this.bytes + 3 * s.length; // at most 3 UTF-8 bytes per UTF-16 code unit
    if (this.buf === undefined || need > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(256, need, 2 * (this.buf?.length ?? 0)));
      this.buf?.copy(grown, 0, 0, this.bytes);
      this.buf = grown;
    }
    // ASCII byte by byte (a token is a few characters: cheaper than a call into the encoder); the rest of
    // a token from its first other character through the encoder.
    const b = this.buf;
    let at = this.bytes;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        at += b.write(s.slice(i), at, 'utf8');
        break;
      }
      b[at++] = c;
    }
    this.bytes = at;
  }

  toString(): string {
    return (this.buf === undefined ? '' : this.buf.toString('utf8', 0, this.bytes)) + this.high;
  }
}

interface ChunkDelta {
  content?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
}

export class StreamAccumulator {
  private readonly reasoningText = new Utf8Text();
  private readonly contentText = new Utf8Text();
  private contentLength = 0;
  /** [content offset where a content chunk starts, its time in ms] — to locate the first answer token after `</think>`. */
  private contentMarks: number[] = [];
  private firstTokenMs?: number;
  private lastTokenMs?: number;
  private readonly gapsMs: number[] = [];
  finishReason: string | null = null;
  usage?: Usage;
  serverTimings?: ServerTimings;
  done = false;

  /** One `data:` payload; `tMs` is when its bytes arrived, relative to the request's send time. */
  onData(data: string, tMs: number): void {
    if (this.done) return; // nothing after [DONE] belongs to the sample
    if (data === '[DONE]') {
      this.done = true;
      return;
    }
    // An empty event (`data:` alone, or only spaces) carries no chunk: skipped, not a malformed chunk.
    if (data.length === 0 || (data.charCodeAt(0) <= 32 && data.trim() === '')) return;
    let chunk: any;
    try {
      chunk = JSON.parse(data);
    } catch {
      throw new GenerationError('protocol', `malformed stream chunk: ${data.slice(0, 80)}`, true);
    }
    if (chunk?.error) {
      const e = chunk.error;
      throw new GenerationError('protocol', `error event in stream: ${String(e.message ?? JSON.stringify(e)).slice(0, 200)}`, true);
    }
    if (chunk?.usage) this.onUsage(chunk.usage);
    if (chunk?.timings) this.onTimings(chunk.timings);
    const choice = chunk?.choices?.[0];
    if (!choice) return;
    this.onText(choice.delta ?? {}, tMs);
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
  }

  /**
   * A whole `chat.completion` (a server that answered `stream: true` with one JSON body): the message
   * counts as one chunk that arrived at `tMs`, so TTFT, TTFA and E2E are all the time of the full body.
   */
  onMessage(body: string, tMs: number): void {
    let parsed: any;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new GenerationError('protocol', `malformed JSON response: ${body.slice(0, 80)}`, true);
    }
    if (parsed?.error) throw new GenerationError('protocol', `error in response: ${String(parsed.error.message ?? JSON.stringify(parsed.error)).slice(0, 200)}`, true);
    const choice = parsed?.choices?.[0];
    if (!choice?.message) throw new GenerationError('protocol', `response has no choices[0].message: ${body.slice(0, 80)}`, true);
    if (parsed.usage) this.onUsage(parsed.usage);
    if (parsed.timings) this.onTimings(parsed.timings);
    this.onText(choice.message, tMs);
    this.finishReason = choice.finish_reason ?? null;
    this.done = true;
  }

  /** The text of one delta (or message). Servers name the reasoning field differently: vLLM
   * `reasoning_content`, renamed `reasoning` (kept in sync for a while, so both may hold the same text);
   * DeepSeek API, llama.cpp, SGLang `reasoning_content`; Ollama, OpenRouter `reasoning`. Take the
   * non-empty one (never both: they are copies when both are set). */
  private onText(delta: ChunkDelta, tMs: number): void {
    const rc = delta.reasoning_content;
    const reasoning = typeof rc === 'string' && rc.length > 0 ? rc : delta.reasoning;
    const content = delta.content;
    let token = false;
    if (typeof reasoning === 'string' && reasoning.length > 0) {
      this.reasoningText.append(reasoning);
      token = true;
    }
    if (typeof content === 'string' && content.length > 0) {
      this.contentMarks.push(this.contentLength, tMs);
      this.contentText.append(content);
      this.contentLength += content.length;
      token = true;
    }
    if (token) this.markToken(tMs);
  }

  private markToken(tMs: number): void {
    if (this.firstTokenMs === undefined) this.firstTokenMs = tMs;
    else this.gapsMs.push(tMs - this.lastTokenMs!);
    this.lastTokenMs = tMs;
  }

  private onUsage(u: any): void {
    const reasoningTokens = u.completion_tokens_details?.reasoning_tokens;
    this.usage = {
      promptTokens: u.prompt_tokens ?? 0,
      completionTokens: u.completion_tokens ?? 0,
      ...(typeof reasoningTokens === 'number' ? { reasoningTokens } : {}),
    };
  }

  private onTimings(t: any): void {
    this.serverTimings = {
      promptTokens: t.prompt_n,
      promptMs: t.prompt_ms,
      predictedTokens: t.predicted_n,
      predictedMs: t.predicted_ms,
      predictedPerSecond: t.predicted_per_second,
    };
  }

  /** Time of the content chunk holding content offset `at`. */
  private timeAtContentOffset(at: number): number | undefined {
    const m = this.contentMarks;
    let t: number | undefined;
    for (let i = 0; i < m.length; i += 2) {
      if (m[i]! > at) break;
      t = m[i + 1];
    }
    return t;
  }

  /** The finished result. `sentAt` is the epoch ms at which the request went out; `endMs` when the stream ended. */
  result(sentAt: number, endMs: number): GenerationResult {
    const content = this.contentText.toString();
    let reasoning: string | null = this.reasoningText.empty ? null : this.reasoningText.toString();
    let answer: string | null = content;
    let answerStart = 0;
    // A server that sent the reasoning in its own field has already split it: tags in content are text.
    // Inline, the boundary is the FIRST `</think>` (and the first `<think>` before it): whatever follows,
    // a second `</think>` included, is answer text. The scorers split a raw output at the same place.
    const split = this.reasoningText.empty;
    const close = split ? content.indexOf(CLOSE) : -1;
    const open = split ? content.indexOf(OPEN) : -1;
    if (close >= 0) {
      // Inline reasoning, with or without the opening tag (the chat template may have added it).
      const inner = content.slice(open >= 0 && open < close ? open + OPEN.length : 0, close);
      reasoning = (reasoning ?? '') + inner;
      answerStart = close + CLOSE.length;
      answer = content.slice(answerStart);
    } else if (open >= 0 && opensReasoning(content)) {
      // Opened and never closed: cut off while reasoning, so there is no answer part. (Only a `<think>`
      // that starts the text opens reasoning; one quoted later in a tagless answer is text. The scorer's
      // answerPart follows the same rule.)
      reasoning = (reasoning ?? '') + content.slice(open + OPEN.length);
      answer = null;
    } else if (split && this.finishReason === 'length') {
      // No tag at all and cut off: the chat template opened <think>, so this is unfinished reasoning.
      // Scoring it could take a \boxed{} the model had not committed to.
      reasoning = content;
      answer = null;
    }
    if (answer !== null) {
      const lead = answer.length - answer.trimStart().length;
      answerStart += lead;
      answer = answer.trim();
      if (answer === '') answer = null;
    }
    const firstAnswerTokenMs = answer === null ? undefined : this.timeAtContentOffset(answerStart);
    return {
      reasoning,
      answer,
      finishReason: this.finishReason,
      usage: this.usage,
      serverTimings: this.serverTimings,
      timing: {
        sentAt,
        firstTokenMs: this.firstTokenMs,
        firstAnswerTokenMs,
        endMs: this.lastTokenMs ?? endMs,
        chunkGapsMs: this.gapsMs,
      },
    };
  }
}
