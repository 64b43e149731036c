// What to change, per engine, for each problem doctor can find. Flags as the engines document them:
// vLLM `--reasoning-parser deepseek_r1` (before v0.8 with `--enable-reasoning`), SGLang `--reasoning-parser
// deepseek-r1`, llama.cpp `--jinja --reasoning-format deepseek`, Ollama's `think` / OpenAI `reasoning`.
// llama.cpp's flags checked against its tools/server/README.md at commit 00dc8057 (`--reasoning-format
// deepseek` puts thoughts in `reasoning_content`; `--jinja` is on by default in recent builds, harmless
// to repeat; `--metrics` enables the Prometheus endpoint; `-c/--ctx-size` is shared by `--parallel` slots).

export type EngineKey = 'vllm' | 'sglang' | 'llamacpp' | 'ollama' | 'hosted';

const LABEL: Record<EngineKey, string> = { vllm: 'vLLM', sglang: 'SGLang', llamacpp: 'llama.cpp', ollama: 'Ollama', hosted: 'hosted API' };

export type Problem =
  | 'model-name'
  | 'stream-broken'
  | 'no-usage'
  | 'reasoning-parser'
  | 'no-reasoning'
  | 'skipped-thinking'
  | 'sampling-ignored'
  | 'seed-ignored'
  | 'max-tokens-ignored'
  | 'context-short'
  | 'system-prompt'
  | 'no-metrics';

const FIXES: Record<Problem, Record<EngineKey, string>> = {
  'model-name': {
    vllm: 'pass --model as /v1/models lists it, or start vLLM with --served-model-name NAME',
    sglang: 'pass --model as /v1/models lists it, or start SGLang with --served-model-name NAME',
    llamacpp: 'pass --model as /v1/models lists it, or start llama-server with --alias NAME',
    ollama: 'pass the Ollama tag as --model (e.g. deepseek-r1:70b); `ollama list` shows them',
    hosted: "use the provider's model id exactly (its /v1/models lists them)",
  },
  'stream-broken': {
    vllm: 'check a proxy in front of vLLM does not buffer or cut SSE (nginx: proxy_buffering off)',
    sglang: 'check a proxy in front of SGLang does not buffer or cut SSE (nginx: proxy_buffering off)',
    llamacpp: 'use a recent llama-server build; check a proxy does not buffer or cut SSE',
    ollama: 'use the OpenAI-compatible path /v1 (not /api) and a recent Ollama',
    hosted: 'the provider or a gateway breaks streaming: ask it to send [DONE] and finish_reason',
  },
  'no-usage': {
    vllm: 'vLLM sends usage with stream_options.include_usage: check a gateway does not drop stream_options',
    sglang: 'SGLang sends usage with stream_options.include_usage: check a gateway does not drop stream_options',
    llamacpp: 'use a recent llama-server build (usage on the last chunk)',
    ollama: 'use a recent Ollama (stream_options.include_usage on /v1)',
    hosted: 'the provider or a gateway drops stream_options.include_usage; token counts will be estimates',
  },
  'reasoning-parser': {
    vllm: 'start vLLM with --reasoning-parser deepseek_r1 (versions before 0.8 also need --enable-reasoning)',
    sglang: 'start SGLang with --reasoning-parser deepseek-r1',
    llamacpp: 'start llama-server with --jinja --reasoning-format deepseek',
    ollama: 'use Ollama ≥ 0.9 with a thinking model tag, and do not turn thinking off (think: false / reasoning_effort: "none")',
    hosted: "use the provider's R1 endpoint that returns reasoning_content (DeepSeek API: deepseek-reasoner)",
  },
  'no-reasoning': {
    vllm: 'serve an R1 model with its own chat template and --reasoning-parser deepseek_r1',
    sglang: 'serve an R1 model with its own chat template and --reasoning-parser deepseek-r1',
    llamacpp: 'serve an R1 GGUF with --jinja (its own template) and --reasoning-format deepseek',
    ollama: 'use a deepseek-r1 tag with thinking on (Ollama ≥ 0.9)',
    hosted: 'this model does not reason: check --model names an R1 model',
  },
  'skipped-thinking': {
    vllm: 'use the chat template that ends with "<think>\\n" (the updated R1 template; --chat-template FILE)',
    sglang: 'use the chat template that ends with "<think>\\n" (the updated R1 template; --chat-template FILE)',
    llamacpp: 'use --jinja with a template that ends with "<think>\\n" (--chat-template-file FILE)',
    ollama: 'use a deepseek-r1 tag whose template opens <think>',
    hosted: 'nothing to configure; R1 skipped thinking on these easy prompts',
  },
  'sampling-ignored': {
    vllm: 'vLLM honours a request\'s temperature: look for a response cache or a proxy that rewrites sampling',
    sglang: "SGLang honours a request's temperature: look for a response cache or a proxy that rewrites sampling",
    llamacpp: "llama-server honours a request's temperature: look for a response cache or a proxy that rewrites sampling",
    ollama: "Ollama honours a request's temperature: look for a response cache or a proxy that rewrites sampling",
    hosted: 'the provider or a gateway caches responses or ignores temperature: pass@k and cons@64 would be meaningless',
  },
  'seed-ignored': {
    vllm: 'vLLM takes a per-request seed, but batching can still change outputs: runs are not bit-reproducible',
    sglang: 'start SGLang with --enable-deterministic-inference for reproducible sampling',
    llamacpp: 'llama-server takes a per-request seed; with --parallel > 1 batching can still change outputs',
    ollama: 'Ollama takes seed in the request options; results may still vary',
    hosted: 'seeds are best effort on hosted APIs: report results as not reproducible',
  },
  'max-tokens-ignored': {
    vllm: 'vLLM honours max_tokens: a proxy or gateway rewrites the request body',
    sglang: 'SGLang honours max_tokens: a proxy or gateway rewrites the request body',
    llamacpp: 'llama-server maps max_tokens to n_predict: check -n/--n-predict and any proxy',
    ollama: 'Ollama maps max_tokens to num_predict on /v1: check the Modelfile and any proxy',
    hosted: 'the provider ignores max_tokens: runs cannot bound generation length',
  },
  'context-short': {
    vllm: 'start vLLM with --max-model-len 36864 (or more, memory allowing)',
    sglang: 'start SGLang with --context-length 36864 (or more)',
    llamacpp: 'start llama-server with -c/--ctx-size ≥ 36864 × --parallel (each slot gets ctx-size / parallel)',
    ollama: 'set num_ctx ≥ 36864 (OLLAMA_CONTEXT_LENGTH=36864, or PARAMETER num_ctx in the Modelfile)',
    hosted: "pick a provider whose R1 allows 32k output tokens, or lower --max-tokens (scores then differ from the model card's)",
  },
  'system-prompt': {
    vllm: "serve with the model's own chat template and no system prompt in front (R1: no system prompt)",
    sglang: "serve with the model's own chat template and no system prompt in front (R1: no system prompt)",
    llamacpp: "use --jinja with the GGUF's own template; drop any default system prompt",
    ollama: 'remove SYSTEM from the Modelfile (R1: no system prompt)',
    hosted: 'the provider or a gateway adds a system prompt: results may differ from the model card',
  },
  'no-metrics': {
    vllm: 'vLLM serves /metrics on its API port by default: check a proxy passes it through',
    sglang: 'start SGLang with --enable-metrics',
    llamacpp: 'start llama-server with --metrics',
    ollama: 'Ollama has no Prometheus /metrics: the load test will lack server-side series',
    hosted: 'hosted APIs expose no /metrics: the load test will lack server-side series',
  },
};

/** Which engine's fixes apply, from the detected engine name. */
export function engineKeyOf(engine: string | null): EngineKey | null {
  if (!engine) return null;
  const e = engine.toLowerCase();
  if (e.includes('vllm')) return 'vllm';
  if (e.includes('sglang')) return 'sglang';
  if (e.includes('llama.cpp') || e.includes('llamacpp')) return 'llamacpp';
  if (e.includes('ollama')) return 'ollama';
  if (e.includes('hosted')) return 'hosted';
  return null;
}

/** The fix for a known engine; for an unknown one, every engine's, labelled. */
export function fixFor(problem: Problem, engine: string | null): string {
  const key = engineKeyOf(engine);
  // "vLLM: vLLM sends ..." reads as "vLLM: sends ...".
  const one = (k: EngineKey) => `${LABEL[k]}: ${FIXES[problem][k].replace(`${LABEL[k]} `, (m, at: number) => (at === 0 ? '' : m))}`;
  if (key) return one(key);
  return (Object.keys(LABEL) as EngineKey[]).map(one).join('; ');
}
