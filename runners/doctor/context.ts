// State shared by the checks of one doctor session: the prober, the server's identity, and the requests
// several checks read (the main stream feeds streaming, usage, reasoning-split and latency).
import { fixFor, type Problem } from './fixes.ts';
import { ProbeError, Prober, type GetResult, type StreamProbe } from './probe.ts';
import type { CheckId, CheckStatus, DoctorTarget, Finding, ServerIdentity } from './types.ts';

const BOXED = 'Please reason step by step, and put your final answer within \\boxed{}.';
/** Prompts R1 thinks about (briefly): reasoning must show on at least one. */
export const REASONING_PROMPTS = [
  `What is 17 times 24? ${BOXED}`,
  `How many positive divisors does 360 have? ${BOXED}`,
  `If 3x + 7 = 25, what is x? ${BOXED}`,
];
/** A prompt with many good answers: sampled twice, it should differ. */
export const OPEN_PROMPT = 'Write one short sentence about the sea.';
/** R1's sampling (model card). */
export const R1_SAMPLING = { temperature: 0.6, top_p: 0.95 };
/** Enough for R1 to finish thinking about REASONING_PROMPTS[0] in most samples, small enough to stay cheap. */
export const MAIN_MAX_TOKENS = 2048;

export class DoctorContext {
  readonly prober: Prober;
  server: ServerIdentity = { engine: null, version: null };
  /** GET /models, once identify() ran; null when it could not be read. */
  models: GetResult | null = null;
  private main?: Promise<StreamProbe>;
  private memo = new Map<string, Promise<unknown>>();

  constructor(readonly target: DoctorTarget) {
    this.prober = new Prober(target);
  }

  /** The main probe: a reasoning prompt with R1's sampling, streamed with usage. */
  mainStream(): Promise<StreamProbe> {
    this.main ??= this.prober.chat({ messages: [{ role: 'user', content: REASONING_PROMPTS[0] }], ...R1_SAMPLING, max_tokens: MAIN_MAX_TOKENS });
    return this.main;
  }

  /** Runs `make` once per key (checks that share a request). */
  once<T>(key: string, make: () => Promise<T>): Promise<T> {
    if (!this.memo.has(key)) this.memo.set(key, make());
    return this.memo.get(key) as Promise<T>;
  }

  finding(id: CheckId, status: CheckStatus, observed: string, problem?: Problem): Finding {
    return { id, status, observed, fix: problem && (status === 'warn' || status === 'fail') ? fixFor(problem, this.server.engine) : null };
  }
}

/** Runs a check; a request that could not be answered makes it `skip`, never `fail`. */
export async function guarded(ctx: DoctorContext, id: CheckId, check: (ctx: DoctorContext) => Promise<Finding>): Promise<Finding> {
  try {
    return await check(ctx);
  } catch (e) {
    if (e instanceof ProbeError) return ctx.finding(id, 'skip', `could not finish: ${e.message}`);
    throw e;
  }
}

/** Reasoning and content of a stream as sent, field by field. */
export function streamParts(p: StreamProbe): { reasoningContent: string; reasoning: string; content: string; finishReason: string | null; usage: any; tokenChunks: number } {
  let reasoningContent = '';
  let reasoning = '';
  let content = '';
  let finishReason: string | null = null;
  let usage: any = null;
  let tokenChunks = 0;
  for (const { chunk } of p.chunks) {
    if (chunk?.usage) usage = chunk.usage;
    const choice = chunk?.choices?.[0];
    if (!choice) continue;
    const d = choice.delta ?? {};
    const pieces = [d.reasoning_content, d.reasoning, d.content].map((v) => (typeof v === 'string' ? v : ''));
    reasoningContent += pieces[0];
    reasoning += pieces[1];
    content += pieces[2];
    if (pieces.some((v) => v.length > 0)) tokenChunks++;
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  return { reasoningContent, reasoning, content, finishReason, usage, tokenChunks };
}

/** What a failed request looked like, in a few words. */
export function httpProblem(p: StreamProbe): string {
  return `HTTP ${p.status}${p.errorText ? `: ${p.errorText.slice(0, 120)}` : ''}`;
}
