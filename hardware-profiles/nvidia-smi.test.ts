import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { TS_NODE_ARGS } from '../cli/ts-node-args.ts';
import { cleanTempDirs, tempDir } from '../test/support/run-dir.ts';
import { fakeNvidiaSmi } from './testing/fake-nvidia-smi.ts';
import { parseNvidiaSmi, parseNvidiaSmiApps, parseNvidiaSmiLoopApp, parseNvidiaSmiLoopGpu, parseNvidiaSmiProbe, parseNvidiaSmiTime, runNvidiaSmi } from './nvidia-smi.ts';

// `nvidia-smi --query-gpu=index,name,memory.used,memory.total --format=csv,noheader,nounits` on an 8-GPU node.
const GPUS = `0, NVIDIA H200, 131072, 143771
1, NVIDIA H200, 130950, 143771
2, NVIDIA H200, [N/A], 143771
`;

afterAll(cleanTempDirs);

describe('nvidia-smi parsing', () => {
  it('reads index, name, used and total MiB; unknown values are null', () => {
    expect(parseNvidiaSmi(GPUS)).toEqual([
      { index: 0, name: 'NVIDIA H200', memoryUsedMb: 131072, memoryTotalMb: 143771 },
      { index: 1, name: 'NVIDIA H200', memoryUsedMb: 130950, memoryTotalMb: 143771 },
      { index: 2, name: 'NVIDIA H200', memoryUsedMb: null, memoryTotalMb: 143771 },
    ]);
  });

  it('keeps a GPU name that holds a comma, and accepts CRLF', () => {
    expect(parseNvidiaSmi('0, NVIDIA A100-SXM4-80GB, MIG 3g, 1024, 81920\r\n')[0]).toEqual({
      index: 0,
      name: 'NVIDIA A100-SXM4-80GB, MIG 3g',
      memoryUsedMb: 1024,
      memoryTotalMb: 81920,
    });
  });

  it('reads compute apps, and nothing from the "no processes" message', () => {
    expect(parseNvidiaSmiApps('4242, 130000\n4243, [Not Supported]\n')).toEqual([
      { pid: 4242, usedMemoryMb: 130000 },
      { pid: 4243, usedMemoryMb: null },
    ]);
    expect(parseNvidiaSmiApps('No running processes found\n')).toEqual([]);
    expect(parseNvidiaSmiApps('')).toEqual([]);
  });

  it('reads the probe query with the driver version', () => {
    expect(parseNvidiaSmiProbe('0, NVIDIA GeForce RTX 4090, 24564, 550.54.14\n')).toEqual([
      { index: 0, name: 'NVIDIA GeForce RTX 4090', memoryMb: 24564, driver: '550.54.14' },
    ]);
  });

  it("reads nvidia-smi's timestamp as local time, to the millisecond", () => {
    expect(parseNvidiaSmiTime('2026/12/03 13:45:01.123')).toBe(new Date(2026, 11, 3, 13, 45, 1, 123).getTime());
    expect(parseNvidiaSmiTime('2026/01/09 00:00:59.5')).toBe(new Date(2026, 0, 9, 0, 0, 59, 500).getTime());
    expect(parseNvidiaSmiTime('2026/01/09 00:00:59')).toBe(new Date(2026, 0, 9, 0, 0, 59, 0).getTime());
    expect(parseNvidiaSmiTime('[N/A]')).toBeUndefined();
    expect(parseNvidiaSmiTime('12/03/2026 13:45:01')).toBeUndefined();
  });

  it('reads the loop queries: the poll time first, then the GPU or the process', () => {
    const t = new Date(2026, 11, 3, 9, 0, 0, 250).getTime();
    expect(parseNvidiaSmiLoopGpu('2026/12/03 09:00:00.250, 3, NVIDIA A100-SXM4-80GB, MIG 3g, 1024, 81920')).toEqual({
      tMs: t,
      gpu: { index: 3, name: 'NVIDIA A100-SXM4-80GB, MIG 3g', memoryUsedMb: 1024, memoryTotalMb: 81920 },
    });
    expect(parseNvidiaSmiLoopGpu('2026/12/03 09:00:00.250, 0, NVIDIA H200, [N/A], 143771')?.gpu.memoryUsedMb).toBeNull();
    expect(parseNvidiaSmiLoopApp('2026/12/03 09:00:00.250, 4242, 70000\r')).toEqual({ tMs: t, app: { pid: 4242, usedMemoryMb: 70000 } });
    expect(parseNvidiaSmiLoopApp('2026/12/03 09:00:00.250, 4243, [Not Supported]')?.app.usedMemoryMb).toBeNull();
    for (const junk of ['', 'No running processes found', 'No devices were found', 'Failed to initialize NVML: Driver/library version mismatch']) {
      expect(parseNvidiaSmiLoopGpu(junk)).toBeNull();
      expect(parseNvidiaSmiLoopApp(junk)).toBeNull();
    }
  });

  it('runNvidiaSmi gives null when the tool is absent', async () => {
    expect(await runNvidiaSmi(['-L'], '/nonexistent/nvidia-smi')).toBeNull();
  });

  it('a loop ends with the process that started it, even when stop() is never called', async () => {
    const smi = fakeNvidiaSmi(tempDir('smi'), { keepsLooping: true }); // closing its pipe alone would not end it
    const script = join(smi.bin, '..', 'exit-early.ts');
    const module = fileURLToPath(new URL('./nvidia-smi.ts', import.meta.url));
    writeFileSync(
      script,
      `import { GPU_LOOP_QUERY, NvidiaSmiLoop } from ${JSON.stringify(module)};
const loop = new NvidiaSmiLoop(GPU_LOOP_QUERY, 20, () => {}, ${JSON.stringify(smi.bin)});
setTimeout(() => { console.log((loop as any).child.pid); process.exit(3); }, 200);
`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, [...TS_NODE_ARGS, script]).catch((e: { stdout: string; code: number }) => {
      expect(e.code).toBe(3);
      return e;
    });
    const pid = Number(stdout.trim());
    expect(pid).toBeGreaterThan(0);
    await new Promise((r) => setTimeout(r, 200));
    // Gone, or a zombie waiting for init to reap it: not running, not polling.
    const stat = `/proc/${pid}/stat`;
    const state = existsSync(stat) ? readFileSync(stat, 'utf8').split(') ')[1]![0] : 'gone';
    expect(['gone', 'Z', 'X']).toContain(state);
    expect(smi.calls()).toHaveLength(1);
  });
});
