// The simulator in its own process (`r1bench simulate`), for tests that measure the harness's memory
// in the test process and must not count the simulator's.
import { readFileSync } from 'node:fs';
import type { RequestLogEntry } from '../../runners/simulator/index.ts';
import { spawnCli, waitCli } from './cli.ts';

export interface SimulatorProcess {
  url: string;
  /** Stops it (SIGTERM) and waits for the exit. */
  stop(): Promise<void>;
}

export async function startSimulatorProcess(flags: string[], startTimeoutMs = 30_000): Promise<SimulatorProcess> {
  const child = spawnCli(['simulate', ...flags]);
  const exited = waitCli(child);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`simulator did not start within ${startTimeoutMs} ms: ${out}`)), startTimeoutMs);
    child.stdout!.on('data', (b) => {
      out += b;
      const m = /listening on (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then((r) => reject(new Error(`simulator exited (${r.code}): ${r.stderr}`)));
  });
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** The simulator's --log-file: one entry per finished request. */
export function readRequestLog(file: string): RequestLogEntry[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as RequestLogEntry);
}
