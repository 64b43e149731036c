// Checks of what the server does with a request's settings: temperature, seed, system messages.
import { DoctorContext, httpProblem, OPEN_PROMPT, R1_SAMPLING, streamParts } from './context.ts';
import type { StreamProbe } from './probe.ts';
import type { Finding } from './types.ts';

const SAMPLES = 3;
/** Identical short outputs may be chance (an early end-of-sequence): draw up to this many before judging. */
const MAX_SAMPLES = 6;
/** Outputs shorter than this prove nothing by being identical. */
const MIN_TOKENS = 8;
const SAMPLE_MAX_TOKENS = 48;
const SEED = 424242;
/** A one-word prompt costs a handful of template tokens; past this, something was added in front. */
export const INJECTED_PROMPT_TOKENS = 24;

/** The whole text of an answer, reasoning included, for byte comparison; null when the request failed. */
function textOf(p: StreamProbe): string | null {
  if (p.status < 200 || p.status >= 300 || p.protocolError) return null;
  const { reasoningContent, reasoning, content } = streamParts(p);
  return `${reasoningContent}\u0000${reasoning}\u0000${content}`;
}

function tokensOf(p: StreamProbe): number {
  const parts = streamParts(p);
  return typeof parts.usage?.completion_tokens === 'number' ? parts.usage.completion_tokens : parts.tokenChunks;
}

const open = (extra: Record<string, unknown> = {}) => ({ messages: [{ role: 'user', content: OPEN_PROMPT }], ...R1_SAMPLING, max_tokens: SAMPLE_MAX_TOKENS, ...extra });

interface Samples {
  texts: (string | null)[];
  /** Fewest tokens among the outputs. */
  shortest: number;
}

/** Identical requests at temperature 0.6, one after another (a server batching them together is still tested fairly). */
function samples(ctx: DoctorContext): Promise<Samples> {
  return ctx.once('temperature', async () => {
    const texts: (string | null)[] = [];
    let shortest = Infinity;
    while (texts.length < MAX_SAMPLES) {
      const p = await ctx.prober.chat(open());
      texts.push(textOf(p));
      shortest = Math.min(shortest, tokensOf(p));
      if (texts.includes(null)) break;
      if (texts.length >= SAMPLES && (new Set(texts).size > 1 || shortest >= MIN_TOKENS)) break;
    }
    return { texts, shortest };
  });
}

const sampledIdentically = (s: Samples) => s.texts.every((t) => t !== null) && new Set(s.texts).size === 1;

export async function checkTemperature(ctx: DoctorContext): Promise<Finding> {
  const s = await samples(ctx);
  const n = s.texts.length;
  if (s.texts.includes(null)) return ctx.finding('temperature', 'skip', 'a sampling request failed (see streaming)');
  if (!sampledIdentically(s)) return ctx.finding('temperature', 'pass', `${n} identical requests at temperature 0.6 gave ${new Set(s.texts).size} different outputs`);
  if (s.shortest < MIN_TOKENS) return ctx.finding('temperature', 'skip', `${n} identical requests gave the same ${s.shortest}-token output: too short to tell ignored sampling from chance`);
  return ctx.finding('temperature', 'fail', `${n} identical requests at temperature 0.6 gave byte-identical output: sampling is ignored or a cache answers (pass@k and cons@64 would mean nothing)`, 'sampling-ignored');
}

export async function checkSeed(ctx: DoctorContext): Promise<Finding> {
  const s = await samples(ctx);
  if (sampledIdentically(s) && s.shortest >= MIN_TOKENS) return ctx.finding('seed', 'skip', 'sampling is ignored (see temperature), so a seed cannot be tested');
  const a = textOf(await ctx.prober.chat(open({ seed: SEED })));
  const b = textOf(await ctx.prober.chat(open({ seed: SEED })));
  if (a === null || b === null) return ctx.finding('seed', 'skip', 'a seeded request failed (see streaming)');
  if (a === b) return ctx.finding('seed', 'pass', 'the same seed twice gave the same output: runs with a seed are reproducible on this server');
  return ctx.finding('seed', 'warn', 'the same seed twice gave different outputs: seeds are ignored or batching changes results; runs are not reproducible', 'seed-ignored');
}

export async function checkSystemPrompt(ctx: DoctorContext): Promise<Finding> {
  const plain = await ctx.prober.chat({ messages: [{ role: 'user', content: 'Hi' }], ...R1_SAMPLING, max_tokens: 1 });
  const withSystem = await ctx.prober.chat({ messages: [{ role: 'system', content: 'Answer briefly.' }, { role: 'user', content: 'Hi' }], ...R1_SAMPLING, max_tokens: 1 });
  if (plain.status < 200 || plain.status >= 300) return ctx.finding('system-prompt', 'skip', `a one-word request got ${httpProblem(plain)}`);
  const base: unknown = streamParts(plain).usage?.prompt_tokens;
  const accepted = withSystem.status >= 200 && withSystem.status < 300;
  const system = accepted ? `a system message is accepted` : `a system message is refused (${httpProblem(withSystem)}; r1bench sends none)`;
  if (typeof base !== 'number') return ctx.finding('system-prompt', 'skip', `${system}; no usage, so an added system prompt cannot be seen`);
  if (base > INJECTED_PROMPT_TOKENS)
    return ctx.finding('system-prompt', 'warn', `a one-word prompt costs ${base} prompt tokens: the server or a gateway adds a system prompt (R1's advice: none); ${system}`, 'system-prompt');
  const extra: unknown = streamParts(withSystem).usage?.prompt_tokens;
  const added = accepted && typeof extra === 'number' ? ` (+${extra - base} tokens)` : '';
  return ctx.finding('system-prompt', 'pass', `${system}${added}; nothing is added to a one-word prompt (${base} prompt tokens)`);
}
