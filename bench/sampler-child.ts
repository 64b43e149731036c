// Child process of the sampler benchmark: with a harness-sized heap (about 200 MB resident), how
// late does the event loop run while GPU memory is sampled? Mode "per-sample" starts nvidia-smi twice per
// sample (GPUs, compute apps), as the memory sampler did before its loop mode; "loop" is the memory
// sampler as it is (two long-lived nvidia-smi -lms processes); "none" samples nothing.
// Usage: sampler-child.ts MODE NVIDIA_SMI_BIN INTERVAL_MS SECONDS; prints one JSON line.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { startMemorySampler } from '../hardware-profiles/memory-sampler.ts';
import { APPS_QUERY, GPU_QUERY, runNvidiaSmi } from '../hardware-profiles/nvidia-smi.ts';
import { percentileSorted } from '../hardware-profiles/stats.ts';

const [mode, bin, intervalArg, secondsArg] = process.argv.slice(2);
const intervalMs = Number(intervalArg);
const live: { i: number; s: string }[] = [];
for (let i = 0; i < 1_300_000; i++) live.push({ i, s: `sample ${i}` });

const sampler = mode === 'loop' ? startMemorySampler({ nvidiaSmi: true, nvidiaSmiBin: bin, intervalMs, onSamples: () => {} }) : undefined;
await new Promise((r) => setTimeout(r, 500)); // the sampler's first direct query and its loops start outside the window
const heldMs: number[] = [];
const timer =
  mode === 'per-sample'
    ? setInterval(() => {
        const t = performance.now();
        void runNvidiaSmi(GPU_QUERY, bin);
        void runNvidiaSmi(APPS_QUERY, bin);
        heldMs.push(performance.now() - t);
      }, intervalMs)
    : undefined;
const h = monitorEventLoopDelay({ resolution: 1 });
h.enable();
await new Promise((r) => setTimeout(r, Number(secondsArg) * 1000));
h.disable();
clearInterval(timer);
await sampler?.stop();
heldMs.sort((a, b) => a - b);
const ms = (ns: number) => Math.max(0, ns / 1e6 - 1); // the histogram's 1 ms timer is in every interval
process.stdout.write(
  JSON.stringify({
    loopDelayP99Ms: ms(h.percentile(99)),
    loopDelayMaxMs: ms(h.max),
    heldP50Ms: heldMs.length ? percentileSorted(heldMs, 50) : 0,
    heldMaxMs: heldMs.at(-1) ?? 0,
    rssMb: process.memoryUsage().rss / 2 ** 20,
    live: live.length, // read here, so the heap it stands for stays alive to the end
  }) + '\n',
);
