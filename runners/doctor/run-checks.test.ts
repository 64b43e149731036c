// The cheap doctor checks in a run's preflight: every replica at once, what stops a run and what only
// warns, where the findings are stored, and that a changed finding never makes resume or merge refuse.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { executeRun, type ExecuteOptions } from '../execute.ts';
import { mergeRuns } from '../merge.ts';
import { settingsDiff } from '../plan.ts';
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '../simulator/index.ts';
import { RunStore, type RunManifest } from '../store.ts';
import { blockingFailures, checkDeployment, DeploymentCheckError, deploymentWarnings, refusedKey } from './run-checks.ts';

const root = mkdtempSync(join(tmpdir(), 'r1-runchecks-'));
const sims: RunningSimulator[] = [];
afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
  rmSync(root, { recursive: true, force: true });
});
async function sim(opts: Partial<SimulatorOptions> = {}): Promise<RunningSimulator> {
  const s = await startSimulator({ model: 'r1', suites: ['aime-sample'], reasoningTokens: 40, ...opts });
  sims.push(s);
  return s;
}

describe('checkDeployment', () => {
  it('checks every HTTP replica in parallel, skips in-process engines, and sorts blocking failures from warnings', async () => {
    const good = await sim();
    const bad = await sim({ reasoningFormat: 'none' });
    const noUsage = await sim({ noUsage: true });
    const d = await checkDeployment([good.url, bad.url, noUsage.url, 'local:/models/r1.gguf'], { model: 'r1', requestTimeoutMs: 20_000 });
    expect(d.checks.map((r) => r.endpoint)).toEqual([good.url, bad.url, noUsage.url, 'local:/models/r1.gguf']);
    expect(d.checks[0]!.checks.map((c) => [c.id, c.status])).toEqual([['streaming', 'pass'], ['usage', 'pass'], ['reasoning-split', 'pass'], ['max-tokens', 'pass']]);
    expect(d.checks[0]!.server).toEqual({ engine: 'r1bench simulate', version: null });
    expect(d.checks[3]!.checks.every((c) => c.status === 'skip' && c.observed.startsWith('in-process engine'))).toBe(true);
    const failures = blockingFailures(d);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatch(new RegExp(`^${bad.url}: reasoning-split fail: no reasoning on \\d prompts .* — fix: vLLM: `));
    const warnings = deploymentWarnings(d);
    // A usage failure is a warning for a run, and so is a skip; the blocking failure is not repeated.
    expect(warnings.some((w) => w.startsWith(`deployment check ${noUsage.url}: usage fail: `))).toBe(true);
    expect(warnings.filter((w) => w.includes('local:/models/r1.gguf'))).toEqual([
      'deployment check local:/models/r1.gguf: streaming, usage, reasoning-split, max-tokens skip: in-process engine: no HTTP server to check',
    ]);
    expect(warnings.some((w) => w.includes('reasoning-split fail'))).toBe(false);
    // With --skip-doctor the failure is a warning that says the run goes on.
    expect(deploymentWarnings({ ...d, skipDoctor: true }).find((w) => w.includes('reasoning-split fail'))).toMatch(/\(run goes on: --skip-doctor\)$/);
    // Probes never count as requests.
    for (const s of [good, bad, noUsage]) expect(s.requestLog).toHaveLength(0);
  }, 60_000);
});

describe('probes the server refuses', () => {
  it('an HTTP error is a skip for a run (its own requests report it); a refused key is named as the preflight names it', async () => {
    const status = { code: 404 };
    const server = createServer((req, res) => {
      req.resume();
      if (req.url?.endsWith('/models')) return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[{"id":"r1"}]}');
      res.writeHead(status.code, { 'content-type': 'application/json' }).end('{"error":{"message":"no"}}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1`;
    try {
      const notFound = await checkDeployment([url], { model: 'r1', requestTimeoutMs: 5_000 });
      expect(notFound.checks[0]!.checks.map((c) => c.status)).toEqual(['skip', 'skip', 'skip', 'skip']);
      expect(notFound.checks[0]!.checks[0]!.observed).toMatch(/^could not check: a streamed request got HTTP 404/);
      expect(blockingFailures(notFound)).toEqual([]);
      expect(refusedKey(notFound)).toBeNull();
      status.code = 401;
      expect(refusedKey(await checkDeployment([url], { model: 'r1', requestTimeoutMs: 5_000 }))).toBe(`endpoint ${url} refused the API key (HTTP 401): check --api-key-env`);
    } finally {
      server.close();
    }
  }, 30_000);
});

describe('executeRun with the checks', () => {
  const opts = (url: string, out: string, doctor: 'stop' | 'record'): ExecuteOptions => ({
    model: 'r1', endpoints: [url], sampling: { temperature: 0.6, topP: 0.95, maxTokens: 2000 }, suites: [{ spec: 'aime-sample', limit: 2, samples: 1 }],
    out, concurrency: 2, maxAttempts: 2, idleTimeoutMs: 10_000, totalTimeoutMs: 30_000, retryBaseDelayMs: 5, doctor,
  });
  const stored = (out: string) => {
    const s = RunStore.open(out);
    try {
      return { manifest: s.manifest()!, samples: s.counts().reduce((a, c) => a + c.completed + c.errors, 0) };
    } finally {
      s.close();
    }
  };

  it('stops before the first sample on a failed blocking check, records with --skip-doctor, and a resume stores the newest findings', async () => {
    const bad = await sim({ reasoningFormat: 'none' });
    const out = join(root, 'run');
    const err = await executeRun(opts(bad.url, out, 'stop')).catch((e) => e);
    expect(err).toBeInstanceOf(DeploymentCheckError);
    expect(err.lines).toEqual([expect.stringContaining('reasoning-split fail')]);
    expect(bad.requestLog).toHaveLength(0);
    expect(stored(out).samples).toBe(0);
    expect(stored(out).manifest.deployment!.checks[0]!.checks.find((c) => c.id === 'reasoning-split')!.status).toBe('fail');

    const warnings: string[] = [];
    const res = await executeRun(opts(bad.url, out, 'record'), { onWarning: (w) => warnings.push(w) });
    expect(res.loop.completed).toBe(2);
    expect(bad.requestLog).toHaveLength(2);
    expect(warnings.some((w) => w.includes('reasoning-split fail') && w.endsWith('(run goes on: --skip-doctor)'))).toBe(true);
    expect(stored(out).manifest.deployment!.skipDoctor).toBe(true);

    // The deployment was fixed: the same run resumes (nothing left to do) with the newest findings stored.
    const good = await sim();
    const again = await executeRun(opts(good.url, out, 'stop'));
    expect(again.resumed).toBe(true);
    const m = stored(out).manifest;
    expect(m.deployment!.skipDoctor).toBeUndefined();
    expect(m.deployment!.checks.map((r) => [r.endpoint, r.checks.every((c) => c.status === 'pass')])).toEqual([[good.url, true]]);
    expect(m.runId).toBe(res.manifest.runId);
  }, 90_000);
});

describe('findings outside the compared settings', () => {
  const base: RunManifest = {
    runId: 'r', createdAt: 't', model: 'm', endpoints: ['http://a/v1'], sampling: { temperature: 0.6, topP: 0.95, maxTokens: 100 }, suites: [],
    versions: { r1bench: '0', node: 'v20' },
  };
  const deployment = (endpoint: string, status: 'pass' | 'fail', checkedAt: string): RunManifest['deployment'] => ({
    checkedAt, checks: [{ endpoint, server: { engine: 'vLLM', version: status === 'pass' ? '0.9.0' : '0.8.0' }, checks: [{ id: 'max-tokens', status, observed: 'x', fix: null }] }],
  });

  it('settingsDiff ignores them', () => {
    expect(settingsDiff({ ...base, deployment: deployment('http://a/v1', 'pass', '1') }, { ...base, deployment: deployment('http://a/v1', 'fail', '2') })).toBeNull();
    expect(settingsDiff(base, { ...base, deployment: deployment('http://a/v1', 'fail', '2') })).toBeNull();
  });

  it('merge keeps every shard\'s replicas, each as its newest check found it', () => {
    const dirs = [1, 2].map((i) => {
      const dir = join(root, `shard${i}`);
      const s = RunStore.open(dir);
      const d = i === 1 ? deployment('http://a/v1', 'fail', '2025-01-01T00:00:00Z') : deployment('http://b/v1', 'pass', '2025-01-02T00:00:00Z');
      s.setManifest({ ...base, shard: { index: i, count: 2 }, deployment: d });
      s.close();
      return dir;
    });
    const { manifest } = mergeRuns(dirs, join(root, 'merged'));
    expect(manifest.deployment!.checkedAt).toBe('2025-01-02T00:00:00Z');
    expect(manifest.deployment!.checks.map((r) => [r.endpoint, r.checks[0]!.status])).toEqual([['http://a/v1', 'fail'], ['http://b/v1', 'pass']]);
  });
});
