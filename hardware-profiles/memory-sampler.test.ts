import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { readProcMemory, startMemorySampler, type TimelineRow } from './memory-sampler.ts';

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

  it('polls nvidia-smi (a stand-in printing the documented output) and a Prometheus /metrics', async () => {
    const dir = mkdtempSync(join(os.tmpdir(), 'r1bench-smi-'));
    const fake = join(dir, 'nvidia-smi');
    // Each GPU query reports 1000 MiB more on GPU 0 than the last one; compute apps list pid 4242.
    writeFileSync(
      fake,
      `#!/bin/sh
case "$1" in
  --query-gpu=*) n=$(cat "${dir}/n" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "${dir}/n"
    echo "0, NVIDIA H200, $((n*1000)), 143771"; echo "1, NVIDIA H200, 500, 143771" ;;
  --query-compute-apps=*) echo "4242, 70000" ;;
esac
`,
    );
    chmodSync(fake, 0o755);
    let scrapes = 0;
    const server = http.createServer((_, res) => {
      scrapes++;
      res.end(`vllm:num_requests_running{engine="0"} ${scrapes}\nvllm:num_requests_waiting{engine="0"} 2\nvllm:kv_cache_usage_perc{engine="0"} ${scrapes / 100}\nvllm:generation_tokens_total{engine="0"} ${scrapes * 500}\n`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const rows: TimelineRow[] = [];
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
      const sampler = startMemorySampler({ serverPid: 4242, nvidiaSmi: true, nvidiaSmiBin: fake, metricsUrl: url, intervalMs: 30, onSamples: (r) => rows.push(...r) });
      await new Promise((r) => setTimeout(r, 300));
      const summary = await sampler.stop();
      const n = summary.samples;
      expect(n).toBeGreaterThan(3);
      expect(summary.peakGpuMemoryMb).toBe(n * 1000 + 500);
      expect(summary.meanGpuMemoryMb).toBeCloseTo(((n + 1) / 2) * 1000 + 500, 6);
      expect(summary.peakServerGpuMemoryMb).toBe(70000);
      expect(summary.peakKvCacheUsage).toBeCloseTo(scrapes / 100, 10);
      expect(summary.peakRequestsRunning).toBe(scrapes);
      expect(summary.peakRequestsWaiting).toBe(2);
      expect(summary.serverGenerationTokensPerSec).toBeGreaterThan(0);
      expect(rows.some((r) => r.source === 'gpu' && r.name === 'gpu1.memoryUsedMb' && r.value === 500)).toBe(true);
      expect(rows.some((r) => r.source === 'gpu-app' && r.name === 'pid4242.usedMemoryMb')).toBe(true);
      expect(rows.filter((r) => r.source === 'server-metrics' && r.name === 'kvCacheUsage')).toHaveLength(scrapes);
      expect(summary).not.toHaveProperty('peakRssMb'); // pid 4242 is not a local process here
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
