import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanTempDirs, tempDir } from '../test/support/run-dir.ts';
import { readProcMemory, startMemorySampler, type TimelineRow } from './memory-sampler.ts';
import { APPS_LOOP_QUERY, APPS_QUERY, GPU_LOOP_QUERY, GPU_QUERY } from './nvidia-smi.ts';
import { fakeNvidiaSmi } from './testing/fake-nvidia-smi.ts';

afterAll(cleanTempDirs);

// A real process whose resident memory grows by 20 MB every 40 ms up to 240 MB, then holds it.
const GROWER = `
const kept = [];
const t = setInterval(() => {
  kept.push(Buffer.alloc(20 * 1024 * 1024, 1));
  if (kept.length === 12) { clearInterval(t); console.log('full'); }
}, 40);
setInterval(() => {}, 1000);
`;

describe('startMemorySampler', () => {
  it('follows a real child process whose memory grows: rising RSS timeline, peak and mean', async () => {
    const child = spawn(process.execPath, ['-e', GROWER], { stdio: ['ignore', 'pipe', 'inherit'] });
    const rows: TimelineRow[] = [];
    try {
      const sampler = startMemorySampler({ serverPid: child.pid, intervalMs: 25, onSamples: (r) => rows.push(...r) });
      await new Promise<void>((resolve) => createInterface({ input: child.stdout! }).once('line', () => resolve()));
      await new Promise((r) => setTimeout(r, 100));
      const summary = await sampler.stop();
      const rss = rows.filter((r) => r.source === 'server' && r.name === 'rssMb').map((r) => r.value);
      expect(rss.length).toBeGreaterThan(5);
      expect(rss.at(-1)! - rss[0]!).toBeGreaterThan(150); // it grew while we watched
      expect(summary.peakRssMb).toBeGreaterThanOrEqual(240);
      expect(summary.peakRssMb).toBeLessThan(600);
      expect(summary.meanRssMb).toBeLessThan(summary.peakRssMb!);
      expect(summary.meanRssMb).toBeGreaterThan(rss[0]!);
      expect(summary.harnessPeakRssMb).toBeGreaterThan(10);
      expect(summary).not.toHaveProperty('peakGpuMemoryMb'); // absent sources are left out
      expect(summary).not.toHaveProperty('peakKvCacheUsage');
    } finally {
      child.kill();
    }
  });

  it('stops reading a server process that exited, keeping what it sampled', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 150)']);
    const sampler = startMemorySampler({ serverPid: child.pid, intervalMs: 20, onSamples: () => {} });
    await new Promise((r) => child.once('exit', r));
    await new Promise((r) => setTimeout(r, 60));
    expect(await readProcMemory(child.pid!)).toBeNull();
    const summary = await sampler.stop();
    expect(summary.peakRssMb).toBeGreaterThan(5);
  });

  it('reads nvidia-smi through two long-lived loop processes, asking it directly only at the start and the end', async () => {
    const smi = fakeNvidiaSmi(tempDir('smi'));
    const rows: TimelineRow[] = [];
    const t0 = Date.now();
    const sampler = startMemorySampler({ serverPid: 4242, nvidiaSmi: true, nvidiaSmiBin: smi.bin, intervalMs: 30, onSamples: (r) => rows.push(...r) });
    await new Promise((r) => setTimeout(r, 600));
    const summary = await sampler.stop();
    const t1 = Date.now();
    // However many samples were taken: one direct query of each kind at the start and at the end, and one
    // loop of each kind (no process started per sample).
    expect(summary.samples).toBeGreaterThan(10);
    const calls = smi.calls();
    // Sorted: the two loops are separate processes, and which one logs its start first is up to the scheduler.
    expect(calls.filter((c) => c.includes('-lms')).sort()).toEqual([`${GPU_LOOP_QUERY.join(' ')} -lms 30`, `${APPS_LOOP_QUERY.join(' ')} -lms 30`].sort());
    expect(calls.filter((c) => !c.includes('-lms')).sort()).toEqual([APPS_QUERY, APPS_QUERY, GPU_QUERY, GPU_QUERY].map((q) => q.join(' ')).sort());
    // The loop's polls: complete (both GPUs in every total), at the poll's own time, in order.
    const totals = rows.filter((r) => r.source === 'gpu' && r.name === 'memoryUsedMb');
    const loopTotals = totals.filter((r) => r.value !== 577); // 77 + 500: the direct queries
    expect(loopTotals.length).toBeGreaterThan(3);
    expect(loopTotals.map((r) => r.value)).toEqual(loopTotals.map((_, i) => (i + 1) * 1000 + 500));
    for (const r of totals) {
      expect(r.tMs).toBeGreaterThanOrEqual(t0 - 1000); // nvidia-smi stamps to the ms; the clock read it the same
      expect(r.tMs).toBeLessThanOrEqual(t1 + 1000);
      const gpu0 = rows.find((x) => x.name === 'gpu0.memoryUsedMb' && x.tMs === r.tMs)!;
      expect(gpu0.value + 500).toBe(r.value);
    }
    expect(totals[0]!.value).toBe(577);
    expect(totals.at(-1)!.value).toBe(577);
    expect(summary.peakGpuMemoryMb).toBe(loopTotals.length * 1000 + 500);
    const apps = rows.filter((r) => r.source === 'gpu-app' && r.name === 'pid4242.usedMemoryMb').map((r) => r.value);
    expect(apps.length).toBeGreaterThan(3);
    expect(summary.peakServerGpuMemoryMb).toBe(Math.max(...apps));
    expect(summary.peakServerGpuMemoryMb).toBeGreaterThan(70002);
  });

  it('falls back to asking nvidia-smi on every sample when its loop mode fails', async () => {
    const smi = fakeNvidiaSmi(tempDir('smi'), { loopFails: true });
    const rows: TimelineRow[] = [];
    const sampler = startMemorySampler({ nvidiaSmi: true, nvidiaSmiBin: smi.bin, intervalMs: 30, onSamples: (r) => rows.push(...r) });
    await new Promise((r) => setTimeout(r, 400));
    const summary = await sampler.stop();
    const direct = smi.calls().filter((c) => c === GPU_QUERY.join(' ')).length;
    expect(direct).toBeGreaterThan(4); // the start, the end, and the samples after the loops ended
    expect(summary.peakGpuMemoryMb).toBe(577);
    expect(rows.filter((r) => r.name === 'memoryUsedMb').length).toBe(direct);
  });

  it('polls a Prometheus /metrics on every sample', async () => {
    let scrapes = 0;
    const server = http.createServer((_, res) => {
      scrapes++;
      res.end(`vllm:num_requests_running{engine="0"} ${scrapes}\nvllm:num_requests_waiting{engine="0"} 2\nvllm:kv_cache_usage_perc{engine="0"} ${scrapes / 100}\nvllm:generation_tokens_total{engine="0"} ${scrapes * 500}\n`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const rows: TimelineRow[] = [];
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
      const sampler = startMemorySampler({ serverPid: 4242, metricsUrl: url, intervalMs: 30, onSamples: (r) => rows.push(...r) });
      await new Promise((r) => setTimeout(r, 300));
      const summary = await sampler.stop();
      expect(summary.samples).toBeGreaterThan(3);
      expect(summary.peakKvCacheUsage).toBeCloseTo(scrapes / 100, 10);
      expect(summary.peakRequestsRunning).toBe(scrapes);
      expect(summary.peakRequestsWaiting).toBe(2);
      expect(summary.serverGenerationTokensPerSec).toBeGreaterThan(0);
      expect(rows.filter((r) => r.source === 'server-metrics' && r.name === 'kvCacheUsage')).toHaveLength(scrapes);
      expect(summary).not.toHaveProperty('peakRssMb'); // pid 4242 is not a local process here
      expect(summary).not.toHaveProperty('peakGpuMemoryMb');
    } finally {
      await new Promise((r) => server.close(r));
    }
  });

  it('with nvidia-smi absent it stops asking and leaves GPU numbers out', async () => {
    const sampler = startMemorySampler({ nvidiaSmi: true, nvidiaSmiBin: '/nonexistent/nvidia-smi', intervalMs: 10, onSamples: () => {} });
    await new Promise((r) => setTimeout(r, 50));
    const summary = await sampler.stop();
    expect(Object.keys(summary).sort()).toEqual(['harnessMeanRssMb', 'harnessPeakRssMb', 'samples']);
  });
});
