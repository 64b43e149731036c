// Wire format: chat.completion.chunk SSE events and the non-streaming response, as vLLM and
// llama.cpp write them. Chunks are built from string templates: JSON.stringify only on token text.
import type { Plan } from './plan.ts';

export interface UsageCounts {
  promptTokens: number;
  completionTokens: number;
  reasoningTokens: number;
}

export interface TimingsCounts {
  promptTokens: number;
  promptMs: number;
  predictedTokens: number;
  predictedMs: number;
}

export const DONE = 'data: [DONE]\n\n';

export class ChunkRenderer {
  private readonly prefix: string;
  private readonly head: string;

  constructor(
    id: string,
    created: number,
    model: string,
    private readonly plan: Plan,
  ) {
    this.head = `{"id":"${id}","object":"chat.completion.chunk","created":${created},"model":${JSON.stringify(model)}`;
    this.prefix = `data: ${this.head},"choices":[{"index":0,"delta":{`;
  }

  /** The first chunk: role only, no token (not counted for TTFT). */
  role(): string {
    return `${this.prefix}"role":"assistant","content":""},"logprobs":null,"finish_reason":null}]}\n\n`;
  }

  /** One chunk carrying tokens [from, to); a chunk that spans the end of the reasoning carries both fields. */
  tokens(from: number, to: number): string {
    const { tokens, reasoningCount, reasoningField } = this.plan;
    let delta: string;
    if (reasoningField === 'content' || from >= reasoningCount) {
      delta = `"content":${JSON.stringify(join(tokens, from, to))}`;
    } else if (to <= reasoningCount) {
      delta = `"${reasoningField}":${JSON.stringify(join(tokens, from, to))}`;
    } else {
      delta = `"${reasoningField}":${JSON.stringify(join(tokens, from, reasoningCount))},"content":${JSON.stringify(join(tokens, reasoningCount, to))}`;
    }
    return `${this.prefix}${delta}},"logprobs":null,"finish_reason":null}]}\n\n`;
  }

  /** The last choice chunk: empty delta, the finish reason, and llama.cpp-style timings when asked. */
  finish(timings?: TimingsCounts): string {
    const t = timings ? `,"timings":${JSON.stringify(timingsObject(timings))}` : '';
    return `${this.prefix}},"logprobs":null,"finish_reason":"${this.plan.finishReason}"}]${t}}\n\n`;
  }

  /** The usage chunk (`stream_options.include_usage`): no choices. */
  usage(u: UsageCounts): string {
    return `data: ${this.head},"choices":[],"usage":${JSON.stringify(usageObject(u))}}\n\n`;
  }
}

function join(tokens: string[], from: number, to: number): string {
  if (to - from === 1) return tokens[from]!;
  let s = '';
  for (let i = from; i < to; i++) s += tokens[i];
  return s;
}

export function usageObject(u: UsageCounts) {
  return {
    prompt_tokens: u.promptTokens,
    completion_tokens: u.completionTokens,
    total_tokens: u.promptTokens + u.completionTokens,
    completion_tokens_details: { reasoning_tokens: u.reasoningTokens },
  };
}

export function timingsObject(t: TimingsCounts) {
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    prompt_n: t.promptTokens,
    prompt_ms: round(t.promptMs),
    predicted_n: t.predictedTokens,
    predicted_ms: round(t.predictedMs),
    predicted_per_second: t.predictedMs > 0 ? round((t.predictedTokens * 1000) / t.predictedMs) : 0,
  };
}

/** The whole response of a non-streaming request. */
export function completionBody(id: string, created: number, model: string, plan: Plan, u: UsageCounts, timings?: TimingsCounts): string {
  const reasoning = plan.tokens.slice(0, plan.reasoningCount).join('');
  const rest = plan.tokens.slice(plan.reasoningCount).join('');
  const message: Record<string, unknown> = { role: 'assistant' };
  if (plan.reasoningField === 'content') message.content = reasoning + rest;
  else {
    // vLLM: cut off inside the reasoning, content is null.
    message.content = plan.reasoningCount < plan.tokens.length ? rest : null;
    message[plan.reasoningField] = reasoning;
  }
  const body: Record<string, unknown> = {
    id,
    object: 'chat.completion',
    created,
    model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: plan.finishReason }],
    usage: usageObject(u),
  };
  if (timings) body.timings = timingsObject(timings);
  return JSON.stringify(body);
}

/** OpenAI-style error body. */
export function errorBody(message: string, type: string, code: string | number | null, param: string | null = null): string {
  return JSON.stringify({ error: { message, type, param, code } });
}
