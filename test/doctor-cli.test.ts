// `r1bench doctor` as a user runs it: one line per check, --json in the shape, exit 0 / 1 / 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../runners/simulator/index.ts';
import { CHECK_IDS } from '../runners/doctor/index.ts';
import { runCli } from './support/cli.ts';

describe('r1bench doctor', () => {
  let good: RunningSimulator;
  let broken: RunningSimulator;
  beforeAll(async () => {
    good = await startSimulator({ model: 'deepseek-r1', reasoningTokens: 40, honourSeed: true, apiKey: 'sk-doctor-test' });
    broken = await startSimulator({ model: 'deepseek-r1', reasoningTokens: 40, ignoreSampling: true, reasoningFormat: 'untagged' });
  });
  afterAll(async () => {
    await good?.close();
    await broken?.close();
  });

  it('prints the JSON the issue specifies and exits 0 when nothing failed', async () => {
    const res = await runCli(['doctor', '--endpoint', good.url, '--model', 'deepseek-r1', '--api-key-env', 'DOCTOR_KEY', '--json'], { DOCTOR_KEY: 'sk-doctor-test' });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(Object.keys(report)).toEqual(['endpoint', 'model', 'server', 'checks']);
    expect(report).toMatchObject({ endpoint: good.url, model: 'deepseek-r1', server: { engine: 'r1bench simulate', version: null } });
    expect(Object.keys(report.server)).toEqual(['engine', 'version']);
    expect(report.checks.map((c: any) => c.id)).toEqual([...CHECK_IDS]);
    for (const c of report.checks) {
      expect(Object.keys(c)).toEqual(['id', 'status', 'observed', 'fix']);
      expect(['pass', 'warn', 'fail', 'skip']).toContain(c.status);
    }
    expect(report.checks.every((c: any) => c.status === 'pass')).toBe(true);
    // The key went out on every probe and never comes back in the output.
    expect(res.stdout).not.toContain('sk-doctor-test');
    expect(good.stats().requests).toBe(0);
  });

  it('prints one line per check with its fix, and exits 1 when a check failed', async () => {
    const res = await runCli(['doctor', '--endpoint', broken.url, '--model', 'deepseek-r1']);
    expect(res.code).toBe(1);
    const lines = res.stdout.trim().split('\n');
    expect(lines).toHaveLength(CHECK_IDS.length + 2);
    expect(lines[0]).toBe(`doctor: ${broken.url}, model deepseek-r1 (r1bench simulate)`);
    expect(lines.find((l) => l.includes('temperature'))).toMatch(/^FAIL {2}temperature +3 identical requests .* — fix: vLLM: .*; SGLang: .*; llama\.cpp: .*; Ollama: .*; hosted API: /);
    expect(lines.find((l) => l.includes('reasoning-split'))).toMatch(/^FAIL {2}reasoning-split {2}no reasoning on 3 prompts/);
    expect(lines.find((l) => /^\w{4} {2}seed /.test(l))).toMatch(/^SKIP/);
    expect(lines.at(-1)).toMatch(/^2 failed, \d+ warnings, \d+ passed, 1 skipped$/);
  });

  it('an unreachable endpoint, a refused key and bad flags: one line on stderr, exit 2', async () => {
    const gone = await startSimulator({});
    const url = gone.url;
    await gone.close();
    const cases: [string[], RegExp][] = [
      [['--endpoint', url, '--model', 'm'], /^r1bench doctor: cannot reach http:\/\/127\.0\.0\.1:\d+\/v1: ECONNREFUSED$/],
      [['--endpoint', good.url, '--model', 'deepseek-r1'], /refused the API key \(HTTP 401\): check --api-key-env$/],
      [['--endpoint', good.url], /--model NAME is required/],
      [['--endpoint', 'ftp://x/v1', '--model', 'm'], /only http:\/\/ and https:\/\/ are supported/],
      [['--endpoint', good.url, '--model', 'm', '--timeout-s', '0'], /--timeout-s expects an integer ≥ 1, got "0"/],
    ];
    for (const [args, message] of cases) {
      const res = await runCli(['doctor', ...args]);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stdout).toBe('');
      expect(res.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(res.stderr.trim()).toMatch(message);
      expect(res.stderr).not.toContain('internal error');
    }
  }, 60_000);
});
