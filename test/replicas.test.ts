// Several endpoints (replicas) per run, with health checks: a replica that keeps failing with retryable
// errors leaves the rotation, is tried again later, and its work goes to the others; a replica that dies
// mid-run does not cost a sample; an authentication error still stops the run.
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseFaultSpec, startSimulator, type RunningSimulator } from '../runners/simulator/index.ts';
import { spawnCli, waitCli } from './support/cli.ts';
import { cleanTempDirs, completedCount, nonEmptyLines, runCliWithin, storedRows, tempDir, waitFor } from './support/run-dir.ts';

const sims: RunningSimulator[] = [];
afterAll(async () => {
  await Promise.all(sims.map((s) => s.close().catch(() => {})));
  cleanTempDirs();
});

async function sim(opts: Parameters<typeof startSimulator>[0]): Promise<RunningSimulator> {
  const s = await startSimulator({ model: 'r1', suites: ['aime-sample'], ...opts });
  sims.push(s);
  return s;
}

const args = (endpoints: string[], out: string, extra: string[] = []) => [
  'run', '--suite', 'aime-sample', '--samples', '4', ...endpoints.flatMap((e) => ['--endpoint', e]), '--model', 'r1', '--out', out, '--concurrency', '8', '--no-report', ...extra,
];

describe('replicas with health checks', () => {
  it('a replica answering 500 to everything is taken out, retried later, and its work done by the other', async () => {
    // ~0.55 s per sample, 144 samples over 8 streams: a run of 10 s or more, twice the first cool-down (5 s).
    const good = await sim({ ttftMs: 200, interTokenMs: 8, reasoningTokens: 40 });
    const bad = await sim({ faults: parseFaultSpec('500=1') });
    const out = join(tempDir('replica-500'), 'run');
    const res = await runCliWithin(args([good.url, bad.url], out), 80_000);
    expect(res.code, res.stderr).toBe(0);
    const rows = storedRows(out);
    expect(rows).toHaveLength(144);
    expect(rows.filter((r) => r.error_kind !== null)).toEqual([]);
    expect(new Set(rows.map((r) => r.endpoint))).toEqual(new Set([good.url]));
    // Few requests went to the bad one: out of rotation most of the time...
    const badTimes = bad.requestLog.map((e) => e.receivedAt).sort((a, b) => a - b);
    expect(badTimes.length, `bad replica got ${badTimes.length} requests`).toBeLessThanOrEqual(20);
    expect(badTimes.length).toBeGreaterThan(0);
    // ...but not forgotten: it was tried again after a cool-down.
    const runMs = Math.max(...good.requestLog.map((e) => e.endedAt ?? 0)) - Math.min(...good.requestLog.map((e) => e.receivedAt));
    expect(runMs, 'the run outlasts the first cool-down').toBeGreaterThan(8_000);
    // The run gives a 5 s first cool-down (runners/execute.ts): the first probe comes after it, not much later.
    const firstProbeMs = badTimes.map((t) => t - badTimes[0]!).find((d) => d >= 3_000);
    const when = `its requests came at ${badTimes.map((t) => Math.round(t - badTimes[0]!)).join(', ')} ms`;
    expect(firstProbeMs, `the bad replica is probed again after its cool-down (${when})`).toBeDefined();
    expect(firstProbeMs!, `the first cool-down is 5 s, not more (${when})`).toBeLessThan(8_000);
  }, 90_000);

  it('a replica that dies mid-run costs no sample: every sample is stored complete, from the survivor', async () => {
    const a = await sim({ ttftMs: 50, interTokenMs: 5, reasoningTokens: 40 });
    const b = await sim({ ttftMs: 50, interTokenMs: 5, reasoningTokens: 40 });
    const out = join(tempDir('replica-dies'), 'run');
    const child = spawnCli(args([a.url, b.url], out));
    const done = waitCli(child);
    expect(await waitFor(() => completedCount(out) >= 20, 60_000)).toBe(true);
    await b.close(); // streams in flight on b are cut; its port now refuses connections
    const res = await done;
    expect(res.code, res.stderr).toBe(0);
    const rows = storedRows(out);
    expect(rows).toHaveLength(144);
    expect(rows.filter((r) => r.error_kind !== null)).toEqual([]);
    expect(rows.some((r) => r.endpoint === b.url)).toBe(true);
    expect(rows.filter((r) => r.endpoint === a.url).length).toBeGreaterThan(72);
  }, 90_000);

  it('an authentication error on one replica still stops the run, fast, with one error line', async () => {
    const good = await sim({ ttftMs: 50, interTokenMs: 5, reasoningTokens: 40 });
    // Lists models (so the check before the run passes) but refuses every chat request with 401.
    let chats = 0;
    const auth: Server = createServer((req, res) => {
      req.resume();
      if (req.url?.endsWith('/models')) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[{"id":"r1"}]}');
      if (!req.headers['x-r1bench-probe']) chats++; // deployment-check probes are not samples
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":{"message":"Incorrect API key provided.","code":"invalid_api_key"}}');
    });
    await new Promise<void>((r) => auth.listen(0, '127.0.0.1', r));
    const authUrl = `http://127.0.0.1:${(auth.address() as { port: number }).port}/v1`;
    try {
      const out = join(tempDir('replica-401'), 'run');
      const res = await runCliWithin(args([good.url, authUrl], out), 40_000);
      expect(res.timedOut).toBe(false);
      expect(res.code).not.toBe(0);
      expect(res.code).not.toBe(130);
      const errors = nonEmptyLines(res.stderr).filter((l) => l.startsWith('r1bench'));
      expect(errors, res.stderr).toHaveLength(1);
      expect(errors[0]).toContain(authUrl);
      expect(errors[0]).toMatch(/401/);
      expect(res.stderr).not.toMatch(/^\s+at /m);
      expect(chats, 'a 401 is not retried').toBeLessThanOrEqual(8);
      expect(storedRows(out).length).toBeLessThan(144);
      expect(storedRows(out).filter((r) => r.error_kind !== null)).toEqual([]);
    } finally {
      await new Promise<void>((r) => auth.close(() => r()));
    }
  }, 60_000);
});
