// Decode rate as r1bench measures it through Endpoint.generate, beside the rate llama.cpp measures itself
// (its perf counters: eval time over single-token decodes), on the same model and prompt.
// Target: within 3% on a model whose token takes 10 ms or more; on the tiny test model the ratio shows
// the harness's fixed per-token cost (detokenizing, splitting, timing), which no real model would notice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { GenerationResult } from '../runners/endpoint.ts';
import { createLocalEndpoint } from '../runners/local/index.ts';
import { sharedLlama } from '../runners/local/llama-instance.ts';
import { makeTinyGguf, type TinyModelOptions } from '../runners/local/testing/make-tiny-gguf.ts';

import type { BenchRow } from './row.ts';

/** Random models: the test model, and one big enough (~53M parameters, F32) that a token takes ≥10 ms on one core. */
const MODELS: { label: string; opts: TinyModelOptions; tokens: number; runs: number; target: string }[] = [
  { label: 'tiny (132k params)', opts: {}, tokens: 256, runs: 5, target: 'report only: per-token costs outside decoding dominate' },
  {
    label: 'larger (53M params)',
    opts: { embeddingLength: 768, blockCount: 8, feedForwardLength: 2048, headCount: 12, headCountKv: 6 },
    tokens: 64,
    runs: 5,
    target: '≥ 0.97 when a token takes ≥ 10 ms',
  },
];
const PROMPT = 'Please reason step by step about the sum of two and three.';

/** The harness's decode rate: tokens after the first over the time after the first (1000 / TPOT). */
function harnessTokensPerSecond(r: GenerationResult): number {
  return ((r.usage!.completionTokens - 1) / (r.timing.endMs - r.timing.firstTokenMs!)) * 1000;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The floor for any Node harness: node-llama-cpp's own token loop on its own context, nothing else
 * (no detokenizing, no reasoning split, no records). Its gap to llama.cpp's counters is the binding's
 * sampling and thread hand-offs, which llama.cpp's eval time leaves out.
 */
async function bindingLoop(modelPath: string, threads: number, prompt: string, tokens: number, seed: number): Promise<number> {
  const nlc: any = await import('node-llama-cpp');
  const llama = await sharedLlama(nlc, false);
  const model = await llama.loadModel({ modelPath });
  // The same dispatch as the engine's one-sequence context, so the ratio isolates r1bench's own work.
  const context = await model.createContext({ contextSize: 1024, threads, batching: { dispatchSchedule: (dispatch: () => void) => dispatch() } });
  try {
    const input = model.tokenize(prompt, true);
    const times: number[] = [];
    for await (const _ of context.getSequence().evaluate(input, { temperature: 0.6, topP: 0.95, seed, yieldEogToken: true })) {
      times.push(performance.now());
      if (times.length >= tokens) break;
    }
    return ((times.length - 1) / (times.at(-1)! - times[0]!)) * 1000;
  } finally {
    await context.dispose();
    await model.dispose();
  }
}

export async function benchLocal(): Promise<{ rows: BenchRow[] }> {
  const available = await import('node-llama-cpp').then(
    () => true,
    () => false,
  );
  if (!available)
    return { rows: [{ name: 'local engine: skipped (node-llama-cpp is not installed)', value: 0, unit: 'n/a', target: 'npm install node-llama-cpp@3.21.1' }] };
  const threads = Number(process.env.R1B_BENCH_THREADS ?? 1); // one thread: steadier timings on a shared machine
  const dir = mkdtempSync(join(tmpdir(), 'r1b-bench-local-'));
  const rows: BenchRow[] = [];
  const limits = { idleTimeoutMs: 60_000, totalTimeoutMs: 600_000 };
  try {
    for (const m of MODELS) {
      const built = Date.now();
      const model = makeTinyGguf(join(dir, 'model.gguf'), m.opts);
      const buildMs = Date.now() - built;
      const ep = await createLocalEndpoint(`local:${model.path}`, { threads, gpu: false, parallel: 1 });
      try {
        const messages = [{ role: 'user' as const, content: PROMPT }];
        const req = { model: 'bench', messages, temperature: 0.6, topP: 0.95, maxTokens: m.tokens, extraBody: { ignore_eos: true } }; // exactly maxTokens each run
        const rendered = ep.engine.renderPrompt(messages);
        await ep.generate({ ...req, maxTokens: 8 }, limits); // warm-up
        const harness: number[] = [];
        const engine: number[] = [];
        const binding: number[] = [];
        // Interleaved, so a neighbour's load on the machine hits all three alike.
        for (let i = 0; i < m.runs; i++) {
          const r = await ep.generate({ ...req, seed: i + 1 }, limits);
          harness.push(harnessTokensPerSecond(r));
          engine.push(r.serverTimings!.predictedPerSecond!);
          binding.push(await bindingLoop(model.path, threads, rendered, m.tokens, i + 1));
        }
        const [h, e, b] = [median(harness), median(engine), median(binding)];
        rows.push(
          { name: `${m.label}: ms per token decoding (llama.cpp)`, value: 1000 / e, unit: 'ms', target: 'info' },
          { name: `${m.label}: decode tokens/s by llama.cpp's perf counters`, value: e, unit: 'tokens/s', target: 'info' },
          { name: `${m.label}: decode tokens/s in node-llama-cpp's bare token loop`, value: b, unit: 'tokens/s', target: 'info' },
          { name: `${m.label}: decode tokens/s via r1bench Endpoint.generate`, value: h, unit: 'tokens/s', target: 'info' },
          { name: `${m.label}: r1bench / llama.cpp tokens/s`, value: h / e, unit: 'ratio', target: m.target },
          { name: `${m.label}: r1bench / bare binding loop tokens/s`, value: h / b, unit: 'ratio', target: 'r1bench\'s own per-token cost' },
          { name: `${m.label}: build random GGUF (${(model.fileSizeBytes / 2 ** 20).toFixed(1)} MB)`, value: buildMs, unit: 'ms', target: 'a few seconds' },
        );
      } finally {
        await ep.close();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { rows } = await benchLocal();
  for (const r of rows) console.log(`${r.name}: ${Number.isInteger(r.value) ? r.value : r.value.toFixed(3)} ${r.unit} (target: ${r.target})`);
}
