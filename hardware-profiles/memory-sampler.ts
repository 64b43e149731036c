// Samples memory and server load through a run: the local server's RSS (/proc/PID/status), the harness's
// own RSS, GPU memory (nvidia-smi) and the server's Prometheus /metrics. Rows go to a timeline
// (RunStore.addTimeline); stop() gives the peak and mean summary for results.json.
// nvidia-smi is asked once when sampling starts and once when it stops; in between, two nvidia-smi
// processes in loop mode (NvidiaSmiLoop) report every interval, so that no process is started while
// requests stream: a fork of the harness would hold up the thread that timestamps them.
import { readFile } from 'node:fs/promises';
import {
  APPS_LOOP_QUERY,
  APPS_QUERY,
  GPU_LOOP_QUERY,
  GPU_QUERY,
  NvidiaSmiLoop,
  parseNvidiaSmi,
  parseNvidiaSmiApps,
  parseNvidiaSmiLoopApp,
  parseNvidiaSmiLoopGpu,
  runNvidiaSmi,
  type GpuMemorySample,
  type GpuProcessSample,
} from './nvidia-smi.ts';
import { fetchMetrics, parsePrometheus, SERVING_METRIC_NAMES, servingMetrics } from './prometheus.ts';

/** One timeline row; tMs is epoch ms, like Completion.timing.sentAt. */
export interface TimelineRow {
  tMs: number;
  source: 'harness' | 'server' | 'gpu' | 'gpu-app' | 'server-metrics';
  name: string;
  value: number;
}

export interface MemorySamplerOptions {
  serverPid?: number;
  metricsUrl?: string;
  nvidiaSmi?: boolean;
  /** Path of the nvidia-smi binary (tests use a stand-in). */
  nvidiaSmiBin?: string;
  intervalMs: number;
  onSamples(rows: TimelineRow[]): void;
}

/** Sources that never answered are left out. */
export interface MemorySummary {
  samples: number;
  harnessPeakRssMb: number;
  harnessMeanRssMb: number;
  /** Local server: the larger of the sampled VmRSS and its VmHWM (the kernel's peak, which catches spikes between samples). */
  peakRssMb?: number;
  meanRssMb?: number;
  /** Sum over GPUs of memory in use, at its highest sample. */
  peakGpuMemoryMb?: number;
  meanGpuMemoryMb?: number;
  /** GPU memory of the server's own process (nvidia-smi compute apps). */
  peakServerGpuMemoryMb?: number;
  /** 0..1 */
  peakKvCacheUsage?: number;
  meanKvCacheUsage?: number;
  peakRequestsRunning?: number;
  peakRequestsWaiting?: number;
  /** From the server's generated-tokens counter over the sampled span, or the mean of its gauge. */
  serverGenerationTokensPerSec?: number;
}

/** VmRSS and VmHWM of a process in MB; null when it is gone (or not Linux). */
export async function readProcMemory(pid: number): Promise<{ rssMb: number; hwmMb: number } | null> {
  let text: string;
  try {
    text = await readFile(`/proc/${pid}/status`, 'utf8');
  } catch {
    return null;
  }
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s*(\\d+)\\s*kB`, 'm').exec(text)?.[1] ?? NaN);
  const rss = kb('VmRSS');
  return Number.isFinite(rss) ? { rssMb: rss / 1024, hwmMb: (Number.isFinite(kb('VmHWM')) ? kb('VmHWM') : rss) / 1024 } : null;
}

class Series {
  n = 0;
  sum = 0;
  max = -Infinity;
  first?: [number, number];
  last?: [number, number];
  add(v: number, tMs: number): void {
    this.n++;
    this.sum += v;
    this.max = Math.max(this.max, v);
    this.first ??= [tMs, v];
    this.last = [tMs, v];
  }
  get mean(): number {
    return this.sum / this.n;
  }
}

export function startMemorySampler(opts: MemorySamplerOptions): { stop(): Promise<MemorySummary> } {
  const s = {
    harness: new Series(),
    rss: new Series(),
    hwm: new Series(),
    gpu: new Series(),
    serverGpu: new Series(),
    kv: new Series(),
    running: new Series(),
    waiting: new Series(),
    genTotal: new Series(),
    genRate: new Series(),
  };
  let samples = 0;
  let serverGone = false;
  let smi = opts.nvidiaSmi ?? false;
  const bin = opts.nvidiaSmiBin ?? 'nvidia-smi';
  /** nvidia-smi in loop mode, GPUs and compute apps, from the first sample until stop(). */
  let loops: NvidiaSmiLoop[] | undefined;
  /** A loop ended on its own (an nvidia-smi that does not take the loop queries): ask it on every tick instead. */
  let loopsFailed = false;

  /** One nvidia-smi poll of the GPUs: a row per GPU and their sum (left out when no GPU reports its memory). */
  function addGpus(rows: TimelineRow[], tMs: number, gpus: GpuMemorySample[]): void {
    const known = gpus.filter((g) => g.memoryUsedMb !== null);
    for (const g of known) rows.push({ tMs, source: 'gpu', name: `gpu${g.index}.memoryUsedMb`, value: g.memoryUsedMb! });
    if (!known.length) return;
    const total = known.reduce((a, g) => a + g.memoryUsedMb!, 0);
    rows.push({ tMs, source: 'gpu', name: 'memoryUsedMb', value: total });
    s.gpu.add(total, tMs);
  }

  function addApps(rows: TimelineRow[], tMs: number, apps: GpuProcessSample[]): void {
    for (const a of apps) {
      if (a.usedMemoryMb === null) continue;
      rows.push({ tMs, source: 'gpu-app', name: `pid${a.pid}.usedMemoryMb`, value: a.usedMemoryMb });
      if (a.pid === opts.serverPid) s.serverGpu.add(a.usedMemoryMb, tMs);
    }
  }

  function startLoops(): void {
    // A poll prints one line per GPU in index order, so a line whose index is not above the previous one
    // opens the next poll: a poll is counted once it is complete (the one still open at stop() is left out;
    // the last sample asks nvidia-smi itself).
    let poll: { tMs: number; gpus: GpuMemorySample[] } | undefined;
    const emit = (add: (rows: TimelineRow[]) => void) => {
      const rows: TimelineRow[] = [];
      add(rows);
      opts.onSamples(rows);
    };
    const onGpu = (line: string) => {
      const x = parseNvidiaSmiLoopGpu(line);
      if (!x) return;
      if (poll && x.gpu.index <= poll.gpus.at(-1)!.index) {
        const done = poll;
        emit((rows) => addGpus(rows, done.tMs, done.gpus));
        poll = undefined;
      }
      poll ??= { tMs: x.tMs ?? Date.now(), gpus: [] };
      poll.gpus.push(x.gpu);
    };
    const onApp = (line: string) => {
      const x = parseNvidiaSmiLoopApp(line);
      if (x) emit((rows) => addApps(rows, x.tMs ?? Date.now(), [x.app]));
    };
    loops = [new NvidiaSmiLoop(GPU_LOOP_QUERY, opts.intervalMs, onGpu, bin), new NvidiaSmiLoop(APPS_LOOP_QUERY, opts.intervalMs, onApp, bin)];
  }

  function stopLoops(): void {
    for (const l of loops ?? []) l.stop();
    loops = undefined;
  }

  async function tick(): Promise<void> {
    const tMs = Date.now();
    const rows: TimelineRow[] = [];
    const row = (source: TimelineRow['source'], name: string, value: number, series?: Series) => {
      rows.push({ tMs, source, name, value });
      series?.add(value, tMs);
    };
    row('harness', 'rssMb', process.memoryUsage().rss / 2 ** 20, s.harness);
    if (loops?.some((l) => l.exitedEarly)) {
      stopLoops();
      loopsFailed = true;
    }
    const askSmi = smi && !loops;
    const [proc, gpus, apps, metrics] = await Promise.all([
      opts.serverPid !== undefined && !serverGone ? readProcMemory(opts.serverPid) : null,
      askSmi ? runNvidiaSmi(GPU_QUERY, bin) : null,
      askSmi ? runNvidiaSmi(APPS_QUERY, bin) : null,
      opts.metricsUrl ? fetchMetrics(opts.metricsUrl) : null,
    ]);
    if (proc) {
      row('server', 'rssMb', proc.rssMb, s.rss);
      row('server', 'hwmMb', proc.hwmMb, s.hwm);
    } else if (opts.serverPid !== undefined) serverGone = true; // exited: keep what was sampled
    if (askSmi && gpus === null) smi = false; // no nvidia-smi here: stop asking
    if (gpus) addGpus(rows, tMs, parseNvidiaSmi(gpus));
    if (apps) addApps(rows, tMs, parseNvidiaSmiApps(apps));
    if (metrics) {
      const { neutral } = servingMetrics(parsePrometheus(metrics, SERVING_METRIC_NAMES));
      const series: Record<string, Series> = { kvCacheUsage: s.kv, requestsRunning: s.running, requestsWaiting: s.waiting, generationTokensTotal: s.genTotal, generationTokensPerSec: s.genRate };
      for (const [name, value] of Object.entries(neutral)) row('server-metrics', name, value, series[name]);
    }
    samples++;
    opts.onSamples(rows);
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  // One tick at a time: a slow nvidia-smi or /metrics must not pile up overlapping samples.
  let current: Promise<void> = tick().catch(() => {});
  const loop = () => {
    timer = setTimeout(() => {
      current = tick()
        .catch(() => {})
        .then(() => void (stopped || loop()));
    }, opts.intervalMs);
    timer.unref();
  };
  void current.then(() => {
    if (stopped) return;
    if (smi && !loopsFailed) startLoops();
    loop();
  });

  return {
    async stop(): Promise<MemorySummary> {
      stopped = true;
      clearTimeout(timer);
      await current;
      stopLoops();
      await tick().catch(() => {}); // the state at the end of the run
      const out: MemorySummary = { samples, harnessPeakRssMb: s.harness.max, harnessMeanRssMb: s.harness.mean };
      if (s.rss.n) {
        out.peakRssMb = Math.max(s.rss.max, s.hwm.max);
        out.meanRssMb = s.rss.mean;
      }
      if (s.gpu.n) {
        out.peakGpuMemoryMb = s.gpu.max;
        out.meanGpuMemoryMb = s.gpu.mean;
      }
      if (s.serverGpu.n) out.peakServerGpuMemoryMb = s.serverGpu.max;
      if (s.kv.n) {
        out.peakKvCacheUsage = s.kv.max;
        out.meanKvCacheUsage = s.kv.mean;
      }
      if (s.running.n) out.peakRequestsRunning = s.running.max;
      if (s.waiting.n) out.peakRequestsWaiting = s.waiting.max;
      const g = s.genTotal;
      if (g.n >= 2 && g.last![0] > g.first![0]) out.serverGenerationTokensPerSec = ((g.last![1] - g.first![1]) * 1000) / (g.last![0] - g.first![0]);
      else if (s.genRate.n) out.serverGenerationTokensPerSec = s.genRate.mean;
      return out;
    },
  };
}
