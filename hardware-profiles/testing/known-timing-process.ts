// Runs the known-timing server as a child process and reads its server-side truth over HTTP.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { KnownTiming, StreamTruth } from './known-timing-server.ts';
import { TS_NODE_ARGS } from '../../cli/ts-node-args.ts';

const MAIN = fileURLToPath(new URL('./known-timing-main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface KnownTimingProcess {
  url: string;
  port: number;
  pid: number;
  /** Every finished stream's truth; `clear` empties the server's list after reading. */
  truth(clear?: boolean): Promise<StreamTruth[]>;
  close(): Promise<void>;
}

function getJson(port: number, path: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        const parts: Buffer[] = [];
        res.on('data', (b: Buffer) => parts.push(b));
        res.on('end', () => resolve(JSON.parse(Buffer.concat(parts).toString('utf8'))));
      })
      .on('error', reject);
  });
}

export async function spawnKnownTimingServer(cfg: KnownTiming, startTimeoutMs = 20_000): Promise<KnownTimingProcess> {
  const child = spawn(process.execPath, [...TS_NODE_ARGS, MAIN, JSON.stringify(cfg)], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`known-timing server did not start within ${startTimeoutMs} ms`)), startTimeoutMs);
    child.once('exit', (code) => reject(new Error(`known-timing server exited with code ${code} before listening`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    });
  });
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    pid: child.pid!,
    truth: (clear = false) => getJson(port, clear ? '/truth?clear=1' : '/truth') as Promise<StreamTruth[]>,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}
