// The gate and compare refuse what they cannot judge fairly: a partial run (samples never stored)
// and a run scored with older scorer versions (re-score it: `r1bench score DIR`), each with exit 2
// and one line saying why and how to fix it; --force overrides.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareRuns } from './compare.ts';
import { renderCompareText } from './compare-render.ts';
import { gateRuns } from './gate.ts';
import { buildFixtureRun, chance, itemSkill, type FixtureSuite } from './testing/fixture-run.ts';

const root = mkdtempSync(join(tmpdir(), 'r1-gate-compat-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const suite = (seed: number, extra: Partial<FixtureSuite> = {}): FixtureSuite => ({
  id: 'math500', items: 120, samples: 2, correct: (i, k) => chance(seed, i, k) < itemSkill(i), ...extra,
});
const dirs: Record<string, string> = {};
beforeAll(() => {
  const make = (name: string, s: FixtureSuite) => buildFixtureRun((dirs[name] = join(root, name)), { runId: name, suites: [s] });
  make('base', suite(1));
  make('cand', suite(2));
  // Stopped early: the last 30 items never got their samples.
  make('partial', suite(2, { missing: (i) => i >= 90 }));
  // Scored before the math scorer's version 2: re-scoring would fix it.
  make('oldScorer', suite(1, { scorerVersion: 0 }));
});

describe('gate: partial runs', () => {
  it('refuses a partial candidate with exit 2, one line saying why and how; --force gates on what was measured', async () => {
    expect(JSON.parse(readFileSync(join(dirs.partial!, 'results.json'), 'utf8')).suites[0]).toMatchObject({ items: 90, plannedItems: 120, missingSamples: 60 });
    const g = await gateRuns({ baseline: dirs.base!, candidate: dirs.partial! });
    expect(g.exitCode).toBe(2);
    expect(g.rules).toEqual([]);
    expect(g.error).not.toContain('\n');
    expect(g.error).toContain(`the candidate is a partial run (math500: 60 of 240 samples missing): finish it by running again with --out ${dirs.partial}`);
    expect(g.error).toMatch(/--force/);
    const forced = await gateRuns({ baseline: dirs.base!, candidate: dirs.partial!, force: true });
    expect(forced.exitCode).toBe(0);
    expect(forced.rules[0]!.diff!.n).toBe(90);
    expect(forced.forced!.join(' ')).toMatch(/partial run/);
  });

  it('refuses a partial baseline too', async () => {
    const g = await gateRuns({ baseline: dirs.partial!, candidate: dirs.cand! });
    expect(g.exitCode).toBe(2);
    expect(g.error).toMatch(/^the baseline is a partial run/);
  });
});

describe('old scorer versions', () => {
  it('the gate refuses with exit 2 and names `r1bench score` on the older run', async () => {
    const g = await gateRuns({ baseline: dirs.oldScorer!, candidate: dirs.cand! });
    expect(g.exitCode).toBe(2);
    expect(g.error).toContain(`math500: scorer version differs (math scorer 0 in the baseline, 1 in the candidate): re-score the older run with \`r1bench score ${dirs.oldScorer}\``);
    expect(g.error).not.toContain('\n');
    // The other way round, the candidate is the one to re-score.
    const back = await gateRuns({ baseline: dirs.cand!, candidate: dirs.oldScorer! });
    expect(back.error).toContain(`\`r1bench score ${dirs.oldScorer}\``);
  });

  it('compare refuses too (a one-line input error), unless forced, and warns about partial runs', () => {
    expect(() => compareRuns([dirs.oldScorer!, dirs.cand!])).toThrow(new RegExp(`^runs are not comparable: math500: scored with math scorer versions 0 and 1: re-score the older run with \`r1bench score ${dirs.oldScorer}\``));
    const forced = compareRuns([dirs.oldScorer!, dirs.cand!], { force: true });
    expect(forced.warnings[0]).toMatch(/^compared with --force: math500: scored with math scorer versions 0 and 1/);
    const partial = compareRuns([dirs.base!, dirs.partial!]);
    expect(partial.warnings).toEqual([`math500 in ${dirs.partial} is a partial run: 60 samples missing, its numbers cover 90 of 120 items`]);
    expect(renderCompareText(partial)).toContain('warning: math500 in');
  });
});

describe('schemaVersion 1 and null intervals', () => {
  it('reads a version 1 file (as older r1bench wrote it) and a version 2 file with null intervals side by side', async () => {
    // Version 1: numbers everywhere, a zero-width interval from one item, a rating clamped to 0.
    const v1 = join(root, 'v1');
    buildFixtureRun(v1, { runId: 'v1', suites: [suite(1)] });
    const file = join(v1, 'results.json');
    const r = JSON.parse(readFileSync(file, 'utf8'));
    r.schemaVersion = 1;
    for (const m of r.suites[0].metrics) if (m.stderr === null) throw new Error('fixture: 120 items have intervals');
    writeFileSync(file, JSON.stringify(r));
    // Version 2 with one item: stderr and ci95 null.
    const one = join(root, 'one');
    buildFixtureRun(one, { runId: 'one', suites: [{ ...suite(2), items: 1 }] });
    expect(JSON.parse(readFileSync(join(one, 'results.json'), 'utf8')).suites[0].metrics[0]).toMatchObject({ stderr: null, ci95: null, n: 1 });
    const c = compareRuns([v1, one]);
    const text = renderCompareText(c);
    expect(text).not.toMatch(/NaN|undefined/);
    const rules = join(root, 'min.yaml');
    writeFileSync(rules, 'scores:\n  - { suite: math500, min: 0 }\n');
    const g = await gateRuns({ baseline: v1, candidate: one, rulesFile: rules });
    expect(g.rules[0]!.detail).toMatch(/^\d+\.\d% n\/a$/);
    expect(g.exitCode).toBe(0);
  });

  it('refuses a results file of an unknown version with one line naming the versions it reads', async () => {
    const dir = join(root, 'v9');
    buildFixtureRun(dir, { runId: 'v9', suites: [suite(1)] });
    const file = join(dir, 'results.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), schemaVersion: 9 }));
    const g = await gateRuns({ baseline: dirs.base!, candidate: dir });
    expect(g.exitCode).toBe(2);
    expect(g.error).toBe(`${file}: unsupported schemaVersion 9 (this r1bench reads 1 and 2)`);
  });
});
