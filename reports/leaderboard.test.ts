import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hardwareLabel, writeLeaderboard } from './leaderboard.ts';
import { buildFixtureRun, type FixtureSuite } from './testing/fixture-run.ts';
import { leaderboardRuns } from './testing/fixture-sets.ts';

const root = mkdtempSync(join(tmpdir(), 'r1-lb-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('writeLeaderboard', () => {
  it('ranks runs, writes a page per run and the table as CSV and JSON', async () => {
    const out = join(root, 'site');
    const rows = await writeLeaderboard(leaderboardRuns(root), out);
    expect(rows.map((r) => r.runId)).toEqual(['r-32b-h200', 'r-7b-a100', 'r-7b-cpu']);
    expect(rows.map((r) => r.hardware)).toEqual(['2× H200', 'a100x1 (vllm, bf16)', '64× EPYC, CPU (llama.cpp, Q4_K_M)']);
    expect(rows[2]!.suites.mmlu).toBeNull();
    for (const r of rows) expect(existsSync(join(out, r.report))).toBe(true);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain(`href="${rows[0]!.report}"`);
    expect(index).toContain('data-suite="mmlu"');
    const csv = readFileSync(join(out, 'leaderboard.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('rank,model,hardware,run_id,mean_score,aime24,aime24_ci_low,aime24_ci_high,mmlu,mmlu_ci_low,mmlu_ci_high,ttft_p95_ms,tpot_p50_ms,output_tokens_per_s,peak_memory_mb,report,unranked_reason,deployment_checks,deployment_differs');
    expect(csv).toHaveLength(4);
    expect(JSON.parse(readFileSync(join(out, 'leaderboard.json'), 'utf8')).rows[0].suites.aime24.value).toBe(rows[0]!.suites.aime24!.value);
  });

  it('ranks on what every run has, not on each run\'s own suites, and lists the others unranked with why', async () => {
    // Share of right samples: item i right when (i mod 20) < 20·rate.
    const suite = (id: string, rate: number, extra: Partial<FixtureSuite> = {}): FixtureSuite => ({ id, scorer: id === 'mmlu' ? 'choice' : 'math', items: 40, samples: 1, correct: (i) => i % 20 < 20 * rate, ...extra });
    const mk = (name: string, suites: FixtureSuite[]) => {
      const dir = join(root, 'cmp', name);
      buildFixtureRun(dir, { runId: name, suites });
      return dir;
    };
    // Own-suite means: broad 62.5% (30% aime, 95% mmlu), narrow 50% (aime only): broad would rank first.
    const broad = mk('broad', [suite('aime24', 0.3), suite('mmlu', 0.95)]);
    const narrow = mk('narrow', [suite('aime24', 0.5)]);
    const rows = await writeLeaderboard([broad, narrow], join(root, 'cmp-site'));
    expect(rows.map((r) => [r.runId, r.rank])).toEqual([['narrow', 1], ['broad', 2]]);
    expect(rows[0]!.meanScore).toBeCloseTo(0.5, 12);
    expect(rows[1]!.meanScore).toBeCloseTo(0.3, 12);
    const json = JSON.parse(readFileSync(join(root, 'cmp-site', 'leaderboard.json'), 'utf8'));
    expect(json.rankedOn).toEqual(['aime24']);
    expect(readFileSync(join(root, 'cmp-site', 'index.html'), 'utf8')).toMatch(/Ranked by the mean headline score \(pass@1\) over aime24/);

    // A chosen suite only some runs have: the others are shown, unranked, with the reason.
    const chosen = await writeLeaderboard([broad, narrow], join(root, 'cmp-mmlu'), { suite: 'mmlu' });
    expect(chosen.map((r) => [r.runId, r.rank, r.unranked])).toEqual([['broad', 1, null], ['narrow', null, 'not ranked: has no suite mmlu']]);
    const csv = readFileSync(join(root, 'cmp-mmlu', 'leaderboard.csv'), 'utf8').trim().split('\n');
    expect(csv[2]).toMatch(/^,deepseek.*,not ranked: has no suite mmlu,not checked,$/);
    expect(readFileSync(join(root, 'cmp-mmlu', 'index.html'), 'utf8')).toContain('<li>deepseek-r1-distill-qwen-7b (narrow): not ranked: has no suite mmlu</li>');

    // Same suite id, other data: not comparable, so not ranked beside the two that agree.
    const other = mk('other', [suite('aime24', 0.9, { contentHash: 'hash-of-a-different-aime' })]);
    const mixed = await writeLeaderboard([broad, narrow, other], join(root, 'cmp-hash'));
    expect(mixed.map((r) => [r.runId, r.rank])).toEqual([['narrow', 1], ['broad', 2], ['other', null]]);
    expect(mixed[2]!.unranked).toMatch(/^not ranked: aime24 has other content \(content hash hash-of-a-di/);
    await expect(writeLeaderboard([broad], join(root, 'cmp-none'), { suite: 'gpqa' })).rejects.toThrow('--suite gpqa: no run given has a scored suite of that id');
  });

  it('labels hardware from whatever the profile holds, the flat profile of older results too', () => {
    expect(hardwareLabel(undefined)).toBe('unknown hardware');
    expect(hardwareLabel({ id: 'h', declared: { engine: 'sglang' } })).toBe('h (sglang)');
    // results.json nests the profile (hardware.profile): a run without a declared profile has buildProfile's
    // probed id ('cpu'), which is not a label; the host is.
    expect(hardwareLabel({ profile: { id: 'cpu', hostRole: 'deployment', host: { cpu: 'AMD EPYC', cores: 2, gpus: [] } } })).toBe('2× AMD EPYC, CPU');
    expect(hardwareLabel({ profile: { id: 'remote (undeclared)', hostRole: 'client', host: { cpu: 'AMD EPYC', cores: 2, gpus: [] } } })).toBe('unknown hardware');
  });
});
