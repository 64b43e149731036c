// Timing over TLS: the clock starts when the request's bytes go out, after the TLS handshake, so the
// first request on a new socket and a request on a reused socket measure the same TTFT/TTFA/E2E.
// Real parts: an https server with a certificate made now by openssl, a TCP proxy adding DELAY_MS each
// way, and the client in a child process (NODE_EXTRA_CA_CERTS is only read when a process starts).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDelayProxy, type DelayProxy } from './testing/delay-proxy.ts';
import { makeCertificate, startTlsSseServer, type TlsCert, type TlsSseServer } from './testing/tls-server.ts';
import { TS_NODE_ARGS } from '../cli/ts-node-args.ts';

const DELAY_MS = 60; // one way: a 120 ms round trip
const ANSWER_AFTER_MS = 20;
const ROUNDS = 6;
const CHILD = fileURLToPath(new URL('./testing/tls-timing-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../', import.meta.url));

type Timing = { ttftMs: number; ttfaMs: number; e2eMs: number };
let dir: string;
let cert: TlsCert;
let server: TlsSseServer;
let proxy: DelayProxy;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'r1bench-tls-'));
  cert = makeCertificate(dir);
  server = await startTlsSseServer(cert, ANSWER_AFTER_MS);
  proxy = await startDelayProxy(server.port, DELAY_MS);
});
afterAll(async () => {
  await proxy?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function runChild(url: string, extraCa: string): Promise<{ first: Timing; reused: Timing }[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TS_NODE_ARGS, CHILD, url, String(ROUNDS)], {
      cwd: ROOT,
      env: { ...process.env, NODE_EXTRA_CA_CERTS: extraCa },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`client child exited ${code}: ${stderr.trim().slice(0, 300)}`))));
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('timing over TLS through a 120 ms round trip', () => {
  it('the first request on a new TLS socket measures the same TTFT, TTFA and E2E as one on the reused socket', async () => {
    const handshakesBefore = server.handshakes();
    const rounds = await runChild(`https://127.0.0.1:${proxy.port}/v1`, cert.certFile);
    expect(rounds).toHaveLength(ROUNDS);
    // One handshake per round (and the warm-up round): the second request of each round reused the first one's socket.
    expect(server.handshakes() - handshakesBefore).toBe(ROUNDS + 1);
    const first = rounds.map((r) => r.first);
    const reused = rounds.map((r) => r.reused);
    // The proxy works: a request and its first token cost one round trip.
    expect(median(reused.map((t) => t.ttftMs))).toBeGreaterThanOrEqual(2 * DELAY_MS - 5);
    // With the clock started at TCP connect, the first request would carry the handshake's round trip (~120 ms more).
    for (const key of ['ttftMs', 'ttfaMs', 'e2eMs'] as const) {
      // Load on the machine only ever adds time, so each side's fastest round is its truest cost.
      const diff = Math.min(...first.map((t) => t[key])) - Math.min(...reused.map((t) => t[key]));
      expect(Math.abs(diff), `${key}: first ${first.map((t) => t[key].toFixed(1))} vs reused ${reused.map((t) => t[key].toFixed(1))}`).toBeLessThan(15);
    }
    expect(median(first.map((t) => t.ttftMs))).toBeLessThan(2 * DELAY_MS + 40);
  }, 60_000);

  it('the child trusts the certificate only through NODE_EXTRA_CA_CERTS: without it the request fails', async () => {
    await expect(runChild(`https://127.0.0.1:${proxy.port}/v1`, join(dir, 'absent.pem'))).rejects.toThrow(/certificate|self.signed|UNABLE|DEPTH_ZERO/i);
  }, 60_000);
});
