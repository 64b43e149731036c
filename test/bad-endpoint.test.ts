// Bad deployments and bad run directories through the real CLI: one line naming the endpoint or the
// directory and what is wrong, a non-zero exit, no stack trace, and nothing already stored is touched.
import { createServer } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../runners/simulator/index.ts';
import { runCli } from './support/cli.ts';
import { cleanTempDirs, expectOneLineFailure, listTree, nonEmptyLines, storedRows, tempDir } from './support/run-dir.ts';

let sim: RunningSimulator;
let keyed: RunningSimulator;
let named: RunningSimulator;

beforeAll(async () => {
  [sim, keyed, named] = await Promise.all([
    startSimulator({ model: 'r1', suites: ['aime-sample'], reasoningTokens: 20 }),
    startSimulator({ model: 'r1', suites: ['aime-sample'], reasoningTokens: 20, apiKey: 'sk-right-key-5b1f' }),
    startSimulator({ model: 'r1-served', suites: ['aime-sample'], reasoningTokens: 20 }),
  ]);
});

afterAll(async () => {
  await Promise.all([sim, keyed, named].map((s) => s?.close()));
  cleanTempDirs();
});

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

const base = (endpoint: string, out: string, model = 'r1') => ['run', '--suite', 'aime-sample', '--samples', '1', '--limit', '3', '--endpoint', endpoint, '--model', model, '--out', out, '--no-report'];

describe('bad endpoints: one line, non-zero exit, fails fast', () => {
  it('a URL that is not a URL is a usage error (exit 2) naming it, not an internal error', async () => {
    const res = await runCli(base('not-a-url', join(tempDir('ep'), 'run')));
    const line = expectOneLineFailure(res);
    expect(line).toContain('not-a-url');
    expect(res.code).toBe(2);
  });

  it('an unreachable endpoint (closed port) names the endpoint', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const t0 = Date.now();
    const res = await runCli(base(url, join(tempDir('ep'), 'run')));
    const line = expectOneLineFailure(res);
    expect(line).toContain(url);
    expect(line).toMatch(/ECONNREFUSED|reach/);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it('a wrong API key (401) names the endpoint and the key flag, sends no chat request', async () => {
    const before = keyed.requestLog.length;
    const res = await runCli([...base(keyed.url, join(tempDir('ep'), 'run')), '--api-key-env', 'R1B_TEST_KEY'], { R1B_TEST_KEY: 'sk-wrong-key-77aa' });
    const line = expectOneLineFailure(res);
    expect(line).toContain(keyed.url);
    expect(line).toMatch(/401/);
    expect(line).toMatch(/api-key/i);
    expect(keyed.requestLog.length - before).toBe(0);
  });

  it('an API key variable that is not set names the variable', async () => {
    const res = await runCli([...base(keyed.url, join(tempDir('ep'), 'run')), '--api-key-env', 'R1B_UNSET_VARIABLE']);
    const line = expectOneLineFailure(res);
    expect(line).toContain('R1B_UNSET_VARIABLE');
  });

  it('an unknown model (404) names the endpoint and the model, in one line', async () => {
    const res = await runCli(base(named.url, join(tempDir('ep'), 'run'), 'r1-typo'));
    // The server lists its models and the preflight warns, but only a request can tell (llama.cpp serves
    // any model name), so the run starts and stops at the first 404: its error is one line, and last.
    const line = expectOneLineFailure(res, { afterStart: true });
    expect(nonEmptyLines(res.stderr).at(-1)).toBe(line);
    expect(line).toContain(named.url);
    expect(line).toContain('r1-typo');
  });

  it('after a run that stored nothing, the same --out takes corrected settings', async () => {
    const out = join(tempDir('ep'), 'run');
    const typo = await runCli(base(named.url, out, 'r1-typo'));
    expect(typo.code).toBe(1);
    const fixed = await runCli(base(named.url, out, named.options.model!));
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(storedRows(out).length).toBeGreaterThan(0);
  });
});

describe('run directories that must not be written to', () => {
  it('resuming with other --samples or --temperature is refused, naming the setting; the store is untouched', async () => {
    const out = join(tempDir('resume'), 'run');
    const first = await runCli(base(sim.url, out));
    expect(first.code, first.stderr).toBe(0);
    const stored = storedRows(out);
    expect(stored).toHaveLength(3);
    const requests = sim.requestLog.length;

    const samples = await runCli(base(sim.url, out).map((a) => (a === '1' ? '2' : a)));
    expect(expectOneLineFailure(samples)).toMatch(new RegExp(`${out}.*samples 1 vs 2`));
    expect(samples.code).toBe(2);

    const temperature = await runCli([...base(sim.url, out), '--temperature', '0.7']);
    expect(expectOneLineFailure(temperature)).toMatch(/temperature 0\.6 vs 0\.7/);
    expect(temperature.code).toBe(2);

    expect(sim.requestLog.length).toBe(requests);
    expect(storedRows(out)).toEqual(stored);
  });

  it('a non-empty directory without a store is refused and left as it was', async () => {
    const out = tempDir('other');
    writeFileSync(join(out, 'thesis.tex'), '\\documentclass{article}');
    const before = listTree(out);
    const res = await runCli(base(sim.url, out));
    const line = expectOneLineFailure(res);
    expect(res.code).toBe(2);
    expect(line).toContain(out);
    expect(listTree(out)).toEqual(before);
  });

  it('--resume where there is no run says so', async () => {
    const out = join(tempDir('noresume'), 'run');
    const res = await runCli([...base(sim.url, out), '--resume']);
    expect(expectOneLineFailure(res)).toContain(out);
    expect(res.code).toBe(2);
  });
});
