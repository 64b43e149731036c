// nvidia-smi's CSV output (`--format=csv,noheader,nounits`): one GPU or process per line, ", " between
// fields, memory in MiB, "[N/A]" or "[Not Supported]" where a value is unknown.
import { execFile } from 'node:child_process';

export interface GpuMemorySample {
  index: number;
  name: string;
  memoryUsedMb: number | null;
  memoryTotalMb: number | null;
}

export interface GpuProcessSample {
  pid: number;
  usedMemoryMb: number | null;
}

export const GPU_QUERY = ['--query-gpu=index,name,memory.used,memory.total', '--format=csv,noheader,nounits'];
export const APPS_QUERY = ['--query-compute-apps=pid,used_memory', '--format=csv,noheader,nounits'];
export const PROBE_QUERY = ['--query-gpu=index,name,memory.total,driver_version', '--format=csv,noheader,nounits'];

const num = (s: string | undefined): number | null => {
  const v = Number((s ?? '').trim());
  return s === undefined || s.trim() === '' || !Number.isFinite(v) ? null : v;
};

function lines(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^(No devices|No running)/i.test(l))
    .map((l) => l.split(',').map((f) => f.trim()));
}

/** Parses `--query-gpu=index,name,memory.used,memory.total`. A name holding a comma is kept whole. */
export function parseNvidiaSmi(text: string): GpuMemorySample[] {
  return lines(text)
    .filter((f) => f.length >= 4)
    .map((f) => ({ index: Number(f[0]), name: f.slice(1, -2).join(', '), memoryUsedMb: num(f.at(-2)), memoryTotalMb: num(f.at(-1)) }));
}

/** Parses `--query-compute-apps=pid,used_memory`. */
export function parseNvidiaSmiApps(text: string): GpuProcessSample[] {
  return lines(text)
    .filter((f) => f.length >= 2 && Number.isInteger(Number(f[0])))
    .map((f) => ({ pid: Number(f[0]), usedMemoryMb: num(f[1]) }));
}

export interface GpuInfo {
  index: number;
  name: string;
  memoryMb: number | null;
  driver: string;
}

/** Parses `--query-gpu=index,name,memory.total,driver_version` (the probe's query). */
export function parseNvidiaSmiProbe(text: string): GpuInfo[] {
  return lines(text)
    .filter((f) => f.length >= 4)
    .map((f) => ({ index: Number(f[0]), name: f.slice(1, -2).join(', '), memoryMb: num(f.at(-2)), driver: f.at(-1)! }));
}

/** Runs nvidia-smi; null when it is absent or fails (a machine without NVIDIA GPUs). */
export function runNvidiaSmi(args: string[], bin = 'nvidia-smi', timeoutMs = 5000): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(bin, args, { timeout: timeoutMs, encoding: 'utf8' }, (err, stdout) => resolve(err ? null : stdout));
  });
}
