// The run-queue wait of the streaming thread, read from Linux's /proc/thread-self/schedstat: a real kernel
// counter, checked by making it wait. Both processes are pinned to one CPU (taskset, util-linux), so while
// a CPU-bound hog runs there, the measured thread can run only about half the time. (Steal, time the
// hypervisor takes from a running thread, is not in the counter, so steal on the test machine cannot fake it.)
import { execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TS_NODE_ARGS } from '../cli/ts-node-args.ts';
import type { ClientLoad } from '../hardware-profiles/client-load.ts';
import { threadWaitMs } from './thread-wait.ts';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./testing/busy-measured.ts', import.meta.url));
const onLinux = process.platform === 'linux';

/** The first CPU this process may run on (Cpus_allowed_list, e.g. "0-1" or "2,5"). */
function firstAllowedCpu(): string {
  const list = /^Cpus_allowed_list:\s*(\d+)/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return list ? list[1]! : '0';
}

async function measuredOnOneCpu(withHog: boolean): Promise<ClientLoad> {
  const cpu = firstAllowedCpu();
  // The hog spins until it is killed, however long the measured child takes to start.
  const hog = withHog ? spawn('taskset', ['-c', cpu, process.execPath, '-e', 'for (;;);'], { stdio: 'ignore' }) : undefined;
  try {
    const { stdout } = await run('taskset', ['-c', cpu, process.execPath, ...TS_NODE_ARGS, CHILD, '800']);
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as ClientLoad;
  } finally {
    hog?.kill();
  }
}

// Linux only: elsewhere threadWaitMs is undefined and ClientLoad has no cpuWaitPct.
describe.runIf(onLinux)('thread wait (Linux)', () => {
  it("reads the calling thread's run-queue wait, in ms, never going back", () => {
    const a = threadWaitMs()!;
    const until = performance.now() + 50;
    while (performance.now() < until);
    const b = threadWaitMs()!;
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeGreaterThanOrEqual(a);
  });

  it('a busy thread sharing its one CPU with a CPU-bound process waits for it: cpuWaitPct is large; alone it is small', async () => {
    const shared = await measuredOnOneCpu(true);
    expect(shared.cpuWaitPct).toBeGreaterThan(25); // about 50: the scheduler splits the CPU between the two
    const alone = await measuredOnOneCpu(false);
    expect(alone.cpuWaitPct).toBeGreaterThanOrEqual(0);
    expect(alone.cpuWaitPct!).toBeLessThan(shared.cpuWaitPct!);
  }, 30_000);
});
