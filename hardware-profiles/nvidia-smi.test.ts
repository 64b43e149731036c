import { describe, expect, it } from 'vitest';
import { parseNvidiaSmi, parseNvidiaSmiApps, parseNvidiaSmiProbe, runNvidiaSmi } from './nvidia-smi.ts';

// `nvidia-smi --query-gpu=index,name,memory.used,memory.total --format=csv,noheader,nounits` on an 8-GPU node.
const GPUS = `0, NVIDIA H200, 131072, 143771
1, NVIDIA H200, 130950, 143771
2, NVIDIA H200, [N/A], 143771
`;

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

  it('runNvidiaSmi gives null when the tool is absent', async () => {
    expect(await runNvidiaSmi(['-L'], '/nonexistent/nvidia-smi')).toBeNull();
  });
});
