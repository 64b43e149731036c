import { describe, expect, it } from 'vitest';
import { mathSuite, promptOf, testSuites } from './fixtures.ts';
import { startSimulator } from './index.ts';
import { assemble, chat, post } from './testing.ts';

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*)\} (-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)$/;

/** A strict reader of the Prometheus text format: every sample under its own HELP and TYPE. */
function parseProm(text: string): Map<string, number> {
  const values = new Map<string, number>();
  const typed = new Set<string>();
  for (const line of text.trimEnd().split('\n')) {
    const meta = /^# (HELP|TYPE) (\S+) (.+)$/.exec(line);
    if (meta) {
      if (meta[1] === 'TYPE') {
        expect(['gauge', 'counter']).toContain(meta[3]);
        typed.add(meta[2]!);
      }
      continue;
    }
    const m = SAMPLE.exec(line);
    expect(m, `bad line: ${line}`).not.toBeNull();
    expect(typed.has(m![1]!)).toBe(true);
    const labels = m![2]!.replace(/model_name="[^"]*",?/, '');
    values.set(labels ? `${m![1]}{${labels}}` : m![1]!, Number(m![3]));
  }
  return values;
}

async function scrape(port: number): Promise<Map<string, number>> {
  const r = await fetch(`http://127.0.0.1:${port}/metrics`);
  expect(r.headers.get('content-type')).toContain('text/plain; version=0.0.4');
  return parseProm(await r.text());
}

describe('/metrics', () => {
  it('vLLM names, from the real counters', async () => {
    const sim = await startSimulator({ suites: [], loadedSuites: testSuites, reasoningTokens: 40, interTokenMs: 15, kvCacheTokens: 1000 });
    try {
      const idle = await scrape(sim.port);
      for (const name of ['vllm:num_requests_running', 'vllm:num_requests_waiting', 'vllm:kv_cache_usage_perc', 'vllm:generation_tokens_total']) {
        expect(idle.get(name)).toBe(0);
      }
      const runs = [0, 1, 2].map((i) =>
        post(`${sim.url}/chat/completions`, chat(promptOf(mathSuite), { stream: true, stream_options: { include_usage: true } }), { 'x-r1bench-sample': `t-math/m1/${i}` }),
      );
      while ((sim.stats().generationTokensTotal ?? 0) < 30) await new Promise((r) => setTimeout(r, 5));
      const busy = await scrape(sim.port);
      expect(busy.get('vllm:num_requests_running')).toBe(3);
      const generated = busy.get('vllm:generation_tokens_total')!;
      expect(generated).toBeGreaterThanOrEqual(30);
      // KV in use: 3 prompts of 7 tokens plus what was generated so far, over 1000.
      expect(busy.get('vllm:kv_cache_usage_perc')).toBeCloseTo((21 + generated) / 1000, 1);
      const done = await Promise.all(runs);
      const total = done.reduce((n, r) => n + (assemble(r).usage as { completion_tokens: number }).completion_tokens, 0);
      const after = await scrape(sim.port);
      expect(after.get('vllm:num_requests_running')).toBe(0);
      expect(after.get('vllm:kv_cache_usage_perc')).toBe(0);
      expect(after.get('vllm:generation_tokens_total')).toBe(total);
      expect(after.get('vllm:prompt_tokens_total')).toBe(21);
      expect(after.get('vllm:request_success_total{finished_reason="stop"}')).toBe(3);
    } finally {
      await sim.close();
    }
  });

  it('counts faults by kind', async () => {
    const sim = await startSimulator({ suites: [], loadedSuites: testSuites, reasoningTokens: 5, faults: { '429': 0.5 } });
    try {
      for (let i = 0; i < 20; i++) await post(`${sim.url}/chat/completions`, chat('q'), { 'x-r1bench-sample': `s/i/${i}` });
      const m = await scrape(sim.port);
      const stats = sim.stats();
      expect(stats.requests).toBe(20);
      expect(m.get('r1sim:faults_injected_total{kind="429"}')).toBe(stats.faults['429']);
      expect(stats.byStatus['429']).toBe(stats.faults['429']);
      expect((stats.byStatus['429'] ?? 0) + (stats.byStatus['200'] ?? 0)).toBe(20);
    } finally {
      await sim.close();
    }
  });
});
