import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gateRuns } from './gate.ts';
import { gateJunit, gateMarkdown } from './gate-output.ts';
import { buildFixtureRun, chance, itemSkill, type FixtureSuite } from './testing/fixture-run.ts';

const root = mkdtempSync(join(tmpdir(), 'r1-gate-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// Same items, same difficulty; `seed` redraws the samples, `shift` moves every item's chance.
function suites(seed: number, shift = 0, extra: Partial<FixtureSuite> = {}): FixtureSuite[] {
  const mk = (id: string, salt: number): FixtureSuite => ({
    id, items: 300, samples: 4,
    correct: (i, k) => chance(seed + salt, i, k) < Math.max(0, itemSkill(i + salt) + shift),
    ...extra,
  });
  return [mk('math500', 0), mk('gpqa', 1000)];
}

const dirs: Record<string, string> = {};
beforeAll(() => {
  const make = (name: string, run: Parameters<typeof buildFixtureRun>[1]) => {
    dirs[name] = join(root, name);
    buildFixtureRun(dirs[name]!, { runId: name, ...run });
  };
  make('base', { suites: suites(1) });
  make('noise', { suites: suites(2) });
  make('drop', { suites: [suites(3, -0.15)[0]!, suites(3)[1]!] });
  make('otherHash', { suites: suites(2, 0, { contentHash: 'different' }) });
  make('slow', { suites: suites(2), latencyOffsetMs: 5_000, memory: true });
  // 4 samples per item. Baseline: one right sample per item (pass@1 25%, pass@4 100%, cons@4 0%:
  // the three wrong samples agree). Spread: the same 25% of right samples, but two on even items and
  // none on odd ones (pass@4 50%, cons@4 50%: an even item's vote is a 2–2 tie the right answer wins).
  const gpqa = (correct: FixtureSuite['correct']): FixtureSuite[] => [{ id: 'gpqa', items: 300, samples: 4, correct }];
  make('oneRight', { suites: gpqa((i, k) => k === i % 4) });
  make('spread', { suites: gpqa((i, k) => i % 2 === 0 && k < 2) });
});

describe('default rule: no significant drop of a headline metric (Holm)', () => {
  it('passes a candidate that differs only by sampling noise', async () => {
    const g = await gateRuns({ baseline: dirs.base!, candidate: dirs.noise! });
    expect(g.error).toBeUndefined();
    expect(g.rules).toHaveLength(2);
    // The intervals straddle zero: nothing detectable either way.
    for (const r of g.rules) expect(r.diff!.ci95[0]).toBeLessThan(0), expect(r.diff!.ci95[1]).toBeGreaterThan(0);
    expect(g.exitCode).toBe(0);
  });

  it('fails a candidate with a real 15-point drop on one suite, and names it', async () => {
    const g = await gateRuns({ baseline: dirs.base!, candidate: dirs.drop! });
    expect(g.exitCode).toBe(1);
    const failed = g.rules.filter((r) => !r.passed);
    expect(failed.map((r) => r.suite)).toEqual(['math500']);
    expect(failed[0]!.diff!.meanDiff).toBeLessThan(-0.1);
    expect(failed[0]!.diff!.n).toBe(300);
  });

  it('refuses runs with different suite content (exit 2) unless forced', async () => {
    const g = await gateRuns({ baseline: dirs.base!, candidate: dirs.otherHash! });
    expect(g.exitCode).toBe(2);
    expect(g.error).toMatch(/math500: suite content differs.*--force/);
    const forced = await gateRuns({ baseline: dirs.base!, candidate: dirs.otherHash!, force: true });
    expect(forced.exitCode).toBe(0);
    expect(forced.forced?.length).toBe(2);
  });

  it('answers a missing run directory with exit 2 and a one-line reason', async () => {
    const g = await gateRuns({ baseline: dirs.base!, candidate: join(root, 'nope') });
    expect(g.exitCode).toBe(2);
    expect(g.error).toMatch(/run directory not found: .*nope/);
    expect(g.error).not.toContain('\n');
  });
});

describe('rules from YAML', () => {
  const rules = (name: string, text: string) => {
    const f = join(root, name);
    writeFileSync(f, text);
    return f;
  };

  it('maxDrop fails only when the whole interval lies below the allowed drop', async () => {
    const f = rules('drop.yaml', 'scores:\n  - suite: "*"\n    maxDrop: 0.02\n');
    const noisy = await gateRuns({ baseline: dirs.base!, candidate: dirs.noise!, rulesFile: f });
    expect(noisy.exitCode).toBe(0);
    const dropped = await gateRuns({ baseline: dirs.base!, candidate: dirs.drop!, rulesFile: f });
    expect(dropped.exitCode).toBe(1);
    // A generous allowance tolerates the same drop.
    const lax = await gateRuns({ baseline: dirs.base!, candidate: dirs.drop!, rulesFile: rules('lax.yaml', 'scores:\n  - suite: math500\n    maxDrop: 0.3\n') });
    expect(lax.exitCode).toBe(0);
  });

  it('checks minimum scores, pass@k rules, truncation and performance limits', async () => {
    const f = rules(
      'all.yaml',
      ['scores:', '  - suite: math500', '    min: 0.99', '  - suite: gpqa', '    metric: pass', '    k: 4', '    min: 0.1', '    maxDrop: 0.2',
        'maxTruncationRate: 0', 'performance:', '  maxTtftP95Ms: 1000', '  maxPeakMemoryMb: 100000', '  minOutputTokensPerSec: 1'].join('\n'),
    );
    const g = await gateRuns({ baseline: dirs.base!, candidate: dirs.slow!, rulesFile: f });
    const by = Object.fromEntries(g.rules.map((r) => [r.name, r]));
    expect(by['math500 pass@1 ≥ 99.0%']!.passed).toBe(false);
    expect(by['gpqa pass@4 ≥ 10.0%']!.passed).toBe(true);
    expect(by['gpqa pass@4 drop ≤ 20.0 pts']!.passed).toBe(true);
    expect(by['math500 truncation ≤ 0.0%']!.passed).toBe(true);
    expect(by['TTFT p95 ≤ 1000 ms']!.passed).toBe(false); // 5 s added to every first token
    expect(by['TTFT p95 ≤ 1000 ms']!.observed).toBeGreaterThan(5000);
    expect(by['peak memory ≤ 100000 MB']!.passed).toBe(true);
    expect(g.exitCode).toBe(1);
  });

  it('a pass@k drop rule pairs pass@k per item, candidate minus baseline; pass@1 and cons@k are reduced their own way', async () => {
    const f = rules('k4.yaml', ['scores:', '  - { suite: gpqa, metric: pass, k: 4, maxDrop: 0.2 }', '  - { suite: gpqa, metric: pass, k: 1, maxDrop: 0.02 }', '  - { suite: gpqa, metric: cons, k: 4, maxDrop: 0.2 }'].join('\n'));
    const g = await gateRuns({ baseline: dirs.oneRight!, candidate: dirs.spread!, rulesFile: f });
    expect(g.error).toBeUndefined();
    const by = Object.fromEntries(g.rules.map((r) => [r.name, r]));
    expect(Object.keys(by)).toEqual(['gpqa pass@4 drop ≤ 20.0 pts', 'gpqa pass@1 drop ≤ 2.0 pts', 'gpqa cons@4 drop ≤ 20.0 pts']);
    // pass@4 per item: even items 1 → 1, odd items 1 → 0: a drop of exactly 50 points.
    const k4 = by['gpqa pass@4 drop ≤ 20.0 pts']!;
    expect(k4.passed).toBe(false);
    expect(k4.diff!.meanDiff).toBeCloseTo(-0.5, 12);
    expect(k4.diff!.n).toBe(300);
    expect(k4.diff!.ci95[1]).toBeLessThan(-0.2);
    // pass@1 per item: +25 and −25 points in equal numbers, no change.
    const k1 = by['gpqa pass@1 drop ≤ 2.0 pts']!;
    expect(k1.passed).toBe(true);
    expect(k1.diff!.meanDiff).toBeCloseTo(0, 12);
    expect(k1.diff!.ci95[0]).toBeLessThan(0);
    // cons@4 per item: even items 0 → 1, odd items 0 → 0.
    expect(by['gpqa cons@4 drop ≤ 20.0 pts']!.passed).toBe(true);
    expect(by['gpqa cons@4 drop ≤ 20.0 pts']!.diff!.meanDiff).toBeCloseTo(0.5, 12);
    expect(g.exitCode).toBe(1);

    // The other way round pass@4 improves by 50 points and passes; cons@4 is what drops.
    const back = await gateRuns({ baseline: dirs.spread!, candidate: dirs.oneRight!, rulesFile: f });
    const rev = Object.fromEntries(back.rules.map((r) => [r.name, r]));
    expect(rev['gpqa pass@4 drop ≤ 20.0 pts']!.passed).toBe(true);
    expect(rev['gpqa pass@4 drop ≤ 20.0 pts']!.observed).toBeCloseTo(0.5, 12);
    expect(rev['gpqa pass@1 drop ≤ 2.0 pts']!.passed).toBe(true);
    expect(rev['gpqa cons@4 drop ≤ 20.0 pts']!.passed).toBe(false);
    expect(rev['gpqa cons@4 drop ≤ 20.0 pts']!.observed).toBeCloseTo(-0.5, 12);
  });

  it('reads metric accuracy as pass@1 (results never hold a metric named accuracy)', async () => {
    const f = rules('acc.yaml', 'scores:\n  - { suite: gpqa, metric: accuracy, min: 0.2, maxDrop: 0.02 }\n');
    const g = await gateRuns({ baseline: dirs.oneRight!, candidate: dirs.spread!, rulesFile: f });
    expect(g.rules.map((r) => [r.name, r.passed])).toEqual([['gpqa pass@1 ≥ 20.0%', true], ['gpqa pass@1 drop ≤ 2.0 pts', true]]);
    expect(g.rules[0]!.observed).toBeCloseTo(0.25, 12);
    expect(g.exitCode).toBe(0);
  });

  it('a drop rule on a k above the samples cannot be decided: exit 2 naming suite and metric', async () => {
    const f = rules('k8.yaml', 'scores:\n  - { suite: gpqa, metric: pass, k: 8, maxDrop: 0.1 }\n');
    const g = await gateRuns({ baseline: dirs.oneRight!, candidate: dirs.spread!, rulesFile: f });
    expect(g.exitCode).toBe(2);
    expect(g.error).toBe('gpqa: cannot pair pass@8 between the runs (no shared item has 8 or more samples)');
  });

  it('a limit that the run cannot show fails rather than passing unchecked', async () => {
    const g = await gateRuns({ baseline: dirs.base!, candidate: dirs.noise!, rulesFile: rules('mem.yaml', 'performance:\n  maxPeakMemoryMb: 1\n') });
    expect(g.rules[0]!.passed).toBe(false);
    expect(g.rules[0]!.detail).toMatch(/not measured/);
  });

  it('rejects a misspelt key with exit 2 naming the key and file', async () => {
    const f = rules('bad.yaml', 'scores:\n  - suite: math500\n    minimum: 0.5\n');
    const g = await gateRuns({ baseline: dirs.base!, candidate: dirs.noise!, rulesFile: f });
    expect(g.exitCode).toBe(2);
    expect(g.error).toBe(`${f}: scores[0].minimum is not a known key (expected one of: suite, metric, k, min, maxDrop, minOfReference)`);
  });
});

describe('CI outputs', () => {
  it('writes Markdown and JUnit with one test case per rule', async () => {
    const g = await gateRuns({ baseline: dirs.base!, candidate: dirs.drop! });
    const md = gateMarkdown(g);
    expect(md).toMatch(/^## r1bench gate: ❌ failed/);
    expect(md).toContain('| ❌ | math500 pass@1: no significant drop |');
    expect(md).toContain('| ✅ | gpqa pass@1: no significant drop |');
    const xml = gateJunit(g);
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toContain('tests="2" failures="1" errors="0"');
    const refused = gateJunit(await gateRuns({ baseline: dirs.base!, candidate: dirs.otherHash! }));
    expect(refused).toContain('errors="1"');
  });

  it('escapes rule text in XML', () => {
    const xml = gateJunit({ exitCode: 1, baseline: 'a', candidate: 'b', rules: [{ name: 'x<y & "z"', kind: 'min', passed: false, detail: "<b>'\u0001" }] });
    expect(xml).toContain('name="x&lt;y &amp; &quot;z&quot;"');
    expect(xml).toContain('message="&lt;b&gt;&apos;"');
  });
});
