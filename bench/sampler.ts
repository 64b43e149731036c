// GPU memory sampling while requests stream: starting nvidia-smi forks the harness, which holds up the
// thread that timestamps chunks; the memory sampler's loop mode starts it once per run instead. Each mode
// runs in a child with a harness-sized heap (bench/sampler-child.ts), against a stand-in nvidia-smi (the
// fork costs the same whatever runs), sampling every 100 ms for 4 s, in 3 interleaved rounds (medians).
import { fakeNvidiaSmi } from '../hardware-profiles/testing/fake-nvidia-smi.ts';
import { median } from '../hardware-profiles/stats.ts';
import { startChild } from './child.ts';
import type { BenchRow } from './row.ts';

type Mode = 'none' | 'per-sample' | 'loop';
interface Out {
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  heldP50Ms: number;
  heldMaxMs: number;
  rssMb: number;
}
const INTERVAL_MS = 100;

async function measure(mode: Mode, bin: string): Promise<Out> {
  const { child, firstLine } = await startChild(new URL('./sampler-child.ts', import.meta.url).pathname, [mode, bin, String(INTERVAL_MS), '4']);
  child.kill();
  return JSON.parse(firstLine) as Out;
}

export async function benchSampler(): Promise<{ rows: BenchRow[] }> {
  const smi = fakeNvidiaSmi();
  const results: Record<Mode, Out[]> = { none: [], 'per-sample': [], loop: [] };
  for (let round = 0; round < 3; round++) for (const mode of ['none', 'per-sample', 'loop'] as const) results[mode].push(await measure(mode, smi.bin));
  const med = (mode: Mode, k: keyof Out) => median(results[mode].map((x) => x[k]));
  const at = `a ${med('loop', 'rssMb').toFixed(0)} MB harness, GPU memory sampled every ${INTERVAL_MS} ms`;
  const rows: BenchRow[] = [
    { name: `thread held per sample by starting nvidia-smi twice (GPUs, compute apps), p50, ${at}`, value: med('per-sample', 'heldP50Ms'), unit: 'ms', target: `max ${med('per-sample', 'heldMaxMs').toFixed(1)} ms; the loop mode starts none while requests stream` },
  ];
  for (const [mode, label] of [['none', 'no GPU sampling'], ['per-sample', 'nvidia-smi started per sample (before)'], ['loop', 'nvidia-smi loop mode (now)']] as const)
    rows.push(
      { name: `event-loop delay p99, ${at}, ${label}`, value: med(mode, 'loopDelayP99Ms'), unit: 'ms', target: mode === 'loop' ? `no GPU sampling: ${med('none', 'loopDelayP99Ms').toFixed(2)} ms` : 'baseline' },
      { name: `event-loop delay max, ${at}, ${label}`, value: med(mode, 'loopDelayMaxMs'), unit: 'ms', target: mode === 'loop' ? `no GPU sampling: ${med('none', 'loopDelayMaxMs').toFixed(2)} ms` : 'baseline' },
    );
  return { rows };
}
