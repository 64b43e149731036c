// Gate rule minOfReference: the candidate against a share of the model card's published number. No
// matched number (unknown model name, a subset, a suite with no published number) is exit 2, never a pass.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test/support/cli.ts';
import { gateRuns } from './gate.ts';
import { parseGateRules } from './gate-rules.ts';
import { buildFixtureRun } from './testing/fixture-run.ts';

const root = mkdtempSync(join(tmpdir(), 'r1-gate-ref-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const DISTILL_7B = 'deepseek-ai/DeepSeek-R1-Distill-Qwen-7B'; // AIME 2024 pass@1 55.5 on the model card

const dirs: Record<string, string> = {};
const rules = join(root, 'gate.yaml');
beforeAll(() => {
  // aime24 with all 30 items; `right` items answered right on every sample.
  const make = (name: string, model: string, right: number, items = 30) => {
    dirs[name] = join(root, name);
    buildFixtureRun(dirs[name]!, { runId: name, model, suites: [{ id: 'aime24', items, samples: 4, correct: (i) => i < right }] });
  };
  make('base', DISTILL_7B, 17);
  make('good', DISTILL_7B, 16); // 53.3% ≥ 90% of 55.5% = 49.95%
  make('weak', DISTILL_7B, 14); // 46.7%
  make('unknown', 'my-finetune', 16);
  make('subset', DISTILL_7B, 8, 10);
  writeFileSync(rules, 'scores:\n  - { suite: aime24, metric: pass, k: 1, minOfReference: 0.9 }\n');
});

describe('gate minOfReference', () => {
  it('parses, and is validated like the other keys', () => {
    expect(parseGateRules('scores: [{ suite: aime24, minOfReference: 0.9 }]').scores[0]).toEqual({ suite: 'aime24', minOfReference: 0.9 });
    expect(() => parseGateRules('scores: [{ suite: aime24, minOfReference: 9 }]', 'g.yaml')).toThrow('g.yaml: scores[0].minOfReference must be a number from 0 to 2, got 9');
    expect(() => parseGateRules('scores: [{ suite: aime24, minOfRef: 0.9 }]', 'g.yaml')).toThrow(/minOfRef is not a known key/);
  });

  it('passes at or above 90% of the reference and fails below it, naming the number and its source', async () => {
    const ok = await gateRuns({ baseline: dirs.base!, candidate: dirs.good!, rulesFile: rules });
    expect(ok.exitCode).toBe(0);
    expect(ok.rules[0]).toMatchObject({ kind: 'reference', passed: true, limit: expect.closeTo(0.4995, 6) });
    expect(ok.rules[0]!.name).toBe("aime24 pass@1 ≥ 90% of Distill-Qwen-7B's 55.5%");
    expect(ok.rules[0]!.detail).toMatch(/53\.3% vs 50\.0% .*Distilled Model Evaluation/);
    const weak = await gateRuns({ baseline: dirs.base!, candidate: dirs.weak!, rulesFile: rules });
    expect(weak.exitCode).toBe(1);
    expect(weak.rules[0]).toMatchObject({ passed: false, observed: expect.closeTo(14 / 30, 6) });
  });

  it('exits 2 when the run has no matched reference: a subset, or a model name that names no row', async () => {
    const subset = await gateRuns({ baseline: dirs.subset!, candidate: dirs.subset!, rulesFile: rules });
    expect(subset).toMatchObject({ exitCode: 2, error: expect.stringContaining("aime24 covers 10 of the benchmark's 30 items") });
    const unknown = await gateRuns({ baseline: dirs.unknown!, candidate: dirs.unknown!, rulesFile: rules });
    expect(unknown).toMatchObject({ exitCode: 2, error: expect.stringContaining('model "my-finetune" names no model-card row: give --reference NAME') });
  });

  it('r1bench gate --reference names the row for an unknown model; a bad name is exit 2', async () => {
    const base = ['gate', '--baseline', dirs.unknown!, '--candidate', dirs.unknown!, '--config', rules];
    const none = await runCli(base);
    expect(none.code).toBe(2);
    const distill = await runCli([...base, '--reference', 'Distill-Qwen-7B']);
    expect(distill.code, distill.stderr).toBe(0);
    expect(distill.stdout).toContain("aime24 pass@1 ≥ 90% of Distill-Qwen-7B's 55.5%");
    const r1 = await runCli([...base, '--reference', 'DeepSeek-R1']); // 53.3% < 90% of 79.8%
    expect(r1.code).toBe(1);
    const bad = await runCli([...base, '--reference', 'gpt-4']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('r1bench gate: --reference "gpt-4": not a model-card row (use one of DeepSeek-R1, R1-Zero, Distill-Qwen-1.5B, Distill-Qwen-7B, Distill-Qwen-14B, Distill-Qwen-32B, Distill-Llama-8B, Distill-Llama-70B)');
  }, 60_000);
});
