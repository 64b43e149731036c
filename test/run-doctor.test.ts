// `r1bench run` checks the deployment before its first sample (doctor's cheap checks), end to end against
// the simulator playing deployment mistakes: a run that would be meaningless stops with exit 1 and sends
// no sample; --skip-doctor runs it anyway; a missing usage chunk only warns; results.json, the report and
// the leaderboard carry the findings, and the leaderboard labels the hardware from what the run probed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeHost } from '../hardware-profiles/index.ts';
import { writeLeaderboard } from '../reports/leaderboard.ts';
import { parseFaultSpec, startSimulator, type RunningSimulator, type SimulatorOptions } from '../runners/simulator/index.ts';
import type { RunResults } from '../types.ts';
import { runCli } from './support/cli.ts';
import { cleanTempDirs, nonEmptyLines, storedRows, tempDir } from './support/run-dir.ts';

const sims: RunningSimulator[] = [];
afterAll(async () => {
  await Promise.all(sims.map((s) => s.close().catch(() => {})));
  cleanTempDirs();
});
async function sim(opts: Partial<SimulatorOptions> = {}): Promise<RunningSimulator> {
  const s = await startSimulator({ model: 'r1', suites: ['aime-sample'], reasoningTokens: 40, ...opts });
  sims.push(s);
  return s;
}
const run = (url: string, out: string, extra: string[] = []) =>
  runCli(['run', '--suite', 'aime-sample', '--limit', '3', '--samples', '2', '--endpoint', url, '--model', 'r1', '--out', out, '--concurrency', '4', ...extra]);
const results = (out: string): RunResults => JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));

describe('r1bench run checks the deployment first', () => {
  const runs: string[] = [];

  it('a server without a reasoning parser stops the run before any sample (exit 1, one line per failed check)', async () => {
    const s = await sim({ reasoningFormat: 'none' });
    const out = join(tempDir('doctor-none'), 'run');
    const res = await run(s.url, out);
    expect(res.code, res.stderr).toBe(1);
    const errors = nonEmptyLines(res.stderr).filter((l) => l.startsWith('error:'));
    expect(errors).toEqual([expect.stringMatching(new RegExp(`^error: deployment check failed on ${s.url}: reasoning-split fail: no reasoning on \\d prompts .* — fix: .*--reasoning-parser deepseek_r1`))]);
    expect(nonEmptyLines(res.stderr).at(-1)).toMatch(/^stopped before the first sample: .*--skip-doctor to run anyway$/);
    expect(res.stderr).not.toMatch(/^\s+at /m);
    expect(s.requestLog).toHaveLength(0);
    expect(storedRows(out)).toHaveLength(0);

    // --skip-doctor: the same deployment runs, with the failure as a warning and on record.
    const skipped = await run(s.url, out, ['--skip-doctor']);
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(skipped.stderr).toMatch(/^warning: deployment check .*reasoning-split fail: .*\(run goes on: --skip-doctor\)$/m);
    expect(s.requestLog).toHaveLength(6);
    const d = results(out).deployment!;
    expect(d.skipDoctor).toBe(true);
    expect(d.checks).toHaveLength(1);
    expect(d.checks[0]).toMatchObject({ endpoint: s.url, server: { engine: 'r1bench simulate', version: null } });
    expect(d.checks[0]!.checks.map((c) => [c.id, c.status])).toContainEqual(['reasoning-split', 'fail']);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    const part = report.slice(report.indexOf('id="deployment"'), report.indexOf('id="configuration"'));
    expect(part).toContain('Deployment checks');
    expect(part).toContain('<span class="worse">fail</span>');
    expect(part).toContain('--reasoning-parser deepseek_r1');
    runs.push(out);
  }, 120_000);

  it('a server that ignores max_tokens stops the run too', async () => {
    const s = await sim({ faults: parseFaultSpec('ignore-max-tokens=1') });
    const out = join(tempDir('doctor-maxtok'), 'run');
    const res = await run(s.url, out);
    expect(res.code, res.stderr).toBe(1);
    expect(nonEmptyLines(res.stderr).filter((l) => l.startsWith('error:'))).toEqual([expect.stringMatching(/^error: deployment check failed on .*: max-tokens fail: max_tokens \d+ ignored/)]);
    expect(s.requestLog).toHaveLength(0);
  }, 60_000);

  it('a server without usage chunks runs, with a warning, and results.json records every check', async () => {
    const s = await sim({ noUsage: true });
    const out = join(tempDir('doctor-usage'), 'run');
    const res = await run(s.url, out);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toMatch(new RegExp(`^warning: deployment check ${s.url}: usage fail: `, 'm'));
    expect(storedRows(out)).toHaveLength(6);
    expect(results(out).deployment!.checks[0]!.checks.map((c) => [c.id, c.status])).toEqual([['streaming', 'pass'], ['usage', 'fail'], ['reasoning-split', 'pass'], ['max-tokens', 'pass']]);
    runs.push(out);
  }, 60_000);

  it('the leaderboard labels real runs with the probed host and the engine the checks found, and flags their differing checks', async () => {
    expect(runs).toHaveLength(2);
    const hw = results(runs[0]!).hardware as { profile: { hostRole: string; host: { cpu: string } } };
    expect(hw.profile.hostRole).toBe('deployment'); // a 127.0.0.1 endpoint: the model ran on this machine
    const host = await probeHost();
    const machine = host.gpus.length ? `${host.gpus.length}× ${host.gpus[0]!.name}` : `${host.cores}× ${host.cpu}, CPU`;
    const rows = await writeLeaderboard(runs, join(tempDir('doctor-lb'), 'site'));
    expect(rows.map((r) => r.hardware)).toEqual([`${machine} (r1bench simulate)`, `${machine} (r1bench simulate)`]);
    const flagged = rows.find((r) => r.deploymentDiffers.length)!;
    expect(flagged.deploymentDiffers).toEqual(expect.arrayContaining([expect.stringMatching(/^check reasoning-split: (fail in .*, pass in .*|pass in .*, fail in .*)$/), expect.stringMatching(/^check usage: /)]));
  }, 60_000);
});
