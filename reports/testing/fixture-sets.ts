// Ready-made groups of runs shared by the leaderboard and browser tests.
import { join } from 'node:path';
import { buildFixtureRun } from './fixture-run.ts';

/** Three runs (two model sizes, three hardware profiles; one lacks mmlu) under `base`. */
export function leaderboardRuns(base: string): string[] {
  const run = (name: string, model: string, rate: number, hw: Record<string, unknown>, suites = ['aime24', 'mmlu']) => {
    const dir = join(base, name);
    buildFixtureRun(dir, {
      runId: name, model, hardware: hw,
      suites: suites.map((id) => ({ id, scorer: id === 'mmlu' ? ('choice' as const) : ('math' as const), items: 40, samples: 2, correct: (i: number, k: number) => ((i * 13 + k * 7) % 100) / 100 < rate })),
    });
    return dir;
  };
  return [
    run('r-7b-a100', 'deepseek-r1-distill-qwen-7b', 0.5, { id: 'a100x1', declared: { engine: 'vllm', quantization: 'bf16' } }),
    run('r-32b-h200', 'deepseek-r1-distill-qwen-32b', 0.8, { host: { cpu: 'x', gpus: [{ name: 'H200' }, { name: 'H200' }] } }),
    run('r-7b-cpu', 'deepseek-r1-distill-qwen-7b', 0.3, { host: { cpu: 'EPYC' }, declared: { engine: 'llama.cpp', quantization: 'Q4_K_M' } }, ['aime24']),
  ];
}
