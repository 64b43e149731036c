import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { fetchMetrics, parsePrometheus, SERVING_METRIC_NAMES, servingMetrics } from './prometheus.ts';

// Written from the exposition format and the engines' documented metric names (python prometheus_client style).
const VLLM = `# HELP vllm:num_requests_running Number of requests in model execution batches.
# TYPE vllm:num_requests_running gauge
vllm:num_requests_running{engine="0",model_name="deepseek-ai/DeepSeek-R1"} 12.0
vllm:num_requests_running{engine="1",model_name="deepseek-ai/DeepSeek-R1"} 10.0
# TYPE vllm:num_requests_waiting gauge
vllm:num_requests_waiting{engine="0",model_name="deepseek-ai/DeepSeek-R1"} 3.0
# HELP vllm:kv_cache_usage_perc KV-cache usage. 1 means 100 percent usage.
# TYPE vllm:kv_cache_usage_perc gauge
vllm:kv_cache_usage_perc{engine="0",model_name="deepseek-ai/DeepSeek-R1"} 0.4375
vllm:kv_cache_usage_perc{engine="1",model_name="deepseek-ai/DeepSeek-R1"} 0.5
# TYPE vllm:generation_tokens_total counter
vllm:generation_tokens_total{engine="0",model_name="deepseek-ai/DeepSeek-R1"} 123456.0
vllm:generation_tokens_created{engine="0",model_name="deepseek-ai/DeepSeek-R1"} 1.7e+09
# TYPE vllm:e2e_request_latency_seconds histogram
vllm:e2e_request_latency_seconds_bucket{le="0.3",model_name="deepseek-ai/DeepSeek-R1"} 0.0
vllm:e2e_request_latency_seconds_bucket{le="+Inf",model_name="deepseek-ai/DeepSeek-R1"} 10.0
`;
const VLLM_OLD = `vllm:gpu_cache_usage_perc{model_name="deepseek-ai/DeepSeek-R1-Distill-Qwen-7B"} 0.125\nvllm:num_requests_running{model_name="x"} 2.0\n`;
const SGLANG = `# HELP sglang:num_running_reqs The number of running requests.
# TYPE sglang:num_running_reqs gauge
sglang:num_running_reqs{model_name="deepseek-ai/DeepSeek-R1"} 8.0
sglang:num_queue_reqs{model_name="deepseek-ai/DeepSeek-R1"} 1.0
# TYPE sglang:token_usage gauge
sglang:token_usage{model_name="deepseek-ai/DeepSeek-R1"} 0.21
# TYPE sglang:gen_throughput gauge
sglang:gen_throughput{model_name="deepseek-ai/DeepSeek-R1"} 812.5
`;
const LLAMACPP = `# HELP llamacpp:prompt_tokens_total Number of prompt tokens processed.
# TYPE llamacpp:prompt_tokens_total counter
llamacpp:prompt_tokens_total 120
# HELP llamacpp:tokens_predicted_total Number of generation tokens processed.
# TYPE llamacpp:tokens_predicted_total counter
llamacpp:tokens_predicted_total 480
# TYPE llamacpp:predicted_tokens_seconds gauge
llamacpp:predicted_tokens_seconds 21.3
# TYPE llamacpp:requests_processing gauge
llamacpp:requests_processing 1
llamacpp:requests_deferred 0
`;

describe('parsePrometheus', () => {
  it('reads names, labels (with escapes), special values and timestamps; skips comments and junk', () => {
    const s = parsePrometheus(`# HELP x y\nfoo{a="1",b="say \\"hi\\"\\n"} 2.5 1712345678000\nbar +Inf\nbaz NaN\nnot a metric line\nq{le="+Inf"} 3\n`);
    expect(s[0]).toEqual({ name: 'foo', labels: { a: '1', b: 'say "hi"\n' }, value: 2.5 });
    expect(s[1]).toEqual({ name: 'bar', labels: {}, value: Infinity });
    expect(s[2]!.value).toBeNaN();
    expect(s[3]).toEqual({ name: 'q', labels: { le: '+Inf' }, value: 3 });
    expect(s).toHaveLength(4);
  });

  it('vLLM: sums requests over engines, takes the fullest KV cache, reads the token counter', () => {
    const { neutral, raw } = servingMetrics(parsePrometheus(VLLM));
    expect(neutral).toEqual({ requestsRunning: 22, requestsWaiting: 3, kvCacheUsage: 0.5, generationTokensTotal: 123456 });
    expect(raw['vllm:kv_cache_usage_perc']).toBe(0.5);
  });

  it('older vLLM: gpu_cache_usage_perc is the KV-cache use', () => {
    expect(servingMetrics(parsePrometheus(VLLM_OLD)).neutral).toEqual({ kvCacheUsage: 0.125, requestsRunning: 2 });
  });

  it('SGLang and llama.cpp names map to the same neutral names', () => {
    expect(servingMetrics(parsePrometheus(SGLANG)).neutral).toEqual({ requestsRunning: 8, requestsWaiting: 1, kvCacheUsage: 0.21, generationTokensPerSec: 812.5 });
    expect(servingMetrics(parsePrometheus(LLAMACPP)).neutral).toEqual({
      generationTokensTotal: 480,
      generationTokensPerSec: 21.3,
      requestsRunning: 1,
      requestsWaiting: 0,
    });
  });

  it('with only some names, reads exactly their samples: the same serving metrics from every engine', () => {
    for (const text of [VLLM, VLLM_OLD, SGLANG, LLAMACPP, VLLM.replace(/\n/g, '\r\n')]) {
      const all = parsePrometheus(text).filter((x) => SERVING_METRIC_NAMES.has(x.name));
      const only = parsePrometheus(text, SERVING_METRIC_NAMES);
      expect(only).toEqual(expect.arrayContaining(all));
      expect(only).toHaveLength(all.length);
      expect(servingMetrics(only)).toEqual(servingMetrics(parsePrometheus(text)));
    }
  });

  it('with only some names: a sample on the first or last line (no newline), and longer names or comments that start with one are left out', () => {
    const text = [
      'sglang:token_usage{model_name="m"} 0.25',
      '# HELP sglang:token_usage Token usage.',
      'sglang:token_usage_bucket{le="0.5"} 7',
      'sglang:token_usage_sum 3',
      'xsglang:token_usage 0.9',
      'sglang:num_running_reqs 4',
      'sglang:token_usage	0.5',
    ].join('\n');
    expect(parsePrometheus(text, new Set(['sglang:token_usage', 'sglang:num_running_reqs']))).toEqual([
      { name: 'sglang:token_usage', labels: { model_name: 'm' }, value: 0.25 },
      { name: 'sglang:num_running_reqs', labels: {}, value: 4 },
      { name: 'sglang:token_usage', labels: {}, value: 0.5 },
    ]);
    expect(parsePrometheus('', SERVING_METRIC_NAMES)).toEqual([]);
  });

  it('fetchMetrics reads a real /metrics endpoint and gives null for a 404 or a closed port', async () => {
    const server = http.createServer((req, res) => (req.url === '/metrics' ? res.end(SGLANG) : res.writeHead(404).end()));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    try {
      expect(await fetchMetrics(`http://127.0.0.1:${port}/metrics`)).toBe(SGLANG);
      expect(await fetchMetrics(`http://127.0.0.1:${port}/nope`)).toBeNull();
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(await fetchMetrics(`http://127.0.0.1:${port}/metrics`)).toBeNull();
  });
});
