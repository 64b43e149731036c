// The run-queue wait of the streaming thread, read from Linux's /proc/thread-self/schedstat: a real kernel
// counter, checked by making it wait. Both processes are pinned to one CPU (taskset, util-linux), so while
// a CPU-bound hog runs there, the measured thread can run only about half the time.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TS_NODE_ARGS } from '../cli/ts-node-args.ts';
import type { ClientLoad } from '../hardware-profiles/client-load.ts';
import { threadWaitMs } from './thread-wait.ts';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./testing/busy-measured.ts', import.meta.url));
const onLinux = process.platform === 'linux';

async function measuredOnCpu0(withHog: boolean): Promise<ClientLoad> {
  const hog = withHog ? spawn('taskset', ['-c', '0', process.execPath, '-e', 'const u = Date.now() + 4000; while (Date.now() < u);'], { stdio: 'ignore' }) : undefined;
  try {
    const { stdout } = await run('taskset', ['-c', '0', process.execPath, ...TS_NODE_ARGS, CHILD, '800']);
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
    const shared = await measuredOnCpu0(true);
    expect(shared.cpuWaitPct).toBeGreaterThan(25); // about 50: the scheduler splits the CPU between the two
    const alone = await measuredOnCpu0(false);
    expect(alone.cpuWaitPct).toBeGreaterThanOrEqual(0);
    expect(alone.cpuWaitPct!).toBeLessThan(shared.cpuWaitPct!);
  }, 30_000);
});
