// Ready-made groups of runs shared by the leaderboard and browser tests.
import { join } from 'node:path';
import { buildFixtureRun, type FixtureRun } from './fixture-run.ts';

/** Three runs (two model sizes, three hardware profiles; one lacks mmlu) under `base`. */
export function leaderboardRuns(base: string): string[] {
  const run = (name: string, model: string, rate: number, hw: FixtureRun['machine'], suites = ['aime24', 'mmlu']) => {
    const dir = join(base, name);
    buildFixtureRun(dir, {
      runId: name, model, machine: hw,
      suites: suites.map((id) => ({ id, scorer: id === 'mmlu' ? ('choice' as const) : ('math' as const), items: 40, samples: 2, correct: (i: number, k: number) => ((i * 13 + k * 7) % 100) / 100 < rate })),
    });
    return dir;
  };
  return [
    // A remote deployment described by its declared profile; the client's own host says nothing of it.
    run('r-7b-a100', 'deepseek-r1-distill-qwen-7b', 0.5, { local: false, host: { cpu: 'laptop' }, declared: { id: 'a100x1', engine: 'vllm', quantization: 'bf16' } }),
    // A server on this machine, no profile: the probed host.
    run('r-32b-h200', 'deepseek-r1-distill-qwen-32b', 0.8, { host: { cpu: 'x', gpus: [0, 1].map((index) => ({ index, name: 'H200', memoryMb: 143771, driver: '550.54' })) } }),
    // llama-server on a CPU machine, declared without an id or GPUs: the probed host with the declared engine.
    run('r-7b-cpu', 'deepseek-r1-distill-qwen-7b', 0.3, { host: { cpu: 'EPYC', cores: 64 }, declared: { engine: 'llama.cpp', quantization: 'Q4_K_M' } }, ['aime24']),
  ];
}
