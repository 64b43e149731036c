// Prometheus text exposition format (what vLLM, SGLang and llama.cpp serve at /metrics), and the few
// serving metrics worth a timeline: load, KV-cache use, generated tokens.
import http from 'node:http';
import https from 'node:https';

export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)(\s+-?\d+)?\s*$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/g;

function parseValue(s: string): number {
  if (s === '+Inf' || s === 'Inf') return Infinity;
  if (s === '-Inf') return -Infinity;
  if (s === 'NaN') return NaN;
  return Number(s);
}

/** The lines of the samples of these metrics, in one pass that reads no more of a line than its name, so
 * that the rest of a large /metrics is never split, matched or allocated. */
function linesOf(text: string, names: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let j = start;
    for (let c = text.charCodeAt(j); j < end && c !== 123 && c !== 32 && c !== 9 && c !== 13; c = text.charCodeAt(++j)); // up to '{', ' ', tab, CR
    if (names.has(text.slice(start, j))) out.push(text.slice(start, end));
    start = end + 1;
  }
  return out;
}

/**
 * Every sample line, or with `only` the samples of those metric names alone (a vLLM server with 8 engines
 * serves ~9,000 lines, 800 KB, at every scrape: parsing all of them took the thread that timestamps chunks
 * 20–50 ms); comments (# HELP, # TYPE) and malformed lines are skipped.
 */
export function parsePrometheus(text: string, only?: ReadonlySet<string>): PromSample[] {
  const out: PromSample[] = [];
  for (const raw of only ? linesOf(text, only) : text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = LINE.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    if (m[3]) for (const l of m[3].matchAll(LABEL)) labels[l[1]!] = l[2]!.replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));
    const value = parseValue(m[4]!);
    if (!Number.isNaN(value) || m[4] === 'NaN') out.push({ name: m[1]!, labels, value });
  }
  return out;
}

/** Neutral names for the engines' metrics, and how series of one name combine (per model, per engine). */
const KNOWN: Record<string, { as: string; combine: 'sum' | 'max' }> = {
  'vllm:num_requests_running': { as: 'requestsRunning', combine: 'sum' },
  'vllm:num_requests_waiting': { as: 'requestsWaiting', combine: 'sum' },
  'vllm:kv_cache_usage_perc': { as: 'kvCacheUsage', combine: 'max' },
  'vllm:gpu_cache_usage_perc': { as: 'kvCacheUsage', combine: 'max' },
  'vllm:generation_tokens_total': { as: 'generationTokensTotal', combine: 'sum' },
  'sglang:num_running_reqs': { as: 'requestsRunning', combine: 'sum' },
  'sglang:num_queue_reqs': { as: 'requestsWaiting', combine: 'sum' },
  'sglang:token_usage': { as: 'kvCacheUsage', combine: 'max' },
  'sglang:gen_throughput': { as: 'generationTokensPerSec', combine: 'sum' },
  'llamacpp:requests_processing': { as: 'requestsRunning', combine: 'sum' },
  'llamacpp:requests_deferred': { as: 'requestsWaiting', combine: 'sum' },
  'llamacpp:kv_cache_usage_ratio': { as: 'kvCacheUsage', combine: 'max' },
  'llamacpp:tokens_predicted_total': { as: 'generationTokensTotal', combine: 'sum' },
  'llamacpp:predicted_tokens_seconds': { as: 'generationTokensPerSec', combine: 'sum' },
};

/** The engines' metric names that servingMetrics reads: parsePrometheus(text, SERVING_METRIC_NAMES) parses only those. */
export const SERVING_METRIC_NAMES: ReadonlySet<string> = new Set(Object.keys(KNOWN));

/** The known serving metrics found, by neutral name (kvCacheUsage as a 0..1 fraction), plus the engine's own names. */
export function servingMetrics(samples: PromSample[]): { neutral: Record<string, number>; raw: Record<string, number> } {
  const neutral: Record<string, number> = {};
  const raw: Record<string, number> = {};
  for (const s of samples) {
    const known = KNOWN[s.name];
    if (!known || !Number.isFinite(s.value)) continue;
    raw[s.name] = known.combine === 'sum' ? (raw[s.name] ?? 0) + s.value : Math.max(raw[s.name] ?? -Infinity, s.value);
  }
  // Two raw names map to one neutral name only for vLLM's old and new KV-cache gauge: the same value.
  for (const [name, value] of Object.entries(raw)) neutral[KNOWN[name]!.as] = Math.max(neutral[KNOWN[name]!.as] ?? -Infinity, value);
  return { neutral, raw };
}

/** GETs a /metrics URL; null on any failure (a server without metrics is normal). */
export function fetchMetrics(url: string, timeoutMs = 3000): Promise<string | null> {
  return new Promise((resolve) => {
    const mod = url.startsWith('https:') ? https : http;
    const req = mod.get(url, { timeout: timeoutMs, agent: false }, (res) => {
      if ((res.statusCode ?? 0) !== 200) {
        res.resume();
        return resolve(null);
      }
      const parts: Buffer[] = [];
      res.on('data', (b: Buffer) => parts.push(b));
      res.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
      res.on('error', () => resolve(null));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
  });
}
