// Checks of what the server does with a request's settings: temperature, seed, system messages.
import { DoctorContext, httpProblem, OPEN_PROMPT, R1_SAMPLING, streamParts } from './context.ts';
import type { StreamProbe } from './probe.ts';
import type { Finding } from './types.ts';

const SAMPLES = 3;
const SAMPLE_MAX_TOKENS = 48;
const SEED = 424242;
/** A one-word prompt costs a handful of template tokens; past this, something was added in front. */
export const INJECTED_PROMPT_TOKENS = 24;

/** The whole text of an answer, reasoning included, for byte comparison. */
function textOf(p: StreamProbe): string | null {
  if (p.status < 200 || p.status >= 300 || p.protocolError) return null;
  const { reasoningContent, reasoning, content } = streamParts(p);
  return `${reasoningContent}\u0000${reasoning}\u0000${content}`;
}

const open = (extra: Record<string, unknown> = {}) => ({ messages: [{ role: 'user', content: OPEN_PROMPT }], ...R1_SAMPLING, max_tokens: SAMPLE_MAX_TOKENS, ...extra });

/** SAMPLES identical requests at temperature 0.6: their texts, null where one failed. */
function samples(ctx: DoctorContext): Promise<(string | null)[]> {
  return ctx.once('temperature', async () => {
    const out: (string | null)[] = [];
    // One after another: a server that batches identical requests together is still tested fairly.
    for (let i = 0; i < SAMPLES; i++) out.push(textOf(await ctx.prober.chat(open())));
    return out;
  });
}

export async function checkTemperature(ctx: DoctorContext): Promise<Finding> {
  const texts = await samples(ctx);
  if (texts.some((t) => t === null)) return ctx.finding('temperature', 'skip', 'a sampling request failed (see streaming)');
  const distinct = new Set(texts).size;
  if (distinct === 1)
    return ctx.finding('temperature', 'fail', `${SAMPLES} identical requests at temperature 0.6 gave byte-identical output: sampling is ignored or a cache answers (pass@k and cons@64 would mean nothing)`, 'sampling-ignored');
  return ctx.finding('temperature', 'pass', `${SAMPLES} identical requests at temperature 0.6 gave ${distinct} different outputs`);
}

export async function checkSeed(ctx: DoctorContext): Promise<Finding> {
  const texts = await samples(ctx);
  if (texts.every((t) => t !== null) && new Set(texts).size === 1) return ctx.finding('seed', 'skip', 'sampling is ignored (see temperature), so a seed cannot be tested');
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
