// The in-process engine: a GGUF model, one context with `parallel` sequences, the model's own chat template,
// and a generation loop that emits the same chunks an OpenAI-compatible reasoning server streams.
import { randomInt } from 'node:crypto';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ChatMessage } from '../../types.ts';
import { GenerationError } from '../endpoint.ts';
import type { EngineModules } from './engine-loader.ts';
import { perfCollector, sharedLlama, type PerfReport } from './llama-instance.ts';
import { SequencePool } from './sequence-pool.ts';
import { countReasoningTokens, promptOpensThinking, ThinkSplitter, type Delta } from './think-split.ts';

/** On a CPU every sequence competes for the same cores: one at a time gives the lowest latency per request. */
export const DEFAULT_PARALLEL_CPU = 1;
/** A GPU batches sequences nearly for free. */
export const DEFAULT_PARALLEL_GPU = 4;
/** Room for R1's 32,768 generated tokens plus a prompt, unless the model or memory allows less. */
export const DEFAULT_MAX_CONTEXT = 32_768 + 2_048;

export interface EngineOptions {
  /** CPU threads for evaluation; default: the machine's physical cores (node-llama-cpp's cpuMathCores). */
  threads?: number;
  /** Sequences evaluated together in one context; default 1 on a CPU, 4 on a GPU. */
  parallel?: number;
  /** Tokens per sequence; default: as much as fits, up to the model's trained context and DEFAULT_MAX_CONTEXT. */
  contextSize?: number;
  /** 'auto' uses a GPU when node-llama-cpp finds one. */
  gpu?: 'auto' | false;
}

export interface EngineRequest {
  messages: ChatMessage[];
  temperature: number;
  topP: number;
  maxTokens: number;
  seed?: number;
  /** Keep generating past end-of-sequence (benchmarks that need exactly maxTokens). */
  ignoreEos?: boolean;
}

/** An OpenAI chat.completion.chunk (plus llama.cpp's `timings` on the usage chunk). */
export type Chunk = Record<string, unknown>;

export class LocalEngine {
  private readonly pool: SequencePool<any>;
  private constructor(
    readonly modelPath: string,
    private readonly model: any,
    private readonly context: any,
    private readonly template: { render(vars: Record<string, unknown>): string },
    readonly threads: number,
    readonly parallel: number,
    readonly gpu: string | false,
  ) {
    this.pool = new SequencePool(Array.from({ length: parallel }, () => context.getSequence()));
  }

  static async open(modelPath: string, mods: EngineModules, opts: EngineOptions = {}): Promise<LocalEngine> {
    const llama = await sharedLlama(mods.nlc, opts.gpu ?? 'auto');
    const model = await llama.loadModel({ modelPath });
    const source: unknown = model.fileInfo?.metadata?.tokenizer?.chat_template;
    if (typeof source !== 'string') {
      await model.dispose();
      throw new GenerationError('http', `${modelPath} carries no chat template (tokenizer.chat_template): use a chat model's GGUF`, false, 400);
    }
    const parallel = Math.max(1, opts.parallel ?? (llama.gpu ? DEFAULT_PARALLEL_GPU : DEFAULT_PARALLEL_CPU));
    const threads = Math.max(1, opts.threads ?? llama.cpuMathCores);
    const context = await model.createContext({
      sequences: parallel,
      contextSize: opts.contextSize ?? { max: DEFAULT_MAX_CONTEXT },
      threads,
      // llama.cpp's counters are per context: with one sequence they are exactly one request's.
      performanceTracking: parallel === 1,
      // With one sequence there is nothing to gather into a batch: dispatch each decode at once (saves a tick per token).
      ...(parallel === 1 ? { batching: { dispatchSchedule: (dispatch: () => void) => dispatch() } } : {}),
    });
    const engine = new LocalEngine(modelPath, model, context, new mods.Template(source), threads, parallel, llama.gpu);
    if (parallel === 1) await perfCollector.read(context); // reset: loading is not a request
    return engine;
  }

  /** The model's name on the wire: its file name. */
  get modelId(): string {
    return basename(this.modelPath);
  }

  get contextSize(): number {
    return this.context.contextSize;
  }

  /** The prompt exactly as the model's own template renders it, with the generation prompt. */
  renderPrompt(messages: ChatMessage[]): string {
    const t = this.model.tokens;
    return this.template.render({
      messages,
      add_generation_prompt: true,
      bos_token: t.bosString ?? '',
      eos_token: t.eosString ?? '',
    });
  }

  tokenizePrompt(prompt: string): number[] {
    const tokens: number[] = this.model.tokenize(prompt, true);
    const bos = this.model.tokens.bos;
    // Templates that emit bos_token already hold it; add it only where the model wants one and the template did not.
    if (bos != null && this.model.tokens.shouldPrependBosToken && tokens[0] !== bos) tokens.unshift(bos);
    return tokens;
  }

  /** Generates one completion, calling `emit` with each chunk in order; resolves after the usage chunk. */
  async generate(req: EngineRequest, emit: (chunk: Chunk) => void, signal?: AbortSignal): Promise<void> {
    const prompt = this.renderPrompt(req.messages);
    const tokens = this.tokenizePrompt(prompt);
    if (tokens.length >= this.contextSize)
      throw new GenerationError('http', `prompt of ${tokens.length} tokens does not fit the context of ${this.contextSize} tokens: raise the context size`, false, 400);
    const seq = await this.pool.acquire(signal);
    try {
      await seq.clearHistory();
      await this.run(seq, tokens, prompt, req, emit, signal);
    } catch (e) {
      // An abandoned generation's decodes must not count toward the next request's counters.
      if (this.parallel === 1) await perfCollector.read(this.context).catch(() => undefined);
      throw e;
    } finally {
      this.pool.release(seq);
    }
  }

  private async run(seq: any, tokens: number[], prompt: string, req: EngineRequest, emit: (c: Chunk) => void, signal?: AbortSignal): Promise<void> {
    const created = Math.floor(Date.now() / 1000);
    const base = { id: `chatcmpl-local-${created}-${Math.random().toString(36).slice(2, 10)}`, object: 'chat.completion.chunk', created, model: this.modelId };
    const send = (d: Delta) => {
      if (d.reasoning) emit({ ...base, choices: [{ index: 0, delta: { reasoning_content: d.reasoning }, finish_reason: null }] });
      if (d.content) emit({ ...base, choices: [{ index: 0, delta: { content: d.content }, finish_reason: null }] });
    };
    const splitter = new ThinkSplitter(promptOpensThinking(prompt));
    const maxNew = Math.max(1, Math.min(req.maxTokens, this.contextSize - tokens.length));
    let finishReason = 'length';
    let generated = 0;
    let pending: number[] = [];
    let recent: number[] = [];
    /** Where each generated token's text ends in the whole output: reasoning tokens are counted from these. */
    const tokenEnds: number[] = [];
    let textLength = 0;
    const tStart = performance.now();
    let tFirst = tStart;
    let tLast = tStart;
    const flushPending = (text: string) => {
      // A batch of several tokens (a character split across them): each token's own end, from its prefix.
      for (let i = 1; i < pending.length; i++) {
        const prefix: string = this.model.detokenize(pending.slice(0, i), false, recent);
        tokenEnds.push(textLength + Math.min(prefix.replace(/\uFFFD+$/, '').length, text.length));
      }
      textLength += text.length;
      tokenEnds.push(textLength);
      send(splitter.push(text));
      recent = [...recent, ...pending].slice(-16);
      pending = [];
    };
    // node-llama-cpp's default seed is the epoch time in seconds: requests in the same second would sample
    // identically (every "sample" the same). Unseeded requests get a random seed, as llama-server gives them.
    const options = { temperature: req.temperature, topP: req.topP, yieldEogToken: true, seed: req.seed ?? randomInt(2 ** 31) };
    for await (const token of seq.evaluate(tokens, options)) {
      if (signal?.aborted) throw new GenerationError('aborted', 'aborted', false);
      const now = performance.now();
      if (generated === 0) tFirst = now;
      tLast = now;
      generated++;
      if (!req.ignoreEos && this.model.isEogToken(token)) {
        finishReason = 'stop';
        break;
      }
      pending.push(token);
      // A character split across tokens detokenizes to U+FFFD until its last byte arrives.
      const text: string = this.model.detokenize(pending, false, recent);
      if (!text.endsWith('\uFFFD') || pending.length >= 4) flushPending(text);
      if (generated >= maxNew) break;
    }
    if (pending.length) flushPending(this.model.detokenize(pending, false, recent));
    send(splitter.flush(finishReason));
    const reasoningTokens = countReasoningTokens(splitter, tokenEnds);
    emit({ ...base, choices: [{ index: 0, delta: {}, finish_reason: finishReason }] });
    const perf = this.parallel === 1 ? await perfCollector.read(this.context) : undefined;
    emit({
      ...base,
      choices: [],
      usage: {
        prompt_tokens: tokens.length,
        completion_tokens: generated,
        total_tokens: tokens.length + generated,
        completion_tokens_details: { reasoning_tokens: reasoningTokens },
      },
      timings: engineTimings(perf, { promptTokens: tokens.length, promptMs: tFirst - tStart, runs: Math.max(0, generated - 1), evalMs: tLast - tFirst }),
    });
  }

  async close(): Promise<void> {
    await this.context.dispose();
    await this.model.dispose();
  }
}

/**
 * llama.cpp's own counters when the context ran this request alone; otherwise the sequence's own clock
 * (as llama-server times its slots). Either way predicted_n counts decodes after the first token.
 */
function engineTimings(perf: PerfReport | undefined, loop: { promptTokens: number; promptMs: number; runs: number; evalMs: number }) {
  const t = perf ? { promptTokens: perf.promptTokens, promptMs: perf.promptMs, runs: perf.evalRuns, evalMs: perf.evalMs } : loop;
  const perSecond = (n: number, ms: number) => (ms > 0 ? (n / ms) * 1000 : null);
  return {
    source: perf ? 'llama.cpp' : 'sequence-clock',
    prompt_n: t.promptTokens,
    prompt_ms: t.promptMs,
    prompt_per_second: perSecond(t.promptTokens, t.promptMs),
    predicted_n: t.runs,
    predicted_ms: t.evalMs,
    predicted_per_second: perSecond(t.runs, t.evalMs),
  };
}
