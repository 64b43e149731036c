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

/** /proc/stat counts in USER_HZ, 100 per second on Linux. */
const TICK_MS = 10;
/** Index of the steal counter in a cpuTimes() reading. */
const STEAL = 7;

/** The most steal between two consecutive readings (ms of CPU time, all cores together). */
export function maxStealWindowMs(readings: number[][]): number {
  let max = 0;
  for (let i = 1; i < readings.length; i++) max = Math.max(max, (readings[i]![STEAL]! - readings[i - 1]![STEAL]!) * TICK_MS);
  return max;
}

/**
 * Steal during a measurement, read every `everyMs`: its share of all CPU time, and the most taken within
 * one reading's window. Steal comes in bursts (here: 1.3% over 30 s, yet 8 windows of 100 ms with 30 ms or
 * more, one with 160 ms): one burst is 1% of a 5 s round and still stalls every thread for tens of ms, so
 * the average alone cannot say that a round was undisturbed. undefined off Linux.
 */
export function watchSteal(everyMs = 100): { stop(): { pct: number; maxBurstMs: number } | undefined } {
  const first = cpuTimes();
  if (!first) return { stop: () => undefined };
  const readings = [first];
  const timer = setInterval(() => readings.push(cpuTimes()!), everyMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      readings.push(cpuTimes()!);
      return { pct: stealSince(first) ?? 0, maxBurstMs: maxStealWindowMs(readings) };
    },
  };
}
