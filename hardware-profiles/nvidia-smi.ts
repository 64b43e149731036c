// nvidia-smi's CSV output (`--format=csv,noheader,nounits`): one GPU or process per line, ", " between
// fields, memory in MiB, "[N/A]" or "[Not Supported]" where a value is unknown.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

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
/** The memory sampler's queries in loop mode (`-lms N`): every line carries the time of the poll it belongs to. */
export const GPU_LOOP_QUERY = ['--query-gpu=timestamp,index,name,memory.used,memory.total', '--format=csv,noheader,nounits'];
export const APPS_LOOP_QUERY = ['--query-compute-apps=timestamp,pid,used_memory', '--format=csv,noheader,nounits'];
export const PROBE_QUERY = ['--query-gpu=index,name,memory.total,driver_version', '--format=csv,noheader,nounits'];

const num = (s: string | undefined): number | null => {
  const v = Number((s ?? '').trim());
  return s === undefined || s.trim() === '' || !Number.isFinite(v) ? null : v;
};

/** One line's fields; null for a blank line or nvidia-smi's "No devices" / "No running processes" message. */
function fields(line: string): string[] | null {
  const l = line.trim();
  return l && !/^(No devices|No running)/i.test(l) ? l.split(',').map((f) => f.trim()) : null;
}

function lines(text: string): string[][] {
  return text.split(/\r?\n/).flatMap((l) => {
    const f = fields(l);
    return f ? [f] : [];
  });
}

/** index, name…, memory.used, memory.total (a name holding a comma is kept whole). */
function gpuSample(f: string[]): GpuMemorySample | null {
  return f.length >= 4 ? { index: Number(f[0]), name: f.slice(1, -2).join(', '), memoryUsedMb: num(f.at(-2)), memoryTotalMb: num(f.at(-1)) } : null;
}

/** Parses `--query-gpu=index,name,memory.used,memory.total`. A name holding a comma is kept whole. */
export function parseNvidiaSmi(text: string): GpuMemorySample[] {
  return lines(text).flatMap((f) => gpuSample(f) ?? []);
}

/** nvidia-smi's `timestamp` field, "2026/12/03 13:45:01.123" in this machine's local time, as epoch ms. */
export function parseNvidiaSmiTime(s: string): number | undefined {
  const m = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/.exec(s.trim());
  if (!m) return undefined;
  const [y, mo, d, h, mi, sec] = m.slice(1, 7).map(Number);
  const ms = Number((m[7] ?? '0').padEnd(3, '0')); // ".5" is 500 ms
  return new Date(y!, mo! - 1, d!, h!, mi!, sec!, ms).getTime();
}

/** A line of GPU_LOOP_QUERY: the poll's time and the GPU. */
export function parseNvidiaSmiLoopGpu(line: string): { tMs: number | undefined; gpu: GpuMemorySample } | null {
  const f = fields(line);
  const gpu = f && gpuSample(f.slice(1));
  return gpu && Number.isInteger(gpu.index) ? { tMs: parseNvidiaSmiTime(f[0]!), gpu } : null;
}

/** A line of APPS_LOOP_QUERY: the poll's time and the process. */
export function parseNvidiaSmiLoopApp(line: string): { tMs: number | undefined; app: GpuProcessSample } | null {
  const f = fields(line);
  return f && f.length >= 3 && Number.isInteger(Number(f[1])) ? { tMs: parseNvidiaSmiTime(f[0]!), app: { pid: Number(f[1]), usedMemoryMb: num(f[2]) } } : null;
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

/**
 * One long-lived `nvidia-smi QUERY -lms INTERVAL`, its output handed over line by line. A sampler started
 * once for a whole run, rather than a new nvidia-smi per sample: starting a process forks the harness, which
 * holds up the thread that starts it for milliseconds (4 ms at a 260 MB heap here, 11 ms at worst), and
 * nvidia-smi's own start-up (loading NVML) is most of its cost. `exitedEarly` says when it stopped on its own.
 */
export class NvidiaSmiLoop {
  private readonly child: ChildProcess;
  private stopping = false;
  /** Set when nvidia-smi ended before stop() (an unknown field, a driver that went away). */
  exitedEarly = false;

  constructor(query: string[], intervalMs: number, onLine: (line: string) => void, bin = 'nvidia-smi') {
    this.child = spawn(bin, [...query, '-lms', String(Math.max(1, Math.round(intervalMs)))], { stdio: ['ignore', 'pipe', 'ignore'] });
    const lines = createInterface({ input: this.child.stdout!, crlfDelay: Infinity });
    lines.on('line', (l) => this.stopping || onLine(l));
    const ended = () => void (this.stopping || (this.exitedEarly = true));
    this.child.once('error', ended).once('exit', ended);
    // A run that ends without stop() (an error on the way out, a second Ctrl-C) is not held open by it,
    // and takes it along when the process exits.
    this.child.unref();
    (this.child.stdout as unknown as { unref?(): void }).unref?.();
    process.once('exit', this.kill);
  }

  private readonly kill = () => void this.child.kill();

  stop(): void {
    this.stopping = true;
    process.removeListener('exit', this.kill);
    this.kill();
  }
}

/** Runs nvidia-smi; null when it is absent or fails (a machine without NVIDIA GPUs). */
export function runNvidiaSmi(args: string[], bin = 'nvidia-smi', timeoutMs = 5000): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(bin, args, { timeout: timeoutMs, encoding: 'utf8' }, (err, stdout) => resolve(err ? null : stdout));
  });
}
