// What the server says about itself: engine and version, the model list, the context it allows, /metrics.
import { parsePrometheus, SERVING_METRIC_NAMES, servingMetrics } from '../../hardware-profiles/prometheus.ts';
import { bundledSuites, loadSuite } from '../../suites/registry.ts';
import type { DoctorContext } from './context.ts';
import { ProbeError, type GetResult } from './probe.ts';
import type { Finding, ServerIdentity } from './types.ts';

/** R1's longest generation (model card): the context must hold it plus the prompt. */
export const R1_MAX_GENERATED_TOKENS = 32_768;

/** The endpoint refused the API key: doctor cannot check anything (exit 2). */
export class DoctorAuthError extends Error {}

const quiet = (p: Promise<GetResult>) => p.catch(() => null);
const isLocal = (host: string) => /^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|\[::1\]|\[?fd)/.test(host);

/** Reads /models and the engines' self-descriptions; throws ProbeError when the server cannot be reached. */
export async function identify(ctx: DoctorContext): Promise<ServerIdentity> {
  const models = await ctx.prober.get('/models');
  if (models.status === 401 || models.status === 403) throw new DoctorAuthError(`${ctx.prober.endpoint} refused the API key (HTTP ${models.status}): check --api-key-env`);
  ctx.models = models;
  const [props, ollama, sglang, version, metrics] = await Promise.all(['/props', '/api/version', '/get_server_info', '/version', '/metrics'].map((p) => quiet(ctx.prober.get(p, true))));
  const metricsText = metrics?.status === 200 ? metrics.text : null;
  ctx.once('metrics', async () => metricsText);
  const json = (r: GetResult | null) => (r && r.status === 200 && r.json && typeof r.json === 'object' ? r.json : null);
  const owner = String(json(models)?.data?.[0]?.owned_by ?? '').toLowerCase();
  const server = `${models.headers.get('server') ?? ''}`.toLowerCase();
  const id = (engine: string | null, v: unknown): ServerIdentity => ({ engine, version: typeof v === 'string' || typeof v === 'number' ? String(v) : null });
  // r1bench's own servers first: the simulator speaks vLLM's metrics but is not vLLM.
  if (owner === 'r1bench') return id('r1bench serve (node-llama-cpp)', null);
  if (owner === 'r1bench-simulator') return id('r1bench simulate', null);
  const llama = json(props);
  if (llama && ('build_info' in llama || 'default_generation_settings' in llama)) return id('llama.cpp', llama.build_info);
  if (json(ollama)?.version) return id('Ollama', json(ollama).version);
  if (json(sglang)?.version || owner === 'sglang' || metricsText?.includes('sglang:')) return id('SGLang', json(sglang)?.version ?? json(version)?.version);
  if (owner === 'vllm' || metricsText?.includes('vllm:')) return id('vLLM', json(version)?.version);
  if (owner === 'llamacpp' || server.includes('llama.cpp') || metricsText?.includes('llamacpp:')) return id('llama.cpp', null);
  if (owner === 'library' || owner === 'ollama') return id('Ollama', null);
  if (!isLocal(ctx.prober.base.host)) return id(`hosted API (${ctx.prober.base.hostname})`, json(version)?.version ?? null);
  return id(null, json(version)?.version ?? null);
}

export async function checkModelListed(ctx: DoctorContext): Promise<Finding> {
  const m = ctx.models;
  const ids: string[] | null = m && m.status === 200 && Array.isArray(m.json?.data) ? m.json.data.map((d: { id?: unknown }) => String(d?.id)) : null;
  if (!ids) return ctx.finding('model-listed', 'warn', `no model list at ${ctx.prober.endpoint}/models${m ? ` (HTTP ${m.status})` : ''}`, 'model-name');
  if (ids.includes(ctx.target.model)) return ctx.finding('model-listed', 'pass', `"${ctx.target.model}" is listed${ids.length > 1 ? ` among ${ids.length} models` : ''}`);
  return ctx.finding('model-listed', 'warn', `"${ctx.target.model}" is not listed; the server lists ${ids.slice(0, 5).map((i) => `"${i}"`).join(', ') || 'nothing'}`, 'model-name');
}

let longestPrompt: Promise<number> | undefined;
/** Tokens of the longest bundled prompt, estimated at 3 characters a token (code and maths run short). */
export function longestBundledPromptTokens(): Promise<number> {
  longestPrompt ??= (async () => {
    let chars = 0;
    for (const id of Object.keys(bundledSuites)) {
      const suite = await loadSuite(id).catch(() => null);
      for (const item of suite?.items ?? []) chars = Math.max(chars, item.prompt.reduce((n, m) => n + m.content.length, 0));
    }
    return chars > 0 ? Math.ceil(chars / 3) : 2048;
  })();
  return longestPrompt;
}

/** The context the server says it allows, from /models fields or llama.cpp's /props (per slot). */
async function declaredContext(ctx: DoctorContext): Promise<{ tokens: number; source: string } | null> {
  const entry = (ctx.models?.json?.data ?? []).find((d: { id?: unknown }) => d?.id === ctx.target.model) ?? ctx.models?.json?.data?.[0];
  for (const field of ['max_model_len', 'context_length', 'context_window', 'max_context_length']) {
    if (Number.isInteger(entry?.[field]) && entry[field] > 0) return { tokens: entry[field], source: `/v1/models ${field}` };
  }
  if (ctx.server.engine === 'llama.cpp') {
    const props = await ctx.prober.get('/props', true).catch(() => null);
    const nCtx = props?.json?.default_generation_settings?.n_ctx;
    if (Number.isInteger(nCtx) && nCtx > 0) return { tokens: nCtx, source: '/props n_ctx (per slot)' };
  }
  return null;
}

export async function checkContext(ctx: DoctorContext): Promise<Finding> {
  const prompt = await longestBundledPromptTokens();
  const need = R1_MAX_GENERATED_TOKENS + prompt;
  const against = `R1's ${R1_MAX_GENERATED_TOKENS} generated tokens + the longest bundled prompt (~${prompt}) = ${need}`;
  const declared = await declaredContext(ctx);
  if (declared) {
    const status = declared.tokens >= need ? 'pass' : 'fail';
    return ctx.finding('context', status, `${declared.tokens} tokens (${declared.source}) ${status === 'pass' ? '≥' : '<'} ${against}`, 'context-short');
  }
  if (ctx.server.engine === 'Ollama') return ctx.finding('context', 'warn', `Ollama does not say its context (num_ctx); it must be ≥ ${need}`, 'context-short');
  // Bounded probes, largest last, stopping at the first refusal; an accepted one is cut at once.
  let accepted = 0;
  for (const size of [8192, 16384, need]) {
    const p = await ctx.prober.chat({ messages: [{ role: 'user', content: 'Hi' }], max_tokens: size }, true);
    if (p.status === 400) {
      const bound = accepted ? `accepts max_tokens ${accepted}, ` : '';
      return ctx.finding('context', 'fail', `${bound}refuses max_tokens ${size} (HTTP 400) < ${against}`, 'context-short');
    }
    if (p.status < 200 || p.status >= 300) throw new ProbeError(`a context probe got HTTP ${p.status}`, false);
    accepted = size;
  }
  return ctx.finding('context', 'pass', `accepts max_tokens ${need} (probed; the server states no limit) for ${against}`);
}

export async function checkMetrics(ctx: DoctorContext): Promise<Finding> {
  const text = await ctx.once<string | null>('metrics', async () => null);
  const where = `${ctx.prober.root}/metrics`;
  if (text === null) return ctx.finding('metrics', 'warn', `no Prometheus metrics at ${where}: the load test will have no server-side series`, 'no-metrics');
  const found = Object.keys(servingMetrics(parsePrometheus(text, SERVING_METRIC_NAMES)).raw);
  if (found.length === 0) return ctx.finding('metrics', 'warn', `${where} has none of the series r1bench reads (vllm:, sglang:, llamacpp:)`, 'no-metrics');
  return ctx.finding('metrics', 'pass', `${where}: r1bench will read ${found.join(', ')}`);
}
