// The deployment checks as readers show them: the report's section, compare's and the leaderboard's
// flags when two runs' deployments differed, and the hardware label from results.json's real shape.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeploymentChecks } from '../types.ts';
import { compareRuns } from './compare.ts';
import { renderCompareHtml, renderCompareText } from './compare-render.ts';
import { deploymentDifferences, deploymentSummary, engineOf } from './deployment.ts';
import { hardwareLabel } from './hardware-label.ts';
import { writeLeaderboard } from './leaderboard.ts';
import { writeReport } from './report.ts';
import { buildFixtureRun, fixtureHardware } from './testing/fixture-run.ts';

const root = mkdtempSync(join(tmpdir(), 'r1-deploy-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A deployment check record as a run stores it; `over` sets a check's status (and its text). */
export function checks(engine: string | null, version: string | null, over: Record<string, 'warn' | 'fail' | 'skip'> = {}, skipDoctor = false): DeploymentChecks {
  return {
    checkedAt: '2025-01-15T12:00:00.000Z',
    ...(skipDoctor ? { skipDoctor: true } : {}),
    checks: [{
      endpoint: 'http://127.0.0.1:8000/v1',
      server: { engine, version },
      checks: ['streaming', 'usage', 'reasoning-split', 'max-tokens'].map((id) => ({
        id, status: over[id] ?? 'pass', observed: over[id] ? `${id} observed ${over[id]}` : `${id} fine`, fix: over[id] === 'fail' ? `fix for ${id}` : null,
      })),
    }],
  };
}

const suites = [{ id: 'aime', items: 4, samples: 2, correct: (i: number, k: number) => (i + k) % 2 === 0 }];

describe('deployment summaries and differences', () => {
  it('summarises statuses worst first and names --skip-doctor', () => {
    expect(deploymentSummary(undefined)).toBe('not checked');
    expect(deploymentSummary(checks('vLLM', '0.8.5'))).toBe('all passed');
    expect(deploymentSummary(checks(null, null, { 'reasoning-split': 'fail', usage: 'warn' }, true))).toBe('fail: reasoning-split; warn: usage (ran with --skip-doctor)');
    expect(engineOf(checks('llama.cpp', 'b5000'))).toBe('llama.cpp b5000');
    expect(engineOf(checks(null, null))).toBeNull();
  });

  it('names a changed status, a changed engine or version, and a run without checks', () => {
    expect(deploymentDifferences(checks('vLLM', '0.8.5'), checks('vLLM', '0.8.5'), ['A', 'B'])).toEqual([]);
    expect(deploymentDifferences(checks('vLLM', '0.8.5'), checks('vLLM', '0.9.0', { 'max-tokens': 'fail' }), ['A', 'B'])).toEqual([
      'server vLLM 0.8.5 in A, vLLM 0.9.0 in B',
      'check max-tokens: pass in A, fail in B',
    ]);
    expect(deploymentDifferences(undefined, checks(null, null), ['A', 'B'])).toEqual(['deployment checked in B only (the other run predates the checks or skipped them)']);
    expect(deploymentDifferences(undefined, undefined, ['A', 'B'])).toEqual([]);
  });
});

describe('hardwareLabel on results.json as a run writes it', () => {
  it('declared profile, else the probed host of a local deployment, with the engine doctor found', () => {
    const cpu = fixtureHardware({ host: { cpu: 'AMD EPYC', cores: 2 } });
    expect(hardwareLabel(cpu)).toBe('2× AMD EPYC, CPU');
    expect(hardwareLabel(cpu, checks('llama.cpp', 'b5000'))).toBe('2× AMD EPYC, CPU (llama.cpp b5000)');
    const gpu = fixtureHardware({ host: { gpus: [0, 1].map((index) => ({ index, name: 'NVIDIA H200', memoryMb: 143771, driver: '550' })) } });
    expect(hardwareLabel(gpu, checks('vLLM', '0.8.5'))).toBe('2× NVIDIA H200 (vLLM 0.8.5)');
    // A remote deployment is never labelled with the client's machine.
    const remote = fixtureHardware({ local: false, host: { cpu: 'laptop', cores: 8 } });
    expect(hardwareLabel(remote)).toBe('unknown hardware');
    expect(hardwareLabel(remote, checks('SGLang', '0.4.6'))).toBe('unknown hardware (SGLang 0.4.6)');
    const declared = fixtureHardware({ local: false, declared: { gpu: { model: 'H100', count: 8 }, engine: 'sglang', engineVersion: '0.4.6', quantization: 'fp8' } });
    expect(hardwareLabel(declared)).toBe('8xH100-sglang (sglang 0.4.6, fp8)');
    // What the server said beats what was declared.
    expect(hardwareLabel(declared, checks('SGLang', '0.4.7'))).toBe('8xH100-sglang (SGLang 0.4.7, fp8)');
    // An in-process engine names itself in hardware.engines.
    expect(hardwareLabel({ ...cpu, engines: [{ engine: { name: 'llama.cpp (node-llama-cpp, in-process)' } }] })).toBe('2× AMD EPYC, CPU (llama.cpp (node-llama-cpp, in-process))');
    expect(hardwareLabel(undefined)).toBe('unknown hardware');
  });
});

describe('readers show the deployment checks', () => {
  const good = join(root, 'good'), bad = join(root, 'bad'), old = join(root, 'old');
  buildFixtureRun(good, { runId: 'good', suites, machine: { host: { cpu: 'EPYC', cores: 4 } }, deployment: checks('vLLM', '0.8.5') });
  buildFixtureRun(bad, { runId: 'bad', suites, machine: { host: { cpu: 'EPYC', cores: 4 } }, deployment: checks('vLLM', '0.8.5', { 'reasoning-split': 'fail' }, true) });
  buildFixtureRun(old, { runId: 'old', suites, machine: { host: { cpu: 'EPYC', cores: 4 } } });

  it('the report has a Deployment checks section with each status, observed and fix', async () => {
    const html = readFileSync(await writeReport(bad), 'utf8');
    const part = html.slice(html.indexOf('Deployment checks'), html.indexOf('id="configuration"'));
    expect(part).toContain('<span class="worse">fail</span>');
    expect(part).toContain('reasoning-split observed fail');
    expect(part).toContain('fix for reasoning-split');
    expect(part).toContain('Run with --skip-doctor');
    expect(part).toContain('vLLM 0.8.5');
    expect(readFileSync(await writeReport(old), 'utf8')).toContain('No deployment checks were recorded for this run');
  });

  it('compare flags a check whose status differed, in text, HTML and JSON', () => {
    const c = compareRuns([good, bad]);
    expect(c.deployment).toEqual({ summaries: ['all passed', 'fail: reasoning-split (ran with --skip-doctor)'], differences: ['check reasoning-split: pass in A, fail in B'] });
    expect(c.warnings).toContain('the deployments differed: check reasoning-split: pass in A, fail in B');
    expect(renderCompareText(c)).toContain('(deployment checks: fail: reasoning-split (ran with --skip-doctor))');
    expect(renderCompareHtml(c)).toContain('the deployments differed: check reasoning-split: pass in A, fail in B');
    expect(compareRuns([good, good]).warnings.filter((w) => w.includes('deployments'))).toEqual([]);
  });

  it('the leaderboard shows each run\'s checks and flags runs of one variant and hardware whose deployment differed', async () => {
    const out = join(root, 'site');
    const rows = await writeLeaderboard([good, bad], out);
    expect(rows.map((r) => [r.hardware, r.deployment])).toEqual([
      ['4× EPYC, CPU (vLLM 0.8.5)', 'all passed'],
      ['4× EPYC, CPU (vLLM 0.8.5)', 'fail: reasoning-split (ran with --skip-doctor)'],
    ]);
    expect(rows[0]!.deploymentDiffers).toEqual([]);
    expect(rows[1]!.deploymentDiffers).toEqual(['check reasoning-split: pass in good, fail in bad']);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('deployment differed: check reasoning-split: pass in good, fail in bad');
    const csv = readFileSync(join(out, 'leaderboard.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/,deployment_checks,deployment_differs$/);
    expect(csv[2]).toMatch(/,fail: reasoning-split \(ran with --skip-doctor\),"check reasoning-split: pass in good, fail in bad"$/);
  });
});
