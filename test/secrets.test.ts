// The API key never leaves the process: not in results, reports, samples, the store, logs or error
// messages, for a run that works, a run that fails on some samples, and a run refused with 401.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFaultSpec, startSimulator, type RunningSimulator } from '../runners/simulator/index.ts';
import { runCli, type CliResult } from './support/cli.ts';
import { cleanTempDirs, filesUnder, storedRows, tempDir } from './support/run-dir.ts';

const KEY = 'sk-r1bench-test-9f8e7d6c5b4a3921';
const WRONG = 'sk-r1bench-wrong-0a1b2c3d4e5f6071';
let sim: RunningSimulator;

beforeAll(async () => {
  // Some samples fail for good (500s and cut streams with few attempts), so error messages get stored too.
  sim = await startSimulator({ model: 'r1', apiKey: KEY, suites: ['aime-sample'], reasoningTokens: 30, faults: parseFaultSpec('500=0.3,cut=0.2,error-event=0.1') });
});
afterAll(async () => {
  await sim?.close();
  cleanTempDirs();
});

/** Where the key's bytes occur: file paths, or 'stdout'/'stderr' of a CLI result. */
function leaks(dir: string, results: CliResult[], secret: string): string[] {
  const needle = Buffer.from(secret);
  const found = filesUnder(dir).filter((f) => readFileSync(f).includes(needle));
  results.forEach((r, i) => {
    if (r.stdout.includes(secret)) found.push(`stdout of command ${i}`);
    if (r.stderr.includes(secret)) found.push(`stderr of command ${i}`);
  });
  return found;
}

describe('secrets', () => {
  it('the key appears in no file the run wrote and in no output, whether the run works or is refused', async () => {
    const parent = tempDir('secrets');
    const out = join(parent, 'run');
    const env = { R1B_KEY: KEY, R1BENCH_DEBUG: '1' };
    const base = ['--suite', 'aime-sample', '--samples', '2', '--endpoint', sim.url, '--model', 'r1', '--out', out, '--api-key-env', 'R1B_KEY'];
    const results: CliResult[] = [];

    // A run with the right key; samples that fail after 2 attempts are stored as errors.
    const ok = await runCli(['run', ...base, '--max-attempts', '2', '--max-error-rate', '1', '--concurrency', '8'], env);
    results.push(ok);
    expect(ok.code, ok.stderr).toBe(0);
    const rows = storedRows(out);
    expect(rows).toHaveLength(72);
    expect(rows.some((r) => r.error_kind !== null), 'some samples failed, so error messages were stored').toBe(true);
    expect(rows.some((r) => r.error_kind === null)).toBe(true);

    // Re-scoring writes results, samples.csv and the report again.
    results.push(await runCli(['score', out], env));
    expect(results[1]!.code, results[1]!.stderr).toBe(0);
    expect(filesUnder(out).map((f) => f.slice(out.length + 1))).toEqual(expect.arrayContaining(['store.sqlite', 'results.json', 'samples.csv', 'report.html']));

    // The same run with a wrong key: refused with 401, with debugging output switched on.
    const refusedOut = join(parent, 'refused');
    const refused = await runCli(['run', ...base.map((a) => (a === out ? refusedOut : a === 'R1B_KEY' ? 'R1B_OTHER' : a))], { R1B_OTHER: WRONG, R1BENCH_DEBUG: '1' });
    results.push(refused);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/401/);

    // Resuming the first run with the wrong key: refused too (the key is not a run setting).
    const resumed = await runCli(['run', ...base.map((a) => (a === 'R1B_KEY' ? 'R1B_OTHER' : a))], { R1B_OTHER: WRONG, R1BENCH_DEBUG: '1' });
    results.push(resumed);
    expect(resumed.code).not.toBe(0);

    expect(leaks(parent, results, KEY)).toEqual([]);
    expect(leaks(parent, results, WRONG)).toEqual([]);
  }, 90_000);

  it('a server that echoes the Authorization header in its errors (500, then 401) does not make the key leak', async () => {
    // Some proxies quote the request back in their error text; the harness stores and prints server text.
    let status = 500;
    const echo: Server = createServer((req, res) => {
      req.resume();
      if (req.url?.endsWith('/models')) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[{"id":"r1"}]}');
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `upstream refused the request (authorization: ${req.headers.authorization})` } }));
    });
    await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(echo.address() as { port: number }).port}/v1`;
    try {
      const parent = tempDir('secrets-echo');
      const args = (out: string) => ['run', '--suite', 'aime-sample', '--samples', '1', '--limit', '4', '--endpoint', url, '--model', 'r1', '--out', join(parent, out), '--api-key-env', 'R1B_KEY', '--max-attempts', '1', '--max-error-rate', '1'];
      const failed = await runCli(args('e500'), { R1B_KEY: KEY, R1BENCH_DEBUG: '1' });
      const rows = storedRows(join(parent, 'e500'));
      expect(rows).toHaveLength(4);
      expect(rows.every((r) => r.error_message?.includes('upstream refused'))).toBe(true);
      status = 401;
      const refused = await runCli(args('e401'), { R1B_KEY: KEY, R1BENCH_DEBUG: '1' });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/401/);
      expect(leaks(parent, [failed, refused], KEY)).toEqual([]);
    } finally {
      await new Promise<void>((r) => echo.close(() => r()));
    }
  }, 60_000);
});
