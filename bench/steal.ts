// CPU steal: the share of this virtual machine's CPU time the hypervisor gave to other guests. Benchmarks on a
// shared VM report it beside their numbers, since a few percent of steal moves tail latencies by tens of ms.
import { readFileSync } from 'node:fs';

/** The aggregate CPU counters of /proc/stat (user, nice, system, idle, iowait, irq, softirq, steal, ...); undefined off Linux. */
export function cpuTimes(): number[] | undefined {
  try {
    return readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  } catch {
    return undefined;
  }
}

/** Steal as a % of all CPU time since `from` (a cpuTimes() reading); undefined without /proc/stat. */
export function stealSince(from: number[] | undefined): number | undefined {
  const now = cpuTimes();
  if (!from || !now) return undefined;
  const d = now.map((v, i) => v - from[i]!);
  const total = d.reduce((a, b) => a + b, 0);
  return total > 0 ? (100 * (d[7] ?? 0)) / total : undefined;
}
