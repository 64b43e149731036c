// Live counters of the simulator, and their Prometheus text with vLLM's metric names, so the
// hardware-profiles scraper can be tested against a server whose numbers are known.
import type { FaultKind } from './faults.ts';

export interface SimulatorStats {
  /** Chat completion requests received (every status). */
  requests: number;
  /** Responses by HTTP status ('reset' for a connection destroyed before any byte). */
  byStatus: Record<string, number>;
  /** Finished requests by outcome: 'stop', 'length', 'client-closed', a fault kind, 'unauthorized', ... */
  outcomes: Record<string, number>;
  faults: Partial<Record<FaultKind, number>>;
  running: number;
  waiting: number;
  promptTokensTotal: number;
  generationTokensTotal: number;
  /** Prompt + generated tokens of running requests (the simulated KV cache in use). */
  kvTokens: number;
  /** Items the simulator recognises, and suites that failed to load (one line each). */
  itemsIndexed: number;
  loadErrors: string[];
}

export function emptyStats(): SimulatorStats {
  return {
    requests: 0,
    byStatus: {},
    outcomes: {},
    faults: {},
    running: 0,
    waiting: 0,
    promptTokensTotal: 0,
    generationTokensTotal: 0,
    kvTokens: 0,
    itemsIndexed: 0,
    loadErrors: [],
  };
}

export function bump<K extends string>(counts: Partial<Record<K, number>>, key: K, n = 1): void {
  counts[key] = (counts[key] ?? 0) + n;
}

/** A deep copy, so a test's snapshot does not change under it. */
export function snapshot(s: SimulatorStats): SimulatorStats {
  return { ...s, byStatus: { ...s.byStatus }, outcomes: { ...s.outcomes }, faults: { ...s.faults }, loadErrors: [...s.loadErrors] };
}

type Family = { name: string; type: 'gauge' | 'counter'; help: string; samples: { labels?: Record<string, string>; value: number }[] };

/** Prometheus text exposition format 0.0.4, values as floats like prometheus_client writes them. */
export function renderMetrics(s: SimulatorStats, model: string, kvCacheTokens: number): string {
  const finished = (reason: string) => s.outcomes[reason] ?? 0;
  const families: Family[] = [
    { name: 'vllm:num_requests_running', type: 'gauge', help: 'Number of requests in model execution batches.', samples: [{ value: s.running }] },
    { name: 'vllm:num_requests_waiting', type: 'gauge', help: 'Number of requests waiting to be processed.', samples: [{ value: s.waiting }] },
    {
      name: 'vllm:kv_cache_usage_perc',
      type: 'gauge',
      help: 'KV-cache usage. 1 means 100 percent usage.',
      samples: [{ value: kvCacheTokens > 0 ? Math.min(1, s.kvTokens / kvCacheTokens) : 0 }],
    },
    { name: 'vllm:prompt_tokens_total', type: 'counter', help: 'Number of prefill tokens processed.', samples: [{ value: s.promptTokensTotal }] },
    { name: 'vllm:generation_tokens_total', type: 'counter', help: 'Number of generation tokens processed.', samples: [{ value: s.generationTokensTotal }] },
    {
      name: 'vllm:request_success_total',
      type: 'counter',
      help: 'Count of successfully processed requests.',
      samples: ['stop', 'length'].map((r) => ({ labels: { finished_reason: r }, value: finished(r) })),
    },
    {
      name: 'r1sim:faults_injected_total',
      type: 'counter',
      help: 'Faults the simulator injected, by kind.',
      samples: Object.entries(s.faults).map(([kind, n]) => ({ labels: { kind }, value: n ?? 0 })),
    },
  ];
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`);
    for (const sample of f.samples) {
      const labels = { model_name: model, ...sample.labels };
      const text = Object.entries(labels)
        .map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
        .join(',');
      lines.push(`${f.name}{${text}} ${formatValue(sample.value)}`);
    }
  }
  return lines.join('\n') + '\n';
}

function formatValue(v: number): string {
  return Number.isInteger(v) ? `${v}.0` : String(v);
}
